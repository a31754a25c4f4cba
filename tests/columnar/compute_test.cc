#include "columnar/compute.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "columnar/builder.h"
#include "test_util.h"

namespace strata {
namespace {

using testing::MakeBatch;
using testing::MakeBools;
using testing::MakeIntLists;
using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

// Checks `out` against `in` filtered by `selection`, row by row, and that it
// is a valid vector.
void ExpectFiltered(const ColumnVector& in, const std::vector<uint8_t>& selection,
                    const ColumnVector& out) {
  ASSERT_OK(out.Validate());
  std::vector<int64_t> kept;
  for (size_t i = 0; i < selection.size(); ++i) {
    if (selection[i] != 0) kept.push_back(static_cast<int64_t>(i));
  }
  ASSERT_EQ(out.length(), static_cast<int64_t>(kept.size()));
  int64_t nulls = 0;
  for (size_t j = 0; j < kept.size(); ++j) {
    EXPECT_TRUE(out.RowEquals(static_cast<int64_t>(j), in, kept[j])) << "row " << j;
    nulls += in.IsNull(kept[j]) ? 1 : 0;
  }
  EXPECT_EQ(out.null_count(), nulls);
  EXPECT_EQ(out.offset(), 0);
}

// Selections exercising both the run path and the index path.
std::vector<std::vector<uint8_t>> Selections(int64_t n) {
  std::vector<std::vector<uint8_t>> out;
  std::vector<uint8_t> alternate(static_cast<size_t>(n));
  std::vector<uint8_t> none(static_cast<size_t>(n), 0);
  std::vector<uint8_t> runs(static_cast<size_t>(n));
  std::vector<uint8_t> last(static_cast<size_t>(n), 0);
  for (int64_t i = 0; i < n; ++i) {
    alternate[i] = i % 2 == 0 ? 1 : 0;
    runs[i] = (i / 40) % 2 == 0 ? 7 : 0;  // Any non-zero byte keeps a row.
  }
  if (n > 0) last[n - 1] = 1;
  return {alternate, none, runs, last};
}

void CheckAllSelections(const VectorPtr& in) {
  for (const auto& selection : Selections(in->length())) {
    ASSERT_OK_AND_ASSIGN(VectorPtr out, Filter(in, selection));
    ExpectFiltered(*in, selection, *out);
  }
}

template <typename T>
class FilterNumericTest : public ::testing::Test {};
using NumericTypes = ::testing::Types<int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t,
                                      uint32_t, uint64_t, float, double>;
TYPED_TEST_SUITE(FilterNumericTest, NumericTypes);

TYPED_TEST(FilterNumericTest, KeepsSelectedRowsAndNulls) {
  using T = TypeParam;
  std::vector<Opt<T>> values;
  for (int i = 0; i < 200; ++i) {
    values.push_back(i % 7 == 3 ? Opt<T>() : Opt<T>(static_cast<T>(i % 100)));
  }
  VectorPtr v = MakeVector<T>(values);
  CheckAllSelections(v);
  CheckAllSelections(v->Slice(13, 150));  // Non-zero offset.
}

TYPED_TEST(FilterNumericTest, ExactValues) {
  using T = TypeParam;
  VectorPtr v = MakeVector<T>({T{1}, std::nullopt, T{3}, T{4}});
  ASSERT_OK_AND_ASSIGN(VectorPtr out, Filter(v, std::vector<uint8_t>{0, 1, 1, 0}));
  ASSERT_EQ(out->length(), 2);
  EXPECT_TRUE(out->IsNull(0));
  EXPECT_EQ(out->Value<T>(1), T{3});
}

TEST(FilterTest, AllSelectedReturnsTheInput) {
  VectorPtr v = MakeVector<int32_t>({1, 2, std::nullopt});
  ASSERT_OK_AND_ASSIGN(VectorPtr out, Filter(v, std::vector<uint8_t>{1, 1, 1}));
  EXPECT_EQ(out.get(), v.get());
}

TEST(FilterTest, RejectsSelectionOfWrongLength) {
  VectorPtr v = MakeVector<int32_t>({1, 2, 3});
  EXPECT_TRUE(Filter(v, std::vector<uint8_t>{1, 1}).status().IsInvalid());
}

TEST(FilterTest, BoolsStringsAndBinary) {
  std::vector<Opt<bool>> bools;
  std::vector<Opt<std::string>> strings;
  for (int i = 0; i < 150; ++i) {
    bools.push_back(i % 5 == 0 ? Opt<bool>() : Opt<bool>(i % 3 == 0));
    strings.push_back(i % 4 == 1 ? Opt<std::string>()
                                 : Opt<std::string>(std::string(i % 9, 'a' + i % 26)));
  }
  CheckAllSelections(MakeBools(bools));
  CheckAllSelections(MakeBools(bools)->Slice(3, 140));
  CheckAllSelections(MakeStrings(strings));
  CheckAllSelections(MakeStrings(strings, Binary())->Slice(5, 100));
  CheckAllSelections(MakeStrings(std::vector<Opt<std::string>>(60, std::string())));
}

TEST(FilterTest, DecimalAndUuid) {
  ASSERT_OK_AND_ASSIGN(TypePtr type, Decimal(20, 2));
  DecimalBuilder decimals(type);
  FixedSizeBinaryBuilder uuids(Uuid());
  for (int i = 0; i < 100; ++i) {
    ASSERT_OK(i % 6 == 0 ? decimals.AppendNull() : decimals.Append(Decimal128(Int128{i} * -1000)));
    ASSERT_OK(uuids.Append(std::string(16, static_cast<char>(i))));
  }
  ASSERT_OK_AND_ASSIGN(VectorPtr d, decimals.Finish());
  ASSERT_OK_AND_ASSIGN(VectorPtr u, uuids.Finish());
  CheckAllSelections(d);
  CheckAllSelections(u->Slice(7, 90));
}

VectorPtr MakeStruct(int n) {
  TypePtr type = Struct({{"a", Int32()}, {"s", String()}});
  auto builder = MakeBuilder(type).ValueOrDie();
  auto* st = static_cast<StructBuilder*>(builder.get());
  auto* a = static_cast<Int32Builder*>(st->child(0));
  auto* s = static_cast<BinaryBuilder*>(st->child(1));
  for (int i = 0; i < n; ++i) {
    CHECK_OK(st->Append(i % 5 != 2));
    CHECK_OK(i % 3 == 0 ? a->AppendNull() : a->Append(i));
    CHECK_OK(s->Append(std::to_string(i)));
  }
  return builder->Finish().ValueOrDie();
}

TEST(FilterTest, StructFiltersChildren) {
  VectorPtr v = MakeStruct(120);
  CheckAllSelections(v);
  CheckAllSelections(v->Slice(11, 100));
}

TEST(FilterTest, ListRebuildsOffsets) {
  std::vector<Opt<std::vector<Opt<int32_t>>>> lists;
  for (int i = 0; i < 130; ++i) {
    if (i % 6 == 0) {
      lists.emplace_back();
      continue;
    }
    std::vector<Opt<int32_t>> items;
    for (int k = 0; k < i % 4; ++k) items.push_back(k == 1 ? Opt<int32_t>() : Opt<int32_t>(i * k));
    lists.emplace_back(items);
  }
  VectorPtr v = MakeIntLists(lists);
  CheckAllSelections(v);
  CheckAllSelections(v->Slice(9, 100));
  ASSERT_OK_AND_ASSIGN(VectorPtr out, Filter(v, Selections(v->length())[0]));
  // Only the kept rows' elements remain in the child.
  EXPECT_EQ(out->child(0)->length(), out->Offsets()[out->length()]);
}

TEST(FilterTest, MapOfStrings) {
  TypePtr type = Map(String(), Int64());
  auto builder = MakeBuilder(type).ValueOrDie();
  auto* map = static_cast<MapBuilder*>(builder.get());
  auto* keys = static_cast<BinaryBuilder*>(map->key_builder());
  auto* items = static_cast<Int64Builder*>(map->item_builder());
  for (int i = 0; i < 90; ++i) {
    ASSERT_OK(map->Append(i % 7 != 0));
    if (i % 7 == 0) continue;
    for (int k = 0; k < i % 3; ++k) {
      ASSERT_OK(keys->Append("k" + std::to_string(k)));
      ASSERT_OK(k == 0 ? items->AppendNull() : items->Append(i));
    }
  }
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  CheckAllSelections(v);
  CheckAllSelections(v->Slice(4, 80));
}

TEST(FilterTest, ListOfStructs) {
  TypePtr type = List(Struct({{"x", Int16()}}));
  auto builder = MakeBuilder(type).ValueOrDie();
  auto* list = static_cast<ListBuilder*>(builder.get());
  auto* st = static_cast<StructBuilder*>(list->value_builder());
  auto* x = static_cast<Int16Builder*>(st->child(0));
  for (int i = 0; i < 70; ++i) {
    ASSERT_OK(list->Append());
    for (int k = 0; k < i % 3; ++k) {
      ASSERT_OK(st->Append());
      ASSERT_OK(x->Append(static_cast<int16_t>(i + k)));
    }
  }
  ASSERT_OK_AND_ASSIGN(VectorPtr v, builder->Finish());
  CheckAllSelections(v->Slice(2, 60));
}

TEST(FilterBatchTest, FiltersEveryColumn) {
  RecordBatchPtr batch = MakeBatch({"i", "s"}, {MakeVector<int64_t>({1, 2, std::nullopt, 4}),
                                                MakeStrings({"a", std::nullopt, "c", "d"})});
  const std::vector<uint8_t> selection{1, 0, 1, 1};
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr out, FilterBatch(batch, selection));
  ASSERT_EQ(out->num_rows(), 3);
  ExpectFiltered(*batch->column(0), selection, *out->column(0));
  ExpectFiltered(*batch->column(1), selection, *out->column(1));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr same, FilterBatch(batch, std::vector<uint8_t>(4, 1)));
  EXPECT_EQ(same.get(), batch.get());
}

TEST(ConcatenateTest, JoinsSlicesOfEveryLayout) {
  VectorPtr ints = MakeVector<int32_t>({1, std::nullopt, 3, 4, 5});
  VectorPtr strings = MakeStrings({"a", "bb", std::nullopt, "", "eeee"});
  VectorPtr structs = MakeStruct(10);
  VectorPtr lists = MakeIntLists({std::vector<Opt<int32_t>>{1, 2}, std::nullopt,
                                  std::vector<Opt<int32_t>>{}, std::vector<Opt<int32_t>>{7}});
  for (const VectorPtr& v : {ints, strings, structs, lists}) {
    const std::vector<VectorPtr> parts{v->Slice(1, 2), v, v->Slice(3, 10)};
    ASSERT_OK_AND_ASSIGN(VectorPtr out, Concatenate(parts));
    ASSERT_OK(out->Validate());
    int64_t row = 0;
    for (const VectorPtr& part : parts) {
      for (int64_t i = 0; i < part->length(); ++i, ++row) {
        EXPECT_TRUE(out->RowEquals(row, *part, i)) << v->type()->ToString() << " row " << row;
      }
    }
    EXPECT_EQ(out->length(), row);
  }
}

// A string vector of only empty values and nulls may have a data buffer
// that never allocated; joining it with one that has bytes copies nothing
// from it (UBSan flagged memcpy from its null pointer, found by the
// external sorter's tests).
TEST(ConcatenateTest, StringsWithoutDataBytesJoinOthers) {
  const std::vector<VectorPtr> parts{MakeStrings({"", std::nullopt}), MakeStrings({"abc", ""}),
                                     MakeStrings({std::nullopt})};
  ASSERT_OK_AND_ASSIGN(VectorPtr out, Concatenate(parts));
  ASSERT_OK(out->Validate());
  ASSERT_EQ(out->length(), 5);
  EXPECT_TRUE(out->RowEquals(2, *parts[1], 0));
  EXPECT_TRUE(out->RowEquals(0, *parts[0], 0));
  EXPECT_TRUE(out->IsNull(4));
}

TEST(ConcatenateTest, RejectsMixedTypesAndNothing) {
  const std::vector<VectorPtr> mixed{MakeVector<int32_t>({1}), MakeVector<int64_t>({1})};
  EXPECT_TRUE(Concatenate(mixed).status().IsInvalid());
  EXPECT_TRUE(Concatenate({}).status().IsInvalid());
}

TEST(ConcatenateTest, Batches) {
  RecordBatchPtr a = MakeBatch({"i"}, {MakeVector<int64_t>({1, 2})});
  RecordBatchPtr b = MakeBatch({"i"}, {MakeVector<int64_t>({std::nullopt})});
  const std::vector<RecordBatchPtr> batches{a, b};
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr out, ConcatenateBatches(batches));
  EXPECT_EQ(out->num_rows(), 3);
  EXPECT_TRUE(out->column(0)->IsNull(2));
  RecordBatchPtr other = MakeBatch({"j"}, {MakeVector<int64_t>({1})});
  const std::vector<RecordBatchPtr> mismatched{a, other};
  EXPECT_TRUE(ConcatenateBatches(mismatched).status().IsInvalid());
}

// Take must equal taking each row alone (a one-row Filter), concatenated.
void CheckTake(const VectorPtr& v, const std::vector<int64_t>& rows) {
  ASSERT_OK_AND_ASSIGN(VectorPtr taken, Take(v, rows));
  ASSERT_EQ(taken->length(), static_cast<int64_t>(rows.size()));
  ASSERT_OK(taken->Validate());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_TRUE(taken->RowEquals(static_cast<int64_t>(i), *v, rows[i])) << i;
  }
}

TEST(TakeTest, ReordersAndRepeatsRowsOfEveryKind) {
  std::vector<Opt<std::string>> strings;
  for (int i = 0; i < 50; ++i) {
    strings.push_back(i % 7 == 3 ? Opt<std::string>() : Opt<std::string>(std::string(i % 5, 'x')));
  }
  const std::vector<int64_t> rows = {4, 0, 4, 17, 33, 3, 10};
  CheckTake(MakeStrings(strings), rows);
  CheckTake(MakeStrings(strings)->Slice(5, 40), rows);
  CheckTake(MakeVector<int64_t>({1, 2, 3, 4, 5}), {4, 3, 3, 0});
  CheckTake(MakeBools({true, false, {}, true, false}), {2, 0, 4});
  CheckTake(MakeStruct(40), rows);
  CheckTake(MakeStrings(strings), {});
}

TEST(TakeTest, RejectsRowsOutOfRange) {
  VectorPtr v = MakeVector<int32_t>({1, 2, 3});
  EXPECT_TRUE(Take(v, std::vector<int64_t>{3}).status().IsInvalid());
  EXPECT_TRUE(Take(v, std::vector<int64_t>{-1}).status().IsInvalid());
}

}  // namespace
}  // namespace strata
