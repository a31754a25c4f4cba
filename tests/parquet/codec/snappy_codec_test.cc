// SNAPPY: the raw block format, checked against blocks built by hand from
// snappy's format_description.txt.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "parquet/codec/codec.h"
#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::Bytes;
using codec_test::MakeCodec;
using codec_test::ToBytes;
using ::testing::HasSubstr;

class SnappyCodecTest : public ::testing::Test {
 protected:
  std::unique_ptr<Codec> codec_ = MakeCodec(CompressionCodec::kSnappy);
};

// varint length 5, then one literal element: tag (5 - 1) << 2, the bytes.
TEST_F(SnappyCodecTest, DecodesAHandBuiltLiteralBlock) {
  Bytes block = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o'};
  Bytes out(5);
  ASSERT_OK(codec_->Decompress(block, out));
  EXPECT_TRUE(out == ToBytes("hello"));
}

// "abcabcabcabc": literal "abc", then a 1-byte-offset copy of 9 bytes at
// distance 3 (tag: length-4 in bits 2..4, offset high bits 5..7, type 01).
TEST_F(SnappyCodecTest, DecodesAHandBuiltCopyElement) {
  Bytes block = {0x0c, 0x08, 'a', 'b', 'c', (9 - 4) << 2 | 0x01, 0x03};
  Bytes out(12);
  ASSERT_OK(codec_->Decompress(block, out));
  EXPECT_TRUE(out == ToBytes("abcabcabcabc"));
}

TEST_F(SnappyCodecTest, EmptyInputCompressesToAZeroLength) {
  Buffer out;
  ASSERT_OK(codec_->Compress({}, &out));
  EXPECT_TRUE(Bytes(out.data(), out.data() + out.size()) == Bytes{0x00});
}

TEST_F(SnappyCodecTest, StatedLengthIsCheckedBeforeDecoding) {
  Bytes block = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o'};
  Bytes out(4);
  Status st = codec_->Decompress(block, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_EQ(st.message(), "SNAPPY: decompressed size mismatch: expected 4 bytes, got 5");
}

TEST_F(SnappyCodecTest, BadLengthHeaderIsCorruption) {
  Bytes block = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  Bytes out(4);
  Status st = codec_->Decompress(block, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("invalid block length header"));
}

TEST_F(SnappyCodecTest, CopyBeforeTheStartIsCorruption) {
  Bytes block = {0x0c, 0x08, 'a', 'b', 'c', (9 - 4) << 2 | 0x01, 0x09};
  Bytes out(12);
  Status st = codec_->Decompress(block, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("corrupt compressed block"));
}

TEST_F(SnappyCodecTest, StrayBytesAfterTheBlockAreCorruption) {
  Bytes block = {0x05, 0x10, 'h', 'e', 'l', 'l', 'o', 0x00};
  Bytes out(5);
  EXPECT_TRUE(codec_->Decompress(block, out).IsCorruption());
}

}  // namespace
}  // namespace strata::parquet
