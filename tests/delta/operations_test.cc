// Tests of Optimize (compaction) and its concurrency with other writers,
// Restore's concurrency, and ParseRetention. Vacuum and Restore themselves
// are in operations_vacuum_test.cc.
#include "delta/operations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "delta/write_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::ActionsOf;
using testing::CommitActions;
using testing::CommitName;
using ::testing::ContainerEq;
using ::testing::HasSubstr;
using testing::LivePaths;
using testing::ReadTable;
using testing::WriteBatch;

constexpr int64_t kStartMicros = int64_t{1700000000000} * 1000;

// Forwards to another file system and runs `hook` once, right before the
// first commit file is created through it: another writer's commit then
// lands between the operation's snapshot read and its commit attempt.
class InterleavingFileSystem final : public FileSystem {
 public:
  InterleavingFileSystem(FileSystem* base, std::function<void()> hook)
      : base_(base), hook_(std::move(hook)) {}

  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    return base_->OpenForRead(path);
  }
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    return base_->OpenSequential(path);
  }
  Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                     WriteMode mode) override {
    return base_->OpenForWrite(path, mode);
  }
  Status CreateIfAbsent(const std::string& path, std::span<const uint8_t> contents) override {
    const bool is_commit = path.find("/_delta_log/") != std::string::npos &&
                           path.ends_with(".json") && !path.ends_with("_last_checkpoint");
    if (is_commit && hook_) std::exchange(hook_, nullptr)();
    return base_->CreateIfAbsent(path, contents);
  }
  Result<FileInfo> GetFileInfo(const std::string& path) override {
    return base_->GetFileInfo(path);
  }
  Result<std::vector<FileInfo>> ListDir(const std::string& path, bool recursive) override {
    return base_->ListDir(path, recursive);
  }
  Result<std::vector<std::string>> Glob(const std::string& pattern) override {
    return base_->Glob(pattern);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    return base_->Rename(from, to);
  }
  Status DeleteFile(const std::string& path) override { return base_->DeleteFile(path); }
  Status DeleteDir(const std::string& path, bool recursive) override {
    return base_->DeleteDir(path, recursive);
  }
  Status CreateDir(const std::string& path, bool recursive) override {
    return base_->CreateDir(path, recursive);
  }

  bool fired() const { return hook_ == nullptr; }

 private:
  FileSystem* base_;
  std::function<void()> hook_;
};

// The partition of row `id`: null for multiples of 5, else "a" (odd) or "b".
std::optional<std::string> PartitionOf(int64_t id) {
  if (id % 5 == 0) return std::nullopt;
  return id % 2 == 1 ? "a" : "b";
}

// {id: long, p: string} for `ids`.
RecordBatchPtr Batch(const std::vector<int64_t>& values) {
  std::vector<std::optional<int64_t>> ids;
  std::vector<std::optional<std::string>> parts;
  for (const int64_t id : values) {
    ids.emplace_back(id);
    parts.push_back(PartitionOf(id));
  }
  return testing::MakeBatch({Field("id", Int64()), Field("p", String())},
                            {testing::Longs(ids), testing::Strings(parts)});
}

// Batch of the ids [from, to], in order.
RecordBatchPtr Batch(int64_t from, int64_t to) {
  std::vector<int64_t> ids;
  for (int64_t id = from; id <= to; ++id) ids.push_back(id);
  return Batch(ids);
}

// The rows Batch(from, to) reads back as, sorted ("id|p", NULL for null).
std::vector<std::string> Rows(int64_t from, int64_t to) {
  std::vector<std::string> rows;
  for (int64_t id = from; id <= to; ++id) {
    rows.push_back(std::to_string(id) + "|" + PartitionOf(id).value_or("NULL"));
  }
  return testing::Sorted(std::move(rows));
}

class OptimizeTest : public ::testing::Test {
 protected:
  TableWriteOptions Options(TableWriteMode mode = TableWriteMode::kAppend) {
    TableWriteOptions options;
    options.mode = mode;
    options.partition_columns = {"p"};
    options.transaction.clock = &clock_;
    return options;
  }

  OptimizeOptions Optimizing() {
    OptimizeOptions options;
    options.transaction.clock = &clock_;
    return options;
  }

  // Versions 0..2: ids 1-10, 11-20, 21-30, each append one file per partition.
  void MakeThreeAppends() {
    for (int64_t from : {1, 11, 21}) {
      ASSERT_OK(WriteBatch(fs_.get(), root_, Batch(from, from + 9), Options()).status());
    }
  }

  std::shared_ptr<const Snapshot> Load(std::optional<int64_t> version = std::nullopt) {
    Result<std::shared_ptr<const Snapshot>> snapshot =
        Snapshot::Load(fs_.get(), root_, SnapshotOptions{.version = version});
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return snapshot.ok() ? *snapshot : nullptr;
  }

  // Live files per partition value ("NULL" for the null partition).
  std::map<std::string, int> FilesPerPartition(const Snapshot& snapshot) {
    std::map<std::string, int> counts;
    for (const AddFile& file : snapshot.files()) {
      ++counts[file.partition_values.at("p").value_or("NULL")];
    }
    return counts;
  }

  bool CommitExists(int64_t version) const {
    return std::filesystem::exists(root_ + "/_delta_log/" + CommitName(version));
  }

  // Parquet files under the table (outside hidden directories), relative.
  std::set<std::string> ParquetFiles() const {
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_)) {
      const std::string relative = std::filesystem::relative(entry.path(), root_).string();
      if (entry.is_regular_file() && relative.ends_with(".parquet") && !relative.starts_with('_'))
        files.insert(relative);
    }
    return files;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_ = dir_.Join("table");
  ManualClock clock_{kStartMicros};
};

TEST_F(OptimizeTest, CompactsEachPartitionInOneCommitWithoutDataChange) {
  MakeThreeAppends();
  std::shared_ptr<const Snapshot> before = Load();
  ASSERT_NE(before, nullptr);
  ASSERT_EQ(before->version(), 2);
  const std::map<std::string, int> three_each = {{"NULL", 3}, {"a", 3}, {"b", 3}};
  ASSERT_EQ(FilesPerPartition(*before), three_each);
  const std::set<std::string> old_paths = LivePaths(*before);

  ASSERT_OK_AND_ASSIGN(OptimizeResult result, Optimize(fs_.get(), root_, Optimizing()));
  EXPECT_EQ(result.version, 3);
  EXPECT_EQ(result.files_removed, 9);
  EXPECT_EQ(result.files_added, 3);
  EXPECT_EQ(result.partitions_optimized, 3);
  EXPECT_EQ(result.rows, 30);

  std::shared_ptr<const Snapshot> after = Load();
  ASSERT_NE(after, nullptr);
  const std::map<std::string, int> one_each = {{"NULL", 1}, {"a", 1}, {"b", 1}};
  EXPECT_EQ(FilesPerPartition(*after), one_each);
  for (const std::string& path : LivePaths(*after)) EXPECT_FALSE(old_paths.contains(path)) << path;
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(1, 30)));

  const std::vector<Action> actions = CommitActions(fs_.get(), root_, 3);
  const std::vector<RemoveFile> removes = ActionsOf<RemoveFile>(actions);
  const std::vector<AddFile> adds = ActionsOf<AddFile>(actions);
  ASSERT_EQ(removes.size(), 9U);
  ASSERT_EQ(adds.size(), 3U);
  std::set<std::string> removed;
  for (const RemoveFile& remove : removes) {
    EXPECT_FALSE(remove.data_change) << remove.path;
    EXPECT_EQ(remove.deletion_timestamp, kStartMicros / 1000);
    removed.insert(remove.path);
  }
  EXPECT_EQ(removed, old_paths);
  std::map<std::string, int> rows_per_partition;
  for (int64_t id = 1; id <= 30; ++id) ++rows_per_partition[PartitionOf(id).value_or("NULL")];
  for (const AddFile& add : adds) {
    EXPECT_FALSE(add.data_change) << add.path;
    // Each compacted file holds all the rows of its partition.
    const int rows = rows_per_partition[add.partition_values.at("p").value_or("NULL")];
    EXPECT_THAT(add.stats.value_or(""), HasSubstr("\"numRecords\":" + std::to_string(rows)))
        << add.path;
  }
  ASSERT_EQ(ActionsOf<CommitInfo>(actions).size(), 1U);
  const CommitInfo info = ActionsOf<CommitInfo>(actions)[0];
  EXPECT_EQ(info.operation, "OPTIMIZE");
  EXPECT_THAT(info.json, HasSubstr("\"isBlindAppend\":false"));
  EXPECT_TRUE(ActionsOf<Metadata>(actions).empty());
  EXPECT_TRUE(ActionsOf<Protocol>(actions).empty());

  // Time travel to before the optimize still reads the old files.
  std::shared_ptr<const Snapshot> old = Load(2);
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(LivePaths(*old), old_paths);
  for (const std::string& path : old_paths)
    EXPECT_TRUE(std::filesystem::exists(root_ + "/" + path));
  EXPECT_THAT(ReadTable(fs_.get(), root_, 2).ValueOrDie(), ContainerEq(Rows(1, 30)));
}

TEST_F(OptimizeTest, WhereOnAPartitionColumnRestrictsThePartitions) {
  MakeThreeAppends();
  OptimizeOptions options = Optimizing();
  options.where = "p = 'a'";
  ASSERT_OK_AND_ASSIGN(OptimizeResult result, Optimize(fs_.get(), root_, options));
  EXPECT_EQ(result.version, 3);
  EXPECT_EQ(result.partitions_optimized, 1);
  EXPECT_EQ(result.files_removed, 3);
  EXPECT_EQ(result.files_added, 1);
  const std::map<std::string, int> only_a = {{"NULL", 3}, {"a", 1}, {"b", 3}};
  EXPECT_EQ(FilesPerPartition(*Load()), only_a);
  for (const RemoveFile& remove : ActionsOf<RemoveFile>(CommitActions(fs_.get(), root_, 3))) {
    EXPECT_EQ(remove.partition_values->at("p"), "a") << remove.path;
  }

  // The null partition is selected by IS NULL, and by nothing that compares values.
  options.where = "p IS NULL";
  ASSERT_OK_AND_ASSIGN(result, Optimize(fs_.get(), root_, options));
  EXPECT_EQ(result.version, 4);
  const std::map<std::string, int> a_and_null = {{"NULL", 1}, {"a", 1}, {"b", 3}};
  EXPECT_EQ(FilesPerPartition(*Load()), a_and_null);
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(1, 30)));
}

TEST_F(OptimizeTest, WhereOnANonPartitionColumnIsInvalid) {
  MakeThreeAppends();
  OptimizeOptions options = Optimizing();
  options.where = "p = 'a' AND id > 3";
  Result<OptimizeResult> result = Optimize(fs_.get(), root_, options);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalid()) << result.status().ToString();
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("'id'"));
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("not a partition column"));
  EXPECT_FALSE(CommitExists(3));
  // A malformed predicate is invalid too, and says it is the --where.
  options.where = "p = ";
  result = Optimize(fs_.get(), root_, options);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalid()) << result.status().ToString();
  EXPECT_THAT(result.status().ToString(), HasSubstr("--where"));
}

TEST_F(OptimizeTest, NothingToCompactCommitsNothing) {
  MakeThreeAppends();
  ASSERT_OK(Optimize(fs_.get(), root_, Optimizing()).status());
  const std::set<std::string> files = ParquetFiles();
  ASSERT_OK_AND_ASSIGN(OptimizeResult again, Optimize(fs_.get(), root_, Optimizing()));
  EXPECT_EQ(again.version, -1);
  EXPECT_EQ(again.files_removed, 0);
  EXPECT_EQ(again.files_added, 0);
  EXPECT_EQ(again.partitions_optimized, 0);
  EXPECT_FALSE(CommitExists(4));
  EXPECT_EQ(ParquetFiles(), files);  // No data file was left behind either.
}

TEST_F(OptimizeTest, FilesAtOrAboveTheTargetAreLeftAlone) {
  TableWriteOptions options = Options();
  options.partition_columns.clear();
  // Ids 1..20000 scrambled (7919 is prime to 20000), so the file does not
  // compress to almost nothing.
  std::vector<int64_t> scrambled;
  for (int64_t i = 0; i < 20000; ++i) scrambled.push_back(i * 7919 % 20000 + 1);
  ASSERT_OK(WriteBatch(fs_.get(), root_, Batch(scrambled), options).status());
  ASSERT_OK(WriteBatch(fs_.get(), root_, Batch(20001, 20001), options).status());
  ASSERT_OK(WriteBatch(fs_.get(), root_, Batch(20002, 20002), options).status());
  std::shared_ptr<const Snapshot> before = Load();
  ASSERT_EQ(before->files().size(), 3U);
  const AddFile big = before->files()[0];
  ASSERT_GT(big.size, before->files()[1].size + before->files()[2].size);

  OptimizeOptions optimize = Optimizing();
  optimize.target_file_bytes = big.size;  // Exactly at the target: not small.
  ASSERT_OK_AND_ASSIGN(OptimizeResult result, Optimize(fs_.get(), root_, optimize));
  EXPECT_EQ(result.version, 3);
  EXPECT_EQ(result.files_removed, 2);
  EXPECT_EQ(result.files_added, 1);
  EXPECT_EQ(result.rows, 2);
  std::shared_ptr<const Snapshot> after = Load();
  ASSERT_EQ(after->files().size(), 2U);
  EXPECT_TRUE(LivePaths(*after).contains(big.path));
  for (const RemoveFile& remove : ActionsOf<RemoveFile>(CommitActions(fs_.get(), root_, 3))) {
    EXPECT_NE(remove.path, big.path);
  }
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(1, 20002)));

  // With every file at or above the target there is nothing to do.
  optimize.target_file_bytes = 1;
  ASSERT_OK_AND_ASSIGN(result, Optimize(fs_.get(), root_, optimize));
  EXPECT_EQ(result.version, -1);
  EXPECT_FALSE(CommitExists(4));
}

TEST_F(OptimizeTest, AppliesADeletionVector) {
  testing::CopyTree(testing::DeltaFixture("table-with-dv-small"), root_);
  ASSERT_EQ(ReadTable(fs_.get(), root_).ValueOrDie(), testing::Range(1, 8));
  ASSERT_OK_AND_ASSIGN(OptimizeResult result, Optimize(fs_.get(), root_, Optimizing()));
  EXPECT_EQ(result.version, 2);
  EXPECT_EQ(result.files_removed, 1);
  EXPECT_EQ(result.files_added, 1);
  EXPECT_EQ(result.rows, 8);
  std::shared_ptr<const Snapshot> after = Load();
  ASSERT_EQ(after->files().size(), 1U);
  EXPECT_FALSE(after->files()[0].deletion_vector.has_value());
  EXPECT_THAT(after->files()[0].stats.value_or(""), HasSubstr("\"numRecords\":8"));
  EXPECT_EQ(ReadTable(fs_.get(), root_).ValueOrDie(), testing::Range(1, 8));
  // The remove names the file with its deletion vector, so it matches the live entry.
  const std::vector<RemoveFile> removes = ActionsOf<RemoveFile>(CommitActions(fs_.get(), root_, 2));
  ASSERT_EQ(removes.size(), 1U);
  EXPECT_TRUE(removes[0].deletion_vector.has_value());
  EXPECT_FALSE(removes[0].data_change);
  // Version 1 still reads through its deletion vector.
  EXPECT_EQ(ReadTable(fs_.get(), root_, 1).ValueOrDie(), testing::Range(1, 8));
}

TEST_F(OptimizeTest, CompactsAnAppendOnlyTable) {
  MakeThreeAppends();
  ASSERT_OK_AND_ASSIGN(auto txn, Transaction::Begin(fs_.get(), root_, {.clock = &clock_}));
  Metadata metadata = txn->read_snapshot()->metadata();
  metadata.configuration["delta.appendOnly"] = "true";
  txn->SetMetadata(metadata);
  ASSERT_OK(txn->Commit({"SET TBLPROPERTIES", {}, {}}).status());
  // Its removes change no data, which an append-only table allows.
  ASSERT_OK_AND_ASSIGN(OptimizeResult result, Optimize(fs_.get(), root_, Optimizing()));
  EXPECT_EQ(result.version, 4);
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(1, 30)));
}

// ------------------------------------------------------------ concurrency

TEST_F(OptimizeTest, AConcurrentBlindAppendDoesNotConflict) {
  MakeThreeAppends();
  InterleavingFileSystem interleaved(fs_.get(), [&] {
    Result<TableWriteResult> append = WriteBatch(fs_.get(), root_, Batch(31, 40), Options());
    ASSERT_TRUE(append.ok()) << append.status().ToString();
    EXPECT_EQ(append->version, 3);
  });
  ASSERT_OK_AND_ASSIGN(OptimizeResult result, Optimize(&interleaved, root_, Optimizing()));
  ASSERT_TRUE(interleaved.fired());
  EXPECT_EQ(result.version, 4);  // Retried after the append took version 3.
  EXPECT_EQ(result.files_removed, 9);

  std::shared_ptr<const Snapshot> appended = Load(3);
  std::set<std::string> appended_files = LivePaths(*appended);
  for (const std::string& path : LivePaths(*Load(2))) appended_files.erase(path);
  ASSERT_EQ(appended_files.size(), 3U);
  std::shared_ptr<const Snapshot> after = Load();
  for (const std::string& path : appended_files) EXPECT_TRUE(LivePaths(*after).contains(path));
  for (const RemoveFile& remove : ActionsOf<RemoveFile>(CommitActions(fs_.get(), root_, 4))) {
    EXPECT_FALSE(appended_files.contains(remove.path)) << remove.path;
  }
  // Old rows and appended rows, each exactly once.
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(1, 40)));
  const std::vector<CommitInfo> infos = ActionsOf<CommitInfo>(CommitActions(fs_.get(), root_, 4));
  ASSERT_EQ(infos.size(), 1U);
  EXPECT_THAT(infos[0].json, HasSubstr("\"readVersion\":2"));
}

TEST_F(OptimizeTest, AConcurrentOverwriteOfTheCompactedFilesConflicts) {
  MakeThreeAppends();
  InterleavingFileSystem interleaved(fs_.get(), [&] {
    Result<TableWriteResult> overwrite =
        WriteBatch(fs_.get(), root_, Batch(100, 102), Options(TableWriteMode::kOverwrite));
    ASSERT_TRUE(overwrite.ok()) << overwrite.status().ToString();
  });
  Result<OptimizeResult> result = Optimize(&interleaved, root_, Optimizing());
  ASSERT_TRUE(interleaved.fired());
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsConflict()) << result.status().ToString();
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("concurrent commit 3"));
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("which this transaction read"));
  EXPECT_FALSE(CommitExists(4));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(100, 102)));
  // The compacted files optimize wrote were deleted: every data file is one
  // some version added.
  std::set<std::string> ever_added;
  for (int64_t version = 0; version <= 3; ++version) {
    for (const AddFile& add : ActionsOf<AddFile>(CommitActions(fs_.get(), root_, version)))
      ever_added.insert(add.path);
  }
  EXPECT_EQ(ParquetFiles(), ever_added);
}

// The same interleaving at the transaction level: an optimize-like
// transaction that read and removes files (dataChange=false) against a
// concurrent append (no conflict) and a concurrent delete of one of them.
TEST_F(OptimizeTest, TransactionThatReadFilesConflictsOnlyWithTheirRemoval) {
  MakeThreeAppends();
  for (bool removed_concurrently : {false, true}) {
    std::shared_ptr<const Snapshot> read = Load();
    const AddFile victim = read->files().front();
    ASSERT_OK_AND_ASSIGN(auto optimize, Transaction::Begin(fs_.get(), root_, {.clock = &clock_}));
    optimize->ReadFile(victim.path);
    RemoveFile remove{.path = victim.path, .deletion_timestamp = 1, .data_change = false};
    remove.partition_values = victim.partition_values;
    optimize->RemoveFile(remove);

    ASSERT_OK_AND_ASSIGN(auto other, Transaction::Begin(fs_.get(), root_, {.clock = &clock_}));
    if (removed_concurrently) {
      other->RemoveFile({.path = victim.path, .deletion_timestamp = 1, .data_change = true});
    } else {
      AddFile add = victim;
      add.path = "p=a/appended.parquet";
      other->AddFile(add);
    }
    ASSERT_OK(other->Commit({"WRITE", {}, {}}).status());
    Result<int64_t> version = optimize->Commit({"OPTIMIZE", {}, {}});
    if (removed_concurrently) {
      ASSERT_FALSE(version.ok());
      EXPECT_TRUE(version.status().IsConflict()) << version.status().ToString();
      EXPECT_THAT(std::string(version.status().message()), HasSubstr(victim.path));
    } else {
      ASSERT_OK(version.status());
      EXPECT_EQ(optimize->attempts(), 2);
    }
  }
}

TEST_F(OptimizeTest, RestoreConflictsWithAConcurrentAppend) {
  MakeThreeAppends();
  InterleavingFileSystem interleaved(fs_.get(), [&] {
    ASSERT_OK(WriteBatch(fs_.get(), root_, Batch(31, 31), Options()).status());
  });
  Result<RestoreResult> result = Restore(&interleaved, root_, 0, {.clock = &clock_});
  ASSERT_TRUE(interleaved.fired());
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsConflict()) << result.status().ToString();
  EXPECT_FALSE(CommitExists(4));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(Rows(1, 31)));
}

// ------------------------------------------------------------ ParseRetention

TEST(ParseRetentionTest, ParsesShortAndIntervalForms) {
  constexpr int64_t kMinute = 60 * 1000;
  constexpr int64_t kHour = 60 * kMinute;
  constexpr int64_t kDay = 24 * kHour;
  const std::pair<std::string_view, int64_t> cases[] = {
      {"168h", 168 * kHour},
      {"7d", 7 * kDay},
      {"30m", 30 * kMinute},
      {"0h", 0},
      {"interval 1 week", 7 * kDay},
      {"interval 2 weeks", 14 * kDay},
      {"interval 2 hours", 2 * kHour},
      {"interval 1 hour", kHour},
      {"interval 7 days", 7 * kDay},
      {"interval 30 minutes", 30 * kMinute},
      {"interval 90 seconds", 90 * 1000},
      {"interval 500 milliseconds", 500},
      {"250ms", 250},
      {"45s", 45 * 1000},
      {"INTERVAL 7 DAYS", 7 * kDay},  // Spark writes and reads intervals case-insensitively.
  };
  for (const auto& [text, expected] : cases) {
    Result<int64_t> parsed = ParseRetention(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    EXPECT_EQ(*parsed, expected) << text;
  }
}

TEST(ParseRetentionTest, RefusesWhatIsNotARetention) {
  for (std::string_view text :
       {"", "h", "7", "-1h", "1.5h", "7 fortnights", "interval", "interval 1", "7hh", "d7",
        "99999999999999999999h", "9223372036854775807h", "interval 9223372036854775807 weeks"}) {
    Result<int64_t> parsed = ParseRetention(text);
    ASSERT_FALSE(parsed.ok()) << "'" << text << "' parsed as " << *parsed;
    EXPECT_TRUE(parsed.status().IsInvalid()) << text << ": " << parsed.status().ToString();
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("'" + std::string(text) + "'"));
  }
}

}  // namespace
}  // namespace strata::delta
