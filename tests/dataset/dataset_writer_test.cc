#include "dataset/dataset_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::dataset {
namespace {

SchemaPtr TestSchema() {
  return MakeSchema({{"id", Int64(), false}, {"site", String(), true}, {"note", String(), false}});
}

// id = first..first+n-1; site = "s<id % sites>" (null when id % 11 == 0).
RecordBatchPtr Rows(int64_t first, int64_t n, int sites) {
  Int64Builder ids;
  BinaryBuilder site(String());
  BinaryBuilder note(String());
  for (int64_t id = first; id < first + n; ++id) {
    CHECK_OK(ids.Append(id));
    CHECK_OK(id % 11 == 0 ? site.AppendNull() : site.Append("s" + std::to_string(id % sites)));
    CHECK_OK(note.Append(std::string(100, static_cast<char>('a' + id % 26))));
  }
  return RecordBatch::Make(
             TestSchema(),
             {ids.Finish().ValueOrDie(), site.Finish().ValueOrDie(), note.Finish().ValueOrDie()}, n)
      .ValueOrDie();
}

class DatasetWriterTest : public ::testing::Test {
 protected:
  std::vector<std::string> VisibleParquetFiles() {
    std::vector<std::string> out;
    for (const FileInfo& info : fs_->ListDir(dir_.path(), /*recursive=*/true).ValueOrDie()) {
      const std::string name = info.path.substr(info.path.rfind('/') + 1);
      if (name.ends_with(".parquet") && !name.starts_with(".")) out.push_back(info.path);
    }
    return out;
  }

  int64_t CountAllFiles() {
    int64_t n = 0;
    for (const FileInfo& info : fs_->ListDir(dir_.path(), true).ValueOrDie()) {
      n += info.type == FileType::kDirectory ? 0 : 1;
    }
    return n;
  }

  // id -> site directory value, over every visible file.
  std::map<int64_t, std::string> ReadBack() {
    std::map<int64_t, std::string> rows;
    for (const std::string& path : VisibleParquetFiles()) {
      auto reader = parquet::ParquetReader::Open(fs_.get(), path).ValueOrDie();
      EXPECT_EQ(reader->schema()->FieldIndex("site"), -1) << path;
      const size_t at = path.find("site=");
      const std::string site =
          at == std::string::npos ? "" : path.substr(at + 5, path.find('/', at) - at - 5);
      for (const RecordBatchPtr& batch : reader->ReadAll({0}).ValueOrDie()) {
        for (int64_t i = 0; i < batch->num_rows(); ++i) {
          const int64_t id = batch->column(0)->Values<int64_t>()[i];
          EXPECT_TRUE(rows.emplace(id, site).second) << "row " << id << " written twice";
        }
      }
    }
    return rows;
  }

  DatasetWriterOptions Partitioned() {
    DatasetWriterOptions options;
    options.partitions = ParsePartitioning("site", *TestSchema()).ValueOrDie();
    return options;
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(DatasetWriterTest, FilesAppearOnlyAtCommitWithUniqueNames) {
  ASSERT_OK_AND_ASSIGN(auto writer, DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), {}));
  ASSERT_OK(writer->Write(Rows(0, 1000, 3)));
  ASSERT_OK(writer->Write(Rows(1000, 500, 3)));
  EXPECT_TRUE(VisibleParquetFiles().empty());
  ASSERT_OK(writer->Commit());
  ASSERT_EQ(writer->files().size(), 1u);
  EXPECT_EQ(writer->files()[0].rows, 1500);
  EXPECT_GT(writer->files()[0].bytes, 0);
  EXPECT_EQ(VisibleParquetFiles(), std::vector<std::string>{writer->files()[0].path});
  EXPECT_EQ(CountAllFiles(), 1);
  // A second writer into the same directory adds a file, overwriting none.
  ASSERT_OK_AND_ASSIGN(auto again, DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), {}));
  ASSERT_OK(again->Write(Rows(1500, 10, 3)));
  ASSERT_OK(again->Commit());
  EXPECT_NE(again->files()[0].path, writer->files()[0].path);
  EXPECT_EQ(VisibleParquetFiles().size(), 2u);
}

TEST_F(DatasetWriterTest, AbortLeavesNothing) {
  DatasetWriterOptions options = Partitioned();
  options.target_file_bytes = 20000;
  {
    ASSERT_OK_AND_ASSIGN(auto writer,
                         DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), options));
    ASSERT_OK(writer->Write(Rows(0, 3000, 4)));
    writer->Abort();
  }
  {
    ASSERT_OK_AND_ASSIGN(auto writer,
                         DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), options));
    ASSERT_OK(writer->Write(Rows(0, 3000, 4)));
  }  // Destroyed without Commit().
  EXPECT_EQ(CountAllFiles(), 0);
}

TEST_F(DatasetWriterTest, PartitionsRollOverAtTheTargetSize) {
  DatasetWriterOptions options = Partitioned();
  options.target_file_bytes = 30000;
  options.file.row_group_rows = 100;
  ASSERT_OK_AND_ASSIGN(auto writer,
                       DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), options));
  for (int64_t first = 0; first < 20000; first += 1000) {
    ASSERT_OK(writer->Write(Rows(first, 1000, 3)));
  }
  ASSERT_OK(writer->Commit());
  EXPECT_GT(writer->files().size(), 4u);
  std::set<std::string> partitions;
  for (const WrittenFile& file : writer->files()) {
    partitions.insert(file.partition);
    // A file closes after the write that crosses the target.
    EXPECT_LT(file.bytes, 2 * 30000) << file.path;
  }
  EXPECT_EQ(partitions, (std::set<std::string>{"site=s0", "site=s1", "site=s2",
                                               "site=__HIVE_DEFAULT_PARTITION__"}));
  const std::map<int64_t, std::string> rows = ReadBack();
  ASSERT_EQ(rows.size(), 20000u);
  for (const auto& [id, site] : rows) {
    EXPECT_EQ(site, id % 11 == 0 ? "__HIVE_DEFAULT_PARTITION__" : "s" + std::to_string(id % 3));
  }
}

TEST_F(DatasetWriterTest, OpenFileLimitHolds) {
  DatasetWriterOptions options = Partitioned();
  options.max_open_files = 3;
  ASSERT_OK_AND_ASSIGN(auto writer,
                       DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), options));
  for (int64_t first = 0; first < 10000; first += 500) {
    ASSERT_OK(writer->Write(Rows(first, 500, 8)));
  }
  ASSERT_OK(writer->Commit());
  // 9 partitions through 3 open files: partitions are reopened as new files.
  EXPECT_GT(writer->files().size(), 9u);
  EXPECT_EQ(ReadBack().size(), 10000u);
}

TEST_F(DatasetWriterTest, MemoryBudgetFlushesRowGroupsEarly) {
  DatasetWriterOptions options = Partitioned();
  options.memory_budget_bytes = 16 << 10;
  options.file.column.page_rows = 100;  // Pages finish often, so buffers are measured.
  ASSERT_OK_AND_ASSIGN(auto writer,
                       DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), options));
  for (int64_t first = 0; first < 20000; first += 500) {
    ASSERT_OK(writer->Write(Rows(first, 500, 8)));
  }
  ASSERT_OK(writer->Commit());
  EXPECT_EQ(writer->files().size(), 9u);
  EXPECT_EQ(ReadBack().size(), 20000u);
  int64_t row_groups = 0;
  for (const WrittenFile& file : writer->files()) {
    auto reader = parquet::ParquetReader::Open(fs_.get(), file.path).ValueOrDie();
    row_groups += reader->num_row_groups();
  }
  EXPECT_GT(row_groups, 3 * 9);
}

TEST_F(DatasetWriterTest, RejectsBadOptions) {
  DatasetWriterOptions options;
  options.target_file_bytes = 0;
  EXPECT_TRUE(
      DatasetWriter::Open(fs_.get(), dir_.path(), TestSchema(), options).status().IsInvalid());
  const SchemaPtr one = MakeSchema({{"site", String(), true}});
  DatasetWriterOptions all_keys;
  all_keys.partitions = ParsePartitioning("site", *one).ValueOrDie();
  EXPECT_TRUE(DatasetWriter::Open(fs_.get(), dir_.path(), one, all_keys).status().IsInvalid());
}

}  // namespace
}  // namespace strata::dataset
