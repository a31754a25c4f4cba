#include "parquet/encoding/delta_byte_array.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace strata::parquet {
namespace {

constexpr int64_t kMaxLength = std::numeric_limits<int32_t>::max();
// Lengths are gathered this many at a time before going to the delta encoder.
constexpr int kPutChunk = 256;

int32_t CommonPrefix(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i + 8 <= n && std::memcmp(a.data() + i, b.data() + i, 8) == 0) i += 8;
  while (i < n && a[i] == b[i]) ++i;
  return static_cast<int32_t>(i);
}

std::string_view ArrowValue(const int32_t* offsets, const uint8_t* data, int64_t i) {
  return {reinterpret_cast<const char*>(data) + offsets[i],
          static_cast<size_t>(offsets[i + 1] - offsets[i])};
}

}  // namespace

// ---------------------------------------------------------------- DLBA encoder

Status DeltaLengthByteArrayEncoder::Put(const std::string_view* values, int64_t n) {
  int32_t lengths[kPutChunk];
  for (int64_t start = 0; start < n; start += kPutChunk) {
    const int64_t count = std::min<int64_t>(kPutChunk, n - start);
    for (int64_t i = 0; i < count; ++i) {
      const std::string_view value = values[start + i];
      if (value.size() > static_cast<size_t>(kMaxLength)) {
        return Status::Invalid("DELTA_LENGTH_BYTE_ARRAY: value of {} bytes exceeds 2^31 - 1",
                               value.size());
      }
      lengths[i] = static_cast<int32_t>(value.size());
      RETURN_NOT_OK(data_.Append(value));
    }
    RETURN_NOT_OK(lengths_.Put(lengths, count));
  }
  return Status::OK();
}

Status DeltaLengthByteArrayEncoder::PutArrow(const int32_t* offsets, const uint8_t* data,
                                             int64_t n) {
  int32_t lengths[kPutChunk];
  for (int64_t start = 0; start < n; start += kPutChunk) {
    const int64_t count = std::min<int64_t>(kPutChunk, n - start);
    for (int64_t i = 0; i < count; ++i) {
      lengths[i] = offsets[start + i + 1] - offsets[start + i];
      if (lengths[i] < 0) {
        return Status::Invalid("DELTA_LENGTH_BYTE_ARRAY: offsets decrease at value {}", start + i);
      }
    }
    RETURN_NOT_OK(lengths_.Put(lengths, count));
    // The values of a chunk are contiguous in the Arrow layout.
    RETURN_NOT_OK(data_.Append(data + offsets[start],
                               static_cast<size_t>(offsets[start + count] - offsets[start])));
  }
  return Status::OK();
}

Status DeltaLengthByteArrayEncoder::Flush(Buffer* out) {
  RETURN_NOT_OK(lengths_.Flush(out));
  RETURN_NOT_OK(out->Append(data_.span()));
  data_.Clear();
  return Status::OK();
}

int64_t DeltaLengthByteArrayEncoder::EstimatedSize() const {
  return lengths_.EstimatedSize() + static_cast<int64_t>(data_.size());
}

// ---------------------------------------------------------------- DLBA decoder

Status DeltaLengthByteArrayDecoder::Init(std::span<const uint8_t> data) {
  RETURN_NOT_OK_CTX(lengths_.Init(data), "DELTA_LENGTH_BYTE_ARRAY lengths");
  Result<int64_t> lengths_size = lengths_.EncodedLength();
  if (!lengths_size.ok()) {
    return lengths_size.status().WithContext("DELTA_LENGTH_BYTE_ARRAY lengths");
  }
  data_pos_ = data.data() + *lengths_size;
  data_end_ = data.data() + data.size();
  return Status::OK();
}

Result<std::span<const uint8_t>> DeltaLengthByteArrayDecoder::ReadRaw(int64_t n, int32_t* lengths) {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("DELTA_LENGTH_BYTE_ARRAY: {} values wanted, {} left", n,
                              values_left());
  }
  RETURN_NOT_OK_CTX(lengths_.Decode(lengths, n), "DELTA_LENGTH_BYTE_ARRAY lengths");
  const int64_t available = data_end_ - data_pos_;
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    // Checked one by one so a huge length cannot overflow the sum.
    if (lengths[i] < 0 || lengths[i] > available - total) {
      return Status::Corruption(
          "DELTA_LENGTH_BYTE_ARRAY: value length {} invalid with {} of {} data bytes left",
          lengths[i], available - total, available);
    }
    total += lengths[i];
  }
  std::span<const uint8_t> bytes(data_pos_, static_cast<size_t>(total));
  data_pos_ += total;
  return bytes;
}

Status DeltaLengthByteArrayDecoder::Decode(std::string_view* out, int64_t n) {
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t count = std::min(kChunk, n - start);
    ASSIGN_OR_RETURN(std::span<const uint8_t> bytes, ReadRaw(count, scratch_));
    const auto* p = reinterpret_cast<const char*>(bytes.data());
    for (int64_t i = 0; i < count; ++i) {
      out[start + i] = std::string_view(p, static_cast<size_t>(scratch_[i]));
      p += scratch_[i];
    }
  }
  return Status::OK();
}

Status DeltaLengthByteArrayDecoder::DecodeArrow(int64_t n, ByteArrayOutput out) {
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t count = std::min(kChunk, n - start);
    ASSIGN_OR_RETURN(std::span<const uint8_t> bytes, ReadRaw(count, scratch_));
    ASSIGN_OR_RETURN(ByteArrayAppendSpan span,
                     PrepareByteArrayAppend(out, count, static_cast<int64_t>(bytes.size())));
    if (!bytes.empty()) std::memcpy(span.data, bytes.data(), bytes.size());
    int32_t offset = span.data_base;
    for (int64_t i = 0; i < count; ++i) {
      offset += scratch_[i];
      span.offsets[i] = offset;
    }
  }
  return Status::OK();
}

Status DeltaLengthByteArrayDecoder::Skip(int64_t n) {
  for (int64_t start = 0; start < n; start += kChunk) {
    RETURN_NOT_OK(ReadRaw(std::min(kChunk, n - start), scratch_).status());
  }
  return Status::OK();
}

// ---------------------------------------------------------------- DBA encoder

Status DeltaByteArrayEncoder::PutOne(std::string_view value) {
  if (value.size() > static_cast<size_t>(kMaxLength)) {
    return Status::Invalid("DELTA_BYTE_ARRAY: value of {} bytes exceeds 2^31 - 1", value.size());
  }
  const int32_t prefix = CommonPrefix(last_, value);
  RETURN_NOT_OK(prefix_lengths_.Put(&prefix, 1));
  const std::string_view suffix = value.substr(static_cast<size_t>(prefix));
  RETURN_NOT_OK(suffixes_.Put(&suffix, 1));
  last_.assign(value);
  return Status::OK();
}

Status DeltaByteArrayEncoder::Put(const std::string_view* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) RETURN_NOT_OK(PutOne(values[i]));
  return Status::OK();
}

Status DeltaByteArrayEncoder::PutArrow(const int32_t* offsets, const uint8_t* data, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (offsets[i + 1] < offsets[i]) {
      return Status::Invalid("DELTA_BYTE_ARRAY: offsets decrease at value {}", i);
    }
    RETURN_NOT_OK(PutOne(ArrowValue(offsets, data, i)));
  }
  return Status::OK();
}

Status DeltaByteArrayEncoder::Flush(Buffer* out) {
  RETURN_NOT_OK(prefix_lengths_.Flush(out));
  RETURN_NOT_OK(suffixes_.Flush(out));
  last_.clear();
  return Status::OK();
}

int64_t DeltaByteArrayEncoder::EstimatedSize() const {
  return prefix_lengths_.EstimatedSize() + suffixes_.EstimatedSize();
}

// ---------------------------------------------------------------- DBA decoder

Status DeltaByteArrayDecoder::Init(std::span<const uint8_t> data) {
  RETURN_NOT_OK_CTX(prefix_lengths_.Init(data), "DELTA_BYTE_ARRAY prefix lengths");
  Result<int64_t> prefix_size = prefix_lengths_.EncodedLength();
  if (!prefix_size.ok()) return prefix_size.status().WithContext("DELTA_BYTE_ARRAY prefix lengths");
  RETURN_NOT_OK_CTX(suffixes_.Init(data.subspan(static_cast<size_t>(*prefix_size))),
                    "DELTA_BYTE_ARRAY suffixes");
  last_.clear();
  return Status::OK();
}

Status DeltaByteArrayDecoder::DecodeChunk(int64_t n, ByteArrayOutput out) {
  ASSIGN_OR_RETURN(std::span<const uint8_t> suffixes, suffixes_.ReadRaw(n, suffix_scratch_));
  RETURN_NOT_OK_CTX(prefix_lengths_.Decode(prefix_scratch_, n), "DELTA_BYTE_ARRAY prefix lengths");
  // Sizes first, so the output grows once and a bad prefix appends nothing.
  int64_t total = 0;
  int64_t previous = static_cast<int64_t>(last_.size());
  for (int64_t i = 0; i < n; ++i) {
    if (prefix_scratch_[i] < 0 || prefix_scratch_[i] > previous) {
      return Status::Corruption("DELTA_BYTE_ARRAY: prefix length {} with a previous value of {}",
                                prefix_scratch_[i], previous);
    }
    previous = prefix_scratch_[i] + int64_t{suffix_scratch_[i]};
    total += previous;
  }
  ASSIGN_OR_RETURN(ByteArrayAppendSpan span, PrepareByteArrayAppend(out, n, total));
  const uint8_t* prev = reinterpret_cast<const uint8_t*>(last_.data());
  const uint8_t* suffix = suffixes.data();
  uint8_t* dst = span.data;
  int32_t offset = span.data_base;
  for (int64_t i = 0; i < n; ++i) {
    const auto prefix = static_cast<size_t>(prefix_scratch_[i]);
    const auto suffix_len = static_cast<size_t>(suffix_scratch_[i]);
    if (prefix > 0) std::memcpy(dst, prev, prefix);
    if (suffix_len > 0) std::memcpy(dst + prefix, suffix, suffix_len);
    prev = dst;
    dst += prefix + suffix_len;
    suffix += suffix_len;
    offset += static_cast<int32_t>(prefix + suffix_len);
    span.offsets[i] = offset;
  }
  if (n > 0) last_.assign(reinterpret_cast<const char*>(prev), static_cast<size_t>(dst - prev));
  return Status::OK();
}

Status DeltaByteArrayDecoder::DecodeArrow(int64_t n, ByteArrayOutput out) {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("DELTA_BYTE_ARRAY: {} values wanted, {} left", n, values_left());
  }
  for (int64_t start = 0; start < n; start += kChunk) {
    RETURN_NOT_OK(DecodeChunk(std::min(kChunk, n - start), out));
  }
  return Status::OK();
}

Status DeltaByteArrayDecoder::DecodeFixed(uint8_t* out, int64_t n, int width) {
  if (width <= 0) return Status::Corruption("DELTA_BYTE_ARRAY: byte width {}", width);
  if (n < 0 || n > values_left()) {
    return Status::Corruption("DELTA_BYTE_ARRAY: {} values wanted, {} left", n, values_left());
  }
  Buffer offsets;
  Buffer data;
  for (int64_t start = 0; start < n; start += kChunk) {
    const int64_t count = std::min(kChunk, n - start);
    offsets.Clear();
    data.Clear();
    RETURN_NOT_OK(DecodeChunk(count, {&offsets, &data}));
    const auto* ends = offsets.data_as<int32_t>();
    for (int64_t i = 0; i < count; ++i) {
      if (ends[i + 1] - ends[i] != width) {
        return Status::Corruption("DELTA_BYTE_ARRAY: value of {} bytes in a column of width {}",
                                  ends[i + 1] - ends[i], width);
      }
    }
    if (!data.empty()) std::memcpy(out + start * width, data.data(), data.size());
  }
  return Status::OK();
}

Status DeltaByteArrayDecoder::Skip(int64_t n) {
  // Skipped values still feed the prefix of the next one, so they are built.
  Buffer offsets;
  Buffer data;
  for (int64_t start = 0; start < n; start += kChunk) {
    offsets.Clear();
    data.Clear();
    RETURN_NOT_OK(DecodeChunk(std::min(kChunk, n - start), {&offsets, &data}));
  }
  return Status::OK();
}

}  // namespace strata::parquet
