#include "parquet/file_writer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "columnar/builder.h"
#include "common/version.h"
#include "io/local_file_system.h"
#include "parquet/codec/bloom_filter.h"
#include "parquet/codec/crc32.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

SchemaPtr TestSchema() {
  return MakeSchema({{"id", Int64(), false}, {"name", String(), true}, {"score", Float64(), true}});
}

// Rows [first, first + n): id = row, name = "n<row % 7>" (null every 10th),
// score = row / 4.
RecordBatchPtr TestBatch(int64_t first, int64_t n) {
  Int64Builder ids;
  BinaryBuilder names(String());
  Float64Builder scores;
  for (int64_t r = first; r < first + n; ++r) {
    CHECK_OK(ids.Append(r));
    CHECK_OK(r % 10 == 0 ? names.AppendNull() : names.Append("n" + std::to_string(r % 7)));
    CHECK_OK(scores.Append(static_cast<double>(r) / 4));
  }
  return RecordBatch::Make(
             TestSchema(),
             {ids.Finish().ValueOrDie(), names.Finish().ValueOrDie(), scores.Finish().ValueOrDie()},
             n)
      .ValueOrDie();
}

class FileWriterTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) { return dir_.Join(name); }

  // Writes rows [0, rows) in batches of `batch_rows`.
  Status WriteFile(const std::string& path, int64_t rows, WriterOptions options,
                   int64_t batch_rows = 1000) {
    ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(fs_.get(), path, TestSchema(), options));
    for (int64_t r = 0; r < rows; r += batch_rows) {
      RETURN_NOT_OK(writer->Write(*TestBatch(r, std::min(batch_rows, rows - r))));
    }
    return writer->Close();
  }

  std::string Bytes(const std::string& path) {
    auto buffer = ReadWholeFile(fs_.get(), path).ValueOrDie();
    return std::string(buffer->view());
  }

  FileMetaData Footer(const std::string& path) {
    std::string bytes = Bytes(path);
    EXPECT_EQ(bytes.substr(0, 4), "PAR1");
    EXPECT_EQ(bytes.substr(bytes.size() - 4), "PAR1");
    uint32_t length = 0;
    std::memcpy(&length, bytes.data() + bytes.size() - 8, 4);
    auto footer = std::span<const uint8_t>(
        reinterpret_cast<const uint8_t*>(bytes.data()) + bytes.size() - 8 - length, length);
    return ReadFileMetaData(footer).ValueOrDie();
  }

  std::span<const uint8_t> At(const std::string& bytes, int64_t offset, int64_t length) {
    return {reinterpret_cast<const uint8_t*>(bytes.data()) + offset, static_cast<size_t>(length)};
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(FileWriterTest, RowGroupsEndExactlyAtTheRowLimit) {
  WriterOptions options;
  options.row_group_rows = 1000;
  ASSERT_OK(WriteFile(Path("a.parquet"), 2500, options, 700));
  FileMetaData meta = Footer(Path("a.parquet"));
  EXPECT_EQ(meta.num_rows, 2500);
  ASSERT_EQ(meta.row_groups.size(), 3u);
  EXPECT_EQ(meta.row_groups[0].num_rows, 1000);
  EXPECT_EQ(meta.row_groups[2].num_rows, 500);
  EXPECT_EQ(meta.row_groups[2].ordinal, 2);
  EXPECT_EQ(meta.created_by, std::string(kCreatedBy));
  ASSERT_TRUE(meta.column_orders.has_value());
  EXPECT_EQ(meta.column_orders->size(), 3u);
  EXPECT_EQ(meta.row_groups[0].columns[0].meta_data->num_values, 1000);
}

TEST_F(FileWriterTest, RowGroupsDeclareTheirSortOrder) {
  WriterOptions options;
  options.row_group_rows = 1000;
  options.sorting_columns = {{.column_idx = 2, .descending = true, .nulls_first = false},
                             {.column_idx = 0, .descending = false, .nulls_first = true}};
  ASSERT_OK(WriteFile(Path("s.parquet"), 1500, options));
  FileMetaData meta = Footer(Path("s.parquet"));
  ASSERT_EQ(meta.row_groups.size(), 2u);
  for (const RowGroup& row_group : meta.row_groups) {
    EXPECT_EQ(row_group.sorting_columns, options.sorting_columns);
  }
  // Unsorted files say nothing.
  ASSERT_OK(WriteFile(Path("u.parquet"), 10, WriterOptions{}));
  EXPECT_FALSE(Footer(Path("u.parquet")).row_groups[0].sorting_columns.has_value());
  WriterOptions bad;
  bad.sorting_columns = {{.column_idx = 3}};
  EXPECT_TRUE(
      ParquetWriter::Open(fs_.get(), Path("b.parquet"), TestSchema(), bad).status().IsInvalid());
}

TEST_F(FileWriterTest, ChunkStatisticsAreExact) {
  ASSERT_OK(WriteFile(Path("s.parquet"), 100, WriterOptions{}));
  FileMetaData meta = Footer(Path("s.parquet"));
  const Statistics& id = *meta.row_groups[0].columns[0].meta_data->statistics;
  int64_t min = -1;
  int64_t max = -1;
  std::memcpy(&min, id.min_value->data(), 8);
  std::memcpy(&max, id.max_value->data(), 8);
  EXPECT_EQ(min, 0);
  EXPECT_EQ(max, 99);
  EXPECT_EQ(id.null_count, 0);
  const Statistics& name = *meta.row_groups[0].columns[1].meta_data->statistics;
  EXPECT_EQ(name.null_count, 10);
  EXPECT_EQ(*name.min_value, "n0");
  EXPECT_EQ(*name.max_value, "n6");
}

TEST_F(FileWriterTest, PagesCarryValidChecksumsAndPageIndex) {
  WriterOptions options;
  options.column.page_rows = 100;
  ASSERT_OK(WriteFile(Path("p.parquet"), 1000, options));
  FileMetaData meta = Footer(Path("p.parquet"));
  std::string bytes = Bytes(Path("p.parquet"));
  const ColumnChunk& chunk = meta.row_groups[0].columns[0];
  ASSERT_TRUE(chunk.offset_index_offset && chunk.column_index_offset);
  OffsetIndex offsets =
      ReadOffsetIndex(At(bytes, *chunk.offset_index_offset, *chunk.offset_index_length))
          .ValueOrDie();
  ASSERT_EQ(offsets.page_locations.size(), 10u);
  EXPECT_EQ(offsets.page_locations[3].first_row_index, 300);
  ColumnIndex index =
      ReadColumnIndex(At(bytes, *chunk.column_index_offset, *chunk.column_index_length))
          .ValueOrDie();
  ASSERT_EQ(index.min_values.size(), 10u);
  EXPECT_EQ(index.boundary_order, BoundaryOrder::kAscending);
  for (const PageLocation& page : offsets.page_locations) {
    int64_t header_size = 0;
    PageHeader header =
        ReadPageHeader(At(bytes, page.offset, page.compressed_page_size), &header_size)
            .ValueOrDie();
    ASSERT_TRUE(header.crc.has_value());
    EXPECT_OK(CheckPageCrc(At(bytes, page.offset + header_size, header.compressed_page_size),
                           *header.crc));
    EXPECT_EQ(header_size + header.compressed_page_size, page.compressed_page_size);
  }
}

TEST_F(FileWriterTest, BloomFilterHoldsEveryValue) {
  WriterOptions options;
  options.bloom_filter_columns = {"name"};
  ASSERT_OK(WriteFile(Path("b.parquet"), 1000, options));
  FileMetaData meta = Footer(Path("b.parquet"));
  std::string bytes = Bytes(Path("b.parquet"));
  const ColumnMetaData& name = *meta.row_groups[0].columns[1].meta_data;
  ASSERT_TRUE(name.bloom_filter_offset && name.bloom_filter_length);
  EXPECT_FALSE(meta.row_groups[0].columns[0].meta_data->bloom_filter_offset.has_value());
  int64_t header_size = 0;
  auto region = At(bytes, *name.bloom_filter_offset, *name.bloom_filter_length);
  BloomFilterHeader header = ReadBloomFilterHeader(region, &header_size).ValueOrDie();
  EXPECT_EQ(header_size + header.num_bytes, *name.bloom_filter_length);
  auto filter =
      BloomFilter::FromBitset(region.subspan(static_cast<size_t>(header_size))).ValueOrDie();
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(filter->FindHash(BloomFilter::HashBytes("n" + std::to_string(i))));
  }
  int false_positives = 0;
  for (int i = 0; i < 1000; ++i) {
    false_positives += filter->FindHash(BloomFilter::HashBytes("absent" + std::to_string(i)));
  }
  EXPECT_LT(false_positives, 50);
}

TEST_F(FileWriterTest, DictionaryFallsBackMidChunk) {
  WriterOptions options;
  options.column.encoding = Encoding::kRleDictionary;
  options.column.dictionary_page_bytes = 512;  // 64 int64 entries.
  options.column.page_rows = 50;
  ASSERT_OK(WriteFile(Path("d.parquet"), 1000, options));
  FileMetaData meta = Footer(Path("d.parquet"));
  const ColumnMetaData& id = *meta.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(id.dictionary_page_offset.has_value());
  bool dictionary_pages = false;
  bool plain_pages = false;
  for (const PageEncodingStats& s : *id.encoding_stats) {
    if (s.page_type != PageType::kDataPage) continue;
    dictionary_pages |= s.encoding == static_cast<int32_t>(Encoding::kRleDictionary);
    plain_pages |= s.encoding == static_cast<int32_t>(Encoding::kPlain);
  }
  EXPECT_TRUE(dictionary_pages);
  EXPECT_TRUE(plain_pages);
}

TEST_F(FileWriterTest, FileAppearsOnlyOnClose) {
  ASSERT_OK_AND_ASSIGN(auto writer,
                       ParquetWriter::Open(fs_.get(), Path("x.parquet"), TestSchema()));
  ASSERT_OK(writer->Write(*TestBatch(0, 10)));
  EXPECT_FALSE(std::filesystem::exists(Path("x.parquet")));
  ASSERT_OK(writer->Close());
  EXPECT_TRUE(std::filesystem::exists(Path("x.parquet")));
  EXPECT_OK(writer->Close());  // Idempotent.
}

TEST_F(FileWriterTest, AbandonedWriterLeavesNothing) {
  {
    ASSERT_OK_AND_ASSIGN(auto writer,
                         ParquetWriter::Open(fs_.get(), Path("y.parquet"), TestSchema()));
    ASSERT_OK(writer->Write(*TestBatch(0, 10)));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir_.path()));
}

TEST_F(FileWriterTest, EmptyFileHasSchemaAndNoRowGroups) {
  ASSERT_OK(WriteFile(Path("e.parquet"), 0, WriterOptions{}));
  FileMetaData meta = Footer(Path("e.parquet"));
  EXPECT_EQ(meta.num_rows, 0);
  EXPECT_TRUE(meta.row_groups.empty());
  EXPECT_EQ(meta.schema.size(), 4u);
}

TEST_F(FileWriterTest, RejectsMismatchedBatchesAndBadOptions) {
  ASSERT_OK_AND_ASSIGN(auto writer,
                       ParquetWriter::Open(fs_.get(), Path("m.parquet"), TestSchema()));
  auto other = RecordBatch::Make(MakeSchema({{"id", Int32(), false}}),
                                 {Int32Builder().Finish().ValueOrDie()}, 0)
                   .ValueOrDie();
  EXPECT_TRUE(writer->Write(*other).IsInvalid());
  WriterOptions bad;
  bad.column_encodings["nope"] = Encoding::kPlain;
  EXPECT_TRUE(
      ParquetWriter::Open(fs_.get(), Path("n.parquet"), TestSchema(), bad).status().IsInvalid());
  WriterOptions wrong_type;
  wrong_type.column_encodings["name"] = Encoding::kDeltaBinaryPacked;
  Status st = ParquetWriter::Open(fs_.get(), Path("n.parquet"), TestSchema(), wrong_type).status();
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("column 'name'"), std::string_view::npos) << st.ToString();
}

TEST_F(FileWriterTest, NullsInARequiredColumnAreRejected) {
  auto schema = MakeSchema({{"id", Int64(), false}});
  ASSERT_OK_AND_ASSIGN(auto writer, ParquetWriter::Open(fs_.get(), Path("r.parquet"), schema));
  Int64Builder ids;
  ASSERT_OK(ids.Append(1));
  ASSERT_OK(ids.AppendNull());
  // RecordBatch::Make refuses this too; build around it to test the writer.
  auto nullable = MakeSchema({{"id", Int64(), true}});
  auto batch = RecordBatch::Make(nullable, {ids.Finish().ValueOrDie()}, 2).ValueOrDie();
  EXPECT_TRUE(writer->Write(*batch).IsInvalid());
}

}  // namespace
}  // namespace strata::parquet
