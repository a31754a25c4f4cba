// Vector kernels that build new vectors from existing ones: filtering rows by
// a selection and concatenating vectors. They work on every type, nested
// types included, and copy only what the result needs.
//
// Selections are one byte per row (non-zero keeps the row) rather than a
// bitmap: predicate evaluation writes them with plain stores, several
// conjuncts combine with a byte-wise AND the compiler vectorises, and the
// filter reads them without bit arithmetic.
#pragma once

#include <cstdint>
#include <span>

#include "columnar/record_batch.h"
#include "columnar/vector.h"
#include "common/result.h"

namespace strata {

// The rows of `vector` whose selection byte is non-zero, in order. When
// every row is selected, `vector` itself is returned (no copy). Struct
// children are filtered alongside; list and map rows keep their whole child
// ranges, with new offsets. The result has offset 0 and fresh buffers (child
// vectors of lists and maps are compacted too).
// REQUIRES: selection.size() == vector->length() (checked: Invalid).
// Errors: ResourceExhausted when allocation fails.
Result<VectorPtr> Filter(const VectorPtr& vector, std::span<const uint8_t> selection);

// Filters every column of `batch` by `selection`; returns `batch` itself
// when every row is selected.
Result<RecordBatchPtr> FilterBatch(const RecordBatchPtr& batch, std::span<const uint8_t> selection);

// The rows `rows` of `vector`, in that order (repeats allowed), with fresh
// buffers: grouping rows by a key (partitioning, sorting) without one
// selection per group.
// REQUIRES: every index in [0, vector->length()) (checked: Invalid).
Result<VectorPtr> Take(const VectorPtr& vector, std::span<const int64_t> rows);
// Takes `rows` of every column of `batch`.
Result<RecordBatchPtr> TakeBatch(const RecordBatchPtr& batch, std::span<const int64_t> rows);

// The number of non-zero bytes of `selection`.
int64_t CountSelected(std::span<const uint8_t> selection);

// The rows of all `vectors` one after another, in one vector with fresh
// buffers. A single vector is returned as is.
// REQUIRES: at least one vector; all of equal type (checked: Invalid).
// Errors: ResourceExhausted when the string data or list children would
// exceed int32 offsets.
Result<VectorPtr> Concatenate(std::span<const VectorPtr> vectors);

// Concatenates the columns of batches with equal schemas (names, types and
// nullability; metadata of the first batch is kept).
// REQUIRES: at least one batch (checked: Invalid).
Result<RecordBatchPtr> ConcatenateBatches(std::span<const RecordBatchPtr> batches);

}  // namespace strata
