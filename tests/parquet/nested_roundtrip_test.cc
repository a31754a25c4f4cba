// Nested columns written by ParquetWriter and read back by ParquetReader
// equal what was written, for every nesting case of the nested-Parquet
// issue, across page versions, encodings and page sizes small enough that
// chunks hold many pages and files several row groups.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "nested_test_util.h"
#include "parquet/file_reader.h"
#include "parquet/file_writer.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

using testing::JsonRows;
using testing::VectorFromText;

struct NestedCase {
  std::string name;
  TypePtr type;
  std::string rows;  // A list literal of rows (nested_test_util.h).
};

std::vector<NestedCase> Cases() {
  const TypePtr deep = List(
      Struct({{"a", List(List(Struct({{"b", List(Int32())}, {"c", String()}})))}, {"d", Int64()}}));
  return {
      {"struct_of_lists", Struct({{"a", List(Int32())}, {"b", List(String())}}),
       R"([{"a": [1, null], "b": ["x"]}, {"a": [], "b": null}, null, {"a": null, "b": []}])"},
      {"list_of_structs", List(Struct({{"k", Int64()}, {"s", String()}})),
       R"([[{"k": 1, "s": "one"}, null, {"k": null, "s": null}], [], null, [{"k": 2}]])"},
      {"list_of_lists", List(List(Int32())), "[[[1, 2], [], null, [null]], [], null, [[3]]]"},
      {"map_of_lists", Map(String(), List(Int32())),
       R"([{"a": [1, 2], "b": [], "c": null}, {}, null, {"d": [null]}])"},
      {"empty_null_and_nulls", List(Int64()), "[[], null, [null], [null, null], [1], []]"},
      {"null_struct_vs_struct_of_nulls", Struct({{"x", Int32()}, {"y", String()}}),
       R"([null, {"x": null, "y": null}, {"x": 1, "y": "b"}, null])"},
      {"five_levels", deep,
       R"([[{"a": [[{"b": [1, null], "c": "p"}, null], [], null], "d": 7}, null],
           [], null, [{"a": null, "d": null}, {"a": [[{"b": [], "c": null}]], "d": 8}]])"},
  };
}

// `rows` repeated until there are `n`: the same shapes in every page.
Result<VectorPtr> Repeat(const VectorPtr& rows, int64_t n) {
  std::vector<int64_t> indices(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) indices[static_cast<size_t>(i)] = i % rows->length();
  return Take(rows, indices);
}

struct Variant {
  std::string name;
  WriterOptions options;
};

std::vector<Variant> Variants() {
  std::vector<Variant> out;
  out.push_back({"defaults", {}});
  Variant small{"v2_plain_small_pages", {}};
  small.options.column.data_page_version = 2;
  small.options.column.encoding = Encoding::kPlain;
  small.options.column.page_bytes = 512;
  small.options.row_group_rows = 1000;
  out.push_back(small);
  Variant dictionary{"v1_dictionary_snappy", {}};
  dictionary.options.column.encoding = Encoding::kRleDictionary;
  dictionary.options.column.codec = CompressionCodec::kSnappy;
  dictionary.options.column.page_rows = 97;
  out.push_back(dictionary);
  return out;
}

class NestedRoundTripTest : public ::testing::TestWithParam<NestedCase> {
 protected:
  // Writes `column` (in batches of 333 rows) and reads the whole file back.
  Result<VectorPtr> RoundTrip(const VectorPtr& column, const WriterOptions& options) {
    const std::string path = dir_.Join("t.parquet");
    (void)fs_->DeleteFile(path);
    SchemaPtr schema = MakeSchema({{"c", column->type()}});
    ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(fs_.get(), path, schema, options));
    for (int64_t at = 0; at < column->length(); at += 333) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch,
                       RecordBatch::Make(schema, {column->Slice(at, 333)},
                                         std::min<int64_t>(333, column->length() - at)));
      RETURN_NOT_OK(writer->Write(*batch));
    }
    RETURN_NOT_OK(writer->Close());
    ASSIGN_OR_RETURN(auto reader, ParquetReader::Open(fs_.get(), path));
    ASSIGN_OR_RETURN(std::vector<RecordBatchPtr> batches, reader->ReadAll({0}));
    std::vector<VectorPtr> parts;
    for (const RecordBatchPtr& batch : batches) parts.push_back(batch->column(0));
    return Concatenate(parts);
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_P(NestedRoundTripTest, ReadsBackWhatItWrote) {
  const NestedCase& c = GetParam();
  ASSERT_OK_AND_ASSIGN(VectorPtr rows, VectorFromText(c.type, c.rows));
  ASSERT_OK_AND_ASSIGN(VectorPtr column, Repeat(rows, 2500));
  for (const Variant& variant : Variants()) {
    ASSERT_OK_AND_ASSIGN(VectorPtr back, RoundTrip(column, variant.options));
    ASSERT_TRUE(back->type()->Equals(*column->type())) << back->type()->ToString();
    EXPECT_EQ(JsonRows(*back), JsonRows(*column)) << variant.name;
    EXPECT_TRUE(back->Equals(*column)) << variant.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, NestedRoundTripTest, ::testing::ValuesIn(Cases()),
                         [](const auto& test_case) { return test_case.param.name; });

TEST_F(NestedRoundTripTest, LongListsSpanManyPages) {
  // 40 rows of 20,000-element lists with nulls: many pages per chunk.
  ListBuilder builder(List(Int64()), std::make_unique<Int64Builder>());
  auto* values = static_cast<Int64Builder*>(builder.value_builder());
  for (int64_t row = 0; row < 40; ++row) {
    ASSERT_OK(builder.Append());
    for (int64_t i = 0; i < 20000; ++i) {
      ASSERT_OK(i % 101 == 0 ? values->AppendNull() : values->Append(row * 1000003 + i));
    }
  }
  ASSERT_OK_AND_ASSIGN(VectorPtr column, builder.Finish());
  WriterOptions options;
  options.column.page_bytes = 16 << 10;
  ASSERT_OK_AND_ASSIGN(VectorPtr back, RoundTrip(column, options));
  EXPECT_TRUE(back->Equals(*column));
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(fs_.get(), dir_.Join("t.parquet")));
  const ColumnMetaData& meta = *reader->metadata().row_groups[0].columns[0].meta_data;
  EXPECT_EQ(meta.num_values, 40 * 20000);
}

}  // namespace
}  // namespace strata::parquet
