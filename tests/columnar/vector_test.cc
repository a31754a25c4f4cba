#include "columnar/vector.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace strata {
namespace {

using testing::BufferOf;
using testing::BufferOfValues;
using testing::MakeIntLists;
using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

// 20 int32 rows; every row divisible by 3 is null.
VectorPtr Sample() {
  std::vector<Opt<int32_t>> values;
  for (int32_t i = 0; i < 20; ++i) values.push_back(i % 3 == 0 ? Opt<int32_t>() : i * 10);
  return MakeVector<int32_t>(values);
}

TEST(VectorTest, FixedWidthAccessors) {
  VectorPtr v = Sample();
  EXPECT_EQ(v->length(), 20);
  EXPECT_EQ(v->null_count(), 7);
  EXPECT_EQ(v->offset(), 0);
  EXPECT_TRUE(v->IsNull(0));
  EXPECT_TRUE(v->IsValid(1));
  EXPECT_EQ(v->Value<int32_t>(1), 10);
  EXPECT_EQ(v->Value<int32_t>(0), 0) << "null slots hold zero";
  EXPECT_EQ(v->Values<int32_t>()[19], 190);
  EXPECT_EQ(v->GetView(2), std::string_view("\x14\0\0\0", 4));
  ASSERT_NE(v->validity(), nullptr);
  EXPECT_EQ(v->validity()[0], 0b10110110);
  EXPECT_OK(v->Validate());
}

TEST(VectorTest, NoNullsMeansNoBitmap) {
  VectorPtr v = MakeVector<int64_t>({1, 2, 3});
  EXPECT_EQ(v->null_count(), 0);
  EXPECT_EQ(v->buffer(0), nullptr);
  EXPECT_EQ(v->validity(), nullptr);
  EXPECT_FALSE(v->IsNull(2));
  EXPECT_EQ(v->buffer(7), nullptr);
}

TEST(VectorTest, SliceAtUnalignedOffsetsRecountsNulls) {
  VectorPtr v = Sample();
  for (int64_t offset = 0; offset <= 20; ++offset) {
    for (int64_t length = 0; offset + length <= 20; ++length) {
      VectorPtr s = v->Slice(offset, length);
      ASSERT_EQ(s->length(), length);
      ASSERT_EQ(s->offset(), offset);
      int64_t nulls = 0;
      for (int64_t i = 0; i < length; ++i) {
        ASSERT_EQ(s->IsNull(i), v->IsNull(offset + i));
        ASSERT_EQ(s->Value<int32_t>(i), v->Value<int32_t>(offset + i));
        nulls += s->IsNull(i);
      }
      ASSERT_EQ(s->null_count(), nulls);
      ASSERT_OK(s->Validate());
    }
  }
  // A slice of a slice composes offsets and shares the buffers.
  VectorPtr inner = v->Slice(5, 12)->Slice(3, 4);
  EXPECT_EQ(inner->offset(), 8);
  EXPECT_EQ(inner->Value<int32_t>(0), 80);
  EXPECT_EQ(inner->buffer(1), v->buffer(1));
  EXPECT_TRUE(inner->Equals(*MakeVector<int32_t>({80, Opt<int32_t>(), 100, 110})));
}

TEST(VectorTest, SliceClampsOutOfRange) {
  VectorPtr v = Sample();
  EXPECT_EQ(v->Slice(15, 100)->length(), 5);
  EXPECT_EQ(v->Slice(30, 1)->length(), 0);
  EXPECT_EQ(v->Slice(-3, 2)->length(), 2);
}

TEST(VectorTest, BoolSlices) {
  VectorPtr v = testing::MakeBools(
      {true, false, Opt<bool>(), true, true, false, true, false, true, Opt<bool>()});
  VectorPtr s = v->Slice(3, 7);
  EXPECT_TRUE(s->GetBool(0));
  EXPECT_FALSE(s->GetBool(2));
  EXPECT_TRUE(s->GetBool(5));
  EXPECT_EQ(s->null_count(), 1);
  EXPECT_TRUE(s->IsNull(6));
  EXPECT_OK(s->Validate());
}

TEST(VectorTest, StringSlices) {
  VectorPtr v = MakeStrings({"a", Opt<std::string>(), "", "hello", "wörld"});
  EXPECT_EQ(v->GetView(0), "a");
  EXPECT_EQ(v->GetView(1), "");
  EXPECT_EQ(v->GetView(4), "wörld");
  VectorPtr s = v->Slice(2, 3);
  EXPECT_EQ(s->GetView(1), "hello");
  EXPECT_EQ(s->Offsets()[0], 1) << "offsets are not rebased";
  EXPECT_EQ(s->null_count(), 0);
  EXPECT_OK(s->ValidateFull());
}

TEST(VectorTest, ListSlicesShareTheChild) {
  VectorPtr v =
      MakeIntLists({{{1, 2}}, Opt<std::vector<Opt<int32_t>>>(), {{}}, {{3, Opt<int32_t>(), 5}}});
  EXPECT_EQ(v->ListRange(0).size(), 2);
  EXPECT_EQ(v->ListRange(1).size(), 0);
  EXPECT_TRUE(v->IsNull(1));
  VectorPtr s = v->Slice(2, 2);
  EXPECT_EQ(s->child(0), v->child(0)) << "list children are shared whole";
  const ValueRange range = s->ListRange(1);
  EXPECT_EQ(range.begin, 2);
  EXPECT_EQ(range.end, 5);
  EXPECT_TRUE(s->child(0)->IsNull(3));
  EXPECT_EQ(s->child(0)->Value<int32_t>(4), 5);
  EXPECT_OK(s->Validate());
  EXPECT_TRUE(s->Equals(*MakeIntLists({{{}}, {{3, Opt<int32_t>(), 5}}})));
}

VectorPtr MakeStructSample() {
  StructBuilder builder(Struct({{"x", Int32()}, {"s", String()}}), [] {
    std::vector<std::unique_ptr<VectorBuilder>> children;
    children.push_back(std::make_unique<Int32Builder>());
    children.push_back(std::make_unique<BinaryBuilder>(String()));
    return children;
  }());
  auto* x = static_cast<Int32Builder*>(builder.child(0));
  auto* s = static_cast<BinaryBuilder*>(builder.child(1));
  for (int32_t i = 0; i < 11; ++i) {
    if (i % 4 == 1) {
      CHECK_OK(builder.AppendNull());
      continue;
    }
    CHECK_OK(builder.Append());
    CHECK_OK(x->Append(i));
    CHECK_OK(i % 2 == 0 ? s->Append(std::to_string(i)) : s->AppendNull());
  }
  return builder.Finish().ValueOrDie();
}

TEST(VectorTest, StructSlicesSliceTheChildren) {
  VectorPtr v = MakeStructSample();
  EXPECT_EQ(v->null_count(), 3);
  VectorPtr s = v->Slice(3, 7);
  EXPECT_EQ(s->null_count(), 2);  // rows 5 and 9
  ASSERT_EQ(s->num_children(), 2);
  EXPECT_EQ(s->child(0)->length(), 7);
  EXPECT_EQ(s->child(0)->Value<int32_t>(0), 3);
  EXPECT_TRUE(s->IsNull(2));
  EXPECT_TRUE(s->child(1)->IsNull(0));
  EXPECT_EQ(s->child(1)->GetView(1), "4");
  EXPECT_OK(s->Validate());
  for (int64_t i = 0; i < 7; ++i) EXPECT_TRUE(s->RowEquals(i, *v, i + 3));
}

TEST(VectorTest, SlicesOfListsOfStructs) {
  // [{a: 0}, {a: 1}], NULL, [{a: 2}], [NULL, {a: 4}]
  ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(List(Struct({{"a", Int64()}}))));
  auto* lists = static_cast<ListBuilder*>(builder.get());
  auto* structs = static_cast<StructBuilder*>(lists->value_builder());
  auto* a = static_cast<Int64Builder*>(structs->child(0));
  int64_t next = 0;
  for (int count : {2, -1, 1, 2}) {
    ASSERT_OK(lists->Append(count >= 0));
    for (int i = 0; i < count; ++i, ++next) {
      if (next == 3) {
        ASSERT_OK(structs->AppendNull());
        continue;
      }
      ASSERT_OK(structs->Append());
      ASSERT_OK(a->Append(next));
    }
  }
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  ASSERT_OK(v->Validate());
  for (int64_t offset = 0; offset < 4; ++offset) {
    for (int64_t length = 0; offset + length <= 4; ++length) {
      VectorPtr s = v->Slice(offset, length);
      ASSERT_OK(s->Validate());
      for (int64_t i = 0; i < length; ++i) ASSERT_TRUE(s->RowEquals(i, *v, offset + i));
    }
  }
  VectorPtr tail = v->Slice(2, 2);
  EXPECT_EQ(tail->null_count(), 0);
  const ValueRange last = tail->ListRange(1);
  EXPECT_TRUE(tail->child(0)->IsNull(last.begin));
  EXPECT_EQ(tail->child(0)->child(0)->Value<int64_t>(last.begin + 1), 4);
  // Slicing the element struct itself slices its child in step.
  VectorPtr elements = v->child(0)->Slice(3, 2);
  EXPECT_TRUE(elements->IsNull(0));
  EXPECT_EQ(elements->child(0)->Value<int64_t>(1), 4);
}

TEST(VectorTest, EqualsIsLogical) {
  VectorPtr a = MakeVector<double>({1.0, std::nan(""), Opt<double>()});
  VectorPtr b = MakeVector<double>({1.0, std::nan(""), Opt<double>()});
  EXPECT_TRUE(a->Equals(*b));
  EXPECT_FALSE(a->Equals(*MakeVector<double>({1.0, std::nan(""), 0.0})));
  EXPECT_FALSE(MakeVector<double>({0.0})->Equals(*MakeVector<double>({-0.0})));
  EXPECT_FALSE(a->Equals(*MakeVector<double>({1.0, std::nan("")})));
  EXPECT_FALSE(MakeVector<int32_t>({1})->Equals(*MakeVector<int64_t>({1})));
  EXPECT_FALSE(MakeStrings({"a"})->Equals(*MakeStrings({"b"})));
}

// Assembles an int32 vector from raw parts for the Validate tests.
VectorPtr RawInts(int64_t length, BufferPtr validity, BufferPtr values, int64_t null_count,
                  int64_t offset = 0) {
  return ColumnVector::Make(Int32(), length, {std::move(validity), std::move(values)}, {},
                            null_count, offset);
}

void ExpectInvalid(const ColumnVector& v, std::string_view message) {
  Status status = v.Validate();
  ASSERT_FALSE(status.ok()) << "expected: " << message;
  EXPECT_TRUE(status.IsInvalid());
  EXPECT_NE(status.message().find(message), std::string_view::npos) << status.ToString();
}

TEST(VectorValidateTest, CatchesBadFixedWidthVectors) {
  BufferPtr four = BufferOfValues<int32_t>({1, 2, 3, 4});
  const uint8_t bits[] = {0b1011};
  BufferPtr bitmap = BufferOf(bits);
  EXPECT_OK(RawInts(4, bitmap, four, 1)->Validate());
  EXPECT_OK(RawInts(3, nullptr, four, 0, 1)->Validate());
  ExpectInvalid(*RawInts(5, nullptr, four, 0), "values buffer has 16 bytes, needs 20");
  ExpectInvalid(*RawInts(3, nullptr, four, 0, 2), "needs 20");
  ExpectInvalid(*RawInts(4, bitmap, four, 2), "null count 2 but the validity bitmap has 1");
  ExpectInvalid(*RawInts(4, nullptr, four, 1), "no validity bitmap");
  ExpectInvalid(*RawInts(4, bitmap, four, 5), "null count 5 outside [0, 4]");
  ExpectInvalid(*RawInts(9, bitmap, BufferOfValues<int32_t>(std::vector<int32_t>(9)), 1),
                "validity bitmap has 1 bytes, needs 2");
  ExpectInvalid(*RawInts(-1, nullptr, four, 0), "bad length");
  ExpectInvalid(*RawInts(1, nullptr, four, 0, INT64_MAX), "bad length");
  ExpectInvalid(*RawInts(2, nullptr, nullptr, 0), "missing values buffer");
  ExpectInvalid(*ColumnVector::Make(Int32(), 1, {nullptr}, {}, 0), "expected 2 buffers, got 1");
  ExpectInvalid(*ColumnVector::Make(Int32(), 1, {nullptr, four}, {MakeVector<int32_t>({1})}, 0),
                "has no children");
  ExpectInvalid(*ColumnVector::Make(FixedSizeBinary(1 << 27).ValueOrDie(), INT64_MAX / 4,
                                    {nullptr, four}, {}, 0),
                "overflows");
}

VectorPtr RawStrings(int64_t length, std::vector<int32_t> offsets, std::string_view data,
                     int64_t offset = 0) {
  return ColumnVector::Make(
      String(), length,
      {nullptr, BufferOfValues(offsets),
       BufferOf({reinterpret_cast<const uint8_t*>(data.data()), data.size()})},
      {}, 0, offset);
}

TEST(VectorValidateTest, CatchesBadOffsets) {
  EXPECT_OK(RawStrings(2, {0, 1, 3}, "abc")->Validate());
  EXPECT_OK(RawStrings(0, {}, "")->Validate());
  EXPECT_OK(RawStrings(1, {0, 1, 3}, "abc", 1)->Validate());
  ExpectInvalid(*RawStrings(2, {0, 2, 1}, "abc"), "offsets decrease at row 1");
  ExpectInvalid(*RawStrings(2, {0, 1, 4}, "abc"), "last offset 4 is past the end");
  ExpectInvalid(*RawStrings(2, {-1, 1, 3}, "abc"), "negative first offset");
  ExpectInvalid(*RawStrings(3, {0, 1, 3}, "abc"), "offsets buffer has 12 bytes, needs 16");
  ExpectInvalid(*RawStrings(1, {}, ""), "missing offsets buffer");
  VectorPtr bad_utf8 = RawStrings(1, {0, 2}, "a\xFF");
  EXPECT_OK(bad_utf8->Validate()) << "contents are only checked by ValidateFull";
  Status full = bad_utf8->ValidateFull();
  EXPECT_NE(full.message().find("row 0 is not valid UTF-8"), std::string_view::npos)
      << full.ToString();
}

TEST(VectorValidateTest, CatchesBadNestedVectors) {
  VectorPtr ints = MakeVector<int32_t>({1, 2, 3});
  BufferPtr offsets = BufferOfValues<int32_t>({0, 2, 3});
  EXPECT_OK(ColumnVector::Make(List(Int32()), 2, {nullptr, offsets}, {ints}, 0)->Validate());
  ExpectInvalid(*ColumnVector::Make(List(Int32()), 2, {nullptr, BufferOfValues<int32_t>({0, 2, 4})},
                                    {ints}, 0),
                "last offset 4 is past the end of the child (3)");
  ExpectInvalid(*ColumnVector::Make(List(Int32()), 2, {nullptr, offsets}, {}, 0),
                "expected 1 children, got 0");
  ExpectInvalid(*ColumnVector::Make(List(Int32()), 2, {nullptr, offsets}, {nullptr}, 0),
                "child 0 is missing");
  ExpectInvalid(*ColumnVector::Make(List(Int64()), 2, {nullptr, offsets}, {ints}, 0),
                "child 'element' has type int32, expected int64");
  TypePtr pair = Struct({{"a", Int32()}, {"b", Int32()}});
  EXPECT_OK(ColumnVector::Make(pair, 3, {nullptr}, {ints, ints}, 0)->Validate());
  ExpectInvalid(*ColumnVector::Make(pair, 2, {nullptr}, {ints, ints}, 0),
                "child 'a' has 3 rows, the struct 2");
  // Errors deep inside say where they are.
  VectorPtr bad_child = RawInts(5, nullptr, BufferOfValues<int32_t>({1}), 0);
  Status status =
      ColumnVector::Make(Struct({{"a", Int32()}}), 5, {nullptr}, {bad_child}, 0)->Validate();
  EXPECT_EQ(status.message(),
            "invalid struct<a: int32> vector: child 'a': values buffer has 4 bytes, needs 20");
}

TEST(VectorValidateTest, CatchesNullMapKeys) {
  TypePtr map = Map(Int32(), Int32());
  VectorPtr keys = MakeVector<int32_t>({1, Opt<int32_t>()});
  VectorPtr items = MakeVector<int32_t>({1, 2});
  VectorPtr entries = ColumnVector::Make(map->field(0).type, 2, {nullptr}, {keys, items}, 0);
  VectorPtr v =
      ColumnVector::Make(map, 1, {nullptr, BufferOfValues<int32_t>({0, 2})}, {entries}, 0);
  ExpectInvalid(*v, "map keys contain nulls");
}

TEST(VectorValidateTest, ValidateFullChecksDecimalPrecision) {
  TypePtr type = Decimal(3, 1).ValueOrDie();
  DecimalBuilder builder(Decimal(5, 1).ValueOrDie());
  ASSERT_OK(builder.Append(Decimal128(12345)));
  ASSERT_OK_AND_ASSIGN(VectorPtr wide, builder.Finish());
  VectorPtr v = ColumnVector::Make(type, 1, wide->buffers(), {}, 0);
  EXPECT_OK(v->Validate());
  EXPECT_FALSE(v->ValidateFull().ok());
}

}  // namespace
}  // namespace strata
