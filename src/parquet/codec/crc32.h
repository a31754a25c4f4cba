// CRC-32 of Parquet pages (PageHeader.crc): the standard CRC-32 of zlib,
// gzip and PNG (reflected polynomial 0xEDB88320), over the page's bytes
// exactly as stored, i.e. after compression.
#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"

namespace strata::parquet {

// The CRC-32 of `bytes`. `seed` is the CRC of bytes that precede them, so
// Crc32(b, Crc32(a)) == Crc32(a followed by b); 0 starts afresh.
uint32_t Crc32(std::span<const uint8_t> bytes, uint32_t seed = 0);

// Checks a page body against PageHeader.crc, which thrift stores as a signed
// i32 holding the unsigned CRC's bits.
// Errors: Corruption stating both values when they differ.
Status CheckPageCrc(std::span<const uint8_t> page_body, int32_t stored_crc);

}  // namespace strata::parquet
