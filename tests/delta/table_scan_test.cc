// The rows of every version of the shared fixture tables, and of synthetic
// tables for schema evolution, type widening, projections and errors.
// Expected rows were derived without the code under test: from the adds and
// removes in each commit and each data file read on its own
// (`strata cat FILE.parquet`), cross-checked with the operations Spark
// recorded in commitInfo.

#include "delta/table_scan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
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
using testing::DeltaFixture;
using ::testing::HasSubstr;
using testing::MetadataLine;
using testing::Numbers;
using testing::ProtocolLine;
using testing::Range;
using testing::ReadRows;
using testing::RemoveLine;
using testing::Sorted;
using testing::WriteColumnFile;
using testing::WriteCommit;

constexpr const char* kNames[] = {"Alice", "Bob",   "Charlie", "David", "Eve",
                                  "Frank", "Grace", "Heidi",   "Ivan",  "Judy"};

class TableScanTest : public ::testing::Test {
 protected:
  Result<std::shared_ptr<const Snapshot>> Load(const std::string& root,
                                               std::optional<int64_t> version = std::nullopt) {
    SnapshotOptions options;
    options.version = version;
    return Snapshot::Load(fs_.get(), root, options);
  }

  // The sorted rows of `root` at `version`.
  Result<std::vector<std::string>> Rows(const std::string& root,
                                        std::optional<int64_t> version = std::nullopt,
                                        const TableScanOptions& options = {},
                                        TableScanMetrics* metrics = nullptr) {
    ASSIGN_OR_RETURN(auto snapshot, Load(root, version));
    ASSIGN_OR_RETURN(auto reader, ScanTable(snapshot, options, metrics));
    return ReadRows(reader.get());
  }

  Status ScanError(const std::string& root, const TableScanOptions& options = {}) {
    Result<std::vector<std::string>> rows = Rows(root, std::nullopt, options);
    EXPECT_FALSE(rows.ok()) << root << " scanned";
    return rows.status();
  }

  std::string Table(const std::string& name) { return dir_.Join(name); }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

// ------------------------------------------------------------ fixtures

TEST_F(TableScanTest, SimpleTableEveryVersion) {
  // v0 writes ids 0..4; v1 merges in 0..19; v2 overwrites with 5..9; v3
  // updates the even ids (id % 2 = 0 -> 106 and 108, by the data files); v4
  // deletes the even ids.
  const std::string root = DeltaFixture("simple_table");
  const std::vector<std::vector<std::string>> expected = {
      Range(0, 4), Range(0, 19), Range(5, 9), Numbers({5, 7, 9, 106, 108}), Numbers({5, 7, 9})};
  for (int64_t version = 0; version < 5; ++version) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, version));
    EXPECT_EQ(rows, expected[version]) << "version " << version;
  }
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> latest, Rows(root));
  EXPECT_EQ(latest, Numbers({5, 7, 9}));
}

TEST_F(TableScanTest, SimpleTableWithCheckpointEveryVersion) {
  // Version N appended the file holding N, except version 10, whose file
  // holds 0 (read on its own: part-00000-f0e955c5-...).
  const std::string root = DeltaFixture("simple_table_with_checkpoint");
  for (int64_t version = 0; version <= 9; ++version) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, version));
    EXPECT_EQ(rows, Range(0, version)) << "version " << version;
  }
  std::vector<std::string> at_10 = Range(0, 9);
  at_10.push_back("0");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, 10));
  EXPECT_EQ(rows, Sorted(at_10));
  ASSERT_OK_AND_ASSIGN(rows, Rows(root));
  EXPECT_EQ(rows, Sorted(at_10));
}

TEST_F(TableScanTest, Delta020EveryVersion) {
  // The table's two files hold 1 and 2,3; v1 appends the same again, v2
  // overwrites with the same, v3 appends 1,2,3 (checkpoint at 3).
  const std::string root = DeltaFixture("delta-0.2.0");
  const std::vector<std::vector<std::string>> expected = {
      Numbers({1, 2, 3}), Numbers({1, 1, 2, 2, 3, 3}), Numbers({1, 2, 3}),
      Numbers({1, 1, 2, 2, 3, 3})};
  for (int64_t version = 0; version <= 3; ++version) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, version));
    EXPECT_EQ(rows, expected[version]) << "version " << version;
  }
}

TEST_F(TableScanTest, PartitionedTable) {
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows,
                       Rows(DeltaFixture("delta-0.8.0-partitioned")));
  EXPECT_EQ(rows, Sorted({"1|2020|1|1", "2|2020|2|3", "3|2020|2|5", "4|2021|4|5", "5|2021|12|4",
                          "6|2021|12|20", "7|2021|12|20"}));
  // Partition columns alone, in the order asked for.
  TableScanOptions options;
  options.columns = {"day", "year"};
  ASSERT_OK_AND_ASSIGN(rows, Rows(DeltaFixture("delta-0.8.0-partitioned"), std::nullopt, options));
  EXPECT_EQ(rows, Sorted({"1|2020", "3|2020", "5|2020", "5|2021", "4|2021", "20|2021", "20|2021"}));
}

TEST_F(TableScanTest, NullPartition) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("delta-0.8.0-null-partition")));
  ASSERT_OK_AND_ASSIGN(auto reader, ScanTable(snapshot, {}));
  EXPECT_EQ(reader->schema()->ToString(), "k: string\nv: int64");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, ReadRows(reader.get()));
  EXPECT_EQ(rows, Sorted({"A|1", "NULL|2"}));
}

TEST_F(TableScanTest, DeletionVectorDropsDeletedRows) {
  const std::string root = DeltaFixture("table-with-dv-small");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> v0, Rows(root, 0));
  EXPECT_EQ(v0, Range(0, 9));
  // v1: DELETE ... WHERE value IN (0, 9), as a DV on rows 0 and 9.
  TableScanMetrics metrics;
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> v1, Rows(root, 1, {}, &metrics));
  EXPECT_EQ(v1, Range(1, 8));
  EXPECT_EQ(metrics.files_total, 1);
  EXPECT_EQ(metrics.files_read, 1);
  EXPECT_EQ(metrics.rows_deleted, 2);
  // Batches smaller than the file: the DV applies by row index in the file.
  for (const int64_t batch_rows : {1, 3, 9}) {
    TableScanOptions options;
    options.batch_rows = batch_rows;
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, 1, options));
    EXPECT_EQ(rows, Range(1, 8)) << "batch_rows " << batch_rows;
  }
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> twin, Rows(DeltaFixture("table-without-dv-small")));
  EXPECT_EQ(twin, Range(0, 9));
}

TEST_F(TableScanTest, ColumnMappingUsesLogicalNames) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("table_with_column_mapping")));
  ASSERT_OK_AND_ASSIGN(auto reader, ScanTable(snapshot, {}));
  ASSERT_EQ(reader->schema()->num_fields(), 2);
  EXPECT_EQ(reader->schema()->field(0).name, "Company Very Short");
  EXPECT_EQ(reader->schema()->field(1).name, "Super Name");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, ReadRows(reader.get()));
  EXPECT_EQ(rows, Sorted({"BMS|Mr. Daniel Ferguson MD", "BMS|Stephanie Mcgrath",
                          "BMS|Anthony Johnson", "BMS|Nathan Bennett", "BME|Timothy Lamb"}));
  TableScanOptions options;
  options.columns = {"Super Name"};
  ASSERT_OK_AND_ASSIGN(rows,
                       Rows(DeltaFixture("table_with_column_mapping"), std::nullopt, options));
  EXPECT_EQ(rows, Sorted({"Mr. Daniel Ferguson MD", "Stephanie Mcgrath", "Anthony Johnson",
                          "Nathan Bennett", "Timothy Lamb"}));
}

// id|name of the checkpoint-v2-table rows with ids 1..n: files of ten
// (Alice..Judy) alternate with single Mallory rows.
std::vector<std::string> CheckpointV2Rows(int64_t n) {
  std::vector<std::string> rows;
  int64_t id = 1;
  while (id <= n) {
    for (int i = 0; i < 10 && id <= n; ++i, ++id) {
      rows.push_back(std::to_string(id) + "|" + kNames[i]);
    }
    if (id <= n) {
      rows.push_back(std::to_string(id) + "|Mallory");
      ++id;
    }
  }
  return Sorted(rows);
}

TEST_F(TableScanTest, CheckpointV2TableEveryVersion) {
  const std::string root = DeltaFixture("checkpoint-v2-table");
  const std::vector<int64_t> max_id = {0, 10, 11, 21, 22, 22, 32, 33, 43, 44};
  TableScanOptions options;
  options.columns = {"id", "name"};
  for (int64_t version = 0; version <= 9; ++version) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, version, options));
    EXPECT_EQ(rows, CheckpointV2Rows(max_id[version])) << "version " << version;
  }
  // Whole rows: created_at is INT96 in the files, timestamp (UTC) in the table.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, 2));
  std::vector<std::string> expected;
  for (int i = 0; i < 10; ++i) {
    expected.push_back(std::to_string(i + 1) + "|" + kNames[i] + "|2025-08-09 14:44:18.184471+00");
  }
  expected.push_back("11|Mallory|2025-08-09 14:44:25.329289+00");
  EXPECT_EQ(rows, Sorted(expected));
  ASSERT_OK_AND_ASSIGN(rows, Rows(root));
  EXPECT_EQ(rows.size(), 44U);
  EXPECT_THAT(rows, ::testing::Contains("44|Mallory|2025-08-09 14:52:14.723475+00"));
}

TEST_F(TableScanTest, CheckpointV2WithoutEarlyCommits) {
  const std::string root = Table("v2");
  testing::CopyTree(DeltaFixture("checkpoint-v2-table"), root);
  for (int64_t version = 0; version <= 5; ++version) {
    std::filesystem::remove(root + "/_delta_log/" + testing::CommitName(version));
  }
  TableScanOptions options;
  options.columns = {"id", "name"};
  for (int64_t version = 6; version <= 9; ++version) {
    const std::vector<int64_t> max_id = {32, 33, 43, 44};
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, version, options));
    EXPECT_EQ(rows, CheckpointV2Rows(max_id[version - 6])) << "version " << version;
  }
}

// ------------------------------------------------------------ projection and options

TEST_F(TableScanTest, ProjectionOrderAndUnknownColumns) {
  const std::string root = DeltaFixture("checkpoint-v2-table");
  TableScanOptions options;
  options.columns = {"name", "id"};
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root, 1));
  ASSERT_OK_AND_ASSIGN(auto reader, ScanTable(snapshot, options));
  EXPECT_EQ(reader->schema()->ToString(), "name: string\nid: int64");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, ReadRows(reader.get()));
  EXPECT_EQ(rows.size(), 10U);
  EXPECT_EQ(rows.front(), "Alice|1");

  options.columns = {"id", "nope"};
  const Status status = ScanTable(snapshot, options).status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("\"nope\""));
  EXPECT_THAT(status.message(), HasSubstr("id, name, created_at"));
  TableScanOptions zero;
  zero.batch_rows = 0;
  EXPECT_TRUE(ScanTable(snapshot, zero).status().IsInvalid());
}

TEST_F(TableScanTest, EmptyTable) {
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("checkpoint-v2-table"), 0));
  TableScanMetrics metrics;
  ASSERT_OK_AND_ASSIGN(auto reader, ScanTable(snapshot, {}, &metrics));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->Next());
  EXPECT_EQ(batch, nullptr);
  EXPECT_EQ(metrics.files_total, 0);
}

TEST_F(TableScanTest, EmptyDataFilesGiveNoRows) {
  // simple_table's 262-byte files hold no rows.
  const std::string root = Table("empty_files");
  testing::CopyTree(DeltaFixture("simple_table"), root);
  WriteCommit(root, 5,
              {RemoveLine("part-00001-7891c33d-cedc-47c3-88a6-abcfb049d3b4-c000.snappy.parquet"),
               RemoveLine("part-00004-315835fe-fb44-4562-98f6-5e6cfa3ae45d-c000.snappy.parquet"),
               RemoveLine("part-00007-3a0e4727-de0d-41b6-81ef-5223cf40f025-c000.snappy.parquet")});
  TableScanMetrics metrics;
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root, std::nullopt, {}, &metrics));
  EXPECT_TRUE(rows.empty());
  EXPECT_EQ(metrics.files_total, 2);
  EXPECT_EQ(metrics.files_read, 2);
}

// ------------------------------------------------------------ synthetic tables

constexpr const char* kIdSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]})";

TEST_F(TableScanTest, ColumnAddedLaterReadsAsNullInOlderFiles) {
  const std::string root = Table("evolved");
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/old.parquet", "id", {1, 2}));
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kIdSchema), AddLine("old.parquet")});
  // v1 adds a column `note`; the new file has both columns.
  {
    NumericBuilder<int64_t> ids;
    ASSERT_OK(ids.Append(3));
    BinaryBuilder notes(String());
    ASSERT_OK(notes.Append("three"));
    ASSERT_OK_AND_ASSIGN(VectorPtr id_column, ids.Finish());
    ASSERT_OK_AND_ASSIGN(VectorPtr note_column, notes.Finish());
    SchemaPtr schema = MakeSchema({Field("id", Int64()), Field("note", String())});
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch,
                         RecordBatch::Make(schema, {id_column, note_column}, 1));
    ASSERT_OK_AND_ASSIGN(auto writer,
                         parquet::ParquetWriter::Open(fs_.get(), root + "/new.parquet", schema));
    ASSERT_OK(writer->Write(*batch));
    ASSERT_OK(writer->Close());
  }
  WriteCommit(root, 1,
              {MetadataLine(R"({"type":"struct","fields":[{"name":"id","type":"long",)"
                            R"("nullable":true,"metadata":{}},{"name":"note","type":"string",)"
                            R"("nullable":true,"metadata":{}}]})"),
               AddLine("new.parquet")});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> v0, Rows(root, 0));
  EXPECT_EQ(v0, Numbers({1, 2}));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> v1, Rows(root, 1));
  EXPECT_EQ(v1, Sorted({"1|NULL", "2|NULL", "3|three"}));
  TableScanOptions only_note;
  only_note.columns = {"note"};
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> notes, Rows(root, 1, only_note));
  EXPECT_EQ(notes, Sorted({"NULL", "NULL", "three"}));
}

TEST_F(TableScanTest, NarrowerFileTypesAreWidened) {
  const std::string root = Table("widened");
  // A file written with int32 where the table says long; another with int16
  // and float where it says integer and double (type widening).
  ASSERT_OK(WriteColumnFile<int32_t>(fs_.get(), root + "/int.parquet", "id",
                                     {2147483647, std::nullopt, -5}));
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kIdSchema), AddLine("int.parquet")});
  ASSERT_OK_AND_ASSIGN(auto snapshot, Load(root));
  ASSERT_OK_AND_ASSIGN(auto reader, ScanTable(snapshot, {}));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->Next());
  ASSERT_NE(batch, nullptr);
  EXPECT_TRUE(batch->column(0)->type()->Equals(*Int64()));
  EXPECT_EQ(batch->column(0)->Value<int64_t>(0), 2147483647);
  EXPECT_TRUE(batch->column(0)->IsNull(1));
  EXPECT_EQ(batch->column(0)->Value<int64_t>(2), -5);

  const std::string other = Table("widened2");
  ASSERT_OK(WriteColumnFile<int16_t>(fs_.get(), other + "/a.parquet", "a", {-7, 300}));
  ASSERT_OK(WriteColumnFile<float>(fs_.get(), other + "/b.parquet", "b", {1.5F}));
  WriteCommit(other, 0,
              {ProtocolLine(),
               MetadataLine(R"({"type":"struct","fields":[{"name":"a","type":"integer",)"
                            R"("nullable":true,"metadata":{}},{"name":"b","type":"double",)"
                            R"("nullable":true,"metadata":{}}]})"),
               AddLine("a.parquet"), AddLine("b.parquet")});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(other));
  EXPECT_EQ(rows, Sorted({"-7|NULL", "300|NULL", "NULL|1.5"}));
}

TEST_F(TableScanTest, WiderFileTypeIsAnErrorNamingFileAndColumn) {
  const std::string root = Table("narrowed");
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/big.parquet", "a", {1}));
  WriteCommit(root, 0,
              {ProtocolLine(),
               MetadataLine(R"({"type":"struct","fields":[{"name":"a","type":"integer",)"
                            R"("nullable":true,"metadata":{}}]})"),
               AddLine("big.parquet")});
  const Status status = ScanError(root);
  EXPECT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(root + "/big.parquet"));
  EXPECT_THAT(status.message(), HasSubstr("column a"));
  EXPECT_THAT(status.message(), HasSubstr("int64"));
  EXPECT_THAT(status.message(), HasSubstr("int32"));
}

TEST_F(TableScanTest, TypedPartitionValues) {
  const std::string root = Table("typed");
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/n=1/a.parquet", "id", {10, 11}));
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/n=null/b.parquet", "id", {12}));
  WriteCommit(root, 0,
              {ProtocolLine(),
               MetadataLine(R"({"type":"struct","fields":[{"name":"id","type":"long",)"
                            R"("nullable":true,"metadata":{}},{"name":"n","type":"integer",)"
                            R"("nullable":true,"metadata":{}},{"name":"d","type":"date",)"
                            R"("nullable":true,"metadata":{}}]})",
                            R"("n","d")"),
               AddLine("n=1/a.parquet", R"("n":"1","d":"2024-02-29")"),
               // A missing key and "" are both null.
               AddLine("n=null/b.parquet", R"("n":"")")});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root));
  EXPECT_EQ(rows, Sorted({"10|1|2024-02-29", "11|1|2024-02-29", "12|NULL|NULL"}));
}

TEST_F(TableScanTest, BadPartitionValueNamesTheColumn) {
  const std::string root = Table("bad_partition");
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/n=x/a.parquet", "id", {1}));
  WriteCommit(root, 0,
              {ProtocolLine(),
               MetadataLine(R"({"type":"struct","fields":[{"name":"id","type":"long",)"
                            R"("nullable":true,"metadata":{}},{"name":"n","type":"integer",)"
                            R"("nullable":true,"metadata":{}}]})",
                            R"("n")"),
               AddLine("n=x/a.parquet", R"("n":"x")")});
  const Status status = ScanError(root);
  EXPECT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("partition column n"));
  EXPECT_THAT(status.message(), HasSubstr("\"x\""));
  EXPECT_THAT(status.message(), HasSubstr("n=x/a.parquet"));
}

TEST_F(TableScanTest, MissingDataFileNamesIt) {
  const std::string root = Table("missing");
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kIdSchema), AddLine("gone%20away.parquet")});
  const Status status = ScanError(root);
  EXPECT_TRUE(status.IsNotFound() || status.IsIOError()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(root + "/gone away.parquet"));
}

TEST_F(TableScanTest, EscapedPathsAreDecoded) {
  // A hive-escaped directory name (value "A/A" -> x=A%2FA) is written
  // %-encoded once more in the log.
  const std::string root = Table("escaped");
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/x=A%2FA/part 0.parquet", "id", {42}));
  WriteCommit(root, 0,
              {ProtocolLine(),
               MetadataLine(R"({"type":"struct","fields":[{"name":"id","type":"long",)"
                            R"("nullable":true,"metadata":{}},{"name":"x","type":"string",)"
                            R"("nullable":true,"metadata":{}}]})",
                            R"("x")"),
               AddLine("x=A%252FA/part%200.parquet", R"("x":"A/A")")});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, Rows(root));
  EXPECT_EQ(rows, Sorted({"42|A/A"}));
}

TEST_F(TableScanTest, ScanKeepsTheSnapshotAlive) {
  std::unique_ptr<RecordBatchReader> reader;
  {
    ASSERT_OK_AND_ASSIGN(auto snapshot, Load(DeltaFixture("simple_table"), 2));
    ASSERT_OK_AND_ASSIGN(reader, ScanTable(snapshot, {}));
  }
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, ReadRows(reader.get()));
  EXPECT_EQ(rows, Range(5, 9));
}

TEST_F(TableScanTest, AsOfTimestampReadsThatVersion) {
  const std::string root = Table("asof");
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/a.parquet", "id", {1}));
  ASSERT_OK(WriteColumnFile<int64_t>(fs_.get(), root + "/b.parquet", "id", {2}));
  WriteCommit(root, 0, {ProtocolLine(), MetadataLine(kIdSchema), AddLine("a.parquet")});
  WriteCommit(root, 1, {AddLine("b.parquet")});
  WriteCommit(root, 2, {RemoveLine("a.parquet")});
  const std::vector<int64_t> times = {1700000000000, 1700000001000, 1700000002000};
  for (int64_t version = 0; version < 3; ++version) {
    const std::chrono::sys_time<std::chrono::milliseconds> time{
        std::chrono::milliseconds(times[static_cast<size_t>(version)])};
    std::filesystem::last_write_time(
        root + "/_delta_log/" + testing::CommitName(version),
        std::chrono::time_point_cast<std::filesystem::file_time_type::duration>(
            std::chrono::file_clock::from_sys(time)));
  }
  const std::vector<std::pair<int64_t, std::vector<std::string>>> cases = {
      {1700000000500, Numbers({1})},
      {1700000001000, Numbers({1, 2})},
      {1700000005000, Numbers({2})}};
  for (const auto& [as_of, expected] : cases) {
    SnapshotOptions options;
    options.as_of_ms = as_of;
    ASSERT_OK_AND_ASSIGN(auto snapshot, Snapshot::Load(fs_.get(), root, options));
    ASSERT_OK_AND_ASSIGN(auto reader, ScanTable(snapshot, {}));
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> rows, ReadRows(reader.get()));
    EXPECT_EQ(rows, expected) << "as of " << as_of;
  }
}

}  // namespace
}  // namespace strata::delta
