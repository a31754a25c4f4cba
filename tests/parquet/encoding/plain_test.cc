#include "parquet/encoding/plain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::FromArrow;
using testing::RandomStrings;
using testing::RandomValues;
using testing::ToVector;
using testing::TruncationSweep;
using testing::Views;

template <typename T>
std::vector<T> EdgeValues() {
  if constexpr (std::is_floating_point_v<T>) {
    using L = std::numeric_limits<T>;
    return {T{0},           -T{0},           T{1},          -T{1},
            L::quiet_NaN(), -L::quiet_NaN(), L::infinity(), -L::infinity(),
            L::min(),       L::denorm_min(), L::max(),      L::lowest(),
            L::epsilon()};
  } else {
    using L = std::numeric_limits<T>;
    return {T{0}, T{1}, T{-1}, L::min(), L::max(), T{42}};
  }
}

template <typename T>
class PlainFixedWidthTest : public ::testing::Test {};
using FixedWidthTypes = ::testing::Types<int32_t, int64_t, float, double>;
TYPED_TEST_SUITE(PlainFixedWidthTest, FixedWidthTypes);

template <typename T>
std::vector<uint8_t> EncodePlain(const std::vector<T>& values) {
  PlainEncoder<T> encoder;
  Buffer out;
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  CHECK_OK(encoder.Flush(&out));
  return ToVector(out);
}

TYPED_TEST(PlainFixedWidthTest, RoundTripsEdgeValuesBitForBit) {
  using T = TypeParam;
  const std::vector<T> values = EdgeValues<T>();
  const std::vector<uint8_t> bytes = EncodePlain(values);
  ASSERT_EQ(bytes.size(), values.size() * sizeof(T));
  PlainDecoder<T> decoder;
  ASSERT_OK(decoder.Init(bytes));
  EXPECT_EQ(decoder.values_left(), static_cast<int64_t>(values.size()));
  std::vector<T> decoded(values.size());
  ASSERT_OK(decoder.Decode(decoded.data(), static_cast<int64_t>(values.size())));
  EXPECT_TRUE(testing::SameBytes(decoded, values));
  EXPECT_EQ(decoder.values_left(), 0);
}

TYPED_TEST(PlainFixedWidthTest, RoundTripsBoundaryCounts) {
  using T = TypeParam;
  for (int64_t n : {0, 1, 8, 32, 128, 129, 10000}) {
    const std::vector<T> values = RandomValues<T>(n, static_cast<uint64_t>(n));
    const std::vector<uint8_t> bytes = EncodePlain(values);
    PlainDecoder<T> decoder;
    ASSERT_OK(decoder.Init(bytes));
    std::vector<T> decoded(values.size());
    ASSERT_OK(decoder.Decode(decoded.data(), n));
    EXPECT_TRUE(testing::SameBytes(decoded, values)) << n;
  }
}

TYPED_TEST(PlainFixedWidthTest, LittleEndianLayout) {
  using T = TypeParam;
  const T one = T{1};
  const std::vector<uint8_t> bytes = EncodePlain(std::vector<T>{one});
  std::vector<uint8_t> expected(sizeof(T));
  std::memcpy(expected.data(), &one, sizeof(T));
  EXPECT_EQ(bytes, expected);
  if constexpr (std::is_same_v<T, int32_t>) {
    EXPECT_EQ(bytes, Bytes({1, 0, 0, 0}));
  }
  if constexpr (std::is_same_v<T, double>) {
    EXPECT_EQ(bytes, Bytes({0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));  // 1.0 = 0x3FF0000000000000.
  }
}

TYPED_TEST(PlainFixedWidthTest, TruncatedDataIsCorruption) {
  using T = TypeParam;
  const std::vector<T> values = RandomValues<T>(5, 1);
  const std::vector<uint8_t> bytes = EncodePlain(values);
  TruncationSweep(bytes, [](std::span<const uint8_t> prefix) {
    PlainDecoder<T> decoder;
    RETURN_NOT_OK(decoder.Init(prefix));
    std::vector<T> out(5);
    return decoder.Decode(out.data(), 5);
  });
  PlainDecoder<T> decoder;
  ASSERT_OK(decoder.Init(bytes));
  T out[5];
  ASSERT_OK(decoder.Skip(3));
  EXPECT_TRUE(decoder.Decode(out, 3).IsCorruption());
  EXPECT_TRUE(decoder.Decode(out, -1).IsCorruption());
  ASSERT_OK(decoder.Decode(out, 2));
}

TEST(PlainInt96Test, RoundTripsTwelveBytes) {
  const std::vector<Int96> values = {
      {{0x01020304, 0x05060708, 0x090A0B0C}}, {{0, 0, 0}}, {{0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF}}};
  const std::vector<uint8_t> bytes = EncodePlain(values);
  ASSERT_EQ(bytes.size(), 36u);
  EXPECT_EQ(bytes[0], 0x04);
  EXPECT_EQ(bytes[11], 0x09);
  PlainDecoder<Int96> decoder;
  ASSERT_OK(decoder.Init(bytes));
  std::vector<Int96> decoded(3);
  ASSERT_OK(decoder.Decode(decoded.data(), 3));
  EXPECT_EQ(decoded, values);
}

TEST(PlainBooleanTest, BitPackedLsbFirst) {
  const std::vector<uint8_t> bools = {1, 0, 1, 1, 0, 0, 0, 0, 1, 1};
  PlainBooleanEncoder encoder;
  ASSERT_OK(encoder.Put(bools.data(), 10));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  EXPECT_EQ(ToVector(out), Bytes({0x0D, 0x03}));
}

TEST(PlainBooleanTest, RoundTripsAtEveryAlignment) {
  std::vector<uint8_t> bools(300);
  for (size_t i = 0; i < bools.size(); ++i)
    bools[i] = static_cast<uint8_t>((i * 7 + i / 5) % 3 == 0);
  for (int64_t split : {0, 1, 3, 8, 13, 64, 299}) {
    PlainBooleanEncoder encoder;
    ASSERT_OK(encoder.Put(bools.data(), split));
    ASSERT_OK(encoder.Put(bools.data() + split, 300 - split));
    Buffer out;
    ASSERT_OK(encoder.Flush(&out));
    ASSERT_EQ(out.size(), 38u);
    PlainBooleanDecoder decoder;
    ASSERT_OK(decoder.Init(out.span()));
    std::vector<uint8_t> decoded(300);
    ASSERT_OK(decoder.Decode(decoded.data(), split));
    ASSERT_OK(decoder.Decode(decoded.data() + split, 300 - split));
    EXPECT_EQ(decoded, bools) << split;
  }
}

TEST(PlainBooleanTest, BitmapInAndOut) {
  // Bits 3..20 of a bitmap, written at bit offset 5 of the output.
  const std::vector<uint8_t> bitmap = Bytes({0xA5, 0x3C, 0xF0, 0x0F});
  PlainBooleanEncoder encoder;
  ASSERT_OK(encoder.PutBitmap(bitmap.data(), 3, 18));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  PlainBooleanDecoder decoder;
  ASSERT_OK(decoder.Init(out.span()));
  std::vector<uint8_t> result(4, 0xFF);
  ASSERT_OK(decoder.DecodeBitmap(result.data(), 5, 18));
  for (int i = 0; i < 18; ++i) {
    EXPECT_EQ((result[(5 + i) / 8] >> ((5 + i) % 8)) & 1,
              (bitmap[(3 + i) / 8] >> ((3 + i) % 8)) & 1)
        << i;
  }
  EXPECT_EQ(result[0] & 0x1F, 0x1F);  // Bits before the offset untouched.
  // Aligned copy.
  ASSERT_OK(decoder.Init(bitmap));
  std::vector<uint8_t> aligned(4, 0);
  ASSERT_OK(decoder.DecodeBitmap(aligned.data(), 0, 32));
  EXPECT_EQ(aligned, bitmap);
  EXPECT_TRUE(decoder.Decode(aligned.data(), 1).IsCorruption());
}

TEST(PlainByteArrayTest, LayoutAndRoundTrip) {
  const std::vector<std::string> strings = {"", "a", "hello", std::string(1, '\0'), ""};
  const std::vector<std::string_view> views = Views(strings);
  PlainByteArrayEncoder encoder;
  ASSERT_OK(encoder.Put(views.data(), 2));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  EXPECT_EQ(ToVector(out), Bytes({0, 0, 0, 0, 1, 0, 0, 0, 'a'}));
  out.Clear();
  ASSERT_OK(encoder.Put(views.data(), 5));
  ASSERT_OK(encoder.Flush(&out));

  PlainByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(out.span()));
  std::vector<std::string_view> decoded(5);
  ASSERT_OK(decoder.Decode(decoded.data(), 5));
  EXPECT_EQ(decoded, views);
  EXPECT_FALSE(decoder.has_more());

  ASSERT_OK(decoder.Init(out.span()));
  Buffer offsets;
  Buffer data;
  ASSERT_OK(decoder.DecodeArrow(2, {&offsets, &data}));
  ASSERT_OK(decoder.DecodeArrow(3, {&offsets, &data}));
  EXPECT_EQ(FromArrow(offsets, data), strings);
}

TEST(PlainByteArrayTest, PutArrowAndLongValues) {
  const std::string big(1 << 20, 'x');
  const std::vector<std::string> strings = {"ab", big, "", "c"};
  Buffer offsets;
  Buffer data;
  int32_t end = 0;
  ASSERT_OK(offsets.Append(&end, 4));
  for (const auto& s : strings) {
    ASSERT_OK(data.Append(s));
    end += static_cast<int32_t>(s.size());
    ASSERT_OK(offsets.Append(&end, 4));
  }
  PlainByteArrayEncoder encoder;
  ASSERT_OK(encoder.PutArrow(offsets.data_as<int32_t>(), data.data(), 4));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  PlainByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(out.span()));
  Buffer out_offsets;
  Buffer out_data;
  ASSERT_OK(decoder.DecodeArrow(4, {&out_offsets, &out_data}));
  EXPECT_EQ(FromArrow(out_offsets, out_data), strings);
}

TEST(PlainByteArrayTest, LengthBeyondDataIsCorruptionWithoutAllocation) {
  // A length of 2^32 - 1 with 3 bytes behind it.
  const std::vector<uint8_t> bytes = Bytes({0xFF, 0xFF, 0xFF, 0xFF, 'a', 'b', 'c'});
  PlainByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(bytes));
  std::string_view view;
  EXPECT_TRUE(decoder.Decode(&view, 1).IsCorruption());
  ASSERT_OK(decoder.Init(bytes));
  Buffer offsets;
  Buffer data;
  EXPECT_TRUE(decoder.DecodeArrow(1, {&offsets, &data}).IsCorruption());
  EXPECT_EQ(data.size(), 0u);
  EXPECT_TRUE(decoder.Skip(1).IsCorruption());
}

TEST(PlainByteArrayTest, EveryTruncationIsCorruption) {
  const std::vector<std::string> strings = RandomStrings(20, 9, 3);
  const std::vector<std::string_view> views = Views(strings);
  PlainByteArrayEncoder encoder;
  ASSERT_OK(encoder.Put(views.data(), 20));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  const int ok = TruncationSweep(ToVector(out), [](std::span<const uint8_t> prefix) {
    PlainByteArrayDecoder decoder;
    RETURN_NOT_OK(decoder.Init(prefix));
    Buffer offsets;
    Buffer data;
    return decoder.DecodeArrow(20, {&offsets, &data});
  });
  EXPECT_EQ(ok, 0);
}

TEST(PlainFixedLenByteArrayTest, RoundTripAndErrors) {
  const std::vector<uint8_t> values = Bytes({1, 2, 3, 4, 5, 6, 7, 8, 9});
  PlainFixedLenByteArrayEncoder encoder(3);
  ASSERT_OK(encoder.Put(values.data(), 3));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  EXPECT_EQ(ToVector(out), values);
  PlainFixedLenByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(out.span(), 3));
  EXPECT_EQ(decoder.values_left(), 3);
  std::vector<uint8_t> decoded(9);
  ASSERT_OK(decoder.Skip(1));
  ASSERT_OK(decoder.Decode(decoded.data(), 2));
  EXPECT_TRUE(std::equal(decoded.begin(), decoded.begin() + 6, values.begin() + 3));
  EXPECT_TRUE(decoder.Decode(decoded.data(), 1).IsCorruption());
  EXPECT_TRUE(decoder.Init(out.span(), 0).IsCorruption());
}

}  // namespace
}  // namespace strata::parquet
