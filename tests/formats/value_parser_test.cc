#include "formats/value_parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/decimal.h"
#include "columnar/value_format.h"
#include "formats/value_inference.h"
#include "testing/status_matchers.h"

namespace strata::formats {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

// Parses unquoted `values` into a vector of `type`; fails on the first bad one.
Result<VectorPtr> ParseAll(const TypePtr& type, const std::vector<std::string_view>& values,
                           const ValueOptions& options = {}) {
  ASSIGN_OR_RETURN(auto parser, ColumnParser::Make(type, options));
  for (std::string_view value : values) RETURN_NOT_OK(parser->Append(value, /*quoted=*/false));
  return parser->Finish();
}

// The one value parsed, formatted for display, or "error: <message>".
std::string Parsed(const TypePtr& type, std::string_view text, const ValueOptions& options = {}) {
  Result<VectorPtr> vector = ParseAll(type, {text}, options);
  if (!vector.ok()) return "error: " + std::string(vector.status().message());
  return (*vector)->IsNull(0) ? "null" : FormatValue(**vector, 0);
}

template <typename T>
T ParsedValue(const TypePtr& type, std::string_view text, const ValueOptions& options = {}) {
  Result<VectorPtr> vector = ParseAll(type, {text}, options);
  EXPECT_TRUE(vector.ok()) << vector.status().ToString();
  return vector.ok() ? (*vector)->Value<T>(0) : T{};
}

template <typename T>
class ValueParserIntegerTest : public ::testing::Test {};
TYPED_TEST_SUITE_P(ValueParserIntegerTest);

TYPED_TEST_P(ValueParserIntegerTest, Boundaries) {
  using T = TypeParam;
  const TypePtr type = CTypeTraits<T>::type();
  const T min = std::numeric_limits<T>::min();
  const T max = std::numeric_limits<T>::max();
  EXPECT_EQ(ParsedValue<T>(type, std::to_string(max)), max);
  EXPECT_EQ(ParsedValue<T>(type, std::to_string(min)), min);
  EXPECT_EQ(ParsedValue<T>(type, " +7 "), T{7});
  EXPECT_EQ(ParsedValue<T>(type, "007"), T{7});  // leading zeros are a code only to inference
  const std::string name = type->ToString();
  // One past each end.
  const std::string above = Decimal128(Int128{max} + 1).ToString(0);
  EXPECT_EQ(Parsed(type, above), fmt::format("error: '{}' is out of range for {}", above, name));
  const std::string below = Decimal128(Int128{min} - 1).ToString(0);
  EXPECT_EQ(Parsed(type, below), fmt::format("error: '{}' is out of range for {}", below, name));
  EXPECT_EQ(Parsed(type, "99999999999999999999999"),
            fmt::format("error: '99999999999999999999999' is out of range for {}", name));
  for (std::string_view bad : {"12x", " ", "-", "1.0", "1e3", "0x10", "1 2"}) {
    EXPECT_EQ(Parsed(type, bad), fmt::format("error: '{}' is not a valid {}", bad, name));
  }
}

REGISTER_TYPED_TEST_SUITE_P(ValueParserIntegerTest, Boundaries);
using IntegerTypes =
    ::testing::Types<int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t>;
INSTANTIATE_TYPED_TEST_SUITE_P(ValueParser, ValueParserIntegerTest, IntegerTypes);

TEST(ValueParserTest, IntegerMessages) {
  EXPECT_EQ(Parsed(Int64(), "12x"), "error: '12x' is not a valid int64");
  EXPECT_EQ(Parsed(Int8(), "128"), "error: '128' is out of range for int8");
  EXPECT_EQ(Parsed(UInt8(), "-1"), "error: '-1' is out of range for uint8");
  EXPECT_EQ(Parsed(UInt32(), "-0"), "0");
}

TEST(ValueParserTest, NullsAndQuotes) {
  ValueOptions options;
  options.null_values = {"", "NA", "\\N"};
  ASSERT_OK_AND_ASSIGN(auto parser, ColumnParser::Make(Int32(), options));
  EXPECT_OK(parser->Append("NA", false));
  EXPECT_OK(parser->Append("\\N", false));
  EXPECT_OK(parser->Append("", false));
  EXPECT_OK(parser->AppendNull());
  EXPECT_OK(parser->Append("5", true));  // quoted numbers are numbers
  EXPECT_EQ(parser->Append("NA", true).message(), "'NA' is not a valid int32");
  EXPECT_EQ(parser->Append("", true).message(), "'' is not a valid int32");
  EXPECT_EQ(parser->length(), 5);  // failed appends add nothing
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, parser->Finish());
  EXPECT_EQ(vector->null_count(), 4);
  EXPECT_EQ(vector->Value<int32_t>(4), 5);
  EXPECT_EQ(parser->length(), 0);  // Finish resets

  ASSERT_OK_AND_ASSIGN(auto strings, ColumnParser::Make(String(), options));
  EXPECT_OK(strings->Append("", true));
  EXPECT_OK(strings->Append("NA", true));
  EXPECT_OK(strings->Append("NA", false));
  EXPECT_OK(strings->Append("  padded  ", false));
  ASSERT_OK_AND_ASSIGN(vector, strings->Finish());
  EXPECT_EQ(vector->GetView(0), "");
  EXPECT_EQ(vector->GetView(1), "NA");
  EXPECT_TRUE(vector->IsNull(2));
  EXPECT_EQ(vector->GetView(3), "  padded  ");  // strings keep spaces
}

TEST(ValueParserTest, Bool) {
  EXPECT_EQ(Parsed(Bool(), "true"), "true");
  EXPECT_EQ(Parsed(Bool(), " FALSE "), "false");
  EXPECT_EQ(Parsed(Bool(), "1"), "error: '1' is not a valid bool");
  ValueOptions options;
  options.true_values = {"yes"};
  options.false_values = {"no"};
  EXPECT_EQ(Parsed(Bool(), "Yes", options), "true");
  EXPECT_EQ(Parsed(Bool(), "true", options), "error: 'true' is not a valid bool");
}

TEST(ValueParserTest, Floats) {
  EXPECT_EQ(ParsedValue<double>(Float64(), "1.5"), 1.5);
  EXPECT_EQ(ParsedValue<double>(Float64(), " +2.5e3 "), 2500.0);
  EXPECT_EQ(ParsedValue<double>(Float64(), ".5"), 0.5);
  EXPECT_EQ(ParsedValue<double>(Float64(), "5."), 5.0);
  EXPECT_EQ(ParsedValue<double>(Float64(), "42"), 42.0);
  EXPECT_EQ(ParsedValue<double>(Float64(), "-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(ParsedValue<double>(Float64(), "NaN")));
  EXPECT_EQ(ParsedValue<double>(Float64(), "1e-400"), 0.0);  // underflow
  EXPECT_EQ(ParsedValue<double>(Float64(), "1.7976931348623157e308"),
            std::numeric_limits<double>::max());
  EXPECT_EQ(Parsed(Float64(), "1e400"), "error: '1e400' is out of range for float64");
  EXPECT_EQ(Parsed(Float32(), "1e39"), "error: '1e39' is out of range for float32");
  EXPECT_EQ(ParsedValue<float>(Float32(), "0.1"), 0.1F);
  for (std::string_view bad : {"abc", "1.2.3", "1e", "+-1", "nan(1)", "0x1p3", " ", "--1"}) {
    EXPECT_EQ(Parsed(Float64(), bad), fmt::format("error: '{}' is not a valid float64", bad));
  }
}

TEST(ValueParserTest, Decimals) {
  ASSERT_OK_AND_ASSIGN(TypePtr d10_2, Decimal(10, 2));
  EXPECT_EQ(Parsed(d10_2, "1.5"), "1.50");  // fewer digits are padded
  EXPECT_EQ(Parsed(d10_2, "-0.05"), "-0.05");
  EXPECT_EQ(Parsed(d10_2, " 12345678.99 "), "12345678.99");
  EXPECT_EQ(Parsed(d10_2, "7"), "7.00");
  EXPECT_EQ(Parsed(d10_2, "1.230"), "1.23");  // trailing zeros lose nothing
  EXPECT_EQ(Parsed(d10_2, "1.5e1"), "15.00");
  EXPECT_EQ(Parsed(d10_2, "150e-2"), "1.50");
  EXPECT_EQ(Parsed(d10_2, "1.234"), "error: '1.234' has more decimal places than decimal(10,2)");
  EXPECT_EQ(Parsed(d10_2, "123456789.5"), "error: '123456789.5' is out of range for decimal(10,2)");
  EXPECT_EQ(Parsed(d10_2, "1e99999"), "error: '1e99999' is out of range for decimal(10,2)");
  EXPECT_EQ(Parsed(d10_2, "0e99999"), "0.00");
  for (std::string_view bad : {"abc", "1.2.3", ".", "1e", "nan", "1,5"}) {
    EXPECT_EQ(Parsed(d10_2, bad), fmt::format("error: '{}' is not a valid decimal(10,2)", bad));
  }
}

TEST(ValueParserTest, Decimal38Digits) {
  ASSERT_OK_AND_ASSIGN(TypePtr d38, Decimal(38, 0));
  const std::string max38(38, '9');
  EXPECT_EQ(Parsed(d38, max38), max38);
  EXPECT_EQ(Parsed(d38, "-" + max38), "-" + max38);
  EXPECT_EQ(Parsed(d38, "1" + std::string(38, '0')),
            "error: '1" + std::string(38, '0') + "' is out of range for decimal(38,0)");
  ASSERT_OK_AND_ASSIGN(TypePtr d38_38, Decimal(38, 38));
  EXPECT_EQ(Parsed(d38_38, "0." + max38), "0." + max38);
  EXPECT_EQ(Parsed(d38_38, "1"), "error: '1' is out of range for decimal(38,38)");
  // Zeros beyond 38 digits in the fraction are not significant.
  EXPECT_EQ(Parsed(d38, "5." + std::string(50, '0')), "5");
}

TEST(ValueParserTest, StringsAreValidatedUtf8) {
  EXPECT_EQ(Parsed(String(), "h\xC3\xA9llo"), "h\xC3\xA9llo");
  EXPECT_EQ(Parsed(String(), "ab\xFF"), "error: invalid UTF-8 at byte 2");
  EXPECT_EQ(Parsed(String(), "a\xC3"), "error: invalid UTF-8 at byte 1");           // truncated
  EXPECT_EQ(Parsed(String(), "\xED\xA0\x80"), "error: invalid UTF-8 at byte 0");    // surrogate
  EXPECT_EQ(Parsed(Json(), "{\"a\":\xC0\xAF}"), "error: invalid UTF-8 at byte 5");  // overlong
  ASSERT_OK_AND_ASSIGN(VectorPtr binary, ParseAll(Binary(), {"ab\xFF"}));
  EXPECT_EQ(binary->GetView(0), "ab\xFF");
  ASSERT_OK_AND_ASSIGN(VectorPtr json, ParseAll(Json(), {"{\"a\": 1}"}));
  EXPECT_EQ(json->GetView(0), "{\"a\": 1}");
}

TEST(ValueParserTest, LongValuesAreCutInMessages) {
  const std::string text(200, 'x');
  EXPECT_EQ(Parsed(Int64(), text), "error: '" + std::string(80, 'x') + "...' is not a valid int64");
}

TEST(ValueParserTest, Dates) {
  EXPECT_EQ(ParsedValue<int32_t>(Date(), "1970-01-01"), 0);
  EXPECT_EQ(Parsed(Date(), " 2024-02-29 "), "2024-02-29");
  EXPECT_EQ(Parsed(Date(), "-0044-03-15"), "-0044-03-15");
  EXPECT_EQ(Parsed(Date(), "10000-01-01"), "10000-01-01");
  EXPECT_EQ(Parsed(Date(), "0001-01-01"), "0001-01-01");
  EXPECT_EQ(Parsed(Date(), "5881580-07-11"), "5881580-07-11");  // INT32_MAX days
  EXPECT_EQ(Parsed(Date(), "5881580-07-12"), "error: '5881580-07-12' is out of range for date");
  for (std::string_view bad : {"2025-13-01", "2023-02-29", "2025-04-31", "2025-1-01", "2025/01/01",
                               "2025-01-01 00:00:00", "20250101", " "}) {
    EXPECT_EQ(Parsed(Date(), bad), fmt::format("error: '{}' is not a valid date", bad));
  }
}

TEST(ValueParserTest, DatesWithFormat) {
  ValueOptions options;
  options.date_format = "%d/%m/%Y";
  EXPECT_EQ(Parsed(Date(), "3/4/2025", options), "2025-04-03");
  EXPECT_EQ(Parsed(Date(), "29/02/2024", options), "2024-02-29");
  EXPECT_EQ(Parsed(Date(), "2025-04-03", options), "error: '2025-04-03' is not a valid date");
  EXPECT_EQ(Parsed(Date(), "31/04/2025", options), "error: '31/04/2025' is not a valid date");
  options.date_format = "%m/%d/%Y";
  EXPECT_EQ(Parsed(Date(), "3/4/2025", options), "2025-03-04");
  options.date_format = "%d %b %Y";
  EXPECT_EQ(Parsed(Date(), "05 SEP 2025", options), "2025-09-05");
  EXPECT_EQ(Parsed(Date(), "05 Sept 2025", options), "error: '05 Sept 2025' is not a valid date");
  options.date_format = "%Y%m%d%%";
  EXPECT_EQ(Parsed(Date(), "20250131%", options), "2025-01-31");
  options.date_format = "%d/%m/%Y %H";
  EXPECT_EQ(ColumnParser::Make(Date(), options).status().message(),
            "date format '%d/%m/%Y %H' has a time field '%H'");
}

TEST(ValueParserTest, Times) {
  EXPECT_EQ(ParsedValue<int64_t>(Time(TimeUnit::kMicro), "00:00:01.5"), 1500000);
  EXPECT_EQ(Parsed(Time(TimeUnit::kMicro), "23:59:59.999999"), "23:59:59.999999");
  EXPECT_EQ(Parsed(Time(TimeUnit::kMicro), "12:30"), "12:30:00");
  EXPECT_EQ(Parsed(Time(TimeUnit::kNano), "12:30:00.000000001"), "12:30:00.000000001");
  EXPECT_EQ(Parsed(Time(TimeUnit::kMicro), "12:30:00.123456000"), "12:30:00.123456");
  EXPECT_EQ(Parsed(Time(TimeUnit::kMicro), "12:30:00.1234567"),
            "error: '12:30:00.1234567' has more fractional second digits than time(us)");
  EXPECT_EQ(Parsed(Time(TimeUnit::kMilli), "12:30:00.1234"),
            "error: '12:30:00.1234' has more fractional second digits than time(ms)");
  for (std::string_view bad :
       {"24:00:00", "12:60:00", "12:00:60", "1:00:00", "12:00:00.", "12:00:00.1234567890"}) {
    EXPECT_EQ(Parsed(Time(TimeUnit::kMicro), bad),
              fmt::format("error: '{}' is not a valid time(us)", bad));
  }
}

TEST(ValueParserTest, NaiveTimestamps) {
  const TypePtr us = Timestamp(TimeUnit::kMicro);
  EXPECT_EQ(ParsedValue<int64_t>(us, "1970-01-01 00:00:00"), 0);
  EXPECT_EQ(ParsedValue<int64_t>(us, "1970-01-02T00:00:00.000001"), kMicrosPerDay + 1);
  EXPECT_EQ(ParsedValue<int64_t>(us, "1969-12-31 23:59:59.999999"), -1);
  EXPECT_EQ(ParsedValue<int64_t>(us, "2025-10-03"), 20364 * kMicrosPerDay);  // midnight
  EXPECT_EQ(Parsed(us, "2024-02-29 12:34"), "2024-02-29 12:34:00");
  EXPECT_EQ(Parsed(Timestamp(TimeUnit::kNano), "2262-04-11 23:47:16.854775807"),
            "2262-04-11 23:47:16.854775807");
  EXPECT_EQ(Parsed(Timestamp(TimeUnit::kNano), "2262-04-11 23:47:16.854775808"),
            "error: '2262-04-11 23:47:16.854775808' is out of range for timestamp(ns)");
  EXPECT_EQ(Parsed(Timestamp(TimeUnit::kMilli), "2025-01-01 00:00:00.0015"),
            "error: '2025-01-01 00:00:00.0015' has more fractional second digits than "
            "timestamp(ms)");
  EXPECT_EQ(Parsed(us, "2025-01-01 00:00:00Z"),
            "error: '2025-01-01 00:00:00Z' has a UTC offset but the column is a timestamp "
            "without time zone");
  for (std::string_view bad : {"2025-01-01 24:00:00", "2025-02-30 00:00:00", "2025-01-01T",
                               "2025-01-01 00:00:00 +01", "2025-01-01  00:00"}) {
    EXPECT_EQ(Parsed(us, bad), fmt::format("error: '{}' is not a valid timestamp(us)", bad));
  }
}

TEST(ValueParserTest, UtcTimestampsAreConvertedExactly) {
  const TypePtr utc = Timestamp(TimeUnit::kMicro, true);
  const int64_t noon = 20364 * kMicrosPerDay + 12LL * 3600 * 1000000;
  EXPECT_EQ(ParsedValue<int64_t>(utc, "2025-10-03T12:00:00Z"), noon);
  EXPECT_EQ(ParsedValue<int64_t>(utc, "2025-10-03 12:00:00+00"), noon);
  EXPECT_EQ(ParsedValue<int64_t>(utc, "2025-10-03 14:30:00+02:30"), noon);
  EXPECT_EQ(ParsedValue<int64_t>(utc, "2025-10-03 14:30:00+0230"), noon);
  EXPECT_EQ(ParsedValue<int64_t>(utc, "2025-10-03 07:00:00-05"), noon);
  // Crossing midnight backwards.
  EXPECT_EQ(ParsedValue<int64_t>(utc, "2025-10-04 01:00:00+13:00"), noon);
  EXPECT_EQ(Parsed(utc, "2025-10-03 12:00:00"),
            "error: '2025-10-03 12:00:00' has no UTC offset but the column is a timestamp in UTC");
  EXPECT_EQ(Parsed(utc, "2025-10-03 12:00:00+24:00"),
            "error: '2025-10-03 12:00:00+24:00' is not a valid timestamp(us, UTC)");
  EXPECT_EQ(Parsed(utc, "2025-10-03 12:00:00+1"),
            "error: '2025-10-03 12:00:00+1' is not a valid timestamp(us, UTC)");
}

TEST(ValueParserTest, TimestampsWithFormat) {
  ValueOptions options;
  options.timestamp_format = "%d/%m/%Y %H:%M:%S.%f";
  EXPECT_EQ(Parsed(Timestamp(TimeUnit::kMicro), "03/10/2025 12:34:56.5", options),
            "2025-10-03 12:34:56.5");
  options.timestamp_format = "%Y-%m-%d %H:%M%z";
  EXPECT_EQ(
      ParsedValue<int64_t>(Timestamp(TimeUnit::kMicro, true), "1970-01-01 01:00+01:00", options),
      0);
  options.timestamp_format = "%Y-%m-%d %k";
  EXPECT_EQ(ColumnParser::Make(Timestamp(TimeUnit::kMicro), options).status().message(),
            "format '%Y-%m-%d %k' has unknown directive '%k'");
}

TEST(ValueParserTest, Uuids) {
  const std::string canonical = "123e4567-e89b-12d3-a456-426614174000";
  EXPECT_EQ(Parsed(Uuid(), canonical), canonical);
  EXPECT_EQ(Parsed(Uuid(), " 123E4567-E89B-12D3-A456-426614174000 "), canonical);
  ASSERT_OK_AND_ASSIGN(VectorPtr vector, ParseAll(Uuid(), {canonical}));
  const std::string_view bytes = vector->GetView(0);
  ASSERT_EQ(bytes.size(), 16U);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), 0x12);  // big-endian, as written
  EXPECT_EQ(static_cast<uint8_t>(bytes[15]), 0x00);
  for (std::string_view bad :
       {"123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g",
        "123e4567-e89b-12d3-a4564-26614174000", "{123e4567-e89b}"}) {
    EXPECT_EQ(Parsed(Uuid(), bad), fmt::format("error: '{}' is not a valid uuid", bad));
  }
}

TEST(ValueParserTest, UnsupportedTypes) {
  EXPECT_TRUE(ColumnParser::Make(List(Int32()), {}).status().IsNotImplemented());
  ASSERT_OK_AND_ASSIGN(TypePtr fixed, FixedSizeBinary(4));
  EXPECT_TRUE(ColumnParser::Make(fixed, {}).status().IsNotImplemented());
}

// Inference and parsing share their scanners: whatever inference accepts
// for a column, the parser of the inferred type reads.
TEST(ValueParserTest, ParsesEveryValueInferenceAccepted) {
  ValueOptions exact;
  exact.exact_decimals = true;
  exact.null_values = {"", "NA"};
  const std::vector<std::vector<std::string_view>> columns = {
      {"1", " -2 ", "+5", "NA", "9223372036854775807"},
      {"1", "2.5", "-1e3", "nan", "-Infinity", ".5", "1e-400"},
      {"1", "12.125", "-0.5", "9223372036854775808"},
      {"TRUE", " false"},
      {"2024-02-29", " 2025-01-01", "-0044-03-15"},
      {"31/12/2024", "1/2/2025"},
      {"12.31.2024", "1.2.2025"},
      {"2025-01-01", "2025-01-01 10:00", "2025-01-01T10:00:00.123456789"},
      {"2025-01-01T10:00:00Z", "2025-01-01 10:00:00.5-03:30", "2025-01-01 10:00:00+01"},
      {"10:00:00", "23:59:59.5"},
      {"123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-00000000000A"},
      {"007", "x", " padded "},
  };
  for (const auto& values : columns) {
    ColumnInference inference(&exact);
    for (std::string_view value : values) inference.Observe(value, false);
    ASSERT_OK_AND_ASSIGN(TypePtr type, inference.Type());
    ValueOptions column_options = exact;
    column_options.date_format = inference.date_format();
    ASSERT_OK_AND_ASSIGN(VectorPtr vector, ParseAll(type, values, column_options));
    EXPECT_EQ(vector->length(), static_cast<int64_t>(values.size())) << type->ToString();
    EXPECT_OK(vector->ValidateFull());
  }
}

std::string Widened(const TypePtr& type, std::string_view text, bool exact = false) {
  ValueOptions options;
  options.exact_decimals = exact;
  const std::optional<TypePtr> wider = SafeWidening(type, text, options);
  return wider ? (*wider)->ToString() : "none";
}

TEST(SafeWideningTest, Int64) {
  EXPECT_EQ(Widened(Int64(), "1.5"), "float64");
  EXPECT_EQ(Widened(Int64(), "1.5", true), "decimal(20,1)");
  EXPECT_EQ(Widened(Int64(), "1.25", true), "decimal(21,2)");
  EXPECT_EQ(Widened(Int64(), "1e3", true), "float64");
  EXPECT_EQ(Widened(Int64(), "nan"), "float64");
  EXPECT_EQ(Widened(Int64(), "9223372036854775808"), "float64");
  EXPECT_EQ(Widened(Int64(), "9223372036854775808", true), "decimal(19,0)");
  EXPECT_EQ(Widened(Int64(), "123456789012345678901234", true), "decimal(24,0)");
  EXPECT_EQ(Widened(Int64(), std::string(39, '9'), true), "float64");
  // 19 integer digits plus 20 fractional ones exceed 38.
  EXPECT_EQ(Widened(Int64(), "0.12345678901234567890", true), "float64");
  EXPECT_EQ(Widened(Int64(), "12"), "none");  // it fits
  EXPECT_EQ(Widened(Int64(), "abc"), "none");
  EXPECT_EQ(Widened(Int64(), "2025-01-01"), "none");
  EXPECT_EQ(Widened(Int64(), "007.5"), "none");
  EXPECT_EQ(Widened(Int64(), "1e400"), "none");
}

TEST(SafeWideningTest, Decimal) {
  ASSERT_OK_AND_ASSIGN(TypePtr d5_2, Decimal(5, 2));
  EXPECT_EQ(Widened(d5_2, "1.234", true), "decimal(6,3)");
  EXPECT_EQ(Widened(d5_2, "12345.5", true), "decimal(7,2)");
  EXPECT_EQ(Widened(d5_2, "12345", true), "decimal(7,2)");
  EXPECT_EQ(Widened(d5_2, "1.234"), "float64");
  EXPECT_EQ(Widened(d5_2, "1e2", true), "float64");
  EXPECT_EQ(Widened(d5_2, "1." + std::string(37, '1'), true), "float64");
  EXPECT_EQ(Widened(d5_2, "1.5", true), "none");  // it fits
  EXPECT_EQ(Widened(d5_2, "x", true), "none");
}

TEST(SafeWideningTest, DateToTimestamp) {
  EXPECT_EQ(Widened(Date(), "2025-01-01 10:00:00"), "timestamp(us)");
  EXPECT_EQ(Widened(Date(), "2025-01-01T10:00:00.000000001"), "timestamp(ns)");
  EXPECT_EQ(Widened(Date(), "2025-01-01 10:00:00Z"), "none");
  EXPECT_EQ(Widened(Date(), "10:00:00"), "none");
  ValueOptions options;
  options.date_format = "%d/%m/%Y";
  EXPECT_FALSE(SafeWidening(Date(), "2025-01-01 10:00:00", options).has_value());
}

TEST(SafeWideningTest, OtherTypesNeverWiden) {
  EXPECT_EQ(Widened(Int32(), "1.5"), "none");
  EXPECT_EQ(Widened(Float64(), "abc"), "none");
  EXPECT_EQ(Widened(Bool(), "1"), "none");
  EXPECT_EQ(Widened(Timestamp(TimeUnit::kMicro), "2025-01-01 00:00:00Z"), "none");
  EXPECT_EQ(Widened(String(), "x"), "none");
}

// ValueConverter reads every type ColumnParser does, with the same values
// and reasons, in two steps: a value converted is appended only when asked.
TEST(ValueConverterTest, ConvertsLikeTheParserAndAppendsLater) {
  ASSERT_OK_AND_ASSIGN(TypePtr decimal, Decimal(10, 2));
  const std::vector<std::pair<TypePtr, std::vector<std::string_view>>> cases = {
      {Bool(), {"true", " FALSE ", "yes"}},
      {Int16(), {"12", "-7", "40000", "1.5"}},
      {UInt64(), {"18446744073709551615", "-1"}},
      {Float32(), {"1.5", "1e3", "x"}},
      {decimal, {"12.3", "-0.05", "1.234", "123456789012"}},
      {String(), {"héllo", "\xff"}},
      {Date(), {"2024-02-29", "2023-02-29"}},
      {Time(TimeUnit::kMilli), {"12:30:00.5", "12:30:00.0005"}},
      {Timestamp(TimeUnit::kMicro, true), {"2024-01-02T03:04:05+02:00", "2024-01-02T03:04:05"}},
      {Uuid(), {"6ba7b810-9dad-11d1-80b4-00c04fd430c8", "6ba7b810"}},
  };
  for (const auto& [type, texts] : cases) {
    SCOPED_TRACE(type->ToString());
    ASSERT_OK_AND_ASSIGN(auto converter, ValueConverter::Make(type, {}));
    EXPECT_EQ(converter->type(), type);
    ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
    std::vector<std::string> expected;
    std::vector<ScalarValue> converted;
    for (std::string_view text : texts) {
      ScalarValue value;
      const Status status = converter->Convert(text, &value);
      expected.push_back(Parsed(type, text));
      if (!status.ok()) {
        EXPECT_EQ("error: " + std::string(status.message()), expected.back());
        expected.pop_back();
        continue;
      }
      converted.push_back(value);
    }
    // Nothing reaches the builder before Append.
    EXPECT_EQ(builder->length(), 0);
    for (const ScalarValue& value : converted) ASSERT_OK(converter->Append(value, builder.get()));
    ASSERT_OK_AND_ASSIGN(VectorPtr vector, builder->Finish());
    ASSERT_EQ(vector->length(), static_cast<int64_t>(expected.size()));
    for (int64_t i = 0; i < vector->length(); ++i) {
      EXPECT_EQ(FormatValue(*vector, i), expected[static_cast<size_t>(i)]);
    }
  }
  EXPECT_TRUE(ValueConverter::Make(Struct({Field("a", Int64())}), {}).status().IsNotImplemented());
}

}  // namespace
}  // namespace strata::formats
