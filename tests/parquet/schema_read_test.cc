// FromParquetSchema / InterpretParquetSchema: footer schemas of any writer to
// columnar fields and leaves (logical type, then converted type, then
// physical type), plus the nested types derived for fields not yet readable.
#include "parquet/schema_read.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parquet/schema.h"
#include "parquet/thrift/fixture_files.h"
#include "parquet/thrift/metadata.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Column;
using testing::FlatSchema;

SchemaElement Annotated(PhysicalType type, const LogicalType& logical, int32_t type_length = 0) {
  SchemaElement e = Column("x", type);
  e.logical_type = logical;
  if (type_length > 0) e.type_length = type_length;
  return e;
}

SchemaElement Converted(PhysicalType type, ConvertedType converted, int32_t type_length = 0) {
  SchemaElement e = Column("x", type);
  e.converted_type = converted;
  if (type_length > 0) e.type_length = type_length;
  return e;
}

// The single leaf of a one-column schema.
LeafColumn LeafOf(const SchemaElement& element) {
  Result<ParquetSchema> schema = FromParquetSchema(FlatSchema({element}));
  EXPECT_OK(schema.status());
  if (!schema.ok()) return {};
  EXPECT_EQ(schema->leaves.size(), 1u);
  return schema->leaves[0];
}

std::string TypeOf(const SchemaElement& element) {
  const LeafColumn leaf = LeafOf(element);
  return leaf.type == nullptr ? "<error>" : leaf.type->ToString();
}

Status ErrorOf(const SchemaElement& element) {
  return FromParquetSchema(FlatSchema({element})).status();
}

LogicalType Logical(LogicalTypeKind kind) { return LogicalType{.kind = kind}; }

LogicalType TimeType(LogicalTypeKind kind, parquet::TimeUnit unit, bool utc) {
  return LogicalType{.kind = kind, .is_adjusted_to_utc = utc, .unit = unit};
}

LogicalType IntType(int8_t bits, bool is_signed) {
  return LogicalType{.kind = LogicalTypeKind::kInteger, .bit_width = bits, .is_signed = is_signed};
}

LogicalType DecimalType(int32_t precision, int32_t scale) {
  return LogicalType{.kind = LogicalTypeKind::kDecimal, .scale = scale, .precision = precision};
}

TEST(SchemaReadTest, BarePhysicalTypes) {
  EXPECT_EQ(TypeOf(Column("x", PhysicalType::kBoolean)), "bool");
  EXPECT_EQ(TypeOf(Column("x", PhysicalType::kInt32)), "int32");
  EXPECT_EQ(TypeOf(Column("x", PhysicalType::kInt64)), "int64");
  EXPECT_EQ(TypeOf(Column("x", PhysicalType::kFloat)), "float32");
  EXPECT_EQ(TypeOf(Column("x", PhysicalType::kDouble)), "float64");
  EXPECT_EQ(TypeOf(Column("x", PhysicalType::kByteArray)), "binary");
  SchemaElement flba = Column("x", PhysicalType::kFixedLenByteArray);
  flba.type_length = 5;
  EXPECT_EQ(TypeOf(flba), "fixed_size_binary(5)");
  EXPECT_TRUE(LeafOf(flba).unsigned_order);
  EXPECT_TRUE(LeafOf(Column("x", PhysicalType::kByteArray)).unsigned_order);
  EXPECT_FALSE(LeafOf(Column("x", PhysicalType::kInt32)).unsigned_order);

  const LeafColumn int96 = LeafOf(Column("x", PhysicalType::kInt96));
  EXPECT_EQ(int96.type->ToString(), "timestamp(us)");
  EXPECT_FALSE(int96.type->utc());
  EXPECT_EQ(int96.conversion, ValueConversion::kInt96Timestamp);
}

TEST(SchemaReadTest, RepetitionGivesNullabilityAndLevels) {
  ASSERT_OK_AND_ASSIGN(
      ParquetSchema schema,
      FromParquetSchema(FlatSchema({Column("a", PhysicalType::kInt32, Repetition::kRequired),
                                    Column("b", PhysicalType::kInt64, Repetition::kOptional)})));
  EXPECT_EQ(schema.schema->ToString(), "a: int32 not null\nb: int64");
  ASSERT_EQ(schema.leaves.size(), 2u);
  EXPECT_EQ(schema.leaves[0].max_definition_level, 0);
  EXPECT_EQ(schema.leaves[1].max_definition_level, 1);
  EXPECT_EQ(schema.leaves[1].max_repetition_level, 0);
  EXPECT_EQ(schema.leaves[1].path, std::vector<std::string>{"b"});
  EXPECT_EQ(schema.leaves[1].schema_index, 2);
  EXPECT_EQ(schema.leaves[1].field_index, 1);
  EXPECT_EQ(schema.elements.size(), 3u);
}

TEST(SchemaReadTest, StringLikeLogicalTypes) {
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kByteArray, Logical(LogicalTypeKind::kString))),
            "string");
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kByteArray, Logical(LogicalTypeKind::kEnum))), "string");
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kByteArray, Logical(LogicalTypeKind::kJson))), "json");
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kByteArray, Logical(LogicalTypeKind::kBson))), "binary");
  const LeafColumn uuid =
      LeafOf(Annotated(PhysicalType::kFixedLenByteArray, Logical(LogicalTypeKind::kUuid), 16));
  EXPECT_EQ(uuid.type->ToString(), "uuid");
  EXPECT_TRUE(uuid.unsigned_order);
  EXPECT_TRUE(LeafOf(Annotated(PhysicalType::kByteArray, Logical(LogicalTypeKind::kString)))
                  .unsigned_order);
}

TEST(SchemaReadTest, TemporalLogicalTypes) {
  using parquet::TimeUnit;
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kInt32, Logical(LogicalTypeKind::kDate))), "date");
  const LeafColumn millis = LeafOf(
      Annotated(PhysicalType::kInt32, TimeType(LogicalTypeKind::kTime, TimeUnit::kMillis, true)));
  EXPECT_EQ(millis.type->ToString(), "time(ms)");
  EXPECT_EQ(millis.conversion, ValueConversion::kTimeMillis);
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kInt64,
                             TimeType(LogicalTypeKind::kTime, TimeUnit::kMicros, false))),
            "time(us)");
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kInt64,
                             TimeType(LogicalTypeKind::kTime, TimeUnit::kNanos, false))),
            "time(ns)");
  const LeafColumn local = LeafOf(Annotated(
      PhysicalType::kInt64, TimeType(LogicalTypeKind::kTimestamp, TimeUnit::kMicros, false)));
  EXPECT_EQ(local.type->unit(), strata::TimeUnit::kMicro);
  EXPECT_FALSE(local.type->utc());
  EXPECT_EQ(local.conversion, ValueConversion::kNone);
  const LeafColumn instant = LeafOf(Annotated(
      PhysicalType::kInt64, TimeType(LogicalTypeKind::kTimestamp, TimeUnit::kNanos, true)));
  EXPECT_EQ(instant.type->unit(), strata::TimeUnit::kNano);
  EXPECT_TRUE(instant.type->utc());
  EXPECT_EQ(LeafOf(Annotated(PhysicalType::kInt64,
                             TimeType(LogicalTypeKind::kTimestamp, TimeUnit::kMillis, true)))
                .type->unit(),
            strata::TimeUnit::kMilli);
}

TEST(SchemaReadTest, IntegerLogicalTypes) {
  struct Case {
    int8_t bits;
    bool is_signed;
    PhysicalType physical;
    const char* type;
    ValueConversion conversion;
  };
  const Case cases[] = {
      {8, true, PhysicalType::kInt32, "int8", ValueConversion::kNarrowInt},
      {16, true, PhysicalType::kInt32, "int16", ValueConversion::kNarrowInt},
      {32, true, PhysicalType::kInt32, "int32", ValueConversion::kNone},
      {64, true, PhysicalType::kInt64, "int64", ValueConversion::kNone},
      {8, false, PhysicalType::kInt32, "uint8", ValueConversion::kNarrowInt},
      {16, false, PhysicalType::kInt32, "uint16", ValueConversion::kNarrowInt},
      {32, false, PhysicalType::kInt32, "uint32", ValueConversion::kUInt32},
      {64, false, PhysicalType::kInt64, "uint64", ValueConversion::kNone},
  };
  for (const Case& c : cases) {
    const LeafColumn leaf = LeafOf(Annotated(c.physical, IntType(c.bits, c.is_signed)));
    ASSERT_NE(leaf.type, nullptr);
    EXPECT_EQ(leaf.type->ToString(), c.type);
    EXPECT_EQ(leaf.conversion, c.conversion) << c.type;
    EXPECT_EQ(leaf.unsigned_order, !c.is_signed) << c.type;
  }
}

TEST(SchemaReadTest, DecimalOnEveryPhysicalType) {
  const LeafColumn i32 = LeafOf(Annotated(PhysicalType::kInt32, DecimalType(9, 2)));
  EXPECT_EQ(i32.type->ToString(), "decimal(9,2)");
  EXPECT_EQ(i32.conversion, ValueConversion::kDecimalInt32);
  EXPECT_EQ(LeafOf(Annotated(PhysicalType::kInt64, DecimalType(18, 0))).conversion,
            ValueConversion::kDecimalInt64);
  const LeafColumn fixed =
      LeafOf(Annotated(PhysicalType::kFixedLenByteArray, DecimalType(25, 2), 11));
  EXPECT_EQ(fixed.type->ToString(), "decimal(25,2)");
  EXPECT_EQ(fixed.conversion, ValueConversion::kDecimalFixed);
  EXPECT_FALSE(fixed.unsigned_order);  // Decimals order by value, signed.
  EXPECT_EQ(LeafOf(Annotated(PhysicalType::kByteArray, DecimalType(38, 10))).conversion,
            ValueConversion::kDecimalFixed);
  // The legacy form keeps precision and scale in the element.
  SchemaElement legacy = Converted(PhysicalType::kInt64, ConvertedType::kDecimal);
  legacy.precision = 12;
  legacy.scale = 4;
  EXPECT_EQ(TypeOf(legacy), "decimal(12,4)");
}

TEST(SchemaReadTest, Float16IntervalAndNull) {
  const LeafColumn half =
      LeafOf(Annotated(PhysicalType::kFixedLenByteArray, Logical(LogicalTypeKind::kFloat16), 2));
  EXPECT_EQ(half.type->ToString(), "float32");
  EXPECT_EQ(half.conversion, ValueConversion::kFloat16);
  EXPECT_FALSE(half.unsigned_order);
  const LeafColumn interval =
      LeafOf(Converted(PhysicalType::kFixedLenByteArray, ConvertedType::kInterval, 12));
  EXPECT_EQ(interval.type->ToString(), "fixed_size_binary(12)");
  EXPECT_FALSE(interval.unsigned_order);
  EXPECT_EQ(TypeOf(Annotated(PhysicalType::kInt32, Logical(LogicalTypeKind::kNull))), "int32");
}

TEST(SchemaReadTest, ConvertedTypes) {
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kByteArray, ConvertedType::kUtf8)), "string");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kByteArray, ConvertedType::kEnum)), "string");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kByteArray, ConvertedType::kJson)), "json");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kByteArray, ConvertedType::kBson)), "binary");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt32, ConvertedType::kDate)), "date");
  EXPECT_EQ(LeafOf(Converted(PhysicalType::kInt32, ConvertedType::kTimeMillis)).conversion,
            ValueConversion::kTimeMillis);
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt64, ConvertedType::kTimeMicros)), "time(us)");
  // The legacy timestamps are instants.
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt64, ConvertedType::kTimestampMillis)),
            "timestamp(ms, UTC)");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt64, ConvertedType::kTimestampMicros)),
            "timestamp(us, UTC)");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt32, ConvertedType::kInt8)), "int8");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt32, ConvertedType::kUint16)), "uint16");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt32, ConvertedType::kUint32)), "uint32");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt64, ConvertedType::kUint64)), "uint64");
  EXPECT_EQ(TypeOf(Converted(PhysicalType::kInt64, ConvertedType::kInt64)), "int64");
}

TEST(SchemaReadTest, LogicalTypeWinsOverConvertedType) {
  SchemaElement e = Annotated(PhysicalType::kInt64,
                              TimeType(LogicalTypeKind::kTimestamp, parquet::TimeUnit::kMicros,
                                       /*utc=*/false));
  e.converted_type = ConvertedType::kTimestampMicros;  // Says UTC; the logical type does not.
  EXPECT_EQ(TypeOf(e), "timestamp(us)");
}

TEST(SchemaReadTest, UnknownLogicalTypeFallsBackToConvertedTypeOrFails) {
  SchemaElement e = Annotated(PhysicalType::kByteArray, Logical(LogicalTypeKind::kNone));
  e.converted_type = ConvertedType::kUtf8;
  EXPECT_EQ(TypeOf(e), "string");
  e.converted_type.reset();
  const Status status = ErrorOf(e);
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_NE(status.message().find("column 'x'"), std::string::npos) << status.ToString();
}

TEST(SchemaReadTest, InvalidAnnotationsNameTheColumn) {
  struct Case {
    SchemaElement element;
    StatusCode code;
  };
  SchemaElement no_length = Column("x", PhysicalType::kFixedLenByteArray);
  SchemaElement no_precision = Converted(PhysicalType::kInt32, ConvertedType::kDecimal);
  const Case cases[] = {
      {Annotated(PhysicalType::kInt64, Logical(LogicalTypeKind::kDate)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt32, Logical(LogicalTypeKind::kString)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kFixedLenByteArray, Logical(LogicalTypeKind::kUuid), 8),
       StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt32, IntType(12, true)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt64, IntType(8, true)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt32, DecimalType(0, 0)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt32, DecimalType(5, 6)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kByteArray, DecimalType(40, 2)), StatusCode::kNotImplemented},
      {Annotated(PhysicalType::kFixedLenByteArray, DecimalType(38, 2), 20),
       StatusCode::kNotImplemented},
      {Annotated(PhysicalType::kDouble, DecimalType(10, 2)), StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt96,
                 TimeType(LogicalTypeKind::kTimestamp, parquet::TimeUnit::kNanos, false)),
       StatusCode::kCorruption},
      {Annotated(PhysicalType::kInt32, Logical(LogicalTypeKind::kList)), StatusCode::kCorruption},
      {Converted(PhysicalType::kInt32, ConvertedType::kInterval), StatusCode::kCorruption},
      {no_length, StatusCode::kCorruption},
      {no_precision, StatusCode::kCorruption},
  };
  for (const Case& c : cases) {
    const Status status = ErrorOf(c.element);
    EXPECT_EQ(status.code(), c.code) << status.ToString();
    EXPECT_NE(status.message().find("column 'x'"), std::string::npos) << status.ToString();
  }
}

TEST(SchemaReadTest, FieldIdBecomesFieldMetadata) {
  SchemaElement e = Column("x", PhysicalType::kInt32);
  e.field_id = 7;
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema, FromParquetSchema(FlatSchema({e})));
  const KeyValueMetadata expected = {{"PARQUET:field_id", "7"}};
  EXPECT_EQ(schema.schema->field(0).metadata, expected);
}

// datapage_v2.snappy.parquet's schema: four flat columns and
//   optional group e (LIST) { repeated group list { required int32 element; } }
std::vector<SchemaElement> SchemaWithList() {
  SchemaElement e{.repetition_type = Repetition::kOptional, .name = "e", .num_children = 1};
  e.converted_type = ConvertedType::kList;
  SchemaElement list{.repetition_type = Repetition::kRepeated, .name = "list", .num_children = 1};
  return FlatSchema({Column("a", PhysicalType::kByteArray), e, list,
                     Column("element", PhysicalType::kInt32, Repetition::kRequired),
                     Column("b", PhysicalType::kInt32)});
}

TEST(SchemaReadTest, NestedFieldsKeepTheirLeavesAndLayout) {
  const std::vector<SchemaElement> elements = SchemaWithList();
  // The root claims 5 children; fix it to the 3 top-level fields.
  std::vector<SchemaElement> fixed = elements;
  fixed[0].num_children = 3;
  ASSERT_OK(FromParquetSchema(fixed).status());

  ASSERT_OK_AND_ASSIGN(InterpretedSchema lenient, InterpretParquetSchema(fixed));
  ASSERT_EQ(lenient.field_status.size(), 3u);
  for (const Status& status : lenient.field_status) EXPECT_OK(status);
  ASSERT_EQ(lenient.layouts.size(), 3u);
  const LevelNode& list = lenient.layouts[1];
  EXPECT_EQ(list.kind, LevelNode::Kind::kList);
  EXPECT_EQ(list.name, "e");
  EXPECT_TRUE(list.nullable);
  EXPECT_EQ(list.def_level, 1);
  EXPECT_EQ(list.element_def, 2);
  EXPECT_EQ(list.rep_level, 1);
  EXPECT_EQ(list.first_leaf, 1);
  ASSERT_EQ(list.children.size(), 1u);
  EXPECT_EQ(list.children[0].kind, LevelNode::Kind::kLeaf);
  EXPECT_EQ(list.children[0].leaf, 1);
  EXPECT_FALSE(list.children[0].nullable);
  EXPECT_EQ(lenient.layouts[2].leaf, 2);
  EXPECT_EQ(lenient.schema.schema->ToString(), "a: binary\ne: list<int32 not null>\nb: int32");
  ASSERT_EQ(lenient.schema.leaves.size(), 3u);
  const LeafColumn& element = lenient.schema.leaves[1];
  EXPECT_EQ(element.path, (std::vector<std::string>{"e", "list", "element"}));
  EXPECT_EQ(element.max_definition_level, 2);
  EXPECT_EQ(element.max_repetition_level, 1);
  EXPECT_EQ(element.field_index, 1);
  EXPECT_EQ(lenient.schema.leaves[2].field_index, 2);
  EXPECT_EQ(lenient.schema.leaves[2].schema_index, 5);
}

TEST(SchemaReadTest, NestedTypesFollowTheListAndMapRules) {
  // Legacy two-level list: repeated primitive inside a LIST group.
  SchemaElement legacy{.repetition_type = Repetition::kOptional, .name = "l", .num_children = 1};
  legacy.converted_type = ConvertedType::kList;
  // A repeated group named "array" is the element itself.
  SchemaElement outer{.repetition_type = Repetition::kRequired, .name = "o", .num_children = 1};
  outer.converted_type = ConvertedType::kList;
  SchemaElement array{.repetition_type = Repetition::kRepeated, .name = "array", .num_children = 2};
  // A map.
  SchemaElement map{.repetition_type = Repetition::kOptional, .name = "m", .num_children = 1};
  map.converted_type = ConvertedType::kMap;
  SchemaElement entries{
      .repetition_type = Repetition::kRepeated, .name = "key_value", .num_children = 2};
  SchemaElement key = Converted(PhysicalType::kByteArray, ConvertedType::kUtf8);
  key.name = "key";
  key.repetition_type = Repetition::kRequired;
  // A struct and an unannotated repeated field.
  SchemaElement group{.repetition_type = Repetition::kOptional, .name = "s", .num_children = 2};
  const std::vector<SchemaElement> elements = FlatSchema({
      legacy,
      Column("item", PhysicalType::kInt32, Repetition::kRepeated),
      outer,
      array,
      Column("a", PhysicalType::kInt32),
      Column("b", PhysicalType::kDouble),
      map,
      entries,
      key,
      Column("value", PhysicalType::kInt64),
      group,
      Column("x", PhysicalType::kBoolean),
      Column("r", PhysicalType::kFloat, Repetition::kRepeated),
  });
  std::vector<SchemaElement> fixed = elements;
  fixed[0].num_children = 4;
  ASSERT_OK_AND_ASSIGN(InterpretedSchema schema, InterpretParquetSchema(fixed));
  EXPECT_EQ(schema.schema.schema->ToString(),
            "l: list<int32 not null>\n"
            "o: list<struct<a: int32, b: float64> not null> not null\n"
            "m: map<string, int64>\n"
            "s: struct<x: bool, r: list<float32 not null> not null>");
  for (const Status& status : schema.field_status) EXPECT_OK(status);
  EXPECT_EQ(schema.schema.leaves.size(), 7u);
  // s.r: the unannotated repeated float is a required list inside s.
  const LevelNode& r = schema.layouts[3].children[1];
  EXPECT_EQ(r.kind, LevelNode::Kind::kList);
  EXPECT_EQ(r.def_level, 1);
  EXPECT_EQ(r.element_def, 2);
  EXPECT_EQ(r.rep_level, 1);
  EXPECT_EQ(r.children[0].leaf, 6);
  // m: the map's entries struct is present where its key is.
  const LevelNode& m = schema.layouts[2];
  EXPECT_EQ(m.kind, LevelNode::Kind::kMap);
  EXPECT_EQ(m.children[0].def_level, 2);
  EXPECT_EQ(m.children[0].children[1].def_level, 3);
}

TEST(SchemaReadTest, MalformedTreesAreCorruption) {
  std::vector<std::vector<SchemaElement>> bad;
  bad.emplace_back();  // No elements.
  bad.push_back(FlatSchema({Column("a", PhysicalType::kInt32)}));
  bad.back()[0].num_children = 2;  // Overruns the list.
  bad.push_back(FlatSchema({Column("a", PhysicalType::kInt32), Column("b", PhysicalType::kInt32)}));
  bad.back()[0].num_children = 1;  // Leaves an element over.
  bad.push_back(FlatSchema({Column("a", PhysicalType::kInt32)}));
  bad.back()[0].num_children = -1;
  // Each count fits what follows it, but the first child's subtree takes
  // the element the second child needs.
  bad.push_back(FlatSchema(
      {SchemaElement{.name = "g", .num_children = 1}, Column("a", PhysicalType::kInt32)}));
  bad.push_back(FlatSchema({SchemaElement{.name = "neither"}}));
  bad.push_back({Column("root", PhysicalType::kInt32)});  // The root is a leaf.
  // 200 nested groups.
  std::vector<SchemaElement> deep;
  for (int i = 0; i < 200; ++i) {
    deep.push_back(
        SchemaElement{.repetition_type = Repetition::kOptional, .name = "g", .num_children = 1});
  }
  deep.push_back(Column("leaf", PhysicalType::kInt32));
  bad.push_back(deep);
  for (const std::vector<SchemaElement>& elements : bad) {
    const Status status = InterpretParquetSchema(elements).status();
    EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  }
}

TEST(SchemaReadTest, EmptySchemaHasNoFields) {
  ASSERT_OK_AND_ASSIGN(ParquetSchema schema,
                       FromParquetSchema({SchemaElement{.name = "schema", .num_children = 0}}));
  EXPECT_EQ(schema.schema->num_fields(), 0);
  EXPECT_TRUE(schema.leaves.empty());
}

// Footer schemas of real writers.
Result<InterpretedSchema> FixtureSchema(const std::string& name) {
  const std::vector<uint8_t> file = testing::ReadFileBytes(testing::FixturePath("data/" + name));
  ASSIGN_OR_RETURN(FileMetaData metadata, ReadFileMetaData(testing::FooterBytes(file)));
  return InterpretParquetSchema(metadata.schema);
}

TEST(SchemaReadTest, FixtureSchemas) {
  ASSERT_OK_AND_ASSIGN(InterpretedSchema alltypes, FixtureSchema("alltypes_plain.parquet"));
  EXPECT_EQ(alltypes.schema.schema->field(10).type->ToString(), "timestamp(us)");
  EXPECT_EQ(alltypes.schema.leaves[10].conversion, ValueConversion::kInt96Timestamp);

  ASSERT_OK_AND_ASSIGN(InterpretedSchema v2, FixtureSchema("datapage_v2.snappy.parquet"));
  EXPECT_EQ(v2.schema.schema->ToString(),
            "a: string\nb: int32 not null\nc: float64 not null\nd: bool not null\n"
            "e: list<int32 not null>");
  EXPECT_OK(v2.field_status[4]);

  ASSERT_OK_AND_ASSIGN(InterpretedSchema maps, FixtureSchema("nested_maps.snappy.parquet"));
  EXPECT_EQ(maps.schema.schema->field(0).type->ToString(),
            "map<string, map<int32, bool not null>>");

  // Two-level lists of lists (parquet-java 1.14.3; [[1, 2], [3, 4]]).
  ASSERT_OK_AND_ASSIGN(InterpretedSchema old_list, FixtureSchema("old_list_structure.parquet"));
  EXPECT_EQ(old_list.schema.schema->field(0).type->ToString(),
            "list<list<int32 not null> not null>");
  EXPECT_EQ(old_list.schema.leaves[0].max_repetition_level, 2);

  ASSERT_OK_AND_ASSIGN(InterpretedSchema decimal, FixtureSchema("fixed_length_decimal.parquet"));
  EXPECT_EQ(decimal.schema.schema->ToString(), "value: decimal(25,2)");
}

}  // namespace
}  // namespace strata::parquet
