// PageReader: walks the pages of one column chunk held in memory. It parses
// each page header, checks the page CRC, decompresses the body and splits a
// data page into its repetition level, definition level and value sections,
// hiding the differences between data page v1 and v2.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "common/buffer.h"
#include "common/result.h"
#include "parquet/codec/codec.h"
#include "parquet/format_enums.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

struct PageReaderOptions {
  CompressionCodec codec = CompressionCodec::kUncompressed;
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  bool verify_checksums = true;
  // The most uncompressed bytes one page may claim: the chunk's
  // total_uncompressed_size. A corrupt header must not size a huge buffer.
  int64_t max_uncompressed_page_size = Codec::kMaxPageBytes;
};

// A data page cut into sections. The level sections hold bare hybrid runs
// (the v1 length prefix is removed) or, for BIT_PACKED, the packed bits.
struct DataPage {
  int32_t num_values = 0;
  std::optional<int32_t> num_nulls;  // Data page v2 only.
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;  // kRle or kBitPacked.
  Encoding repetition_level_encoding = Encoding::kRle;
  std::span<const uint8_t> repetition_levels;
  std::span<const uint8_t> definition_levels;
  std::span<const uint8_t> values;  // Decompressed.
};

struct DictionaryPage {
  int32_t num_values = 0;
  std::span<const uint8_t> values;  // PLAIN, decompressed.
};

struct Page {
  enum class Kind : uint8_t { kEnd, kDictionary, kData };
  Kind kind = Kind::kEnd;
  DictionaryPage dictionary;  // When kind == kDictionary.
  DataPage data;              // When kind == kData.
};

// Thread safety: none; one reader per column chunk and thread.
class PageReader {
 public:
  // `chunk` holds the chunk's pages from its first one on; it may extend
  // `chunk.size() - chunk_size` bytes past the chunk's declared size (slack
  // for old parquet-mr files, whose declared size is too small), and a page
  // may end inside that slack. REQUIRES: `chunk` outlives the reader.
  // Errors: NotImplemented for LZO; Invalid for an unknown codec.
  static Result<std::unique_ptr<PageReader>> Make(std::span<const uint8_t> chunk,
                                                  int64_t chunk_size,
                                                  const PageReaderOptions& options);

  // The next dictionary or data page; index pages are skipped. kEnd once
  // the pages reach the declared chunk size. The spans stay valid until the
  // next call. Errors (Corruption): a malformed header, a page that runs past
  // the chunk, a CRC mismatch, level sections that overrun the page, a
  // decompressed size different from the header's.
  // NotImplemented: a dictionary page that is not PLAIN encoded, or levels
  // in an encoding other than RLE or BIT_PACKED.
  Result<Page> Next();

  // The number (from 0, counting every page of the chunk) of the page the
  // last Next() returned or failed on.
  int page_number() const { return page_number_; }

 private:
  PageReader(std::span<const uint8_t> chunk, int64_t chunk_size, const PageReaderOptions& options,
             std::unique_ptr<Codec> codec)
      : chunk_(chunk), chunk_size_(chunk_size), options_(options), codec_(std::move(codec)) {}

  Result<std::span<const uint8_t>> Decompress(std::span<const uint8_t> body,
                                              int64_t uncompressed_size);
  Result<Page> ReadDictionaryPage(const PageHeader& header, std::span<const uint8_t> body);
  Result<Page> ReadDataPageV1(const PageHeader& header, std::span<const uint8_t> body);
  Result<Page> ReadDataPageV2(const PageHeader& header, std::span<const uint8_t> body);

  std::span<const uint8_t> chunk_;
  int64_t chunk_size_;
  PageReaderOptions options_;
  std::unique_ptr<Codec> codec_;  // Null for UNCOMPRESSED.
  int64_t position_ = 0;
  int page_number_ = -1;
  Buffer decompressed_;
};

}  // namespace strata::parquet
