#include "parquet/encoding/bit_packing.h"

#include <array>
#include <cstring>
#include <utility>

#include "parquet/encoding/bit_util.h"

namespace strata::parquet {
namespace {

// Extracts value I of a 32-value group of width W. Every index is a constant,
// so each load is sized to stay inside the group's 4*W bytes: the unpackers
// never read past the packed data, which lets callers hand in the exact tail
// of a page.
template <typename U, int W, int I>
inline U UnpackOne(const uint8_t* in) {
  constexpr int kBit = I * W;
  constexpr int kByte = kBit / 8;
  constexpr int kShift = kBit % 8;
  constexpr int kAvailable = BytesPer32Values(W) - kByte;
  constexpr int kLoad = kAvailable < 8 ? kAvailable : 8;
  uint64_t word;
  if constexpr (kLoad == 8) {
    word = LoadLittleEndian<uint64_t>(in + kByte);
  } else {
    word = LoadPartialLittleEndian(in + kByte, kLoad);
  }
  uint64_t value = word >> kShift;
  if constexpr (kShift + W > 64) {
    // Widths above 56 can straddle nine bytes.
    value |= static_cast<uint64_t>(in[kByte + 8]) << (64 - kShift);
  }
  return static_cast<U>(value & LowBitsMask(W));
}

template <typename U, int W, size_t... I>
inline void UnpackGroup(const uint8_t* in, U* out, std::index_sequence<I...> /*unused*/) {
  ((out[I] = UnpackOne<U, W, static_cast<int>(I)>(in)), ...);
}

template <typename U, int W>
void UnpackFixed(const uint8_t* in, U* out) {
  if constexpr (W == 0) {
    std::memset(out, 0, 32 * sizeof(U));
  } else {
    UnpackGroup<U, W>(in, out, std::make_index_sequence<32>{});
  }
}

template <typename U>
using UnpackFn = void (*)(const uint8_t*, U*);

template <typename U, size_t... W>
constexpr auto MakeUnpackTable(std::index_sequence<W...> /*unused*/) {
  return std::array<UnpackFn<U>, sizeof...(W)>{&UnpackFixed<U, static_cast<int>(W)>...};
}

constexpr auto kUnpack32Table = MakeUnpackTable<uint32_t>(std::make_index_sequence<33>{});
constexpr auto kUnpack64Table = MakeUnpackTable<uint64_t>(std::make_index_sequence<65>{});

template <typename U>
void UnpackPartial(const uint8_t* in, int available, U* out, int bit_width) {
  // The largest group is 32 values of 64 bits.
  uint8_t padded[BytesPer32Values(64)] = {};
  std::memcpy(padded, in, static_cast<size_t>(available));
  Unpack32(padded, out, bit_width);
}

template <typename U>
void PackBitsImpl(const U* in, int64_t count, int bit_width, uint8_t* out) {
  const uint64_t mask = LowBitsMask(bit_width);
  uint64_t acc = 0;
  int acc_bits = 0;
  for (int64_t i = 0; i < count; ++i) {
    const uint64_t v = static_cast<uint64_t>(in[i]) & mask;
    acc |= v << acc_bits;
    acc_bits += bit_width;
    if (acc_bits >= 64) {
      StoreLittleEndian(out, acc);
      out += 8;
      acc_bits -= 64;
      // The bits of v that did not fit; none when v ended exactly on the word.
      acc = acc_bits == 0 ? 0 : v >> (bit_width - acc_bits);
    }
  }
  if (acc_bits > 0) std::memcpy(out, &acc, static_cast<size_t>(BytesForBits(acc_bits)));
}

}  // namespace

void Unpack32(const uint8_t* in, uint32_t* out, int bit_width) {
  kUnpack32Table[static_cast<size_t>(bit_width)](in, out);
}

void Unpack32(const uint8_t* in, uint64_t* out, int bit_width) {
  kUnpack64Table[static_cast<size_t>(bit_width)](in, out);
}

void UnpackPartial32(const uint8_t* in, int available, uint32_t* out, int bit_width) {
  UnpackPartial(in, available, out, bit_width);
}

void UnpackPartial32(const uint8_t* in, int available, uint64_t* out, int bit_width) {
  UnpackPartial(in, available, out, bit_width);
}

void PackBits(const uint32_t* in, int64_t count, int bit_width, uint8_t* out) {
  PackBitsImpl(in, count, bit_width, out);
}

void PackBits(const uint64_t* in, int64_t count, int bit_width, uint8_t* out) {
  PackBitsImpl(in, count, bit_width, out);
}

}  // namespace strata::parquet
