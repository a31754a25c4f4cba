// PLAIN (Encoding::kPlain): values back to back, little-endian. BOOLEAN is
// bit-packed LSB first, BYTE_ARRAY is a u32 LE length before each value, and
// FIXED_LEN_BYTE_ARRAY is the raw bytes. Dictionary pages are PLAIN too.
//
// Encoders accumulate values and append the page body on Flush. Decoders read
// a page body the caller keeps alive, and fail with Corruption rather than
// read past it.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "common/buffer.h"
#include "common/status.h"
#include "parquet/encoding/types.h"

namespace strata::parquet {

// T is int32_t, int64_t, float, double or Int96.
template <typename T>
class PlainEncoder {
 public:
  Status Put(const T* values, int64_t n) {
    return buffer_.Append(values, static_cast<size_t>(n) * sizeof(T));
  }
  // Appends the encoded values to `out` and resets the encoder.
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const { return static_cast<int64_t>(buffer_.size()); }

 private:
  Buffer buffer_;
};

template <typename T>
class PlainDecoder {
 public:
  // REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data);
  // Copies the next `n` values; Corruption when fewer remain.
  Status Decode(T* out, int64_t n);
  Status Skip(int64_t n);
  // Whole values left; trailing bytes that do not make a value are ignored.
  int64_t values_left() const { return (end_ - pos_) / static_cast<int64_t>(sizeof(T)); }

 private:
  Status Check(int64_t n) const;

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
};

class PlainBooleanEncoder {
 public:
  // One byte per value; non-zero is true.
  Status Put(const uint8_t* values, int64_t n);
  // `n` bits of an LSB-first bitmap starting at bit `offset`.
  Status PutBitmap(const uint8_t* bitmap, int64_t offset, int64_t n);
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const { return (num_bits_ + 7) / 8; }

 private:
  Status Grow(int64_t n);

  Buffer bits_;
  int64_t num_bits_ = 0;
};

class PlainBooleanDecoder {
 public:
  // REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data);
  // One byte (0 or 1) per value; Corruption when fewer than `n` bits remain.
  Status Decode(uint8_t* out, int64_t n);
  // Into an LSB-first bitmap at bit `out_offset`; other bits are preserved.
  Status DecodeBitmap(uint8_t* out, int64_t out_offset, int64_t n);
  Status Skip(int64_t n);
  // The padding bits of the last byte count as values: the page header says
  // how many are real.
  int64_t values_left() const { return num_bits_ - bit_pos_; }

 private:
  Status Check(int64_t n) const;

  const uint8_t* data_ = nullptr;
  int64_t num_bits_ = 0;
  int64_t bit_pos_ = 0;
};

class PlainByteArrayEncoder {
 public:
  // Invalid when a value is longer than 2^32 - 1 bytes.
  Status Put(const std::string_view* values, int64_t n);
  // `n` values in the Arrow layout: value i is data[offsets[i], offsets[i+1]).
  Status PutArrow(const int32_t* offsets, const uint8_t* data, int64_t n);
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const { return static_cast<int64_t>(buffer_.size()); }

 private:
  Buffer buffer_;
};

class PlainByteArrayDecoder {
 public:
  // REQUIRES: `data` stays valid while decoding and while the views returned
  // by Decode are used.
  Status Init(std::span<const uint8_t> data);
  // Views into the page data. Corruption when a length prefix or value
  // overruns the data.
  Status Decode(std::string_view* out, int64_t n);
  // Appends copies of the next `n` values to `out` (see ByteArrayOutput).
  Status DecodeArrow(int64_t n, ByteArrayOutput out);
  Status Skip(int64_t n);
  bool has_more() const { return pos_ < end_; }

 private:
  // Walks `n` values from pos_ without consuming them; the total value bytes.
  Result<int64_t> Scan(int64_t n) const;

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
};

class PlainFixedLenByteArrayEncoder {
 public:
  // REQUIRES: byte_width > 0.
  explicit PlainFixedLenByteArrayEncoder(int byte_width) : byte_width_(byte_width) {}
  // `n` values of byte_width bytes each, back to back.
  Status Put(const uint8_t* values, int64_t n) {
    return buffer_.Append(values, static_cast<size_t>(n) * static_cast<size_t>(byte_width_));
  }
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const { return static_cast<int64_t>(buffer_.size()); }

 private:
  int byte_width_;
  Buffer buffer_;
};

class PlainFixedLenByteArrayDecoder {
 public:
  // Corruption when byte_width <= 0. REQUIRES: `data` stays valid.
  Status Init(std::span<const uint8_t> data, int byte_width);
  // Copies `n` values (n * byte_width bytes); Corruption when fewer remain.
  Status Decode(uint8_t* out, int64_t n);
  Status Skip(int64_t n);
  int64_t values_left() const { return (end_ - pos_) / byte_width_; }

 private:
  Status Check(int64_t n) const;

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int byte_width_ = 1;
};

}  // namespace strata::parquet
