// Nested columns through ParquetWriter: the footer schema, and pages decoded
// back to their levels to check that they hold exactly the shredded levels,
// end at row boundaries and agree with the page index and statistics.
#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <set>
#include <tuple>

#include "columnar/builder.h"
#include "io/local_file_system.h"
#include "nested_test_util.h"
#include "parquet/codec/bloom_filter.h"
#include "parquet/codec/codec.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/file_writer.h"
#include "parquet/schema_read.h"
#include "parquet/shred.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

SchemaPtr NestedSchema() {
  return MakeSchema({
      {"id", Int64(), false},
      {"tags", List(String())},
      {"nums", List(Int64())},
      {"point", Struct({{"x", Float64()}, {"y", List(Int32())}})},
      {"attrs", Map(String(), Int32())},
  });
}

// Appends row r of each nested column; every rule mixes nulls, empty and
// non-empty lists, and row 999 of each thousand has a 5000-element list.
struct NestedRows {
  Int64Builder ids;
  ListBuilder tags{List(String()), std::make_unique<BinaryBuilder>(String())};
  ListBuilder nums{List(Int64()), std::make_unique<Int64Builder>()};
  std::unique_ptr<VectorBuilder> point = MakeBuilder(NestedSchema()->field(3).type).ValueOrDie();
  std::unique_ptr<VectorBuilder> attrs = MakeBuilder(NestedSchema()->field(4).type).ValueOrDie();

  void AppendTags(int64_t r) {
    auto* values = static_cast<BinaryBuilder*>(tags.value_builder());
    CHECK_OK(tags.Append(r % 11 != 0));
    if (r % 11 == 0 || r % 7 == 0) return;
    for (int64_t k = 0; k <= r % 5; ++k) {
      CHECK_OK((r + k) % 9 == 0 ? values->AppendNull()
                                : values->Append("t" + std::to_string((r + k) % 13)));
    }
  }
  void AppendNums(int64_t r) {
    auto* values = static_cast<Int64Builder*>(nums.value_builder());
    CHECK_OK(nums.Append(r % 13 != 0));
    if (r % 13 == 0) return;
    const int64_t length = r % 1000 == 999 ? 5000 : r % 6;
    for (int64_t k = 0; k < length; ++k) {
      CHECK_OK((r + k) % 10 == 3 ? values->AppendNull() : values->Append(r * 10 + k));
    }
  }
  void AppendPoint(int64_t r) {
    auto* s = static_cast<StructBuilder*>(point.get());
    if (r % 17 == 0) {
      CHECK_OK(s->AppendNull());
      return;
    }
    CHECK_OK(s->Append(true));
    auto* x = static_cast<Float64Builder*>(s->child(0));
    CHECK_OK(r % 3 == 0 ? x->AppendNull() : x->Append(static_cast<double>(r) / 2));
    auto* y = static_cast<ListBuilder*>(s->child(1));
    CHECK_OK(y->Append(r % 4 != 0));
    if (r % 4 == 0) return;
    for (int64_t k = 0; k < r % 3; ++k) {
      CHECK_OK(static_cast<Int32Builder*>(y->value_builder())->Append(static_cast<int32_t>(r + k)));
    }
  }
  void AppendAttrs(int64_t r) {
    auto* m = static_cast<MapBuilder*>(attrs.get());
    CHECK_OK(m->Append(r % 19 != 0));
    if (r % 19 == 0) return;
    for (int64_t k = 0; k < r % 4; ++k) {
      CHECK_OK(static_cast<BinaryBuilder*>(m->key_builder())->Append("k" + std::to_string(k)));
      auto* item = static_cast<Int32Builder*>(m->item_builder());
      CHECK_OK(k == 2 ? item->AppendNull() : item->Append(static_cast<int32_t>(r + k)));
    }
  }
};

// Rows [first, first + n) of NestedSchema().
RecordBatchPtr NestedBatch(int64_t first, int64_t n) {
  NestedRows rows;
  for (int64_t r = first; r < first + n; ++r) {
    CHECK_OK(rows.ids.Append(r));
    rows.AppendTags(r);
    rows.AppendNums(r);
    rows.AppendPoint(r);
    rows.AppendAttrs(r);
  }
  return RecordBatch::Make(NestedSchema(),
                           {rows.ids.Finish().ValueOrDie(), rows.tags.Finish().ValueOrDie(),
                            rows.nums.Finish().ValueOrDie(), rows.point->Finish().ValueOrDie(),
                            rows.attrs->Finish().ValueOrDie()},
                           n)
      .ValueOrDie();
}

// What the data pages of one column chunk hold, decoded.
struct ChunkPages {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  std::vector<int64_t> rows;   // Per page: entries starting a row.
  std::vector<int64_t> nulls;  // Per page: entries below the max definition level.
  std::vector<PageHeader> headers;
  std::vector<std::vector<uint8_t>> values;  // Per page: the value section.
};

std::span<const uint8_t> At(const std::string& bytes, int64_t offset, int64_t length) {
  return {reinterpret_cast<const uint8_t*>(bytes.data()) + offset, static_cast<size_t>(length)};
}

// Decodes one RLE level run section of `n` levels.
std::vector<int16_t> DecodeLevels(std::span<const uint8_t> runs, int16_t max_level, int32_t n) {
  std::vector<int16_t> out(static_cast<size_t>(n));
  if (max_level == 0) return out;
  RleBitPackedDecoder decoder;
  CHECK_OK(decoder.Init(runs, std::bit_width(static_cast<uint16_t>(max_level))));
  CHECK_OK(decoder.GetBatch(out.data(), n));
  return out;
}

// Splits an uncompressed v1 page body into levels and values.
void SplitV1(std::span<const uint8_t> body, const LeafColumn& leaf, int32_t n, ChunkPages* out,
             std::vector<int16_t>* rep, std::vector<int16_t>* def) {
  rep->assign(static_cast<size_t>(n), 0);  // Absent sections mean all zeros.
  def->assign(static_cast<size_t>(n), 0);
  if (leaf.max_repetition_level > 0) {
    std::span<const uint8_t> runs = ReadRleLengthPrefix(body).ValueOrDie();
    *rep = DecodeLevels(runs, leaf.max_repetition_level, n);
    body = body.subspan(4 + runs.size());
  }
  if (leaf.max_definition_level > 0) {
    std::span<const uint8_t> runs = ReadRleLengthPrefix(body).ValueOrDie();
    *def = DecodeLevels(runs, leaf.max_definition_level, n);
    body = body.subspan(4 + runs.size());
  }
  out->values.emplace_back(body.begin(), body.end());
}

void SplitV2(std::span<const uint8_t> body, const LeafColumn& leaf, const DataPageHeaderV2& h,
             Codec* codec, int32_t uncompressed_size, ChunkPages* out, std::vector<int16_t>* rep,
             std::vector<int16_t>* def) {
  const auto rep_bytes = static_cast<size_t>(h.repetition_levels_byte_length);
  const auto def_bytes = static_cast<size_t>(h.definition_levels_byte_length);
  *rep = DecodeLevels(body.subspan(0, rep_bytes), leaf.max_repetition_level, h.num_values);
  *def = DecodeLevels(body.subspan(rep_bytes, def_bytes), leaf.max_definition_level, h.num_values);
  std::span<const uint8_t> values = body.subspan(rep_bytes + def_bytes);
  std::vector<uint8_t> plain(static_cast<size_t>(uncompressed_size) - rep_bytes - def_bytes);
  if (h.is_compressed) {
    CHECK_OK(codec->Decompress(values, plain));
  } else {
    plain.assign(values.begin(), values.end());
  }
  out->values.push_back(std::move(plain));
}

// Reads and decodes every data page of `meta`'s chunk in the file `bytes`.
ChunkPages ReadChunkPages(const std::string& bytes, const ColumnMetaData& meta,
                          const LeafColumn& leaf) {
  ChunkPages out;
  auto codec = Codec::Make(meta.codec).ValueOrDie();
  int64_t pos = meta.dictionary_page_offset.value_or(meta.data_page_offset);
  const int64_t end = pos + meta.total_compressed_size;
  while (pos < end) {
    int64_t header_size = 0;
    PageHeader header = ReadPageHeader(At(bytes, pos, end - pos), &header_size).ValueOrDie();
    std::span<const uint8_t> body = At(bytes, pos + header_size, header.compressed_page_size);
    pos += header_size + header.compressed_page_size;
    if (header.type == PageType::kDictionaryPage) continue;
    std::vector<int16_t> rep;
    std::vector<int16_t> def;
    if (header.type == PageType::kDataPage) {
      std::vector<uint8_t> plain(static_cast<size_t>(header.uncompressed_page_size));
      CHECK_OK(codec->Decompress(body, plain));
      SplitV1(plain, leaf, header.data_page_header->num_values, &out, &rep, &def);
    } else {
      SplitV2(body, leaf, *header.data_page_header_v2, codec.get(), header.uncompressed_page_size,
              &out, &rep, &def);
    }
    int64_t rows = 0;
    int64_t nulls = 0;
    for (size_t i = 0; i < def.size(); ++i) {
      rows += leaf.max_repetition_level == 0 || rep[i] == 0;
      nulls += def[i] < leaf.max_definition_level;
    }
    if (leaf.max_repetition_level > 0 && !rep.empty()) {
      EXPECT_EQ(rep[0], 0) << "page starts mid-row";
    }
    out.rows.push_back(rows);
    out.nulls.push_back(nulls);
    out.def.insert(out.def.end(), def.begin(), def.end());
    if (leaf.max_repetition_level > 0) out.rep.insert(out.rep.end(), rep.begin(), rep.end());
    out.headers.push_back(std::move(header));
  }
  return out;
}

class NestedWriteTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) { return dir_.Join(name); }

  Status WriteFile(const std::string& path, int64_t rows, WriterOptions options,
                   int64_t batch_rows = 700) {
    ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(fs_.get(), path, NestedSchema(), options));
    for (int64_t r = 0; r < rows; r += batch_rows) {
      RETURN_NOT_OK(writer->Write(*NestedBatch(r, std::min(batch_rows, rows - r))));
    }
    return writer->Close();
  }

  std::string Bytes(const std::string& path) {
    return std::string(ReadWholeFile(fs_.get(), path).ValueOrDie()->view());
  }

  FileMetaData Footer(const std::string& bytes) {
    uint32_t length = 0;
    std::memcpy(&length, bytes.data() + bytes.size() - 8, 4);
    return ReadFileMetaData(At(bytes, static_cast<int64_t>(bytes.size() - 8 - length), length))
        .ValueOrDie();
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(NestedWriteTest, FooterSchemaUsesTheStandardLayouts) {
  SchemaPtr schema = MakeSchema({{"l", List(Int32())},
                                 {"m", Map(String(), Int64()), false},
                                 {"s", Struct({{"a", Int32(), false}})}});
  ASSERT_OK_AND_ASSIGN(ParquetSchema p, ToParquetSchema(schema));
  struct Want {
    std::string name;
    std::optional<Repetition> repetition;
    std::optional<int32_t> children;
    std::optional<ConvertedType> converted;
  };
  const Want want[] = {
      {"schema", std::nullopt, 3, std::nullopt},
      {"l", Repetition::kOptional, 1, ConvertedType::kList},
      {"list", Repetition::kRepeated, 1, std::nullopt},
      {"element", Repetition::kOptional, std::nullopt, std::nullopt},
      {"m", Repetition::kRequired, 1, ConvertedType::kMap},
      {"key_value", Repetition::kRepeated, 2, std::nullopt},
      {"key", Repetition::kRequired, std::nullopt, ConvertedType::kUtf8},
      {"value", Repetition::kOptional, std::nullopt, std::nullopt},
      {"s", Repetition::kOptional, 1, std::nullopt},
      {"a", Repetition::kRequired, std::nullopt, std::nullopt},
  };
  ASSERT_EQ(p.elements.size(), std::size(want));
  for (size_t i = 0; i < std::size(want); ++i) {
    const SchemaElement& e = p.elements[i];
    EXPECT_EQ(e.name, want[i].name) << i;
    EXPECT_EQ(e.repetition_type, want[i].repetition) << e.name;
    EXPECT_EQ(e.num_children, want[i].children) << e.name;
    EXPECT_EQ(e.converted_type, want[i].converted) << e.name;
    EXPECT_EQ(e.type.has_value(), !want[i].children.has_value()) << e.name;
  }
  EXPECT_EQ(p.elements[1].logical_type->kind, LogicalTypeKind::kList);
  EXPECT_EQ(p.elements[4].logical_type->kind, LogicalTypeKind::kMap);
  EXPECT_FALSE(p.elements[8].logical_type.has_value());
  ASSERT_EQ(p.leaves.size(), 4u);
  const LeafColumn& element = p.leaves[0];
  EXPECT_EQ(element.path, (std::vector<std::string>{"l", "list", "element"}));
  EXPECT_EQ(element.max_definition_level, 3);
  EXPECT_EQ(element.max_repetition_level, 1);
  EXPECT_EQ(element.schema_index, 3);
  EXPECT_EQ(p.leaves[1].path, (std::vector<std::string>{"m", "key_value", "key"}));
  EXPECT_EQ(p.leaves[1].max_definition_level, 1);
  EXPECT_EQ(p.leaves[1].field_index, 1);
  EXPECT_EQ(p.leaves[2].max_definition_level, 2);
  EXPECT_EQ(p.leaves[2].schema_index, 7);
  EXPECT_EQ(p.leaves[3].path, (std::vector<std::string>{"s", "a"}));
  EXPECT_EQ(p.leaves[3].max_definition_level, 1);
  EXPECT_EQ(p.leaves[3].max_repetition_level, 0);
  EXPECT_EQ(p.leaves[3].field_index, 2);
}

// The reader's schema interpretation (LogicalTypes.md rules) must give back
// the written types, leaves and levels.
TEST_F(NestedWriteTest, ReaderInterpretsTheWrittenSchemaAsTheSameTypes) {
  SchemaPtr schema = MakeSchema({
      {"id", Int64(), false},
      {"ll", List(Field("element", List(Field("element", String(), false)), false)), false},
      {"m", Map(String(), List(Struct({{"p", Float64()}, {"q", Bool(), false}})))},
      {"deep", List(Struct({{"inner", List(Map(Int32(), Struct({{"v", List(Int64())}})))}}))},
      {"s", Struct({{"d", Decimal(20, 2).ValueOrDie()}, {"t", Struct({{"u", Date()}}), false}})},
  });
  ASSERT_OK_AND_ASSIGN(ParquetSchema written, ToParquetSchema(schema));
  ASSERT_OK_AND_ASSIGN(InterpretedSchema read, InterpretParquetSchema(written.elements));
  ASSERT_EQ(read.schema.schema->num_fields(), schema->num_fields());
  for (int i = 0; i < schema->num_fields(); ++i) {
    EXPECT_TRUE(read.schema.schema->field(i).Equals(schema->field(i)))
        << read.schema.schema->field(i).ToString() << " vs " << schema->field(i).ToString();
  }
  ASSERT_EQ(read.schema.leaves.size(), written.leaves.size());
  for (size_t i = 0; i < written.leaves.size(); ++i) {
    const LeafColumn& a = written.leaves[i];
    const LeafColumn& b = read.schema.leaves[i];
    EXPECT_EQ(a.path, b.path);
    EXPECT_EQ(a.schema_index, b.schema_index);
    EXPECT_EQ(a.max_definition_level, b.max_definition_level) << LeafName(a);
    EXPECT_EQ(a.max_repetition_level, b.max_repetition_level) << LeafName(a);
    EXPECT_EQ(a.field_index, b.field_index);
    EXPECT_EQ(a.physical_type, b.physical_type);
    EXPECT_TRUE(a.type->Equals(*b.type)) << LeafName(a);
  }
}

TEST_F(NestedWriteTest, UnwritableSchemasAreInvalid) {
  Status empty = ToParquetSchema(MakeSchema({{"s", Struct({{"e", Struct({})}})}})).status();
  EXPECT_TRUE(empty.IsInvalid());
  EXPECT_NE(empty.message().find("'s.e'"), std::string_view::npos) << empty.ToString();
  TypePtr deep = Int32();
  for (int i = 0; i < 60; ++i) deep = List(deep);
  Status too_deep = ToParquetSchema(MakeSchema({{"d", deep}})).status();
  EXPECT_TRUE(too_deep.IsInvalid()) << too_deep.ToString();
}

using PageCase = std::tuple<int, std::string, CompressionCodec>;

class NestedPagesTest : public NestedWriteTest, public ::testing::WithParamInterface<PageCase> {};

// Several row groups of many small pages: every chunk's pages decode to the
// shredded levels of its rows, start at rows, and agree with the header,
// page index and statistics counts.
TEST_P(NestedPagesTest, PagesHoldTheShreddedLevelsAndEndAtRows) {
  const auto& [version, encoding, codec] = GetParam();
  WriterOptions options;
  options.column.data_page_version = version;
  options.column.codec = codec;
  options.column.page_rows = 64;
  options.column.page_bytes = 2048;
  options.row_group_rows = 2000;
  if (encoding == "plain") options.column.encoding = Encoding::kPlain;
  if (encoding == "dictionary") options.column.encoding = Encoding::kRleDictionary;
  constexpr int64_t kRows = 5000;
  ASSERT_OK(WriteFile(Path("n.parquet"), kRows, options));
  const std::string bytes = Bytes(Path("n.parquet"));
  FileMetaData meta = Footer(bytes);
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema, ToParquetSchema(NestedSchema()));
  EXPECT_EQ(meta.schema, schema.elements);
  ASSERT_EQ(meta.row_groups.size(), 3u);
  std::vector<LeafShredPath> paths;
  const SchemaPtr nested = NestedSchema();
  for (const Field& field : nested->fields()) {
    ASSERT_OK_AND_ASSIGN(auto field_paths, ShredPaths(field));
    paths.insert(paths.end(), field_paths.begin(), field_paths.end());
  }
  ASSERT_EQ(paths.size(), schema.leaves.size());
  LeafShredder shredder;
  int64_t first_row = 0;
  for (const RowGroup& group : meta.row_groups) {
    RecordBatchPtr rows = NestedBatch(first_row, group.num_rows);
    first_row += group.num_rows;
    for (size_t c = 0; c < schema.leaves.size(); ++c) {
      const LeafColumn& leaf = schema.leaves[c];
      SCOPED_TRACE(LeafName(leaf));
      const ColumnChunk& chunk = group.columns[c];
      ChunkPages pages = ReadChunkPages(bytes, *chunk.meta_data, leaf);
      ShreddedLeaf want;
      ASSERT_OK(shredder.Shred(paths[c], rows->column(leaf.field_index), &want));
      EXPECT_EQ(pages.def, want.def_levels);
      EXPECT_EQ(pages.rep, want.rep_levels);
      EXPECT_GT(pages.headers.size(), 5u);
      EXPECT_EQ(chunk.meta_data->num_values, static_cast<int64_t>(pages.def.size()));
      int64_t nulls = 0;
      for (int64_t n : pages.nulls) nulls += n;
      EXPECT_EQ(chunk.meta_data->statistics->null_count, nulls);
      OffsetIndex offsets =
          ReadOffsetIndex(At(bytes, *chunk.offset_index_offset, *chunk.offset_index_length))
              .ValueOrDie();
      ColumnIndex index =
          ReadColumnIndex(At(bytes, *chunk.column_index_offset, *chunk.column_index_length))
              .ValueOrDie();
      ASSERT_EQ(offsets.page_locations.size(), pages.headers.size());
      int64_t row = 0;
      for (size_t p = 0; p < pages.headers.size(); ++p) {
        EXPECT_EQ(offsets.page_locations[p].first_row_index, row) << "page " << p;
        EXPECT_EQ((*index.null_counts)[p], pages.nulls[p]) << "page " << p;
        EXPECT_LE(pages.rows[p], options.column.page_rows);
        const PageHeader& h = pages.headers[p];
        if (h.data_page_header_v2) {
          EXPECT_EQ(h.data_page_header_v2->num_rows, pages.rows[p]);
          EXPECT_EQ(h.data_page_header_v2->num_nulls, pages.nulls[p]);
        }
        row += pages.rows[p];
      }
      EXPECT_EQ(row, group.num_rows);
    }
  }
  EXPECT_EQ(first_row, kRows);
}

INSTANTIATE_TEST_SUITE_P(VersionsEncodingsCodecs, NestedPagesTest,
                         ::testing::Combine(::testing::Values(1, 2),
                                            ::testing::Values("auto", "plain", "dictionary"),
                                            ::testing::Values(CompressionCodec::kUncompressed,
                                                              CompressionCodec::kZstd)));

// PLAIN pages of `nums` hold exactly the non-null elements, page by page.
TEST_F(NestedWriteTest, PlainValuesFollowTheLevels) {
  ASSERT_OK_AND_ASSIGN(auto paths, ShredPaths(NestedSchema()->field(2)));
  ShreddedLeaf want;
  LeafShredder shredder;
  ASSERT_OK(shredder.Shred(paths[0], NestedBatch(0, 1500)->column(2), &want));
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema, ToParquetSchema(NestedSchema()));
  const LeafColumn& nums = schema.leaves[2];
  ASSERT_EQ(LeafName(nums), "nums.list.element");
  for (int version : {1, 2}) {
    WriterOptions options;
    options.column.data_page_version = version;
    options.column.codec = CompressionCodec::kSnappy;
    options.column.encoding = Encoding::kPlain;
    options.column.page_rows = 50;
    const std::string path = Path("v" + std::to_string(version) + ".parquet");
    ASSERT_OK(WriteFile(path, 1500, options));
    const std::string bytes = Bytes(path);
    FileMetaData meta = Footer(bytes);
    ChunkPages pages = ReadChunkPages(bytes, *meta.row_groups[0].columns[2].meta_data, nums);
    std::vector<int64_t> got;
    for (const std::vector<uint8_t>& page : pages.values) {
      for (size_t i = 0; i + 8 <= page.size(); i += 8) {
        int64_t v = 0;
        std::memcpy(&v, page.data() + i, 8);
        got.push_back(v);
      }
    }
    ASSERT_EQ(static_cast<int64_t>(got.size()), want.values->length());
    for (int64_t i = 0; i < want.values->length(); ++i) {
      ASSERT_EQ(got[static_cast<size_t>(i)], want.values->Value<int64_t>(i)) << i;
    }
  }
}

TEST_F(NestedWriteTest, OptionsByColumnNameReachEveryLeaf) {
  WriterOptions options;
  options.bloom_filter_columns = {"tags", "attrs.key_value.key"};
  // A leaf's own path wins over its top-level column's name.
  options.column_encodings = {{"nums", Encoding::kDeltaBinaryPacked},
                              {"point", Encoding::kByteStreamSplit},
                              {"attrs", Encoding::kRleDictionary},
                              {"attrs.key_value.key", Encoding::kDeltaLengthByteArray}};
  ASSERT_OK(WriteFile(Path("o.parquet"), 3000, options));
  const std::string bytes = Bytes(Path("o.parquet"));
  FileMetaData meta = Footer(bytes);
  const RowGroup& group = meta.row_groups[0];
  auto data_encodings = [&](size_t column) {
    std::set<int32_t> out;
    for (const PageEncodingStats& s : *group.columns[column].meta_data->encoding_stats) {
      if (s.page_type != PageType::kDictionaryPage) out.insert(s.encoding);
    }
    return out;
  };
  const auto kDelta = static_cast<int32_t>(Encoding::kDeltaBinaryPacked);
  const auto kSplit = static_cast<int32_t>(Encoding::kByteStreamSplit);
  const auto kDictionary = static_cast<int32_t>(Encoding::kRleDictionary);
  const auto kDeltaLength = static_cast<int32_t>(Encoding::kDeltaLengthByteArray);
  EXPECT_EQ(data_encodings(2), std::set<int32_t>{kDelta});        // nums.list.element
  EXPECT_EQ(data_encodings(3), std::set<int32_t>{kSplit});        // point.x
  EXPECT_EQ(data_encodings(4), std::set<int32_t>{kSplit});        // point.y.list.element
  EXPECT_EQ(data_encodings(5), std::set<int32_t>{kDeltaLength});  // attrs.key_value.key
  EXPECT_EQ(data_encodings(6), std::set<int32_t>{kDictionary});   // attrs.key_value.value
  const ColumnMetaData& tags = *group.columns[1].meta_data;
  ASSERT_TRUE(tags.bloom_filter_offset.has_value());
  EXPECT_FALSE(group.columns[2].meta_data->bloom_filter_offset.has_value());
  EXPECT_TRUE(group.columns[5].meta_data->bloom_filter_offset.has_value());
  EXPECT_FALSE(group.columns[6].meta_data->bloom_filter_offset.has_value());
  int64_t header_size = 0;
  auto region = At(bytes, *tags.bloom_filter_offset, *tags.bloom_filter_length);
  ASSERT_OK(ReadBloomFilterHeader(region, &header_size).status());
  auto filter =
      BloomFilter::FromBitset(region.subspan(static_cast<size_t>(header_size))).ValueOrDie();
  for (int i = 0; i < 13; ++i) {
    EXPECT_TRUE(filter->FindHash(BloomFilter::HashBytes("t" + std::to_string(i)))) << i;
  }
  // Statistics cover the values only: tags' bounds are strings, nulls count
  // every entry short of a value.
  EXPECT_EQ(*tags.statistics->min_value, "t0");
  EXPECT_EQ(*tags.statistics->max_value, "t9");
}

// Leaves under required structs only are written like top-level columns;
// their levels are still those the schema declares.
TEST_F(NestedWriteTest, RequiredStructLeavesTakeTheFlatPath) {
  TypePtr type = Struct({{"x", Int32()}, {"l", List(Int32())}});
  SchemaPtr schema = MakeSchema({{"t", type, false}});
  ASSERT_OK_AND_ASSIGN(VectorPtr rows,
                       testing::VectorFromText(type, R"([{"x": 1, "l": [1, 2]}, {"x": null},
                           {"x": 3, "l": []}])"));
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(fs_.get(), Path("t.parquet"), schema));
  ASSERT_OK(writer->Write(*RecordBatch::Make(schema, {rows}, 3).ValueOrDie()));
  ASSERT_OK(writer->Close());
  const std::string bytes = Bytes(Path("t.parquet"));
  FileMetaData meta = Footer(bytes);
  ASSERT_OK_AND_ASSIGN(ParquetSchema parquet, ToParquetSchema(schema));
  ChunkPages x = ReadChunkPages(bytes, *meta.row_groups[0].columns[0].meta_data, parquet.leaves[0]);
  EXPECT_EQ(x.def, (std::vector<int16_t>{1, 0, 1}));
  ChunkPages l = ReadChunkPages(bytes, *meta.row_groups[0].columns[1].meta_data, parquet.leaves[1]);
  EXPECT_EQ(l.def, (std::vector<int16_t>{3, 3, 0, 1}));
  EXPECT_EQ(l.rep, (std::vector<int16_t>{0, 1, 0, 0}));
}

TEST_F(NestedWriteTest, ErrorsNameTheLeafPath) {
  WriterOptions wrong;
  wrong.column_encodings = {{"tags", Encoding::kDeltaBinaryPacked}};
  Status st = ParquetWriter::Open(fs_.get(), Path("w.parquet"), NestedSchema(), wrong).status();
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("column 'tags.list.element'"), std::string_view::npos)
      << st.ToString();
  WriterOptions unknown;
  unknown.column_encodings = {{"attrs.key_value.nope", Encoding::kPlain}};
  EXPECT_TRUE(ParquetWriter::Open(fs_.get(), Path("u.parquet"), NestedSchema(), unknown)
                  .status()
                  .IsInvalid());
  SchemaPtr schema = MakeSchema({{"r", List(Field("element", Int32(), false))}});
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(fs_.get(), Path("r.parquet"), schema));
  ASSERT_OK_AND_ASSIGN(VectorPtr rows,
                       testing::VectorFromText(schema->field(0).type, "[[1], [2, null]]"));
  auto batch = RecordBatch::Make(schema, {rows}, 2).ValueOrDie();
  st = writer->Write(*batch);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("column 'r.list.element'"), std::string_view::npos) << st.ToString();
}

TEST_F(NestedWriteTest, LeveledWritesCheckTheirInput) {
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema, ToParquetSchema(MakeSchema({{"l", List(Int32())}})));
  ASSERT_OK_AND_ASSIGN(auto writer, ColumnChunkWriter::Make(schema.leaves[0], {}));
  ASSERT_OK_AND_ASSIGN(VectorPtr values, testing::VectorFromText(Int32(), "[1, 2]"));
  const std::vector<int16_t> def = {3, 3, 1};
  const std::vector<int16_t> rep = {0, 1, 0};
  const std::vector<int16_t> mid_row = {1, 1, 0};
  const std::vector<int16_t> too_high = {3, 4, 1};
  EXPECT_TRUE(writer->WriteLevels(*values, def, mid_row).IsInvalid());
  EXPECT_TRUE(writer->WriteLevels(*values, too_high, rep).IsInvalid());
  EXPECT_TRUE(writer->WriteLevels(*values, def, {}).IsInvalid());
  EXPECT_TRUE(writer->WriteLevels(*values->Slice(0, 1), def, rep).IsInvalid());
  ASSERT_OK(writer->WriteLevels(*values, def, rep));
  EXPECT_FALSE(writer->Write(*values).ok());
  ASSERT_OK_AND_ASSIGN(EncodedChunk chunk, writer->Finish());
  EXPECT_EQ(chunk.metadata.num_values, 3);
  EXPECT_EQ(chunk.metadata.statistics->null_count, 1);
  EXPECT_EQ(chunk.offset_index->page_locations.size(), 1u);
}

}  // namespace
}  // namespace strata::parquet
