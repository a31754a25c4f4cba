// Listing `_delta_log` directories, choosing the checkpoint and commits that
// reconstruct a version, and commit timestamps for time travel. The logs are
// synthetic: only names (and, for time travel, modification times) matter.

#include "delta/log_segment.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "delta_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::CommitName;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::WriteText;

constexpr const char* kUuid = "f5ee283b-37c7-46af-b64c-8f77c6a5c43a";

std::string Version(int64_t version) {
  std::string digits = std::to_string(version);
  return std::string(20 - digits.size(), '0') + digits;
}

std::string Part(int64_t number) {
  std::string digits = std::to_string(number);
  return std::string(10 - digits.size(), '0') + digits;
}

class LogSegmentTest : public ::testing::Test {
 protected:
  std::string LogDir() const { return dir_.Join("_delta_log"); }

  // Creates `_delta_log/<name>` holding `content`.
  void Touch(const std::string& name, const std::string& content = "") {
    WriteText(LogDir() + "/" + name, content);
  }

  // Sets the modification time of `_delta_log/<name>` to `ms` since the epoch.
  void SetMtime(const std::string& name, int64_t ms) {
    timespec times[2];
    times[0].tv_sec = ms / 1000;
    times[0].tv_nsec = (ms % 1000) * 1000000;
    times[1] = times[0];
    ASSERT_EQ(::utimensat(AT_FDCWD, (LogDir() + "/" + name).c_str(), times, 0), 0) << name;
  }

  void Commits(int64_t from, int64_t to) {
    for (int64_t v = from; v <= to; ++v) Touch(CommitName(v));
  }

  void Classic(int64_t version) { Touch(Version(version) + ".checkpoint.parquet"); }

  Result<LogListing> List() { return ListLog(fs_.get(), dir_.path()); }

  Result<LogSegment> Select(std::optional<int64_t> version) {
    ASSIGN_OR_RETURN(LogListing listing, List());
    return SelectSegment(listing, version);
  }

  static std::vector<int64_t> Versions(const std::vector<LogFile>& files) {
    std::vector<int64_t> versions;
    for (const LogFile& file : files) versions.push_back(file.version);
    return versions;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

// ------------------------------------------------------------ classification

TEST_F(LogSegmentTest, ClassifiesCommitsAndCheckpoints) {
  Touch(CommitName(0), "0123456789");
  Commits(1, 9);
  Classic(2);
  // Multi-part: complete at 4 (parts written out of order), incomplete at 5.
  Touch(Version(4) + ".checkpoint." + Part(2) + "." + Part(2) + ".parquet");
  Touch(Version(4) + ".checkpoint." + Part(1) + "." + Part(2) + ".parquet");
  Touch(Version(5) + ".checkpoint." + Part(1) + "." + Part(3) + ".parquet");
  Touch(Version(5) + ".checkpoint." + Part(3) + "." + Part(3) + ".parquet");
  // V2, JSON and Parquet.
  Touch(Version(6) + ".checkpoint." + kUuid + ".json");
  Touch(Version(7) + ".checkpoint." + kUuid + ".parquet");
  // Everything else is ignored.
  Touch(Version(3) + ".crc");
  Touch("." + Version(3) + ".json.crc");
  Touch("." + Version(2) + ".checkpoint.parquet.crc");
  Touch(Version(10) + ".json.tmp");
  Touch(Version(11) + ".json.a1b2c3.tmp");
  Touch(Version(1) + "." + Version(3) + ".compacted.json");
  Touch("_last_checkpoint", R"({"version":2,"size":10})");
  Touch(".s3-optimization-0");
  Touch("1.json");
  Touch("0000000000000000001a.json");
  Touch(Version(8) + ".checkpoint.not-a-uuid.json");
  Touch(Version(8) + ".checkpoint." + Part(0) + "." + Part(2) + ".parquet");  // Part 0.
  Touch(Version(8) + ".checkpoint." + Part(3) + "." + Part(2) + ".parquet");  // Part > parts.
  Touch(Version(8) + ".checkpoint.parquet.tmp");
  Touch(".tmp/" + CommitName(12));
  Touch("_sidecars/" + Version(6) + ".checkpoint." + Part(1) + "." + Part(1) + "." + kUuid +
        ".parquet");
  Touch("_autostats/" + Version(7) + ".0000000000.stats.json");
  std::filesystem::create_directories(LogDir() + "/" + CommitName(13));  // A directory.

  ASSERT_OK_AND_ASSIGN(LogListing listing, List());
  EXPECT_EQ(listing.table_root, dir_.path());
  EXPECT_THAT(Versions(listing.commits), ElementsAre(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
  EXPECT_EQ(listing.commits[0].path, LogDir() + "/" + CommitName(0));
  EXPECT_EQ(listing.commits[0].size, 10);
  EXPECT_GT(listing.commits[0].modification_ms, 0);

  ASSERT_EQ(listing.checkpoints.size(), 4U);
  EXPECT_EQ(listing.checkpoints[0].version, 2);
  EXPECT_EQ(listing.checkpoints[0].kind, Checkpoint::Kind::kClassic);
  ASSERT_EQ(listing.checkpoints[0].parts.size(), 1U);
  EXPECT_EQ(listing.checkpoints[0].parts[0].path,
            LogDir() + "/" + Version(2) + ".checkpoint.parquet");
  EXPECT_EQ(listing.checkpoints[1].version, 4);
  EXPECT_EQ(listing.checkpoints[1].kind, Checkpoint::Kind::kMultiPart);
  ASSERT_EQ(listing.checkpoints[1].parts.size(), 2U);
  EXPECT_THAT(listing.checkpoints[1].parts[0].path, HasSubstr(Part(1) + "." + Part(2)));
  EXPECT_THAT(listing.checkpoints[1].parts[1].path, HasSubstr(Part(2) + "." + Part(2)));
  EXPECT_EQ(listing.checkpoints[2].version, 6);
  EXPECT_EQ(listing.checkpoints[2].kind, Checkpoint::Kind::kV2Json);
  EXPECT_EQ(listing.checkpoints[3].version, 7);
  EXPECT_EQ(listing.checkpoints[3].kind, Checkpoint::Kind::kV2Parquet);
  EXPECT_THAT(listing.checkpoints[3].parts[0].path, HasSubstr(kUuid));
}

TEST_F(LogSegmentTest, SeveralCheckpointsForOneVersion) {
  Commits(0, 3);
  Classic(2);
  Touch(Version(2) + ".checkpoint." + kUuid + ".json");
  ASSERT_OK_AND_ASSIGN(LogListing listing, List());
  ASSERT_EQ(listing.checkpoints.size(), 2U);
  EXPECT_EQ(listing.checkpoints[0].version, 2);
  EXPECT_EQ(listing.checkpoints[1].version, 2);
  ASSERT_OK_AND_ASSIGN(LogSegment segment, SelectSegment(listing, std::nullopt));
  ASSERT_TRUE(segment.checkpoint.has_value());
  EXPECT_EQ(segment.checkpoint->version, 2);  // Either one will do.
  EXPECT_THAT(Versions(segment.commits), ElementsAre(3));
}

TEST_F(LogSegmentTest, NoLogIsNotFound) {
  const Status status = List().status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(dir_.path()));
  EXPECT_THAT(status.message(), HasSubstr("_delta_log"));
}

TEST_F(LogSegmentTest, EmptyLogIsNotFound) {
  Touch("_last_checkpoint", "{}");
  Touch(Version(0) + ".crc");
  const Status status = List().status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("holds no commits"));
}

// ------------------------------------------------------------ segments

TEST_F(LogSegmentTest, LatestUsesTheNewestCheckpoint) {
  Commits(0, 12);
  Classic(5);
  Classic(10);
  ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(std::nullopt));
  EXPECT_EQ(segment.version, 12);
  ASSERT_TRUE(segment.checkpoint.has_value());
  EXPECT_EQ(segment.checkpoint->version, 10);
  EXPECT_THAT(Versions(segment.commits), ElementsAre(11, 12));
}

TEST_F(LogSegmentTest, OlderVersionsUseTheNewestCheckpointAtOrBelowThem) {
  Commits(0, 12);
  Classic(5);
  Classic(10);
  struct Case {
    int64_t version;
    std::optional<int64_t> checkpoint;
    std::vector<int64_t> commits;
  };
  const std::vector<Case> cases = {
      {0, std::nullopt, {0}},
      {4, std::nullopt, {0, 1, 2, 3, 4}},
      {5, 5, {}},
      {9, 5, {6, 7, 8, 9}},
      {10, 10, {}},
      {11, 10, {11}},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(c.version));
    EXPECT_EQ(segment.version, c.version);
    EXPECT_EQ(segment.checkpoint.has_value(), c.checkpoint.has_value()) << c.version;
    if (segment.checkpoint && c.checkpoint) {
      EXPECT_EQ(segment.checkpoint->version, *c.checkpoint);
    }
    EXPECT_EQ(Versions(segment.commits), c.commits) << c.version;
  }
}

TEST_F(LogSegmentTest, IncompleteMultiPartCheckpointIsNotUsed) {
  Commits(0, 4);
  Touch(Version(3) + ".checkpoint." + Part(1) + "." + Part(2) + ".parquet");
  ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(std::nullopt));
  EXPECT_FALSE(segment.checkpoint.has_value());
  EXPECT_THAT(Versions(segment.commits), ElementsAre(0, 1, 2, 3, 4));
  // Once the second part exists it is.
  Touch(Version(3) + ".checkpoint." + Part(2) + "." + Part(2) + ".parquet");
  ASSERT_OK_AND_ASSIGN(segment, Select(std::nullopt));
  ASSERT_TRUE(segment.checkpoint.has_value());
  EXPECT_EQ(segment.checkpoint->kind, Checkpoint::Kind::kMultiPart);
  EXPECT_EQ(segment.checkpoint->parts.size(), 2U);
  EXPECT_THAT(Versions(segment.commits), ElementsAre(4));
}

TEST_F(LogSegmentTest, VersionOutsideTheLogIsNotFoundNamingTheRange) {
  Commits(0, 5);
  for (const int64_t version : {6, 100, -1}) {
    const Status status = Select(version).status();
    EXPECT_TRUE(status.IsNotFound()) << version << ": " << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("version " + std::to_string(version)));
    EXPECT_THAT(status.message(), HasSubstr("versions 0 to 5"));
  }
}

TEST_F(LogSegmentTest, GapIsCorruption) {
  Commits(0, 1);
  Commits(3, 4);
  const Status status = Select(std::nullopt).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("no commit for version 2"));
  // Versions before the gap still read.
  ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(1));
  EXPECT_THAT(Versions(segment.commits), ElementsAre(0, 1));
  EXPECT_TRUE(Select(3).status().IsCorruption());
}

TEST_F(LogSegmentTest, GapAfterTheCheckpointIsCorruption) {
  Commits(0, 2);
  Classic(2);
  Commits(4, 5);
  const Status status = Select(5).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("no commit for version 3"));
}

TEST_F(LogSegmentTest, GapBeforeTheCheckpointDoesNotMatter) {
  Commits(0, 0);
  Classic(2);
  Commits(3, 4);
  ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(4));
  EXPECT_EQ(segment.checkpoint->version, 2);
  EXPECT_THAT(Versions(segment.commits), ElementsAre(3, 4));
  ASSERT_OK_AND_ASSIGN(segment, Select(2));
  EXPECT_TRUE(segment.commits.empty());
  // Version 1 would need commit 1.
  const Status status = Select(1).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("no commit for version 1"));
}

TEST_F(LogSegmentTest, CleanedUpLogReadsFromTheOldestCheckpoint) {
  // Commits 0..4 were removed by log cleanup; checkpoints 5 and 7 remain.
  Commits(5, 8);
  Classic(5);
  Classic(7);
  ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(std::nullopt));
  EXPECT_EQ(segment.version, 8);
  EXPECT_EQ(segment.checkpoint->version, 7);
  EXPECT_THAT(Versions(segment.commits), ElementsAre(8));
  ASSERT_OK_AND_ASSIGN(segment, Select(6));
  EXPECT_EQ(segment.checkpoint->version, 5);
  EXPECT_THAT(Versions(segment.commits), ElementsAre(6));
  ASSERT_OK_AND_ASSIGN(segment, Select(5));
  EXPECT_EQ(segment.checkpoint->version, 5);
  EXPECT_TRUE(segment.commits.empty());
  for (const int64_t version : {0, 4}) {
    const Status status = Select(version).status();
    EXPECT_TRUE(status.IsNotFound()) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr("versions 5 to 8"));
  }
}

TEST_F(LogSegmentTest, CheckpointWithoutItsCommit) {
  // Only the checkpoint is left of version 3 (and nothing after it).
  Classic(3);
  ASSERT_OK_AND_ASSIGN(LogSegment segment, Select(std::nullopt));
  EXPECT_EQ(segment.version, 3);
  EXPECT_EQ(segment.checkpoint->version, 3);
  EXPECT_TRUE(segment.commits.empty());
}

TEST_F(LogSegmentTest, CleanedUpLogWithoutCheckpointIsCorruption) {
  Commits(3, 5);
  const Status status = Select(std::nullopt).status();
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("neither commit 0 nor a checkpoint"));
}

// ------------------------------------------------------------ timestamps

LogListing ListingWithTimes(const std::vector<int64_t>& mtimes_ms, int64_t first_version = 0) {
  LogListing listing;
  listing.table_root = "/t";
  for (size_t i = 0; i < mtimes_ms.size(); ++i) {
    const int64_t version = first_version + static_cast<int64_t>(i);
    listing.commits.push_back(
        LogFile{"/t/_delta_log/" + CommitName(version), version, 0, mtimes_ms[i]});
  }
  return listing;
}

TEST(CommitTimestampsTest, MadeStrictlyIncreasing) {
  EXPECT_THAT(CommitTimestamps(ListingWithTimes({1000, 2000, 3000})),
              ElementsAre(1000, 2000, 3000));
  // A commit file older than (or as old as) its predecessor gets the
  // predecessor's time plus 1 ms, and the adjustment carries on.
  EXPECT_THAT(CommitTimestamps(ListingWithTimes({1000, 1000, 900, 1001, 5000, 10})),
              ElementsAre(1000, 1001, 1002, 1003, 5000, 5001));
  EXPECT_TRUE(CommitTimestamps(ListingWithTimes({})).empty());
}

TEST(VersionAsOfTest, PicksTheNewestCommitAtOrBeforeTheTime) {
  const LogListing listing = ListingWithTimes({1000, 2000, 2000, 4000});  // 1000 2000 2001 4000
  struct Case {
    int64_t timestamp;
    int64_t version;
  };
  for (const Case& c : std::vector<Case>{
           {1000, 0}, {1999, 0}, {2000, 1}, {2001, 2}, {3999, 2}, {4000, 3}, {100000, 3}}) {
    ASSERT_OK_AND_ASSIGN(int64_t version, VersionAsOf(listing, c.timestamp));
    EXPECT_EQ(version, c.version) << "as of " << c.timestamp;
  }
}

TEST(VersionAsOfTest, BeforeTheOldestCommitIsNotFound) {
  const LogListing listing = ListingWithTimes({1000, 2000}, /*first_version=*/5);
  const Status status = VersionAsOf(listing, 999).status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("1970-01-01T00:00:00.999Z"));
  EXPECT_THAT(status.message(), HasSubstr("version 5"));
  EXPECT_THAT(status.message(), HasSubstr("1970-01-01T00:00:01Z"));
  ASSERT_OK_AND_ASSIGN(int64_t version, VersionAsOf(listing, 1000));
  EXPECT_EQ(version, 5);
}

TEST_F(LogSegmentTest, TimestampsComeFromFileModificationTimes) {
  Commits(0, 3);
  SetMtime(CommitName(0), 1700000000000);
  SetMtime(CommitName(1), 1700000060000);
  SetMtime(CommitName(2), 1700000030000);  // Clock skew: older than commit 1.
  SetMtime(CommitName(3), 1700000120500);
  ASSERT_OK_AND_ASSIGN(LogListing listing, List());
  EXPECT_EQ(listing.commits[3].modification_ms, 1700000120500);
  EXPECT_THAT(CommitTimestamps(listing),
              ElementsAre(1700000000000, 1700000060000, 1700000060001, 1700000120500));
  ASSERT_OK_AND_ASSIGN(int64_t version, VersionAsOf(listing, 1700000060000));
  EXPECT_EQ(version, 1);
  ASSERT_OK_AND_ASSIGN(version, VersionAsOf(listing, 1700000060001));
  EXPECT_EQ(version, 2);
  ASSERT_OK_AND_ASSIGN(version, VersionAsOf(listing, 1700000120499));
  EXPECT_EQ(version, 2);
  ASSERT_OK_AND_ASSIGN(version, VersionAsOf(listing, 1700000120500));
  EXPECT_EQ(version, 3);
  EXPECT_TRUE(VersionAsOf(listing, 1699999999999).status().IsNotFound());
}

}  // namespace
}  // namespace strata::delta
