#include "dataset/sort_merge.h"

namespace strata::dataset {

Result<std::unique_ptr<RunMerger>> RunMerger::Open(FileSystem* fs, SchemaPtr schema,
                                                   const std::vector<std::string>& paths,
                                                   std::vector<SortKey> keys, int64_t batch_rows,
                                                   ThreadPool* pool) {
  // Private constructor.
  std::unique_ptr<RunMerger> merger(new RunMerger(std::move(schema), std::move(keys), batch_rows));
  merger->cursors_.resize(paths.size());
  merger->batches_.resize(paths.size());
  for (size_t run = 0; run < paths.size(); ++run) {
    ASSIGN_OR_RETURN(merger->cursors_[run].reader,
                     parquet::ParquetReader::Open(fs, paths[run], {.pool = pool}));
    ASSIGN_OR_RETURN(const bool loaded, merger->Load(run));
    if (loaded) merger->heap_.push_back(run);
  }
  for (size_t pos = merger->heap_.size() / 2; pos-- > 0;) merger->SiftDown(pos);
  return merger;
}

Result<bool> RunMerger::Load(size_t run) {
  Cursor& cursor = cursors_[run];
  batches_[run].reset();
  while (cursor.next_row_group < cursor.reader->num_row_groups()) {
    ASSIGN_OR_RETURN(RecordBatchPtr read, cursor.reader->ReadRowGroup(cursor.next_row_group++,
                                                                      cursor.reader->AllColumns()));
    if (read->num_rows() == 0) continue;
    // The sorter's schema again, field metadata included.
    Result<RecordBatchPtr> batch = RecordBatch::Make(schema_, read->columns(), read->num_rows());
    if (!batch.ok()) {
      return Status::Internal("sorted run {} does not read back as written: {}",
                              cursor.reader->path(), batch.status().message());
    }
    ASSIGN_OR_RETURN(cursor.keys, RowKeys::Make(**batch, keys_));
    cursor.row = 0;
    batches_[run] = std::move(batch).value();
    return true;
  }
  cursor.reader.reset();  // Done with the file.
  return false;
}

bool RunMerger::Before(size_t a, size_t b) const {
  const Cursor& x = cursors_[a];
  const Cursor& y = cursors_[b];
  const int c = x.keys.Compare(x.row, y.keys, y.row);
  return c != 0 ? c < 0 : a < b;
}

void RunMerger::SiftDown(size_t pos) {
  const size_t n = heap_.size();
  for (;;) {
    size_t smallest = pos;
    const size_t left = 2 * pos + 1;
    const size_t right = left + 1;
    if (left < n && Before(heap_[left], heap_[smallest])) smallest = left;
    if (right < n && Before(heap_[right], heap_[smallest])) smallest = right;
    if (smallest == pos) return;
    std::swap(heap_[pos], heap_[smallest]);
    pos = smallest;
  }
}

Status RunMerger::Refill() {
  refill_ = false;
  ASSIGN_OR_RETURN(const bool loaded, Load(heap_.front()));
  if (!loaded) {
    heap_.front() = heap_.back();
    heap_.pop_back();
  }
  if (!heap_.empty()) SiftDown(0);
  return Status::OK();
}

Result<RecordBatchPtr> RunMerger::Next() {
  if (refill_) {
    RETURN_NOT_OK(Refill());
  }
  if (heap_.empty()) return RecordBatchPtr();
  picks_.clear();
  while (static_cast<int64_t>(picks_.size()) < batch_rows_) {
    const size_t run = heap_.front();
    Cursor& cursor = cursors_[run];
    picks_.push_back({static_cast<int32_t>(run), cursor.row});
    // The output still needs this row group: read the next one only after
    // the batch is built.
    if (++cursor.row == batches_[run]->num_rows()) {
      refill_ = true;
      break;
    }
    SiftDown(0);
  }
  return TakeFromBatches(batches_, picks_);
}

}  // namespace strata::dataset
