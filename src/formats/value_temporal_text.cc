// Scanners for dates, times and timestamps (value_text.h). Calendar math
// is columnar/temporal.h's; this file only reads the written forms.
#include <string_view>

#include "columnar/temporal.h"
#include "formats/value_text.h"

namespace strata::formats::internal {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kNanosPerSecond = 1000000000;

// A cursor over the text being scanned.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool Consume(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++pos_;
    return true;
  }
  // Reads min..max decimal digits into *value; *count gets how many.
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
  bool Digits32(int min_digits, int max_digits, int32_t* value) {
    int64_t wide;
    if (!Digits(min_digits, max_digits, &wide)) return false;
    *value = static_cast<int32_t>(wide);
    return true;
  }
  std::string_view Rest() const { return text_.substr(pos_); }
  void Skip(size_t n) { pos_ += n; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool ScanDate(Cursor* c, CivilTime* out) {
  const bool negative = c->Consume('-');
  if (!negative) c->Consume('+');
  if (!c->Digits(4, 9, &out->year) || !c->Consume('-') || !c->Digits32(2, 2, &out->month) ||
      !c->Consume('-') || !c->Digits32(2, 2, &out->day)) {
    return false;
  }
  if (negative) out->year = -out->year;
  return IsValidCivilDate(out->year, out->month, out->day);
}

// ".f" with 1 to 9 digits, scaled to nanoseconds.
bool ScanFraction(Cursor* c, CivilTime* out) {
  int64_t fraction;
  int count;
  if (!c->Digits(1, 9, &fraction, &count)) return false;
  if (c->Peek() >= '0' && c->Peek() <= '9') return false;  // more than 9 digits
  for (; count < 9; ++count) fraction *= 10;
  out->nanos = static_cast<int32_t>(fraction);
  return true;
}

bool ScanClock(Cursor* c, bool require_seconds, CivilTime* out) {
  if (!c->Digits32(2, 2, &out->hour) || !c->Consume(':') || !c->Digits32(2, 2, &out->minute)) {
    return false;
  }
  if (c->Consume(':')) {
    if (!c->Digits32(2, 2, &out->second)) return false;
    if (c->Consume('.') && !ScanFraction(c, out)) return false;
  } else if (require_seconds) {
    return false;
  }
  out->has_time = true;
  return out->hour <= 23 && out->minute <= 59 && out->second <= 59;
}

// "Z", "+hh", "+hhmm" or "+hh:mm" (or '-').
bool ScanOffset(Cursor* c, CivilTime* out) {
  out->has_offset = true;
  if (c->Consume('Z')) return true;
  const bool negative = c->Peek() == '-';
  if (!c->Consume('+') && !c->Consume('-')) return false;
  int64_t hours;
  int64_t minutes = 0;
  if (!c->Digits(2, 2, &hours)) return false;
  const bool colon = c->Consume(':');
  if (!c->Digits(colon ? 2 : 0, 2, &minutes) || hours > 23 || minutes > 59) return false;
  out->offset_seconds = static_cast<int32_t>((hours * 60 + minutes) * 60 * (negative ? -1 : 1));
  return true;
}

bool ScanMonthName(Cursor* c, int32_t* month) {
  static constexpr std::string_view kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string_view rest = c->Rest();
  if (rest.size() < 3) return false;
  for (int32_t m = 0; m < 12; ++m) {
    if (EqualsIgnoreCase(rest.substr(0, 3), kNames[m])) {
      *month = m + 1;
      c->Skip(3);
      return true;
    }
  }
  return false;
}

// Reads the field of one directive (the character after '%').
bool ScanDirective(char directive, Cursor* c, CivilTime* out) {
  switch (directive) {
    case 'Y': return c->Digits(4, 4, &out->year);
    case 'm': return c->Digits32(1, 2, &out->month);
    case 'd': return c->Digits32(1, 2, &out->day);
    case 'H': out->has_time = true; return c->Digits32(2, 2, &out->hour);
    case 'M': return c->Digits32(2, 2, &out->minute);
    case 'S': return c->Digits32(2, 2, &out->second);
    case 'f': return ScanFraction(c, out);
    case 'z': return ScanOffset(c, out);
    case 'b': return ScanMonthName(c, &out->month);
    case '%': return c->Consume('%');
    default: return false;
  }
}

}  // namespace

bool IsValidCivilDate(int64_t year, int32_t month, int32_t day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (day <= 28) return true;
  // Days 29..31 exist when the day count maps back to the same date.
  const CivilDate back = CivilFromDays(DaysFromCivil(year, month, day));
  return back.month == month && back.day == day;
}

bool ParseIsoDate(std::string_view text, CivilTime* out) {
  Cursor c(text);
  return ScanDate(&c, out) && c.AtEnd();
}

bool ParseIsoTime(std::string_view text, bool require_seconds, CivilTime* out) {
  Cursor c(text);
  return ScanClock(&c, require_seconds, out) && c.AtEnd();
}

bool ParseIsoTimestamp(std::string_view text, bool allow_date_only, CivilTime* out) {
  Cursor c(text);
  if (!ScanDate(&c, out)) return false;
  if (c.AtEnd()) return allow_date_only;
  if (!c.Consume('T') && !c.Consume(' ')) return false;
  if (!ScanClock(&c, /*require_seconds=*/false, out)) return false;
  if (c.AtEnd()) return true;
  return ScanOffset(&c, out) && c.AtEnd();
}

bool ScanSlashDate(std::string_view text, SlashDate* out) {
  Cursor c(text);
  if (!c.Digits32(1, 2, &out->first)) return false;
  out->separator = c.Peek();
  if (out->separator != '/' && out->separator != '-' && out->separator != '.') return false;
  c.Skip(1);
  return c.Digits32(1, 2, &out->second) && c.Consume(out->separator) &&
         c.Digits(4, 4, &out->year) && c.AtEnd();
}

bool ParseWithFormat(std::string_view format, std::string_view text, CivilTime* out) {
  Cursor c(text);
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      if (!c.Consume(format[i])) return false;
      continue;
    }
    if (++i == format.size() || !ScanDirective(format[i], &c, out)) return false;
  }
  return c.AtEnd() && IsValidCivilDate(out->year, out->month, out->day) && out->hour <= 23 &&
         out->minute <= 59 && out->second <= 59;
}

Status ValidateFormat(std::string_view format, bool for_date) {
  constexpr std::string_view kDateDirectives = "Ymdb%";
  constexpr std::string_view kAllDirectives = "YmdbHMSfz%";
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (++i == format.size()) return Status::Invalid("format '{}' ends with '%'", format);
    if (kAllDirectives.find(format[i]) == std::string_view::npos) {
      return Status::Invalid("format '{}' has unknown directive '%{}'", format, format[i]);
    }
    if (for_date && kDateDirectives.find(format[i]) == std::string_view::npos) {
      return Status::Invalid("date format '{}' has a time field '%{}'", format, format[i]);
    }
  }
  return Status::OK();
}

bool FormatHasOffset(std::string_view format) {
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (format[i + 1] == 'z') return true;
    ++i;  // skip the directive character, so "%%z" is a literal
  }
  return false;
}

int64_t CivilDays(const CivilTime& t) { return DaysFromCivil(t.year, t.month, t.day); }

TimeError CivilToUnits(const CivilTime& t, TimeUnit unit, bool with_date, int64_t* out) {
  const int64_t per_second = UnitsPerSecond(unit);
  const int64_t nanos_per_unit = kNanosPerSecond / per_second;
  if (t.nanos % nanos_per_unit != 0) return TimeError::kTooPrecise;
  int64_t seconds = (int64_t{t.hour} * 60 + t.minute) * 60 + t.second;
  if (with_date) {
    // Years have at most 9 digits, so days * 86400 fits easily.
    seconds += CivilDays(t) * kSecondsPerDay - t.offset_seconds;
  }
  int64_t units;
  if (__builtin_mul_overflow(seconds, per_second, &units) ||
      __builtin_add_overflow(units, t.nanos / nanos_per_unit, &units)) {
    return TimeError::kOutOfRange;
  }
  *out = units;
  return TimeError::kOk;
}

}  // namespace strata::formats::internal
