// Scanners for numbers, decimals, uuids and tokens (value_text.h).
#include "formats/value_text.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace strata::formats::internal {
namespace {

// Far beyond any decimal's 38 digits, small enough that sums cannot overflow.
constexpr int64_t kMaxExponent = 100000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads an exponent "[+-]digits" at text[*pos], clamping its magnitude.
bool ScanExponent(std::string_view text, size_t* pos, int64_t* exponent) {
  bool negative = false;
  if (*pos < text.size() && (text[*pos] == '+' || text[*pos] == '-')) {
    negative = text[(*pos)++] == '-';
  }
  const size_t start = *pos;
  int64_t value = 0;
  for (; *pos < text.size() && IsDigit(text[*pos]); ++*pos) {
    value = std::min(value * 10 + (text[*pos] - '0'), kMaxExponent);
  }
  *exponent = negative ? -value : value;
  return *pos > start;
}

bool IsSpecialFloat(std::string_view text) {
  return EqualsIgnoreCase(text, "nan") || EqualsIgnoreCase(text, "inf") ||
         EqualsIgnoreCase(text, "infinity");
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

bool MatchesAny(std::string_view text, const std::vector<std::string>& tokens, bool ignore_case) {
  for (const std::string& token : tokens) {
    if (ignore_case ? EqualsIgnoreCase(text, token) : text == token) return true;
  }
  return false;
}

NumberText ScanNumber(std::string_view text) {
  NumberText out;
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) out.negative = text[i++] == '-';
  if (IsSpecialFloat(text.substr(i))) {
    out.kind = NumberKind::kFloat;
    return out;
  }
  const size_t int_start = i;
  uint64_t magnitude = 0;
  bool overflow = false;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    const auto digit = static_cast<uint64_t>(text[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) overflow = true;
    magnitude = magnitude * 10 + digit;
    if (out.int_digits > 0 || digit != 0) ++out.int_digits;
  }
  const size_t int_length = i - int_start;
  out.leading_zero = int_length > 1 && text[int_start] == '0';
  bool has_point = false;
  if (i < text.size() && text[i] == '.') {
    has_point = true;
    const size_t frac_start = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    out.frac_digits = static_cast<int32_t>(i - frac_start);
  }
  if (int_length == 0 && out.frac_digits == 0) return out;
  bool has_exponent = false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (!ScanExponent(text, &i, &out.exponent)) return out;
    has_exponent = true;
  }
  if (i != text.size()) return out;
  if (has_exponent) {
    out.kind = NumberKind::kFloat;
  } else if (has_point) {
    out.kind = NumberKind::kFixed;
  } else {
    out.kind = NumberKind::kInteger;
    const uint64_t limit = out.negative ? uint64_t{1} << 63 : uint64_t{INT64_MAX};
    out.fits_int64 = !overflow && magnitude <= limit;
    // Two's complement negation in unsigned arithmetic handles INT64_MIN.
    if (out.fits_int64)
      out.int_value = static_cast<int64_t>(out.negative ? ~magnitude + 1 : magnitude);
  }
  return out;
}

namespace {

// Powers of ten exact in T: 10^22 is the largest exact double, 10^10 float.
template <typename T>
constexpr T kExactPowerOf10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Appends the digits at `*p` to `*mantissa`; false past 19 digits in all.
bool ScanDigits(const char** p, const char* end, uint64_t* mantissa, int* digits) {
  for (; *p < end && IsDigit(**p); ++*p) {
    if (++*digits > 19) return false;
    *mantissa = *mantissa * 10 + static_cast<uint64_t>(**p - '0');
  }
  return true;
}

template <typename T, int kMaxPower, uint64_t kMaxMantissa>
bool ParseShortDecimalImpl(std::string_view text, T* out) {
  const char* p = text.data();
  const char* end = p + text.size();
  const bool negative = p < end && *p == '-';
  if (p < end && (*p == '-' || *p == '+')) ++p;
  uint64_t mantissa = 0;
  int digits = 0;
  if (!ScanDigits(&p, end, &mantissa, &digits)) return false;
  const int int_digits = digits;
  int frac_digits = 0;
  if (p < end && *p == '.') {
    ++p;
    if (!ScanDigits(&p, end, &mantissa, &digits)) return false;
    frac_digits = digits - int_digits;
  }
  if (p != end || digits == 0 || mantissa > kMaxMantissa || frac_digits > kMaxPower) return false;
  const T value = static_cast<T>(mantissa) / kExactPowerOf10<T>[frac_digits];
  *out = negative ? -value : value;
  return true;
}

}  // namespace

bool ParseShortDecimal(std::string_view text, double* out) {
  return ParseShortDecimalImpl<double, 22, uint64_t{1} << 53>(text, out);
}

bool ParseShortDecimal(std::string_view text, float* out) {
  return ParseShortDecimalImpl<float, 10, uint64_t{1} << 24>(text, out);
}

bool Float64Overflows(std::string_view text, const NumberText& number) {
  // Below this decimal magnitude no double overflows; skip the conversion.
  constexpr int64_t kSafeMagnitude = 300;
  if (number.int_digits + number.exponent <= kSafeMagnitude) return false;
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  double value;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc::result_out_of_range;
}

DecimalError ParseDecimalText(std::string_view text, int32_t precision, int32_t scale,
                              Int128* out) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  // The value is mantissa * 10^(pending_zeros + exponent - frac_digits).
  // Zeros are held back until a non-zero digit follows, so that trailing
  // zeros neither count against the precision nor demand extra scale.
  Int128 mantissa = 0;
  int64_t digits = 0;
  int64_t pending_zeros = 0;
  int64_t frac_digits = 0;
  int64_t any_digits = 0;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (!IsDigit(c)) break;
    ++any_digits;
    if (in_fraction) ++frac_digits;
    if (c == '0') {
      if (digits > 0) ++pending_zeros;
      continue;
    }
    if (digits + pending_zeros + 1 > kMaxDecimalPrecision) return DecimalError::kOutOfRange;
    for (; pending_zeros > 0; --pending_zeros, ++digits) mantissa *= 10;
    mantissa = mantissa * 10 + (c - '0');
    ++digits;
  }
  if (any_digits == 0) return DecimalError::kMalformed;
  int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (!ScanExponent(text, &i, &exponent)) return DecimalError::kMalformed;
  }
  if (i != text.size()) return DecimalError::kMalformed;
  if (mantissa == 0) {
    *out = 0;
    return DecimalError::kOk;
  }
  const int64_t needed_scale = frac_digits - exponent - pending_zeros;
  if (needed_scale > scale) return DecimalError::kTooManyDecimals;
  const int64_t shift = scale - needed_scale;
  if (digits + shift > precision) return DecimalError::kOutOfRange;
  *out = mantissa * Decimal128::PowerOfTen(static_cast<int32_t>(shift));
  if (negative) *out = -*out;
  return DecimalError::kOk;
}

bool ParseUuid(std::string_view text, uint8_t out[16]) {
  if (text.size() != 36) return false;
  int byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
      ++i;
      continue;
    }
    const int high = HexValue(text[i]);
    const int low = HexValue(text[i + 1]);
    if (high < 0 || low < 0) return false;
    out[byte++] = static_cast<uint8_t>(high << 4 | low);
    i += 2;
  }
  return true;
}

}  // namespace strata::formats::internal
