// From Parquet physical values to columnar values (ValueConversion): the
// step between a ValueDecoder's dense output and the column's buffer.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "parquet/schema.h"

namespace strata::parquet {

// True when the physical bytes already are the columnar values (kNone, and
// kUInt32, whose INT32 bits are the uint32 value).
inline bool IsIdentityConversion(ValueConversion conversion) {
  return conversion == ValueConversion::kNone || conversion == ValueConversion::kUInt32;
}

// Converts `n` dense physical values of `leaf` at `in` (PhysicalValueWidth
// bytes each) into `n` columnar values at `out` (the type's byte width
// each). Corruption naming the value when one does not fit the columnar
// type: a narrow integer out of range, a decimal beyond its precision.
// REQUIRES: the leaf's physical type has a fixed width, its conversion is
// not an identity, and `in` and `out` are aligned for their value types.
Status ConvertFixedWidthValues(const LeafColumn& leaf, const uint8_t* in, int64_t n, uint8_t* out);

// The same for decimals stored as BYTE_ARRAY, value i being
// data[offsets[i], offsets[i + 1]). Corruption for an empty value or one
// longer than 16 bytes.
Status ConvertByteArrayDecimals(const LeafColumn& leaf, const int32_t* offsets, const uint8_t* data,
                                int64_t n, uint8_t* out);

// An IEEE 754 half-precision value (FLOAT16's bits) as float, exactly.
float HalfToFloat(uint16_t half);

}  // namespace strata::parquet
