#include "parquet/encoding/plain.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "parquet/encoding/bit_util.h"

namespace strata::parquet {
namespace {

Status FlushBuffer(Buffer* buffer, Buffer* out) {
  RETURN_NOT_OK(out->Append(buffer->span()));
  buffer->Clear();
  return Status::OK();
}

bool GetBit(const uint8_t* bits, int64_t i) { return ((bits[i >> 3] >> (i & 7)) & 1) != 0; }

void SetBitTo(uint8_t* bits, int64_t i, bool value) {
  const auto mask = static_cast<uint8_t>(1U << (i & 7));
  bits[i >> 3] = value ? (bits[i >> 3] | mask) : (bits[i >> 3] & ~mask);
}

// Copies `n` bits between LSB-first bitmaps; whole bytes when both sides are
// byte aligned, the usual case for a page-sized batch.
void CopyBits(const uint8_t* src, int64_t src_offset, uint8_t* dst, int64_t dst_offset, int64_t n) {
  int64_t i = 0;
  if ((src_offset & 7) == 0 && (dst_offset & 7) == 0) {
    const int64_t bytes = n / 8;
    if (bytes > 0)
      std::memcpy(dst + dst_offset / 8, src + src_offset / 8, static_cast<size_t>(bytes));
    i = bytes * 8;
  }
  for (; i < n; ++i) SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
}

}  // namespace

// ---------------------------------------------------------------- fixed width

template <typename T>
Status PlainEncoder<T>::Flush(Buffer* out) {
  return FlushBuffer(&buffer_, out);
}

template <typename T>
Status PlainDecoder<T>::Init(std::span<const uint8_t> data) {
  pos_ = data.data();
  end_ = pos_ + data.size();
  return Status::OK();
}

template <typename T>
Status PlainDecoder<T>::Check(int64_t n) const {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("PLAIN: {} values of {} bytes wanted, {} bytes left", n, sizeof(T),
                              end_ - pos_);
  }
  return Status::OK();
}

template <typename T>
Status PlainDecoder<T>::Decode(T* out, int64_t n) {
  RETURN_NOT_OK(Check(n));
  if (n == 0) return Status::OK();
  const size_t bytes = static_cast<size_t>(n) * sizeof(T);
  std::memcpy(out, pos_, bytes);
  pos_ += bytes;
  return Status::OK();
}

template <typename T>
Status PlainDecoder<T>::Skip(int64_t n) {
  RETURN_NOT_OK(Check(n));
  pos_ += static_cast<size_t>(n) * sizeof(T);
  return Status::OK();
}

template class PlainEncoder<int32_t>;
template class PlainEncoder<int64_t>;
template class PlainEncoder<float>;
template class PlainEncoder<double>;
template class PlainEncoder<Int96>;
template class PlainDecoder<int32_t>;
template class PlainDecoder<int64_t>;
template class PlainDecoder<float>;
template class PlainDecoder<double>;
template class PlainDecoder<Int96>;

// ---------------------------------------------------------------- BOOLEAN

Status PlainBooleanEncoder::Grow(int64_t n) {
  return bits_.Resize(static_cast<size_t>(BytesForBits(num_bits_ + n)));
}

Status PlainBooleanEncoder::Put(const uint8_t* values, int64_t n) {
  RETURN_NOT_OK(Grow(n));
  uint8_t* bits = bits_.mutable_data();
  int64_t i = 0;
  // Whole output bytes at a time once aligned.
  for (; i < n && (num_bits_ & 7) != 0; ++i, ++num_bits_) SetBitTo(bits, num_bits_, values[i] != 0);
  for (; i + 8 <= n; i += 8, num_bits_ += 8) {
    uint8_t byte = 0;
    for (int k = 0; k < 8; ++k) byte |= static_cast<uint8_t>((values[i + k] != 0 ? 1U : 0U) << k);
    bits[num_bits_ >> 3] = byte;
  }
  for (; i < n; ++i, ++num_bits_) SetBitTo(bits, num_bits_, values[i] != 0);
  return Status::OK();
}

Status PlainBooleanEncoder::PutBitmap(const uint8_t* bitmap, int64_t offset, int64_t n) {
  RETURN_NOT_OK(Grow(n));
  CopyBits(bitmap, offset, bits_.mutable_data(), num_bits_, n);
  num_bits_ += n;
  return Status::OK();
}

Status PlainBooleanEncoder::Flush(Buffer* out) {
  num_bits_ = 0;
  return FlushBuffer(&bits_, out);
}

Status PlainBooleanDecoder::Init(std::span<const uint8_t> data) {
  if (data.size() > static_cast<size_t>(std::numeric_limits<int64_t>::max() / 8)) {
    return Status::Corruption("PLAIN BOOLEAN: page of {} bytes", data.size());
  }
  data_ = data.data();
  num_bits_ = static_cast<int64_t>(data.size()) * 8;
  bit_pos_ = 0;
  return Status::OK();
}

Status PlainBooleanDecoder::Check(int64_t n) const {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("PLAIN BOOLEAN: {} values wanted, {} bits left", n, values_left());
  }
  return Status::OK();
}

Status PlainBooleanDecoder::Decode(uint8_t* out, int64_t n) {
  RETURN_NOT_OK(Check(n));
  int64_t i = 0;
  for (; i < n && (bit_pos_ & 7) != 0; ++i, ++bit_pos_) out[i] = GetBit(data_, bit_pos_) ? 1 : 0;
  for (; i + 8 <= n; i += 8, bit_pos_ += 8) {
    const uint8_t byte = data_[bit_pos_ >> 3];
    for (int k = 0; k < 8; ++k) out[i + k] = (byte >> k) & 1;
  }
  for (; i < n; ++i, ++bit_pos_) out[i] = GetBit(data_, bit_pos_) ? 1 : 0;
  return Status::OK();
}

Status PlainBooleanDecoder::DecodeBitmap(uint8_t* out, int64_t out_offset, int64_t n) {
  RETURN_NOT_OK(Check(n));
  CopyBits(data_, bit_pos_, out, out_offset, n);
  bit_pos_ += n;
  return Status::OK();
}

Status PlainBooleanDecoder::Skip(int64_t n) {
  RETURN_NOT_OK(Check(n));
  bit_pos_ += n;
  return Status::OK();
}

// ---------------------------------------------------------------- BYTE_ARRAY

Status PlainByteArrayEncoder::Put(const std::string_view* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (values[i].size() > std::numeric_limits<uint32_t>::max()) {
      return Status::Invalid("PLAIN BYTE_ARRAY: value of {} bytes exceeds the u32 length",
                             values[i].size());
    }
    const auto length = static_cast<uint32_t>(values[i].size());
    RETURN_NOT_OK(buffer_.Append(&length, sizeof(length)));
    RETURN_NOT_OK(buffer_.Append(values[i]));
  }
  return Status::OK();
}

Status PlainByteArrayEncoder::PutArrow(const int32_t* offsets, const uint8_t* data, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const int32_t length = offsets[i + 1] - offsets[i];
    if (length < 0) return Status::Invalid("PLAIN BYTE_ARRAY: offsets decrease at value {}", i);
    RETURN_NOT_OK(buffer_.Append(&length, sizeof(length)));
    RETURN_NOT_OK(buffer_.Append(data + offsets[i], static_cast<size_t>(length)));
  }
  return Status::OK();
}

Status PlainByteArrayEncoder::Flush(Buffer* out) { return FlushBuffer(&buffer_, out); }

Status PlainByteArrayDecoder::Init(std::span<const uint8_t> data) {
  pos_ = data.data();
  end_ = pos_ + data.size();
  return Status::OK();
}

Result<int64_t> PlainByteArrayDecoder::Scan(int64_t n) const {
  const uint8_t* p = pos_;
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (end_ - p < 4) {
      return Status::Corruption("PLAIN BYTE_ARRAY: length prefix of value {} of {} truncated", i,
                                n);
    }
    const uint32_t length = LoadLittleEndian<uint32_t>(p);
    p += 4;
    if (length > static_cast<uint64_t>(end_ - p)) {
      return Status::Corruption("PLAIN BYTE_ARRAY: value {} of {} bytes overruns the {} left", i,
                                length, end_ - p);
    }
    p += length;
    total += length;
  }
  return total;
}

Status PlainByteArrayDecoder::Decode(std::string_view* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (end_ - pos_ < 4) {
      return Status::Corruption("PLAIN BYTE_ARRAY: length prefix of value {} of {} truncated", i,
                                n);
    }
    const uint32_t length = LoadLittleEndian<uint32_t>(pos_);
    pos_ += 4;
    if (length > static_cast<uint64_t>(end_ - pos_)) {
      return Status::Corruption("PLAIN BYTE_ARRAY: value {} of {} bytes overruns the {} left", i,
                                length, end_ - pos_);
    }
    out[i] = std::string_view(reinterpret_cast<const char*>(pos_), length);
    pos_ += length;
  }
  return Status::OK();
}

Status PlainByteArrayDecoder::DecodeArrow(int64_t n, ByteArrayOutput out) {
  // Validate first so a corrupt page appends nothing.
  ASSIGN_OR_RETURN(const int64_t total, Scan(n));
  ASSIGN_OR_RETURN(ByteArrayAppendSpan span, PrepareByteArrayAppend(out, n, total));
  int32_t offset = span.data_base;
  uint8_t* dst = span.data;
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t length = LoadLittleEndian<uint32_t>(pos_);
    if (length > 0) std::memcpy(dst, pos_ + 4, length);
    dst += length;
    pos_ += 4 + static_cast<size_t>(length);
    offset += static_cast<int32_t>(length);
    span.offsets[i] = offset;
  }
  return Status::OK();
}

Status PlainByteArrayDecoder::Skip(int64_t n) {
  ASSIGN_OR_RETURN(const int64_t total, Scan(n));
  pos_ += total + 4 * n;
  return Status::OK();
}

// ---------------------------------------------------------------- FIXED_LEN_BYTE_ARRAY

Status PlainFixedLenByteArrayEncoder::Flush(Buffer* out) { return FlushBuffer(&buffer_, out); }

Status PlainFixedLenByteArrayDecoder::Init(std::span<const uint8_t> data, int byte_width) {
  if (byte_width <= 0) {
    return Status::Corruption("PLAIN FIXED_LEN_BYTE_ARRAY: byte width {}", byte_width);
  }
  pos_ = data.data();
  end_ = pos_ + data.size();
  byte_width_ = byte_width;
  return Status::OK();
}

Status PlainFixedLenByteArrayDecoder::Check(int64_t n) const {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("PLAIN FIXED_LEN_BYTE_ARRAY: {} values of {} bytes wanted, {} left",
                              n, byte_width_, end_ - pos_);
  }
  return Status::OK();
}

Status PlainFixedLenByteArrayDecoder::Decode(uint8_t* out, int64_t n) {
  RETURN_NOT_OK(Check(n));
  if (n == 0) return Status::OK();
  const size_t bytes = static_cast<size_t>(n) * static_cast<size_t>(byte_width_);
  std::memcpy(out, pos_, bytes);
  pos_ += bytes;
  return Status::OK();
}

Status PlainFixedLenByteArrayDecoder::Skip(int64_t n) {
  RETURN_NOT_OK(Check(n));
  pos_ += static_cast<size_t>(n) * static_cast<size_t>(byte_width_);
  return Status::OK();
}

}  // namespace strata::parquet
