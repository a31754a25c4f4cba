// Fuzz entry point for every decoder in parquet/encoding. The first three
// bytes choose the decoder, a parameter (bit width, byte width, dictionary
// size) and the value count; the rest is the page body. Decoders must return
// a Status for any input: crashes, hangs, out-of-bounds reads and unbounded
// allocations are the bugs this looks for.
//
// Built with clang's libFuzzer when available; a replay test runs the same
// function over deterministic inputs in every build.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "parquet/encoding/byte_stream_split.h"
#include "parquet/encoding/delta_binary_packed.h"
#include "parquet/encoding/delta_byte_array.h"
#include "parquet/encoding/dictionary.h"
#include "parquet/encoding/plain.h"
#include "parquet/encoding/rle_bit_packed.h"

namespace strata::parquet {
namespace {

// Results are ignored on purpose: any Status is an acceptable outcome.
template <typename T>
void FuzzPlain(std::span<const uint8_t> body, int64_t n) {
  PlainDecoder<T> decoder;
  std::vector<T> out(static_cast<size_t>(n));
  (void)decoder.Init(body);
  (void)decoder.Skip(1);
  (void)decoder.Decode(out.data(), n);
}

void FuzzPlainBoolean(std::span<const uint8_t> body, int64_t n) {
  PlainBooleanDecoder decoder;
  std::vector<uint8_t> out(static_cast<size_t>(n) + 8);
  (void)decoder.Init(body);
  (void)decoder.Decode(out.data(), n / 2);
  (void)decoder.DecodeBitmap(out.data(), 3, n / 2);
}

void FuzzPlainByteArray(std::span<const uint8_t> body, int64_t n) {
  PlainByteArrayDecoder decoder;
  std::vector<std::string_view> views(static_cast<size_t>(n));
  (void)decoder.Init(body);
  (void)decoder.Decode(views.data(), n / 2);
  Buffer offsets;
  Buffer data;
  (void)decoder.DecodeArrow(n - n / 2, {&offsets, &data});
}

void FuzzPlainFlba(std::span<const uint8_t> body, int64_t n, int width) {
  PlainFixedLenByteArrayDecoder decoder;
  if (!decoder.Init(body, width).ok()) return;
  std::vector<uint8_t> out(static_cast<size_t>(n * width));
  (void)decoder.Decode(out.data(), n);
}

void FuzzRle(std::span<const uint8_t> body, int64_t n, int bit_width) {
  RleBitPackedDecoder decoder;
  if (!decoder.Init(body, bit_width).ok()) return;
  std::vector<uint32_t> out(static_cast<size_t>(n));
  (void)decoder.GetBatch(out.data(), n / 3);
  (void)decoder.Skip(n / 3);
  std::vector<int16_t> levels(static_cast<size_t>(n));
  (void)decoder.GetBatch(levels.data(), n - 2 * (n / 3));
  (void)ReadRleLengthPrefix(body);
}

void FuzzLegacyBitPacked(std::span<const uint8_t> body, int64_t n, int bit_width) {
  BitPackedLegacyDecoder decoder;
  if (!decoder.Init(body, bit_width).ok()) return;
  std::vector<int16_t> out(static_cast<size_t>(n));
  (void)decoder.GetBatch(out.data(), n);
}

void FuzzDictionary(std::span<const uint8_t> body, int64_t n, int entries) {
  // The parameter splits the body into a dictionary page and a data page.
  const size_t split = std::min(body.size(), static_cast<size_t>(entries) * 4);
  DictionaryDecoder<int32_t> ints;
  std::vector<int32_t> out(static_cast<size_t>(n));
  if (ints.SetDictionary(body.first(split), entries).ok() && ints.Init(body.subspan(split)).ok()) {
    (void)ints.Decode(out.data(), n);
  }
  ByteArrayDictionaryDecoder strings;
  if (strings.SetDictionary(body.first(split), entries % 8).ok() &&
      strings.Init(body.subspan(split)).ok()) {
    Buffer offsets;
    Buffer data;
    (void)strings.DecodeArrow(n, {&offsets, &data});
  }
}

template <typename T>
void FuzzDeltaBinaryPacked(std::span<const uint8_t> body, int64_t n) {
  DeltaBinaryPackedDecoder<T> decoder;
  if (!decoder.Init(body).ok()) return;
  (void)decoder.EncodedLength();
  std::vector<T> out(static_cast<size_t>(n));
  (void)decoder.Skip(n / 4);
  (void)decoder.Decode(out.data(), n - n / 4);
}

void FuzzDeltaLength(std::span<const uint8_t> body, int64_t n) {
  DeltaLengthByteArrayDecoder decoder;
  if (!decoder.Init(body).ok()) return;
  std::vector<std::string_view> views(static_cast<size_t>(n));
  (void)decoder.Decode(views.data(), n / 2);
  Buffer offsets;
  Buffer data;
  (void)decoder.DecodeArrow(n - n / 2, {&offsets, &data});
}

void FuzzDeltaByteArray(std::span<const uint8_t> body, int64_t n) {
  DeltaByteArrayDecoder decoder;
  if (!decoder.Init(body).ok()) return;
  (void)decoder.Skip(n / 4);
  Buffer offsets;
  Buffer data;
  (void)decoder.DecodeArrow(n / 2, {&offsets, &data});
  std::vector<uint8_t> fixed(static_cast<size_t>(n) * 4);
  (void)decoder.DecodeFixed(fixed.data(), n - n / 4 - n / 2, 4);
}

void FuzzByteStreamSplit(std::span<const uint8_t> body, int64_t n, int width) {
  ByteStreamSplitDecoder decoder;
  if (!decoder.Init(body, width).ok()) return;
  std::vector<uint8_t> out(static_cast<size_t>(n * width));
  (void)decoder.Decode(out.data(), n);
}

}  // namespace
}  // namespace strata::parquet

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace strata::parquet;  // NOLINT(google-build-using-namespace): entry point only.
  if (size < 3) return 0;
  const int selector = data[0] % 17;
  const int param = data[1];
  // Up to 4096 values keeps every output buffer small.
  const int64_t n = int64_t{data[2]} * 16 + (param & 15);
  const std::span<const uint8_t> body(data + 3, size - 3);
  switch (selector) {
    case 0: FuzzPlain<int32_t>(body, n); break;
    case 1: FuzzPlain<int64_t>(body, n); break;
    case 2: FuzzPlain<Int96>(body, n); break;
    case 3: FuzzPlain<double>(body, n); break;
    case 4: FuzzPlainBoolean(body, n); break;
    case 5: FuzzPlainByteArray(body, n); break;
    case 6: FuzzPlainFlba(body, n, param % 20 - 1); break;
    case 7: FuzzRle(body, n, param % 35 - 1); break;
    case 8: FuzzLegacyBitPacked(body, n, param % 35 - 1); break;
    case 9: FuzzDictionary(body, n, param); break;
    case 10: FuzzDeltaBinaryPacked<int32_t>(body, n); break;
    case 11: FuzzDeltaBinaryPacked<int64_t>(body, n); break;
    case 12: FuzzDeltaLength(body, n); break;
    case 13: FuzzDeltaByteArray(body, n); break;
    case 14: FuzzByteStreamSplit(body, n, param % 18 - 1); break;
    case 15: FuzzPlain<float>(body, n); break;
    default: FuzzRle(body, n, 1); break;
  }
  return 0;
}
