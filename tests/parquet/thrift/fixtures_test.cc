// Decoding footers, page headers and page indexes of files written by Impala,
// parquet-mr (Spark, Avro), parquet-cpp and Arrow. The expected values were
// read off the files with an independent decoder, not taken from strata.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "parquet/thrift/metadata.h"
#include "parquet/thrift/thrift_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::DataFile;
using testing::EncodeWith;
using testing::FixturesDirOrFail;
using testing::FooterBytes;
using testing::ReadFileBytes;

struct LoadedFile {
  Bytes bytes;
  FileMetaData metadata;

  std::span<const uint8_t> At(int64_t offset) const {
    return std::span<const uint8_t>(bytes).subspan(static_cast<size_t>(offset));
  }
  std::span<const uint8_t> At(int64_t offset, int64_t length) const {
    return At(offset).first(static_cast<size_t>(length));
  }
};

// Reads `name` from the fixtures and decodes its footer, failing the test on error.
void Load(const std::string& name, LoadedFile* file) {
  file->bytes = ReadFileBytes(DataFile(name));
  ASSERT_FALSE(file->bytes.empty()) << name;
  std::span<const uint8_t> footer = FooterBytes(file->bytes);
  ASSERT_FALSE(footer.empty()) << name;
  ASSERT_OK_AND_ASSIGN(file->metadata, ReadFileMetaData(footer));
}

std::vector<std::string> Names(const FileMetaData& metadata) {
  std::vector<std::string> names;
  for (const SchemaElement& element : metadata.schema) names.push_back(element.name);
  return names;
}

TEST(FixturesTest, EveryFixtureFooterDecodesAndReencodes) {
  const std::vector<std::filesystem::path> files =
      testing::ParquetFilesIn(FixturesDirOrFail() / "data");
  ASSERT_GE(files.size(), 19u);
  for (const std::filesystem::path& path : files) {
    SCOPED_TRACE(path.filename().string());
    const Bytes bytes = ReadFileBytes(path);
    std::span<const uint8_t> footer = FooterBytes(bytes);
    ASSERT_FALSE(footer.empty());
    ASSERT_OK_AND_ASSIGN(FileMetaData metadata, ReadFileMetaData(footer));
    EXPECT_TRUE(metadata.version == 1 || metadata.version == 2);
    EXPECT_FALSE(metadata.has_encryption_algorithm);
    ASSERT_FALSE(metadata.schema.empty());
    ASSERT_TRUE(metadata.schema[0].num_children.has_value());
    int64_t leaves = 0;
    for (const SchemaElement& element : metadata.schema) leaves += element.type.has_value();
    int64_t rows = 0;
    for (const RowGroup& row_group : metadata.row_groups) {
      EXPECT_EQ(static_cast<int64_t>(row_group.columns.size()), leaves);
      for (const ColumnChunk& column : row_group.columns) EXPECT_TRUE(column.meta_data);
      rows += row_group.num_rows;
    }
    EXPECT_EQ(rows, metadata.num_rows);
    if (metadata.column_orders) {
      EXPECT_EQ(static_cast<int64_t>(metadata.column_orders->size()), leaves);
    }

    // Every writer here emits fields in id order in their shortest form, so
    // re-encoding reproduces the footer byte for byte.
    const Bytes reencoded = EncodeWith(WriteFileMetaData, metadata);
    EXPECT_TRUE(reencoded == Bytes(footer.begin(), footer.end()));
  }
}

struct FixtureFacts {
  const char* name;
  int64_t num_rows;
  size_t row_groups;
  size_t schema_size;
  const char* first_field;
  PhysicalType first_type;
  CompressionCodec first_codec;
  int64_t first_data_page_offset;
  const char* created_by_prefix;
  int pages;  // in all column chunks
};

// One line per fixture, read off the files with an independent decoder.
constexpr FixtureFacts kFixtureFacts[] = {
    {"alltypes_dictionary.parquet", 2, 1, 12, "id", PhysicalType::kInt32,
     CompressionCodec::kUncompressed, 25, "impala version 1.3.0", 21},
    {"alltypes_plain.parquet", 8, 1, 12, "id", PhysicalType::kInt32,
     CompressionCodec::kUncompressed, 49, "impala version 1.3.0", 21},
    {"alltypes_plain.snappy.parquet", 2, 1, 12, "id", PhysicalType::kInt32,
     CompressionCodec::kSnappy, 27, "impala version 1.3.0", 21},
    {"binary.parquet", 12, 1, 2, "foo", PhysicalType::kByteArray, CompressionCodec::kUncompressed,
     4, "parquet-mr version 1.10.0", 1},
    {"byte_stream_split.zstd.parquet", 300, 1, 3, "f32", PhysicalType::kFloat,
     CompressionCodec::kZstd, 4, "parquet-cpp-arrow version 14.0.2", 2},
    {"data_index_bloom_encoding_stats.parquet", 14, 1, 2, "String", PhysicalType::kByteArray,
     CompressionCodec::kGzip, 4, "parquet-mr version 1.13.0-SNAPSHOT", 1},
    {"datapage_v1-snappy-compressed-checksum.parquet", 5120, 1, 3, "a", PhysicalType::kInt32,
     CompressionCodec::kSnappy, 4, "parquet-mr version 1.13.0-SNAPSHOT", 4},
    {"datapage_v1-uncompressed-checksum.parquet", 5120, 1, 3, "a", PhysicalType::kInt32,
     CompressionCodec::kUncompressed, 4, "parquet-mr version 1.13.0-SNAPSHOT", 4},
    {"datapage_v2.snappy.parquet", 5, 1, 8, "a", PhysicalType::kByteArray,
     CompressionCodec::kSnappy, 4, "parquet-mr version 1.8.1", 8},
    {"delta_binary_packed.parquet", 200, 1, 67, "bitwidth0", PhysicalType::kInt64,
     CompressionCodec::kUncompressed, 4, "parquet-mr version 1.10.0", 66},
    {"delta_byte_array.parquet", 1000, 1, 10, "c_customer_id", PhysicalType::kByteArray,
     CompressionCodec::kUncompressed, 4, "parquet-mr version 1.10.0", 9},
    {"fixed_length_decimal.parquet", 24, 1, 2, "value", PhysicalType::kFixedLenByteArray,
     CompressionCodec::kUncompressed, 4, "parquet-mr version 1.8.2", 1},
    {"hadoop_lz4_compressed.parquet", 4, 1, 4, "c0", PhysicalType::kInt64, CompressionCodec::kLz4,
     4, "parquet-mr version 1.10.1", 6},
    {"int96_from_spark.parquet", 6, 1, 2, "a", PhysicalType::kInt96, CompressionCodec::kSnappy, 81,
     "parquet-mr version 1.13.1", 2},
    {"lz4_raw_compressed.parquet", 4, 1, 4, "c0", PhysicalType::kInt64, CompressionCodec::kLz4Raw,
     4, "parquet-cpp version 1.5.1-SNAPSHOT", 3},
    {"nested_lists.snappy.parquet", 3, 1, 9, "a", PhysicalType::kByteArray,
     CompressionCodec::kSnappy, 4, "parquet-mr version 1.8.2", 4},
    {"nested_maps.snappy.parquet", 6, 1, 10, "a", PhysicalType::kByteArray,
     CompressionCodec::kSnappy, 4, "parquet-mr version 1.8.2", 8},
    {"nulls.snappy.parquet", 8, 1, 3, "b_struct", PhysicalType::kInt32, CompressionCodec::kSnappy,
     4, "parquet-mr version 1.8.2", 1},
    {"old_list_structure.parquet", 1, 1, 4, "a", PhysicalType::kInt32,
     CompressionCodec::kUncompressed, 4, "parquet-mr version 1.14.3", 1},
};

// Walks the pages of one column chunk by their headers, returning the page
// count; the walk must end exactly at the chunk's end and count its values.
int WalkChunk(const LoadedFile& file, const ColumnMetaData& meta) {
  const bool has_dictionary = meta.dictionary_page_offset.value_or(0) > 0 &&
                              *meta.dictionary_page_offset < meta.data_page_offset;
  int64_t pos = has_dictionary ? *meta.dictionary_page_offset : meta.data_page_offset;
  const int64_t end =
      std::min(pos + meta.total_compressed_size, static_cast<int64_t>(file.bytes.size()));
  int64_t values = 0;
  int pages = 0;
  while (pos < end) {
    int64_t header_size = 0;
    Result<PageHeader> header = ReadPageHeader(file.At(pos, end - pos), &header_size);
    EXPECT_TRUE(header.ok()) << "page at " << pos << ": " << header.status().ToString();
    if (!header.ok()) return pages;
    // Real page headers, like footers, re-encode byte for byte, except that
    // strata always writes DataPageHeaderV2.is_compressed, which parquet-mr
    // 1.8-1.10 leave out when true.
    const Bytes original(file.At(pos, header_size).begin(), file.At(pos, header_size).end());
    const Bytes reencoded = EncodeWith(WritePageHeader, *header);
    if (!header->data_page_header_v2) {
      EXPECT_TRUE(reencoded == original) << "page at " << pos;
    } else {
      EXPECT_TRUE(ReadPageHeader(reencoded, nullptr).ValueOr(PageHeader{}) == *header);
    }
    if (header->data_page_header) values += header->data_page_header->num_values;
    if (header->data_page_header_v2) values += header->data_page_header_v2->num_values;
    pos += header_size + header->compressed_page_size;
    ++pages;
  }
  EXPECT_EQ(pos, end);
  EXPECT_EQ(values, meta.num_values);
  return pages;
}

TEST(FixturesTest, ConcreteFactsOfEveryFixture) {
  const size_t files = testing::ParquetFilesIn(FixturesDirOrFail() / "data").size();
  EXPECT_EQ(std::size(kFixtureFacts), files) << "a fixture without facts";
  for (const FixtureFacts& facts : kFixtureFacts) {
    SCOPED_TRACE(facts.name);
    LoadedFile file;
    ASSERT_NO_FATAL_FAILURE(Load(facts.name, &file));
    const FileMetaData& md = file.metadata;
    EXPECT_EQ(md.num_rows, facts.num_rows);
    EXPECT_EQ(md.row_groups.size(), facts.row_groups);
    ASSERT_EQ(md.schema.size(), facts.schema_size);
    EXPECT_EQ(md.schema[1].name, facts.first_field);
    EXPECT_EQ(md.created_by.value_or("").rfind(facts.created_by_prefix, 0), 0u)
        << md.created_by.value_or("");
    const ColumnMetaData& first = *md.row_groups.at(0).columns.at(0).meta_data;
    EXPECT_EQ(first.type, facts.first_type);
    EXPECT_EQ(first.codec, facts.first_codec);
    EXPECT_EQ(first.data_page_offset, facts.first_data_page_offset);
    int pages = 0;
    for (const RowGroup& row_group : md.row_groups) {
      for (const ColumnChunk& chunk : row_group.columns) pages += WalkChunk(file, *chunk.meta_data);
    }
    EXPECT_EQ(pages, facts.pages);
  }
}

TEST(FixturesTest, AlltypesPlainFromImpala) {
  LoadedFile file;
  ASSERT_NO_FATAL_FAILURE(Load("alltypes_plain.parquet", &file));
  const FileMetaData& md = file.metadata;
  EXPECT_EQ(md.version, 1);
  EXPECT_EQ(md.num_rows, 8);
  EXPECT_EQ(md.created_by,
            "impala version 1.3.0-INTERNAL (build 8a48ddb1eff84592b3fc06bc6f51ec120e1fffc9)");
  EXPECT_EQ(Names(md),
            std::vector<std::string>({"schema", "id", "bool_col", "tinyint_col", "smallint_col",
                                      "int_col", "bigint_col", "float_col", "double_col",
                                      "date_string_col", "string_col", "timestamp_col"}));
  EXPECT_FALSE(md.schema[0].repetition_type.has_value());  // Impala leaves the root bare.
  EXPECT_EQ(md.schema[0].num_children, 11);
  EXPECT_EQ(md.schema[1].type, PhysicalType::kInt32);
  EXPECT_EQ(md.schema[2].type, PhysicalType::kBoolean);
  EXPECT_EQ(md.schema[11].type, PhysicalType::kInt96);
  EXPECT_EQ(md.schema[11].repetition_type, Repetition::kOptional);
  EXPECT_FALSE(md.key_value_metadata.has_value());
  EXPECT_FALSE(md.column_orders.has_value());

  ASSERT_EQ(md.row_groups.size(), 1u);
  const RowGroup& row_group = md.row_groups[0];
  EXPECT_EQ(row_group.num_rows, 8);
  EXPECT_EQ(row_group.total_byte_size, 671);
  ASSERT_EQ(row_group.columns.size(), 11u);
  const ColumnChunk& id = row_group.columns[0];
  EXPECT_EQ(id.file_offset, 77);
  const ColumnMetaData& meta = *id.meta_data;
  EXPECT_EQ(meta.type, PhysicalType::kInt32);
  EXPECT_EQ(meta.encodings, std::vector<int32_t>({3, 2, 0}));  // RLE, PLAIN_DICTIONARY, PLAIN
  EXPECT_EQ(meta.path_in_schema, std::vector<std::string>({"id"}));
  EXPECT_EQ(meta.codec, CompressionCodec::kUncompressed);
  EXPECT_EQ(meta.num_values, 8);
  EXPECT_EQ(meta.total_compressed_size, 73);
  EXPECT_EQ(meta.data_page_offset, 49);
  EXPECT_EQ(meta.dictionary_page_offset, 4);
  EXPECT_FALSE(meta.statistics.has_value());
  EXPECT_EQ(row_group.columns[10].meta_data->type, PhysicalType::kInt96);
  EXPECT_EQ(row_group.columns[10].meta_data->path_in_schema,
            std::vector<std::string>({"timestamp_col"}));
}

TEST(FixturesTest, PageIndexAndBloomFilterFromParquetMr) {
  LoadedFile file;
  ASSERT_NO_FATAL_FAILURE(Load("data_index_bloom_encoding_stats.parquet", &file));
  const FileMetaData& md = file.metadata;
  EXPECT_EQ(md.num_rows, 14);
  EXPECT_EQ(Names(md), std::vector<std::string>({"data", "String"}));
  ASSERT_TRUE(md.schema[1].logical_type.has_value());
  EXPECT_EQ(md.schema[1].logical_type->kind, LogicalTypeKind::kString);
  EXPECT_EQ(md.schema[1].converted_type, ConvertedType::kUtf8);
  ASSERT_TRUE(md.key_value_metadata.has_value());
  ASSERT_EQ(md.key_value_metadata->size(), 2u);
  EXPECT_EQ((*md.key_value_metadata)[0].key, "parquet.avro.schema");
  EXPECT_TRUE(((*md.key_value_metadata)[1] == KeyValue{"writer.model.name", "avro"}));
  EXPECT_EQ(md.column_orders, std::vector<ColumnOrder>({ColumnOrder::kTypeOrder}));

  const RowGroup& row_group = md.row_groups.at(0);
  EXPECT_EQ(row_group.file_offset, 4);
  EXPECT_EQ(row_group.total_compressed_size, 152);
  EXPECT_EQ(row_group.ordinal, 0);
  const ColumnChunk& chunk = row_group.columns.at(0);
  EXPECT_EQ(chunk.column_index_offset, 156);
  EXPECT_EQ(chunk.column_index_length, 25);
  EXPECT_EQ(chunk.offset_index_offset, 181);
  EXPECT_EQ(chunk.offset_index_length, 11);
  const ColumnMetaData& meta = *chunk.meta_data;
  EXPECT_EQ(meta.codec, CompressionCodec::kGzip);
  EXPECT_EQ(meta.bloom_filter_offset, 192);
  EXPECT_FALSE(meta.bloom_filter_length.has_value());  // parquet-mr 1.13 did not write it
  ASSERT_TRUE(meta.statistics.has_value());
  EXPECT_EQ(meta.statistics->null_count, 0);
  EXPECT_EQ(meta.statistics->min_value, "Hello");
  EXPECT_EQ(meta.statistics->max_value, "today");
  EXPECT_FALSE(meta.statistics->min.has_value());
  EXPECT_TRUE((meta.encoding_stats == std::vector<PageEncodingStats>{{PageType::kDataPage, 0, 1}}));

  ASSERT_OK_AND_ASSIGN(ColumnIndex column_index, ReadColumnIndex(file.At(156, 25)));
  EXPECT_EQ(column_index.null_pages, std::vector<bool>({false}));  // written as byte 2
  EXPECT_EQ(column_index.min_values, std::vector<std::string>({"Hello"}));
  EXPECT_EQ(column_index.max_values, std::vector<std::string>({"today"}));
  EXPECT_EQ(column_index.boundary_order, BoundaryOrder::kAscending);
  EXPECT_EQ(column_index.null_counts, std::vector<int64_t>({0}));
  EXPECT_FALSE(column_index.nan_counts.has_value());
  EXPECT_EQ(EncodeWith(WriteColumnIndex, column_index),
            Bytes(file.At(156, 25).begin(), file.At(156, 25).end()));

  ASSERT_OK_AND_ASSIGN(OffsetIndex offset_index, ReadOffsetIndex(file.At(181, 11)));
  EXPECT_TRUE((offset_index.page_locations == std::vector<PageLocation>{{4, 152, 0}}));

  int64_t bloom_header_size = 0;
  ASSERT_OK_AND_ASSIGN(BloomFilterHeader bloom,
                       ReadBloomFilterHeader(file.At(192), &bloom_header_size));
  EXPECT_EQ(bloom.num_bytes, 1024);
  EXPECT_EQ(bloom.algorithm, BloomFilterAlgorithm::kSplitBlock);
  EXPECT_EQ(bloom.hash, BloomFilterHash::kXxHash);
  EXPECT_EQ(bloom.compression, BloomFilterCompression::kUncompressed);
  EXPECT_EQ(bloom_header_size, 16);
  EXPECT_EQ(192 + bloom_header_size + bloom.num_bytes,
            static_cast<int64_t>(file.bytes.size()) - 8 - 403);  // the footer follows

  int64_t page_header_size = 0;
  ASSERT_OK_AND_ASSIGN(PageHeader page, ReadPageHeader(file.At(4), &page_header_size));
  EXPECT_EQ(page.type, PageType::kDataPage);
  EXPECT_EQ(page.uncompressed_page_size, 138);
  EXPECT_EQ(page.compressed_page_size, 127);
  EXPECT_EQ(page.crc, -779741599);
  ASSERT_TRUE(page.data_page_header.has_value());
  EXPECT_EQ(page.data_page_header->num_values, 14);
  EXPECT_EQ(page.data_page_header->encoding, Encoding::kPlain);
  EXPECT_EQ(page.data_page_header->definition_level_encoding, Encoding::kRle);
  EXPECT_EQ(page.data_page_header->repetition_level_encoding, Encoding::kBitPacked);
  // The offset index's page size includes the header.
  EXPECT_EQ(page_header_size + page.compressed_page_size, 152);
}

TEST(FixturesTest, DataPageV2FromParquetMr181) {
  LoadedFile file;
  ASSERT_NO_FATAL_FAILURE(Load("datapage_v2.snappy.parquet", &file));
  const FileMetaData& md = file.metadata;
  EXPECT_EQ(md.num_rows, 5);
  EXPECT_EQ(Names(md),
            std::vector<std::string>({"spark_schema", "a", "b", "c", "d", "e", "list", "element"}));
  EXPECT_EQ(md.schema[5].converted_type, ConvertedType::kList);
  EXPECT_EQ(md.schema[6].repetition_type, Repetition::kRepeated);
  const std::vector<ColumnChunk>& columns = md.row_groups.at(0).columns;
  ASSERT_EQ(columns.size(), 5u);
  EXPECT_EQ(columns[4].meta_data->path_in_schema,
            std::vector<std::string>({"e", "list", "element"}));

  // Column a: this writer puts the dictionary page at data_page_offset and
  // leaves dictionary_page_offset unset.
  const ColumnMetaData& a = *columns[0].meta_data;
  EXPECT_EQ(a.data_page_offset, 4);
  EXPECT_FALSE(a.dictionary_page_offset.has_value());
  int64_t size = 0;
  ASSERT_OK_AND_ASSIGN(PageHeader dictionary, ReadPageHeader(file.At(4), &size));
  EXPECT_EQ(dictionary.type, PageType::kDictionaryPage);
  EXPECT_EQ(size, 13);
  EXPECT_EQ(dictionary.dictionary_page_header->num_values, 1);
  EXPECT_EQ(dictionary.dictionary_page_header->encoding, Encoding::kPlain);
  const int64_t next = 4 + size + dictionary.compressed_page_size;
  ASSERT_OK_AND_ASSIGN(PageHeader data, ReadPageHeader(file.At(next), &size));
  EXPECT_EQ(data.type, PageType::kDataPageV2);
  EXPECT_EQ(data.uncompressed_page_size, 4);
  EXPECT_EQ(data.compressed_page_size, 6);
  ASSERT_TRUE(data.data_page_header_v2.has_value());
  const DataPageHeaderV2& v2 = *data.data_page_header_v2;
  EXPECT_EQ(v2.num_values, 5);
  EXPECT_EQ(v2.num_nulls, 1);
  EXPECT_EQ(v2.num_rows, 5);
  EXPECT_EQ(v2.encoding, Encoding::kRleDictionary);
  EXPECT_EQ(v2.definition_levels_byte_length, 2);
  EXPECT_EQ(v2.repetition_levels_byte_length, 0);
  EXPECT_TRUE(v2.is_compressed);  // absent on disk
  ASSERT_TRUE(v2.statistics.has_value());
  EXPECT_EQ(v2.statistics->min, "abc");
  EXPECT_EQ(v2.statistics->null_count, 1);
  EXPECT_EQ(next + size + data.compressed_page_size, a.data_page_offset + a.total_compressed_size);

  // Column b starts directly with a v2 data page.
  ASSERT_OK_AND_ASSIGN(PageHeader b,
                       ReadPageHeader(file.At(columns[1].meta_data->data_page_offset), nullptr));
  EXPECT_EQ(b.type, PageType::kDataPageV2);
  EXPECT_EQ(b.data_page_header_v2->encoding, Encoding::kDeltaBinaryPacked);
  EXPECT_EQ(b.data_page_header_v2->num_nulls, 0);
}

TEST(FixturesTest, ChecksummedPagesAndDegenerateColumnIndex) {
  LoadedFile file;
  ASSERT_NO_FATAL_FAILURE(Load("datapage_v1-snappy-compressed-checksum.parquet", &file));
  EXPECT_EQ(file.metadata.num_rows, 5120);
  const ColumnChunk& a = file.metadata.row_groups.at(0).columns.at(0);
  ASSERT_OK_AND_ASSIGN(PageHeader page,
                       ReadPageHeader(file.At(a.meta_data->data_page_offset), nullptr));
  EXPECT_EQ(page.crc, -42322992);
  EXPECT_EQ(page.data_page_header->num_values, 2560);
  // parquet-mr wrote a column index with every page "null" and null counts
  // of -1 for this file written without statistics.
  ASSERT_OK_AND_ASSIGN(ColumnIndex index,
                       ReadColumnIndex(file.At(*a.column_index_offset, *a.column_index_length)));
  EXPECT_EQ(index.null_pages, std::vector<bool>({true, true}));
  EXPECT_EQ(index.null_counts, std::vector<int64_t>({-1, -1}));
  ASSERT_OK_AND_ASSIGN(OffsetIndex offsets,
                       ReadOffsetIndex(file.At(*a.offset_index_offset, *a.offset_index_length)));
  EXPECT_TRUE((offsets.page_locations == std::vector<PageLocation>{{4, 761, 0}, {765, 762, 2560}}));
}

TEST(FixturesTest, Int96FromSpark) {
  LoadedFile file;
  ASSERT_NO_FATAL_FAILURE(Load("int96_from_spark.parquet", &file));
  const FileMetaData& md = file.metadata;
  EXPECT_EQ(md.num_rows, 6);
  EXPECT_EQ(md.schema.at(1).type, PhysicalType::kInt96);
  EXPECT_EQ(md.key_value_metadata->at(0).key, "org.apache.spark.version");
  EXPECT_EQ(md.key_value_metadata->at(0).value, "3.4.3");
  const ColumnChunk& chunk = md.row_groups.at(0).columns.at(0);
  // An offset index but, for INT96, no column index.
  EXPECT_EQ(chunk.offset_index_offset, 117);
  EXPECT_FALSE(chunk.column_index_offset.has_value());
  EXPECT_TRUE((chunk.meta_data->encoding_stats ==
               std::vector<PageEncodingStats>{{PageType::kDictionaryPage, 2, 1},
                                              {PageType::kDataPage, 2, 1}}));
  ASSERT_OK_AND_ASSIGN(OffsetIndex offsets, ReadOffsetIndex(file.At(117, 11)));
  EXPECT_TRUE((offsets.page_locations == std::vector<PageLocation>{{81, 36, 0}}));
}

TEST(FixturesTest, DecimalsCodecsAndEncodings) {
  LoadedFile decimal;
  ASSERT_NO_FATAL_FAILURE(Load("fixed_length_decimal.parquet", &decimal));
  const SchemaElement& value = decimal.metadata.schema.at(1);
  EXPECT_EQ(value.type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(value.type_length, 11);
  EXPECT_EQ(value.converted_type, ConvertedType::kDecimal);
  EXPECT_EQ(value.scale, 2);
  EXPECT_EQ(value.precision, 25);
  EXPECT_FALSE(value.logical_type.has_value());

  LoadedFile split;
  ASSERT_NO_FATAL_FAILURE(Load("byte_stream_split.zstd.parquet", &split));
  EXPECT_EQ(split.metadata.version, 2);
  EXPECT_EQ(split.metadata.created_by, "parquet-cpp-arrow version 14.0.2");
  const ColumnMetaData& f32 = *split.metadata.row_groups.at(0).columns.at(0).meta_data;
  EXPECT_EQ(f32.codec, CompressionCodec::kZstd);
  EXPECT_EQ(f32.encodings, std::vector<int32_t>({3, 9}));  // RLE, BYTE_STREAM_SPLIT

  LoadedFile lz4_raw;
  ASSERT_NO_FATAL_FAILURE(Load("lz4_raw_compressed.parquet", &lz4_raw));
  EXPECT_EQ(lz4_raw.metadata.row_groups.at(0).columns.at(0).meta_data->codec,
            CompressionCodec::kLz4Raw);
  LoadedFile hadoop_lz4;
  ASSERT_NO_FATAL_FAILURE(Load("hadoop_lz4_compressed.parquet", &hadoop_lz4));
  EXPECT_EQ(hadoop_lz4.metadata.row_groups.at(0).columns.at(0).meta_data->codec,
            CompressionCodec::kLz4);
  EXPECT_EQ(hadoop_lz4.metadata.schema.at(0).name, "");  // an empty root name

  LoadedFile delta;
  ASSERT_NO_FATAL_FAILURE(Load("delta_binary_packed.parquet", &delta));
  EXPECT_EQ(delta.metadata.num_rows, 200);
  EXPECT_EQ(delta.metadata.row_groups.at(0).columns.size(), 66u);
  EXPECT_EQ(delta.metadata.row_groups.at(0).columns.at(0).meta_data->encodings.at(0),
            static_cast<int32_t>(Encoding::kDeltaBinaryPacked));
}

TEST(FixturesTest, NestedSchemasUseConvertedTypes) {
  LoadedFile lists;
  ASSERT_NO_FATAL_FAILURE(Load("nested_lists.snappy.parquet", &lists));
  EXPECT_EQ(Names(lists.metadata),
            std::vector<std::string>({"spark_schema", "a", "list", "element", "list", "element",
                                      "list", "element", "b"}));
  EXPECT_EQ(lists.metadata.schema[1].converted_type, ConvertedType::kList);
  EXPECT_EQ(lists.metadata.schema[2].repetition_type, Repetition::kRepeated);

  LoadedFile maps;
  ASSERT_NO_FATAL_FAILURE(Load("nested_maps.snappy.parquet", &maps));
  EXPECT_EQ(maps.metadata.schema[1].converted_type, ConvertedType::kMap);
  EXPECT_EQ(maps.metadata.schema[2].name, "key_value");
  EXPECT_EQ(maps.metadata.schema[2].num_children, 2);
}

TEST(FixturesTest, ArrowLogicalTypesOfEveryKind) {
  // A GDAL test file written by Arrow C++: its data pages are broken, its
  // footer is not, and it carries most logical types.
  const Bytes bytes = ReadFileBytes(FixturesDirOrFail() / "bad_data/ARROW-GH-41321.parquet");
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterBytes(bytes)));
  ASSERT_EQ(md.schema.size(), 209u);
  auto logical = [&](size_t i) { return md.schema.at(i).logical_type.value_or(LogicalType{}); };
  EXPECT_EQ(md.schema[2].name, "null");
  EXPECT_EQ(logical(2).kind, LogicalTypeKind::kNull);
  EXPECT_TRUE((logical(3) ==
               LogicalType{.kind = LogicalTypeKind::kInteger, .bit_width = 8, .is_signed = false}));
  EXPECT_TRUE((logical(6) ==
               LogicalType{.kind = LogicalTypeKind::kInteger, .bit_width = 16, .is_signed = true}));
  EXPECT_EQ(logical(13).kind, LogicalTypeKind::kString);
  EXPECT_TRUE((logical(15) == LogicalType{.kind = LogicalTypeKind::kTimestamp,
                                          .is_adjusted_to_utc = true,
                                          .unit = TimeUnit::kMillis}));
  EXPECT_TRUE((logical(19) == LogicalType{.kind = LogicalTypeKind::kTimestamp,
                                          .is_adjusted_to_utc = false,
                                          .unit = TimeUnit::kMicros}));
  EXPECT_TRUE((logical(24) == LogicalType{.kind = LogicalTypeKind::kTime,
                                          .is_adjusted_to_utc = true,
                                          .unit = TimeUnit::kNanos}));
  EXPECT_EQ(logical(25).kind, LogicalTypeKind::kDate);
  EXPECT_TRUE(
      (logical(30) == LogicalType{.kind = LogicalTypeKind::kDecimal, .scale = 3, .precision = 7}));
  EXPECT_EQ(logical(32).kind, LogicalTypeKind::kList);
  EXPECT_EQ(logical(129).kind, LogicalTypeKind::kMap);
  EXPECT_EQ(md.schema[131].repetition_type, Repetition::kRequired);
  EXPECT_EQ(md.row_groups.size(), 2u);
}

TEST(FixturesTest, Parquet1481InvalidTypeIsCorruption) {
  const Bytes bytes = ReadFileBytes(FixturesDirOrFail() / "bad_data/PARQUET-1481.parquet");
  ASSERT_FALSE(bytes.empty());
  Result<FileMetaData> result = ReadFileMetaData(FooterBytes(bytes));
  ASSERT_TRUE(result.status().IsCorruption()) << result.status().ToString();
  EXPECT_NE(result.status().message().find("SchemaElement.type: invalid physical type -7"),
            std::string::npos)
      << result.status().ToString();
}

}  // namespace
}  // namespace strata::parquet
