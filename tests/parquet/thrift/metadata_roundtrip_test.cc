// Encode-then-decode of every metadata struct, with every optional field set.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parquet/thrift/metadata.h"
#include "parquet/thrift/thrift_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::EncodeWith;

LogicalType Kind(LogicalTypeKind kind) { return LogicalType{.kind = kind}; }

// One logical type of every kind the codec knows, with non-default members.
std::vector<LogicalType> EveryLogicalType() {
  return {
      Kind(LogicalTypeKind::kString),
      Kind(LogicalTypeKind::kMap),
      Kind(LogicalTypeKind::kList),
      Kind(LogicalTypeKind::kEnum),
      LogicalType{.kind = LogicalTypeKind::kDecimal, .scale = 3, .precision = 38},
      Kind(LogicalTypeKind::kDate),
      LogicalType{
          .kind = LogicalTypeKind::kTime, .is_adjusted_to_utc = true, .unit = TimeUnit::kMillis},
      LogicalType{.kind = LogicalTypeKind::kTime, .unit = TimeUnit::kNanos},
      LogicalType{.kind = LogicalTypeKind::kTimestamp,
                  .is_adjusted_to_utc = true,
                  .unit = TimeUnit::kMicros},
      LogicalType{.kind = LogicalTypeKind::kTimestamp, .unit = TimeUnit::kNanos},
      LogicalType{.kind = LogicalTypeKind::kInteger, .bit_width = 64, .is_signed = false},
      LogicalType{.kind = LogicalTypeKind::kInteger, .bit_width = 8, .is_signed = true},
      Kind(LogicalTypeKind::kNull),
      Kind(LogicalTypeKind::kJson),
      Kind(LogicalTypeKind::kBson),
      Kind(LogicalTypeKind::kUuid),
      Kind(LogicalTypeKind::kFloat16),
      LogicalType{.kind = LogicalTypeKind::kVariant, .variant_specification_version = 1},
      Kind(LogicalTypeKind::kVariant),
      LogicalType{.kind = LogicalTypeKind::kGeometry, .crs = "OGC:CRS84"},
      LogicalType{.kind = LogicalTypeKind::kGeography,
                  .crs = "srid:4326",
                  .edge_algorithm = EdgeInterpolationAlgorithm::kKarney},
  };
}

Statistics FullStatistics(int seed) {
  return Statistics{.max = "max" + std::to_string(seed),
                    .min = std::string("\0min", 4),
                    .null_count = seed,
                    .distinct_count = 100 + seed,
                    .max_value = "zz",
                    .min_value = "",
                    .is_max_value_exact = true,
                    .is_min_value_exact = false,
                    .nan_count = 2};
}

ColumnMetaData FullColumnMetaData(int seed) {
  return ColumnMetaData{
      .type = PhysicalType::kByteArray,
      .encodings = {0, 3, 8, 42},  // 42: unknown encodings are kept as is
      .path_in_schema = {"group", "leaf" + std::to_string(seed)},
      .codec = CompressionCodec::kZstd,
      .num_values = 1'000'000'000'000 + seed,
      .total_uncompressed_size = 5000,
      .total_compressed_size = 3000,
      .key_value_metadata = std::vector<KeyValue>{{"k", "v"}, {"no value", std::nullopt}},
      .data_page_offset = 4 + seed,
      .index_page_offset = 7,
      .dictionary_page_offset = 4,
      .statistics = FullStatistics(seed),
      .encoding_stats = std::vector<PageEncodingStats>{{PageType::kDictionaryPage, 0, 1},
                                                       {PageType::kDataPage, 8, 20}},
      .bloom_filter_offset = 9000,
      .bloom_filter_length = 1056,
      .size_statistics = SizeStatistics{.unencoded_byte_array_data_bytes = 77,
                                        .repetition_level_histogram = std::vector<int64_t>{1, 2},
                                        .definition_level_histogram = std::vector<int64_t>{}},
  };
}

ColumnChunk FullColumnChunk(int seed) {
  return ColumnChunk{.file_path = "other.parquet",
                     .file_offset = 123,
                     .meta_data = FullColumnMetaData(seed),
                     .offset_index_offset = 10'000,
                     .offset_index_length = 50,
                     .column_index_offset = 9'500,
                     .column_index_length = 400,
                     .encrypted_column_metadata = std::string("\x01\x02", 2)};
}

FileMetaData FullFileMetaData() {
  FileMetaData metadata;
  metadata.version = 2;
  metadata.num_rows = int64_t{1} << 40;
  metadata.schema.push_back(SchemaElement{.name = "root", .num_children = 30});
  int index = 0;
  for (const LogicalType& logical_type : EveryLogicalType()) {
    metadata.schema.push_back(SchemaElement{.type = PhysicalType::kFixedLenByteArray,
                                            .type_length = 16,
                                            .repetition_type = Repetition::kOptional,
                                            .name = "c" + std::to_string(index++),
                                            .num_children = 0,
                                            .converted_type = ConvertedType::kInterval,
                                            .scale = 2,
                                            .precision = 9,
                                            .field_id = -index,
                                            .logical_type = logical_type});
  }
  for (int g = 0; g < 3; ++g) {
    RowGroup row_group{
        .total_byte_size = 1 << 20,
        .num_rows = 1000 + g,
        .sorting_columns = std::vector<SortingColumn>{{0, true, false}, {2, false, true}},
        .file_offset = 4,
        .total_compressed_size = 4096,
        .ordinal = static_cast<int16_t>(g)};
    for (int c = 0; c < 3; ++c) row_group.columns.push_back(FullColumnChunk(g * 10 + c));
    metadata.row_groups.push_back(std::move(row_group));
  }
  metadata.key_value_metadata = std::vector<KeyValue>{{"ARROW:schema", std::string(300, 'x')}};
  metadata.created_by = "strata version 0.1.0 (build test)";
  metadata.column_orders =
      std::vector<ColumnOrder>{ColumnOrder::kTypeOrder, ColumnOrder::kIeee754TotalOrder,
                               ColumnOrder::kInt96TimestampOrder, ColumnOrder::kUnknown};
  metadata.footer_signing_key_metadata = "key";
  return metadata;
}

TEST(MetadataRoundTripTest, FullyPopulatedFileMetaData) {
  const FileMetaData original = FullFileMetaData();
  const Bytes bytes = EncodeWith(WriteFileMetaData, original);
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, ReadFileMetaData(bytes));
  EXPECT_TRUE(decoded == original);
  ASSERT_EQ(decoded.schema.size(), original.schema.size());
  for (size_t i = 0; i < decoded.schema.size(); ++i) {
    EXPECT_TRUE(decoded.schema[i] == original.schema[i]) << "schema element " << i;
  }
  EXPECT_TRUE(decoded.row_groups == original.row_groups);
  // Encoding is deterministic.
  EXPECT_EQ(EncodeWith(WriteFileMetaData, decoded), bytes);
}

TEST(MetadataRoundTripTest, MinimalFileMetaDataOmitsAbsentOptionals) {
  FileMetaData metadata;
  metadata.schema.push_back(SchemaElement{.name = "schema"});
  const Bytes bytes = EncodeWith(WriteFileMetaData, metadata);
  // version 1, schema [ {name} ], num_rows 0, row_groups [], stop.
  EXPECT_EQ(bytes, Bytes({0x15, 0x02, 0x19, 0x1C, 0x48, 6, 's', 'c', 'h', 'e', 'm', 'a', 0x00, 0x16,
                          0x00, 0x19, 0x0C, 0x00}));
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, ReadFileMetaData(bytes));
  EXPECT_TRUE(decoded == metadata);
}

TEST(MetadataRoundTripTest, WriteAppendsAndLeavesOutputIntactOnSuccess) {
  Buffer buffer;
  ASSERT_OK(buffer.Append(std::string_view("PAR1")));
  ASSERT_OK(WriteFileMetaData(FullFileMetaData(), &buffer));
  EXPECT_EQ(buffer.view().substr(0, 4), "PAR1");
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded, ReadFileMetaData(buffer.span().subspan(4)));
  EXPECT_TRUE(decoded == FullFileMetaData());
}

TEST(MetadataRoundTripTest, UnrecognisedLogicalTypeIsDroppedOnWrite) {
  FileMetaData metadata;
  metadata.schema.push_back(
      SchemaElement{.name = "x", .logical_type = LogicalType{.kind = LogicalTypeKind::kNone}});
  ASSERT_OK_AND_ASSIGN(FileMetaData decoded,
                       ReadFileMetaData(EncodeWith(WriteFileMetaData, metadata)));
  EXPECT_FALSE(decoded.schema[0].logical_type.has_value());
}

TEST(MetadataRoundTripTest, EncryptedMetadataIsNotWritten) {
  FileMetaData metadata = FullFileMetaData();
  metadata.has_encryption_algorithm = true;
  Buffer buffer;
  EXPECT_TRUE(WriteFileMetaData(metadata, &buffer).IsNotImplemented());
  EXPECT_EQ(buffer.size(), 0u);

  metadata.has_encryption_algorithm = false;
  metadata.row_groups[1].columns[2].has_crypto_metadata = true;
  EXPECT_TRUE(WriteFileMetaData(metadata, &buffer).IsNotImplemented());
}

PageHeader DataPageV1() {
  return PageHeader{
      .type = PageType::kDataPage,
      .uncompressed_page_size = 1 << 20,
      .compressed_page_size = 1000,
      .crc = -123456,
      .data_page_header = DataPageHeader{.num_values = 500,
                                         .encoding = Encoding::kRleDictionary,
                                         .definition_level_encoding = Encoding::kRle,
                                         .repetition_level_encoding = Encoding::kBitPacked,
                                         .statistics = FullStatistics(1)}};
}

PageHeader DataPageV2(bool is_compressed) {
  return PageHeader{
      .type = PageType::kDataPageV2,
      .uncompressed_page_size = 300,
      .compressed_page_size = 200,
      .data_page_header_v2 = DataPageHeaderV2{.num_values = 50,
                                              .num_nulls = 5,
                                              .num_rows = 40,
                                              .encoding = Encoding::kDeltaBinaryPacked,
                                              .definition_levels_byte_length = 12,
                                              .repetition_levels_byte_length = 7,
                                              .is_compressed = is_compressed,
                                              .statistics = Statistics{.null_count = 5}}};
}

PageHeader DictionaryPage() {
  return PageHeader{.type = PageType::kDictionaryPage,
                    .uncompressed_page_size = 64,
                    .compressed_page_size = 64,
                    .dictionary_page_header = DictionaryPageHeader{
                        .num_values = 16, .encoding = Encoding::kPlain, .is_sorted = true}};
}

PageHeader IndexPage() {
  return PageHeader{.type = PageType::kIndexPage, .index_page_header = IndexPageHeader{}};
}

TEST(MetadataRoundTripTest, PageHeadersReportTheirSize) {
  for (const PageHeader& header :
       {DataPageV1(), DataPageV2(true), DataPageV2(false), DictionaryPage(), IndexPage()}) {
    Bytes bytes = EncodeWith(WritePageHeader, header);
    const auto encoded_size = static_cast<int64_t>(bytes.size());
    bytes.insert(bytes.end(), {0xDE, 0xAD, 0xBE, 0xEF});  // the page body follows
    int64_t header_size = -1;
    ASSERT_OK_AND_ASSIGN(PageHeader decoded, ReadPageHeader(bytes, &header_size));
    EXPECT_TRUE(decoded == header) << PageTypeName(header.type);
    EXPECT_EQ(header_size, encoded_size);
  }
}

TEST(MetadataRoundTripTest, PageHeaderWithoutSizeOutput) {
  ASSERT_OK_AND_ASSIGN(PageHeader decoded,
                       ReadPageHeader(EncodeWith(WritePageHeader, DictionaryPage()), nullptr));
  EXPECT_TRUE(decoded == DictionaryPage());
}

TEST(MetadataRoundTripTest, DataPageV2IsCompressedDefaultsToTrue) {
  // PageHeader{type 3, sizes 4 and 6, v2 header without field 7}.
  const Bytes bytes = {0x15, 0x06, 0x15, 0x08, 0x15, 0x0C, 0x5C, 0x15, 0x0A, 0x15, 0x00,
                       0x15, 0x0A, 0x15, 0x10, 0x15, 0x04, 0x15, 0x00, 0x00, 0x00};
  int64_t header_size = 0;
  ASSERT_OK_AND_ASSIGN(PageHeader header, ReadPageHeader(bytes, &header_size));
  ASSERT_TRUE(header.data_page_header_v2.has_value());
  EXPECT_TRUE(header.data_page_header_v2->is_compressed);
  EXPECT_EQ(header.data_page_header_v2->encoding, Encoding::kRleDictionary);
  EXPECT_EQ(header_size, static_cast<int64_t>(bytes.size()));
}

ColumnIndex FullColumnIndex(int pages) {
  ColumnIndex index;
  index.boundary_order = BoundaryOrder::kDescending;
  index.null_counts.emplace();
  index.repetition_level_histograms.emplace();
  index.definition_level_histograms.emplace();
  index.nan_counts.emplace();
  for (int i = 0; i < pages; ++i) {
    const bool null_page = i % 3 == 0;
    index.null_pages.push_back(null_page);
    index.min_values.push_back(null_page ? "" : "min" + std::to_string(i));
    index.max_values.push_back(null_page ? "" : "max" + std::to_string(i));
    index.null_counts->push_back(null_page ? 10 : 0);
    index.repetition_level_histograms->insert(index.repetition_level_histograms->end(), {i, 1});
    index.definition_level_histograms->insert(index.definition_level_histograms->end(), {1, i});
    index.nan_counts->push_back(0);
  }
  return index;
}

TEST(MetadataRoundTripTest, ColumnIndex) {
  for (int pages : {0, 1, 14, 15, 40}) {
    const ColumnIndex index = FullColumnIndex(pages);
    const Bytes bytes = EncodeWith(WriteColumnIndex, index);
    ASSERT_OK_AND_ASSIGN(ColumnIndex decoded, ReadColumnIndex(bytes));
    EXPECT_TRUE(decoded == index) << pages << " pages";
  }
}

TEST(MetadataRoundTripTest, ColumnIndexWritesNullPagesAsOneAndTwo) {
  ColumnIndex index;
  index.null_pages = {true, false};
  index.min_values = {"", "a"};
  index.max_values = {"", "b"};
  const Bytes bytes = EncodeWith(WriteColumnIndex, index);
  // Field 1: list of two bools with element type 1, then 1 (true), 2 (false).
  EXPECT_EQ(Bytes(bytes.begin(), bytes.begin() + 4), Bytes({0x19, 0x21, 0x01, 0x02}));
  ASSERT_OK_AND_ASSIGN(ColumnIndex decoded, ReadColumnIndex(bytes));
  EXPECT_FALSE(decoded.null_counts.has_value());
  EXPECT_TRUE(decoded == index);
}

TEST(MetadataRoundTripTest, OffsetIndex) {
  OffsetIndex index;
  for (int i = 0; i < 20; ++i) {
    index.page_locations.push_back(PageLocation{.offset = (int64_t{1} << 33) + i,
                                                .compressed_page_size = 100 + i,
                                                .first_row_index = i * 1000});
  }
  index.unencoded_byte_array_data_bytes = std::vector<int64_t>(20, 7);
  ASSERT_OK_AND_ASSIGN(OffsetIndex decoded, ReadOffsetIndex(EncodeWith(WriteOffsetIndex, index)));
  EXPECT_TRUE(decoded == index);

  OffsetIndex empty;
  ASSERT_OK_AND_ASSIGN(OffsetIndex decoded_empty,
                       ReadOffsetIndex(EncodeWith(WriteOffsetIndex, empty)));
  EXPECT_TRUE(decoded_empty == empty);
}

TEST(MetadataRoundTripTest, BloomFilterHeader) {
  const BloomFilterHeader header{.num_bytes = 1024};
  Bytes bytes = EncodeWith(WriteBloomFilterHeader, header);
  // The layout real writers produce: numBytes, then three one-member unions.
  EXPECT_EQ(bytes, Bytes({0x15, 0x80, 0x10, 0x1C, 0x1C, 0x00, 0x00, 0x1C, 0x1C, 0x00, 0x00, 0x1C,
                          0x1C, 0x00, 0x00, 0x00}));
  bytes.resize(bytes.size() + 1024);
  int64_t header_size = 0;
  ASSERT_OK_AND_ASSIGN(BloomFilterHeader decoded, ReadBloomFilterHeader(bytes, &header_size));
  EXPECT_TRUE(decoded == header);
  EXPECT_EQ(header_size, 16);
}

TEST(MetadataRoundTripTest, UnknownBloomFilterUnionMembersReadAsUnknown) {
  // algorithm member 2, hash member 5, compression member 3: all from the future.
  const Bytes bytes = {0x15, 0x80, 0x10, 0x1C, 0x2C, 0x00, 0x00, 0x1C,
                       0x5C, 0x00, 0x00, 0x1C, 0x3C, 0x00, 0x00, 0x00};
  ASSERT_OK_AND_ASSIGN(BloomFilterHeader decoded, ReadBloomFilterHeader(bytes, nullptr));
  EXPECT_EQ(decoded.num_bytes, 1024);
  EXPECT_EQ(decoded.algorithm, BloomFilterAlgorithm::kUnknown);
  EXPECT_EQ(decoded.hash, BloomFilterHash::kUnknown);
  EXPECT_EQ(decoded.compression, BloomFilterCompression::kUnknown);
}

}  // namespace
}  // namespace strata::parquet
