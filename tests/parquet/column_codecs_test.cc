// Per-column codecs (WriterOptions::column_codecs): each chunk's metadata
// records its own codec, every page of the chunk (dictionary and data pages,
// as the offset index locates them) is compressed with it, and the reader
// gets back what was written.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "parquet/codec/codec.h"
#include "parquet/file_reader.h"
#include "parquet/file_writer.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::parquet {
namespace {

SchemaPtr CodecSchema() {
  return MakeSchema({{"id", Int64(), false},
                     {"name", String()},
                     {"payload", String()},
                     {"attrs", Map(String(), Int32())}});
}

// Rows [0, n): names repeat (so they get a dictionary page), payloads do
// not, attrs hold 0-3 entries with a null value now and then.
RecordBatchPtr CodecBatch(int64_t n) {
  Int64Builder ids;
  BinaryBuilder names(String());
  BinaryBuilder payloads(String());
  std::unique_ptr<VectorBuilder> attrs = MakeBuilder(CodecSchema()->field(3).type).ValueOrDie();
  auto* map = static_cast<MapBuilder*>(attrs.get());
  for (int64_t r = 0; r < n; ++r) {
    CHECK_OK(ids.Append(r));
    CHECK_OK(r % 9 == 0 ? names.AppendNull() : names.Append("site-" + std::to_string(r % 5)));
    CHECK_OK(
        payloads.Append("payload " + std::to_string(r * 7919) + " of row " + std::to_string(r)));
    CHECK_OK(map->Append(r % 13 != 0));
    if (r % 13 == 0) continue;
    for (int64_t k = 0; k < r % 4; ++k) {
      CHECK_OK(static_cast<BinaryBuilder*>(map->key_builder())->Append("k" + std::to_string(k)));
      auto* item = static_cast<Int32Builder*>(map->item_builder());
      CHECK_OK(k == 2 ? item->AppendNull() : item->Append(static_cast<int32_t>(r + k)));
    }
  }
  return RecordBatch::Make(CodecSchema(),
                           {ids.Finish().ValueOrDie(), names.Finish().ValueOrDie(),
                            payloads.Finish().ValueOrDie(), attrs->Finish().ValueOrDie()},
                           n)
      .ValueOrDie();
}

class ColumnCodecsTest : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) { return dir_.Join(name); }

  Status Write(const std::string& path, const RecordBatch& batch, const WriterOptions& options) {
    ASSIGN_OR_RETURN(auto writer, ParquetWriter::Open(fs_.get(), path, CodecSchema(), options));
    RETURN_NOT_OK(writer->Write(batch));
    return writer->Close();
  }

  std::string Bytes(const std::string& path) {
    auto buffer = ReadWholeFile(fs_.get(), path).ValueOrDie();
    return std::string(buffer->view());
  }

  static std::span<const uint8_t> At(const std::string& bytes, int64_t offset, int64_t length) {
    return {reinterpret_cast<const uint8_t*>(bytes.data()) + offset, static_cast<size_t>(length)};
  }

  // Decompresses the (v1) page at `offset` with `codec`; fails unless the
  // body is exactly that codec's encoding of uncompressed_page_size bytes.
  static Status CheckPage(const std::string& bytes, int64_t offset, CompressionCodec codec) {
    int64_t header_size = 0;
    ASSIGN_OR_RETURN(PageHeader header,
                     ReadPageHeader(At(bytes, offset, static_cast<int64_t>(bytes.size()) - offset),
                                    &header_size));
    ASSIGN_OR_RETURN(auto decompressor, Codec::Make(codec));
    std::vector<uint8_t> out(static_cast<size_t>(header.uncompressed_page_size));
    return decompressor->Decompress(At(bytes, offset + header_size, header.compressed_page_size),
                                    out);
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(ColumnCodecsTest, EachChunkHasItsColumnsCodec) {
  WriterOptions options;
  options.column.codec = CompressionCodec::kZstd;
  options.column.compression_level = 7;  // The default's level, not the columns'.
  options.column.page_rows = 500;        // Many pages per chunk.
  options.row_group_rows = 2000;
  options.column_codecs = {
      {"name", {.codec = CompressionCodec::kUncompressed}},
      {"payload", {.codec = CompressionCodec::kLz4Raw}},
      {"attrs", {.codec = CompressionCodec::kGzip, .level = 1}},
      {"attrs.key_value.value", {.codec = CompressionCodec::kSnappy}},  // The leaf wins.
  };
  const RecordBatchPtr batch = CodecBatch(5000);
  ASSERT_OK(Write(Path("c.parquet"), *batch, options));

  const CompressionCodec expected[] = {CompressionCodec::kZstd, CompressionCodec::kUncompressed,
                                       CompressionCodec::kLz4Raw, CompressionCodec::kGzip,
                                       CompressionCodec::kSnappy};
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(fs_.get(), Path("c.parquet")));
  const std::string bytes = Bytes(Path("c.parquet"));
  ASSERT_EQ(reader->num_row_groups(), 3);
  for (const RowGroup& group : reader->metadata().row_groups) {
    ASSERT_EQ(group.columns.size(), 5u);
    for (size_t c = 0; c < group.columns.size(); ++c) {
      const ColumnChunk& chunk = group.columns[c];
      const ColumnMetaData& meta = *chunk.meta_data;
      EXPECT_EQ(meta.codec, expected[c]) << "column " << c;
      if (meta.dictionary_page_offset) {
        EXPECT_OK(CheckPage(bytes, *meta.dictionary_page_offset, expected[c])) << c;
      }
      ASSERT_TRUE(chunk.offset_index_offset.has_value()) << c;
      ASSERT_OK_AND_ASSIGN(OffsetIndex index, ReadOffsetIndex(At(bytes, *chunk.offset_index_offset,
                                                                 *chunk.offset_index_length)));
      EXPECT_GT(index.page_locations.size(), 1u) << c;
      for (const PageLocation& page : index.page_locations) {
        EXPECT_OK(CheckPage(bytes, page.offset, expected[c])) << c << " at " << page.offset;
      }
    }
    // Repeating names make a dictionary, written uncompressed like the pages.
    EXPECT_TRUE(group.columns[1].meta_data->dictionary_page_offset.has_value());
    EXPECT_EQ(group.columns[1].meta_data->total_compressed_size,
              group.columns[1].meta_data->total_uncompressed_size);
  }

  ASSERT_OK_AND_ASSIGN(std::vector<RecordBatchPtr> batches, reader->ReadAll(reader->AllColumns()));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr back, ConcatenateBatches(batches));
  ASSERT_EQ(back->num_rows(), batch->num_rows());
  for (int i = 0; i < batch->num_columns(); ++i) {
    EXPECT_TRUE(back->column(i)->Equals(*batch->column(i))) << batch->schema()->field(i).name;
  }
}

TEST_F(ColumnCodecsTest, UnknownColumnsAndBadLevelsAreInvalidAtOpen) {
  WriterOptions unknown;
  unknown.column_codecs = {{"nope", {.codec = CompressionCodec::kSnappy}}};
  Status st = ParquetWriter::Open(fs_.get(), Path("u.parquet"), CodecSchema(), unknown).status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_NE(st.message().find("unknown column 'nope'"), std::string_view::npos) << st.ToString();
  WriterOptions leaf;
  leaf.column_codecs = {{"attrs.key_value.nope", {.codec = CompressionCodec::kSnappy}}};
  st = ParquetWriter::Open(fs_.get(), Path("u.parquet"), CodecSchema(), leaf).status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_NE(st.message().find("'attrs.key_value.nope'"), std::string_view::npos) << st.ToString();
  WriterOptions level;
  level.column_codecs = {{"payload", {.codec = CompressionCodec::kSnappy, .level = 3}}};
  st = ParquetWriter::Open(fs_.get(), Path("u.parquet"), CodecSchema(), level).status();
  EXPECT_TRUE(st.IsInvalid()) << st.ToString();
  EXPECT_NE(st.message().find("column 'payload'"), std::string_view::npos) << st.ToString();
  EXPECT_FALSE(std::filesystem::exists(Path("u.parquet")));
}

// The default's level is not given to a column with its own codec, which
// may not take one.
TEST_F(ColumnCodecsTest, DefaultLevelStaysWithTheDefaultCodec) {
  WriterOptions options;
  options.column.codec = CompressionCodec::kGzip;
  options.column.compression_level = 9;
  options.column_codecs = {{"payload", {.codec = CompressionCodec::kSnappy}}};
  const RecordBatchPtr batch = CodecBatch(100);
  ASSERT_OK(Write(Path("d.parquet"), *batch, options));
  ASSERT_OK_AND_ASSIGN(auto reader, ParquetReader::Open(fs_.get(), Path("d.parquet")));
  const RowGroup& group = reader->metadata().row_groups[0];
  EXPECT_EQ(group.columns[0].meta_data->codec, CompressionCodec::kGzip);
  EXPECT_EQ(group.columns[2].meta_data->codec, CompressionCodec::kSnappy);
}

}  // namespace
}  // namespace strata::parquet
