#include "delta/table_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "columnar/decimal.h"
#include "columnar/temporal.h"
#include "delta/write_test_util.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::ActionsOf;
using testing::CommitActions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IdBatch;
using testing::IdRows;
using testing::Longs;
using testing::MakeBatch;
using testing::ReadTable;
using testing::Strings;
using ::testing::UnorderedElementsAre;
using testing::WriteBatch;

constexpr int64_t kStartMicros = int64_t{1700000000000} * 1000;

class TableWriterTest : public ::testing::Test {
 protected:
  TableWriteOptions Options(TableWriteMode mode = TableWriteMode::kAppend) {
    TableWriteOptions options;
    options.mode = mode;
    options.transaction.clock = &clock_;
    return options;
  }

  std::shared_ptr<const Snapshot> Load(std::optional<int64_t> version = std::nullopt) {
    Result<std::shared_ptr<const Snapshot>> snapshot =
        Snapshot::Load(fs_.get(), root_, SnapshotOptions{.version = version});
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    return snapshot.ok() ? *snapshot : nullptr;
  }

  // Files under the table outside the log, relative; hidden ones (pending
  // and temporary files) only when `hidden`.
  std::vector<std::string> DataFiles(bool hidden = false) const {
    std::vector<std::string> files;
    if (!std::filesystem::exists(root_)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_)) {
      const std::string relative = std::filesystem::relative(entry.path(), root_).string();
      const bool is_hidden = entry.path().filename().string().starts_with('.');
      if (entry.is_regular_file() && !relative.starts_with("_delta_log") && is_hidden == hidden) {
        files.push_back(relative);
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  int64_t LatestVersion() { return Load()->version(); }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  std::string root_ = dir_.Join("table");
  ManualClock clock_{kStartMicros};
};

std::string Message(const Status& status) { return std::string(status.message()); }

TEST_F(TableWriterTest, CreatesANewTable) {
  ASSERT_OK_AND_ASSIGN(TableWriteResult result,
                       WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()));
  EXPECT_EQ(result.version, 0);
  EXPECT_FALSE(result.skipped);
  EXPECT_EQ(result.rows, 3);
  EXPECT_EQ(result.files_added, 1);
  EXPECT_EQ(result.files_removed, 0);
  EXPECT_EQ(result.attempts, 1);
  std::shared_ptr<const Snapshot> snapshot = Load();
  ASSERT_NE(snapshot, nullptr);
  EXPECT_EQ(snapshot->version(), 0);
  EXPECT_EQ(snapshot->protocol().min_reader_version, 1);
  EXPECT_EQ(snapshot->protocol().min_writer_version, 2);
  EXPECT_FALSE(snapshot->protocol().reader_features.has_value());
  EXPECT_EQ(snapshot->metadata().id.size(), 36U);
  EXPECT_TRUE(snapshot->partition_columns().empty());
  EXPECT_EQ(snapshot->metadata().created_time, kStartMicros / 1000);
  EXPECT_EQ(snapshot->schema()->ToString(),
            MakeSchema({Field("id", Int64()), Field("name", String())})->ToString());
  ASSERT_EQ(snapshot->files().size(), 1U);
  EXPECT_EQ(snapshot->files()[0].size, result.bytes_added);
  EXPECT_EQ(snapshot->files()[0].modification_time, kStartMicros / 1000);
  EXPECT_EQ(
      static_cast<int64_t>(std::filesystem::file_size(root_ + "/" + snapshot->files()[0].path)),
      snapshot->files()[0].size);
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ::testing::ContainerEq(IdRows(1, 3)));
  const std::vector<Action> actions = CommitActions(fs_.get(), root_, 0);
  ASSERT_EQ(ActionsOf<CommitInfo>(actions).size(), 1U);
  const CommitInfo info = ActionsOf<CommitInfo>(actions)[0];
  EXPECT_EQ(info.operation, "CREATE TABLE AS SELECT");
  EXPECT_EQ(info.operation_parameters->at("mode"), "Append");
  EXPECT_EQ(info.operation_metrics->at("numOutputRows"), "3");
  EXPECT_EQ(info.operation_metrics->at("numFiles"), "1");
}

TEST_F(TableWriterTest, CreatesAPartitionedTable) {
  TableWriteOptions options = Options();
  options.partition_columns = {"p"};
  RecordBatchPtr batch = MakeBatch({Field("id", Int64()), Field("p", String())},
                                   {Longs({1, 2, 3, 4}), Strings({"a", "b", std::nullopt, "a"})});
  ASSERT_OK_AND_ASSIGN(TableWriteResult result, WriteBatch(fs_.get(), root_, batch, options));
  EXPECT_EQ(result.files_added, 3);
  std::shared_ptr<const Snapshot> snapshot = Load();
  EXPECT_THAT(snapshot->partition_columns(), ElementsAre("p"));
  std::map<std::optional<std::string>, std::string> dirs;
  for (const AddFile& add : snapshot->files()) {
    ASSERT_EQ(add.partition_values.size(), 1U);
    dirs[add.partition_values.at("p")] = add.path.substr(0, add.path.find('/'));
    // The data file holds the data columns only.
    ASSERT_OK_AND_ASSIGN(auto reader,
                         parquet::ParquetReader::Open(fs_.get(), root_ + "/" + add.path));
    EXPECT_EQ(reader->schema()->num_fields(), 1);
    EXPECT_EQ(reader->schema()->field(0).name, "id");
  }
  EXPECT_EQ(dirs[std::string("a")], "p=a");
  EXPECT_EQ(dirs[std::string("b")], "p=b");
  EXPECT_EQ(dirs[std::nullopt], "p=__HIVE_DEFAULT_PARTITION__");
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ElementsAre("1|a", "2|b", "3|NULL", "4|a"));
  EXPECT_EQ(CommitActions(fs_.get(), root_, 0).size(),
            6U);  // commitInfo, protocol, metaData, 3 adds
}

TEST_F(TableWriterTest, AppendAddsAVersionWithOnlyTheNewFiles) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 3), Options()).status());
  clock_.Advance(1000);
  ASSERT_OK_AND_ASSIGN(TableWriteResult result,
                       WriteBatch(fs_.get(), root_, IdBatch(4, 5), Options()));
  EXPECT_EQ(result.version, 1);
  EXPECT_EQ(result.rows, 2);
  const std::vector<Action> actions = CommitActions(fs_.get(), root_, 1);
  EXPECT_TRUE(ActionsOf<Metadata>(actions).empty());
  EXPECT_TRUE(ActionsOf<Protocol>(actions).empty());
  EXPECT_TRUE(ActionsOf<RemoveFile>(actions).empty());
  EXPECT_EQ(ActionsOf<AddFile>(actions).size(), 1U);
  EXPECT_THAT(ActionsOf<CommitInfo>(actions)[0].json, HasSubstr("\"isBlindAppend\":true"));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ::testing::ContainerEq(IdRows(1, 5)));
  EXPECT_THAT(ReadTable(fs_.get(), root_, 0).ValueOrDie(), ::testing::ContainerEq(IdRows(1, 3)));
}

TEST_F(TableWriterTest, OverwriteRemovesEveryOldFile) {
  TableWriteOptions options = Options();
  options.partition_columns = {"p"};
  RecordBatchPtr batch = MakeBatch({Field("id", Int64()), Field("p", String())},
                                   {Longs({1, 2, 3}), Strings({"a", "b", std::nullopt})});
  ASSERT_OK(WriteBatch(fs_.get(), root_, batch, options).status());
  ASSERT_OK(WriteBatch(fs_.get(), root_,
                       MakeBatch({Field("id", Int64()), Field("p", String())},
                                 {Longs({4}), Strings({"a"})}),
                       Options())
                .status());
  const std::vector<AddFile> before = Load()->files();
  ASSERT_EQ(before.size(), 4U);
  clock_.Advance(7000);
  ASSERT_OK_AND_ASSIGN(TableWriteResult result,
                       WriteBatch(fs_.get(), root_,
                                  MakeBatch({Field("id", Int64()), Field("p", String())},
                                            {Longs({9}), Strings({"z"})}),
                                  Options(TableWriteMode::kOverwrite)));
  EXPECT_EQ(result.version, 2);
  EXPECT_EQ(result.files_removed, 4);
  EXPECT_EQ(result.files_added, 1);
  const std::vector<Action> actions = CommitActions(fs_.get(), root_, 2);
  const std::vector<RemoveFile> removes = ActionsOf<RemoveFile>(actions);
  ASSERT_EQ(removes.size(), before.size());
  for (const AddFile& add : before) {
    auto it = std::find_if(removes.begin(), removes.end(),
                           [&](const RemoveFile& r) { return r.path == add.path; });
    ASSERT_NE(it, removes.end()) << add.path;
    EXPECT_TRUE(it->data_change);
    EXPECT_EQ(it->extended_file_metadata, true);
    EXPECT_EQ(it->size, add.size);
    EXPECT_EQ(it->partition_values, add.partition_values);
    EXPECT_EQ(it->deletion_timestamp, kStartMicros / 1000 + 7);
  }
  const CommitInfo info = ActionsOf<CommitInfo>(actions)[0];
  EXPECT_EQ(info.operation_parameters->at("mode"), "Overwrite");
  EXPECT_EQ(info.operation_metrics->at("numRemovedFiles"), "4");
  EXPECT_THAT(info.json, HasSubstr("\"isBlindAppend\":false"));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ElementsAre("9|z"));
  EXPECT_THAT(ReadTable(fs_.get(), root_, 1).ValueOrDie(),
              ElementsAre("1|a", "2|b", "3|NULL", "4|a"));
}

TEST_F(TableWriterTest, RefusesAnInputThatDoesNotMatchListingEveryDifference) {
  RecordBatchPtr create =
      MakeBatch({Field("id", Int64(), false), Field("name", String()), Field("score", Float64())},
                {Longs({1}), Strings({"a"}), testing::Column<double>(Float64(), {1.5})});
  ASSERT_OK(WriteBatch(fs_.get(), root_, create, Options()).status());
  const std::vector<std::string> files_before = DataFiles();
  // No id (not nullable), name as a number, an unknown column; score may be absent.
  RecordBatchPtr input =
      MakeBatch({Field("name", Int64()), Field("extra", String())}, {Longs({2}), Strings({"x"})});
  Result<std::unique_ptr<TableWriter>> writer =
      TableWriter::Open(fs_.get(), root_, input->schema(), Options());
  ASSERT_FALSE(writer.ok());
  EXPECT_TRUE(writer.status().IsInvalid()) << writer.status().ToString();
  const std::string message = Message(writer.status());
  EXPECT_THAT(message, HasSubstr(root_));
  EXPECT_THAT(message, HasSubstr("missing column 'id' (not nullable)"));
  EXPECT_THAT(message, HasSubstr("column 'name': the input has int64, the table string"));
  EXPECT_THAT(message, HasSubstr("unexpected column 'extra' (string)"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("'score'")));
  EXPECT_EQ(LatestVersion(), 0);
  EXPECT_EQ(DataFiles(), files_before);

  // A lossless widening (int32 into long) is accepted.
  RecordBatchPtr narrow =
      MakeBatch({Field("id", Int32(), false)}, {testing::Column<int32_t>(Int32(), {7})});
  ASSERT_OK(WriteBatch(fs_.get(), root_, narrow, Options()).status());
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ElementsAre("1|a|1.5", "7|NULL|NULL"));
}

TEST(SchemaDifferencesTest, ListsEachProblemOnce) {
  const Schema table({Field("a", Int64(), false), Field("b", String()), Field("c", Date())});
  const Schema input({Field("b", Float64()), Field("c", Date()), Field("d", Bool())});
  EXPECT_THAT(SchemaDifferences(input, table, false),
              ElementsAre("missing column 'a' (not nullable)",
                          "column 'b': the input has float64, the table string",
                          "unexpected column 'd' (bool)"));
  EXPECT_THAT(SchemaDifferences(input, table, true),
              ElementsAre("missing column 'a' (not nullable)",
                          "column 'b': the input has float64, the table string"));
  EXPECT_TRUE(SchemaDifferences(table, table, false).empty());
}

TEST_F(TableWriterTest, MergeSchemaAddsNullableColumns) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 2), Options()).status());
  RecordBatchPtr wider =
      MakeBatch({Field("score", Float64(), false), Field("id", Int64()), Field("name", String())},
                {testing::Column<double>(Float64(), {0.5}), Longs({3}), Strings({"n3"})});
  // Without merge_schema the new column is refused.
  Result<std::unique_ptr<TableWriter>> refused =
      TableWriter::Open(fs_.get(), root_, wider->schema(), Options());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(Message(refused.status()), HasSubstr("unexpected column 'score' (float64)"));
  TableWriteOptions options = Options();
  options.merge_schema = true;
  ASSERT_OK_AND_ASSIGN(TableWriteResult result, WriteBatch(fs_.get(), root_, wider, options));
  EXPECT_EQ(result.version, 1);
  std::shared_ptr<const Snapshot> snapshot = Load();
  ASSERT_EQ(snapshot->schema()->num_fields(), 3);
  EXPECT_EQ(snapshot->schema()->field(2).name, "score");
  EXPECT_TRUE(snapshot->schema()->field(2).nullable);  // Old rows have none.
  EXPECT_EQ(snapshot->metadata().id, Load(0)->metadata().id);
  const std::vector<Action> actions = CommitActions(fs_.get(), root_, 1);
  EXPECT_EQ(ActionsOf<Metadata>(actions).size(), 1U);
  EXPECT_TRUE(ActionsOf<Protocol>(actions).empty());
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(),
              ElementsAre("1|n1|NULL", "2|n2|NULL", "3|n3|0.5"));
}

TEST_F(TableWriterTest, OverwriteSchemaReplacesSchemaAndPartitioning) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 2), Options()).status());
  const std::string id = Load()->metadata().id;
  RecordBatchPtr other =
      MakeBatch({Field("k", String()), Field("v", Float64())},
                {Strings({"a", "b"}), testing::Column<double>(Float64(), {1.0, 2.0})});
  // Overwrite without overwrite_schema keeps enforcing the schema.
  Result<std::unique_ptr<TableWriter>> refused =
      TableWriter::Open(fs_.get(), root_, other->schema(), Options(TableWriteMode::kOverwrite));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalid());
  TableWriteOptions options = Options(TableWriteMode::kOverwrite);
  options.overwrite_schema = true;
  options.partition_columns = {"k"};
  ASSERT_OK_AND_ASSIGN(TableWriteResult result, WriteBatch(fs_.get(), root_, other, options));
  EXPECT_EQ(result.files_removed, 1);
  std::shared_ptr<const Snapshot> snapshot = Load();
  EXPECT_EQ(snapshot->metadata().id, id);  // Same table.
  EXPECT_THAT(snapshot->partition_columns(), ElementsAre("k"));
  EXPECT_EQ(snapshot->schema()->ToString(),
            MakeSchema({Field("k", String()), Field("v", Float64())})->ToString());
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ElementsAre("a|1.0", "b|2.0"));
  // An append with the old schema is now refused.
  EXPECT_FALSE(TableWriter::Open(fs_.get(), root_, IdBatch(3, 3)->schema(), Options()).ok());
}

TEST_F(TableWriterTest, NullsIntoANonNullableColumnAreRefused) {
  RecordBatchPtr create = MakeBatch({Field("id", Int64(), false), Field("name", String())},
                                    {Longs({1}), Strings({"a"})});
  ASSERT_OK(WriteBatch(fs_.get(), root_, create, Options()).status());
  EXPECT_FALSE(Load()->schema()->field(0).nullable);
  RecordBatchPtr nulls = MakeBatch({Field("id", Int64()), Field("name", String())},
                                   {Longs({2, std::nullopt}), Strings({"b", "c"})});
  ASSERT_OK_AND_ASSIGN(auto writer,
                       TableWriter::Open(fs_.get(), root_, nulls->schema(), Options()));
  Status status = writer->Write(nulls);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(status.IsInvalid());
  EXPECT_THAT(Message(status), HasSubstr("column 'id' is not nullable"));
  writer->Abort();
  EXPECT_EQ(LatestVersion(), 0);
  EXPECT_EQ(DataFiles().size(), 1U);  // Nothing left of the refused write.
}

TEST_F(TableWriterTest, IdempotentWritesSkipWhatWasCommitted) {
  TableWriteOptions options = Options();
  options.app_id = "nightly";
  options.app_version = 5;
  ASSERT_OK_AND_ASSIGN(TableWriteResult first,
                       WriteBatch(fs_.get(), root_, IdBatch(1, 2), options));
  EXPECT_EQ(first.version, 0);
  const std::vector<Txn> txns = ActionsOf<Txn>(CommitActions(fs_.get(), root_, 0));
  ASSERT_EQ(txns.size(), 1U);
  EXPECT_EQ(txns[0].app_id, "nightly");
  EXPECT_EQ(txns[0].version, 5);
  EXPECT_EQ(txns[0].last_updated, kStartMicros / 1000);
  const std::vector<std::string> files = DataFiles();
  for (int64_t version : {5, 4}) {
    options.app_version = version;
    ASSERT_OK_AND_ASSIGN(auto writer,
                         TableWriter::Open(fs_.get(), root_, IdBatch(1, 2)->schema(), options));
    EXPECT_TRUE(writer->already_committed());
    ASSERT_OK(writer->Write(IdBatch(1, 2)));
    ASSERT_OK_AND_ASSIGN(TableWriteResult again, writer->Commit());
    EXPECT_TRUE(again.skipped);
    EXPECT_EQ(again.version, -1);
    EXPECT_EQ(again.files_added, 0);
    EXPECT_EQ(LatestVersion(), 0);
    EXPECT_EQ(DataFiles(), files);
  }
  options.app_version = 6;
  ASSERT_OK_AND_ASSIGN(TableWriteResult next, WriteBatch(fs_.get(), root_, IdBatch(3, 3), options));
  EXPECT_EQ(next.version, 1);
  EXPECT_EQ(Load()->TxnVersion("nightly"), 6);
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ::testing::ContainerEq(IdRows(1, 3)));
}

// An overwrite that loses to a concurrent append fails with kConflict and
// deletes the data files it wrote; a concurrent blind append retries.
TEST_F(TableWriterTest, LosingOverwriteConflictsAndLeavesNoFiles) {
  ASSERT_OK(WriteBatch(fs_.get(), root_, IdBatch(1, 2), Options()).status());
  ASSERT_OK_AND_ASSIGN(auto overwrite, TableWriter::Open(fs_.get(), root_, IdBatch(9, 9)->schema(),
                                                         Options(TableWriteMode::kOverwrite)));
  ASSERT_OK_AND_ASSIGN(auto append,
                       TableWriter::Open(fs_.get(), root_, IdBatch(3, 3)->schema(), Options()));
  ASSERT_OK(overwrite->Write(IdBatch(9, 9)));
  ASSERT_OK(append->Write(IdBatch(3, 3)));
  EXPECT_EQ(DataFiles().size(), 1U);  // What is written stays hidden until the commit.
  ASSERT_OK_AND_ASSIGN(auto late_append,
                       TableWriter::Open(fs_.get(), root_, IdBatch(4, 4)->schema(), Options()));
  ASSERT_OK(late_append->Write(IdBatch(4, 4)));
  ASSERT_OK_AND_ASSIGN(TableWriteResult appended, append->Commit());
  EXPECT_EQ(appended.version, 1);
  Result<TableWriteResult> lost = overwrite->Commit();
  ASSERT_FALSE(lost.ok());
  EXPECT_TRUE(lost.status().IsConflict()) << lost.status().ToString();
  EXPECT_THAT(Message(lost.status()), HasSubstr("concurrent commit 1"));
  ASSERT_OK_AND_ASSIGN(TableWriteResult retried, late_append->Commit());
  EXPECT_EQ(retried.version, 2);
  EXPECT_EQ(retried.attempts, 2);
  // Three data files live; the overwrite's is gone from disk.
  EXPECT_EQ(DataFiles().size(), 3U);
  EXPECT_TRUE(DataFiles(/*hidden=*/true).empty());
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ::testing::ContainerEq(IdRows(1, 4)));
  EXPECT_FALSE(overwrite->Write(IdBatch(5, 5)).ok());
}

// Synthetic logs of tables strata must not write -------------------------------

const char kIdSchema[] =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})";

class UnwritableTableTest : public TableWriterTest {
 protected:
  void WriteLog(const std::string& protocol, const std::string& metadata) {
    testing::WriteCommit(root_, 0, {protocol, metadata});
  }
  Status OpenAppend(TableWriteMode mode = TableWriteMode::kAppend) {
    RecordBatchPtr batch = MakeBatch({Field("id", Int64())}, {Longs({1})});
    return TableWriter::Open(fs_.get(), root_, batch->schema(), Options(mode)).status();
  }
};

TEST_F(UnwritableTableTest, AppendOnlyTableRefusesOverwrite) {
  WriteLog(testing::ProtocolLine(1, 2),
           testing::MetadataLine(kIdSchema, "", R"("delta.appendOnly":"true")"));
  Status status = OpenAppend(TableWriteMode::kOverwrite);
  EXPECT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_THAT(Message(status), HasSubstr("append-only"));
  EXPECT_OK(OpenAppend());
}

TEST_F(UnwritableTableTest, UnsupportedWriterFeatureIsRefused) {
  WriteLog(
      R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":[],"writerFeatures":["appendOnly","rowTracking"]}})",
      testing::MetadataLine(kIdSchema));
  Status status = OpenAppend();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(Message(status), HasSubstr("\"rowTracking\""));
}

TEST_F(UnwritableTableTest, WriterVersionAboveSevenIsRefused) {
  WriteLog(testing::ProtocolLine(1, 8), testing::MetadataLine(kIdSchema));
  Status status = OpenAppend();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(Message(status), HasSubstr("writer version 8"));
}

TEST_F(UnwritableTableTest, CheckConstraintIsRefused) {
  WriteLog(testing::ProtocolLine(1, 3),
           testing::MetadataLine(kIdSchema, "", R"("delta.constraints.positive":"id > 0")"));
  Status status = OpenAppend();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(Message(status), HasSubstr("CHECK constraint positive"));
}

TEST_F(UnwritableTableTest, InvariantIsRefused) {
  const char schema[] =
      R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{"delta.invariants":"{\"expression\":{\"expression\":\"id > 3\"}}"}}]})";
  WriteLog(testing::ProtocolLine(1, 2), testing::MetadataLine(schema));
  Status status = OpenAppend();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(Message(status), HasSubstr("column 'id' has delta.invariants"));
}

TEST_F(UnwritableTableTest, ColumnMappingIsRefused) {
  const char schema[] =
      R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-5d1a"}}]})";
  WriteLog(testing::ProtocolLine(2, 5),
           testing::MetadataLine(
               schema, "",
               R"("delta.columnMapping.mode":"name","delta.columnMapping.maxColumnId":"1")"));
  Status status = OpenAppend();
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(Message(status), HasSubstr("column mapping"));
  EXPECT_FALSE(std::filesystem::exists(root_ + "/_delta_log/" + testing::CommitName(1)));
}

// Protocol ------------------------------------------------------------------

TEST_F(TableWriterTest, TimestampNtzColumnNeedsTableFeatures) {
  RecordBatchPtr batch = MakeBatch(
      {Field("id", Int64()), Field("at", Timestamp(TimeUnit::kMicro, false))},
      {Longs({1}), testing::Column<int64_t>(Timestamp(TimeUnit::kMicro, false), {1000000})});
  ASSERT_OK(WriteBatch(fs_.get(), root_, batch, Options()).status());
  const Protocol protocol = Load()->protocol();
  EXPECT_EQ(protocol.min_reader_version, 3);
  EXPECT_EQ(protocol.min_writer_version, 7);
  EXPECT_THAT(protocol.reader_features.value_or(std::vector<std::string>{}),
              ElementsAre("timestampNtz"));
  EXPECT_THAT(protocol.writer_features.value_or(std::vector<std::string>{}),
              ElementsAre("timestampNtz"));
  EXPECT_THAT(ReadTable(fs_.get(), root_).ValueOrDie(), ElementsAre("1|1970-01-01 00:00:01"));
  // A UTC timestamp alone keeps the legacy protocol.
  const std::string utc_root = dir_.Join("utc");
  RecordBatchPtr utc =
      MakeBatch({Field("at", Timestamp(TimeUnit::kMicro, true))},
                {testing::Column<int64_t>(Timestamp(TimeUnit::kMicro, true), {1})});
  ASSERT_OK(WriteBatch(fs_.get(), utc_root, utc, Options()).status());
  ASSERT_OK_AND_ASSIGN(auto snapshot, Snapshot::Load(fs_.get(), utc_root, {}));
  EXPECT_EQ(snapshot->protocol().min_reader_version, 1);
  EXPECT_EQ(snapshot->protocol().min_writer_version, 2);
}

// Upgrading a legacy table to table features must keep what its writer
// version implied (PROTOCOL.md: on writer version 7 appendOnly and invariants
// apply only when listed), or the upgrade silently drops delta.appendOnly.
TEST_F(TableWriterTest, MergingATimestampNtzColumnUpgradesTheProtocolKeepingLegacyFeatures) {
  testing::WriteCommit(root_, 0,
                       {testing::ProtocolLine(1, 2),
                        testing::MetadataLine(kIdSchema, "", R"("delta.appendOnly":"true")")});
  RecordBatchPtr batch =
      MakeBatch({Field("id", Int64()), Field("at", Timestamp(TimeUnit::kMicro, false))},
                {Longs({1}), testing::Column<int64_t>(Timestamp(TimeUnit::kMicro, false), {0})});
  TableWriteOptions options = Options();
  options.merge_schema = true;
  ASSERT_OK(WriteBatch(fs_.get(), root_, batch, options).status());
  const std::vector<Protocol> protocols = ActionsOf<Protocol>(CommitActions(fs_.get(), root_, 1));
  ASSERT_EQ(protocols.size(), 1U);
  EXPECT_EQ(protocols[0].min_reader_version, 3);
  EXPECT_EQ(protocols[0].min_writer_version, 7);
  EXPECT_THAT(protocols[0].reader_features.value_or(std::vector<std::string>{}),
              ElementsAre("timestampNtz"));
  EXPECT_THAT(protocols[0].writer_features.value_or(std::vector<std::string>{}),
              UnorderedElementsAre("timestampNtz", "appendOnly", "invariants"));
  // Still append-only for strata.
  RecordBatchPtr again = MakeBatch({Field("id", Int64())}, {Longs({2})});
  EXPECT_TRUE(
      TableWriter::Open(fs_.get(), root_, again->schema(), Options(TableWriteMode::kOverwrite))
          .status()
          .IsInvalid());
}

}  // namespace
}  // namespace strata::delta
