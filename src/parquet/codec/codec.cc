#include "parquet/codec/codec.h"

#include <cstring>

#include "parquet/codec/codec_internal.h"

namespace strata::parquet {
namespace {

class UncompressedCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kUncompressed; }
  int64_t MaxCompressedLength(int64_t input_size) const override { return input_size; }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (!input.empty()) std::memcpy(output.data(), input.data(), input.size());
    return input.size();
  }

  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (input.size() != output.size()) {
      return internal::SizeMismatch(name(), output.size(), input.size());
    }
    std::memcpy(output.data(), input.data(), input.size());
    return Status::OK();
  }
};

Status NoLevel(CompressionCodec codec) {
  return Status::Invalid("{} does not take a compression level", CompressionCodecName(codec));
}

Status CheckPageSize(std::string_view codec, size_t size) {
  if (size <= static_cast<size_t>(Codec::kMaxPageBytes)) return Status::OK();
  return Status::Invalid("{}: {} bytes exceed the largest Parquet page ({} bytes)", codec, size,
                         Codec::kMaxPageBytes);
}

}  // namespace

Result<std::unique_ptr<Codec>> Codec::Make(CompressionCodec codec, std::optional<int> level) {
  if (level.has_value() && !SupportsCompressionLevel(codec)) return NoLevel(codec);
  switch (codec) {
    case CompressionCodec::kUncompressed: return std::make_unique<UncompressedCodec>();
    case CompressionCodec::kSnappy: return internal::MakeSnappyCodec();
    case CompressionCodec::kGzip: return internal::MakeGzipCodec(level);
    case CompressionCodec::kZstd: return internal::MakeZstdCodec(level);
    case CompressionCodec::kBrotli: return internal::MakeBrotliCodec(level);
    case CompressionCodec::kLz4Raw: return internal::MakeLz4RawCodec();
    case CompressionCodec::kLz4: return internal::MakeLz4HadoopCodec();
    case CompressionCodec::kLzo:
      return Status::NotImplemented("LZO-compressed Parquet is not supported");
  }
  return Status::Invalid("unknown compression codec {}", static_cast<int32_t>(codec));
}

bool Codec::SupportsCompressionLevel(CompressionCodec codec) {
  return codec == CompressionCodec::kGzip || codec == CompressionCodec::kZstd ||
         codec == CompressionCodec::kBrotli;
}

Status Codec::Compress(std::span<const uint8_t> input, Buffer* output) {
  RETURN_NOT_OK(CheckPageSize(name(), input.size()));
  const size_t start = output->size();
  const auto bound = static_cast<size_t>(MaxCompressedLength(static_cast<int64_t>(input.size())));
  RETURN_NOT_OK(output->Resize(start + bound));
  Result<size_t> written = DoCompress(input, {output->mutable_data() + start, bound});
  // Shrinking never allocates, so these Resize calls cannot fail.
  if (!written.ok()) {
    static_cast<void>(output->Resize(start));
    return written.status();
  }
  DCHECK(*written <= bound);
  return output->Resize(start + *written);
}

Status Codec::Decompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  RETURN_NOT_OK(CheckPageSize(name(), input.size()));
  RETURN_NOT_OK(CheckPageSize(name(), output.size()));
  // Several libraries reject or misread a zero-byte input, and a v2 page with
  // no values legitimately stores one, so it never reaches them.
  if (input.empty()) {
    if (output.empty()) return Status::OK();
    return internal::SizeMismatch(name(), output.size(), 0);
  }
  return DoDecompress(input, output);
}

}  // namespace strata::parquet
