// The base builder and the builders of flat (non-nested) types.
#include "columnar/builder.h"

#include <cstring>
#include <utility>

namespace strata {
namespace {

BufferPtr Share(Buffer&& buffer) { return std::make_shared<const Buffer>(std::move(buffer)); }

int64_t CountZeros(const uint8_t* bytes, int64_t n) {
  int64_t zeros = 0;
  for (int64_t i = 0; i < n; ++i) zeros += bytes[i] == 0;
  return zeros;
}

}  // namespace

Result<VectorPtr> VectorBuilder::Finish() {
  Buffer bitmap = validity_.Finish();
  BufferPtr validity = null_count_ == 0 ? nullptr : Share(std::move(bitmap));
  Result<VectorPtr> result = FinishInternal(std::move(validity));
  length_ = 0;
  null_count_ = 0;
  return result;
}

Status VectorBuilder::AppendValiditySlow(int64_t n, bool valid) {
  if (!valid && null_count_ == 0 && n > 0) {
    // First null: materialise the bitmap for the rows so far.
    RETURN_NOT_OK(validity_.AppendN(length_, true));
  }
  if (!valid || null_count_ > 0) RETURN_NOT_OK(validity_.AppendN(n, valid));
  if (!valid) null_count_ += n;
  length_ += n;
  return Status::OK();
}

Status VectorBuilder::AppendValidityBytes(const uint8_t* valid_bytes, int64_t n) {
  const int64_t nulls = valid_bytes == nullptr ? 0 : CountZeros(valid_bytes, n);
  if (nulls == 0 && null_count_ == 0) {
    length_ += n;
    return Status::OK();
  }
  if (null_count_ == 0) RETURN_NOT_OK(validity_.AppendN(length_, true));
  if (valid_bytes == nullptr) {
    RETURN_NOT_OK(validity_.AppendN(n, true));
  } else {
    RETURN_NOT_OK(validity_.AppendBytes(valid_bytes, n));
  }
  null_count_ += nulls;
  length_ += n;
  return Status::OK();
}

// BoolBuilder

Status BoolBuilder::Append(bool value) {
  RETURN_NOT_OK(values_.Append(value));
  return AppendValidity(1, true);
}

Status BoolBuilder::AppendValues(const bool* values, int64_t n, const uint8_t* valid_bytes) {
  RETURN_NOT_OK(values_.AppendBytes(reinterpret_cast<const uint8_t*>(values), n));
  return AppendValidityBytes(valid_bytes, n);
}

Status BoolBuilder::AppendNulls(int64_t n) {
  RETURN_NOT_OK(values_.AppendN(n, false));
  return AppendValidity(n, false);
}

Status BoolBuilder::Reserve(int64_t additional) { return values_.Reserve(additional); }

Result<VectorPtr> BoolBuilder::FinishInternal(BufferPtr validity) {
  return ColumnVector::Make(type(), length(), {std::move(validity), Share(values_.Finish())}, {},
                            null_count());
}

// NumericBuilder<T>

template <typename T>
NumericBuilder<T>::NumericBuilder(TypePtr type) : VectorBuilder(std::move(type)) {
  DCHECK(this->type()->bit_width() == static_cast<int32_t>(sizeof(T) * 8));
  DCHECK(this->type()->id() != TypeId::kFixedSizeBinary && this->type()->id() != TypeId::kUuid);
}

template <typename T>
Status NumericBuilder<T>::AppendValues(const T* values, int64_t n, const uint8_t* valid_bytes) {
  RETURN_NOT_OK(values_.Append(values, static_cast<size_t>(n) * sizeof(T)));
  return AppendValidityBytes(valid_bytes, n);
}

template <typename T>
Status NumericBuilder<T>::AppendNulls(int64_t n) {
  RETURN_NOT_OK(values_.Resize(values_.size() + static_cast<size_t>(n) * sizeof(T)));
  return AppendValidity(n, false);
}

template <typename T>
Status NumericBuilder<T>::Reserve(int64_t additional) {
  return values_.Reserve(values_.size() + static_cast<size_t>(additional) * sizeof(T));
}

template <typename T>
Result<VectorPtr> NumericBuilder<T>::FinishInternal(BufferPtr validity) {
  return ColumnVector::Make(type(), length(), {std::move(validity), Share(std::move(values_))}, {},
                            null_count());
}

template class NumericBuilder<int8_t>;
template class NumericBuilder<int16_t>;
template class NumericBuilder<int32_t>;
template class NumericBuilder<int64_t>;
template class NumericBuilder<uint8_t>;
template class NumericBuilder<uint16_t>;
template class NumericBuilder<uint32_t>;
template class NumericBuilder<uint64_t>;
template class NumericBuilder<float>;
template class NumericBuilder<double>;

// BinaryBuilder

BinaryBuilder::BinaryBuilder(TypePtr type) : VectorBuilder(std::move(type)) {
  DCHECK(this->type()->is_binary_like());
}

Status BinaryBuilder::AppendOffset() {
  // The leading zero offset is written with the first row, so that an
  // idle builder owns no memory.
  if (offsets_.empty()) {
    constexpr int32_t kZero = 0;
    RETURN_NOT_OK(offsets_.Append(&kZero, sizeof(kZero)));
  }
  const auto end = static_cast<int32_t>(data_.size());
  return offsets_.Append(&end, sizeof(end));
}

Status BinaryBuilder::Append(std::string_view value) {
  // Checked before touching `value`, so the limit holds without copying.
  if (value.size() > static_cast<size_t>(kMaxDataBytes - data_length())) {
    return Status::ResourceExhausted(
        "{} vector would exceed {} bytes of data (int32 offsets); split it into smaller vectors",
        type()->ToString(), kMaxDataBytes);
  }
  RETURN_NOT_OK(data_.Append(value));
  RETURN_NOT_OK(AppendOffset());
  return AppendValidity(1, true);
}

Status BinaryBuilder::AppendValues(std::span<const std::string_view> values,
                                   const uint8_t* valid_bytes) {
  RETURN_NOT_OK(Reserve(static_cast<int64_t>(values.size())));
  for (size_t i = 0; i < values.size(); ++i) {
    if (valid_bytes != nullptr && valid_bytes[i] == 0) {
      RETURN_NOT_OK(AppendNull());
    } else {
      RETURN_NOT_OK(Append(values[i]));
    }
  }
  return Status::OK();
}

Status BinaryBuilder::AppendNulls(int64_t n) {
  RETURN_NOT_OK(Reserve(n));
  for (int64_t i = 0; i < n; ++i) RETURN_NOT_OK(AppendOffset());
  return AppendValidity(n, false);
}

Status BinaryBuilder::Reserve(int64_t additional) {
  return offsets_.Reserve(static_cast<size_t>(length() + additional + 1) * sizeof(int32_t));
}

Status BinaryBuilder::ReserveData(int64_t additional_bytes) {
  return data_.Reserve(data_.size() + static_cast<size_t>(additional_bytes));
}

Result<VectorPtr> BinaryBuilder::FinishInternal(BufferPtr validity) {
  if (offsets_.empty()) {
    constexpr int32_t kZero = 0;
    RETURN_NOT_OK(offsets_.Append(&kZero, sizeof(kZero)));
  }
  return ColumnVector::Make(
      type(), length(), {std::move(validity), Share(std::move(offsets_)), Share(std::move(data_))},
      {}, null_count());
}

// FixedSizeBinaryBuilder and DecimalBuilder

FixedSizeBinaryBuilder::FixedSizeBinaryBuilder(TypePtr type) : VectorBuilder(std::move(type)) {
  DCHECK(this->type()->id() == TypeId::kFixedSizeBinary || this->type()->id() == TypeId::kUuid ||
         this->type()->id() == TypeId::kDecimal);
}

Status FixedSizeBinaryBuilder::Append(std::span<const uint8_t> value) {
  if (value.size() != static_cast<size_t>(byte_width())) {
    return Status::Invalid("{} value must have {} bytes, got {}", type()->ToString(), byte_width(),
                           value.size());
  }
  RETURN_NOT_OK(values_.Append(value));
  return AppendValidity(1, true);
}

Status FixedSizeBinaryBuilder::Append(std::string_view value) {
  return Append(std::span(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
}

Status FixedSizeBinaryBuilder::AppendValues(const uint8_t* data, int64_t n,
                                            const uint8_t* valid_bytes) {
  RETURN_NOT_OK(values_.Append(data, static_cast<size_t>(n * byte_width())));
  return AppendValidityBytes(valid_bytes, n);
}

Status FixedSizeBinaryBuilder::AppendNulls(int64_t n) {
  RETURN_NOT_OK(values_.Resize(values_.size() + static_cast<size_t>(n * byte_width())));
  return AppendValidity(n, false);
}

Status FixedSizeBinaryBuilder::Reserve(int64_t additional) {
  return values_.Reserve(values_.size() + static_cast<size_t>(additional * byte_width()));
}

Result<VectorPtr> FixedSizeBinaryBuilder::FinishInternal(BufferPtr validity) {
  return ColumnVector::Make(type(), length(), {std::move(validity), Share(std::move(values_))}, {},
                            null_count());
}

Status DecimalBuilder::Append(Decimal128 value) {
  if (!value.FitsInPrecision(type()->precision())) {
    return Status::Invalid("{} does not fit in {}", value.ToString(type()->scale()),
                           type()->ToString());
  }
  uint8_t bytes[16];
  value.ToLittleEndian(bytes);
  return FixedSizeBinaryBuilder::Append(std::span<const uint8_t>(bytes));
}

}  // namespace strata
