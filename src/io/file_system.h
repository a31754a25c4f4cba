// FileSystem: the one door through which strata touches stored bytes.
//
// Every reader, writer and table-log operation takes a FileSystem* instead of
// calling the OS, so that
//   - a different store (an object store such as S3) can be plugged in later
//     without touching the formats or the table code;
//   - tests can wrap the real file system in FaultInjectingFileSystem and make
//     any operation fail, tear a write, or lose unsynced data as a crash would.
//
// The pieces:
//   RandomAccessFile  positional reads (Parquet footers, column chunks); safe
//                     for concurrent ReadAt from many threads.
//   SequentialFile    a forward-only stream (CSV, JSON log entries).
//   WritableFile      an append-only stream; data is durable only after Sync().
//   FileSystem        opening files plus the namespace operations. Its
//                     CreateIfAbsent is the atomic put-if-absent that Delta
//                     commits rely on: the whole content appears at the path
//                     or nothing does, and an existing file is never replaced.
//
// Conventions shared by every implementation:
//   - Paths are plain strings with '/' separators, relative to the working
//     directory unless absolute. An empty path is Invalid.
//   - A missing path is StatusCode::kNotFound (GetFileInfo included: there is
//     no "not found" FileInfo). Every error message names the operation and
//     the path(s) involved.
//   - All FileSystem methods are thread-safe. Files are owned by the caller
//     (unique_ptr) and must not outlive the FileSystem that opened them.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/buffer.h"
#include "common/result.h"
#include "common/status.h"

namespace strata {

// Names starting with this are CreateIfAbsent's in-flight temporaries. A crash
// can leave them behind; cleanup may delete old ones. Globs never match them.
inline constexpr std::string_view kTempFilePrefix = ".strata-tmp-";

enum class FileType : uint8_t {
  kFile,
  kDirectory,
  kOther,  // A device, socket, fifo or dangling symlink: present but not readable data.
};

// What a listing or GetFileInfo reports about one entry. Symlinks are followed
// for type, size and mtime.
struct FileInfo {
  std::string path;
  FileType type = FileType::kFile;
  int64_t size = 0;          // Bytes; 0 for directories.
  int64_t mtime_micros = 0;  // Last modification, microseconds since the Unix epoch.
};

enum class WriteMode : uint8_t {
  kTruncate,      // Create the file, or empty it if it exists.
  kFailIfExists,  // AlreadyExists if anything is at the path. Readers may still
                  // see a partial file while it is written: publish with
                  // CreateIfAbsent or Rename when that matters.
};

// Positional reads of one immutable file.
// Thread safety: all methods may be called concurrently.
class RandomAccessFile {
 public:
  explicit RandomAccessFile(std::string path) : path_(std::move(path)) {}
  virtual ~RandomAccessFile() = default;
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  // The file's current size in bytes.
  [[nodiscard]] virtual Result<int64_t> Size() = 0;

  // Reads exactly `length` bytes starting at `offset` into `out`.
  // REQUIRES: `out` has room for `length` bytes.
  // Negative offset or length is Invalid; a range that ends past the end of
  // the file is an IOError naming the path, offset and length.
  [[nodiscard]] Status ReadAt(int64_t offset, int64_t length, uint8_t* out);

  // Like above, into a new 64-byte aligned Buffer of size `length`.
  [[nodiscard]] Result<std::unique_ptr<Buffer>> ReadAt(int64_t offset, int64_t length);

  const std::string& path() const { return path_; }

 protected:
  // Called with validated arguments. Implementations must return an error
  // (not a short count) when fewer than `length` bytes could be read.
  [[nodiscard]] virtual Status DoReadAt(int64_t offset, int64_t length, uint8_t* out) = 0;

 private:
  const std::string path_;
};

// A forward-only read stream.
// Thread safety: none; one thread at a time.
class SequentialFile {
 public:
  explicit SequentialFile(std::string path) : path_(std::move(path)) {}
  virtual ~SequentialFile() = default;
  SequentialFile(const SequentialFile&) = delete;
  SequentialFile& operator=(const SequentialFile&) = delete;

  // Reads up to `n` bytes into `out` and returns how many were read: fewer
  // than `n` only at the end of the file, 0 once there.
  // REQUIRES: n >= 0 (else Invalid) and `out` has room for `n` bytes.
  [[nodiscard]] virtual Result<int64_t> Read(int64_t n, uint8_t* out) = 0;

  const std::string& path() const { return path_; }

 private:
  const std::string path_;
};

// An append-only write stream. Appended bytes may sit in a user-space buffer
// until Flush(), and in the OS cache until Sync(): only synced data survives a
// crash.
// Thread safety: none; one thread at a time.
// The destructor closes an unclosed file but cannot report errors: call
// Close() and check its Status to know the data reached the OS.
class WritableFile {
 public:
  explicit WritableFile(std::string path) : path_(std::move(path)) {}
  virtual ~WritableFile() = default;
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;

  // Appends `data` at the end. Invalid after Close().
  [[nodiscard]] Status Append(std::span<const uint8_t> data) { return DoAppend(data); }
  [[nodiscard]] Status Append(std::string_view data);

  // Hands buffered bytes to the OS, so other readers of the path see them.
  [[nodiscard]] virtual Status Flush() = 0;
  // Flush(), then makes the data (and, for a new file, its directory entry)
  // durable.
  [[nodiscard]] virtual Status Sync() = 0;
  // Flushes and closes. Calling it again is a no-op returning OK. It does
  // not Sync(): call Sync() first when the data must be durable.
  [[nodiscard]] virtual Status Close() = 0;
  // Bytes appended so far, which is the file size once flushed.
  virtual int64_t Tell() const = 0;

  const std::string& path() const { return path_; }

 protected:
  [[nodiscard]] virtual Status DoAppend(std::span<const uint8_t> data) = 0;

 private:
  const std::string path_;
};

// The operations on a store. All methods are thread-safe.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Opens an existing file for positional reads. NotFound if missing; an
  // error if `path` is a directory.
  [[nodiscard]] virtual Result<std::unique_ptr<RandomAccessFile>> OpenForRead(
      const std::string& path) = 0;
  // Opens an existing file for a forward-only read.
  [[nodiscard]] virtual Result<std::unique_ptr<SequentialFile>> OpenSequential(
      const std::string& path) = 0;
  // Creates `path` for writing; see WriteMode. The parent directory must exist
  // (NotFound otherwise).
  [[nodiscard]] virtual Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                                           WriteMode mode) = 0;

  // Atomically creates `path` holding exactly `contents`, durably: afterwards
  // either the whole content is at `path` or nothing is, never a prefix, and
  // a crash right after an OK return cannot lose it. AlreadyExists (and
  // nothing changes) if anything is already at `path`; when several callers
  // race, exactly one succeeds. This is the Delta commit primitive.
  [[nodiscard]] virtual Status CreateIfAbsent(const std::string& path,
                                              std::span<const uint8_t> contents) = 0;

  // Describes `path`. NotFound if nothing is there (also when a parent in
  // `path` is a file).
  [[nodiscard]] virtual Result<FileInfo> GetFileInfo(const std::string& path) = 0;

  // The entries of directory `path` (and, when `recursive`, of all its
  // subdirectories, which are listed too), sorted by path. Each path is
  // `path` + "/" + the name(s) below it (no doubled '/' when `path` ends in
  // one). Hidden entries (leading '.') are included. Symlinked directories
  // are reported but not descended into. NotFound if `path` is missing.
  [[nodiscard]] virtual Result<std::vector<FileInfo>> ListDir(const std::string& path,
                                                              bool recursive) = 0;

  // The files (not directories) whose paths match `pattern`, sorted. Syntax
  // (see io/glob.h): within one path segment `*`, `?`, `[abc]`, `[a-z]`,
  // `[!a]` and `\` to escape; a whole segment `**` matches zero or more
  // directories. Wildcards never match a leading '.' (so temporary and hidden
  // files stay out). A missing directory yields an empty list, not an error.
  // The default lists the longest wildcard-free directory prefix of the
  // pattern with ListDir and filters the result.
  [[nodiscard]] virtual Result<std::vector<std::string>> Glob(const std::string& pattern);

  // Renames `from` to `to`, atomically replacing a file at `to` (POSIX
  // rename semantics), and makes the rename durable.
  [[nodiscard]] virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Removes a file (not a directory).
  [[nodiscard]] virtual Status DeleteFile(const std::string& path) = 0;
  // Removes a directory; when not `recursive` it must be empty. Symlinks
  // inside are removed, not followed.
  [[nodiscard]] virtual Status DeleteDir(const std::string& path, bool recursive) = 0;
  // Creates a directory. When `recursive`, missing parents are created too
  // and an existing directory is success (mkdir -p); otherwise the parent must
  // exist and an existing entry is AlreadyExists.
  [[nodiscard]] virtual Status CreateDir(const std::string& path, bool recursive) = 0;
};

// Reads the whole file at `path` into one Buffer.
[[nodiscard]] Result<std::unique_ptr<Buffer>> ReadWholeFile(FileSystem* fs,
                                                            const std::string& path);

// Writes `contents` to `path` with `mode`, then syncs and closes it. Not
// atomic: a crash or concurrent reader can see a prefix (use CreateIfAbsent).
[[nodiscard]] Status WriteWholeFile(FileSystem* fs, const std::string& path,
                                    std::span<const uint8_t> contents,
                                    WriteMode mode = WriteMode::kTruncate);

// A fresh path in the same directory as `path` (so a rename or link never
// crosses devices) whose name starts with kTempFilePrefix: unique across
// processes, threads and calls. Writers that publish a file by renaming it
// into place write here first. Thread-safe.
std::string TempPathBeside(const std::string& path);

// A view of `text`'s bytes, for Append and CreateIfAbsent.
inline std::span<const uint8_t> AsBytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

}  // namespace strata
