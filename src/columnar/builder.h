// Builders: the one way to create ColumnVectors row by row or in bulk.
//
//   ASSIGN_OR_RETURN(auto builder, MakeBuilder(Int32()));
//   auto* ints = static_cast<Int32Builder*>(builder.get());
//   RETURN_NOT_OK(ints->Append(7));
//   RETURN_NOT_OK(ints->AppendNull());
//   ASSIGN_OR_RETURN(VectorPtr vector, builder->Finish());
//
// Every append can fail only on allocation failure or a limit (int32
// offsets); after any error the builder's contents are unspecified and it
// should be discarded. Finish() hands the vector over and leaves the builder
// empty and reusable. Thread safety: none; one builder per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "columnar/bit_util.h"
#include "columnar/decimal.h"
#include "columnar/types.h"
#include "columnar/vector.h"
#include "common/buffer.h"
#include "common/result.h"

namespace strata {

class VectorBuilder {
 public:
  VectorBuilder(const VectorBuilder&) = delete;
  VectorBuilder& operator=(const VectorBuilder&) = delete;
  virtual ~VectorBuilder() = default;

  const TypePtr& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }

  Status AppendNull() { return AppendNulls(1); }
  // Appends `n` null rows (zeroed or empty values; nested builders also
  // keep their children aligned, see each subclass).
  virtual Status AppendNulls(int64_t n) = 0;
  // Makes room for `additional` more rows (for lists and maps: rows, not
  // elements).
  virtual Status Reserve(int64_t additional) = 0;
  // Returns the vector built so far and resets the builder.
  Result<VectorPtr> Finish();

 protected:
  explicit VectorBuilder(TypePtr type) : type_(std::move(type)) {}

  // Records the validity of the next `n` rows and advances length().
  // Inline for the common all-valid case, which only counts.
  Status AppendValidity(int64_t n, bool valid) {
    if (valid && null_count_ == 0) {
      length_ += n;
      return Status::OK();
    }
    return AppendValiditySlow(n, valid);
  }
  // Like AppendValidity, row i valid when valid_bytes[i] != 0; a null
  // `valid_bytes` means all valid.
  Status AppendValidityBytes(const uint8_t* valid_bytes, int64_t n);
  // Builds the vector from the subclass's buffers; length() and
  // null_count() still describe it. `validity` is null when there are no
  // nulls.
  virtual Result<VectorPtr> FinishInternal(BufferPtr validity) = 0;

 private:
  Status AppendValiditySlow(int64_t n, bool valid);

  TypePtr type_;
  // Materialised only from the first null on, so all-valid columns skip
  // bitmap work entirely.
  bit_util::BitmapBuilder validity_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
};

// For bool.
class BoolBuilder final : public VectorBuilder {
 public:
  BoolBuilder() : VectorBuilder(Bool()) {}

  Status Append(bool value);
  Status AppendValues(const bool* values, int64_t n, const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;

 private:
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;

  bit_util::BitmapBuilder values_;
};

// For every type stored as native values of T: integers, floats, and
// date (int32_t), time and timestamp (int64_t).
template <typename T>
class NumericBuilder final : public VectorBuilder {
 public:
  NumericBuilder() : NumericBuilder(CTypeTraits<T>::type()) {}
  // REQUIRES: `type` is stored as T (checked in debug builds).
  explicit NumericBuilder(TypePtr type);

  Status Append(T value) {
    RETURN_NOT_OK(values_.Append(&value, sizeof(T)));
    return AppendValidity(1, true);
  }
  // Appends `n` values; row i is null when valid_bytes[i] == 0 (its value
  // is then kept as given). A null `valid_bytes` means all valid.
  Status AppendValues(const T* values, int64_t n, const uint8_t* valid_bytes = nullptr);
  Status AppendValues(std::span<const T> values) {
    return AppendValues(values.data(), static_cast<int64_t>(values.size()));
  }
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;

 private:
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;

  Buffer values_;
};

using Int8Builder = NumericBuilder<int8_t>;
using Int16Builder = NumericBuilder<int16_t>;
using Int32Builder = NumericBuilder<int32_t>;
using Int64Builder = NumericBuilder<int64_t>;
using UInt8Builder = NumericBuilder<uint8_t>;
using UInt16Builder = NumericBuilder<uint16_t>;
using UInt32Builder = NumericBuilder<uint32_t>;
using UInt64Builder = NumericBuilder<uint64_t>;
using Float32Builder = NumericBuilder<float>;
using Float64Builder = NumericBuilder<double>;

extern template class NumericBuilder<int8_t>;
extern template class NumericBuilder<int16_t>;
extern template class NumericBuilder<int32_t>;
extern template class NumericBuilder<int64_t>;
extern template class NumericBuilder<uint8_t>;
extern template class NumericBuilder<uint16_t>;
extern template class NumericBuilder<uint32_t>;
extern template class NumericBuilder<uint64_t>;
extern template class NumericBuilder<float>;
extern template class NumericBuilder<double>;

// For string, binary and json. The int32 offsets limit one vector to
// kMaxDataBytes of data; appends past it fail with ResourceExhausted, and
// callers split the data into more vectors.
class BinaryBuilder final : public VectorBuilder {
 public:
  static constexpr int64_t kMaxDataBytes = INT32_MAX;

  // REQUIRES: `type` is string, binary or json (checked in debug builds).
  explicit BinaryBuilder(TypePtr type);

  int64_t data_length() const { return static_cast<int64_t>(data_.size()); }

  Status Append(std::string_view value);
  Status AppendValues(std::span<const std::string_view> values,
                      const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;
  Status ReserveData(int64_t additional_bytes);

 private:
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;
  Status AppendOffset();

  Buffer offsets_;
  Buffer data_;
};

// For fixed_size_binary, uuid and decimal: byte_width() bytes per row.
class FixedSizeBinaryBuilder : public VectorBuilder {
 public:
  // REQUIRES: `type` is fixed_size_binary, uuid or decimal.
  explicit FixedSizeBinaryBuilder(TypePtr type);

  int32_t byte_width() const { return type()->byte_width(); }

  // Fails with Invalid unless value.size() == byte_width().
  Status Append(std::span<const uint8_t> value);
  Status Append(std::string_view value);
  // Appends `n` values from n * byte_width() contiguous bytes.
  Status AppendValues(const uint8_t* data, int64_t n, const uint8_t* valid_bytes = nullptr);
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;

 private:
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;

  Buffer values_;
};

// For decimal: appends Decimal128 values, checking the type's precision.
class DecimalBuilder final : public FixedSizeBinaryBuilder {
 public:
  // REQUIRES: `type` is decimal.
  explicit DecimalBuilder(TypePtr type) : FixedSizeBinaryBuilder(std::move(type)) {}

  using FixedSizeBinaryBuilder::Append;
  // Fails with Invalid when the value has more digits than the precision.
  Status Append(Decimal128 value);
};

// For struct. A row is appended by Append(valid) followed by exactly one
// append to every child builder (nulls are fine under a null struct).
class StructBuilder final : public VectorBuilder {
 public:
  // REQUIRES: `type` is struct and `children` are builders for its fields,
  // in order (MakeBuilder does this).
  StructBuilder(TypePtr type, std::vector<std::unique_ptr<VectorBuilder>> children);

  int num_children() const { return static_cast<int>(children_.size()); }
  VectorBuilder* child(int i) const { return children_[static_cast<size_t>(i)].get(); }

  Status Append(bool valid = true) { return AppendValidity(1, valid); }
  // Appends `n` null structs and `n` nulls to every child.
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;

 private:
  // Fails with Invalid when a child's length differs from length().
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;

  std::vector<std::unique_ptr<VectorBuilder>> children_;
};

// The int32 offsets shared by list and map builders.
class OffsetsBuilder {
 public:
  Status Reserve(int64_t additional);
  // Appends `child_length` as the next offset; ResourceExhausted past
  // INT32_MAX child rows.
  Status Append(int64_t child_length);
  Status AppendRepeated(int64_t child_length, int64_t n);
  // Appends the closing offset and hands over the buffer.
  Result<BufferPtr> Finish(int64_t child_length);

 private:
  Buffer offsets_;
};

// For list. Append(valid) starts a row; the elements appended to
// value_builder() until the next Append (or Finish) belong to it.
class ListBuilder final : public VectorBuilder {
 public:
  // REQUIRES: `type` is list and `value_builder` builds its element type.
  ListBuilder(TypePtr type, std::unique_ptr<VectorBuilder> value_builder);

  VectorBuilder* value_builder() const { return value_builder_.get(); }

  Status Append(bool valid = true);
  // Appends `n` null (empty) lists.
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;

 private:
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;

  OffsetsBuilder offsets_;
  std::unique_ptr<VectorBuilder> value_builder_;
};

// For map. Append(valid) starts a row; then append one key and one item per
// entry. Keys must not be null.
class MapBuilder final : public VectorBuilder {
 public:
  // REQUIRES: `type` is map and the builders build its key and value types.
  MapBuilder(TypePtr type, std::unique_ptr<VectorBuilder> key_builder,
             std::unique_ptr<VectorBuilder> item_builder);

  VectorBuilder* key_builder() const { return key_builder_.get(); }
  VectorBuilder* item_builder() const { return item_builder_.get(); }

  Status Append(bool valid = true);
  // Appends `n` null (empty) maps.
  Status AppendNulls(int64_t n) override;
  Status Reserve(int64_t additional) override;

 private:
  // Fails with Invalid when keys and items differ in count or a key is null.
  Result<VectorPtr> FinishInternal(BufferPtr validity) override;

  OffsetsBuilder offsets_;
  std::unique_ptr<VectorBuilder> key_builder_;
  std::unique_ptr<VectorBuilder> item_builder_;
};

// A builder for any type, nested builders included: BoolBuilder,
// NumericBuilder<T> for numbers and temporal types, BinaryBuilder,
// DecimalBuilder for decimal, FixedSizeBinaryBuilder for uuid and
// fixed_size_binary, and the nested builders.
Result<std::unique_ptr<VectorBuilder>> MakeBuilder(const TypePtr& type);

// A vector of `length` nulls of `type`.
Result<VectorPtr> MakeNullVector(const TypePtr& type, int64_t length);

}  // namespace strata
