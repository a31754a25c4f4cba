// Small bit and byte helpers shared by the encodings. Parquet stores every
// multi-byte number little-endian; strata only targets little-endian hosts,
// which the static_assert below enforces so a port cannot silently misread.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace strata::parquet {

static_assert(std::endian::native == std::endian::little,
              "the Parquet encodings assume a little-endian host");

// Number of bits needed to represent `max_value` (0 for 0).
inline int BitWidthOf(uint64_t max_value) { return static_cast<int>(std::bit_width(max_value)); }

// Bytes holding `bits` bits. REQUIRES: 0 <= bits < 2^63 - 7.
constexpr int64_t BytesForBits(int64_t bits) { return (bits + 7) >> 3; }

template <typename T>
inline T LoadLittleEndian(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

template <typename T>
inline void StoreLittleEndian(uint8_t* p, T value) {
  std::memcpy(p, &value, sizeof(T));
}

// Loads `n` (0..8) bytes little-endian into the low bytes of a uint64.
inline uint64_t LoadPartialLittleEndian(const uint8_t* p, int n) {
  uint64_t value = 0;
  std::memcpy(&value, p, static_cast<size_t>(n));
  return value;
}

// Mask of the low `bits` bits; bits may be 0..64.
constexpr uint64_t LowBitsMask(int bits) {
  return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}

}  // namespace strata::parquet
