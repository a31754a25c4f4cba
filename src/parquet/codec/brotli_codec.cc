// BROTLI: one RFC 7932 stream per page.
#include <brotli/decode.h>
#include <brotli/encode.h>

#include <array>

#include "parquet/codec/codec_internal.h"

namespace strata::parquet::internal {
namespace {

// Quality 5 is where brotli starts its context modelling: on page data it
// compresses better than GZIP at a similar speed; 9..11 are far slower.
constexpr int kDefaultQuality = 5;
// The library's default window: 4 MiB, larger than most pages anyway.
constexpr int kWindowBits = BROTLI_DEFAULT_WINDOW;

struct DecoderDeleter {
  void operator()(BrotliDecoderState* state) const { BrotliDecoderDestroyInstance(state); }
};
using Decoder = std::unique_ptr<BrotliDecoderState, DecoderDeleter>;

// Where a streaming decode stands: the library's cursor over both buffers.
struct Cursor {
  size_t avail_in;
  const uint8_t* next_in;
  size_t avail_out;
  uint8_t* next_out;

  BrotliDecoderResult Step(BrotliDecoderState* state) {
    return BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out,
                                         nullptr);
  }
};

class BrotliCodec final : public Codec {
 public:
  explicit BrotliCodec(int quality) : quality_(quality) {}

  CompressionCodec codec() const override { return CompressionCodec::kBrotli; }

  int64_t MaxCompressedLength(int64_t input_size) const override {
    return static_cast<int64_t>(BrotliEncoderMaxCompressedSize(static_cast<size_t>(input_size)));
  }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    size_t written = output.size();
    if (BrotliEncoderCompress(quality_, kWindowBits, BROTLI_MODE_GENERIC, input.size(),
                              NonNullData(input), &written, output.data()) == BROTLI_FALSE) {
      return Status::Internal("{}: compression failed", name());
    }
    return written;
  }

  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override;

 private:
  Status DecodeError(BrotliDecoderState* state) const {
    return Status::Corruption("{}: invalid stream ({})", name(),
                              BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state)));
  }
  Status MeasureOverflow(BrotliDecoderState* state, Cursor cursor, size_t expected) const;

  int quality_;
};

// Brotli has no reset call, so each page gets a fresh decoder; its ring
// buffer is bounded by the 16 MiB largest standard window.
Status BrotliCodec::DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  Decoder decoder(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
  if (decoder == nullptr) return Status::ResourceExhausted("{}: cannot create a decoder", name());
  Cursor cursor{input.size(), input.data(), output.size(), NonNullData(output)};
  switch (cursor.Step(decoder.get())) {
    case BROTLI_DECODER_RESULT_SUCCESS: break;
    case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
      return Status::Corruption("{}: truncated data: the stream ends early", name());
    case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
      return MeasureOverflow(decoder.get(), cursor, output.size());
    case BROTLI_DECODER_RESULT_ERROR: return DecodeError(decoder.get());
  }
  if (cursor.avail_in != 0) {
    return Status::Corruption("{}: {} stray bytes after the end of the stream", name(),
                              cursor.avail_in);
  }
  if (cursor.avail_out != 0) {
    return SizeMismatch(name(), output.size(), output.size() - cursor.avail_out);
  }
  return Status::OK();
}

// The output is full but the stream goes on: decodes the rest into a small
// spill buffer, up to kDiagnosisSlack, only to report the real size.
Status BrotliCodec::MeasureOverflow(BrotliDecoderState* state, Cursor cursor,
                                    size_t expected) const {
  std::array<uint8_t, 4096> spill;
  size_t extra = 0;
  BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT && extra <= kDiagnosisSlack) {
    cursor.avail_out = spill.size();
    cursor.next_out = spill.data();
    result = cursor.Step(state);
    extra += spill.size() - cursor.avail_out;
  }
  if (result == BROTLI_DECODER_RESULT_SUCCESS) {
    return SizeMismatch(name(), expected, expected + extra);
  }
  if (result == BROTLI_DECODER_RESULT_ERROR) return DecodeError(state);
  return LargerThanExpected(name(), expected, expected + extra);
}

}  // namespace

Result<std::unique_ptr<Codec>> MakeBrotliCodec(std::optional<int> level) {
  int chosen = level.value_or(kDefaultQuality);
  if (chosen < BROTLI_MIN_QUALITY || chosen > BROTLI_MAX_QUALITY) {
    return Status::Invalid("BROTLI: compression level {} is outside {}..{}", chosen,
                           BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY);
  }
  return std::make_unique<BrotliCodec>(chosen);
}

}  // namespace strata::parquet::internal
