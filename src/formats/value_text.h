// Internal to formats: hand-written scanners for the text forms of values,
// shared by inference, parsing and widening so that the three agree on what
// a value is. None of them allocates; all take text already trimmed of
// surrounding spaces where the type allows it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/decimal.h"
#include "columnar/types.h"
#include "common/status.h"

namespace strata::formats::internal {

// Strips ASCII spaces and tabs from both ends: numbers, booleans, dates,
// times, timestamps and uuids tolerate them, as DuckDB does; strings keep them.
// Inline: called on every numeric, boolean and temporal value.
inline std::string_view TrimSpaces(std::string_view text) {
  if (text.empty() ||
      (text.front() != ' ' && text.front() != '\t' && text.back() != ' ' && text.back() != '\t')) {
    return text;
  }
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return text.substr(begin, end - begin);
}
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// True when `text` equals one of `tokens` (case-insensitively if asked).
bool MatchesAny(std::string_view text, const std::vector<std::string>& tokens, bool ignore_case);

enum class NumberKind : uint8_t {
  kNone,     // not a number
  kInteger,  // [+-]digits
  kFixed,    // [+-]digits.digits, either side may be empty but not both
  kFloat,    // an exponent, or nan / inf / infinity
};

struct NumberText {
  NumberKind kind = NumberKind::kNone;
  bool negative = false;
  // The integer part has more than one digit and starts with 0 ("007"):
  // inference treats such values as codes, not numbers.
  bool leading_zero = false;
  bool fits_int64 = false;  // kInteger only
  int64_t int_value = 0;    // valid when fits_int64
  int32_t int_digits = 0;   // integer digits without leading zeros ("0.5": 0)
  int32_t frac_digits = 0;  // digits after the point, trailing zeros included
  int64_t exponent = 0;     // the written exponent, clamped to +-100000
};

NumberText ScanNumber(std::string_view text);

// Converts "[+-]digits[.digits]" (either side of the point may be empty,
// not both) with at most 19 digits to the value std::from_chars gives, far
// faster: m / 10^k is correctly rounded when both are exact in T (m up to
// 2^53 and k up to 22 for double; 2^24 and 10 for float). False, with *out
// untouched, for any other text; callers then take the general path.
bool ParseShortDecimal(std::string_view text, double* out);
bool ParseShortDecimal(std::string_view text, float* out);

// True when `text`, a kFloat `number`, is too large for a double (the
// parser rejects it; underflow reads as zero).
bool Float64Overflows(std::string_view text, const NumberText& number);

enum class DecimalError : uint8_t { kOk, kMalformed, kTooManyDecimals, kOutOfRange };

// Parses "[+-]digits[.digits][e[+-]digits]" into an unscaled value with
// `scale` fractional digits. Never rounds: non-zero digits beyond `scale`
// are kTooManyDecimals (trailing zeros are fine); more than `precision`
// digits are kOutOfRange.
DecimalError ParseDecimalText(std::string_view text, int32_t precision, int32_t scale, Int128* out);

// 8-4-4-4-12 hex digits (either case) into 16 bytes in written order.
bool ParseUuid(std::string_view text, uint8_t out[16]);

// A date and/or time of day as written; which parts are meaningful depends
// on the scanner that filled it.
struct CivilTime {
  int64_t year = 1970;
  int32_t month = 1;
  int32_t day = 1;
  int32_t hour = 0;
  int32_t minute = 0;
  int32_t second = 0;
  int32_t nanos = 0;  // fraction of the second, up to 9 digits as written
  bool has_time = false;
  bool has_offset = false;     // 'Z' or +-hh[:mm]
  int32_t offset_seconds = 0;  // east of UTC
};

// True when year-month-day names a real day of the proleptic Gregorian calendar.
bool IsValidCivilDate(int64_t year, int32_t month, int32_t day);

// "[+-]YYYY-MM-DD" (4 to 9 year digits), a real calendar day.
bool ParseIsoDate(std::string_view text, CivilTime* out);
// HH:MM[:SS[.f]] with 1 to 9 fraction digits; hours 00..23 (24:00 is
// rejected), seconds 00..59. `require_seconds` rejects "HH:MM".
bool ParseIsoTime(std::string_view text, bool require_seconds, CivilTime* out);
// An ISO date, then 'T' or ' ' and HH:MM[:SS[.f]], then optionally 'Z',
// +-hh, +-hhmm or +-hh:mm. `allow_date_only` also accepts a bare date
// (midnight, no offset).
bool ParseIsoTimestamp(std::string_view text, bool allow_date_only, CivilTime* out);

// "a/b/YYYY" with 1-2 digit a and b and one separator ('/', '-' or '.')
// used twice; the calendar check is left to the caller, which knows the order.
struct SlashDate {
  int32_t first = 0;
  int32_t second = 0;
  int64_t year = 0;
  char separator = 0;
};
bool ScanSlashDate(std::string_view text, SlashDate* out);

// strptime-style formats: %Y (4 digits) %m %d (1-2 digits) %H %M %S (2
// digits) %f (1-9 fraction digits) %z (Z or +-hh[[:]mm]) %b (month
// abbreviation, any case) %% and literal characters. Fields not in the
// format keep CivilTime's defaults.
bool ParseWithFormat(std::string_view format, std::string_view text, CivilTime* out);
// Fails with Invalid for an unknown directive, or for time fields in a
// date format (`for_date`), which would be silently dropped.
Status ValidateFormat(std::string_view format, bool for_date);
bool FormatHasOffset(std::string_view format);

// Days since the epoch of a valid CivilTime's date.
int64_t CivilDays(const CivilTime& t);

enum class TimeError : uint8_t { kOk, kOutOfRange, kTooPrecise };
// The instant in `unit` since the epoch (the offset applied, so UTC), or
// since midnight when `with_date` is false. kTooPrecise when non-zero
// fraction digits are finer than `unit`: we never truncate silently.
TimeError CivilToUnits(const CivilTime& t, TimeUnit unit, bool with_date, int64_t* out);

}  // namespace strata::formats::internal
