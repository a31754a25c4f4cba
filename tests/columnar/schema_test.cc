#include "columnar/schema.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

SchemaPtr Sample() {
  return MakeSchema({{"id", Int64(), false}, {"name", String()}, {"tags", List(String())}},
                    {{"origin", "test"}});
}

TEST(SchemaTest, Accessors) {
  SchemaPtr schema = Sample();
  EXPECT_EQ(schema->num_fields(), 3);
  EXPECT_EQ(schema->field(1).name, "name");
  EXPECT_EQ(schema->FieldIndex("tags"), 2);
  EXPECT_EQ(schema->FieldIndex("missing"), -1);
  EXPECT_EQ(schema->FieldIndex("ID"), -1) << "lookups are case-sensitive";
  EXPECT_EQ(schema->metadata().size(), 1u);
}

TEST(SchemaTest, FieldIndexTakesFirstDuplicate) {
  Schema schema({{"a", Int32()}, {"a", Int64()}});
  EXPECT_EQ(schema.FieldIndex("a"), 0);
}

TEST(SchemaTest, EqualsOptionallyChecksMetadata) {
  SchemaPtr a = Sample();
  Schema b(a->fields());
  EXPECT_TRUE(a->Equals(b));
  EXPECT_FALSE(a->Equals(b, /*check_metadata=*/true));
  EXPECT_TRUE(a->Equals(*Sample(), true));
  EXPECT_FALSE(a->Equals(Schema({{"id", Int64(), false}})));
  EXPECT_FALSE(a->Equals(Schema({{"id", Int64()}, {"name", String()}, {"tags", List(String())}})));
}

TEST(SchemaTest, ToStringAndParseSchemaRoundTrip) {
  SchemaPtr schema = Sample();
  const std::string text = schema->ToString();
  EXPECT_EQ(text, "id: int64 not null\nname: string\ntags: list<string>");
  ASSERT_OK_AND_ASSIGN(SchemaPtr parsed, ParseSchema("# a comment\n\n" + text + "\n"));
  EXPECT_TRUE(parsed->Equals(*schema));
}

TEST(SchemaTest, ParseSchemaNamesTheBadLine) {
  auto result = ParseSchema("a: int32\nb: nope\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("line 2"), std::string_view::npos)
      << result.status().ToString();
}

}  // namespace
}  // namespace strata
