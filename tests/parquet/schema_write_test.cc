#include <gtest/gtest.h>

#include "parquet/schema.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

const SchemaElement& Element(const ParquetSchema& s, const std::string& name) {
  for (const SchemaElement& e : s.elements) {
    if (e.name == name) return e;
  }
  ADD_FAILURE() << "no element " << name;
  return s.elements.front();
}

TEST(SchemaWriteTest, RootAndLeavesInOrder) {
  auto schema = MakeSchema({{"a", Int64(), false}, {"b", String(), true}});
  ASSERT_OK_AND_ASSIGN(ParquetSchema p, ToParquetSchema(schema));
  ASSERT_EQ(p.elements.size(), 3u);
  EXPECT_EQ(p.elements[0].num_children, 2);
  EXPECT_FALSE(p.elements[0].type.has_value());
  ASSERT_EQ(p.leaves.size(), 2u);
  EXPECT_EQ(p.leaves[0].path, std::vector<std::string>{"a"});
  EXPECT_EQ(p.leaves[0].max_definition_level, 0);
  EXPECT_EQ(p.leaves[1].max_definition_level, 1);
  EXPECT_EQ(p.elements[1].repetition_type, Repetition::kRequired);
  EXPECT_EQ(p.elements[2].repetition_type, Repetition::kOptional);
  EXPECT_EQ(p.leaves[1].schema_index, 2);
}

TEST(SchemaWriteTest, LogicalAndConvertedTypesMatch) {
  auto schema = MakeSchema({{"s", String()},
                            {"j", Json()},
                            {"i8", Int8()},
                            {"u64", UInt64()},
                            {"i32", Int32()},
                            {"d", Date()},
                            {"t_ms", Time(strata::TimeUnit::kMilli)},
                            {"ts_utc", Timestamp(strata::TimeUnit::kMicro, true)},
                            {"ts_local", Timestamp(strata::TimeUnit::kMicro, false)},
                            {"ts_ns", Timestamp(strata::TimeUnit::kNano, true)},
                            {"u", Uuid()}});
  ASSERT_OK_AND_ASSIGN(ParquetSchema p, ToParquetSchema(schema));
  EXPECT_EQ(Element(p, "s").converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(Element(p, "s").logical_type->kind, LogicalTypeKind::kString);
  EXPECT_EQ(Element(p, "j").converted_type, ConvertedType::kJson);
  EXPECT_EQ(Element(p, "i8").type, PhysicalType::kInt32);
  EXPECT_EQ(Element(p, "i8").converted_type, ConvertedType::kInt8);
  EXPECT_EQ(Element(p, "i8").logical_type->bit_width, 8);
  EXPECT_EQ(Element(p, "u64").type, PhysicalType::kInt64);
  EXPECT_EQ(Element(p, "u64").converted_type, ConvertedType::kUint64);
  EXPECT_FALSE(Element(p, "u64").logical_type->is_signed);
  EXPECT_FALSE(Element(p, "i32").logical_type.has_value());
  EXPECT_EQ(Element(p, "d").converted_type, ConvertedType::kDate);
  EXPECT_EQ(Element(p, "t_ms").type, PhysicalType::kInt32);
  EXPECT_EQ(Element(p, "t_ms").converted_type, ConvertedType::kTimeMillis);
  // Local, as DuckDB writes times: an adjusted TIME reads as TIMETZ there.
  EXPECT_FALSE(Element(p, "t_ms").logical_type->is_adjusted_to_utc);
  EXPECT_EQ(Element(p, "ts_utc").converted_type, ConvertedType::kTimestampMicros);
  EXPECT_TRUE(Element(p, "ts_utc").logical_type->is_adjusted_to_utc);
  EXPECT_FALSE(Element(p, "ts_local").converted_type.has_value());
  EXPECT_FALSE(Element(p, "ts_local").logical_type->is_adjusted_to_utc);
  EXPECT_FALSE(Element(p, "ts_ns").converted_type.has_value());
  EXPECT_EQ(Element(p, "ts_ns").logical_type->unit, parquet::TimeUnit::kNanos);
  EXPECT_EQ(Element(p, "u").type, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(Element(p, "u").type_length, 16);
}

TEST(SchemaWriteTest, DecimalPhysicalTypeFollowsPrecision) {
  auto schema = MakeSchema({{"d9", Decimal(9, 2).ValueOrDie()},
                            {"d18", Decimal(18, 4).ValueOrDie()},
                            {"d19", Decimal(19, 0).ValueOrDie()},
                            {"d38", Decimal(38, 10).ValueOrDie()}});
  ASSERT_OK_AND_ASSIGN(ParquetSchema p, ToParquetSchema(schema));
  EXPECT_EQ(Element(p, "d9").type, PhysicalType::kInt32);
  EXPECT_EQ(Element(p, "d18").type, PhysicalType::kInt64);
  EXPECT_EQ(Element(p, "d19").type_length, 9);
  EXPECT_EQ(Element(p, "d38").type_length, 16);
  EXPECT_EQ(Element(p, "d38").precision, 38);
  EXPECT_EQ(Element(p, "d38").scale, 10);
  EXPECT_EQ(Element(p, "d38").converted_type, ConvertedType::kDecimal);
  EXPECT_EQ(p.leaves[3].conversion, ValueConversion::kDecimalFixed);
}

TEST(SchemaWriteTest, ListsUseTheThreeLevelLayout) {
  // nested_write_test.cc covers structs, maps and deep nesting.
  auto schema = MakeSchema({{"l", List(Int32())}});
  ASSERT_OK_AND_ASSIGN(ParquetSchema p, ToParquetSchema(schema));
  ASSERT_EQ(p.elements.size(), 4u);
  EXPECT_EQ(p.elements[1].name, "l");
  EXPECT_EQ(p.elements[1].converted_type, ConvertedType::kList);
  EXPECT_EQ(p.elements[2].name, "list");
  EXPECT_EQ(p.elements[2].repetition_type, Repetition::kRepeated);
  EXPECT_EQ(p.elements[3].name, "element");
  ASSERT_EQ(p.leaves.size(), 1u);
  EXPECT_EQ(p.leaves[0].path, (std::vector<std::string>{"l", "list", "element"}));
  EXPECT_EQ(p.leaves[0].max_definition_level, 3);
  EXPECT_EQ(p.leaves[0].max_repetition_level, 1);
}

}  // namespace
}  // namespace strata::parquet
