// ParquetWriter: streams record batches into a Parquet file. Nested
// columns (struct, list, map) are shredded into levels per leaf (shred.h). Memory holds
// at most one row group of encoded pages (bounded by rows and by bytes);
// columns are encoded in parallel on the thread pool. The file appears at
// its path only when Close() succeeds: until then it is written under a
// temporary name in the same directory, removed if the writer is abandoned.
//
// Example:
//   ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(fs, "out.parquet", schema));
//   RETURN_NOT_OK(writer->Write(*batch));
//   RETURN_NOT_OK(writer->Close());
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "io/file_system.h"
#include "parquet/column_writer.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

struct WriterOptions {
  // Defaults for every column: codec, pages, encoding policy, statistics.
  ColumnWriterOptions column;
  // Per column: an explicit encoding (kRleDictionary for a dictionary),
  // overriding column.encoding. Keys are top-level names, which cover every
  // leaf of a nested column, or leaf paths joined with dots
  // ("attrs.key_value.key"), which win over their top-level name.
  std::map<std::string, Encoding> column_encodings;
  // A column's codec and level, replacing column.codec and
  // column.compression_level (the default level does not carry over: it may
  // not suit the column's codec).
  struct ColumnCodec {
    CompressionCodec codec = CompressionCodec::kZstd;
    std::optional<int> level;  // nullopt: the codec's default.
  };
  // Per column (named as column_encodings): the codec of its chunks, which
  // each chunk's metadata records, so readers decompress per column.
  std::map<std::string, ColumnCodec> column_codecs;
  // Columns (named as above) whose leaves get a split-block bloom filter.
  std::set<std::string> bloom_filter_columns;
  int64_t row_group_rows = 1 << 20;
  int64_t row_group_bytes = int64_t{128} << 20;
  // The order the caller's rows are in, declared in every row group's
  // metadata (RowGroup.sorting_columns) so engines can skip a sort or merge
  // row groups. The writer does not check it. column_idx is a leaf index
  // and must name a flat top-level column (Invalid otherwise).
  std::vector<SortingColumn> sorting_columns;
  KeyValueMetadata key_value_metadata;
  ThreadPool* pool = nullptr;  // nullptr: ThreadPool::Default().
};

class ParquetWriter {
 public:
  // Validates the options against the schema (unknown column names, an
  // encoding a column's type cannot use, a level a column's codec does not
  // take) and opens the temporary file.
  // REQUIRES: fs outlives the writer.
  static Result<std::unique_ptr<ParquetWriter>> Open(FileSystem* fs, const std::string& path,
                                                     const SchemaPtr& schema,
                                                     WriterOptions options = {});
  // Abandons an unclosed file: its temporary is deleted, `path` untouched.
  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  // REQUIRES: batch.schema() equals the writer's schema (field names, types
  // and nullability). Not thread-safe.
  Status Write(const RecordBatch& batch);
  // Flushes the last row group, writes bloom filters, page index and footer,
  // syncs, and renames the file into place. Idempotent after success.
  Status Close();

  // Ends the row group being buffered now (a no-op when it is empty), e.g.
  // to cap memory across many open writers. Not thread-safe.
  Status FlushRowGroup();
  // Bytes held by the row group being buffered (encoded pages so far).
  int64_t BufferedBytes() const;
  // Bytes written to the file so far (flushed row groups).
  int64_t FileBytes() const;
  // Adds a pair to the footer's key-value metadata, after the options'
  // pairs: for values known only once all rows were written. REQUIRES:
  // Close() not yet called. Not thread-safe.
  void AddKeyValueMetadata(std::string key, std::string value);

  int64_t num_rows() const { return num_rows_; }
  const SchemaPtr& schema() const { return schema_.schema; }
  // The footer as written. REQUIRES: Close() succeeded.
  const FileMetaData& metadata() const { return metadata_; }

  struct PendingIndex;  // Page index and bloom filter of one chunk.
  struct LeafState;     // How one leaf's data is cut from its column.

  // Use Open().
  ParquetWriter(FileSystem* fs, std::string path, std::string temp_path, ParquetSchema schema,
                WriterOptions options);

 private:
  Status Init();
  Status WriteSlice(const RecordBatch& batch, int64_t offset, int64_t length);
  Status WriteLeaf(size_t leaf, const RecordBatch& slice);
  Status WriteChunk(EncodedChunk chunk, RowGroup* row_group);
  Status WriteIndexes();
  Status WriteFooter();

  FileSystem* const fs_;
  const std::string path_;
  const std::string temp_path_;
  const ParquetSchema schema_;
  const WriterOptions options_;
  KeyValueMetadata added_key_values_;  // AddKeyValueMetadata()'s pairs.
  ThreadPool* const pool_;
  std::unique_ptr<WritableFile> file_;
  std::vector<std::unique_ptr<ColumnChunkWriter>> writers_;  // One per leaf.
  std::vector<std::unique_ptr<LeafState>> leaf_states_;      // One per leaf.
  std::vector<std::unique_ptr<PendingIndex>> pending_;       // One per chunk.
  int64_t buffered_rows_ = 0;
  int64_t num_rows_ = 0;
  FileMetaData metadata_;
  bool closed_ = false;
};

}  // namespace strata::parquet
