// JsonShapeInference and JsonNestedParser on their own: the merged shapes,
// string leaves typed as top-level fields are, typed and declared leaves
// parsed, a value which does not fit leaving nothing behind in the column,
// and wide objects in linear time.
#include "formats/json_nested.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "columnar/json_writer.h"
#include "formats/json_values.h"
#include "formats/read_options.h"
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
    JsonShapeInference shape(&values_);
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

  // Appends each of `values` (which must fit) and renders the column.
  std::vector<std::string> ParseAll(const TypePtr& type, const std::vector<std::string>& values) {
    Result<std::unique_ptr<JsonNestedParser>> parser = JsonNestedParser::Make(type, values_);
    EXPECT_OK(parser.status());
    if (!parser.ok()) return {};
    for (const std::string& value : values) EXPECT_OK((*parser)->AppendJson(Parse(value)));
    return Render(parser->get());
  }

  static std::vector<std::string> Render(JsonNestedParser* parser) {
    Result<VectorPtr> column = parser->Finish();
    EXPECT_OK(column.status());
    if (!column.ok()) return {};
    EXPECT_OK((*column)->ValidateFull());
    std::vector<std::string> rows;
    for (int64_t i = 0; i < (*column)->length(); ++i) {
      rows.emplace_back();
      AppendJsonValue(**column, i, &rows.back());
    }
    return rows;
  }

  ValueOptions values_;
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
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  ASSERT_OK(parser->AppendJson(Parse(R"({"x": 2, "l": [{"k": false}, null]})")));
  // The bad member comes last, after values that would fit.
  const Status late = parser->AppendJson(Parse(R"({"x": 3, "l": [{"k": true}, {"k": 7}]})"));
  EXPECT_TRUE(late.IsInvalid());
  EXPECT_EQ(late.message(), "member 'l.k': '7' is not a valid bool");
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

TEST_F(JsonNestedTest, LeavesTextCannotFillAreNotImplemented) {
  ASSERT_OK_AND_ASSIGN(TypePtr fixed, FixedSizeBinary(3));
  const Status status = JsonNestedParser::Make(Struct({Field("p", List(fixed))}), values_).status();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_EQ(status.message(), "member 'p': fixed_size_binary(3) cannot be read from JSON");
  const Status key = JsonNestedParser::Make(Map(Json(), Int64()), values_).status();
  EXPECT_TRUE(key.IsNotImplemented()) << key.ToString();
}

// A string leaf is typed exactly as a top-level string field with the same
// values: the same lattice, the same fallbacks, the same date format.
TEST_F(JsonNestedTest, StringLeavesInferAsTopLevelFieldsDo) {
  const std::vector<std::vector<std::string>> cases = {
      {R"("2024-01-02T03:04:05+02:00")", R"("2024-01-03T00:00:00Z")"},
      {R"("2024-01-02")", R"("1999-12-31")", "null"},
      {R"("2024-01-02")", R"("2024-01-02T10:00:00")"},
      {R"("2024-01-02")", R"("n/a")"},
      {R"("2024-01-02T10:00:00")", R"("2024-01-02T10:00:00Z")"},
      {R"("2024-01-02T03:04:05.123456789Z")"},
      {R"("6ba7b810-9dad-11d1-80b4-00c04fd430c8")"},
      {R"("6ba7b810-9dad-11d1-80b4-00c04fd430c8")", R"("6ba7b810")"},
      {R"("123")", R"("4.5")"},
      {R"("true")", R"("false")"},
      {R"("12:30:00")", R"("01:02:03.5")"},
      {R"("13/01/2024")", R"("02/03/2024")"},
  };
  for (const std::vector<std::string>& values : cases) {
    SCOPED_TRACE(fmt::format("{}", fmt::join(values, ", ")));
    FieldInference top("v", &values_, /*flatten=*/false);
    std::vector<std::string> in_struct;
    std::vector<simdjson::dom::parser> parsers(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      simdjson::dom::element value;
      ASSERT_EQ(parsers[i].parse(values[i]).get(value), simdjson::SUCCESS);
      top.Observe(value, static_cast<int64_t>(i) + 1);
      in_struct.push_back(fmt::format(R"({{"v": {}}})", values[i]));
    }
    ASSERT_OK_AND_ASSIGN(TypePtr expected, top.Type(false));
    ASSERT_OK_AND_ASSIGN(TypePtr nested, Infer(in_struct));
    ASSERT_EQ(nested->id(), TypeId::kStruct);
    EXPECT_EQ(nested->field(0).type->ToString(), expected->ToString());
    const std::string format = top.date_format();
    if (!format.empty()) {
      EXPECT_EQ(nested->field(0).metadata,
                (KeyValueMetadata{{std::string(kDateFormatKey), format}}));
    }
    ASSERT_OK_AND_ASSIGN(TypePtr list, Infer({fmt::format("[{}]", fmt::join(values, ", "))}));
    EXPECT_EQ(list->field(0).type->ToString(), expected->ToString());
  }
  EXPECT_TRUE(Infer({R"({"d": "03/04/2024"})"}).status().IsInvalid());
}

TEST_F(JsonNestedTest, TypedLeavesParseAndMisfitsNameMemberValueAndType) {
  const std::string first =
      R"({"p": {"at": "2024-01-02T03:04:05+02:00", "d": "2024-01-02", "t": "12:30:00",
                "u": "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "slash": "13/01/2024"},
          "l": ["2024-05-06T07:08:09Z", null]})";
  const std::string second = R"({"p": {"slash": "02/03/2024"}, "l": []})";
  ASSERT_OK_AND_ASSIGN(TypePtr type, Infer({first, second}));
  EXPECT_EQ(type->ToString(),
            "struct<p: struct<at: timestamp(us, UTC), d: date, t: time(us), u: uuid, slash: "
            "date>, l: list<timestamp(us, UTC)>>");
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  ASSERT_OK(parser->AppendJson(Parse(first)));
  const std::vector<std::pair<std::string, std::string>> misfits = {
      {R"({"p": {"at": "yesterday"}})",
       "member 'p.at': 'yesterday' is not a valid timestamp(us, UTC)"},
      {R"({"p": {"at": "2024-01-02T03:04:05"}})",
       "member 'p.at': '2024-01-02T03:04:05' has no UTC offset but the column is a timestamp "
       "in UTC"},
      {R"({"p": {"d": "2024-01-02", "u": "not-a-uuid"}})",
       "member 'p.u': 'not-a-uuid' is not a valid uuid"},
      {R"({"p": {"slash": "2024-01-02"}})", "member 'p.slash': '2024-01-02' is not a valid date"},
      {R"({"p": {"d": 20240102}})", "member 'p.d': '20240102' is not a valid date"},
      {R"({"l": ["2024-05-06T07:08:09Z", "soon"]})",
       "member 'l': 'soon' is not a valid "
       "timestamp(us, UTC)"},
      {R"({"p": {"t": {"h": 1}}})", "member 'p.t': an object does not fit time(us)"},
  };
  for (const auto& [value, message] : misfits) {
    const Status status = parser->AppendJson(Parse(value));
    EXPECT_TRUE(status.IsInvalid()) << value;
    EXPECT_EQ(status.message(), message);
  }
  ASSERT_OK(parser->AppendJson(Parse(second)));
  EXPECT_EQ(Render(parser.get()),
            (std::vector<std::string>{
                R"({"p":{"at":"2024-01-02T01:04:05Z","d":"2024-01-02","t":"12:30:00",)"
                R"("u":"6ba7b810-9dad-11d1-80b4-00c04fd430c8","slash":"2024-01-13"},)"
                R"("l":["2024-05-06T07:08:09Z",null]})",
                R"({"p":{"at":null,"d":null,"t":null,"u":null,"slash":"2024-03-02"},"l":[]})"}));
}

// Types a schema declares: numbers fill decimals, strings fill numbers,
// a field's format applies, maps fill from objects.
TEST_F(JsonNestedTest, DeclaredLeavesConvertFromAnyScalar) {
  ASSERT_OK_AND_ASSIGN(TypePtr amount, Decimal(12, 2));
  const TypePtr type =
      Struct({Field("amount", amount),
              Field("d", Date(), true, {{std::string(kDateFormatKey), "%d.%m.%Y"}}),
              Field("n", Int32()), Field("s", String()), Field("m", Map(String(), Float32()))});
  EXPECT_EQ(ParseAll(type, {R"({"amount": 12.5, "d": "02.01.2024", "n": "7", "s": 5,
                                "m": {"a": 1.5, "b": null}})",
                            R"({"amount": "0.1", "n": -3, "s": {"x": [1, true]}})"}),
            (std::vector<std::string>{
                R"({"amount":12.50,"d":"2024-01-02","n":7,"s":"5","m":{"a":1.5,"b":null}})",
                R"({"amount":0.10,"d":null,"n":-3,"s":"{\"x\":[1,true]}","m":null})"}));
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  const std::vector<std::pair<std::string, std::string>> misfits = {
      {R"({"amount": 1.234})",
       "member 'amount': '1.234' has more decimal places than "
       "decimal(12,2)"},
      {R"({"d": "2024-01-02"})", "member 'd': '2024-01-02' is not a valid date"},
      {R"({"n": 3000000000})", "member 'n': '3000000000' is out of range for int32"},
      {R"({"m": {"a": "x"}})", "member 'm': 'x' is not a valid float32"},
      {R"({"m": [1]})", "member 'm': an array does not fit map<string, float32>"},
  };
  for (const auto& [value, message] : misfits) {
    const Status status = parser->AppendJson(Parse(value));
    EXPECT_TRUE(status.IsInvalid()) << value;
    EXPECT_EQ(status.message(), message);
  }
  EXPECT_EQ(parser->length(), 0);
}

TEST_F(JsonNestedTest, NonNullableMembersAndElementsAreChecked) {
  const TypePtr type =
      Struct({Field("a", Int64(), false), Field("l", List(Field("element", Int64(), false)))});
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  const std::vector<std::pair<std::string, std::string>> misfits = {
      {R"({"l": []})", "member 'a' is missing; it is not nullable"},
      {R"({"a": null})", "member 'a': null does not fit int64 (not nullable)"},
      {R"({"a": 1, "l": [1, null]})", "member 'l': null does not fit int64 (not nullable)"},
  };
  for (const auto& [value, message] : misfits) {
    const Status status = parser->AppendJson(Parse(value));
    EXPECT_TRUE(status.IsInvalid()) << value;
    EXPECT_EQ(status.message(), message);
  }
  // A duplicate member counts once: the first.
  ASSERT_OK(parser->AppendJson(Parse(R"({"a": 1, "l": null, "a": 2})")));
  EXPECT_EQ(Render(parser.get()), (std::vector<std::string>{R"({"a":1,"l":null})"}));
}

// A leaf value that fits only a wider leaf type is found with its path and
// the wider type, as SafeWidening widens top-level columns; the column's
// type then carries every widening noted, and a parser of it takes the old
// values and the new ones.
TEST_F(JsonNestedTest, LeafMisfitsWidenAsTopLevelColumnsDo) {
  const TypePtr type = Struct({Field("x", Int64()), Field("d", Date(), false, {{"note", "kept"}}),
                               Field("s", Struct({Field("n", Int64())})), Field("l", List(Int64())),
                               Field("b", Bool())});
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  EXPECT_EQ(parser->WidenedType(), type);  // Nothing widened: the same type.
  EXPECT_FALSE(parser->WidenMisfit().has_value());
  struct Case {
    std::string value, message, path;
    bool element;
    std::string wider;
  };
  const std::vector<Case> cases = {
      {R"({"x": 2.5})", "member 'x': '2.5' is not a valid int64", "x", false, "float64"},
      {R"({"d": "2024-01-02T10:00:00"})", "member 'd': '2024-01-02T10:00:00' is not a valid date",
       "d", false, "timestamp(us)"},
      {R"({"s": {"n": 18446744073709551615}})",
       "member 's.n': '18446744073709551615' is out of range for int64", "s.n", false, "float64"},
      {R"({"l": [1, 1e3]})", "member 'l': '1000.0' is not a valid int64", "l", true, "float64"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    const Status status = parser->AppendJson(Parse(c.value));
    EXPECT_TRUE(status.IsInvalid()) << status.ToString();
    EXPECT_EQ(status.message(), c.message);
    const std::optional<JsonNestedParser::LeafWidening> leaf = parser->WidenMisfit();
    ASSERT_TRUE(leaf.has_value());
    EXPECT_EQ(leaf->path, c.path);
    EXPECT_EQ(leaf->element, c.element);
    EXPECT_EQ(leaf->type->ToString(), c.wider);
    EXPECT_FALSE(parser->WidenMisfit().has_value());  // Taken.
  }
  const TypePtr wider = parser->WidenedType();
  EXPECT_EQ(wider->ToString(),
            "struct<x: float64, d: timestamp(us) not null, s: struct<n: float64>, l: "
            "list<float64>, b: bool>");
  EXPECT_EQ(wider->field(1).metadata, (KeyValueMetadata{{"note", "kept"}}));
  EXPECT_EQ(wider->field(4).type, type->field(4).type);  // Untouched members are shared.
  EXPECT_EQ(parser->length(), 0);
  EXPECT_EQ(ParseAll(wider, {R"({"x": 1, "d": "2024-01-02", "s": {"n": 2}, "l": [3]})",
                             R"({"x": 2.5, "d": "2024-01-02T10:00:00", "l": [1e3]})"}),
            (std::vector<std::string>{
                R"({"x":1.0,"d":"2024-01-02T00:00:00","s":{"n":2.0},"l":[3.0],"b":null})",
                R"({"x":2.5,"d":"2024-01-02T10:00:00","s":null,"l":[1000.0],"b":null})"}));
}

// Values no widening fits stay misfits, as do other failures; a leaf
// widens once per parser; numbers widen to float64 even with exact
// decimals, as nested inference types them; a date read with a format does
// not widen, as a top-level one does not.
TEST_F(JsonNestedTest, OnlySafeWideningsAreOffered) {
  values_.exact_decimals = true;
  const TypePtr type =
      Struct({Field("x", Int64()), Field("b", Bool()),
              Field("d", Date(), true, {{std::string(kDateFormatKey), "%d/%m/%Y"}}),
              Field("m", Map(String(), Int64()))});
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  const std::vector<std::pair<std::string, std::string>> misfits = {
      {R"({"x": "abc"})", "member 'x': 'abc' is not a valid int64"},
      {R"({"x": true})", "member 'x': 'true' is not a valid int64"},
      {R"({"x": {"y": 1}})", "member 'x': an object does not fit int64"},
      {R"({"b": 1})", "member 'b': '1' is not a valid bool"},
      {R"({"d": "2024-01-02T10:00:00"})", "member 'd': '2024-01-02T10:00:00' is not a valid date"},
      {R"({"w": 1})",
       "member 'w' is not in struct<x: int64, b: bool, d: date, m: map<string, "
       "int64>>"},
  };
  for (const auto& [value, message] : misfits) {
    SCOPED_TRACE(value);
    const Status status = parser->AppendJson(Parse(value));
    EXPECT_TRUE(status.IsInvalid());
    EXPECT_EQ(status.message(), message);
    EXPECT_FALSE(parser->WidenMisfit().has_value());
  }
  ASSERT_FALSE(parser->AppendJson(Parse(R"({"x": 0.25})")).ok());
  std::optional<JsonNestedParser::LeafWidening> x = parser->WidenMisfit();
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x->type->ToString(), "float64");
  ASSERT_FALSE(parser->AppendJson(Parse(R"({"x": 7.5})")).ok());
  EXPECT_FALSE(parser->WidenMisfit().has_value());  // Already widened.
  // A stale misfit is not offered after a value that fits.
  ASSERT_FALSE(parser->AppendJson(Parse(R"({"m": {"k": 1.5}})")).ok());
  ASSERT_OK(parser->AppendJson(Parse(R"({"x": 1})")));
  EXPECT_FALSE(parser->WidenMisfit().has_value());
  ASSERT_FALSE(parser->AppendJson(Parse(R"({"m": {"k": 1.5}})")).ok());
  std::optional<JsonNestedParser::LeafWidening> item = parser->WidenMisfit();
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->path, "m");
  EXPECT_TRUE(item->element);
  EXPECT_EQ(parser->WidenedType()->ToString(),
            "struct<x: float64, b: bool, d: date, m: map<string, float64>>");
  EXPECT_EQ(parser->length(), 1);
}

// Records with 500 members, in the sampled order, reversed with gaps, and
// shuffled: every value lands in its own field.
TEST_F(JsonNestedTest, WideObjectsFindMembersInAnyOrder) {
  constexpr int kMembers = 500;
  auto member = [](int i) {
    return i % 2 == 0 ? fmt::format(R"("m{}": {})", i, i)
                      : fmt::format(R"("m{}": "2024-01-{:02}")", i, i % 28 + 1);
  };
  std::vector<int> order(kMembers);
  for (int i = 0; i < kMembers; ++i) order[static_cast<size_t>(i)] = i;
  auto record = [&](const std::vector<int>& members) {
    std::vector<std::string> parts;
    for (const int i : members) parts.push_back(member(i));
    return fmt::format("{{{}}}", fmt::join(parts, ", "));
  };
  const std::string in_order = record(order);
  std::vector<int> gaps(order.rbegin(), order.rend());
  std::erase_if(gaps, [](int i) { return i % 3 == 0; });
  std::vector<int> shuffled = order;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  ASSERT_OK_AND_ASSIGN(TypePtr type, Infer({in_order}));
  ASSERT_EQ(type->num_fields(), kMembers);
  EXPECT_EQ(type->field(1).type->ToString(), "date");
  auto rendered = [&](bool skip_thirds) {
    std::vector<std::string> parts;
    for (int i = 0; i < kMembers; ++i) {
      const bool missing = skip_thirds && i % 3 == 0;
      parts.push_back(missing      ? fmt::format(R"("m{}":null)", i)
                      : i % 2 == 0 ? fmt::format(R"("m{}":{})", i, i)
                                   : fmt::format(R"("m{}":"2024-01-{:02}")", i, i % 28 + 1));
    }
    return fmt::format("{{{}}}", fmt::join(parts, ","));
  };
  EXPECT_EQ(ParseAll(type, {in_order, record(gaps), record(shuffled)}),
            (std::vector<std::string>{rendered(false), rendered(true), rendered(false)}));
}

// Quadratic member lookups would take minutes here (2,000 records of 2,000
// members); linear ones take a moment even in a debug build. No timing is
// asserted: a pathological regression shows as a test timeout.
TEST_F(JsonNestedTest, ManyWideRecordsAreNotQuadratic) {
  constexpr int kMembers = 2000;
  constexpr int kRecords = 2000;
  std::vector<std::string> parts;
  for (int i = 0; i < kMembers; ++i) parts.push_back(fmt::format(R"("member_{}": {})", i, i));
  const std::string in_order = fmt::format("{{{}}}", fmt::join(parts, ","));
  std::shuffle(parts.begin(), parts.end(), std::mt19937(11));
  const std::string shuffled = fmt::format("{{{}}}", fmt::join(parts, ","));
  simdjson::dom::parser first_parser;
  simdjson::dom::parser second_parser;
  simdjson::dom::element first;
  simdjson::dom::element second;
  ASSERT_EQ(first_parser.parse(in_order).get(first), simdjson::SUCCESS);
  ASSERT_EQ(second_parser.parse(shuffled).get(second), simdjson::SUCCESS);
  JsonShapeInference shape(&values_);
  for (int i = 0; i < kRecords; ++i) shape.Observe(i % 10 == 9 ? second : first, i + 1);
  ASSERT_OK_AND_ASSIGN(TypePtr type, shape.Type("v", false));
  ASSERT_EQ(type->num_fields(), kMembers);
  ASSERT_OK_AND_ASSIGN(auto parser, JsonNestedParser::Make(type, values_));
  for (int i = 0; i < kRecords; ++i) ASSERT_OK(parser->AppendJson(i % 10 == 9 ? second : first));
  ASSERT_OK_AND_ASSIGN(VectorPtr column, parser->Finish());
  ASSERT_EQ(column->length(), kRecords);
  std::string last;
  AppendJsonValue(*column, kRecords - 1, &last);
  EXPECT_NE(last.find(R"("member_1999":1999})"), std::string::npos);
}

}  // namespace
}  // namespace strata::formats
