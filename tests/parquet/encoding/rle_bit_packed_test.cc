#include "parquet/encoding/rle_bit_packed.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "encoding_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::ToVector;
using testing::TruncationSweep;

std::vector<uint8_t> Encode(const std::vector<uint32_t>& values, int bit_width) {
  RleBitPackedEncoder encoder(bit_width);
  Buffer out;
  CHECK_OK(encoder.Put(values.data(), static_cast<int64_t>(values.size())));
  CHECK_OK(encoder.Flush(&out));
  return ToVector(out);
}

template <typename T>
Status Decode(std::span<const uint8_t> bytes, int bit_width, int64_t n, std::vector<T>* out) {
  RleBitPackedDecoder decoder;
  RETURN_NOT_OK(decoder.Init(bytes, bit_width));
  out->assign(static_cast<size_t>(n), T{0});
  return decoder.GetBatch(out->data(), n);
}

// Values in runs of random lengths (some long, some single), so the encoder
// mixes RLE runs and bit-packed groups.
std::vector<uint32_t> RunnyValues(int64_t n, int bit_width, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const uint64_t mask = bit_width == 0 ? 0 : (uint64_t{1} << bit_width) - 1;
  std::vector<uint32_t> out;
  while (static_cast<int64_t>(out.size()) < n) {
    const auto value = static_cast<uint32_t>(rng() & mask);
    const int64_t run = rng() % 3 == 0 ? static_cast<int64_t>(rng() % 40) : 1;
    for (int64_t i = 0; i < run && static_cast<int64_t>(out.size()) < n; ++i) out.push_back(value);
  }
  return out;
}

TEST(RleBitPackedTest, SpecExampleBitPackedGroup) {
  // One bit-packed run of one group: header (1 << 1) | 1, then the spec's
  // LSB-first packing of 0..7 at 3 bits.
  const std::vector<uint8_t> expected = Bytes({0x03, 0x88, 0xC6, 0xFA});
  EXPECT_EQ(Encode({0, 1, 2, 3, 4, 5, 6, 7}, 3), expected);
  std::vector<uint32_t> decoded;
  ASSERT_OK(Decode(expected, 3, 8, &decoded));
  EXPECT_EQ(decoded, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(RleBitPackedTest, SpecRleRun) {
  // 100 fours at 3 bits: header ULEB(100 << 1) = C8 01, value in one byte.
  const std::vector<uint8_t> expected = Bytes({0xC8, 0x01, 0x04});
  EXPECT_EQ(Encode(std::vector<uint32_t>(100, 4), 3), expected);
  std::vector<int32_t> decoded;
  ASSERT_OK(Decode(expected, 3, 100, &decoded));
  EXPECT_EQ(decoded, std::vector<int32_t>(100, 4));
}

TEST(RleBitPackedTest, RleValueTakesRoundedUpBytes) {
  // Width 9 stores the run value in two little-endian bytes.
  EXPECT_EQ(Encode(std::vector<uint32_t>(16, 0x1AB), 9), Bytes({0x20, 0xAB, 0x01}));
  // Width 32: four bytes.
  EXPECT_EQ(Encode(std::vector<uint32_t>(8, 0xDEADBEEF), 32),
            Bytes({0x10, 0xEF, 0xBE, 0xAD, 0xDE}));
}

TEST(RleBitPackedTest, MixedRunsGoldenBytes) {
  // 1 2 3 4 5 6 7 0 (a packed group at width 3), then sixteen 5s: an RLE run.
  std::vector<uint32_t> values = {1, 2, 3, 4, 5, 6, 7, 0};
  values.insert(values.end(), 16, 5);
  // Group: 001 010 011 100 101 110 111 000 LSB-first -> D1 58 1F.
  EXPECT_EQ(Encode(values, 3), Bytes({0x03, 0xD1, 0x58, 0x1F, 0x20, 0x05}));
}

TEST(RleBitPackedTest, PartialLastGroupIsZeroPadded) {
  // Three values at width 1 -> one padded group: header 03, bits 101.
  EXPECT_EQ(Encode({1, 0, 1}, 1), Bytes({0x03, 0x05}));
  // A short tail of one value becomes a run instead.
  EXPECT_EQ(Encode({1, 1, 1}, 1), Bytes({0x06, 0x01}));
}

TEST(RleBitPackedTest, LongRepeatsCompressToOneRun) {
  const std::vector<uint8_t> bytes = Encode(std::vector<uint32_t>(1000000, 3), 2);
  EXPECT_LE(bytes.size(), 5u);
  std::vector<uint32_t> decoded;
  ASSERT_OK(Decode(bytes, 2, 1000000, &decoded));
  EXPECT_EQ(decoded, std::vector<uint32_t>(1000000, 3));
}

TEST(RleBitPackedTest, BitPackedRunsSplitAt63Groups) {
  std::vector<uint32_t> values(64 * 8);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<uint32_t>(i % 2);
  const std::vector<uint8_t> bytes = Encode(values, 1);
  // 63 groups (header 0x7F + 63 bytes), then 1 group (0x03 + 1 byte).
  ASSERT_EQ(bytes.size(), 1 + 63 + 1 + 1u);
  EXPECT_EQ(bytes[0], 0x7F);
  EXPECT_EQ(bytes[64], 0x03);
  std::vector<uint32_t> decoded;
  ASSERT_OK(Decode(bytes, 1, static_cast<int64_t>(values.size()), &decoded));
  EXPECT_EQ(decoded, values);
}

TEST(RleBitPackedTest, RoundTripsEveryWidthAndBoundaryCount) {
  for (int width = 0; width <= 32; ++width) {
    for (int64_t n : {0, 1, 7, 8, 9, 31, 32, 33, 128, 129, 505, 4096}) {
      const std::vector<uint32_t> values = RunnyValues(n, width, static_cast<uint64_t>(width * n));
      const std::vector<uint8_t> bytes = Encode(values, width);
      EXPECT_LE(static_cast<int64_t>(bytes.size()), RleBitPackedEncoder::MaxEncodedSize(n, width));
      std::vector<uint32_t> decoded;
      ASSERT_OK(Decode(bytes, width, n, &decoded));
      ASSERT_EQ(decoded, values) << "width " << width << " n " << n;
    }
  }
}

TEST(RleBitPackedTest, NarrowOutputTypes) {
  const std::vector<uint32_t> levels = RunnyValues(1000, 3, 5);
  const std::vector<uint8_t> bytes = Encode(levels, 3);
  std::vector<int16_t> as_int16;
  ASSERT_OK(Decode(bytes, 3, 1000, &as_int16));
  std::vector<uint8_t> as_uint8;
  ASSERT_OK(Decode(bytes, 3, 1000, &as_uint8));
  for (size_t i = 0; i < levels.size(); ++i) {
    ASSERT_EQ(static_cast<uint32_t>(as_int16[i]), levels[i]);
    ASSERT_EQ(static_cast<uint32_t>(as_uint8[i]), levels[i]);
  }
}

TEST(RleBitPackedTest, EncoderAcceptsNarrowInputTypes) {
  const std::vector<int16_t> levels = {0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0};
  RleBitPackedEncoder encoder(2);
  Buffer out;
  ASSERT_OK(encoder.Put(levels.data(), static_cast<int64_t>(levels.size())));
  ASSERT_OK(encoder.Flush(&out));
  std::vector<int16_t> decoded;
  ASSERT_OK(Decode(out.span(), 2, static_cast<int64_t>(levels.size()), &decoded));
  EXPECT_EQ(decoded, levels);
}

TEST(RleBitPackedTest, EncoderRejectsValuesWiderThanTheBitWidth) {
  RleBitPackedEncoder encoder(2);
  const uint32_t values[2] = {3, 4};
  EXPECT_TRUE(encoder.Put(values, 2).IsInvalid());
}

TEST(RleBitPackedTest, EncoderIsReusableAfterFlush) {
  RleBitPackedEncoder encoder(4);
  const std::vector<uint32_t> a = RunnyValues(100, 4, 1);
  const std::vector<uint32_t> b = RunnyValues(50, 4, 2);
  Buffer first;
  Buffer second;
  ASSERT_OK(encoder.Put(a.data(), 100));
  ASSERT_OK(encoder.Flush(&first));
  ASSERT_OK(encoder.Put(b.data(), 50));
  ASSERT_OK(encoder.Flush(&second));
  EXPECT_EQ(ToVector(first), Encode(a, 4));
  EXPECT_EQ(ToVector(second), Encode(b, 4));
}

TEST(RleBitPackedTest, GetBatchInOddPiecesMatchesOneBatch) {
  const std::vector<uint32_t> values = RunnyValues(3000, 7, 9);
  const std::vector<uint8_t> bytes = Encode(values, 7);
  RleBitPackedDecoder decoder;
  ASSERT_OK(decoder.Init(bytes, 7));
  std::vector<uint32_t> decoded(values.size());
  size_t pos = 0;
  for (int64_t piece = 1; pos < values.size(); piece = piece * 3 % 97 + 1) {
    const auto take = std::min<size_t>(static_cast<size_t>(piece), values.size() - pos);
    ASSERT_OK(decoder.GetBatch(decoded.data() + pos, static_cast<int64_t>(take)));
    pos += take;
  }
  EXPECT_EQ(decoded, values);
  EXPECT_EQ(decoder.bytes_consumed(), static_cast<int64_t>(bytes.size()));
}

TEST(RleBitPackedTest, SkipThenRead) {
  const std::vector<uint32_t> values = RunnyValues(2000, 5, 3);
  const std::vector<uint8_t> bytes = Encode(values, 5);
  RleBitPackedDecoder decoder;
  ASSERT_OK(decoder.Init(bytes, 5));
  ASSERT_OK(decoder.Skip(1234));
  std::vector<uint32_t> rest(766);
  ASSERT_OK(decoder.GetBatch(rest.data(), 766));
  EXPECT_TRUE(std::equal(rest.begin(), rest.end(), values.begin() + 1234));
}

TEST(RleBitPackedTest, LengthPrefixHelpers) {
  const std::vector<uint8_t> bools = {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
  Buffer out;
  ASSERT_OK(out.Append(std::string_view("xx")));  // Appends after what is there.
  ASSERT_OK(EncodeRleWithLengthPrefix(bools.data(), 12, 1, &out));
  const std::vector<uint8_t> bytes = ToVector(out);
  ASSERT_OK_AND_ASSIGN(std::span<const uint8_t> runs,
                       ReadRleLengthPrefix(std::span<const uint8_t>(bytes).subspan(2)));
  EXPECT_EQ(runs.size() + 6, bytes.size());
  std::vector<uint8_t> decoded;
  ASSERT_OK(Decode(runs, 1, 12, &decoded));
  EXPECT_EQ(decoded, bools);
}

TEST(RleBitPackedTest, LengthPrefixErrors) {
  EXPECT_TRUE(ReadRleLengthPrefix(Bytes({1, 0, 0})).status().IsCorruption());
  EXPECT_TRUE(ReadRleLengthPrefix(Bytes({5, 0, 0, 0, 1, 2, 3, 4})).status().IsCorruption());
  ASSERT_OK_AND_ASSIGN(auto empty, ReadRleLengthPrefix(Bytes({0, 0, 0, 0, 9})));
  EXPECT_TRUE(empty.empty());
}

TEST(RleBitPackedTest, BadBitWidthIsCorruption) {
  RleBitPackedDecoder decoder;
  EXPECT_TRUE(decoder.Init({}, 33).IsCorruption());
  EXPECT_TRUE(decoder.Init({}, -1).IsCorruption());
}

TEST(RleBitPackedTest, MalformedHeadersAreCorruption) {
  std::vector<uint32_t> out(16);
  // Run header varint that never ends.
  EXPECT_TRUE(Decode(Bytes({0x80, 0x80}), 3, 1, &out).IsCorruption());
  // RLE run of 2^31 values.
  EXPECT_TRUE(Decode(Bytes({0x80, 0x80, 0x80, 0x80, 0x10, 0x01}), 3, 1, &out).IsCorruption());
  // Bit-packed run of 2^28 groups.
  EXPECT_TRUE(Decode(Bytes({0x81, 0x80, 0x80, 0x80, 0x02}), 3, 1, &out).IsCorruption());
  // RLE run value wider than the bit width.
  EXPECT_TRUE(Decode(Bytes({0x10, 0x09}), 3, 8, &out).IsCorruption());
  // RLE run value missing.
  EXPECT_TRUE(Decode(Bytes({0x10}), 3, 8, &out).IsCorruption());
  // Asking for more values than the runs hold.
  EXPECT_TRUE(Decode(Bytes({0x10, 0x01}), 3, 9, &out).IsCorruption());
  EXPECT_TRUE(Decode({}, 3, 1, &out).IsCorruption());
}

TEST(RleBitPackedTest, ZeroLengthRunsAreSkipped) {
  std::vector<uint32_t> out;
  ASSERT_OK(Decode(Bytes({0x00, 0x01, 0x01, 0x10, 0x02}), 2, 8, &out));
  EXPECT_EQ(out, std::vector<uint32_t>(8, 2));
}

TEST(RleBitPackedTest, TruncatedBitPackedRunYieldsTheValuesItHolds) {
  // Header claims 2 groups at width 8 (16 bytes) but only 10 bytes follow.
  std::vector<uint8_t> bytes = Bytes({0x05});
  for (int i = 0; i < 10; ++i) bytes.push_back(static_cast<uint8_t>(i + 1));
  std::vector<uint32_t> out;
  ASSERT_OK(Decode(bytes, 8, 10, &out));
  EXPECT_EQ(out, (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_TRUE(Decode(bytes, 8, 11, &out).IsCorruption());
}

TEST(RleBitPackedTest, WidthZeroNeedsNoValueBytes) {
  std::vector<uint32_t> out;
  ASSERT_OK(Decode(Bytes({0x14}), 0, 10, &out));
  EXPECT_EQ(out, std::vector<uint32_t>(10, 0));
  ASSERT_OK(Decode(Bytes({0x03}), 0, 8, &out));  // A bit-packed group of zero bytes.
  EXPECT_EQ(Encode(std::vector<uint32_t>(10, 0), 0), Bytes({0x14}));
}

TEST(RleBitPackedTest, EveryTruncationIsCorruptionOrAShorterValidDecode) {
  for (int width : {1, 3, 8, 13, 32}) {
    const std::vector<uint32_t> values = RunnyValues(300, width, static_cast<uint64_t>(width));
    const std::vector<uint8_t> bytes = Encode(values, width);
    TruncationSweep(bytes, [&](std::span<const uint8_t> prefix) {
      std::vector<uint32_t> decoded;
      RETURN_NOT_OK(Decode(prefix, width, 300, &decoded));
      // A prefix can only succeed when the lost bytes were padding.
      EXPECT_EQ(decoded, values);
      return Status::OK();
    });
  }
}

TEST(BitPackedLegacyTest, SpecExampleMsbFirst) {
  // Encodings.md: 0..7 at 3 bits, MSB first: 00000101 00111001 01110111.
  const std::vector<uint8_t> bytes = Bytes({0x05, 0x39, 0x77});
  BitPackedLegacyDecoder decoder;
  ASSERT_OK(decoder.Init(bytes, 3));
  std::vector<int16_t> out(8);
  ASSERT_OK(decoder.GetBatch(out.data(), 8));
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(decoder.GetBatch(out.data(), 1).IsCorruption());
}

TEST(BitPackedLegacyTest, EncodedSizeMatchesSpec) {
  // The spec's example: 30 values of 2 bits take 8 bytes.
  EXPECT_EQ(BitPackedLegacyDecoder::EncodedSize(30, 2), 8);
  EXPECT_EQ(BitPackedLegacyDecoder::EncodedSize(0, 5), 0);
}

TEST(BitPackedLegacyTest, WideValuesAndErrors) {
  // One 32-bit value MSB first, then 12 more bits.
  const std::vector<uint8_t> bytes = Bytes({0xDE, 0xAD, 0xBE, 0xEF, 0xAB, 0xC0});
  BitPackedLegacyDecoder decoder;
  ASSERT_OK(decoder.Init(bytes, 32));
  uint32_t value = 0;
  ASSERT_OK(decoder.GetBatch(&value, 1));
  EXPECT_EQ(value, 0xDEADBEEFu);
  ASSERT_OK(decoder.Init(bytes, 12));
  std::vector<uint32_t> out(4);
  ASSERT_OK(decoder.GetBatch(out.data(), 4));
  EXPECT_EQ(out, (std::vector<uint32_t>{0xDEA, 0xDBE, 0xEFA, 0xBC0}));
  EXPECT_TRUE(decoder.Init(bytes, 33).IsCorruption());
  ASSERT_OK(decoder.Init({}, 0));
  ASSERT_OK(decoder.GetBatch(out.data(), 4));
}

}  // namespace
}  // namespace strata::parquet
