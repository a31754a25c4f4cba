// The RLE/bit-packing hybrid (Encoding::kRle): repetition and definition
// levels, dictionary indices and RLE booleans. The codec here works on the
// bare run sequence; the u32 length prefix that some page kinds put in front
// (v1 levels, booleans) belongs to the page layer, which uses the
// *LengthPrefix helpers at the bottom.
//
// Also the deprecated BIT_PACKED encoding (MSB-first, no runs), which old
// writers declare for levels: read only.
#pragma once

#include <cstdint>
#include <span>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"

namespace strata::parquet {

// The widest values the hybrid carries: dictionary indices are at most 32 bits.
inline constexpr int kMaxRleBitWidth = 32;

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;

  // Starts decoding `data` (the runs only, no length prefix). Corruption when
  // bit_width is outside 0..32. REQUIRES: `data` stays valid while decoding;
  // the decoder keeps pointers into it.
  Status Init(std::span<const uint8_t> data, int bit_width);

  // Decodes exactly `n` values into out[0..n). Corruption when the runs end
  // before `n` values, a run header is malformed, or an RLE value does not fit
  // the bit width. A bit-packed run cut short by the end of the data still
  // yields the values its bytes hold. T is uint32_t, int32_t, int16_t or
  // uint8_t; REQUIRES: the bit width fits T (values are narrowed as is).
  template <typename T>
  Status GetBatch(T* out, int64_t n);

  // Discards the next `n` values, with the same errors as GetBatch.
  Status Skip(int64_t n);

  // Bytes from the start of the data to the end of the last run entered.
  int64_t bytes_consumed() const { return pos_ - begin_; }
  int bit_width() const { return bit_width_; }

 private:
  Status NextRun(int64_t wanted);
  Status ReadRleRun(uint64_t count);
  Status ReadBitPackedRun(uint64_t groups);
  void RefillLiteralBuffer(int64_t values_left);
  template <typename T>
  void ReadLiteral(T* out, int64_t count);

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;  // Next run header.
  const uint8_t* end_ = nullptr;
  int bit_width_ = 0;
  int64_t decoded_ = 0;  // Values handed out so far, for error messages.

  // The current run: `run_left_` values still to hand out.
  bool is_rle_ = false;
  uint32_t rle_value_ = 0;
  int64_t run_left_ = 0;
  // Bit-packed runs: packed bytes not yet unpacked, and up to 32 unpacked
  // values not yet handed out (they count in run_left_ too).
  const uint8_t* literal_pos_ = nullptr;
  const uint8_t* literal_end_ = nullptr;
  uint32_t unpacked_[32] = {};
  int unpacked_pos_ = 0;
  int unpacked_size_ = 0;
};

// Encodes values into hybrid runs: a value repeated over a whole aligned
// group of 8 or more becomes an RLE run, everything else bit-packed groups of
// 8 (the last one zero-padded, so a reader must know the value count).
class RleBitPackedEncoder {
 public:
  // REQUIRES: 0 <= bit_width <= 32.
  explicit RleBitPackedEncoder(int bit_width);

  // Invalid when a value needs more than bit_width bits. T is uint32_t,
  // int32_t (non-negative), int16_t (non-negative) or uint8_t.
  template <typename T>
  Status Put(const T* values, int64_t n);

  // Appends the runs for every value put since the last Flush to `out` and
  // resets the encoder for the next page.
  Status Flush(Buffer* out);

  // Bytes Flush would append now, within a few bytes of pending state.
  int64_t EstimatedSize() const;
  // An upper bound of the encoded size of `n` values of `bit_width` bits.
  static int64_t MaxEncodedSize(int64_t n, int bit_width);

 private:
  Status PutOne(uint32_t value);
  Status FlushStaged();
  Status FlushRleRun(uint32_t value, int64_t count);
  Status AppendLiteralGroup();
  void CloseLiteralRun();

  int bit_width_;
  Buffer runs_;
  uint32_t current_ = 0;
  int64_t repeat_ = 0;  // Times `current_` repeated since the staged group began.
  uint32_t staged_[8] = {};
  int num_staged_ = 0;
  int64_t literal_header_at_ = -1;  // Offset of the open bit-packed run's header.
  int literal_groups_ = 0;
};

// Appends a u32 LE byte length followed by the hybrid encoding of `values`:
// the form of v1 level sections and RLE booleans. T as for the encoder.
template <typename T>
Status EncodeRleWithLengthPrefix(const T* values, int64_t n, int bit_width, Buffer* out);

// Reads a u32 LE length prefix and returns the run bytes it covers; the whole
// section is 4 + result.size() bytes. Corruption when the prefix or the
// declared length overruns `data`. The result points into `data`.
Result<std::span<const uint8_t>> ReadRleLengthPrefix(std::span<const uint8_t> data);

// Reader of the deprecated BIT_PACKED level encoding: values packed back to
// back from the most significant bit, no headers.
class BitPackedLegacyDecoder {
 public:
  BitPackedLegacyDecoder() = default;

  // Corruption when bit_width is outside 0..32. REQUIRES: `data` stays valid.
  Status Init(std::span<const uint8_t> data, int bit_width);

  // Decodes exactly `n` values; Corruption when the data ends first.
  // T is uint32_t, int32_t, int16_t or uint8_t.
  template <typename T>
  Status GetBatch(T* out, int64_t n);

  // The section's size for `num_values` values: BIT_PACKED levels carry no
  // length, so the page layer finds the next section with this.
  static int64_t EncodedSize(int64_t num_values, int bit_width);

 private:
  const uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int bit_width_ = 0;
  int64_t bit_pos_ = 0;
};

}  // namespace strata::parquet
