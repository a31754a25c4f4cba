#include "parquet/shred.h"

#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "nested_test_util.h"
#include "parquet/schema.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::VectorFromText;

struct Levels {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
};

class ShredTest : public ::testing::Test {
 protected:
  // Shreds leaf `leaf` of `field` over every row of `column` and checks the
  // levels against `expected` and the values against the `values` literal.
  void ExpectShred(const Field& field, size_t leaf, const VectorPtr& column, const Levels& expected,
                   std::string_view values) {
    ASSERT_OK_AND_ASSIGN(std::vector<LeafShredPath> paths, ShredPaths(field));
    ASSERT_LT(leaf, paths.size());
    ShreddedLeaf out;
    ASSERT_OK(shredder_.Shred(paths[leaf], column, &out));
    EXPECT_EQ(out.def_levels, expected.def) << "definition levels of leaf " << leaf;
    EXPECT_EQ(out.rep_levels, expected.rep) << "repetition levels of leaf " << leaf;
    ASSERT_OK_AND_ASSIGN(VectorPtr want, VectorFromText(out.values->type(), values));
    EXPECT_TRUE(out.values->Equals(*want)) << "values of leaf " << leaf;
    EXPECT_EQ(out.values->null_count(), 0);
  }

  static VectorPtr Rows(const TypePtr& type, std::string_view text) {
    return VectorFromText(type, text).ValueOrDie();
  }

  LeafShredder shredder_;
};

TEST_F(ShredTest, FlatColumnIsOneLevelPerRow) {
  Field field("x", Int32());
  VectorPtr rows = Rows(Int32(), "[1, null, 3]");
  ExpectShred(field, 0, rows, {{1, 0, 1}, {}}, "[1, 3]");
  ASSERT_OK_AND_ASSIGN(auto paths, ShredPaths(field));
  EXPECT_TRUE(paths[0].flat());
}

TEST_F(ShredTest, StructOfLists) {
  TypePtr type = Struct({{"a", List(Int32())}, {"b", Int32()}});
  VectorPtr rows = Rows(type, R"([{"a": [1, 2], "b": 3}, {"a": [], "b": null},
      {"a": null, "b": 4}, null, {"a": [null, 5]}])");
  Field field("s", type);
  ExpectShred(field, 0, rows, {{4, 4, 2, 1, 0, 3, 4}, {0, 1, 0, 0, 0, 0, 1}}, "[1, 2, 5]");
  ExpectShred(field, 1, rows, {{2, 1, 2, 0, 1}, {}}, "[3, 4]");
}

TEST_F(ShredTest, ListOfStructs) {
  TypePtr type = List(Struct({{"x", Int32()}, {"y", String()}}));
  VectorPtr rows = Rows(type, R"([[{"x": 1, "y": "a"}, {"x": 2, "y": null}],
      [null, {"x": null, "y": "b"}], [], null])");
  Field field("l", type);
  // x's values are adjacent in the struct (a slice), y's are not (a copy).
  ExpectShred(field, 0, rows, {{4, 4, 2, 3, 1, 0}, {0, 1, 0, 1, 0, 0}}, "[1, 2]");
  ExpectShred(field, 1, rows, {{4, 3, 2, 4, 1, 0}, {0, 1, 0, 1, 0, 0}}, R"(["a", "b"])");
}

TEST_F(ShredTest, ListOfLists) {
  TypePtr type = List(List(Int64()));
  VectorPtr rows = Rows(type, "[[[1, 2], [3]], [[], null, [null, 4]], [[]], [], null, [[5]]]");
  ExpectShred(Field("ll", type), 0, rows,
              {{5, 5, 5, 3, 2, 4, 5, 3, 1, 0, 5}, {0, 2, 1, 0, 1, 1, 2, 0, 0, 0, 0}},
              "[1, 2, 3, 4, 5]");
}

TEST_F(ShredTest, MapOfStringToListOfInts) {
  TypePtr type = Map(String(), List(Int32()));
  VectorPtr rows = Rows(type, R"([{"a": [1, 2], "b": []}, {"c": null}, {}, null, {"d": [null]}])");
  Field field("m", type);
  ExpectShred(field, 0, rows, {{2, 2, 2, 1, 0, 2}, {0, 1, 0, 0, 0, 0}}, R"(["a", "b", "c", "d"])");
  ExpectShred(field, 1, rows, {{5, 5, 3, 2, 1, 0, 4}, {0, 2, 1, 0, 0, 0, 0}}, "[1, 2]");
}

TEST_F(ShredTest, EmptyListNullListAndListsOfNullsDiffer) {
  TypePtr type = List(Int32());
  VectorPtr rows = Rows(type, "[[], null, [null], [null, null], [7]]");
  ExpectShred(Field("l", type), 0, rows, {{1, 0, 2, 2, 2, 3}, {0, 0, 0, 0, 1, 0}}, "[7]");
  // Required list of required elements: only "present" levels remain.
  TypePtr required = List(Field("element", Int32(), false));
  VectorPtr required_rows = Rows(required, "[[], [1, 2], [3]]");
  ExpectShred(Field("r", required, false), 0, required_rows, {{0, 1, 1, 1}, {0, 0, 1, 0}},
              "[1, 2, 3]");
}

TEST_F(ShredTest, NullStructDiffersFromStructOfNulls) {
  TypePtr type = Struct({{"x", Int32()}, {"y", Struct({{"z", Int32()}})}});
  VectorPtr rows = Rows(
      type,
      R"([null, {"x": null, "y": null}, {"x": 1, "y": {"z": null}}, {"x": 2, "y": {"z": 3}}])");
  Field field("s", type);
  ExpectShred(field, 0, rows, {{0, 1, 2, 2}, {}}, "[1, 2]");
  ExpectShred(field, 1, rows, {{0, 1, 2, 3}, {}}, "[3]");
}

TEST_F(ShredTest, FiveLevelsDeep) {
  // list<struct<inner: list<map<string, struct<v: list<int32>>>>>>
  TypePtr type = List(Struct({{"inner", List(Map(String(), Struct({{"v", List(Int32())}})))}}));
  VectorPtr rows = Rows(type, R"([
      [{"inner": [{"k": {"v": [1, 2]}}]}],
      [{"inner": [{"k": {"v": []}, "j": null}, {}]}, null],
      [],
      null,
      [{"inner": null}, {"inner": [null, {"x": {"v": [null, 3]}}]}]])");
  Field field("deep", type);
  ASSERT_OK_AND_ASSIGN(auto paths, ShredPaths(field));
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[1].max_definition_level, 11);
  EXPECT_EQ(paths[1].max_repetition_level, 4);
  ExpectShred(field, 0, rows, {{7, 7, 7, 6, 2, 1, 0, 3, 5, 7}, {0, 0, 3, 2, 1, 0, 0, 0, 1, 2}},
              R"(["k", "k", "j", "x"])");
  ExpectShred(field, 1, rows,
              {{11, 11, 9, 7, 6, 2, 1, 0, 3, 5, 10, 11}, {0, 4, 0, 3, 2, 1, 0, 0, 0, 1, 2, 4}},
              "[1, 2, 3]");
}

TEST_F(ShredTest, SlicesShredOnlyTheirRows) {
  TypePtr lists = List(List(Int64()));
  VectorPtr rows = Rows(lists, "[[[1, 2], [3]], [[], null, [null, 4]], [[]], [], null, [[5]]]");
  ExpectShred(Field("ll", lists), 0, rows->Slice(1, 3), {{3, 2, 4, 5, 3, 1}, {0, 1, 1, 2, 0, 0}},
              "[4]");
  TypePtr structs = Struct({{"a", List(Int32())}, {"b", Int32()}});
  VectorPtr struct_rows = Rows(structs, R"([{"a": [1, 2], "b": 3}, {"a": [], "b": null},
      {"a": null, "b": 4}, null, {"a": [null, 5]}])");
  VectorPtr slice = struct_rows->Slice(2, 3);
  ExpectShred(Field("s", structs), 0, slice, {{1, 0, 3, 4}, {0, 0, 0, 1}}, "[5]");
  ExpectShred(Field("s", structs), 1, slice, {{2, 0, 1}, {}}, "[4]");
}

TEST_F(ShredTest, NullListWithElementsBehindItIsSkipped) {
  // Arrow lets a null list own a non-empty child range; those elements are
  // not data.
  VectorPtr elements = Rows(Int32(), "[1, 2, 3, 4]");
  std::vector<int32_t> offsets = {0, 2, 4};
  BufferPtr offsets_buffer =
      Buffer::CopyOf({reinterpret_cast<const uint8_t*>(offsets.data()), 12}).ValueOrDie();
  const uint8_t validity = 0b10;
  BufferPtr validity_buffer = Buffer::CopyOf({&validity, 1}).ValueOrDie();
  VectorPtr rows = ColumnVector::Make(List(Int32()), 2, {validity_buffer, offsets_buffer},
                                      {elements}, /*null_count=*/1);
  ASSERT_OK(rows->Validate());
  ExpectShred(Field("l", List(Int32())), 0, rows, {{0, 3, 3}, {0, 0, 1}}, "[3, 4]");
}

TEST_F(ShredTest, NullInARequiredNodeIsInvalid) {
  TypePtr required = List(Field("element", Int32(), false));
  // The builder does not check nullability; the shredder must.
  VectorPtr rows = Rows(required, "[[1], [null]]");
  ASSERT_OK_AND_ASSIGN(auto paths, ShredPaths(Field("r", required)));
  ShreddedLeaf out;
  Status st = shredder_.Shred(paths[0], rows, &out);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("'r.list.element'"), std::string_view::npos) << st.ToString();
  // Below a null parent, a required child's nulls are never reached.
  TypePtr type = Struct({{"x", Int32(), false}});
  VectorPtr structs = Rows(type, R"([{"x": 1}, null])");
  ASSERT_OK_AND_ASSIGN(auto struct_paths, ShredPaths(Field("s", type)));
  ASSERT_OK(shredder_.Shred(struct_paths[0], structs, &out));
  EXPECT_EQ(out.def_levels, (std::vector<int16_t>{1, 0}));
}

TEST_F(ShredTest, RequiredStructChainsAreFlat) {
  TypePtr type = Struct({{"x", Int32()}, {"l", List(Int32())}});
  VectorPtr rows = Rows(type, R"([{"x": 1, "l": [1]}, {"x": null, "l": null}])");
  ASSERT_OK_AND_ASSIGN(auto paths, ShredPaths(Field("t", type, false)));
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_TRUE(paths[0].flat());
  EXPECT_FALSE(paths[1].flat());
  ASSERT_OK_AND_ASSIGN(const ColumnVector* x, FlatLeafVector(paths[0], rows));
  EXPECT_TRUE(x->Equals(*rows->child(0)));
  // A null in the required struct itself has nowhere to go.
  VectorPtr with_null = Rows(type, R"([{"x": 1}, null])");
  Status st = FlatLeafVector(paths[0], with_null).status();
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("'t'"), std::string_view::npos) << st.ToString();
}

// Shredding paths and the footer schema must agree leaf for leaf.
TEST_F(ShredTest, PathsMatchTheParquetSchema) {
  SchemaPtr schema = MakeSchema({
      {"id", Int64(), false},
      {"s", Struct({{"a", List(Int32())}, {"b", Int32(), false}})},
      {"m", Map(String(), List(Struct({{"p", Float64()}, {"q", Bool(), false}}))), false},
      {"ll", List(List(Field("element", String(), false)))},
  });
  ASSERT_OK_AND_ASSIGN(ParquetSchema parquet, ToParquetSchema(schema));
  size_t leaf = 0;
  for (int i = 0; i < schema->num_fields(); ++i) {
    ASSERT_OK_AND_ASSIGN(auto paths, ShredPaths(schema->field(i)));
    for (const LeafShredPath& path : paths) {
      ASSERT_LT(leaf, parquet.leaves.size());
      const LeafColumn& column = parquet.leaves[leaf++];
      EXPECT_EQ(column.field_index, i);
      EXPECT_EQ(path.max_definition_level, column.max_definition_level) << column.path.back();
      EXPECT_EQ(path.max_repetition_level, column.max_repetition_level) << column.path.back();
      std::string dotted;
      for (const std::string& name : column.path) dotted += (dotted.empty() ? "" : ".") + name;
      EXPECT_EQ(path.steps.back().name, dotted);
    }
  }
  EXPECT_EQ(leaf, parquet.leaves.size());
}

TEST_F(ShredTest, StructWithoutFieldsIsInvalid) {
  Status st = ShredPaths(Field("s", List(Struct({})))).status();
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("'s.list.element'"), std::string_view::npos) << st.ToString();
}

}  // namespace
}  // namespace strata::parquet
