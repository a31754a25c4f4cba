#include "formats/value_inference.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing/status_matchers.h"

namespace strata::formats {
namespace {

// The inferred type of unquoted `values`, spelled as in schema files, or
// "error: <message>".
std::string InferType(const std::vector<std::string_view>& values,
                      const ValueOptions& options = {}) {
  ColumnInference inference(&options);
  for (std::string_view value : values) inference.Observe(value, /*quoted=*/false);
  Result<TypePtr> type = inference.Type();
  if (!type.ok()) return "error: " + std::string(type.status().message());
  return (*type)->ToString();
}

ValueOptions ExactDecimals() {
  ValueOptions options;
  options.exact_decimals = true;
  return options;
}

TEST(ValueInferenceTest, SingleKinds) {
  EXPECT_EQ(InferType({"1", "-2", "+5", "0", "-0"}), "int64");
  EXPECT_EQ(InferType({"true", "FALSE", "True"}), "bool");
  EXPECT_EQ(InferType({"1.5", "2.25", "-0.5"}), "float64");
  EXPECT_EQ(InferType({"1e5", "2.5E-3"}), "float64");
  EXPECT_EQ(InferType({"nan", "Inf", "-inf", "INFINITY", "+inf"}), "float64");
  EXPECT_EQ(InferType({".5", "5."}), "float64");
  EXPECT_EQ(InferType({"2025-01-31", "1999-12-31"}), "date");
  EXPECT_EQ(InferType({"2025-01-31 10:20:30", "2025-01-31T10:20"}), "timestamp(us)");
  EXPECT_EQ(InferType({"2025-01-31T10:20:30Z", "2025-01-31 10:20:30+02:00",
                       "2025-01-31 10:20:30-0530", "2025-01-31 10:20:30+00"}),
            "timestamp(us, UTC)");
  EXPECT_EQ(InferType({"10:20:30", "23:59:59.999999"}), "time(us)");
  EXPECT_EQ(
      InferType({"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"}),
      "uuid");
  EXPECT_EQ(InferType({"hello", "world"}), "string");
}

TEST(ValueInferenceTest, NotQuiteValues) {
  EXPECT_EQ(InferType({"1x"}), "string");
  EXPECT_EQ(InferType({"1e"}), "string");
  EXPECT_EQ(InferType({"."}), "string");
  EXPECT_EQ(InferType({"+"}), "string");
  EXPECT_EQ(InferType({"nanx"}), "string");
  EXPECT_EQ(InferType({"2025-02-30"}), "string");  // no such day
  EXPECT_EQ(InferType({"2025-13-01"}), "string");
  EXPECT_EQ(InferType({"24:00:00"}), "string");
  EXPECT_EQ(InferType({"10:20"}), "string");                           // a time needs seconds
  EXPECT_EQ(InferType({"2025-01-31 10:20:30.1234567891"}), "string");  // > 9 digits
  EXPECT_EQ(InferType({"123e4567-e89b-12d3-a456-42661417400g"}), "string");
  EXPECT_EQ(InferType({"1e400"}), "string");    // a double overflows
  EXPECT_EQ(InferType({"1e-400"}), "float64");  // underflow reads as zero
  EXPECT_EQ(InferType({"yes", "no"}), "string");
}

TEST(ValueInferenceTest, LatticeJoins) {
  EXPECT_EQ(InferType({"1", "2.5"}), "float64");
  EXPECT_EQ(InferType({"1", "1e3"}), "float64");
  EXPECT_EQ(InferType({"2025-01-01", "2025-01-01 10:00:00"}), "timestamp(us)");
  EXPECT_EQ(InferType({"2025-01-01", "2025-01-01 10:00:00Z"}), "string");
  EXPECT_EQ(InferType({"2025-01-01 10:00:00", "2025-01-01 10:00:00Z"}), "string");
  EXPECT_EQ(InferType({"1", "true"}), "string");
  EXPECT_EQ(InferType({"1", "2025-01-01"}), "string");
  EXPECT_EQ(InferType({"10:00:00", "2025-01-01"}), "string");
  EXPECT_EQ(InferType({"123e4567-e89b-12d3-a456-426614174000", "1"}), "string");
  EXPECT_EQ(InferType({"1.5", "abc"}), "string");
  EXPECT_EQ(InferType({"true", "10:00:00"}), "string");
}

TEST(ValueInferenceTest, LeadingZeroCodesAreStrings) {
  EXPECT_EQ(InferType({"007"}), "string");
  EXPECT_EQ(InferType({"-01"}), "string");
  EXPECT_EQ(InferType({"1", "2", "0123"}), "string");
  EXPECT_EQ(InferType({"00.5"}), "string");
  EXPECT_EQ(InferType({"0", "0.5", "-0.25"}), "float64");
}

TEST(ValueInferenceTest, SpacesAroundValuesAreTrimmed) {
  EXPECT_EQ(InferType({" 1", "2 ", "\t3\t"}), "int64");
  EXPECT_EQ(InferType({" true "}), "bool");
  EXPECT_EQ(InferType({" 2025-01-01 "}), "date");
  EXPECT_EQ(InferType({"1", "   "}), "string");  // blank is not a null token
}

TEST(ValueInferenceTest, BigIntegers) {
  EXPECT_EQ(InferType({"9223372036854775807", "-9223372036854775808"}), "int64");
  EXPECT_EQ(InferType({"9223372036854775808"}), "float64");
  EXPECT_EQ(InferType({"-9223372036854775809"}), "float64");
  EXPECT_EQ(InferType({"1", "9223372036854775808"}, ExactDecimals()), "decimal(19,0)");
  EXPECT_EQ(InferType({"12345678901234567890123456789012345678"}, ExactDecimals()),
            "decimal(38,0)");
  EXPECT_EQ(InferType({"123456789012345678901234567890123456789"}, ExactDecimals()), "float64");
}

TEST(ValueInferenceTest, ExactDecimalsPrecisionAndScale) {
  const ValueOptions exact = ExactDecimals();
  EXPECT_EQ(InferType({"1.5", "22.25", "-333.125"}, exact), "decimal(6,3)");
  EXPECT_EQ(InferType({"0.5"}, exact), "decimal(1,1)");
  EXPECT_EQ(InferType({"0.05"}, exact), "decimal(2,2)");
  EXPECT_EQ(InferType({"5."}, exact), "decimal(1,0)");
  EXPECT_EQ(InferType({"1.50"}, exact), "decimal(3,2)");  // written scale is kept
  EXPECT_EQ(InferType({"12345", "0.5"}, exact), "decimal(6,1)");
  EXPECT_EQ(InferType({"1.5", "1e3"}, exact), "float64");
  EXPECT_EQ(InferType({"1.5", "nan"}, exact), "float64");
  // 20 integer digits + 20 fractional digits exceed 38.
  EXPECT_EQ(InferType({"12345678901234567890", "0.12345678901234567890"}, exact), "float64");
  EXPECT_EQ(InferType({"1234567890123456789.1234567890123456789"}, exact), "decimal(38,19)");
}

TEST(ValueInferenceTest, NullTokensDoNotChangeTheType) {
  ValueOptions options;
  options.null_values = {"", "NA", "\\N", "null"};
  EXPECT_EQ(InferType({"1", "NA", "\\N", "", "null", "2"}, options), "int64");
  EXPECT_EQ(InferType({"NA", "2025-01-01"}, options), "date");
  // Null tokens are case-sensitive: "na" is text.
  EXPECT_EQ(InferType({"1", "na"}, options), "string");
  // Without "NA" among the tokens it is a string.
  EXPECT_EQ(InferType({"1", "NA"}), "string");
}

TEST(ValueInferenceTest, OnlyNullsIsString) {
  ValueOptions options;
  ColumnInference inference(&options);
  inference.Observe("", false);
  inference.Observe("", false);
  ASSERT_OK_AND_ASSIGN(TypePtr type, inference.Type());
  EXPECT_EQ(type->ToString(), "string");
  EXPECT_TRUE(inference.saw_null());
  EXPECT_EQ(inference.values_seen(), 2);

  ColumnInference empty(&options);
  ASSERT_OK_AND_ASSIGN(TypePtr empty_type, empty.Type());
  EXPECT_EQ(empty_type->ToString(), "string");
  EXPECT_FALSE(empty.saw_null());
}

TEST(ValueInferenceTest, QuotedValues) {
  ValueOptions options;
  options.null_values = {"", "NA"};
  ColumnInference quoted_empty(&options);
  quoted_empty.Observe("1", false);
  quoted_empty.Observe("", true);  // "" is the empty string, never null
  ASSERT_OK_AND_ASSIGN(TypePtr type, quoted_empty.Type());
  EXPECT_EQ(type->ToString(), "string");
  EXPECT_FALSE(quoted_empty.saw_null());

  ColumnInference quoted_token(&options);
  quoted_token.Observe("NA", true);
  ASSERT_OK_AND_ASSIGN(type, quoted_token.Type());
  EXPECT_EQ(type->ToString(), "string");

  // Quoting does not hide a number's type.
  ColumnInference quoted_number(&options);
  quoted_number.Observe("12", true);
  quoted_number.Observe("", false);
  ASSERT_OK_AND_ASSIGN(type, quoted_number.Type());
  EXPECT_EQ(type->ToString(), "int64");
  EXPECT_TRUE(quoted_number.saw_null());
}

TEST(ValueInferenceTest, CustomBooleans) {
  ValueOptions options;
  options.true_values = {"yes", "Y"};
  options.false_values = {"no", "n"};
  EXPECT_EQ(InferType({"yes", "NO", "y", "N"}, options), "bool");
  EXPECT_EQ(InferType({"true"}, options), "string");
}

TEST(ValueInferenceDateTest, DayFirstAndMonthFirst) {
  ValueOptions options;
  ColumnInference day_first(&options);
  for (std::string_view v : {"03/04/2025", "25/12/2024", "01/02/2023"}) day_first.Observe(v, false);
  ASSERT_OK_AND_ASSIGN(TypePtr type, day_first.Type());
  EXPECT_EQ(type->ToString(), "date");
  EXPECT_EQ(day_first.date_format(), "%d/%m/%Y");

  ColumnInference month_first(&options);
  for (std::string_view v : {"03-04-2025", "12-25-2024"}) month_first.Observe(v, false);
  ASSERT_OK_AND_ASSIGN(type, month_first.Type());
  EXPECT_EQ(type->ToString(), "date");
  EXPECT_EQ(month_first.date_format(), "%m-%d-%Y");

  ColumnInference dotted(&options);
  dotted.Observe("31.1.2025", false);
  dotted.Observe("1.2.2025", false);
  EXPECT_EQ(dotted.date_format(), "%d.%m.%Y");

  ColumnInference iso(&options);
  iso.Observe("2025-01-01", false);
  EXPECT_EQ(iso.date_format(), "");
}

TEST(ValueInferenceDateTest, AmbiguousOrderIsAnError) {
  EXPECT_EQ(InferType({"03/04/2025", "05/06/2025"}),
            "error: ambiguous date order: '03/04/2025' could be day-first or month-first; "
            "give a date format");
  // Equal day and month read the same in either order: not ambiguous.
  EXPECT_EQ(InferType({"05/05/2025", "01/01/2025"}), "date");
  // With a format there is nothing to guess.
  ValueOptions options;
  options.date_format = "%m/%d/%Y";
  EXPECT_EQ(InferType({"03/04/2025"}, options), "date");
  // Another value making the column a string hides the ambiguity.
  EXPECT_EQ(InferType({"03/04/2025", "soon"}), "string");
}

TEST(ValueInferenceDateTest, ContradictionsAreStrings) {
  EXPECT_EQ(InferType({"13/01/2025", "01/13/2025"}), "string");
  EXPECT_EQ(InferType({"13/01/2025", "14-01-2025"}), "string");  // mixed separators
  EXPECT_EQ(InferType({"13/01/2025", "2025-01-14"}), "string");  // mixed forms
  EXPECT_EQ(InferType({"31/02/2025"}), "string");                // no such day in either order
  EXPECT_EQ(InferType({"29/02/2024"}), "date");                  // leap day
  EXPECT_EQ(InferType({"29/02/2025"}), "string");
}

TEST(ValueInferenceDateTest, ExplicitFormats) {
  ValueOptions options;
  options.date_format = "%Y%m%d";
  EXPECT_EQ(InferType({"20250131", "19991231"}, options), "date");  // not int64
  EXPECT_EQ(InferType({"2025-01-31"}, options), "string");          // only the format is read

  ValueOptions timestamps;
  timestamps.timestamp_format = "%d/%m/%Y %H:%M";
  EXPECT_EQ(InferType({"31/01/2025 10:20"}, timestamps), "timestamp(us)");
  timestamps.timestamp_format = "%d %b %Y %H:%M:%S%z";
  EXPECT_EQ(InferType({"31 Jan 2025 10:20:00+01:00"}, timestamps), "timestamp(us, UTC)");

  ValueOptions bad;
  bad.date_format = "%Y-%q";
  EXPECT_EQ(InferType({"1"}, bad), "error: format '%Y-%q' has unknown directive '%q'");
  bad.date_format = "%Y-%m-%d %H";
  EXPECT_EQ(InferType({"1"}, bad), "error: date format '%Y-%m-%d %H' has a time field '%H'");
}

TEST(ValueInferenceDateTest, FractionsAndRanges) {
  EXPECT_EQ(InferType({"2025-01-31 10:20:30.123456789"}), "timestamp(ns)");
  EXPECT_EQ(InferType({"2025-01-31 10:20:30.123456000"}), "timestamp(us)");
  EXPECT_EQ(InferType({"10:20:30.000000001"}), "time(ns)");
  // Nanoseconds cannot reach the year 3000; microseconds can.
  EXPECT_EQ(InferType({"3000-01-01 00:00:00.000000001"}), "string");
  EXPECT_EQ(InferType({"3000-01-01 00:00:00"}), "timestamp(us)");
  EXPECT_EQ(InferType({"-0044-03-15", "10000-01-01"}), "date");
  EXPECT_EQ(InferType({"999999999-01-01"}), "string");  // beyond int32 days
}

TEST(ValueInferenceTest, MergeCombinesBlocks) {
  ValueOptions options;
  options.exact_decimals = true;
  ColumnInference a(&options);
  ColumnInference b(&options);
  a.Observe("12.5", false);
  a.Observe("", false);
  b.Observe("1234", false);
  b.Observe("0.125", false);
  a.Merge(b);
  ASSERT_OK_AND_ASSIGN(TypePtr type, a.Type());
  EXPECT_EQ(type->ToString(), "decimal(7,3)");
  EXPECT_EQ(a.values_seen(), 4);
  EXPECT_TRUE(a.saw_null());

  // Each block alone resolves its date order; together they contradict.
  ColumnInference day_first(&options);
  ColumnInference month_first(&options);
  day_first.Observe("13/01/2025", false);
  month_first.Observe("01/13/2025", false);
  day_first.Merge(month_first);
  ASSERT_OK_AND_ASSIGN(type, day_first.Type());
  EXPECT_EQ(type->ToString(), "string");

  // An ambiguous block is resolved by another block.
  ColumnInference ambiguous(&options);
  ColumnInference resolving(&options);
  ambiguous.Observe("03/04/2025", false);
  resolving.Observe("30/04/2025", false);
  ambiguous.Merge(resolving);
  ASSERT_OK_AND_ASSIGN(type, ambiguous.Type());
  EXPECT_EQ(type->ToString(), "date");
  EXPECT_EQ(ambiguous.date_format(), "%d/%m/%Y");
}

TEST(ValueInferenceTest, MovedInferenceKeepsState) {
  ValueOptions options;
  ColumnInference a(&options);
  a.Observe("1", false);
  ColumnInference b = std::move(a);
  b.Observe("2.5", false);
  ASSERT_OK_AND_ASSIGN(TypePtr type, b.Type());
  EXPECT_EQ(type->ToString(), "float64");
}

}  // namespace
}  // namespace strata::formats
