#include "columnar/record_batch.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

SchemaPtr TwoColumns(bool id_nullable = true) {
  return MakeSchema({{"id", Int32(), id_nullable}, {"name", String()}});
}

TEST(RecordBatchTest, MakeAndAccess) {
  VectorPtr ids = MakeVector<int32_t>({1, 2, 3});
  VectorPtr names = MakeStrings({"a", Opt<std::string>(), "c"});
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, RecordBatch::Make(TwoColumns(), {ids, names}, 3));
  EXPECT_EQ(batch->num_rows(), 3);
  EXPECT_EQ(batch->num_columns(), 2);
  EXPECT_EQ(batch->column(0), ids);
  EXPECT_EQ(batch->GetColumnByName("name"), names);
  EXPECT_EQ(batch->GetColumnByName("nope"), nullptr);
  EXPECT_OK(batch->Validate());
}

TEST(RecordBatchTest, MakeChecksColumns) {
  VectorPtr ids = MakeVector<int32_t>({1, 2, 3});
  VectorPtr names = MakeStrings({"a", "b", "c"});
  struct Case {
    SchemaPtr schema;
    std::vector<VectorPtr> columns;
    int64_t rows;
    std::string_view message;
  };
  for (const Case& c : {
           Case{TwoColumns(), {ids}, 3, "schema has 2 fields but 1 columns were given"},
           Case{TwoColumns(), {ids, nullptr}, 3, "column 'name' is missing"},
           Case{
               TwoColumns(), {names, ids}, 3, "column 'id' has type string, the schema says int32"},
           Case{TwoColumns(), {ids, names}, 2, "column 'id' has 3 rows, the batch 2"},
           Case{TwoColumns(), {ids, names}, -1, "negative row count -1"},
           Case{nullptr, {}, 0, "record batch without a schema"},
           Case{TwoColumns(false),
                {MakeVector<int32_t>({1, Opt<int32_t>(), 3}), names},
                3,
                "column 'id' is not nullable but has 1 nulls"},
       }) {
    auto result = RecordBatch::Make(c.schema, c.columns, c.rows);
    ASSERT_FALSE(result.ok()) << c.message;
    EXPECT_EQ(result.status().message(), c.message);
  }
}

TEST(RecordBatchTest, SliceAndEquals) {
  auto batch = testing::MakeBatch(
      {"id", "name"}, {MakeVector<int32_t>({1, 2, 3, 4}), MakeStrings({"a", "b", "c", "d"})});
  RecordBatchPtr slice = batch->Slice(1, 2);
  EXPECT_EQ(slice->num_rows(), 2);
  EXPECT_EQ(slice->column(1)->GetView(0), "b");
  auto expected =
      testing::MakeBatch({"id", "name"}, {MakeVector<int32_t>({2, 3}), MakeStrings({"b", "c"})});
  EXPECT_TRUE(slice->Equals(*expected));
  EXPECT_FALSE(batch->Equals(*expected));
  EXPECT_EQ(batch->Slice(3, 10)->num_rows(), 1);
  EXPECT_EQ(batch->Slice(9, 1)->num_rows(), 0);
  EXPECT_OK(slice->Validate());
}

TEST(RecordBatchTest, ValidateNamesTheColumn) {
  VectorPtr broken = ColumnVector::Make(Int32(), 2, {nullptr, nullptr}, {}, 0);
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch,
                       RecordBatch::Make(MakeSchema({{"x", Int32()}}), {broken}, 2));
  Status status = batch->Validate();
  EXPECT_EQ(status.message(), "column 'x': invalid int32 vector: missing values buffer");
}

}  // namespace
}  // namespace strata
