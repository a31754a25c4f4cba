#include "parquet/codec/crc32.h"

#include <zlib.h>

namespace strata::parquet {

uint32_t Crc32(std::span<const uint8_t> bytes, uint32_t seed) {
  // crc32_z takes a size_t length, so large inputs need no chunking; zlib
  // 1.2.12+ computes it several words at a time ("braided" tables).
  if (bytes.empty()) return seed;
  return static_cast<uint32_t>(crc32_z(seed, bytes.data(), bytes.size()));
}

Status CheckPageCrc(std::span<const uint8_t> page_body, int32_t stored_crc) {
  const auto expected = static_cast<uint32_t>(stored_crc);
  const uint32_t actual = Crc32(page_body);
  if (actual == expected) return Status::OK();
  return Status::Corruption(
      "page CRC mismatch: header says {:#010x}, the {} page bytes give {:#010x}", expected,
      page_body.size(), actual);
}

}  // namespace strata::parquet
