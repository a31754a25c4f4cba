// Value types shared by the encodings: INT96 and the Arrow-layout output that
// byte array decoders append to (int32 offsets + data, what the column reader
// turns into string vectors without another copy).
#pragma once

#include <cstdint>
#include <cstring>

#include "common/buffer.h"
#include "common/result.h"

namespace strata::parquet {

// A PLAIN INT96: 12 bytes, kept as the three little-endian words on disk.
struct Int96 {
  uint32_t value[3];

  friend bool operator==(const Int96& a, const Int96& b) {
    return std::memcmp(a.value, b.value, sizeof(a.value)) == 0;
  }
};
static_assert(sizeof(Int96) == 12);

// Where a batch of byte arrays goes: Arrow's variable-size binary layout.
// `offsets` holds int32 entries and `data` the concatenated bytes.
struct ByteArrayOutput {
  Buffer* offsets;
  Buffer* data;
};

// Room for a batch prepared by PrepareByteArrayAppend: write value i's end
// offset to offsets[i] (data positions relative to the buffer start) and its
// bytes from data + (its start offset - data_base).
struct ByteArrayAppendSpan {
  int32_t* offsets;   // n entries to fill.
  uint8_t* data;      // total_bytes bytes to fill.
  int32_t data_base;  // Offset of data[0] within the whole data buffer.
};

// Grows `out` for `n` more values holding `total_bytes` bytes and returns
// where to write them. When out.offsets is empty the leading 0 offset is
// written first; otherwise its last entry must equal out.data->size().
// Invalid when the data would pass the int32 offset limit (2 GiB).
Result<ByteArrayAppendSpan> PrepareByteArrayAppend(ByteArrayOutput out, int64_t n,
                                                   int64_t total_bytes);

}  // namespace strata::parquet
