#include "parquet/encoding/rle_bit_packed.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "parquet/encoding/bit_packing.h"
#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/varint.h"

namespace strata::parquet {
namespace {

// Run lengths are limited to [1, 2^31 - 1] by the spec.
constexpr uint64_t kMaxRunLength = std::numeric_limits<int32_t>::max();
// Bit-packed run headers of up to 63 groups fit in one byte, which lets the
// encoder reserve the header before it knows the run's length.
constexpr int kMaxGroupsPerLiteralRun = 63;

int RleValueBytes(int bit_width) { return static_cast<int>(BytesForBits(bit_width)); }

}  // namespace

// ---------------------------------------------------------------- decoder

Status RleBitPackedDecoder::Init(std::span<const uint8_t> data, int bit_width) {
  if (bit_width < 0 || bit_width > kMaxRleBitWidth) {
    return Status::Corruption("RLE/bit-packed hybrid: bit width {} outside 0..32", bit_width);
  }
  *this = RleBitPackedDecoder();
  begin_ = data.data();
  pos_ = begin_;
  end_ = begin_ + data.size();
  bit_width_ = bit_width;
  return Status::OK();
}

Status RleBitPackedDecoder::NextRun(int64_t wanted) {
  // Zero-length runs are out of spec but harmless: each costs a header byte,
  // so skipping them always makes progress.
  while (run_left_ == 0) {
    if (pos_ >= end_) {
      return Status::Corruption("RLE/bit-packed hybrid: runs end after {} values, {} more wanted",
                                decoded_, wanted);
    }
    uint64_t header = 0;
    const int len = DecodeUleb64(pos_, end_, &header);
    if (len == 0) {
      return Status::Corruption("RLE/bit-packed hybrid: bad run header at byte {}", pos_ - begin_);
    }
    pos_ += len;
    RETURN_NOT_OK((header & 1) != 0 ? ReadBitPackedRun(header >> 1) : ReadRleRun(header >> 1));
  }
  return Status::OK();
}

Status RleBitPackedDecoder::ReadRleRun(uint64_t count) {
  if (count > kMaxRunLength) {
    return Status::Corruption("RLE/bit-packed hybrid: RLE run of {} values", count);
  }
  const int value_bytes = RleValueBytes(bit_width_);
  if (end_ - pos_ < value_bytes) {
    return Status::Corruption("RLE/bit-packed hybrid: RLE run value truncated at byte {}",
                              pos_ - begin_);
  }
  const auto value = static_cast<uint32_t>(LoadPartialLittleEndian(pos_, value_bytes));
  if ((static_cast<uint64_t>(value) >> bit_width_) != 0) {
    return Status::Corruption("RLE/bit-packed hybrid: run value {} wider than {} bits", value,
                              bit_width_);
  }
  pos_ += value_bytes;
  is_rle_ = true;
  rle_value_ = value;
  run_left_ = static_cast<int64_t>(count);
  return Status::OK();
}

Status RleBitPackedDecoder::ReadBitPackedRun(uint64_t groups) {
  if (groups > kMaxRunLength / 8) {
    return Status::Corruption("RLE/bit-packed hybrid: bit-packed run of {} groups", groups);
  }
  auto values = static_cast<int64_t>(groups * 8);
  auto bytes = static_cast<int64_t>(groups) * bit_width_;
  if (bytes > end_ - pos_) {
    // Some writers end the data inside the last run; its whole values stay
    // readable and asking for more is reported as running out.
    bytes = end_ - pos_;
    values = bytes * 8 / bit_width_;
  }
  is_rle_ = false;
  run_left_ = values;
  literal_pos_ = pos_;
  literal_end_ = pos_ + bytes;
  unpacked_pos_ = unpacked_size_ = 0;
  pos_ += bytes;
  return Status::OK();
}

void RleBitPackedDecoder::RefillLiteralBuffer(int64_t values_left) {
  const int full = BytesPer32Values(bit_width_);
  const int available = static_cast<int>(std::min<int64_t>(full, literal_end_ - literal_pos_));
  if (available == full) {
    Unpack32(literal_pos_, unpacked_, bit_width_);
  } else {
    UnpackPartial32(literal_pos_, available, unpacked_, bit_width_);
  }
  literal_pos_ += available;
  unpacked_pos_ = 0;
  // Values past the run's end are padding.
  unpacked_size_ = static_cast<int>(std::min<int64_t>(32, values_left));
}

template <typename T>
void RleBitPackedDecoder::ReadLiteral(T* out, int64_t count) {
  // REQUIRES: count <= run_left_; run_left_ is decremented by the caller.
  int64_t left_in_run = run_left_;
  while (count > 0) {
    if (unpacked_pos_ == unpacked_size_) {
      const bool whole_group = literal_end_ - literal_pos_ >= BytesPer32Values(bit_width_);
      if constexpr (sizeof(T) == sizeof(uint32_t)) {
        if (count >= 32 && whole_group) {
          // Straight into the caller's array: the common bulk case.
          Unpack32(literal_pos_, reinterpret_cast<uint32_t*>(out), bit_width_);
          literal_pos_ += BytesPer32Values(bit_width_);
          out += 32;
          count -= 32;
          left_in_run -= 32;
          continue;
        }
      }
      RefillLiteralBuffer(left_in_run);
    }
    const int take = static_cast<int>(std::min<int64_t>(count, unpacked_size_ - unpacked_pos_));
    for (int i = 0; i < take; ++i) out[i] = static_cast<T>(unpacked_[unpacked_pos_ + i]);
    unpacked_pos_ += take;
    out += take;
    count -= take;
    left_in_run -= take;
  }
}

template <typename T>
Status RleBitPackedDecoder::GetBatch(T* out, int64_t n) {
  while (n > 0) {
    if (run_left_ == 0) RETURN_NOT_OK(NextRun(n));
    const int64_t take = std::min(n, run_left_);
    if (is_rle_) {
      std::fill(out, out + take, static_cast<T>(rle_value_));
    } else {
      ReadLiteral(out, take);
    }
    run_left_ -= take;
    decoded_ += take;
    out += take;
    n -= take;
  }
  return Status::OK();
}

Status RleBitPackedDecoder::Skip(int64_t n) {
  uint32_t scratch[256];
  while (n > 0) {
    const int64_t chunk = std::min<int64_t>(n, 256);
    RETURN_NOT_OK(GetBatch(scratch, chunk));
    n -= chunk;
  }
  return Status::OK();
}

template Status RleBitPackedDecoder::GetBatch(uint32_t*, int64_t);
template Status RleBitPackedDecoder::GetBatch(int32_t*, int64_t);
template Status RleBitPackedDecoder::GetBatch(int16_t*, int64_t);
template Status RleBitPackedDecoder::GetBatch(uint8_t*, int64_t);

// ---------------------------------------------------------------- encoder

RleBitPackedEncoder::RleBitPackedEncoder(int bit_width) : bit_width_(bit_width) {
  DCHECK(bit_width >= 0 && bit_width <= kMaxRleBitWidth);
}

template <typename T>
Status RleBitPackedEncoder::Put(const T* values, int64_t n) {
  uint64_t all_bits = 0;
  for (int64_t i = 0; i < n; ++i) all_bits |= static_cast<uint32_t>(values[i]);
  if ((all_bits >> bit_width_) != 0) {
    return Status::Invalid("RLE/bit-packed hybrid: a value needs more than {} bits", bit_width_);
  }
  for (int64_t i = 0; i < n; ++i) {
    const auto value = static_cast<uint32_t>(values[i]);
    if (repeat_ >= 8 && value == current_) {
      // Inside an RLE run nothing is staged: count the rest of the run at once.
      int64_t j = i + 1;
      while (j < n && static_cast<uint32_t>(values[j]) == current_) ++j;
      repeat_ += j - i;
      i = j - 1;
      continue;
    }
    RETURN_NOT_OK(PutOne(value));
  }
  return Status::OK();
}

Status RleBitPackedEncoder::PutOne(uint32_t value) {
  if (repeat_ > 0 && value == current_) {
    ++repeat_;
    if (repeat_ > 8) return Status::OK();
  } else {
    if (repeat_ >= 8) RETURN_NOT_OK(FlushRleRun(current_, repeat_));
    repeat_ = 1;
    current_ = value;
  }
  staged_[num_staged_++] = value;
  return num_staged_ == 8 ? FlushStaged() : Status::OK();
}

Status RleBitPackedEncoder::FlushStaged() {
  num_staged_ = 0;
  if (repeat_ >= 8) {
    // The whole group is one value: it opens an RLE run that later values
    // extend, so the open bit-packed run ends here.
    CloseLiteralRun();
    return Status::OK();
  }
  // Repeats counted so far are inside the bit-packed group; start afresh.
  repeat_ = 0;
  return AppendLiteralGroup();
}

Status RleBitPackedEncoder::AppendLiteralGroup() {
  if (literal_header_at_ < 0) {
    literal_header_at_ = static_cast<int64_t>(runs_.size());
    literal_groups_ = 0;
    RETURN_NOT_OK(runs_.Resize(runs_.size() + 1));
  }
  const size_t at = runs_.size();
  RETURN_NOT_OK(runs_.Resize(at + static_cast<size_t>(bit_width_)));
  PackBits(staged_, 8, bit_width_, runs_.mutable_data() + at);
  if (++literal_groups_ == kMaxGroupsPerLiteralRun) CloseLiteralRun();
  return Status::OK();
}

void RleBitPackedEncoder::CloseLiteralRun() {
  if (literal_header_at_ < 0) return;
  runs_.mutable_data()[literal_header_at_] = static_cast<uint8_t>((literal_groups_ << 1) | 1);
  literal_header_at_ = -1;
  literal_groups_ = 0;
}

Status RleBitPackedEncoder::FlushRleRun(uint32_t value, int64_t count) {
  CloseLiteralRun();
  const int value_bytes = RleValueBytes(bit_width_);
  while (count > 0) {
    const auto run = static_cast<int64_t>(std::min<uint64_t>(count, kMaxRunLength));
    uint8_t bytes[kMaxUleb64Bytes + 4];
    int len = EncodeUleb64(static_cast<uint64_t>(run) << 1, bytes);
    std::memcpy(bytes + len, &value, static_cast<size_t>(value_bytes));
    RETURN_NOT_OK(runs_.Append(bytes, static_cast<size_t>(len + value_bytes)));
    count -= run;
  }
  return Status::OK();
}

Status RleBitPackedEncoder::Flush(Buffer* out) {
  if (repeat_ >= 8) {
    RETURN_NOT_OK(FlushRleRun(current_, repeat_));
  } else if (num_staged_ > 0) {
    if (literal_header_at_ < 0 && repeat_ == num_staged_) {
      // A short tail of one value is cheaper as a run than a padded group.
      RETURN_NOT_OK(FlushRleRun(current_, num_staged_));
    } else {
      std::fill(staged_ + num_staged_, staged_ + 8, 0U);
      RETURN_NOT_OK(AppendLiteralGroup());
    }
  }
  CloseLiteralRun();
  repeat_ = 0;
  num_staged_ = 0;
  RETURN_NOT_OK(out->Append(runs_.span()));
  runs_.Clear();
  return Status::OK();
}

int64_t RleBitPackedEncoder::EstimatedSize() const {
  const int64_t pending_run = repeat_ >= 8 ? kMaxUleb64Bytes + 4 : 0;
  return static_cast<int64_t>(runs_.size()) + bit_width_ + 1 + pending_run;
}

int64_t RleBitPackedEncoder::MaxEncodedSize(int64_t n, int bit_width) {
  // Per group of 8 values: its packed bytes plus a share of a run header, or
  // an RLE run's header and value (never more than bit_width + 2 bytes).
  return (n + 7) / 8 * (bit_width + 2) + kMaxUleb64Bytes + 4;
}

template Status RleBitPackedEncoder::Put(const uint32_t*, int64_t);
template Status RleBitPackedEncoder::Put(const int32_t*, int64_t);
template Status RleBitPackedEncoder::Put(const int16_t*, int64_t);
template Status RleBitPackedEncoder::Put(const uint8_t*, int64_t);

// ---------------------------------------------------------------- prefixed form

template <typename T>
Status EncodeRleWithLengthPrefix(const T* values, int64_t n, int bit_width, Buffer* out) {
  RleBitPackedEncoder encoder(bit_width);
  RETURN_NOT_OK(encoder.Put(values, n));
  const size_t prefix_at = out->size();
  RETURN_NOT_OK(out->Resize(prefix_at + 4));
  RETURN_NOT_OK(encoder.Flush(out));
  const size_t length = out->size() - prefix_at - 4;
  if (length > std::numeric_limits<uint32_t>::max()) {
    return Status::Invalid("RLE/bit-packed hybrid: {} bytes do not fit a u32 length", length);
  }
  StoreLittleEndian(out->mutable_data() + prefix_at, static_cast<uint32_t>(length));
  return Status::OK();
}

template Status EncodeRleWithLengthPrefix(const uint32_t*, int64_t, int, Buffer*);
template Status EncodeRleWithLengthPrefix(const int32_t*, int64_t, int, Buffer*);
template Status EncodeRleWithLengthPrefix(const int16_t*, int64_t, int, Buffer*);
template Status EncodeRleWithLengthPrefix(const uint8_t*, int64_t, int, Buffer*);

Result<std::span<const uint8_t>> ReadRleLengthPrefix(std::span<const uint8_t> data) {
  if (data.size() < 4) {
    return Status::Corruption("RLE/bit-packed hybrid: {} bytes cannot hold the length prefix",
                              data.size());
  }
  const auto length = LoadLittleEndian<uint32_t>(data.data());
  if (length > data.size() - 4) {
    return Status::Corruption("RLE/bit-packed hybrid: length prefix {} exceeds the {} bytes left",
                              length, data.size() - 4);
  }
  return data.subspan(4, length);
}

// ---------------------------------------------------------------- legacy BIT_PACKED

Status BitPackedLegacyDecoder::Init(std::span<const uint8_t> data, int bit_width) {
  if (bit_width < 0 || bit_width > kMaxRleBitWidth) {
    return Status::Corruption("BIT_PACKED: bit width {} outside 0..32", bit_width);
  }
  data_ = data.data();
  size_ = static_cast<int64_t>(data.size());
  bit_width_ = bit_width;
  bit_pos_ = 0;
  return Status::OK();
}

template <typename T>
Status BitPackedLegacyDecoder::GetBatch(T* out, int64_t n) {
  const int64_t bits_left = size_ * 8 - bit_pos_;
  if (n < 0 || (bit_width_ > 0 && n > bits_left / bit_width_)) {
    return Status::Corruption("BIT_PACKED: {} values of {} bits overrun the {} bytes", n,
                              bit_width_, size_);
  }
  if (bit_width_ == 0) {
    std::fill(out, out + n, T{0});
    return Status::OK();
  }
  for (int64_t i = 0; i < n; ++i, bit_pos_ += bit_width_) {
    // A big-endian window of up to 8 bytes; at most 7 + 32 bits are needed.
    const int64_t byte = bit_pos_ >> 3;
    const int avail = static_cast<int>(std::min<int64_t>(8, size_ - byte));
    uint64_t window = 0;
    for (int k = 0; k < avail; ++k) window = (window << 8) | data_[byte + k];
    window <<= 8 * (8 - avail);
    out[i] = static_cast<T>((window << (bit_pos_ & 7)) >> (64 - bit_width_));
  }
  return Status::OK();
}

int64_t BitPackedLegacyDecoder::EncodedSize(int64_t num_values, int bit_width) {
  return BytesForBits(num_values * bit_width);
}

template Status BitPackedLegacyDecoder::GetBatch(uint32_t*, int64_t);
template Status BitPackedLegacyDecoder::GetBatch(int32_t*, int64_t);
template Status BitPackedLegacyDecoder::GetBatch(int16_t*, int64_t);
template Status BitPackedLegacyDecoder::GetBatch(uint8_t*, int64_t);

}  // namespace strata::parquet
