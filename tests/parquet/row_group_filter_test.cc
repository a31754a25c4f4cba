// Row groups the predicate rules out are never read: counted at the file
// system.
#include "parquet/row_group_filter.h"

#include <gtest/gtest.h>

#include "columnar/builder.h"
#include "io/fault_injecting_file_system.h"
#include "io/local_file_system.h"
#include "parquet/file_writer.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

constexpr int64_t kRowGroups = 10;
constexpr int64_t kRowsPerGroup = 1000;

SchemaPtr TestSchema() { return MakeSchema({{"id", Int64(), false}, {"tag", String(), false}}); }

// id = row; tag = "t<row / 1000>-<row % 7 * 2>" (even suffixes only), so
// each row group has its own tags and odd suffixes exist nowhere.
RecordBatchPtr Rows(int64_t first, int64_t n) {
  Int64Builder ids;
  BinaryBuilder tags(String());
  for (int64_t r = first; r < first + n; ++r) {
    CHECK_OK(ids.Append(r));
    CHECK_OK(
        tags.Append("t" + std::to_string(r / kRowsPerGroup) + "-" + std::to_string(r % 7 * 2)));
  }
  return RecordBatch::Make(TestSchema(), {ids.Finish().ValueOrDie(), tags.Finish().ValueOrDie()}, n)
      .ValueOrDie();
}

class RowGroupFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriterOptions options;
    options.row_group_rows = kRowsPerGroup;
    options.bloom_filter_columns = {"tag"};
    auto writer = ParquetWriter::Open(local_.get(), path_, TestSchema(), options).ValueOrDie();
    ASSERT_OK(writer->Write(*Rows(0, kRowGroups * kRowsPerGroup)));
    ASSERT_OK(writer->Close());
  }

  BoundPredicate BindText(const ParquetReader& reader, const std::string& text) {
    return Bind(ParsePredicate(text).ValueOrDie(), *reader.schema()).ValueOrDie();
  }

  // Reads operations the scan of `row_groups` performs, all columns.
  int64_t ReadsToScan(const ParquetReader& reader, const std::vector<int>& row_groups) {
    int64_t before = fs_.OperationCount(FsOp::kRead);
    auto scan =
        reader.Scan({.columns = reader.AllColumns(), .row_groups = row_groups}).ValueOrDie();
    int64_t rows = 0;
    while (true) {
      RecordBatchPtr batch = scan->Next().ValueOrDie();
      if (batch == nullptr) break;
      rows += batch->num_rows();
    }
    EXPECT_EQ(rows, static_cast<int64_t>(row_groups.size()) * kRowsPerGroup);
    return fs_.OperationCount(FsOp::kRead) - before;
  }

  ScopedTempDir dir_;
  std::string path_ = dir_.Join("t.parquet");
  std::unique_ptr<FileSystem> local_ = NewLocalFileSystem();
  FaultInjectingFileSystem fs_{local_.get()};
};

TEST_F(RowGroupFilterTest, StatisticsSkipRowGroupsAndTheirBytesAreNeverRead) {
  auto reader = ParquetReader::Open(&fs_, path_).ValueOrDie();
  ASSERT_EQ(reader->num_row_groups(), kRowGroups);
  ASSERT_OK_AND_ASSIGN(
      auto kept, SelectRowGroups(&fs_, *reader, BindText(*reader, "id >= 7500 AND id < 8100")));
  EXPECT_EQ(kept, (std::vector<int>{7, 8}));
  const int64_t selective = ReadsToScan(*reader, kept);
  const int64_t everything = ReadsToScan(*reader, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  // One read per column chunk: 2 row groups x 2 columns against 10 x 2.
  EXPECT_EQ(selective, 4);
  EXPECT_EQ(everything, 20);
}

TEST_F(RowGroupFilterTest, BloomFiltersSkipWhatStatisticsCannot) {
  auto reader = ParquetReader::Open(&fs_, path_).ValueOrDie();
  // "t3-5" lies inside row group 3's [t3-0, t3-12] bounds but is absent.
  ASSERT_OK_AND_ASSIGN(auto absent,
                       SelectRowGroups(&fs_, *reader, BindText(*reader, "tag = 't3-5'")));
  EXPECT_TRUE(absent.empty());
  ASSERT_OK_AND_ASSIGN(auto present,
                       SelectRowGroups(&fs_, *reader, BindText(*reader, "tag = 't3-4'")));
  EXPECT_EQ(present, std::vector<int>{3});
  ASSERT_OK_AND_ASSIGN(
      auto in_list, SelectRowGroups(&fs_, *reader, BindText(*reader, "tag IN ('t1-3', 't5-6')")));
  EXPECT_EQ(in_list, std::vector<int>{5});
}

TEST_F(RowGroupFilterTest, PredicatesWithoutPruningKeepEverything) {
  auto reader = ParquetReader::Open(&fs_, path_).ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto kept, SelectRowGroups(&fs_, *reader, BindText(*reader, "tag != 'x'")));
  EXPECT_EQ(kept.size(), static_cast<size_t>(kRowGroups));
}

TEST_F(RowGroupFilterTest, ReadBloomFilterWithoutARecordedLength) {
  auto reader = ParquetReader::Open(&fs_, path_).ValueOrDie();
  ColumnMetaData tag = *reader->metadata().row_groups[0].columns[1].meta_data;
  tag.bloom_filter_length.reset();  // As parquet-mr 1.13 writes it.
  auto file = fs_.OpenForRead(path_).ValueOrDie();
  ASSERT_OK_AND_ASSIGN(auto filter, ReadBloomFilter(file.get(), tag));
  EXPECT_TRUE(filter->FindHash(BloomFilter::HashBytes("t0-2")));
  ColumnMetaData id = *reader->metadata().row_groups[0].columns[0].meta_data;
  EXPECT_TRUE(ReadBloomFilter(file.get(), id).status().IsNotFound());
}

}  // namespace
}  // namespace strata::parquet
