#include "parquet/encoding/byte_stream_split.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <vector>

#include "encoding_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::RandomValues;
using testing::ToVector;
using testing::TruncationSweep;

template <typename T>
class ByteStreamSplitTest : public ::testing::Test {};
using SplitTypes = ::testing::Types<int32_t, int64_t, float, double>;
TYPED_TEST_SUITE(ByteStreamSplitTest, SplitTypes);

template <typename T>
std::vector<uint8_t> Encode(const std::vector<T>& values) {
  ByteStreamSplitEncoder encoder(sizeof(T));
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  Buffer out;
  CHECK_OK(encoder.Flush(&out));
  return ToVector(out);
}

TYPED_TEST(ByteStreamSplitTest, RoundTripsBitForBit) {
  using T = TypeParam;
  for (int64_t n : {0, 1, 8, 32, 128, 129, 10001}) {
    std::vector<T> values = RandomValues<T>(n, static_cast<uint64_t>(n) + 3);
    if constexpr (std::is_floating_point_v<T>) {
      if (n >= 4) {
        values[0] = std::numeric_limits<T>::quiet_NaN();
        values[1] = -T{0};
        values[2] = std::numeric_limits<T>::infinity();
        values[3] = -std::numeric_limits<T>::infinity();
      }
    }
    const std::vector<uint8_t> bytes = Encode(values);
    ASSERT_EQ(bytes.size(), values.size() * sizeof(T));
    ByteStreamSplitDecoder decoder;
    ASSERT_OK(decoder.Init(bytes, sizeof(T)));
    EXPECT_EQ(decoder.num_values(), n);
    std::vector<T> decoded(values.size());
    ASSERT_OK(decoder.Decode(decoded.data(), n));
    EXPECT_TRUE(testing::SameBytes(decoded, values));
  }
}

TYPED_TEST(ByteStreamSplitTest, PiecesAndSkip) {
  using T = TypeParam;
  const std::vector<T> values = RandomValues<T>(1000, 5);
  const std::vector<uint8_t> bytes = Encode(values);
  ByteStreamSplitDecoder decoder;
  ASSERT_OK(decoder.Init(bytes, sizeof(T)));
  std::vector<T> decoded(1000);
  ASSERT_OK(decoder.Decode(decoded.data(), 333));
  ASSERT_OK(decoder.Skip(100));
  ASSERT_OK(decoder.Decode(decoded.data() + 433, 567));
  EXPECT_TRUE(testing::SameBytes(decoded.data(), values.data(), 333));
  EXPECT_TRUE(testing::SameBytes(decoded.data() + 433, values.data() + 433, 567));
  EXPECT_TRUE(decoder.Decode(decoded.data(), 1).IsCorruption());
  EXPECT_TRUE(decoder.Skip(1).IsCorruption());
}

TEST(ByteStreamSplitGoldenTest, SpecExample) {
  // Encodings.md: three FLOATs AA BB CC DD | 00 11 22 33 | A3 B4 C5 D6.
  const std::vector<uint8_t> raw =
      Bytes({0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6});
  const std::vector<uint8_t> expected =
      Bytes({0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6});
  ByteStreamSplitEncoder encoder(4);
  ASSERT_OK(encoder.Put(raw.data(), 3));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  EXPECT_EQ(ToVector(out), expected);
  ByteStreamSplitDecoder decoder;
  ASSERT_OK(decoder.Init(expected, 4));
  std::vector<uint8_t> decoded(12);
  ASSERT_OK(decoder.Decode(decoded.data(), 3));
  EXPECT_EQ(decoded, raw);
}

TEST(ByteStreamSplitFlbaTest, AnyWidthRoundTrips) {
  for (int width : {1, 2, 3, 5, 12, 16, 33}) {
    const std::vector<uint8_t> raw =
        RandomValues<uint8_t>(width * 77, static_cast<uint64_t>(width));
    ByteStreamSplitEncoder encoder(width);
    ASSERT_OK(encoder.Put(raw.data(), 77));
    Buffer out;
    ASSERT_OK(encoder.Flush(&out));
    // Stream k holds byte k of every value.
    EXPECT_EQ(out.data()[77 * (width - 1) + 5], raw[static_cast<size_t>(5 * width + width - 1)]);
    ByteStreamSplitDecoder decoder;
    ASSERT_OK(decoder.Init(out.span(), width));
    std::vector<uint8_t> decoded(raw.size());
    ASSERT_OK(decoder.Decode(decoded.data(), 77));
    EXPECT_EQ(decoded, raw) << width;
  }
}

TEST(ByteStreamSplitDecoderTest, SizeNotAMultipleOfTheWidthIsCorruption) {
  const std::vector<uint8_t> bytes = Encode(RandomValues<double>(10, 1));
  const int ok = TruncationSweep(bytes, [](std::span<const uint8_t> prefix) {
    ByteStreamSplitDecoder decoder;
    RETURN_NOT_OK(decoder.Init(prefix, 8));
    // A shorter page that is a whole number of values is a valid page of
    // fewer values; it must not yield more than it holds.
    std::vector<double> out(10);
    EXPECT_TRUE(decoder.Decode(out.data(), decoder.num_values() + 1).IsCorruption());
    return decoder.Decode(out.data(), decoder.num_values());
  });
  EXPECT_EQ(ok, 10);  // Lengths 0, 8, ..., 72.
  ByteStreamSplitDecoder decoder;
  EXPECT_TRUE(decoder.Init(bytes, 0).IsCorruption());
  EXPECT_TRUE(decoder.Init(bytes, -4).IsCorruption());
}

}  // namespace
}  // namespace strata::parquet
