#include "columnar/temporal.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

TEST(TemporalTest, CivilRoundTripsAcrossEras) {
  for (int64_t days = -800000; days <= 3000000; days += 997) {
    const CivilDate d = CivilFromDays(days);
    ASSERT_EQ(DaysFromCivil(d.year, d.month, d.day), days);
  }
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
}

TEST(TemporalTest, FormatDate) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatDate(20364), "2025-10-03");
  EXPECT_EQ(FormatDate(11016), "2000-02-29");
  EXPECT_EQ(FormatDate(DaysFromCivil(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(FormatDate(DaysFromCivil(10000, 1, 1)), "10000-01-01");
  EXPECT_EQ(FormatDate(DaysFromCivil(1, 1, 1)), "0001-01-01");
  EXPECT_EQ(FormatDate(DaysFromCivil(0, 12, 31)), "0000-12-31");
  EXPECT_EQ(FormatDate(DaysFromCivil(-44, 3, 15)), "-0044-03-15");
  EXPECT_EQ(FormatDate(INT32_MIN), "-5877641-06-23");
  EXPECT_EQ(FormatDate(INT32_MAX), "5881580-07-11");
}

TEST(TemporalTest, FormatTimeTrimsFraction) {
  EXPECT_EQ(FormatTime(0, TimeUnit::kMicro), "00:00:00");
  EXPECT_EQ(FormatTime(45296500000, TimeUnit::kMicro), "12:34:56.5");
  EXPECT_EQ(FormatTime(45296123, TimeUnit::kMilli), "12:34:56.123");
  EXPECT_EQ(FormatTime(45296000000001, TimeUnit::kNano), "12:34:56.000000001");
  EXPECT_EQ(FormatTime(86399999999, TimeUnit::kMicro), "23:59:59.999999");
}

TEST(TemporalTest, FormatTimestamp) {
  const int64_t ts = 20364 * kMicrosPerDay + 45296123456;
  EXPECT_EQ(FormatTimestamp(ts, TimeUnit::kMicro, false), "2025-10-03 12:34:56.123456");
  EXPECT_EQ(FormatTimestamp(ts, TimeUnit::kMicro, true), "2025-10-03 12:34:56.123456+00");
  EXPECT_EQ(FormatTimestamp(ts, TimeUnit::kMicro, true, TimestampStyle::kIso),
            "2025-10-03T12:34:56.123456Z");
  EXPECT_EQ(FormatTimestamp(0, TimeUnit::kNano, false), "1970-01-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(-1, TimeUnit::kMicro, false), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(-1500, TimeUnit::kMilli, false), "1969-12-31 23:59:58.5");
  EXPECT_EQ(FormatTimestamp(253402300799999999, TimeUnit::kMicro, false),
            "9999-12-31 23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(INT64_MAX, TimeUnit::kNano, false), "2262-04-11 23:47:16.854775807");
  EXPECT_EQ(FormatTimestamp(INT64_MIN, TimeUnit::kNano, false), "1677-09-21 00:12:43.145224192");
  EXPECT_EQ(FormatTimestamp(INT64_MIN, TimeUnit::kMicro, false), "-290308-12-21 19:59:05.224192");
}

TEST(TemporalTest, ParseDate) {
  EXPECT_EQ(ParseDate("2025-10-03").ValueOrDie(), 20364);
  EXPECT_EQ(ParseDate("1969-12-31").ValueOrDie(), -1);
  EXPECT_EQ(ParseDate("2000-02-29").ValueOrDie(), 11016);
  EXPECT_EQ(ParseDate("-0044-03-15").ValueOrDie(), DaysFromCivil(-44, 3, 15));
  for (std::string_view bad : {"", "2025-1-03", "2025-13-01", "2025-02-29", "2025-10-03x",
                               "25-10-03", "2025/10/03", "2025-10-00"}) {
    EXPECT_FALSE(ParseDate(bad).ok()) << bad;
  }
  EXPECT_FALSE(ParseDate("999999999-01-01").ok()) << "beyond int32 days";
}

TEST(TemporalTest, ParseTime) {
  EXPECT_EQ(ParseTime("12:34:56.5", TimeUnit::kMicro).ValueOrDie(), 45296500000);
  EXPECT_EQ(ParseTime("12:34", TimeUnit::kMilli).ValueOrDie(), 45240000);
  EXPECT_EQ(ParseTime("00:00:00.123456789", TimeUnit::kMilli).ValueOrDie(), 123);
  EXPECT_FALSE(ParseTime("24:00:00", TimeUnit::kMicro).ok());
  EXPECT_FALSE(ParseTime("12:60", TimeUnit::kMicro).ok());
  EXPECT_FALSE(ParseTime("12:34:56.", TimeUnit::kMicro).ok());
}

TEST(TemporalTest, ParseTimestampRoundTripsFormat) {
  for (int64_t value : {int64_t{0}, int64_t{-1}, int64_t{1759494896123456},
                        int64_t{253402300799999999}, int64_t{-62135596800000000}}) {
    for (bool utc : {false, true}) {
      for (TimestampStyle style : {TimestampStyle::kSql, TimestampStyle::kIso}) {
        const std::string text = FormatTimestamp(value, TimeUnit::kMicro, utc, style);
        ASSERT_OK_AND_ASSIGN(int64_t parsed, ParseTimestamp(text, TimeUnit::kMicro));
        EXPECT_EQ(parsed, value) << text;
      }
    }
  }
}

TEST(TemporalTest, ParseTimestampAppliesOffsets) {
  const int64_t base = ParseTimestamp("2025-10-03 12:00:00", TimeUnit::kMilli).ValueOrDie();
  EXPECT_EQ(ParseTimestamp("2025-10-03T14:30:00+02:30", TimeUnit::kMilli).ValueOrDie(), base);
  EXPECT_EQ(ParseTimestamp("2025-10-03 09:00:00-0300", TimeUnit::kMilli).ValueOrDie(), base);
  EXPECT_EQ(ParseTimestamp("2025-10-03 12:00:00Z", TimeUnit::kMilli).ValueOrDie(), base);
  EXPECT_EQ(ParseTimestamp("2025-10-03", TimeUnit::kMilli).ValueOrDie(), base - 12 * 3600000);
  EXPECT_FALSE(ParseTimestamp("2025-10-03 12:00:00 UTC", TimeUnit::kMilli).ok());
  EXPECT_FALSE(ParseTimestamp("3000-01-01", TimeUnit::kNano).ok()) << "overflows int64 ns";
}

}  // namespace
}  // namespace strata
