// `strata convert INPUT... --to DEST`: reads each input (Parquet today) and
// writes it with strata's writer, into one Parquet file or a directory of
// them (hive partitions, files rolled at a target size, immutable names).
// Each input is converted on its own: a failed one leaves nothing behind
// and does not stop the others; the exit code is 1 if any failed. After
// writing, the row counts in the written footers must equal the rows read.
#include <fmt/format.h>

#include <chrono>

#include "cli/commands.h"
#include "cli/parquet_options.h"
#include "cli/scan.h"
#include "common/progress.h"
#include "dataset/dataset_writer.h"
#include "io/local_file_system.h"

namespace strata::cli {
namespace {

struct ConvertOptions {
  std::vector<std::string> inputs;
  std::string to;
  std::vector<std::string> columns;
  std::string where;
  std::string partition_by;
  std::string target_file_size = "512MB";
  ParquetCliOptions parquet;
};

struct Summary {
  std::string input;
  std::string output;  // The file, or the directory.
  int64_t rows = 0;
  int64_t files = 0;
  int64_t input_bytes = 0;
  int64_t output_bytes = 0;
  double seconds = 0;
};

// A single file is written when DEST ends in .parquet and nothing asks for
// a directory.
bool WritesSingleFile(const ConvertOptions& opts) {
  return opts.to.ends_with(".parquet") && opts.partition_by.empty() && opts.inputs.size() == 1;
}

// The rows the footers of `paths` declare.
Result<int64_t> FooterRows(FileSystem* fs, const std::vector<std::string>& paths) {
  int64_t rows = 0;
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(auto reader, parquet::ParquetReader::Open(fs, path));
    rows += reader->num_rows();
  }
  return rows;
}

Status CheckIntegrity(FileSystem* fs, const std::vector<std::string>& paths, int64_t rows_read) {
  ASSIGN_OR_RETURN(const int64_t written, FooterRows(fs, paths));
  if (written != rows_read) {
    return Status::Internal("{} rows were read but the written footers hold {}", rows_read,
                            written);
  }
  return Status::OK();
}

// Streams `scan` into a single file at opts.to.
Status WriteFile(FileSystem* fs, RecordBatchReader* scan, const ConvertOptions& opts,
                 const parquet::WriterOptions& options, ProgressReporter* progress,
                 Summary* summary) {
  ASSIGN_OR_RETURN(auto writer, parquet::ParquetWriter::Open(fs, opts.to, scan->schema(), options));
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK(writer->Write(*batch));
    summary->rows += batch->num_rows();
    progress->Add(0, batch->num_rows());
  }
  RETURN_NOT_OK(writer->Close());
  RETURN_NOT_OK(CheckIntegrity(fs, {opts.to}, summary->rows));
  ASSIGN_OR_RETURN(FileInfo out, fs->GetFileInfo(opts.to));
  summary->files = 1;
  summary->output_bytes = out.size;
  return Status::OK();
}

// Streams `scan` into the directory opts.to; files appear only when whole.
Status WriteDataset(FileSystem* fs, RecordBatchReader* scan, const ConvertOptions& opts,
                    const parquet::WriterOptions& options, ProgressReporter* progress,
                    Summary* summary) {
  dataset::DatasetWriterOptions dataset_options{.file = options};
  if (!opts.partition_by.empty()) {
    Result<std::vector<dataset::PartitionField>> fields =
        dataset::ParsePartitioning(opts.partition_by, *scan->schema());
    if (!fields.ok()) return fields.status().WithContext("--partition-by");
    dataset_options.partitions = std::move(fields).value();
  }
  Result<int64_t> target = ParseByteSize(opts.target_file_size);
  if (!target.ok()) return target.status().WithContext("--target-file-size");
  dataset_options.target_file_bytes = *target;
  ASSIGN_OR_RETURN(auto writer, dataset::DatasetWriter::Open(fs, opts.to, scan->schema(),
                                                             std::move(dataset_options)));
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK(writer->Write(batch));
    summary->rows += batch->num_rows();
    progress->Add(0, batch->num_rows());
  }
  RETURN_NOT_OK(writer->Commit());
  std::vector<std::string> paths;
  for (const dataset::WrittenFile& file : writer->files()) {
    paths.push_back(file.path);
    summary->output_bytes += file.bytes;
  }
  summary->files = static_cast<int64_t>(paths.size());
  return CheckIntegrity(fs, paths, summary->rows);
}

Result<Summary> ConvertOne(const std::string& input, const ConvertOptions& opts,
                           const CliContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(parquet::WriterOptions options, ToWriterOptions(opts.parquet));
  ScanRequest request{.path = input, .columns = opts.columns, .where = opts.where};
  ASSIGN_OR_RETURN(auto scan, OpenScan(request));
  auto fs = NewLocalFileSystem();
  Summary summary{.input = input, .output = opts.to};
  ASSIGN_OR_RETURN(FileInfo in, fs->GetFileInfo(input));
  summary.input_bytes = in.size;
  ProgressReporter progress({.label = "convert", .quiet = ctx.quiet});
  if (WritesSingleFile(opts)) {
    RETURN_NOT_OK(WriteFile(fs.get(), scan.get(), opts, options, &progress, &summary));
  } else {
    RETURN_NOT_OK(WriteDataset(fs.get(), scan.get(), opts, options, &progress, &summary));
  }
  progress.Finish();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  summary.seconds = elapsed.count();
  return summary;
}

double Ratio(const Summary& s) {
  return s.input_bytes > 0 ? static_cast<double>(s.output_bytes) / s.input_bytes : 0;
}

void PrintSummary(const Summary& s, const CliContext& ctx) {
  const double rows_per_s = s.seconds > 0 ? static_cast<double>(s.rows) / s.seconds : 0;
  if (ctx.json) {
    ctx.Print(
        "{{\"input\": {}, \"output\": {}, \"rows\": {}, \"rejected\": 0, \"files\": {}, "
        "\"input_bytes\": {}, \"output_bytes\": {}, \"ratio\": {:.4f}, \"seconds\": {:.3f}}}\n",
        JsonString(s.input), JsonString(s.output), s.rows, s.files, s.input_bytes, s.output_bytes,
        Ratio(s), s.seconds);
  } else if (!ctx.quiet) {
    ctx.Print(
        "input={} rows={} rejected=0 files={} in_bytes={} out_bytes={} ratio={:.1f}% "
        "rows_per_s={:.0f} seconds={:.2f}\n",
        s.input, s.rows, s.files, s.input_bytes, s.output_bytes, Ratio(s) * 100, rows_per_s,
        s.seconds);
  }
}

Status ConvertAll(const ConvertOptions& opts, const CliContext& ctx) {
  if (opts.to.ends_with(".parquet") && opts.inputs.size() > 1) {
    return Status::Invalid("{} inputs cannot go into one file '{}': give a directory",
                           opts.inputs.size(), opts.to);
  }
  int failed = 0;
  Status last;
  for (const std::string& input : opts.inputs) {
    Result<Summary> summary = ConvertOne(input, opts, ctx);
    if (summary.ok()) {
      PrintSummary(*summary, ctx);
      continue;
    }
    ++failed;
    last = summary.status();
    if (opts.inputs.size() > 1) ctx.Error(summary.status());
  }
  if (failed == 0) return Status::OK();
  if (opts.inputs.size() == 1) return last;
  return Status::Invalid("{} of {} inputs failed", failed, opts.inputs.size());
}

}  // namespace

void AddConvertCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app->add_subcommand(
      "convert", "Convert files into a Parquet file or a directory of Parquet files");
  cmd->add_option("inputs", opts->inputs, "Files to read (Parquet)")->required();
  cmd->add_option("--to", opts->to, "Destination: FILE.parquet for one input, else a directory")
      ->required();
  cmd->add_option("--columns", opts->columns, "Columns to keep (default: all)")->delimiter(',');
  cmd->add_option("--where", opts->where, "Keep only the rows that match (see `strata cat`)");
  cmd->add_option("--partition-by", opts->partition_by,
                  "Hive partitions: col, year(ts), month(ts), day(ts), date(ts), hour(ts) "
                  "or key=fn(col), comma-separated");
  cmd->add_option("--target-file-size", opts->target_file_size,
                  "Roll over to a new file at this size (directory output)")
      ->capture_default_str();
  AddParquetWriteOptions(cmd, &opts->parquet);
  cmd->callback([ctx, result, opts] {
    if (!result->ok()) return;
    *result = ConvertAll(*opts, *ctx);
  });
}

}  // namespace strata::cli
