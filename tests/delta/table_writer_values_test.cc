// What TableWriter records about the values it writes: partition values of
// every partition column type (read back exactly), and per-file stats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "columnar/decimal.h"
#include "columnar/value_format.h"
#include "delta/partition_value.h"
#include "delta/table_writer.h"
#include "delta/write_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::Column;
using testing::Longs;
using testing::MakeBatch;
using testing::ReadTable;
using testing::Strings;
using testing::WriteBatch;

class PartitionValueRoundTripTest : public ::testing::Test {
 protected:
  // Writes {id, p} partitioned by p, one row per value of `p`, and checks
  // that the table reads back the same rows; returns the partitionValues
  // strings by id.
  std::map<int64_t, std::optional<std::string>> RoundTrip(const VectorPtr& p) {
    std::vector<std::optional<int64_t>> ids;
    std::vector<std::string> expected;
    for (int64_t row = 0; row < p->length(); ++row) {
      ids.emplace_back(row);
      expected.push_back(std::to_string(row) + "|" + FormatValue(*p, row));
    }
    const std::string root = dir_.Join("t" + std::to_string(++tables_));
    TableWriteOptions options;
    options.partition_columns = {"p"};
    RecordBatchPtr batch =
        MakeBatch({Field("id", Int64()), Field("p", p->type())}, {Longs(ids), p});
    Result<TableWriteResult> result = WriteBatch(fs_.get(), root, batch, options);
    EXPECT_TRUE(result.ok()) << p->type()->ToString() << ": " << result.status().ToString();
    if (!result.ok()) return {};
    Result<std::vector<std::string>> rows = ReadTable(fs_.get(), root);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (rows.ok()) {
      EXPECT_EQ(*rows, testing::Sorted(expected)) << p->type()->ToString();
    }
    // Every file's partition value, keyed by the ids it holds (one each).
    std::map<int64_t, std::optional<std::string>> values;
    std::shared_ptr<const Snapshot> snapshot = Snapshot::Load(fs_.get(), root, {}).ValueOrDie();
    for (const AddFile& add : snapshot->files()) {
      EXPECT_TRUE(add.partition_values.contains("p")) << add.path;
      Result<std::string> path = snapshot->DataFilePath(add.path);
      EXPECT_TRUE(path.ok() && std::filesystem::exists(*path)) << add.path;
      const std::optional<std::string> value = add.partition_values.at("p");
      for (int64_t row = 0; row < p->length(); ++row) {
        if (p->IsNull(row)
                ? !value
                : (value && FormatValue(*p, row) ==
                                FormatValue(*MakePartitionValue(p->type(), *value), 0))) {
          values[row] = value;
        }
      }
    }
    return values;
  }

  // The value the reader makes of a logged partition value.
  static VectorPtr MakePartitionValue(const TypePtr& type, const std::string& text) {
    return MakePartitionColumn(type, text, 1).ValueOrDie();
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  int tables_ = 0;
};

TEST_F(PartitionValueRoundTripTest, StringsNeedingEscapesReadBackExactly) {
  const std::vector<std::optional<std::string>> values = {
      "a/b", "a%b",     "a b",         "k=v",        "x%2Fy", "ü#?",
      "..",  "q\"uote", "colon:semi;", std::nullopt, "plain"};
  std::map<int64_t, std::optional<std::string>> logged = RoundTrip(Strings(values));
  ASSERT_EQ(logged.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i)
    EXPECT_EQ(logged[static_cast<int64_t>(i)], values[i]) << i;
}

TEST_F(PartitionValueRoundTripTest, IntegersOfEveryWidth) {
  constexpr auto kMin64 = std::numeric_limits<int64_t>::min();
  constexpr auto kMax64 = std::numeric_limits<int64_t>::max();
  auto logged = RoundTrip(Column<int64_t>(Int64(), {kMin64, -1, 0, kMax64, std::nullopt}));
  EXPECT_EQ(logged[0], "-9223372036854775808");
  EXPECT_EQ(logged[3], "9223372036854775807");
  EXPECT_EQ(logged[4], std::nullopt);
  logged =
      RoundTrip(Column<int32_t>(Int32(), {std::numeric_limits<int32_t>::min(), 42, std::nullopt}));
  EXPECT_EQ(logged[0], "-2147483648");
  EXPECT_EQ(logged[1], "42");
  logged = RoundTrip(Column<int16_t>(Int16(), {-32768, 32767, std::nullopt}));
  EXPECT_EQ(logged[1], "32767");
  logged = RoundTrip(Column<int8_t>(Int8(), {-128, 127, std::nullopt}));
  EXPECT_EQ(logged[0], "-128");
}

TEST_F(PartitionValueRoundTripTest, BooleansAndDecimals) {
  auto logged = RoundTrip(Column<bool>(Bool(), {true, false, std::nullopt}));
  EXPECT_EQ(logged[0], "true");
  EXPECT_EQ(logged[1], "false");
  const TypePtr decimal = Decimal(10, 2).ValueOrDie();
  logged = RoundTrip(
      Column<Decimal128>(decimal, {Decimal128(1230), Decimal128(-5), Decimal128(0), std::nullopt}));
  EXPECT_EQ(logged[0], "12.30");
  EXPECT_EQ(logged[1], "-0.05");
  const TypePtr wide = Decimal(38, 0).ValueOrDie();
  const Int128 big = Int128(int64_t{999999999999999999}) * 1000000000;
  logged = RoundTrip(Column<Decimal128>(wide, {Decimal128(big), std::nullopt}));
  EXPECT_EQ(logged[0], "999999999999999999000000000");
}

// The dataset writer cannot lay out float partitions: refused up front,
// naming the column, before anything is written.
TEST_F(PartitionValueRoundTripTest, FloatPartitionColumnsAreRefused) {
  const std::string root = dir_.Join("floats");
  TableWriteOptions options;
  options.partition_columns = {"p"};
  RecordBatchPtr batch = MakeBatch({Field("id", Int64()), Field("p", Float64())},
                                   {Longs({1}), Column<double>(Float64(), {0.5})});
  Result<TableWriteResult> result = WriteBatch(fs_.get(), root, batch, options);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalid()) << result.status().ToString();
  EXPECT_THAT(std::string(result.status().message()), ::testing::HasSubstr("'p'"));
  EXPECT_FALSE(std::filesystem::exists(root + "/_delta_log/" + testing::CommitName(0)));
}

TEST_F(PartitionValueRoundTripTest, DatesAndTimestamps) {
  auto logged = RoundTrip(Column<int32_t>(Date(), {0, -1, 19000, std::nullopt}));
  EXPECT_EQ(logged[0], "1970-01-01");
  EXPECT_EQ(logged[1], "1969-12-31");
  const TypePtr utc = Timestamp(TimeUnit::kMicro, true);
  logged = RoundTrip(Column<int64_t>(utc, {0, 1700000000123456, -1, std::nullopt}));
  EXPECT_EQ(logged[0], "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(logged[1], "2023-11-14T22:13:20.123456Z");
  EXPECT_EQ(logged[2], "1969-12-31T23:59:59.999999Z");
  const TypePtr ntz = Timestamp(TimeUnit::kMicro, false);
  logged = RoundTrip(Column<int64_t>(ntz, {0, 1700000000123456, std::nullopt}));
  EXPECT_EQ(logged[1], "2023-11-14 22:13:20.123456");
  // Milliseconds are stored as Delta's microseconds.
  RoundTrip(Column<int64_t>(Timestamp(TimeUnit::kMilli, true), {1700000000123, std::nullopt}));
}

// Stats ---------------------------------------------------------------------

class StatsTest : public ::testing::Test {
 protected:
  // The stats of the only file of a table written from `batch`.
  simdjson::dom::element WriteAndReadStats(const RecordBatchPtr& batch) {
    EXPECT_OK(WriteBatch(fs_.get(), root_, batch).status());
    std::shared_ptr<const Snapshot> snapshot = Snapshot::Load(fs_.get(), root_, {}).ValueOrDie();
    EXPECT_EQ(snapshot->files().size(), 1U);
    stats_text_ = snapshot->files().at(0).stats.value_or("");
    simdjson::dom::element stats;
    EXPECT_EQ(parser_.parse(stats_text_).get(stats), simdjson::SUCCESS) << stats_text_;
    return stats;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_ = dir_.Join("t");
  simdjson::dom::parser parser_;
  std::string stats_text_;
};

std::string Str(simdjson::simdjson_result<simdjson::dom::element> value) {
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) return "<not a string>";
  return std::string(text);
}
double Num(simdjson::simdjson_result<simdjson::dom::element> value) {
  double number = 0;
  if (value.get(number) != simdjson::SUCCESS) return -999999;
  return number;
}
int64_t Int(simdjson::simdjson_result<simdjson::dom::element> value) {
  int64_t number = 0;
  if (value.get(number) != simdjson::SUCCESS) return -999999;
  return number;
}

VectorPtr StructColumn(const TypePtr& type) {
  std::unique_ptr<VectorBuilder> builder = MakeBuilder(type).ValueOrDie();
  auto* st = static_cast<StructBuilder*>(builder.get());
  auto* x = static_cast<NumericBuilder<int64_t>*>(st->child(0));
  auto* y = static_cast<BinaryBuilder*>(st->child(1));
  const auto check = [](const Status& s) {
    if (!s.ok()) DieOnError(s, __FILE__, __LINE__);
  };
  check(st->Append(true));
  check(x->Append(1));
  check(y->Append("q"));
  check(st->Append(true));
  check(x->Append(2));
  check(y->AppendNull());
  check(st->AppendNull());
  check(st->Append(true));
  check(x->Append(-3));
  check(y->Append("a"));
  return builder->Finish().ValueOrDie();
}

TEST_F(StatsTest, MatchTheDataPerType) {
  const std::string a40(40, 'a');
  const std::string z40(40, 'z');
  const std::string a32e = std::string(32, 'a') + "éx";  // Cut before a non-ASCII character.
  std::string u40;
  for (int i = 0; i < 40; ++i) u40 += "ü";
  const TypePtr utc = Timestamp(TimeUnit::kMicro, true);
  const TypePtr decimal = Decimal(10, 2).ValueOrDie();
  const TypePtr st = Struct({Field("x", Int64()), Field("y", String())});
  RecordBatchPtr batch = MakeBatch(
      {Field("i", Int32()), Field("l", Int64()), Field("d", Float64()), Field("s", String()),
       Field("s2", String()), Field("s3", String()), Field("dt", Date()), Field("ts", utc),
       Field("dec", decimal), Field("b", Bool()), Field("st", st)},
      {Column<int32_t>(Int32(), {3, -7, std::nullopt, 10}), Longs({5, 5, 5, std::nullopt}),
       Column<double>(Float64(), {1.5, -2.25, std::nullopt, std::nullopt}),
       Strings({a40, "zebra", std::nullopt, u40}), Strings({"m", z40, "n", std::nullopt}),
       Strings({a32e, a32e, a32e, a32e}), Column<int32_t>(Date(), {18262, 0, std::nullopt, 365}),
       Column<int64_t>(utc, {1577836800123456, 0, std::nullopt, -1}),
       Column<Decimal128>(decimal,
                          {Decimal128(1230), Decimal128(-5), std::nullopt, Decimal128(10000)}),
       Column<bool>(Bool(), {true, false, std::nullopt, true}), StructColumn(st)});
  simdjson::dom::element stats = WriteAndReadStats(batch);
  SCOPED_TRACE(stats_text_);
  EXPECT_EQ(Int(stats["numRecords"]), 4);
  auto min = stats["minValues"];
  auto max = stats["maxValues"];
  auto nulls = stats["nullCount"];
  EXPECT_EQ(Int(min["i"]), -7);
  EXPECT_EQ(Int(max["i"]), 10);
  EXPECT_EQ(Int(nulls["i"]), 1);
  EXPECT_EQ(Int(min["l"]), 5);
  EXPECT_EQ(Int(max["l"]), 5);
  EXPECT_EQ(Int(nulls["l"]), 1);
  EXPECT_EQ(Num(min["d"]), -2.25);
  EXPECT_EQ(Num(max["d"]), 1.5);
  EXPECT_EQ(Int(nulls["d"]), 2);
  // Strings: a 32-character prefix; a cut max gets a character above any
  // that could follow (U+007F after ASCII, U+10FFFF otherwise).
  EXPECT_EQ(Str(min["s"]), std::string(32, 'a'));
  // The Parquet footer already holds a cut max for s (80 bytes): any bound
  // of at most 33 characters that keeps the first 31 and is above the value.
  const std::string max_s = Str(max["s"]);
  EXPECT_GE(max_s, u40);
  EXPECT_EQ(max_s.substr(0, 62), u40.substr(0, 62));
  EXPECT_LE(max_s.size(), 68U);
  EXPECT_EQ(Str(max["s3"]), std::string(32, 'a') + "\xF4\x8F\xBF\xBF");
  EXPECT_EQ(Str(min["s3"]), std::string(32, 'a'));
  EXPECT_EQ(Int(nulls["s"]), 1);
  EXPECT_EQ(Str(min["s2"]), "m");
  EXPECT_EQ(Str(max["s2"]), std::string(32, 'z') + "\x7F");
  EXPECT_EQ(Str(min["dt"]), "1970-01-01");
  EXPECT_EQ(Str(max["dt"]), "2020-01-01");
  EXPECT_EQ(Int(nulls["dt"]), 1);
  // Timestamps in milliseconds, floored.
  EXPECT_EQ(Str(min["ts"]), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(Str(max["ts"]), "2020-01-01T00:00:00.123Z");
  EXPECT_EQ(Num(min["dec"]), -0.05);
  EXPECT_EQ(Num(max["dec"]), 100.0);
  EXPECT_EQ(Int(nulls["dec"]), 1);
  // Booleans: a null count, no bounds.
  EXPECT_EQ(min["b"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(max["b"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(Int(nulls["b"]), 1);
  // Struct members nest like the schema; a null struct counts as null.
  EXPECT_EQ(Int(min["st"]["x"]), -3);
  EXPECT_EQ(Int(max["st"]["x"]), 2);
  EXPECT_EQ(Int(nulls["st"]["x"]), 1);
  EXPECT_EQ(Str(min["st"]["y"]), "a");
  EXPECT_EQ(Str(max["st"]["y"]), "q");
  EXPECT_EQ(Int(nulls["st"]["y"]), 2);
}

TEST_F(StatsTest, AllNullColumnHasANullCountAndNoBounds) {
  RecordBatchPtr batch = MakeBatch({Field("id", Int64()), Field("s", String())},
                                   {Longs({1, 2}), Strings({std::nullopt, std::nullopt})});
  simdjson::dom::element stats = WriteAndReadStats(batch);
  SCOPED_TRACE(stats_text_);
  EXPECT_EQ(Int(stats["nullCount"]["s"]), 2);
  EXPECT_EQ(stats["minValues"]["s"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(Int(stats["maxValues"]["id"]), 2);
}

TEST_F(StatsTest, CoverTheFirstThirtyTwoColumns) {
  std::vector<Field> fields;
  std::vector<VectorPtr> columns;
  for (int i = 0; i < 34; ++i) {
    fields.emplace_back("c" + std::to_string(i), Int64());
    columns.push_back(Longs({i, i + 100}));
  }
  simdjson::dom::element stats = WriteAndReadStats(MakeBatch(fields, columns));
  SCOPED_TRACE(stats_text_);
  EXPECT_EQ(Int(stats["maxValues"]["c31"]), 131);
  EXPECT_EQ(stats["maxValues"]["c32"].error(), simdjson::NO_SUCH_FIELD);
  EXPECT_EQ(stats["nullCount"]["c33"].error(), simdjson::NO_SUCH_FIELD);
}

// Stats aggregate over row groups and match numRecords per file.
TEST_F(StatsTest, AggregateOverRowGroups) {
  TableWriteOptions options;
  options.file.row_group_rows = 2;
  std::vector<std::optional<int64_t>> ids;
  for (int64_t i = 10; i > 0; --i)
    ids.emplace_back(i == 5 ? std::nullopt : std::optional<int64_t>(i * 3));
  ASSERT_OK(WriteBatch(fs_.get(), root_, MakeBatch({Field("v", Int64())}, {Longs(ids)}), options)
                .status());
  std::shared_ptr<const Snapshot> snapshot = Snapshot::Load(fs_.get(), root_, {}).ValueOrDie();
  ASSERT_EQ(snapshot->files().size(), 1U);
  simdjson::dom::element stats;
  const std::string text = *snapshot->files()[0].stats;
  ASSERT_EQ(parser_.parse(text).get(stats), simdjson::SUCCESS);
  EXPECT_EQ(Int(stats["numRecords"]), 10);
  EXPECT_EQ(Int(stats["minValues"]["v"]), 3);
  EXPECT_EQ(Int(stats["maxValues"]["v"]), 30);
  EXPECT_EQ(Int(stats["nullCount"]["v"]), 1);
}

}  // namespace
}  // namespace strata::delta
