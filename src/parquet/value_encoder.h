// ValueEncoder: one interface over the non-dictionary encodings of
// src/parquet/encoding, per physical value type, so the column writer can
// switch encodings between pages (dictionary fallback, the auto policy).
//
// Value types: uint8_t (BOOLEAN as 0/1), int32_t, int64_t, float, double, and std::string_view
// for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY (each view `type_length` bytes).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "common/buffer.h"
#include "common/result.h"
#include "parquet/format_enums.h"

namespace strata::parquet {

template <typename T>
class ValueEncoder {
 public:
  virtual ~ValueEncoder() = default;
  virtual Encoding encoding() const = 0;
  virtual Status Put(const T* values, int64_t n) = 0;
  // Appends the encoded page values to `out` and resets for the next page.
  virtual Status Flush(Buffer* out) = 0;
  virtual int64_t EstimatedSize() const = 0;
};

// Whether `encoding` (other than the dictionary encodings) can store values
// of `physical` type.
bool EncodingSupports(Encoding encoding, PhysicalType physical);

// REQUIRES: EncodingSupports(encoding, physical type of T); `type_length` is
// the FLBA width (0 otherwise). Returns Invalid otherwise.
template <typename T>
Result<std::unique_ptr<ValueEncoder<T>>> MakeValueEncoder(Encoding encoding, PhysicalType physical,
                                                          int32_t type_length);

}  // namespace strata::parquet
