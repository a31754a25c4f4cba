// Decoding of what lives beside the pages: page headers, the page index
// (ColumnIndex, OffsetIndex) and bloom filter headers.
#include "parquet/thrift/metadata.h"
#include "parquet/thrift/struct_codec.h"

namespace strata::parquet {
namespace thrift {
namespace {

constexpr FieldSpec kDataPageHeaderFields[] = {{1, "num_values", true},
                                               {2, "encoding", true},
                                               {3, "definition_level_encoding", true},
                                               {4, "repetition_level_encoding", true},
                                               {5, "statistics", false}};

constexpr FieldSpec kDictionaryPageHeaderFields[] = {
    {1, "num_values", true}, {2, "encoding", true}, {3, "is_sorted", false}};

constexpr FieldSpec kDataPageHeaderV2Fields[] = {{1, "num_values", true},
                                                 {2, "num_nulls", true},
                                                 {3, "num_rows", true},
                                                 {4, "encoding", true},
                                                 {5, "definition_levels_byte_length", true},
                                                 {6, "repetition_levels_byte_length", true},
                                                 {7, "is_compressed", false},
                                                 {8, "statistics", false}};

constexpr FieldSpec kPageHeaderFields[] = {{1, "type", true},
                                           {2, "uncompressed_page_size", true},
                                           {3, "compressed_page_size", true},
                                           {4, "crc", false},
                                           {5, "data_page_header", false},
                                           {6, "index_page_header", false},
                                           {7, "dictionary_page_header", false},
                                           {8, "data_page_header_v2", false}};

constexpr FieldSpec kPageLocationFields[] = {
    {1, "offset", true}, {2, "compressed_page_size", true}, {3, "first_row_index", true}};

constexpr FieldSpec kOffsetIndexFields[] = {{1, "page_locations", true},
                                            {2, "unencoded_byte_array_data_bytes", false}};

constexpr FieldSpec kColumnIndexFields[] = {{1, "null_pages", true},
                                            {2, "min_values", true},
                                            {3, "max_values", true},
                                            {4, "boundary_order", true},
                                            {5, "null_counts", false},
                                            {6, "repetition_level_histograms", false},
                                            {7, "definition_level_histograms", false},
                                            {8, "nan_counts", false}};

constexpr FieldSpec kBloomFilterHeaderFields[] = {
    {1, "numBytes", true}, {2, "algorithm", true}, {3, "hash", true}, {4, "compression", true}};

constexpr FieldSpec kBloomAlgorithmFields[] = {{1, "BLOCK", false}};
constexpr FieldSpec kBloomHashFields[] = {{1, "XXHASH", false}};
constexpr FieldSpec kBloomCompressionFields[] = {{1, "UNCOMPRESSED", false}};

// A union of empty structs with a single known member (id 1): the enum's
// kUnknown (0) when another member is set.
template <typename E>
Status DecodeSingleMemberUnion(CompactReader* reader, std::string_view name,
                               std::span<const FieldSpec> members, E* out) {
  *out = static_cast<E>(0);
  return ReadStruct(reader, name, members, [&](const FieldHeader& f) -> Result<bool> {
    if (f.type != WireType::kStruct || f.id != 1) return SkipField(reader, f);
    RETURN_NOT_OK(reader->Skip(WireType::kStruct));
    *out = static_cast<E>(1);
    return true;
  });
}

// The checks a page reader needs before it trusts the header to size buffers.
Status ValidatePageHeader(const PageHeader& header) {
  if (header.uncompressed_page_size < 0 || header.compressed_page_size < 0) {
    return Status::Corruption("PageHeader: negative page size (uncompressed {}, compressed {})",
                              header.uncompressed_page_size, header.compressed_page_size);
  }
  const bool missing = (header.type == PageType::kDataPage && !header.data_page_header) ||
                       (header.type == PageType::kDataPageV2 && !header.data_page_header_v2) ||
                       (header.type == PageType::kDictionaryPage && !header.dictionary_page_header);
  if (missing) {
    return Status::Corruption("PageHeader: a {} has no matching page header",
                              PageTypeName(header.type));
  }
  return Status::OK();
}

}  // namespace

Status Decode(CompactReader* reader, DataPageHeader* out) {
  return ReadStruct(reader, "DataPageHeader", kDataPageHeaderFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->num_values);
                        case 2: return ReadField(reader, f, &out->encoding);
                        case 3: return ReadField(reader, f, &out->definition_level_encoding);
                        case 4: return ReadField(reader, f, &out->repetition_level_encoding);
                        case 5: return ReadField(reader, f, &out->statistics);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, IndexPageHeader* /*out*/) {
  return ReadStruct(reader, "IndexPageHeader", {},
                    [&](const FieldHeader& f) -> Result<bool> { return SkipField(reader, f); });
}

Status Decode(CompactReader* reader, DictionaryPageHeader* out) {
  return ReadStruct(reader, "DictionaryPageHeader", kDictionaryPageHeaderFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->num_values);
                        case 2: return ReadField(reader, f, &out->encoding);
                        case 3: return ReadField(reader, f, &out->is_sorted);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, DataPageHeaderV2* out) {
  return ReadStruct(reader, "DataPageHeaderV2", kDataPageHeaderV2Fields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->num_values);
                        case 2: return ReadField(reader, f, &out->num_nulls);
                        case 3: return ReadField(reader, f, &out->num_rows);
                        case 4: return ReadField(reader, f, &out->encoding);
                        case 5: return ReadField(reader, f, &out->definition_levels_byte_length);
                        case 6: return ReadField(reader, f, &out->repetition_levels_byte_length);
                        case 7: return ReadField(reader, f, &out->is_compressed);
                        case 8: return ReadField(reader, f, &out->statistics);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, PageHeader* out) {
  return ReadStruct(reader, "PageHeader", kPageHeaderFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->type);
                        case 2: return ReadField(reader, f, &out->uncompressed_page_size);
                        case 3: return ReadField(reader, f, &out->compressed_page_size);
                        case 4: return ReadField(reader, f, &out->crc);
                        case 5: return ReadField(reader, f, &out->data_page_header);
                        case 6: return ReadField(reader, f, &out->index_page_header);
                        case 7: return ReadField(reader, f, &out->dictionary_page_header);
                        case 8: return ReadField(reader, f, &out->data_page_header_v2);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, PageLocation* out) {
  return ReadStruct(reader, "PageLocation", kPageLocationFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->offset);
                        case 2: return ReadField(reader, f, &out->compressed_page_size);
                        case 3: return ReadField(reader, f, &out->first_row_index);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, OffsetIndex* out) {
  return ReadStruct(reader, "OffsetIndex", kOffsetIndexFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->page_locations);
                        case 2: return ReadField(reader, f, &out->unencoded_byte_array_data_bytes);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, ColumnIndex* out) {
  return ReadStruct(reader, "ColumnIndex", kColumnIndexFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->null_pages);
                        case 2: return ReadField(reader, f, &out->min_values);
                        case 3: return ReadField(reader, f, &out->max_values);
                        case 4: return ReadField(reader, f, &out->boundary_order);
                        case 5: return ReadField(reader, f, &out->null_counts);
                        case 6: return ReadField(reader, f, &out->repetition_level_histograms);
                        case 7: return ReadField(reader, f, &out->definition_level_histograms);
                        case 8: return ReadField(reader, f, &out->nan_counts);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, BloomFilterAlgorithm* out) {
  return DecodeSingleMemberUnion(reader, "BloomFilterAlgorithm", kBloomAlgorithmFields, out);
}

Status Decode(CompactReader* reader, BloomFilterHash* out) {
  return DecodeSingleMemberUnion(reader, "BloomFilterHash", kBloomHashFields, out);
}

Status Decode(CompactReader* reader, BloomFilterCompression* out) {
  return DecodeSingleMemberUnion(reader, "BloomFilterCompression", kBloomCompressionFields, out);
}

Status Decode(CompactReader* reader, BloomFilterHeader* out) {
  return ReadStruct(reader, "BloomFilterHeader", kBloomFilterHeaderFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->num_bytes);
                        case 2: return ReadField(reader, f, &out->algorithm);
                        case 3: return ReadField(reader, f, &out->hash);
                        case 4: return ReadField(reader, f, &out->compression);
                        default: return SkipField(reader, f);
                      }
                    });
}

}  // namespace thrift

Result<PageHeader> ReadPageHeader(std::span<const uint8_t> data, int64_t* header_size,
                                  const ThriftLimits& limits) {
  ASSIGN_OR_RETURN(PageHeader header, thrift::DecodeMessage<PageHeader>(data, limits, header_size));
  RETURN_NOT_OK(thrift::ValidatePageHeader(header));
  return header;
}

Result<ColumnIndex> ReadColumnIndex(std::span<const uint8_t> data, const ThriftLimits& limits) {
  return thrift::DecodeMessage<ColumnIndex>(data, limits, nullptr);
}

Result<OffsetIndex> ReadOffsetIndex(std::span<const uint8_t> data, const ThriftLimits& limits) {
  return thrift::DecodeMessage<OffsetIndex>(data, limits, nullptr);
}

Result<BloomFilterHeader> ReadBloomFilterHeader(std::span<const uint8_t> data, int64_t* header_size,
                                                const ThriftLimits& limits) {
  return thrift::DecodeMessage<BloomFilterHeader>(data, limits, header_size);
}

}  // namespace strata::parquet
