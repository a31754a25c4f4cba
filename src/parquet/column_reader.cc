#include "parquet/column_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>

#include "columnar/compute.h"
#include "parquet/column_builder.h"
#include "parquet/page_filter.h"
#include "parquet/page_reader.h"
#include "parquet/predicate.h"
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

Status CheckChunkMetadata(const ColumnChunkSpec& spec, bool leveled) {
  const LeafColumn& leaf = *spec.leaf;
  const ColumnMetaData& metadata = *spec.metadata;
  if (!leveled && (leaf.max_repetition_level > 0 || leaf.max_definition_level > 1)) {
    return Status::Invalid("the leaf of a nested column must be read with its levels");
  }
  if (metadata.type != leaf.physical_type) {
    return Status::Corruption("the chunk holds {} values but the schema says {}",
                              PhysicalTypeName(metadata.type),
                              PhysicalTypeName(leaf.physical_type));
  }
  if (leveled) {
    // Every row has at least one level, and a row without repetition has one.
    const bool repeated = leaf.max_repetition_level > 0;
    if (metadata.num_values < spec.num_rows ||
        (!repeated && metadata.num_values != spec.num_rows)) {
      return Status::Corruption("the chunk holds {} levels but its row group has {} rows",
                                metadata.num_values, spec.num_rows);
    }
    return Status::OK();
  }
  if (metadata.num_values != spec.num_rows) {
    return Status::Corruption("the chunk holds {} values but its row group has {} rows",
                              metadata.num_values, spec.num_rows);
  }
  return Status::OK();
}

// Drives the pages of one chunk into a LeafColumnBuilder.
class ChunkDecoder {
 public:
  ChunkDecoder(const ColumnChunkSpec& spec, bool leveled) : spec_(spec), leveled_(leveled) {}

  Result<LeveledChunk> Run(std::span<const uint8_t> bytes) {
    RETURN_NOT_OK(CheckChunkMetadata(spec_, leveled_));
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
    LeafColumnBuilder builder(leaf, decoder_.get(), rows(), leveled_);
    RETURN_NOT_OK(builder.Reserve());
    while (builder.rows() < rows()) RETURN_NOT_OK(NextPage(&builder));
    LeveledChunk out;
    ASSIGN_OR_RETURN(out.slots, builder.Finish());
    if (leveled_) {
      out.def_levels = std::make_shared<Buffer>(builder.TakeDefinitionLevels());
      if (leaf.max_repetition_level > 0) {
        out.rep_levels = std::make_shared<Buffer>(builder.TakeRepetitionLevels());
      }
    }
    return out;
  }

  // The rows (levels, when leveled) the given pages hold.
  int64_t rows() const {
    if (leveled_) return spec_.num_rows == 0 ? 0 : spec_.metadata->num_values;
    return spec_.page_rows < 0 ? spec_.num_rows : spec_.page_rows;
  }

  // The page the last error happened on, or -1 before the first page.
  int page_number() const { return pages_ == nullptr ? -1 : pages_->page_number(); }

 private:
  Status NextPage(LeafColumnBuilder* builder) {
    ASSIGN_OR_RETURN(const Page page, pages_->Next());
    switch (page.kind) {
      case Page::Kind::kEnd:
        return Status::Corruption("the column chunk ends after {} of {} rows", builder->rows(),
                                  rows());
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
  const bool leveled_;
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

namespace {

Result<LeveledChunk> DecodeChunk(std::span<const uint8_t> bytes, const ColumnChunkSpec& spec,
                                 bool leveled) {
  ChunkDecoder decoder(spec, leveled);
  Result<LeveledChunk> column = decoder.Run(bytes);
  if (column.ok()) return column;
  const int page = decoder.page_number();
  const std::string location =
      page < 0 ? Location(spec) : fmt::format("{}, page {}", Location(spec), page);
  return column.status().WithContext(location);
}

Result<LeveledChunk> ReadChunk(RandomAccessFile* file, const ByteRange& range,
                               const ColumnChunkSpec& spec, bool leveled) {
  if (spec.num_rows == 0) return DecodeChunk({}, spec, leveled);
  Result<std::unique_ptr<Buffer>> bytes = file->ReadAt(range.offset, range.length);
  if (!bytes.ok()) return bytes.status().WithContext(Location(spec));
  return DecodeChunk((*bytes)->span(), spec, leveled);
}

}  // namespace

Result<VectorPtr> DecodeColumnChunk(std::span<const uint8_t> bytes, const ColumnChunkSpec& spec) {
  ASSIGN_OR_RETURN(LeveledChunk chunk, DecodeChunk(bytes, spec, false));
  return std::move(chunk.slots);
}

Result<VectorPtr> ReadColumnChunk(RandomAccessFile* file, const ByteRange& range,
                                  const ColumnChunkSpec& spec) {
  ASSIGN_OR_RETURN(LeveledChunk chunk, ReadChunk(file, range, spec, false));
  return std::move(chunk.slots);
}

Result<LeveledChunk> ReadLeveledChunk(RandomAccessFile* file, const ByteRange& range,
                                      const ColumnChunkSpec& spec) {
  return ReadChunk(file, range, spec, true);
}

namespace {

// The rows of page `i`: [its first row, the next page's first row).
RowRange PageRows(const OffsetIndex& offsets, size_t i, int64_t num_rows) {
  const std::vector<PageLocation>& pages = offsets.page_locations;
  const int64_t end = i + 1 < pages.size() ? pages[i + 1].first_row_index : num_rows;
  return {pages[i].first_row_index, end};
}

// One byte per row of `spans` (concatenated), 1 for the rows in `rows`.
std::vector<uint8_t> SelectionOf(const std::vector<RowRange>& spans,
                                 const std::vector<RowRange>& rows) {
  std::vector<uint8_t> selection;
  for (const RowRange& span : spans) {
    const size_t base = selection.size();
    selection.resize(base + static_cast<size_t>(span.end - span.begin), 0);
    for (const RowRange& r : IntersectRowRanges({span}, rows)) {
      std::fill_n(selection.begin() + static_cast<std::ptrdiff_t>(base + r.begin - span.begin),
                  r.end - r.begin, uint8_t{1});
    }
  }
  return selection;
}

// Keeps the rows of `column` (holding the rows of `spans`) that are in `rows`.
Result<VectorPtr> SelectRowsOf(VectorPtr column, const std::vector<RowRange>& spans,
                               const std::vector<RowRange>& rows) {
  // `rows` lies within `spans`: equal counts mean every row is kept.
  if (CountRows(spans) == CountRows(rows)) return column;
  const std::vector<uint8_t> selection = SelectionOf(spans, rows);
  return Filter(column, selection);
}

Status AppendRange(RandomAccessFile* file, int64_t offset, int64_t length, Buffer* out) {
  if (length <= 0) return Status::OK();
  ASSIGN_OR_RETURN(std::unique_ptr<Buffer> bytes, file->ReadAt(offset, length));
  return out->Append(bytes->span());
}

// The bytes of the dictionary page (whatever precedes the first data page)
// and of `pages`, one read per run of adjacent pages, concatenated: a valid
// page sequence for the PageReader.
Result<std::unique_ptr<Buffer>> ReadPages(RandomAccessFile* file, const ByteRange& range,
                                          const OffsetIndex& offsets,
                                          const std::vector<int>& pages) {
  const std::vector<PageLocation>& locations = offsets.page_locations;
  auto out = std::make_unique<Buffer>();
  RETURN_NOT_OK(AppendRange(file, range.offset, locations[0].offset - range.offset, out.get()));
  for (size_t i = 0; i < pages.size();) {
    size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    const PageLocation& first = locations[static_cast<size_t>(pages[i])];
    const PageLocation& last = locations[static_cast<size_t>(pages[j])];
    RETURN_NOT_OK(AppendRange(file, first.offset,
                              last.offset + last.compressed_page_size - first.offset, out.get()));
    i = j + 1;
  }
  return out;
}

}  // namespace

Result<VectorPtr> ReadColumnChunkRows(RandomAccessFile* file, const ByteRange& range,
                                      const ColumnChunkSpec& spec, const OffsetIndex* offsets,
                                      const std::vector<RowRange>& rows) {
  const std::vector<RowRange> all = {{0, spec.num_rows}};
  if (offsets == nullptr ||
      !OffsetIndexUsable(*offsets, range.offset, range.offset + range.length, spec.num_rows)) {
    ASSIGN_OR_RETURN(VectorPtr column, ReadColumnChunk(file, range, spec));
    return SelectRowsOf(std::move(column), all, rows);
  }
  const std::vector<int> pages = PagesForRows(*offsets, spec.num_rows, rows);
  std::vector<RowRange> spans;
  ColumnChunkSpec partial = spec;
  partial.page_rows = 0;
  for (int page : pages) {
    spans.push_back(PageRows(*offsets, static_cast<size_t>(page), spec.num_rows));
    partial.page_rows += spans.back().end - spans.back().begin;
  }
  Result<std::unique_ptr<Buffer>> bytes = ReadPages(file, range, *offsets, pages);
  if (!bytes.ok()) return bytes.status().WithContext(Location(spec));
  ASSIGN_OR_RETURN(VectorPtr column, DecodeColumnChunk((*bytes)->span(), partial));
  return SelectRowsOf(std::move(column), spans, rows);
}

Result<VectorPtr> KeepRows(VectorPtr column, const std::vector<RowRange>& rows) {
  const std::vector<RowRange> all = {{0, column->length()}};
  return SelectRowsOf(std::move(column), all, rows);
}

}  // namespace strata::parquet
