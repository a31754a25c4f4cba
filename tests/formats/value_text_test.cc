#include "formats/value_text.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace strata::formats::internal {
namespace {

// What the general path (std::from_chars, after dropping a '+') gives.
template <typename T>
T Reference(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  T value{};
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  EXPECT_EQ(result.ec, std::errc()) << text;
  return value;
}

template <typename T>
void ExpectSameAsFromChars(const std::string& text) {
  T fast{};
  if (!ParseShortDecimal(text, &fast)) return;  // The general path takes it.
  const T reference = Reference<T>(text);
  EXPECT_EQ(fast, reference) << text;
  EXPECT_EQ(std::signbit(fast), std::signbit(reference)) << text;
}

TEST(ParseShortDecimalTest, TypicalValues) {
  double d = 0;
  ASSERT_TRUE(ParseShortDecimal("12.931", &d));
  EXPECT_EQ(d, 12.931);
  ASSERT_TRUE(ParseShortDecimal("-0.0", &d));
  EXPECT_TRUE(std::signbit(d));
  ASSERT_TRUE(ParseShortDecimal("+5.", &d));
  EXPECT_EQ(d, 5.0);
  ASSERT_TRUE(ParseShortDecimal(".25", &d));
  EXPECT_EQ(d, 0.25);
  float f = 0;
  ASSERT_TRUE(ParseShortDecimal("-11.07", &f));
  EXPECT_EQ(f, -11.07F);
}

TEST(ParseShortDecimalTest, LeavesOtherTextToTheGeneralPath) {
  double d = 7;
  for (std::string_view text : {
           "", ".", "-", "+", "1e5", "nan", "inf", "1.2.3", "12a", " 1", "0x10", "--1",
           "12345678901234567890",      // 20 digits
           "9007199254740993",          // above 2^53
           "0.00000000000000000000001"  // 23 fractional digits
       }) {
    EXPECT_FALSE(ParseShortDecimal(text, &d)) << text;
  }
  EXPECT_EQ(d, 7);
  float f = 0;
  EXPECT_FALSE(ParseShortDecimal("16777217", &f));       // above 2^24
  EXPECT_FALSE(ParseShortDecimal("1.00000000001", &f));  // 11 fractional digits
}

TEST(ParseShortDecimalTest, AgreesWithFromCharsOnRandomDecimals) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 200000; ++i) {
    const int int_digits = static_cast<int>(rng() % 10);
    const int frac_digits = static_cast<int>(rng() % 12);
    std::string text = rng() % 3 == 0 ? "-" : "";
    for (int k = 0; k < int_digits; ++k) text += static_cast<char>('0' + rng() % 10);
    if (frac_digits > 0 || int_digits == 0) text += '.';
    for (int k = 0; k < frac_digits; ++k) text += static_cast<char>('0' + rng() % 10);
    if (int_digits == 0 && frac_digits == 0) text += '0';
    ExpectSameAsFromChars<double>(text);
    ExpectSameAsFromChars<float>(text);
  }
}

}  // namespace
}  // namespace strata::formats::internal
