#include "io/posix_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace strata::io_internal {
namespace {

// Linux moves at most ~2 GiB per read or write call; stay well below.
constexpr int64_t kMaxIoChunk = int64_t{1} << 30;
// Appends smaller than this are gathered so that many small writes (CSV rows,
// JSON lines) cost one system call.
constexpr size_t kWriteBufferSize = 64 * 1024;

// Closes `fd`. close(2) is not retried on EINTR: on Linux the descriptor is
// released either way and a retry could close someone else's.
int CloseFd(int fd) { return ::close(fd); }

// fsync(2) with EINTR retries; returns 0 or the errno.
int FsyncErrno(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

Status StatFd(int fd, const std::string& path, struct stat* st) {
  if (::fstat(fd, st) != 0) return Status::FromErrno(errno, "stat", path);
  return Status::OK();
}

// Opens `path` read-only; a directory is an error (reads would fail later
// with a less helpful message).
Result<int> OpenReadableFd(const std::string& path) {
  ASSIGN_OR_RETURN(int fd, OpenFd(path, O_RDONLY, "open for read"));
  struct stat st {};
  Status status = StatFd(fd, path, &st);
  if (status.ok() && S_ISDIR(st.st_mode)) status = Status::FromErrno(EISDIR, "open for read", path);
  if (status.ok()) return fd;
  CloseFd(fd);
  return status;
}

class LocalRandomAccessFile final : public RandomAccessFile {
 public:
  LocalRandomAccessFile(std::string path, int fd) : RandomAccessFile(std::move(path)), fd_(fd) {}
  ~LocalRandomAccessFile() override { CloseFd(fd_); }

  Result<int64_t> Size() override {
    struct stat st {};
    RETURN_NOT_OK(StatFd(fd_, path(), &st));
    return static_cast<int64_t>(st.st_size);
  }

 protected:
  Status DoReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    int64_t done = 0;
    while (done < length) {
      auto chunk = static_cast<size_t>(std::min(length - done, kMaxIoChunk));
      ssize_t n = ::pread(fd_, out + done, chunk, offset + done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Status::FromErrno(errno, "read", path());
      if (n == 0) {
        return Status::IOError(
            "read '{}': {} bytes at offset {} run past the end of the file at {}", path(), length,
            offset, offset + done);
      }
      done += n;
    }
    return Status::OK();
  }

 private:
  const int fd_;
};

class LocalSequentialFile final : public SequentialFile {
 public:
  LocalSequentialFile(std::string path, int fd) : SequentialFile(std::move(path)), fd_(fd) {}
  ~LocalSequentialFile() override { CloseFd(fd_); }

  Result<int64_t> Read(int64_t n, uint8_t* out) override {
    if (n < 0) return Status::Invalid("read '{}': negative length {}", path(), n);
    int64_t done = 0;
    while (done < n) {
      auto chunk = static_cast<size_t>(std::min(n - done, kMaxIoChunk));
      ssize_t got = ::read(fd_, out + done, chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return Status::FromErrno(errno, "read", path());
      if (got == 0) break;
      done += got;
    }
    return done;
  }

 private:
  const int fd_;
};

class LocalWritableFile final : public WritableFile {
 public:
  LocalWritableFile(std::string path, int fd) : WritableFile(std::move(path)), fd_(fd) {
    buffer_.reserve(kWriteBufferSize);
  }
  ~LocalWritableFile() override {
    Status ignored = Close();  // Documented: errors here are lost.
    (void)ignored;
  }

  Status Flush() override {
    RETURN_NOT_OK(CheckOpen("flush"));
    if (buffer_.empty()) return Status::OK();
    // On failure the file's tail is unknown; dropping the buffer at least
    // keeps a retry from writing the same bytes twice.
    Status status = WriteFully(fd_, buffer_, path());
    buffer_.clear();
    return status;
  }

  Status Sync() override {
    RETURN_NOT_OK(Flush());
    RETURN_NOT_OK(SyncFd(fd_, path()));
    // A new file is only durable once its directory entry is.
    if (!dir_synced_) RETURN_NOT_OK(SyncDir(ParentDir(path())));
    dir_synced_ = true;
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::OK();
    Status status = Flush();
    int rc = CloseFd(fd_);
    fd_ = -1;
    if (status.ok() && rc != 0) status = Status::FromErrno(errno, "close", path());
    return status;
  }

  int64_t Tell() const override { return size_; }

 protected:
  Status DoAppend(std::span<const uint8_t> data) override {
    RETURN_NOT_OK(CheckOpen("append to"));
    if (buffer_.size() + data.size() > kWriteBufferSize) RETURN_NOT_OK(Flush());
    if (data.size() >= kWriteBufferSize) {
      RETURN_NOT_OK(WriteFully(fd_, data, path()));
    } else {
      buffer_.insert(buffer_.end(), data.begin(), data.end());
    }
    size_ += static_cast<int64_t>(data.size());
    return Status::OK();
  }

 private:
  Status CheckOpen(std::string_view operation) const {
    if (fd_ >= 0) return Status::OK();
    return Status::Invalid("{} '{}': file is closed", operation, path());
  }

  int fd_;
  std::vector<uint8_t> buffer_;
  int64_t size_ = 0;
  bool dir_synced_ = false;
};

}  // namespace

std::string ParentDir(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.ends_with('/')) out.push_back('/');
  out.append(name);
  return out;
}

Status ErrnoStatus2(int err, std::string_view operation, std::string_view from,
                    std::string_view to) {
  StatusCode code = Status::FromErrno(err, operation, from).code();
  return Status(code, fmt::format("{} '{}' to '{}': {}", operation, from, to, std::strerror(err)));
}

Status WriteFully(int fd, std::span<const uint8_t> data, const std::string& path) {
  while (!data.empty()) {
    auto chunk = static_cast<size_t>(std::min(static_cast<int64_t>(data.size()), kMaxIoChunk));
    ssize_t n = ::write(fd, data.data(), chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::FromErrno(errno, "write", path);
    data = data.subspan(static_cast<size_t>(n));
  }
  return Status::OK();
}

Status SyncFd(int fd, const std::string& path) {
  int err = FsyncErrno(fd);
  if (err != 0) return Status::FromErrno(err, "sync", path);
  return Status::OK();
}

Status SyncDir(const std::string& dir) {
  ASSIGN_OR_RETURN(int fd, OpenFd(dir, O_RDONLY | O_DIRECTORY, "open directory"));
  int err = FsyncErrno(fd);
  CloseFd(fd);
  if (err != 0 && err != EINVAL) return Status::FromErrno(err, "sync directory", dir);
  return Status::OK();
}

Result<int> OpenFd(const std::string& path, int flags, std::string_view operation) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::FromErrno(errno, operation, path);
  return fd;
}

FileInfo FileInfoFromStat(std::string path, const struct stat& st) {
  FileInfo info;
  info.path = std::move(path);
  info.type = S_ISREG(st.st_mode)   ? FileType::kFile
              : S_ISDIR(st.st_mode) ? FileType::kDirectory
                                    : FileType::kOther;
  info.size = info.type == FileType::kFile ? static_cast<int64_t>(st.st_size) : 0;
  info.mtime_micros = int64_t{st.st_mtim.tv_sec} * 1'000'000 + st.st_mtim.tv_nsec / 1000;
  return info;
}

Result<std::unique_ptr<RandomAccessFile>> OpenLocalRandomAccessFile(const std::string& path) {
  ASSIGN_OR_RETURN(int fd, OpenReadableFd(path));
  return std::make_unique<LocalRandomAccessFile>(path, fd);
}

Result<std::unique_ptr<SequentialFile>> OpenLocalSequentialFile(const std::string& path) {
  ASSIGN_OR_RETURN(int fd, OpenReadableFd(path));
  return std::make_unique<LocalSequentialFile>(path, fd);
}

Result<std::unique_ptr<WritableFile>> OpenLocalWritableFile(const std::string& path,
                                                            WriteMode mode) {
  int flags = O_WRONLY | O_CREAT | (mode == WriteMode::kFailIfExists ? O_EXCL : O_TRUNC);
  ASSIGN_OR_RETURN(int fd, OpenFd(path, flags, "open for write"));
  return std::make_unique<LocalWritableFile>(path, fd);
}

}  // namespace strata::io_internal
