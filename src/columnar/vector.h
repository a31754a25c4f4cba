// ColumnVector: one column of values in the Arrow memory layout (the
// equivalent of Arrow's ArrayData). Every reader produces them, every
// operator consumes them, and slices share buffers without copying.
//
// Buffers by layout (buffer 0 is always the validity bitmap, null when the
// vector has no nulls; bit i set means row i is valid):
//   bool, fixed width       [validity, values]
//   string, binary, json    [validity, int32 offsets (length + 1), data]
//   list, map               [validity, int32 offsets (length + 1)]
//   struct                  [validity]
// Children: struct has one per field, aligned with the parent (row i of the
// struct is row i of each child); list has the element vector and map the
// entries struct<key, value>, both indexed through the offsets.
//
// `offset` is where this vector starts in its buffers: row i reads validity
// bit offset + i, value offset + i and offsets[offset + i]. Struct children
// are sliced along with the parent, so `offset` does not apply to them; list
// and map children are shared whole and addressed by the offsets.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "columnar/bit_util.h"
#include "columnar/decimal.h"
#include "columnar/types.h"
#include "common/buffer.h"
#include "common/status.h"

namespace strata {

using BufferPtr = std::shared_ptr<const Buffer>;

class ColumnVector;
// Vectors are immutable once built and shared, e.g. by slices.
using VectorPtr = std::shared_ptr<const ColumnVector>;

// A half-open range [begin, end) of child rows.
struct ValueRange {
  int64_t begin;
  int64_t end;
  int64_t size() const { return end - begin; }
};

// Thread safety: immutable, safe to read from many threads.
class ColumnVector {
 public:
  // Assembles a vector from parts without checking them: call Validate()
  // before trusting parts decoded from untrusted input. `null_count` must
  // match the validity bitmap (Validate checks it).
  static VectorPtr Make(TypePtr type, int64_t length, std::vector<BufferPtr> buffers,
                        std::vector<VectorPtr> children, int64_t null_count, int64_t offset = 0);

  const TypePtr& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t offset() const { return offset_; }
  int64_t null_count() const { return null_count_; }
  const std::vector<BufferPtr>& buffers() const { return buffers_; }
  // The buffer at `i`, or null when absent.
  const Buffer* buffer(int i) const;
  const std::vector<VectorPtr>& children() const { return children_; }
  int num_children() const { return static_cast<int>(children_.size()); }
  // REQUIRES: 0 <= k < num_children().
  const VectorPtr& child(int k) const { return children_[static_cast<size_t>(k)]; }

  // The validity bitmap, addressed with offset() + i; null when no nulls.
  const uint8_t* validity() const { return null_count_ == 0 ? nullptr : data(0); }

  // REQUIRES (all row accessors): 0 <= i < length().
  bool IsNull(int64_t i) const {
    return null_count_ != 0 && !bit_util::GetBit(data(0), offset_ + i);
  }
  bool IsValid(int64_t i) const { return !IsNull(i); }

  // The value of a fixed-width row whose physical type is T (int32_t for
  // date, int64_t for time and timestamp, ...). Null rows read as zero.
  template <typename T>
  T Value(int64_t i) const {
    DCHECK(static_cast<int32_t>(sizeof(T) * 8) == type_->bit_width());
    return Values<T>()[i];
  }
  // The values of a fixed-width vector, starting at row 0 of this slice.
  template <typename T>
  const T* Values() const {
    return reinterpret_cast<const T*>(data(1)) + offset_;
  }
  // REQUIRES: type is bool.
  bool GetBool(int64_t i) const { return bit_util::GetBit(data(1), offset_ + i); }
  // The bytes of a string, binary or json row, or the raw little-endian
  // bytes of any fixed-width row except bool (fixed_size_binary, uuid,
  // decimal, numbers). Views stay valid as long as the buffers live.
  std::string_view GetView(int64_t i) const;
  // REQUIRES: type is decimal.
  Decimal128 GetDecimal(int64_t i) const {
    return Decimal128::FromLittleEndian(data(1) + (offset_ + i) * 16);
  }
  // The int32 offsets of a string-like, list or map vector, starting at row
  // 0 of this slice (length() + 1 entries).
  const int32_t* Offsets() const { return reinterpret_cast<const int32_t*>(data(1)) + offset_; }
  // The child rows of list or map row i. REQUIRES: type is list or map.
  ValueRange ListRange(int64_t i) const {
    const int32_t* offsets = Offsets();
    return {offsets[i], offsets[i + 1]};
  }

  // A zero-copy view of rows [offset, offset + length), clamped to this
  // vector, as RecordBatch::Slice is.
  VectorPtr Slice(int64_t offset, int64_t length) const;

  // Checks every structural invariant that a faulty decoder could break:
  // buffer count and sizes, offsets monotonic and in range, child count,
  // types and lengths, null counts, map keys never null. Reads O(length)
  // offsets but not string contents; recursive over children.
  Status Validate() const;
  // Validate() plus content checks: string and json data is UTF-8 and
  // decimal values fit their precision.
  Status ValidateFull() const;

  // Logical equality: same type, length, nulls and values, regardless of
  // offsets and slicing. Floats compare by bit pattern, so NaN equals an
  // identical NaN and 0.0 differs from -0.0.
  bool Equals(const ColumnVector& other) const;
  // Whether row i of this equals row j of `other`. REQUIRES: equal types.
  bool RowEquals(int64_t i, const ColumnVector& other, int64_t j) const;

  // Use Make(); public only for std::make_shared.
  ColumnVector(TypePtr type, int64_t length, std::vector<BufferPtr> buffers,
               std::vector<VectorPtr> children, int64_t null_count, int64_t offset);

 private:
  const uint8_t* data(int i) const {
    const Buffer* b = buffer(i);
    return b == nullptr ? nullptr : b->data();
  }

  TypePtr type_;
  int64_t length_;
  int64_t offset_;
  int64_t null_count_;
  std::vector<BufferPtr> buffers_;
  std::vector<VectorPtr> children_;
};

}  // namespace strata
