// Calendar arithmetic, formatting and parsing for date, time and timestamp
// values. The proleptic Gregorian calendar is used for every year, negative
// day counts included, as Arrow, Parquet and DuckDB do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "columnar/types.h"
#include "common/result.h"

namespace strata {

struct CivilDate {
  int64_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

// Days since 1970-01-01 to a calendar date and back (Howard Hinnant's
// algorithms); exact for every int64 input whose result fits.
CivilDate CivilFromDays(int64_t days);
int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day);

enum class TimestampStyle {
  kSql,  // "2025-10-03 12:34:56.5" and "+00" for UTC, as DuckDB prints them.
  kIso,  // "2025-10-03T12:34:56.5" and "Z" for UTC (ISO 8601, for JSON).
};

// Years 0..9999 use four digits; others are written in full with their sign
// ("-0044-03-15", "10000-01-01"), following ISO 8601's expanded form.
std::string FormatDate(int64_t days);
// "12:34:56", with fractional digits only as far as they are non-zero
// ("12:34:56.5"). Values outside a day are wrapped into it.
std::string FormatTime(int64_t value, TimeUnit unit);
std::string FormatTimestamp(int64_t value, TimeUnit unit, bool utc,
                            TimestampStyle style = TimestampStyle::kSql);
// Appending forms of the above for writers that build one large string.
void AppendDate(int64_t days, std::string* out);
void AppendTime(int64_t value, TimeUnit unit, std::string* out);
void AppendTimestamp(int64_t value, TimeUnit unit, bool utc, TimestampStyle style,
                     std::string* out);

// "YYYY-MM-DD" (optionally signed, more than four year digits) to days.
Result<int32_t> ParseDate(std::string_view text);
// "HH:MM[:SS[.fraction]]" to units since midnight. Digits beyond the unit's
// precision are truncated.
Result<int64_t> ParseTime(std::string_view text, TimeUnit unit);
// A date, optionally followed by ' ' or 'T' and a time, optionally followed
// by "Z" or a "+HH[:MM]" / "-HH[:MM]" offset, which is applied so that the
// result is in UTC. Fails when the value does not fit in int64 units.
Result<int64_t> ParseTimestamp(std::string_view text, TimeUnit unit);

}  // namespace strata
