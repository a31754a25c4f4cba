// Test helpers for the Parquet reader: locating the shared fixtures, file
// systems that record or fake reads, value extraction from vectors, and a
// small page-by-page writer for column chunks and whole files that no
// fixture provides (every encoding per type, v1/v2 pages, corrupt headers).
// The writer here is deliberately independent of strata's Parquet writer,
// so the reader is never only tested against its own writer.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "columnar/json_writer.h"
#include "columnar/vector.h"
#include "common/buffer.h"
#include "common/thread_annotations.h"
#include "io/file_system.h"
#include "parquet/codec/codec.h"
#include "parquet/codec/crc32.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/thrift/fixture_files.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet::testing {

// The path of a shared fixture, e.g. "data/alltypes_plain.parquet". Fails
// the test (never skips) when the fixtures are missing.
inline std::string FixturePath(std::string_view relative) {
  const std::optional<std::filesystem::path> dir = FindParquetFixturesDir();
  if (!dir) {
    ADD_FAILURE() << "the Parquet fixtures (../shared/fixtures/parquet) are missing";
    return std::string(relative);
  }
  const std::filesystem::path path = *dir / relative;
  if (!std::filesystem::exists(path)) ADD_FAILURE() << "missing fixture " << path;
  return path.string();
}

// ---------------------------------------------------------------- file systems

// A read-only in-memory FileSystem: OpenForRead serves the registered bytes;
// everything else is NotImplemented.
class MemoryFileSystem final : public FileSystem {
 public:
  void Put(const std::string& path, std::vector<uint8_t> bytes) { files_[path] = std::move(bytes); }

  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    auto it = files_.find(path);
    if (it == files_.end()) return Status::NotFound("no file {}", path);
    return std::unique_ptr<RandomAccessFile>(std::make_unique<File>(path, &it->second));
  }
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string&) override {
    return Unsupported();
  }
  Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string&, WriteMode) override {
    return Unsupported();
  }
  Status CreateIfAbsent(const std::string&, std::span<const uint8_t>) override {
    return Unsupported();
  }
  Result<FileInfo> GetFileInfo(const std::string&) override { return Unsupported(); }
  Result<std::vector<FileInfo>> ListDir(const std::string&, bool) override { return Unsupported(); }
  Status Rename(const std::string&, const std::string&) override { return Unsupported(); }
  Status DeleteFile(const std::string&) override { return Unsupported(); }
  Status DeleteDir(const std::string&, bool) override { return Unsupported(); }
  Status CreateDir(const std::string&, bool) override { return Unsupported(); }

 private:
  class File final : public RandomAccessFile {
   public:
    File(std::string path, const std::vector<uint8_t>* bytes)
        : RandomAccessFile(std::move(path)), bytes_(bytes) {}
    Result<int64_t> Size() override { return static_cast<int64_t>(bytes_->size()); }

   protected:
    Status DoReadAt(int64_t offset, int64_t length, uint8_t* out) override {
      if (offset + length > static_cast<int64_t>(bytes_->size())) {
        return Status::IOError("read [{}, +{}) past the end of {}", offset, length, path());
      }
      if (length > 0) std::memcpy(out, bytes_->data() + offset, static_cast<size_t>(length));
      return Status::OK();
    }

   private:
    const std::vector<uint8_t>* bytes_;
  };

  static Status Unsupported() { return Status::NotImplemented("MemoryFileSystem: read only"); }

  std::map<std::string, std::vector<uint8_t>> files_;
};

// Forwards OpenForRead to another FileSystem and records every ReadAt.
class RecordingFileSystem final : public FileSystem {
 public:
  struct Read {
    int64_t offset;
    int64_t length;
    bool operator==(const Read&) const = default;
  };

  explicit RecordingFileSystem(FileSystem* base) : base_(base) {}

  std::vector<Read> reads() const {
    MutexLock lock(&mu_);
    return reads_;
  }
  void Clear() {
    MutexLock lock(&mu_);
    reads_.clear();
  }

  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, base_->OpenForRead(path));
    return std::unique_ptr<RandomAccessFile>(std::make_unique<File>(std::move(file), this));
  }
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    return base_->OpenSequential(path);
  }
  Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                     WriteMode mode) override {
    return base_->OpenForWrite(path, mode);
  }
  Status CreateIfAbsent(const std::string& path, std::span<const uint8_t> contents) override {
    return base_->CreateIfAbsent(path, contents);
  }
  Result<FileInfo> GetFileInfo(const std::string& path) override {
    return base_->GetFileInfo(path);
  }
  Result<std::vector<FileInfo>> ListDir(const std::string& path, bool recursive) override {
    return base_->ListDir(path, recursive);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    return base_->Rename(from, to);
  }
  Status DeleteFile(const std::string& path) override { return base_->DeleteFile(path); }
  Status DeleteDir(const std::string& path, bool recursive) override {
    return base_->DeleteDir(path, recursive);
  }
  Status CreateDir(const std::string& path, bool recursive) override {
    return base_->CreateDir(path, recursive);
  }

 private:
  class File final : public RandomAccessFile {
   public:
    File(std::unique_ptr<RandomAccessFile> base, RecordingFileSystem* fs)
        : RandomAccessFile(base->path()), base_(std::move(base)), fs_(fs) {}
    Result<int64_t> Size() override { return base_->Size(); }

   protected:
    Status DoReadAt(int64_t offset, int64_t length, uint8_t* out) override {
      {
        MutexLock lock(&fs_->mu_);
        fs_->reads_.push_back({offset, length});
      }
      return base_->ReadAt(offset, length, out);
    }

   private:
    std::unique_ptr<RandomAccessFile> base_;
    RecordingFileSystem* fs_;
  };

  FileSystem* base_;
  mutable Mutex mu_;
  std::vector<Read> reads_ GUARDED_BY(mu_);
};

// ---------------------------------------------------------------- values

// Row values of a fixed-width vector, nullopt for nulls.
template <typename T>
std::vector<std::optional<T>> ValuesOf(const ColumnVector& vector) {
  std::vector<std::optional<T>> values;
  for (int64_t i = 0; i < vector.length(); ++i) {
    if (vector.IsNull(i)) {
      values.emplace_back();
    } else {
      values.emplace_back(vector.Value<T>(i));
    }
  }
  return values;
}

// Rows of a string, binary, fixed-size binary or bool vector as text
// ("true"/"false" for bools).
inline std::vector<std::optional<std::string>> StringsOf(const ColumnVector& vector) {
  std::vector<std::optional<std::string>> values;
  for (int64_t i = 0; i < vector.length(); ++i) {
    if (vector.IsNull(i)) {
      values.emplace_back();
    } else if (vector.type()->id() == TypeId::kBool) {
      values.emplace_back(vector.GetBool(i) ? "true" : "false");
    } else {
      values.emplace_back(std::string(vector.GetView(i)));
    }
  }
  return values;
}

// ---------------------------------------------------------------- writing pages

// Each row of `vector` as JSON text (AppendJsonValue), nested values included.
inline std::vector<std::string> JsonRows(const ColumnVector& vector) {
  std::vector<std::string> rows;
  for (int64_t i = 0; i < vector.length(); ++i) {
    std::string row;
    AppendJsonValue(vector, i, &row);
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::span<const uint8_t> Bytes(const Buffer& buffer) { return buffer.span(); }

// Definition levels as a v1 page wants them: u32 length + hybrid runs.
inline Buffer V1Levels(const std::vector<int16_t>& levels, int bit_width) {
  Buffer out;
  CHECK_OK(EncodeRleWithLengthPrefix(levels.data(), static_cast<int64_t>(levels.size()), bit_width,
                                     &out));
  return out;
}

// The deprecated BIT_PACKED levels: MSB first, no header.
inline Buffer BitPackedLevels(const std::vector<int16_t>& levels, int bit_width) {
  Buffer out;
  CHECK_OK(out.Resize(static_cast<size_t>((levels.size() * bit_width + 7) / 8)));
  size_t bit = 0;
  for (int16_t level : levels) {
    for (int b = bit_width - 1; b >= 0; --b, ++bit) {
      if ((level >> b) & 1) out.mutable_data()[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
    }
  }
  return out;
}

// v2 levels: hybrid runs without a prefix.
inline Buffer V2Levels(const std::vector<int16_t>& levels, int bit_width) {
  Buffer out;
  RleBitPackedEncoder encoder(bit_width);
  CHECK_OK(encoder.Put(levels.data(), static_cast<int64_t>(levels.size())));
  CHECK_OK(encoder.Flush(&out));
  return out;
}

struct TestPageOptions {
  bool crc = false;
  // Levels of v1 pages in the deprecated BIT_PACKED encoding.
  bool bit_packed_levels = false;
};

// Builds one column chunk page by page, with headers as writers lay them
// out, and the ColumnMetaData describing it.
class TestChunkWriter {
 public:
  using PageOptions = TestPageOptions;

  explicit TestChunkWriter(PhysicalType type,
                           CompressionCodec codec = CompressionCodec::kUncompressed)
      : type_(type), codec_(codec) {}

  void DictionaryPage(std::span<const uint8_t> plain, int32_t num_values,
                      PageOptions options = {}) {
    has_dictionary_ = bytes_.empty();
    PageHeader header{.type = PageType::kDictionaryPage};
    header.dictionary_page_header = DictionaryPageHeader{.num_values = num_values};
    Compressed(header, plain, options);
  }

  // `levels` empty for a required column.
  void DataPageV1(Encoding encoding, const std::vector<int16_t>& levels, int32_t num_values,
                  std::span<const uint8_t> values, PageOptions options = {}) {
    Buffer body;
    if (!levels.empty()) {
      const Buffer section =
          options.bit_packed_levels ? BitPackedLevels(levels, 1) : V1Levels(levels, 1);
      CHECK_OK(body.Append(section.span()));
    }
    CHECK_OK(body.Append(values));
    PageHeader header{.type = PageType::kDataPage};
    header.data_page_header =
        DataPageHeader{.num_values = num_values,
                       .encoding = encoding,
                       .definition_level_encoding =
                           options.bit_packed_levels ? Encoding::kBitPacked : Encoding::kRle};
    Compressed(header, body.span(), options);
  }

  void DataPageV2(Encoding encoding, const std::vector<int16_t>& levels, int32_t num_values,
                  std::span<const uint8_t> values, bool compress = true, PageOptions options = {}) {
    const Buffer level_bytes = levels.empty() ? Buffer() : V2Levels(levels, 1);
    int32_t nulls = 0;
    for (int16_t level : levels) nulls += level == 0 ? 1 : 0;
    PageHeader header{.type = PageType::kDataPageV2};
    header.data_page_header_v2 =
        DataPageHeaderV2{.num_values = num_values,
                         .num_nulls = nulls,
                         .num_rows = num_values,
                         .encoding = encoding,
                         .definition_levels_byte_length = static_cast<int32_t>(level_bytes.size()),
                         .is_compressed = compress};
    Buffer stored;
    CHECK_OK(stored.Append(level_bytes.span()));
    const size_t uncompressed = level_bytes.size() + values.size();
    if (compress && codec_ != CompressionCodec::kUncompressed && !values.empty()) {
      CHECK_OK(MakeCodec()->Compress(values, &stored));
    } else {
      CHECK_OK(stored.Append(values));
    }
    header.uncompressed_page_size = static_cast<int32_t>(uncompressed);
    Raw(header, stored.span(), options);
  }

  // A page with exactly this header (sizes included) and stored body.
  void Raw(PageHeader header, std::span<const uint8_t> body, PageOptions options = {}) {
    header.compressed_page_size = static_cast<int32_t>(body.size());
    if (options.crc) header.crc = static_cast<int32_t>(Crc32(body));
    const size_t before = bytes_.size();
    CHECK_OK(WritePageHeader(header, &bytes_));
    uncompressed_size_ +=
        static_cast<int64_t>(bytes_.size() - before) + header.uncompressed_page_size;
    CHECK_OK(bytes_.Append(body));
  }

  const Buffer& bytes() const { return bytes_; }

  // The metadata of this chunk placed at `offset` in a file.
  ColumnMetaData Metadata(int64_t num_values, int64_t offset = 0,
                          std::vector<std::string> path = {"x"}) const {
    ColumnMetaData metadata{.type = type_,
                            .encodings = {0},
                            .path_in_schema = std::move(path),
                            .codec = codec_,
                            .num_values = num_values,
                            .total_uncompressed_size = uncompressed_size_,
                            .total_compressed_size = static_cast<int64_t>(bytes_.size()),
                            .data_page_offset = offset};
    if (has_dictionary_) metadata.dictionary_page_offset = offset;
    return metadata;
  }

 private:
  std::unique_ptr<Codec> MakeCodec() const {
    Result<std::unique_ptr<Codec>> codec = Codec::Make(codec_);
    CHECK_OK(codec.status());
    return std::move(codec).value();
  }

  void Compressed(PageHeader header, std::span<const uint8_t> body, PageOptions options) {
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    if (codec_ == CompressionCodec::kUncompressed) return Raw(header, body, options);
    Buffer stored;
    CHECK_OK(MakeCodec()->Compress(body, &stored));
    Raw(header, stored.span(), options);
  }

  PhysicalType type_;
  CompressionCodec codec_;
  Buffer bytes_;
  int64_t uncompressed_size_ = 0;
  bool has_dictionary_ = false;
};

// A flat schema: root plus one element per column.
inline std::vector<SchemaElement> FlatSchema(std::vector<SchemaElement> columns) {
  std::vector<SchemaElement> schema{
      SchemaElement{.name = "schema", .num_children = static_cast<int32_t>(columns.size())}};
  for (SchemaElement& column : columns) schema.push_back(std::move(column));
  return schema;
}

inline SchemaElement Column(std::string name, PhysicalType type,
                            Repetition repetition = Repetition::kOptional) {
  return SchemaElement{.type = type, .repetition_type = repetition, .name = std::move(name)};
}

// Assembles whole files from chunks: "PAR1", the chunks row group by row
// group, the footer.
class TestFileWriter {
 public:
  explicit TestFileWriter(std::vector<SchemaElement> schema) {
    metadata_.schema = std::move(schema);
    metadata_.created_by = "strata reader tests";
    CHECK_OK(bytes_.Append(std::string_view("PAR1")));
  }

  // One chunk per leaf, in schema order.
  void AddRowGroup(int64_t num_rows, const std::vector<const TestChunkWriter*>& chunks) {
    RowGroup group{.num_rows = num_rows};
    for (size_t i = 0; i < chunks.size(); ++i) {
      const int64_t offset = static_cast<int64_t>(bytes_.size());
      const std::string name = metadata_.schema[i + 1].name;
      ColumnChunk chunk{.file_offset = offset,
                        .meta_data = chunks[i]->Metadata(num_rows, offset, {name})};
      group.total_byte_size += static_cast<int64_t>(chunks[i]->bytes().size());
      CHECK_OK(bytes_.Append(chunks[i]->bytes().span()));
      group.columns.push_back(std::move(chunk));
    }
    metadata_.num_rows += num_rows;
    metadata_.row_groups.push_back(std::move(group));
  }

  FileMetaData& metadata() { return metadata_; }

  std::vector<uint8_t> Finish() {
    Buffer footer;
    CHECK_OK(WriteFileMetaData(metadata_, &footer));
    CHECK_OK(bytes_.Append(footer.span()));
    const auto length = static_cast<uint32_t>(footer.size());
    CHECK_OK(bytes_.Append(&length, sizeof(length)));
    CHECK_OK(bytes_.Append(std::string_view("PAR1")));
    return {bytes_.data(), bytes_.data() + bytes_.size()};
  }

 private:
  FileMetaData metadata_;
  Buffer bytes_;
};

}  // namespace strata::parquet::testing
