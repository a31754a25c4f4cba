// ZSTD: RFC 8878 frames. A page may hold several frames (and skippable
// frames); they decode as the concatenation. The frame's own content-size
// field is optional and untrusted: the page header's size is what counts.
#include <zstd.h>
#include <zstd_errors.h>

#include "parquet/codec/codec_internal.h"

namespace strata::parquet::internal {
namespace {

constexpr int kDefaultLevel = 3;

struct CCtxDeleter {
  void operator()(ZSTD_CCtx* ctx) const { ZSTD_freeCCtx(ctx); }
};
struct DCtxDeleter {
  void operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }
};

class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level) {}

  CompressionCodec codec() const override { return CompressionCodec::kZstd; }

  int64_t MaxCompressedLength(int64_t input_size) const override {
    return static_cast<int64_t>(ZSTD_compressBound(static_cast<size_t>(input_size)));
  }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) override;
  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override;

 private:
  // One-shot decompression of every frame in `input` into `output`: the
  // decoded size, or a zstd error code (ZSTD_isError).
  size_t DecodeFrames(std::span<const uint8_t> input, std::span<uint8_t> output) {
    return ZSTD_decompressDCtx(dctx_.get(), NonNullData(output), output.size(), NonNullData(input),
                               input.size());
  }

  int level_;
  // Created on first use and reused: a context holds sizeable tables.
  std::unique_ptr<ZSTD_CCtx, CCtxDeleter> cctx_;
  std::unique_ptr<ZSTD_DCtx, DCtxDeleter> dctx_;
};

Result<size_t> ZstdCodec::DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  if (cctx_ == nullptr) cctx_.reset(ZSTD_createCCtx());
  if (cctx_ == nullptr) return Status::ResourceExhausted("{}: cannot create a context", name());
  size_t written = ZSTD_compressCCtx(cctx_.get(), output.data(), output.size(), NonNullData(input),
                                     input.size(), level_);
  if (ZSTD_isError(written) != 0) {
    return Status::Internal("{}: compression failed: {}", name(), ZSTD_getErrorName(written));
  }
  return written;
}

Status ZstdCodec::DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  if (dctx_ == nullptr) dctx_.reset(ZSTD_createDCtx());
  if (dctx_ == nullptr) return Status::ResourceExhausted("{}: cannot create a context", name());
  size_t decoded = DecodeFrames(input, output);
  if (ZSTD_isError(decoded) == 0) {
    if (decoded != output.size()) return SizeMismatch(name(), output.size(), decoded);
    return Status::OK();
  }
  if (ZSTD_getErrorCode(decoded) != ZSTD_error_dstSize_tooSmall) {
    return Status::Corruption("{}: {}", name(), ZSTD_getErrorName(decoded));
  }
  return DiagnoseFailure(name(), output.size(), "data decompresses to more than expected",
                         [&](std::span<uint8_t> scratch) -> std::optional<size_t> {
                           size_t n = DecodeFrames(input, scratch);
                           if (ZSTD_isError(n) != 0) return std::nullopt;
                           return n;
                         });
}

}  // namespace

Result<std::unique_ptr<Codec>> MakeZstdCodec(std::optional<int> level) {
  int chosen = level.value_or(kDefaultLevel);
  if (chosen < ZSTD_minCLevel() || chosen > ZSTD_maxCLevel()) {
    return Status::Invalid("ZSTD: compression level {} is outside {}..{}", chosen, ZSTD_minCLevel(),
                           ZSTD_maxCLevel());
  }
  return std::make_unique<ZstdCodec>(chosen);
}

}  // namespace strata::parquet::internal
