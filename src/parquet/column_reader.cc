#include "parquet/column_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>

#include "parquet/column_builder.h"
#include "parquet/page_reader.h"
#include "parquet/schema_read.h"
#include "parquet/value_decoder.h"

namespace strata::parquet {
namespace {

// Room above the chunk's declared total_uncompressed_size for one page:
// writers that left headers out of the total must not fail.
constexpr int64_t kUncompressedSizeMargin = int64_t{64} << 10;

std::string Location(const ColumnChunkSpec& spec) {
  return fmt::format("file {}, row group {}, column '{}'", spec.file_path, spec.row_group,
                     LeafName(*spec.leaf));
}

Status CheckChunkMetadata(const ColumnChunkSpec& spec) {
  const LeafColumn& leaf = *spec.leaf;
  const ColumnMetaData& metadata = *spec.metadata;
  if (leaf.max_repetition_level > 0 || leaf.max_definition_level > 1) {
    return Status::NotImplemented("nested Parquet columns are not supported yet");
  }
  if (metadata.type != leaf.physical_type) {
    return Status::Corruption("the chunk holds {} values but the schema says {}",
                              PhysicalTypeName(metadata.type),
                              PhysicalTypeName(leaf.physical_type));
  }
  if (metadata.num_values != spec.num_rows) {
    return Status::Corruption("the chunk holds {} values but its row group has {} rows",
                              metadata.num_values, spec.num_rows);
  }
  return Status::OK();
}

// Drives the pages of one chunk into a FlatColumnBuilder.
class ChunkDecoder {
 public:
  explicit ChunkDecoder(const ColumnChunkSpec& spec) : spec_(spec) {}

  Result<VectorPtr> Run(std::span<const uint8_t> bytes) {
    RETURN_NOT_OK(CheckChunkMetadata(spec_));
    const LeafColumn& leaf = *spec_.leaf;
    const ColumnMetaData& metadata = *spec_.metadata;
    const PageReaderOptions options{
        .codec = metadata.codec,
        .max_definition_level = leaf.max_definition_level,
        .max_repetition_level = leaf.max_repetition_level,
        .verify_checksums = spec_.verify_checksums,
        .max_uncompressed_page_size =
            std::max<int64_t>(metadata.total_uncompressed_size, 0) + kUncompressedSizeMargin};
    const int64_t chunk_size =
        std::min<int64_t>(metadata.total_compressed_size, static_cast<int64_t>(bytes.size()));
    ASSIGN_OR_RETURN(pages_, PageReader::Make(bytes, chunk_size, options));
    ASSIGN_OR_RETURN(decoder_, ValueDecoder::Make(leaf.physical_type, leaf.type_length));
    FlatColumnBuilder builder(leaf, decoder_.get(), spec_.num_rows);
    RETURN_NOT_OK(builder.Reserve());
    while (builder.rows() < spec_.num_rows) RETURN_NOT_OK(NextPage(&builder));
    return builder.Finish();
  }

  // The page the last error happened on, or -1 before the first page.
  int page_number() const { return pages_ == nullptr ? -1 : pages_->page_number(); }

 private:
  Status NextPage(FlatColumnBuilder* builder) {
    ASSIGN_OR_RETURN(const Page page, pages_->Next());
    switch (page.kind) {
      case Page::Kind::kEnd:
        return Status::Corruption("the column chunk ends after {} of {} rows", builder->rows(),
                                  spec_.num_rows);
      case Page::Kind::kDictionary:
        if (seen_dictionary_ || seen_data_) {
          return Status::Corruption("a dictionary page after the chunk's first page");
        }
        seen_dictionary_ = true;
        return decoder_->SetDictionary(page.dictionary.values, page.dictionary.num_values);
      case Page::Kind::kData: seen_data_ = true; return builder->AddPage(page.data);
    }
    return Status::OK();
  }

  const ColumnChunkSpec& spec_;
  std::unique_ptr<PageReader> pages_;
  std::unique_ptr<ValueDecoder> decoder_;
  bool seen_dictionary_ = false;
  bool seen_data_ = false;
};

}  // namespace

Result<ByteRange> ColumnChunkRange(const ColumnMetaData& metadata, int64_t file_size,
                                   int64_t slack) {
  int64_t start = metadata.data_page_offset;
  const int64_t dictionary = metadata.dictionary_page_offset.value_or(0);
  if (dictionary > 0 && dictionary < start) start = dictionary;
  const int64_t length = metadata.total_compressed_size;
  if (start < 0 || length < 0 || start > file_size || length > file_size - start) {
    return Status::Corruption(
        "the column chunk's bytes [{}, {} + {}) lie outside the file ({} bytes)", start, start,
        length, file_size);
  }
  const int64_t extra =
      std::clamp<int64_t>(file_size - start - length, 0, std::max<int64_t>(slack, 0));
  return ByteRange{start, length + extra};
}

Result<VectorPtr> DecodeColumnChunk(std::span<const uint8_t> bytes, const ColumnChunkSpec& spec) {
  ChunkDecoder decoder(spec);
  Result<VectorPtr> column = decoder.Run(bytes);
  if (column.ok()) return column;
  const int page = decoder.page_number();
  const std::string location =
      page < 0 ? Location(spec) : fmt::format("{}, page {}", Location(spec), page);
  return column.status().WithContext(location);
}

Result<VectorPtr> ReadColumnChunk(RandomAccessFile* file, const ByteRange& range,
                                  const ColumnChunkSpec& spec) {
  if (spec.num_rows == 0) return DecodeColumnChunk({}, spec);
  Result<std::unique_ptr<Buffer>> bytes = file->ReadAt(range.offset, range.length);
  if (!bytes.ok()) return bytes.status().WithContext(Location(spec));
  return DecodeColumnChunk((*bytes)->span(), spec);
}

}  // namespace strata::parquet
