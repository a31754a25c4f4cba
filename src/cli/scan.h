// Opening a filtered, projected, limited stream of rows from a Parquet file:
// the part of `cat` and `convert` that resolves names and predicates.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/table_input.h"
#include "columnar/record_batch.h"
#include "common/result.h"
#include "delta/table_scan.h"
#include "io/file_system.h"
#include "parquet/file_reader.h"

namespace strata::cli {

struct ScanRequest {
  std::string path;
  std::vector<std::string> columns;  // Empty: all.
  std::string where;                 // Empty: no filter.
  int64_t limit = -1;                // -1: all rows.
  TimeTravel travel;                 // For Delta tables.
  // For Delta tables: filled in with the files read and skipped. Must outlive the scan.
  delta::TableScanMetrics* metrics = nullptr;
};

// A RecordBatchReader that owns the file system and reader it reads from.
// `path` is a Parquet file or a Delta table (a directory with _delta_log),
// read at the version `travel` selects.
// Errors: NotFound naming an unknown column and the available ones;
// the reader's errors for the file; Invalid for time travel on a file.
Result<std::unique_ptr<RecordBatchReader>> OpenScan(const ScanRequest& request);

// Wraps a stream so it yields only the rows matching `where` (same syntax
// as for Parquet) and only `columns` (empty: all), for inputs that cannot
// prune themselves (CSV). Errors as for OpenScan, before any row is read.
Result<std::unique_ptr<RecordBatchReader>> FilterAndProject(
    std::unique_ptr<RecordBatchReader> input, const std::vector<std::string>& columns,
    const std::string& where);

// A batch of `schema` with no rows.
Result<RecordBatchPtr> EmptyBatch(const SchemaPtr& schema);

}  // namespace strata::cli
