// The split-block Bloom filter of Parquet (BloomFilter.md): z blocks of 256
// bits, each eight little-endian 32-bit words. A value's 64-bit XXH64 hash
// picks one block with its upper half and sets or tests one bit in each word
// with its lower half. Only the bitset lives here; the thrift
// BloomFilterHeader that precedes it in a file is the reader's and writer's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "common/buffer.h"
#include "common/result.h"

namespace strata::parquet {

// Thread safety: FindHash and the hash helpers may run concurrently; InsertHash
// needs exclusive access.
class BloomFilter {
  struct PrivateTag {
    explicit PrivateTag() = default;
  };

 public:
  static constexpr int64_t kBytesPerBlock = 32;
  static constexpr int64_t kMinBytes = 32;
  static constexpr int64_t kMaxBytes = int64_t{128} << 20;

  // An empty filter of `num_bytes` rounded up to a power of two and clamped
  // to [kMinBytes, kMaxBytes] (so any value, even <= 0, is accepted).
  // Errors: ResourceExhausted when the bitset cannot be allocated.
  static Result<std::unique_ptr<BloomFilter>> Make(int64_t num_bytes);

  // A filter over a copy of a bitset read from a file.
  // Errors: Corruption unless bitset.size() is a power of two within
  // [kMinBytes, kMaxBytes] (hence whole blocks).
  static Result<std::unique_ptr<BloomFilter>> FromBitset(std::span<const uint8_t> bitset);

  // The bitset size for `ndv` distinct values at false-positive probability
  // `fpp`: the spec's -8 * ndv / ln(1 - fpp^(1/8)) bits, rounded up to a
  // power of two and clamped to [kMinBytes, kMaxBytes]. An fpp outside (0, 1)
  // is clamped too: fpp <= 0 (or NaN) gives kMaxBytes, fpp >= 1 kMinBytes.
  // The formula is for an ideal filter: filled to exactly that size, the
  // split-block layout measures about 1.4x the target at 1% and 2x at 0.1%;
  // the rounding up to a power of two usually more than makes up for it.
  static int64_t OptimalNumBytes(int64_t ndv, double fpp);

  // The hash of a value, as writers compute it: XXH64 with seed 0 over the
  // value's PLAIN encoding. Floats hash their bits, so -0.0 and +0.0 (and
  // NaNs with different payloads) are different values to the filter.
  static uint64_t HashInt32(int32_t value);
  static uint64_t HashInt64(int64_t value);
  static uint64_t HashFloat(float value);
  static uint64_t HashDouble(double value);
  // BYTE_ARRAY: the bytes alone, without PLAIN's length prefix.
  static uint64_t HashBytes(std::string_view value);
  // FIXED_LEN_BYTE_ARRAY (and INT96): the value's bytes.
  static uint64_t HashFixed(std::span<const uint8_t> value);

  BloomFilter(PrivateTag /*tag*/, Buffer bitset);
  BloomFilter(const BloomFilter&) = delete;
  BloomFilter& operator=(const BloomFilter&) = delete;

  void InsertHash(uint64_t hash);
  // False means the value was certainly never inserted; true means it
  // probably was.
  bool FindHash(uint64_t hash) const;

  int64_t num_bytes() const { return static_cast<int64_t>(bitset_.size()); }
  // The bytes to write after the BloomFilterHeader.
  std::span<const uint8_t> bitset() const { return bitset_.span(); }

 private:
  // The index of the first of the eight words of the block `hash` selects.
  size_t FirstWordOf(uint64_t hash) const;

  Buffer bitset_;
  uint64_t num_blocks_;
};

}  // namespace strata::parquet
