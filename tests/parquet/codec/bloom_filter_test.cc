// The split-block Bloom filter: hashes against independent XXH64 values, the
// bit layout against the spec, a filter written by parquet-java, sizing, and
// the false-positive rate it actually achieves.
#include "parquet/codec/bloom_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::Bytes;
using codec_test::ReadFixture;
using ::testing::HasSubstr;

std::unique_ptr<BloomFilter> MakeFilter(int64_t num_bytes) {
  return std::move(BloomFilter::Make(num_bytes)).ValueOrDie();
}

uint32_t WordAt(const BloomFilter& filter, size_t word) {
  uint32_t value;
  std::memcpy(&value, filter.bitset().data() + word * 4, 4);
  return value;
}

// Expected values from a separate XXH64 implementation (and, for the first
// four, the published xxHash test vectors).
TEST(BloomFilterHashTest, MatchesKnownXxh64Values) {
  EXPECT_EQ(BloomFilter::HashBytes(""), 0xEF46DB3751D8E999u);
  EXPECT_EQ(BloomFilter::HashBytes("a"), 0xD24EC4F1A98C6E5Bu);
  EXPECT_EQ(BloomFilter::HashBytes("abc"), 0x44BC2CF5AD770999u);
  EXPECT_EQ(BloomFilter::HashBytes("Nobody inspects the spammish repetition"), 0xFBCEA83C8A378BF1u);
  Bytes hundred(100);
  for (size_t i = 0; i < hundred.size(); ++i) hundred[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(BloomFilter::HashFixed(hundred), 0x6AC1E58032166597u);
}

TEST(BloomFilterHashTest, NumbersHashTheirPlainLittleEndianBytes) {
  EXPECT_EQ(BloomFilter::HashInt32(42), 0xD756D7B62FC50BF1u);
  EXPECT_EQ(BloomFilter::HashInt64(-1), 0x85D136ADB773C6C9u);
  EXPECT_EQ(BloomFilter::HashDouble(1.5), 0x49F7B96B6B5CCAF9u);
  EXPECT_EQ(BloomFilter::HashFloat(1.5f), 0x4F2D82595C483A0Du);
  EXPECT_EQ(BloomFilter::HashFixed(Bytes(12)), 0xEF6EB604187A17FAu);  // an INT96 zero
}

TEST(BloomFilterHashTest, SignedZerosAreDifferentValues) {
  EXPECT_EQ(BloomFilter::HashFloat(0.0f), 0x3AEFA6FD5CF2DEB4u);
  EXPECT_EQ(BloomFilter::HashFloat(-0.0f), 0x822E51211BF08373u);
}

TEST(BloomFilterHashTest, BytesHashWithoutALengthPrefix) {
  EXPECT_EQ(BloomFilter::HashBytes("hello"), 0x26C7827D889F6DA3u);
  Bytes hello = {'h', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(BloomFilter::HashFixed(hello), BloomFilter::HashBytes("hello"));
}

// The spec's layout, recomputed here: block ((h >> 32) * z) >> 32, and in
// word i of it the bit ((uint32)h * salt[i]) >> 27.
TEST(BloomFilterTest, InsertSetsOneBitPerWordOfTheSelectedBlock) {
  constexpr uint32_t kSalt[8] = {0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d,
                                 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31};
  auto filter = MakeFilter(1024);
  const uint64_t hash = BloomFilter::HashBytes("strata");
  filter->InsertHash(hash);
  const uint64_t block = ((hash >> 32) * 32) >> 32;
  for (size_t word = 0; word < 256; ++word) {
    uint32_t expected = 0;
    if (word / 8 == block) {
      expected = uint32_t{1} << ((static_cast<uint32_t>(hash) * kSalt[word % 8]) >> 27);
    }
    EXPECT_EQ(WordAt(*filter, word), expected) << "word " << word;
  }
}

// parquet-testing's bloom_filter.xxhash.bin: a thrift-compact
// BloomFilterHeader (numBytes, BLOCK, XXHASH, UNCOMPRESSED) then the bitset,
// holding "hello", "parquet", "bloom" and "filter".
TEST(BloomFilterTest, ReadsTheFilterParquetJavaWrote) {
  Bytes file = ReadFixture("bloom_filter.xxhash.bin");
  ASSERT_GE(file.size(), 4u);
  // Field 1 (i32 numBytes): header byte 0x15, then a zigzag varint.
  ASSERT_EQ(file[0], 0x15);
  uint32_t zigzag = (file[1] & 0x7fu) | (uint32_t{file[2] & 0x7fu} << 7);
  ASSERT_EQ(file[2] & 0x80, 0);
  const size_t num_bytes = zigzag >> 1;
  ASSERT_EQ(num_bytes, 1024u);
  ASSERT_LT(num_bytes, file.size());
  std::span<const uint8_t> bitset(file.data() + file.size() - num_bytes, num_bytes);
  ASSERT_OK_AND_ASSIGN(auto filter, BloomFilter::FromBitset(bitset));
  for (const char* word : {"hello", "parquet", "bloom", "filter"}) {
    EXPECT_TRUE(filter->FindHash(BloomFilter::HashBytes(word))) << word;
  }
  // Four values in 32 blocks: a false positive here is below 1e-9.
  for (const char* word : {"world", "Hello", "hello ", "parque", "apache", "arrow", "spark",
                           "bloomfilter", "", "strata", "delta", "filters", "PARQUET"}) {
    EXPECT_FALSE(filter->FindHash(BloomFilter::HashBytes(word))) << word;
  }
  EXPECT_TRUE(std::equal(bitset.begin(), bitset.end(), filter->bitset().begin()));
}

TEST(BloomFilterTest, EmptyFilterFindsNothing) {
  auto filter = MakeFilter(32);
  for (int64_t i = 0; i < 1000; ++i) EXPECT_FALSE(filter->FindHash(BloomFilter::HashInt64(i)));
}

TEST(BloomFilterTest, InsertedValuesAreAlwaysFound) {
  auto filter = MakeFilter(4096);
  std::mt19937_64 rng(1);
  std::vector<uint64_t> hashes(20000);
  for (auto& h : hashes) h = rng();
  for (uint64_t h : hashes) filter->InsertHash(h);
  for (uint64_t h : hashes) ASSERT_TRUE(filter->FindHash(h));
}

TEST(BloomFilterTest, MakeRoundsUpToAPowerOfTwoWithinTheClamps) {
  EXPECT_EQ(MakeFilter(-5)->num_bytes(), 32);
  EXPECT_EQ(MakeFilter(0)->num_bytes(), 32);
  EXPECT_EQ(MakeFilter(32)->num_bytes(), 32);
  EXPECT_EQ(MakeFilter(33)->num_bytes(), 64);
  EXPECT_EQ(MakeFilter(1000)->num_bytes(), 1024);
  EXPECT_EQ(MakeFilter(1 << 20)->num_bytes(), 1 << 20);
  EXPECT_EQ(MakeFilter(BloomFilter::kMaxBytes + 1)->num_bytes(), BloomFilter::kMaxBytes);
  EXPECT_EQ(BloomFilter::kMaxBytes, 128 << 20);
}

TEST(BloomFilterTest, NewFilterIsAllZero) {
  auto filter = MakeFilter(256);
  for (uint8_t b : filter->bitset()) ASSERT_EQ(b, 0);
}

TEST(BloomFilterTest, BitsetRoundTripsThroughFromBitset) {
  auto filter = MakeFilter(2048);
  for (int32_t i = 0; i < 300; ++i) filter->InsertHash(BloomFilter::HashInt32(i));
  ASSERT_OK_AND_ASSIGN(auto copy, BloomFilter::FromBitset(filter->bitset()));
  EXPECT_EQ(copy->num_bytes(), 2048);
  for (int32_t i = 0; i < 300; ++i) EXPECT_TRUE(copy->FindHash(BloomFilter::HashInt32(i)));
  EXPECT_TRUE(std::ranges::equal(copy->bitset(), filter->bitset()));
}

TEST(BloomFilterTest, FromBitsetRejectsSizesThatAreNotAPowerOfTwoInRange) {
  for (size_t size : {0, 1, 16, 31, 48, 96, 1000, 1056}) {
    Bytes bitset(size);
    auto filter = BloomFilter::FromBitset(bitset);
    ASSERT_FALSE(filter.ok()) << size;
    EXPECT_TRUE(filter.status().IsCorruption());
    EXPECT_THAT(filter.status().message(),
                HasSubstr("bloom filter bitset of " + std::to_string(size)));
  }
}

// bits = -8 * ndv / ln(1 - fpp^(1/8)), in bytes, up to a power of two.
int64_t SpecNumBytes(int64_t ndv, double fpp) {
  double bits = -8.0 * static_cast<double>(ndv) / std::log(1.0 - std::pow(fpp, 1.0 / 8.0));
  auto bytes = static_cast<uint64_t>(std::ceil(bits / 8));
  return std::clamp<int64_t>(static_cast<int64_t>(std::bit_ceil(bytes)), 32, 128 << 20);
}

TEST(BloomFilterSizingTest, FollowsTheSpecFormula) {
  for (int64_t ndv : {1, 10, 100, 1000, 12345, 100000, 1000000}) {
    for (double fpp : {0.5, 0.1, 0.05, 0.01, 0.005, 0.001, 0.0001}) {
      EXPECT_EQ(BloomFilter::OptimalNumBytes(ndv, fpp), SpecNumBytes(ndv, fpp))
          << ndv << " at " << fpp;
    }
  }
}

// The spec: one million values at 1% take about 1.2 MB, i.e. 2 MiB once
// rounded to a power of two.
TEST(BloomFilterSizingTest, OneMillionAtOnePercent) {
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1000000, 0.01), 2 << 20);
}

TEST(BloomFilterSizingTest, ClampsAndDegenerateInputs) {
  EXPECT_EQ(BloomFilter::OptimalNumBytes(0, 0.01), 32);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(-7, 0.01), 32);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1, 0.01), 32);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(int64_t{1} << 40, 0.01), BloomFilter::kMaxBytes);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1000, 1.0), 32);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1000, 0.0), BloomFilter::kMaxBytes);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1000, -1.0), BloomFilter::kMaxBytes);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1000, 1e-300), BloomFilter::kMaxBytes);
  EXPECT_EQ(BloomFilter::OptimalNumBytes(1000, std::numeric_limits<double>::quiet_NaN()),
            BloomFilter::kMaxBytes);
  for (int64_t ndv = 1; ndv < 10000000; ndv = ndv * 3 + 1) {
    EXPECT_TRUE(
        std::has_single_bit(static_cast<uint64_t>(BloomFilter::OptimalNumBytes(ndv, 0.02))));
  }
}

// Fills a filter of `num_bytes` with `ndv` values and probes 100k others.
double MeasuredFpp(int64_t num_bytes, int64_t ndv) {
  auto filter = MakeFilter(num_bytes);
  for (int64_t i = 0; i < ndv; ++i) filter->InsertHash(BloomFilter::HashInt64(i));
  constexpr int64_t kProbes = 100000;
  int64_t hits = 0;
  for (int64_t i = 0; i < kProbes; ++i) {
    hits += filter->FindHash(BloomFilter::HashInt64(int64_t{1} << 40 | i)) ? 1 : 0;
  }
  return static_cast<double>(hits) / kProbes;
}

// Filled to exactly the formula's bits per value, the filter's measured rate
// is close to the target. The formula assumes an ideal filter; the block
// layout runs above it, the more so the lower the target (1.2x at 5%, 1.6x at
// 0.5%, 2x at 0.1%), so the check stops at the spec's 0.5% sweet spot.
TEST(BloomFilterRateTest, FilledToTheFormulaTheRateIsNearTheTarget) {
  for (double fpp : {0.05, 0.01, 0.005}) {
    const int64_t num_bytes = 64 << 10;
    const double bits_per_value = -8.0 / std::log(1.0 - std::pow(fpp, 1.0 / 8.0));
    const auto ndv = static_cast<int64_t>(num_bytes * 8 / bits_per_value);
    const double measured = MeasuredFpp(num_bytes, ndv);
    EXPECT_LT(measured, 2 * fpp) << "target " << fpp << ", " << ndv << " values";
    EXPECT_GT(measured, fpp / 2) << "target " << fpp << ", " << ndv << " values";
  }
}

TEST(BloomFilterRateTest, SizedByOptimalNumBytesTheRateMeetsTheTarget) {
  for (int64_t ndv : {1000, 30000, 100000}) {
    for (double fpp : {0.05, 0.01}) {
      const double measured = MeasuredFpp(BloomFilter::OptimalNumBytes(ndv, fpp), ndv);
      EXPECT_LT(measured, 2 * fpp) << ndv << " values at " << fpp;
    }
  }
}

}  // namespace
}  // namespace strata::parquet
