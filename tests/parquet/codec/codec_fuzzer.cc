// libFuzzer entry point for the decompressors. Input layout:
//   byte 0      codec (index into kCodecs)
//   bytes 1..3  output size, little-endian, below 1 MiB
//   the rest    compressed bytes
// Every decompression must end OK or with Corruption (never crash, hang or
// read/write out of bounds: run under ASan), and the same bytes compressed by
// each writable codec must decompress back to themselves.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <span>
#include <vector>

#include "common/buffer.h"
#include "parquet/codec/codec.h"

namespace strata::parquet {
namespace {

constexpr CompressionCodec kCodecs[] = {
    CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
    CompressionCodec::kBrotli,       CompressionCodec::kLz4,    CompressionCodec::kZstd,
    CompressionCodec::kLz4Raw,
};
constexpr size_t kNumCodecs = std::size(kCodecs);

[[noreturn]] void Fail(const Codec& codec, const char* what, const Status& st) {
  std::fprintf(stderr, "%.*s: %s: %s\n", static_cast<int>(codec.name().size()), codec.name().data(),
               what, st.ToString().c_str());
  std::abort();
}

// One codec object per kind, reused across inputs as a reader would reuse
// them across pages, so state left behind by a failure is exercised too.
Codec& CachedCodec(size_t index) {
  static std::unique_ptr<Codec> codecs[kNumCodecs];
  if (codecs[index] == nullptr) codecs[index] = std::move(Codec::Make(kCodecs[index])).ValueOrDie();
  return *codecs[index];
}

void CheckRoundTrip(Codec& codec, std::span<const uint8_t> raw) {
  if (codec.codec() == CompressionCodec::kLz4) return;  // never written
  Buffer compressed;
  Status st = codec.Compress(raw, &compressed);
  if (!st.ok()) Fail(codec, "compress", st);
  std::vector<uint8_t> back(raw.size());
  st = codec.Decompress(compressed.span(), back);
  if (!st.ok()) Fail(codec, "round trip", st);
  if (!std::equal(back.begin(), back.end(), raw.begin())) {
    Fail(codec, "round trip", Status::Internal("bytes differ"));
  }
}

}  // namespace
}  // namespace strata::parquet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using strata::parquet::CachedCodec;
  using strata::parquet::kNumCodecs;
  if (size < 4) return 0;
  strata::parquet::Codec& codec = CachedCodec(data[0] % kNumCodecs);
  const size_t output_size = data[1] | size_t{data[2]} << 8 | size_t{data[3]} % 16 << 16;
  std::span<const uint8_t> payload(data + 4, size - 4);
  std::vector<uint8_t> output(output_size);
  strata::Status st = codec.Decompress(payload, output);
  if (!st.ok() && !st.IsCorruption()) strata::parquet::Fail(codec, "decompress", st);
  strata::parquet::CheckRoundTrip(codec, payload);
  return 0;
}
