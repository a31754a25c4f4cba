// Reading the rows of a Delta snapshot: its live data files in order, with
// physical column names mapped to logical ones, partition values added as
// columns, rows deleted by deletion vectors dropped, and file column types
// adapted to the table's (INT96 and millisecond timestamps, narrower
// integers from before a type widening).

#pragma once

#include <memory>
#include <string>
#include <vector>

#include "columnar/record_batch_reader.h"
#include "common/result.h"
#include "delta/snapshot.h"
#include "parquet/predicate.h"

namespace strata::delta {

struct TableScanOptions {
  // Logical top-level column names, in output order; empty reads every column.
  std::vector<std::string> columns;
  // Most rows per batch.
  int64_t batch_rows = int64_t{64} * 1024;
  // Files that cannot hold a matching row (by partition values or stats,
  // see data_skipping.h) are not read. Rows of the files read are not
  // filtered: callers evaluate the predicate. Bound to the snapshot's schema.
  std::shared_ptr<const parquet::BoundPredicate> skip_files_by;
  // Read only these files (live files of the snapshot); nullopt: all of them.
  std::optional<std::vector<AddFile>> files;
};

// What a scan did, for --explain and --json output.
struct TableScanMetrics {
  int64_t files_total = 0;
  int64_t files_skipped_by_partition = 0;
  int64_t files_skipped_by_stats = 0;
  int64_t files_read = 0;
  int64_t rows_deleted = 0;  // Dropped by deletion vectors.
};

// Opens a scan over `snapshot`. kNotFound naming an unknown column (and the
// table's columns). Errors while reading name the data file and column.
// The reader keeps `snapshot` alive. `metrics`, when given, is updated as the
// scan proceeds and must outlive the reader.
[[nodiscard]] Result<std::unique_ptr<RecordBatchReader>> ScanTable(
    std::shared_ptr<const Snapshot> snapshot, const TableScanOptions& options,
    TableScanMetrics* metrics = nullptr);

}  // namespace strata::delta
