#include "cli/gzip_file.h"

#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <vector>

namespace strata::cli {
namespace {

// 15 = the largest window; +16 writes a gzip wrapper instead of zlib's.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;  // zlib's default.
// Compressed bytes are handed to the inner file in pieces of this size, so
// its writes stay large without holding much.
constexpr size_t kOutputBufferBytes = 256 * 1024;

class GzipWritableFile final : public WritableFile {
 public:
  explicit GzipWritableFile(std::unique_ptr<WritableFile> inner)
      : WritableFile(inner->path()), inner_(std::move(inner)), out_(kOutputBufferBytes) {}
  GzipWritableFile(const GzipWritableFile&) = delete;
  GzipWritableFile& operator=(const GzipWritableFile&) = delete;
  ~GzipWritableFile() override {
    if (stream_ready_) deflateEnd(&stream_);
  }

  Status Init(int level) {
    int rc =
        deflateInit2(&stream_, level, Z_DEFLATED, kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY);
    RETURN_NOT_OK(ZlibStatus(rc));
    stream_ready_ = true;
    return Status::OK();
  }

  // Z_SYNC_FLUSH ends the deflate block, so everything appended so far can
  // be decompressed from what the inner file holds.
  Status Flush() override {
    RETURN_NOT_OK(CheckOpen());
    RETURN_NOT_OK(Deflate({}, Z_SYNC_FLUSH));
    return inner_->Flush();
  }
  Status Sync() override {
    RETURN_NOT_OK(Flush());
    return inner_->Sync();
  }
  Status Close() override {
    if (closed_) return Status::OK();
    closed_ = true;
    Status st = Deflate({}, Z_FINISH);
    Status close = inner_->Close();
    return st.ok() ? close : st;
  }
  // Uncompressed bytes appended, as the interface counts them.
  int64_t Tell() const override { return appended_; }

 protected:
  Status DoAppend(std::span<const uint8_t> data) override {
    RETURN_NOT_OK(CheckOpen());
    RETURN_NOT_OK(Deflate(data, Z_NO_FLUSH));
    appended_ += static_cast<int64_t>(data.size());
    return Status::OK();
  }

 private:
  Status CheckOpen() const {
    if (closed_) {
      return Status::Invalid("{}: write to a closed gzip stream", path());
    }
    return Status::OK();
  }

  Status ZlibStatus(int code) const {
    if (code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR) return Status::OK();
    const char* detail = stream_.msg != nullptr ? stream_.msg : zError(code);
    if (code == Z_MEM_ERROR) {
      return Status::ResourceExhausted("{}: gzip: zlib is out of memory", path());
    }
    return Status::Internal("{}: gzip: {}", path(), detail);
  }

  Status Deflate(std::span<const uint8_t> data, int flush);

  std::unique_ptr<WritableFile> inner_;
  std::vector<uint8_t> out_;
  z_stream stream_{};
  bool stream_ready_ = false;
  bool closed_ = false;
  int64_t appended_ = 0;
};

// Feeds `data` to deflate in pieces zlib's 32-bit counters can hold, and
// drains the output buffer into the inner file whenever it fills. With a
// flush, keeps going until deflate has nothing more to emit.
Status GzipWritableFile::Deflate(std::span<const uint8_t> data, int flush) {
  do {
    const size_t piece = std::min<size_t>(data.size(), UINT_MAX);
    stream_.next_in = data.data();
    stream_.avail_in = static_cast<uInt>(piece);
    const int piece_flush = piece == data.size() ? flush : Z_NO_FLUSH;
    int rc = Z_OK;
    do {
      stream_.next_out = out_.data();
      stream_.avail_out = static_cast<uInt>(out_.size());
      rc = deflate(&stream_, piece_flush);
      RETURN_NOT_OK(ZlibStatus(rc));
      const size_t produced = out_.size() - stream_.avail_out;
      if (produced > 0) {
        RETURN_NOT_OK(inner_->Append(std::span<const uint8_t>(out_.data(), produced)));
      }
      // A full output buffer may mean more is pending; otherwise deflate
      // consumed all input and (for a flush) emitted everything.
    } while (stream_.avail_out == 0 || (piece_flush == Z_FINISH && rc != Z_STREAM_END));
    data = data.subspan(piece);
  } while (!data.empty());
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<WritableFile>> MakeGzipWritableFile(std::unique_ptr<WritableFile> inner,
                                                           int level) {
  if (level < Z_NO_COMPRESSION || level > Z_BEST_COMPRESSION) {
    return Status::Invalid("gzip: compression level {} is outside {}..{}", level, Z_NO_COMPRESSION,
                           Z_BEST_COMPRESSION);
  }
  auto file = std::make_unique<GzipWritableFile>(std::move(inner));
  RETURN_NOT_OK(file->Init(level));
  return std::unique_ptr<WritableFile>(std::move(file));
}

}  // namespace strata::cli
