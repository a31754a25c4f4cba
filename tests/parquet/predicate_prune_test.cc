// Pruning decisions: hand-made statistics for every op and type, then the
// statistics, page index and bloom filters of real files (strata's writer
// and parquet-mr's fixture), checked to never skip a matching row.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "columnar/temporal.h"
#include "io/file_system.h"
#include "parquet/file_writer.h"
#include "parquet/predicate.h"
#include "parquet/thrift/fixture_files.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

template <typename T>
std::string Plain(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

Statistics Stats(std::string min, std::string max, std::optional<int64_t> null_count = 0) {
  Statistics s;
  s.min_value = std::move(min);
  s.max_value = std::move(max);
  s.null_count = null_count;
  return s;
}

// A column of `type` as strata's writer lays it out, and predicates on it.
class PruneTest : public ::testing::Test {
 protected:
  void Use(TypePtr type) {
    schema_ = MakeSchema({{"c", std::move(type)}});
    leaf_ = ToParquetSchema(schema_).ValueOrDie().leaves[0];
  }
  BoundComparison Bound(std::string_view text) {
    Predicate p = ParsePredicate(text).ValueOrDie();
    return Bind(p, *schema_).ValueOrDie().conjuncts[0];
  }
  bool Might(std::string_view text, const Statistics& stats, int64_t num_values = 100) {
    return MightMatchStatistics(Bound(text), leaf_, stats, num_values);
  }

  SchemaPtr schema_;
  LeafColumn leaf_;
};

TEST_F(PruneTest, SignedIntegersEveryOp) {
  Use(Int32());
  const Statistics s = Stats(Plain<int32_t>(10), Plain<int32_t>(20));
  EXPECT_FALSE(Might("c = 5", s));
  EXPECT_TRUE(Might("c = 10", s));
  EXPECT_TRUE(Might("c = 20", s));
  EXPECT_FALSE(Might("c = 21", s));
  EXPECT_TRUE(Might("c != 15", s));
  EXPECT_FALSE(Might("c < 10", s));
  EXPECT_TRUE(Might("c <= 10", s));
  EXPECT_FALSE(Might("c > 20", s));
  EXPECT_TRUE(Might("c >= 20", s));
  EXPECT_FALSE(Might("c > 20.5", s));
  EXPECT_FALSE(Might("c IN (1, 2, 30)", s));
  EXPECT_TRUE(Might("c IN (1, 15)", s));
  EXPECT_TRUE(Might("c NOT IN (10, 20)", s));
  EXPECT_FALSE(Might("c = 1e20", s));  // Bound to FALSE.
  const Statistics single = Stats(Plain<int32_t>(7), Plain<int32_t>(7));
  EXPECT_FALSE(Might("c != 7", single));
  EXPECT_FALSE(Might("c NOT IN (7, 8)", single));
  EXPECT_TRUE(Might("c != 8", single));
  Statistics negative = Stats(Plain<int32_t>(-5), Plain<int32_t>(-1));
  EXPECT_FALSE(Might("c >= 0", negative));
  EXPECT_TRUE(Might("c > -2", negative));
}

TEST_F(PruneTest, NullCounts) {
  Use(Int64());
  Statistics s = Stats(Plain<int64_t>(1), Plain<int64_t>(2), 0);
  EXPECT_FALSE(Might("c IS NULL", s));
  EXPECT_TRUE(Might("c IS NOT NULL", s));
  s.null_count = 3;
  EXPECT_TRUE(Might("c IS NULL", s));
  s.null_count.reset();
  EXPECT_TRUE(Might("c IS NULL", s));
  // Every value null: only IS NULL can match, with or without bounds.
  Statistics all_null;
  all_null.null_count = 100;
  EXPECT_TRUE(Might("c IS NULL", all_null));
  EXPECT_FALSE(Might("c IS NOT NULL", all_null));
  EXPECT_FALSE(Might("c = 1", all_null));
  EXPECT_FALSE(Might("c != 1", all_null));
  EXPECT_TRUE(Might("c = 1", all_null, /*num_values=*/-1));  // Unknown count.
}

TEST_F(PruneTest, MissingOrUnusableStatisticsNeverPrune) {
  Use(Int32());
  EXPECT_TRUE(Might("c = 5", Statistics{}));
  EXPECT_TRUE(Might("c = 5", Stats("abc", Plain<int32_t>(1))));  // Wrong width.
  Statistics min_only;
  min_only.min_value = Plain<int32_t>(10);
  EXPECT_TRUE(Might("c = 5", min_only));
  // Deprecated min/max of a signed numeric column are used...
  Statistics old;
  old.min = Plain<int32_t>(10);
  old.max = Plain<int32_t>(20);
  EXPECT_FALSE(Might("c = 5", old));
  // ...but never for unsigned or byte-array orders.
  Use(UInt32());
  EXPECT_TRUE(Might("c = 5", old));
  Use(String());
  Statistics old_strings;
  old_strings.min = "b";
  old_strings.max = "c";
  EXPECT_TRUE(Might("c = 'a'", old_strings));
}

TEST_F(PruneTest, UnsignedOrders) {
  Use(UInt32());  // INT32 on disk holding uint32 bits.
  const Statistics s = Stats(Plain<int32_t>(5), Plain<int32_t>(static_cast<int32_t>(0xF0000000u)));
  EXPECT_TRUE(Might("c = 4000000000", s));
  EXPECT_FALSE(Might("c > 4026531840", s));
  EXPECT_TRUE(Might("c >= 4026531840", s));
  EXPECT_FALSE(Might("c < 5", s));
  Use(UInt8());
  const Statistics u8 = Stats(Plain<int32_t>(10), Plain<int32_t>(250));
  EXPECT_TRUE(Might("c = 200", u8));
  EXPECT_FALSE(Might("c > 250", u8));
  Use(UInt64());
  const Statistics u64 = Stats(Plain<int64_t>(1), Plain<int64_t>(-1));  // max = 2^64 - 1.
  EXPECT_TRUE(Might("c = 18446744073709551615", u64));
  EXPECT_TRUE(Might("c > 9223372036854775807", u64));
  const Statistics low = Stats(Plain<int64_t>(1), Plain<int64_t>(1000));
  EXPECT_FALSE(Might("c > 9223372036854775807", low));
}

TEST_F(PruneTest, DecimalsInEveryPhysicalForm) {
  Use(Decimal(9, 2).ValueOrDie());  // INT32.
  EXPECT_FALSE(Might("c > 1.00", Stats(Plain<int32_t>(-500), Plain<int32_t>(100))));
  EXPECT_TRUE(Might("c = -5", Stats(Plain<int32_t>(-500), Plain<int32_t>(100))));
  Use(Decimal(18, 3).ValueOrDie());  // INT64.
  EXPECT_FALSE(Might("c < -1", Stats(Plain<int64_t>(-999), Plain<int64_t>(5))));
  EXPECT_TRUE(Might("c <= -0.999", Stats(Plain<int64_t>(-999), Plain<int64_t>(5))));
  Use(Decimal(20, 2).ValueOrDie());  // FIXED_LEN_BYTE_ARRAY(9), big-endian, signed.
  ASSERT_EQ(leaf_.physical_type, PhysicalType::kFixedLenByteArray);
  ASSERT_EQ(leaf_.type_length, 9);
  const std::string minus_five("\xff\xff\xff\xff\xff\xff\xff\xfe\x0c", 9);  // -500
  const std::string three("\x00\x00\x00\x00\x00\x00\x00\x01\x2c", 9);       // 300
  const Statistics s = Stats(minus_five, three);
  EXPECT_TRUE(Might("c = -5", s));
  EXPECT_TRUE(Might("c = 0", s));
  EXPECT_FALSE(Might("c < -5", s));
  EXPECT_FALSE(Might("c > 3", s));
  EXPECT_FALSE(Might("c != 3", Stats(three, three)));
  // BYTE_ARRAY decimals (minimal big-endian, as parquet-mr writes them).
  leaf_.physical_type = PhysicalType::kByteArray;
  EXPECT_FALSE(Might("c >= 3.01", Stats(std::string("\xfe\x0c", 2), std::string("\x01\x2c", 2))));
}

TEST_F(PruneTest, TruncatedStringBounds) {
  Use(String());
  // Written for values "abcxyz".."abd...": min cut, max cut and rounded up.
  Statistics s = Stats("abc", "abe");
  s.is_min_value_exact = false;
  s.is_max_value_exact = false;
  EXPECT_TRUE(Might("c = 'abcxyz'", s));
  EXPECT_TRUE(Might("c = 'abdzzzz'", s));
  EXPECT_FALSE(Might("c = 'abf'", s));
  EXPECT_FALSE(Might("c = 'ab'", s));
  EXPECT_FALSE(Might("c < 'abc'", s));
  EXPECT_TRUE(Might("c <= 'abc'", s));
  EXPECT_FALSE(Might("c > 'abe'", s));
  // Equal truncated bounds do not mean every value is equal.
  Statistics same = Stats("abc", "abc");
  same.is_min_value_exact = same.is_max_value_exact = false;
  EXPECT_TRUE(Might("c != 'abc'", same));
  same.is_min_value_exact = same.is_max_value_exact = true;
  EXPECT_FALSE(Might("c != 'abc'", same));
  // Unsigned byte order: 0xff sorts last.
  EXPECT_FALSE(Might("c < 'zz'", Stats("\xc3\xa9", "\xff")));
  EXPECT_TRUE(Might("c > 'zz'", Stats("a", "\xc3\xa9")));
}

TEST_F(PruneTest, FloatsAndNaN) {
  Use(Float64());
  Statistics s = Stats(Plain<double>(1.0), Plain<double>(2.0));
  EXPECT_FALSE(Might("c < 0.5", s));
  EXPECT_FALSE(Might("c = 3", s));
  // NaN is above every bound and never one: comparisons it satisfies need
  // nan_count = 0 to prune.
  EXPECT_TRUE(Might("c > 5", s));
  EXPECT_TRUE(Might("c = 'nan'", s));
  EXPECT_TRUE(Might("c != 1", Stats(Plain<double>(1.0), Plain<double>(1.0))));
  s.nan_count = 0;
  EXPECT_FALSE(Might("c > 5", s));
  EXPECT_FALSE(Might("c = 'nan'", s));
  EXPECT_TRUE(Might("c < 'nan'", s));
  // Signed zeros: min -0.0 and max +0.0 both match 0.
  const Statistics zeros = Stats(Plain<double>(-0.0), Plain<double>(0.0));
  EXPECT_TRUE(Might("c = 0", zeros));
  EXPECT_TRUE(Might("c = -0.0", Stats(Plain<double>(0.0), Plain<double>(1.0))));
  // A NaN bound (a buggy writer) is ignored.
  EXPECT_TRUE(Might("c = 7", Stats(Plain<double>(NAN), Plain<double>(1.0))));
  Use(Float32());
  EXPECT_FALSE(Might("c < 0.5", Stats(Plain<float>(1.0f), Plain<float>(2.0f))));
  EXPECT_TRUE(Might("c = 0.1", Stats(Plain<float>(0.1f), Plain<float>(0.1f))));
}

TEST_F(PruneTest, TemporalBoolAndUuid) {
  Use(Date());
  const int32_t day = ParseDate("2025-10-01").ValueOrDie();
  EXPECT_FALSE(Might("c < '2025-10-01'", Stats(Plain<int32_t>(day), Plain<int32_t>(day + 9))));
  EXPECT_TRUE(Might("c = '2025-10-10'", Stats(Plain<int32_t>(day), Plain<int32_t>(day + 9))));
  Use(Timestamp(strata::TimeUnit::kMicro, true));
  const int64_t noon = ParseTimestamp("2025-10-01 12:00", strata::TimeUnit::kMicro).ValueOrDie();
  const Statistics ts = Stats(Plain<int64_t>(noon), Plain<int64_t>(noon + 1000000));
  EXPECT_TRUE(Might("c = '2025-10-01T14:00:01+02:00'", ts));
  EXPECT_FALSE(Might("c > '2025-10-01 12:00:01'", ts));
  Use(Time(strata::TimeUnit::kMilli));  // INT32 milliseconds.
  EXPECT_FALSE(Might("c >= '12:00:01'", Stats(Plain<int32_t>(0), Plain<int32_t>(43200000))));
  Use(Bool());
  EXPECT_FALSE(Might("c = TRUE", Stats(std::string(1, '\0'), std::string(1, '\0'))));
  EXPECT_TRUE(Might("c = FALSE", Stats(std::string(1, '\0'), std::string(1, '\1'))));
  Use(Uuid());
  const std::string low(16, '\x10');
  const std::string high(16, '\x20');
  EXPECT_FALSE(Might("c = 'ffffffff-ffff-ffff-ffff-ffffffffffff'", Stats(low, high)));
  EXPECT_TRUE(Might("c = '15151515-1515-1515-1515-151515151515'", Stats(low, high)));
}

TEST_F(PruneTest, Int96AndIntervalHaveNoOrder) {
  LeafColumn leaf;
  leaf.physical_type = PhysicalType::kInt96;
  leaf.conversion = ValueConversion::kInt96Timestamp;
  leaf.type = Timestamp(strata::TimeUnit::kNano);
  schema_ = MakeSchema({{"c", leaf.type}});
  const Statistics s = Stats(std::string(12, '\0'), std::string(12, '\0'));
  EXPECT_TRUE(MightMatchStatistics(Bound("c = '2000-01-01'"), leaf, s, 10));
  leaf.physical_type = PhysicalType::kFixedLenByteArray;
  leaf.conversion = ValueConversion::kNone;
  leaf.type = FixedSizeBinary(12).ValueOrDie();
  leaf.type_length = 12;
  leaf.unsigned_order = false;
  schema_ = MakeSchema({{"c", leaf.type}});
  EXPECT_TRUE(MightMatchStatistics(Bound("c = 'zzzzzzzzzzzz'"), leaf, s, 10));
}

TEST_F(PruneTest, PageIndex) {
  Use(Int32());
  ColumnIndex index;
  index.null_pages = {true, false, false};
  index.min_values = {"", Plain<int32_t>(1), Plain<int32_t>(6)};
  index.max_values = {"", Plain<int32_t>(5), Plain<int32_t>(10)};
  index.null_counts = std::vector<int64_t>{4, 0, 2};
  EXPECT_EQ(PagesMightMatch(Bound("c = 7"), leaf_, index), (std::vector<bool>{false, false, true}));
  EXPECT_EQ(PagesMightMatch(Bound("c <= 5"), leaf_, index),
            (std::vector<bool>{false, true, false}));
  EXPECT_EQ(PagesMightMatch(Bound("c IS NULL"), leaf_, index),
            (std::vector<bool>{true, false, true}));
  EXPECT_EQ(PagesMightMatch(Bound("c IS NOT NULL"), leaf_, index),
            (std::vector<bool>{false, true, true}));
  index.null_counts.reset();
  EXPECT_EQ(PagesMightMatch(Bound("c IS NULL"), leaf_, index),
            (std::vector<bool>{true, true, true}));
  index.max_values.pop_back();  // Inconsistent: nothing pruned.
  EXPECT_EQ(PagesMightMatch(Bound("c = 7"), leaf_, index), (std::vector<bool>{true, true, true}));
  // Page index byte arrays carry no exactness flags: `!=` never prunes.
  Use(String());
  ColumnIndex strings;
  strings.null_pages = {false};
  strings.min_values = {"abc"};
  strings.max_values = {"abc"};
  EXPECT_EQ(PagesMightMatch(Bound("c != 'abc'"), leaf_, strings), (std::vector<bool>{true}));
  EXPECT_EQ(PagesMightMatch(Bound("c = 'abd'"), leaf_, strings), (std::vector<bool>{false}));
}

TEST(RowRangeTest, PagesToRangesAndIntersection) {
  OffsetIndex offsets;
  for (int64_t first : {0, 10, 20, 30}) offsets.page_locations.push_back({0, 0, first});
  EXPECT_EQ(PagesToRowRanges({true, true, false, true}, offsets, 35),
            (std::vector<RowRange>{{0, 20}, {30, 35}}));
  EXPECT_EQ(PagesToRowRanges({false, false, false, false}, offsets, 35), std::vector<RowRange>{});
  EXPECT_EQ(PagesToRowRanges({true}, offsets, 35), (std::vector<RowRange>{{0, 35}}));
  offsets.page_locations[2].first_row_index = 5;  // Not monotonic.
  EXPECT_EQ(PagesToRowRanges({true, false, true, true}, offsets, 35),
            (std::vector<RowRange>{{0, 35}}));
  const std::vector<RowRange> a = {{0, 20}, {30, 35}};
  const std::vector<RowRange> b = {{5, 10}, {15, 32}};
  EXPECT_EQ(IntersectRowRanges(a, b), (std::vector<RowRange>{{5, 10}, {15, 20}, {30, 32}}));
  EXPECT_EQ(CountRows(IntersectRowRanges(a, b)), 12);
  EXPECT_EQ(IntersectRowRanges(a, {}), std::vector<RowRange>{});
}

TEST_F(PruneTest, BloomFilterHashesLikeTheWriter) {
  auto filter = BloomFilter::Make(4096).ValueOrDie();
  // What strata's writer inserts for each column type.
  filter->InsertHash(BloomFilter::HashInt32(-5));  // int8 -5 as INT32
  filter->InsertHash(BloomFilter::HashInt32(static_cast<int32_t>(4000000000u)));  // uint32
  filter->InsertHash(BloomFilter::HashInt64(-1));                                 // uint64 max
  filter->InsertHash(BloomFilter::HashBytes("hello"));
  filter->InsertHash(BloomFilter::HashInt32(12345));  // decimal(9,2) 123.45
  filter->InsertHash(
      BloomFilter::HashBytes(std::string("\xff\xff\xff\xff\xff\xff\xff\xfe\x0c", 9)));
  filter->InsertHash(BloomFilter::HashDouble(-0.0));
  filter->InsertHash(BloomFilter::HashBytes(std::string(16, '\x42')));  // uuid
  auto check = [&](TypePtr type, std::string_view text) {
    Use(std::move(type));
    return BloomMightContain(Bound(text), leaf_, *filter);
  };
  EXPECT_TRUE(check(Int8(), "c = -5"));
  EXPECT_FALSE(check(Int8(), "c = 5"));
  EXPECT_TRUE(check(Int8(), "c IN (5, -5)"));
  EXPECT_FALSE(check(Int8(), "c IN (1, 2, 3)"));
  EXPECT_TRUE(check(Int8(), "c > 5"));      // Only = and IN consult the filter.
  EXPECT_FALSE(check(Int8(), "c = 1000"));  // Bound to FALSE.
  EXPECT_TRUE(check(UInt32(), "c = 4000000000"));
  EXPECT_TRUE(check(UInt64(), "c = 18446744073709551615"));
  EXPECT_FALSE(check(Int64(), "c = 18446744073709551614"));
  EXPECT_TRUE(check(String(), "c = 'hello'"));
  EXPECT_FALSE(check(String(), "c = 'hellO'"));
  EXPECT_TRUE(check(Decimal(9, 2).ValueOrDie(), "c = 123.45"));
  EXPECT_FALSE(check(Decimal(9, 2).ValueOrDie(), "c = 123.46"));
  EXPECT_TRUE(check(Decimal(20, 2).ValueOrDie(), "c = -5"));
  EXPECT_FALSE(check(Decimal(20, 2).ValueOrDie(), "c = 5"));
  EXPECT_TRUE(check(Float64(), "c = 0"));  // +0.0 matches a stored -0.0.
  EXPECT_TRUE(check(Float64(), "c = 'nan'"));
  EXPECT_FALSE(check(Float64(), "c = 1"));
  EXPECT_TRUE(check(Uuid(), "c = '42424242-4242-4242-4242-424242424242'"));
  EXPECT_FALSE(check(Uuid(), "c = '42424242-4242-4242-4242-424242424243'"));
  EXPECT_TRUE(check(Bool(), "c = TRUE"));  // No canonical hash: never prunes.
}

}  // namespace
}  // namespace strata::parquet
