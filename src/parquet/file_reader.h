// ParquetReader: reads Parquet files written by any writer into
// RecordBatches, reading only the byte ranges of the requested columns.
//
//   ASSIGN_OR_RETURN(auto reader, ParquetReader::Open(fs, "data.parquet"));
//   ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->ReadRowGroup(0, {0, 2}));
//
//   ASSIGN_OR_RETURN(auto scan, reader->Scan({.columns = reader->AllColumns()}));
//   for (;;) {
//     ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
//     if (batch == nullptr) break;
//     ...
//   }
//
// Struct, list and map fields are assembled from their leaves' levels
// (assemble.h), legacy list and map layouts included. Today's limits: no
// encryption, no column chunks in other files; predicates and the page
// index apply to flat columns only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "columnar/record_batch.h"
#include "columnar/record_batch_reader.h"
#include "columnar/schema.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "io/file_system.h"
#include "parquet/schema.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

struct BoundPredicate;

struct ReaderOptions {
  // Check the CRC of every page that carries one; a mismatch is Corruption.
  bool verify_checksums = true;
  // Where column chunks and row groups are decoded; null means
  // ThreadPool::Default(). REQUIRES: outlives the reader and its scans.
  ThreadPool* pool = nullptr;
};

struct ScanOptions {
  // Top-level field indices to read, in output order (AllColumns() for all;
  // empty reads no columns, only row counts).
  std::vector<int> columns;
  // Optional, parallel to `columns`: the parts of each nested column to
  // keep, as dotted paths below it ("b.c" keeps struct member b and only c
  // within it; lists are crossed without naming them, maps kept whole).
  // Only the leaf column chunks under those parts are read, and the column
  // comes out with a type pruned to them. Empty keeps the whole column.
  std::vector<std::vector<std::string>> subfields;
  // Row groups to read, in this order; nullopt reads every row group.
  std::optional<std::vector<int>> row_groups;
  // Most rows per batch: a row group is handed out in zero-copy slices of at
  // most this many rows (batches never span row groups). Must be positive.
  int64_t batch_rows = int64_t{64} * 1024;
  // When set, the scan returns only the rows matching it. Row groups their
  // statistics or bloom filters rule out, and pages the page index rules
  // out, are never read; the rows read are then filtered exactly. Columns
  // the predicate needs that are not in `columns` are read and dropped.
  // REQUIRES: bound to schema().
  std::shared_ptr<const BoundPredicate> predicate;
  // Row groups decoded ahead of the consumer, bounding memory to about that
  // many decoded row groups; 0 means the pool's thread count.
  int read_ahead = 0;
};

// Thread safety: every const method may be called concurrently.
class ParquetReader {
 public:
  // Opens `path` on `fs` and reads its footer: the last 64 KiB in one read,
  // then the rest of a larger footer in a second one; a file larger than
  // that costs one more 4-byte read to check its leading magic.
  // Errors: Corruption for a file shorter than 12 bytes, a missing "PAR1"
  // at either end, a footer length beyond the file, a malformed footer or
  // schema tree, or row groups whose chunks do not match the schema;
  // NotImplemented "encrypted Parquet files are not supported" for an
  // encrypted footer ("PARE") or an encryption_algorithm; the file system's
  // error when the file cannot be read. Messages name the file.
  // REQUIRES: `fs` outlives the reader and its scans.
  static Result<std::unique_ptr<ParquetReader>> Open(FileSystem* fs, const std::string& path,
                                                     ReaderOptions options = {});

  ~ParquetReader();
  ParquetReader(const ParquetReader&) = delete;
  ParquetReader& operator=(const ParquetReader&) = delete;

  const std::string& path() const;
  const FileMetaData& metadata() const;
  // The footer schema interpreted: leaf i is column chunk i of a row group.
  const ParquetSchema& parquet_schema() const;
  // The top-level fields, readable or not (see field_status).
  const SchemaPtr& schema() const;
  // OK when field `i` can be read; otherwise why not (NotImplemented for
  // unsupported annotations, Corruption for invalid ones). REQUIRES: 0 <= i <
  // schema()->num_fields().
  const Status& field_status(int i) const;
  int num_row_groups() const;
  // The sum of the row groups' num_rows (FileMetaData.num_rows is 0 in
  // files of some writers).
  int64_t num_rows() const;
  // Every field index, 0 .. schema()->num_fields() - 1.
  std::vector<int> AllColumns() const;

  // Reads `columns` (top-level field indices, in output order) of one row
  // group, decoding the column chunks in parallel on the pool; only those
  // chunks' byte ranges are read, one ReadAt each.
  // Errors: Invalid for an index out of range; the field's status for an
  // unreadable field; otherwise Corruption, NotImplemented or the file
  // system's error, naming file, row group, column and page.
  Result<RecordBatchPtr> ReadRowGroup(int row_group, const std::vector<int>& columns) const;

  // One batch per row group, in order; row groups are decoded in parallel.
  Result<std::vector<RecordBatchPtr>> ReadAll(const std::vector<int>& columns) const;

  // A stream over the row groups in order, decoding up to
  // options.read_ahead of them ahead of the consumer on the pool. The
  // stream keeps what it needs of this reader alive, so it may outlive it.
  // Errors: Invalid for an index out of range or batch_rows <= 0; an
  // unreadable field's status.
  Result<std::unique_ptr<RecordBatchReader>> Scan(ScanOptions options) const;

  // Internal: what Open establishes, shared with scans.
  struct State;

 private:
  explicit ParquetReader(std::shared_ptr<const State> state) : state_(std::move(state)) {}

  std::shared_ptr<const State> state_;
};

}  // namespace strata::parquet
