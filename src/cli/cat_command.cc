// `strata cat FILE`: the rows of a Parquet file or Delta table as a table,
// CSV or JSON Lines, streamed batch by batch (a table keeps only its first and last
// rows, so any file size prints in bounded memory).
#include <deque>

#include "cli/commands.h"
#include "cli/scan.h"
#include "columnar/csv_writer.h"
#include "columnar/json_writer.h"
#include "columnar/pretty_print.h"

namespace strata::cli {
namespace {

constexpr int64_t kTableRows = 40;

struct CatOptions {
  std::string path;
  std::vector<std::string> columns;
  std::string where;
  int64_t limit = -1;
  std::string format = "table";
  TimeTravel travel;
  bool explain = false;
};

// The first rows of `batches`, at most `n`.
std::vector<RecordBatchPtr> First(const std::vector<RecordBatchPtr>& batches, int64_t n) {
  std::vector<RecordBatchPtr> out;
  for (const auto& b : batches) {
    if (n <= 0) break;
    out.push_back(b->Slice(0, n));
    n -= out.back()->num_rows();
  }
  return out;
}

// Keeps what a table of a stream shows: every row of a short stream, else
// the first and last rows (the printer puts a '·' row between them).
class TableCollector {
 public:
  void Add(const RecordBatchPtr& batch) {
    total_ += batch->num_rows();
    if (head_rows_ <= kTableRows) {
      head_.push_back(batch->Slice(0, kTableRows + 1 - head_rows_));
      head_rows_ += head_.back()->num_rows();
    }
    tail_.push_back(batch);
    tail_rows_ += batch->num_rows();
    while (tail_rows_ - tail_.front()->num_rows() > kTailRows) {
      tail_rows_ -= tail_.front()->num_rows();
      tail_.pop_front();
    }
  }

  std::string Render(const Schema& schema) const {
    std::vector<RecordBatchPtr> rows = First(head_, total_ <= kTableRows ? total_ : kTableRows / 2);
    if (total_ > kTableRows) {
      int64_t skip = tail_rows_ - kTailRows;
      for (const auto& b : tail_) {
        rows.push_back(b->Slice(skip, b->num_rows()));
        skip = 0;
      }
    }
    PrettyPrintOptions options{.max_rows = kTableRows, .show_row_count = false};
    return FormatTable(schema, rows, options) +
           fmt::format("{} rows{}\n", total_,
                       total_ > kTableRows ? fmt::format(" ({} shown)", kTableRows) : "");
  }

 private:
  // One more than half, so the printer sees more rows than it shows.
  static constexpr int64_t kTailRows = kTableRows / 2 + 1;
  std::vector<RecordBatchPtr> head_;
  std::deque<RecordBatchPtr> tail_;
  int64_t head_rows_ = 0;
  int64_t tail_rows_ = 0;
  int64_t total_ = 0;
};

Status Emit(const RecordBatch& batch, const std::string& format, bool first,
            const CliContext& ctx) {
  std::string text;
  if (format == "csv") {
    RETURN_NOT_OK(WriteCsv(batch, CsvWriteOptions{.header = first}, &text));
  } else {
    WriteJsonLines(batch, &text);
  }
  std::fwrite(text.data(), 1, text.size(), ctx.out);
  return Status::OK();
}

Status RunCat(const CatOptions& opts, const CliContext& ctx) {
  ScanRequest request{.path = opts.path,
                      .columns = opts.columns,
                      .where = opts.where,
                      .limit = opts.limit,
                      .travel = opts.travel};
  delta::TableScanMetrics metrics;
  if (opts.explain) request.metrics = &metrics;
  ASSIGN_OR_RETURN(auto scan, OpenScan(request));
  TableCollector table;
  bool first = true;
  while (true) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    if (opts.format == "table") {
      table.Add(batch);
    } else {
      RETURN_NOT_OK(Emit(*batch, opts.format, first, ctx));
    }
    first = false;
  }
  if (opts.format == "csv" && first) {
    // No rows: still print the header so the output is a valid CSV file.
    ASSIGN_OR_RETURN(auto empty, EmptyBatch(scan->schema()));
    RETURN_NOT_OK(Emit(*empty, "csv", true, ctx));
  }
  if (opts.format == "table") ctx.Print("{}", table.Render(*scan->schema()));
  if (opts.explain) {
    fmt::print(ctx.err,
               "explain: files={} skipped_by_partition={} skipped_by_stats={} read={} "
               "rows_deleted_by_dv={}\n",
               metrics.files_total, metrics.files_skipped_by_partition,
               metrics.files_skipped_by_stats, metrics.files_read, metrics.rows_deleted);
  }
  return Status::OK();
}

}  // namespace

void AddCatCommand(CLI::App* app, CliContext* ctx, Status* result) {
  auto opts = std::make_shared<CatOptions>();
  CLI::App* cmd = app->add_subcommand("cat", "Print the rows of a Parquet file or Delta table");
  cmd->add_option("file", opts->path, "Parquet file or Delta table directory")->required();
  AddTimeTravelOptions(cmd, &opts->travel);
  cmd->add_flag("--explain", opts->explain,
                "For a Delta table: report on stderr how many files --where skipped");
  cmd->add_option("--columns", opts->columns, "Columns to print (default: all)")->delimiter(',');
  cmd->add_option("--where", opts->where,
                  "Filter: comparisons (=, !=, <, <=, >, >=, IN, IS [NOT] NULL) joined by AND");
  cmd->add_option("--limit", opts->limit, "Print at most N rows")->check(CLI::NonNegativeNumber);
  cmd->add_option("--format", opts->format, "table (default), csv or jsonl")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}));
  cmd->callback([ctx, result, opts] {
    if (result->ok()) *result = RunCat(*opts, *ctx);
  });
}

}  // namespace strata::cli
