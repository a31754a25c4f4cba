// Decimal128: the value type of decimal(p,s) columns, an unscaled 128-bit
// two's complement integer. The scale lives in the column's type, so every
// conversion takes it as an argument.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace strata {

// __extension__ keeps -Wpedantic quiet about the GCC/Clang builtin.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class Decimal128 {
 public:
  constexpr Decimal128() = default;
  constexpr explicit Decimal128(Int128 value) : value_(value) {}

  constexpr Int128 value() const { return value_; }

  // Parses "[+-]digits[.digits][e[+-]digits]" into a value with `scale`
  // fractional digits. Extra fractional digits are rounded half away from
  // zero, as DuckDB does when casting text to decimal. Fails with Invalid on
  // malformed text or when the result needs more than `precision` digits.
  // REQUIRES: 0 <= scale <= precision <= 38.
  static Result<Decimal128> FromString(std::string_view text, int32_t scale,
                                       int32_t precision = 38);
  // Exactly `scale` fractional digits: "123.45", "-0.05", "7" (scale 0).
  std::string ToString(int32_t scale) const;

  // The 16-byte little-endian storage of a decimal column value.
  static Decimal128 FromLittleEndian(const uint8_t* bytes);
  void ToLittleEndian(uint8_t* out) const;
  // Parquet stores decimals as big-endian two's complement of 1 to 16 bytes.
  static Result<Decimal128> FromBigEndian(std::span<const uint8_t> bytes);

  // True when |value| < 10^precision. REQUIRES: 1 <= precision <= 38.
  bool FitsInPrecision(int32_t precision) const;

  // 10^exponent. REQUIRES: 0 <= exponent <= 38.
  static Int128 PowerOfTen(int32_t exponent);

  friend constexpr bool operator==(const Decimal128&, const Decimal128&) = default;
  friend constexpr auto operator<=>(const Decimal128&, const Decimal128&) = default;

 private:
  Int128 value_ = 0;
};

}  // namespace strata
