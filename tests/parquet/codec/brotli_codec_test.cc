// BROTLI: qualities, the empty stream, and stray or missing bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "parquet/codec/codec.h"
#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::Bytes;
using codec_test::Compress;
using codec_test::Concat;
using codec_test::MakeCodec;
using codec_test::RandomBytes;
using codec_test::RepetitiveBytes;
using ::testing::HasSubstr;

class BrotliCodecTest : public ::testing::Test {
 protected:
  std::unique_ptr<Codec> codec_ = MakeCodec(CompressionCodec::kBrotli);
};

// RFC 7932: WBITS 16 (bit 0 = 0), then ISLAST = 1 and ISLASTEMPTY = 1.
TEST_F(BrotliCodecTest, EmptyInputIsTheOneByteEmptyStream) {
  EXPECT_TRUE(Compress(*codec_, {}) == Bytes{0x06});
  EXPECT_OK(codec_->Decompress(Bytes{0x06}, {}));
}

TEST_F(BrotliCodecTest, EveryQualityRoundTrips) {
  Bytes raw = Concat(RepetitiveBytes(50000), RandomBytes(1000, 3));
  for (int quality = 0; quality <= 11; ++quality) {
    auto codec = MakeCodec(CompressionCodec::kBrotli, quality);
    Bytes stream = Compress(*codec, raw);
    EXPECT_LE(static_cast<int64_t>(stream.size()), codec->MaxCompressedLength(raw.size()));
    Bytes out(raw.size());
    ASSERT_OK(codec_->Decompress(stream, out)) << "quality " << quality;
    EXPECT_TRUE(out == raw) << "quality " << quality;
  }
  EXPECT_LT(Compress(*MakeCodec(CompressionCodec::kBrotli, 11), raw).size(),
            Compress(*MakeCodec(CompressionCodec::kBrotli, 1), raw).size());
}

TEST_F(BrotliCodecTest, QualitiesOutsideZeroToElevenAreInvalid) {
  for (int quality : {-1, 12}) {
    auto codec = Codec::Make(CompressionCodec::kBrotli, quality);
    ASSERT_FALSE(codec.ok());
    EXPECT_TRUE(codec.status().IsInvalid());
    EXPECT_THAT(codec.status().message(), HasSubstr("outside 0..11"));
  }
}

TEST_F(BrotliCodecTest, DefaultQualityIsFive) {
  Bytes raw = RepetitiveBytes(300000);
  EXPECT_TRUE(Compress(*codec_, raw) == Compress(*MakeCodec(CompressionCodec::kBrotli, 5), raw));
}

TEST_F(BrotliCodecTest, StrayBytesAfterTheStreamAreCorruption) {
  Bytes raw = RepetitiveBytes(1000);
  Bytes out(raw.size());
  Status st = codec_->Decompress(Concat(Compress(*codec_, raw), Bytes{1, 2}), out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("BROTLI: 2 stray bytes after the end of the stream"));
}

TEST_F(BrotliCodecTest, TruncationSaysSo) {
  Bytes stream = Compress(*codec_, RepetitiveBytes(100000));
  stream.resize(stream.size() / 2);
  Bytes out(100000);
  Status st = codec_->Decompress(stream, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("BROTLI: truncated data"));
}

TEST_F(BrotliCodecTest, InvalidStreamNamesTheDecoderError) {
  Bytes out(10);
  Status st = codec_->Decompress(Bytes{0xff, 0xff, 0xff, 0xff}, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("BROTLI: invalid stream (PADDING_"));
}

TEST_F(BrotliCodecTest, OverflowIsMeasuredOnlyUpToABound) {
  Bytes stream = Compress(*codec_, Bytes(size_t{8} << 20));
  Bytes out(100);
  Status st = codec_->Decompress(stream, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("expected 100 bytes, got more than"));
}

}  // namespace
}  // namespace strata::parquet
