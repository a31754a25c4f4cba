// Dictionary encoding (RLE_DICTIONARY, and the deprecated PLAIN_DICTIONARY
// on read). The dictionary page holds the distinct values PLAIN encoded; data
// pages hold one byte of bit width (0..32) and then the indices as
// RLE/bit-packed hybrid runs, without a length prefix.
//
// Encoders keep the dictionary for the whole column chunk and the indices of
// the current page. The writer watches num_entries() and
// dictionary_byte_size() and, past its limit, flushes the page, writes the
// dictionary page and continues the chunk with another encoding.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"
#include "parquet/encoding/rle_bit_packed.h"
#include "parquet/encoding/types.h"

namespace strata::parquet {

// Appends a data page body: the bit width for `num_entries` then the runs of
// `indices`. REQUIRES: every index is in [0, num_entries).
Status WriteDictionaryIndices(const int32_t* indices, int64_t n, int64_t num_entries, Buffer* out);

// T is int32_t, int64_t, float, double or Int96. Values are compared bit for
// bit, so NaN payloads, -0.0 and +0.0 each keep their own entry.
template <typename T>
class DictionaryEncoder {
 public:
  DictionaryEncoder();

  // Adds values to the current page, growing the dictionary as needed.
  Status Put(const T* values, int64_t n);

  int32_t num_entries() const { return static_cast<int32_t>(entries_.size()); }
  // Size of the dictionary page body (PLAIN).
  int64_t dictionary_byte_size() const { return num_entries() * int64_t{sizeof(T)}; }
  int64_t num_buffered_indices() const { return static_cast<int64_t>(indices_.size()); }
  // An upper bound of what FlushIndices would append now.
  int64_t EstimatedDataPageSize() const;

  // Appends the current page's indices (bit width byte + runs) and starts a
  // new page; the dictionary is kept.
  Status FlushIndices(Buffer* out);
  // Appends the dictionary page body: the entries PLAIN, in index order.
  Status WriteDictionaryPage(Buffer* out) const;
  std::span<const T> entries() const { return entries_; }

 private:
  int32_t IndexOf(const T& value);
  void Grow();

  std::vector<T> entries_;
  std::vector<int32_t> slots_;  // Entry index + 1; 0 is an empty slot.
  int shift_ = 0;               // 64 - log2(slots_.size()).
  std::vector<int32_t> indices_;
};

// BYTE_ARRAY, or FIXED_LEN_BYTE_ARRAY when fixed_width > 0 (the dictionary
// page then has no length prefixes). Values are compared by content.
class ByteArrayDictionaryEncoder {
 public:
  explicit ByteArrayDictionaryEncoder(int fixed_width = 0);

  // Invalid when a FIXED_LEN_BYTE_ARRAY value has the wrong size or a value is
  // longer than 2^31 - 1 bytes.
  Status Put(const std::string_view* values, int64_t n);
  // `n` values in the Arrow layout: value i is data[offsets[i], offsets[i+1]).
  Status PutArrow(const int32_t* offsets, const uint8_t* data, int64_t n);

  int32_t num_entries() const { return static_cast<int32_t>(hashes_.size()); }
  int64_t dictionary_byte_size() const;
  int64_t num_buffered_indices() const { return static_cast<int64_t>(indices_.size()); }
  int64_t EstimatedDataPageSize() const;

  Status FlushIndices(Buffer* out);
  Status WriteDictionaryPage(Buffer* out) const;
  std::string_view entry(int32_t i) const;

 private:
  Result<int32_t> IndexOf(std::string_view value);
  void Grow();

  int fixed_width_;
  Buffer data_;                   // Entries back to back.
  std::vector<int64_t> ends_;     // End offset of each entry in data_.
  std::vector<uint64_t> hashes_;  // Hash of each entry.
  std::vector<int32_t> slots_;
  int shift_ = 0;
  std::vector<int32_t> indices_;
};

// Reads a data page's bit width byte and its index runs.
class DictionaryIndexDecoder {
 public:
  // Corruption when the page is empty or the bit width exceeds 32.
  // REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data);
  // Raw indices, not yet checked against a dictionary (see GatherDictionary).
  Status GetBatch(int32_t* indices, int64_t n) { return runs_.GetBatch(indices, n); }
  Status Skip(int64_t n) { return runs_.Skip(n); }
  int bit_width() const { return runs_.bit_width(); }

 private:
  RleBitPackedDecoder runs_;
};

// out[i] = dictionary[indices[i]]. Corruption, before anything is written,
// when an index is negative or >= dictionary_size.
template <typename T>
Status GatherDictionary(const T* dictionary, int64_t dictionary_size, const int32_t* indices,
                        int64_t n, T* out);

// Decodes PLAIN dictionary pages and dictionary-encoded data pages of a
// fixed-width type. T as for DictionaryEncoder.
template <typename T>
class DictionaryDecoder {
 public:
  // Decodes a dictionary page of `num_values` entries into a copy the decoder
  // owns. Corruption when the page holds fewer entries.
  Status SetDictionary(std::span<const uint8_t> page, int64_t num_values);
  // Starts a data page. REQUIRES: `data` stays valid while decoding.
  Status Init(std::span<const uint8_t> data) { return indices_.Init(data); }
  // Corruption when the runs end early or an index is out of range.
  Status Decode(T* out, int64_t n);
  Status Skip(int64_t n) { return indices_.Skip(n); }
  std::span<const T> dictionary() const { return dictionary_; }

 private:
  std::vector<T> dictionary_;
  DictionaryIndexDecoder indices_;
  int32_t scratch_[1024] = {};
};

// The same for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY dictionaries.
class ByteArrayDictionaryDecoder {
 public:
  // `fixed_width` > 0 reads a FIXED_LEN_BYTE_ARRAY page. The entries are
  // copied, so the page may be freed afterwards.
  Status SetDictionary(std::span<const uint8_t> page, int64_t num_values, int fixed_width = 0);
  Status Init(std::span<const uint8_t> data) { return indices_.Init(data); }
  // Appends copies of the next `n` values to `out`.
  Status DecodeArrow(int64_t n, ByteArrayOutput out);
  // Views into the decoder's copy of the dictionary, valid until the next
  // SetDictionary or the decoder's destruction.
  Status Decode(std::string_view* out, int64_t n);
  Status Skip(int64_t n) { return indices_.Skip(n); }
  int64_t num_entries() const { return num_entries_; }

 private:
  Buffer offsets_;  // int32, num_entries_ + 1 entries.
  Buffer data_;
  int64_t num_entries_ = 0;
  DictionaryIndexDecoder indices_;
  int32_t scratch_[1024] = {};
};

}  // namespace strata::parquet
