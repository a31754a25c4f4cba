// ParquetReader on damaged copies of the fixtures: a flipped page byte under
// a CRC, truncated files, and a few hundred deterministic random byte flips.
// Every outcome is an error or a valid result, never a crash or a hang (the
// Sanitize build runs these under ASan and UBSan).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "io/local_file_system.h"
#include "parquet/column_reader.h"
#include "parquet/file_reader.h"
#include "parquet/thrift/metadata.h"
#include "reader_test_util.h"
#include "testing/status_matchers.h"

namespace strata::parquet {
namespace {

using testing::FixturePath;
using testing::MemoryFileSystem;
using testing::ReadFileBytes;

std::vector<uint8_t> Fixture(const std::string& relative) {
  std::vector<uint8_t> bytes = ReadFileBytes(FixturePath(relative));
  EXPECT_FALSE(bytes.empty()) << relative;
  return bytes;
}

// Opens `bytes` and reads every readable column of every row group, plus a
// scan; returns the first error.
Status ReadEverything(std::vector<uint8_t> bytes, bool verify_checksums = true) {
  MemoryFileSystem fs;
  fs.Put("damaged.parquet", std::move(bytes));
  ASSIGN_OR_RETURN(auto reader, ParquetReader::Open(&fs, "damaged.parquet",
                                                    {.verify_checksums = verify_checksums}));
  std::vector<int> columns;
  for (int i = 0; i < reader->schema()->num_fields(); ++i) {
    if (reader->field_status(i).ok()) columns.push_back(i);
  }
  ASSIGN_OR_RETURN(std::vector<RecordBatchPtr> batches, reader->ReadAll(columns));
  for (const RecordBatchPtr& batch : batches) {
    for (const VectorPtr& column : batch->columns()) RETURN_NOT_OK(column->ValidateFull());
  }
  ASSIGN_OR_RETURN(auto scan, reader->Scan({.columns = columns, .batch_rows = 100}));
  for (;;) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) return Status::OK();
  }
}

// The file offsets of the pages of column `leaf` in row group 0.
std::vector<int64_t> PageOffsets(const std::vector<uint8_t>& file, int leaf) {
  Result<FileMetaData> metadata = ReadFileMetaData(testing::FooterBytes(file));
  CHECK_OK(metadata.status());
  const ColumnMetaData& column =
      *metadata->row_groups[0].columns[static_cast<size_t>(leaf)].meta_data;
  std::vector<int64_t> offsets;
  int64_t offset = column.data_page_offset;
  while (offset < column.data_page_offset + column.total_compressed_size) {
    offsets.push_back(offset);
    int64_t header_size = 0;
    Result<PageHeader> header = ReadPageHeader(
        std::span<const uint8_t>(file).subspan(static_cast<size_t>(offset)), &header_size);
    CHECK_OK(header.status());
    offset += header_size + header->compressed_page_size;
  }
  return offsets;
}

TEST(FileReaderCorruptionTest, FlippedPageByteFailsItsCrc) {
  for (const char* name : {"data/datapage_v1-uncompressed-checksum.parquet",
                           "data/datapage_v1-snappy-compressed-checksum.parquet"}) {
    SCOPED_TRACE(name);
    const std::vector<uint8_t> file = Fixture(name);
    ASSERT_OK(ReadEverything(file));
    const std::vector<int64_t> pages = PageOffsets(file, 1);
    ASSERT_GE(pages.size(), 1u);
    const size_t page = pages.size() - 1;  // The last page of column b.
    std::vector<uint8_t> damaged = file;
    damaged[static_cast<size_t>(pages[page]) + 40] ^= 0x01;  // Inside the body.
    const Status status = ReadEverything(damaged);
    EXPECT_TRUE(status.IsCorruption()) << status.ToString();
    const std::string where = "row group 0, column 'b', page " + std::to_string(page) + ": ";
    EXPECT_NE(status.message().find(where), std::string::npos) << status.ToString();
    EXPECT_NE(status.message().find("CRC"), std::string::npos) << status.ToString();
  }
}

TEST(FileReaderCorruptionTest, TruncatedFilesFailCleanly) {
  for (const char* name : {"data/alltypes_plain.parquet", "data/datapage_v2.snappy.parquet",
                           "data/delta_byte_array.parquet", "data/int96_from_spark.parquet"}) {
    const std::vector<uint8_t> file = Fixture(name);
    const auto size = static_cast<int64_t>(file.size());
    for (int64_t length : {int64_t{0}, int64_t{3}, int64_t{11}, int64_t{12}, int64_t{100}, size / 2,
                           size - 9, size - 1}) {
      SCOPED_TRACE(::testing::Message() << name << " cut to " << length);
      const Status status =
          ReadEverything(std::vector<uint8_t>(file.begin(), file.begin() + length));
      EXPECT_TRUE(status.IsCorruption()) << status.ToString();
    }
    // The footer kept but the column chunks cut out of the middle.
    const int64_t footer = static_cast<int64_t>(testing::FooterBytes(file).size()) + 8;
    std::vector<uint8_t> hollow(file.begin(), file.begin() + 4);
    hollow.insert(hollow.end(), file.end() - footer, file.end());
    SCOPED_TRACE(::testing::Message() << name << " hollowed");
    EXPECT_FALSE(ReadEverything(hollow).ok());
  }
}

TEST(FileReaderCorruptionTest, RandomByteFlipsNeverCrash) {
  const char* names[] = {"data/alltypes_plain.parquet",
                         "data/alltypes_dictionary.parquet",
                         "data/alltypes_plain.snappy.parquet",
                         "data/datapage_v2.snappy.parquet",
                         "data/byte_stream_split.zstd.parquet",
                         "data/delta_binary_packed.parquet",
                         "data/delta_byte_array.parquet",
                         "data/fixed_length_decimal.parquet",
                         "data/int96_from_spark.parquet",
                         "data/hadoop_lz4_compressed.parquet",
                         "data/lz4_raw_compressed.parquet",
                         "data/data_index_bloom_encoding_stats.parquet",
                         "data/datapage_v1-snappy-compressed-checksum.parquet",
                         "data/binary.parquet",
                         "data/nested_maps.snappy.parquet"};
  std::mt19937 random(20240607);
  int failures = 0, runs = 0;
  for (const char* name : names) {
    const std::vector<uint8_t> file = Fixture(name);
    if (file.empty()) continue;
    for (int iteration = 0; iteration < 60; ++iteration, ++runs) {
      std::vector<uint8_t> damaged = file;
      const int flips = 1 + static_cast<int>(random() % 3);
      for (int f = 0; f < flips; ++f) {
        // Half the flips hit the footer, where one byte changes the most.
        const size_t span =
            iteration % 2 == 0 ? damaged.size() : std::min<size_t>(damaged.size(), 400);
        const size_t at = damaged.size() - 1 - random() % span;
        damaged[at] ^= static_cast<uint8_t>(1 + random() % 255);
      }
      // Without CRCs the decoders themselves must catch the damage.
      if (!ReadEverything(std::move(damaged), iteration % 3 != 0).ok()) ++failures;
    }
  }
  EXPECT_EQ(runs, 900);
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace strata::parquet
