// The mapping between strata's columnar schema and a Parquet schema (the
// flattened SchemaElement tree of the footer), and the per-leaf facts the
// column readers and writers need (physical type, levels, conversions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "columnar/schema.h"
#include "columnar/types.h"
#include "common/result.h"
#include "parquet/format_enums.h"
#include "parquet/thrift/metadata.h"

namespace strata::parquet {

// How the values of a leaf are stored, beyond the physical type: the
// conversion between the Parquet physical value and the columnar value.
enum class ValueConversion : uint8_t {
  kNone,            // Same bytes (int32/int64/float/double/bool/binary/FLBA).
  kNarrowInt,       // INT32 on disk, int8/int16/uint8/uint16 in memory.
  kUInt32,          // INT32 on disk holding uint32 bits.
  kDecimalInt32,    // INT32 unscaled value -> decimal128.
  kDecimalInt64,    // INT64 unscaled value -> decimal128.
  kDecimalFixed,    // Big-endian two's complement FLBA/BYTE_ARRAY -> decimal128.
  kInt96Timestamp,  // INT96 (nanos of day + Julian day) -> timestamp(us).
  kFloat16,         // FLBA(2) half float -> float32.
  kTimeMillis,      // INT32 milliseconds of day -> time(ms) as int64.
};

// One primitive (leaf) column of a Parquet file.
struct LeafColumn {
  std::vector<std::string> path;  // Names from the root's child down.
  int schema_index = 0;           // Index in FileMetaData.schema.
  PhysicalType physical_type = PhysicalType::kInt32;
  int32_t type_length = 0;  // Bytes of a FIXED_LEN_BYTE_ARRAY value.
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  TypePtr type;  // The columnar type values are read into / written from.
  ValueConversion conversion = ValueConversion::kNone;
  // Statistics compare bytes unsigned (strings, binary, FLBA, unsigned ints).
  bool unsigned_order = false;
  int field_index = 0;  // The top-level columnar field this leaf belongs to.
};

// A Parquet schema seen as columnar fields plus its leaves.
struct ParquetSchema {
  SchemaPtr schema;                     // Top-level fields, nullability included.
  std::vector<LeafColumn> leaves;       // In file (depth-first) order.
  std::vector<SchemaElement> elements;  // As stored in the footer.
};

// Builds the footer schema for `schema`: logical types with the matching
// legacy converted types, per docs/parquet.md; structs as groups, lists and
// maps in the standard three-level LIST and MAP layouts. Invalid for a
// struct without fields or nesting deeper than 100 levels.
Result<ParquetSchema> ToParquetSchema(const SchemaPtr& schema);

// Interprets a footer schema written by any writer (logical types, legacy
// converted types, INT96, ...). Errors name the offending element.
Result<ParquetSchema> FromParquetSchema(const std::vector<SchemaElement>& elements);

}  // namespace strata::parquet
