// Sorting kernels: the stable order of a batch's rows by sort keys, row
// comparisons across batches (for merging sorted runs), and gathering rows
// from several batches in a given order.
//
// Order, as DuckDB's ORDER BY: numbers by value with NaN after every number
// (and -0.0 equal to 0.0); strings, binary, json and fixed-size binary
// bytewise (unsigned, a prefix first); uuid bytewise on its canonical
// big-endian bytes; decimals, dates, times and timestamps by value; false
// before true. Nulls go first or last as the key says, independently of the
// direction. Nested types (struct, list, map) have no order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "columnar/record_batch.h"
#include "columnar/schema.h"
#include "common/result.h"

namespace strata {

struct SortKey {
  int column = 0;  // Index into the batch's columns.
  bool descending = false;
  bool nulls_first = false;

  bool operator==(const SortKey&) const = default;
};

// Checks `keys` against `schema`: every column in range and of an orderable
// type. Errors: Invalid naming the column (and its type) otherwise.
Status CheckSortKeys(const Schema& schema, std::span<const SortKey> keys);

// The stable order of `batch`'s rows by `keys` (the first key first, ties
// broken by the next, then by row number): result[k] is the row that goes
// k-th. No keys give the identity order.
// Keys are cut into 64-bit chunks that compare as unsigned integers (a
// fixed-width value made order-preserving, 8-byte slices of strings) and
// rows are radix-sorted chunk by chunk, most significant first, only the
// rows still tied going on to the next chunk; small tied groups are
// finished with whole-key comparisons.
// Errors: as CheckSortKeys; ResourceExhausted when allocation fails.
Result<std::vector<int64_t>> SortIndices(const RecordBatch& batch, std::span<const SortKey> keys);

namespace sort_internal {

// How one key column's values compare; chosen once per column so that
// comparisons switch on a byte instead of dispatching through the type.
enum class KeyKind : uint8_t {
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat32,
  kFloat64,
  kDecimal,     // 16-byte little-endian two's complement.
  kFixedBytes,  // fixed_size_binary and uuid: memcmp of `width` bytes.
  kBinary,      // string, binary, json: memcmp, then length.
};

// Raw pointers into one key column of a batch. Valid while the batch lives.
struct KeyColumn {
  KeyKind kind = KeyKind::kInt64;
  bool descending = false;
  bool nulls_first = false;
  int32_t width = 0;                  // Bytes per value of kFixedBytes.
  int64_t offset = 0;                 // The vector's offset, for bitmaps.
  const uint8_t* validity = nullptr;  // Null when the column has no nulls.
  const uint8_t* values = nullptr;    // Fixed width: row 0 of the slice; bool: the bitmap.
  const int32_t* offsets = nullptr;   // kBinary: row 0 of the slice.
  const uint8_t* data = nullptr;      // kBinary: the bytes.
};

}  // namespace sort_internal

// The key columns of one batch resolved for row comparisons, e.g. between
// the current rows of sorted runs during a merge. Comparing never allocates.
// Thread safety: immutable after Make; keeps raw pointers into the batch's
// buffers, so the batch must outlive it.
class RowKeys {
 public:
  RowKeys() = default;
  // Errors: as CheckSortKeys.
  static Result<RowKeys> Make(const RecordBatch& batch, std::span<const SortKey> keys);

  // Negative when row i of this batch sorts before row j of `other`'s, 0
  // when their keys are equal, positive after.
  // REQUIRES: `other` was made with the same keys on a batch of the same
  // schema; rows in range.
  int Compare(int64_t i, const RowKeys& other, int64_t j) const;
  // Compare() from key `first` on.
  int CompareFrom(size_t first, int64_t i, const RowKeys& other, int64_t j) const;

  size_t num_keys() const { return columns_.size(); }
  // REQUIRES: k < num_keys().
  const sort_internal::KeyColumn& column(size_t k) const { return columns_[k]; }

 private:
  std::vector<sort_internal::KeyColumn> columns_;
};

// A row of one of several batches.
struct BatchRow {
  int32_t batch = 0;
  int64_t row = 0;
};

// The rows `rows` of `batches`, in that order, as one batch with fresh
// buffers (or a zero-copy slice when they are one ascending run of one
// batch). Each batch's rows are gathered once and then interleaved.
// REQUIRES: batches of equal schemas; every BatchRow in range (checked:
// Invalid); at least one batch.
Result<RecordBatchPtr> TakeFromBatches(std::span<const RecordBatchPtr> batches,
                                       std::span<const BatchRow> rows);

}  // namespace strata
