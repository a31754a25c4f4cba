// Page CRC-32: the standard check values, chaining, and the CRCs that
// parquet-java wrote into the pages of two fixture files.
#include "parquet/codec/crc32.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string_view>

#include "parquet/codec/codec.h"
#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::Bytes;
using codec_test::MakeCodec;
using codec_test::RandomBytes;
using codec_test::ReadFixture;
using codec_test::ReadPageHeaderInts;
using codec_test::ToBytes;
using ::testing::HasSubstr;

uint32_t CrcOf(std::string_view text) { return Crc32(ToBytes(text)); }

TEST(Crc32Test, StandardCheckValues) {
  EXPECT_EQ(CrcOf("123456789"), 0xCBF43926u);
  EXPECT_EQ(CrcOf("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
  EXPECT_EQ(CrcOf("a"), 0xE8B7BE43u);
  EXPECT_EQ(CrcOf(""), 0u);
  EXPECT_EQ(Crc32(Bytes(32, 0x00)), 0x190A55ADu);
  EXPECT_EQ(Crc32(Bytes(32, 0xff)), 0xFF6CAB0Bu);
}

TEST(Crc32Test, SeedContinuesAPreviousCrc) {
  Bytes data = RandomBytes(100000, 1);
  std::span<const uint8_t> all(data);
  for (size_t split : {size_t{0}, size_t{1}, size_t{4095}, size_t{50000}, data.size()}) {
    EXPECT_EQ(Crc32(all.subspan(split), Crc32(all.first(split))), Crc32(all)) << split;
  }
}

TEST(Crc32Test, EmptyInputKeepsTheSeed) { EXPECT_EQ(Crc32({}, 0x12345678u), 0x12345678u); }

TEST(Crc32Test, PageCrcComparesTheI32BitsAsUnsigned) {
  // 0xCBF43926 does not fit a positive i32: thrift stores it as negative.
  EXPECT_OK(CheckPageCrc(ToBytes("123456789"), static_cast<int32_t>(0xCBF43926u)));
  Status st = CheckPageCrc(ToBytes("123456780"), static_cast<int32_t>(0xCBF43926u));
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("header says 0xcbf43926"));
  EXPECT_THAT(st.message(), HasSubstr("the 9 page bytes give 0x"));
}

// parquet-java wrote these files with page CRCs on. The first page's header
// gives the CRC and the compressed size; a body of that size at some offset
// after the header's leading fields must match it, and decode (a test-only
// scan that stands in for the thrift parser).
void ExpectFirstPageCrcMatches(std::string_view fixture, CompressionCodec codec) {
  Bytes file = ReadFixture(fixture);
  ASSERT_FALSE(file.empty());
  auto header = ReadPageHeaderInts(file, 4);
  ASSERT_TRUE(header.has_value());
  ASSERT_TRUE(header->crc.has_value());
  const auto size = static_cast<size_t>(header->compressed_size);
  for (size_t at = header->end; at + size <= file.size() && at < header->end + 64; ++at) {
    std::span<const uint8_t> body(file.data() + at, size);
    if (!CheckPageCrc(body, *header->crc).ok()) continue;
    Bytes out(static_cast<size_t>(header->uncompressed_size));
    EXPECT_OK(MakeCodec(codec)->Decompress(body, out));
    return;
  }
  ADD_FAILURE() << "no page body in " << fixture << " matches CRC " << *header->crc;
}

TEST(Crc32Test, MatchesTheCrcOfAnUncompressedFixturePage) {
  ExpectFirstPageCrcMatches("datapage_v1-uncompressed-checksum.parquet",
                            CompressionCodec::kUncompressed);
}

TEST(Crc32Test, MatchesTheCrcOfASnappyFixturePageOverItsCompressedBytes) {
  ExpectFirstPageCrcMatches("datapage_v1-snappy-compressed-checksum.parquet",
                            CompressionCodec::kSnappy);
}

}  // namespace
}  // namespace strata::parquet
