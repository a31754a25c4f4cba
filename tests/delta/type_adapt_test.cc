// Reading a data file's column as the table's type: the conversions type
// widening and other writers' files need, and the ones refused.
#include "delta/type_adapt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "columnar/decimal.h"
#include "columnar/value_format.h"
#include "testing/status_matchers.h"

namespace strata::delta {
namespace {

using ::testing::HasSubstr;

template <typename T>
VectorPtr Numbers(const TypePtr& type, const std::vector<std::optional<T>>& values) {
  NumericBuilder<T> builder(type);
  for (const auto& value : values) {
    CHECK_OK(value ? builder.Append(*value) : builder.AppendNull());
  }
  return builder.Finish().ValueOrDie();
}

std::vector<std::string> Render(const VectorPtr& vector) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < vector->length(); ++i) {
    out.push_back(vector->IsNull(i) ? "null" : FormatValue(*vector, i));
  }
  return out;
}

Result<VectorPtr> Adapt(const VectorPtr& vector, const TypePtr& target) {
  return AdaptToTableType(vector, target, target);
}

TEST(TypeAdaptTest, IntegersAndFloatsWiden) {
  ASSERT_OK_AND_ASSIGN(VectorPtr longs,
                       Adapt(Numbers<int8_t>(Int8(), {-128, std::nullopt, 127}), Int64()));
  EXPECT_TRUE(longs->type()->Equals(*Int64()));
  EXPECT_EQ(Render(longs), (std::vector<std::string>{"-128", "null", "127"}));
  ASSERT_OK_AND_ASSIGN(VectorPtr from_unsigned,
                       Adapt(Numbers<uint32_t>(UInt32(), {4294967295U}), Int64()));
  EXPECT_EQ(Render(from_unsigned), (std::vector<std::string>{"4294967295"}));
  ASSERT_OK_AND_ASSIGN(VectorPtr doubles,
                       Adapt(Numbers<int32_t>(Int32(), {2147483647}), Float64()));
  EXPECT_EQ(doubles->Value<double>(0), 2147483647.0);
  ASSERT_OK_AND_ASSIGN(VectorPtr from_float, Adapt(Numbers<float>(Float32(), {1.5F}), Float64()));
  EXPECT_EQ(from_float->Value<double>(0), 1.5);
}

TEST(TypeAdaptTest, NarrowingAndLossyConversionsAreRefusedNamingBothTypes) {
  Result<VectorPtr> narrowed = Adapt(Numbers<int64_t>(Int64(), {1}), Int32());
  ASSERT_FALSE(narrowed.ok());
  EXPECT_THAT(narrowed.status().message(), HasSubstr("int64"));
  EXPECT_THAT(narrowed.status().message(), HasSubstr("int32"));
  EXPECT_FALSE(Adapt(Numbers<int64_t>(Int64(), {1}), Float64()).ok());  // Not every long fits.
  EXPECT_FALSE(Adapt(Numbers<double>(Float64(), {1}), Float32()).ok());
  EXPECT_FALSE(CanReadAs(String(), Int64()));
  EXPECT_TRUE(CanReadAs(Int16(), Int64()));
}

TEST(TypeAdaptTest, DecimalsRescaleAndDatesBecomeTimestamps) {
  const TypePtr narrow = Decimal(6, 2).ValueOrDie();
  const TypePtr wide = Decimal(10, 3).ValueOrDie();
  DecimalBuilder builder(narrow);
  ASSERT_OK(builder.Append(Decimal128::FromString("-1234.56", 2, 6).ValueOrDie()));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK_AND_ASSIGN(VectorPtr decimals, builder.Finish());
  ASSERT_OK_AND_ASSIGN(VectorPtr rescaled, Adapt(decimals, wide));
  EXPECT_EQ(Render(rescaled), (std::vector<std::string>{"-1234.560", "null"}));
  const TypePtr ntz = Timestamp(TimeUnit::kMicro, /*utc=*/false);
  ASSERT_OK_AND_ASSIGN(VectorPtr timestamps, Adapt(Numbers<int32_t>(Date(), {20089, -1}), ntz));
  EXPECT_EQ(Render(timestamps),
            (std::vector<std::string>{"2025-01-01 00:00:00", "1969-12-31 00:00:00"}));
  // A UTC timestamp is not a widening of a date: its day would depend on a time zone.
  EXPECT_FALSE(Adapt(Numbers<int32_t>(Date(), {1}), Timestamp(TimeUnit::kMicro, true)).ok());
}

TEST(TypeAdaptTest, TypeWideningFollowsTheDeltaFeature) {
  EXPECT_TRUE(IsTypeWidening(*Int8(), *Int16()));
  EXPECT_TRUE(IsTypeWidening(*Int32(), *Int64()));
  EXPECT_TRUE(IsTypeWidening(*Int32(), *Float64()));
  EXPECT_TRUE(IsTypeWidening(*Float32(), *Float64()));
  EXPECT_TRUE(IsTypeWidening(*Date(), *Timestamp(TimeUnit::kMicro, false)));
  EXPECT_TRUE(IsTypeWidening(*Decimal(6, 2).ValueOrDie(), *Decimal(10, 3).ValueOrDie()));
  EXPECT_FALSE(IsTypeWidening(*Decimal(6, 2).ValueOrDie(), *Decimal(6, 3).ValueOrDie()));
  EXPECT_FALSE(IsTypeWidening(*Int64(), *Float64()));
  EXPECT_FALSE(IsTypeWidening(*Int64(), *Int32()));
  EXPECT_FALSE(IsTypeWidening(*Int64(), *Int64()));
  EXPECT_FALSE(IsTypeWidening(*UInt8(), *Int16()));  // Not a Delta type.
  EXPECT_FALSE(IsTypeWidening(*String(), *Binary()));
}

TEST(TypeAdaptTest, UuidsAndJsonReadAsStrings) {
  FixedSizeBinaryBuilder uuids(Uuid());
  const std::string bytes("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x12\x34\x56\x78\x9a\xbc\xde\xf0", 16);
  ASSERT_OK(uuids.Append(bytes));
  ASSERT_OK_AND_ASSIGN(VectorPtr uuid_vector, uuids.Finish());
  ASSERT_OK_AND_ASSIGN(VectorPtr strings, Adapt(uuid_vector, String()));
  EXPECT_EQ(strings->GetView(0), "12345678-9abc-def0-1234-56789abcdef0");
  BinaryBuilder json(Json());
  ASSERT_OK(json.Append(R"({"a":1})"));
  ASSERT_OK_AND_ASSIGN(VectorPtr json_vector, json.Finish());
  ASSERT_OK_AND_ASSIGN(VectorPtr text, Adapt(json_vector, String()));
  EXPECT_EQ(text->GetView(0), R"({"a":1})");
}

}  // namespace
}  // namespace strata::delta
