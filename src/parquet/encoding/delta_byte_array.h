// DELTA_LENGTH_BYTE_ARRAY (Encoding::kDeltaLengthByteArray): the lengths as
// DELTA_BINARY_PACKED, then all value bytes back to back.
// DELTA_BYTE_ARRAY (Encoding::kDeltaByteArray): per value, the length of the
// prefix it shares with the previous value (DELTA_BINARY_PACKED), then the
// remaining suffixes as DELTA_LENGTH_BYTE_ARRAY. The previous value starts
// empty on each page.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/types.h"

namespace strata::parquet {

class DeltaLengthByteArrayEncoder {
 public:
  // Invalid when a value is longer than 2^31 - 1 bytes.
  Status Put(const std::string_view* values, int64_t n);
  // `n` values in the Arrow layout: value i is data[offsets[i], offsets[i+1]).
  Status PutArrow(const int32_t* offsets, const uint8_t* data, int64_t n);
  // Appends the encoding of the values put since the last Flush; resets.
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const;

 private:
  DeltaBinaryPackedEncoder<int32_t> lengths_;
  Buffer data_;
};

class DeltaLengthByteArrayDecoder {
 public:
  // Values decoded per internal step; bounds the scratch memory.
  static constexpr int64_t kChunk = 1024;

  // Parses the lengths' header and locates the value bytes. Corruption when
  // the lengths are malformed. REQUIRES: `data` stays valid while decoding
  // and while views returned by Decode are used.
  Status Init(std::span<const uint8_t> data);

  // Views into the page data. Corruption when n > values_left(), a length is
  // negative or the values overrun the data.
  Status Decode(std::string_view* out, int64_t n);
  // Appends copies of the next `n` values to `out` (see ByteArrayOutput).
  Status DecodeArrow(int64_t n, ByteArrayOutput out);
  Status Skip(int64_t n);

  // The building block of the above: decodes the next `n` lengths into
  // lengths[0..n) and returns the bytes of those `n` values, which lie back
  // to back in the page. REQUIRES: `lengths` has room for `n` entries.
  Result<std::span<const uint8_t>> ReadRaw(int64_t n, int32_t* lengths);

  int64_t values_left() const { return lengths_.values_left(); }

 private:
  DeltaBinaryPackedDecoder<int32_t> lengths_;
  const uint8_t* data_pos_ = nullptr;
  const uint8_t* data_end_ = nullptr;
  int32_t scratch_[kChunk] = {};
};

class DeltaByteArrayEncoder {
 public:
  // Invalid when a value is longer than 2^31 - 1 bytes.
  Status Put(const std::string_view* values, int64_t n);
  Status PutArrow(const int32_t* offsets, const uint8_t* data, int64_t n);
  // Appends the encoding of the values put since the last Flush and starts a
  // new page (the next value is compared with the empty string).
  Status Flush(Buffer* out);
  int64_t EstimatedSize() const;

 private:
  Status PutOne(std::string_view value);

  DeltaBinaryPackedEncoder<int32_t> prefix_lengths_;
  DeltaLengthByteArrayEncoder suffixes_;
  std::string last_;
};

class DeltaByteArrayDecoder {
 public:
  static constexpr int64_t kChunk = 1024;

  // Corruption when the prefix lengths or suffixes are malformed.
  // REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data);

  // Appends the next `n` values to `out` (values are rebuilt from the
  // previous one, so they are always copies). Corruption when n exceeds the
  // values left, a prefix length is negative or longer than the previous
  // value, or the suffixes are malformed.
  Status DecodeArrow(int64_t n, ByteArrayOutput out);
  // FIXED_LEN_BYTE_ARRAY columns: `n` values of `width` bytes into out[0 ..
  // n * width). Corruption when a value has another length.
  Status DecodeFixed(uint8_t* out, int64_t n, int width);
  Status Skip(int64_t n);

  int64_t values_left() const {
    return std::min(prefix_lengths_.values_left(), suffixes_.values_left());
  }

 private:
  Status DecodeChunk(int64_t n, ByteArrayOutput out);

  DeltaBinaryPackedDecoder<int32_t> prefix_lengths_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::string last_;
  int32_t prefix_scratch_[kChunk] = {};
  int32_t suffix_scratch_[kChunk] = {};
};

}  // namespace strata::parquet
