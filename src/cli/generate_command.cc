// `strata generate DATASET --to PATH`: writes a deterministic sample dataset
// as CSV, JSONL, one JSON document or Parquet, text optionally gzipped.
// Batches are generated (and for text serialised) in parallel, written in
// order, and the file appears at PATH only when complete.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/gzip_file.h"
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

enum class TextFormat { kCsv, kJsonl, kJson, kParquet };

struct GenerateOptions {
  std::string dataset;
  int64_t rows = -1;
  uint64_t seed = 1;
  std::string to;
  std::string format;
  bool gzip = false;
  int64_t batch_rows = 65536;
  int64_t preview = 0;
  ParquetCliOptions parquet;
};

std::string_view FormatName(TextFormat format) {
  switch (format) {
    case TextFormat::kCsv: return "csv";
    case TextFormat::kJsonl: return "jsonl";
    case TextFormat::kJson: return "json";
    case TextFormat::kParquet: return "parquet";
  }
  return "?";
}

// From --format, else from the file name (a ".gz" suffix aside). ".json" is
// one document for document datasets (a report) but stays JSON Lines for
// tables, as it always has.
Result<TextFormat> ResolveFormat(const std::string& format, std::string_view path,
                                 const SampleDataset& dataset) {
  std::string f = format;
  if (f.empty()) {
    if (path.ends_with(".gz")) path.remove_suffix(3);
    bool document = path.ends_with(".json") && dataset.json_document().has_value();
    bool jsonl = path.ends_with(".jsonl") || path.ends_with(".ndjson") || path.ends_with(".json");
    f = document ? "json" : jsonl ? "jsonl" : path.ends_with(".parquet") ? "parquet" : "csv";
  }
  for (TextFormat t :
       {TextFormat::kCsv, TextFormat::kJsonl, TextFormat::kJson, TextFormat::kParquet}) {
    if (f == FormatName(t)) {
      return t;
    }
  }
  return Status::Invalid("unknown --format '{}' (expected csv, jsonl, json or parquet)", f);
}

// Where a JSON document's rows go: the envelope columns' indices (left out
// of the elements) and the text around the elements.
struct JsonDocument {
  std::vector<bool> in_envelope;  // By column index.
  std::string head;
  std::string tail;
};

// A document dataset's envelope takes its values from row 0, which exists
// for any seed whatever --rows says; a table is a bare array.
Result<JsonDocument> MakeJsonDocument(const SampleDataset& dataset, uint64_t seed) {
  JsonDocument doc;
  const SchemaPtr schema = dataset.schema();
  doc.in_envelope.assign(static_cast<size_t>(schema->num_fields()), false);
  auto shape = dataset.json_document();
  if (!shape) {
    doc.head = "[";
    doc.tail = "\n]\n";
    return doc;
  }
  ASSIGN_OR_RETURN(auto first, dataset.MakeBatch(0, 1, seed));
  doc.head = "{";
  for (std::string_view name : shape->envelope_columns) {
    int i = schema->FieldIndex(name);
    if (i < 0) {
      return Status::Internal("sample dataset {}: no envelope column '{}'", dataset.name(), name);
    }
    doc.in_envelope[static_cast<size_t>(i)] = true;
    AppendJsonString(name, &doc.head);
    doc.head += ':';
    AppendJsonValue(*first->column(i), 0, &doc.head);
    doc.head += ',';
  }
  AppendJsonString(shape->array_key, &doc.head);
  doc.head += ":[";
  doc.tail = "\n]}\n";
  return doc;
}

// Appends each row of `batch` as an array element: an object of the
// non-envelope columns, one per line, comma-separated across batches.
void AppendJsonElements(const RecordBatch& batch, const JsonDocument& doc, bool first_batch,
                        std::string* out) {
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    out->append(first_batch && row == 0 ? "\n{" : ",\n{");
    bool first_key = true;
    for (int i = 0; i < batch.num_columns(); ++i) {
      if (doc.in_envelope[static_cast<size_t>(i)]) continue;
      if (!first_key) out->push_back(',');
      first_key = false;
      AppendJsonString(batch.schema()->field(i).name, out);
      out->push_back(':');
      AppendJsonValue(*batch.column(i), row, out);
    }
    out->push_back('}');
  }
}

// `doc` is used only for kJson.
Result<std::string> Serialize(const RecordBatch& batch, TextFormat format, bool first_batch,
                              const JsonDocument& doc) {
  std::string text;
  if (format == TextFormat::kJsonl) {
    WriteJsonLines(batch, &text);
  } else if (format == TextFormat::kJson) {
    AppendJsonElements(batch, doc, first_batch, &text);
  } else {
    RETURN_NOT_OK(WriteCsv(batch, CsvWriteOptions{.header = first_batch}, &text));
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
  JsonDocument doc;
  if (format == TextFormat::kJson) {
    ASSIGN_OR_RETURN(doc, MakeJsonDocument(dataset, opts.seed));
    RETURN_NOT_OK(file->Append(doc.head));
  }
  ThreadPool* pool = ThreadPool::Default();
  const int64_t window = int64_t{pool->num_threads()} * 2;
  for (int64_t start = 0; start < rows; start += window * opts.batch_rows) {
    int64_t count = std::min(window, (rows - start + opts.batch_rows - 1) / opts.batch_rows);
    std::vector<std::string> chunks(static_cast<size_t>(count));
    RETURN_NOT_OK(ParallelFor(pool, count, [&](int64_t i) -> Status {
      int64_t first = start + i * opts.batch_rows;
      ASSIGN_OR_RETURN(
          auto batch, dataset.MakeBatch(first, std::min(opts.batch_rows, rows - first), opts.seed));
      ASSIGN_OR_RETURN(chunks[static_cast<size_t>(i)], Serialize(*batch, format, first == 0, doc));
      return Status::OK();
    }));
    for (int64_t i = 0; i < count; ++i) {
      RETURN_NOT_OK(file->Append(chunks[static_cast<size_t>(i)]));
      int64_t batch_rows = std::min(opts.batch_rows, rows - start - i * opts.batch_rows);
      progress->Add(static_cast<int64_t>(chunks[static_cast<size_t>(i)].size()), batch_rows);
    }
  }
  return format == TextFormat::kJson ? file->Append(doc.tail) : Status::OK();
}

// Creates `path`, compressing what is written to it when `gzip`; on failure
// leaves no file behind.
Result<std::unique_ptr<WritableFile>> OpenOutput(FileSystem* fs, const std::string& path,
                                                 bool gzip) {
  ASSIGN_OR_RETURN(auto file, fs->OpenForWrite(path, WriteMode::kTruncate));
  if (!gzip) {
    return file;
  }
  Result<std::unique_ptr<WritableFile>> wrapped = MakeGzipWritableFile(std::move(file));
  if (!wrapped.ok()) {
    (void)fs->DeleteFile(path);  // Best effort: the error is what matters.
  }
  return wrapped;
}

// Writes to a temporary sibling and renames it into place, so PATH is either
// the complete output or untouched. With `gzip`, the text is compressed as
// it streams out.
Result<Totals> WriteDataset(const SampleDataset& dataset, const GenerateOptions& opts, int64_t rows,
                            TextFormat format, bool gzip, const CliContext& ctx) {
  auto fs = NewLocalFileSystem();
  const std::string tmp = TempPathBeside(opts.to);
  ASSIGN_OR_RETURN(auto file, OpenOutput(fs.get(), tmp, gzip));
  ProgressReporter progress({.label = "generate", .quiet = ctx.quiet});
  Status st = WriteRows(dataset, opts, rows, format, file.get(), &progress);
  if (st.ok()) st = file->Close();
  if (st.ok()) st = fs->Rename(tmp, opts.to);
  progress.Finish();
  if (!st.ok()) {
    file.reset();               // Closes the file before its removal.
    (void)fs->DeleteFile(tmp);  // Best effort: the error below is what matters.
    return st;
  }
  ASSIGN_OR_RETURN(FileInfo info, fs->GetFileInfo(opts.to));
  return Totals{.rows = rows, .bytes = info.size};
}

Status PrintPreview(const SampleDataset& dataset, const GenerateOptions& opts, int64_t rows,
                    const CliContext& ctx) {
  ASSIGN_OR_RETURN(auto batch, dataset.MakeBatch(0, std::min(opts.preview, rows), opts.seed));
  ctx.Print("{}", FormatTable(*batch, PrettyPrintOptions{.show_row_count = false}));
  return Status::OK();
}

void PrintSummary(const GenerateOptions& opts, const Totals& totals, TextFormat format, bool gzip,
                  double seconds, const CliContext& ctx) {
  if (ctx.json) {
    ctx.Print(
        "{{\"dataset\": {}, \"path\": {}, \"format\": \"{}\", \"gzip\": {}, \"rows\": {}, "
        "\"bytes\": {}, \"seconds\": {:.3f}}}\n",
        JsonString(opts.dataset), JsonString(opts.to), FormatName(format), gzip, totals.rows,
        totals.bytes, seconds);
  } else if (!ctx.quiet) {
    ctx.Print("wrote {} rows of {} ({} bytes, {}{}) to {} in {:.2f} s\n", totals.rows, opts.dataset,
              totals.bytes, FormatName(format), gzip ? ", gzip" : "", opts.to, seconds);
  }
}

Status RunGenerate(const GenerateOptions& opts, const CliContext& ctx) {
  ASSIGN_OR_RETURN(const SampleDataset* dataset, FindSampleDataset(opts.dataset));
  ASSIGN_OR_RETURN(TextFormat format, ResolveFormat(opts.format, opts.to, *dataset));
  const bool gzip = opts.gzip || opts.to.ends_with(".gz");
  if (gzip && format == TextFormat::kParquet) {
    return Status::Invalid(
        "--gzip compresses csv, jsonl and json output; Parquet compresses its pages "
        "(use --compression gzip)");
  }
  const int64_t rows = opts.rows >= 0 ? opts.rows : dataset->default_rows();
  auto start = std::chrono::steady_clock::now();
  Totals totals;
  if (format == TextFormat::kParquet) {
    ASSIGN_OR_RETURN(totals, WriteParquet(*dataset, opts, rows, ctx));
  } else {
    ASSIGN_OR_RETURN(totals, WriteDataset(*dataset, opts, rows, format, gzip, ctx));
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (opts.preview > 0 && !ctx.json) RETURN_NOT_OK(PrintPreview(*dataset, opts, rows, ctx));
  PrintSummary(opts, totals, format, gzip, elapsed.count(), ctx);
  return Status::OK();
}

}  // namespace

void AddGenerateCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app->add_subcommand("generate", "Write a deterministic sample dataset");
  cmd->add_option("dataset", opts->dataset,
                  "telemetry, edge-cases, query-perf, sensors or index-advisor")
      ->required();
  cmd->add_option("--to,--out", opts->to, "Output file (.csv, .jsonl, .json, .parquet[, .gz])")
      ->required();
  cmd->add_option("--rows", opts->rows, "Rows to write (default: the dataset's own)")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  cmd->add_option("--seed", opts->seed, "Seed of the generator (same seed, same data)");
  cmd->add_option("--format", opts->format,
                  "csv, jsonl, json (one document) or parquet (default: from the file name)");
  cmd->add_flag("--gzip", opts->gzip,
                "Gzip the csv/jsonl/json output (implied by a name ending in .gz)");
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
