// ValueDecoder: the glue between a column chunk's data pages and the
// per-encoding decoder classes of encoding/. One implementation per physical
// type holds a decoder for each encoding that type allows plus the chunk's
// dictionary, and decodes whole batches of non-null values densely, so the
// only virtual call is one per batch.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "common/result.h"
#include "common/status.h"
#include "parquet/encoding/types.h"
#include "parquet/format_enums.h"

namespace strata::parquet {

// Bytes one dense value of `type` takes in ValueDecoder::Decode's output:
// 1 for BOOLEAN (0 or 1), 12 for INT96, `type_length` for
// FIXED_LEN_BYTE_ARRAY, 0 for BYTE_ARRAY (variable).
int PhysicalValueWidth(PhysicalType type, int32_t type_length);

// Thread safety: none; one decoder per column chunk and thread.
class ValueDecoder {
 public:
  // A decoder for values of `type`; `type_length` is the byte width of a
  // FIXED_LEN_BYTE_ARRAY. Corruption when that width is not positive.
  static Result<std::unique_ptr<ValueDecoder>> Make(PhysicalType type, int32_t type_length);

  ValueDecoder() = default;
  ValueDecoder(const ValueDecoder&) = delete;
  ValueDecoder& operator=(const ValueDecoder&) = delete;
  virtual ~ValueDecoder() = default;

  // Loads the chunk's dictionary from a decompressed PLAIN dictionary page
  // holding `num_values` entries; the entries are copied. Corruption when
  // the page is short; NotImplemented for BOOLEAN dictionaries.
  virtual Status SetDictionary(std::span<const uint8_t> page, int32_t num_values) = 0;

  // Starts the values section of a data page. NotImplemented for an encoding
  // this physical type cannot use; Corruption for dictionary indices without
  // a dictionary page or a malformed section header.
  // REQUIRES: `values` stays valid until the next StartPage.
  virtual Status StartPage(Encoding encoding, std::span<const uint8_t> values) = 0;

  // Decodes the next `n` values back to back into `out`, which has room for
  // n * PhysicalValueWidth() bytes. Corruption when the page holds fewer
  // values or is malformed. REQUIRES: the type is not BYTE_ARRAY.
  virtual Status Decode(int64_t n, uint8_t* out) = 0;

  // Appends the next `n` values to `out`. REQUIRES: the type is BYTE_ARRAY.
  virtual Status DecodeByteArrays(int64_t n, ByteArrayOutput out) = 0;
};

}  // namespace strata::parquet
