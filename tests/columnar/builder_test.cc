#include "columnar/builder.h"

#include <gtest/gtest.h>

#include <limits>
#include <numeric>

#include "test_util.h"

namespace strata {
namespace {

using testing::Opt;

template <typename T>
class NumericBuilderTest : public ::testing::Test {};

using NumericTypes = ::testing::Types<int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t,
                                      uint32_t, uint64_t, float, double>;
TYPED_TEST_SUITE(NumericBuilderTest, NumericTypes);

TYPED_TEST(NumericBuilderTest, AppendsValuesAndNulls) {
  using T = TypeParam;
  NumericBuilder<T> builder;
  EXPECT_TRUE(builder.type()->Equals(*CTypeTraits<T>::type()));
  ASSERT_OK(builder.Append(std::numeric_limits<T>::max()));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(std::numeric_limits<T>::lowest()));
  ASSERT_OK(builder.AppendNulls(2));
  ASSERT_OK(builder.Append(T(7)));
  EXPECT_EQ(builder.length(), 6);
  EXPECT_EQ(builder.null_count(), 3);
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  ASSERT_OK(v->ValidateFull());
  EXPECT_EQ(v->length(), 6);
  EXPECT_EQ(v->null_count(), 3);
  EXPECT_EQ(v->Value<T>(0), std::numeric_limits<T>::max());
  EXPECT_TRUE(v->IsNull(1));
  EXPECT_EQ(v->Value<T>(2), std::numeric_limits<T>::lowest());
  EXPECT_TRUE(v->IsNull(3) && v->IsNull(4));
  EXPECT_EQ(v->Value<T>(5), T(7));
  // Finish resets the builder for reuse.
  EXPECT_EQ(builder.length(), 0);
  EXPECT_EQ(builder.null_count(), 0);
  ASSERT_OK(builder.Append(T(1)));
  ASSERT_OK_AND_ASSIGN(VectorPtr again, builder.Finish());
  EXPECT_EQ(again->length(), 1);
  EXPECT_EQ(again->null_count(), 0);
  EXPECT_EQ(again->buffer(0), nullptr);
}

TYPED_TEST(NumericBuilderTest, BulkAppendWithValidBytes) {
  using T = TypeParam;
  std::vector<T> values(100);
  std::iota(values.begin(), values.end(), T(0));
  std::vector<uint8_t> valid(100);
  for (size_t i = 0; i < valid.size(); ++i) valid[i] = i % 7 != 3;
  NumericBuilder<T> builder;
  ASSERT_OK(builder.Reserve(200));
  ASSERT_OK(builder.AppendValues(values.data(), 50));  // all valid: no bitmap yet
  ASSERT_OK(builder.AppendValues(values.data() + 50, 50, valid.data() + 50));
  ASSERT_OK(builder.AppendValues(std::span<const T>(values.data(), 3)));
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  ASSERT_OK(v->Validate());
  ASSERT_EQ(v->length(), 103);
  int64_t nulls = 0;
  for (int64_t i = 0; i < 100; ++i) {
    const bool expect_null = i >= 50 && !valid[static_cast<size_t>(i)];
    nulls += expect_null;
    EXPECT_EQ(v->IsNull(i), expect_null) << i;
    EXPECT_EQ(v->Value<T>(i), values[static_cast<size_t>(i)]);
  }
  EXPECT_EQ(v->null_count(), nulls);
  EXPECT_FALSE(v->IsNull(102));
}

TYPED_TEST(NumericBuilderTest, MakeBuilderPicksIt) {
  using T = TypeParam;
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(CTypeTraits<T>::type()));
  auto* typed = dynamic_cast<NumericBuilder<T>*>(builder.get());
  ASSERT_NE(typed, nullptr);
  ASSERT_OK(typed->Append(T(3)));
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  EXPECT_EQ(v->Value<T>(0), T(3));
}

TEST(BuilderTest, TemporalTypesUseNumericBuilders) {
  ASSERT_OK_AND_ASSIGN(auto date, MakeBuilder(Date()));
  EXPECT_NE(dynamic_cast<Int32Builder*>(date.get()), nullptr);
  for (TypePtr type : {Time(TimeUnit::kNano), Timestamp(TimeUnit::kMicro, true)}) {
    ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
    auto* typed = dynamic_cast<Int64Builder*>(builder.get());
    ASSERT_NE(typed, nullptr);
    ASSERT_OK(typed->Append(-1));
    ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
    EXPECT_TRUE(v->type()->Equals(*type));
    EXPECT_EQ(v->Value<int64_t>(0), -1);
  }
}

TEST(BuilderTest, BoolBuilder) {
  BoolBuilder builder;
  ASSERT_OK(builder.Append(true));
  ASSERT_OK(builder.AppendNull());
  const bool values[] = {false, true, true};
  const uint8_t valid[] = {1, 1, 0};
  ASSERT_OK(builder.AppendValues(values, 3, valid));
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  ASSERT_OK(v->Validate());
  EXPECT_EQ(v->length(), 5);
  EXPECT_EQ(v->null_count(), 2);
  EXPECT_TRUE(v->GetBool(0));
  EXPECT_TRUE(v->IsNull(1));
  EXPECT_FALSE(v->GetBool(2));
  EXPECT_TRUE(v->GetBool(3));
  EXPECT_TRUE(v->IsNull(4));
}

TEST(BuilderTest, BinaryBuilder) {
  BinaryBuilder builder(Json());
  ASSERT_OK(builder.Append("{}"));
  ASSERT_OK(builder.AppendNull());
  ASSERT_OK(builder.Append(""));
  const std::string_view values[] = {"[1]", "skipped", "true"};
  const uint8_t valid[] = {1, 0, 1};
  ASSERT_OK(builder.AppendValues(values, valid));
  ASSERT_OK(builder.ReserveData(100));
  EXPECT_EQ(builder.data_length(), 9);
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  ASSERT_OK(v->ValidateFull());
  EXPECT_TRUE(v->type()->Equals(*Json()));
  EXPECT_EQ(v->length(), 6);
  EXPECT_EQ(v->null_count(), 2);
  EXPECT_EQ(v->GetView(0), "{}");
  EXPECT_EQ(v->GetView(2), "");
  EXPECT_EQ(v->GetView(3), "[1]");
  EXPECT_EQ(v->GetView(4), "");
  EXPECT_EQ(v->GetView(5), "true");
}

TEST(BuilderTest, EmptyBinaryVectorIsValid) {
  BinaryBuilder builder(String());
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  EXPECT_EQ(v->length(), 0);
  ASSERT_OK(v->Validate());
  EXPECT_EQ(v->Offsets()[0], 0);
}

TEST(BuilderTest, BinaryBuilderRejectsInt32OffsetOverflow) {
  BinaryBuilder builder(Binary());
  ASSERT_OK(builder.Append("x"));
  // The limit is checked before the bytes are read, so a view claiming 2 GiB
  // over a small string is never dereferenced.
  const std::string small = "y";
  const std::string_view huge(small.data(), static_cast<size_t>(BinaryBuilder::kMaxDataBytes));
  Status status = builder.Append(huge);
  EXPECT_TRUE(status.IsResourceExhausted()) << status.ToString();
  EXPECT_NE(status.message().find("int32 offsets"), std::string_view::npos);
  EXPECT_EQ(builder.length(), 1) << "the failed append left the builder unchanged";
  const std::string_view fits(small.data(), 0);
  EXPECT_OK(builder.Append(fits));
}

TEST(BuilderTest, FixedSizeBinaryChecksWidth) {
  FixedSizeBinaryBuilder builder(FixedSizeBinary(3).ValueOrDie());
  ASSERT_OK(builder.Append(std::string_view("abc")));
  Status status = builder.Append(std::string_view("ab"));
  EXPECT_TRUE(status.IsInvalid());
  EXPECT_EQ(status.message(), "fixed_size_binary(3) value must have 3 bytes, got 2");
  ASSERT_OK(builder.AppendNull());
  const uint8_t data[] = {'x', 'y', 'z', 'u', 'v', 'w'};
  ASSERT_OK(builder.AppendValues(data, 2));
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder.Finish());
  ASSERT_OK(v->Validate());
  EXPECT_EQ(v->length(), 4);
  EXPECT_EQ(v->GetView(0), "abc");
  EXPECT_EQ(v->GetView(1), std::string_view("\0\0\0", 3));
  EXPECT_EQ(v->GetView(3), "uvw");
}

TEST(BuilderTest, DecimalBuilderChecksPrecision) {
  TypePtr type = Decimal(5, 2).ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
  auto* decimals = dynamic_cast<DecimalBuilder*>(builder.get());
  ASSERT_NE(decimals, nullptr);
  ASSERT_OK(decimals->Append(Decimal128(99999)));
  ASSERT_OK(decimals->Append(Decimal128(-99999)));
  Status status = decimals->Append(Decimal128(100000));
  EXPECT_EQ(status.message(), "1000.00 does not fit in decimal(5,2)");
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  ASSERT_OK(v->ValidateFull());
  EXPECT_EQ(v->GetDecimal(0), Decimal128(99999));
  EXPECT_EQ(v->GetDecimal(1), Decimal128(-99999));
}

TEST(BuilderTest, StructBuilder) {
  TypePtr type = Struct({{"a", Int32()}, {"b", String()}});
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
  auto* st = dynamic_cast<StructBuilder*>(builder.get());
  ASSERT_NE(st, nullptr);
  ASSERT_EQ(st->num_children(), 2);
  auto* a = static_cast<Int32Builder*>(st->child(0));
  auto* b = static_cast<BinaryBuilder*>(st->child(1));
  ASSERT_OK(st->Append());
  ASSERT_OK(a->Append(1));
  ASSERT_OK(b->Append("x"));
  ASSERT_OK(st->AppendNull());  // appends to the children too
  ASSERT_OK(st->Append(false));
  ASSERT_OK(a->AppendNull());
  ASSERT_OK(b->AppendNull());
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  ASSERT_OK(v->Validate());
  EXPECT_EQ(v->length(), 3);
  EXPECT_EQ(v->null_count(), 2);
  EXPECT_EQ(v->child(0)->length(), 3);
  EXPECT_EQ(v->child(0)->Value<int32_t>(0), 1);
  EXPECT_EQ(v->child(1)->GetView(0), "x");
}

TEST(BuilderTest, StructBuilderRejectsMisalignedChildren) {
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(Struct({{"a", Int32()}})));
  auto* st = static_cast<StructBuilder*>(builder.get());
  ASSERT_OK(st->Append());
  auto result = builder->Finish();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "struct field 'a' builder has 0 rows, expected 1");
}

TEST(BuilderTest, ListBuilderWithNestedLists) {
  TypePtr type = List(List(Int32()));
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
  auto* outer = static_cast<ListBuilder*>(builder.get());
  auto* inner = static_cast<ListBuilder*>(outer->value_builder());
  auto* ints = static_cast<Int32Builder*>(inner->value_builder());
  // [[1, 2], NULL, []], NULL, []
  ASSERT_OK(outer->Append());
  ASSERT_OK(inner->Append());
  ASSERT_OK(ints->Append(1));
  ASSERT_OK(ints->Append(2));
  ASSERT_OK(inner->AppendNull());
  ASSERT_OK(inner->Append());
  ASSERT_OK(outer->AppendNull());
  ASSERT_OK(outer->Append());
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  ASSERT_OK(v->Validate());
  EXPECT_EQ(v->length(), 3);
  EXPECT_EQ(v->null_count(), 1);
  EXPECT_EQ(v->ListRange(0).size(), 3);
  EXPECT_EQ(v->ListRange(2).size(), 0);
  const ColumnVector& lists = *v->child(0);
  EXPECT_EQ(lists.length(), 3);
  EXPECT_TRUE(lists.IsNull(1));
  EXPECT_EQ(lists.ListRange(0).size(), 2);
  EXPECT_EQ(lists.child(0)->length(), 2);
}

TEST(BuilderTest, MapBuilder) {
  TypePtr type = Map(String(), Int64());
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
  auto* map = static_cast<MapBuilder*>(builder.get());
  auto* keys = static_cast<BinaryBuilder*>(map->key_builder());
  auto* items = static_cast<Int64Builder*>(map->item_builder());
  ASSERT_OK(map->Append());
  ASSERT_OK(keys->Append("a"));
  ASSERT_OK(items->Append(1));
  ASSERT_OK(keys->Append("b"));
  ASSERT_OK(items->AppendNull());
  ASSERT_OK(map->AppendNulls(2));
  ASSERT_OK(map->Append());
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  ASSERT_OK(v->Validate());
  EXPECT_EQ(v->length(), 4);
  EXPECT_EQ(v->null_count(), 2);
  const ColumnVector& entries = *v->child(0);
  EXPECT_EQ(entries.length(), 2);
  EXPECT_EQ(entries.null_count(), 0);
  EXPECT_EQ(entries.child(0)->GetView(1), "b");
  EXPECT_TRUE(entries.child(1)->IsNull(1));
  EXPECT_EQ(v->ListRange(3).size(), 0);
}

TEST(BuilderTest, MapBuilderRejectsNullKeysAndUnpairedItems) {
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(Map(Int32(), Int32())));
  auto* map = static_cast<MapBuilder*>(builder.get());
  ASSERT_OK(map->Append());
  ASSERT_OK(map->key_builder()->AppendNull());
  ASSERT_OK(map->item_builder()->AppendNull());
  EXPECT_EQ(builder->Finish().status().message(), "map keys must not be null");

  ASSERT_OK_AND_ASSIGN(auto unpaired, MakeBuilder(Map(Int32(), Int32())));
  auto* map2 = static_cast<MapBuilder*>(unpaired.get());
  ASSERT_OK(map2->Append());
  ASSERT_OK(static_cast<Int32Builder*>(map2->key_builder())->Append(1));
  EXPECT_EQ(unpaired->Finish().status().message(), "map item builder has 0 rows, expected 1");
}

TEST(BuilderTest, MakeNullVectorForEveryType) {
  for (const char* spelling :
       {"bool", "int8", "uint64", "float32", "decimal(38,10)", "string", "binary",
        "fixed_size_binary(5)", "date", "time(ns)", "timestamp(ms, UTC)", "uuid", "json",
        "struct<a: int32, b: list<string>>", "list<map<string, int32>>",
        "map<int64, struct<x: float64>>"}) {
    ASSERT_OK_AND_ASSIGN(TypePtr type, ParseType(spelling));
    ASSERT_OK_AND_ASSIGN(VectorPtr v, MakeNullVector(type, 10));
    EXPECT_OK(v->ValidateFull()) << spelling;
    EXPECT_EQ(v->length(), 10) << spelling;
    EXPECT_EQ(v->null_count(), 10) << spelling;
    EXPECT_TRUE(v->type()->Equals(*type));
    VectorPtr slice = v->Slice(3, 5);
    EXPECT_OK(slice->Validate()) << spelling;
    EXPECT_EQ(slice->null_count(), 5);
  }
}

}  // namespace
}  // namespace strata
