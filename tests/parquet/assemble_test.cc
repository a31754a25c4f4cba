// Record assembly from hand-made levels: the Dremel paper's Name column,
// null versus empty lists, maps, and levels that contradict each other.
#include "parquet/assemble.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "parquet/schema_read.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Column;
using testing::JsonRows;

SchemaElement Group(std::string name, Repetition repetition, int32_t children,
                    std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e{.repetition_type = repetition, .name = std::move(name), .num_children = children};
  e.converted_type = converted;
  return e;
}

std::shared_ptr<Buffer> Levels(const std::vector<int16_t>& levels) {
  auto buffer = std::make_shared<Buffer>();
  CHECK_OK(buffer->Append(
      std::span(reinterpret_cast<const uint8_t*>(levels.data()), levels.size() * sizeof(int16_t))));
  return buffer;
}

VectorPtr Strings(const std::vector<std::optional<std::string>>& values) {
  BinaryBuilder builder(String());
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().value();
}

VectorPtr Ints(const std::vector<std::optional<int32_t>>& values) {
  NumericBuilder<int32_t> builder(Int32());
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().value();
}

LeveledChunk Chunk(VectorPtr slots, const std::vector<int16_t>& def,
                   const std::vector<int16_t>& rep) {
  return LeveledChunk{.slots = std::move(slots),
                      .def_levels = Levels(def),
                      .rep_levels = rep.empty() ? nullptr : Levels(rep)};
}

// The first top-level field of `elements` and its layout.
LevelNode LayoutOf(std::vector<SchemaElement> elements) {
  InterpretedSchema schema = InterpretParquetSchema(elements).value();
  CHECK_OK(schema.field_status[0]);
  return schema.layouts[0];
}

// repeated group Name { repeated group Language { required string Code;
// optional string Country; } optional string Url; }, as in the paper.
std::vector<SchemaElement> NameSchema() {
  SchemaElement code = Column("Code", PhysicalType::kByteArray, Repetition::kRequired);
  SchemaElement country = Column("Country", PhysicalType::kByteArray);
  SchemaElement url = Column("Url", PhysicalType::kByteArray);
  for (SchemaElement* e : {&code, &country, &url}) e->converted_type = ConvertedType::kUtf8;
  return {Group("Document", Repetition::kRequired, 1),
          Group("Name", Repetition::kRepeated, 2),
          Group("Language", Repetition::kRepeated, 2),
          code,
          country,
          url};
}

TEST(AssembleTest, DremelPaperNameColumn) {
  const LevelNode layout = LayoutOf(NameSchema());
  EXPECT_EQ(layout.type->ToString(),
            "list<struct<Language: list<struct<Code: string not null, Country: string> not null> "
            "not null, Url: string> not null>");
  const std::vector<LeveledChunk> chunks = {
      Chunk(Strings({"en-us", "en", std::nullopt, "en-gb", std::nullopt}), {2, 2, 1, 2, 1},
            {0, 2, 1, 1, 0}),
      Chunk(Strings({"us", std::nullopt, std::nullopt, "gb", std::nullopt}), {3, 2, 1, 3, 1},
            {0, 2, 1, 1, 0}),
      Chunk(Strings({"http://A", "http://B", std::nullopt, "http://C"}), {2, 2, 1, 2},
            {0, 1, 1, 0}),
  };
  ASSERT_OK_AND_ASSIGN(VectorPtr name, AssembleField(layout, chunks, 2));
  EXPECT_EQ(JsonRows(*name),
            (std::vector<std::string>{
                R"([{"Language":[{"Code":"en-us","Country":"us"},{"Code":"en","Country":null}],)"
                R"("Url":"http://A"},{"Language":[],"Url":"http://B"},)"
                R"({"Language":[{"Code":"en-gb","Country":"gb"}],"Url":null}])",
                R"([{"Language":[],"Url":"http://C"}])"}));
}

// optional group l (LIST) { repeated group list { optional int32 element } }
std::vector<SchemaElement> OptionalListSchema() {
  return {Group("schema", Repetition::kRequired, 1),
          Group("l", Repetition::kOptional, 1, ConvertedType::kList),
          Group("list", Repetition::kRepeated, 1), Column("element", PhysicalType::kInt32)};
}

TEST(AssembleTest, NullEmptyAndNullElements) {
  const LevelNode layout = LayoutOf(OptionalListSchema());
  // null, [], [null], [1, null, 2]
  const std::vector<LeveledChunk> chunks = {
      Chunk(Ints({std::nullopt, std::nullopt, std::nullopt, 1, std::nullopt, 2}),
            {0, 1, 2, 3, 2, 3}, {0, 0, 0, 0, 1, 1})};
  ASSERT_OK_AND_ASSIGN(VectorPtr list, AssembleField(layout, chunks, 4));
  EXPECT_EQ(JsonRows(*list), (std::vector<std::string>{"null", "[]", "[null]", "[1,null,2]"}));
  EXPECT_EQ(list->null_count(), 1);
}

TEST(AssembleTest, ContradictoryLevelsAreCorruption) {
  const LevelNode layout = LayoutOf(OptionalListSchema());
  // A repeated value after an empty list.
  const std::vector<LeveledChunk> continues_empty = {
      Chunk(Ints({std::nullopt, 1}), {1, 3}, {0, 1})};
  const Status empty = AssembleField(layout, continues_empty, 1).status();
  EXPECT_TRUE(empty.IsCorruption()) << empty.ToString();
  EXPECT_NE(empty.message().find("repeats inside a null or empty list"), std::string::npos);
  // Levels describing 2 rows for a row group of 3.
  const std::vector<LeveledChunk> too_few = {Chunk(Ints({1, 2}), {3, 3}, {0, 0})};
  const Status rows = AssembleField(layout, too_few, 3).status();
  EXPECT_TRUE(rows.IsCorruption()) << rows.ToString();
  // The first level continuing a row that never started.
  const std::vector<LeveledChunk> no_start = {Chunk(Ints({1, 2}), {3, 3}, {1, 0})};
  EXPECT_TRUE(AssembleField(layout, no_start, 1).status().IsCorruption());
}

// Found by the levels fuzzer: an empty row group has no levels at all.
TEST(AssembleTest, EmptyRowGroup) {
  const LevelNode layout = LayoutOf(OptionalListSchema());
  LeveledChunk empty = Chunk(Ints({}), {}, {});
  empty.rep_levels = std::make_shared<Buffer>();
  const std::vector<LeveledChunk> chunks = {empty};
  ASSERT_OK_AND_ASSIGN(VectorPtr list, AssembleField(layout, chunks, 0));
  EXPECT_EQ(list->length(), 0);
}

// Found by the levels fuzzer: a level continuing a list whose definition
// level says it holds no element is a contradiction, not a null element.
TEST(AssembleTest, RepetitionBelowTheElementLevelIsCorruption) {
  const LevelNode layout = LayoutOf(OptionalListSchema());
  const std::vector<LeveledChunk> chunks = {Chunk(Ints({1, std::nullopt}), {3, 1}, {0, 1})};
  const Status status = AssembleField(layout, chunks, 1).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
}

TEST(AssembleTest, LeavesThatDisagreeAreCorruption) {
  // optional group s { optional int32 a; optional int32 b; } inside a list.
  const std::vector<SchemaElement> elements = {
      Group("schema", Repetition::kRequired, 1), Group("s", Repetition::kRepeated, 2),
      Column("a", PhysicalType::kInt32), Column("b", PhysicalType::kInt32)};
  const LevelNode layout = LayoutOf(elements);
  const std::vector<LeveledChunk> chunks = {Chunk(Ints({1, 2}), {2, 2}, {0, 1}),
                                            Chunk(Ints({3}), {2}, {0})};
  const Status status = AssembleField(layout, chunks, 1).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  // Found by the levels fuzzer: equal counts, but a disagreement on which
  // struct is null (def 0 is a null s for b, def 1 a present s for a).
  const std::vector<SchemaElement> optional_struct = {
      Group("schema", Repetition::kRequired, 1), Group("s", Repetition::kOptional, 2),
      Column("a", PhysicalType::kInt32), Column("b", PhysicalType::kInt32)};
  const std::vector<LeveledChunk> nulls = {Chunk(Ints({std::nullopt}), {1}, {}),
                                           Chunk(Ints({std::nullopt}), {0}, {})};
  const Status disagree = AssembleField(LayoutOf(optional_struct), nulls, 1).status();
  EXPECT_TRUE(disagree.IsCorruption()) << disagree.ToString();
  EXPECT_NE(disagree.message().find("the leaves of 's' disagree"), std::string::npos);
}

TEST(AssembleTest, MapWithNullValues) {
  // optional group m (MAP) { repeated group key_value { required binary key
  // (UTF8); optional int32 value; } }
  SchemaElement key = Column("key", PhysicalType::kByteArray, Repetition::kRequired);
  key.converted_type = ConvertedType::kUtf8;
  const std::vector<SchemaElement> elements = {
      Group("schema", Repetition::kRequired, 1),
      Group("m", Repetition::kOptional, 1, ConvertedType::kMap),
      Group("key_value", Repetition::kRepeated, 2), key, Column("value", PhysicalType::kInt32)};
  const LevelNode layout = LayoutOf(elements);
  // {"a": 1, "b": null}, null, {}
  const std::vector<LeveledChunk> chunks = {
      Chunk(Strings({"a", "b", std::nullopt, std::nullopt}), {2, 2, 0, 1}, {0, 1, 0, 0}),
      Chunk(Ints({1, std::nullopt, std::nullopt, std::nullopt}), {3, 2, 0, 1}, {0, 1, 0, 0})};
  ASSERT_OK_AND_ASSIGN(VectorPtr map, AssembleField(layout, chunks, 3));
  EXPECT_EQ(JsonRows(*map), (std::vector<std::string>{R"({"a":1,"b":null})", "null", "{}"}));
}

}  // namespace
}  // namespace strata::parquet
