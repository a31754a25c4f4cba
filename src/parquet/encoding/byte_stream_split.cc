#include "parquet/encoding/byte_stream_split.h"

#include <cstring>

namespace strata::parquet {
namespace {

// Fixed widths get their own loops: with K known the compiler keeps all K
// stream pointers in registers and vectorises the interleave.
template <int K>
void ScatterFixed(const uint8_t* values, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    for (int k = 0; k < K; ++k) out[k * n + i] = values[i * K + k];
  }
}

template <int K>
void GatherFixed(const uint8_t* streams, int64_t stride, int64_t n, uint8_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    for (int k = 0; k < K; ++k) out[i * K + k] = streams[k * stride + i];
  }
}

void Scatter(const uint8_t* values, int64_t n, int width, uint8_t* out) {
  switch (width) {
    case 2: return ScatterFixed<2>(values, n, out);
    case 4: return ScatterFixed<4>(values, n, out);
    case 8: return ScatterFixed<8>(values, n, out);
    default: break;
  }
  for (int k = 0; k < width; ++k) {
    for (int64_t i = 0; i < n; ++i) out[k * n + i] = values[i * width + k];
  }
}

void Gather(const uint8_t* streams, int64_t stride, int64_t n, int width, uint8_t* out) {
  switch (width) {
    case 2: return GatherFixed<2>(streams, stride, n, out);
    case 4: return GatherFixed<4>(streams, stride, n, out);
    case 8: return GatherFixed<8>(streams, stride, n, out);
    default: break;
  }
  for (int k = 0; k < width; ++k) {
    for (int64_t i = 0; i < n; ++i) out[i * width + k] = streams[k * stride + i];
  }
}

}  // namespace

Status ByteStreamSplitEncoder::Flush(Buffer* out) {
  const int64_t n = static_cast<int64_t>(values_.size()) / byte_width_;
  const size_t at = out->size();
  RETURN_NOT_OK(out->Resize(at + values_.size()));
  Scatter(values_.data(), n, byte_width_, out->mutable_data() + at);
  values_.Clear();
  return Status::OK();
}

Status ByteStreamSplitDecoder::Init(std::span<const uint8_t> data, int byte_width) {
  if (byte_width <= 0) {
    return Status::Corruption("BYTE_STREAM_SPLIT: byte width {}", byte_width);
  }
  if (data.size() % static_cast<size_t>(byte_width) != 0) {
    return Status::Corruption("BYTE_STREAM_SPLIT: {} bytes are not a multiple of the width {}",
                              data.size(), byte_width);
  }
  data_ = data.data();
  byte_width_ = byte_width;
  num_values_ = static_cast<int64_t>(data.size()) / byte_width;
  position_ = 0;
  return Status::OK();
}

Status ByteStreamSplitDecoder::Decode(uint8_t* out, int64_t n) {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("BYTE_STREAM_SPLIT: {} values wanted, {} left", n, values_left());
  }
  if (n == 0) return Status::OK();
  Gather(data_ + position_, num_values_, n, byte_width_, out);
  position_ += n;
  return Status::OK();
}

Status ByteStreamSplitDecoder::Skip(int64_t n) {
  if (n < 0 || n > values_left()) {
    return Status::Corruption("BYTE_STREAM_SPLIT: {} values skipped, {} left", n, values_left());
  }
  position_ += n;
  return Status::OK();
}

}  // namespace strata::parquet
