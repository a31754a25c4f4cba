#include "parquet/encoding/dictionary.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <type_traits>

#include "parquet/encoding/bit_util.h"
#include "parquet/encoding/plain.h"

namespace strata::parquet {
namespace {

constexpr int64_t kMaxEntries = std::numeric_limits<int32_t>::max();
constexpr int kInitialSlotBits = 10;

// Murmur3's finaliser: the table takes the top bits, which this spreads
// over every input bit (doubles and timestamps often differ only low down).
uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

template <typename T>
uint64_t HashValue(const T& value) {
  if constexpr (sizeof(T) == 4) {
    return Mix64(std::bit_cast<uint32_t>(value));
  } else if constexpr (sizeof(T) == 8) {
    return Mix64(std::bit_cast<uint64_t>(value));
  } else {
    static_assert(std::is_same_v<T, Int96>);
    return Mix64(value.value[0] | (uint64_t{value.value[1]} << 32)) ^ Mix64(value.value[2]);
  }
}

// Bit-for-bit equality: NaN matches its own payload, -0.0 differs from 0.0.
template <typename T>
bool SameBits(const T& a, const T& b) {
  if constexpr (sizeof(T) == 4) {
    return std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b);
  } else if constexpr (sizeof(T) == 8) {
    return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b);
  } else {
    return a == b;  // Int96 compares its words.
  }
}

// The last n % 8 bytes of p[0, n) as one word, with fixed-size loads only:
// a byte-wise partial load (memcpy of a variable length into a zeroed word)
// stalls on store forwarding and cost a third of all dictionary lookups.
// Bytes may be read twice; which bits they land in only has to be
// deterministic, since the length is hashed too.
uint64_t TailWord(const uint8_t* p, size_t n) {
  const size_t rest = n % 8;
  if (rest == 0) return 0;
  if (n >= 8) return LoadLittleEndian<uint64_t>(p + n - 8) >> (8 * (8 - rest));
  if (rest >= 4) {
    return LoadLittleEndian<uint32_t>(p) |
           (uint64_t{LoadLittleEndian<uint32_t>(p + rest - 4)} << 32);
  }
  return uint64_t{p[0]} | (uint64_t{p[rest / 2]} << 8) | (uint64_t{p[rest - 1]} << 16);
}

uint64_t HashBytes(const uint8_t* p, size_t n) {
  uint64_t h = Mix64(n + 0x9e3779b97f4a7c15ULL);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ LoadLittleEndian<uint64_t>(p + i)) * 0x9e3779b97f4a7c15ULL;
  if (i < n) h ^= TailWord(p, n);
  return Mix64(h);
}

Status CheckIndexRange(const int32_t* indices, int64_t n, int64_t dictionary_size) {
  // One max over the batch (vectorisable) instead of a branch per value;
  // negative indices become huge unsigned ones.
  uint32_t max_index = 0;
  for (int64_t i = 0; i < n; ++i)
    max_index = std::max(max_index, static_cast<uint32_t>(indices[i]));
  if (n > 0 && max_index >= dictionary_size) {
    return Status::Corruption("dictionary index {} out of range for a dictionary of {} entries",
                              max_index, dictionary_size);
  }
  return Status::OK();
}

std::vector<int32_t> EmptySlots(int bits) { return std::vector<int32_t>(size_t{1} << bits, 0); }

}  // namespace

Status WriteDictionaryIndices(const int32_t* indices, int64_t n, int64_t num_entries, Buffer* out) {
  const int bit_width = BitWidthOf(num_entries > 1 ? static_cast<uint64_t>(num_entries - 1) : 0);
  const auto width_byte = static_cast<uint8_t>(bit_width);
  RETURN_NOT_OK(out->Append(&width_byte, 1));
  RleBitPackedEncoder runs(bit_width);
  RETURN_NOT_OK(runs.Put(indices, n));
  return runs.Flush(out);
}

// ---------------------------------------------------------------- fixed-width encoder

template <typename T>
DictionaryEncoder<T>::DictionaryEncoder()
    : slots_(EmptySlots(kInitialSlotBits)), shift_(64 - kInitialSlotBits) {}

template <typename T>
void DictionaryEncoder<T>::Grow() {
  const int bits = 64 - shift_ + 1;
  slots_ = EmptySlots(bits);
  shift_ = 64 - bits;
  const size_t mask = slots_.size() - 1;
  for (size_t e = 0; e < entries_.size(); ++e) {
    size_t slot = HashValue(entries_[e]) >> shift_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<int32_t>(e + 1);
  }
}

template <typename T>
int32_t DictionaryEncoder<T>::IndexOf(const T& value) {
  const size_t mask = slots_.size() - 1;
  size_t slot = HashValue(value) >> shift_;
  while (true) {
    const int32_t s = slots_[slot];
    if (s == 0) break;
    if (SameBits(entries_[static_cast<size_t>(s - 1)], value)) return s - 1;
    slot = (slot + 1) & mask;
  }
  if (static_cast<int64_t>(entries_.size()) >= kMaxEntries) return -1;
  entries_.push_back(value);
  slots_[slot] = static_cast<int32_t>(entries_.size());
  // Half full at most keeps probe sequences short.
  if (entries_.size() * 2 > slots_.size()) Grow();
  return static_cast<int32_t>(entries_.size() - 1);
}

template <typename T>
Status DictionaryEncoder<T>::Put(const T* values, int64_t n) {
  const size_t at = indices_.size();
  indices_.resize(at + static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const int32_t index = IndexOf(values[i]);
    if (index < 0) {
      indices_.resize(at + static_cast<size_t>(i));
      return Status::ResourceExhausted("dictionary: more than 2^31 - 1 entries");
    }
    indices_[at + static_cast<size_t>(i)] = index;
  }
  return Status::OK();
}

template <typename T>
int64_t DictionaryEncoder<T>::EstimatedDataPageSize() const {
  const int bit_width = BitWidthOf(num_entries() > 1 ? num_entries() - 1 : 0);
  return 1 + RleBitPackedEncoder::MaxEncodedSize(num_buffered_indices(), bit_width);
}

template <typename T>
Status DictionaryEncoder<T>::FlushIndices(Buffer* out) {
  RETURN_NOT_OK(
      WriteDictionaryIndices(indices_.data(), num_buffered_indices(), num_entries(), out));
  indices_.clear();
  return Status::OK();
}

template <typename T>
Status DictionaryEncoder<T>::WriteDictionaryPage(Buffer* out) const {
  return out->Append(entries_.data(), entries_.size() * sizeof(T));
}

template class DictionaryEncoder<int32_t>;
template class DictionaryEncoder<int64_t>;
template class DictionaryEncoder<float>;
template class DictionaryEncoder<double>;
template class DictionaryEncoder<Int96>;

// ---------------------------------------------------------------- byte array encoder

ByteArrayDictionaryEncoder::ByteArrayDictionaryEncoder(int fixed_width)
    : fixed_width_(fixed_width),
      slots_(EmptySlots(kInitialSlotBits)),
      shift_(64 - kInitialSlotBits) {}

std::string_view ByteArrayDictionaryEncoder::entry(int32_t i) const {
  const int64_t begin = i == 0 ? 0 : ends_[static_cast<size_t>(i - 1)];
  const int64_t end = ends_[static_cast<size_t>(i)];
  return {reinterpret_cast<const char*>(data_.data()) + begin, static_cast<size_t>(end - begin)};
}

int64_t ByteArrayDictionaryEncoder::dictionary_byte_size() const {
  const int64_t prefixes = fixed_width_ > 0 ? 0 : 4 * int64_t{num_entries()};
  return static_cast<int64_t>(data_.size()) + prefixes;
}

void ByteArrayDictionaryEncoder::Grow() {
  const int bits = 64 - shift_ + 1;
  slots_ = EmptySlots(bits);
  shift_ = 64 - bits;
  const size_t mask = slots_.size() - 1;
  for (size_t e = 0; e < hashes_.size(); ++e) {
    size_t slot = hashes_[e] >> shift_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<int32_t>(e + 1);
  }
}

Result<int32_t> ByteArrayDictionaryEncoder::IndexOf(std::string_view value) {
  if (fixed_width_ > 0 && value.size() != static_cast<size_t>(fixed_width_)) {
    return Status::Invalid("dictionary: FIXED_LEN_BYTE_ARRAY value of {} bytes, width is {}",
                           value.size(), fixed_width_);
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(value.data());
  const uint64_t hash = HashBytes(bytes, value.size());
  const size_t mask = slots_.size() - 1;
  size_t slot = hash >> shift_;
  while (true) {
    const int32_t s = slots_[slot];
    if (s == 0) break;
    if (hashes_[static_cast<size_t>(s - 1)] == hash && entry(s - 1) == value) return s - 1;
    slot = (slot + 1) & mask;
  }
  if (num_entries() >= kMaxEntries) {
    return Status::ResourceExhausted("dictionary: more than 2^31 - 1 entries");
  }
  RETURN_NOT_OK(data_.Append(value));
  ends_.push_back(static_cast<int64_t>(data_.size()));
  hashes_.push_back(hash);
  slots_[slot] = num_entries();
  if (hashes_.size() * 2 > slots_.size()) Grow();
  return num_entries() - 1;
}

Status ByteArrayDictionaryEncoder::Put(const std::string_view* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (values[i].size() > static_cast<size_t>(kMaxEntries)) {
      return Status::Invalid("dictionary: value of {} bytes exceeds 2^31 - 1", values[i].size());
    }
    ASSIGN_OR_RETURN(const int32_t index, IndexOf(values[i]));
    indices_.push_back(index);
  }
  return Status::OK();
}

Status ByteArrayDictionaryEncoder::PutArrow(const int32_t* offsets, const uint8_t* data,
                                            int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (offsets[i + 1] < offsets[i]) {
      return Status::Invalid("dictionary: offsets decrease at value {}", i);
    }
    const std::string_view value(reinterpret_cast<const char*>(data) + offsets[i],
                                 static_cast<size_t>(offsets[i + 1] - offsets[i]));
    ASSIGN_OR_RETURN(const int32_t index, IndexOf(value));
    indices_.push_back(index);
  }
  return Status::OK();
}

int64_t ByteArrayDictionaryEncoder::EstimatedDataPageSize() const {
  const int bit_width = BitWidthOf(num_entries() > 1 ? num_entries() - 1 : 0);
  return 1 + RleBitPackedEncoder::MaxEncodedSize(num_buffered_indices(), bit_width);
}

Status ByteArrayDictionaryEncoder::FlushIndices(Buffer* out) {
  RETURN_NOT_OK(
      WriteDictionaryIndices(indices_.data(), num_buffered_indices(), num_entries(), out));
  indices_.clear();
  return Status::OK();
}

Status ByteArrayDictionaryEncoder::WriteDictionaryPage(Buffer* out) const {
  if (fixed_width_ > 0) return out->Append(data_.span());
  for (int32_t i = 0; i < num_entries(); ++i) {
    const std::string_view value = entry(i);
    const auto length = static_cast<uint32_t>(value.size());
    RETURN_NOT_OK(out->Append(&length, sizeof(length)));
    RETURN_NOT_OK(out->Append(value));
  }
  return Status::OK();
}

// ---------------------------------------------------------------- decoders

Status DictionaryIndexDecoder::Init(std::span<const uint8_t> data) {
  if (data.empty()) return Status::Corruption("RLE_DICTIONARY: data page has no bit width byte");
  if (data[0] > kMaxRleBitWidth) {
    return Status::Corruption("RLE_DICTIONARY: index bit width {} > 32", data[0]);
  }
  return runs_.Init(data.subspan(1), data[0]);
}

template <typename T>
Status GatherDictionary(const T* dictionary, int64_t dictionary_size, const int32_t* indices,
                        int64_t n, T* out) {
  RETURN_NOT_OK(CheckIndexRange(indices, n, dictionary_size));
  for (int64_t i = 0; i < n; ++i) out[i] = dictionary[indices[i]];
  return Status::OK();
}

template Status GatherDictionary(const int32_t*, int64_t, const int32_t*, int64_t, int32_t*);
template Status GatherDictionary(const int64_t*, int64_t, const int32_t*, int64_t, int64_t*);
template Status GatherDictionary(const float*, int64_t, const int32_t*, int64_t, float*);
template Status GatherDictionary(const double*, int64_t, const int32_t*, int64_t, double*);
template Status GatherDictionary(const Int96*, int64_t, const int32_t*, int64_t, Int96*);

template <typename T>
Status DictionaryDecoder<T>::SetDictionary(std::span<const uint8_t> page, int64_t num_values) {
  // The count comes from a page header: check it against the bytes before
  // allocating anything for it.
  if (num_values < 0 || num_values > static_cast<int64_t>(page.size() / sizeof(T)) ||
      num_values > kMaxEntries) {
    return Status::Corruption("dictionary page: {} entries of {} bytes in a page of {} bytes",
                              num_values, sizeof(T), page.size());
  }
  dictionary_.resize(static_cast<size_t>(num_values));
  if (num_values > 0) {
    std::memcpy(dictionary_.data(), page.data(), static_cast<size_t>(num_values) * sizeof(T));
  }
  return Status::OK();
}

template <typename T>
Status DictionaryDecoder<T>::Decode(T* out, int64_t n) {
  constexpr int64_t kChunk = 1024;
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t count = std::min(kChunk, n - start);
    RETURN_NOT_OK(indices_.GetBatch(scratch_, count));
    RETURN_NOT_OK(GatherDictionary(dictionary_.data(), static_cast<int64_t>(dictionary_.size()),
                                   scratch_, count, out + start));
  }
  return Status::OK();
}

template class DictionaryDecoder<int32_t>;
template class DictionaryDecoder<int64_t>;
template class DictionaryDecoder<float>;
template class DictionaryDecoder<double>;
template class DictionaryDecoder<Int96>;

Status ByteArrayDictionaryDecoder::SetDictionary(std::span<const uint8_t> page, int64_t num_values,
                                                 int fixed_width) {
  offsets_.Clear();
  data_.Clear();
  num_entries_ = 0;
  // Every entry takes at least 4 bytes (a length) or fixed_width bytes.
  const int64_t min_entry = fixed_width > 0 ? fixed_width : 4;
  if (num_values < 0 || num_values > static_cast<int64_t>(page.size()) / min_entry ||
      num_values > kMaxEntries) {
    return Status::Corruption("dictionary page: {} entries cannot fit in {} bytes", num_values,
                              page.size());
  }
  if (fixed_width <= 0) {
    PlainByteArrayDecoder plain;
    RETURN_NOT_OK(plain.Init(page));
    RETURN_NOT_OK_CTX(plain.DecodeArrow(num_values, {&offsets_, &data_}), "dictionary page");
  } else {
    ASSIGN_OR_RETURN(
        ByteArrayAppendSpan span,
        PrepareByteArrayAppend({&offsets_, &data_}, num_values, num_values * fixed_width));
    if (num_values > 0)
      std::memcpy(span.data, page.data(), static_cast<size_t>(num_values * fixed_width));
    for (int64_t i = 0; i < num_values; ++i)
      span.offsets[i] = static_cast<int32_t>((i + 1) * fixed_width);
  }
  num_entries_ = num_values;
  return Status::OK();
}

Status ByteArrayDictionaryDecoder::DecodeArrow(int64_t n, ByteArrayOutput out) {
  constexpr int64_t kChunk = 1024;
  const auto* ends = offsets_.data_as<int32_t>();
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t count = std::min(kChunk, n - start);
    RETURN_NOT_OK(indices_.GetBatch(scratch_, count));
    RETURN_NOT_OK(CheckIndexRange(scratch_, count, num_entries_));
    int64_t total = 0;
    for (int64_t i = 0; i < count; ++i) total += ends[scratch_[i] + 1] - ends[scratch_[i]];
    ASSIGN_OR_RETURN(ByteArrayAppendSpan span, PrepareByteArrayAppend(out, count, total));
    uint8_t* dst = span.data;
    int32_t offset = span.data_base;
    for (int64_t i = 0; i < count; ++i) {
      const int32_t begin = ends[scratch_[i]];
      const int32_t length = ends[scratch_[i] + 1] - begin;
      if (length > 0) std::memcpy(dst, data_.data() + begin, static_cast<size_t>(length));
      dst += length;
      offset += length;
      span.offsets[i] = offset;
    }
  }
  return Status::OK();
}

Status ByteArrayDictionaryDecoder::Decode(std::string_view* out, int64_t n) {
  constexpr int64_t kChunk = 1024;
  const auto* ends = offsets_.data_as<int32_t>();
  const auto* chars = reinterpret_cast<const char*>(data_.data());
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t count = std::min(kChunk, n - start);
    RETURN_NOT_OK(indices_.GetBatch(scratch_, count));
    RETURN_NOT_OK(CheckIndexRange(scratch_, count, num_entries_));
    for (int64_t i = 0; i < count; ++i) {
      const int32_t begin = ends[scratch_[i]];
      out[start + i] =
          std::string_view(chars + begin, static_cast<size_t>(ends[scratch_[i] + 1] - begin));
    }
  }
  return Status::OK();
}

}  // namespace strata::parquet
