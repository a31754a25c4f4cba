#include "columnar/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
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

// Whether row a goes before row b (a strict weak order on rows).
using RowLess = std::function<bool(int64_t, int64_t)>;

// The order std::stable_sort gives: the definition SortIndices must match.
std::vector<int64_t> ReferenceOrder(int64_t n, const RowLess& less) {
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), less);
  return order;
}

// -1, 0, 1 for the reference value order: NaN above every number.
template <typename T>
int RefCmp(const T& a, const T& b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a) || std::isnan(b)) {
      return static_cast<int>(std::isnan(a)) - static_cast<int>(std::isnan(b));
    }
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Orders optional values as one key: nulls placed, then values directed.
template <typename T>
int KeyCmp(const Opt<T>& a, const Opt<T>& b, const SortKey& key) {
  if (!a || !b) {
    if (!a && !b) return 0;
    return !a == key.nulls_first ? -1 : 1;
  }
  const int c = RefCmp(*a, *b);
  return key.descending ? -c : c;
}

template <typename T>
RowLess OneKeyLess(const std::vector<Opt<T>>& values, const SortKey& key) {
  return [&values, key](int64_t a, int64_t b) {
    return KeyCmp(values[static_cast<size_t>(a)], values[static_cast<size_t>(b)], key) < 0;
  };
}

std::vector<SortKey> AllDirections() {
  std::vector<SortKey> keys;
  for (bool descending : {false, true}) {
    for (bool nulls_first : {false, true}) keys.push_back({0, descending, nulls_first});
  }
  return keys;
}

void ExpectOrder(const RecordBatch& batch, const std::vector<SortKey>& keys, const RowLess& less) {
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> order, SortIndices(batch, keys));
  EXPECT_EQ(order, ReferenceOrder(batch.num_rows(), less));
}

// One fixed-width type per case: its C type, logical type and values.
template <typename CType, TypePtr (*kType)()>
struct Case {
  using T = CType;
  static TypePtr type() { return kType(); }
};
TypePtr DateType() { return Date(); }
TypePtr TimestampType() { return Timestamp(TimeUnit::kMicro, true); }
TypePtr TimeType() { return Time(TimeUnit::kNano); }

template <typename C>
class FixedWidthSortTest : public ::testing::Test {
 protected:
  using T = typename C::T;

  // Random values with many repeats (so stability matters), nulls, the
  // type's extremes and, for floats, NaN, infinities and signed zeros.
  static std::vector<Opt<T>> RandomValues(int64_t n, uint32_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<T> pool = {std::numeric_limits<T>::lowest(), std::numeric_limits<T>::max(), T{0},
                           T{1}};
    if constexpr (std::is_floating_point_v<T>) {
      pool.insert(pool.end(),
                  {std::numeric_limits<T>::quiet_NaN(), -std::numeric_limits<T>::quiet_NaN(),
                   std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity(), T{-0.0},
                   T{-1.5}, T{2.25}});
    }
    std::uniform_int_distribution<int> pick(0, 9);
    std::vector<Opt<T>> values;
    for (int64_t i = 0; i < n; ++i) {
      const int p = pick(rng);
      if (p == 0) {
        values.emplace_back(std::nullopt);
      } else if (p <= 3) {
        values.emplace_back(pool[rng() % pool.size()]);
      } else if constexpr (std::is_floating_point_v<T>) {
        values.emplace_back(static_cast<T>(std::normal_distribution<double>(0, 1e6)(rng)));
      } else {
        T value;
        const uint64_t bits = rng();
        std::memcpy(&value, &bits, sizeof(T));
        values.emplace_back(value);
      }
    }
    return values;
  }
};

using FixedWidthCases =
    ::testing::Types<Case<int8_t, Int8>, Case<int16_t, Int16>, Case<int32_t, Int32>,
                     Case<int64_t, Int64>, Case<uint8_t, UInt8>, Case<uint16_t, UInt16>,
                     Case<uint32_t, UInt32>, Case<uint64_t, UInt64>, Case<float, Float32>,
                     Case<double, Float64>, Case<int32_t, DateType>, Case<int64_t, TimestampType>,
                     Case<int64_t, TimeType>>;
TYPED_TEST_SUITE(FixedWidthSortTest, FixedWidthCases);

// Small (comparison sort) and large (radix sort) inputs, every direction
// and null placement, on a slice so the vector offset matters.
TYPED_TEST(FixedWidthSortTest, MatchesStableReference) {
  using Value = typename TestFixture::T;
  for (int64_t n : {int64_t{60}, int64_t{3000}}) {
    const std::vector<Opt<Value>> all = this->RandomValues(n + 7, static_cast<uint32_t>(n));
    const std::vector<Opt<Value>> values(all.begin() + 7, all.end());
    RecordBatchPtr batch =
        MakeBatch({"k"}, {MakeVector<Value>(all, TypeParam::type())})->Slice(7, n);
    for (const SortKey& key : AllDirections()) {
      SCOPED_TRACE(::testing::Message() << "n=" << n << " desc=" << key.descending
                                        << " nulls_first=" << key.nulls_first);
      ExpectOrder(*batch, {key}, OneKeyLess(values, key));
    }
  }
}

TEST(SortTest, NanAfterEveryNumberAndSignedZerosEqual) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  RecordBatchPtr batch =
      MakeBatch({"f"}, {MakeVector<double>({nan, 1.0, -inf, std::nullopt, 0.0, -nan, inf, -0.0})});
  ASSERT_OK_AND_ASSIGN(auto asc, SortIndices(*batch, std::vector<SortKey>{{0, false, false}}));
  EXPECT_EQ(asc, (std::vector<int64_t>{2, 4, 7, 1, 6, 0, 5, 3}));
  ASSERT_OK_AND_ASSIGN(auto desc, SortIndices(*batch, std::vector<SortKey>{{0, true, true}}));
  EXPECT_EQ(desc, (std::vector<int64_t>{3, 0, 5, 6, 1, 4, 7, 2}));
  // The comparison path (two keys) agrees with the radix path.
  RecordBatchPtr two = MakeBatch(
      {"f", "g"}, {batch->column(0), MakeVector<int32_t>(std::vector<Opt<int32_t>>(8, 1))});
  ASSERT_OK_AND_ASSIGN(
      auto multi, SortIndices(*two, std::vector<SortKey>{{0, false, false}, {1, false, false}}));
  EXPECT_EQ(multi, asc);
}

TEST(SortTest, Bools) {
  std::vector<Opt<bool>> values;
  std::mt19937 rng(3);
  for (int i = 0; i < 1000; ++i) {
    const unsigned r = rng() % 5;
    values.push_back(r == 0 ? Opt<bool>() : Opt<bool>(r % 2 == 1));
  }
  RecordBatchPtr batch = MakeBatch({"b"}, {MakeBools(values)});
  for (const SortKey& key : AllDirections()) ExpectOrder(*batch, {key}, OneKeyLess(values, key));
}

// Bytewise order, unsigned bytes, a prefix first. Values tie on 8-byte
// slices ("ab" and "ab\0" on zero padding, long common prefixes) in groups
// large enough for the chunked radix passes, not only the small-group
// comparisons; a second key shows the ties are resolved exactly.
TEST(SortTest, StringsWithCommonPrefixes) {
  const std::string nul("abcdefgh\0", 9);
  const std::string nul_x("abcdefgh\0x", 10);
  const std::vector<Opt<std::string>> tricky = {"abcdefgh",
                                                "abcdefghi",
                                                "abcdefgh\x01",
                                                "abcdefg",
                                                "",
                                                std::nullopt,
                                                nul,
                                                nul_x,
                                                "\xc3\xbc",
                                                "abcdefgz",
                                                "b",
                                                "a",
                                                std::string(40, 'p') + "q",
                                                std::string(40, 'p'),
                                                std::string(40, 'p') + std::string(1, '\0')};
  std::vector<Opt<std::string>> values;
  std::mt19937 rng(5);
  for (int i = 0; i < 3000; ++i) {
    if (i % 3 == 0) {
      values.push_back(tricky[rng() % tricky.size()]);
      continue;
    }
    std::string s =
        "DC-CNX-01-UPS-01-STR-0" + std::to_string(rng() % 3) + "-JAR-" + std::to_string(rng() % 30);
    if (rng() % 7 == 0) s += std::string(1, static_cast<char>(0x80 + rng() % 100));
    values.emplace_back(rng() % 11 == 0 ? Opt<std::string>() : Opt<std::string>(s));
  }
  std::vector<Opt<int32_t>> second;
  for (size_t i = 0; i < values.size(); ++i) second.emplace_back(static_cast<int32_t>(rng() % 4));
  for (const TypePtr& type : {String(), Binary(), Json()}) {
    RecordBatchPtr batch =
        MakeBatch({"s", "n"}, {MakeStrings(values, type), MakeVector<int32_t>(second)});
    for (const SortKey& key : AllDirections()) {
      ExpectOrder(*batch, {key}, OneKeyLess(values, key));
      const SortKey then{1, !key.descending, false};
      ExpectOrder(*batch, {key, then}, [&](int64_t a, int64_t b) {
        const auto ua = static_cast<size_t>(a);
        const auto ub = static_cast<size_t>(b);
        const int c = KeyCmp(values[ua], values[ub], key);
        return c != 0 ? c < 0 : KeyCmp(second[ua], second[ub], then) < 0;
      });
    }
  }
}

TEST(SortTest, DecimalsByValue) {
  ASSERT_OK_AND_ASSIGN(TypePtr type, Decimal(38, 2));
  DecimalBuilder builder(type);
  std::vector<Opt<Int128>> values;
  std::mt19937_64 rng(11);
  for (int i = 0; i < 800; ++i) {
    if (i % 13 == 0) {
      values.emplace_back(std::nullopt);
      ASSERT_OK(builder.AppendNull());
      continue;
    }
    // High halves differ rarely, so the low half often decides.
    const auto high = static_cast<int64_t>(rng() % 5) - 2;
    const Int128 v = (Int128{high} << 64) + static_cast<Int128>(rng() % 1000);
    values.emplace_back(v);
    ASSERT_OK(builder.Append(Decimal128(v)));
  }
  ASSERT_OK_AND_ASSIGN(VectorPtr column, builder.Finish());
  RecordBatchPtr batch = MakeBatch({"d"}, {column});
  for (const SortKey& key : AllDirections()) ExpectOrder(*batch, {key}, OneKeyLess(values, key));
}

// uuid (16 bytes) and fixed_size_binary of 3 and 12 bytes: memcmp order.
TEST(SortTest, FixedSizeBinaryAndUuidBytewise) {
  std::vector<TypePtr> types = {Uuid()};
  for (int32_t width : {3, 12}) {
    ASSERT_OK_AND_ASSIGN(TypePtr fixed, FixedSizeBinary(width));
    types.push_back(fixed);
  }
  std::mt19937 rng(17);
  for (const TypePtr& type : types) {
    SCOPED_TRACE(type->ToString());
    FixedSizeBinaryBuilder builder(type);
    std::vector<Opt<std::string>> values;
    for (int i = 0; i < 700; ++i) {
      if (i % 9 == 0) {
        values.emplace_back(std::nullopt);
        ASSERT_OK(builder.AppendNull());
        continue;
      }
      std::string bytes(static_cast<size_t>(type->byte_width()), '\0');
      for (char& c : bytes) c = static_cast<char>(rng() % 3 == 0 ? 0xff : rng() % 4);
      values.emplace_back(bytes);
      ASSERT_OK(builder.Append(bytes));
    }
    ASSERT_OK_AND_ASSIGN(VectorPtr column, builder.Finish());
    RecordBatchPtr batch = MakeBatch({"u"}, {column});
    for (const SortKey& key : AllDirections()) ExpectOrder(*batch, {key}, OneKeyLess(values, key));
  }
}

// Keys compare in turn; equal keys keep their input order.
TEST(SortTest, MultipleKeysAreStable) {
  std::mt19937 rng(23);
  std::vector<Opt<std::string>> s;
  std::vector<Opt<int32_t>> i;
  std::vector<Opt<double>> f;
  for (int r = 0; r < 5000; ++r) {
    s.emplace_back(rng() % 10 == 0 ? Opt<std::string>() : "key-" + std::to_string(rng() % 7));
    i.emplace_back(rng() % 10 == 0 ? Opt<int32_t>()
                                   : Opt<int32_t>(static_cast<int32_t>(rng() % 5)));
    f.emplace_back(rng() % 10 == 0 ? Opt<double>() : Opt<double>(rng() % 3 * 0.5));
  }
  RecordBatchPtr batch =
      MakeBatch({"s", "i", "f"}, {MakeStrings(s), MakeVector<int32_t>(i), MakeVector<double>(f)});
  const std::vector<std::vector<SortKey>> key_sets = {
      {{0, false, true}, {1, true, false}},
      {{1, false, false}, {2, true, true}, {0, false, false}},
      {{2, true, false}, {0, true, true}},
  };
  for (const std::vector<SortKey>& keys : key_sets) {
    ExpectOrder(*batch, keys, [&](int64_t a, int64_t b) {
      const auto ua = static_cast<size_t>(a);
      const auto ub = static_cast<size_t>(b);
      for (const SortKey& key : keys) {
        int c = 0;
        if (key.column == 0) c = KeyCmp(s[ua], s[ub], key);
        if (key.column == 1) c = KeyCmp(i[ua], i[ub], key);
        if (key.column == 2) c = KeyCmp(f[ua], f[ub], key);
        if (c != 0) return c < 0;
      }
      return false;
    });
  }
}

TEST(SortTest, EqualKeysKeepInputOrder) {
  RecordBatchPtr batch =
      MakeBatch({"k"}, {MakeVector<int64_t>(std::vector<Opt<int64_t>>(1000, 4))});
  ASSERT_OK_AND_ASSIGN(auto order, SortIndices(*batch, std::vector<SortKey>{{0, true, false}}));
  std::vector<int64_t> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  EXPECT_EQ(order, identity);
}

TEST(SortTest, EmptyBatchAndNoKeys) {
  RecordBatchPtr batch = MakeBatch({"k"}, {MakeVector<int32_t>({})});
  ASSERT_OK_AND_ASSIGN(auto order, SortIndices(*batch, std::vector<SortKey>{{0, false, false}}));
  EXPECT_TRUE(order.empty());
  RecordBatchPtr three = MakeBatch({"k"}, {MakeVector<int32_t>({3, 1, 2})});
  ASSERT_OK_AND_ASSIGN(auto unsorted, SortIndices(*three, {}));
  EXPECT_EQ(unsorted, (std::vector<int64_t>{0, 1, 2}));
}

TEST(SortTest, NestedKeysAreRefusedByName) {
  RecordBatchPtr batch =
      MakeBatch({"id", "tags"}, {MakeVector<int32_t>({1}), MakeIntLists({{{1}}})});
  Result<std::vector<int64_t>> order = SortIndices(*batch, std::vector<SortKey>{{1, false, false}});
  ASSERT_FALSE(order.ok());
  EXPECT_TRUE(order.status().IsInvalid());
  EXPECT_NE(order.status().message().find("'tags'"), std::string::npos)
      << order.status().ToString();
  EXPECT_TRUE(SortIndices(*batch, std::vector<SortKey>{{2, false, false}}).status().IsInvalid());
}

TEST(SortTest, RowKeysCompareAcrossBatches) {
  RecordBatchPtr a = MakeBatch(
      {"s", "n"}, {MakeStrings({"b", "a", std::nullopt}), MakeVector<int64_t>({1, 2, 3})});
  RecordBatchPtr b = MakeBatch(
      {"s", "n"}, {MakeStrings({"b", "b", std::nullopt}), MakeVector<int64_t>({1, 0, 9})});
  const std::vector<SortKey> keys = {{0, false, false}, {1, true, false}};
  ASSERT_OK_AND_ASSIGN(RowKeys ka, RowKeys::Make(*a, keys));
  ASSERT_OK_AND_ASSIGN(RowKeys kb, RowKeys::Make(*b, keys));
  EXPECT_EQ(ka.Compare(0, kb, 0), 0);  // ("b", 1) = ("b", 1)
  EXPECT_LT(ka.Compare(0, kb, 1), 0);  // ("b", 1) before ("b", 0): n descending.
  EXPECT_LT(ka.Compare(1, kb, 0), 0);  // "a" before "b".
  EXPECT_GT(ka.Compare(2, kb, 0), 0);  // Nulls last.
  EXPECT_GT(ka.Compare(2, kb, 2), 0);  // Null strings tie; 3 after 9 descending.
}

TEST(SortTest, TakeFromBatchesInterleaves) {
  RecordBatchPtr a = MakeBatch({"x"}, {MakeVector<int32_t>({10, 11, 12})});
  RecordBatchPtr b = MakeBatch({"x"}, {MakeVector<int32_t>({20, 21})});
  const std::vector<RecordBatchPtr> batches = {a, b};
  const std::vector<BatchRow> rows = {{1, 0}, {0, 2}, {0, 0}, {1, 1}, {0, 2}};
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr out, TakeFromBatches(batches, rows));
  ASSERT_OK(out->Validate());
  EXPECT_TRUE(out->column(0)->Equals(*MakeVector<int32_t>({20, 12, 10, 21, 12})));
  // One ascending run of one batch is a slice.
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr run,
                       TakeFromBatches(batches, std::vector<BatchRow>{{0, 1}, {0, 2}}));
  EXPECT_TRUE(run->column(0)->Equals(*MakeVector<int32_t>({11, 12})));
  EXPECT_EQ(run->column(0)->offset(), 1);
  EXPECT_TRUE(TakeFromBatches(batches, std::vector<BatchRow>{{1, 2}}).status().IsInvalid());
  EXPECT_TRUE(TakeFromBatches(batches, std::vector<BatchRow>{{2, 0}}).status().IsInvalid());
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr none, TakeFromBatches(batches, {}));
  EXPECT_EQ(none->num_rows(), 0);
}

}  // namespace
}  // namespace strata
