// BYTE_STREAM_SPLIT (Encoding::kByteStreamSplit) for FLOAT, DOUBLE, INT32,
// INT64 and FIXED_LEN_BYTE_ARRAY(w): byte k of every value goes to stream k
// and the streams are concatenated, so N values of width K take K * N bytes
// and the page size gives N.
#pragma once

#include <cstdint>
#include <span>

#include "common/buffer.h"
#include "common/status.h"

namespace strata::parquet {

class ByteStreamSplitEncoder {
 public:
  // REQUIRES: byte_width > 0 (4 for FLOAT and INT32, 8 for DOUBLE and INT64).
  explicit ByteStreamSplitEncoder(int byte_width) : byte_width_(byte_width) {}

  // `n` values of byte_width bytes each, back to back.
  Status Put(const uint8_t* values, int64_t n) {
    return values_.Append(values, static_cast<size_t>(n) * static_cast<size_t>(byte_width_));
  }
  // REQUIRES: sizeof(T) == byte_width.
  template <typename T>
  Status Put(const T* values, int64_t n) {
    return Put(reinterpret_cast<const uint8_t*>(values), n);
  }

  // Appends the streams of every value put since the last Flush; resets.
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const { return static_cast<int64_t>(values_.size()); }

 private:
  int byte_width_;
  Buffer values_;
};

class ByteStreamSplitDecoder {
 public:
  // Corruption when byte_width <= 0 or the size is not a multiple of it.
  // REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data, int byte_width);

  // Gathers the next `n` values (n * byte_width bytes) into `out`.
  // Corruption when fewer remain.
  Status Decode(uint8_t* out, int64_t n);
  // REQUIRES: sizeof(T) == byte_width.
  template <typename T>
  Status Decode(T* out, int64_t n) {
    return Decode(reinterpret_cast<uint8_t*>(out), n);
  }
  Status Skip(int64_t n);

  int64_t num_values() const { return num_values_; }
  int64_t values_left() const { return num_values_ - position_; }

 private:
  const uint8_t* data_ = nullptr;
  int byte_width_ = 1;
  int64_t num_values_ = 0;  // Also the stride between streams.
  int64_t position_ = 0;
};

}  // namespace strata::parquet
