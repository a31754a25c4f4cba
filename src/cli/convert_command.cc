// `strata convert IN.parquet --to OUT.parquet`: re-encodes a Parquet file
// with strata's writer (codec, level, row groups, pages, encodings, bloom
// filters as asked). Rows stream through in batches; the output appears
// only when complete.
#include <chrono>

#include "cli/commands.h"
#include "cli/parquet_options.h"
#include "cli/scan.h"
#include "common/progress.h"
#include "io/local_file_system.h"

namespace strata::cli {
namespace {

struct ConvertOptions {
  std::string input;
  std::string to;
  std::vector<std::string> columns;
  std::string where;
  ParquetCliOptions parquet;
};

struct Summary {
  int64_t rows = 0;
  int64_t input_bytes = 0;
  int64_t output_bytes = 0;
  double seconds = 0;
};

Result<Summary> Convert(const ConvertOptions& opts, const CliContext& ctx) {
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(parquet::WriterOptions options, ToWriterOptions(opts.parquet));
  ScanRequest request{.path = opts.input, .columns = opts.columns, .where = opts.where};
  ASSIGN_OR_RETURN(auto scan, OpenScan(request));
  auto fs = NewLocalFileSystem();
  ASSIGN_OR_RETURN(auto writer, parquet::ParquetWriter::Open(fs.get(), opts.to, scan->schema(),
                                                             std::move(options)));
  ProgressReporter progress({.label = "convert", .quiet = ctx.quiet});
  while (true) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    RETURN_NOT_OK(writer->Write(*batch));
    progress.Add(0, batch->num_rows());
  }
  RETURN_NOT_OK(writer->Close());
  progress.Finish();
  ASSIGN_OR_RETURN(FileInfo in, fs->GetFileInfo(opts.input));
  ASSIGN_OR_RETURN(FileInfo out, fs->GetFileInfo(opts.to));
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return Summary{.rows = writer->num_rows(),
                 .input_bytes = in.size,
                 .output_bytes = out.size,
                 .seconds = elapsed.count()};
}

void PrintSummary(const ConvertOptions& opts, const Summary& s, const CliContext& ctx) {
  double ratio = s.input_bytes > 0 ? static_cast<double>(s.output_bytes) / s.input_bytes : 0;
  if (ctx.json) {
    ctx.Print(
        "{{\"input\": {}, \"output\": {}, \"rows\": {}, \"input_bytes\": {}, "
        "\"output_bytes\": {}, \"ratio\": {:.4f}, \"seconds\": {:.3f}}}\n",
        JsonString(opts.input), JsonString(opts.to), s.rows, s.input_bytes, s.output_bytes, ratio,
        s.seconds);
  } else if (!ctx.quiet) {
    ctx.Print(
        "converted {} rows: {} ({} bytes) -> {} ({} bytes, {:.1f}% of the input) in {:.2f} s\n",
        s.rows, opts.input, s.input_bytes, opts.to, s.output_bytes, ratio * 100, s.seconds);
  }
}

}  // namespace

void AddConvertCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app->add_subcommand("convert", "Re-encode a Parquet file into a new one");
  cmd->add_option("input", opts->input, "Parquet file to read")->required();
  cmd->add_option("--to", opts->to, "Parquet file to write")->required();
  cmd->add_option("--columns", opts->columns, "Columns to keep (default: all)")->delimiter(',');
  cmd->add_option("--where", opts->where, "Keep only the rows that match (see `strata cat`)");
  AddParquetWriteOptions(cmd, &opts->parquet);
  cmd->callback([ctx, result, opts] {
    if (!result->ok()) return;
    Result<Summary> summary = Convert(*opts, *ctx);
    if (summary.ok()) PrintSummary(*opts, *summary, *ctx);
    *result = summary.status();
  });
}

}  // namespace strata::cli
