#include "columnar/bit_util.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "test_util.h"

namespace strata::bit_util {
namespace {

TEST(BitUtilTest, BytesForBits) {
  EXPECT_EQ(BytesForBits(0), 0);
  EXPECT_EQ(BytesForBits(1), 1);
  EXPECT_EQ(BytesForBits(8), 1);
  EXPECT_EQ(BytesForBits(9), 2);
  EXPECT_EQ(BytesForBits(64), 8);
}

TEST(BitUtilTest, GetSetClearUseLsbOrder) {
  uint8_t bits[2] = {0, 0};
  SetBit(bits, 0);
  SetBit(bits, 9);
  EXPECT_EQ(bits[0], 0x01);
  EXPECT_EQ(bits[1], 0x02);
  EXPECT_TRUE(GetBit(bits, 0));
  EXPECT_FALSE(GetBit(bits, 1));
  EXPECT_TRUE(GetBit(bits, 9));
  ClearBit(bits, 0);
  EXPECT_FALSE(GetBit(bits, 0));
  SetBitTo(bits, 7, true);
  EXPECT_EQ(bits[0], 0x80);
  SetBitTo(bits, 7, false);
  EXPECT_EQ(bits[0], 0x00);
}

// Compares CountSetBits and SetBitsTo with bit-by-bit references over many
// unaligned ranges, so the byte and word fast paths meet every edge.
TEST(BitUtilTest, CountAndSetMatchNaiveOnUnalignedRanges) {
  std::mt19937 rng(42);
  std::vector<uint8_t> bits(40);
  for (auto& b : bits) b = static_cast<uint8_t>(rng());
  const int64_t total = static_cast<int64_t>(bits.size()) * 8;
  for (int64_t offset = 0; offset < 80; offset += 3) {
    for (int64_t length = 0; offset + length <= total; length += 7) {
      int64_t expected = 0;
      for (int64_t i = offset; i < offset + length; ++i) expected += GetBit(bits.data(), i);
      ASSERT_EQ(CountSetBits(bits.data(), offset, length), expected)
          << "offset " << offset << " length " << length;
    }
  }
  for (int64_t offset : {0, 3, 8, 13}) {
    for (int64_t length : {0, 1, 5, 8, 30, 150}) {
      std::vector<uint8_t> copy = bits;
      SetBitsTo(copy.data(), offset, length, true);
      std::vector<uint8_t> cleared = bits;
      SetBitsTo(cleared.data(), offset, length, false);
      for (int64_t i = 0; i < total; ++i) {
        const bool inside = i >= offset && i < offset + length;
        ASSERT_EQ(GetBit(copy.data(), i), inside ? true : GetBit(bits.data(), i));
        ASSERT_EQ(GetBit(cleared.data(), i), inside ? false : GetBit(bits.data(), i));
      }
    }
  }
}

TEST(BitmapBuilderTest, AppendsAndFinishes) {
  BitmapBuilder builder;
  ASSERT_OK(builder.Append(true));
  ASSERT_OK(builder.AppendN(10, false));
  ASSERT_OK(builder.AppendN(3, true));
  const uint8_t bytes[] = {1, 0, 7};
  ASSERT_OK(builder.AppendBytes(bytes, 3));
  EXPECT_EQ(builder.length(), 17);
  Buffer buffer = builder.Finish();
  EXPECT_EQ(buffer.size(), 3u);
  EXPECT_EQ(CountSetBits(buffer.data(), 0, 17), 1 + 3 + 2);
  EXPECT_TRUE(GetBit(buffer.data(), 0));
  EXPECT_FALSE(GetBit(buffer.data(), 10));
  EXPECT_TRUE(GetBit(buffer.data(), 11));
  EXPECT_TRUE(GetBit(buffer.data(), 14));
  EXPECT_FALSE(GetBit(buffer.data(), 15));
  EXPECT_TRUE(GetBit(buffer.data(), 16));
  // Finish leaves the builder empty and reusable.
  EXPECT_EQ(builder.length(), 0);
  ASSERT_OK(builder.Append(true));
  EXPECT_EQ(builder.Finish().size(), 1u);
}

}  // namespace
}  // namespace strata::bit_util
