#include "formats/value_inference.h"

#include <algorithm>
#include <climits>
#include <string>

#include "formats/value_text.h"

namespace strata::formats {
namespace {

using internal::CivilTime;
using internal::NumberKind;
using internal::NumberText;

// One bit per kind of value observed; the type is decided from the set.
enum KindBit : uint32_t {
  kBoolBit = 1U << 0,
  kIntBit = 1U << 1,     // fits int64
  kBigIntBit = 1U << 2,  // an integer beyond int64
  kFixedBit = 1U << 3,   // digits with a point, no exponent
  kFloatBit = 1U << 4,   // an exponent, nan or inf
  kDateBit = 1U << 5,
  kTimestampBit = 1U << 6,     // no offset
  kTimestampUtcBit = 1U << 7,  // with 'Z' or an offset
  kTimeBit = 1U << 8,
  kUuidBit = 1U << 9,
  kStringBit = 1U << 10,
};
constexpr uint32_t kNumericBits = kIntBit | kBigIntBit | kFixedBit | kFloatBit;
constexpr uint32_t kTemporalBits = kDateBit | kTimestampBit | kTimestampUtcBit;

// How dates and timestamps were written; a column must use one form, since
// the parser reads one form per column.
enum FormBit : uint8_t {
  kIsoForm = 1U << 0,
  kSlashForm = 1U << 1,   // a/b/YYYY, order decided over the whole column
  kFormatForm = 1U << 2,  // matched options.date_format / timestamp_format
};

// Day counts whose timestamps fit int64 microseconds / nanoseconds, one day
// short of the limit so that any UTC offset still fits.
constexpr int64_t kMaxMicroDays = INT64_MAX / (86400LL * 1000000) - 1;
constexpr int64_t kMaxNanoDays = INT64_MAX / (86400LL * 1000000000) - 1;

}  // namespace

struct ColumnInference::State {
  uint32_t kinds = 0;
  int64_t values_seen = 0;
  bool saw_null = false;
  int32_t max_int_digits = 0;
  int32_t max_scale = 0;
  uint8_t date_forms = 0;
  uint8_t timestamp_forms = 0;
  char slash_separator = 0;
  bool mixed_separators = false;
  bool day_first_needed = false;    // some a/b/YYYY is only valid as day/month
  bool month_first_needed = false;  // some a/b/YYYY is only valid as month/day
  // The first a/b/YYYY valid in both orders with different meanings; kept
  // for the error message (one allocation per column at most).
  std::string ambiguous_example;
  bool timestamp_nanos = false;  // a fraction finer than microseconds
  bool time_nanos = false;
  int64_t min_timestamp_days = INT64_MAX;
  int64_t max_timestamp_days = INT64_MIN;

  uint32_t Classify(std::string_view text, const ValueOptions& options);
  uint32_t ClassifyNumber(const NumberText& number, std::string_view text);
  uint32_t ClassifySlashDate(std::string_view text);
  uint32_t NoteDate(const CivilTime& date, uint8_t form);
  uint32_t NoteSlashDate(const internal::SlashDate& date, std::string_view text);
  uint32_t NoteTimestamp(const CivilTime& timestamp, uint8_t form);
  Result<TypePtr> NumericType(bool exact_decimals) const;
  Result<TypePtr> TemporalType() const;
  Result<TypePtr> DateType() const;
  // The strptime format a/b/YYYY dates resolve to, or "" when unresolved.
  std::string SlashFormat() const;
};

uint32_t ColumnInference::State::Classify(std::string_view text, const ValueOptions& options) {
  if (text.empty()) return kStringBit;
  if (internal::MatchesAny(text, options.true_values, true) ||
      internal::MatchesAny(text, options.false_values, true)) {
    return kBoolBit;
  }
  // Explicit formats come first: "%Y%m%d" values would otherwise be integers.
  CivilTime civil;
  if (!options.date_format.empty() &&
      internal::ParseWithFormat(options.date_format, text, &civil)) {
    return NoteDate(civil, kFormatForm);
  }
  civil = CivilTime();
  if (!options.timestamp_format.empty() &&
      internal::ParseWithFormat(options.timestamp_format, text, &civil)) {
    return NoteTimestamp(civil, kFormatForm);
  }
  const NumberText number = internal::ScanNumber(text);
  if (number.kind != NumberKind::kNone) return ClassifyNumber(number, text);
  // ISO forms apply where no explicit format replaces them; one scan tells
  // a date from a timestamp.
  civil = CivilTime();
  if (internal::ParseIsoTimestamp(text, /*allow_date_only=*/true, &civil)) {
    if (!civil.has_time) {
      if (options.date_format.empty()) return NoteDate(civil, kIsoForm);
    } else if (options.timestamp_format.empty()) {
      return NoteTimestamp(civil, kIsoForm);
    }
  }
  if (const uint32_t kind = options.date_format.empty() ? ClassifySlashDate(text) : 0; kind != 0) {
    return kind;
  }
  civil = CivilTime();
  if (internal::ParseIsoTime(text, /*require_seconds=*/true, &civil)) {
    if (civil.nanos % 1000 != 0) time_nanos = true;
    return kTimeBit;
  }
  uint8_t uuid[16];
  if (internal::ParseUuid(text, uuid)) return kUuidBit;
  return kStringBit;
}

uint32_t ColumnInference::State::ClassifyNumber(const NumberText& number, std::string_view text) {
  // "007", "-01", "00.5": identifiers and codes whose zeros matter.
  if (number.leading_zero) return kStringBit;
  max_int_digits = std::max(max_int_digits, number.int_digits);
  switch (number.kind) {
    case NumberKind::kInteger: return number.fits_int64 ? kIntBit : kBigIntBit;
    case NumberKind::kFixed: max_scale = std::max(max_scale, number.frac_digits); return kFixedBit;
    case NumberKind::kFloat:
      return internal::Float64Overflows(text, number) ? kStringBit : kFloatBit;
    case NumberKind::kNone: break;
  }
  return kStringBit;
}

// a/b/YYYY dates, whose order is decided over the whole column.
uint32_t ColumnInference::State::ClassifySlashDate(std::string_view text) {
  internal::SlashDate date;
  if (!internal::ScanSlashDate(text, &date)) return 0;
  return NoteSlashDate(date, text);
}

uint32_t ColumnInference::State::NoteDate(const CivilTime& date, uint8_t form) {
  const int64_t days = internal::CivilDays(date);
  if (days < INT32_MIN || days > INT32_MAX) return kStringBit;
  date_forms |= form;
  return kDateBit;
}

uint32_t ColumnInference::State::NoteSlashDate(const internal::SlashDate& date,
                                               std::string_view text) {
  const bool day_first = internal::IsValidCivilDate(date.year, date.second, date.first);
  const bool month_first = internal::IsValidCivilDate(date.year, date.first, date.second);
  if (!day_first && !month_first) return kStringBit;
  date_forms |= kSlashForm;
  if (slash_separator == 0) {
    slash_separator = date.separator;
  } else if (slash_separator != date.separator) {
    mixed_separators = true;
  }
  if (day_first && !month_first) {
    day_first_needed = true;
  } else if (month_first && !day_first) {
    month_first_needed = true;
  } else if (date.first != date.second && ambiguous_example.empty()) {
    ambiguous_example.assign(text);
  }
  return kDateBit;
}

uint32_t ColumnInference::State::NoteTimestamp(const CivilTime& timestamp, uint8_t form) {
  timestamp_forms |= form;
  const int64_t days = internal::CivilDays(timestamp);
  min_timestamp_days = std::min(min_timestamp_days, days);
  max_timestamp_days = std::max(max_timestamp_days, days);
  if (timestamp.nanos % 1000 != 0) timestamp_nanos = true;
  return timestamp.has_offset ? kTimestampUtcBit : kTimestampBit;
}

Result<TypePtr> ColumnInference::State::NumericType(bool exact_decimals) const {
  if ((kinds & kFloatBit) != 0) return Float64();
  if ((kinds & (kBigIntBit | kFixedBit)) == 0) return Int64();
  const int32_t precision = std::max(max_int_digits + max_scale, 1);
  if (exact_decimals && precision <= kMaxDecimalPrecision) return Decimal(precision, max_scale);
  return Float64();
}

Result<TypePtr> ColumnInference::State::TemporalType() const {
  const bool naive = (kinds & kTimestampBit) != 0;
  const bool utc = (kinds & kTimestampUtcBit) != 0;
  // We never guess zones: naive and offset timestamps do not mix.
  if (naive && utc) return String();
  if (!naive && !utc) return DateType();
  // Dates join timestamps (as midnight) only when both are ISO, the one
  // form the timestamp parser reads for both; and never zoned ones.
  if ((kinds & kDateBit) != 0 && (utc || date_forms != kIsoForm || timestamp_forms != kIsoForm)) {
    return String();
  }
  if (timestamp_nanos) {
    if (min_timestamp_days < -kMaxNanoDays || max_timestamp_days > kMaxNanoDays) return String();
    return Timestamp(TimeUnit::kNano, utc);
  }
  if (min_timestamp_days < -kMaxMicroDays || max_timestamp_days > kMaxMicroDays) return String();
  return Timestamp(TimeUnit::kMicro, utc);
}

Result<TypePtr> ColumnInference::State::DateType() const {
  // One form per column: the parser reads one.
  if (date_forms == 0 || (date_forms & (date_forms - 1)) != 0) return String();
  if (date_forms != kSlashForm) return Date();
  if (mixed_separators || (day_first_needed && month_first_needed)) return String();
  if (!day_first_needed && !month_first_needed && !ambiguous_example.empty()) {
    return Status::Invalid(
        "ambiguous date order: '{}' could be day-first or month-first; give a date format",
        ambiguous_example);
  }
  return Date();
}

std::string ColumnInference::State::SlashFormat() const {
  if (date_forms != kSlashForm || mixed_separators || (day_first_needed && month_first_needed)) {
    return "";
  }
  if (!day_first_needed && !month_first_needed && !ambiguous_example.empty()) return "";
  // Values whose day equals their month read the same either way; such a
  // column (and any with a day above 12) is day-first.
  const char sep = slash_separator;
  if (month_first_needed) return fmt::format("%m{}%d{}%Y", sep, sep);
  return fmt::format("%d{}%m{}%Y", sep, sep);
}

ColumnInference::ColumnInference(const ValueOptions* options)
    : options_(options), state_(std::make_unique<State>()) {}
ColumnInference::~ColumnInference() = default;
ColumnInference::ColumnInference(ColumnInference&&) noexcept = default;
ColumnInference& ColumnInference::operator=(ColumnInference&&) noexcept = default;

void ColumnInference::Observe(std::string_view text, bool quoted) {
  State& s = *state_;
  ++s.values_seen;
  if (!quoted && internal::MatchesAny(text, options_->null_values, false)) {
    s.saw_null = true;
    return;
  }
  // Nothing is wider than string, so later values cannot change the type.
  if ((s.kinds & kStringBit) != 0) return;
  s.kinds |= s.Classify(internal::TrimSpaces(text), *options_);
}

void ColumnInference::Merge(const ColumnInference& other) {
  State& s = *state_;
  const State& o = *other.state_;
  s.kinds |= o.kinds;
  s.values_seen += o.values_seen;
  s.saw_null = s.saw_null || o.saw_null;
  s.max_int_digits = std::max(s.max_int_digits, o.max_int_digits);
  s.max_scale = std::max(s.max_scale, o.max_scale);
  s.date_forms |= o.date_forms;
  s.timestamp_forms |= o.timestamp_forms;
  if (s.slash_separator == 0) {
    s.slash_separator = o.slash_separator;
  } else if (o.slash_separator != 0 && o.slash_separator != s.slash_separator) {
    s.mixed_separators = true;
  }
  s.mixed_separators = s.mixed_separators || o.mixed_separators;
  s.day_first_needed = s.day_first_needed || o.day_first_needed;
  s.month_first_needed = s.month_first_needed || o.month_first_needed;
  if (s.ambiguous_example.empty()) s.ambiguous_example = o.ambiguous_example;
  s.timestamp_nanos = s.timestamp_nanos || o.timestamp_nanos;
  s.time_nanos = s.time_nanos || o.time_nanos;
  s.min_timestamp_days = std::min(s.min_timestamp_days, o.min_timestamp_days);
  s.max_timestamp_days = std::max(s.max_timestamp_days, o.max_timestamp_days);
}

Result<TypePtr> ColumnInference::Type() const {
  const State& s = *state_;
  if (!options_->date_format.empty()) {
    RETURN_NOT_OK(internal::ValidateFormat(options_->date_format, true));
  }
  if (!options_->timestamp_format.empty()) {
    RETURN_NOT_OK(internal::ValidateFormat(options_->timestamp_format, false));
  }
  const uint32_t kinds = s.kinds;
  if (kinds == 0 || (kinds & kStringBit) != 0) return String();
  if ((kinds & ~kNumericBits) == 0) return s.NumericType(options_->exact_decimals);
  if ((kinds & ~kTemporalBits) == 0) return s.TemporalType();
  if (kinds == kBoolBit) return Bool();
  if (kinds == kTimeBit) return Time(s.time_nanos ? TimeUnit::kNano : TimeUnit::kMicro);
  if (kinds == kUuidBit) return Uuid();
  return String();
}

std::string ColumnInference::date_format() const {
  if (!options_->date_format.empty()) return options_->date_format;
  return state_->SlashFormat();
}

bool ColumnInference::saw_null() const { return state_->saw_null; }
int64_t ColumnInference::values_seen() const { return state_->values_seen; }

}  // namespace strata::formats
