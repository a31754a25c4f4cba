#include "parquet/predicate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/temporal.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

// ---- Parsing ----

TEST(ParsePredicateTest, ComparisonsJoinedByAnd) {
  ASSERT_OK_AND_ASSIGN(
      Predicate p, ParsePredicate("col >= 5 and name = 'x''y' AND \"odd \"\"c\"\" \" <> -1.5e3"));
  ASSERT_EQ(p.conjuncts.size(), 3u);
  EXPECT_EQ(p.conjuncts[0].column, "col");
  EXPECT_EQ(p.conjuncts[0].op, CompareOp::kGe);
  EXPECT_EQ(p.conjuncts[0].values[0].text, "5");
  EXPECT_EQ(p.conjuncts[0].values[0].position, 8);
  EXPECT_EQ(p.conjuncts[1].values[0].kind, LiteralKind::kString);
  EXPECT_EQ(p.conjuncts[1].values[0].text, "x'y");
  EXPECT_EQ(p.conjuncts[2].column, "odd \"c\" ");
  EXPECT_EQ(p.conjuncts[2].op, CompareOp::kNe);
  EXPECT_EQ(p.conjuncts[2].values[0].text, "-1.5e3");
}

TEST(ParsePredicateTest, EveryOperatorAndLiteral) {
  ASSERT_OK_AND_ASSIGN(
      Predicate p,
      ParsePredicate("a=1 AND b==.5 AND c!=+2 AND d<TRUE AND e<=false AND f>NaN AND g>=-Inf "
                     "AND h IN (1, 'x', 2.5e-3) AND i not in (3) AND j IS NULL AND k is not null"));
  const std::vector<CompareOp> ops = {CompareOp::kEq,     CompareOp::kEq,       CompareOp::kNe,
                                      CompareOp::kLt,     CompareOp::kLe,       CompareOp::kGt,
                                      CompareOp::kGe,     CompareOp::kIn,       CompareOp::kNotIn,
                                      CompareOp::kIsNull, CompareOp::kIsNotNull};
  ASSERT_EQ(p.conjuncts.size(), ops.size());
  for (size_t i = 0; i < ops.size(); ++i) EXPECT_EQ(p.conjuncts[i].op, ops[i]) << i;
  EXPECT_EQ(p.conjuncts[1].values[0].text, ".5");
  EXPECT_EQ(p.conjuncts[2].values[0].text, "+2");
  EXPECT_EQ(p.conjuncts[3].values[0].kind, LiteralKind::kBool);
  EXPECT_EQ(p.conjuncts[4].values[0].text, "false");
  EXPECT_EQ(p.conjuncts[5].values[0].text, "nan");
  EXPECT_EQ(p.conjuncts[6].values[0].text, "-inf");
  ASSERT_EQ(p.conjuncts[7].values.size(), 3u);
  EXPECT_EQ(p.conjuncts[7].values[2].text, "2.5e-3");
  EXPECT_TRUE(p.conjuncts[9].values.empty());
}

void ExpectParseError(std::string_view text, StatusCode code, std::string_view message) {
  Result<Predicate> p = ParsePredicate(text);
  ASSERT_FALSE(p.ok()) << text;
  EXPECT_EQ(p.status().code(), code) << p.status().ToString();
  EXPECT_NE(p.status().message().find(message), std::string_view::npos)
      << text << " gave: " << p.status().ToString();
}

TEST(ParsePredicateTest, ErrorsNameThePosition) {
  const StatusCode invalid = StatusCode::kInvalid;
  ExpectParseError("price >= AND x = 1", invalid,
                   "expected a value after '>=' at column 10, found 'AND'");
  ExpectParseError("price >=", invalid, "expected a value after '>=' at column 9, found end");
  ExpectParseError("", invalid, "empty predicate");
  ExpectParseError("a = 'abc", invalid, "unterminated string starting at column 5");
  ExpectParseError("\"abc = 1", invalid, "unterminated column name");
  ExpectParseError("a = 1 b = 2", invalid, "expected AND or the end at column 7, found 'b'");
  ExpectParseError("a 5", invalid, "expected a comparison");
  ExpectParseError("= 5", invalid, "expected a column name at column 1");
  ExpectParseError("and = 5", invalid, "expected a column name at column 1");
  ExpectParseError("a = NULL", invalid, "use IS NULL");
  ExpectParseError("a = b", invalid, "found 'b'");
  ExpectParseError("a = 12abc", invalid, "malformed number '12a' at column 5");
  ExpectParseError("a IN 1", invalid, "expected '(' after IN at column 6");
  ExpectParseError("a IN (1 2)", invalid, "expected ',' or ')' in the IN list at column 9");
  ExpectParseError("a IN (1,)", invalid, "expected a value after ',' at column 9");
  ExpectParseError("a IS 5", invalid, "expected NULL at column 6");
  ExpectParseError("a = 1 ; drop", invalid, "unexpected character ';' at column 7");
  ExpectParseError("a = -x", invalid, "expected a value after '=' at column 6, found 'x'");
  ExpectParseError("a = 1 OR b = 2", StatusCode::kNotImplemented, "OR at column 7");
  ExpectParseError("NOT a = 1", StatusCode::kNotImplemented, "NOT at column 1");
}

// ---- Binding ----

SchemaPtr TestSchema() {
  return MakeSchema({
      {"i8", Int8()},
      {"i32", Int32()},
      {"i64", Int64()},
      {"u8", UInt8()},
      {"u32", UInt32()},
      {"u64", UInt64()},
      {"f32", Float32()},
      {"f64", Float64()},
      {"d9", Decimal(9, 2).ValueOrDie()},
      {"d18", Decimal(18, 3).ValueOrDie()},
      {"d30", Decimal(30, 2).ValueOrDie()},
      {"s", String()},
      {"bin", Binary()},
      {"day", Date()},
      {"ts_utc", Timestamp(strata::TimeUnit::kMicro, true)},
      {"ts_ms", Timestamp(strata::TimeUnit::kMilli)},
      {"t_ms", Time(strata::TimeUnit::kMilli)},
      {"flag", Bool()},
      {"id", Uuid()},
      {"j", Json()},
      {"list", List(Int32())},
  });
}

Result<BoundComparison> BindOne(std::string_view text) {
  ASSIGN_OR_RETURN(Predicate p, ParsePredicate(text));
  ASSIGN_OR_RETURN(BoundPredicate b, Bind(p, *TestSchema()));
  return b.conjuncts.at(0);
}

std::string Bound(std::string_view text) {
  Result<BoundComparison> c = BindOne(text);
  return c.ok() ? c->ToString() : c.status().ToString();
}

void ExpectBindError(std::string_view text, StatusCode code, std::string_view message) {
  Result<BoundComparison> c = BindOne(text);
  ASSERT_FALSE(c.ok()) << text;
  EXPECT_EQ(c.status().code(), code) << c.status().ToString();
  EXPECT_NE(c.status().message().find(message), std::string_view::npos)
      << text << " gave: " << c.status().ToString();
}

TEST(BindTest, UnknownColumnListsTheAvailableOnes) {
  ExpectBindError("nope = 1", StatusCode::kNotFound,
                  "column 'nope' not found; available columns: i8, i32, i64, u8");
  ExpectBindError("list = 1", StatusCode::kNotImplemented,
                  "filtering on struct, list or map values is not supported");
  ExpectBindError("list.x = 1", StatusCode::kNotImplemented,
                  "filtering on members inside list<int32> values is not supported");
  ExpectBindError("i8.x = 1", StatusCode::kNotFound, "column 'i8.x': int8 values have no members");
}

TEST(BindTest, IntegersAreComparedExactly) {
  EXPECT_EQ(Bound("i8 = 5"), "i8 = 5");
  EXPECT_EQ(Bound("i8 = 5.0"), "i8 = 5");
  EXPECT_EQ(Bound("i8 = '7'"), "i8 = 7");
  EXPECT_EQ(Bound("i8 = 3.5"), "FALSE");
  EXPECT_EQ(Bound("i8 = 1000"), "FALSE");
  EXPECT_EQ(Bound("i8 != 3.5"), "i8 IS NOT NULL");
  EXPECT_EQ(Bound("i8 != 1000"), "i8 IS NOT NULL");
  EXPECT_EQ(Bound("i8 < 1000"), "i8 IS NOT NULL");
  EXPECT_EQ(Bound("i8 < 3.5"), "i8 <= 3");
  EXPECT_EQ(Bound("i8 < 3"), "i8 <= 2");
  EXPECT_EQ(Bound("i8 <= -3.5"), "i8 <= -4");
  EXPECT_EQ(Bound("i8 > 3.5"), "i8 >= 4");
  EXPECT_EQ(Bound("i8 > -3.5"), "i8 >= -3");
  EXPECT_EQ(Bound("i8 >= -128"), "i8 IS NOT NULL");
  EXPECT_EQ(Bound("i8 > 127"), "FALSE");
  EXPECT_EQ(Bound("i8 < -128"), "FALSE");
  EXPECT_EQ(Bound("i8 >= 1e2"), "i8 >= 100");
  EXPECT_EQ(Bound("i64 = 9223372036854775807"), "i64 = 9223372036854775807");
  EXPECT_EQ(Bound("i64 = 9223372036854775808"), "FALSE");
  EXPECT_EQ(Bound("i64 > -1e100"), "i64 IS NOT NULL");
  EXPECT_EQ(Bound("u64 = 18446744073709551615"), "u64 = 18446744073709551615");
  EXPECT_EQ(Bound("u64 < 0"), "FALSE");
  EXPECT_EQ(Bound("u64 > -1"), "u64 IS NOT NULL");
  EXPECT_EQ(Bound("u32 >= 4294967295"), "u32 >= 4294967295");
  EXPECT_EQ(Bound("i8 IN (1, 2.5, 300, 1, -7)"), "i8 IN (-7, 1)");
  EXPECT_EQ(Bound("i8 IN (2.5, 300)"), "FALSE");
  EXPECT_EQ(Bound("i8 NOT IN (300)"), "i8 IS NOT NULL");
  ExpectBindError("i8 = 'x'", StatusCode::kInvalid,
                  "column 'i8' (int8): 'x' at column 6 is not a number");
  ExpectBindError("i8 = TRUE", StatusCode::kInvalid, "is a boolean");
}

TEST(BindTest, DecimalsUseTheColumnScale) {
  ASSERT_OK_AND_ASSIGN(BoundComparison c, BindOne("d9 = 1.5"));
  EXPECT_EQ(std::get<Int128>(c.values[0]), Int128{150});
  ASSERT_OK_AND_ASSIGN(c, BindOne("d9 = -1.230"));
  EXPECT_EQ(std::get<Int128>(c.values[0]), Int128{-123});
  ASSERT_OK_AND_ASSIGN(c, BindOne("d18 >= 2e1"));
  EXPECT_EQ(std::get<Int128>(c.values[0]), Int128{20000});
  EXPECT_EQ(Bound("d9 = 10000000"), "FALSE");  // Beyond 9 digits.
  EXPECT_EQ(Bound("d9 < 10000000"), "d9 IS NOT NULL");
  ExpectBindError("d9 = 1.234", StatusCode::kInvalid, "more fractional digits than the scale 2");
  EXPECT_EQ(Bound("d9 IN (1.5, -2)"), "d9 IN (-2.00, 1.50)");
}

TEST(BindTest, FloatsRoundToTheColumnType) {
  ASSERT_OK_AND_ASSIGN(BoundComparison c, BindOne("f32 = 0.1"));
  EXPECT_EQ(std::get<double>(c.values[0]), static_cast<double>(0.1f));
  ASSERT_OK_AND_ASSIGN(c, BindOne("f64 = 0.1"));
  EXPECT_EQ(std::get<double>(c.values[0]), 0.1);
  ASSERT_OK_AND_ASSIGN(c, BindOne("f64 = 'NaN'"));
  EXPECT_TRUE(std::isnan(std::get<double>(c.values[0])));
  ASSERT_OK_AND_ASSIGN(c, BindOne("f64 > -inf"));
  EXPECT_EQ(std::get<double>(c.values[0]), -INFINITY);
  ASSERT_OK_AND_ASSIGN(c, BindOne("f32 < 1e39"));
  EXPECT_EQ(std::get<double>(c.values[0]), INFINITY);
  ExpectBindError("f64 = 'one'", StatusCode::kInvalid, "is not a number");
}

TEST(BindTest, TemporalLiterals) {
  ASSERT_OK_AND_ASSIGN(BoundComparison c, BindOne("day = '2025-10-01'"));
  EXPECT_EQ(std::get<int64_t>(c.values[0]), ParseDate("2025-10-01").ValueOrDie());
  ExpectBindError("day = '2025-13-01'", StatusCode::kInvalid, "column 'day' (date): '2025-13-01'");
  ExpectBindError("day = 20251001", StatusCode::kInvalid, "not a quoted date");

  const int64_t noon = ParseTimestamp("2025-10-01 12:00:00", strata::TimeUnit::kMicro).ValueOrDie();
  for (const char* text :
       {"ts_utc = '2025-10-01 12:00:00'", "ts_utc = '2025-10-01T12:00:00Z'",
        "ts_utc = '2025-10-01T14:00:00+02:00'", "ts_utc = '2025-10-01 12:00:00.000000000'"}) {
    ASSERT_OK_AND_ASSIGN(c, BindOne(text));
    EXPECT_EQ(std::get<int64_t>(c.values[0]), noon) << text;
  }
  // Finer than the column's unit: exact rewrites, not truncation.
  const int64_t noon_ms = noon / 1000;
  EXPECT_EQ(Bound("ts_ms = '2025-10-01 12:00:00.0005'"), "FALSE");
  ASSERT_OK_AND_ASSIGN(c, BindOne("ts_ms < '2025-10-01 12:00:00.0005'"));
  EXPECT_EQ(c.op, CompareOp::kLe);
  EXPECT_EQ(std::get<int64_t>(c.values[0]), noon_ms);
  ASSERT_OK_AND_ASSIGN(c, BindOne("ts_ms > '2025-10-01 12:00:00.0005'"));
  EXPECT_EQ(c.op, CompareOp::kGe);
  EXPECT_EQ(std::get<int64_t>(c.values[0]), noon_ms + 1);
  ASSERT_OK_AND_ASSIGN(c, BindOne("t_ms = '12:00:00.5'"));
  EXPECT_EQ(std::get<int64_t>(c.values[0]), 43200500);
  EXPECT_EQ(Bound("ts_utc >= '2025-10-01T14:00:00+02:00'"), "ts_utc >= '2025-10-01 12:00:00+00'");
  EXPECT_EQ(Bound("day < '2025-10-01'"), "day <= '2025-09-30'");
  ExpectBindError("ts_ms = 'soon'", StatusCode::kInvalid, "column 'ts_ms' (timestamp(ms))");
}

TEST(BindTest, BoolsBytesAndUuids) {
  EXPECT_EQ(Bound("flag = TRUE"), "flag = true");
  EXPECT_EQ(Bound("flag = 'f'"), "flag = false");
  EXPECT_EQ(Bound("flag = 1"), "flag = true");
  ExpectBindError("flag = 'maybe'", StatusCode::kInvalid, "is not a boolean");
  EXPECT_EQ(Bound("s = 'it''s'"), "s = 'it's'");
  ExpectBindError("s = 5", StatusCode::kInvalid,
                  "column 's' (string): 5 at column 5 must be quoted");
  ASSERT_OK_AND_ASSIGN(BoundComparison c, BindOne("bin = '\\x00a\\x7F\\q'"));
  EXPECT_EQ(std::get<std::string>(c.values[0]), std::string("\0a\x7f\\q", 5));
  ASSERT_OK_AND_ASSIGN(c, BindOne("id = '01234567-89AB-cdef-0123-456789abcdef'"));
  EXPECT_EQ(std::get<std::string>(c.values[0]),
            std::string("\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67\x89\xab\xcd\xef", 16));
  EXPECT_EQ(Bound("id = '01234567-89AB-cdef-0123-456789abcdef'"),
            "id = '01234567-89ab-cdef-0123-456789abcdef'");
  ExpectBindError("id = 'zz'", StatusCode::kInvalid, "is not a UUID");
  EXPECT_EQ(Bound("j = '{}'"), "j = '{}'");
}

// ---- Evaluation ----

template <typename T>
VectorPtr Vec(const std::vector<std::optional<T>>& values, TypePtr type = CTypeTraits<T>::type()) {
  NumericBuilder<T> builder(std::move(type));
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}

VectorPtr Strings(const std::vector<std::optional<std::string>>& values) {
  BinaryBuilder builder(String());
  for (const auto& v : values) CHECK_OK(v ? builder.Append(*v) : builder.AppendNull());
  return builder.Finish().ValueOrDie();
}

class EvaluateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    ASSERT_OK_AND_ASSIGN(TypePtr d9, Decimal(9, 2));
    DecimalBuilder decimals(d9);
    for (int64_t v : {150, -5, 0, 99999, 12}) ASSERT_OK(decimals.Append(Decimal128(v)));
    ASSERT_OK(decimals.AppendNull());
    std::vector<VectorPtr> columns = {
        Vec<int32_t>({1, 5, std::nullopt, 7, -3, 5}),
        Vec<double>({0.5, nan, -0.0, INFINITY, std::nullopt, 2.0}),
        Strings({"b", std::nullopt, "a", "abc", "\xff", "ab"}),
        Vec<uint64_t>({0, UINT64_MAX, 1ull << 63, 7, 8, std::nullopt}),
        decimals.Finish().ValueOrDie(),
    };
    auto schema = MakeSchema(
        {{"i32", Int32()}, {"f64", Float64()}, {"s", String()}, {"u64", UInt64()}, {"d9", d9}});
    batch_ = RecordBatch::Make(schema, std::move(columns), 6).ValueOrDie();
  }

  // The selection as a string of 0/1, one per row.
  std::string Select(std::string_view text) {
    Result<Predicate> p = ParsePredicate(text);
    if (!p.ok()) return p.status().ToString();
    Result<BoundPredicate> b = Bind(*p, *TestSchemaWithBatch());
    if (!b.ok()) return b.status().ToString();
    Result<std::vector<uint8_t>> selection = Evaluate(*b, *batch_);
    if (!selection.ok()) return selection.status().ToString();
    std::string out;
    for (uint8_t s : *selection) out.push_back(s != 0 ? '1' : '0');
    return out;
  }

  SchemaPtr TestSchemaWithBatch() const { return batch_->schema(); }

  RecordBatchPtr batch_;
};

TEST_F(EvaluateTest, IntegersWithNulls) {
  EXPECT_EQ(Select("i32 = 5"), "010001");
  EXPECT_EQ(Select("i32 != 5"), "100110");
  EXPECT_EQ(Select("i32 < 5"), "100010");
  EXPECT_EQ(Select("i32 <= 5"), "110011");
  EXPECT_EQ(Select("i32 > 1"), "010101");
  EXPECT_EQ(Select("i32 >= 1.5"), "010101");
  EXPECT_EQ(Select("i32 IN (7, -3, 100)"), "000110");
  EXPECT_EQ(Select("i32 NOT IN (7, -3)"), "110001");
  EXPECT_EQ(Select("i32 IS NULL"), "001000");
  EXPECT_EQ(Select("i32 IS NOT NULL"), "110111");
  EXPECT_EQ(Select("i32 = 2.5"), "000000");
  EXPECT_EQ(Select("i32 > 0 AND i32 < 6"), "110001");
}

TEST_F(EvaluateTest, FloatsFollowDuckDb) {
  // NaN is the largest value and equals itself; -0.0 equals 0.0.
  EXPECT_EQ(Select("f64 = 'nan'"), "010000");
  EXPECT_EQ(Select("f64 > 1e308"), "010100");
  EXPECT_EQ(Select("f64 >= inf"), "010100");
  EXPECT_EQ(Select("f64 < nan"), "101101");
  EXPECT_EQ(Select("f64 != nan"), "101101");
  EXPECT_EQ(Select("f64 = 0"), "001000");
  EXPECT_EQ(Select("f64 IN (nan, 2)"), "010001");
}

TEST_F(EvaluateTest, StringsCompareAsUnsignedBytes) {
  EXPECT_EQ(Select("s > 'ab'"), "100110");
  EXPECT_EQ(Select("s >= 'ab'"), "100111");
  EXPECT_EQ(Select("s < 'b'"), "001101");
  EXPECT_EQ(Select("s IN ('a', 'zz')"), "001000");
}

TEST_F(EvaluateTest, UnsignedAndDecimals) {
  EXPECT_EQ(Select("u64 > 9223372036854775807"), "011000");
  EXPECT_EQ(Select("u64 <= 7"), "100100");
  EXPECT_EQ(Select("d9 >= 1.2"), "100100");
  EXPECT_EQ(Select("d9 < 0"), "010000");
  EXPECT_EQ(Select("d9 = 0.12"), "000010");
  EXPECT_EQ(Select("d9 IS NULL"), "000001");
}

TEST_F(EvaluateTest, FindsColumnsByNameAndChecksTypes) {
  ASSERT_OK_AND_ASSIGN(Predicate p, ParsePredicate("i32 = 1"));
  ASSERT_OK_AND_ASSIGN(BoundPredicate b, Bind(p, *TestSchema()));
  // TestSchema's i32 is int32 too, at another index: found by name.
  ASSERT_OK_AND_ASSIGN(std::vector<uint8_t> selection, Evaluate(b, *batch_));
  EXPECT_EQ(selection, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0}));
  ASSERT_OK_AND_ASSIGN(p, ParsePredicate("i64 = 1"));
  ASSERT_OK_AND_ASSIGN(b, Bind(p, *TestSchema()));
  EXPECT_TRUE(Evaluate(b, *batch_).status().IsNotFound());
  ASSERT_OK_AND_ASSIGN(p, ParsePredicate("s = 'a'"));
  auto other = MakeSchema({{"s", Binary()}});
  ASSERT_OK_AND_ASSIGN(b, Bind(p, *other));
  EXPECT_TRUE(Evaluate(b, *batch_).status().IsInvalid());
}

}  // namespace
}  // namespace strata::parquet
