// Bit packing in the LSB-first order of the RLE/bit-packing hybrid and of the
// delta miniblocks: value i occupies bits [i*w, (i+1)*w) of the little-endian
// bit stream. Unpacking runs 32 values at a time through code specialised per
// width, so the shifts and masks are constants and no value crosses a branch.
#pragma once

#include <cstdint>

namespace strata::parquet {

// Bytes taken by 32 packed values of width `bit_width`.
constexpr int BytesPer32Values(int bit_width) { return 4 * bit_width; }

// Unpacks 32 values from exactly BytesPer32Values(bit_width) bytes at `in`.
// REQUIRES: 0 <= bit_width <= 32 (uint32_t) or <= 64 (uint64_t).
void Unpack32(const uint8_t* in, uint32_t* out, int bit_width);
void Unpack32(const uint8_t* in, uint64_t* out, int bit_width);

// Like Unpack32 when fewer than BytesPer32Values(bit_width) bytes remain:
// reads only `available` bytes and treats the missing ones as zero.
// REQUIRES: 0 <= available <= BytesPer32Values(bit_width).
void UnpackPartial32(const uint8_t* in, int available, uint32_t* out, int bit_width);
void UnpackPartial32(const uint8_t* in, int available, uint64_t* out, int bit_width);

// Packs `count` values, keeping the low `bit_width` bits of each, into
// BytesForBits(count * bit_width) bytes at `out`; the unused high bits of the
// last byte are zero. REQUIRES: 0 <= bit_width <= 64.
void PackBits(const uint32_t* in, int64_t count, int bit_width, uint8_t* out);
void PackBits(const uint64_t* in, int64_t count, int bit_width, uint8_t* out);

}  // namespace strata::parquet
