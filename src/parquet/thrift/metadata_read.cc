// Decoding of the footer: FileMetaData and everything it contains.
#include "parquet/thrift/metadata.h"
#include "parquet/thrift/struct_codec.h"

namespace strata::parquet {
namespace thrift {
namespace {

// The LogicalType members strata knows: 9 is reserved (INTERVAL never made
// it), and ids past 18 come from newer spec versions.
bool IsKnownLogicalType(int16_t id) { return id >= 1 && id <= 18 && id != 9; }

constexpr FieldSpec kDecimalFields[] = {{1, "scale", true}, {2, "precision", true}};
constexpr FieldSpec kTemporalFields[] = {{1, "isAdjustedToUTC", true}, {2, "unit", true}};
constexpr FieldSpec kIntFields[] = {{1, "bitWidth", true}, {2, "isSigned", true}};
constexpr FieldSpec kVariantFields[] = {{1, "specification_version", false}};
constexpr FieldSpec kGeometryFields[] = {{1, "crs", false}};
constexpr FieldSpec kGeographyFields[] = {{1, "crs", false}, {2, "algorithm", false}};
constexpr FieldSpec kTimeUnitFields[] = {
    {1, "MILLIS", false}, {2, "MICROS", false}, {3, "NANOS", false}};

// Reads a union whose members are all empty structs, giving the id of the
// member found, or 0 when none is known (ids outside [1, max_id]).
Status DecodeEmptyMemberUnion(CompactReader* reader, std::string_view name,
                              std::span<const FieldSpec> members, int16_t max_id, int16_t* member) {
  *member = 0;
  return ReadStruct(reader, name, members, [&](const FieldHeader& f) -> Result<bool> {
    if (f.type != WireType::kStruct || f.id < 1 || f.id > max_id) return SkipField(reader, f);
    RETURN_NOT_OK(reader->Skip(WireType::kStruct));
    *member = f.id;
    return true;
  });
}

Status DecodeDecimal(CompactReader* reader, LogicalType* out) {
  return ReadStruct(reader, "DecimalType", kDecimalFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      return f.id == 1   ? ReadField(reader, f, &out->scale)
                             : f.id == 2 ? ReadField(reader, f, &out->precision)
                                         : SkipField(reader, f);
                    });
}

Result<bool> ReadTimeUnitField(CompactReader* reader, const FieldHeader& field, int16_t* unit) {
  if (field.type != WireType::kStruct) return SkipField(reader, field);
  RETURN_NOT_OK(DecodeEmptyMemberUnion(reader, "TimeUnit", kTimeUnitFields, 3, unit));
  return true;
}

Status DecodeTemporal(CompactReader* reader, LogicalType* out) {
  const std::string_view name = out->kind == LogicalTypeKind::kTime ? "TimeType" : "TimestampType";
  int16_t unit = 0;
  RETURN_NOT_OK(
      ReadStruct(reader, name, kTemporalFields, [&](const FieldHeader& f) -> Result<bool> {
        return f.id == 1   ? ReadField(reader, f, &out->is_adjusted_to_utc)
               : f.id == 2 ? ReadTimeUnitField(reader, f, &unit)
                           : SkipField(reader, f);
      }));
  // A unit from a newer spec leaves the whole annotation unusable.
  if (unit == 0) {
    *out = LogicalType{};
  } else {
    out->unit = static_cast<TimeUnit>(unit);
  }
  return Status::OK();
}

Status DecodeInteger(CompactReader* reader, LogicalType* out) {
  return ReadStruct(reader, "IntType", kIntFields, [&](const FieldHeader& f) -> Result<bool> {
    return f.id == 1   ? ReadField(reader, f, &out->bit_width)
           : f.id == 2 ? ReadField(reader, f, &out->is_signed)
                       : SkipField(reader, f);
  });
}

Status DecodeVariant(CompactReader* reader, LogicalType* out) {
  return ReadStruct(reader, "VariantType", kVariantFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      return f.id == 1 ? ReadField(reader, f, &out->variant_specification_version)
                                       : SkipField(reader, f);
                    });
}

Status DecodeGeospatial(CompactReader* reader, LogicalType* out) {
  const bool geography = out->kind == LogicalTypeKind::kGeography;
  const std::span<const FieldSpec> fields =
      geography ? std::span<const FieldSpec>(kGeographyFields) : kGeometryFields;
  return ReadStruct(reader, geography ? "GeographyType" : "GeometryType", fields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      if (f.id == 1) return ReadField(reader, f, &out->crs);
                      if (f.id == 2 && geography) return ReadField(reader, f, &out->edge_algorithm);
                      return SkipField(reader, f);
                    });
}

// Decodes the member struct of `out->kind`, already set from the field id.
Status DecodeLogicalTypeMember(CompactReader* reader, LogicalType* out) {
  switch (out->kind) {
    case LogicalTypeKind::kDecimal: return DecodeDecimal(reader, out);
    case LogicalTypeKind::kTime:
    case LogicalTypeKind::kTimestamp: return DecodeTemporal(reader, out);
    case LogicalTypeKind::kInteger: return DecodeInteger(reader, out);
    case LogicalTypeKind::kVariant: return DecodeVariant(reader, out);
    case LogicalTypeKind::kGeometry:
    case LogicalTypeKind::kGeography: return DecodeGeospatial(reader, out);
    default: return reader->Skip(WireType::kStruct);
  }
}

constexpr FieldSpec kLogicalTypeFields[] = {
    {1, "STRING", false},    {2, "MAP", false},       {3, "LIST", false},
    {4, "ENUM", false},      {5, "DECIMAL", false},   {6, "DATE", false},
    {7, "TIME", false},      {8, "TIMESTAMP", false}, {10, "INTEGER", false},
    {11, "UNKNOWN", false},  {12, "JSON", false},     {13, "BSON", false},
    {14, "UUID", false},     {15, "FLOAT16", false},  {16, "VARIANT", false},
    {17, "GEOMETRY", false}, {18, "GEOGRAPHY", false}};

constexpr FieldSpec kKeyValueFields[] = {{1, "key", true}, {2, "value", false}};

constexpr FieldSpec kSchemaElementFields[] = {
    {1, "type", false},        {2, "type_length", false},  {3, "repetition_type", false},
    {4, "name", true},         {5, "num_children", false}, {6, "converted_type", false},
    {7, "scale", false},       {8, "precision", false},    {9, "field_id", false},
    {10, "logicalType", false}};

constexpr FieldSpec kStatisticsFields[] = {{1, "max", false},
                                           {2, "min", false},
                                           {3, "null_count", false},
                                           {4, "distinct_count", false},
                                           {5, "max_value", false},
                                           {6, "min_value", false},
                                           {7, "is_max_value_exact", false},
                                           {8, "is_min_value_exact", false},
                                           {9, "nan_count", false}};

constexpr FieldSpec kSizeStatisticsFields[] = {{1, "unencoded_byte_array_data_bytes", false},
                                               {2, "repetition_level_histogram", false},
                                               {3, "definition_level_histogram", false}};

constexpr FieldSpec kPageEncodingStatsFields[] = {
    {1, "page_type", true}, {2, "encoding", true}, {3, "count", true}};

constexpr FieldSpec kColumnMetaDataFields[] = {{1, "type", true},
                                               {2, "encodings", true},
                                               {3, "path_in_schema", true},
                                               {4, "codec", true},
                                               {5, "num_values", true},
                                               {6, "total_uncompressed_size", true},
                                               {7, "total_compressed_size", true},
                                               {8, "key_value_metadata", false},
                                               {9, "data_page_offset", true},
                                               {10, "index_page_offset", false},
                                               {11, "dictionary_page_offset", false},
                                               {12, "statistics", false},
                                               {13, "encoding_stats", false},
                                               {14, "bloom_filter_offset", false},
                                               {15, "bloom_filter_length", false},
                                               {16, "size_statistics", false},
                                               {17, "geospatial_statistics", false}};

// file_offset is required by the spec but deprecated and meaningless, so its
// absence is tolerated.
constexpr FieldSpec kColumnChunkFields[] = {{1, "file_path", false},
                                            {2, "file_offset", false},
                                            {3, "meta_data", false},
                                            {4, "offset_index_offset", false},
                                            {5, "offset_index_length", false},
                                            {6, "column_index_offset", false},
                                            {7, "column_index_length", false},
                                            {8, "crypto_metadata", false},
                                            {9, "encrypted_column_metadata", false}};

constexpr FieldSpec kSortingColumnFields[] = {
    {1, "column_idx", true}, {2, "descending", true}, {3, "nulls_first", true}};

constexpr FieldSpec kRowGroupFields[] = {
    {1, "columns", true},      {2, "total_byte_size", true},
    {3, "num_rows", true},     {4, "sorting_columns", false},
    {5, "file_offset", false}, {6, "total_compressed_size", false},
    {7, "ordinal", false}};

constexpr FieldSpec kColumnOrderFields[] = {{1, "TYPE_ORDER", false},
                                            {2, "IEEE_754_TOTAL_ORDER", false},
                                            {3, "INT96_TIMESTAMP_ORDER", false}};

constexpr FieldSpec kFileMetaDataFields[] = {{1, "version", true},
                                             {2, "schema", true},
                                             {3, "num_rows", true},
                                             {4, "row_groups", true},
                                             {5, "key_value_metadata", false},
                                             {6, "created_by", false},
                                             {7, "column_orders", false},
                                             {8, "encryption_algorithm", false},
                                             {9, "footer_signing_key_metadata", false}};

// Notes that a struct field is present without decoding it.
Result<bool> ReadPresence(CompactReader* reader, const FieldHeader& field, bool* present) {
  if (field.type != WireType::kStruct) return SkipField(reader, field);
  RETURN_NOT_OK(reader->Skip(WireType::kStruct));
  *present = true;
  return true;
}

}  // namespace

Status Decode(CompactReader* reader, KeyValue* out) {
  return ReadStruct(reader, "KeyValue", kKeyValueFields, [&](const FieldHeader& f) -> Result<bool> {
    return f.id == 1   ? ReadField(reader, f, &out->key)
           : f.id == 2 ? ReadField(reader, f, &out->value)
                       : SkipField(reader, f);
  });
}

Status Decode(CompactReader* reader, LogicalType* out) {
  return ReadStruct(reader, "LogicalType", kLogicalTypeFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      if (f.type != WireType::kStruct || !IsKnownLogicalType(f.id))
                        return SkipField(reader, f);
                      // A union has one member; should a writer set several, the last wins whole.
                      *out = LogicalType{.kind = static_cast<LogicalTypeKind>(f.id)};
                      RETURN_NOT_OK(DecodeLogicalTypeMember(reader, out));
                      return true;
                    });
}

Status Decode(CompactReader* reader, SchemaElement* out) {
  return ReadStruct(reader, "SchemaElement", kSchemaElementFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->type);
                        case 2: return ReadField(reader, f, &out->type_length);
                        case 3: return ReadField(reader, f, &out->repetition_type);
                        case 4: return ReadField(reader, f, &out->name);
                        case 5: return ReadField(reader, f, &out->num_children);
                        case 6: return ReadField(reader, f, &out->converted_type);
                        case 7: return ReadField(reader, f, &out->scale);
                        case 8: return ReadField(reader, f, &out->precision);
                        case 9: return ReadField(reader, f, &out->field_id);
                        case 10: return ReadField(reader, f, &out->logical_type);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, Statistics* out) {
  return ReadStruct(reader, "Statistics", kStatisticsFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->max);
                        case 2: return ReadField(reader, f, &out->min);
                        case 3: return ReadField(reader, f, &out->null_count);
                        case 4: return ReadField(reader, f, &out->distinct_count);
                        case 5: return ReadField(reader, f, &out->max_value);
                        case 6: return ReadField(reader, f, &out->min_value);
                        case 7: return ReadField(reader, f, &out->is_max_value_exact);
                        case 8: return ReadField(reader, f, &out->is_min_value_exact);
                        case 9: return ReadField(reader, f, &out->nan_count);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, SizeStatistics* out) {
  return ReadStruct(reader, "SizeStatistics", kSizeStatisticsFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->unencoded_byte_array_data_bytes);
                        case 2: return ReadField(reader, f, &out->repetition_level_histogram);
                        case 3: return ReadField(reader, f, &out->definition_level_histogram);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, PageEncodingStats* out) {
  return ReadStruct(reader, "PageEncodingStats", kPageEncodingStatsFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->page_type);
                        case 2: return ReadField(reader, f, &out->encoding);
                        case 3: return ReadField(reader, f, &out->count);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, ColumnMetaData* out) {
  return ReadStruct(reader, "ColumnMetaData", kColumnMetaDataFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->type);
                        case 2: return ReadField(reader, f, &out->encodings);
                        case 3: return ReadField(reader, f, &out->path_in_schema);
                        case 4: return ReadField(reader, f, &out->codec);
                        case 5: return ReadField(reader, f, &out->num_values);
                        case 6: return ReadField(reader, f, &out->total_uncompressed_size);
                        case 7: return ReadField(reader, f, &out->total_compressed_size);
                        case 8: return ReadField(reader, f, &out->key_value_metadata);
                        case 9: return ReadField(reader, f, &out->data_page_offset);
                        case 10: return ReadField(reader, f, &out->index_page_offset);
                        case 11: return ReadField(reader, f, &out->dictionary_page_offset);
                        case 12: return ReadField(reader, f, &out->statistics);
                        case 13: return ReadField(reader, f, &out->encoding_stats);
                        case 14: return ReadField(reader, f, &out->bloom_filter_offset);
                        case 15: return ReadField(reader, f, &out->bloom_filter_length);
                        case 16: return ReadField(reader, f, &out->size_statistics);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, ColumnChunk* out) {
  return ReadStruct(reader, "ColumnChunk", kColumnChunkFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->file_path);
                        case 2: return ReadField(reader, f, &out->file_offset);
                        case 3: return ReadField(reader, f, &out->meta_data);
                        case 4: return ReadField(reader, f, &out->offset_index_offset);
                        case 5: return ReadField(reader, f, &out->offset_index_length);
                        case 6: return ReadField(reader, f, &out->column_index_offset);
                        case 7: return ReadField(reader, f, &out->column_index_length);
                        case 8: return ReadPresence(reader, f, &out->has_crypto_metadata);
                        case 9: return ReadField(reader, f, &out->encrypted_column_metadata);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, SortingColumn* out) {
  return ReadStruct(reader, "SortingColumn", kSortingColumnFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->column_idx);
                        case 2: return ReadField(reader, f, &out->descending);
                        case 3: return ReadField(reader, f, &out->nulls_first);
                        default: return SkipField(reader, f);
                      }
                    });
}

Status Decode(CompactReader* reader, RowGroup* out) {
  return ReadStruct(reader, "RowGroup", kRowGroupFields, [&](const FieldHeader& f) -> Result<bool> {
    switch (f.id) {
      case 1: return ReadField(reader, f, &out->columns);
      case 2: return ReadField(reader, f, &out->total_byte_size);
      case 3: return ReadField(reader, f, &out->num_rows);
      case 4: return ReadField(reader, f, &out->sorting_columns);
      case 5: return ReadField(reader, f, &out->file_offset);
      case 6: return ReadField(reader, f, &out->total_compressed_size);
      case 7: return ReadField(reader, f, &out->ordinal);
      default: return SkipField(reader, f);
    }
  });
}

Status Decode(CompactReader* reader, ColumnOrder* out) {
  int16_t member = 0;
  RETURN_NOT_OK(DecodeEmptyMemberUnion(reader, "ColumnOrder", kColumnOrderFields, 3, &member));
  *out = static_cast<ColumnOrder>(member);
  return Status::OK();
}

Status Decode(CompactReader* reader, FileMetaData* out) {
  return ReadStruct(reader, "FileMetaData", kFileMetaDataFields,
                    [&](const FieldHeader& f) -> Result<bool> {
                      switch (f.id) {
                        case 1: return ReadField(reader, f, &out->version);
                        case 2: return ReadField(reader, f, &out->schema);
                        case 3: return ReadField(reader, f, &out->num_rows);
                        case 4: return ReadField(reader, f, &out->row_groups);
                        case 5: return ReadField(reader, f, &out->key_value_metadata);
                        case 6: return ReadField(reader, f, &out->created_by);
                        case 7: return ReadField(reader, f, &out->column_orders);
                        case 8: return ReadPresence(reader, f, &out->has_encryption_algorithm);
                        case 9: return ReadField(reader, f, &out->footer_signing_key_metadata);
                        default: return SkipField(reader, f);
                      }
                    });
}

}  // namespace thrift

Result<FileMetaData> ReadFileMetaData(std::span<const uint8_t> data, const ThriftLimits& limits) {
  return thrift::DecodeMessage<FileMetaData>(data, limits, nullptr);
}

}  // namespace strata::parquet
