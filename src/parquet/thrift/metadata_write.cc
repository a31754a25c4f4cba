// Encoding of the footer: FileMetaData and everything it contains.
#include "parquet/thrift/metadata.h"
#include "parquet/thrift/struct_codec.h"

namespace strata::parquet {
namespace thrift {
namespace {

void EncodeTemporal(CompactWriter* writer, const LogicalType& value) {
  WriteField(writer, 1, value.is_adjusted_to_utc);
  writer->WriteFieldHeader(WireType::kStruct, 2);
  writer->WriteStructBegin();
  WriteEmptyStructField(writer, static_cast<int16_t>(value.unit));
  writer->WriteStructEnd();
}

// The fields of the member struct of `value.kind`.
void EncodeLogicalTypeMember(CompactWriter* writer, const LogicalType& value) {
  switch (value.kind) {
    case LogicalTypeKind::kDecimal:
      WriteField(writer, 1, value.scale);
      WriteField(writer, 2, value.precision);
      return;
    case LogicalTypeKind::kTime:
    case LogicalTypeKind::kTimestamp: return EncodeTemporal(writer, value);
    case LogicalTypeKind::kInteger:
      WriteField(writer, 1, value.bit_width);
      WriteField(writer, 2, value.is_signed);
      return;
    case LogicalTypeKind::kVariant:
      WriteField(writer, 1, value.variant_specification_version);
      return;
    case LogicalTypeKind::kGeography:
      WriteField(writer, 1, value.crs);
      WriteField(writer, 2, value.edge_algorithm);
      return;
    case LogicalTypeKind::kGeometry: WriteField(writer, 1, value.crs); return;
    default: return;
  }
}

bool HasEncryption(const FileMetaData& metadata) {
  if (metadata.has_encryption_algorithm) return true;
  for (const RowGroup& row_group : metadata.row_groups) {
    for (const ColumnChunk& column : row_group.columns) {
      if (column.has_crypto_metadata) return true;
    }
  }
  return false;
}

}  // namespace

void Encode(CompactWriter* writer, const KeyValue& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.key);
  WriteField(writer, 2, value.value);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const LogicalType& value) {
  writer->WriteStructBegin();
  if (value.kind != LogicalTypeKind::kNone) {
    writer->WriteFieldHeader(WireType::kStruct, static_cast<int16_t>(value.kind));
    writer->WriteStructBegin();
    EncodeLogicalTypeMember(writer, value);
    writer->WriteStructEnd();
  }
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const SchemaElement& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.type);
  WriteField(writer, 2, value.type_length);
  WriteField(writer, 3, value.repetition_type);
  WriteField(writer, 4, value.name);
  WriteField(writer, 5, value.num_children);
  WriteField(writer, 6, value.converted_type);
  WriteField(writer, 7, value.scale);
  WriteField(writer, 8, value.precision);
  WriteField(writer, 9, value.field_id);
  // An annotation strata did not understand is dropped rather than written as
  // an empty union, which other readers reject.
  if (value.logical_type && value.logical_type->kind != LogicalTypeKind::kNone) {
    WriteField(writer, 10, *value.logical_type);
  }
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const Statistics& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.max);
  WriteField(writer, 2, value.min);
  WriteField(writer, 3, value.null_count);
  WriteField(writer, 4, value.distinct_count);
  WriteField(writer, 5, value.max_value);
  WriteField(writer, 6, value.min_value);
  WriteField(writer, 7, value.is_max_value_exact);
  WriteField(writer, 8, value.is_min_value_exact);
  WriteField(writer, 9, value.nan_count);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const SizeStatistics& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.unencoded_byte_array_data_bytes);
  WriteField(writer, 2, value.repetition_level_histogram);
  WriteField(writer, 3, value.definition_level_histogram);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const PageEncodingStats& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.page_type);
  WriteField(writer, 2, value.encoding);
  WriteField(writer, 3, value.count);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const ColumnMetaData& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.type);
  WriteField(writer, 2, value.encodings);
  WriteField(writer, 3, value.path_in_schema);
  WriteField(writer, 4, value.codec);
  WriteField(writer, 5, value.num_values);
  WriteField(writer, 6, value.total_uncompressed_size);
  WriteField(writer, 7, value.total_compressed_size);
  WriteField(writer, 8, value.key_value_metadata);
  WriteField(writer, 9, value.data_page_offset);
  WriteField(writer, 10, value.index_page_offset);
  WriteField(writer, 11, value.dictionary_page_offset);
  WriteField(writer, 12, value.statistics);
  WriteField(writer, 13, value.encoding_stats);
  WriteField(writer, 14, value.bloom_filter_offset);
  WriteField(writer, 15, value.bloom_filter_length);
  WriteField(writer, 16, value.size_statistics);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const ColumnChunk& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.file_path);
  WriteField(writer, 2, value.file_offset);
  WriteField(writer, 3, value.meta_data);
  WriteField(writer, 4, value.offset_index_offset);
  WriteField(writer, 5, value.offset_index_length);
  WriteField(writer, 6, value.column_index_offset);
  WriteField(writer, 7, value.column_index_length);
  WriteField(writer, 9, value.encrypted_column_metadata);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const SortingColumn& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.column_idx);
  WriteField(writer, 2, value.descending);
  WriteField(writer, 3, value.nulls_first);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const RowGroup& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.columns);
  WriteField(writer, 2, value.total_byte_size);
  WriteField(writer, 3, value.num_rows);
  WriteField(writer, 4, value.sorting_columns);
  WriteField(writer, 5, value.file_offset);
  WriteField(writer, 6, value.total_compressed_size);
  WriteField(writer, 7, value.ordinal);
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const ColumnOrder& value) {
  writer->WriteStructBegin();
  if (value != ColumnOrder::kUnknown) WriteEmptyStructField(writer, static_cast<int16_t>(value));
  writer->WriteStructEnd();
}

void Encode(CompactWriter* writer, const FileMetaData& value) {
  writer->WriteStructBegin();
  WriteField(writer, 1, value.version);
  WriteField(writer, 2, value.schema);
  WriteField(writer, 3, value.num_rows);
  WriteField(writer, 4, value.row_groups);
  WriteField(writer, 5, value.key_value_metadata);
  WriteField(writer, 6, value.created_by);
  WriteField(writer, 7, value.column_orders);
  WriteField(writer, 9, value.footer_signing_key_metadata);
  writer->WriteStructEnd();
}

}  // namespace thrift

Status WriteFileMetaData(const FileMetaData& metadata, Buffer* out) {
  if (thrift::HasEncryption(metadata)) {
    return Status::NotImplemented("writing the metadata of an encrypted Parquet file");
  }
  return thrift::EncodeMessage(metadata, out);
}

}  // namespace strata::parquet
