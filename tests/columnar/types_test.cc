#include "columnar/types.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

TypePtr Dec(int32_t precision, int32_t scale) { return Decimal(precision, scale).ValueOrDie(); }

// Every type kind, nested ones included, with the expected spelling.
std::vector<std::pair<TypePtr, std::string>> AllTypes() {
  return {
      {Bool(), "bool"},
      {Int8(), "int8"},
      {Int16(), "int16"},
      {Int32(), "int32"},
      {Int64(), "int64"},
      {UInt8(), "uint8"},
      {UInt16(), "uint16"},
      {UInt32(), "uint32"},
      {UInt64(), "uint64"},
      {Float32(), "float32"},
      {Float64(), "float64"},
      {Dec(10, 2), "decimal(10,2)"},
      {Dec(38, 0), "decimal(38,0)"},
      {String(), "string"},
      {Binary(), "binary"},
      {FixedSizeBinary(16).ValueOrDie(), "fixed_size_binary(16)"},
      {Date(), "date"},
      {Time(TimeUnit::kMilli), "time(ms)"},
      {Time(TimeUnit::kMicro), "time(us)"},
      {Time(TimeUnit::kNano), "time(ns)"},
      {Timestamp(TimeUnit::kMilli), "timestamp(ms)"},
      {Timestamp(TimeUnit::kMicro, true), "timestamp(us, UTC)"},
      {Timestamp(TimeUnit::kNano, true), "timestamp(ns, UTC)"},
      {Uuid(), "uuid"},
      {Json(), "json"},
      {Struct({{"a", Int32()}, {"b", String(), false}}), "struct<a: int32, b: string not null>"},
      {Struct({}), "struct<>"},
      {List(Int32()), "list<int32>"},
      {List(Field("item", Int64(), false)), "list<int64 not null>"},
      {Map(String(), List(Int64())), "map<string, list<int64>>"},
      {Map(Field("k", Int32()), Field("v", Float64(), false)), "map<int32, float64 not null>"},
      {Struct({{"weird name", List(Struct({{"x\"y", Dec(5, 5)}}))},
               {"m", Map(Uuid(), Struct({{"t", Timestamp(TimeUnit::kNano, true)}}))}}),
       "struct<\"weird name\": list<struct<\"x\"\"y\": decimal(5,5)>>, "
       "m: map<uuid, struct<t: timestamp(ns, UTC)>>>"},
  };
}

TEST(TypesTest, ToStringSpellsEveryType) {
  for (const auto& [type, text] : AllTypes()) EXPECT_EQ(type->ToString(), text);
}

TEST(TypesTest, ParseTypeInvertsToString) {
  for (const auto& [type, text] : AllTypes()) {
    ASSERT_OK_AND_ASSIGN(TypePtr parsed, ParseType(text));
    EXPECT_TRUE(parsed->Equals(*type)) << text << " parsed as " << parsed->ToString();
    EXPECT_EQ(parsed->ToString(), text);
  }
}

TEST(TypesTest, ParseTypeIsLenientAboutCaseAndSpace) {
  ASSERT_OK_AND_ASSIGN(TypePtr type,
                       ParseType("  STRUCT < a : INT32 NOT NULL ,b:Timestamp( US , utc ) >  "));
  EXPECT_EQ(type->ToString(), "struct<a: int32 not null, b: timestamp(us, UTC)>");
  ASSERT_OK_AND_ASSIGN(TypePtr map, ParseType("map<string not null, int8>"));
  EXPECT_EQ(map->ToString(), "map<string, int8>");
}

TEST(TypesTest, ParseTypeReportsClearErrors) {
  struct Case {
    std::string_view text;
    std::string_view message;
  };
  for (const Case& c : {
           Case{"", "expected a type name"},
           Case{"int33", "unknown type 'int33'"},
           Case{"decimal(39,2)", "precision must be between 1 and 38"},
           Case{"decimal(5,6)", "scale must be between 0 and the precision"},
           Case{"decimal(5)", "expected ','"},
           Case{"fixed_size_binary(0)", "width must be between 1 and 268435455"},
           Case{"time(s)", "expected a time unit"},
           Case{"timestamp(us, Europe)", "only supported time zone"},
           Case{"list<int32", "expected '>'"},
           Case{"list<int32> x", "unexpected trailing text"},
           Case{"struct<a int32>", "expected ':'"},
           Case{"struct<\"a: int32>", "unterminated quoted field name"},
           Case{"list<int32 not nil>", "expected NULL after NOT"},
           Case{"map<string>", "expected ','"},
       }) {
    auto result = ParseType(c.text);
    ASSERT_FALSE(result.ok()) << c.text;
    EXPECT_TRUE(result.status().IsInvalid());
    EXPECT_NE(result.status().message().find(c.message), std::string_view::npos)
        << c.text << ": " << result.status().ToString();
  }
}

TEST(TypesTest, ParseTypeLimitsNesting) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "list<";
  deep += "int32";
  for (int i = 0; i < 100; ++i) deep += ">";
  auto result = ParseType(deep);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("nested too deeply"), std::string_view::npos);
}

TEST(TypesTest, DecimalValidatesPrecisionAndScale) {
  EXPECT_TRUE(Decimal(1, 0).ok());
  EXPECT_TRUE(Decimal(38, 38).ok());
  EXPECT_FALSE(Decimal(0, 0).ok());
  EXPECT_FALSE(Decimal(39, 0).ok());
  EXPECT_FALSE(Decimal(10, -1).ok());
  EXPECT_FALSE(Decimal(10, 11).ok());
  TypePtr type = Dec(12, 3);
  EXPECT_EQ(type->precision(), 12);
  EXPECT_EQ(type->scale(), 3);
  EXPECT_EQ(type->byte_width(), 16);
  EXPECT_FALSE(FixedSizeBinary(-3).ok());
  EXPECT_TRUE(FixedSizeBinary(kMaxFixedSizeBinaryWidth).ok());
  EXPECT_FALSE(FixedSizeBinary(kMaxFixedSizeBinaryWidth + 1).ok());
}

TEST(TypesTest, EqualsComparesParameters) {
  EXPECT_TRUE(Int32()->Equals(*Int32()));
  EXPECT_FALSE(Int32()->Equals(*Int64()));
  EXPECT_FALSE(Int32()->Equals(*Date()));
  EXPECT_TRUE(Dec(10, 2)->Equals(*Dec(10, 2)));
  EXPECT_FALSE(Dec(10, 2)->Equals(*Dec(10, 3)));
  EXPECT_FALSE(Dec(10, 2)->Equals(*Dec(11, 2)));
  EXPECT_FALSE(Timestamp(TimeUnit::kMicro)->Equals(*Timestamp(TimeUnit::kMilli)));
  EXPECT_FALSE(Timestamp(TimeUnit::kMicro)->Equals(*Timestamp(TimeUnit::kMicro, true)));
  EXPECT_FALSE(FixedSizeBinary(16).ValueOrDie()->Equals(*Uuid()));
  EXPECT_FALSE(String()->Equals(*Json()));
}

TEST(TypesTest, NestedEqualityIgnoresLayoutNamesOnly) {
  // Writers name list elements "element", "item" or "array"; all are equal.
  EXPECT_TRUE(List(Field("item", Int32()))->Equals(*List(Int32())));
  EXPECT_FALSE(List(Field("item", Int32(), false))->Equals(*List(Int32())));
  EXPECT_TRUE(Map(Field("k", String()), Field("v", Int32()))->Equals(*Map(String(), Int32())));
  EXPECT_FALSE(Map(String(), Int32())->Equals(*Map(String(), Int64())));
  // Struct member names and nullability matter.
  EXPECT_TRUE(Struct({{"a", Int32()}})->Equals(*Struct({{"a", Int32()}})));
  EXPECT_FALSE(Struct({{"a", Int32()}})->Equals(*Struct({{"b", Int32()}})));
  EXPECT_FALSE(Struct({{"a", Int32()}})->Equals(*Struct({{"a", Int32(), false}})));
  EXPECT_FALSE(Struct({{"a", Int32()}})->Equals(*Struct({{"a", Int32()}, {"b", Int32()}})));
}

TEST(TypesTest, MapLayoutIsListOfKeyValueStructs) {
  TypePtr map = Map(Field("k", String(), /*nullable=*/true), Field("v", Int32()));
  ASSERT_EQ(map->num_fields(), 1);
  const Field& entries = map->field(0);
  EXPECT_EQ(entries.name, "key_value");
  EXPECT_FALSE(entries.nullable);
  ASSERT_EQ(entries.type->id(), TypeId::kStruct);
  EXPECT_EQ(entries.type->field(0).name, "k");
  EXPECT_FALSE(entries.type->field(0).nullable) << "keys are forced non-null";
  EXPECT_TRUE(entries.type->field(1).nullable);
  EXPECT_EQ(List(Int8())->field(0).name, "element");
}

TEST(TypesTest, PhysicalLayoutProperties) {
  EXPECT_EQ(Bool()->bit_width(), 1);
  EXPECT_EQ(Int16()->bit_width(), 16);
  EXPECT_EQ(Date()->bit_width(), 32);
  EXPECT_EQ(Time(TimeUnit::kNano)->bit_width(), 64);
  EXPECT_EQ(Dec(5, 0)->bit_width(), 128);
  EXPECT_EQ(Uuid()->bit_width(), 128);
  EXPECT_EQ(FixedSizeBinary(3).ValueOrDie()->bit_width(), 24);
  EXPECT_EQ(String()->bit_width(), 0);
  EXPECT_TRUE(Json()->is_binary_like());
  EXPECT_FALSE(Uuid()->is_binary_like());
  EXPECT_TRUE(Map(Int8(), Int8())->is_nested());
  EXPECT_TRUE(UInt64()->is_integer());
  EXPECT_FALSE(Float32()->is_integer());
  EXPECT_TRUE(Float32()->is_floating());
  EXPECT_EQ(Struct({})->num_buffers(), 1);
  EXPECT_EQ(List(Int8())->num_buffers(), 2);
  EXPECT_EQ(Int8()->num_buffers(), 2);
  EXPECT_EQ(Binary()->num_buffers(), 3);
}

TEST(TypesTest, FieldToStringAndEquals) {
  Field a("a", Int32(), false, {{"k", "v"}});
  EXPECT_EQ(a.ToString(), "a: int32 not null");
  EXPECT_EQ(Field("1st col", Int32()).ToString(), "\"1st col\": int32");
  Field b("a", Int32(), false);
  EXPECT_TRUE(a.Equals(b));
  EXPECT_FALSE(a.Equals(b, /*check_metadata=*/true));
  EXPECT_FALSE(a.Equals(Field("a", Int32())));
  ASSERT_OK_AND_ASSIGN(Field parsed, ParseField("\"1st \"\"col\"\"\": list<uuid> not null"));
  EXPECT_EQ(parsed.name, "1st \"col\"");
  EXPECT_FALSE(parsed.nullable);
  EXPECT_TRUE(parsed.type->Equals(*List(Uuid())));
}

TEST(TypesTest, TypeIdNameIsTheKeyword) {
  EXPECT_EQ(TypeIdName(TypeId::kBool), "bool");
  EXPECT_EQ(TypeIdName(TypeId::kFixedSizeBinary), "fixed_size_binary");
  EXPECT_EQ(TypeIdName(TypeId::kTimestamp), "timestamp");
  EXPECT_EQ(TypeIdName(TypeId::kMap), "map");
}

TEST(TypesTest, TimeUnitHelpers) {
  EXPECT_EQ(TimeUnitName(TimeUnit::kMilli), "ms");
  EXPECT_EQ(UnitsPerSecond(TimeUnit::kMilli), 1000);
  EXPECT_EQ(UnitsPerSecond(TimeUnit::kMicro), 1000000);
  EXPECT_EQ(UnitsPerSecond(TimeUnit::kNano), 1000000000);
}

}  // namespace
}  // namespace strata
