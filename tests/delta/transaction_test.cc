#include "delta/transaction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <string>
#include <vector>

#include "delta/checkpoint.h"
#include "delta/write_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::CommitActions;
using testing::CommitLines;
using testing::CommitName;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int64_t kStartMicros = int64_t{1700000000000} * 1000;
constexpr int64_t kDayMs = int64_t{24} * 3600 * 1000;

const char kSchema[] =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"p","type":"string","nullable":true,"metadata":{}}]})";

Metadata TableMetadata(std::vector<std::string> partitions = {"p"}) {
  Metadata metadata;
  metadata.id = "5f0e1c8a-3b7d-4c2e-9a61-0d2b7e4f8c13";
  metadata.schema_string = kSchema;
  metadata.partition_columns = std::move(partitions);
  metadata.configuration["delta.appendOnly"] = "false";
  metadata.created_time = 1700000000000;
  return metadata;
}

AddFile Add(const std::string& path, std::optional<std::string> p = "x", int64_t rows = 1) {
  AddFile add;
  add.path = path;
  add.partition_values["p"] = std::move(p);
  add.size = 100 + static_cast<int64_t>(path.size());
  add.modification_time = 1700000000000;
  add.stats = R"({"numRecords":)" + std::to_string(rows) +
              R"(,"minValues":{"id":1},"maxValues":{"id":9},"nullCount":{"id":0}})";
  return add;
}

RemoveFile Remove(const std::string& path, int64_t timestamp_ms = 1700000000000) {
  RemoveFile remove;
  remove.path = path;
  remove.deletion_timestamp = timestamp_ms;
  remove.data_change = true;
  return remove;
}

class TransactionTest : public ::testing::Test {
 protected:
  std::unique_ptr<Transaction> Begin(TransactionOptions options = {}) {
    if (options.clock == nullptr) options.clock = &clock_;
    Result<std::unique_ptr<Transaction>> txn = Transaction::Begin(fs_.get(), root_, options);
    EXPECT_TRUE(txn.ok()) << txn.status().ToString();
    return txn.ok() ? std::move(txn).value() : nullptr;
  }

  // Version 0: protocol, metadata and file a (p = "x").
  void CreateTable(TransactionOptions options = {}) {
    std::unique_ptr<Transaction> txn = Begin(options);
    txn->SetProtocol(Protocol{});
    txn->SetMetadata(TableMetadata());
    txn->AddFile(Add("p=x/a.parquet"));
    ASSERT_OK_AND_ASSIGN(int64_t version, txn->Commit({"CREATE TABLE", {}, {}}));
    ASSERT_EQ(version, 0);
  }

  bool CommitExists(int64_t version) const {
    return std::filesystem::exists(root_ + "/_delta_log/" + CommitName(version));
  }

  std::shared_ptr<const Snapshot> Load(const std::string& root) {
    Result<std::shared_ptr<const Snapshot>> snapshot = Snapshot::Load(fs_.get(), root, {});
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return snapshot.ok() ? *snapshot : nullptr;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_ = dir_.Join("table");
  ManualClock clock_{kStartMicros};
};

TEST(CommitPathTest, IsTheTwentyDigitVersionUnderTheLog) {
  EXPECT_EQ(CommitPath("/data/t", 0), "/data/t/_delta_log/00000000000000000000.json");
  EXPECT_EQ(CommitPath("/data/t", 12345), "/data/t/_delta_log/00000000000000012345.json");
  EXPECT_EQ(CommitPath("t", 9223372036854775807), "t/_delta_log/09223372036854775807.json");
}

TEST_F(TransactionTest, BeginOnAMissingTableReadsNothingAndTrimsTheRoot) {
  ASSERT_OK_AND_ASSIGN(auto txn, Transaction::Begin(fs_.get(), root_ + "//", {}));
  EXPECT_EQ(txn->table_root(), root_);
  EXPECT_EQ(txn->read_snapshot(), nullptr);
  EXPECT_EQ(txn->read_version(), -1);
}

TEST_F(TransactionTest, FirstCommitCreatesVersionZero) {
  CreateTable();
  EXPECT_TRUE(CommitExists(0));
  EXPECT_FALSE(CommitExists(1));
  std::shared_ptr<const Snapshot> snapshot = Load(root_);
  ASSERT_NE(snapshot, nullptr);
  EXPECT_EQ(snapshot->version(), 0);
  EXPECT_EQ(snapshot->metadata().id, TableMetadata().id);
  EXPECT_EQ(snapshot->protocol().min_reader_version, 1);
  EXPECT_EQ(snapshot->protocol().min_writer_version, 2);
  ASSERT_EQ(snapshot->files().size(), 1U);
  EXPECT_EQ(snapshot->files()[0].path, "p=x/a.parquet");
  EXPECT_EQ(snapshot->files()[0].partition_values.at("p"), "x");
  // A transaction begun now reads version 0.
  EXPECT_EQ(Begin()->read_version(), 0);
}

TEST_F(TransactionTest, FirstCommitNeedsProtocolAndMetadata) {
  for (int variant = 0; variant < 3; ++variant) {
    std::unique_ptr<Transaction> txn = Begin();
    if (variant == 1) txn->SetProtocol(Protocol{});
    if (variant == 2) txn->SetMetadata(TableMetadata());
    txn->AddFile(Add("p=x/a.parquet"));
    Result<int64_t> version = txn->Commit({"WRITE", {}, {}});
    ASSERT_FALSE(version.ok()) << "variant " << variant;
    EXPECT_TRUE(version.status().IsInvalid()) << version.status().ToString();
    EXPECT_THAT(std::string(version.status().message()), HasSubstr("not a Delta table yet"));
    EXPECT_FALSE(CommitExists(0)) << "variant " << variant;
  }
}

TEST_F(TransactionTest, AddWithoutAValueForEveryPartitionColumnIsInvalid) {
  std::unique_ptr<Transaction> txn = Begin();
  txn->SetProtocol(Protocol{});
  txn->SetMetadata(TableMetadata());
  AddFile add = Add("a.parquet");
  add.partition_values.clear();
  txn->AddFile(add);
  Result<int64_t> version = txn->Commit({"WRITE", {}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsInvalid());
  EXPECT_THAT(std::string(version.status().message()), HasSubstr("a.parquet"));
  EXPECT_THAT(std::string(version.status().message()), HasSubstr("partition column p"));
  EXPECT_FALSE(CommitExists(0));
}

TEST_F(TransactionTest, BlindAppendsBegunOnTheSameVersionBothCommit) {
  CreateTable();
  std::unique_ptr<Transaction> first = Begin();
  std::unique_ptr<Transaction> second = Begin();
  ASSERT_EQ(first->read_version(), 0);
  ASSERT_EQ(second->read_version(), 0);
  first->AddFile(Add("p=x/b.parquet"));
  second->AddFile(Add("p=y/c.parquet", "y"));
  ASSERT_OK_AND_ASSIGN(int64_t v1, first->Commit({"WRITE", {}, {}}));
  ASSERT_OK_AND_ASSIGN(int64_t v2, second->Commit({"WRITE", {}, {}}));
  EXPECT_EQ(v1, 1);
  EXPECT_EQ(first->attempts(), 1);
  EXPECT_EQ(v2, 2);
  EXPECT_EQ(second->attempts(), 2);
  std::shared_ptr<const Snapshot> snapshot = Load(root_);
  ASSERT_NE(snapshot, nullptr);
  std::vector<std::string> paths;
  for (const AddFile& add : snapshot->files()) paths.push_back(add.path);
  EXPECT_THAT(paths, ElementsAre("p=x/a.parquet", "p=x/b.parquet", "p=y/c.parquet"));
  // The retried commit still says which version it read.
  const std::vector<CommitInfo> infos =
      testing::ActionsOf<CommitInfo>(CommitActions(fs_.get(), root_, 2));
  ASSERT_EQ(infos.size(), 1U);
  EXPECT_THAT(infos[0].json, HasSubstr("\"readVersion\":0"));
  EXPECT_THAT(infos[0].json, HasSubstr("\"isBlindAppend\":true"));
}

TEST_F(TransactionTest, GivesUpAfterMaxAttempts) {
  CreateTable();
  std::unique_ptr<Transaction> winner = Begin();
  std::unique_ptr<Transaction> loser = Begin(TransactionOptions{.max_attempts = 1});
  winner->AddFile(Add("p=x/b.parquet"));
  loser->AddFile(Add("p=x/c.parquet"));
  ASSERT_OK(winner->Commit({"WRITE", {}, {}}).status());
  Result<int64_t> version = loser->Commit({"WRITE", {}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict());
  EXPECT_THAT(std::string(version.status().message()), HasSubstr("gave up after 1 attempts"));
  EXPECT_FALSE(CommitExists(2));
}

TEST_F(TransactionTest, OverwriteConflictsWithAConcurrentAppend) {
  CreateTable();
  std::unique_ptr<Transaction> overwrite = Begin();
  std::unique_ptr<Transaction> append = Begin();
  overwrite->ReadWholeTable();
  overwrite->RemoveFile(Remove("p=x/a.parquet"));
  overwrite->AddFile(Add("p=x/new.parquet"));
  append->AddFile(Add("p=x/b.parquet"));
  ASSERT_OK_AND_ASSIGN(int64_t appended, append->Commit({"WRITE", {}, {}}));
  ASSERT_EQ(appended, 1);
  Result<int64_t> version = overwrite->Commit({"WRITE", {{"mode", "Overwrite"}}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict()) << version.status().ToString();
  const std::string message(version.status().message());
  EXPECT_THAT(message, HasSubstr("concurrent commit 1 "));
  EXPECT_THAT(message, HasSubstr("added data"));
  EXPECT_THAT(message, HasSubstr("read version 0"));
  EXPECT_FALSE(CommitExists(2));
  // The table is the append's.
  EXPECT_EQ(Load(root_)->files().size(), 2U);
}

TEST_F(TransactionTest, AppendAfterAConcurrentOverwriteStillCommits) {
  CreateTable();
  std::unique_ptr<Transaction> overwrite = Begin();
  std::unique_ptr<Transaction> append = Begin();
  overwrite->ReadWholeTable();
  overwrite->RemoveFile(Remove("p=x/a.parquet"));
  overwrite->AddFile(Add("p=x/new.parquet"));
  append->AddFile(Add("p=x/b.parquet"));
  ASSERT_OK(overwrite->Commit({"WRITE", {}, {}}).status());
  ASSERT_OK_AND_ASSIGN(int64_t version, append->Commit({"WRITE", {}, {}}));
  EXPECT_EQ(version, 2);
  std::shared_ptr<const Snapshot> snapshot = Load(root_);
  std::vector<std::string> paths;
  for (const AddFile& add : snapshot->files()) paths.push_back(add.path);
  EXPECT_THAT(paths, ElementsAre("p=x/new.parquet", "p=x/b.parquet"));
}

TEST_F(TransactionTest, RemovingTheSameFileTwiceConflicts) {
  CreateTable();
  std::unique_ptr<Transaction> first = Begin();
  std::unique_ptr<Transaction> second = Begin();
  first->RemoveFile(Remove("p=x/a.parquet"));
  second->RemoveFile(Remove("p=x/a.parquet"));
  second->AddFile(Add("p=x/rewritten.parquet"));
  ASSERT_OK(first->Commit({"DELETE", {}, {}}).status());
  Result<int64_t> version = second->Commit({"OPTIMIZE", {}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict());
  const std::string message(version.status().message());
  EXPECT_THAT(message, HasSubstr("concurrent commit 1 "));
  EXPECT_THAT(message, HasSubstr("also removed p=x/a.parquet"));
  EXPECT_FALSE(CommitExists(2));
}

TEST_F(TransactionTest, RemovingAFileTheTransactionReadConflicts) {
  CreateTable();
  std::unique_ptr<Transaction> reader = Begin();
  std::unique_ptr<Transaction> deleter = Begin();
  reader->ReadFile("p=x/a.parquet");
  reader->AddFile(Add("p=x/derived.parquet"));
  deleter->RemoveFile(Remove("p=x/a.parquet"));
  ASSERT_OK(deleter->Commit({"DELETE", {}, {}}).status());
  Result<int64_t> version = reader->Commit({"WRITE", {}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict());
  EXPECT_THAT(std::string(version.status().message()),
              HasSubstr("removed p=x/a.parquet, which this transaction read"));
}

TEST_F(TransactionTest, ConcurrentMetadataOrProtocolChangeConflicts) {
  CreateTable();
  {
    std::unique_ptr<Transaction> change = Begin();
    std::unique_ptr<Transaction> append = Begin();
    Metadata metadata = TableMetadata();
    metadata.configuration["delta.logRetentionDuration"] = "interval 7 days";
    change->SetMetadata(metadata);
    append->AddFile(Add("p=x/b.parquet"));
    ASSERT_OK_AND_ASSIGN(int64_t changed, change->Commit({"SET TBLPROPERTIES", {}, {}}));
    ASSERT_EQ(changed, 1);
    Result<int64_t> version = append->Commit({"WRITE", {}, {}});
    ASSERT_FALSE(version.ok());
    EXPECT_TRUE(version.status().IsConflict());
    EXPECT_THAT(std::string(version.status().message()),
                HasSubstr("concurrent commit 1 changed the table's metadata"));
  }
  {
    std::unique_ptr<Transaction> upgrade = Begin();
    std::unique_ptr<Transaction> append = Begin();
    upgrade->SetProtocol(Protocol{.min_reader_version = 1, .min_writer_version = 3});
    append->AddFile(Add("p=x/c.parquet"));
    ASSERT_OK(upgrade->Commit({"UPGRADE PROTOCOL", {}, {}}).status());
    Result<int64_t> version = append->Commit({"WRITE", {}, {}});
    ASSERT_FALSE(version.ok());
    EXPECT_TRUE(version.status().IsConflict());
    EXPECT_THAT(std::string(version.status().message()),
                HasSubstr("concurrent commit 2 changed the protocol"));
  }
  EXPECT_FALSE(CommitExists(3));
}

TEST_F(TransactionTest, SameApplicationIdConflictsAndOthersDoNot) {
  CreateTable();
  std::unique_ptr<Transaction> first = Begin();
  std::unique_ptr<Transaction> second = Begin();
  std::unique_ptr<Transaction> other = Begin();
  first->SetTxn(Txn{"stream-1", 7, 1700000000000});
  second->SetTxn(Txn{"stream-1", 8, 1700000000000});
  other->SetTxn(Txn{"stream-2", 1, 1700000000000});
  for (auto* txn : {first.get(), second.get(), other.get()})
    txn->AddFile(
        Add("p=x/f" + std::to_string(reinterpret_cast<uintptr_t>(txn) % 1000) + ".parquet"));
  ASSERT_OK(first->Commit({"STREAMING UPDATE", {}, {}}).status());
  Result<int64_t> version = second->Commit({"STREAMING UPDATE", {}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict());
  EXPECT_THAT(std::string(version.status().message()),
              HasSubstr("committed for application stream-1 too"));
  ASSERT_OK_AND_ASSIGN(int64_t other_version, other->Commit({"STREAMING UPDATE", {}, {}}));
  EXPECT_EQ(other_version, 2);
  std::shared_ptr<const Snapshot> snapshot = Load(root_);
  EXPECT_EQ(snapshot->TxnVersion("stream-1"), 7);
  EXPECT_EQ(snapshot->TxnVersion("stream-2"), 1);
}

TEST_F(TransactionTest, ConcurrentCreationConflicts) {
  std::unique_ptr<Transaction> first = Begin();
  std::unique_ptr<Transaction> second = Begin();
  for (auto* txn : {first.get(), second.get()}) {
    txn->SetProtocol(Protocol{});
    txn->SetMetadata(TableMetadata());
  }
  ASSERT_OK(first->Commit({"CREATE TABLE", {}, {}}).status());
  Result<int64_t> version = second->Commit({"CREATE TABLE", {}, {}});
  ASSERT_FALSE(version.ok());
  EXPECT_TRUE(version.status().IsConflict());
  EXPECT_THAT(std::string(version.status().message()),
              HasSubstr("concurrent commit 0 created the table"));
}

// commitInfo: the first line, with the fields history readers look for.
TEST_F(TransactionTest, CommitInfoIsTheFirstLine) {
  CreateTable();
  clock_.Advance(5000);
  std::unique_ptr<Transaction> txn = Begin();
  txn->SetTxn(Txn{"app", 3, 1700000000005});
  txn->AddFile(Add("p=x/b.parquet"));
  ASSERT_OK(
      txn->Commit({"WRITE", {{"mode", "Append"}, {"partitionBy", "[\"p\"]"}}, {{"numFiles", "1"}}})
          .status());
  for (int64_t version : {0, 1}) {
    const std::vector<std::string> lines = CommitLines(fs_.get(), root_, version);
    ASSERT_FALSE(lines.empty());
    simdjson::dom::parser parser;
    simdjson::dom::element line;
    ASSERT_EQ(parser.parse(lines[0]).get(line), simdjson::SUCCESS) << lines[0];
    simdjson::dom::object info;
    ASSERT_EQ(line["commitInfo"].get(info), simdjson::SUCCESS) << lines[0];
    int64_t timestamp = 0;
    ASSERT_EQ(info["timestamp"].get(timestamp), simdjson::SUCCESS);
    EXPECT_EQ(timestamp, (kStartMicros / 1000) + (version == 1 ? 5 : 0));
    std::string_view operation;
    ASSERT_EQ(info["operation"].get(operation), simdjson::SUCCESS);
    EXPECT_EQ(operation, version == 0 ? "CREATE TABLE" : "WRITE");
    simdjson::dom::object parameters;
    ASSERT_EQ(info["operationParameters"].get(parameters), simdjson::SUCCESS);
    for (auto [key, value] : parameters) EXPECT_TRUE(value.is_string()) << key;
    std::string_view engine;
    ASSERT_EQ(info["engineInfo"].get(engine), simdjson::SUCCESS);
    EXPECT_THAT(std::string(engine), StartsWith("strata/"));
    EXPECT_GT(engine.size(), 7U);
    bool blind = false;
    ASSERT_EQ(info["isBlindAppend"].get(blind), simdjson::SUCCESS);
    EXPECT_EQ(blind, version == 1);  // The create sets metadata.
    int64_t read_version = -1;
    EXPECT_EQ(info["readVersion"].get(read_version) == simdjson::SUCCESS, version == 1);
    if (version == 1) {
      EXPECT_EQ(read_version, 0);
      std::string_view mode;
      ASSERT_EQ(parameters["mode"].get(mode), simdjson::SUCCESS);
      EXPECT_EQ(mode, "Append");
      std::string_view files;
      ASSERT_EQ(info["operationMetrics"]["numFiles"].get(files), simdjson::SUCCESS);
      EXPECT_EQ(files, "1");
    }
    // Exactly one commitInfo, and no other line before it.
    int infos = 0;
    for (const std::string& text : lines) infos += text.starts_with("{\"commitInfo\":") ? 1 : 0;
    EXPECT_EQ(infos, 1);
  }
}

// Checkpoints -------------------------------------------------------------

// Everything a snapshot says, one line per item, sorted, with the
// dataChange of files left out (checkpoints restate files with false).
std::vector<std::string> Describe(const Snapshot& snapshot) {
  std::vector<std::string> out;
  out.push_back("version " + std::to_string(snapshot.version()));
  out.push_back(ToJson(snapshot.protocol()));
  out.push_back(ToJson(snapshot.metadata()));
  for (AddFile add : snapshot.files()) {
    add.data_change = false;
    out.push_back(ToJson(add));
  }
  for (RemoveFile remove : snapshot.tombstones()) {
    remove.data_change = false;
    out.push_back(ToJson(remove));
  }
  for (const auto& [app, txn] : snapshot.txns()) out.push_back(ToJson(txn));
  std::sort(out.begin(), out.end());
  return out;
}

class CheckpointTest : public TransactionTest {
 protected:
  // Versions 1..last: each adds a file (partition p cycling x, null, "a b"),
  // every third removes an older file, version 4 records app "stream".
  void Append(int64_t last, TransactionOptions options = {}) {
    for (int64_t v = Load(root_)->version() + 1; v <= last; ++v) {
      clock_.Advance(1000);
      std::unique_ptr<Transaction> txn = Begin(options);
      const std::optional<std::string> p = v % 3 == 0   ? std::optional<std::string>("x")
                                           : v % 3 == 1 ? std::nullopt
                                                        : std::optional<std::string>("a b");
      txn->AddFile(Add("f" + std::to_string(v) + ".parquet", p, v));
      if (v % 3 == 0)
        txn->RemoveFile(
            Remove("f" + std::to_string(v - 2) + ".parquet", clock_.NowUnixMicros() / 1000));
      if (v == 4) txn->SetTxn(Txn{"stream", 40, 1700000000004});
      ASSERT_OK_AND_ASSIGN(int64_t version, txn->Commit({"WRITE", {}, {}}));
      ASSERT_EQ(version, v);
    }
  }

  static std::string CheckpointName(int64_t version) {
    std::string digits = std::to_string(version);
    return std::string(20 - digits.size(), '0') + digits + ".checkpoint.parquet";
  }

  std::vector<int64_t> CheckpointVersions() const {
    std::vector<int64_t> versions;
    for (const auto& entry : std::filesystem::directory_iterator(root_ + "/_delta_log")) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".checkpoint.parquet")) versions.push_back(std::stoll(name.substr(0, 20)));
    }
    std::sort(versions.begin(), versions.end());
    return versions;
  }

  // The `_last_checkpoint` members.
  struct LastCheckpoint {
    int64_t version = -1;
    int64_t size = -1;
    int64_t size_in_bytes = -1;
    int64_t num_add_files = -1;
  };
  LastCheckpoint ReadLastCheckpoint() const {
    LastCheckpoint last;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::padded_string text;
    if (simdjson::padded_string::load(root_ + "/_delta_log/_last_checkpoint").get(text) !=
            simdjson::SUCCESS ||
        parser.parse(text).get(doc) != simdjson::SUCCESS) {
      ADD_FAILURE() << "cannot read _last_checkpoint as JSON";
      return last;
    }
    EXPECT_EQ(doc["version"].get(last.version), simdjson::SUCCESS);
    EXPECT_EQ(doc["size"].get(last.size), simdjson::SUCCESS);
    EXPECT_EQ(doc["sizeInBytes"].get(last.size_in_bytes), simdjson::SUCCESS);
    EXPECT_EQ(doc["numOfAddFiles"].get(last.num_add_files), simdjson::SUCCESS);
    return last;
  }
};

TEST_F(CheckpointTest, WrittenAtVersionTenByDefault) {
  CreateTable();
  Append(9);
  EXPECT_TRUE(CheckpointVersions().empty());
  EXPECT_FALSE(std::filesystem::exists(root_ + "/_delta_log/_last_checkpoint"));
  Append(11);
  EXPECT_THAT(CheckpointVersions(), ElementsAre(10));
  std::shared_ptr<const Snapshot> at10;
  ASSERT_OK_AND_ASSIGN(at10, Snapshot::Load(fs_.get(), root_, SnapshotOptions{.version = 10}));
  const LastCheckpoint last = ReadLastCheckpoint();
  EXPECT_EQ(last.version, 10);
  // protocol + metaData + one txn + live files + tombstones (all recent).
  const auto expected_size =
      static_cast<int64_t>(2 + 1 + at10->files().size() + at10->tombstones().size());
  EXPECT_EQ(last.size, expected_size);
  EXPECT_EQ(last.num_add_files, static_cast<int64_t>(at10->files().size()));
  EXPECT_EQ(last.size_in_bytes, static_cast<int64_t>(std::filesystem::file_size(
                                    root_ + "/_delta_log/" + CheckpointName(10))));
  ASSERT_OK_AND_ASSIGN(std::vector<Action> actions,
                       ReadParquetActions(fs_.get(), root_ + "/_delta_log/" + CheckpointName(10)));
  EXPECT_EQ(static_cast<int64_t>(actions.size()), expected_size);
  EXPECT_TRUE(testing::ActionsOf<CommitInfo>(actions).empty());
  for (const AddFile& add : testing::ActionsOf<AddFile>(actions))
    EXPECT_FALSE(add.data_change) << add.path;
}

TEST_F(CheckpointTest, TableIntervalAndOptionIntervalAreHonoured) {
  CreateTable(TransactionOptions{.checkpoint_interval = 2});
  Append(7, TransactionOptions{.checkpoint_interval = 2});
  EXPECT_THAT(CheckpointVersions(), ElementsAre(2, 4, 6));
  EXPECT_EQ(ReadLastCheckpoint().version, 6);

  // delta.checkpointInterval in the table configuration, when the option is 0.
  std::unique_ptr<Transaction> txn = Begin();
  Metadata metadata = TableMetadata();
  metadata.configuration["delta.checkpointInterval"] = "3";
  txn->SetMetadata(metadata);
  ASSERT_OK_AND_ASSIGN(int64_t version, txn->Commit({"SET TBLPROPERTIES", {}, {}}));
  ASSERT_EQ(version, 8);
  Append(12);
  EXPECT_THAT(CheckpointVersions(), ElementsAre(2, 4, 6, 9, 12));
  EXPECT_EQ(ReadLastCheckpoint().version, 12);
}

TEST_F(CheckpointTest, SnapshotFromTheCheckpointEqualsTheReplayedLog) {
  CreateTable();
  Append(10);
  ASSERT_THAT(CheckpointVersions(), ElementsAre(10));
  // Only the checkpoint (commits 0..10 gone) against only the JSON commits.
  const std::string from_checkpoint = dir_.Join("from-checkpoint");
  const std::string from_json = dir_.Join("from-json");
  std::filesystem::copy(root_, from_checkpoint, std::filesystem::copy_options::recursive);
  std::filesystem::copy(root_, from_json, std::filesystem::copy_options::recursive);
  for (int64_t v = 0; v <= 10; ++v)
    std::filesystem::remove(from_checkpoint + "/_delta_log/" + CommitName(v));
  std::filesystem::remove(from_json + "/_delta_log/" + CheckpointName(10));
  std::filesystem::remove(from_json + "/_delta_log/_last_checkpoint");

  std::shared_ptr<const Snapshot> a = Load(from_checkpoint);
  std::shared_ptr<const Snapshot> b = Load(from_json);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  // What the log should hold, derived from what Append wrote: files f1..f10
  // less f1, f4, f7 (removed at versions 3, 6, 9) plus a.
  EXPECT_EQ(b->files().size(), 8U);
  EXPECT_EQ(b->tombstones().size(), 3U);
  EXPECT_EQ(b->TxnVersion("stream"), 40);
  EXPECT_EQ(Describe(*a), Describe(*b));
  // Partition values (null and a space included) and stats survive as written.
  bool saw_null = false;
  bool saw_space = false;
  for (const AddFile& add : a->files()) {
    ASSERT_TRUE(add.partition_values.contains("p"));
    saw_null = saw_null || !add.partition_values.at("p");
    saw_space = saw_space || add.partition_values.at("p") == "a b";
    ASSERT_TRUE(add.stats.has_value());
    EXPECT_THAT(*add.stats, HasSubstr("\"numRecords\":"));
  }
  EXPECT_TRUE(saw_null);
  EXPECT_TRUE(saw_space);
}

TEST_F(CheckpointTest, TombstonesOlderThanAWeekAreLeftOut) {
  CreateTable();
  {
    std::unique_ptr<Transaction> txn = Begin();
    txn->RemoveFile(Remove("p=x/a.parquet", kStartMicros / 1000));
    ASSERT_OK(txn->Commit({"DELETE", {}, {}}).status());
  }
  clock_.Advance(8 * kDayMs * 1000);
  Append(10);
  ASSERT_THAT(CheckpointVersions(), ElementsAre(10));
  ASSERT_OK_AND_ASSIGN(std::vector<Action> actions,
                       ReadParquetActions(fs_.get(), root_ + "/_delta_log/" + CheckpointName(10)));
  std::vector<std::string> removed;
  for (const RemoveFile& remove : testing::ActionsOf<RemoveFile>(actions))
    removed.push_back(remove.path);
  // a.parquet (8 days old) is gone; the later removes are kept.
  EXPECT_THAT(removed, ::testing::UnorderedElementsAre("f1.parquet", "f4.parquet", "f7.parquet"));
}

}  // namespace
}  // namespace strata::delta
