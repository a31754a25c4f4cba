// JsonShapeInference and JsonNestedParser on their own: the merged shapes,
// and that a value which does not fit leaves nothing behind in the column.
#include "formats/json_nested.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "columnar/json_writer.h"
#include "testing/status_matchers.h"

namespace strata::formats {
namespace {

class JsonNestedTest : public ::testing::Test {
 protected:
  // `text` parsed; valid until the next call.
  simdjson::dom::element Parse(const std::string& text) {
    simdjson::dom::element value;
    EXPECT_EQ(parser_.parse(text).get(value), simdjson::SUCCESS) << text;
    return value;
  }

  Result<TypePtr> Infer(const std::vector<std::string>& values, bool on_conflict_json = false) {
    JsonShapeInference shape;
    std::vector<simdjson::dom::parser> parsers(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      simdjson::dom::element value;
      if (parsers[i].parse(values[i]).get(value) != simdjson::SUCCESS) {
        return Status::Invalid("bad JSON in the test: {}", values[i]);
      }
      shape.Observe(value, static_cast<int64_t>(i) + 1);
    }
    return shape.Type("v", on_conflict_json);
  }

  simdjson::dom::parser parser_;
};

TEST_F(JsonNestedTest, ShapesMergeAcrossValues) {
  ASSERT_OK_AND_ASSIGN(TypePtr type,
                       Infer({R"({"a": 1, "l": [1]})", R"({"b": "x", "l": [2.5, null]})", "null"}));
  EXPECT_EQ(type->ToString(), "struct<a: int64, l: list<float64>, b: string>");
  ASSERT_OK_AND_ASSIGN(TypePtr empty, Infer({"[]", "[[]]"}));
  EXPECT_EQ(empty->ToString(), "list<list<string>>");
  ASSERT_OK_AND_ASSIGN(TypePtr memberless, Infer({"{}"}));
  EXPECT_EQ(memberless->ToString(), "json");
}

TEST_F(JsonNestedTest, ConflictsNameTheMemberOrBecomeJson) {
  const Status conflict = Infer({R"({"a": {"b": 1}})", R"({"a": {"b": "x"}})"}).status();
  EXPECT_TRUE(conflict.IsInvalid()) << conflict.ToString();
  EXPECT_NE(conflict.message().find("'v.a.b' holds a number (line 1) and a string (line 2)"),
            std::string::npos)
      << conflict.ToString();
  ASSERT_OK_AND_ASSIGN(TypePtr kept, Infer({R"({"a": {"b": 1}})", R"({"a": {"b": "x"}})"}, true));
  EXPECT_EQ(kept->ToString(), "struct<a: struct<b: json>>");
}

TEST_F(JsonNestedTest, NestingPastTheLimitIsJson) {
  std::string deep = "1";
  for (int i = 0; i < JsonShapeInference::kMaxDepth + 3; ++i) deep = "[" + deep + "]";
  ASSERT_OK_AND_ASSIGN(TypePtr type, Infer({deep}));
  std::string expected = "json";
  for (int i = 0; i < JsonShapeInference::kMaxDepth; ++i) expected = "list<" + expected + ">";
  EXPECT_EQ(type->ToString(), expected);
}

TEST_F(JsonNestedTest, MisfitsAppendNothing) {
  ASSERT_OK_AND_ASSIGN(TypePtr type, Infer({R"({"x": 1, "l": [{"k": true}]})"}));
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type));
  ASSERT_OK(parser->AppendJson(Parse(R"({"x": 2, "l": [{"k": false}, null]})")));
  // The bad member comes last, after values that would fit.
  const Status late = parser->AppendJson(Parse(R"({"x": 3, "l": [{"k": true}, {"k": 7}]})"));
  EXPECT_TRUE(late.IsInvalid());
  EXPECT_EQ(late.message(), "member 'l.k': a number does not fit bool");
  const Status unknown = parser->AppendJson(Parse(R"({"x": 4, "w": 1})"));
  EXPECT_EQ(unknown.message(), "member 'w' is not in struct<x: int64, l: list<struct<k: bool>>>");
  EXPECT_TRUE(parser->Append("5", false).IsInvalid());
  ASSERT_OK(parser->AppendNull());
  ASSERT_OK(parser->AppendJson(Parse(R"({"l": []})")));
  EXPECT_EQ(parser->length(), 3);
  ASSERT_OK_AND_ASSIGN(VectorPtr column, parser->Finish());
  ASSERT_OK(column->ValidateFull());
  std::vector<std::string> rows;
  for (int64_t i = 0; i < column->length(); ++i) {
    rows.emplace_back();
    AppendJsonValue(*column, i, &rows.back());
  }
  EXPECT_EQ(rows, (std::vector<std::string>{R"({"x":2,"l":[{"k":false},null]})", "null",
                                            R"({"x":null,"l":[]})"}));
}

TEST_F(JsonNestedTest, OnlyJsonLeavesCanBeBuilt) {
  const Status status = JsonNestedParser::Make(List(Date())).status();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
}

}  // namespace
}  // namespace strata::formats
