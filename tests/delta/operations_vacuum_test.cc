// Tests of Vacuum and Restore (delta/operations.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "delta/operations.h"
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IdBatch;
using testing::IdRows;
using ::testing::IsEmpty;
using testing::LivePaths;
using testing::ReadTable;
using testing::SetMtimeMs;
using testing::WriteBatch;
using testing::WriteText;

constexpr int64_t kT0 = 1700000000000;  // ms
constexpr int64_t kHour = int64_t{3600} * 1000;
constexpr int64_t kDay = 24 * kHour;

std::string Message(const Status& status) { return std::string(status.message()); }

class MaintenanceTest : public ::testing::Test {
 protected:
  TableWriteOptions Options(TableWriteMode mode = TableWriteMode::kAppend) {
    TableWriteOptions options;
    options.mode = mode;
    options.transaction.clock = &clock_;
    return options;
  }

  void SetClock(int64_t unix_ms) { clock_.Advance(unix_ms * 1000 - clock_.NowUnixMicros()); }

  std::shared_ptr<const Snapshot> Load(std::optional<int64_t> version = std::nullopt) {
    Result<std::shared_ptr<const Snapshot>> snapshot =
        Snapshot::Load(fs_.get(), root_, SnapshotOptions{.version = version});
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return snapshot.ok() ? *snapshot : nullptr;
  }

  // Version 0 (at kT0) holds ids 1-3 in file `a_`; version 1 (at kT0 + 1h)
  // overwrites them with ids 4-6 in file `b_`, removing `a_`.
  void MakeOverwrittenTable() {
    ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()).status());
    a_ = root_ + "/" + Load()->files().at(0).path;
    SetClock(kT0 + kHour);
    ASSERT_OK(
        WriteBatch(fs_.get(), root_, IdBatch(4, 6), Options(TableWriteMode::kOverwrite)).status());
    b_ = root_ + "/" + Load()->files().at(0).path;
    ASSERT_NE(a_, b_);
  }

  // Sets the mtime of every file under the table to `unix_ms`.
  void AgeAllFiles(int64_t unix_ms) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_)) {
      if (entry.is_regular_file()) SetMtimeMs(entry.path().string(), unix_ms);
    }
  }

  // Commits a metaData change setting a table property.
  void SetProperty(const std::string& key, const std::string& value) {
    ASSERT_OK_AND_ASSIGN(auto txn, Transaction::Begin(fs_.get(), root_, {.clock = &clock_}));
    Metadata metadata = txn->read_snapshot()->metadata();
    metadata.configuration[key] = value;
    txn->SetMetadata(metadata);
    ASSERT_OK(txn->Commit({"SET TBLPROPERTIES", {}, {}}).status());
  }

  Result<VacuumResult> RunVacuum(VacuumOptions options = {}) {
    if (options.clock == nullptr) options.clock = &clock_;
    return Vacuum(fs_.get(), root_, options);
  }

  bool CommitExists(int64_t version) const {
    return std::filesystem::exists(root_ + "/_delta_log/" + CommitName(version));
  }

  static bool Exists(const std::string& path) { return std::filesystem::exists(path); }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_ = dir_.Join("table");
  ManualClock clock_{kT0 * 1000};
  std::string a_;  // Absolute paths of MakeOverwrittenTable's files.
  std::string b_;
};

// ------------------------------------------------------------------ vacuum

TEST_F(MaintenanceTest, VacuumDeletesRemovedFilesOnlyAfterTheRetention) {
  MakeOverwrittenTable();
  const std::vector<std::string> hidden = {root_ + "/_rejected/input.rejected.csv",
                                           root_ + "/.hidden",
                                           root_ + "/_x",
                                           root_ + "/sub/.strata-tmp-1",
                                           root_ + "/sub/_y/z.parquet",
                                           root_ + "/_strata/inputs/abc.json"};
  for (const std::string& path : hidden) WriteText(path, "x");
  const std::string orphan = root_ + "/orphan.parquet";    // A failed write, long ago.
  const std::string in_progress = root_ + "/new.parquet";  // A write not committed yet.
  WriteText(orphan, "orphan bytes");
  WriteText(in_progress, "x");
  AgeAllFiles(kT0 - 30 * kDay);
  SetMtimeMs(in_progress, kT0 + 10 * kDay);

  // One day after the overwrite, `a_` is still needed by time travel.
  SetClock(kT0 + kHour + kDay);
  ASSERT_OK_AND_ASSIGN(VacuumResult dry, RunVacuum({.dry_run = true}));
  EXPECT_THAT(dry.deleted, ElementsAre(orphan));
  EXPECT_EQ(dry.bytes, static_cast<int64_t>(std::filesystem::file_size(orphan)));
  EXPECT_TRUE(Exists(orphan));
  ASSERT_OK_AND_ASSIGN(VacuumResult first, RunVacuum());
  EXPECT_THAT(first.deleted, ElementsAre(orphan));
  EXPECT_FALSE(Exists(orphan));
  EXPECT_TRUE(Exists(a_));

  // Eight days after it, the tombstone has expired.
  SetClock(kT0 + kHour + 8 * kDay);
  const auto a_size = static_cast<int64_t>(std::filesystem::file_size(a_));
  ASSERT_OK_AND_ASSIGN(dry, RunVacuum({.dry_run = true}));
  EXPECT_THAT(dry.deleted, ElementsAre(a_));
  EXPECT_EQ(dry.bytes, a_size);
  EXPECT_TRUE(Exists(a_));
  ASSERT_OK_AND_ASSIGN(VacuumResult second, RunVacuum());
  EXPECT_THAT(second.deleted, ElementsAre(a_));
  EXPECT_EQ(second.bytes, a_size);
  EXPECT_FALSE(Exists(a_));

  // Never deleted: the live file (old as it is), the log, hidden names, and
  // the file younger than the retention.
  EXPECT_TRUE(Exists(b_));
  EXPECT_TRUE(Exists(in_progress));
  for (const std::string& path : hidden) EXPECT_TRUE(Exists(path)) << path;
  EXPECT_TRUE(Exists(root_ + "/_delta_log/" + CommitName(0)));
  EXPECT_TRUE(Exists(root_ + "/_delta_log/" + CommitName(1)));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(IdRows(4, 6)));
  ASSERT_OK_AND_ASSIGN(VacuumResult third, RunVacuum());
  EXPECT_THAT(third.deleted, IsEmpty());
}

TEST_F(MaintenanceTest, VacuumBelowTheTableRetentionNeedsForce) {
  MakeOverwrittenTable();
  AgeAllFiles(kT0 - 30 * kDay);
  SetClock(kT0 + 3 * kHour);
  Result<VacuumResult> refused = RunVacuum({.retain_ms = kHour});
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalid()) << refused.status().ToString();
  EXPECT_THAT(Message(refused.status()), HasSubstr("1 h is below the table's 168 h"));
  EXPECT_THAT(Message(refused.status()), HasSubstr("delta.deletedFileRetentionDuration"));
  EXPECT_THAT(Message(refused.status()), HasSubstr("--force"));
  EXPECT_TRUE(Exists(a_));
  // The table's own retention needs no force (and keeps `a_`).
  ASSERT_OK_AND_ASSIGN(VacuumResult same, RunVacuum({.retain_ms = 168 * kHour}));
  EXPECT_THAT(same.deleted, IsEmpty());
  ASSERT_OK_AND_ASSIGN(VacuumResult forced, RunVacuum({.retain_ms = kHour, .force = true}));
  EXPECT_THAT(forced.deleted, ElementsAre(a_));
  EXPECT_FALSE(Exists(a_));
}

TEST_F(MaintenanceTest, VacuumHonoursTheTableRetentionProperty) {
  MakeOverwrittenTable();
  SetProperty("delta.deletedFileRetentionDuration", "interval 2 hours");
  AgeAllFiles(kT0 - 30 * kDay);
  SetClock(kT0 + 2 * kHour);  // `a_` was removed an hour ago.
  Result<VacuumResult> refused = RunVacuum({.retain_ms = kHour});
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(Message(refused.status()), HasSubstr("1 h is below the table's 2 h"));
  ASSERT_OK_AND_ASSIGN(VacuumResult kept, RunVacuum());
  EXPECT_THAT(kept.deleted, IsEmpty());
  SetClock(kT0 + 3 * kHour + 1);
  ASSERT_OK_AND_ASSIGN(VacuumResult deleted, RunVacuum());
  EXPECT_THAT(deleted.deleted, ElementsAre(a_));
}

TEST_F(MaintenanceTest, VacuumWithAMalformedTableRetentionIsInvalid) {
  MakeOverwrittenTable();
  SetProperty("delta.deletedFileRetentionDuration", "soon");
  Result<VacuumResult> result = RunVacuum();
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalid()) << result.status().ToString();
  EXPECT_THAT(result.status().ToString(), HasSubstr("'soon'"));
  EXPECT_TRUE(Exists(a_));
}

TEST_F(MaintenanceTest, VacuumKeepsTheDeletionVectorsOfLiveFiles) {
  testing::CopyTree(testing::DeltaFixture("table-with-dv-small"), root_);
  const std::string data =
      root_ + "/part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet";
  const std::string dv = root_ + "/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
  ASSERT_TRUE(Exists(data) && Exists(dv));
  // The fixture's remove of `data` (without a DV) is years old; its add with one is live.
  const int64_t now = Clock::System()->NowUnixMicros() / 1000;
  SetClock(now + 30 * kDay);
  ASSERT_OK_AND_ASSIGN(VacuumResult none, RunVacuum());
  EXPECT_THAT(none.deleted, IsEmpty());

  // After optimize applied the DV, both go once the retention has passed.
  SetClock(now);
  OptimizeOptions optimize;
  optimize.transaction.clock = &clock_;
  ASSERT_OK(Optimize(fs_.get(), root_, optimize).status());
  AgeAllFiles(now - kDay);
  SetClock(now + kDay);  // The tombstone (DV included) still protects them.
  ASSERT_OK_AND_ASSIGN(VacuumResult kept, RunVacuum());
  EXPECT_THAT(kept.deleted, IsEmpty());
  SetClock(now + 8 * kDay);
  ASSERT_OK_AND_ASSIGN(VacuumResult both, RunVacuum());
  EXPECT_THAT(both.deleted, ElementsAre(dv, data));
  EXPECT_EQ(ReadTable(fs_.get(), root_).ValueOrDie(), testing::Range(1, 8));
}

TEST_F(MaintenanceTest, VacuumMatchesEscapedPartitionDirectories) {
  for (const char* column : {"p", "_p"}) {
    SCOPED_TRACE(column);
    const std::string root = root_ + "-" + column;
    TableWriteOptions options = Options();
    options.partition_columns = {column};
    const std::vector<std::optional<std::string>> values = {"x y", "50%", "a/b", "_u", "n=1"};
    auto batch = testing::MakeBatch({Field("id", Int64()), Field(column, String())},
                                    {testing::Longs({1, 2, 3, 4, 5}), testing::Strings(values)});
    SetClock(kT0);
    ASSERT_OK(WriteBatch(fs_.get(), root, batch, options).status());
    std::set<std::string> written;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().string().ends_with(".parquet"))
        written.insert(entry.path().string());
    }
    ASSERT_EQ(written.size(), 5U);
    for (const std::string& path : written) SetMtimeMs(path, kT0 - 30 * kDay);
    SetClock(kT0 + 30 * kDay);
    VacuumOptions vacuum{.retain_ms = 0, .force = true, .clock = &clock_};
    ASSERT_OK_AND_ASSIGN(VacuumResult live, Vacuum(fs_.get(), root, vacuum));
    EXPECT_THAT(live.deleted, IsEmpty());  // Every file is live.

    // Once overwritten and expired, all five go, whatever their directory names.
    options.mode = TableWriteMode::kOverwrite;
    ASSERT_OK(WriteBatch(fs_.get(), root, batch, options).status());
    SetClock(kT0 + 31 * kDay);
    ASSERT_OK_AND_ASSIGN(VacuumResult removed, Vacuum(fs_.get(), root, vacuum));
    EXPECT_EQ(std::set<std::string>(removed.deleted.begin(), removed.deleted.end()), written);
    std::vector<std::string> rows = ReadTable(fs_.get(), root).ValueOrDie();
    EXPECT_EQ(rows.size(), 5U);
  }
}

TEST_F(MaintenanceTest, VacuumChecksTheWriterProtocol) {
  testing::WriteCommit(
      root_, 0,
      {R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,)"
       R"("readerFeatures":["vacuumProtocolCheck"],)"
       R"("writerFeatures":["vacuumProtocolCheck","someFutureFeature"]}})",
       testing::MetadataLine(
           R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})")});
  const std::string orphan = root_ + "/orphan.parquet";
  WriteText(orphan, "x");
  SetMtimeMs(orphan, kT0 - 30 * kDay);
  Result<VacuumResult> result = RunVacuum();
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotImplemented()) << result.status().ToString();
  EXPECT_THAT(Message(result.status()), HasSubstr("someFutureFeature"));
  EXPECT_TRUE(Exists(orphan));
}

TEST_F(MaintenanceTest, VacuumOfAMissingTableIsNotFound) {
  Result<VacuumResult> result = RunVacuum();
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotFound()) << result.status().ToString();
}

// ----------------------------------------------------------------- restore

TEST_F(MaintenanceTest, RestoreReturnsToTheFilesAndRowsOfAVersion) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()).status());
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(4, 6), Options()).status());
  ASSERT_OK(
      WriteBatch(fs_.get(), root_, IdBatch(10, 12), Options(TableWriteMode::kOverwrite)).status());
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(13, 13), Options()).status());
  ASSERT_OK_AND_ASSIGN(RestoreResult result, Restore(fs_.get(), root_, 1, {.clock = &clock_}));
  EXPECT_EQ(result.version, 4);
  EXPECT_EQ(result.files_added, 2);
  EXPECT_EQ(result.files_removed, 2);
  EXPECT_EQ(LivePaths(*Load()), LivePaths(*Load(1)));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(IdRows(1, 6)));
  EXPECT_THAT(ReadTable(fs_.get(), root_, 3).ValueOrDie(),
              ContainerEq(testing::Sorted({"10|n10", "11|n11", "12|n12", "13|n13"})));

  const std::vector<Action> actions = CommitActions(fs_.get(), root_, 4);
  ASSERT_EQ(ActionsOf<CommitInfo>(actions).size(), 1U);
  const CommitInfo info = ActionsOf<CommitInfo>(actions)[0];
  EXPECT_EQ(info.operation, "RESTORE");
  EXPECT_EQ(info.operation_parameters->at("version"), "1");
  EXPECT_EQ(info.operation_metrics->at("numRestoredFiles"), "2");
  EXPECT_EQ(info.operation_metrics->at("numRemovedFiles"), "2");
  for (const AddFile& add : ActionsOf<AddFile>(actions)) EXPECT_TRUE(add.data_change);
  for (const RemoveFile& remove : ActionsOf<RemoveFile>(actions)) EXPECT_TRUE(remove.data_change);
  EXPECT_TRUE(ActionsOf<Metadata>(actions).empty());  // Same schema: no metaData.

  // Restoring the latest version again changes nothing.
  ASSERT_OK_AND_ASSIGN(result, Restore(fs_.get(), root_, 4, {.clock = &clock_}));
  EXPECT_EQ(result.files_added, 0);
  EXPECT_EQ(result.files_removed, 0);
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(IdRows(1, 6)));
}

TEST_F(MaintenanceTest, RestoreOfAVersionOutsideTheLogIsNotFound) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()).status());
  Result<RestoreResult> result = Restore(fs_.get(), root_, 7, {.clock = &clock_});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotFound()) << result.status().ToString();
  EXPECT_FALSE(CommitExists(1));
}

TEST_F(MaintenanceTest, RestoreAfterVacuumNamesTheMissingFile) {
  MakeOverwrittenTable();
  AgeAllFiles(kT0 - 30 * kDay);
  SetClock(kT0 + 10 * kDay);
  ASSERT_OK_AND_ASSIGN(VacuumResult vacuumed, RunVacuum());
  ASSERT_THAT(vacuumed.deleted, ElementsAre(a_));
  Result<RestoreResult> result = Restore(fs_.get(), root_, 0, {.clock = &clock_});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotFound()) << result.status().ToString();
  EXPECT_THAT(Message(result.status()), HasSubstr(a_));
  EXPECT_THAT(Message(result.status()), HasSubstr("version 0"));
  EXPECT_FALSE(CommitExists(2));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(IdRows(4, 6)));
}

TEST_F(MaintenanceTest, RestoreBringsBackTheOldSchema) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()).status());
  const std::string old_schema = Load()->schema()->ToString();
  TableWriteOptions merge = Options();
  merge.merge_schema = true;
  auto wider =
      testing::MakeBatch({Field("id", Int64()), Field("name", String()), Field("extra", Int64())},
                         {testing::Longs({4}), testing::Strings({"n4"}), testing::Longs({40})});
  ASSERT_OK(WriteBatch(fs_.get(), root_, wider, merge).status());
  ASSERT_NE(Load()->schema()->ToString(), old_schema);

  ASSERT_OK_AND_ASSIGN(RestoreResult result, Restore(fs_.get(), root_, 0, {.clock = &clock_}));
  EXPECT_EQ(result.version, 2);
  EXPECT_EQ(Load()->schema()->ToString(), old_schema);
  EXPECT_EQ(ActionsOf<Metadata>(CommitActions(fs_.get(), root_, 2)).size(), 1U);
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(IdRows(1, 3)));

  // And forward again: the wider schema and its row return.
  ASSERT_OK(Restore(fs_.get(), root_, 1, {.clock = &clock_}).status());
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(),
              ContainerEq(testing::Sorted({"1|n1|NULL", "2|n2|NULL", "3|n3|NULL", "4|n4|40"})));
}

TEST_F(MaintenanceTest, RestoreUndoesADeletionVector) {
  testing::CopyTree(testing::DeltaFixture("table-with-dv-small"), root_);
  // Version 1 deleted rows 0 and 9 with a DV on the same file.
  ASSERT_OK_AND_ASSIGN(RestoreResult back, Restore(fs_.get(), root_, 0, {.clock = &clock_}));
  EXPECT_EQ(back.files_added, 1);
  EXPECT_EQ(back.files_removed, 1);
  EXPECT_EQ(ReadTable(fs_.get(), root_).ValueOrDie(), testing::Range(0, 9));
  ASSERT_EQ(Load()->files().size(), 1U);
  EXPECT_FALSE(Load()->files()[0].deletion_vector.has_value());

  ASSERT_OK(Restore(fs_.get(), root_, 1, {.clock = &clock_}).status());
  EXPECT_EQ(ReadTable(fs_.get(), root_).ValueOrDie(), testing::Range(1, 8));
  ASSERT_EQ(Load()->files().size(), 1U);
  EXPECT_TRUE(Load()->files()[0].deletion_vector.has_value());
}

TEST_F(MaintenanceTest, RestoreNamesAMissingDeletionVectorFile) {
  testing::CopyTree(testing::DeltaFixture("table-with-dv-small"), root_);
  OptimizeOptions optimize;
  optimize.transaction.clock = &clock_;
  ASSERT_OK(Optimize(fs_.get(), root_, optimize).status());
  const std::string dv = root_ + "/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin";
  ASSERT_TRUE(std::filesystem::remove(dv));
  Result<RestoreResult> result = Restore(fs_.get(), root_, 1, {.clock = &clock_});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotFound()) << result.status().ToString();
  EXPECT_THAT(Message(result.status()), HasSubstr(dv));
  EXPECT_FALSE(CommitExists(3));
}

TEST_F(MaintenanceTest, RestoreThatRemovesDataFromAnAppendOnlyTableIsRefused) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()).status());
  SetProperty("delta.appendOnly", "true");
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(4, 6), Options()).status());
  Result<RestoreResult> result = Restore(fs_.get(), root_, 0, {.clock = &clock_});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalid()) << result.status().ToString();
  EXPECT_THAT(Message(result.status()), HasSubstr("delta.appendOnly"));
  EXPECT_FALSE(CommitExists(3));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ContainerEq(IdRows(1, 6)));
}

}  // namespace
}  // namespace strata::delta
