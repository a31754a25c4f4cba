#include "parquet/page_reader.h"

#include <string_view>
#include <utility>

#include "parquet/codec/crc32.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/rle_bit_packed.h"

namespace strata::parquet {
namespace {

// Cuts the level section of a v1 page off the front of `*rest`. RLE
// sections carry a u32 length; BIT_PACKED ones are sized by the value count.
Result<std::span<const uint8_t>> CutV1Levels(std::span<const uint8_t>* rest, Encoding encoding,
                                             int16_t max_level, int32_t num_values,
                                             std::string_view what) {
  if (encoding == Encoding::kRle) {
    Result<std::span<const uint8_t>> runs = ReadRleLengthPrefix(*rest);
    if (!runs.ok()) return runs.status().WithContext(fmt::format("{} levels", what));
    *rest = rest->subspan(4 + runs->size());
    return runs;
  }
  if (encoding == Encoding::kBitPacked) {
    const int64_t size = BitPackedLegacyDecoder::EncodedSize(num_values, BitWidthOf(max_level));
    if (size > static_cast<int64_t>(rest->size())) {
      return Status::Corruption("{} levels: {} BIT_PACKED bytes overrun the page ({} left)", what,
                                size, rest->size());
    }
    std::span<const uint8_t> section = rest->first(static_cast<size_t>(size));
    *rest = rest->subspan(static_cast<size_t>(size));
    return section;
  }
  return Status::NotImplemented("{} levels encoded as {}", what, EncodingName(encoding));
}

}  // namespace

Result<std::unique_ptr<PageReader>> PageReader::Make(std::span<const uint8_t> chunk,
                                                     int64_t chunk_size,
                                                     const PageReaderOptions& options) {
  std::unique_ptr<Codec> codec;
  if (options.codec != CompressionCodec::kUncompressed) {
    ASSIGN_OR_RETURN(codec, Codec::Make(options.codec));
  }
  return std::unique_ptr<PageReader>(new PageReader(chunk, chunk_size, options, std::move(codec)));
}

Result<Page> PageReader::Next() {
  while (position_ < chunk_size_) {
    ++page_number_;
    const std::span<const uint8_t> rest = chunk_.subspan(static_cast<size_t>(position_));
    int64_t header_size = 0;
    ASSIGN_OR_RETURN(const PageHeader header, ReadPageHeader(rest, &header_size));
    const int64_t body_size = header.compressed_page_size;
    if (body_size > static_cast<int64_t>(rest.size()) - header_size) {
      return Status::Corruption(
          "the page at chunk offset {} ({} header + {} body bytes) runs past the column chunk "
          "({} bytes)",
          position_, header_size, body_size, chunk_size_);
    }
    const std::span<const uint8_t> body =
        rest.subspan(static_cast<size_t>(header_size), static_cast<size_t>(body_size));
    position_ += header_size + body_size;
    if (options_.verify_checksums && header.crc.has_value()) {
      RETURN_NOT_OK(CheckPageCrc(body, *header.crc));
    }
    switch (header.type) {
      case PageType::kDictionaryPage: return ReadDictionaryPage(header, body);
      case PageType::kDataPage: return ReadDataPageV1(header, body);
      case PageType::kDataPageV2: return ReadDataPageV2(header, body);
      case PageType::kIndexPage: break;  // Never written by known writers; nothing to use.
    }
  }
  return Page{};
}

Result<std::span<const uint8_t>> PageReader::Decompress(std::span<const uint8_t> body,
                                                        int64_t uncompressed_size) {
  if (codec_ == nullptr) {
    if (static_cast<int64_t>(body.size()) != uncompressed_size) {
      return Status::Corruption("an uncompressed page holds {} bytes but its header says {}",
                                body.size(), uncompressed_size);
    }
    return body;
  }
  // Never hand a codec nothing: an empty v2 value section has no frame.
  if (body.empty() && uncompressed_size == 0) return body;
  if (uncompressed_size > options_.max_uncompressed_page_size) {
    return Status::Corruption("a page claims {} uncompressed bytes, more than its chunk's {}",
                              uncompressed_size, options_.max_uncompressed_page_size);
  }
  const auto size = static_cast<size_t>(uncompressed_size);
  RETURN_NOT_OK(decompressed_.Resize(size));
  RETURN_NOT_OK(codec_->Decompress(body, {decompressed_.mutable_data(), size}));
  return std::span<const uint8_t>(decompressed_.data(), size);
}

Result<Page> PageReader::ReadDictionaryPage(const PageHeader& header,
                                            std::span<const uint8_t> body) {
  const DictionaryPageHeader& dictionary = *header.dictionary_page_header;
  if (dictionary.encoding != Encoding::kPlain &&
      dictionary.encoding != Encoding::kPlainDictionary) {
    return Status::NotImplemented("dictionary page encoded as {}",
                                  EncodingName(dictionary.encoding));
  }
  if (dictionary.num_values < 0) {
    return Status::Corruption("dictionary page with {} values", dictionary.num_values);
  }
  Page page{.kind = Page::Kind::kDictionary};
  page.dictionary.num_values = dictionary.num_values;
  ASSIGN_OR_RETURN(page.dictionary.values, Decompress(body, header.uncompressed_page_size));
  return page;
}

Result<Page> PageReader::ReadDataPageV1(const PageHeader& header, std::span<const uint8_t> body) {
  const DataPageHeader& v1 = *header.data_page_header;
  if (v1.num_values < 0) return Status::Corruption("data page with {} values", v1.num_values);
  Page page{.kind = Page::Kind::kData};
  DataPage& data = page.data;
  data.num_values = v1.num_values;
  data.encoding = v1.encoding;
  data.definition_level_encoding = v1.definition_level_encoding;
  data.repetition_level_encoding = v1.repetition_level_encoding;
  // v1 compresses levels and values together.
  ASSIGN_OR_RETURN(std::span<const uint8_t> rest, Decompress(body, header.uncompressed_page_size));
  if (options_.max_repetition_level > 0) {
    ASSIGN_OR_RETURN(data.repetition_levels,
                     CutV1Levels(&rest, v1.repetition_level_encoding, options_.max_repetition_level,
                                 v1.num_values, "repetition"));
  }
  if (options_.max_definition_level > 0) {
    ASSIGN_OR_RETURN(data.definition_levels,
                     CutV1Levels(&rest, v1.definition_level_encoding, options_.max_definition_level,
                                 v1.num_values, "definition"));
  }
  data.values = rest;
  return page;
}

Result<Page> PageReader::ReadDataPageV2(const PageHeader& header, std::span<const uint8_t> body) {
  const DataPageHeaderV2& v2 = *header.data_page_header_v2;
  if (v2.num_values < 0 || v2.num_nulls < 0 || v2.num_rows < 0 ||
      v2.definition_levels_byte_length < 0 || v2.repetition_levels_byte_length < 0) {
    return Status::Corruption("data page v2 with a negative count or length");
  }
  // v2 stores the levels uncompressed in front of the (maybe compressed) values.
  const int64_t rep_size = v2.repetition_levels_byte_length;
  const int64_t def_size = v2.definition_levels_byte_length;
  const int64_t levels_size = rep_size + def_size;
  if (levels_size > static_cast<int64_t>(body.size()) ||
      levels_size > header.uncompressed_page_size) {
    return Status::Corruption(
        "data page v2: {} bytes of levels exceed the page ({} stored, {} uncompressed)",
        levels_size, body.size(), header.uncompressed_page_size);
  }
  Page page{.kind = Page::Kind::kData};
  DataPage& data = page.data;
  data.num_values = v2.num_values;
  data.num_nulls = v2.num_nulls;
  data.encoding = v2.encoding;
  data.repetition_levels = body.first(static_cast<size_t>(rep_size));
  data.definition_levels =
      body.subspan(static_cast<size_t>(rep_size), static_cast<size_t>(def_size));
  const std::span<const uint8_t> values = body.subspan(static_cast<size_t>(levels_size));
  const int64_t values_size = header.uncompressed_page_size - levels_size;
  if (v2.is_compressed) {
    ASSIGN_OR_RETURN(data.values, Decompress(values, values_size));
  } else if (static_cast<int64_t>(values.size()) != values_size) {
    return Status::Corruption("data page v2: {} uncompressed value bytes but the header says {}",
                              values.size(), values_size);
  } else {
    data.values = values;
  }
  return page;
}

}  // namespace strata::parquet
