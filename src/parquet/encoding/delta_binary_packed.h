// DELTA_BINARY_PACKED (Encoding::kDeltaBinaryPacked) for INT32 and INT64:
//   header: <block size> <miniblocks per block> <total count> <first value>
//   block:  <min delta> <one bit width byte per miniblock> <miniblocks>
// All arithmetic wraps in the unsigned domain, so deltas between INT64_MIN and
// INT64_MAX round-trip. The stream has no length of its own: DELTA_LENGTH_
// BYTE_ARRAY and DELTA_BYTE_ARRAY data follow it, found via EncodedLength().
#pragma once

#include <cstdint>
#include <span>
#include <type_traits>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"

namespace strata::parquet {

// T is int32_t or int64_t.
template <typename T>
class DeltaBinaryPackedDecoder {
 public:
  using Unsigned = std::make_unsigned_t<T>;

  DeltaBinaryPackedDecoder() = default;

  // Parses the header. Corruption when it is truncated or invalid: block size
  // not a positive multiple of 128, miniblock count 0 or not giving a
  // multiple of 32 values per miniblock, count above 2^31 - 1.
  // REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data);

  // Decodes the next `n` values. Corruption when n > values_left() or a block
  // is malformed (bit width above 32 for INT32 or 64 for INT64, data cut off).
  Status Decode(T* out, int64_t n);
  Status Skip(int64_t n);

  int64_t total_values() const { return total_; }
  int64_t values_left() const { return left_; }

  // Size in bytes of the whole stream from the start of the data, found by
  // walking the block headers without unpacking. Corruption when the blocks
  // overrun the data. Independent of how much has been decoded.
  Result<int64_t> EncodedLength() const;

 private:
  Status ReadBlockHeader();
  Status NextMiniblock();
  Status LoadGroup();
  void DecodeGroupInPlace(Unsigned* out);

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;  // Next block or miniblock.
  const uint8_t* end_ = nullptr;
  const uint8_t* blocks_begin_ = nullptr;
  int64_t values_per_block_ = 0;
  int64_t miniblocks_per_block_ = 0;
  int64_t values_per_miniblock_ = 0;
  int64_t total_ = 0;
  int64_t left_ = 0;           // Values not yet handed out.
  int64_t deltas_unread_ = 0;  // Deltas not yet assigned to a miniblock.
  bool first_pending_ = false;
  Unsigned first_ = 0;
  Unsigned last_ = 0;

  // Current block and miniblock.
  Unsigned min_delta_ = 0;
  const uint8_t* widths_ = nullptr;
  int64_t next_miniblock_ = 0;
  int width_ = 0;
  int64_t miniblock_left_ = 0;  // Deltas of the miniblock not yet unpacked.
  const uint8_t* miniblock_pos_ = nullptr;
  const uint8_t* miniblock_end_ = nullptr;
  Unsigned group_[32] = {};
  int group_pos_ = 0;
  int group_size_ = 0;
};

// Writes blocks of 128 values in 4 miniblocks of 32, the layout every common
// reader expects.
template <typename T>
class DeltaBinaryPackedEncoder {
 public:
  using Unsigned = std::make_unsigned_t<T>;
  static constexpr int kBlockSize = 128;
  static constexpr int kMiniblocks = 4;

  Status Put(const T* values, int64_t n);
  // Appends the encoded stream for every value put since the last Flush
  // (a header only when there were none) and resets the encoder.
  Status Flush(Buffer* out);
  // An upper bound of what Flush would append now.
  int64_t EstimatedSize() const;
  int64_t num_values() const { return total_; }

 private:
  Status FlushBlock();

  Buffer blocks_;
  int64_t total_ = 0;
  Unsigned first_ = 0;
  Unsigned last_ = 0;
  Unsigned deltas_[kBlockSize] = {};
  int num_deltas_ = 0;
};

}  // namespace strata::parquet
