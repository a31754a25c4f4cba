// InputStream implementations: raw bytes, gzip (zlib inflate, member after
// member) and zstd (frame after frame). Compressed bytes are read through a
// RandomAccessFile in fixed-size chunks, so memory stays bounded whatever
// the file or its decompressed size.
#include "formats/input_stream.h"

#define ZLIB_CONST
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <vector>

namespace strata::formats {
namespace {

// Compressed bytes fetched per read: large enough that the per-call cost of
// the file system vanishes, small enough to hold per open stream.
constexpr int64_t kCompressedChunkBytes = 1 << 20;
// zlib and zstd count in 32-bit (uInt) or size_t units; capping each call
// keeps the arithmetic in range on any platform.
constexpr int64_t kMaxBytesPerCall = 1 << 30;
// 15 = the largest window; +16 accepts only a gzip wrapper, so a member
// followed by anything but another gzip member is rejected, not guessed at.
constexpr int kGzipWindowBits = 15 + 16;
constexpr std::array<uint8_t, 2> kGzipMagic = {0x1f, 0x8b};
constexpr std::array<uint8_t, 4> kZstdMagic = {0x28, 0xb5, 0x2f, 0xfd};

// The compressed side shared by the decompressors: the file read forward
// in chunks into a fixed buffer.
class ChunkedSource {
 public:
  using ReadFn = std::function<Status(RandomAccessFile*, int64_t, int64_t, uint8_t*)>;

  ChunkedSource(std::unique_ptr<RandomAccessFile> file, int64_t size, ReadFn read)
      : file_(std::move(file)), size_(size), read_(std::move(read)) {}

  // Replaces the buffer's contents with the next chunk of the file.
  // REQUIRES: !at_end().
  Status Refill() {
    int64_t length = std::min(kCompressedChunkBytes, size_ - offset_);
    buffer_.resize(static_cast<size_t>(length));
    RETURN_NOT_OK(read_(file_.get(), offset_, length, buffer_.data()));
    offset_ += length;
    return Status::OK();
  }

  bool at_end() const { return offset_ >= size_; }
  const uint8_t* data() const { return buffer_.data(); }
  size_t size() const { return buffer_.size(); }
  // File offset just past the chunk in the buffer.
  int64_t offset() const { return offset_; }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  int64_t size_;
  ReadFn read_;
  int64_t offset_ = 0;
  std::vector<uint8_t> buffer_;
};

class RawInputStream final : public InputStream {
 public:
  RawInputStream(std::string path, std::unique_ptr<RandomAccessFile> file, int64_t size)
      : InputStream(std::move(path), InputCompression::kNone, size), file_(std::move(file)) {}

  Result<int64_t> Read(uint8_t* out, int64_t n) override {
    if (n < 0) return Status::Invalid("{}: negative read length {}", path(), n);
    // Reading straight into the caller's buffer saves a copy of every byte.
    int64_t length = std::min(n, file_size() - offset_);
    if (length <= 0) return 0;
    RETURN_NOT_OK(ReadFile(file_.get(), offset_, length, out));
    offset_ += length;
    return length;
  }

  int64_t compressed_bytes_read() const override { return offset_; }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  int64_t offset_ = 0;
};

class GzipInputStream final : public InputStream {
 public:
  GzipInputStream(std::string path, std::unique_ptr<RandomAccessFile> file, int64_t size)
      : InputStream(std::move(path), InputCompression::kGzip, size),
        source_(std::move(file), size,
                [this](RandomAccessFile* f, int64_t offset, int64_t length, uint8_t* out) {
                  return ReadFile(f, offset, length, out);
                }) {}
  GzipInputStream(const GzipInputStream&) = delete;
  GzipInputStream& operator=(const GzipInputStream&) = delete;
  ~GzipInputStream() override {
    if (ready_) inflateEnd(&z_);
  }

  Status Init() {
    RETURN_NOT_OK(ZlibStatus(inflateInit2(&z_, kGzipWindowBits)));
    ready_ = true;
    return Status::OK();
  }

  Result<int64_t> Read(uint8_t* out, int64_t n) override;

  int64_t compressed_bytes_read() const override { return source_.offset() - z_.avail_in; }

 private:
  Status ZlibStatus(int code) const;
  // Refills the input when it is used up; false at the end of the file.
  Result<bool> EnsureInput();

  ChunkedSource source_;
  z_stream z_{};
  bool ready_ = false;
  bool finished_ = false;
};

Status GzipInputStream::ZlibStatus(int code) const {
  const char* detail = z_.msg != nullptr ? z_.msg : zError(code);
  switch (code) {
    case Z_OK: return Status::OK();
    case Z_MEM_ERROR: return Status::ResourceExhausted("{}: zlib is out of memory", path());
    case Z_STREAM_ERROR:
    case Z_VERSION_ERROR: return Status::Internal("{}: zlib misuse: {}", path(), detail);
    default:
      return Status::Corruption("{}: corrupt gzip data at compressed offset {}: {}", path(),
                                compressed_bytes_read(), detail);
  }
}

Result<bool> GzipInputStream::EnsureInput() {
  if (z_.avail_in > 0) return true;
  if (source_.at_end()) return false;
  RETURN_NOT_OK(source_.Refill());
  z_.next_in = source_.data();
  z_.avail_in = static_cast<uInt>(source_.size());
  return true;
}

// Fills `out` as far as the data goes, crossing member boundaries: a file
// made by `cat a.gz b.gz` decompresses to the concatenation.
Result<int64_t> GzipInputStream::Read(uint8_t* out, int64_t n) {
  if (n < 0) return Status::Invalid("{}: negative read length {}", path(), n);
  if (finished_ || n == 0) return 0;
  z_.next_out = out;
  z_.avail_out = static_cast<uInt>(std::min(n, kMaxBytesPerCall));
  const uInt capacity = z_.avail_out;
  while (z_.avail_out > 0) {
    ASSIGN_OR_RETURN(bool have_input, EnsureInput());
    int rc = inflate(&z_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      ASSIGN_OR_RETURN(have_input, EnsureInput());
      if (!have_input) {
        finished_ = true;
        break;
      }
      // Another member follows; its header is checked like the first one's.
      RETURN_NOT_OK(ZlibStatus(inflateReset(&z_)));
      continue;
    }
    if (rc == Z_BUF_ERROR) {
      // Output space was available, so no progress means the input ran out.
      if (have_input) return Status::Internal("{}: inflate made no progress", path());
      return Status::Corruption(
          "{}: truncated gzip data: the file ends at compressed offset {} inside a member", path(),
          compressed_bytes_read());
    }
    RETURN_NOT_OK(ZlibStatus(rc));
  }
  return static_cast<int64_t>(capacity - z_.avail_out);
}

class ZstdInputStream final : public InputStream {
 public:
  ZstdInputStream(std::string path, std::unique_ptr<RandomAccessFile> file, int64_t size)
      : InputStream(std::move(path), InputCompression::kZstd, size),
        source_(std::move(file), size,
                [this](RandomAccessFile* f, int64_t offset, int64_t length, uint8_t* out) {
                  return ReadFile(f, offset, length, out);
                }) {}
  ZstdInputStream(const ZstdInputStream&) = delete;
  ZstdInputStream& operator=(const ZstdInputStream&) = delete;
  ~ZstdInputStream() override { ZSTD_freeDCtx(dctx_); }

  Status Init() {
    dctx_ = ZSTD_createDCtx();
    if (dctx_ == nullptr) return Status::ResourceExhausted("{}: zstd is out of memory", path());
    // zstd's default window limit (128 MiB) already bounds memory; frames
    // that need more fail rather than allocate.
    return Status::OK();
  }

  Result<int64_t> Read(uint8_t* out, int64_t n) override;

  int64_t compressed_bytes_read() const override {
    return source_.offset() - static_cast<int64_t>(in_.size - in_.pos);
  }

 private:
  Status Truncated() const {
    return Status::Corruption(
        "{}: truncated zstd data: the file ends at compressed offset {} inside a frame", path(),
        compressed_bytes_read());
  }

  ChunkedSource source_;
  ZSTD_DCtx* dctx_ = nullptr;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  // ZSTD_decompressStream's last hint: 0 once a frame is complete and flushed.
  size_t pending_ = 0;
  bool finished_ = false;
};

// Fills `out` as far as the data goes; frames follow one another seamlessly
// (zstd starts a new frame by itself after one ends).
Result<int64_t> ZstdInputStream::Read(uint8_t* out, int64_t n) {
  if (n < 0) return Status::Invalid("{}: negative read length {}", path(), n);
  if (finished_ || n == 0) return 0;
  ZSTD_outBuffer output{out, static_cast<size_t>(std::min(n, kMaxBytesPerCall)), 0};
  while (output.pos < output.size) {
    bool flushing = false;
    if (in_.pos == in_.size) {
      if (source_.at_end()) {
        if (pending_ == 0) {
          finished_ = true;
          break;
        }
        // The decoder may still hold output for a full buffer; no progress
        // on empty input means the frame was cut short.
        flushing = true;
      } else {
        RETURN_NOT_OK(source_.Refill());
        in_ = ZSTD_inBuffer{source_.data(), source_.size(), 0};
      }
    }
    size_t before = output.pos;
    size_t rc = ZSTD_decompressStream(dctx_, &output, &in_);
    if (ZSTD_isError(rc) != 0U) {
      return Status::Corruption("{}: corrupt zstd data at compressed offset {}: {}", path(),
                                compressed_bytes_read(), ZSTD_getErrorName(rc));
    }
    pending_ = rc;
    if (flushing && output.pos == before) return Truncated();
  }
  return static_cast<int64_t>(output.pos);
}

template <size_t N>
bool StartsWith(const std::vector<uint8_t>& head, const std::array<uint8_t, N>& magic) {
  return head.size() >= N && std::equal(magic.begin(), magic.end(), head.begin());
}

}  // namespace

Status InputStream::ReadFile(RandomAccessFile* file, int64_t offset, int64_t length, uint8_t* out) {
  RETURN_NOT_OK(file->ReadAt(offset, length, out));
  if (hasher_ != nullptr) {
    // Every subclass reads front to back; a gap would hash other content.
    if (offset != hasher_->bytes()) {
      return Status::Internal("{}: hashed read at offset {} after {} bytes", path_, offset,
                              hasher_->bytes());
    }
    hasher_->Update(out, static_cast<size_t>(length));
  }
  return Status::OK();
}

Result<std::string> InputStream::content_checksum() const {
  if (hasher_ == nullptr) return Status::Internal("{}: content is not hashed", path_);
  if (hasher_->bytes() != file_size_) {
    return Status::Internal("{}: content hashed up to byte {} of {}", path_, hasher_->bytes(),
                            file_size_);
  }
  return hasher_->Digest();
}

Result<std::unique_ptr<InputStream>> InputStream::Open(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file, fs->OpenForRead(path));
  ASSIGN_OR_RETURN(int64_t size, file->Size());
  std::vector<uint8_t> head(static_cast<size_t>(std::min<int64_t>(size, kZstdMagic.size())));
  RETURN_NOT_OK(file->ReadAt(0, static_cast<int64_t>(head.size()), head.data()));
  if (StartsWith(head, kGzipMagic)) {
    auto stream = std::make_unique<GzipInputStream>(path, std::move(file), size);
    RETURN_NOT_OK(stream->Init());
    return std::unique_ptr<InputStream>(std::move(stream));
  }
  if (StartsWith(head, kZstdMagic)) {
    auto stream = std::make_unique<ZstdInputStream>(path, std::move(file), size);
    RETURN_NOT_OK(stream->Init());
    return std::unique_ptr<InputStream>(std::move(stream));
  }
  return std::unique_ptr<InputStream>(
      std::make_unique<RawInputStream>(path, std::move(file), size));
}

}  // namespace strata::formats
