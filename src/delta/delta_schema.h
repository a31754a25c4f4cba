// The Delta schema (the JSON of `metaData.schemaString`) as a columnar
// Schema, and column mapping between logical and physical names.
//
// Types: string, long, integer, short, byte, float, double, boolean, binary,
// date, timestamp (microseconds, UTC), timestamp_ntz (microseconds, local),
// decimal(p,s), struct, array and map. A field's Delta metadata is kept in
// Field::metadata with each value as its JSON text (a string value keeps its
// quotes), so that writing the schema back loses nothing.

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "columnar/schema.h"
#include "common/result.h"

namespace strata::delta {

// Parses a schemaString. kCorruption naming the field path for anything
// malformed; kNotImplemented naming the type for types this reader lacks
// (variant, for instance).
[[nodiscard]] Result<SchemaPtr> ParseDeltaSchema(std::string_view schema_string);

// The schemaString of `schema`. Types Delta has no equivalent for (unsigned
// integers, time, uuid, json, fixed-size binary, non-microsecond
// timestamps) are converted by ToDeltaType first, so this fails only for
// what cannot be stored at all; the error names the column.
[[nodiscard]] Result<std::string> ToDeltaSchemaString(const Schema& schema);

// The Delta name of a primitive type ("long", "decimal(10,2)",
// "timestamp_ntz"); empty for nested types and types Delta lacks.
std::string DeltaTypeName(const DataType& type);

// The Delta type strata stores a column of `type` as, e.g. uint32 -> long,
// json and uuid -> string, timestamp(ms, UTC) -> timestamp (microseconds).
// kNotImplemented for time and uint64 (no lossless equivalent), naming the
// type.
[[nodiscard]] Result<TypePtr> ToDeltaType(const TypePtr& type);

// The metadata value of `key` on `field` as a string: a JSON string value
// unquoted, any other JSON value as its text. nullopt when absent.
std::optional<std::string> DeltaFieldMetadata(const Field& field, std::string_view key);

enum class ColumnMappingMode : uint8_t { kNone, kName, kId };

// From the table configuration value `delta.columnMapping.mode` (absent =
// none). kNotImplemented naming an unknown mode.
[[nodiscard]] Result<ColumnMappingMode> ParseColumnMappingMode(std::string_view mode);

// The name a column has in data files, stats and partitionValues: its
// `delta.columnMapping.physicalName` under name/id mapping, else its name.
std::string PhysicalName(const Field& field, ColumnMappingMode mode);

// `schema` with every field (nested ones included) renamed to its physical
// name, and under id mode carrying "PARQUET:field_id" metadata as the
// Parquet reader reports it. Without mapping it returns `schema`.
[[nodiscard]] Result<SchemaPtr> PhysicalSchema(const SchemaPtr& schema, ColumnMappingMode mode);

}  // namespace strata::delta
