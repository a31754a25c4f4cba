// The column chunk reader on inconsistent chunks: every problem must be a
// located error ("file F, row group R, column C, page P: ..."), never a crash.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chunk_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Decode;
using testing::EncodeFixed;
using testing::ExpectError;
using testing::kLocation;
using testing::Leaf;
using testing::RleBools;
using testing::TestChunkWriter;
using testing::ValuesOf;

// ---------------------------------------------------------------- errors

TestChunkWriter ThreeInt32Pages(bool crc) {
  TestChunkWriter chunk(PhysicalType::kInt32, CompressionCodec::kSnappy);
  for (int p = 0; p < 3; ++p) {
    chunk.DataPageV1(Encoding::kPlain, {}, 2,
                     EncodeFixed<int32_t>(Encoding::kPlain, {p, p * 10}).span(), {.crc = crc});
  }
  return chunk;
}

TEST(ColumnReaderTest, PageCrcIsVerified) {
  const LeafColumn leaf = Leaf(PhysicalType::kInt32, Repetition::kRequired);
  const TestChunkWriter chunk = ThreeInt32Pages(/*crc=*/true);
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, Decode(chunk, leaf, 6));
  EXPECT_EQ(ValuesOf<int32_t>(*vector), (std::vector<std::optional<int32_t>>{0, 0, 1, 10, 2, 20}));

  // Flip the last byte of the chunk: the body of page 2.
  std::vector<uint8_t> bytes(chunk.bytes().data(), chunk.bytes().data() + chunk.bytes().size());
  bytes.back() ^= 0x40;
  const ColumnMetaData metadata = chunk.Metadata(6);
  ColumnChunkSpec spec{
      .leaf = &leaf, .metadata = &metadata, .num_rows = 6, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(bytes, spec), StatusCode::kCorruption,
              std::string(kLocation) + ", page 2: ");
  // Without verification the flipped byte goes unnoticed or breaks the
  // snappy stream, but never crashes.
  spec.verify_checksums = false;
  const Status unchecked = DecodeColumnChunk(bytes, spec).status();
  EXPECT_EQ(unchecked.message().find("CRC"), std::string::npos) << unchecked.ToString();
}

TEST(ColumnReaderTest, ErrorsNameFileRowGroupColumnAndPage) {
  const LeafColumn required = Leaf(PhysicalType::kInt32, Repetition::kRequired);
  // More values in the pages than rows in the row group.
  ExpectError(Decode(ThreeInt32Pages(false), required, 5), StatusCode::kCorruption,
              std::string(kLocation) +
                  ", page 2: the page holds 2 values but only 1 of the row "
                  "group's 5 rows remain");
  // Fewer.
  ExpectError(Decode(ThreeInt32Pages(false), required, 8), StatusCode::kCorruption,
              "the column chunk ends after 6 of 8 rows");
}

TEST(ColumnReaderTest, RequiredColumnWithNulls) {
  TestChunkWriter chunk(PhysicalType::kInt32);
  PageHeader header{.type = PageType::kDataPageV2};
  const Buffer values = EncodeFixed<int32_t>(Encoding::kPlain, {1});
  header.uncompressed_page_size = static_cast<int32_t>(values.size());
  header.data_page_header_v2 = DataPageHeaderV2{.num_values = 2, .num_nulls = 1, .num_rows = 2};
  chunk.Raw(header, values.span());
  ExpectError(Decode(chunk, Leaf(PhysicalType::kInt32, Repetition::kRequired), 2),
              StatusCode::kCorruption, "required but the page counts 1 nulls");
}

TEST(ColumnReaderTest, FewerValuesThanNonNullLevels) {
  TestChunkWriter chunk(PhysicalType::kInt64);
  chunk.DataPageV1(Encoding::kPlain, {1, 1, 0, 1}, 4,
                   EncodeFixed<int64_t>(Encoding::kPlain, {1, 2}).span());
  ExpectError(Decode(chunk, Leaf(PhysicalType::kInt64), 4), StatusCode::kCorruption,
              std::string(kLocation) + ", page 0: ");
}

TEST(ColumnReaderTest, FewerLevelsThanValues) {
  // Eight levels make one RLE run; the page claims twenty values.
  TestChunkWriter chunk(PhysicalType::kInt64);
  chunk.DataPageV2(Encoding::kPlain, std::vector<int16_t>(8, 1), 20,
                   EncodeFixed<int64_t>(Encoding::kPlain, std::vector<int64_t>(20, 3)).span());
  ExpectError(Decode(chunk, Leaf(PhysicalType::kInt64), 20), StatusCode::kCorruption,
              "page 0: definition levels");
}

TEST(ColumnReaderTest, DictionaryProblems) {
  const Buffer indices = [] {
    Buffer out;
    const std::vector<int32_t> values = {0, 1};
    CHECK_OK(WriteDictionaryIndices(values.data(), 2, 2, &out));
    return out;
  }();
  const LeafColumn leaf = Leaf(PhysicalType::kInt32, Repetition::kRequired);
  TestChunkWriter missing(PhysicalType::kInt32);
  missing.DataPageV1(Encoding::kRleDictionary, {}, 2, indices.span());
  ExpectError(Decode(missing, leaf, 2), StatusCode::kCorruption,
              "dictionary-encoded data page without a dictionary page");

  const Buffer one_entry = EncodeFixed<int32_t>(Encoding::kPlain, {42});
  TestChunkWriter too_small(PhysicalType::kInt32);
  too_small.DictionaryPage(one_entry.span(), 1);
  too_small.DataPageV1(Encoding::kRleDictionary, {}, 2, indices.span());
  ExpectError(Decode(too_small, leaf, 2), StatusCode::kCorruption, "page 1: ");

  TestChunkWriter late(PhysicalType::kInt32);
  late.DataPageV1(Encoding::kPlain, {}, 1, one_entry.span());
  late.DictionaryPage(one_entry.span(), 1);
  late.DataPageV1(Encoding::kRleDictionary, {}, 1, indices.span());
  ExpectError(Decode(late, leaf, 2), StatusCode::kCorruption,
              "page 1: a dictionary page after the chunk's first page");

  TestChunkWriter rle_dictionary(PhysicalType::kInt32);
  PageHeader header{.type = PageType::kDictionaryPage};
  header.uncompressed_page_size = static_cast<int32_t>(one_entry.size());
  header.dictionary_page_header = DictionaryPageHeader{.num_values = 1, .encoding = Encoding::kRle};
  rle_dictionary.Raw(header, one_entry.span());
  ExpectError(Decode(rle_dictionary, leaf, 1), StatusCode::kNotImplemented,
              "dictionary page encoded as RLE");
}

TEST(ColumnReaderTest, SizeInconsistencies) {
  const LeafColumn leaf = Leaf(PhysicalType::kInt32, Repetition::kRequired);
  const Buffer values = EncodeFixed<int32_t>(Encoding::kPlain, {1, 2});
  // The header claims more uncompressed bytes than snappy produces.
  Buffer compressed;
  CHECK_OK(
      Codec::Make(CompressionCodec::kSnappy).ValueOrDie()->Compress(values.span(), &compressed));
  PageHeader header{.type = PageType::kDataPage, .uncompressed_page_size = 12};
  header.data_page_header = DataPageHeader{.num_values = 2};
  TestChunkWriter lying(PhysicalType::kInt32, CompressionCodec::kSnappy);
  lying.Raw(header, compressed.span());
  ExpectError(Decode(lying, leaf, 2), StatusCode::kCorruption, "page 0: SNAPPY");

  // Uncompressed pages must hold exactly what the header says.
  TestChunkWriter uncompressed(PhysicalType::kInt32);
  uncompressed.Raw(header, values.span());
  ExpectError(Decode(uncompressed, leaf, 2), StatusCode::kCorruption,
              "an uncompressed page holds 8 bytes but its header says 12");

  // A page claiming far more than the chunk's total_uncompressed_size.
  header.uncompressed_page_size = 1 << 30;
  TestChunkWriter huge(PhysicalType::kInt32, CompressionCodec::kSnappy);
  huge.Raw(header, compressed.span());
  ColumnMetaData metadata = huge.Metadata(2);
  metadata.total_uncompressed_size = 100;
  const ColumnChunkSpec spec{
      .leaf = &leaf, .metadata = &metadata, .num_rows = 2, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(huge.bytes().span(), spec), StatusCode::kCorruption,
              "more than its chunk's");

  // A page running past the end of the chunk.
  const TestChunkWriter pages = ThreeInt32Pages(false);
  const ColumnMetaData whole = pages.Metadata(6);
  const ColumnChunkSpec cut{
      .leaf = &leaf, .metadata = &whole, .num_rows = 6, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(pages.bytes().span().first(pages.bytes().size() - 3), cut),
              StatusCode::kCorruption, "page 2: the page at chunk offset");

  // v2 level lengths beyond the page.
  PageHeader v2{.type = PageType::kDataPageV2, .uncompressed_page_size = 8};
  v2.data_page_header_v2 =
      DataPageHeaderV2{.num_values = 2, .num_rows = 2, .definition_levels_byte_length = 50};
  TestChunkWriter bad_levels(PhysicalType::kInt32);
  bad_levels.Raw(v2, values.span());
  ExpectError(Decode(bad_levels, Leaf(PhysicalType::kInt32), 2), StatusCode::kCorruption,
              "50 bytes of levels exceed the page");
}

TEST(ColumnReaderTest, UnsupportedEncodingsAndCodecs) {
  TestChunkWriter delta_double(PhysicalType::kDouble);
  delta_double.DataPageV1(Encoding::kDeltaBinaryPacked, {}, 1,
                          EncodeFixed<int64_t>(Encoding::kDeltaBinaryPacked, {1}).span());
  ExpectError(Decode(delta_double, Leaf(PhysicalType::kDouble, Repetition::kRequired), 1),
              StatusCode::kNotImplemented,
              "encoding DELTA_BINARY_PACKED is not supported for DOUBLE values");

  TestChunkWriter rle_int(PhysicalType::kInt32);
  rle_int.DataPageV1(Encoding::kRle, {}, 1, RleBools({1}).span());
  ExpectError(Decode(rle_int, Leaf(PhysicalType::kInt32, Repetition::kRequired), 1),
              StatusCode::kNotImplemented, "encoding RLE is not supported for INT32 values");

  const LeafColumn leaf = Leaf(PhysicalType::kInt32, Repetition::kRequired);
  const TestChunkWriter pages = ThreeInt32Pages(false);
  ColumnMetaData metadata = pages.Metadata(6);
  metadata.codec = CompressionCodec::kLzo;
  const ColumnChunkSpec spec{
      .leaf = &leaf, .metadata = &metadata, .num_rows = 6, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(pages.bytes().span(), spec), StatusCode::kNotImplemented,
              std::string(kLocation) + ": LZO");
}

TEST(ColumnReaderTest, MetadataMismatches) {
  const TestChunkWriter pages = ThreeInt32Pages(false);
  const LeafColumn int64_leaf = Leaf(PhysicalType::kInt64, Repetition::kRequired);
  const ColumnMetaData metadata = pages.Metadata(6);
  const ColumnChunkSpec spec{
      .leaf = &int64_leaf, .metadata = &metadata, .num_rows = 6, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(pages.bytes().span(), spec), StatusCode::kCorruption,
              "the chunk holds INT32 values but the schema says INT64");

  const LeafColumn int32_leaf = Leaf(PhysicalType::kInt32, Repetition::kRequired);
  const ColumnChunkSpec rows{
      .leaf = &int32_leaf, .metadata = &metadata, .num_rows = 7, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(pages.bytes().span(), rows), StatusCode::kCorruption,
              "the chunk holds 6 values but its row group has 7 rows");

  LeafColumn nested = int32_leaf;
  nested.max_repetition_level = 1;
  const ColumnChunkSpec nested_spec{
      .leaf = &nested, .metadata = &metadata, .num_rows = 6, .file_path = "test.parquet"};
  ExpectError(DecodeColumnChunk(pages.bytes().span(), nested_spec), StatusCode::kInvalid,
              "the leaf of a nested column must be read with its levels");
}

TEST(ColumnReaderTest, GarbageIsAnErrorNotACrash) {
  const LeafColumn leaf = Leaf(PhysicalType::kInt32);
  for (int seed = 0; seed < 200; ++seed) {
    std::vector<uint8_t> bytes(64);
    uint32_t state = static_cast<uint32_t>(seed) * 2654435761u + 1;
    for (uint8_t& byte : bytes) {
      state = state * 1103515245u + 12345u;
      byte = static_cast<uint8_t>(state >> 16);
    }
    TestChunkWriter sizes(PhysicalType::kInt32);
    ColumnMetaData metadata = sizes.Metadata(10);
    metadata.total_compressed_size = 64;
    metadata.total_uncompressed_size = 1000;
    const ColumnChunkSpec spec{
        .leaf = &leaf, .metadata = &metadata, .num_rows = 10, .file_path = "test.parquet"};
    EXPECT_FALSE(DecodeColumnChunk(bytes, spec).ok());
  }
}

TEST(ColumnReaderTest, ChunkRange) {
  ColumnMetaData metadata{.total_compressed_size = 100, .data_page_offset = 50};
  ASSERT_OK_AND_ASSIGN(ByteRange range, ColumnChunkRange(metadata, 1000, 0));
  EXPECT_EQ(range.offset, 50);
  EXPECT_EQ(range.length, 100);
  // A dictionary page before the data pages starts the chunk...
  metadata.dictionary_page_offset = 20;
  metadata.data_page_offset = 60;
  ASSERT_OK_AND_ASSIGN(range, ColumnChunkRange(metadata, 1000, 0));
  EXPECT_EQ(range.offset, 20);
  // ...but an offset of 0 or one after the data pages is ignored.
  metadata.dictionary_page_offset = 0;
  ASSERT_OK_AND_ASSIGN(range, ColumnChunkRange(metadata, 1000, 0));
  EXPECT_EQ(range.offset, 60);
  metadata.dictionary_page_offset = 70;
  ASSERT_OK_AND_ASSIGN(range, ColumnChunkRange(metadata, 1000, 0));
  EXPECT_EQ(range.offset, 60);
  // Slack is clipped to the file.
  ASSERT_OK_AND_ASSIGN(range, ColumnChunkRange(metadata, 1000, 100));
  EXPECT_EQ(range.length, 200);
  ASSERT_OK_AND_ASSIGN(range, ColumnChunkRange(metadata, 180, 100));
  EXPECT_EQ(range.length, 120);
  EXPECT_TRUE(ColumnChunkRange(metadata, 150, 0).status().IsCorruption());
  metadata.data_page_offset = -1;
  EXPECT_TRUE(ColumnChunkRange(metadata, 1000, 0).status().IsCorruption());
}

}  // namespace
}  // namespace strata::parquet
