// ZSTD: levels, several frames per page, frames with and without a
// content-size field, skippable frames, and a frame from the zstd tool.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zstd.h>

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

// `zstd -19 -c page.csv` (zstd 1.5.4): content size and XXH64 checksum set.
const Bytes kZstdCliFrame = {
    0x28, 0xb5, 0x2f, 0xfd, 0x64, 0x63, 0x00, 0x8d, 0x03, 0x00, 0xf2, 0x87, 0x15, 0x14, 0x70, 0x4f,
    0x3a, 0x58, 0x19, 0xfd, 0x91, 0x16, 0xaa, 0x32, 0x01, 0x89, 0x66, 0xb7, 0xdd, 0x02, 0x54, 0x1d,
    0xe0, 0x0b, 0xc0, 0x12, 0x8e, 0xaf, 0x93, 0xb3, 0x1b, 0x0d, 0x6e, 0x1d, 0x31, 0x7e, 0xfd, 0x18,
    0x66, 0x37, 0x10, 0x6e, 0xbd, 0x38, 0x7e, 0x7d, 0xad, 0xd9, 0x09, 0xde, 0xd6, 0x07, 0x82, 0x5f,
    0x3f, 0x63, 0x76, 0x2e, 0xc1, 0xb6, 0x6e, 0x96, 0x98, 0x25, 0x47, 0x85, 0x16, 0x2c, 0x0b, 0x88,
    0xb3, 0x03, 0x9c, 0xe8, 0x61, 0x96, 0x86, 0x9a, 0x92, 0x1a, 0x35, 0x7d, 0x82, 0x96, 0xaa, 0x0d,
    0xf4, 0x54, 0x01, 0x0b, 0xa8, 0x10, 0x56, 0xf1, 0xfe, 0xe7, 0xf0, 0x5a, 0x3a, 0x10, 0xfe, 0x87,
    0x90, 0x0f, 0x04, 0x45, 0x15, 0xf9, 0x04, 0xcd, 0xb8, 0x4b, 0x29, 0xe0, 0xf4, 0x19, 0x9c};

// A frame as a streaming writer that never learns the size makes it: no
// content-size field in the header.
Bytes FrameWithoutContentSize(const Bytes& raw) {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_contentSizeFlag, 0);
  Bytes out(ZSTD_compressBound(raw.size()));
  ZSTD_inBuffer in{raw.data(), raw.size(), 0};
  ZSTD_outBuffer dst{out.data(), out.size(), 0};
  size_t left = ZSTD_compressStream2(ctx, &dst, &in, ZSTD_e_end);
  ZSTD_freeCCtx(ctx);
  EXPECT_EQ(left, 0u);
  out.resize(dst.pos);
  return out;
}

class ZstdCodecTest : public ::testing::Test {
 protected:
  std::unique_ptr<Codec> codec_ = MakeCodec(CompressionCodec::kZstd);
};

TEST_F(ZstdCodecTest, WritesAStandardFrameWithItsSize) {
  Bytes raw = RepetitiveBytes(100000);
  Bytes frame = Compress(*codec_, raw);
  EXPECT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), raw.size());
}

TEST_F(ZstdCodecTest, ReadsTheZstdToolsOutput) {
  std::string text = CliPageText();
  Bytes out(text.size());
  ASSERT_OK(codec_->Decompress(kZstdCliFrame, out));
  EXPECT_TRUE(out == ToBytes(text));
}

TEST_F(ZstdCodecTest, ToolsChecksumIsVerified) {
  Bytes frame = kZstdCliFrame;
  frame.back() ^= 0x01;
  Bytes out(355);
  Status st = codec_->Decompress(frame, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("ZSTD:"));
}

TEST_F(ZstdCodecTest, FramesWithoutContentSizeDecodeIntoTheCallersSize) {
  Bytes raw = RepetitiveBytes(300000);
  Bytes frame = FrameWithoutContentSize(raw);
  ASSERT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  Bytes out(raw.size());
  ASSERT_OK(codec_->Decompress(frame, out));
  EXPECT_TRUE(out == raw);
  Bytes small(raw.size() - 1);
  Status st = codec_->Decompress(frame, small);
  EXPECT_THAT(st.message(), HasSubstr("expected 299999 bytes, got 300000"));
}

TEST_F(ZstdCodecTest, SeveralFramesDecodeAsTheConcatenation) {
  Bytes a = RepetitiveBytes(50000);
  Bytes b = RandomBytes(3000, 5);
  Bytes c = RepetitiveBytes(10);
  Bytes frames =
      Concat(Concat(Compress(*codec_, a), FrameWithoutContentSize(b)), Compress(*codec_, c));
  Bytes out(a.size() + b.size() + c.size());
  ASSERT_OK(codec_->Decompress(frames, out));
  EXPECT_TRUE(out == Concat(Concat(a, b), c));
}

TEST_F(ZstdCodecTest, SkippableFramesAreSkipped) {
  Bytes raw = RepetitiveBytes(1000);
  // Magic 0x184D2A50 (little-endian), a 4-byte length, then that many bytes.
  Bytes skippable = {0x50, 0x2a, 0x4d, 0x18, 0x03, 0x00, 0x00, 0x00, 'x', 'y', 'z'};
  Bytes out(raw.size());
  ASSERT_OK(codec_->Decompress(Concat(skippable, Compress(*codec_, raw)), out));
  EXPECT_TRUE(out == raw);
}

TEST_F(ZstdCodecTest, GarbageAfterTheFrameIsCorruption) {
  Bytes raw = RepetitiveBytes(1000);
  Bytes out(raw.size());
  EXPECT_TRUE(
      codec_->Decompress(Concat(Compress(*codec_, raw), ToBytes("junk!")), out).IsCorruption());
}

TEST_F(ZstdCodecTest, LevelsRoundTrip) {
  Bytes raw = Concat(RepetitiveBytes(100000), RandomBytes(1000, 6));
  for (int level : {ZSTD_minCLevel(), -5, -1, 0, 1, 3, 9, 19, 22}) {
    auto codec = MakeCodec(CompressionCodec::kZstd, level);
    Bytes frame = Compress(*codec, raw);
    Bytes out(raw.size());
    ASSERT_OK(codec_->Decompress(frame, out)) << "level " << level;
    EXPECT_TRUE(out == raw) << "level " << level;
  }
  EXPECT_LT(Compress(*MakeCodec(CompressionCodec::kZstd, 19), raw).size(),
            Compress(*MakeCodec(CompressionCodec::kZstd, -5), raw).size());
}

TEST_F(ZstdCodecTest, LevelsOutsideTheLibrarysRangeAreInvalid) {
  for (int level : {ZSTD_maxCLevel() + 1, ZSTD_minCLevel() - 1}) {
    auto codec = Codec::Make(CompressionCodec::kZstd, level);
    ASSERT_FALSE(codec.ok());
    EXPECT_TRUE(codec.status().IsInvalid());
  }
}

TEST_F(ZstdCodecTest, DefaultLevelIsThree) {
  Bytes raw = RepetitiveBytes(300000);
  EXPECT_TRUE(Compress(*codec_, raw) == Compress(*MakeCodec(CompressionCodec::kZstd, 3), raw));
}

TEST_F(ZstdCodecTest, AFrameClaimingAHugeSizeFailsWithoutAllocatingIt) {
  Bytes frame = Compress(*codec_, Bytes(size_t{64} << 20));
  Bytes out(1000);
  Status st = codec_->Decompress(frame, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("expected 1000 decompressed bytes"));
}

}  // namespace
}  // namespace strata::parquet
