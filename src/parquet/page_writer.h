// PageSink: assembles the pages of one column chunk — compression, CRC,
// headers — and collects what the footer and page index say about them.
// Independent of the value type; the typed column writer feeds it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "common/buffer.h"
#include "common/result.h"
#include "parquet/codec/codec.h"
#include "parquet/column_writer.h"
#include "parquet/statistics.h"

namespace strata::parquet {

// One data page's parts before compression.
struct DataPageParts {
  // Repetition then definition levels. v1: a u32-prefixed section each; v2:
  // raw runs, the first repetition_levels_bytes being the repetition levels.
  std::span<const uint8_t> levels;
  int32_t repetition_levels_bytes = 0;
  std::span<const uint8_t> values;
  Encoding encoding = Encoding::kPlain;
  int32_t num_values = 0;  // Levels, nulls included.
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  std::optional<MinMax> bounds;            // Of the non-null, non-NaN values.
  bool has_values_without_bounds = false;  // e.g. an all-NaN float page.
};

class PageSink {
 public:
  PageSink(const LeafColumn& leaf, const ColumnWriterOptions& options, SortOrder order,
           std::unique_ptr<Codec> codec);

  Status AddDataPage(const DataPageParts& page);
  // The dictionary page (PLAIN body); placed before the data pages.
  Status SetDictionaryPage(std::span<const uint8_t> plain_body, int32_t num_entries);
  int64_t buffered_bytes() const {
    return static_cast<int64_t>(pages_.size() + dictionary_page_.size());
  }
  int64_t num_values() const { return num_values_; }
  // Compressed size of `body` with this chunk's codec, for encoding trials.
  Result<int64_t> CompressedSize(std::span<const uint8_t> body);

  // Moves the pages into `chunk` and fills its metadata except statistics
  // and the bloom filter; resets for the next chunk.
  Status Finish(EncodedChunk* chunk);

 private:
  Status AppendPage(PageHeader header, std::span<const uint8_t> body, Buffer* out);
  void RecordIndexEntry(const DataPageParts& page, int64_t offset, int64_t size);
  void Reset();

  const LeafColumn& leaf_;
  const ColumnWriterOptions& options_;
  const SortOrder order_;
  std::unique_ptr<Codec> codec_;
  Buffer scratch_;
  Buffer dictionary_page_;
  Buffer pages_;
  int64_t num_values_ = 0;
  int64_t num_rows_ = 0;
  int64_t uncompressed_bytes_ = 0;
  std::set<int32_t> encodings_;
  std::map<std::pair<PageType, int32_t>, int32_t> encoding_counts_;
  OffsetIndex offset_index_;
  ColumnIndex column_index_;
  bool column_index_possible_ = true;
};

}  // namespace strata::parquet
