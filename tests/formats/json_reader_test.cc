#include "formats/json_reader.h"

#include <gtest/gtest.h>

#include "json_test_util.h"

namespace strata::formats {
namespace {

using JsonReaderTest = JsonTest;

TEST_F(JsonReaderTest, ReadsJsonLines) {
  const std::string path = Write("a.jsonl",
                                 "{\"id\": 1, \"price\": 2, \"at\": \"2025-10-01T05:00:00Z\"}\n"
                                 "\n"
                                 "{\"id\": 2, \"price\": 2.5, \"at\": null}\r\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(
      schema->ToString(),
      MakeSchema({{"id", Int64()}, {"price", Float64()}, {"at", Timestamp(TimeUnit::kMicro, true)}})
          ->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows,
            "{\"id\":1,\"price\":2.0,\"at\":\"2025-10-01T05:00:00Z\"}\n"
            "{\"id\":2,\"price\":2.5,\"at\":null}\n");
  EXPECT_EQ(reader->rows_read(), 2);
  EXPECT_EQ(reader->rows_rejected(), 0);
  EXPECT_GT(reader->file_size(), 0);
}

TEST_F(JsonReaderTest, ReadsArrayDocumentWithRecordLines) {
  const std::string path = Write("a.json",
                                 "[\n"
                                 "  {\"a\": 1, \"b\": \"x\"},\n"
                                 "  {\"a\": 2},\n"
                                 "  {\"a\": \"oops\", \"b\": \"z\"}\n"
                                 "]\n");
  const SchemaPtr schema = MakeSchema({{"a", Int64()}, {"b", String()}});
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  Result<std::string> failed = ReadAll(reader.get());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), path + ":4: column 'a': 'oops' is not a valid int64");
  JsonReadOptions skip;
  skip.on_error = OnError::kSkip;
  ASSERT_OK_AND_ASSIGN(auto skipping, Open(path, schema, skip));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(skipping.get()));
  EXPECT_EQ(rows, "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":null}\n");
  const std::vector<RejectedRow> rejected = skipping->TakeRejected();
  ASSERT_EQ(rejected.size(), 1U);
  EXPECT_EQ(rejected[0].line, 4);
  EXPECT_EQ(rejected[0].column, "a");
  EXPECT_EQ(rejected[0].raw, "{\"a\":\"oops\",\"b\":\"z\"}");
}

TEST_F(JsonReaderTest, RecordsPointerAndCarry) {
  const std::string path = Write("advisor.json", R"({
  "timestamp": "2025-10-01T05:00:00Z",
  "database": "x",
  "recommendations": [
    {"table": "t", "columns": ["a", "b"], "estimated_improvement_pct": 42.5},
    {"table": "u", "columns": ["c"], "estimated_improvement_pct": 7}
  ]
})");
  JsonReadOptions options;
  options.records_pointer = "/recommendations";
  options.carry = {"/timestamp"};
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, options));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"timestamp", Timestamp(TimeUnit::kMicro, true)},
                                            {"table", String()},
                                            {"columns", List(String())},
                                            {"estimated_improvement_pct", Float64()}})
                                    ->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, options));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows,
            "{\"timestamp\":\"2025-10-01T05:00:00Z\",\"table\":\"t\",\"columns\":[\"a\",\"b\"],"
            "\"estimated_improvement_pct\":42.5}\n"
            "{\"timestamp\":\"2025-10-01T05:00:00Z\",\"table\":\"u\",\"columns\":[\"c\"],"
            "\"estimated_improvement_pct\":7.0}\n");
}

TEST_F(JsonReaderTest, BadPointersFailOpen) {
  const std::string path = Write("p.json", R"({"a": 1, "list": []})");
  JsonReadOptions options;
  options.records_pointer = "/a";
  Result<SchemaPtr> not_array = Infer(path, options);
  ASSERT_FALSE(not_array.ok());
  EXPECT_EQ(not_array.status().message(),
            path + ": records_pointer '/a' selects a number, not an array of records");
  options.records_pointer = "/list";
  options.carry = {"/missing"};
  Result<SchemaPtr> missing = Infer(path, options);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("carry '/missing'"), std::string::npos);
  JsonReadOptions carry_only;
  carry_only.carry = {"/a"};
  EXPECT_FALSE(Infer(path, carry_only).ok());
}

TEST_F(JsonReaderTest, FlattenMakesDottedColumns) {
  const std::string path =
      Write("f.jsonl",
            "{\"a\": {\"b\": 1, \"c\": {\"d\": \"x\"}}, \"e\": [\"p\", \"q\"]}\n"
            "{\"a\": {\"c\": {\"d\": \"y\"}}, \"e\": []}\n");
  JsonReadOptions options;
  options.flatten = true;
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, options));
  EXPECT_EQ(schema->ToString(),
            MakeSchema({{"a.b", Int64()}, {"a.c.d", String()}, {"e", List(String())}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, options));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows,
            "{\"a.b\":1,\"a.c.d\":\"x\",\"e\":[\"p\",\"q\"]}\n"
            "{\"a.b\":null,\"a.c.d\":\"y\",\"e\":[]}\n");
  // Without flatten the object is one struct column, its missing member null.
  ASSERT_OK_AND_ASSIGN(SchemaPtr nested, Infer(path));
  EXPECT_EQ(nested->field(0).type->ToString(), "struct<b: int64, c: struct<d: string>>");
  ASSERT_OK_AND_ASSIGN(std::string whole, InferAndRead(path));
  EXPECT_EQ(whole,
            "{\"a\":{\"b\":1,\"c\":{\"d\":\"x\"}},\"e\":[\"p\",\"q\"]}\n"
            "{\"a\":{\"b\":null,\"c\":{\"d\":\"y\"}},\"e\":[]}\n");
}

TEST_F(JsonReaderTest, MissingFieldsAreNullAndIntsJoinDoubles) {
  const std::string path =
      Write("m.jsonl", "{\"a\": 1}\n{\"b\": true}\n{\"a\": 0.5, \"b\": false}\n");
  ASSERT_OK_AND_ASSIGN(std::string rows, InferAndRead(path));
  EXPECT_EQ(rows, "{\"a\":1.0,\"b\":null}\n{\"a\":null,\"b\":true}\n{\"a\":0.5,\"b\":false}\n");
}

TEST_F(JsonReaderTest, OnConflictJsonKeepsEachValuesJson) {
  const std::string path =
      Write("c.jsonl", "{\"x\": 1}\n{\"x\": \"s\"}\n{\"x\": {\"y\": [true]}}\n");
  JsonReadOptions options;
  options.on_conflict_json = true;
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, options));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"x", Json()}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, options));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->Next());
  ASSERT_NE(batch, nullptr);
  std::string texts;
  for (int64_t row = 0; row < batch->num_rows(); ++row) {
    AppendJsonValue(*batch->column(0), row, &texts);
    texts += '|';
  }
  EXPECT_EQ(texts, "1|\"s\"|{\"y\":[true]}|");
}

TEST_F(JsonReaderTest, DecodesUnicodeEscapes) {
  const std::string path = Write("u.jsonl", R"({"s": "caf\u00e9 \ud83d\ude00 \"q\" \\ \n"})"
                                            "\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->Next());
  ASSERT_NE(batch, nullptr);
  std::string text;
  AppendJsonValue(*batch->column(0), 0, &text);
  EXPECT_EQ(text, "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \\\"q\\\" \\\\ \\n\"");
}

TEST_F(JsonReaderTest, IntegersBeyondUint64AreMalformed) {
  const std::string path =
      Write("b.jsonl", "{\"n\": 1}\n{\"n\": 123456789012345678901234567890}\n{\"n\": 2}\n");
  JsonReadOptions skip;
  skip.on_error = OnError::kSkip;
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"n", Float64()}}), skip));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "{\"n\":1.0}\n{\"n\":2.0}\n");
  const std::vector<RejectedRow> rejected = reader->TakeRejected();
  ASSERT_EQ(rejected.size(), 1U);
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_NE(rejected[0].reason.find("malformed JSON"), std::string::npos);
}

TEST_F(JsonReaderTest, MalformedLineFailsWithLineOrIsRejectedWithRaw) {
  const std::string path = Write("bad.jsonl", "{\"a\": 1}\n{\"a\": 2,,}\n[3]\n{\"a\": 4}\n");
  const SchemaPtr schema = MakeSchema({{"a", Int64()}});
  ASSERT_OK_AND_ASSIGN(auto failing, Open(path, schema));
  Result<std::string> failed = ReadAll(failing.get());
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.status().message().starts_with(path + ":2: malformed JSON: "))
      << failed.status().message();
  JsonReadOptions skip;
  skip.on_error = OnError::kSkip;
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, skip));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "{\"a\":1}\n{\"a\":4}\n");
  EXPECT_EQ(reader->rows_rejected(), 2);
  const std::vector<RejectedRow> rejected = reader->TakeRejected();
  ASSERT_EQ(rejected.size(), 2U);
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_EQ(rejected[0].raw, "{\"a\": 2,,}");
  EXPECT_EQ(rejected[1].line, 3);
  EXPECT_EQ(rejected[1].reason, "a record must be an object, not an array");
  skip.max_errors = 1;
  ASSERT_OK_AND_ASSIGN(auto bounded, Open(path, schema, skip));
  EXPECT_FALSE(ReadAll(bounded.get()).ok());
}

TEST_F(JsonReaderTest, NestedValueInScalarColumnIsRowError) {
  const std::string path = Write("n.jsonl", "{\"a\": {\"b\": 1}}\n");
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"a", Int64()}})));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), path + ":1: column 'a': an object does not fit int64");
}

TEST_F(JsonReaderTest, MalformedDocumentFails) {
  const std::string path = Write("bad.json", "[{\"a\": 1}, {\"a\" 2}]");
  Result<SchemaPtr> schema = Infer(path);
  ASSERT_FALSE(schema.ok());
  EXPECT_TRUE(schema.status().message().starts_with(path + ": malformed JSON document: "))
      << schema.status().message();
  JsonReadOptions small;
  small.limits.max_document_bytes = 4;
  Result<SchemaPtr> large = Infer(Write("big.json", "[" + std::string(1 << 17, ' ') + "]"), small);
  ASSERT_FALSE(large.ok());
  EXPECT_NE(large.status().message().find("max_document_bytes"), std::string::npos);
}

TEST_F(JsonReaderTest, PrettyPrintedObjectIsOneRecord) {
  const std::string path = Write("one.json", "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");
  ASSERT_OK_AND_ASSIGN(std::string rows, InferAndRead(path));
  EXPECT_EQ(rows, "{\"a\":1,\"b\":[1,2]}\n");
}

TEST_F(JsonReaderTest, EmptyFileReadsNoRows) {
  const std::string path = Write("empty.jsonl", "");
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"a", Int64()}})));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "");
  EXPECT_EQ(reader->rows_read(), 0);
}

TEST_F(JsonReaderTest, ReadsGzip) {
  const std::string path =
      Write("a.jsonl.gz", Gzip("\xEF\xBB\xBF{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"b\": \"y\"}\n"));
  ASSERT_OK_AND_ASSIGN(std::string rows, InferAndRead(path));
  EXPECT_EQ(rows, "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n");
  const std::string doc = Write("a.json.gz", Gzip("[{\"a\": 1}, {\"a\": 2}]"));
  ASSERT_OK_AND_ASSIGN(std::string doc_rows, InferAndRead(doc));
  EXPECT_EQ(doc_rows, "{\"a\":1}\n{\"a\":2}\n");
}

// Tiny blocks spread the lines over many chunks parsed in parallel; the
// output, the rejections and their lines match a single block's.
TEST_F(JsonReaderTest, SmallChunksMatchOneBlock) {
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    if (i % 997 == 0) text += "{broken\n";
    text += "{\"n\": " + std::to_string(i) + ", \"s\": \"v" + std::to_string(i) + "\"}\n";
  }
  const std::string path = Write("many.jsonl", text);
  const SchemaPtr schema = MakeSchema({{"n", Int64()}, {"s", String()}});
  auto read = [&](int64_t block_bytes) -> std::pair<std::string, std::vector<int64_t>> {
    JsonReadOptions options;
    options.on_error = OnError::kSkip;
    options.limits.block_bytes = block_bytes;
    auto reader = Open(path, schema, options);
    EXPECT_OK(reader.status());
    Result<std::string> rows = ReadAll(reader->get());
    EXPECT_OK(rows.status());
    std::vector<int64_t> lines;
    for (const RejectedRow& row : (*reader)->TakeRejected()) lines.push_back(row.line);
    return {*rows, lines};
  };
  const auto [one_rows, one_lines] = read(8 << 20);
  const auto [small_rows, small_lines] = read(64);
  EXPECT_EQ(small_rows, one_rows);
  EXPECT_EQ(small_lines, one_lines);
  EXPECT_EQ(one_lines, (std::vector<int64_t>{1, 999, 1997, 2995}));
  EXPECT_NE(one_rows.find("{\"n\":2999,\"s\":\"v2999\"}\n"), std::string::npos);
}

TEST_F(JsonReaderTest, WidensInt64ToFloat64AfterTheSample) {
  const std::string path = Write("w.jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 2.5}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, {}, InferOptions{.sample_rows = 2}));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"a", Int64()}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            path + ":3: column 'a': '2.5' is not a valid int64; the column widens to float64");
  ASSERT_NE(reader->widened_schema(), nullptr);
  EXPECT_EQ(reader->widened_schema()->ToString(), MakeSchema({{"a", Float64()}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto again, Open(path, reader->widened_schema()));
  ASSERT_OK_AND_ASSIGN(std::string widened, ReadAll(again.get()));
  EXPECT_EQ(widened, "{\"a\":1.0}\n{\"a\":2.0}\n{\"a\":2.5}\n");
}

// Members and elements widen as columns do, several in one chunk at once;
// the restart reads the earlier rows with the wider types too.
TEST_F(JsonReaderTest, WidensNestedLeavesAfterTheSample) {
  const std::string path = Write("n.jsonl",
                                 "{\"m\": {\"x\": 1, \"d\": \"2024-01-02\"}, \"l\": [1, 2]}\n"
                                 "{\"m\": {\"x\": 10000000000}, \"l\": []}\n"
                                 "{\"m\": {\"x\": 2.5}, \"l\": [3]}\n"
                                 "{\"m\": {\"d\": \"2024-01-03T04:05:06\"}, \"l\": [1.5]}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, {}, InferOptions{.sample_rows = 2}));
  EXPECT_EQ(
      schema->ToString(),
      MakeSchema({{"m", Struct({Field("x", Int64()), Field("d", Date())})}, {"l", List(Int64())}})
          ->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), path +
                                         ":3: column 'm': member 'x': '2.5' is not a valid int64; "
                                         "member 'x' widens to float64");
  ASSERT_NE(reader->widened_schema(), nullptr);
  const SchemaPtr wider =
      MakeSchema({{"m", Struct({Field("x", Float64()), Field("d", Timestamp(TimeUnit::kMicro))})},
                  {"l", List(Float64())}});
  EXPECT_EQ(reader->widened_schema()->ToString(), wider->ToString());
  ASSERT_OK_AND_ASSIGN(auto again, Open(path, reader->widened_schema()));
  ASSERT_OK_AND_ASSIGN(std::string widened, ReadAll(again.get()));
  EXPECT_EQ(widened,
            "{\"m\":{\"x\":1.0,\"d\":\"2024-01-02T00:00:00\"},\"l\":[1.0,2.0]}\n"
            "{\"m\":{\"x\":10000000000.0,\"d\":null},\"l\":[]}\n"
            "{\"m\":{\"x\":2.5,\"d\":null},\"l\":[3.0]}\n"
            "{\"m\":{\"x\":null,\"d\":\"2024-01-03T04:05:06\"},\"l\":[1.5]}\n");
  // An element alone: the message says what widens.
  const std::string list = Write("l.jsonl", "{\"l\": [1]}\n{\"l\": [2, 0.5]}\n");
  ASSERT_OK_AND_ASSIGN(auto elements, Open(list, MakeSchema({{"l", List(Int64())}})));
  EXPECT_EQ(ReadAll(elements.get()).status().message(),
            list +
                ":2: column 'l': '0.5' is not a valid int64; the column's elements widen to "
                "float64");
}

// A nested value no widening fits is a row error naming the line, the
// column, the member, the value and the type; a declared schema never
// widens members.
TEST_F(JsonReaderTest, NestedMisfitsWithoutAWideningAreRowErrors) {
  const std::string path = Write("r.jsonl",
                                 "{\"m\": {\"x\": 1}}\n"
                                 "{\"m\": {\"x\": \"abc\"}}\n"
                                 "{\"m\": {\"x\": 2.5}}\n");
  const SchemaPtr schema = MakeSchema({{"m", Struct({Field("x", Int64())})}});
  ASSERT_OK_AND_ASSIGN(auto failing, Open(path, schema));
  EXPECT_EQ(ReadAll(failing.get()).status().message(),
            path + ":2: column 'm': member 'x': 'abc' is not a valid int64");
  EXPECT_EQ(failing->widened_schema(), nullptr);
  JsonReadOptions declared;
  declared.allow_widening = false;
  declared.on_error = OnError::kSkip;
  ASSERT_OK_AND_ASSIGN(auto skipping, Open(path, schema, declared));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(skipping.get()));
  EXPECT_EQ(rows, "{\"m\":{\"x\":1}}\n");
  const std::vector<RejectedRow> rejected = skipping->TakeRejected();
  ASSERT_EQ(rejected.size(), 2U);
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_EQ(rejected[0].column, "m");
  EXPECT_EQ(rejected[1].line, 3);
  EXPECT_EQ(rejected[1].reason, "member 'x': '2.5' is not a valid int64");
  EXPECT_EQ(skipping->widened_schema(), nullptr);
}

TEST_F(JsonReaderTest, FieldAfterTheSampleWidensTheSchema) {
  const std::string path = Write("n.jsonl", "{\"a\": 1}\n{\"a\": 2, \"b\": \"2025-01-02\"}\n");
  const SchemaPtr schema = MakeSchema({{"a", Int64()}});
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            path + ":2: field 'b' is not in the schema; it is added as date");
  ASSERT_NE(reader->widened_schema(), nullptr);
  EXPECT_EQ(reader->widened_schema()->ToString(),
            MakeSchema({{"a", Int64()}, {"b", Date()}})->ToString());
  // Without widening the schema selects columns.
  JsonReadOptions select;
  select.allow_widening = false;
  ASSERT_OK_AND_ASSIGN(auto selecting, Open(path, schema, select));
  ASSERT_OK_AND_ASSIGN(std::string selected, ReadAll(selecting.get()));
  EXPECT_EQ(selected, "{\"a\":1}\n{\"a\":2}\n");
}

TEST_F(JsonReaderTest, RequiredColumnRejectsMissingField) {
  const std::string path = Write("r.jsonl", "{\"a\": 1}\n{\"b\": 2}\n");
  ASSERT_OK_AND_ASSIGN(auto reader,
                       Open(path, MakeSchema({{"a", Int64(), false}, {"b", Int64()}})));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            path + ":2: column 'a': null in column 'a', which is not nullable");
}

// What `convert --schema` asks of the reader: a column read from a member
// of another name, a column's timestamp format, and members the schema
// lacks as row errors instead of a wider schema.
TEST_F(JsonReaderTest, DeclaredSchemaRenamesFormatsAndRejectsUnknownMembers) {
  const std::string path = Write("d.jsonl",
                                 "{\"Amount\": 1, \"t\": \"02.01.2024 10:00\"}\n"
                                 "{\"Amount\": 2, \"extra\": null}\n"
                                 "{\"t\": \"2024-01-02T10:00:00\"}\n");
  JsonReadOptions options;
  options.allow_widening = false;
  options.reject_unknown_fields = true;
  options.on_error = OnError::kSkip;
  options.field_of_column = {{"amount", "Amount"}};
  const SchemaPtr schema =
      MakeSchema({Field("t", Timestamp(TimeUnit::kMicro), true,
                        {{std::string(kTimestampFormatKey), "%d.%m.%Y %H:%M"}}),
                  Field("amount", Int64())});
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, options));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "{\"t\":\"2024-01-02T10:00:00\",\"amount\":1}\n");
  const std::vector<RejectedRow> rejected = reader->TakeRejected();
  ASSERT_EQ(rejected.size(), 2U);
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_EQ(rejected[0].reason, "unexpected member 'extra': the schema has no column for it");
  EXPECT_EQ(rejected[1].line, 3);
  EXPECT_EQ(rejected[1].column, "t");
  EXPECT_EQ(reader->widened_schema(), nullptr);
}

}  // namespace
}  // namespace strata::formats
