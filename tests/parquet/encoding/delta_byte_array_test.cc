#include "parquet/encoding/delta_byte_array.h"

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "fixture_pages.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::FromArrow;
using testing::RandomStrings;
using testing::ToVector;
using testing::TruncationSweep;
using testing::Views;

std::vector<uint8_t> EncodeDlba(const std::vector<std::string>& values) {
  DeltaLengthByteArrayEncoder encoder;
  const auto views = Views(values);
  CHECK_OK(encoder.Put(views.data(), static_cast<int64_t>(views.size())));
  Buffer out;
  CHECK_OK(encoder.Flush(&out));
  return ToVector(out);
}

std::vector<uint8_t> EncodeDba(const std::vector<std::string>& values) {
  DeltaByteArrayEncoder encoder;
  const auto views = Views(values);
  CHECK_OK(encoder.Put(views.data(), static_cast<int64_t>(views.size())));
  Buffer out;
  CHECK_OK(encoder.Flush(&out));
  return ToVector(out);
}

Status DecodeDlba(std::span<const uint8_t> bytes, int64_t n, std::vector<std::string>* out) {
  DeltaLengthByteArrayDecoder decoder;
  RETURN_NOT_OK(decoder.Init(bytes));
  Buffer offsets;
  Buffer data;
  RETURN_NOT_OK(decoder.DecodeArrow(n, {&offsets, &data}));
  *out = FromArrow(offsets, data);
  return Status::OK();
}

Status DecodeDba(std::span<const uint8_t> bytes, int64_t n, std::vector<std::string>* out) {
  DeltaByteArrayDecoder decoder;
  RETURN_NOT_OK(decoder.Init(bytes));
  Buffer offsets;
  Buffer data;
  RETURN_NOT_OK(decoder.DecodeArrow(n, {&offsets, &data}));
  *out = FromArrow(offsets, data);
  return Status::OK();
}

// Sorted keys with long shared prefixes, as DELTA_BYTE_ARRAY is meant for.
std::vector<std::string> SortedKeys(int64_t n) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < n; ++i) out.push_back("customer/" + std::to_string(1000000 + i * 7));
  return out;
}

TEST(DeltaLengthByteArrayTest, SpecExampleGoldenBytes) {
  // "Hello" "World" "Foobar" "ABCDEF": lengths 5 5 6 6 as DELTA_BINARY_PACKED
  // (first 5 = zigzag 0A; deltas 0 1 0, min 0, width 1: bit 1 set -> 02),
  // then the bytes back to back.
  std::vector<uint8_t> expected = Bytes({0x80, 0x01, 0x04, 0x04, 0x0A,  // header
                                         0x00, 0x01, 0x00, 0x00, 0x00,  // min delta, widths
                                         0x02, 0x00, 0x00, 0x00});      // 32 values at 1 bit
  for (char c : std::string("HelloWorldFoobarABCDEF")) expected.push_back(static_cast<uint8_t>(c));
  const std::vector<std::string> values = {"Hello", "World", "Foobar", "ABCDEF"};
  EXPECT_EQ(EncodeDlba(values), expected);
  std::vector<std::string> decoded;
  ASSERT_OK(DecodeDlba(expected, 4, &decoded));
  EXPECT_EQ(decoded, values);
}

TEST(DeltaLengthByteArrayTest, RoundTripsEdgeCases) {
  const std::string big(1 << 20, 'q');
  for (const std::vector<std::string>& values :
       {std::vector<std::string>{}, std::vector<std::string>{""}, std::vector<std::string>(129, ""),
        std::vector<std::string>{"a", big, "", "b"}, RandomStrings(1000, 40, 7)}) {
    const std::vector<uint8_t> bytes = EncodeDlba(values);
    std::vector<std::string> decoded;
    ASSERT_OK(DecodeDlba(bytes, static_cast<int64_t>(values.size()), &decoded));
    EXPECT_EQ(decoded, values);
  }
}

TEST(DeltaLengthByteArrayTest, ViewsPointIntoThePage) {
  const std::vector<std::string> values = RandomStrings(3000, 10, 2);
  const std::vector<uint8_t> bytes = EncodeDlba(values);
  DeltaLengthByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(bytes));
  std::vector<std::string_view> views(values.size());
  ASSERT_OK(decoder.Skip(10));
  ASSERT_OK(decoder.Decode(views.data() + 10, 2990));
  for (size_t i = 10; i < values.size(); ++i) ASSERT_EQ(views[i], values[i]);
  EXPECT_GE(reinterpret_cast<const uint8_t*>(views[10].data()), bytes.data());
  EXPECT_EQ(decoder.values_left(), 0);
}

TEST(DeltaLengthByteArrayTest, PutArrowMatchesPut) {
  const std::vector<std::string> values = RandomStrings(600, 12, 5);
  Buffer offsets;
  Buffer data;
  int32_t end = 0;
  ASSERT_OK(offsets.Append(&end, 4));
  for (const auto& s : values) {
    ASSERT_OK(data.Append(s));
    end += static_cast<int32_t>(s.size());
    ASSERT_OK(offsets.Append(&end, 4));
  }
  DeltaLengthByteArrayEncoder encoder;
  ASSERT_OK(encoder.PutArrow(offsets.data_as<int32_t>(), data.data(), 600));
  Buffer out;
  ASSERT_OK(encoder.Flush(&out));
  EXPECT_EQ(ToVector(out), EncodeDlba(values));
}

TEST(DeltaLengthByteArrayTest, BadLengthsAreCorruption) {
  // Lengths 5 and -3 (zigzag 5): negative length.
  std::vector<uint8_t> negative = Bytes({0x80, 0x01, 0x04, 0x02, 0x0A, 0x0F, 0, 0, 0, 0});
  negative.insert(negative.end(), 10, 'x');
  std::vector<std::string> out;
  EXPECT_TRUE(DecodeDlba(negative, 2, &out).IsCorruption());
  // One length of 1000 with 3 data bytes.
  const std::vector<uint8_t> overrun = Bytes({0x80, 0x01, 0x04, 0x01, 0xD0, 0x0F, 'a', 'b', 'c'});
  EXPECT_TRUE(DecodeDlba(overrun, 1, &out).IsCorruption());
  // More values than the lengths hold.
  EXPECT_TRUE(DecodeDlba(EncodeDlba({"a"}), 2, &out).IsCorruption());
}

TEST(DeltaLengthByteArrayTest, EveryTruncationIsCorruption) {
  const std::vector<std::string> values = RandomStrings(150, 6, 1);
  const int ok = TruncationSweep(EncodeDlba(values), [&](std::span<const uint8_t> prefix) {
    std::vector<std::string> decoded;
    return DecodeDlba(prefix, 150, &decoded);
  });
  EXPECT_EQ(ok, 0);
}

TEST(DeltaByteArrayTest, SpecExampleGoldenBytes) {
  // "axis" "axle" "babble" "babyhood":
  // prefix lengths 0 2 0 3: deltas 2 -2 3, min -2 (zigzag 03), relative
  //   4 0 5 at 3 bits -> bits 2, 6, 8 -> 44 01;
  // suffix lengths 4 2 6 5: deltas -2 4 -1, min -2, relative 0 6 1 at 3 bits
  //   -> bits 4, 5, 6 -> 70; then the suffixes "axis" "le" "babble" "yhood".
  std::vector<uint8_t> expected =
      Bytes({0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0,    0,    0,    0x44, 0x01, 0,    0,    0,
             0,    0,    0,    0,    0,    0,    0,    0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0,
             0,    0,    0x70, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0});
  for (char c : std::string("axislebabbleyhood")) expected.push_back(static_cast<uint8_t>(c));
  const std::vector<std::string> values = {"axis", "axle", "babble", "babyhood"};
  EXPECT_EQ(EncodeDba(values), expected);
  std::vector<std::string> decoded;
  ASSERT_OK(DecodeDba(expected, 4, &decoded));
  EXPECT_EQ(decoded, values);
}

TEST(DeltaByteArrayTest, RoundTripsEdgeCases) {
  const std::string big(1 << 20, 'z');
  for (const std::vector<std::string>& values :
       {std::vector<std::string>{}, std::vector<std::string>{""},
        std::vector<std::string>(200, "same"), std::vector<std::string>{big, big + "x", "", big},
        SortedKeys(5000), RandomStrings(2000, 5, 9)}) {
    const std::vector<uint8_t> bytes = EncodeDba(values);
    std::vector<std::string> decoded;
    ASSERT_OK(DecodeDba(bytes, static_cast<int64_t>(values.size()), &decoded));
    EXPECT_EQ(decoded, values);
  }
}

TEST(DeltaByteArrayTest, SharedPrefixesShrinkTheEncoding) {
  const std::vector<std::string> keys = SortedKeys(5000);
  EXPECT_LT(EncodeDba(keys).size() * 2, EncodeDlba(keys).size());
}

TEST(DeltaByteArrayTest, PiecesSkipAndReuse) {
  const std::vector<std::string> keys = SortedKeys(3000);
  const std::vector<uint8_t> bytes = EncodeDba(keys);
  DeltaByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(bytes));
  ASSERT_OK(decoder.Skip(1500));
  Buffer offsets;
  Buffer data;
  ASSERT_OK(decoder.DecodeArrow(1, {&offsets, &data}));
  ASSERT_OK(decoder.DecodeArrow(1499, {&offsets, &data}));
  const auto decoded = FromArrow(offsets, data);
  EXPECT_TRUE(std::equal(decoded.begin(), decoded.end(), keys.begin() + 1500));
  EXPECT_TRUE(decoder.DecodeArrow(1, {&offsets, &data}).IsCorruption());

  // Flush starts a new page: the first value is not prefixed by the last.
  DeltaByteArrayEncoder encoder;
  const auto views = Views(keys);
  Buffer first;
  Buffer second;
  ASSERT_OK(encoder.Put(views.data(), 10));
  ASSERT_OK(encoder.Flush(&first));
  ASSERT_OK(encoder.Put(views.data() + 10, 10));
  ASSERT_OK(encoder.Flush(&second));
  std::vector<std::string> page2;
  ASSERT_OK(DecodeDba(second.span(), 10, &page2));
  EXPECT_TRUE(std::equal(page2.begin(), page2.end(), keys.begin() + 10));
}

TEST(DeltaByteArrayTest, FixedLenByteArrayValues) {
  // parquet-mr writes FIXED_LEN_BYTE_ARRAY decimals with DELTA_BYTE_ARRAY.
  const std::vector<std::string> values = {std::string("\x00\x01\x02", 3),
                                           std::string("\x00\x01\x07", 3),
                                           std::string("\xff\x00\x00", 3)};
  const std::vector<uint8_t> bytes = EncodeDba(values);
  DeltaByteArrayDecoder decoder;
  ASSERT_OK(decoder.Init(bytes));
  std::vector<uint8_t> out(9);
  ASSERT_OK(decoder.DecodeFixed(out.data(), 3, 3));
  EXPECT_EQ(std::string(out.begin(), out.end()), values[0] + values[1] + values[2]);
  ASSERT_OK(decoder.Init(bytes));
  EXPECT_TRUE(decoder.DecodeFixed(out.data(), 2, 4).IsCorruption());
  const std::vector<uint8_t> mixed = EncodeDba({"abc", "ab"});
  ASSERT_OK(decoder.Init(mixed));
  EXPECT_TRUE(decoder.DecodeFixed(out.data(), 2, 3).IsCorruption());
}

TEST(DeltaByteArrayTest, PrefixLongerThanPreviousIsCorruption) {
  // Prefix lengths 0 5 with suffixes "ab" "c": the second value would take
  // 5 bytes from a 2-byte predecessor.
  std::vector<uint8_t> prefixes = Bytes({0x80, 0x01, 0x04, 0x02, 0x00, 0x0A, 0, 0, 0, 0});
  std::vector<uint8_t> suffixes = EncodeDlba({"ab", "c"});
  prefixes.insert(prefixes.end(), suffixes.begin(), suffixes.end());
  std::vector<std::string> out;
  EXPECT_TRUE(DecodeDba(prefixes, 2, &out).IsCorruption());
}

TEST(DeltaByteArrayTest, EveryTruncationIsCorruption) {
  const std::vector<std::string> keys = SortedKeys(140);
  const int ok = TruncationSweep(EncodeDba(keys), [&](std::span<const uint8_t> prefix) {
    std::vector<std::string> decoded;
    return DecodeDba(prefix, 140, &decoded);
  });
  EXPECT_EQ(ok, 0);
}

// delta_byte_array.parquet (parquet-mr): nine optional string columns of
// 1000 rows, one v2 page each, with nulls in the definition levels.
TEST(DeltaByteArrayFixtureTest, DecodesParquetMrPages) {
  const auto dir = testing::FixtureDir();
  ASSERT_FALSE(dir.empty()) << "shared Parquet fixtures not found";
  const std::string file = testing::ReadFile(dir / "delta_byte_array.parquet");
  const auto pages = testing::ReadFixturePages(file);
  ASSERT_TRUE(pages.has_value());
  ASSERT_EQ(pages->size(), 9u);

  std::istringstream csv(testing::ReadFile(dir / "delta_byte_array_expect.csv"));
  std::string line;
  std::getline(csv, line);
  std::vector<std::vector<std::optional<std::string>>> rows;
  while (std::getline(csv, line)) rows.push_back(testing::SplitCsvLine(line));
  ASSERT_EQ(rows.size(), 1000u);

  for (size_t column = 0; column < pages->size(); ++column) {
    const testing::FixturePage& page = (*pages)[column];
    ASSERT_EQ(page.encoding, 7);  // DELTA_BYTE_ARRAY.
    const auto levels_size = static_cast<size_t>(page.definition_levels_byte_length);
    RleBitPackedDecoder levels;
    ASSERT_OK(levels.Init(page.body.first(levels_size), 1));
    std::vector<uint8_t> defined(static_cast<size_t>(page.num_values));
    ASSERT_OK(levels.GetBatch(defined.data(), page.num_values));
    const int64_t non_null = page.num_values - page.num_nulls;

    std::vector<std::string> values;
    ASSERT_OK(DecodeDba(page.body.subspan(levels_size), non_null, &values));
    size_t next = 0;
    for (size_t row = 0; row < 1000; ++row) {
      const std::optional<std::string>& expected = rows[row][column];
      if (defined[row] == 0) {
        ASSERT_FALSE(expected.has_value()) << "column " << column << " row " << row;
      } else {
        ASSERT_EQ(values[next++], expected.value_or("<null>"))
            << "column " << column << " row " << row;
      }
    }
    EXPECT_EQ(next, values.size());
  }
}

}  // namespace
}  // namespace strata::parquet
