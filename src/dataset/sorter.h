// ExternalSorter: a RecordBatchReader that yields another reader's rows
// sorted by sort keys, in bounded memory (an external merge sort).
//
// Input batches are buffered up to a memory budget. When the whole input
// fits, it is sorted in memory and nothing touches the disk. Otherwise each
// full buffer is sorted and spilled as a sorted run, a Parquet file
// (uncompressed PLAIN pages, no statistics: written once, read once) in a
// temporary directory the caller names; the runs are then merged with a
// heap over each run's current row, reading every run one row group at a
// time. Runs are written in row groups small enough that `merge width` of
// them fit the budget together; when there are more runs than that, groups
// of runs are first merged into longer runs (a multi-pass merge).
//
// Memory: about the budget while reading (the buffered batches, a copy of
// their key columns and the sort order are all charged to it) and while
// merging (one decoded row group per run being merged), plus one output
// batch, and while spilling one run row group being encoded. A single input
// batch larger than the budget is still buffered whole, and run row groups
// are sized from the average row, so skewed row sizes can overshoot.
//
// Equal keys keep their input order (the sort is stable), as the runs are
// merged in input order with ties going to the earlier run.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/record_batch_reader.h"
#include "columnar/sort.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "io/file_system.h"
#include "parquet/file_writer.h"
#include "parquet/thrift/metadata.h"

namespace strata::dataset {

class RunMerger;  // sort_merge.h

// Parses a sort specification as DuckDB's ORDER BY writes it: comma-separated
// `column [ASC | DESC] [NULLS FIRST | NULLS LAST]`, keywords in any case,
// ASC and NULLS LAST by default (for both directions, as DuckDB). A column
// name with spaces, commas or quotes is double-quoted ("a ""b""").
// Errors: Invalid for an empty list or item, an unknown keyword, an unknown
// column (naming it and listing the schema's columns), or a nested column.
Result<std::vector<SortKey>> ParseSortKeys(std::string_view text, const Schema& schema);

// The Parquet sorting_columns declaring `keys` (on columns of `schema`) for
// files of `file_schema`: the same schema, or the dataset writer's without
// identity partition columns. Keys on columns the file lacks are left out:
// a partition column is constant within each file, so the remaining keys
// still describe its order.
Result<std::vector<parquet::SortingColumn>> SortingColumnsFor(const Schema& schema,
                                                              std::span<const SortKey> keys,
                                                              const SchemaPtr& file_schema);

struct SorterOptions {
  // REQUIRES: at least one; valid for the input's schema (CheckSortKeys).
  std::vector<SortKey> keys;
  // What the sorter may hold; beyond it, sorted runs spill to temp_dir.
  int64_t memory_budget_bytes = int64_t{256} << 20;
  // Where runs spill. It must not exist (the sorter creates it on the first
  // spill and removes it, with everything in it, once the merge is done, on
  // an error, or when the sorter is destroyed); its parent need not exist.
  // Hide it (a leading '.' or '_') when it sits inside a dataset. REQUIRES:
  // not empty.
  std::string temp_dir;
  // Most rows per output batch.
  int64_t batch_rows = int64_t{64} * 1024;
  // Most runs merged at once (at least 2).
  int max_merge_width = 64;
  ThreadPool* pool = nullptr;  // For the runs' Parquet I/O; null: Default().
};

// What a sort did, for logs and tests.
struct SorterStats {
  int64_t rows = 0;           // Read from the input.
  int64_t runs = 0;           // Spilled, not counting intermediate merges.
  int64_t merge_passes = 0;   // Intermediate passes before the final merge.
  int64_t spilled_bytes = 0;  // Run files written, intermediate ones included.
};

// Thread safety: none; one consumer, as every RecordBatchReader.
class ExternalSorter final : public RecordBatchReader {
 public:
  // Reads nothing yet: the input is consumed on the first Next().
  // Errors: Invalid for bad keys or options.
  // REQUIRES: `fs` outlives the sorter.
  static Result<std::unique_ptr<ExternalSorter>> Make(FileSystem* fs,
                                                      std::unique_ptr<RecordBatchReader> input,
                                                      SorterOptions options);
  // Removes the spill directory if it is still there (best effort).
  ~ExternalSorter() override;

  const SchemaPtr& schema() const override;
  // The first call reads the whole input (spilling as needed); later ones
  // hand out sorted batches of at most batch_rows rows. Null at the end; an
  // input without rows yields no batch. The input's errors, or the spill
  // files', are returned as they are and end the sort (its files removed).
  Result<RecordBatchPtr> Next() override;

  const SorterStats& stats() const { return stats_; }

 private:
  ExternalSorter(FileSystem* fs, std::unique_ptr<RecordBatchReader> input, SorterOptions options);

  Result<RecordBatchPtr> NextUnchecked();
  // Reads the whole input, spilling full buffers; leaves either an
  // in-memory order or the runs to merge.
  Status Consume();
  // The stable order of the buffered rows, as indices into their
  // concatenation.
  Result<std::vector<int64_t>> SortBuffer() const;
  // Rows order[begin, end) of the buffered batches.
  Result<RecordBatchPtr> TakeSorted(const std::vector<int64_t>& order, int64_t begin,
                                    int64_t end) const;
  Status SpillBuffer();
  void ChooseRunLayout();
  // Merges groups of runs until at most merge_width_ are left.
  Status MergeDown();
  Status MergeInto(const std::vector<std::string>& runs, const std::string& path);
  Result<std::unique_ptr<parquet::ParquetWriter>> OpenRun(const std::string& path) const;
  Result<RecordBatchPtr> NextInMemory();
  Status EnsureTempDir();
  void RemoveTempDir();
  std::string NextRunPath();
  void ClearBuffer();

  FileSystem* const fs_;
  std::unique_ptr<RecordBatchReader> input_;
  const SorterOptions options_;
  const SchemaPtr schema_;
  bool started_ = false;
  Status error_;
  std::vector<RecordBatchPtr> buffer_;
  std::vector<int64_t> starts_;  // Of each buffered batch in their concatenation.
  int64_t buffered_rows_ = 0;
  int64_t charged_bytes_ = 0;   // Against the budget.
  int64_t data_bytes_ = 0;      // Of the buffered columns alone.
  std::vector<int64_t> order_;  // When everything fits: the sorted order.
  int64_t emitted_ = 0;
  std::vector<std::string> runs_;
  int64_t next_run_ = 0;
  int64_t run_batch_rows_ = 0;  // Chosen at the first spill.
  int merge_width_ = 2;
  bool temp_dir_created_ = false;
  std::unique_ptr<RunMerger> merger_;
  int64_t rows_out_ = 0;
  SorterStats stats_;
};

}  // namespace strata::dataset
