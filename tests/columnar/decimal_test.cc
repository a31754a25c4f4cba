#include "columnar/decimal.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

const std::string k38Nines(38, '9');

Decimal128 Parse(std::string_view text, int32_t scale, int32_t precision = 38) {
  return Decimal128::FromString(text, scale, precision).ValueOrDie();
}

TEST(DecimalTest, ToStringUsesExactScale) {
  EXPECT_EQ(Decimal128(12345).ToString(2), "123.45");
  EXPECT_EQ(Decimal128(-12345).ToString(2), "-123.45");
  EXPECT_EQ(Decimal128(5).ToString(2), "0.05");
  EXPECT_EQ(Decimal128(-5).ToString(2), "-0.05");
  EXPECT_EQ(Decimal128(0).ToString(3), "0.000");
  EXPECT_EQ(Decimal128(1200).ToString(2), "12.00");
  EXPECT_EQ(Decimal128(7).ToString(0), "7");
  EXPECT_EQ(Decimal128(-7).ToString(0), "-7");
  EXPECT_EQ(Decimal128(0).ToString(0), "0");
}

TEST(DecimalTest, ExtremesRoundTrip) {
  const Decimal128 max(Decimal128::PowerOfTen(38) - 1);
  EXPECT_EQ(max.ToString(0), k38Nines);
  EXPECT_EQ(Decimal128(-max.value()).ToString(0), "-" + k38Nines);
  EXPECT_EQ(max.ToString(38), "0." + k38Nines);
  EXPECT_EQ(Parse(k38Nines, 0), max);
  EXPECT_EQ(Parse("-0." + k38Nines, 38), Decimal128(-max.value()));
  EXPECT_TRUE(max.FitsInPrecision(38));
  EXPECT_FALSE(Decimal128(max.value() + 1).FitsInPrecision(38));
  // The int128 minimum is beyond any precision but still prints.
  const Int128 min = -(Int128(1) << 126) * 2;
  EXPECT_EQ(Decimal128(min).ToString(0), "-170141183460469231731687303715884105728");
}

TEST(DecimalTest, FromStringParsesForms) {
  EXPECT_EQ(Parse("123.45", 2), Decimal128(12345));
  EXPECT_EQ(Parse("-123.45", 2), Decimal128(-12345));
  EXPECT_EQ(Parse("+1", 2), Decimal128(100));
  EXPECT_EQ(Parse("0.05", 2), Decimal128(5));
  EXPECT_EQ(Parse("-0", 2), Decimal128(0));
  EXPECT_EQ(Parse(".5", 1), Decimal128(5));
  EXPECT_EQ(Parse("5.", 1), Decimal128(50));
  EXPECT_EQ(Parse("000123", 0), Decimal128(123));
  EXPECT_EQ(Parse("1.5e3", 0), Decimal128(1500));
  EXPECT_EQ(Parse("15E-1", 1), Decimal128(15));
  EXPECT_EQ(Parse("0.000000000000000000000000000000000000000000000001", 2), Decimal128(0));
}

TEST(DecimalTest, FromStringRoundsHalfAwayFromZero) {
  EXPECT_EQ(Parse("1.005", 2), Decimal128(101));
  EXPECT_EQ(Parse("1.0049", 2), Decimal128(100));
  EXPECT_EQ(Parse("-1.005", 2), Decimal128(-101));
  EXPECT_EQ(Parse("0.5", 0), Decimal128(1));
  EXPECT_EQ(Parse("0.05", 1), Decimal128(1));
  EXPECT_EQ(Parse("0.004", 2), Decimal128(0));
}

TEST(DecimalTest, FromStringRejectsBadTextAndOverflow) {
  for (std::string_view bad : {"", "-", ".", "1.2.3", "abc", "1e", "1e+", "12a", " 1", "--1"}) {
    auto result = Decimal128::FromString(bad, 2);
    EXPECT_FALSE(result.ok()) << bad;
    EXPECT_TRUE(result.status().IsInvalid());
  }
  EXPECT_FALSE(Decimal128::FromString("1" + k38Nines, 0).ok());
  EXPECT_FALSE(Decimal128::FromString(k38Nines, 1).ok());
  EXPECT_FALSE(Decimal128::FromString("1e100000000", 0).ok());
  auto rounded_over = Decimal128::FromString("999.995", 2, 5);
  ASSERT_FALSE(rounded_over.ok());
  EXPECT_EQ(rounded_over.status().message(), "'999.995' is out of range for decimal(5,2)");
  EXPECT_TRUE(Decimal128::FromString("999.994", 2, 5).ok());
}

TEST(DecimalTest, ByteConversions) {
  uint8_t bytes[16];
  Decimal128(-2).ToLittleEndian(bytes);
  EXPECT_EQ(bytes[0], 0xFE);
  EXPECT_EQ(bytes[15], 0xFF);
  EXPECT_EQ(Decimal128::FromLittleEndian(bytes), Decimal128(-2));
  const uint8_t big_endian[] = {0xFF, 0x85};  // -123
  EXPECT_EQ(Decimal128::FromBigEndian(big_endian).ValueOrDie(), Decimal128(-123));
  const uint8_t positive[] = {0x00, 0x85};
  EXPECT_EQ(Decimal128::FromBigEndian(positive).ValueOrDie(), Decimal128(133));
  EXPECT_FALSE(Decimal128::FromBigEndian({}).ok());
  const uint8_t too_long[17] = {};
  EXPECT_FALSE(Decimal128::FromBigEndian(too_long).ok());
}

TEST(DecimalTest, Ordering) {
  EXPECT_LT(Decimal128(-1), Decimal128(0));
  EXPECT_GT(Decimal128(Decimal128::PowerOfTen(30)), Decimal128(1));
}

}  // namespace
}  // namespace strata
