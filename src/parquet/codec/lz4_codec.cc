// LZ4_RAW: one plain LZ4 block, the only LZ4 flavour strata writes.
// LZ4 (deprecated): what parquet-java wrote through Hadoop's codec, a sequence
// of frames [u32 BE uncompressed size][u32 BE compressed size][LZ4 block];
// some old writers put a raw block there instead, so reading tries the
// framing first and falls back to a raw block. It is never written.
#include <lz4.h>

#include <algorithm>
#include <climits>

#include "parquet/codec/codec_internal.h"

namespace strata::parquet::internal {
namespace {

constexpr size_t kHadoopFrameHeaderBytes = 8;

const char* AsChars(const uint8_t* bytes) { return reinterpret_cast<const char*>(bytes); }

uint32_t LoadBigEndian32(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         uint32_t{bytes[3]};
}

// The decoded size of one LZ4 block written into `output`, or -1 when the
// block is malformed or does not fit.
int64_t DecodeBlock(std::span<const uint8_t> input, std::span<uint8_t> output) {
  // The library counts in int. Only a diagnosis scratch buffer can be larger
  // (pages are at most INT32_MAX), and clipping it loses nothing.
  const size_t capacity = std::min<size_t>(output.size(), INT_MAX);
  return LZ4_decompress_safe(AsChars(NonNullData(input)),
                             reinterpret_cast<char*>(NonNullData(output)),
                             static_cast<int>(input.size()), static_cast<int>(capacity));
}

// Decodes a raw block into exactly `output`, naming the sizes on mismatch.
Status DecompressRawBlock(std::string_view codec, std::span<const uint8_t> input,
                          std::span<uint8_t> output, std::string_view failure) {
  int64_t decoded = DecodeBlock(input, output);
  if (decoded == static_cast<int64_t>(output.size())) return Status::OK();
  if (decoded >= 0) return SizeMismatch(codec, output.size(), static_cast<size_t>(decoded));
  // LZ4 reports "corrupt" and "too big for the output" alike: replay to tell.
  return DiagnoseFailure(codec, output.size(), failure,
                         [&](std::span<uint8_t> scratch) -> std::optional<size_t> {
                           int64_t n = DecodeBlock(input, scratch);
                           if (n < 0) return std::nullopt;
                           return static_cast<size_t>(n);
                         });
}

// LZ4's own bound (LZ4_COMPRESSBOUND), in 64 bits: the library's int version
// gives 0 near the 2 GiB page limit.
int64_t Lz4BlockBound(int64_t input_size) { return input_size + input_size / 255 + 16; }

class Lz4RawCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kLz4Raw; }
  int64_t MaxCompressedLength(int64_t input_size) const override {
    return Lz4BlockBound(input_size);
  }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    if (input.size() > LZ4_MAX_INPUT_SIZE) {
      return Status::Invalid("{}: {} bytes exceed LZ4's block limit of {}", name(), input.size(),
                             LZ4_MAX_INPUT_SIZE);
    }
    const size_t capacity = std::min<size_t>(output.size(), INT_MAX);
    int written =
        LZ4_compress_default(AsChars(NonNullData(input)), reinterpret_cast<char*>(output.data()),
                             static_cast<int>(input.size()), static_cast<int>(capacity));
    if (written <= 0) return Status::Internal("{}: compression failed", name());
    return static_cast<size_t>(written);
  }

  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override {
    return DecompressRawBlock(name(), input, output, "corrupt LZ4 block");
  }
};

// The total uncompressed size the Hadoop frames in `input` announce, when
// their length prefixes chain exactly to the end of `input`; nullopt when
// `input` is not a well-formed frame sequence.
std::optional<uint64_t> HadoopFramedSize(std::span<const uint8_t> input) {
  uint64_t total = 0;
  while (!input.empty()) {
    if (input.size() < kHadoopFrameHeaderBytes) return std::nullopt;
    uint32_t compressed = LoadBigEndian32(input.data() + 4);
    if (compressed > input.size() - kHadoopFrameHeaderBytes) return std::nullopt;
    total += LoadBigEndian32(input.data());
    input = input.subspan(kHadoopFrameHeaderBytes + compressed);
  }
  return total;
}

// REQUIRES: HadoopFramedSize(input) == output.size().
bool DecodeHadoopFrames(std::span<const uint8_t> input, std::span<uint8_t> output) {
  while (!input.empty()) {
    uint32_t uncompressed = LoadBigEndian32(input.data());
    uint32_t compressed = LoadBigEndian32(input.data() + 4);
    std::span<const uint8_t> block = input.subspan(kHadoopFrameHeaderBytes, compressed);
    // LZ4 has no zero-byte block, so an empty frame can only stand for nothing.
    if (block.empty() ? uncompressed != 0
                      : DecodeBlock(block, output.first(uncompressed)) != int64_t{uncompressed}) {
      return false;
    }
    input = input.subspan(kHadoopFrameHeaderBytes + compressed);
    output = output.subspan(uncompressed);
  }
  return true;
}

class Lz4HadoopCodec final : public Codec {
 public:
  CompressionCodec codec() const override { return CompressionCodec::kLz4; }
  int64_t MaxCompressedLength(int64_t input_size) const override {
    return Lz4BlockBound(input_size) + static_cast<int64_t>(kHadoopFrameHeaderBytes);
  }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> /*input*/,
                            std::span<uint8_t> /*output*/) override {
    return Status::NotImplemented(
        "LZ4 (Hadoop-framed) is deprecated by the Parquet spec and not written; use LZ4_RAW");
  }

  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override;
};

Status Lz4HadoopCodec::DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  std::optional<uint64_t> framed = HadoopFramedSize(input);
  if (framed == output.size() && DecodeHadoopFrames(input, output)) return Status::OK();
  if (!framed.has_value()) {
    return DecompressRawBlock(name(), input, output,
                              "data is neither Hadoop-framed LZ4 nor a valid LZ4 block");
  }
  // Well-formed framing is only a coincidence when a raw block still decodes.
  if (DecodeBlock(input, output) == static_cast<int64_t>(output.size())) return Status::OK();
  if (*framed != output.size()) {
    return Status::Corruption(
        "{}: decompressed size mismatch: expected {} bytes, got {} (Hadoop framing)", name(),
        output.size(), *framed);
  }
  return Status::Corruption("{}: corrupt LZ4 block inside Hadoop framing", name());
}

}  // namespace

Result<std::unique_ptr<Codec>> MakeLz4RawCodec() { return std::make_unique<Lz4RawCodec>(); }
Result<std::unique_ptr<Codec>> MakeLz4HadoopCodec() { return std::make_unique<Lz4HadoopCodec>(); }

}  // namespace strata::parquet::internal
