#include "parquet/encoding/delta_binary_packed.h"

#include <algorithm>
#include <limits>

#include "parquet/encoding/bit_packing.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/varint.h"

namespace strata::parquet {
namespace {

constexpr int64_t kMaxCount = std::numeric_limits<int32_t>::max();

// Reads one ULEB128 from [*p, end), advancing *p.
Status ReadUleb(const uint8_t** p, const uint8_t* end, const char* what, uint64_t* value) {
  const int len = DecodeUleb64(*p, end, value);
  if (len == 0) return Status::Corruption("DELTA_BINARY_PACKED: {} truncated or malformed", what);
  *p += len;
  return Status::OK();
}

Status ValidateLayout(uint64_t block_size, uint64_t miniblocks) {
  if (block_size == 0 || block_size % 128 != 0 || block_size > kMaxCount) {
    return Status::Corruption("DELTA_BINARY_PACKED: block size {} is not a multiple of 128",
                              block_size);
  }
  if (miniblocks == 0 || block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    return Status::Corruption(
        "DELTA_BINARY_PACKED: {} miniblocks do not split a block of {} into multiples of 32",
        miniblocks, block_size);
  }
  return Status::OK();
}

template <typename T>
Status CheckWidth(int width) {
  constexpr int kMaxWidth = static_cast<int>(sizeof(T) * 8);
  if (width > kMaxWidth) {
    return Status::Corruption("DELTA_BINARY_PACKED: miniblock bit width {} > {}", width, kMaxWidth);
  }
  return Status::OK();
}

// Bytes a miniblock of `count` used values needs: a writer pads the last
// miniblock to full size, but its unused tail is never read.
int64_t NeededBytes(int64_t count, int width) { return BytesForBits(count * width); }

}  // namespace

// ---------------------------------------------------------------- decoder

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Init(std::span<const uint8_t> data) {
  *this = DeltaBinaryPackedDecoder();
  begin_ = pos_ = data.data();
  end_ = begin_ + data.size();
  uint64_t block_size = 0;
  uint64_t miniblocks = 0;
  uint64_t count = 0;
  uint64_t first = 0;
  RETURN_NOT_OK(ReadUleb(&pos_, end_, "block size", &block_size));
  RETURN_NOT_OK(ReadUleb(&pos_, end_, "miniblock count", &miniblocks));
  RETURN_NOT_OK(ReadUleb(&pos_, end_, "value count", &count));
  RETURN_NOT_OK(ReadUleb(&pos_, end_, "first value", &first));
  RETURN_NOT_OK(ValidateLayout(block_size, miniblocks));
  if (count > kMaxCount) {
    return Status::Corruption("DELTA_BINARY_PACKED: value count {} exceeds 2^31 - 1", count);
  }
  values_per_block_ = static_cast<int64_t>(block_size);
  miniblocks_per_block_ = static_cast<int64_t>(miniblocks);
  values_per_miniblock_ = values_per_block_ / miniblocks_per_block_;
  total_ = left_ = static_cast<int64_t>(count);
  deltas_unread_ = std::max<int64_t>(total_ - 1, 0);
  first_pending_ = total_ > 0;
  // Zigzag, then truncated to T's width: wrapping is the contract.
  first_ = static_cast<Unsigned>(ZigZagDecode64(first));
  last_ = first_;
  next_miniblock_ = miniblocks_per_block_;  // No block entered yet.
  blocks_begin_ = pos_;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::ReadBlockHeader() {
  uint64_t min_delta = 0;
  RETURN_NOT_OK(ReadUleb(&pos_, end_, "block min delta", &min_delta));
  if (end_ - pos_ < miniblocks_per_block_) {
    return Status::Corruption("DELTA_BINARY_PACKED: miniblock bit widths truncated");
  }
  min_delta_ = static_cast<Unsigned>(ZigZagDecode64(min_delta));
  widths_ = pos_;
  pos_ += miniblocks_per_block_;
  next_miniblock_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::NextMiniblock() {
  if (next_miniblock_ == miniblocks_per_block_) RETURN_NOT_OK(ReadBlockHeader());
  // Widths of miniblocks past the last value may hold anything: only the
  // ones in use are checked.
  const int width = widths_[next_miniblock_++];
  RETURN_NOT_OK(CheckWidth<T>(width));
  const int64_t count = std::min(values_per_miniblock_, deltas_unread_);
  if (NeededBytes(count, width) > end_ - pos_) {
    return Status::Corruption("DELTA_BINARY_PACKED: miniblock of {} values at {} bits truncated",
                              count, width);
  }
  const int64_t full = values_per_miniblock_ / 8 * width;
  miniblock_pos_ = pos_;
  miniblock_end_ = pos_ + std::min(full, end_ - pos_);
  pos_ = miniblock_end_;
  width_ = width;
  miniblock_left_ = count;
  deltas_unread_ -= count;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::LoadGroup() {
  if (miniblock_left_ == 0) RETURN_NOT_OK(NextMiniblock());
  const int full = BytesPer32Values(width_);
  const int available = static_cast<int>(std::min<int64_t>(full, miniblock_end_ - miniblock_pos_));
  if (available == full) {
    Unpack32(miniblock_pos_, group_, width_);
  } else {
    UnpackPartial32(miniblock_pos_, available, group_, width_);
  }
  miniblock_pos_ += available;
  group_pos_ = 0;
  group_size_ = static_cast<int>(std::min<int64_t>(32, miniblock_left_));
  miniblock_left_ -= group_size_;
  return Status::OK();
}

template <typename T>
void DeltaBinaryPackedDecoder<T>::DecodeGroupInPlace(Unsigned* out) {
  Unpack32(miniblock_pos_, out, width_);
  miniblock_pos_ += BytesPer32Values(width_);
  miniblock_left_ -= 32;
  Unsigned last = last_;
  const Unsigned min_delta = min_delta_;
  for (int i = 0; i < 32; ++i) {
    last += min_delta + out[i];
    out[i] = last;
  }
  last_ = last;
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Decode(T* out, int64_t n) {
  if (n < 0 || n > left_) {
    return Status::Corruption("DELTA_BINARY_PACKED: {} values wanted, {} left", n, left_);
  }
  left_ -= n;
  auto* dst = reinterpret_cast<Unsigned*>(out);
  if (n > 0 && first_pending_) {
    *dst++ = first_;
    first_pending_ = false;
    --n;
  }
  while (n > 0) {
    if (group_pos_ == group_size_) {
      // Whole groups go straight to the output, the bulk of a page.
      if (n >= 32 && miniblock_left_ >= 32 &&
          miniblock_end_ - miniblock_pos_ >= BytesPer32Values(width_)) {
        DecodeGroupInPlace(dst);
        dst += 32;
        n -= 32;
        continue;
      }
      RETURN_NOT_OK(LoadGroup());
    }
    const int take = static_cast<int>(std::min<int64_t>(n, group_size_ - group_pos_));
    Unsigned last = last_;
    for (int i = 0; i < take; ++i) {
      last += min_delta_ + group_[group_pos_ + i];
      dst[i] = last;
    }
    last_ = last;
    group_pos_ += take;
    dst += take;
    n -= take;
  }
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Skip(int64_t n) {
  T scratch[256];
  while (n > 0) {
    const int64_t chunk = std::min<int64_t>(n, 256);
    RETURN_NOT_OK(Decode(scratch, chunk));
    n -= chunk;
  }
  return Status::OK();
}

template <typename T>
Result<int64_t> DeltaBinaryPackedDecoder<T>::EncodedLength() const {
  const uint8_t* p = blocks_begin_;
  int64_t deltas = std::max<int64_t>(total_ - 1, 0);
  while (deltas > 0) {
    uint64_t min_delta = 0;
    RETURN_NOT_OK(ReadUleb(&p, end_, "block min delta", &min_delta));
    if (end_ - p < miniblocks_per_block_) {
      return Status::Corruption("DELTA_BINARY_PACKED: miniblock bit widths truncated");
    }
    const uint8_t* widths = p;
    p += miniblocks_per_block_;
    for (int64_t m = 0; m < miniblocks_per_block_ && deltas > 0; ++m) {
      RETURN_NOT_OK(CheckWidth<T>(widths[m]));
      const int64_t count = std::min(values_per_miniblock_, deltas);
      if (NeededBytes(count, widths[m]) > end_ - p) {
        return Status::Corruption("DELTA_BINARY_PACKED: miniblock data truncated");
      }
      p += std::min(values_per_miniblock_ / 8 * widths[m], end_ - p);
      deltas -= count;
    }
  }
  return p - begin_;
}

template class DeltaBinaryPackedDecoder<int32_t>;
template class DeltaBinaryPackedDecoder<int64_t>;

// ---------------------------------------------------------------- encoder

template <typename T>
Status DeltaBinaryPackedEncoder<T>::Put(const T* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const auto value = static_cast<Unsigned>(values[i]);
    if (total_++ == 0) {
      first_ = last_ = value;
      continue;
    }
    deltas_[num_deltas_++] = value - last_;
    last_ = value;
    if (num_deltas_ == kBlockSize) RETURN_NOT_OK(FlushBlock());
  }
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedEncoder<T>::FlushBlock() {
  // The frame of reference is the smallest delta read as signed; subtracting
  // it wraps every delta into [0, 2^bits).
  T min_delta = std::numeric_limits<T>::max();
  for (int i = 0; i < num_deltas_; ++i) min_delta = std::min(min_delta, static_cast<T>(deltas_[i]));
  const auto min_unsigned = static_cast<Unsigned>(min_delta);
  Unsigned relative[kBlockSize] = {};
  for (int i = 0; i < num_deltas_; ++i) relative[i] = deltas_[i] - min_unsigned;

  constexpr int kPerMiniblock = kBlockSize / kMiniblocks;
  uint8_t header[kMaxUleb64Bytes + kMiniblocks] = {};
  int header_len = EncodeUleb64(ZigZagEncode64(static_cast<int64_t>(min_delta)), header);
  uint8_t* widths = header + header_len;
  for (int m = 0; m < kMiniblocks && m * kPerMiniblock < num_deltas_; ++m) {
    Unsigned bits = 0;
    for (int i = 0; i < kPerMiniblock; ++i) bits |= relative[m * kPerMiniblock + i];
    widths[m] = static_cast<uint8_t>(BitWidthOf(bits));
  }
  RETURN_NOT_OK(blocks_.Append(header, static_cast<size_t>(header_len + kMiniblocks)));
  for (int m = 0; m < kMiniblocks && m * kPerMiniblock < num_deltas_; ++m) {
    const size_t at = blocks_.size();
    RETURN_NOT_OK(blocks_.Resize(at + static_cast<size_t>(BytesPer32Values(widths[m]))));
    PackBits(relative + m * kPerMiniblock, kPerMiniblock, widths[m], blocks_.mutable_data() + at);
  }
  num_deltas_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedEncoder<T>::Flush(Buffer* out) {
  if (num_deltas_ > 0) RETURN_NOT_OK(FlushBlock());
  uint8_t header[4 * kMaxUleb64Bytes];
  int len = EncodeUleb64(kBlockSize, header);
  len += EncodeUleb64(kMiniblocks, header + len);
  len += EncodeUleb64(static_cast<uint64_t>(total_), header + len);
  len += EncodeUleb64(ZigZagEncode64(static_cast<T>(first_)), header + len);
  RETURN_NOT_OK(out->Append(header, static_cast<size_t>(len)));
  RETURN_NOT_OK(out->Append(blocks_.span()));
  blocks_.Clear();
  total_ = 0;
  first_ = last_ = 0;
  return Status::OK();
}

template <typename T>
int64_t DeltaBinaryPackedEncoder<T>::EstimatedSize() const {
  const int64_t pending =
      num_deltas_ > 0 ? kMaxUleb64Bytes + kMiniblocks + sizeof(T) * kBlockSize : 0;
  return static_cast<int64_t>(blocks_.size()) + 4 * kMaxUleb64Bytes + pending;
}

template class DeltaBinaryPackedEncoder<int32_t>;
template class DeltaBinaryPackedEncoder<int64_t>;

}  // namespace strata::parquet
