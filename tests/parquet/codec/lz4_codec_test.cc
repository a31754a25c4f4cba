// LZ4_RAW (plain blocks) and the deprecated LZ4 (Hadoop framing with a
// raw-block fallback), including pages of files written by other engines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "parquet/codec/codec.h"
#include "parquet/codec/codec_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using codec_test::AppendBigEndian32;
using codec_test::Bytes;
using codec_test::CliPageText;
using codec_test::Compress;
using codec_test::Concat;
using codec_test::HadoopFrame;
using codec_test::HadoopFramed;
using codec_test::MakeCodec;
using codec_test::RandomBytes;
using codec_test::ReadFixture;
using codec_test::ReadPageHeaderInts;
using codec_test::RepetitiveBytes;
using codec_test::ToBytes;
using ::testing::HasSubstr;

// `lz4 -l -c page.csv` (lz4 1.9.4): the legacy format, i.e. the magic
// 0x184C2102, a u32 LE block size (160), then one raw LZ4 block.
const Bytes kLz4CliLegacy = {
    0x02, 0x21, 0x4c, 0x18, 0xa0, 0x00, 0x00, 0x00, 0xff, 0x24, 0x74, 0x69, 0x6d, 0x65, 0x73, 0x74,
    0x61, 0x6d, 0x70, 0x2c, 0x73, 0x65, 0x6e, 0x73, 0x6f, 0x72, 0x2c, 0x72, 0x65, 0x61, 0x64, 0x69,
    0x6e, 0x67, 0x0a, 0x32, 0x30, 0x32, 0x34, 0x2d, 0x30, 0x35, 0x2d, 0x30, 0x31, 0x54, 0x31, 0x32,
    0x3a, 0x30, 0x30, 0x3a, 0x30, 0x30, 0x2c, 0x73, 0x30, 0x2c, 0x30, 0x2e, 0x35, 0x1b, 0x00, 0x00,
    0x6f, 0x31, 0x2c, 0x73, 0x31, 0x2c, 0x37, 0x1b, 0x00, 0x02, 0x7f, 0x32, 0x2c, 0x73, 0x32, 0x2c,
    0x31, 0x34, 0x1c, 0x00, 0x02, 0x10, 0x33, 0x52, 0x00, 0x2f, 0x32, 0x31, 0x1c, 0x00, 0x02, 0x10,
    0x34, 0x53, 0x00, 0x1f, 0x35, 0x1b, 0x00, 0x02, 0x11, 0x35, 0x53, 0x00, 0x1f, 0x32, 0x1c, 0x00,
    0x02, 0x10, 0x36, 0x53, 0x00, 0x2f, 0x31, 0x39, 0x1c, 0x00, 0x02, 0x10, 0x37, 0x53, 0x00, 0x1f,
    0x33, 0x1b, 0x00, 0x02, 0x11, 0x38, 0x53, 0x00, 0x0f, 0xdd, 0x00, 0x03, 0x11, 0x39, 0x53, 0x00,
    0x0f, 0xde, 0x00, 0x02, 0x20, 0x31, 0x30, 0x53, 0x00, 0x0f, 0xc1, 0x00, 0x02, 0xa0, 0x31, 0x31,
    0x2c, 0x73, 0x32, 0x2c, 0x38, 0x2e, 0x35, 0x0a};

Bytes CliRawBlock() { return Bytes(kLz4CliLegacy.begin() + 8, kLz4CliLegacy.end()); }

class Lz4CodecTest : public ::testing::Test {
 protected:
  std::unique_ptr<Codec> raw_ = MakeCodec(CompressionCodec::kLz4Raw);
  std::unique_ptr<Codec> hadoop_ = MakeCodec(CompressionCodec::kLz4);
};

TEST_F(Lz4CodecTest, RawEmptyInputIsOneEmptyToken) {
  EXPECT_TRUE(Compress(*raw_, {}) == Bytes{0x00});
  EXPECT_OK(raw_->Decompress(Bytes{0x00}, {}));
}

TEST_F(Lz4CodecTest, RawReadsTheLz4ToolsBlock) {
  std::string text = CliPageText();
  Bytes out(text.size());
  ASSERT_OK(raw_->Decompress(CliRawBlock(), out));
  EXPECT_TRUE(out == ToBytes(text));
}

TEST_F(Lz4CodecTest, RawMatchBeforeTheStartIsCorruption) {
  // Token: 1 literal, then a match at offset 5 with only 1 byte written.
  Bytes block = {0x10, 'a', 0x05, 0x00, 0x50, 'b', 'c', 'd', 'e', 'f'};
  Bytes out(20);
  Status st = raw_->Decompress(block, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("LZ4_RAW: corrupt LZ4 block"));
}

TEST_F(Lz4CodecTest, HadoopSingleFrameDecodes) {
  Bytes raw = RepetitiveBytes(50000);
  Bytes out(raw.size());
  ASSERT_OK(hadoop_->Decompress(HadoopFrame(raw), out));
  EXPECT_TRUE(out == raw);
}

TEST_F(Lz4CodecTest, HadoopManyFramesDecode) {
  Bytes raw = Concat(RepetitiveBytes(30000), RandomBytes(7000, 8));
  Bytes framed = HadoopFramed(raw, 1000);
  Bytes out(raw.size());
  ASSERT_OK(hadoop_->Decompress(framed, out));
  EXPECT_TRUE(out == raw);
}

TEST_F(Lz4CodecTest, HadoopEmptyFramesAreAllowed) {
  Bytes raw = RepetitiveBytes(3000);
  Bytes empty(8, 0x00);
  Bytes framed = Concat(Concat(empty, HadoopFrame(raw)), empty);
  Bytes out(raw.size());
  ASSERT_OK(hadoop_->Decompress(framed, out));
  EXPECT_TRUE(out == raw);
}

TEST_F(Lz4CodecTest, HadoopReadsTheLz4ToolsBlockInHadoopFraming) {
  Bytes block = CliRawBlock();
  Bytes framed;
  AppendBigEndian32(&framed, 355);
  AppendBigEndian32(&framed, static_cast<uint32_t>(block.size()));
  framed = Concat(framed, block);
  Bytes out(355);
  ASSERT_OK(hadoop_->Decompress(framed, out));
  EXPECT_TRUE(out == ToBytes(CliPageText()));
}

TEST_F(Lz4CodecTest, HadoopFallsBackToARawBlock) {
  Bytes raw = RepetitiveBytes(20000);
  Bytes out(raw.size());
  ASSERT_OK(hadoop_->Decompress(Compress(*raw_, raw), out));
  EXPECT_TRUE(out == raw);
  Bytes cli(355);
  ASSERT_OK(hadoop_->Decompress(CliRawBlock(), cli));
  EXPECT_TRUE(cli == ToBytes(CliPageText()));
}

TEST_F(Lz4CodecTest, HadoopCompressedLengthPastTheEndIsNeitherFormat) {
  Bytes framed = HadoopFrame(RepetitiveBytes(1000));
  framed[7] += 1;  // compressed length now runs one byte past the input
  Bytes out(1000);
  Status st = hadoop_->Decompress(framed, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("neither Hadoop-framed LZ4 nor a valid LZ4 block"));
}

TEST_F(Lz4CodecTest, HadoopStrayBytesAfterTheFramesAreNeitherFormat) {
  Bytes framed = Concat(HadoopFrame(RepetitiveBytes(1000)), Bytes{1, 2, 3});
  Bytes out(1000);
  EXPECT_TRUE(hadoop_->Decompress(framed, out).IsCorruption());
}

TEST_F(Lz4CodecTest, HadoopSizesNotAddingUpToThePageAreCorruption) {
  Bytes framed = HadoopFramed(RepetitiveBytes(2000), 1000);
  Bytes out(2500);
  Status st = hadoop_->Decompress(framed, out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("expected 2500 bytes, got 2000 (Hadoop framing)"));
}

TEST_F(Lz4CodecTest, HadoopFrameSizeDisagreeingWithItsBlockIsCorruption) {
  // Two frames of 1000 and 500 bytes whose uncompressed sizes are swapped:
  // the total still matches, each block does not.
  Bytes a = HadoopFrame(RepetitiveBytes(1000));
  Bytes b = HadoopFrame(RandomBytes(500, 1));
  std::swap_ranges(a.begin(), a.begin() + 4, b.begin());
  Bytes out(1500);
  Status st = hadoop_->Decompress(Concat(a, b), out);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_THAT(st.message(), HasSubstr("corrupt LZ4 block inside Hadoop framing"));
}

TEST_F(Lz4CodecTest, HadoopIsNeverWritten) {
  Buffer out;
  ASSERT_OK(out.Append(std::string_view("keep")));
  Status st = hadoop_->Compress(RepetitiveBytes(100), &out);
  EXPECT_TRUE(st.IsNotImplemented());
  EXPECT_THAT(st.message(), HasSubstr("use LZ4_RAW"));
  EXPECT_EQ(out.view(), "keep");
}

// The first page of a fixture: its header's sizes, and the body found by
// trying each offset after the header's leading fields (a test-only scan
// instead of a thrift parser) until `codec` decodes it to exactly that size.
Bytes FirstPageDecoded(const Bytes& file, Codec& codec) {
  auto header = ReadPageHeaderInts(file, 4);  // after "PAR1"
  if (!header.has_value()) return {};
  const auto compressed = static_cast<size_t>(header->compressed_size);
  Bytes out(static_cast<size_t>(header->uncompressed_size));
  for (size_t at = header->end; at + compressed <= file.size() && at < header->end + 64; ++at) {
    std::span<const uint8_t> body(file.data() + at, compressed);
    if (codec.Decompress(body, out).ok()) return out;
  }
  return {};
}

std::vector<int64_t> AsInt64s(const Bytes& bytes) {
  std::vector<int64_t> values(bytes.size() / 8);
  std::memcpy(values.data(), bytes.data(), values.size() * 8);
  return values;
}

// parquet-java through Hadoop's Lz4Codec: a dictionary page of two INT64
// timestamps (2020-07-01T12:00:00/01Z, the column's min and max).
TEST_F(Lz4CodecTest, ReadsHadoopFramedPageFromParquetJava) {
  Bytes file = ReadFixture("hadoop_lz4_compressed.parquet");
  ASSERT_FALSE(file.empty());
  Bytes page = FirstPageDecoded(file, *hadoop_);
  ASSERT_EQ(page.size(), 16u);
  EXPECT_THAT(AsInt64s(page), ::testing::ElementsAre(1593604800, 1593604801));
}

TEST_F(Lz4CodecTest, ReadsLz4RawPageFromArrow) {
  Bytes file = ReadFixture("lz4_raw_compressed.parquet");
  ASSERT_FALSE(file.empty());
  Bytes page = FirstPageDecoded(file, *raw_);
  ASSERT_EQ(page.size(), 32u);
  EXPECT_THAT(AsInt64s(page), ::testing::Each(::testing::AllOf(::testing::Ge(1593604800),
                                                               ::testing::Le(1593604801))));
  // The deprecated codec's raw fallback reads it too.
  EXPECT_TRUE(FirstPageDecoded(file, *hadoop_) == page);
}

}  // namespace
}  // namespace strata::parquet
