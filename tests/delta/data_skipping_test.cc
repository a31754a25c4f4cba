// Data skipping: files ruled out by partition values or add-stats are not
// read, and no file that could hold a matching row is ever skipped.
#include "delta/data_skipping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"
#include "write_test_util.h"

namespace strata::delta {
namespace {

using testing::Longs;
using testing::MakeBatch;
using testing::Strings;
using testing::WriteBatch;

class DataSkippingTest : public ::testing::Test {
 protected:
  // Three commits, one file each: site a ids 0..9, site b ids 10..19 (with
  // a null name), site a ids 100..109; timestamps one hour per id.
  void SetUp() override {
    root_ = dir_.Join("t");
    TableWriteOptions options;
    options.partition_columns = {"site"};
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows("a", 0, false), options).status());
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows("b", 10, true)).status());
    ASSERT_OK(WriteBatch(fs_.get(), root_, Rows("a", 100, false)).status());
    ASSERT_OK_AND_ASSIGN(snapshot_, Snapshot::Load(fs_.get(), root_, {}));
    ASSERT_EQ(snapshot_->files().size(), 3U);
  }

  static RecordBatchPtr Rows(const std::string& site, int64_t first, bool with_null) {
    std::vector<std::optional<int64_t>> ids;
    std::vector<std::optional<int64_t>> ts;
    std::vector<std::optional<std::string>> names;
    std::vector<std::optional<std::string>> sites;
    for (int64_t id = first; id < first + 10; ++id) {
      ids.emplace_back(id);
      ts.emplace_back(id * 3600 * int64_t{1000000});
      names.emplace_back(with_null && id == first
                             ? std::nullopt
                             : std::optional<std::string>("n" + std::to_string(id)));
      sites.emplace_back(site);
    }
    return MakeBatch({Field("id", Int64()), Field("ts", Timestamp(TimeUnit::kMicro, true)),
                      Field("name", String()), Field("site", String())},
                     {Longs(ids), testing::Column<int64_t>(Timestamp(TimeUnit::kMicro, true), ts),
                      Strings(names), Strings(sites)});
  }

  // The reason of each file, in log order, for `where`.
  std::vector<SkipReason> Reasons(const std::string& where) {
    parquet::BoundPredicate bound =
        parquet::Bind(parquet::ParsePredicate(where).ValueOrDie(), *snapshot_->schema())
            .ValueOrDie();
    std::vector<SkipReason> reasons;
    for (const AddFile& file : snapshot_->files())
      reasons.push_back(SkipFile(bound, *snapshot_, file));
    return reasons;
  }

  // Rows a skipping scan returns for `where` (files only: rows of a file
  // read are all returned), and its metrics.
  int64_t ScannedRows(const std::string& where, TableScanMetrics* metrics) {
    TableScanOptions options;
    options.skip_files_by = std::make_shared<const parquet::BoundPredicate>(
        parquet::Bind(parquet::ParsePredicate(where).ValueOrDie(), *snapshot_->schema())
            .ValueOrDie());
    auto scan = ScanTable(snapshot_, options, metrics).ValueOrDie();
    int64_t rows = 0;
    for (;;) {
      RecordBatchPtr batch = scan->Next().ValueOrDie();
      if (batch == nullptr) return rows;
      rows += batch->num_rows();
    }
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_;
  std::shared_ptr<const Snapshot> snapshot_;
};

constexpr SkipReason kNone = SkipReason::kNone;
constexpr SkipReason kPartition = SkipReason::kPartition;
constexpr SkipReason kStats = SkipReason::kStats;

TEST_F(DataSkippingTest, PartitionValuesRuleFilesOutExactly) {
  EXPECT_THAT(Reasons("site = 'b'"), ::testing::ElementsAre(kPartition, kNone, kPartition));
  EXPECT_THAT(Reasons("site != 'b'"), ::testing::ElementsAre(kNone, kPartition, kNone));
  EXPECT_THAT(Reasons("site IN ('a', 'z')"), ::testing::ElementsAre(kNone, kPartition, kNone));
  EXPECT_THAT(Reasons("site IS NULL"), ::testing::ElementsAre(kPartition, kPartition, kPartition));
}

TEST_F(DataSkippingTest, StatsRuleFilesOutByBounds) {
  EXPECT_THAT(Reasons("id = 15"), ::testing::ElementsAre(kStats, kNone, kStats));
  EXPECT_THAT(Reasons("id >= 100"), ::testing::ElementsAre(kStats, kStats, kNone));
  EXPECT_THAT(Reasons("id < 10"), ::testing::ElementsAre(kNone, kStats, kStats));
  EXPECT_THAT(Reasons("id <= 10"), ::testing::ElementsAre(kNone, kNone, kStats));
  EXPECT_THAT(Reasons("id IN (5, 105)"), ::testing::ElementsAre(kNone, kStats, kNone));
  // Strings compare bytewise: names are n0..n9, n11..n19 and n100..n109.
  EXPECT_THAT(Reasons("name < 'n1'"), ::testing::ElementsAre(kNone, kStats, kStats));
  EXPECT_THAT(Reasons("name = 'n105'"), ::testing::ElementsAre(kNone, kStats, kNone));
  // Only the second file has a null name; no file is all null.
  EXPECT_THAT(Reasons("name IS NULL"), ::testing::ElementsAre(kStats, kNone, kStats));
  EXPECT_THAT(Reasons("name IS NOT NULL"), ::testing::ElementsAre(kNone, kNone, kNone));
  // Partition and stats conjuncts together.
  EXPECT_THAT(Reasons("site = 'a' AND id < 50"), ::testing::ElementsAre(kNone, kPartition, kStats));
}

TEST_F(DataSkippingTest, TimestampMaxIsWidenedForItsMillisecondTruncation) {
  // The first file's last row is at 9 h exactly; stats keep milliseconds, so
  // a bound just above it must still keep the file.
  EXPECT_THAT(Reasons("ts >= '1970-01-01 09:00:00.000500Z'"),
              ::testing::ElementsAre(kNone, kNone, kNone));
  EXPECT_THAT(Reasons("ts > '1970-01-01 09:00:01Z'"), ::testing::ElementsAre(kStats, kNone, kNone));
}

TEST_F(DataSkippingTest, FilesWithoutStatsAreNeverSkippedByStats) {
  AddFile file = snapshot_->files().front();
  file.stats.reset();
  const parquet::BoundPredicate bound =
      parquet::Bind(parquet::ParsePredicate("id > 1000").ValueOrDie(), *snapshot_->schema())
          .ValueOrDie();
  EXPECT_EQ(SkipFile(bound, *snapshot_, file), kNone);
  file.stats = "{not json";
  EXPECT_EQ(SkipFile(bound, *snapshot_, file), kNone);
}

TEST_F(DataSkippingTest, ScanSkipsFilesAndCountsThem) {
  TableScanMetrics metrics;
  EXPECT_EQ(ScannedRows("site = 'a' AND id >= 100", &metrics), 10);
  EXPECT_EQ(metrics.files_total, 3);
  EXPECT_EQ(metrics.files_skipped_by_partition, 1);
  EXPECT_EQ(metrics.files_skipped_by_stats, 1);
  EXPECT_EQ(metrics.files_read, 1);
}

}  // namespace
}  // namespace strata::delta
