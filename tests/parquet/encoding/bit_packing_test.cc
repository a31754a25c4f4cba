#include "parquet/encoding/bit_packing.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "encoding_test_util.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/varint.h"

namespace strata::parquet {
namespace {

using testing::Bytes;

// Reference unpacker: one bit at a time, LSB first.
uint64_t SlowGet(const std::vector<uint8_t>& bytes, int index, int width) {
  uint64_t value = 0;
  for (int b = 0; b < width; ++b) {
    const int64_t bit = int64_t{index} * width + b;
    value |= static_cast<uint64_t>((bytes[bit / 8] >> (bit % 8)) & 1) << b;
  }
  return value;
}

TEST(BitPackingTest, SpecExampleOneToSevenWidthThree) {
  // Encodings.md: 0..7 at 3 bits pack LSB-first to 10001000 11000110 11111010.
  const uint32_t values[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<uint8_t> packed(3);
  PackBits(values, 8, 3, packed.data());
  EXPECT_EQ(packed, Bytes({0x88, 0xC6, 0xFA}));
}

TEST(BitPackingTest, Unpack32MatchesReferenceForEveryWidth) {
  std::mt19937_64 rng(7);
  for (int width = 0; width <= 64; ++width) {
    std::vector<uint8_t> packed(static_cast<size_t>(BytesPer32Values(width)));
    for (auto& b : packed) b = static_cast<uint8_t>(rng());
    uint64_t out64[32];
    Unpack32(packed.data(), out64, width);
    for (int i = 0; i < 32; ++i)
      ASSERT_EQ(out64[i], SlowGet(packed, i, width)) << width << " " << i;
    if (width <= 32) {
      uint32_t out32[32];
      Unpack32(packed.data(), out32, width);
      for (int i = 0; i < 32; ++i) ASSERT_EQ(out32[i], out64[i]) << width << " " << i;
    }
  }
}

TEST(BitPackingTest, PackThenUnpackRoundTripsEveryWidth) {
  std::mt19937_64 rng(11);
  for (int width = 0; width <= 64; ++width) {
    uint64_t values[32];
    for (auto& v : values) v = rng() & LowBitsMask(width);
    // Exact-size heap buffer: ASan flags any read or write past it.
    std::vector<uint8_t> packed(static_cast<size_t>(BytesPer32Values(width)));
    PackBits(values, 32, width, packed.data());
    uint64_t out[32];
    Unpack32(packed.data(), out, width);
    for (int i = 0; i < 32; ++i) ASSERT_EQ(out[i], values[i]) << width;
  }
}

TEST(BitPackingTest, PackBitsMasksHighBitsAndZeroesThePadding) {
  const uint32_t values[3] = {0xFF, 0xFF, 0xFF};
  std::vector<uint8_t> packed(2, 0xAA);
  PackBits(values, 3, 3, packed.data());  // 9 bits: 0x1FF.
  EXPECT_EQ(packed, Bytes({0xFF, 0x01}));
}

TEST(BitPackingTest, UnpackPartialTreatsMissingBytesAsZero) {
  const std::vector<uint8_t> packed = Bytes({0xFF, 0xFF});  // 16 of 4*8 bytes.
  uint32_t out[32];
  UnpackPartial32(packed.data(), 2, out, 8);
  EXPECT_EQ(out[0], 0xFFu);
  EXPECT_EQ(out[1], 0xFFu);
  for (int i = 2; i < 32; ++i) EXPECT_EQ(out[i], 0u);
}

TEST(VarintTest, UlebRoundTripsAndRejectsTruncation) {
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{300},
                     uint64_t{1} << 35, ~uint64_t{0}}) {
    uint8_t buf[kMaxUleb64Bytes];
    const int len = EncodeUleb64(v, buf);
    uint64_t decoded = 0;
    EXPECT_EQ(DecodeUleb64(buf, buf + len, &decoded), len);
    EXPECT_EQ(decoded, v);
    EXPECT_EQ(DecodeUleb64(buf, buf + len - 1, &decoded), 0) << v;
  }
}

TEST(VarintTest, UlebRejectsOverlongAndOverflowingEncodings) {
  const std::vector<uint8_t> eleven =
      Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00});
  uint64_t value = 0;
  EXPECT_EQ(DecodeUleb64(eleven.data(), eleven.data() + eleven.size(), &value), 0);
  const std::vector<uint8_t> too_big =
      Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02});
  EXPECT_EQ(DecodeUleb64(too_big.data(), too_big.data() + too_big.size(), &value), 0);
}

TEST(VarintTest, ZigZagMatchesTheProtobufTable) {
  EXPECT_EQ(ZigZagEncode64(0), 0u);
  EXPECT_EQ(ZigZagEncode64(-1), 1u);
  EXPECT_EQ(ZigZagEncode64(1), 2u);
  EXPECT_EQ(ZigZagEncode64(-2), 3u);
  EXPECT_EQ(ZigZagEncode64(std::numeric_limits<int64_t>::max()), ~uint64_t{0} - 1);
  EXPECT_EQ(ZigZagEncode64(std::numeric_limits<int64_t>::min()), ~uint64_t{0});
  for (int64_t v : {int64_t{0}, int64_t{-5}, int64_t{5}, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(ZigZagDecode64(ZigZagEncode64(v)), v);
  }
}

TEST(BitUtilTest, BitWidthOf) {
  EXPECT_EQ(BitWidthOf(0), 0);
  EXPECT_EQ(BitWidthOf(1), 1);
  EXPECT_EQ(BitWidthOf(7), 3);
  EXPECT_EQ(BitWidthOf(8), 4);
  EXPECT_EQ(BitWidthOf(~uint64_t{0}), 64);
}

}  // namespace
}  // namespace strata::parquet
