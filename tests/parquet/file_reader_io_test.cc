// ParquetReader's I/O contract (footer reads, projection reading only the
// requested chunks), its file-level checks, and the streaming Scan.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "io/fault_injecting_file_system.h"
#include "io/local_file_system.h"
#include "parquet/column_reader.h"
#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/plain.h"
#include "parquet/file_reader.h"
#include "parquet/schema_read.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::Column;
using testing::FixturePath;
using testing::FlatSchema;
using testing::MemoryFileSystem;
using testing::RecordingFileSystem;
using testing::StringsOf;
using testing::TestChunkWriter;
using testing::TestFileWriter;
using testing::ValuesOf;

using Read = RecordingFileSystem::Read;

TEST(FileReaderIoTest, NestedProjectionReadsOnlyTheNamedLeaves) {
  // A Delta checkpoint (parquet-mr): metaData has 11 leaf columns.
  auto local = NewLocalFileSystem();
  RecordingFileSystem fs(local.get());
  const std::string path =
      FixturePath("../delta/delta-0.2.0/_delta_log/00000000000000000003.checkpoint.parquet");
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, path));
  const int metadata = reader->schema()->FieldIndex("metaData");
  int provider = -1;
  const std::vector<LeafColumn>& leaves = reader->parquet_schema().leaves;
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (LeafName(leaves[i]) == "metaData.format.provider") provider = static_cast<int>(i);
  }
  ASSERT_GE(provider, 0);
  fs.Clear();
  ASSERT_OK_AND_ASSIGN(auto scan,
                       reader->Scan({.columns = {metadata}, .subfields = {{"format.provider"}}}));
  EXPECT_EQ(scan->schema()->ToString(), "metaData: struct<format: struct<provider: string>>");
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, scan->Next());
  ASSERT_NE(batch, nullptr);
  const ColumnChunk& chunk =
      reader->metadata().row_groups[0].columns[static_cast<size_t>(provider)];
  ASSERT_OK_AND_ASSIGN(ByteRange range, ColumnChunkRange(*chunk.meta_data, 1 << 30, 0));
  EXPECT_EQ(fs.reads(), (std::vector<Read>{{range.offset, range.length}}));
  std::vector<std::string> rows = testing::JsonRows(*batch->column(0));
  EXPECT_EQ(rows[1], R"({"format":{"provider":"parquet"}})");
  EXPECT_EQ(rows[0], "null");

  const Status missing =
      reader->Scan({.columns = {metadata}, .subfields = {{"format.nope"}}}).status();
  EXPECT_TRUE(missing.IsNotFound()) << missing.ToString();
  EXPECT_NE(missing.message().find("no member 'nope' (members: provider, options)"),
            std::string::npos)
      << missing.ToString();
}

TEST(FileReaderIoTest, ProjectionReadsOnlyTheRequestedChunks) {
  auto local = NewLocalFileSystem();
  RecordingFileSystem fs(local.get());
  const std::string path = FixturePath("data/alltypes_plain.parquet");
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, path));
  // The 1851-byte file fits the 64 KiB tail read: one read for everything.
  EXPECT_EQ(fs.reads(), (std::vector<Read>{{0, 1851}}));

  fs.Clear();
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->ReadRowGroup(0, {9, 0}));
  EXPECT_EQ(batch->schema()->ToString(), "string_col: binary\nid: int32");
  // One read per requested chunk, exactly its bytes: id from its dictionary
  // page at 4 (73 bytes), string_col from 840 (49 bytes).
  std::vector<Read> reads = fs.reads();
  std::sort(reads.begin(), reads.end(),
            [](const Read& a, const Read& b) { return a.offset < b.offset; });
  EXPECT_EQ(reads, (std::vector<Read>{{4, 73}, {840, 49}}));

  // The same through FaultInjectingFileSystem's counters.
  FaultInjectingFileSystem counting(local.get());
  ASSERT_OK_AND_ASSIGN(auto counted, ParquetReader::Open(&counting, path));
  const int64_t before = counting.OperationCount(FsOp::kRead);
  ASSERT_OK(counted->ReadRowGroup(0, {3}).status());
  EXPECT_EQ(counting.OperationCount(FsOp::kRead) - before, 1);
  ASSERT_OK(counted->ReadRowGroup(0, {}).status());
  EXPECT_EQ(counting.OperationCount(FsOp::kRead) - before, 1);
}

TEST(FileReaderIoTest, LargerFilesCheckTheLeadingMagicWithAFourByteRead) {
  auto local = NewLocalFileSystem();
  RecordingFileSystem fs(local.get());
  // 68353 bytes: the tail read, then the leading magic.
  ASSERT_OK_AND_ASSIGN(auto reader,
                       ParquetReader::Open(&fs, FixturePath("data/delta_byte_array.parquet")));
  EXPECT_EQ(fs.reads(), (std::vector<Read>{{68353 - 65536, 65536}, {0, 4}}));
}

// A file of `rows_per_group` rows per row group: id (required int64, PLAIN)
// counting from 0 and name (optional string, nulls at every fifth row).
std::vector<uint8_t> MultiRowGroupFile(const std::vector<int64_t>& rows_per_group,
                                       const std::string& created_by = "strata reader tests",
                                       const std::string& padding = "") {
  SchemaElement name = Column("name", PhysicalType::kByteArray);
  name.converted_type = ConvertedType::kUtf8;
  TestFileWriter file(
      FlatSchema({Column("id", PhysicalType::kInt64, Repetition::kRequired), name}));
  int64_t next = 0;
  for (int64_t rows : rows_per_group) {
    std::vector<int64_t> ids;
    std::vector<std::string> names;
    std::vector<int16_t> levels;
    for (int64_t i = 0; i < rows; ++i, ++next) {
      ids.push_back(next);
      levels.push_back(next % 5 == 0 ? 0 : 1);
      if (next % 5 != 0) names.push_back("n" + std::to_string(next));
    }
    PlainEncoder<int64_t> id_encoder;
    Buffer id_values, name_values;
    CHECK_OK(id_encoder.Put(ids.data(), rows));
    CHECK_OK(id_encoder.Flush(&id_values));
    std::vector<std::string_view> views(names.begin(), names.end());
    PlainByteArrayEncoder name_encoder;
    CHECK_OK(name_encoder.Put(views.data(), static_cast<int64_t>(views.size())));
    CHECK_OK(name_encoder.Flush(&name_values));
    TestChunkWriter id_chunk(PhysicalType::kInt64, CompressionCodec::kSnappy);
    TestChunkWriter name_chunk(PhysicalType::kByteArray, CompressionCodec::kGzip);
    if (rows > 0) {
      id_chunk.DataPageV1(Encoding::kPlain, {}, static_cast<int32_t>(rows), id_values.span());
      name_chunk.DataPageV2(Encoding::kPlain, levels, static_cast<int32_t>(rows),
                            name_values.span());
    }
    file.AddRowGroup(rows, {&id_chunk, &name_chunk});
  }
  file.metadata().created_by = created_by;
  if (!padding.empty()) file.metadata().key_value_metadata = {{KeyValue{"pad", padding}}};
  file.metadata().num_rows = 0;  // As some writers leave it.
  return file.Finish();
}

// Rows of a scan as (id, name) text, checking every batch on the way.
std::vector<std::string> Drain(RecordBatchReader* scan, int64_t max_batch_rows) {
  std::vector<std::string> rows;
  for (;;) {
    Result<RecordBatchPtr> next = scan->Next();
    EXPECT_OK(next.status());
    if (!next.ok() || *next == nullptr) break;
    const RecordBatch& batch = **next;
    EXPECT_LE(batch.num_rows(), max_batch_rows);
    EXPECT_GT(batch.num_rows(), 0);
    EXPECT_OK(batch.Validate());
    for (int64_t i = 0; i < batch.num_rows(); ++i) {
      std::string row = std::to_string(batch.column(0)->Value<int64_t>(i));
      if (batch.num_columns() > 1) {
        row +=
            batch.column(1)->IsNull(i) ? ",null" : "," + std::string(batch.column(1)->GetView(i));
      }
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<std::string> ExpectedRows(int64_t begin, int64_t end) {
  std::vector<std::string> rows;
  for (int64_t i = begin; i < end; ++i) {
    rows.push_back(std::to_string(i) + (i % 5 == 0 ? ",null" : ",n" + std::to_string(i)));
  }
  return rows;
}

class ScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_.Put("multi.parquet", MultiRowGroupFile({1000, 0, 2500, 1, 6000}));
    ASSERT_OK_AND_ASSIGN(pool_, ThreadPool::Make(3));
    ASSERT_OK_AND_ASSIGN(reader_,
                         ParquetReader::Open(&fs_, "multi.parquet", {.pool = pool_.get()}));
  }

  MemoryFileSystem fs_;
  std::unique_ptr<ThreadPool> pool_;
  std::unique_ptr<ParquetReader> reader_;
};

TEST_F(ScanTest, RowCountsComeFromTheRowGroups) {
  EXPECT_EQ(reader_->metadata().num_rows, 0);
  EXPECT_EQ(reader_->num_rows(), 9501);
  EXPECT_EQ(reader_->num_row_groups(), 5);
  EXPECT_EQ(reader_->schema()->ToString(), "id: int64 not null\nname: string");
}

TEST_F(ScanTest, BatchesAreSlicesOfRowGroupsInOrder) {
  for (int64_t batch_rows : {1, 7, 1000, 4096, 100000}) {
    SCOPED_TRACE(batch_rows);
    for (int read_ahead : {0, 1, 4}) {
      ASSERT_OK_AND_ASSIGN(auto scan, reader_->Scan({.columns = reader_->AllColumns(),
                                                     .batch_rows = batch_rows,
                                                     .read_ahead = read_ahead}));
      EXPECT_EQ(scan->schema()->num_fields(), 2);
      EXPECT_EQ(Drain(scan.get(), batch_rows), ExpectedRows(0, 9501));
    }
  }
}

TEST_F(ScanTest, ChosenRowGroupsAndColumns) {
  ASSERT_OK_AND_ASSIGN(
      auto scan,
      reader_->Scan({.columns = {1, 0}, .row_groups = std::vector<int>{3, 0}, .batch_rows = 300}));
  EXPECT_EQ(scan->schema()->ToString(), "name: string\nid: int64 not null");
  int64_t rows = 0;
  for (;;) {
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    rows += batch->num_rows();
  }
  EXPECT_EQ(rows, 1001);

  ASSERT_OK_AND_ASSIGN(auto ids_only,
                       reader_->Scan({.columns = {0}, .row_groups = std::vector<int>{4}}));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr first, ids_only->Next());
  EXPECT_EQ(first->column(0)->Value<int64_t>(0), 3501);
  ASSERT_OK_AND_ASSIGN(auto nothing,
                       reader_->Scan({.columns = {}, .row_groups = std::vector<int>{2}}));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr empty, nothing->Next());
  EXPECT_EQ(empty->num_columns(), 0);
  EXPECT_EQ(empty->num_rows(), 2500);
}

TEST_F(ScanTest, InvalidRequests) {
  EXPECT_TRUE(reader_->Scan({.columns = {2}}).status().IsInvalid());
  EXPECT_TRUE(
      reader_->Scan({.columns = {0}, .row_groups = std::vector<int>{5}}).status().IsInvalid());
  EXPECT_TRUE(reader_->Scan({.columns = {0}, .batch_rows = 0}).status().IsInvalid());
  EXPECT_TRUE(reader_->ReadRowGroup(-1, {0}).status().IsInvalid());
  EXPECT_TRUE(reader_->ReadRowGroup(0, {-1}).status().IsInvalid());
  const Status status = reader_->ReadRowGroup(7, {0}).status();
  EXPECT_NE(status.message().find("row group 7 does not exist (the file has 5)"), std::string::npos)
      << status.ToString();
}

TEST_F(ScanTest, ScanOutlivesItsReader) {
  ASSERT_OK_AND_ASSIGN(auto scan, reader_->Scan({.columns = {0, 1}, .batch_rows = 50000}));
  reader_.reset();
  EXPECT_EQ(Drain(scan.get(), 50000), ExpectedRows(0, 9501));
}

TEST_F(ScanTest, StoppingEarlyWaitsForReadAhead) {
  ASSERT_OK_AND_ASSIGN(auto scan,
                       reader_->Scan({.columns = {0, 1}, .batch_rows = 10, .read_ahead = 3}));
  ASSERT_OK(scan->Next().status());
  scan.reset();  // Row groups still decoding finish before the scan goes.
}

TEST_F(ScanTest, ConsumerOnThePoolCannotDeadlockIt) {
  ASSERT_OK_AND_ASSIGN(auto single, ThreadPool::Make(1));
  ASSERT_OK_AND_ASSIGN(auto reader,
                       ParquetReader::Open(&fs_, "multi.parquet", {.pool = single.get()}));
  TaskGroup group(single.get());
  std::vector<std::string> rows;
  group.Spawn([&]() -> Status {
    ASSIGN_OR_RETURN(auto scan, reader->Scan({.columns = {0, 1}, .batch_rows = 999}));
    rows = Drain(scan.get(), 999);
    return Status::OK();
  });
  ASSERT_OK(group.Wait());
  EXPECT_EQ(rows, ExpectedRows(0, 9501));
}

TEST_F(ScanTest, ReadAllAndConcurrentReads) {
  ASSERT_OK_AND_ASSIGN(std::vector<RecordBatchPtr> batches, reader_->ReadAll({0}));
  ASSERT_EQ(batches.size(), 5u);
  EXPECT_EQ(batches[1]->num_rows(), 0);
  EXPECT_EQ(batches[4]->column(0)->Value<int64_t>(5999), 9500);

  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        Result<RecordBatchPtr> batch = reader_->ReadRowGroup((t + i) % 5, {1, 0});
        if (!batch.ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(ScanTest, ErrorsStick) {
  // The second row group's only page holds no values.
  MemoryFileSystem fs;
  TestChunkWriter chunk(PhysicalType::kInt64);
  chunk.Raw(PageHeader{.type = PageType::kDataPage, .data_page_header = DataPageHeader{}},
            std::vector<uint8_t>{});
  TestFileWriter file(FlatSchema({Column("id", PhysicalType::kInt64, Repetition::kRequired)}));
  TestChunkWriter ok_chunk(PhysicalType::kInt64);
  const std::vector<int64_t> ids = {1, 2};
  PlainEncoder<int64_t> encoder;
  Buffer values;
  CHECK_OK(encoder.Put(ids.data(), 2));
  CHECK_OK(encoder.Flush(&values));
  ok_chunk.DataPageV1(Encoding::kPlain, {}, 2, values.span());
  file.AddRowGroup(2, {&ok_chunk});
  file.AddRowGroup(2, {&chunk});
  fs.Put("broken.parquet", file.Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, "broken.parquet"));
  ASSERT_OK_AND_ASSIGN(auto scan, reader->Scan({.columns = {0}}));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr first, scan->Next());
  EXPECT_EQ(first->num_rows(), 2);
  const Status error = scan->Next().status();
  EXPECT_TRUE(error.IsCorruption()) << error.ToString();
  EXPECT_NE(error.message().find("file broken.parquet, row group 1, column 'id', page 0"),
            std::string::npos)
      << error.ToString();
  EXPECT_EQ(scan->Next().status().ToString(), error.ToString());
}

TEST(FileReaderIoTest, BigFootersTakeASecondRead) {
  MemoryFileSystem memory;
  const std::vector<uint8_t> bytes = MultiRowGroupFile({3}, "strata", std::string(100'000, 'p'));
  memory.Put("big.parquet", bytes);
  RecordingFileSystem fs(&memory);
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, "big.parquet"));
  const std::vector<Read> reads = fs.reads();
  ASSERT_EQ(reads.size(), 3u);
  const auto size = static_cast<int64_t>(bytes.size());
  EXPECT_EQ(reads[0], (Read{size - 65536, 65536}));
  EXPECT_EQ(reads[1], (Read{0, 4}));
  EXPECT_EQ(reads[2].offset + reads[2].length, size - 65536);  // The rest of the footer.
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, reader->ReadRowGroup(0, {0, 1}));
  EXPECT_EQ(StringsOf(*batch->column(1)),
            (std::vector<std::optional<std::string>>{std::nullopt, "n1", "n2"}));
}

Status OpenBytes(std::vector<uint8_t> bytes) {
  MemoryFileSystem fs;
  fs.Put("f.parquet", std::move(bytes));
  return ParquetReader::Open(&fs, "f.parquet").status();
}

TEST(FileReaderIoTest, FileLevelChecks) {
  const std::vector<uint8_t> good = MultiRowGroupFile({5});
  EXPECT_OK(OpenBytes(good));

  const Status tiny = OpenBytes({'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R'});
  EXPECT_TRUE(tiny.IsCorruption());
  EXPECT_NE(tiny.message().find("file f.parquet: 11 bytes are too few"), std::string::npos);

  std::vector<uint8_t> encrypted = good;
  encrypted.back() = 'E';
  const Status pare = OpenBytes(encrypted);
  EXPECT_TRUE(pare.IsNotImplemented());
  EXPECT_NE(pare.message().find("encrypted Parquet files are not supported"), std::string::npos);

  std::vector<uint8_t> no_tail = good;
  no_tail.back() = 'X';
  EXPECT_NE(OpenBytes(no_tail).message().find("no \"PAR1\" at its end"), std::string::npos);
  std::vector<uint8_t> no_head = good;
  no_head[0] = 'X';
  EXPECT_NE(OpenBytes(no_head).message().find("no \"PAR1\" at its start"), std::string::npos);

  std::vector<uint8_t> long_footer = good;
  long_footer[long_footer.size() - 6] = 0x7F;  // Footer length byte 2.
  EXPECT_NE(OpenBytes(long_footer).message().find("exceeds the file"), std::string::npos);

  // An encryption_algorithm (field 8, an empty union) in a plaintext footer:
  // inserted before the footer's stop byte, after created_by (field 6).
  std::vector<uint8_t> algorithm = good;
  const size_t stop = algorithm.size() - 9;
  ASSERT_EQ(algorithm[stop], 0);
  algorithm.insert(algorithm.begin() + static_cast<std::ptrdiff_t>(stop), {0x2C, 0x00});
  uint8_t* length = algorithm.data() + algorithm.size() - 8;
  uint32_t footer_length = 0;
  std::memcpy(&footer_length, length, 4);
  footer_length += 2;
  std::memcpy(length, &footer_length, 4);
  const Status with_algorithm = OpenBytes(algorithm);
  EXPECT_TRUE(with_algorithm.IsNotImplemented()) << with_algorithm.ToString();
  EXPECT_NE(with_algorithm.message().find("encrypted Parquet files are not supported"),
            std::string::npos);
}

TEST(FileReaderIoTest, ChunksOutsideTheFile) {
  SchemaElement x = Column("x", PhysicalType::kInt64, Repetition::kRequired);
  TestFileWriter file(FlatSchema({x}));
  TestChunkWriter chunk(PhysicalType::kInt64);
  file.AddRowGroup(1, {&chunk});
  file.metadata().row_groups[0].columns[0].meta_data->data_page_offset = 1 << 20;
  MemoryFileSystem fs;
  fs.Put("f.parquet", file.Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, "f.parquet"));
  const Status status = reader->ReadRowGroup(0, {0}).status();
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("file f.parquet, row group 0, column 'x': the column chunk's "
                                  "bytes"),
            std::string::npos)
      << status.ToString();
}

TEST(FileReaderIoTest, RowGroupsMustMatchTheSchema) {
  TestFileWriter file(
      FlatSchema({Column("x", PhysicalType::kInt64), Column("y", PhysicalType::kInt64)}));
  TestChunkWriter chunk(PhysicalType::kInt64);
  file.AddRowGroup(0, {&chunk});  // One chunk for two leaves.
  const Status status = OpenBytes(file.Finish());
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_NE(status.message().find("row group 0 has 1 column chunks but the schema 2 leaves"),
            std::string::npos)
      << status.ToString();
}

// PARQUET-816: parquet-mr before 1.2.9 left the dictionary page header out
// of total_compressed_size; the reader reads 100 bytes more for such files.
TEST(FileReaderIoTest, OldParquetMrChunkSizesGetSlack) {
  for (const char* writer : {"parquet-mr version 1.2.8 (build abc)", "parquet-mr version 1.10.0",
                             "impala version 1.3.0"}) {
    SCOPED_TRACE(writer);
    TestFileWriter file(FlatSchema({Column("x", PhysicalType::kInt64, Repetition::kRequired)}));
    TestChunkWriter chunk(PhysicalType::kInt64);
    const std::vector<int64_t> entries = {7};
    PlainEncoder<int64_t> encoder;
    Buffer dictionary, indices;
    CHECK_OK(encoder.Put(entries.data(), 1));
    CHECK_OK(encoder.Flush(&dictionary));
    chunk.DictionaryPage(dictionary.span(), 1);
    const std::vector<int32_t> zeros = {0, 0, 0};
    CHECK_OK(WriteDictionaryIndices(zeros.data(), 3, 1, &indices));
    chunk.DataPageV1(Encoding::kPlainDictionary, {}, 3, indices.span());
    file.AddRowGroup(3, {&chunk});
    file.metadata().created_by = writer;
    file.metadata().row_groups[0].columns[0].meta_data->total_compressed_size -= 6;
    MemoryFileSystem fs;
    fs.Put("f.parquet", file.Finish());
    ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, "f.parquet"));
    Result<RecordBatchPtr> batch = reader->ReadRowGroup(0, {0});
    if (std::string_view(writer).find("1.2.8") != std::string_view::npos) {
      ASSERT_OK(batch.status());
      EXPECT_EQ(ValuesOf<int64_t>(*(*batch)->column(0)),
                (std::vector<std::optional<int64_t>>{7, 7, 7}));
    } else {
      EXPECT_TRUE(batch.status().IsCorruption()) << batch.status().ToString();
    }
  }
}

TEST(FileReaderIoTest, EmptyFile) {
  TestFileWriter file(FlatSchema({Column("x", PhysicalType::kDouble)}));
  MemoryFileSystem fs;
  fs.Put("f.parquet", file.Finish());
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(&fs, "f.parquet"));
  EXPECT_EQ(reader->num_rows(), 0);
  ASSERT_OK_AND_ASSIGN(std::vector<RecordBatchPtr> batches, reader->ReadAll({0}));
  EXPECT_TRUE(batches.empty());
  ASSERT_OK_AND_ASSIGN(auto scan, reader->Scan({.columns = {0}}));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr end, scan->Next());
  EXPECT_EQ(end, nullptr);
}

}  // namespace
}  // namespace strata::parquet
