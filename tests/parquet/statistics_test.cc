#include "parquet/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace strata::parquet {
namespace {

template <typename T>
T Decode(const std::string& bytes) {
  T v{};
  EXPECT_EQ(bytes.size(), sizeof(T));
  std::memcpy(&v, bytes.data(), sizeof(T));
  return v;
}

TEST(StatisticsTest, SignedAndUnsignedIntegers) {
  std::vector<int32_t> values = {5, -1, 7, 0};
  TypedStatistics<int32_t> is(SortOrder::kSigned);
  is.Update(values.data(), 4);
  EXPECT_EQ(Decode<int32_t>(is.Encode().min), -1);
  EXPECT_EQ(Decode<int32_t>(is.Encode().max), 7);
  // As uint32, -1 is the largest value.
  TypedStatistics<int32_t> us(SortOrder::kUnsigned);
  us.Update(values.data(), 4);
  EXPECT_EQ(Decode<int32_t>(us.Encode().min), 0);
  EXPECT_EQ(Decode<int32_t>(us.Encode().max), -1);
}

TEST(StatisticsTest, NaNNeverBecomesABound) {
  std::vector<double> values = {NAN, 2.5, -1.5, NAN};
  TypedStatistics<double> s(SortOrder::kSigned);
  s.Update(values.data(), 4);
  EXPECT_EQ(Decode<double>(s.Encode().min), -1.5);
  EXPECT_EQ(Decode<double>(s.Encode().max), 2.5);
  TypedStatistics<double> only_nan(SortOrder::kSigned);
  only_nan.Update(values.data(), 1);
  EXPECT_FALSE(only_nan.has_min_max());
}

TEST(StatisticsTest, ZeroBoundsAdmitBothZeros) {
  std::vector<double> values = {0.0, 0.0};
  TypedStatistics<double> s(SortOrder::kSigned);
  s.Update(values.data(), 2);
  EXPECT_TRUE(std::signbit(Decode<double>(s.Encode().min)));
  EXPECT_FALSE(std::signbit(Decode<double>(s.Encode().max)));
}

TEST(StatisticsTest, InfinitiesAreBounds) {
  std::vector<float> values = {1, -std::numeric_limits<float>::infinity(),
                               std::numeric_limits<float>::infinity()};
  TypedStatistics<float> s(SortOrder::kSigned);
  s.Update(values.data(), 3);
  EXPECT_TRUE(std::isinf(Decode<float>(s.Encode().min)));
  EXPECT_LT(Decode<float>(s.Encode().min), 0);
}

TEST(StatisticsTest, StringsCompareAsUnsignedBytesAndOwnTheirBounds) {
  std::vector<std::string> storage = {"b", "\xc3\xa9", "a", "ab"};
  std::vector<std::string_view> views(storage.begin(), storage.end());
  TypedStatistics<std::string_view> s(SortOrder::kUnsigned);
  s.Update(views.data(), 4);
  storage.assign(4, "zzzz");  // The bounds must not point into the values.
  EXPECT_EQ(s.Encode().min, "a");
  EXPECT_EQ(s.Encode().max, "\xc3\xa9");  // 0xc3 > 'b' unsigned.
}

// Long strings with shared prefixes and high bytes, against a plain
// unsigned bytewise min and max.
TEST(StatisticsTest, StringBoundsMatchUnsignedBytewiseOrder) {
  std::mt19937 rng(3);
  const std::string pieces[] = {"DC-CNX-01-", "DC-CNX-02-", "\xc3\xa9", "\x80", "a", ""};
  std::vector<std::string> storage;
  for (int i = 0; i < 2000; ++i) {
    std::string value;
    const int parts = static_cast<int>(rng() % 4);
    for (int p = 0; p < parts; ++p) value += pieces[rng() % std::size(pieces)];
    storage.push_back(value);
  }
  std::vector<std::string_view> views(storage.begin(), storage.end());
  TypedStatistics<std::string_view> s(SortOrder::kUnsigned);
  s.Update(views.data(), static_cast<int64_t>(views.size()));
  // std::string compares as unsigned bytes too (char_traits<char>).
  EXPECT_EQ(s.Encode().min, *std::min_element(storage.begin(), storage.end()));
  EXPECT_EQ(s.Encode().max, *std::max_element(storage.begin(), storage.end()));
}

TEST(StatisticsTest, FixedDecimalsCompareSigned) {
  // Big-endian two's complement: 0xff.. is -1, 0x00..01 is 1.
  std::vector<std::string> storage = {std::string("\xff\xff", 2), std::string("\x00\x01", 2),
                                      std::string("\x80\x00", 2)};
  std::vector<std::string_view> views(storage.begin(), storage.end());
  TypedStatistics<std::string_view> s(SortOrder::kSignedFixedDecimal);
  s.Update(views.data(), 3);
  EXPECT_EQ(s.Encode().min, std::string("\x80\x00", 2));  // -32768
  EXPECT_EQ(s.Encode().max, std::string("\x00\x01", 2));
}

TEST(StatisticsTest, MergeAndNullCounts) {
  std::vector<int64_t> a = {3, 9};
  std::vector<int64_t> b = {-4};
  TypedStatistics<int64_t> page(SortOrder::kSigned);
  TypedStatistics<int64_t> chunk(SortOrder::kSigned);
  page.Update(a.data(), 2);
  page.AddNulls(2);
  chunk.Merge(page);
  page.Reset();
  page.Update(b.data(), 1);
  chunk.Merge(page);
  EXPECT_EQ(chunk.null_count(), 2);
  EXPECT_EQ(Decode<int64_t>(chunk.Encode().min), -4);
  EXPECT_EQ(Decode<int64_t>(chunk.Encode().max), 9);
}

TEST(StatisticsTest, TruncateMaxRoundsUp) {
  EXPECT_EQ(TruncateMax("abcdef", 3), "abd");
  EXPECT_EQ(TruncateMax("abc", 3), "abc");
  EXPECT_EQ(TruncateMax(std::string("ab\xff\xff", 4), 3), std::string("ac"));
  EXPECT_EQ(TruncateMax(std::string("\xff\xff\xff\xff", 4), 2), std::nullopt);
}

TEST(StatisticsTest, TruncateMaxKeepsUtf8Valid) {
  // "aé€x": cutting at 4 bytes would split '€'; the prefix "aé" grows to "aê".
  EXPECT_EQ(TruncateMax("a\xc3\xa9\xe2\x82\xac"
                        "x",
                        4),
            "a\xc3\xaa");
  // U+10FFFF cannot grow: the character before it does.
  EXPECT_EQ(TruncateMax("b\xf4\x8f\xbf\xbf"
                        "zz",
                        5),
            "c");
}

TEST(StatisticsTest, MakeStatisticsTruncatesAndFlagsExactness) {
  MinMax bounds{std::string(100, 'a'), std::string(100, 'b')};
  Statistics s = MakeStatistics(bounds, 3, SortOrder::kUnsigned, 16);
  EXPECT_EQ(s.null_count, 3);
  EXPECT_EQ(*s.min_value, std::string(16, 'a'));
  EXPECT_EQ(*s.max_value, std::string(15, 'b') + "c");
  EXPECT_FALSE(*s.is_min_value_exact);
  EXPECT_FALSE(*s.is_max_value_exact);
  EXPECT_FALSE(s.min.has_value());  // Deprecated fields only for signed orders.
  Statistics exact = MakeStatistics(MinMax{"x", "y"}, 0, SortOrder::kSigned, 16);
  EXPECT_TRUE(*exact.is_min_value_exact);
  EXPECT_EQ(*exact.min, "x");
  Statistics none = MakeStatistics(std::nullopt, 5, SortOrder::kSigned, 16);
  EXPECT_FALSE(none.min_value.has_value());
  EXPECT_EQ(none.null_count, 5);
}

}  // namespace
}  // namespace strata::parquet
