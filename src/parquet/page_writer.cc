#include "parquet/page_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "parquet/codec/crc32.h"

namespace strata::parquet {
namespace {

Status CheckPageSize(int64_t bytes) {
  if (bytes > std::numeric_limits<int32_t>::max()) {
    return Status::ResourceExhausted("page of {} bytes exceeds Parquet's 2 GiB page limit", bytes);
  }
  return Status::OK();
}

template <typename T>
T Decode(const std::string& bytes) {
  T value{};
  std::memcpy(&value, bytes.data(), std::min(bytes.size(), sizeof(T)));
  return value;
}

// Compares two encoded statistics values in the leaf's sort order.
bool EncodedLess(const std::string& a, const std::string& b, PhysicalType physical,
                 SortOrder order) {
  switch (physical) {
    case PhysicalType::kInt32:
      return order == SortOrder::kUnsigned ? Decode<uint32_t>(a) < Decode<uint32_t>(b)
                                           : Decode<int32_t>(a) < Decode<int32_t>(b);
    case PhysicalType::kInt64:
      return order == SortOrder::kUnsigned ? Decode<uint64_t>(a) < Decode<uint64_t>(b)
                                           : Decode<int64_t>(a) < Decode<int64_t>(b);
    case PhysicalType::kFloat: return Decode<float>(a) < Decode<float>(b);
    case PhysicalType::kDouble: return Decode<double>(a) < Decode<double>(b);
    default: break;
  }
  if (order == SortOrder::kSignedFixedDecimal && !a.empty() && !b.empty() && a[0] != b[0]) {
    return (static_cast<unsigned char>(a[0]) ^ 0x80) < (static_cast<unsigned char>(b[0]) ^ 0x80);
  }
  return a < b;
}

// ASCENDING when page minima and maxima never decrease, DESCENDING when they
// never increase (null pages are skipped), else UNORDERED.
BoundaryOrder ComputeBoundaryOrder(const ColumnIndex& index, PhysicalType physical,
                                   SortOrder order) {
  auto less = [&](const std::string& a, const std::string& b) {
    return EncodedLess(a, b, physical, order);
  };
  bool ascending = true;
  bool descending = true;
  std::optional<size_t> prev;
  for (size_t i = 0; i < index.null_pages.size(); ++i) {
    if (index.null_pages[i]) continue;
    if (prev) {
      const size_t p = *prev;
      ascending &= !less(index.min_values[i], index.min_values[p]) &&
                   !less(index.max_values[i], index.max_values[p]);
      descending &= !less(index.min_values[p], index.min_values[i]) &&
                    !less(index.max_values[p], index.max_values[i]);
    }
    prev = i;
  }
  if (ascending) return BoundaryOrder::kAscending;
  return descending ? BoundaryOrder::kDescending : BoundaryOrder::kUnordered;
}

}  // namespace

PageSink::PageSink(const LeafColumn& leaf, const ColumnWriterOptions& options, SortOrder order,
                   std::unique_ptr<Codec> codec)
    : leaf_(leaf), options_(options), order_(order), codec_(std::move(codec)) {}

Result<int64_t> PageSink::CompressedSize(std::span<const uint8_t> body) {
  scratch_.Clear();
  RETURN_NOT_OK(codec_->Compress(body, &scratch_));
  return static_cast<int64_t>(scratch_.size());
}

Status PageSink::AppendPage(PageHeader header, std::span<const uint8_t> body, Buffer* out) {
  RETURN_NOT_OK(CheckPageSize(static_cast<int64_t>(body.size())));
  header.compressed_page_size = static_cast<int32_t>(body.size());
  if (options_.write_checksums) header.crc = static_cast<int32_t>(Crc32(body));
  const size_t start = out->size();
  RETURN_NOT_OK(WritePageHeader(header, out));
  uncompressed_bytes_ += static_cast<int64_t>(out->size() - start) + header.uncompressed_page_size;
  return out->Append(body);
}

Status PageSink::SetDictionaryPage(std::span<const uint8_t> plain_body, int32_t num_entries) {
  Buffer compressed;
  RETURN_NOT_OK(codec_->Compress(plain_body, &compressed));
  PageHeader header;
  header.type = PageType::kDictionaryPage;
  header.uncompressed_page_size = static_cast<int32_t>(plain_body.size());
  header.dictionary_page_header =
      DictionaryPageHeader{.num_values = num_entries, .encoding = Encoding::kPlain};
  dictionary_page_.Clear();
  encodings_.insert(static_cast<int32_t>(Encoding::kPlain));
  ++encoding_counts_[{PageType::kDictionaryPage, static_cast<int32_t>(Encoding::kPlain)}];
  return AppendPage(std::move(header), compressed.span(), &dictionary_page_);
}

Status PageSink::AddDataPage(const DataPageParts& page) {
  RETURN_NOT_OK(CheckPageSize(static_cast<int64_t>(page.levels.size() + page.values.size())));
  std::optional<Statistics> stats;
  if (options_.write_statistics) {
    stats =
        MakeStatistics(page.bounds, page.num_nulls, order_, options_.statistics_truncate_length);
  }
  PageHeader header;
  header.uncompressed_page_size = static_cast<int32_t>(page.levels.size() + page.values.size());
  Buffer body;
  if (options_.data_page_version == 2) {
    // v2: levels stay uncompressed in front of the compressed values.
    header.type = PageType::kDataPageV2;
    RETURN_NOT_OK(body.Append(page.levels));
    RETURN_NOT_OK(codec_->Compress(page.values, &body));
    header.data_page_header_v2 =
        DataPageHeaderV2{.num_values = page.num_values,
                         .num_nulls = page.num_nulls,
                         .num_rows = page.num_rows,
                         .encoding = page.encoding,
                         .definition_levels_byte_length = static_cast<int32_t>(page.levels.size()) -
                                                          page.repetition_levels_bytes,
                         .repetition_levels_byte_length = page.repetition_levels_bytes,
                         .is_compressed = codec_->codec() != CompressionCodec::kUncompressed,
                         .statistics = stats};
  } else {
    header.type = PageType::kDataPage;
    Buffer plain;
    RETURN_NOT_OK(plain.Append(page.levels));
    RETURN_NOT_OK(plain.Append(page.values));
    RETURN_NOT_OK(codec_->Compress(plain.span(), &body));
    header.data_page_header = DataPageHeader{.num_values = page.num_values,
                                             .encoding = page.encoding,
                                             .definition_level_encoding = Encoding::kRle,
                                             .repetition_level_encoding = Encoding::kRle,
                                             .statistics = stats};
  }
  const auto offset = static_cast<int64_t>(pages_.size());
  RETURN_NOT_OK(AppendPage(std::move(header), body.span(), &pages_));
  RecordIndexEntry(page, offset, static_cast<int64_t>(pages_.size()) - offset);
  encodings_.insert(static_cast<int32_t>(page.encoding));
  if (leaf_.max_definition_level > 0) encodings_.insert(static_cast<int32_t>(Encoding::kRle));
  ++encoding_counts_[{options_.data_page_version == 2 ? PageType::kDataPageV2 : PageType::kDataPage,
                      static_cast<int32_t>(page.encoding)}];
  num_values_ += page.num_values;
  num_rows_ += page.num_rows;
  return Status::OK();
}

void PageSink::RecordIndexEntry(const DataPageParts& page, int64_t offset, int64_t size) {
  offset_index_.page_locations.push_back(
      PageLocation{.offset = offset,
                   .compressed_page_size = static_cast<int32_t>(size),
                   .first_row_index = num_rows_});
  const bool null_page = !page.bounds && !page.has_values_without_bounds;
  // A page of only NaNs has values but no bounds: no valid index exists.
  if (page.has_values_without_bounds && !page.bounds) column_index_possible_ = false;
  column_index_.null_pages.push_back(null_page);
  if (!column_index_.null_counts) column_index_.null_counts.emplace();
  column_index_.null_counts->push_back(page.num_nulls);
  if (!page.bounds) {
    column_index_.min_values.emplace_back();
    column_index_.max_values.emplace_back();
    return;
  }
  Statistics s = MakeStatistics(page.bounds, 0, order_, options_.statistics_truncate_length);
  column_index_.min_values.push_back(*s.min_value);
  column_index_.max_values.push_back(*s.max_value);
}

Status PageSink::Finish(EncodedChunk* chunk) {
  const auto dictionary_size = static_cast<int64_t>(dictionary_page_.size());
  chunk->data.Clear();
  RETURN_NOT_OK(chunk->data.Append(dictionary_page_.span()));
  RETURN_NOT_OK(chunk->data.Append(pages_.span()));
  ColumnMetaData& meta = chunk->metadata;
  meta.type = leaf_.physical_type;
  meta.encodings.assign(encodings_.begin(), encodings_.end());
  meta.path_in_schema = leaf_.path;
  meta.codec = codec_->codec();
  meta.num_values = num_values_;
  meta.total_uncompressed_size = uncompressed_bytes_;
  meta.total_compressed_size = static_cast<int64_t>(chunk->data.size());
  meta.data_page_offset = dictionary_size;
  if (dictionary_size > 0) meta.dictionary_page_offset = 0;
  meta.encoding_stats.emplace();
  for (const auto& [key, count] : encoding_counts_) {
    meta.encoding_stats->push_back(
        {.page_type = key.first, .encoding = key.second, .count = count});
  }
  if (options_.write_page_index) {
    for (PageLocation& location : offset_index_.page_locations) location.offset += dictionary_size;
    chunk->offset_index = std::move(offset_index_);
    if (column_index_possible_) {
      column_index_.boundary_order =
          ComputeBoundaryOrder(column_index_, leaf_.physical_type, order_);
      chunk->column_index = std::move(column_index_);
    }
  }
  Reset();
  return Status::OK();
}

void PageSink::Reset() {
  dictionary_page_.Clear();
  pages_.Clear();
  num_values_ = 0;
  num_rows_ = 0;
  uncompressed_bytes_ = 0;
  encodings_.clear();
  encoding_counts_.clear();
  offset_index_ = OffsetIndex();
  column_index_ = ColumnIndex();
  column_index_possible_ = true;
}

}  // namespace strata::parquet
