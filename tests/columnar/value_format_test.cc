#include "columnar/value_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "columnar/temporal.h"
#include "test_util.h"

namespace strata {
namespace {

using testing::MakeIntLists;
using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

std::vector<std::string> FormatAll(const ColumnVector& v) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < v.length(); ++i) out.push_back(FormatValue(v, i));
  return out;
}

using Strings = std::vector<std::string>;

TEST(ValueFormatTest, Numbers) {
  EXPECT_EQ(FormatAll(*MakeVector<int8_t>({-128, 127, Opt<int8_t>()})),
            (Strings{"-128", "127", "NULL"}));
  EXPECT_EQ(FormatAll(*MakeVector<uint64_t>({UINT64_MAX})), (Strings{"18446744073709551615"}));
  EXPECT_EQ(FormatAll(*MakeVector<int64_t>({INT64_MIN})), (Strings{"-9223372036854775808"}));
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(
      FormatAll(*MakeVector<double>({1.0, -2.0, 0.1, 1e20, 1.5e-7, std::nan(""), inf, -inf, -0.0})),
      (Strings{"1.0", "-2.0", "0.1", "1e+20", "1.5e-07", "nan", "inf", "-inf", "-0.0"}));
  EXPECT_EQ(FormatAll(*MakeVector<float>({0.1f, 3.0f})), (Strings{"0.1", "3.0"}));
  EXPECT_EQ(FormatAll(*testing::MakeBools({true, false, Opt<bool>()})),
            (Strings{"true", "false", "NULL"}));
}

TEST(ValueFormatTest, Decimals) {
  DecimalBuilder builder(Decimal(10, 2).ValueOrDie());
  ASSERT_OK(builder.Append(Decimal128(12300)));
  ASSERT_OK(builder.Append(Decimal128(-5)));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  EXPECT_EQ(FormatAll(*v), (Strings{"123.00", "-0.05", "NULL"}));
}

TEST(ValueFormatTest, Temporal) {
  EXPECT_EQ(FormatAll(*MakeVector<int32_t>({20364, -1}, Date())),
            (Strings{"2025-10-03", "1969-12-31"}));
  EXPECT_EQ(FormatAll(*MakeVector<int64_t>({45296500}, Time(TimeUnit::kMilli))),
            (Strings{"12:34:56.5"}));
  EXPECT_EQ(FormatAll(*MakeVector<int64_t>({1759494896123456}, Timestamp(TimeUnit::kMicro, true))),
            (Strings{"2025-10-03 12:34:56.123456+00"}));
  EXPECT_EQ(FormatAll(*MakeVector<int64_t>({1759494896000}, Timestamp(TimeUnit::kMilli))),
            (Strings{"2025-10-03 12:34:56"}));
}

TEST(ValueFormatTest, TextAndBytes) {
  EXPECT_EQ(FormatAll(*MakeStrings({"plain", "", "wörld", Opt<std::string>()})),
            (Strings{"plain", "", "wörld", "NULL"}));
  EXPECT_EQ(FormatAll(*MakeStrings({std::string("a\0\xFF\\b\x7F", 6)}, Binary())),
            (Strings{"a\\x00\\xFF\\x5Cb\\x7F"}));
  EXPECT_EQ(FormatAll(*MakeStrings({"{\"a\": 1}"}, Json())), (Strings{"{\"a\": 1}"}));
  FixedSizeBinaryBuilder uuids(Uuid());
  ASSERT_OK_AND_ASSIGN(UuidBytes bytes, ParseUuid("123E4567-E89B-12D3-A456-426614174000"));
  ASSERT_OK(uuids.Append(std::span<const uint8_t>(bytes)));
  ASSERT_OK_AND_ASSIGN(VectorPtr v, uuids.Finish());
  EXPECT_EQ(FormatAll(*v), (Strings{"123e4567-e89b-12d3-a456-426614174000"}));
}

TEST(ValueFormatTest, UuidParsing) {
  ASSERT_OK_AND_ASSIGN(UuidBytes a, ParseUuid("{00112233-4455-6677-8899-aabbccddeeff}"));
  ASSERT_OK_AND_ASSIGN(UuidBytes b, ParseUuid("00112233445566778899AABBCCDDEEFF"));
  EXPECT_EQ(a, b);
  EXPECT_EQ(a[0], 0x00);
  EXPECT_EQ(a[15], 0xFF);
  EXPECT_EQ(FormatUuid(std::string_view(reinterpret_cast<const char*>(a.data()), 16)),
            "00112233-4455-6677-8899-aabbccddeeff");
  for (std::string_view bad :
       {"", "0011223344556677", "00112233-4455-6677-8899-aabbccddeefg",
        "0011223-34455-6677-8899-aabbccddeeff", "00112233445566778899aabbccddeeff00"}) {
    EXPECT_FALSE(ParseUuid(bad).ok()) << bad;
  }
}

TEST(ValueFormatTest, NestedValuesLikeDuckDb) {
  EXPECT_EQ(
      FormatAll(*MakeIntLists({{{1, 2, Opt<int32_t>()}}, {{}}, Opt<std::vector<Opt<int32_t>>>()})),
      (Strings{"[1, 2, NULL]", "[]", "NULL"}));

  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(Struct({{"a", Int32()}, {"b", String()}})));
  auto* st = static_cast<StructBuilder*>(builder.get());
  ASSERT_OK(st->Append());
  ASSERT_OK(static_cast<Int32Builder*>(st->child(0))->Append(1));
  ASSERT_OK(static_cast<BinaryBuilder*>(st->child(1))->Append("x"));
  ASSERT_OK(st->AppendNull());
  ASSERT_OK_AND_ASSIGN(VectorPtr structs, builder->Finish());
  EXPECT_EQ(FormatAll(*structs), (Strings{"{'a': 1, 'b': x}", "NULL"}));

  ASSERT_OK_AND_ASSIGN(auto map_builder, MakeBuilder(Map(String(), List(Int64()))));
  auto* map = static_cast<MapBuilder*>(map_builder.get());
  auto* keys = static_cast<BinaryBuilder*>(map->key_builder());
  auto* lists = static_cast<ListBuilder*>(map->item_builder());
  auto* ints = static_cast<Int64Builder*>(lists->value_builder());
  ASSERT_OK(map->Append());
  ASSERT_OK(keys->Append("k"));
  ASSERT_OK(lists->Append());
  ASSERT_OK(ints->Append(1));
  ASSERT_OK(keys->Append("empty"));
  ASSERT_OK(lists->AppendNull());
  ASSERT_OK(map->Append());
  ASSERT_OK_AND_ASSIGN(VectorPtr maps, map_builder->Finish());
  EXPECT_EQ(FormatAll(*maps), (Strings{"{k=[1], empty=NULL}", "{}"}));
}

}  // namespace
}  // namespace strata
