// Bit-level helpers for validity bitmaps and bool values. Bitmaps use the
// Arrow layout: bit i lives in byte i / 8 at position i % 8 (LSB first).
#pragma once

#include <cstdint>

#include "common/buffer.h"
#include "common/status.h"

namespace strata::bit_util {

constexpr int64_t BytesForBits(int64_t bits) { return (bits + 7) >> 3; }

inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

inline void SetBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
}

inline void ClearBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7)));
}

inline void SetBitTo(uint8_t* bits, int64_t i, bool value) {
  if (value) {
    SetBit(bits, i);
  } else {
    ClearBit(bits, i);
  }
}

// Number of set bits in [offset, offset + length).
int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length);

// Sets the bits [offset, offset + length) to `value`.
void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value);

// Appends bits to a Buffer, growing it as needed. The buffer's size is kept
// at BytesForBits(length()); bits past length() are zero.
// Thread safety: none; one writer.
class BitmapBuilder {
 public:
  int64_t length() const { return length_; }
  const uint8_t* data() const { return buffer_.data(); }

  Status Reserve(int64_t additional_bits);
  Status Append(bool value) { return AppendN(1, value); }
  Status AppendN(int64_t n, bool value);
  // Appends `n` bits, bit i set when bytes[i] != 0.
  Status AppendBytes(const uint8_t* bytes, int64_t n);
  // Moves the bitmap out and leaves the builder empty.
  Buffer Finish();

 private:
  Buffer buffer_;
  int64_t length_ = 0;
};

}  // namespace strata::bit_util
