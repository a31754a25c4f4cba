// Internal to the sorter: the k-way merge of sorted runs (Parquet files).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "columnar/sort.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "io/file_system.h"
#include "parquet/file_reader.h"

namespace strata::dataset {

// Merges runs, each sorted by `keys`, into one sorted stream. Holds one
// decoded row group per run: a binary heap orders the runs by their current
// rows, ties going to the earlier run so a merge of runs in input order is
// stable. An output batch ends at batch_rows rows or when a run's row group
// runs out (its next one is read on the following call), so no run ever
// holds two row groups.
// Thread safety: none.
class RunMerger {
 public:
  // Opens every run and reads its first row group.
  // REQUIRES: the runs were written from batches of `schema`; `fs` outlives
  // the merger; batch_rows > 0.
  static Result<std::unique_ptr<RunMerger>> Open(FileSystem* fs, SchemaPtr schema,
                                                 const std::vector<std::string>& paths,
                                                 std::vector<SortKey> keys, int64_t batch_rows,
                                                 ThreadPool* pool);

  // The next merged batch (of `schema`), or null after the last row.
  Result<RecordBatchPtr> Next();

 private:
  struct Cursor {
    std::unique_ptr<parquet::ParquetReader> reader;
    int next_row_group = 0;
    RowKeys keys;  // Of batches_[run].
    int64_t row = 0;
  };

  RunMerger(SchemaPtr schema, std::vector<SortKey> keys, int64_t batch_rows)
      : schema_(std::move(schema)), keys_(std::move(keys)), batch_rows_(batch_rows) {}

  // Reads the run's next non-empty row group; false when none is left.
  Result<bool> Load(size_t run);
  // Replaces the heap's top run after its row group ran out.
  Status Refill();
  bool Before(size_t a, size_t b) const;
  void SiftDown(size_t pos);

  const SchemaPtr schema_;
  const std::vector<SortKey> keys_;
  const int64_t batch_rows_;
  std::vector<Cursor> cursors_;
  std::vector<RecordBatchPtr> batches_;  // Current row group per run.
  std::vector<size_t> heap_;             // Run indices; the smallest row on top.
  std::vector<BatchRow> picks_;
  bool refill_ = false;  // The top run's row group is used up.
};

}  // namespace strata::dataset
