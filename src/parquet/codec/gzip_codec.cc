// GZIP: RFC 1952 members (not bare zlib or deflate streams). One member is
// written; a page holding several concatenated members is read as the
// concatenation, as the spec asks of readers.
#define ZLIB_CONST
#include <zlib.h>

#include <array>

#include "parquet/codec/codec_internal.h"

namespace strata::parquet::internal {
namespace {

constexpr int kDefaultLevel = 6;
// 15 = the largest window; +16 writes a gzip wrapper, +32 reads either a
// gzip or a zlib wrapper, detected from the header.
constexpr int kGzipWriteBits = 15 + 16;
constexpr int kAutoDetectReadBits = 15 + 32;
constexpr int kMemLevel = 8;  // zlib's default
// compressBound() budgets zlib's 6-byte wrapper; gzip's takes 18.
constexpr int64_t kGzipExtraWrapperBytes = 12;

class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level) {}
  GzipCodec(const GzipCodec&) = delete;
  GzipCodec& operator=(const GzipCodec&) = delete;
  ~GzipCodec() override {
    if (deflate_ready_) deflateEnd(&deflate_);
    if (inflate_ready_) inflateEnd(&inflate_);
  }

  CompressionCodec codec() const override { return CompressionCodec::kGzip; }

  int64_t MaxCompressedLength(int64_t input_size) const override {
    return static_cast<int64_t>(compressBound(static_cast<uLong>(input_size))) +
           kGzipExtraWrapperBytes;
  }

 protected:
  Result<size_t> DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) override;
  Status DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) override;

 private:
  Status ResetDeflate();
  Status ResetInflate();
  // OK for Z_OK, otherwise the error with zlib's message.
  Status ZlibStatus(int code, const z_stream& stream) const;

  int level_;
  // The streams are initialised on first use and reset between calls, which
  // saves zlib's window and hash-table allocations on every page.
  z_stream deflate_{};
  z_stream inflate_{};
  bool deflate_ready_ = false;
  bool inflate_ready_ = false;
};

Status GzipCodec::ZlibStatus(int code, const z_stream& stream) const {
  const char* detail = stream.msg != nullptr ? stream.msg : zError(code);
  switch (code) {
    case Z_OK: return Status::OK();
    case Z_MEM_ERROR: return Status::ResourceExhausted("{}: zlib is out of memory", name());
    case Z_STREAM_ERROR:
    case Z_VERSION_ERROR: return Status::Internal("{}: zlib misuse: {}", name(), detail);
    default: return Status::Corruption("{}: {}", name(), detail);
  }
}

Status GzipCodec::ResetDeflate() {
  if (deflate_ready_) return ZlibStatus(deflateReset(&deflate_), deflate_);
  RETURN_NOT_OK(ZlibStatus(
      deflateInit2(&deflate_, level_, Z_DEFLATED, kGzipWriteBits, kMemLevel, Z_DEFAULT_STRATEGY),
      deflate_));
  deflate_ready_ = true;
  return Status::OK();
}

Status GzipCodec::ResetInflate() {
  if (inflate_ready_) return ZlibStatus(inflateReset(&inflate_), inflate_);
  RETURN_NOT_OK(ZlibStatus(inflateInit2(&inflate_, kAutoDetectReadBits), inflate_));
  inflate_ready_ = true;
  return Status::OK();
}

Result<size_t> GzipCodec::DoCompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  RETURN_NOT_OK(ResetDeflate());
  deflate_.next_in = input.data();
  deflate_.avail_in = static_cast<uInt>(input.size());
  deflate_.next_out = output.data();
  deflate_.avail_out = static_cast<uInt>(output.size());
  int rc = deflate(&deflate_, Z_FINISH);
  if (rc != Z_STREAM_END) {
    return Status::Internal("{}: deflate did not finish ({}) within {} bytes", name(), rc,
                            output.size());
  }
  return static_cast<size_t>(deflate_.total_out);
}

// Inflates member after member. Once `output` is full, inflation goes on
// into a small spill buffer only to count how much larger the data is, up to
// kDiagnosisSlack, so the error can state the real size.
Status GzipCodec::DoDecompress(std::span<const uint8_t> input, std::span<uint8_t> output) {
  RETURN_NOT_OK(ResetInflate());
  z_stream& z = inflate_;
  z.next_in = input.data();
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = output.data();
  z.avail_out = static_cast<uInt>(output.size());
  std::array<uint8_t, 4096> spill;
  bool spilling = false;
  size_t spilled = 0;  // bytes past `output` in spill buffers already full
  while (true) {
    if (z.avail_out == 0) {
      if (spilling) spilled += spill.size();
      if (spilled > kDiagnosisSlack) {
        return LargerThanExpected(name(), output.size(), output.size() + spilled);
      }
      spilling = true;
      z.next_out = spill.data();
      z.avail_out = static_cast<uInt>(spill.size());
    }
    int rc = inflate(&z, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      // Another member follows (or trailing garbage, which its header check rejects).
      RETURN_NOT_OK(ZlibStatus(inflateReset(&z), z));
      continue;
    }
    // Output space was available, so a buffer error means the input ran out.
    if (rc == Z_BUF_ERROR) {
      return Status::Corruption("{}: truncated data: the stream ends before its trailer", name());
    }
    RETURN_NOT_OK(ZlibStatus(rc, z));
  }
  size_t total = spilling ? output.size() + spilled + (spill.size() - z.avail_out)
                          : output.size() - z.avail_out;
  if (total != output.size()) return SizeMismatch(name(), output.size(), total);
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Codec>> MakeGzipCodec(std::optional<int> level) {
  int chosen = level.value_or(kDefaultLevel);
  if (chosen < Z_NO_COMPRESSION || chosen > Z_BEST_COMPRESSION) {
    return Status::Invalid("GZIP: compression level {} is outside {}..{}", chosen, Z_NO_COMPRESSION,
                           Z_BEST_COMPRESSION);
  }
  return std::make_unique<GzipCodec>(chosen);
}

}  // namespace strata::parquet::internal
