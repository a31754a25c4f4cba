// `strata generate DATASET --to PATH`: writes a deterministic sample dataset
// as CSV, JSONL or Parquet. Batches are generated (and for text serialised)
// in parallel, written in order, and the file appears at PATH only when
// complete.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/parquet_options.h"
#include "cli/sample_data.h"
#include "columnar/csv_writer.h"
#include "columnar/json_writer.h"
#include "columnar/pretty_print.h"
#include "common/progress.h"
#include "common/thread_pool.h"
#include "io/file_system.h"
#include "io/local_file_system.h"

namespace strata::cli {
namespace {

enum class TextFormat { kCsv, kJsonl, kParquet };

struct GenerateOptions {
  std::string dataset;
  int64_t rows = -1;
  uint64_t seed = 1;
  std::string to;
  std::string format;
  int64_t batch_rows = 65536;
  int64_t preview = 0;
  ParquetCliOptions parquet;
};

Result<TextFormat> ResolveFormat(const std::string& format, const std::string& path) {
  std::string f = format;
  if (f.empty()) {
    bool jsonl = path.ends_with(".jsonl") || path.ends_with(".ndjson") || path.ends_with(".json");
    f = jsonl ? "jsonl" : path.ends_with(".parquet") ? "parquet" : "csv";
  }
  if (f == "csv") return TextFormat::kCsv;
  if (f == "jsonl") return TextFormat::kJsonl;
  if (f == "parquet") return TextFormat::kParquet;
  return Status::Invalid("unknown --format '{}' (expected csv, jsonl or parquet)", f);
}

Result<std::string> Serialize(const RecordBatch& batch, TextFormat format, bool header) {
  std::string text;
  if (format == TextFormat::kJsonl) {
    WriteJsonLines(batch, &text);
  } else {
    RETURN_NOT_OK(WriteCsv(batch, CsvWriteOptions{.header = header}, &text));
  }
  return text;
}

struct Totals {
  int64_t rows = 0;
  int64_t bytes = 0;
};

// Generates the batches of rows [start, start + count * batch_rows) in
// parallel, in order.
Result<std::vector<RecordBatchPtr>> MakeBatches(const SampleDataset& dataset,
                                                const GenerateOptions& opts, int64_t rows,
                                                int64_t start, int64_t count) {
  std::vector<RecordBatchPtr> batches(static_cast<size_t>(count));
  RETURN_NOT_OK(ParallelFor(ThreadPool::Default(), count, [&](int64_t i) -> Status {
    int64_t first = start + i * opts.batch_rows;
    ASSIGN_OR_RETURN(batches[static_cast<size_t>(i)],
                     dataset.MakeBatch(first, std::min(opts.batch_rows, rows - first), opts.seed));
    return Status::OK();
  }));
  return batches;
}

// Parquet: the writer encodes columns in parallel and renames the finished
// file into place itself.
Result<Totals> WriteParquet(const SampleDataset& dataset, const GenerateOptions& opts, int64_t rows,
                            const CliContext& ctx) {
  ASSIGN_OR_RETURN(parquet::WriterOptions options, ToWriterOptions(opts.parquet));
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(auto writer, parquet::ParquetWriter::Open(fs.get(), opts.to, dataset.schema(),
                                                             std::move(options)));
  ProgressReporter progress({.label = "generate", .quiet = ctx.quiet});
  const int64_t window = int64_t{ThreadPool::Default()->num_threads()} * 2;
  for (int64_t start = 0; start < rows; start += window * opts.batch_rows) {
    int64_t count = std::min(window, (rows - start + opts.batch_rows - 1) / opts.batch_rows);
    ASSIGN_OR_RETURN(auto batches, MakeBatches(dataset, opts, rows, start, count));
    for (const RecordBatchPtr& batch : batches) {
      RETURN_NOT_OK(writer->Write(*batch));
      progress.Add(0, batch->num_rows());
    }
  }
  RETURN_NOT_OK(writer->Close());
  progress.Finish();
  ASSIGN_OR_RETURN(FileInfo info, fs->GetFileInfo(opts.to));
  return Totals{.rows = rows, .bytes = info.size};
}

// Generates `rows` rows into `file`. At most two batches per worker are in
// memory at once, whatever the row count.
Status WriteRows(const SampleDataset& dataset, const GenerateOptions& opts, int64_t rows,
                 TextFormat format, WritableFile* file, ProgressReporter* progress) {
  ThreadPool* pool = ThreadPool::Default();
  const int64_t window = int64_t{pool->num_threads()} * 2;
  for (int64_t start = 0; start < rows; start += window * opts.batch_rows) {
    int64_t count = std::min(window, (rows - start + opts.batch_rows - 1) / opts.batch_rows);
    std::vector<std::string> chunks(static_cast<size_t>(count));
    RETURN_NOT_OK(ParallelFor(pool, count, [&](int64_t i) -> Status {
      int64_t first = start + i * opts.batch_rows;
      ASSIGN_OR_RETURN(
          auto batch, dataset.MakeBatch(first, std::min(opts.batch_rows, rows - first), opts.seed));
      ASSIGN_OR_RETURN(chunks[static_cast<size_t>(i)], Serialize(*batch, format, first == 0));
      return Status::OK();
    }));
    for (int64_t i = 0; i < count; ++i) {
      RETURN_NOT_OK(file->Append(chunks[static_cast<size_t>(i)]));
      int64_t batch_rows = std::min(opts.batch_rows, rows - start - i * opts.batch_rows);
      progress->Add(static_cast<int64_t>(chunks[static_cast<size_t>(i)].size()), batch_rows);
    }
  }
  return Status::OK();
}

// Writes to a temporary sibling and renames it into place, so PATH is either
// the complete output or untouched.
Result<Totals> WriteDataset(const SampleDataset& dataset, const GenerateOptions& opts, int64_t rows,
                            TextFormat format, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  const std::string tmp = TempPathBeside(opts.to);
  ASSIGN_OR_RETURN(auto file, fs->OpenForWrite(tmp, WriteMode::kTruncate));
  ProgressReporter progress({.label = "generate", .quiet = ctx.quiet});
  Status st = WriteRows(dataset, opts, rows, format, file.get(), &progress);
  if (st.ok()) st = file->Close();
  if (st.ok()) st = fs->Rename(tmp, opts.to);
  progress.Finish();
  if (!st.ok()) {
    (void)fs->DeleteFile(tmp);  // Best effort: the error below is what matters.
    return st;
  }
  return Totals{.rows = rows, .bytes = file->Tell()};
}

Status PrintPreview(const SampleDataset& dataset, const GenerateOptions& opts, int64_t rows,
                    const CliContext& ctx) {
  ASSIGN_OR_RETURN(auto batch, dataset.MakeBatch(0, std::min(opts.preview, rows), opts.seed));
  ctx.Print("{}", FormatTable(*batch, PrettyPrintOptions{.show_row_count = false}));
  return Status::OK();
}

void PrintSummary(const GenerateOptions& opts, const Totals& totals, TextFormat format,
                  double seconds, const CliContext& ctx) {
  const char* format_name = format == TextFormat::kCsv     ? "csv"
                            : format == TextFormat::kJsonl ? "jsonl"
                                                           : "parquet";
  if (ctx.json) {
    ctx.Print(
        "{{\"dataset\": {}, \"path\": {}, \"format\": \"{}\", \"rows\": {}, \"bytes\": {}, "
        "\"seconds\": {:.3f}}}\n",
        JsonString(opts.dataset), JsonString(opts.to), format_name, totals.rows, totals.bytes,
        seconds);
  } else if (!ctx.quiet) {
    ctx.Print("wrote {} rows of {} ({} bytes, {}) to {} in {:.2f} s\n", totals.rows, opts.dataset,
              totals.bytes, format_name, opts.to, seconds);
  }
}

Status RunGenerate(const GenerateOptions& opts, const CliContext& ctx) {
  ASSIGN_OR_RETURN(const SampleDataset* dataset, FindSampleDataset(opts.dataset));
  ASSIGN_OR_RETURN(TextFormat format, ResolveFormat(opts.format, opts.to));
  const int64_t rows = opts.rows >= 0 ? opts.rows : dataset->default_rows();
  auto start = std::chrono::steady_clock::now();
  Totals totals;
  if (format == TextFormat::kParquet) {
    ASSIGN_OR_RETURN(totals, WriteParquet(*dataset, opts, rows, ctx));
  } else {
    ASSIGN_OR_RETURN(totals, WriteDataset(*dataset, opts, rows, format, ctx));
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (opts.preview > 0 && !ctx.json) RETURN_NOT_OK(PrintPreview(*dataset, opts, rows, ctx));
  PrintSummary(opts, totals, format, elapsed.count(), ctx);
  return Status::OK();
}

}  // namespace

void AddGenerateCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app->add_subcommand("generate", "Write a deterministic sample dataset");
  cmd->add_option("dataset", opts->dataset, "telemetry or edge-cases")->required();
  cmd->add_option("--to", opts->to, "Output file (.csv, .jsonl, .parquet)")->required();
  cmd->add_option("--rows", opts->rows, "Rows to write (default: the dataset's own)")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  cmd->add_option("--seed", opts->seed, "Seed of the generator (same seed, same data)");
  cmd->add_option("--format", opts->format, "csv, jsonl or parquet (default: from the file name)");
  AddParquetWriteOptions(cmd, &opts->parquet);
  cmd->add_option("--batch-rows", opts->batch_rows, "Rows per generated batch")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 24));
  cmd->add_option("--preview", opts->preview, "Print the first N rows as a table")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([ctx, result, opts] {
    if (result->ok()) *result = RunGenerate(*opts, *ctx);
  });
}

}  // namespace strata::cli
