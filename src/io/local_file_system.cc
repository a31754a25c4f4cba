#include "io/local_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/logging.h"
#include "io/posix_file.h"

namespace strata {
namespace {

using io_internal::ErrnoStatus2;
using io_internal::FileInfoFromStat;
using io_internal::JoinPath;
using io_internal::OpenFd;
using io_internal::ParentDir;
using io_internal::SyncDir;

Status CheckPath(std::string_view operation, const std::string& path) {
  if (path.empty()) return Status::Invalid("{}: empty path", operation);
  return Status::OK();
}

// Writes `contents` to a new file at `tmp` and makes it durable.
Status WriteDurably(const std::string& tmp, std::span<const uint8_t> contents) {
  ASSIGN_OR_RETURN(int fd, OpenFd(tmp, O_WRONLY | O_CREAT | O_EXCL, "create"));
  Status status = io_internal::WriteFully(fd, contents, tmp);
  if (status.ok()) status = io_internal::SyncFd(fd, tmp);
  if (::close(fd) != 0 && status.ok()) status = Status::FromErrno(errno, "close", tmp);
  return status;
}

bool LinkUnsupported(int err) {
  return err == EPERM || err == EOPNOTSUPP || err == ENOSYS;  // ENOTSUP == EOPNOTSUPP on Linux.
}

// Publishes `tmp` at `path` unless something is there already.
Status LinkNoReplace(const std::string& tmp, const std::string& path) {
  int rc = ::link(tmp.c_str(), path.c_str());
  if (rc != 0 && LinkUnsupported(errno)) {
    rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
  }
  if (rc == 0) return Status::OK();
  if (errno == EEXIST) return Status::AlreadyExists("create-if-absent '{}': path exists", path);
  return Status::FromErrno(errno, "create-if-absent", path);
}

Result<FileInfo> StatPath(const std::string& path, std::string_view operation) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return FileInfoFromStat(path, st);
  // "a/b" where a is a file: nothing is at the path, as callers asking
  // "does it exist?" expect.
  if (errno == ENOTDIR) {
    return Status::NotFound("{} '{}': {}", operation, path, std::strerror(ENOTDIR));
  }
  return Status::FromErrno(errno, operation, path);
}

// Describes a directory entry without following it when it is a symlink, so
// a listing cannot loop; *descend says whether it is a real directory.
Result<FileInfo> StatEntry(const std::string& path, bool* descend) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return Status::FromErrno(errno, "stat", path);
  *descend = S_ISDIR(st.st_mode);
  if (!S_ISLNK(st.st_mode)) return FileInfoFromStat(path, st);
  Result<FileInfo> target = StatPath(path, "stat");
  if (target.ok() || !target.status().IsNotFound()) return target;
  FileInfo dangling = FileInfoFromStat(path, st);
  dangling.type = FileType::kOther;
  return dangling;
}

// The names in directory `dir`, without "." and "..".
Result<std::vector<std::string>> ReadDirNames(const std::string& dir, std::string_view operation) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return Status::FromErrno(errno, operation, dir);
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(handle);
    if (entry == nullptr) break;
    std::string_view name(entry->d_name);
    if (name != "." && name != "..") names.emplace_back(name);
  }
  int err = errno;
  ::closedir(handle);
  if (err != 0) return Status::FromErrno(err, operation, dir);
  return names;
}

// Appends the entries below `root` to `out`, depth first.
Status ListInto(const std::string& root, bool recursive, std::vector<FileInfo>* out) {
  std::vector<std::string> pending = {root};
  while (!pending.empty()) {
    std::string dir = std::move(pending.back());
    pending.pop_back();
    Result<std::vector<std::string>> names = ReadDirNames(dir, "list directory");
    // A subdirectory removed while we list was simply not there.
    if (!names.ok() && names.status().IsNotFound() && dir != root) continue;
    if (!names.ok()) return names.status();
    for (const std::string& name : *names) {
      bool descend = false;
      Result<FileInfo> info = StatEntry(JoinPath(dir, name), &descend);
      if (!info.ok() && info.status().IsNotFound()) continue;
      if (!info.ok()) return info.status().WithContext(fmt::format("list directory '{}'", root));
      if (recursive && descend) pending.push_back(info->path);
      out->push_back(std::move(info).value());
    }
  }
  return Status::OK();
}

// Removes `dir` and everything below it; symlinks are removed, not followed.
Status DeleteTree(const std::string& dir) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, ReadDirNames(dir, "delete directory"));
  for (const std::string& name : names) {
    std::string child = JoinPath(dir, name);
    struct stat st {};
    if (::lstat(child.c_str(), &st) != 0) {
      if (errno == ENOENT) continue;
      return Status::FromErrno(errno, "delete directory", child);
    }
    if (S_ISDIR(st.st_mode)) {
      RETURN_NOT_OK(DeleteTree(child));
    } else if (::unlink(child.c_str()) != 0 && errno != ENOENT) {
      return Status::FromErrno(errno, "delete file", child);
    }
  }
  if (::rmdir(dir.c_str()) != 0) return Status::FromErrno(errno, "delete directory", dir);
  return Status::OK();
}

// OK if `path` is a directory; the error for mkdir's EEXIST otherwise.
Status ExistingDir(const std::string& path) {
  ASSIGN_OR_RETURN(FileInfo info, StatPath(path, "create directory"));
  if (info.type == FileType::kDirectory) return Status::OK();
  return Status::FromErrno(ENOTDIR, "create directory", path);
}

Status MakeDirs(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) == 0) return SyncDir(ParentDir(path));
  if (errno == EEXIST) return ExistingDir(path);
  std::string parent = ParentDir(path);
  if (errno != ENOENT || parent == path) return Status::FromErrno(errno, "create directory", path);
  RETURN_NOT_OK(MakeDirs(parent));
  if (::mkdir(path.c_str(), 0755) == 0) return SyncDir(parent);
  // Another thread or process may have created it meanwhile.
  if (errno == EEXIST) return ExistingDir(path);
  return Status::FromErrno(errno, "create directory", path);
}

class LocalFileSystem final : public FileSystem {
 public:
  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    RETURN_NOT_OK(CheckPath("open for read", path));
    return io_internal::OpenLocalRandomAccessFile(path);
  }

  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    RETURN_NOT_OK(CheckPath("open for read", path));
    return io_internal::OpenLocalSequentialFile(path);
  }

  Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                     WriteMode mode) override {
    RETURN_NOT_OK(CheckPath("open for write", path));
    return io_internal::OpenLocalWritableFile(path, mode);
  }

  Status CreateIfAbsent(const std::string& path, std::span<const uint8_t> contents) override {
    RETURN_NOT_OK(CheckPath("create-if-absent", path));
    std::string tmp = TempPathBeside(path);
    Status status = WriteDurably(tmp, contents);
    if (!status.ok()) status = status.WithContext(fmt::format("create-if-absent '{}'", path));
    if (status.ok()) status = LinkNoReplace(tmp, path);
    // After link(2) the temporary is a second name for the same data: drop it
    // whatever happened (ENOENT: never created, or renamed into place).
    if (::unlink(tmp.c_str()) != 0 && errno != ENOENT) {
      LogWarn("could not remove temporary file", {{"path", tmp}, {"errno", errno}});
    }
    if (status.ok()) status = SyncDir(ParentDir(path));
    return status;
  }

  Result<FileInfo> GetFileInfo(const std::string& path) override {
    RETURN_NOT_OK(CheckPath("get file info", path));
    return StatPath(path, "get file info");
  }

  Result<std::vector<FileInfo>> ListDir(const std::string& path, bool recursive) override {
    RETURN_NOT_OK(CheckPath("list directory", path));
    std::vector<FileInfo> entries;
    RETURN_NOT_OK(ListInto(path, recursive, &entries));
    std::sort(entries.begin(), entries.end(),
              [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
    return entries;
  }

  Status Rename(const std::string& from, const std::string& to) override {
    RETURN_NOT_OK(CheckPath("rename", from));
    RETURN_NOT_OK(CheckPath("rename", to));
    if (::rename(from.c_str(), to.c_str()) != 0) return ErrnoStatus2(errno, "rename", from, to);
    std::string from_dir = ParentDir(from);
    std::string to_dir = ParentDir(to);
    RETURN_NOT_OK(SyncDir(to_dir));
    return from_dir == to_dir ? Status::OK() : SyncDir(from_dir);
  }

  Status DeleteFile(const std::string& path) override {
    RETURN_NOT_OK(CheckPath("delete file", path));
    if (::unlink(path.c_str()) != 0) return Status::FromErrno(errno, "delete file", path);
    return Status::OK();
  }

  Status DeleteDir(const std::string& path, bool recursive) override {
    RETURN_NOT_OK(CheckPath("delete directory", path));
    if (!recursive) {
      if (::rmdir(path.c_str()) != 0) return Status::FromErrno(errno, "delete directory", path);
      return Status::OK();
    }
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return Status::FromErrno(errno, "delete directory", path);
    if (!S_ISDIR(st.st_mode)) return Status::FromErrno(ENOTDIR, "delete directory", path);
    return DeleteTree(path);
  }

  Status CreateDir(const std::string& path, bool recursive) override {
    RETURN_NOT_OK(CheckPath("create directory", path));
    if (recursive) return MakeDirs(path);
    if (::mkdir(path.c_str(), 0755) != 0) return Status::FromErrno(errno, "create directory", path);
    return SyncDir(ParentDir(path));
  }
};

}  // namespace

std::unique_ptr<FileSystem> NewLocalFileSystem() { return std::make_unique<LocalFileSystem>(); }

}  // namespace strata
