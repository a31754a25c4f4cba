#include "columnar/temporal.h"

#include <fmt/format.h>

namespace strata {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

// Floor division and the matching non-negative remainder, without the
// overflow that `value - quotient * divisor` risks near INT64_MIN.
struct DivMod {
  int64_t quotient;
  int64_t remainder;
};
DivMod FloorDivMod(int64_t value, int64_t divisor) {
  int64_t quotient = value / divisor;
  int64_t remainder = value % divisor;
  if (remainder < 0) {
    remainder += divisor;
    --quotient;
  }
  return {quotient, remainder};
}

int FractionDigits(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kMilli: return 3;
    case TimeUnit::kMicro: return 6;
    case TimeUnit::kNano: return 9;
  }
  return 0;
}

// Appends HH:MM:SS[.fraction] for `units` in [0, one day).
void AppendTimeOfDay(int64_t units, TimeUnit unit, std::string* out) {
  const int64_t per_second = UnitsPerSecond(unit);
  const int64_t seconds = units / per_second;
  int64_t fraction = units % per_second;
  fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60,
                 seconds % 60);
  if (fraction == 0) return;
  int digits = FractionDigits(unit);
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  fmt::format_to(std::back_inserter(*out), ".{:0{}}", fraction, digits);
}

bool IsLeapYear(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int32_t DaysInMonth(int64_t year, int32_t month) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// A cursor over text being parsed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  // Reads between min_digits and max_digits decimal digits.
  bool Digits(int min_digits, int max_digits, int64_t* value, int* count = nullptr) {
    int n = 0;
    *value = 0;
    for (; n < max_digits && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9';
         ++n, ++pos_) {
      *value = *value * 10 + (text_[pos_] - '0');
    }
    if (count != nullptr) *count = n;
    return n >= min_digits;
  }
  void SkipDigits() {
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool ScanDate(Scanner* s, int64_t* days) {
  const bool negative = s->Consume('-');
  if (!negative) s->Consume('+');
  int64_t year, month, day;
  if (!s->Digits(4, 9, &year) || !s->Consume('-') || !s->Digits(2, 2, &month) || !s->Consume('-') ||
      !s->Digits(2, 2, &day)) {
    return false;
  }
  if (negative) year = -year;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int32_t>(month))) {
    return false;
  }
  *days = DaysFromCivil(year, static_cast<int32_t>(month), static_cast<int32_t>(day));
  return true;
}

bool ScanTime(Scanner* s, TimeUnit unit, int64_t* units) {
  int64_t hour, minute, second = 0;
  if (!s->Digits(2, 2, &hour) || !s->Consume(':') || !s->Digits(2, 2, &minute)) return false;
  if (s->Consume(':') && !s->Digits(2, 2, &second)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  const int64_t per_second = UnitsPerSecond(unit);
  *units = ((hour * 60 + minute) * 60 + second) * per_second;
  if (!s->Consume('.')) return true;
  const int precision = FractionDigits(unit);
  int64_t fraction;
  int count;
  if (!s->Digits(1, precision, &fraction, &count)) return false;
  s->SkipDigits();  // finer than the unit: truncated
  for (; count < precision; ++count) fraction *= 10;
  *units += fraction;
  return true;
}

// "Z", "+HH", "+HHMM" or "+HH:MM"; sets the offset east of UTC in seconds.
bool ScanOffset(Scanner* s, int64_t* offset_seconds) {
  *offset_seconds = 0;
  if (s->Consume('Z')) return true;
  const bool negative = s->Peek('-');
  if (!s->Consume('+') && !s->Consume('-')) return false;
  int64_t hours, minutes = 0;
  if (!s->Digits(2, 2, &hours)) return false;
  s->Consume(':');
  s->Digits(0, 2, &minutes);
  if (hours > 23 || minutes > 59) return false;
  *offset_seconds = (hours * 60 + minutes) * 60 * (negative ? -1 : 1);
  return true;
}

}  // namespace

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t yoe = year - era * 400;
  const int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void AppendDate(int64_t days, std::string* out) {
  const CivilDate date = CivilFromDays(days);
  auto it = std::back_inserter(*out);
  if (date.year < 0) {
    fmt::format_to(it, "-{:04}", -date.year);
  } else {
    fmt::format_to(it, "{:04}", date.year);
  }
  fmt::format_to(it, "-{:02}-{:02}", date.month, date.day);
}

void AppendTime(int64_t value, TimeUnit unit, std::string* out) {
  AppendTimeOfDay(FloorDivMod(value, kSecondsPerDay * UnitsPerSecond(unit)).remainder, unit, out);
}

void AppendTimestamp(int64_t value, TimeUnit unit, bool utc, TimestampStyle style,
                     std::string* out) {
  const DivMod split = FloorDivMod(value, kSecondsPerDay * UnitsPerSecond(unit));
  AppendDate(split.quotient, out);
  out->push_back(style == TimestampStyle::kIso ? 'T' : ' ');
  AppendTimeOfDay(split.remainder, unit, out);
  if (utc) out->append(style == TimestampStyle::kIso ? "Z" : "+00");
}

std::string FormatDate(int64_t days) {
  std::string out;
  AppendDate(days, &out);
  return out;
}

std::string FormatTime(int64_t value, TimeUnit unit) {
  std::string out;
  AppendTime(value, unit, &out);
  return out;
}

std::string FormatTimestamp(int64_t value, TimeUnit unit, bool utc, TimestampStyle style) {
  std::string out;
  AppendTimestamp(value, unit, utc, style, &out);
  return out;
}

Result<int32_t> ParseDate(std::string_view text) {
  Scanner s(text);
  int64_t days;
  if (!ScanDate(&s, &days) || !s.AtEnd()) {
    return Status::Invalid("cannot parse '{}' as a date (expected YYYY-MM-DD)", text);
  }
  if (days < INT32_MIN || days > INT32_MAX) return Status::Invalid("date '{}' out of range", text);
  return static_cast<int32_t>(days);
}

Result<int64_t> ParseTime(std::string_view text, TimeUnit unit) {
  Scanner s(text);
  int64_t units;
  if (!ScanTime(&s, unit, &units) || !s.AtEnd()) {
    return Status::Invalid("cannot parse '{}' as a time (expected HH:MM:SS[.fraction])", text);
  }
  return units;
}

Result<int64_t> ParseTimestamp(std::string_view text, TimeUnit unit) {
  Scanner s(text);
  int64_t days, units = 0, offset_seconds = 0;
  bool ok = ScanDate(&s, &days);
  if (ok && (s.Consume(' ') || s.Consume('T'))) ok = ScanTime(&s, unit, &units);
  if (ok && !s.AtEnd()) ok = ScanOffset(&s, &offset_seconds) && s.AtEnd();
  if (!ok) {
    return Status::Invalid("cannot parse '{}' as a timestamp (expected YYYY-MM-DD[ HH:MM:SS])",
                           text);
  }
  const int64_t per_second = UnitsPerSecond(unit);
  int64_t result;
  if (__builtin_mul_overflow(days, kSecondsPerDay * per_second, &result) ||
      __builtin_add_overflow(result, units - offset_seconds * per_second, &result)) {
    return Status::Invalid("timestamp '{}' is out of range for unit {}", text, TimeUnitName(unit));
  }
  return result;
}

}  // namespace strata
