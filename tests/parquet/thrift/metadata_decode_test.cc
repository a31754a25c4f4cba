// Decoding metadata that strata's own writer would never produce: unknown
// fields, known fields with unexpected wire types, unknown union members,
// missing required fields and invalid enum values.
#include <gtest/gtest.h>

#include <string>

#include "parquet/thrift/metadata.h"
#include "parquet/thrift/struct_codec.h"
#include "parquet/thrift/thrift_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Bytes;
using testing::EncodeWith;
using testing::WriteWith;
using thrift::CompactWriter;
using thrift::WireType;
using thrift::WriteField;

// Fields 100.. of every wire type, nested containers included: what a future
// writer might add to any struct.
void WriteFutureFields(CompactWriter& w) {
  w.WriteBoolField(100, true);
  w.WriteBoolField(101, false);
  w.WriteFieldHeader(WireType::kByte, 102);
  w.WriteI8(7);
  w.WriteFieldHeader(WireType::kI16, 103);
  w.WriteI16(-7);
  w.WriteFieldHeader(WireType::kI32, 104);
  w.WriteI32(77);
  w.WriteFieldHeader(WireType::kI64, 105);
  w.WriteI64(-777);
  w.WriteFieldHeader(WireType::kDouble, 106);
  w.WriteDouble(0.5);
  w.WriteFieldHeader(WireType::kBinary, 107);
  w.WriteBinary("future");
  w.WriteFieldHeader(WireType::kList, 108);
  w.WriteListHeader(WireType::kStruct, 16);
  for (int i = 0; i < 16; ++i) {
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kList, 1);
    w.WriteListHeader(WireType::kBoolTrue, 1);
    w.WriteBool(false);
    w.WriteStructEnd();
  }
  w.WriteFieldHeader(WireType::kSet, 109);
  w.WriteListHeader(WireType::kI32, 2);
  w.WriteI32(1);
  w.WriteI32(2);
  w.WriteFieldHeader(WireType::kMap, 110);
  w.WriteMapHeader(WireType::kBinary, WireType::kList, 1);
  w.WriteBinary("k");
  w.WriteListHeader(WireType::kDouble, 1);
  w.WriteDouble(1.0);
  w.WriteFieldHeader(WireType::kStruct, 111);
  w.WriteStructBegin();
  w.WriteFieldHeader(WireType::kStruct, 1);
  w.WriteStructBegin();
  w.WriteFieldHeader(WireType::kMap, 2);
  w.WriteMapHeader(WireType::kI64, WireType::kStruct, 0);
  w.WriteStructEnd();
  w.WriteStructEnd();
}

// FileMetaData{version 1, schema [root, leaf], num_rows 3, row_groups []},
// with `leaf_extra` written into the leaf and `extra` into the footer.
template <typename LeafExtra, typename Extra>
Bytes FooterWith(LeafExtra&& leaf_extra, Extra&& extra) {
  return WriteWith([&](CompactWriter& w) {
    w.WriteStructBegin();
    WriteField(&w, 1, int32_t{1});
    w.WriteFieldHeader(WireType::kList, 2);
    w.WriteListHeader(WireType::kStruct, 2);
    thrift::Encode(&w, SchemaElement{.name = "root", .num_children = 1});
    w.WriteStructBegin();
    WriteField(&w, 4, std::string("leaf"));
    leaf_extra(w);
    w.WriteStructEnd();
    WriteField(&w, 3, int64_t{3});
    WriteField(&w, 4, std::vector<RowGroup>{});
    extra(w);
    w.WriteStructEnd();
  });
}

void Nothing(CompactWriter& /*w*/) {}

TEST(MetadataDecodeTest, UnknownFieldsOfEveryWireTypeAreSkipped) {
  ASSERT_OK_AND_ASSIGN(FileMetaData plain, ReadFileMetaData(FooterWith(Nothing, Nothing)));
  EXPECT_EQ(plain.num_rows, 3);
  ASSERT_OK_AND_ASSIGN(FileMetaData with_future,
                       ReadFileMetaData(FooterWith(WriteFutureFields, WriteFutureFields)));
  EXPECT_TRUE(with_future == plain);
}

TEST(MetadataDecodeTest, KnownFieldWithUnexpectedWireTypeIsSkipped) {
  // SchemaElement.type as a binary and num_children as a list: both ignored.
  auto odd_leaf = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kBinary, 1);
    w.WriteBinary("INT32");
    w.WriteFieldHeader(WireType::kList, 5);
    w.WriteListHeader(WireType::kI32, 1);
    w.WriteI32(4);
    w.WriteFieldHeader(WireType::kI32, 6);  // converted_type, well formed
    w.WriteI32(0);
  };
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterWith(odd_leaf, Nothing)));
  const SchemaElement& leaf = md.schema.at(1);
  EXPECT_FALSE(leaf.type.has_value());
  EXPECT_FALSE(leaf.num_children.has_value());
  EXPECT_EQ(leaf.converted_type, ConvertedType::kUtf8);
}

TEST(MetadataDecodeTest, ListWithUnexpectedElementTypeIsSkipped) {
  // created_by as a list of strings and column_orders as a list of i32.
  auto odd = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kList, 6);
    w.WriteListHeader(WireType::kBinary, 1);
    w.WriteBinary("x");
    w.WriteFieldHeader(WireType::kList, 7);
    w.WriteListHeader(WireType::kI32, 2);
    w.WriteI32(1);
    w.WriteI32(1);
  };
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterWith(Nothing, odd)));
  EXPECT_FALSE(md.created_by.has_value());
  EXPECT_FALSE(md.column_orders.has_value());
}

// A ColumnMetaData with its required fields, plus whatever `extra` writes
// after field 14, inside a ColumnChunk inside a RowGroup inside a footer.
template <typename Extra>
Bytes FooterWithColumn(Extra&& extra) {
  return WriteWith([&](CompactWriter& w) {
    w.WriteStructBegin();
    WriteField(&w, 1, int32_t{1});
    WriteField(&w, 2,
               std::vector<SchemaElement>{{.name = "root", .num_children = 1},
                                          {.type = PhysicalType::kInt64, .name = "x"}});
    WriteField(&w, 3, int64_t{10});
    w.WriteFieldHeader(WireType::kList, 4);
    w.WriteListHeader(WireType::kStruct, 1);
    w.WriteStructBegin();  // RowGroup
    w.WriteFieldHeader(WireType::kList, 1);
    w.WriteListHeader(WireType::kStruct, 1);
    w.WriteStructBegin();  // ColumnChunk
    WriteField(&w, 2, int64_t{0});
    w.WriteFieldHeader(WireType::kStruct, 3);
    w.WriteStructBegin();  // ColumnMetaData
    WriteField(&w, 1, PhysicalType::kInt64);
    WriteField(&w, 2, std::vector<int32_t>{0});
    WriteField(&w, 3, std::vector<std::string>{"x"});
    WriteField(&w, 4, CompressionCodec::kSnappy);
    WriteField(&w, 5, int64_t{10});
    WriteField(&w, 6, int64_t{100});
    WriteField(&w, 7, int64_t{90});
    WriteField(&w, 9, int64_t{4});
    WriteField(&w, 14, int64_t{500});
    extra(w);
    w.WriteStructEnd();
    w.WriteStructEnd();
    WriteField(&w, 2, int64_t{100});
    WriteField(&w, 3, int64_t{10});
    w.WriteStructEnd();
    w.WriteStructEnd();
  });
}

TEST(MetadataDecodeTest, BloomFilterLengthAsListOfStructsIsSkipped) {
  // Some writers put a list<struct> in ColumnMetaData field 15.
  auto odd = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kList, 15);
    w.WriteListHeader(WireType::kStruct, 2);
    for (int i = 0; i < 2; ++i) {
      w.WriteStructBegin();
      WriteField(&w, 1, int32_t{i});
      w.WriteStructEnd();
    }
    WriteField(&w, 16, SizeStatistics{.unencoded_byte_array_data_bytes = 5});
  };
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterWithColumn(odd)));
  const ColumnMetaData& meta = *md.row_groups.at(0).columns.at(0).meta_data;
  EXPECT_EQ(meta.bloom_filter_offset, 500);
  EXPECT_FALSE(meta.bloom_filter_length.has_value());
  EXPECT_EQ(meta.size_statistics->unencoded_byte_array_data_bytes, 5);
  EXPECT_EQ(meta.codec, CompressionCodec::kSnappy);
}

TEST(MetadataDecodeTest, EnumValuesAreValidated) {
  const Bytes bad_codec = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    WriteField(&w, 4, int32_t{99});
    w.WriteStructEnd();
  });
  thrift::CompactReader reader(bad_codec);
  ColumnMetaData meta;
  Status status = thrift::Decode(&reader, &meta);
  // A codec from a newer spec is a missing feature, not corruption.
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_NE(status.message().find("ColumnMetaData.codec: compression codec 99 is not supported"),
            std::string::npos)
      << status.ToString();
  const Bytes negative_codec = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    WriteField(&w, 4, int32_t{-3});
    w.WriteStructEnd();
  });
  thrift::CompactReader negative_reader(negative_codec);
  status = thrift::Decode(&negative_reader, &meta);
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();

  auto bad_stats = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kList, 13);
    w.WriteListHeader(WireType::kStruct, 1);
    w.WriteStructBegin();
    WriteField(&w, 1, int32_t{9});  // no page type 9
    WriteField(&w, 2, int32_t{0});
    WriteField(&w, 3, int32_t{1});
    w.WriteStructEnd();
  };
  status = ReadFileMetaData(FooterWithColumn(bad_stats)).status();
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("FileMetaData.row_groups: RowGroup.columns: "
                                  "ColumnChunk.meta_data: ColumnMetaData.encoding_stats: "
                                  "PageEncodingStats.page_type: invalid page type 9 at offset"),
            std::string::npos)
      << status.ToString();

  auto vector_repetition = [](CompactWriter& w) { WriteField(&w, 3, int32_t{3}); };
  status = ReadFileMetaData(FooterWith(vector_repetition, Nothing)).status();
  EXPECT_NE(status.message().find("SchemaElement.repetition_type: invalid repetition type 3"),
            std::string::npos)
      << status.ToString();

  auto bad_converted = [](CompactWriter& w) { WriteField(&w, 6, int32_t{-1}); };
  EXPECT_TRUE(ReadFileMetaData(FooterWith(bad_converted, Nothing)).status().IsCorruption());
}

TEST(MetadataDecodeTest, UnknownEncodingsInSummariesAreKept) {
  auto future = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kList, 13);
    w.WriteListHeader(WireType::kStruct, 1);
    thrift::Encode(&w, PageEncodingStats{PageType::kDataPage, 1234, 1});
  };
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterWithColumn(future)));
  EXPECT_EQ(md.row_groups[0].columns[0].meta_data->encoding_stats->at(0).encoding, 1234);
}

TEST(MetadataDecodeTest, MissingRequiredFieldsNameStructAndField) {
  const Bytes no_num_rows = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    WriteField(&w, 1, int32_t{1});
    WriteField(&w, 2, std::vector<SchemaElement>{{.name = "root"}});
    WriteField(&w, 4, std::vector<RowGroup>{});
    w.WriteStructEnd();
  });
  Status status = ReadFileMetaData(no_num_rows).status();
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("FileMetaData: missing required field 'num_rows'"),
            std::string::npos)
      << status.ToString();

  const Bytes nameless = WriteWith([](CompactWriter& w) {
    w.WriteStructBegin();
    WriteField(&w, 1, int32_t{1});
    w.WriteFieldHeader(WireType::kList, 2);
    w.WriteListHeader(WireType::kStruct, 1);
    w.WriteStructBegin();
    WriteField(&w, 5, int32_t{0});
    w.WriteStructEnd();
    WriteField(&w, 3, int64_t{0});
    WriteField(&w, 4, std::vector<RowGroup>{});
    w.WriteStructEnd();
  });
  status = ReadFileMetaData(nameless).status();
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("SchemaElement: missing required field 'name'"),
            std::string::npos)
      << status.ToString();
}

TEST(MetadataDecodeTest, ColumnChunkWithoutFileOffsetIsTolerated) {
  const Bytes bytes = WriteWith([&](CompactWriter& w) {
    w.WriteStructBegin();  // ColumnChunk with only meta_data
    WriteField(&w, 3, ColumnMetaData{});
    w.WriteStructEnd();
  });
  thrift::CompactReader reader(bytes);
  ColumnChunk chunk;
  ASSERT_OK(thrift::Decode(&reader, &chunk));
  EXPECT_EQ(chunk.file_offset, 0);
  EXPECT_TRUE(chunk.meta_data.has_value());
}

TEST(MetadataDecodeTest, UnknownUnionMembers) {
  auto future_logical = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kStruct, 10);
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kStruct, 40);  // a logical type from the future
    w.WriteStructBegin();
    WriteField(&w, 1, std::string("payload"));
    w.WriteStructEnd();
    w.WriteStructEnd();
  };
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterWith(future_logical, Nothing)));
  ASSERT_TRUE(md.schema[1].logical_type.has_value());
  EXPECT_EQ(md.schema[1].logical_type->kind, LogicalTypeKind::kNone);

  auto future_unit = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kStruct, 10);
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kStruct, 8);  // TIMESTAMP
    w.WriteStructBegin();
    w.WriteBoolField(1, true);
    w.WriteFieldHeader(WireType::kStruct, 2);
    w.WriteStructBegin();
    thrift::WriteEmptyStructField(&w, 4);  // a unit after NANOS
    w.WriteStructEnd();
    w.WriteStructEnd();
    w.WriteStructEnd();
  };
  ASSERT_OK_AND_ASSIGN(md, ReadFileMetaData(FooterWith(future_unit, Nothing)));
  EXPECT_TRUE((md.schema[1].logical_type == LogicalType{}));

  auto future_order = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kList, 7);
    w.WriteListHeader(WireType::kStruct, 2);
    w.WriteStructBegin();
    thrift::WriteEmptyStructField(&w, 9);
    w.WriteStructEnd();
    thrift::Encode(&w, ColumnOrder::kTypeOrder);
  };
  ASSERT_OK_AND_ASSIGN(md, ReadFileMetaData(FooterWith(Nothing, future_order)));
  EXPECT_EQ(md.column_orders,
            std::vector<ColumnOrder>({ColumnOrder::kUnknown, ColumnOrder::kTypeOrder}));
}

TEST(MetadataDecodeTest, MissingMembersOfKnownLogicalTypesAreCorruption) {
  auto decimal_without_precision = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kStruct, 10);
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kStruct, 5);
    w.WriteStructBegin();
    WriteField(&w, 1, int32_t{2});
    w.WriteStructEnd();
    w.WriteStructEnd();
  };
  Status status = ReadFileMetaData(FooterWith(decimal_without_precision, Nothing)).status();
  EXPECT_NE(status.message().find("DecimalType: missing required field 'precision'"),
            std::string::npos)
      << status.ToString();
}

TEST(MetadataDecodeTest, EncryptionIsDetected) {
  auto encrypted = [](CompactWriter& w) {
    w.WriteFieldHeader(WireType::kStruct, 8);
    w.WriteStructBegin();
    w.WriteFieldHeader(WireType::kStruct, 1);  // AES_GCM_V1
    w.WriteStructBegin();
    WriteField(&w, 1, std::string("aad"));
    w.WriteBoolField(3, true);
    w.WriteStructEnd();
    w.WriteStructEnd();
    WriteField(&w, 9, std::string("key"));
  };
  ASSERT_OK_AND_ASSIGN(FileMetaData md, ReadFileMetaData(FooterWith(Nothing, encrypted)));
  EXPECT_TRUE(md.has_encryption_algorithm);
  EXPECT_EQ(md.footer_signing_key_metadata, "key");
}

TEST(MetadataDecodeTest, PageHeaderSanity) {
  PageHeader negative{.type = PageType::kDictionaryPage,
                      .uncompressed_page_size = -1,
                      .dictionary_page_header = DictionaryPageHeader{}};
  EXPECT_TRUE(
      ReadPageHeader(EncodeWith(WritePageHeader, negative), nullptr).status().IsCorruption());

  PageHeader missing{.type = PageType::kDataPage, .dictionary_page_header = DictionaryPageHeader{}};
  Status status = ReadPageHeader(EncodeWith(WritePageHeader, missing), nullptr).status();
  ASSERT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("DATA_PAGE has no matching page header"), std::string::npos);

  const Bytes bad_type = {0x15, 0x12, 0x15, 0x00, 0x15, 0x00, 0x00};  // type 9
  status = ReadPageHeader(bad_type, nullptr).status();
  EXPECT_NE(status.message().find("PageHeader.type: invalid page type 9"), std::string::npos)
      << status.ToString();

  ColumnIndex index;
  Bytes bytes = EncodeWith(WriteColumnIndex, index);
  bytes[bytes.size() - 2] = 0x06;  // boundary_order 3
  EXPECT_TRUE(ReadColumnIndex(bytes).status().IsCorruption());
}

}  // namespace
}  // namespace strata::parquet
