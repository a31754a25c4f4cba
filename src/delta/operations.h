// Table maintenance: optimize (compaction), vacuum (deleting unreferenced
// files) and restore (returning to an earlier version).

#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "delta/table_writer.h"
#include "io/file_system.h"
#include "parquet/predicate.h"

namespace strata::delta {

struct OptimizeOptions {
  // Only partitions matching this predicate on partition columns; empty: all.
  std::string where;
  // Files of at least this size are left alone; smaller ones of a partition
  // are rewritten together into files of about this size.
  int64_t target_file_bytes = int64_t{128} << 20;
  parquet::WriterOptions file;
  TransactionOptions transaction;
};

struct OptimizeResult {
  int64_t version = -1;  // -1 when there was nothing to compact.
  int64_t files_removed = 0;
  int64_t files_added = 0;
  int64_t partitions_optimized = 0;
  int64_t rows = 0;
};

// Bin-packs the small files of each partition into files of about the
// target size, as one commit of removes and adds with dataChange=false (rows
// deleted by deletion vectors are dropped). A concurrent append does not
// conflict; a concurrent removal of a compacted file does (kConflict).
// Errors: kInvalid for a --where on a column that is not a partition column.
[[nodiscard]] Result<OptimizeResult> Optimize(FileSystem* fs, const std::string& table_root,
                                              const OptimizeOptions& options);

struct VacuumOptions {
  // Files unreferenced for this long are deleted; nullopt: the table's
  // delta.deletedFileRetentionDuration (default 7 days).
  std::optional<int64_t> retain_ms;
  bool dry_run = false;
  // Allow a retention shorter than the table's setting (breaks time travel
  // and readers of older versions).
  bool force = false;
  Clock* clock = nullptr;
};

struct VacuumResult {
  std::vector<std::string> deleted;  // Or, with dry_run, that would be.
  int64_t bytes = 0;
};

// Deletes the data files under the table that no version within the
// retention references (neither the latest snapshot nor a remove younger
// than the retention), and that are older than the retention themselves (so
// files of writes in progress survive). Hidden names and directories (`.x`,
// `_x`, `_delta_log`; partition directories are not hidden) are never
// touched. kInvalid for a retention below the table's setting without
// `force`; kNotImplemented for a writer version or feature strata does not
// support (PROTOCOL.md, "VACUUM Protocol Check").
[[nodiscard]] Result<VacuumResult> Vacuum(FileSystem* fs, const std::string& table_root,
                                          const VacuumOptions& options);

struct RestoreResult {
  int64_t version = -1;
  int64_t files_added = 0;
  int64_t files_removed = 0;
};

// Makes the latest version hold what `version` held: one commit that
// re-adds its files and removes the others (files are told apart by path and
// deletion vector), and restores its schema. kNotFound naming a data or
// deletion vector file of `version` that no longer exists (vacuumed);
// kInvalid when it would remove files of an append-only table; the
// TableWriter's kNotImplemented for a table strata cannot write.
[[nodiscard]] Result<RestoreResult> Restore(FileSystem* fs, const std::string& table_root,
                                            int64_t version, TransactionOptions options);

// Parses a retention like "168h", "7d", "30m", "45s", "250ms" or "interval
// 1 week" / "interval 2 hours" (the table property's form, any case) into
// milliseconds. kInvalid for anything else, a negative amount or overflow.
[[nodiscard]] Result<int64_t> ParseRetention(std::string_view text);

}  // namespace strata::delta
