// GZIP: RFC 1952 members, levels, concatenated members, and a member written
// by the gzip command-line tool.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "parquet/codec/codec.h"
#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::Bytes;
using codec_test::CliPageText;
using codec_test::Compress;
using codec_test::Concat;
using codec_test::MakeCodec;
using codec_test::RandomBytes;
using codec_test::RepetitiveBytes;
using codec_test::ToBytes;
using ::testing::HasSubstr;

// `gzip -9 -c page.csv` (gzip 1.12): a member with FNAME and MTIME set.
const Bytes kGzipCliMember = {
    0x1f, 0x8b, 0x08, 0x08, 0xd5, 0x55, 0x02, 0x6b, 0x02, 0x03, 0x70, 0x61, 0x67, 0x65, 0x2e, 0x63,
    0x73, 0x76, 0x00, 0x6d, 0xcf, 0x4b, 0x0a, 0x84, 0x40, 0x0c, 0x84, 0xe1, 0xbd, 0x67, 0x89, 0x92,
    0x8a, 0xdd, 0xe3, 0xe3, 0x1c, 0x5e, 0x40, 0xb0, 0x11, 0x17, 0x3a, 0x83, 0xf1, 0xfe, 0x8c, 0xe9,
    0x75, 0x41, 0xed, 0x3e, 0xf8, 0xa1, 0x9e, 0xe3, 0x2c, 0xfe, 0xac, 0xe7, 0x4f, 0xbc, 0x5c, 0xfe,
    0xbd, 0xe5, 0x2e, 0xeb, 0x76, 0x5c, 0x7b, 0x63, 0x6a, 0xa9, 0xd5, 0xdc, 0x2a, 0x16, 0xd8, 0xac,
    0xfa, 0x4e, 0x5c, 0x45, 0xbb, 0x4c, 0x08, 0xe2, 0x90, 0x81, 0x92, 0x89, 0x9b, 0x20, 0x51, 0xeb,
    0xa3, 0x68, 0xa0, 0x96, 0x22, 0x99, 0x29, 0xe5, 0x9a, 0x34, 0x6a, 0x9f, 0x48, 0x62, 0xa2, 0x36,
    0x44, 0xb2, 0xa7, 0x34, 0xd6, 0x24, 0x3f, 0x37, 0xd5, 0x24, 0x7d, 0x07, 0x8d, 0x24, 0x3d, 0x00,
    0x44, 0x72, 0x7c, 0xe9, 0x0f, 0x9e, 0xd5, 0x54, 0x06, 0x63, 0x01, 0x00, 0x00};

class GzipCodecTest : public ::testing::Test {
 protected:
  std::unique_ptr<Codec> codec_ = MakeCodec(CompressionCodec::kGzip);
};

TEST_F(GzipCodecTest, WritesOneRfc1952Member) {
  Bytes raw = RepetitiveBytes(100000);
  Bytes member = Compress(*codec_, raw);
  ASSERT_GE(member.size(), 18u);
  // ID1 ID2 CM=deflate, then the trailer's ISIZE (little-endian) at the end.
  EXPECT_EQ(member[0], 0x1f);
  EXPECT_EQ(member[1], 0x8b);
  EXPECT_EQ(member[2], 0x08);
  uint32_t isize = member[member.size() - 4] | member[member.size() - 3] << 8 |
                   member[member.size() - 2] << 16 | uint32_t{member[member.size() - 1]} << 24;
  EXPECT_EQ(isize, raw.size());
}

TEST_F(GzipCodecTest, EmptyInputIsAnEmptyMember) {
  Bytes member = Compress(*codec_, {});
  EXPECT_EQ(member.size(), 20u);  // 10-byte header, empty final block, 8-byte trailer
  EXPECT_OK(codec_->Decompress(member, {}));
}

TEST_F(GzipCodecTest, ReadsTheGzipToolsOutput) {
  std::string text = CliPageText();
  ASSERT_EQ(text.size(), 355u);
  Bytes out(text.size());
  ASSERT_OK(codec_->Decompress(kGzipCliMember, out));
  EXPECT_TRUE(out == ToBytes(text));
}

// Not what the spec writes, but the header says which it is, so a page some
// writer stored with zlib's wrapper still reads.
TEST_F(GzipCodecTest, ZlibWrappedDataIsAcceptedToo) {
  Bytes raw = RepetitiveBytes(10000);
  Bytes zlib(compressBound(raw.size()));
  uLongf size = zlib.size();
  ASSERT_EQ(compress2(zlib.data(), &size, raw.data(), raw.size(), 6), Z_OK);
  zlib.resize(size);
  Bytes out(raw.size());
  ASSERT_OK(codec_->Decompress(zlib, out));
  EXPECT_TRUE(out == raw);
}

TEST_F(GzipCodecTest, ConcatenatedMembersDecodeAsTheConcatenation) {
  Bytes a = RepetitiveBytes(70000);
  Bytes b = RandomBytes(5000, 2);
  Bytes pair = Concat(Compress(*codec_, a), Compress(*MakeCodec(CompressionCodec::kGzip, 1), b));
  Bytes out(a.size() + b.size());
  ASSERT_OK(codec_->Decompress(pair, out));
  EXPECT_TRUE(out == Concat(a, b));
}

TEST_F(GzipCodecTest, ManyMembersIncludingEmptyOnes) {
  Bytes all;
  Bytes expected;
  for (int i = 0; i < 20; ++i) {
    Bytes part = i % 3 == 0 ? Bytes{} : RepetitiveBytes(100 * i);
    all = Concat(all, Compress(*codec_, part));
    expected = Concat(expected, part);
  }
  Bytes out(expected.size());
  ASSERT_OK(codec_->Decompress(all, out));
  EXPECT_TRUE(out == expected);
}

TEST_F(GzipCodecTest, ConcatenatedMembersStillCheckTheTotalSize) {
  Bytes one = Compress(*codec_, RepetitiveBytes(600));
  Bytes out(1000);
  Status st = codec_->Decompress(Concat(one, one), out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("expected 1000 bytes, got 1200"));
}

TEST_F(GzipCodecTest, GarbageAfterAMemberIsCorruption) {
  Bytes raw = RepetitiveBytes(1000);
  Bytes data = Concat(Compress(*codec_, raw), ToBytes("junk"));
  Bytes out(raw.size());
  EXPECT_TRUE(codec_->Decompress(data, out).IsCorruption());
}

TEST_F(GzipCodecTest, TrailerChecksumIsVerified) {
  Bytes raw = RepetitiveBytes(1000);
  Bytes member = Compress(*codec_, raw);
  member[member.size() - 8] ^= 0x01;  // first byte of CRC32
  Bytes out(raw.size());
  Status st = codec_->Decompress(member, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("GZIP: incorrect data check"));
}

TEST_F(GzipCodecTest, EveryLevelRoundTrips) {
  Bytes raw = Concat(RepetitiveBytes(200000), RandomBytes(1000, 4));
  size_t fastest = 0;
  size_t best = 0;
  for (int level = 0; level <= 9; ++level) {
    auto codec = MakeCodec(CompressionCodec::kGzip, level);
    Bytes member = Compress(*codec, raw);
    EXPECT_LE(static_cast<int64_t>(member.size()), codec->MaxCompressedLength(raw.size()));
    Bytes out(raw.size());
    ASSERT_OK(codec_->Decompress(member, out)) << "level " << level;
    EXPECT_TRUE(out == raw);
    if (level == 1) fastest = member.size();
    if (level == 9) best = member.size();
  }
  EXPECT_LT(best, fastest);
}

TEST_F(GzipCodecTest, LevelsOutsideZeroToNineAreInvalid) {
  for (int level : {-1, 10, 100}) {
    auto codec = Codec::Make(CompressionCodec::kGzip, level);
    ASSERT_FALSE(codec.ok());
    EXPECT_TRUE(codec.status().IsInvalid());
    EXPECT_THAT(codec.status().message(), HasSubstr("outside 0..9"));
  }
}

TEST_F(GzipCodecTest, DefaultLevelIsSix) {
  Bytes raw = RepetitiveBytes(300000);
  EXPECT_TRUE(Compress(*codec_, raw) == Compress(*MakeCodec(CompressionCodec::kGzip, 6), raw));
}

TEST_F(GzipCodecTest, OverflowIsMeasuredOnlyUpToABound) {
  Bytes member = Compress(*codec_, Bytes(size_t{8} << 20));
  Bytes out(100);
  Status st = codec_->Decompress(member, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("expected 100 bytes, got more than"));
}

}  // namespace
}  // namespace strata::parquet
