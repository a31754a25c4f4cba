// ULEB128 and zigzag integers, the variable-length ints of the RLE hybrid and
// delta encodings. Decoding is bounded by an end pointer so it can run on
// untrusted page bytes.
#pragma once

#include <cstdint>

namespace strata::parquet {

// A ULEB128 of a 64-bit value never needs more bytes than this.
inline constexpr int kMaxUleb64Bytes = 10;

// Decodes a ULEB128 from [p, end) into *value. Returns the number of bytes
// read, or 0 when the input ends first or the value does not fit in 64 bits.
inline int DecodeUleb64(const uint8_t* p, const uint8_t* end, uint64_t* value) {
  uint64_t result = 0;
  const int64_t available = end - p;
  for (int i = 0; i < kMaxUleb64Bytes && i < available; ++i) {
    const uint64_t byte = p[i];
    // The tenth byte may carry only the top bit of a 64-bit value.
    if (i == kMaxUleb64Bytes - 1 && byte > 1) return 0;
    result |= (byte & 0x7F) << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      return i + 1;
    }
  }
  return 0;
}

// Writes `value` as ULEB128 to `out`, which must have kMaxUleb64Bytes of room.
// Returns the number of bytes written.
inline int EncodeUleb64(uint64_t value, uint8_t* out) {
  int n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<uint8_t>(value | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<uint8_t>(value);
  return n;
}

inline uint64_t ZigZagEncode64(int64_t value) {
  // Shift in the unsigned domain: a left shift of a negative value is not
  // portable before C++20 and the sign spread below is what we want.
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

inline int64_t ZigZagDecode64(uint64_t value) {
  return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

}  // namespace strata::parquet
