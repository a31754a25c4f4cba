// SafeWidening (value_parser.h): the wider type a column grows into when a
// value does not fit. The rules mirror inference, so that widening while
// reading ends where inferring over the whole input would have.
#include <algorithm>

#include "formats/value_parser.h"
#include "formats/value_text.h"

namespace strata::formats {
namespace {

using internal::NumberKind;
using internal::NumberText;

// Digits of INT64_MAX: a decimal holding every int64 needs this many
// integer digits.
constexpr int32_t kInt64Digits = 19;

// decimal(integer digits + scale, scale) when exact decimals are asked for
// and it fits 38 digits; otherwise float64, as inference would choose.
std::optional<TypePtr> DecimalOrFloat(int32_t integer_digits, int32_t scale,
                                      const ValueOptions& options) {
  const int32_t precision = std::max(integer_digits + scale, 1);
  if (options.exact_decimals && precision <= kMaxDecimalPrecision) {
    Result<TypePtr> decimal = Decimal(precision, scale);
    if (decimal.ok()) return std::move(decimal).value();
  }
  return Float64();
}

std::optional<TypePtr> WidenInt64(const NumberText& number, std::string_view text,
                                  const ValueOptions& options) {
  switch (number.kind) {
    case NumberKind::kInteger:
      if (number.fits_int64) return std::nullopt;
      return DecimalOrFloat(std::max(kInt64Digits, number.int_digits), 0, options);
    case NumberKind::kFixed:
      return DecimalOrFloat(std::max(kInt64Digits, number.int_digits), number.frac_digits, options);
    case NumberKind::kFloat:
      if (!internal::Float64Overflows(text, number)) return Float64();
      return std::nullopt;
    case NumberKind::kNone: break;
  }
  return std::nullopt;
}

std::optional<TypePtr> WidenDecimal(const DataType& type, const NumberText& number,
                                    std::string_view text, const ValueOptions& options) {
  if (number.kind == NumberKind::kFloat) {
    if (!internal::Float64Overflows(text, number)) return Float64();
    return std::nullopt;
  }
  const int32_t scale = std::max(type.scale(), number.frac_digits);
  const int32_t integer_digits = std::max(type.precision() - type.scale(), number.int_digits);
  // The value fits as it is: it failed for another reason.
  if (scale == type.scale() && integer_digits + scale == type.precision()) return std::nullopt;
  return DecimalOrFloat(integer_digits, scale, options);
}

std::optional<TypePtr> WidenDate(std::string_view text, const ValueOptions& options) {
  // Only ISO dates read as timestamps (midnight); a custom format does not.
  if (!options.date_format.empty() || !options.timestamp_format.empty()) return std::nullopt;
  internal::CivilTime civil;
  if (!internal::ParseIsoTimestamp(text, /*allow_date_only=*/false, &civil) || civil.has_offset) {
    return std::nullopt;
  }
  return Timestamp(civil.nanos % 1000 != 0 ? TimeUnit::kNano : TimeUnit::kMicro, false);
}

}  // namespace

std::optional<TypePtr> SafeWidening(const TypePtr& type, std::string_view text,
                                    const ValueOptions& options) {
  const std::string_view trimmed = internal::TrimSpaces(text);
  if (type->id() == TypeId::kDate) return WidenDate(trimmed, options);
  if (type->id() != TypeId::kInt64 && type->id() != TypeId::kDecimal) return std::nullopt;
  const NumberText number = internal::ScanNumber(trimmed);
  // Codes such as "007.5" are strings to inference, so not a number here either.
  if (number.kind == NumberKind::kNone || number.leading_zero) return std::nullopt;
  if (type->id() == TypeId::kInt64) return WidenInt64(number, trimmed, options);
  return WidenDecimal(*type, number, trimmed, options);
}

}  // namespace strata::formats
