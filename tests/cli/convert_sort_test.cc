// `strata convert --sort-by`: sorted single files and partitioned
// directories from Parquet, CSV (with a widening restart) and JSON inputs,
// spilling through a small --sort-memory, with the order declared in the
// row groups and no spill files left behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "columnar/compute.h"
#include "columnar/sort.h"
#include "convert_test_util.h"
#include "dataset/sorter.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "testing/status_matchers.h"

namespace strata::cli {
namespace {

using ::testing::HasSubstr;

class ConvertSortTest : public ConvertTestBase {
 protected:
  // A telemetry Parquet file in row groups of 1500 rows, so a scan hands
  // the sorter many batches.
  std::string Telemetry(int64_t rows) {
    const std::string path = dir_.Join("telemetry.parquet");
    CliRun run = RunStrata({"--quiet", "generate", "telemetry", "--rows", std::to_string(rows),
                            "--to", path, "--row-group-rows", "1500"});
    EXPECT_EQ(run.code, kExitOk) << run.err;
    return path;
  }

  // Every row of a Parquet file, and its footer.
  RecordBatchPtr ReadFile(const std::string& path, parquet::FileMetaData* footer = nullptr) {
    auto reader = parquet::ParquetReader::Open(fs_.get(), path).ValueOrDie();
    if (footer != nullptr) *footer = reader->metadata();
    auto batches = reader->ReadAll(reader->AllColumns()).ValueOrDie();
    if (batches.empty()) return RecordBatch::Make(reader->schema(), {}, 0).ValueOrDie();
    return ConcatenateBatches(batches).ValueOrDie();
  }

  // Asserts each row sorts no later than the next by `sort_by`.
  static void ExpectSorted(const RecordBatch& batch, const std::string& sort_by) {
    ASSERT_OK_AND_ASSIGN(auto keys, dataset::ParseSortKeys(sort_by, *batch.schema()));
    ASSERT_OK_AND_ASSIGN(RowKeys rows, RowKeys::Make(batch, keys));
    for (int64_t i = 1; i < batch.num_rows(); ++i) {
      ASSERT_LE(rows.Compare(i - 1, rows, i), 0) << "rows " << i - 1 << " and " << i;
    }
  }

  static std::multiset<int64_t> Ids(const RecordBatch& batch, const std::string& column) {
    const VectorPtr ids = batch.GetColumnByName(column);
    return {ids->Values<int64_t>(), ids->Values<int64_t>() + ids->length()};
  }

  // Files and directories under the test directory whose names start with
  // '.' (spill directories, temporaries).
  std::vector<std::string> HiddenEntries() const {
    std::vector<std::string> hidden;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.path())) {
      if (entry.path().filename().string().starts_with(".")) hidden.push_back(entry.path());
    }
    return hidden;
  }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

// Many spilled runs (64 KB for 30k rows), after --columns and --where; the
// same rows as the unsorted conversion, in order, declared in the footer.
TEST_F(ConvertSortTest, ParquetInputSpillsAndStaysComplete) {
  const std::string in = Telemetry(30000);
  const std::vector<std::string> filter = {"--columns", "reading_id,ts,battery_id,soc", "--where",
                                           "soc > 10"};
  std::vector<std::string> plain = {"convert", in, "--to", dir_.Join("plain.parquet")};
  plain.insert(plain.end(), filter.begin(), filter.end());
  ASSERT_EQ(RunStrata(plain).code, kExitOk);
  std::vector<std::string> sorted = {"convert",       in,
                                     "--to",          dir_.Join("sorted.parquet"),
                                     "--sort-by",     "battery_id, ts DESC",
                                     "--sort-memory", "64KB"};
  sorted.insert(sorted.end(), filter.begin(), filter.end());
  CliRun run = RunStrata(sorted);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  RecordBatchPtr want = ReadFile(dir_.Join("plain.parquet"));
  parquet::FileMetaData footer;
  RecordBatchPtr got = ReadFile(dir_.Join("sorted.parquet"), &footer);
  EXPECT_THAT(run.out, HasSubstr(" rows=" + std::to_string(want->num_rows()) + " "));
  EXPECT_LT(want->num_rows(), 30000);
  EXPECT_EQ(Ids(*got, "reading_id"), Ids(*want, "reading_id"));
  ExpectSorted(*got, "battery_id, ts DESC");
  ASSERT_FALSE(footer.row_groups.empty());
  const std::vector<parquet::SortingColumn> declared = {{.column_idx = 2},
                                                        {.column_idx = 1, .descending = true}};
  for (const parquet::RowGroup& row_group : footer.row_groups) {
    EXPECT_EQ(row_group.sorting_columns, declared);
  }
  EXPECT_THAT(HiddenEntries(), ::testing::IsEmpty());
}

// A global sort, then the dataset writer splits by site and rolls files:
// every file is sorted, and declares the order without the site column
// (not in the files).
TEST_F(ConvertSortTest, PartitionedFilesAreEachSorted) {
  const std::string in = Telemetry(30000);
  const std::string out = dir_.Join("by-site");
  CliRun run = RunStrata({"convert", in, "--to", out, "--partition-by", "site", "--sort-by",
                          "site, battery_id, ts DESC", "--sort-memory", "64KB",
                          "--target-file-size", "32KB"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=30000 "));
  int64_t rows = 0;
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".parquet") || name.starts_with(".")) continue;
    ++files;
    parquet::FileMetaData footer;
    RecordBatchPtr batch = ReadFile(entry.path(), &footer);
    rows += batch->num_rows();
    ExpectSorted(*batch, "battery_id, ts DESC");
    ASSERT_EQ(batch->schema()->field(2).name, "battery_id");  // site is in the path.
    for (const parquet::RowGroup& row_group : footer.row_groups) {
      EXPECT_EQ(row_group.sorting_columns,
                (std::vector<parquet::SortingColumn>{{.column_idx = 2},
                                                     {.column_idx = 1, .descending = true}}));
    }
  }
  EXPECT_EQ(rows, 30000);
  EXPECT_GT(files, 8);
  EXPECT_THAT(HiddenEntries(), ::testing::IsEmpty());
}

// A value past the sample widens the column and restarts the input; the
// restarted attempt sorts afresh and the first attempt's runs are gone.
TEST_F(ConvertSortTest, CsvWideningRestartSortsAfresh) {
  std::string text = "n,tag\n";
  for (int i = 0; i < 300; ++i)
    text += std::to_string(i * 7 % 101) + ",t" + std::to_string(i) + "\n";
  text += "0.5,late\n";
  const std::string in = Write("w.csv", text);
  const std::string out = dir_.Join("w.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sample", "10", "--sort-by", "n desc",
                          "--sort-memory", "1KB"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=301 "));
  RecordBatchPtr got = ReadFile(out);
  EXPECT_EQ(got->schema()->field(0).type->id(), TypeId::kFloat64);
  ExpectSorted(*got, "n DESC");
  EXPECT_EQ(got->column(0)->Values<double>()[300], 0.0);
  EXPECT_THAT(HiddenEntries(), ::testing::IsEmpty());
}

TEST_F(ConvertSortTest, JsonInputWithNullsFirst) {
  const std::string in = Write("a.jsonl",
                               "{\"id\": 1, \"v\": 2}\n{\"id\": 2}\n{\"id\": 3, \"v\": 1}\n"
                               "{\"id\": 4, \"v\": 2}\n{\"id\": 5}\n");
  const std::string out = dir_.Join("a.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sort-by", "v NULLS FIRST, id DESC"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(out), "id,v\n5,\n2,\n3,1\n4,2\n1,2\n");
}

TEST_F(ConvertSortTest, EmptyInputWritesAnEmptyFile) {
  const std::string in = Write("e.csv", "a,b\n");
  CliRun run = RunStrata({"convert", in, "--to", dir_.Join("e.parquet"), "--sort-by", "b"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=0 "));
}

TEST_F(ConvertSortTest, BadSortOptionsNameTheProblem) {
  const std::string in = Write("a.csv", "id,name\n1,x\n");
  const std::string out = dir_.Join("a.parquet");
  CliRun unknown = RunStrata({"convert", in, "--to", out, "--sort-by", "id, nope DESC"});
  EXPECT_EQ(unknown.code, kExitFailure);
  EXPECT_THAT(unknown.err, HasSubstr("--sort-by: no column 'nope' to sort by (columns: id, name)"));
  CliRun keyword = RunStrata({"convert", in, "--to", out, "--sort-by", "id sideways"});
  EXPECT_EQ(keyword.code, kExitFailure);
  EXPECT_THAT(keyword.err, HasSubstr("'sideways'"));
  CliRun memory = RunStrata({"convert", in, "--to", out, "--sort-by", "id", "--sort-memory", "x"});
  EXPECT_EQ(memory.code, kExitFailure);
  EXPECT_THAT(memory.err, HasSubstr("--sort-memory"));
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_THAT(HiddenEntries(), ::testing::IsEmpty());
}

}  // namespace
}  // namespace strata::cli
