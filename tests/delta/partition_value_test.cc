// Partition value strings (PROTOCOL.md "Partition Value Serialization") as
// typed columns, and typed values back to the strings Spark writes.

#include "delta/partition_value.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/value_format.h"
#include "testing/status_matchers.h"

namespace strata::delta {
namespace {

using ::testing::HasSubstr;

// The partition column of `rows` rows for `text`; fails the test on error.
VectorPtr Column(const TypePtr& type, const std::optional<std::string>& text, int64_t rows = 3) {
  Result<VectorPtr> column = MakePartitionColumn(type, text, rows);
  EXPECT_OK(column.status()) << type->ToString() << " " << text.value_or("<null>");
  if (!column.ok()) return nullptr;
  EXPECT_EQ((*column)->length(), rows);
  EXPECT_TRUE((*column)->type()->Equals(*type));
  EXPECT_OK((*column)->Validate());
  return *column;
}

// Every row of `column` as FormatValue text; all rows must be equal.
std::string Rendered(const VectorPtr& column) {
  if (column == nullptr || column->length() == 0) return "<none>";
  const std::string first = FormatValue(*column, 0);
  for (int64_t row = 1; row < column->length(); ++row) {
    EXPECT_EQ(FormatValue(*column, row), first) << "row " << row;
  }
  return first;
}

std::string Render(const TypePtr& type, const std::string& text) {
  return Rendered(Column(type, text));
}

TypePtr Dec(int32_t precision, int32_t scale) { return Decimal(precision, scale).ValueOrDie(); }
TypePtr Utc() { return Timestamp(TimeUnit::kMicro, true); }
TypePtr Ntz() { return Timestamp(TimeUnit::kMicro, false); }

int64_t Micros(const TypePtr& type, const std::string& text) {
  const VectorPtr column = Column(type, text, 1);
  return column == nullptr ? -1 : column->Value<int64_t>(0);
}

// 2024-01-01T10:00:00Z in microseconds.
constexpr int64_t k2024 = int64_t{1704103200} * 1000000;

// ------------------------------------------------------------ parsing

TEST(MakePartitionColumnTest, StringsAndBinary) {
  EXPECT_EQ(Render(String(), "BMS"), "BMS");
  EXPECT_EQ(Render(String(), "Company Very Short"), "Company Very Short");
  EXPECT_EQ(Render(String(), "A/A=%"), "A/A=%");  // The value, not the directory name.
  EXPECT_EQ(Render(Binary(), "ab"), "ab");
}

TEST(MakePartitionColumnTest, Booleans) {
  EXPECT_EQ(Render(Bool(), "true"), "true");
  EXPECT_EQ(Render(Bool(), "false"), "false");
}

TEST(MakePartitionColumnTest, IntegersOfEveryWidth) {
  EXPECT_EQ(Render(Int8(), "-128"), "-128");
  EXPECT_EQ(Render(Int8(), "127"), "127");
  EXPECT_EQ(Render(Int16(), "-32768"), "-32768");
  EXPECT_EQ(Render(Int32(), "2021"), "2021");
  EXPECT_EQ(Render(Int32(), "-2147483648"), "-2147483648");
  EXPECT_EQ(Render(Int64(), "9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(Render(Int64(), "-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(Render(Int64(), "0"), "0");
}

TEST(MakePartitionColumnTest, JavaStyleFloatingPoint) {
  // Spark writes doubles with Java's Double.toString.
  const VectorPtr big = Column(Float64(), "1.0E10", 1);
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->Value<double>(0), 1e10);
  EXPECT_EQ(Column(Float64(), "-2.5E-3", 1)->Value<double>(0), -0.0025);
  EXPECT_EQ(Column(Float64(), "10.0", 1)->Value<double>(0), 10.0);
  EXPECT_EQ(Column(Float64(), "4.9E-324", 1)->Value<double>(0),
            std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(Column(Float64(), "Infinity", 1)->Value<double>(0),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(Column(Float64(), "-Infinity", 1)->Value<double>(0),
            -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(Column(Float64(), "NaN", 1)->Value<double>(0)));
  EXPECT_EQ(Column(Float32(), "1.5", 1)->Value<float>(0), 1.5F);
  EXPECT_EQ(Column(Float32(), "3.4028235E38", 1)->Value<float>(0),
            std::numeric_limits<float>::max());
  EXPECT_TRUE(std::isinf(Column(Float32(), "-Infinity", 1)->Value<float>(0)));
  EXPECT_EQ(Render(Float64(), "1.0E10"), "10000000000.0");
}

TEST(MakePartitionColumnTest, Decimals) {
  EXPECT_EQ(Render(Dec(10, 2), "123.45"), "123.45");
  EXPECT_EQ(Render(Dec(10, 2), "-0.50"), "-0.50");
  EXPECT_EQ(Render(Dec(10, 2), "7"), "7.00");
  EXPECT_EQ(Render(Dec(38, 0), "99999999999999999999999999999999999999"),
            "99999999999999999999999999999999999999");
}

TEST(MakePartitionColumnTest, Dates) {
  const VectorPtr column = Column(Date(), "2021-12-20", 2);
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column->Value<int32_t>(0), 18981);
  EXPECT_EQ(Rendered(column), "2021-12-20");
  EXPECT_EQ(Column(Date(), "1969-12-31", 1)->Value<int32_t>(0), -1);
  EXPECT_EQ(Column(Date(), "1970-01-01", 1)->Value<int32_t>(0), 0);
}

TEST(MakePartitionColumnTest, TimestampsInBothSpellings) {
  // Legacy "yyyy-MM-dd HH:mm:ss[.ffffff]" (UTC for `timestamp`)...
  EXPECT_EQ(Micros(Utc(), "2024-01-01 10:00:00"), k2024);
  EXPECT_EQ(Micros(Utc(), "2024-01-01 10:00:00.123456"), k2024 + 123456);
  EXPECT_EQ(Micros(Utc(), "2024-01-01 10:00:00.5"), k2024 + 500000);
  // ...and ISO 8601 adjusted to UTC.
  EXPECT_EQ(Micros(Utc(), "2024-01-01T10:00:00.000000Z"), k2024);
  EXPECT_EQ(Micros(Utc(), "2024-01-01T10:00:00.123456Z"), k2024 + 123456);
  EXPECT_EQ(Micros(Utc(), "2024-01-01T10:00:00Z"), k2024);
  EXPECT_EQ(Micros(Utc(), "2024-01-01T12:00:00+02:00"), k2024);
  // timestamp_ntz: wall-clock time, space-separated.
  EXPECT_EQ(Micros(Ntz(), "2024-01-01 10:00:00"), k2024);
  EXPECT_EQ(Micros(Ntz(), "2024-01-01 10:00:00.000001"), k2024 + 1);
  EXPECT_EQ(Micros(Utc(), "1969-12-31 23:59:59.999999"), -1);
}

TEST(MakePartitionColumnTest, RowCounts) {
  const VectorPtr none = Column(Int32(), "5", 0);
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->length(), 0);
  const VectorPtr many = Column(String(), "x", 100000);
  ASSERT_NE(many, nullptr);
  EXPECT_EQ(many->null_count(), 0);
  EXPECT_EQ(FormatValue(*many, 99999), "x");
}

// ------------------------------------------------------------ null

TEST(MakePartitionColumnTest, NullForEveryType) {
  for (const TypePtr& type : {String(), Binary(), Bool(), Int8(), Int16(), Int32(), Int64(),
                              Float32(), Float64(), Dec(10, 2), Date(), Utc(), Ntz()}) {
    const VectorPtr column = Column(type, std::nullopt, 4);
    ASSERT_NE(column, nullptr) << type->ToString();
    EXPECT_EQ(column->null_count(), 4) << type->ToString();
  }
}

TEST(MakePartitionColumnTest, EmptyStringIsNullForEveryType) {
  for (const TypePtr& type : {String(), Binary(), Bool(), Int8(), Int32(), Int64(), Float32(),
                              Float64(), Dec(10, 2), Date(), Utc(), Ntz()}) {
    const VectorPtr column = Column(type, std::string(), 2);
    ASSERT_NE(column, nullptr) << type->ToString();
    EXPECT_EQ(column->null_count(), 2) << type->ToString();
  }
}

// ------------------------------------------------------------ errors

TEST(MakePartitionColumnTest, BadValuesAreInvalidNamingValueAndType) {
  struct Case {
    TypePtr type;
    std::string text;
  };
  const std::vector<Case> cases = {
      {Bool(), "yes"},
      {Bool(), "TRUE "},
      {Int8(), "128"},
      {Int8(), "-129"},
      {Int16(), "40000"},
      {Int32(), "2147483648"},
      {Int32(), "1.5"},
      {Int32(), "12abc"},
      {Int32(), " 1"},
      {Int64(), "9223372036854775808"},
      {Int64(), "__HIVE_DEFAULT_PARTITION__"},
      {Float64(), "1.0E10x"},
      {Float64(), "ten"},
      {Float32(), "1,5"},
      {Dec(5, 2), "1234.56"},
      {Dec(10, 2), "12.3.4"},
      {Date(), "2021-13-01"},
      {Date(), "2021-02-30"},
      {Date(), "20211220"},
      {Utc(), "2024-01-01 25:00:00"},
      {Utc(), "yesterday"},
      {Ntz(), "2024-01-01T10:00:00.000000Zz"},
  };
  for (const Case& c : cases) {
    const Status status = MakePartitionColumn(c.type, c.text, 1).status();
    EXPECT_TRUE(status.IsInvalid())
        << c.type->ToString() << " " << c.text << ": " << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("\"" + c.text + "\""));
    EXPECT_THAT(status.message(), HasSubstr(c.type->ToString()));
  }
}

TEST(MakePartitionColumnTest, NestedTypesCannotBePartitionColumns) {
  for (const TypePtr& type :
       {List(Int32()), Struct({Field("a", Int32())}), Map(String(), String())}) {
    const Status status = MakePartitionColumn(type, std::string("x"), 1).status();
    EXPECT_TRUE(status.IsNotImplemented()) << type->ToString() << ": " << status.ToString();
  }
}

// ------------------------------------------------------------ formatting

// FormatPartitionValue of row 0 of the column parsed from `text`.
std::optional<std::string> Format(const TypePtr& type, const std::optional<std::string>& text) {
  const VectorPtr column = Column(type, text, 1);
  if (column == nullptr) return "<error>";
  Result<std::optional<std::string>> formatted = FormatPartitionValue(*column, 0);
  EXPECT_OK(formatted.status());
  return formatted.ok() ? *formatted : "<error>";
}

TEST(FormatPartitionValueTest, AsSparkWritesThem) {
  EXPECT_EQ(Format(String(), "BMS"), "BMS");
  EXPECT_EQ(Format(Binary(), "\x01z"), "\x01z");  // Bytes as they are.
  EXPECT_EQ(Format(Bool(), "true"), "true");
  EXPECT_EQ(Format(Int8(), "-128"), "-128");
  EXPECT_EQ(Format(Int64(), "9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(Format(Float64(), "1.5"), "1.5");
  EXPECT_EQ(Format(Dec(10, 2), "-0.5"), "-0.50");
  EXPECT_EQ(Format(Date(), "2021-12-20"), "2021-12-20");
  // timestamp: ISO 8601 with microseconds and Z; timestamp_ntz: a space.
  EXPECT_EQ(Format(Utc(), "2024-01-01 10:00:00"), "2024-01-01T10:00:00.000000Z");
  EXPECT_EQ(Format(Utc(), "2024-01-01T10:00:00.123456Z"), "2024-01-01T10:00:00.123456Z");
  EXPECT_EQ(Format(Utc(), "2024-01-01 10:00:00.5"), "2024-01-01T10:00:00.500000Z");
  EXPECT_EQ(Format(Ntz(), "2024-01-01 10:00:00.25"), "2024-01-01 10:00:00.25");
  EXPECT_EQ(Format(Ntz(), "2024-01-01 10:00:00"), "2024-01-01 10:00:00");
  // Java's spellings of the special values, which Java readers parse.
  EXPECT_EQ(Format(Float64(), "NaN"), "NaN");
  EXPECT_EQ(Format(Float64(), "Infinity"), "Infinity");
  EXPECT_EQ(Format(Float32(), "-Infinity"), "-Infinity");
}

TEST(FormatPartitionValueTest, NullIsNullopt) {
  for (const TypePtr& type : {String(), Int32(), Date(), Utc()}) {
    EXPECT_EQ(Format(type, std::nullopt), std::nullopt) << type->ToString();
  }
  // An empty string cannot be told from null in the log: it is written as null.
  BinaryBuilder builder(String());
  ASSERT_OK(builder.Append(""));
  ASSERT_OK_AND_ASSIGN(VectorPtr empty, builder.Finish());
  ASSERT_OK_AND_ASSIGN(std::optional<std::string> text, FormatPartitionValue(*empty, 0));
  EXPECT_EQ(text, std::nullopt);
}

TEST(FormatPartitionValueTest, OtherTimestampUnitsAreWrittenInMicroseconds) {
  NumericBuilder<int64_t> millis(Timestamp(TimeUnit::kMilli, true));
  ASSERT_OK(millis.Append(1704103200123));
  ASSERT_OK_AND_ASSIGN(VectorPtr ms, millis.Finish());
  EXPECT_EQ(*FormatPartitionValue(*ms, 0), "2024-01-01T10:00:00.123000Z");
  NumericBuilder<int64_t> nanos(Timestamp(TimeUnit::kNano, false));
  ASSERT_OK(nanos.Append(int64_t{1704103200} * 1000000000 + 1999));
  ASSERT_OK_AND_ASSIGN(VectorPtr ns, nanos.Finish());
  EXPECT_EQ(*FormatPartitionValue(*ns, 0), "2024-01-01 10:00:00.000001");
}

TEST(FormatPartitionValueTest, NestedIsNotImplemented) {
  ListBuilder builder(List(Int32()), std::make_unique<Int32Builder>());
  ASSERT_OK(builder.Append(true));
  ASSERT_OK_AND_ASSIGN(VectorPtr list, builder.Finish());
  EXPECT_TRUE(FormatPartitionValue(*list, 0).status().IsNotImplemented());
}

TEST(FormatPartitionValueTest, RoundTripsThroughMakePartitionColumn) {
  struct Case {
    TypePtr type;
    std::string text;
  };
  const std::vector<Case> cases = {
      {String(), "a b/c=d%"},
      {Bool(), "false"},
      {Int16(), "-32768"},
      {Int32(), "17"},
      {Float32(), "0.1"},
      {Float64(), "1.0E10"},
      {Float64(), "1.0E300"},
      {Float64(), "-0.0"},
      {Float64(), "NaN"},
      {Float64(), "Infinity"},
      {Float64(), "-Infinity"},
      {Float32(), "Infinity"},
      {Dec(38, 10), "-1234567890123456789012345678.0123456789"},
      {Date(), "0001-01-01"},
      {Date(), "9999-12-31"},
      {Utc(), "1969-12-31 23:59:59.999999"},
      {Ntz(), "2024-02-29 00:00:00.000001"},
  };
  for (const Case& c : cases) {
    const VectorPtr first = Column(c.type, c.text, 1);
    ASSERT_NE(first, nullptr);
    ASSERT_OK_AND_ASSIGN(std::optional<std::string> text, FormatPartitionValue(*first, 0));
    ASSERT_TRUE(text.has_value());
    const VectorPtr second = Column(c.type, *text, 1);
    ASSERT_NE(second, nullptr) << *text;
    EXPECT_EQ(FormatValue(*second, 0), FormatValue(*first, 0))
        << c.type->ToString() << " " << c.text << " -> " << *text;
  }
}

}  // namespace
}  // namespace strata::delta
