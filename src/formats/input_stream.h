// InputStream: the bytes of a file, decompressed when it is gzip (including
// multi-member files such as `cat a.gz b.gz`) or zstd, detected by magic
// bytes rather than by name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "io/content_hash.h"
#include "io/file_system.h"

namespace strata::formats {

enum class InputCompression { kNone, kGzip, kZstd };

// Thread safety: none; one reader at a time.
class InputStream {
 public:
  virtual ~InputStream() = default;

  // Opens `path` on `fs` and sniffs its first bytes. REQUIRES: fs outlives
  // the stream.
  static Result<std::unique_ptr<InputStream>> Open(FileSystem* fs, const std::string& path);

  // Reads up to `n` decompressed bytes into `out`; returns 0 only at the end.
  // Corrupt or truncated compressed data fails with Corruption naming the
  // file and the compressed offset.
  virtual Result<int64_t> Read(uint8_t* out, int64_t n) = 0;

  const std::string& path() const { return path_; }
  InputCompression compression() const { return compression_; }
  // Size of the file on disk (compressed), and how much of it was consumed;
  // progress reporting uses these.
  int64_t file_size() const { return file_size_; }
  virtual int64_t compressed_bytes_read() const = 0;

  // From now on, hashes the file's bytes (compressed ones for a compressed
  // file) as they are read, so content_checksum() costs no second pass
  // over the file. REQUIRES: nothing read yet but what Open() consumed.
  void HashContent() { hasher_ = std::make_unique<ContentHasher>(); }
  // FileContentChecksum() of the file, once the stream was read to its
  // end. Internal without HashContent() or before the end.
  Result<std::string> content_checksum() const;

 protected:
  InputStream(std::string path, InputCompression compression, int64_t file_size)
      : path_(std::move(path)), compression_(compression), file_size_(file_size) {}

  // Reads [offset, offset + length) of `file` into `out`: the one place
  // subclasses read the file, so hashing sees every byte once, in order.
  Status ReadFile(RandomAccessFile* file, int64_t offset, int64_t length, uint8_t* out);

 private:
  std::string path_;
  InputCompression compression_;
  int64_t file_size_;
  std::unique_ptr<ContentHasher> hasher_;  // Null unless HashContent().
};

}  // namespace strata::formats
