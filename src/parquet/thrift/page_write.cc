// Encoding of page headers, the page index and bloom filter headers.
#include "parquet/thrift/metadata.h"
#include "parquet/thrift/struct_codec.h"

namespace strata::parquet {
namespace thrift {
namespace {

// A union of empty structs whose value is the id of the member set (0: none).
template <typename E>
void EncodeEmptyMemberUnion(CompactWriter* writer, E value) {
  writer->WriteStructBegin();
  if (static_cast<int16_t>(value) != 0) {
    WriteEmptyStructField(writer, static_cast<int16_t>(value));
  }
  writer->WriteStructEnd();
}

}  // namespace

void Encode(CompactWriter* writer, const DataPageHeader& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.num_values);
  WriteField(writer, 2, value.encoding);
  WriteField(writer, 3, value.definition_level_encoding);
  WriteField(writer, 4, value.repetition_level_encoding);
  WriteField(writer, 5, value.statistics);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const IndexPageHeader& /*value*/) {
  writer->WriteStructBegin();
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const DictionaryPageHeader& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.num_values);
  WriteField(writer, 2, value.encoding);
  WriteField(writer, 3, value.is_sorted);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const DataPageHeaderV2& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.num_values);
  WriteField(writer, 2, value.num_nulls);
  WriteField(writer, 3, value.num_rows);
  WriteField(writer, 4, value.encoding);
  WriteField(writer, 5, value.definition_levels_byte_length);
  WriteField(writer, 6, value.repetition_levels_byte_length);
  WriteField(writer, 7, value.is_compressed);
  WriteField(writer, 8, value.statistics);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const PageHeader& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.type);
  WriteField(writer, 2, value.uncompressed_page_size);
  WriteField(writer, 3, value.compressed_page_size);
  WriteField(writer, 4, value.crc);
  WriteField(writer, 5, value.data_page_header);
  WriteField(writer, 6, value.index_page_header);
  WriteField(writer, 7, value.dictionary_page_header);
  WriteField(writer, 8, value.data_page_header_v2);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const PageLocation& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.offset);
  WriteField(writer, 2, value.compressed_page_size);
  WriteField(writer, 3, value.first_row_index);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const OffsetIndex& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.page_locations);
  WriteField(writer, 2, value.unencoded_byte_array_data_bytes);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const ColumnIndex& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.null_pages);
  WriteField(writer, 2, value.min_values);
  WriteField(writer, 3, value.max_values);
  WriteField(writer, 4, value.boundary_order);
  WriteField(writer, 5, value.null_counts);
  WriteField(writer, 6, value.repetition_level_histograms);
  WriteField(writer, 7, value.definition_level_histograms);
  WriteField(writer, 8, value.nan_counts);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const BloomFilterAlgorithm& value) {
  EncodeEmptyMemberUnion(writer, value);
}

void Encode(CompactWriter* writer, const BloomFilterHash& value) {
  EncodeEmptyMemberUnion(writer, value);
}

void Encode(CompactWriter* writer, const BloomFilterCompression& value) {
  EncodeEmptyMemberUnion(writer, value);
}

void Encode(CompactWriter* writer, const BloomFilterHeader& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.num_bytes);
  WriteField(writer, 2, value.algorithm);
  WriteField(writer, 3, value.hash);
  WriteField(writer, 4, value.compression);
  writer->WriteStructEnd();
}

}  // namespace thrift

Status WritePageHeader(const PageHeader& header, Buffer* out) {
  return thrift::EncodeMessage(header, out);
}

Status WriteColumnIndex(const ColumnIndex& index, Buffer* out) {
  return thrift::EncodeMessage(index, out);
}

Status WriteOffsetIndex(const OffsetIndex& index, Buffer* out) {
  return thrift::EncodeMessage(index, out);
}

Status WriteBloomFilterHeader(const BloomFilterHeader& header, Buffer* out) {
  return thrift::EncodeMessage(header, out);
}

}  // namespace strata::parquet
