// Delta schemaStrings (as Spark, Databricks and delta-rs write them) to
// columnar schemas and back, ToDeltaType, and column mapping.

#include "delta/delta_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/status_matchers.h"

namespace strata::delta {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

// {"type":"struct","fields":[<fields>]}
std::string StructOf(const std::string& fields) {
  return R"({"type":"struct","fields":[)" + fields + "]}";
}

std::string FieldJson(const std::string& name, const std::string& type_json, bool nullable = true,
                      const std::string& metadata = "{}") {
  return R"({"name":")" + name + R"(","type":)" + type_json +
         (nullable ? R"(,"nullable":true)" : R"(,"nullable":false)") + R"(,"metadata":)" +
         metadata + "}";
}

// One column `c` of `type_json`, parsed; the type of that column.
TypePtr ParseColumnType(const std::string& type_json) {
  Result<SchemaPtr> schema = ParseDeltaSchema(StructOf(FieldJson("c", type_json)));
  EXPECT_OK(schema.status()) << type_json;
  if (!schema.ok()) return nullptr;
  return (*schema)->field(0).type;
}

void ExpectType(const TypePtr& actual, const TypePtr& expected) {
  ASSERT_NE(actual, nullptr);
  EXPECT_TRUE(actual->Equals(*expected))
      << actual->ToString() << " is not " << expected->ToString();
}

Status SchemaError(const std::string& schema_string) {
  Result<SchemaPtr> schema = ParseDeltaSchema(schema_string);
  EXPECT_FALSE(schema.ok()) << schema_string << " parsed";
  return schema.status();
}

// The schema of table_with_column_mapping (Databricks, mode "name").
constexpr const char* kColumnMappingSchema =
    R"({"type":"struct","fields":[{"name":"Company Very Short","type":"string","nullable":true,)"
    R"("metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":)"
    R"("col-173b4db9-b5ad-427f-9e75-516aae37fbbb"}},{"name":"Super Name","type":"string",)"
    R"("nullable":true,"metadata":{"delta.columnMapping.id":2,"delta.columnMapping.physicalName":)"
    R"("col-3877fd94-0973-4941-ac6b-646849a1ff65"}}]})";

// ------------------------------------------------------------ primitives

TEST(ParseDeltaSchemaTest, EveryPrimitiveType) {
  ExpectType(ParseColumnType(R"("string")"), String());
  ExpectType(ParseColumnType(R"("long")"), Int64());
  ExpectType(ParseColumnType(R"("integer")"), Int32());
  ExpectType(ParseColumnType(R"("short")"), Int16());
  ExpectType(ParseColumnType(R"("byte")"), Int8());
  ExpectType(ParseColumnType(R"("float")"), Float32());
  ExpectType(ParseColumnType(R"("double")"), Float64());
  ExpectType(ParseColumnType(R"("boolean")"), Bool());
  ExpectType(ParseColumnType(R"("binary")"), Binary());
  ExpectType(ParseColumnType(R"("date")"), Date());
  ExpectType(ParseColumnType(R"("timestamp")"), Timestamp(TimeUnit::kMicro, /*utc=*/true));
  ExpectType(ParseColumnType(R"("timestamp_ntz")"), Timestamp(TimeUnit::kMicro, /*utc=*/false));
  ExpectType(ParseColumnType("\"decimal(10,2)\""), Decimal(10, 2).ValueOrDie());
  ExpectType(ParseColumnType("\"decimal(38,38)\""), Decimal(38, 38).ValueOrDie());
  ExpectType(ParseColumnType("\"decimal(1,0)\""), Decimal(1, 0).ValueOrDie());
}

TEST(ParseDeltaSchemaTest, DecimalWithSpaces) {
  // Some writers put a space after the comma.
  ExpectType(ParseColumnType("\"decimal(10, 4)\""), Decimal(10, 4).ValueOrDie());
  ExpectType(ParseColumnType("\"decimal( 5 , 1 )\""), Decimal(5, 1).ValueOrDie());
}

TEST(ParseDeltaSchemaTest, NamesNullabilityAndOrder) {
  ASSERT_OK_AND_ASSIGN(
      SchemaPtr schema,
      ParseDeltaSchema(StructOf(FieldJson("id", R"("long")", false) + "," +
                                FieldJson("name", R"("string")") + "," +
                                R"({"name":"no_nullable_member","type":"integer"})")));
  ASSERT_EQ(schema->num_fields(), 3);
  EXPECT_EQ(schema->field(0).name, "id");
  EXPECT_FALSE(schema->field(0).nullable);
  EXPECT_EQ(schema->field(1).name, "name");
  EXPECT_TRUE(schema->field(1).nullable);
  EXPECT_EQ(schema->field(2).name, "no_nullable_member");
  EXPECT_TRUE(schema->field(2).nullable);  // Absent means nullable.
  EXPECT_TRUE(schema->field(2).metadata.empty());
}

TEST(ParseDeltaSchemaTest, EmptyStruct) {
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, ParseDeltaSchema(R"({"type":"struct","fields":[]})"));
  EXPECT_EQ(schema->num_fields(), 0);
}

// ------------------------------------------------------------ nested

TEST(ParseDeltaSchemaTest, NestedStructArrayAndMapWithNullability) {
  const std::string schema_string = StructOf(
      FieldJson("s",
                StructOf(FieldJson("a", R"("integer")", false) + "," +
                         FieldJson("b", R"({"type":"array","elementType":"string",)"
                                        R"("containsNull":false})")),
                false) +
      "," +
      FieldJson("tags", R"({"type":"map","keyType":"string","valueType":"long",)"
                        R"("valueContainsNull":true})") +
      "," +
      FieldJson("points", R"({"type":"array","elementType":{"type":"struct","fields":[)" +
                              FieldJson("x", R"("double")") + R"(]},"containsNull":true})") +
      "," +
      FieldJson("m", R"({"type":"map","keyType":{"type":"array","elementType":"integer",)"
                     R"("containsNull":true},"valueType":{"type":"map","keyType":"date",)"
                     R"("valueType":"binary","valueContainsNull":false},)"
                     R"("valueContainsNull":false})"));
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, ParseDeltaSchema(schema_string));
  ASSERT_EQ(schema->num_fields(), 4);
  const TypePtr expected_s =
      Struct({Field("a", Int32(), false), Field("b", List(Field("element", String(), false)))});
  ExpectType(schema->field(0).type, expected_s);
  EXPECT_FALSE(schema->field(0).nullable);
  ExpectType(schema->field(1).type,
             Map(Field("key", String(), false), Field("value", Int64(), true)));
  ExpectType(schema->field(2).type, List(Field("element", Struct({Field("x", Float64())}), true)));
  const TypePtr inner_map = Map(Field("key", Date(), false), Field("value", Binary(), false));
  ExpectType(schema->field(3).type, Map(Field("key", List(Field("element", Int32(), true)), false),
                                        Field("value", inner_map, false)));
  // The element nullability is the containsNull flag.
  EXPECT_FALSE(schema->field(0).type->field(1).type->field(0).nullable);
  // Map keys are never null; valueContainsNull decides the value.
  const DataType& entries = *schema->field(1).type->field(0).type;
  EXPECT_FALSE(entries.field(0).nullable);
  EXPECT_TRUE(entries.field(1).nullable);
}

// ------------------------------------------------------------ metadata

TEST(ParseDeltaSchemaTest, FieldMetadataKeptAsJsonText) {
  // checkpoint-v2-table's identity column, plus values of every JSON kind.
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema,
                       ParseDeltaSchema(StructOf(FieldJson(
                           "id", R"("long")", true,
                           R"({"delta.identity.highWaterMark":44,"delta.identity.step":1,)"
                           R"("delta.identity.allowExplicitInsert":false,"comment":"the \"id\"",)"
                           R"("list":[1,"a",null],"obj":{"k":{"n":1.5}},"nothing":null})"))));
  const Field& field = schema->field(0);
  EXPECT_THAT(
      field.metadata,
      ElementsAre(Pair("delta.identity.highWaterMark", "44"), Pair("delta.identity.step", "1"),
                  Pair("delta.identity.allowExplicitInsert", "false"),
                  Pair("comment", R"("the \"id\"")"), Pair("list", R"([1,"a",null])"),
                  Pair("obj", R"({"k":{"n":1.5}})"), Pair("nothing", "null")));
  EXPECT_EQ(DeltaFieldMetadata(field, "comment"), "the \"id\"");  // Unquoted and unescaped.
  EXPECT_EQ(DeltaFieldMetadata(field, "delta.identity.step"), "1");
  EXPECT_EQ(DeltaFieldMetadata(field, "obj"), R"({"k":{"n":1.5}})");
  EXPECT_FALSE(DeltaFieldMetadata(field, "absent").has_value());
}

TEST(DeltaSchemaRoundTripTest, MetadataAndNestingSurviveParseWriteParse) {
  const std::string schema_string = StructOf(
      FieldJson("id", R"("long")", false,
                R"({"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-1",)"
                R"("comment":"x\ny","flags":[true,false],"nested":{"a":null}})") +
      "," +
      FieldJson("s",
                StructOf(FieldJson("inner", "\"decimal(10,4)\"", true,
                                   R"({"delta.columnMapping.id":3})")),
                true, R"({"delta.columnMapping.id":2})") +
      "," +
      FieldJson("arr", R"({"type":"array","elementType":"timestamp_ntz","containsNull":false})") +
      "," +
      FieldJson("map", R"({"type":"map","keyType":"string","valueType":"timestamp",)"
                       R"("valueContainsNull":true})"));
  ASSERT_OK_AND_ASSIGN(SchemaPtr first, ParseDeltaSchema(schema_string));
  ASSERT_OK_AND_ASSIGN(std::string written, ToDeltaSchemaString(*first));
  ASSERT_OK_AND_ASSIGN(SchemaPtr second, ParseDeltaSchema(written));
  EXPECT_TRUE(first->Equals(*second, /*check_metadata=*/true)) << first->ToString() << "\nvs\n"
                                                               << second->ToString();
  EXPECT_EQ(second->field(1).type->field(0).metadata,
            (KeyValueMetadata{{"delta.columnMapping.id", "3"}}));
  EXPECT_EQ(DeltaFieldMetadata(second->field(0), "comment"), "x\ny");
  // Writing is deterministic, and in the same member order Spark uses: the
  // text written is the text read.
  EXPECT_EQ(written, schema_string);
  ASSERT_OK_AND_ASSIGN(std::string again, ToDeltaSchemaString(*second));
  EXPECT_EQ(again, written);
}

TEST(DeltaSchemaRoundTripTest, FixtureSchemasAreWrittenBackVerbatim) {
  for (
      const std::string& schema_string :
      {std::string(kColumnMappingSchema),
       // simple_table
       std::string(
           R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})"),
       // checkpoint-v2-table, version 9
       std::string(
           R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":)"
           R"({"delta.identity.highWaterMark":44,"delta.identity.step":1,)"
           R"("delta.identity.allowExplicitInsert":false,"delta.identity.start":1}},)"
           R"({"name":"name","type":"string","nullable":true,"metadata":{}},{"name":"created_at",)"
           R"("type":"timestamp","nullable":true,"metadata":{}}]})")}) {
    ASSERT_OK_AND_ASSIGN(SchemaPtr schema, ParseDeltaSchema(schema_string));
    ASSERT_OK_AND_ASSIGN(std::string written, ToDeltaSchemaString(*schema));
    EXPECT_EQ(written, schema_string);
  }
}

TEST(DeltaSchemaRoundTripTest, DecimalIsWrittenWithoutSpace) {
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema,
                       ParseDeltaSchema(StructOf(FieldJson("d", "\"decimal(10, 4)\""))));
  ASSERT_OK_AND_ASSIGN(std::string written, ToDeltaSchemaString(*schema));
  EXPECT_THAT(written, HasSubstr("\"type\":\"decimal(10,4)\""));
}

TEST(DeltaSchemaRoundTripTest, PlainTextMetadataIsWrittenAsAString) {
  // Metadata that did not come from a schemaString (e.g. copied from another
  // format) is not JSON: it must still give valid JSON.
  const Schema schema({Field("a", Int32(), true, {{"origin", "csv file"}, {"n", "12"}})});
  ASSERT_OK_AND_ASSIGN(std::string written, ToDeltaSchemaString(schema));
  EXPECT_THAT(written, HasSubstr(R"("metadata":{"origin":"csv file","n":12})"));
  ASSERT_OK_AND_ASSIGN(SchemaPtr back, ParseDeltaSchema(written));
  EXPECT_EQ(DeltaFieldMetadata(back->field(0), "origin"), "csv file");
}

// ------------------------------------------------------------ ToDeltaType

TEST(ToDeltaTypeTest, ConvertsTypesDeltaLacks) {
  struct Case {
    TypePtr from;
    TypePtr to;
  };
  const std::vector<Case> cases = {
      {UInt8(), Int16()},
      {UInt16(), Int32()},
      {UInt32(), Int64()},
      {Uuid(), String()},
      {Json(), String()},
      {FixedSizeBinary(16).ValueOrDie(), Binary()},
      {Timestamp(TimeUnit::kMilli, true), Timestamp(TimeUnit::kMicro, true)},
      {Timestamp(TimeUnit::kNano, false), Timestamp(TimeUnit::kMicro, false)},
      {Timestamp(TimeUnit::kMicro, true), Timestamp(TimeUnit::kMicro, true)},
      // Delta's own types are kept.
      {Int8(), Int8()},
      {Float32(), Float32()},
      {Date(), Date()},
      {Decimal(20, 3).ValueOrDie(), Decimal(20, 3).ValueOrDie()},
      {String(), String()},
      {Binary(), Binary()},
      {Bool(), Bool()},
      // Nested types convert their children.
      {List(UInt32()), List(Int64())},
      {Struct({Field("a", UInt8(), false), Field("b", Uuid())}),
       Struct({Field("a", Int16(), false), Field("b", String())})},
      {Map(String(), Json()), Map(String(), String())},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(TypePtr converted, ToDeltaType(c.from));
    EXPECT_TRUE(converted->Equals(*c.to)) << c.from->ToString() << " -> " << converted->ToString()
                                          << ", expected " << c.to->ToString();
  }
}

TEST(ToDeltaTypeTest, RefusesTypesWithoutLosslessEquivalent) {
  for (const TypePtr& type : {UInt64(), Time(TimeUnit::kMicro), List(UInt64())}) {
    const Status status = ToDeltaType(type).status();
    EXPECT_TRUE(status.IsNotImplemented()) << type->ToString() << ": " << status.ToString();
  }
  EXPECT_THAT(ToDeltaType(UInt64()).status().message(), HasSubstr("uint64"));
  const Schema schema({Field("ok", Int32()), Field("big", UInt64())});
  const Status status = ToDeltaSchemaString(schema).status();
  EXPECT_TRUE(status.IsNotImplemented());
  EXPECT_THAT(status.message(), HasSubstr("column big"));
}

TEST(ToDeltaTypeTest, SchemaStringOfConvertedTypes) {
  const Schema schema({Field("u", UInt32(), false), Field("ts", Timestamp(TimeUnit::kMilli, true)),
                       Field("ntz", Timestamp(TimeUnit::kNano, false)), Field("id", Uuid())});
  ASSERT_OK_AND_ASSIGN(std::string written, ToDeltaSchemaString(schema));
  EXPECT_EQ(
      written,
      StructOf(FieldJson("u", R"("long")", false) + "," + FieldJson("ts", R"("timestamp")") + "," +
               FieldJson("ntz", R"("timestamp_ntz")") + "," + FieldJson("id", R"("string")")));
}

// ------------------------------------------------------------ column mapping

TEST(ColumnMappingTest, ParsesModes) {
  ASSERT_OK_AND_ASSIGN(ColumnMappingMode mode, ParseColumnMappingMode(""));
  EXPECT_EQ(mode, ColumnMappingMode::kNone);
  ASSERT_OK_AND_ASSIGN(mode, ParseColumnMappingMode("none"));
  EXPECT_EQ(mode, ColumnMappingMode::kNone);
  ASSERT_OK_AND_ASSIGN(mode, ParseColumnMappingMode("name"));
  EXPECT_EQ(mode, ColumnMappingMode::kName);
  ASSERT_OK_AND_ASSIGN(mode, ParseColumnMappingMode("id"));
  EXPECT_EQ(mode, ColumnMappingMode::kId);
  const Status status = ParseColumnMappingMode("ID_AND_NAME").status();
  EXPECT_TRUE(status.IsNotImplemented());
  EXPECT_THAT(status.message(), HasSubstr("ID_AND_NAME"));
}

TEST(ColumnMappingTest, PhysicalNamesOfTheFixtureSchema) {
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, ParseDeltaSchema(kColumnMappingSchema));
  ASSERT_EQ(schema->num_fields(), 2);
  EXPECT_EQ(schema->field(0).name, "Company Very Short");
  EXPECT_EQ(schema->field(1).name, "Super Name");
  EXPECT_EQ(PhysicalName(schema->field(0), ColumnMappingMode::kName),
            "col-173b4db9-b5ad-427f-9e75-516aae37fbbb");
  EXPECT_EQ(PhysicalName(schema->field(1), ColumnMappingMode::kId),
            "col-3877fd94-0973-4941-ac6b-646849a1ff65");
  EXPECT_EQ(PhysicalName(schema->field(1), ColumnMappingMode::kNone), "Super Name");

  ASSERT_OK_AND_ASSIGN(SchemaPtr by_name, PhysicalSchema(schema, ColumnMappingMode::kName));
  ASSERT_EQ(by_name->num_fields(), 2);
  EXPECT_EQ(by_name->field(0).name, "col-173b4db9-b5ad-427f-9e75-516aae37fbbb");
  EXPECT_EQ(by_name->field(1).name, "col-3877fd94-0973-4941-ac6b-646849a1ff65");
  EXPECT_TRUE(by_name->field(0).metadata.empty());
  EXPECT_TRUE(by_name->field(1).type->Equals(*String()));

  ASSERT_OK_AND_ASSIGN(SchemaPtr by_id, PhysicalSchema(schema, ColumnMappingMode::kId));
  EXPECT_EQ(by_id->field(0).name, "col-173b4db9-b5ad-427f-9e75-516aae37fbbb");
  EXPECT_EQ(by_id->field(0).metadata, (KeyValueMetadata{{"PARQUET:field_id", "1"}}));
  EXPECT_EQ(by_id->field(1).metadata, (KeyValueMetadata{{"PARQUET:field_id", "2"}}));

  ASSERT_OK_AND_ASSIGN(SchemaPtr unmapped, PhysicalSchema(schema, ColumnMappingMode::kNone));
  EXPECT_EQ(unmapped, schema);  // The same schema, not a copy.
}

TEST(ColumnMappingTest, NestedFieldsAreRenamedToo) {
  const std::string schema_string = StructOf(FieldJson(
      "outer",
      R"({"type":"array","elementType":)" +
          StructOf(FieldJson(
              "inner",
              R"({"type":"map","keyType":"string","valueType":)" +
                  StructOf(FieldJson("leaf", R"("integer")", false,
                                     R"({"delta.columnMapping.id":4,)"
                                     R"("delta.columnMapping.physicalName":"col-leaf"})")) +
                  R"(,"valueContainsNull":true})",
              true,
              R"({"delta.columnMapping.id":3,"delta.columnMapping.physicalName":"col-inner"})")) +
          R"(,"containsNull":true})",
      true, R"({"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-outer"})"));
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, ParseDeltaSchema(schema_string));
  ASSERT_OK_AND_ASSIGN(SchemaPtr physical, PhysicalSchema(schema, ColumnMappingMode::kId));
  const Field& outer = physical->field(0);
  EXPECT_EQ(outer.name, "col-outer");
  const Field& inner = outer.type->field(0).type->field(0);
  EXPECT_EQ(inner.name, "col-inner");
  EXPECT_EQ(inner.metadata, (KeyValueMetadata{{"PARQUET:field_id", "3"}}));
  const DataType& value_type = *inner.type->field(0).type->field(1).type;
  EXPECT_EQ(value_type.field(0).name, "col-leaf");
  EXPECT_FALSE(value_type.field(0).nullable);
  EXPECT_EQ(value_type.field(0).metadata, (KeyValueMetadata{{"PARQUET:field_id", "4"}}));
}

TEST(ColumnMappingTest, IdModeWithoutIdIsCorruption) {
  ASSERT_OK_AND_ASSIGN(
      SchemaPtr schema,
      ParseDeltaSchema(StructOf(
          FieldJson("a", R"("long")", true, R"({"delta.columnMapping.physicalName":"col-a"})"))));
  const Status status = PhysicalSchema(schema, ColumnMappingMode::kId).status();
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_THAT(status.message(), HasSubstr("column a"));
  EXPECT_THAT(status.message(), HasSubstr("delta.columnMapping.id"));
  // Name mode only needs the physical name; a field without one keeps its name.
  ASSERT_OK_AND_ASSIGN(SchemaPtr by_name, PhysicalSchema(schema, ColumnMappingMode::kName));
  EXPECT_EQ(by_name->field(0).name, "col-a");
}

// ------------------------------------------------------------ malformed schemas

TEST(ParseDeltaSchemaTest, MalformedSchemasAreErrorsNamingTheColumn) {
  struct Case {
    std::string schema;
    std::string expected;  // In the message.
  };
  const std::vector<Case> cases = {
      {"", "schemaString"},
      {"{not json", "schemaString"},
      {"[]", "schemaString"},
      {R"({"type":"array","elementType":"long"})", "root type"},
      {R"({"fields":[]})", "\"type\""},
      {R"({"type":"struct"})", "fields"},
      {R"({"type":"struct","fields":{}})", "fields"},
      {R"({"type":"struct","fields":[1]})", "field"},
      {StructOf(R"({"type":"long"})"), "\"name\""},
      {StructOf(R"({"name":"a"})"), "column a: no type"},
      {StructOf(R"({"name":"a","type":5})"), "column a: field \"type\""},
      {StructOf(R"({"name":"a","type":"long","nullable":"yes"})"), "column a: field \"nullable\""},
      {StructOf(R"({"name":"a","type":"long","metadata":[]})"), "column a: field \"metadata\""},
      {StructOf(FieldJson("a", R"({"type":"array"})")), "column a: array without elementType"},
      {StructOf(FieldJson("a", R"({"type":"map","keyType":"string"})")), "column a: map"},
      {StructOf(FieldJson("a", R"({"type":"array","elementType":"long","containsNull":1})")),
       "column a: field \"containsNull\""},
      {StructOf(FieldJson("s", StructOf(FieldJson("b", R"({"type":"struct"})")))),
       "column s.b: struct without a \"fields\" array"},
  };
  for (const Case& c : cases) {
    const Status status = SchemaError(c.schema);
    EXPECT_TRUE(status.IsCorruption()) << c.schema << ": " << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr(c.expected)) << c.schema;
  }
}

TEST(ParseDeltaSchemaTest, MalformedDecimalsAreCorruption) {
  for (const char* type : {"decimal(10)", "decimal(x,y)", "decimal(39,2)", "decimal(10,11)",
                           "decimal(10,2", "decimal(10,2)x", "decimal(,2)", "decimal(-1,0)",
                           "decimal(10,-1)", "decimal()", "decimal(0,0)"}) {
    const Status status =
        SchemaError(StructOf(FieldJson("price", "\"" + std::string(type) + "\"")));
    EXPECT_TRUE(status.IsCorruption()) << type << ": " << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("column price")) << type;
    EXPECT_THAT(status.message(), HasSubstr(type));
  }
}

TEST(ParseDeltaSchemaTest, UnsupportedTypesAreNotImplementedNamingThem) {
  const Status variant =
      SchemaError(StructOf(FieldJson("s", StructOf(FieldJson("v", R"("variant")")))));
  EXPECT_TRUE(variant.IsNotImplemented()) << variant.ToString();
  EXPECT_THAT(variant.message(), HasSubstr("column s.v"));
  EXPECT_THAT(variant.message(), HasSubstr("\"variant\""));
  const Status udt = SchemaError(StructOf(FieldJson("g", R"({"type":"udt","class":"x"})")));
  EXPECT_TRUE(udt.IsNotImplemented()) << udt.ToString();
  EXPECT_THAT(udt.message(), HasSubstr("\"udt\""));
  const Status in_array = SchemaError(
      StructOf(FieldJson("a", R"({"type":"array","elementType":"interval","containsNull":true})")));
  EXPECT_TRUE(in_array.IsNotImplemented());
  EXPECT_THAT(in_array.message(), HasSubstr("column a[]"));
}

TEST(ParseDeltaSchemaTest, EveryTruncationIsAnErrorNotACrash) {
  const std::string schema_string = kColumnMappingSchema;
  for (size_t length = 0; length < schema_string.size(); ++length) {
    const Status status = ParseDeltaSchema(schema_string.substr(0, length)).status();
    EXPECT_TRUE(status.IsCorruption()) << length << ": " << status.ToString();
  }
  ASSERT_OK(ParseDeltaSchema(schema_string).status());
}

// Structs nested `depth` deep: {"type":"struct","fields":[{"name":"f","type":{...}}]}.
std::string NestedStructs(int depth) {
  std::string json = R"("long")";
  for (int i = 0; i < depth; ++i) json = StructOf(FieldJson("f", json));
  return json;
}

TEST(ParseDeltaSchemaTest, NestingIsLimited) {
  ASSERT_OK_AND_ASSIGN(SchemaPtr fine, ParseDeltaSchema(NestedStructs(40)));
  EXPECT_EQ(fine->num_fields(), 1);
  const Status deep = SchemaError(NestedStructs(100));
  EXPECT_TRUE(deep.IsCorruption()) << deep.ToString();
  EXPECT_THAT(deep.message(), HasSubstr("nested too deeply"));
  EXPECT_THAT(deep.message(), HasSubstr("column f.f.f"));
  // Arrays count too.
  std::string arrays = R"("long")";
  for (int i = 0; i < 100; ++i) {
    arrays = R"({"type":"array","elementType":)" + arrays + R"(,"containsNull":true})";
  }
  EXPECT_TRUE(SchemaError(StructOf(FieldJson("a", arrays))).IsCorruption());
  // Far deeper than the JSON parser allows: an error, not a stack overflow.
  const Status very_deep = SchemaError(NestedStructs(5000));
  EXPECT_TRUE(very_deep.IsCorruption()) << very_deep.ToString();
}

}  // namespace
}  // namespace strata::delta
