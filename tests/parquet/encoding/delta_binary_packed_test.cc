#include "parquet/encoding/delta_binary_packed.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "encoding_test_util.h"
#include "fixture_pages.h"
#include "parquet/encoding/bit_packing.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/varint.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::RandomValues;
using testing::RandomWalk;
using testing::ToVector;
using testing::TruncationSweep;

template <typename T>
std::vector<uint8_t> Encode(const std::vector<T>& values) {
  DeltaBinaryPackedEncoder<T> encoder;
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  Buffer out;
  CHECK_OK(encoder.Flush(&out));
  return ToVector(out);
}

template <typename T>
Status Decode(std::span<const uint8_t> bytes, std::vector<T>* out) {
  DeltaBinaryPackedDecoder<T> decoder;
  RETURN_NOT_OK(decoder.Init(bytes));
  out->assign(static_cast<size_t>(decoder.total_values()), T{0});
  return decoder.Decode(out->data(), decoder.total_values());
}

void PutUleb(uint64_t v, std::vector<uint8_t>* out) {
  uint8_t buf[kMaxUleb64Bytes];
  out->insert(out->end(), buf, buf + EncodeUleb64(v, buf));
}

// A reference writer for any block layout, written independently of the
// encoder: each miniblock's width is the widest relative delta in it, and
// `unused_width` fills the width bytes of miniblocks past the end.
std::vector<uint8_t> ReferenceEncode(const std::vector<int64_t>& values, int block_size,
                                     int miniblocks, uint8_t unused_width = 0) {
  std::vector<uint8_t> out;
  PutUleb(static_cast<uint64_t>(block_size), &out);
  PutUleb(static_cast<uint64_t>(miniblocks), &out);
  PutUleb(values.size(), &out);
  PutUleb(ZigZagEncode64(values.empty() ? 0 : values[0]), &out);
  const int per_miniblock = block_size / miniblocks;
  for (size_t start = 1; start < values.size(); start += static_cast<size_t>(block_size)) {
    const size_t end = std::min(values.size(), start + static_cast<size_t>(block_size));
    int64_t min_delta = std::numeric_limits<int64_t>::max();
    for (size_t i = start; i < end; ++i) {
      min_delta = std::min(min_delta, static_cast<int64_t>(static_cast<uint64_t>(values[i]) -
                                                           static_cast<uint64_t>(values[i - 1])));
    }
    PutUleb(ZigZagEncode64(min_delta), &out);
    std::vector<std::vector<uint64_t>> minis(static_cast<size_t>(miniblocks));
    for (size_t i = start; i < end; ++i) {
      minis[(i - start) / static_cast<size_t>(per_miniblock)].push_back(
          static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]) -
          static_cast<uint64_t>(min_delta));
    }
    std::vector<int> widths;
    for (auto& mini : minis) {
      uint64_t bits = 0;
      for (uint64_t d : mini) bits |= d;
      widths.push_back(mini.empty() ? unused_width : BitWidthOf(bits));
      out.push_back(static_cast<uint8_t>(widths.back()));
    }
    for (size_t m = 0; m < minis.size() && !minis[m].empty(); ++m) {
      minis[m].resize(static_cast<size_t>(per_miniblock), 0);
      const size_t at = out.size();
      out.resize(at + static_cast<size_t>(per_miniblock / 8 * widths[m]));
      PackBits(minis[m].data(), per_miniblock, widths[m], out.data() + at);
    }
  }
  return out;
}

template <typename T>
class DeltaBinaryPackedTest : public ::testing::Test {};
using IntTypes = ::testing::Types<int32_t, int64_t>;
TYPED_TEST_SUITE(DeltaBinaryPackedTest, IntTypes);

TYPED_TEST(DeltaBinaryPackedTest, RoundTripsBoundaryCounts) {
  using T = TypeParam;
  for (int64_t n : {0, 1, 2, 31, 32, 33, 127, 128, 129, 130, 256, 257, 1000, 100000}) {
    for (const std::vector<T>& values :
         {RandomWalk<T>(n, 12, static_cast<uint64_t>(n)), RandomValues<T>(n, 99)}) {
      const std::vector<uint8_t> bytes = Encode(values);
      std::vector<T> decoded;
      ASSERT_OK(Decode(bytes, &decoded));
      ASSERT_EQ(decoded, values) << n;
      DeltaBinaryPackedDecoder<T> decoder;
      ASSERT_OK(decoder.Init(bytes));
      ASSERT_OK_AND_ASSIGN(const int64_t length, decoder.EncodedLength());
      EXPECT_EQ(length, static_cast<int64_t>(bytes.size())) << n;
    }
  }
}

TYPED_TEST(DeltaBinaryPackedTest, ExtremesWrapAround) {
  using T = TypeParam;
  using L = std::numeric_limits<T>;
  std::vector<T> values;
  for (int i = 0; i < 300; ++i) values.push_back(i % 2 == 0 ? L::min() : L::max());
  values.push_back(0);
  values.push_back(L::max());
  values.push_back(L::max());
  values.push_back(L::min());
  const std::vector<uint8_t> bytes = Encode(values);
  std::vector<T> decoded;
  ASSERT_OK(Decode(bytes, &decoded));
  EXPECT_EQ(decoded, values);
}

TYPED_TEST(DeltaBinaryPackedTest, AllEqualValuesNeedOnlyHeaders) {
  using T = TypeParam;
  const std::vector<T> values(1280, T{-7});
  const std::vector<uint8_t> bytes = Encode(values);
  // Header 80 01 | 04 | 80 0A (1280) | 0D (zigzag -7), then 1279 deltas in
  // 10 blocks of a min-delta byte and 4 zero widths.
  EXPECT_EQ(bytes.size(), 6u + 10 * 5);
  std::vector<T> decoded;
  ASSERT_OK(Decode(bytes, &decoded));
  EXPECT_EQ(decoded, values);
}

TYPED_TEST(DeltaBinaryPackedTest, EveryMiniblockWidth) {
  using T = TypeParam;
  for (int width = 0; width <= static_cast<int>(sizeof(T) * 8); ++width) {
    // Deltas alternate 0 and 2^width - 1: the relative deltas need exactly
    // `width` bits.
    const uint64_t mask = LowBitsMask(width);
    std::vector<T> values(129);
    uint64_t current = 5;
    for (size_t i = 0; i < values.size(); ++i) {
      current += i % 2 == 0 ? 0 : mask;
      values[i] = static_cast<T>(current);
    }
    const std::vector<uint8_t> bytes = Encode(values);
    std::vector<T> decoded;
    ASSERT_OK(Decode(bytes, &decoded));
    ASSERT_EQ(decoded, values) << width;
  }
}

TYPED_TEST(DeltaBinaryPackedTest, DecodeInPiecesAndSkip) {
  using T = TypeParam;
  const std::vector<T> values = RandomWalk<T>(5000, 20, 4);
  const std::vector<uint8_t> bytes = Encode(values);
  DeltaBinaryPackedDecoder<T> decoder;
  ASSERT_OK(decoder.Init(bytes));
  std::vector<T> decoded(values.size());
  size_t pos = 0;
  for (int64_t piece = 1; pos < values.size(); piece = piece * 5 % 211 + 1) {
    const auto take = std::min<size_t>(static_cast<size_t>(piece), values.size() - pos);
    if (piece % 3 == 0) {
      ASSERT_OK(decoder.Skip(static_cast<int64_t>(take)));
      std::copy(values.begin() + static_cast<ptrdiff_t>(pos),
                values.begin() + static_cast<ptrdiff_t>(pos + take),
                decoded.begin() + static_cast<ptrdiff_t>(pos));
    } else {
      ASSERT_OK(decoder.Decode(decoded.data() + pos, static_cast<int64_t>(take)));
    }
    pos += take;
  }
  EXPECT_EQ(decoded, values);
  EXPECT_EQ(decoder.values_left(), 0);
  T extra;
  EXPECT_TRUE(decoder.Decode(&extra, 1).IsCorruption());
}

TYPED_TEST(DeltaBinaryPackedTest, EveryTruncationIsCorruption) {
  using T = TypeParam;
  const std::vector<T> values = RandomWalk<T>(300, 9, 8);
  const std::vector<uint8_t> bytes = Encode(values);
  TruncationSweep(bytes, [&](std::span<const uint8_t> prefix) {
    std::vector<T> decoded;
    RETURN_NOT_OK(Decode(prefix, &decoded));
    // Only the zero padding of the last miniblock may go missing.
    EXPECT_EQ(decoded, values);
    DeltaBinaryPackedDecoder<T> decoder;
    RETURN_NOT_OK(decoder.Init(prefix));
    return decoder.EncodedLength().status();
  });
}

TEST(DeltaBinaryPackedGoldenTest, SpecExampleOneWithBlockSize128) {
  // Encodings.md example 1 (1..5) with a valid block of 128 in 4 miniblocks.
  // Header: 128 = 80 01, 4 miniblocks, 5 values, first value zigzag(1) = 2.
  // Block: min delta zigzag(1) = 2, four widths of 0, no miniblock data.
  const std::vector<uint8_t> expected = Bytes({0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0});
  EXPECT_EQ(Encode(std::vector<int32_t>{1, 2, 3, 4, 5}), expected);
  std::vector<int64_t> decoded;
  ASSERT_OK(Decode(expected, &decoded));
  EXPECT_EQ(decoded, (std::vector<int64_t>{1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPackedGoldenTest, SpecExampleTwoWithBlockSize128) {
  // Example 2: 7 5 3 1 2 3 4 5 -> deltas -2 -2 -2 1 1 1 1, min -2 (zigzag 3),
  // relative 0 0 0 3 3 3 3 at 2 bits. Packed LSB-first into one 32-value
  // miniblock of 8 bytes: 00 00 00 11 | 11 11 11 00 -> C0 3F, then zeros.
  const std::vector<uint8_t> expected =
      Bytes({0x80, 0x01, 0x04, 0x08, 0x0E,                      // header, first value zigzag(7)
             0x03, 0x02, 0x00, 0x00, 0x00,                      // min delta, widths
             0xC0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});  // miniblock 0
  EXPECT_EQ(Encode(std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}), expected);
  std::vector<int32_t> decoded;
  ASSERT_OK(Decode(expected, &decoded));
  EXPECT_EQ(decoded, (std::vector<int32_t>{7, 5, 3, 1, 2, 3, 4, 5}));
}

TEST(DeltaBinaryPackedGoldenTest, SpecExampleWithBlockSize8IsRejected) {
  // The spec's examples use a block of 8 "to keep them short", which it
  // calls invalid: 8 1 5 1 | 1 0.
  std::vector<int64_t> decoded;
  EXPECT_TRUE(Decode(Bytes({0x08, 0x01, 0x05, 0x02, 0x02, 0x00}), &decoded).IsCorruption());
}

TEST(DeltaBinaryPackedDecoderTest, AcceptsOtherBlockLayouts) {
  const std::vector<int64_t> values = RandomWalk<int64_t>(3000, 30, 12);
  for (auto [block, minis] : {std::pair{128, 1}, std::pair{256, 8}, std::pair{256, 2},
                              std::pair{1024, 32}, std::pair{512, 4}}) {
    const std::vector<uint8_t> bytes = ReferenceEncode(values, block, minis);
    std::vector<int64_t> decoded;
    ASSERT_OK(Decode(bytes, &decoded));
    EXPECT_EQ(decoded, values) << block << "/" << minis;
    DeltaBinaryPackedDecoder<int64_t> decoder;
    ASSERT_OK(decoder.Init(bytes));
    ASSERT_OK_AND_ASSIGN(const int64_t length, decoder.EncodedLength());
    EXPECT_EQ(length, static_cast<int64_t>(bytes.size()));
  }
}

TEST(DeltaBinaryPackedDecoderTest, MatchesReferenceEncoder) {
  const std::vector<int64_t> values = RandomWalk<int64_t>(1000, 17, 3);
  const std::vector<uint8_t> ours = Encode(values);
  EXPECT_EQ(ours, ReferenceEncode(values, 128, 4));
}

TEST(DeltaBinaryPackedDecoderTest, UnusedMiniblockWidthsMayHoldAnything) {
  const std::vector<int64_t> values = {10, 11, 13, 16, 20};
  std::vector<uint8_t> bytes = ReferenceEncode(values, 128, 4, /*unused_width=*/0xFF);
  std::vector<int64_t> decoded;
  ASSERT_OK(Decode(bytes, &decoded));
  EXPECT_EQ(decoded, values);
  bytes.push_back(0x42);  // Whatever follows is not part of the stream.
  DeltaBinaryPackedDecoder<int64_t> decoder;
  ASSERT_OK(decoder.Init(bytes));
  ASSERT_OK_AND_ASSIGN(const int64_t length, decoder.EncodedLength());
  EXPECT_EQ(length, static_cast<int64_t>(bytes.size()) - 1);
}

TEST(DeltaBinaryPackedDecoderTest, EncodedLengthMatchesWhereDecodingStops) {
  const std::vector<int32_t> values = RandomWalk<int32_t>(777, 11, 5);
  std::vector<uint8_t> bytes = Encode(values);
  const size_t size = bytes.size();
  bytes.insert(bytes.end(), {'t', 'a', 'i', 'l'});
  DeltaBinaryPackedDecoder<int32_t> decoder;
  ASSERT_OK(decoder.Init(bytes));
  ASSERT_OK_AND_ASSIGN(const int64_t length, decoder.EncodedLength());
  EXPECT_EQ(length, static_cast<int64_t>(size));
}

TEST(DeltaBinaryPackedDecoderTest, AbsurdHeadersAreCorruption) {
  std::vector<int64_t> out;
  // Block size 0, 100 (not a multiple of 128), 2^40.
  EXPECT_TRUE(Decode(Bytes({0x00, 0x04, 0x01, 0x00}), &out).IsCorruption());
  EXPECT_TRUE(Decode(Bytes({0x64, 0x04, 0x01, 0x00}), &out).IsCorruption());
  EXPECT_TRUE(
      Decode(Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x04, 0x01, 0x00}), &out).IsCorruption());
  // Miniblock count 0, 3 (does not divide 128), 8 (16 values per miniblock).
  EXPECT_TRUE(Decode(Bytes({0x80, 0x01, 0x00, 0x01, 0x00}), &out).IsCorruption());
  EXPECT_TRUE(Decode(Bytes({0x80, 0x01, 0x03, 0x01, 0x00}), &out).IsCorruption());
  EXPECT_TRUE(Decode(Bytes({0x80, 0x01, 0x08, 0x01, 0x00}), &out).IsCorruption());
  // Value count 2^40: rejected before anything is sized by it.
  DeltaBinaryPackedDecoder<int64_t> decoder;
  EXPECT_TRUE(decoder.Init(Bytes({0x80, 0x01, 0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x00}))
                  .IsCorruption());
  // Truncated header.
  EXPECT_TRUE(decoder.Init(Bytes({0x80, 0x01, 0x04})).IsCorruption());
  EXPECT_TRUE(decoder.Init({}).IsCorruption());
}

TEST(DeltaBinaryPackedDecoderTest, MiniblockWidthBeyondTheTypeIsCorruption) {
  // 2 values, block min delta 0, first miniblock width 65 (or 33 for INT32).
  std::vector<int64_t> out64;
  EXPECT_TRUE(
      Decode(Bytes({0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 65, 0, 0, 0}), &out64).IsCorruption());
  std::vector<int32_t> out32;
  std::vector<uint8_t> bytes = Bytes({0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 33, 0, 0, 0});
  bytes.resize(bytes.size() + 33 * 4);
  EXPECT_TRUE(Decode(bytes, &out32).IsCorruption());
  DeltaBinaryPackedDecoder<int32_t> decoder;
  ASSERT_OK(decoder.Init(bytes));
  EXPECT_TRUE(decoder.EncodedLength().status().IsCorruption());
  // The same stream is fine as INT64.
  EXPECT_OK(Decode(bytes, &out64));
}

TEST(DeltaBinaryPackedDecoderTest, UnpaddedLastMiniblockIsReadLeniently) {
  // 3 values at width 8: a strict writer pads to 32 bytes; 2 suffice.
  std::vector<uint8_t> bytes = Bytes({0x80, 0x01, 0x04, 0x03, 0x00, 0x00, 8, 0, 0, 0, 5, 7});
  std::vector<int64_t> out;
  ASSERT_OK(Decode(bytes, &out));
  EXPECT_EQ(out, (std::vector<int64_t>{0, 5, 12}));
  bytes.pop_back();
  EXPECT_TRUE(Decode(bytes, &out).IsCorruption());
}

// parquet-mr wrote delta_binary_packed.parquet: 65 INT64 columns whose deltas
// need 0..64 bits, then an INT32 column, 200 rows each in one v2 page.
TEST(DeltaBinaryPackedFixtureTest, DecodesParquetMrPages) {
  const auto dir = testing::FixtureDir();
  ASSERT_FALSE(dir.empty()) << "shared Parquet fixtures not found";
  const std::string file = testing::ReadFile(dir / "delta_binary_packed.parquet");
  const auto pages = testing::ReadFixturePages(file);
  ASSERT_TRUE(pages.has_value());
  ASSERT_EQ(pages->size(), 66u);

  std::istringstream csv(testing::ReadFile(dir / "delta_binary_packed_expect.csv"));
  std::string line;
  std::getline(csv, line);  // Header.
  std::vector<std::vector<std::string>> rows;
  while (std::getline(csv, line)) {
    std::vector<std::string> row;
    for (auto& field : testing::SplitCsvLine(line)) row.push_back(field.value_or(""));
    rows.push_back(std::move(row));
  }
  ASSERT_EQ(rows.size(), 200u);

  for (size_t column = 0; column < pages->size(); ++column) {
    const testing::FixturePage& page = (*pages)[column];
    ASSERT_EQ(page.encoding, 5);  // DELTA_BINARY_PACKED.
    ASSERT_EQ(page.num_values, 200);
    // v2 page: definition levels (no length prefix) come first.
    const auto values = page.body.subspan(static_cast<size_t>(page.definition_levels_byte_length));
    std::vector<std::string> decoded;
    if (column < 65) {
      std::vector<int64_t> ints;
      ASSERT_OK(Decode(values, &ints));
      for (int64_t v : ints) decoded.push_back(std::to_string(v));
    } else {
      std::vector<int32_t> ints;
      ASSERT_OK(Decode(values, &ints));
      for (int32_t v : ints) decoded.push_back(std::to_string(v));
    }
    ASSERT_EQ(decoded.size(), 200u);
    for (size_t row = 0; row < 200; ++row) {
      ASSERT_EQ(decoded[row], rows[row][column]) << "column " << column << " row " << row;
    }
    DeltaBinaryPackedDecoder<int64_t> decoder;
    ASSERT_OK(decoder.Init(values));
    ASSERT_OK_AND_ASSIGN(const int64_t length, decoder.EncodedLength());
    EXPECT_EQ(length, static_cast<int64_t>(values.size())) << column;
  }
}

}  // namespace
}  // namespace strata::parquet
