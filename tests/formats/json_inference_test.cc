#include <gtest/gtest.h>

#include "json_test_util.h"

namespace strata::formats {
namespace {

using JsonInferenceTest = JsonTest;

TEST_F(JsonInferenceTest, ScalarsMapThroughTheValuesLayer) {
  const std::string path =
      Write("a.jsonl", R"({"id": 1, "price": 2, "name": "x", "ok": true, "none": null, )"
                       R"("day": "2025-01-02", "at": "2025-10-01T05:00:00Z", "code": "123"})"
                       "\n"
                       R"({"id": 2, "price": 2.5, "name": "y", "ok": false, "none": null, )"
                       R"("day": "2025-01-03", "at": "2025-10-01T06:00:00.5Z", "code": "456"})"
                       "\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"id", Int64()},
                                            {"price", Float64()},
                                            {"name", String()},
                                            {"ok", Bool()},
                                            {"none", String()},
                                            {"day", Date()},
                                            {"at", Timestamp(TimeUnit::kMicro, true)},
                                            {"code", String()}})
                                    ->ToString());
}

TEST_F(JsonInferenceTest, UnionOfFieldsInFirstSeenOrder) {
  const std::string path = Write("u.jsonl", "{\"a\": 1}\n{\"b\": \"x\", \"a\": 2}\n{\"c\": [1]}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(),
            MakeSchema({{"a", Int64()}, {"b", String()}, {"c", List(Int64())}})->ToString());
}

TEST_F(JsonInferenceTest, ConflictingKindsNameFieldKindsAndLines) {
  const std::string path = Write("c.jsonl", "{\"x\": 1}\n\n{\"x\": {\"y\": 2}}\n");
  Result<SchemaPtr> schema = Infer(path);
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(schema.status().message(),
            path +
                ": field 'x' holds a number (line 1) and an object (line 3); "
                "on_conflict_json reads such a field as json text");
  const std::string strings = Write("s.jsonl", "{\"x\": \"a\"}\n{\"x\": 2}\n");
  Result<SchemaPtr> mixed = Infer(strings);
  ASSERT_FALSE(mixed.ok());
  EXPECT_NE(mixed.status().message().find("a string (line 1) and a number (line 2)"),
            std::string::npos);
}

TEST_F(JsonInferenceTest, ObjectsBecomeStructsAndArraysLists) {
  const std::string path =
      Write("s.jsonl",
            "{\"p\": {\"x\": 1, \"tags\": [\"a\"]}, \"l\": [[1, 2.5], []]}\n"
            "{\"p\": {\"y\": true, \"deep\": {\"z\": [{\"k\": \"v\"}]}}, \"l\": null}\n"
            "{\"p\": null, \"l\": [null, [3]], \"e\": [], \"o\": {}}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(),
            "p: struct<x: int64, tags: list<string>, y: bool, deep: struct<z: "
            "list<struct<k: string>>>>\nl: list<list<float64>>\ne: list<string>\no: json");
}

TEST_F(JsonInferenceTest, ObjectsAndArraysConflict) {
  const std::string path = Write("n.jsonl", "{\"x\": [1]}\n{\"x\": {\"y\": 2}}\n");
  const Status status = Infer(path).status();
  EXPECT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_NE(status.message().find("an array (line 1) and an object (line 2)"), std::string::npos);
  JsonReadOptions json;
  json.on_conflict_json = true;
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, json));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"x", Json()}})->ToString());
  // A conflict inside a list makes only its elements json.
  const std::string mixed = Write("m.jsonl", "{\"x\": [1, {\"f\": 2}]}\n");
  const Status inside = Infer(mixed).status();
  EXPECT_NE(inside.message().find("'x' holds a number (line 1) and an object (line 1)"),
            std::string::npos)
      << inside.ToString();
  ASSERT_OK_AND_ASSIGN(SchemaPtr elements, Infer(mixed, json));
  EXPECT_EQ(elements->ToString(), "x: list<json>");
  JsonReadOptions flatten;
  flatten.flatten = true;
  EXPECT_FALSE(Infer(path, flatten).ok());
}

TEST_F(JsonInferenceTest, FlattenConflictKeepsObjectsWholeAsJson) {
  const std::string path =
      Write("f.jsonl", "{\"a\": {\"b\": 1}, \"c\": 1}\n{\"a\": 5, \"c\": 2}\n");
  JsonReadOptions options;
  options.flatten = true;
  options.on_conflict_json = true;
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, options));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"a", Json()}, {"c", Int64()}})->ToString());
  ASSERT_OK_AND_ASSIGN(std::string rows, InferAndRead(path, options));
  EXPECT_EQ(rows, "{\"a\":{\"b\":1},\"c\":1}\n{\"a\":5,\"c\":2}\n");
}

TEST_F(JsonInferenceTest, SampleStopsEarlyAndSkipsBadRecords) {
  const std::string path =
      Write("s.jsonl", "{\"a\": 1}\nnot json\n[1, 2]\n{\"a\": 2}\n{\"a\": 2.5}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr two, Infer(path, {}, InferOptions{.sample_rows = 2}));
  EXPECT_EQ(two->ToString(), MakeSchema({{"a", Int64()}})->ToString());
  ASSERT_OK_AND_ASSIGN(SchemaPtr all, Infer(path, {}, InferOptions{.sample_rows = -1}));
  EXPECT_EQ(all->ToString(), MakeSchema({{"a", Float64()}})->ToString());
}

TEST_F(JsonInferenceTest, EmptyInputHasNothingToInfer) {
  for (const char* text : {"", "  \n\n", "[]", "{}\n"}) {
    const std::string path = Write("e.json", text);
    Result<SchemaPtr> schema = Infer(path);
    ASSERT_FALSE(schema.ok()) << text;
    EXPECT_NE(schema.status().message().find("nothing to infer"), std::string::npos) << text;
  }
}

TEST_F(JsonInferenceTest, NumbersBeyondInt64AreFloat64) {
  const std::string path = Write("b.jsonl", "{\"n\": 1}\n{\"n\": 18446744073709551615}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"n", Float64()}})->ToString());
  JsonReadOptions exact;
  exact.values.exact_decimals = true;
  ASSERT_OK_AND_ASSIGN(SchemaPtr decimal, Infer(path, exact));
  EXPECT_EQ(decimal->ToString(), MakeSchema({{"n", *Decimal(20, 0)}})->ToString());
}

TEST_F(JsonInferenceTest, FractionalWrittenWholeStaysFloat) {
  const std::string path = Write("f.jsonl", "{\"n\": 2.0}\n{\"n\": 3}\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"n", Float64()}})->ToString());
}

}  // namespace
}  // namespace strata::formats
