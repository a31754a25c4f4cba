#include "columnar/decimal.h"

#include <algorithm>
#include <cstring>

#include "common/status.h"

namespace strata {
namespace {

// Parsing limits exponents to a range far beyond any decimal's 38 digits so
// that the arithmetic below cannot overflow.
constexpr int64_t kMaxExponent = 100000;

// The pieces of a decimal literal: value = digits * 10^exponent.
struct DecimalText {
  bool negative = false;
  std::string digits;  // significant digits, no leading zeros
  int64_t exponent = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Consumes digits into `out` (skipping leading zeros when `out` is empty).
// Returns how many digits were consumed.
int64_t ConsumeDigits(std::string_view text, size_t* pos, std::string* out) {
  int64_t count = 0;
  for (; *pos < text.size() && IsDigit(text[*pos]); ++*pos, ++count) {
    if (out->empty() && text[*pos] == '0') continue;
    out->push_back(text[*pos]);
  }
  return count;
}

Result<int64_t> ParseExponent(std::string_view text, size_t* pos) {
  bool negative = false;
  if (*pos < text.size() && (text[*pos] == '+' || text[*pos] == '-')) {
    negative = text[(*pos)++] == '-';
  }
  int64_t value = 0;
  const size_t start = *pos;
  for (; *pos < text.size() && IsDigit(text[*pos]); ++*pos) {
    value = std::min(value * 10 + (text[*pos] - '0'), kMaxExponent);
  }
  if (*pos == start) return Status::Invalid("missing exponent digits");
  return negative ? -value : value;
}

Result<DecimalText> SplitDecimal(std::string_view text) {
  DecimalText parts;
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    parts.negative = text[pos++] == '-';
  }
  int64_t digit_count = ConsumeDigits(text, &pos, &parts.digits);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const int64_t fraction = ConsumeDigits(text, &pos, &parts.digits);
    // Every fractional digit scales the value down, including the leading
    // zeros that ConsumeDigits dropped.
    digit_count += fraction;
    parts.exponent -= fraction;
  }
  if (digit_count == 0) return Status::Invalid("no digits");
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    ASSIGN_OR_RETURN(int64_t exponent, ParseExponent(text, &pos));
    parts.exponent += exponent;
  }
  if (pos != text.size()) return Status::Invalid("unexpected character '{}'", text[pos]);
  return parts;
}

}  // namespace

Int128 Decimal128::PowerOfTen(int32_t exponent) {
  Int128 result = 1;
  for (int32_t i = 0; i < exponent; ++i) result *= 10;
  return result;
}

bool Decimal128::FitsInPrecision(int32_t precision) const {
  const Int128 limit = PowerOfTen(precision);
  return value_ < limit && value_ > -limit;
}

Result<Decimal128> Decimal128::FromString(std::string_view text, int32_t scale, int32_t precision) {
  auto parts = SplitDecimal(text);
  if (!parts.ok()) {
    return Status::Invalid("cannot parse '{}' as a decimal: {}", text, parts.status().message());
  }
  const DecimalText& p = *parts;
  // The unscaled result is digits * 10^shift.
  const int64_t shift = p.exponent + scale;
  const int64_t kept = static_cast<int64_t>(p.digits.size()) + std::min<int64_t>(shift, 0);
  const int64_t total_digits = kept + std::max<int64_t>(shift, 0);
  if (total_digits > precision) {
    return Status::Invalid("'{}' is out of range for decimal({},{})", text, precision, scale);
  }
  Int128 value = 0;
  for (int64_t i = 0; i < kept; ++i) value = value * 10 + (p.digits[static_cast<size_t>(i)] - '0');
  if (kept >= 0 && kept < static_cast<int64_t>(p.digits.size()) &&
      p.digits[static_cast<size_t>(kept)] >= '5') {
    ++value;  // round half away from zero; the sign is applied below
  }
  if (shift > 0) value *= PowerOfTen(static_cast<int32_t>(shift));
  Decimal128 result(p.negative ? -value : value);
  if (!result.FitsInPrecision(precision)) {
    return Status::Invalid("'{}' is out of range for decimal({},{})", text, precision, scale);
  }
  return result;
}

std::string Decimal128::ToString(int32_t scale) const {
  // Work on the magnitude as unsigned so that -2^127 does not overflow.
  UInt128 magnitude = value_ < 0 ? -static_cast<UInt128>(value_) : static_cast<UInt128>(value_);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (static_cast<int32_t>(digits.size()) <= scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (scale > 0) digits.insert(digits.size() - static_cast<size_t>(scale), 1, '.');
  if (value_ < 0) digits.insert(digits.begin(), '-');
  return digits;
}

Decimal128 Decimal128::FromLittleEndian(const uint8_t* bytes) {
  Int128 value;
  std::memcpy(&value, bytes, sizeof(value));
  return Decimal128(value);
}

void Decimal128::ToLittleEndian(uint8_t* out) const { std::memcpy(out, &value_, sizeof(value_)); }

Result<Decimal128> Decimal128::FromBigEndian(std::span<const uint8_t> bytes) {
  if (bytes.empty() || bytes.size() > 16) {
    return Status::Invalid("big-endian decimal must have 1 to 16 bytes, got {}", bytes.size());
  }
  // Sign-extend from the most significant byte.
  UInt128 value = (bytes[0] & 0x80) != 0 ? ~UInt128{0} : 0;
  for (uint8_t byte : bytes) value = (value << 8) | byte;
  return Decimal128(static_cast<Int128>(value));
}

}  // namespace strata
