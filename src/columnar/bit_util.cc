#include "columnar/bit_util.h"

#include <bit>
#include <cstring>
#include <utility>

namespace strata::bit_util {

int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset;
  const int64_t end = offset + length;
  // Bit by bit up to a byte boundary, then 64 bits at a time.
  for (; i < end && (i & 7) != 0; ++i) count += GetBit(bits, i);
  for (; i + 64 <= end; i += 64) {
    uint64_t word;
    std::memcpy(&word, bits + (i >> 3), sizeof(word));
    count += std::popcount(word);
  }
  for (; i < end; ++i) count += GetBit(bits, i);
  return count;
}

void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value) {
  int64_t i = offset;
  const int64_t end = offset + length;
  for (; i < end && (i & 7) != 0; ++i) SetBitTo(bits, i, value);
  const int64_t whole_bytes = (end - i) >> 3;
  if (whole_bytes > 0) {
    std::memset(bits + (i >> 3), value ? 0xFF : 0x00, static_cast<size_t>(whole_bytes));
    i += whole_bytes * 8;
  }
  for (; i < end; ++i) SetBitTo(bits, i, value);
}

Status BitmapBuilder::Reserve(int64_t additional_bits) {
  return buffer_.Reserve(static_cast<size_t>(BytesForBits(length_ + additional_bits)));
}

Status BitmapBuilder::AppendN(int64_t n, bool value) {
  RETURN_NOT_OK(buffer_.Resize(static_cast<size_t>(BytesForBits(length_ + n))));
  // Bits past length_ are already zero, so only set bits need writing.
  if (value) SetBitsTo(buffer_.mutable_data(), length_, n, true);
  length_ += n;
  return Status::OK();
}

Status BitmapBuilder::AppendBytes(const uint8_t* bytes, int64_t n) {
  RETURN_NOT_OK(buffer_.Resize(static_cast<size_t>(BytesForBits(length_ + n))));
  uint8_t* bits = buffer_.mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    if (bytes[i] != 0) SetBit(bits, length_ + i);
  }
  length_ += n;
  return Status::OK();
}

Buffer BitmapBuilder::Finish() {
  length_ = 0;
  return std::exchange(buffer_, Buffer());
}

}  // namespace strata::bit_util
