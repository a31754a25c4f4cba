// The schema-file reader: JSON and YAML into one schema, every error path,
// and the header comparison `convert --schema` reports.
#include "cli/schema_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "formats/csv_reader.h"

namespace strata::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::string_view kJson = R"js({
  "columns": [
    {"name": "id", "type": "int64", "nullable": false},
    {"name": "day", "from": "Day", "type": "date", "format": "%d/%m/%Y"},
    {"name": "price", "type": "decimal(12, 2)", "encoding": "byte_stream_split"},
    {"name": "at", "type": "timestamp(us, UTC)", "nullable": true, "encoding": "auto"}
  ]
})js";

constexpr std::string_view kYaml = R"js(# the same schema
columns:
  - name: id
    type: int64
    nullable: false
  - {name: day, from: Day, type: date, format: "%d/%m/%Y"}
  - name: price
    type: decimal(12, 2)
    encoding: byte_stream_split
  - name: at
    type: timestamp(us, UTC)
    nullable: True
    encoding: auto
)js";

Status ParseError(std::string_view text, const std::string& path) {
  return ParseSchemaFile(text, path).status();
}

TEST(SchemaFileTest, JsonAndYamlParseEqual) {
  Result<SchemaFile> json = ParseSchemaFile(kJson, "s.json");
  Result<SchemaFile> yaml = ParseSchemaFile(kYaml, "s.yaml");
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  ASSERT_TRUE(yaml.ok()) << yaml.status().ToString();
  ASSERT_EQ(json->columns.size(), 4U);
  ASSERT_EQ(yaml->columns.size(), 4U);
  for (size_t i = 0; i < 4; ++i) {
    const SchemaColumn& a = json->columns[i];
    const SchemaColumn& b = yaml->columns[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.from, b.from);
    EXPECT_EQ(a.type->ToString(), b.type->ToString());
    EXPECT_EQ(a.nullable, b.nullable);
    EXPECT_EQ(a.format, b.format);
    EXPECT_EQ(a.encoding, b.encoding);
  }
  EXPECT_FALSE(json->columns[0].nullable);
  EXPECT_EQ(json->columns[0].from, "id");
  EXPECT_EQ(json->columns[1].from, "Day");
  EXPECT_EQ(json->columns[2].type->ToString(), "decimal(12,2)");
  EXPECT_EQ(json->columns[2].encoding, parquet::Encoding::kByteStreamSplit);
  EXPECT_EQ(json->columns[3].encoding, std::nullopt);
  EXPECT_TRUE(json->columns[3].nullable);
}

TEST(SchemaFileTest, FormatBecomesFieldMetadata) {
  Result<SchemaFile> file = ParseSchemaFile(
      R"js({"columns": [{"name": "d", "type": "date", "format": "%d/%m/%Y"},
                      {"name": "t", "type": "timestamp(ms)", "format": "%Y%m%d %H%M%S"}]})js",
      "s.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  SchemaPtr schema = SchemaFileSchema(*file);
  ASSERT_EQ(schema->num_fields(), 2);
  EXPECT_THAT(schema->field(0).metadata, ElementsAre(std::pair<std::string, std::string>(
                                             formats::kDateFormatKey, "%d/%m/%Y")));
  EXPECT_THAT(schema->field(1).metadata, ElementsAre(std::pair<std::string, std::string>(
                                             formats::kTimestampFormatKey, "%Y%m%d %H%M%S")));
}

// Without a known extension, '{' means JSON; anything else is YAML.
TEST(SchemaFileTest, SniffsTheSyntax) {
  EXPECT_TRUE(ParseSchemaFile(kJson, "schema.txt").ok());
  EXPECT_TRUE(ParseSchemaFile(kYaml, "schema").ok());
  EXPECT_TRUE(ParseSchemaFile(kYaml, "schema.yml").ok());
}

TEST(SchemaFileTest, PrintedSchemaReadsBack) {
  SchemaPtr schema = MakeSchema(
      {Field("a \"quoted\" name", Int64(), false),
       Field("d", Date(), true, {{std::string(formats::kDateFormatKey), "%m/%d/%Y"}}),
       Field("p", Decimal(10, 3).ValueOrDie()), Field("ts", Timestamp(TimeUnit::kNano, true))});
  Result<SchemaFile> file = ParseSchemaFile(SchemaFileText(*schema), "printed.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_TRUE(SchemaFileSchema(*file)->Equals(*schema, /*check_metadata=*/true));
}

TEST(SchemaFileTest, UnknownKeysAreErrors) {
  EXPECT_EQ(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "nulable": false}]})js", "s.json")
          .message(),
      "s.json: column 1 'a': unknown key 'nulable' (expected name, from, type, nullable, "
      "format, encoding or compression)");
  EXPECT_EQ(ParseError("colums:\n  - {name: a, type: int64}\n", "s.yaml").message(),
            "s.yaml: unknown key 'colums' (expected columns)");
}

TEST(SchemaFileTest, UnknownTypeNamesColumnAndValue) {
  const Status status = ParseError(
      "columns:\n  - {name: a, type: int64}\n  - {name: b, type: string}\n"
      "  - {name: price, type: 'decimel(10,2)'}\n",
      "schema.yaml");
  EXPECT_EQ(status.code(), StatusCode::kInvalid);
  EXPECT_THAT(status.message(), HasSubstr("schema.yaml: column 3 'price': unknown type "
                                          "'decimel(10,2)'"));
}

TEST(SchemaFileTest, MissingAndBadValues) {
  EXPECT_EQ(ParseError(R"js({"columns": [{"type": "int64"}]})js", "s.json").message(),
            "s.json: column 1: missing 'name'");
  EXPECT_EQ(ParseError(R"js({"columns": [{"name": "a"}]})js", "s.json").message(),
            "s.json: column 1 'a': missing 'type'");
  EXPECT_EQ(ParseError(R"js({"columns": [{"name": "", "type": "int64"}]})js", "s.json").message(),
            "s.json: column 1: 'name' must be a non-empty string, got ''");
  EXPECT_EQ(ParseError(R"js({"columns": [{"name": "a", "type": "int64", "nullable": "false"}]})js",
                       "s.json")
                .message(),
            "s.json: column 1 'a': 'nullable' must be true or false, got 'false'");
  EXPECT_EQ(ParseError("columns:\n  - {name: a, type: int64, nullable: yes}\n", "s.yaml").message(),
            "s.yaml: column 1 'a': 'nullable' must be true or false, got 'yes'");
  EXPECT_EQ(ParseError(R"js({"columns": []})js", "s.json").message(),
            "s.json: 'columns' must be a non-empty list, got a list");
  EXPECT_EQ(ParseError(R"js({})js", "s.json").message(), "s.json: missing 'columns'");
  EXPECT_EQ(ParseError(R"js({"columns": [3]})js", "s.json").message(),
            "s.json: column 1: expected an object with name and type, got 3");
}

TEST(SchemaFileTest, DuplicateNamesAndKeys) {
  EXPECT_EQ(
      ParseError("columns:\n  - {name: a, type: int64}\n  - {name: a, type: string}\n", "s.yaml")
          .message(),
      "s.yaml: column 2 'a': duplicate name (also column 1)");
  EXPECT_EQ(ParseError("columns:\n  - {name: a, type: int64}\n  - {name: b, from: a, type: "
                       "string}\n",
                       "s.yaml")
                .message(),
            "s.yaml: column 2 'b': duplicate input column 'a' (also column 1)");
  EXPECT_EQ(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "type": "string"}]})js", "s.json")
          .message(),
      "s.json: duplicate key 'type'");
}

TEST(SchemaFileTest, FormatAndEncodingAreChecked) {
  EXPECT_EQ(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "format": "%Y"}]})js", "s.json")
          .message(),
      "s.json: column 1 'a': 'format' applies to date and timestamp columns, not int64");
  EXPECT_EQ(
      ParseError(R"js({"columns": [{"name": "d", "type": "date", "format": "%Y-%q"}]})js", "s.json")
          .message(),
      "s.json: column 1 'd': format '%Y-%q' has unknown directive '%q'");
  EXPECT_THAT(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "encoding": "zigzag"}]})js",
                 "s.json")
          .message(),
      HasSubstr("s.json: column 1 'a': unknown encoding 'zigzag' (expected auto, plain"));
}

TEST(SchemaFileTest, CompressionIsReadWithItsLevel) {
  Result<SchemaFile> file = ParseSchemaFile(
      "columns:\n  - {name: a, type: int64, compression: snappy}\n"
      "  - {name: b, type: string, compression: \"zstd:9\"}\n  - {name: c, type: string}\n",
      "s.yaml");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_TRUE(file->columns[0].compression.has_value());
  EXPECT_EQ(file->columns[0].compression->codec, parquet::CompressionCodec::kSnappy);
  EXPECT_EQ(file->columns[0].compression->level, std::nullopt);
  ASSERT_TRUE(file->columns[1].compression.has_value());
  EXPECT_EQ(file->columns[1].compression->codec, parquet::CompressionCodec::kZstd);
  EXPECT_EQ(file->columns[1].compression->level, 9);
  EXPECT_FALSE(file->columns[2].compression.has_value());
}

TEST(SchemaFileTest, BadCompressionNamesTheColumnAndValue) {
  EXPECT_THAT(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "compression": "lzo"}]})js",
                 "s.json")
          .message(),
      HasSubstr("s.json: column 1 'a': compression 'lzo': unknown codec 'lzo' (expected zstd"));
  EXPECT_EQ(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "compression": "zstd:x"}]})js",
                 "s.json")
          .message(),
      "s.json: column 1 'a': compression 'zstd:x': invalid level 'x' (expected an integer)");
  EXPECT_EQ(
      ParseError(R"js({"columns": [{"name": "a", "type": "int64", "compression": "snappy:3"}]})js",
                 "s.json")
          .message(),
      "s.json: column 1 'a': compression 'snappy:3': SNAPPY does not take a compression level");
}

TEST(SchemaFileTest, CodecsApplyUnlessTheCommandLineNamesTheColumn) {
  Result<SchemaFile> file = ParseSchemaFile(
      R"js({"columns": [{"name": "a", "type": "int64", "compression": "snappy"},
                        {"name": "b", "type": "int64", "compression": "gzip:4"},
                        {"name": "gone", "type": "int64", "compression": "lz4"}]})js",
      "s.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  parquet::WriterOptions options;
  options.column.codec = parquet::CompressionCodec::kBrotli;  // The default loses to the file.
  options.column_codecs["b"] = {.codec = parquet::CompressionCodec::kUncompressed};
  const SchemaPtr written = MakeSchema({{"a", Int64()}, {"b", Int64()}});
  ApplySchemaEncodings(*file, *written, &options);
  ASSERT_EQ(options.column_codecs.size(), 2u);
  EXPECT_EQ(options.column_codecs["a"].codec, parquet::CompressionCodec::kSnappy);
  EXPECT_EQ(options.column_codecs["b"].codec, parquet::CompressionCodec::kUncompressed);
  EXPECT_EQ(options.column_codecs["b"].level, std::nullopt);
  EXPECT_EQ(options.column.codec, parquet::CompressionCodec::kBrotli);
}

TEST(SchemaFileTest, MalformedDocuments) {
  const Status json = ParseError(R"js({"columns": [{"name": "a",]})js", "s.json");
  EXPECT_EQ(json.code(), StatusCode::kInvalid);
  EXPECT_THAT(json.message(), HasSubstr("s.json: malformed JSON: "));
  // libyaml gives the line and column.
  const Status yaml = ParseError("columns:\n  - name: a\n   type: [int64\n", "s.yaml");
  EXPECT_EQ(yaml.code(), StatusCode::kInvalid);
  EXPECT_THAT(yaml.message(),
              ::testing::MatchesRegex("s\\.yaml:[0-9]+:[0-9]+: malformed YAML: .+"));
  EXPECT_THAT(ParseError("columns:\n  - &x {name: a, type: int64}\n  - *x\n", "s.yaml").message(),
              HasSubstr("YAML aliases are not supported"));
  EXPECT_THAT(ParseError("", "s.yaml").message(), HasSubstr("s.yaml: empty YAML document"));
  EXPECT_THAT(ParseError("columns: []\n---\ncolumns: []\n", "s.yaml").message(),
              HasSubstr("one YAML document"));
  EXPECT_THAT(ParseError("- a\n- b\n", "s.yaml").message(),
              HasSubstr("s.yaml: expected an object with 'columns', got a list"));
}

TEST(SchemaFileTest, HeaderDifferencesListEveryMismatch) {
  EXPECT_THAT(HeaderDifferences({"a", "b"}, {"a", "b"}), IsEmpty());
  EXPECT_THAT(
      HeaderDifferences({"a", "x", "c"}, {"a", "b"}),
      ElementsAre("missing column 'b' (expected at position 2)",
                  "unexpected column 'x' at position 2", "unexpected column 'c' at position 3"));
  EXPECT_THAT(HeaderDifferences({"a", "c", "b"}, {"a", "b", "c"}),
              ElementsAre("column 'c' at position 2 (expected at position 3)",
                          "column 'b' at position 3 (expected at position 2)"));
  EXPECT_THAT(HeaderDifferences({"a", "a"}, {"a"}),
              ElementsAre("duplicate column 'a' at position 2"));
  // A missing column alone does not make the others out of order.
  EXPECT_THAT(HeaderDifferences({"a", "c"}, {"a", "b", "c"}),
              ElementsAre("missing column 'b' (expected at position 2)"));
}

// JSON members match by name at every depth; a map takes any member, and
// with flatten a declared column owns the dotted fields under it.
TEST(SchemaFileTest, JsonShapeDifferencesNameMembersAtEveryDepth) {
  Result<SchemaFile> file = ParseSchemaFile(R"js({"columns": [
      {"name": "id", "type": "int64"},
      {"name": "p", "type": "struct<a: int64, b: int64 not null>"},
      {"name": "l", "type": "list<struct<k: int64>>"},
      {"name": "m", "type": "map<string, struct<v: int64>>"},
      {"name": "o", "type": "json"},
      {"name": "req", "type": "int64", "nullable": false}]})js",
                                            "s.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const Schema sample(
      {Field("id", Int64()), Field("x", Int64()),
       Field("p", Struct({Field("a", Int64()), Field("w", Int64())})),
       Field("l", List(Struct({Field("k", Int64()), Field("q", Int64())}))),
       Field("m", Struct({Field("any", Struct({Field("v", Int64()), Field("u", Int64())}))})),
       Field("o.deep", Int64())});
  EXPECT_THAT(JsonShapeDifferences(sample, *file),
              ElementsAre("unexpected member 'x'", "unexpected member 'p.w'",
                          "missing member 'p.b' (not nullable)", "unexpected member 'l.q'",
                          "unexpected member 'm.any.u'",
                          "missing member 'req' (column 'req' is not nullable)"));
  const Schema agrees({Field("id", Int64()), Field("req", String())});
  EXPECT_THAT(JsonShapeDifferences(agrees, *file), IsEmpty());
}

}  // namespace
}  // namespace strata::cli
