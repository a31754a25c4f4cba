// Snapshot::Load over every version of the shared fixture tables (written by
// Spark, Databricks and delta-rs) and over synthetic logs for what the
// fixtures lack. Expected values come from reading the fixtures' logs by
// hand: which adds and removes each commit holds, and what Spark's
// operation (commitInfo) implies.

#include "delta/snapshot.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "delta_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::AddLine;
using testing::CommitName;
using testing::CopyTree;
using testing::DeltaFixture;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::MetadataLine;
using testing::ProtocolLine;
using testing::RemoveLine;
using ::testing::UnorderedElementsAre;
using testing::WriteCommit;

constexpr const char* kLongSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})";

class SnapshotTest : public ::testing::Test {
 protected:
  Result<std::shared_ptr<const Snapshot>> Load(const std::string& root,
                                               std::optional<int64_t> version = std::nullopt) {
    SnapshotOptions options;
    options.version = version;
    return Snapshot::Load(fs_.get(), root, options);
  }

  Status LoadError(const std::string& root, std::optional<int64_t> version = std::nullopt) {
    Result<std::shared_ptr<const Snapshot>> snapshot = Load(root, version);
    EXPECT_FALSE(snapshot.ok()) << root << " loaded";
    return snapshot.status();
  }

  // The live files' paths, sorted.
  static std::vector<std::string> Paths(const Snapshot& snapshot) {
    std::vector<std::string> paths;
    for (const AddFile& add : snapshot.files()) paths.push_back(add.path);
    std::sort(paths.begin(), paths.end());
    return paths;
  }

  // "name: type[ not null]" of every column.
  static std::vector<std::string> Columns(const Snapshot& snapshot) {
    std::vector<std::string> columns;
    for (const Field& field : snapshot.schema()->fields()) columns.push_back(field.ToString());
    return columns;
  }

  void SetMtime(const std::string& path, int64_t ms) {
    timespec times[2];
    times[0].tv_sec = ms / 1000;
    times[0].tv_nsec = (ms % 1000) * 1000000;
    times[1] = times[0];
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0) << path;
  }

  // A copy of a fixture table in the temp dir, for tests that change it.
  std::string CopyFixture(const std::string& table) {
    const std::string root = dir_.Join(table);
    CopyTree(DeltaFixture(table), root);
    return root;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

// ------------------------------------------------------------ simple_table

TEST_F(SnapshotTest, SimpleTableEveryVersion) {
  // Files per version: v0 writes 6 files; v1 (MERGE) removes 5 and adds 21;
  // v2 (overwrite) removes all 22 and adds 6; v3 (UPDATE) and v4 (DELETE)
  // rewrite two files each, v4 adding one file for two.
  const std::string root = DeltaFixture("simple_table");
  const std::vector<std::pair<size_t, size_t>> expected = {
      {6, 0}, {22, 5}, {6, 27}, {6, 29}, {5, 31}};  // (live files, tombstones)
  for (int64_t version = 0; version < 5; ++version) {
    ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root, version));
    EXPECT_EQ(snapshot->version(), version);
    EXPECT_EQ(snapshot->files().size(), expected[version].first) << "version " << version;
    EXPECT_EQ(snapshot->tombstones().size(), expected[version].second) << "version " << version;
    EXPECT_THAT(Columns(*snapshot), ElementsAre("id: int64"));
    EXPECT_TRUE(snapshot->partition_columns().empty());
    EXPECT_EQ(snapshot->protocol().min_reader_version, 1);
    EXPECT_EQ(snapshot->protocol().min_writer_version, 2);
    EXPECT_EQ(snapshot->metadata().id, "5fba94ed-9794-4965-ba6e-6ee3c0d22af9");
    EXPECT_EQ(snapshot->column_mapping(), ColumnMappingMode::kNone);
  }
  // The latest is version 4: _delta_log/.tmp/00000000000000000005.json is
  // not a commit.
  ASSERT_OK_AND_ASSIGN(auto latest, Load(root));
  EXPECT_EQ(latest->version(), 4);
  EXPECT_THAT(Paths(*latest),
              ElementsAre("part-00000-2befed33-c358-4768-a43c-3eda0d2a499d-c000.snappy.parquet",
                          "part-00000-c1777d7d-89d9-4790-b38a-6ee7e24456b1-c000.snappy.parquet",
                          "part-00001-7891c33d-cedc-47c3-88a6-abcfb049d3b4-c000.snappy.parquet",
                          "part-00004-315835fe-fb44-4562-98f6-5e6cfa3ae45d-c000.snappy.parquet",
                          "part-00007-3a0e4727-de0d-41b6-81ef-5223cf40f025-c000.snappy.parquet"));
  // Live files keep the order they were added in.
  EXPECT_EQ(latest->files().front().path,
            "part-00000-c1777d7d-89d9-4790-b38a-6ee7e24456b1-c000.snappy.parquet");
  EXPECT_EQ(latest->files().back().path,
            "part-00000-2befed33-c358-4768-a43c-3eda0d2a499d-c000.snappy.parquet");
  EXPECT_EQ(latest->files().back().size, 262);
  EXPECT_EQ(latest->files().back().modification_time, 1587968626000);
  const Status too_new = LoadError(root, 5);
  EXPECT_TRUE(too_new.IsNotFound()) << too_new.ToString();
  EXPECT_THAT(too_new.message(), HasSubstr("versions 0 to 4"));
}

// ------------------------------------------------------------ checkpoints

TEST_F(SnapshotTest, SimpleTableWithCheckpointEveryVersion) {
  // Ten appends of one file each, then an eleventh; checkpoint at 10.
  const std::string root = DeltaFixture("simple_table_with_checkpoint");
  for (int64_t version = 0; version <= 10; ++version) {
    ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root, version));
    EXPECT_EQ(snapshot->version(), version);
    EXPECT_EQ(snapshot->files().size(), static_cast<size_t>(version + 1)) << version;
    EXPECT_TRUE(snapshot->tombstones().empty());
    EXPECT_THAT(Columns(*snapshot), ElementsAre("version: int32"));
    EXPECT_EQ(snapshot->metadata().id, "cf3741a3-5f93-434f-99ac-9a4bebcdf06c");
    EXPECT_EQ(snapshot->metadata().created_time, 1615751699422);
  }
  ASSERT_OK_AND_ASSIGN(auto latest, Load(root));
  EXPECT_EQ(latest->version(), 10);
  // From the checkpoint, whose adds say dataChange=false.
  for (const AddFile& add : latest->files()) EXPECT_FALSE(add.data_change) << add.path;
  EXPECT_THAT(
      Paths(*latest),
      ::testing::Contains("part-00000-f0e955c5-a1e3-4eec-834e-dcc098fc9005-c000.snappy.parquet"));
}

TEST_F(SnapshotTest, CheckpointAloneReconstructsItsVersion) {
  // Log cleanup removed every commit up to the checkpoint.
  const std::string root = CopyFixture("simple_table_with_checkpoint");
  for (int64_t version = 0; version <= 10; ++version) {
    std::filesystem::remove(root + "/_delta_log/" + CommitName(version));
  }
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root));
  EXPECT_EQ(snapshot->version(), 10);
  EXPECT_EQ(snapshot->files().size(), 11U);
  EXPECT_THAT(Columns(*snapshot), ElementsAre("version: int32"));
  EXPECT_EQ(snapshot->protocol().min_writer_version, 2);
  // Without commit 10 the time is the checkpoint's.
  EXPECT_GT(snapshot->timestamp_ms(), 0);
  const Status status = LoadError(root, 9);
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("versions 10 to 10"));
}

TEST_F(SnapshotTest, MultiPartAndV2ParquetCheckpointsAreRead) {
  // The classic checkpoint's rows, as both parts of a multi-part checkpoint
  // (the duplicate adds are one file each) and as a V2 Parquet checkpoint
  // without sidecars.
  const std::string root = CopyFixture("simple_table_with_checkpoint");
  const std::string log = root + "/_delta_log/";
  const std::string classic = log + "00000000000000000010.checkpoint.parquet";
  for (int64_t version = 0; version <= 10; ++version) {
    std::filesystem::remove(log + CommitName(version));
  }
  std::filesystem::copy_file(classic,
                             log + "00000000000000000010.checkpoint.0000000001.0000000002.parquet");
  std::filesystem::rename(classic,
                          log + "00000000000000000010.checkpoint.0000000002.0000000002.parquet");
  ASSERT_OK_AND_ASSIGN(auto multi_part, Load(root));
  EXPECT_EQ(multi_part->version(), 10);
  EXPECT_EQ(multi_part->files().size(), 11U);
  EXPECT_THAT(Columns(*multi_part), ElementsAre("version: int32"));

  // Without its second part the checkpoint does not count, and nothing is left.
  std::filesystem::rename(
      log + "00000000000000000010.checkpoint.0000000002.0000000002.parquet",
      log + "00000000000000000010.checkpoint.a5b2c3d4-0000-4000-8000-00000000abcd.parquet");
  std::filesystem::remove(log + "00000000000000000010.checkpoint.0000000001.0000000002.parquet");
  ASSERT_OK_AND_ASSIGN(auto v2, Load(root));
  EXPECT_EQ(v2->version(), 10);
  EXPECT_EQ(v2->files().size(), 11U);
}

TEST_F(SnapshotTest, CorruptCheckpointIsAnErrorNamingIt) {
  const std::string root = CopyFixture("simple_table_with_checkpoint");
  const std::string checkpoint = root + "/_delta_log/00000000000000000010.checkpoint.parquet";
  testing::WriteText(checkpoint, "PAR1 this is not a Parquet file PAR1");
  const Status status = LoadError(root);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("00000000000000000010.checkpoint.parquet"));
  ASSERT_OK_AND_ASSIGN(auto v9, Load(root, 9));  // Commits only.
  EXPECT_EQ(v9->files().size(), 10U);
}

TEST_F(SnapshotTest, CheckpointIsPreferredToCommits) {
  // Emptying the commits before the checkpoint does not matter: version 10
  // is read from the checkpoint and nothing else.
  const std::string root = CopyFixture("simple_table_with_checkpoint");
  for (int64_t version = 0; version <= 9; ++version) {
    testing::WriteText(root + "/_delta_log/" + CommitName(version), "not json\n");
  }
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root));
  EXPECT_EQ(snapshot->files().size(), 11U);
  EXPECT_TRUE(LoadError(root, 9).IsCorruption());
}

TEST_F(SnapshotTest, Delta020WithCheckpointTxnAndCrcFiles) {
  const std::string root = DeltaFixture("delta-0.2.0");
  // v0: 2 files; v1 appends 2; v2 overwrites with 2; v3 (streaming) appends 1.
  const std::vector<std::pair<size_t, size_t>> expected = {{2, 0}, {4, 0}, {2, 4}, {3, 4}};
  for (int64_t version = 0; version <= 3; ++version) {
    ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root, version));
    EXPECT_EQ(snapshot->files().size(), expected[version].first) << version;
    EXPECT_EQ(snapshot->tombstones().size(), expected[version].second) << version;
    EXPECT_THAT(Columns(*snapshot), ElementsAre("value: int32"));
    EXPECT_EQ(snapshot->TxnVersion("e4a20b59-dd0e-4c50-b074-e8ae4786df30").has_value(),
              version == 3);
  }
  ASSERT_OK_AND_ASSIGN(auto latest, Load(root));
  EXPECT_EQ(latest->version(), 3);
  EXPECT_THAT(Paths(*latest),
              ElementsAre("part-00000-7c2deba3-1994-4fb8-bc07-d46c948aa415-c000.snappy.parquet",
                          "part-00000-cb6b150b-30b8-4662-ad28-ff32ddab96d2-c000.snappy.parquet",
                          "part-00001-c373a5bd-85f0-4758-815e-7eb62007a15c-c000.snappy.parquet"));
  EXPECT_EQ(latest->TxnVersion("e4a20b59-dd0e-4c50-b074-e8ae4786df30"), 0);
  ASSERT_EQ(latest->txns().size(), 1U);
  EXPECT_EQ(latest->txns().begin()->second.last_updated, 1564524299648);
  EXPECT_FALSE(latest->TxnVersion("other").has_value());
}

TEST_F(SnapshotTest, CheckpointV2TableEveryVersion) {
  // v0 creates the table; v1..v4 append 10, 1, 10, 1 rows; v5 sets a
  // property; v6..v9 append 10, 1, 10, 1. V2 checkpoints (JSON + one
  // sidecar) at 6 and 8.
  const std::string root = DeltaFixture("checkpoint-v2-table");
  const std::vector<size_t> files = {0, 1, 2, 3, 4, 4, 5, 6, 7, 8};
  // delta.identity.highWaterMark in each version's schema.
  const std::vector<int> high_water_mark = {0, 10, 11, 21, 22, 22, 32, 33, 43, 44};
  for (int64_t version = 0; version <= 9; ++version) {
    ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root, version));
    EXPECT_EQ(snapshot->version(), version);
    EXPECT_EQ(snapshot->files().size(), files[version]) << version;
    EXPECT_THAT(Columns(*snapshot),
                ElementsAre("id: int64", "name: string", "created_at: timestamp(us, UTC)"));
    EXPECT_EQ(snapshot->protocol().min_reader_version, 3);
    EXPECT_TRUE(snapshot->protocol().HasReaderFeature("v2Checkpoint"));
    EXPECT_EQ(snapshot->metadata().id, "1060c65c-e4aa-4d98-80d7-3eb9bd52ee29");
    EXPECT_EQ(snapshot->metadata().configuration.count("delta.checkpointInterval"),
              version >= 5 ? 1U : 0U);
    const std::optional<std::string> mark =
        DeltaFieldMetadata(snapshot->schema()->field(0), "delta.identity.highWaterMark");
    if (version == 0) {
      EXPECT_FALSE(mark.has_value());
    } else {
      EXPECT_EQ(mark, std::to_string(high_water_mark[version])) << version;
    }
  }
}

TEST_F(SnapshotTest, CheckpointV2ReadThroughSidecars) {
  // Without the commits up to 5 only the checkpoints can give versions 6..9.
  const std::string root = CopyFixture("checkpoint-v2-table");
  for (int64_t version = 0; version <= 5; ++version) {
    std::filesystem::remove(root + "/_delta_log/" + CommitName(version));
  }
  ASSERT_OK_AND_ASSIGN(auto v6, Load(root, 6));
  EXPECT_EQ(v6->files().size(), 5U);
  EXPECT_EQ(DeltaFieldMetadata(v6->schema()->field(0), "delta.identity.highWaterMark"), "32");
  EXPECT_TRUE(v6->protocol().HasWriterFeature("identityColumns"));
  EXPECT_THAT(Paths(*v6),
              ElementsAre("part-00000-33e5a956-7506-43d8-bc29-e913eaeb2b73.c000.snappy.parquet",
                          "part-00000-dd0343ab-5277-4dc4-a8eb-4335e15a34d2.c000.snappy.parquet",
                          "part-00000-e8007055-c633-4323-84a9-db81e7493036.c000.snappy.parquet",
                          "part-00000-e9391801-c9e9-4314-95a9-b09261a5fb96.c000.snappy.parquet",
                          "part-00000-fb0df8bb-10ec-48a7-8c4a-f0d38c6b26ae.c000.snappy.parquet"));
  // Sidecar adds carry their stats (the JSON string, stats_parsed beside it).
  for (const AddFile& add : v6->files()) {
    ASSERT_TRUE(add.stats.has_value()) << add.path;
    EXPECT_THAT(*add.stats, HasSubstr("\"numRecords\":"));
  }
  ASSERT_OK_AND_ASSIGN(auto v7, Load(root, 7));
  EXPECT_EQ(v7->files().size(), 6U);  // Checkpoint 6 + commit 7.
  ASSERT_OK_AND_ASSIGN(auto v8, Load(root, 8));
  EXPECT_EQ(v8->files().size(), 7U);
  ASSERT_OK_AND_ASSIGN(auto v9, Load(root, 9));
  EXPECT_EQ(v9->files().size(), 8U);
  EXPECT_EQ(DeltaFieldMetadata(v9->schema()->field(0), "delta.identity.highWaterMark"), "44");
  EXPECT_TRUE(LoadError(root, 5).IsNotFound());
}

TEST_F(SnapshotTest, MissingSidecarIsAnError) {
  const std::string root = CopyFixture("checkpoint-v2-table");
  std::filesystem::remove_all(root + "/_delta_log/_sidecars");
  const Status status = LoadError(root, 9);
  EXPECT_TRUE(status.IsNotFound() || status.IsIOError()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("_sidecars/00000000000000000008.checkpoint."));
  // Versions before the first checkpoint do not need it.
  ASSERT_OK_AND_ASSIGN(auto v5, Load(root, 5));
  EXPECT_EQ(v5->files().size(), 4U);
}

// ------------------------------------------------------------ other fixtures

TEST_F(SnapshotTest, PartitionedTable) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("delta-0.8.0-partitioned")));
  EXPECT_EQ(snapshot->version(), 0);
  EXPECT_EQ(snapshot->files().size(), 6U);
  EXPECT_THAT(Columns(*snapshot),
              ElementsAre("value: string", "year: string", "month: string", "day: string"));
  EXPECT_THAT(snapshot->partition_columns(), ElementsAre("year", "month", "day"));
  std::vector<std::string> values;
  for (const AddFile& add : snapshot->files()) {
    values.push_back(*add.partition_values.at("year") + "-" + *add.partition_values.at("month") +
                     "-" + *add.partition_values.at("day"));
  }
  EXPECT_THAT(values, UnorderedElementsAre("2020-1-1", "2020-2-3", "2020-2-5", "2021-12-20",
                                           "2021-12-4", "2021-4-5"));
}

TEST_F(SnapshotTest, NullPartitionValue) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("delta-0.8.0-null-partition")));
  EXPECT_THAT(Columns(*snapshot), ElementsAre("k: string", "v: int64"));
  EXPECT_THAT(snapshot->partition_columns(), ElementsAre("k"));
  ASSERT_EQ(snapshot->files().size(), 2U);
  std::vector<std::optional<std::string>> values;
  for (const AddFile& add : snapshot->files()) values.push_back(add.partition_values.at("k"));
  EXPECT_THAT(values, UnorderedElementsAre(std::optional<std::string>("A"), std::nullopt));
}

TEST_F(SnapshotTest, DeletionVectorTable) {
  const std::string root = DeltaFixture("table-with-dv-small");
  ASSERT_OK_AND_ASSIGN(auto v0, Load(root, 0));
  ASSERT_EQ(v0->files().size(), 1U);
  EXPECT_FALSE(v0->files()[0].deletion_vector.has_value());
  // v1 (DELETE): remove of the file without a DV, add of it with one. The
  // two have different keys: the remove is a tombstone, the add is live.
  ASSERT_OK_AND_ASSIGN(auto v1, Load(root, 1));
  EXPECT_EQ(v1->protocol().min_reader_version, 3);
  EXPECT_TRUE(v1->protocol().HasReaderFeature("deletionVectors"));
  ASSERT_EQ(v1->files().size(), 1U);
  ASSERT_TRUE(v1->files()[0].deletion_vector.has_value());
  EXPECT_EQ(v1->files()[0].deletion_vector->cardinality, 2);
  ASSERT_EQ(v1->tombstones().size(), 1U);
  EXPECT_FALSE(v1->tombstones()[0].deletion_vector.has_value());
  EXPECT_EQ(v1->column_mapping(), ColumnMappingMode::kNone);  // "none" configured.
  EXPECT_THAT(Columns(*v1), ElementsAre("value: int32"));
  ASSERT_OK_AND_ASSIGN(auto twin, Load(DeltaFixture("table-without-dv-small")));
  EXPECT_EQ(twin->files().size(), 1U);
  EXPECT_THAT(Columns(*twin), ElementsAre("value: int64"));
}

TEST_F(SnapshotTest, ColumnMappingTable) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("table_with_column_mapping")));
  EXPECT_EQ(snapshot->column_mapping(), ColumnMappingMode::kName);
  EXPECT_EQ(snapshot->protocol().min_reader_version, 2);
  EXPECT_EQ(snapshot->protocol().min_writer_version, 5);
  EXPECT_THAT(Columns(*snapshot),
              ElementsAre("\"Company Very Short\": string", "\"Super Name\": string"));
  EXPECT_THAT(snapshot->partition_columns(), ElementsAre("Company Very Short"));
  ASSERT_EQ(snapshot->files().size(), 2U);
  // partitionValues are keyed by physical name.
  std::vector<std::string> values;
  for (const AddFile& add : snapshot->files()) {
    values.push_back(*add.partition_values.at("col-173b4db9-b5ad-427f-9e75-516aae37fbbb"));
  }
  EXPECT_THAT(values, UnorderedElementsAre("BMS", "BME"));
  ASSERT_OK_AND_ASSIGN(std::string path, snapshot->DataFilePath(snapshot->files()[0].path));
  EXPECT_EQ(path, DeltaFixture("table_with_column_mapping") + "/" + snapshot->files()[0].path);
}

// ------------------------------------------------------------ synthetic logs

TEST_F(SnapshotTest, UnsupportedReaderFeatureIsNotImplemented) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0,
              {R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":)"
               R"(["deletionVectors","variantType"],"writerFeatures":["variantType"]}})",
               MetadataLine(kLongSchema)});
  const Status status = LoadError(root);
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("\"variantType\""));
  EXPECT_THAT(status.message(), HasSubstr(root));
}

TEST_F(SnapshotTest, ReaderVersionFourIsNotImplemented) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0, {ProtocolLine(4, 7), MetadataLine(kLongSchema)});
  const Status status = LoadError(root);
  EXPECT_TRUE(status.IsNotImplemented()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("reader version 4"));
}

TEST_F(SnapshotTest, SupportedReaderFeaturesLoad) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0,
              {R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":)"
               R"(["columnMapping","deletionVectors","timestampNtz","v2Checkpoint",)"
               R"("vacuumProtocolCheck"],"writerFeatures":["domainMetadata"]}})",
               MetadataLine(kLongSchema)});
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root));
  EXPECT_EQ(snapshot->protocol().reader_features->size(), 5U);
  // The protocol that counts is the newest.
  WriteCommit(root, 1,
              {R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":)"
               R"(["variantType"],"writerFeatures":["variantType"]}})"});
  EXPECT_TRUE(LoadError(root).IsNotImplemented());
  ASSERT_OK(Load(root, 0).status());
}

TEST_F(SnapshotTest, MalformedCommitLineIsCorruptionNamingFileAndLine) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kLongSchema)});
  WriteCommit(root, 1, {AddLine("a.parquet"), R"({"add":{"path":"b.parquet","size":"big"}})"});
  const Status status = LoadError(root);
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("_delta_log/" + CommitName(1) + ":2"));
  EXPECT_THAT(status.message(), HasSubstr("\"size\""));
  ASSERT_OK(Load(root, 0).status());

  WriteCommit(root, 1, {AddLine("a.parquet"), "{\"add\":"});
  const Status truncated = LoadError(root);
  EXPECT_TRUE(truncated.IsCorruption()) << truncated.ToString();
  EXPECT_THAT(truncated.message(), HasSubstr(CommitName(1) + ":2"));
}

TEST_F(SnapshotTest, MissingMetadataOrProtocolIsCorruption) {
  const std::string no_metadata = dir_.Join("no_metadata");
  WriteCommit(no_metadata, 0, {ProtocolLine(), AddLine("a.parquet")});
  Status status = LoadError(no_metadata);
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("no metaData"));
  EXPECT_THAT(status.message(), HasSubstr(no_metadata));

  const std::string no_protocol = dir_.Join("no_protocol");
  WriteCommit(no_protocol, 0, {MetadataLine(kLongSchema)});
  status = LoadError(no_protocol);
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("no protocol"));
}

TEST_F(SnapshotTest, BadSchemaOrPartitionColumnIsCorruption) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kLongSchema, R"("day")")});
  Status status = LoadError(root);
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("partition column \"day\""));
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(R"({"type":"struct"})")});
  status = LoadError(root);
  EXPECT_TRUE(status.IsCorruption()) << status.ToString();
  WriteCommit(root, 0,
              {ProtocolLine(), MetadataLine(kLongSchema, "", R"("delta.columnMapping.mode":"x")")});
  EXPECT_TRUE(LoadError(root).IsNotImplemented());
}

TEST_F(SnapshotTest, NotATable) {
  const Status status = LoadError(dir_.Join("nothing"));
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("not a Delta table"));
  ASSERT_OK_AND_ASSIGN(bool is_table, IsDeltaTable(fs_.get(), dir_.path()));
  EXPECT_FALSE(is_table);
  ASSERT_OK_AND_ASSIGN(is_table, IsDeltaTable(fs_.get(), DeltaFixture("simple_table") + "/"));
  EXPECT_TRUE(is_table);
}

TEST_F(SnapshotTest, RemoveThenReAddOfTheSamePath) {
  const std::string root = dir_.Join("t");
  WriteCommit(
      root, 0,
      {ProtocolLine(), MetadataLine(kLongSchema), AddLine("a.parquet"), AddLine("b.parquet")});
  WriteCommit(root, 1, {RemoveLine("a.parquet")});
  WriteCommit(root, 2,
              {R"({"add":{"path":"a.parquet","partitionValues":{},"size":99,)"
               R"("modificationTime":1700000000002,"dataChange":true}})"});
  WriteCommit(root, 3, {RemoveLine("b.parquet"), AddLine("c.parquet")});
  ASSERT_OK_AND_ASSIGN(auto v1, Load(root, 1));
  EXPECT_THAT(Paths(*v1), ElementsAre("b.parquet"));
  ASSERT_EQ(v1->tombstones().size(), 1U);
  EXPECT_EQ(v1->tombstones()[0].path, "a.parquet");
  ASSERT_OK_AND_ASSIGN(auto v2, Load(root, 2));
  EXPECT_THAT(Paths(*v2), ElementsAre("a.parquet", "b.parquet"));
  EXPECT_TRUE(v2->tombstones().empty());  // The re-add replaces the tombstone.
  ASSERT_OK_AND_ASSIGN(auto v3, Load(root, 3));
  EXPECT_THAT(Paths(*v3), ElementsAre("a.parquet", "c.parquet"));
  for (const AddFile& add : v3->files()) {
    if (add.path == "a.parquet") {
      EXPECT_EQ(add.size, 99);  // The newest add wins.
    }
  }
}

TEST_F(SnapshotTest, PathsAreComparedDecodedAndQualified) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0,
              {ProtocolLine(), MetadataLine(kLongSchema), AddLine("a%20b.parquet"),
               AddLine("c.parquet"), AddLine("x=A%252FA/d.parquet")});
  // A remove may spell the path differently: encoded otherwise, or absolute.
  WriteCommit(root, 1,
              {RemoveLine("a b.parquet"), RemoveLine("file://" + root + "/c.parquet"),
               RemoveLine(root + "/x=A%252FA/d.parquet")});
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root));
  EXPECT_TRUE(snapshot->files().empty()) << Paths(*snapshot).size() << " files live";
  EXPECT_EQ(snapshot->tombstones().size(), 3U);
}

TEST_F(SnapshotTest, DataFilePaths) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("simple_table") + "//"));
  const std::string root = snapshot->table_root();
  EXPECT_EQ(root, DeltaFixture("simple_table"));  // Trailing slashes dropped.
  ASSERT_OK_AND_ASSIGN(std::string path, snapshot->DataFilePath("x=A%252FA/p%20q.parquet"));
  EXPECT_EQ(path, root + "/x=A%2FA/p q.parquet");
  ASSERT_OK_AND_ASSIGN(path, snapshot->DataFilePath("file:///elsewhere/a.parquet"));
  EXPECT_EQ(path, "/elsewhere/a.parquet");
  const Status remote = snapshot->DataFilePath("s3://bucket/a.parquet").status();
  EXPECT_TRUE(remote.IsNotImplemented()) << remote.ToString();
  EXPECT_THAT(remote.message(), HasSubstr("s3://bucket/a.parquet"));
  EXPECT_TRUE(snapshot->DataFilePath("a%zz").status().IsInvalid());
}

TEST_F(SnapshotTest, TxnsAndDomainsKeepTheNewest) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0,
              {ProtocolLine(), MetadataLine(kLongSchema), R"({"txn":{"appId":"a","version":1}})",
               R"({"txn":{"appId":"b","version":7}})",
               R"({"domainMetadata":{"domain":"d","configuration":"1","removed":false}})"});
  WriteCommit(root, 1,
              {R"({"txn":{"appId":"a","version":2,"lastUpdated":5}})",
               R"({"domainMetadata":{"domain":"d","configuration":"2","removed":true}})"});
  ASSERT_OK_AND_ASSIGN(auto v0, Load(root, 0));
  EXPECT_EQ(v0->TxnVersion("a"), 1);
  EXPECT_EQ(v0->domains().at("d").configuration, "1");
  ASSERT_OK_AND_ASSIGN(auto v1, Load(root, 1));
  EXPECT_EQ(v1->TxnVersion("a"), 2);
  EXPECT_EQ(v1->TxnVersion("b"), 7);
  EXPECT_EQ(v1->txns().at("a").last_updated, 5);
  EXPECT_TRUE(v1->domains().at("d").removed);
}

TEST_F(SnapshotTest, MetadataAndProtocolChangesTakeTheNewest) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0, {ProtocolLine(1, 2), MetadataLine(kLongSchema)});
  WriteCommit(root, 1,
              {ProtocolLine(1, 4),
               MetadataLine(R"({"type":"struct","fields":[{"name":"id","type":"long",)"
                            R"("nullable":true,"metadata":{}},{"name":"extra","type":"string",)"
                            R"("nullable":false,"metadata":{}}]})")});
  ASSERT_OK_AND_ASSIGN(auto v0, Load(root, 0));
  EXPECT_THAT(Columns(*v0), ElementsAre("id: int64"));
  ASSERT_OK_AND_ASSIGN(auto v1, Load(root, 1));
  EXPECT_THAT(Columns(*v1), ElementsAre("id: int64", "extra: string not null"));
  EXPECT_EQ(v1->protocol().min_writer_version, 4);
}

// ------------------------------------------------------------ time travel

TEST_F(SnapshotTest, TimeTravelByTimestamp) {
  const std::string root = dir_.Join("t");
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kLongSchema), AddLine("a.parquet")});
  WriteCommit(root, 1, {AddLine("b.parquet")});
  WriteCommit(root, 2, {AddLine("c.parquet")});
  SetMtime(root + "/_delta_log/" + CommitName(0), 1700000000000);
  SetMtime(root + "/_delta_log/" + CommitName(1), 1700000100000);
  SetMtime(root + "/_delta_log/" + CommitName(2), 1700000050000);  // Skewed: 1700000100001.
  struct Case {
    int64_t as_of;
    int64_t version;
  };
  for (const Case& c : std::vector<Case>{{1700000000000, 0},
                                         {1700000099999, 0},
                                         {1700000100000, 1},
                                         {1700000100001, 2},
                                         {1800000000000, 2}}) {
    SnapshotOptions options;
    options.as_of_ms = c.as_of;
    ASSERT_OK_AND_ASSIGN(auto snapshot, Snapshot::Load(fs_.get(), root, options));
    EXPECT_EQ(snapshot->version(), c.version) << c.as_of;
    EXPECT_EQ(snapshot->files().size(), static_cast<size_t>(c.version + 1));
  }
  ASSERT_OK_AND_ASSIGN(auto v2, Load(root, 2));
  EXPECT_EQ(v2->timestamp_ms(), 1700000100001);
  ASSERT_OK_AND_ASSIGN(auto v0, Load(root, 0));
  EXPECT_EQ(v0->timestamp_ms(), 1700000000000);

  SnapshotOptions too_early;
  too_early.as_of_ms = 1600000000000;
  const Status status = Snapshot::Load(fs_.get(), root, too_early).status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("2020-09-13T12:26:40Z"));

  SnapshotOptions both;
  both.version = 1;
  both.as_of_ms = 1700000000000;
  EXPECT_TRUE(Snapshot::Load(fs_.get(), root, both).status().IsInvalid());
}

TEST_F(SnapshotTest, InCommitTimestamps) {
  const std::string root = dir_.Join("t");
  WriteCommit(
      root, 0,
      {R"({"commitInfo":{"timestamp":5,"inCommitTimestamp":1650000000000}})", ProtocolLine(),
       MetadataLine(kLongSchema, "", R"("delta.enableInCommitTimestamps":"true")")});
  WriteCommit(root, 1, {R"({"commitInfo":{"inCommitTimestamp":1650000000999}})"});
  ASSERT_OK_AND_ASSIGN(auto v0, Load(root, 0));
  EXPECT_EQ(v0->timestamp_ms(), 1650000000000);
  ASSERT_OK_AND_ASSIGN(auto v1, Load(root, 1));
  EXPECT_EQ(v1->timestamp_ms(), 1650000000999);
}

}  // namespace
}  // namespace strata::delta
