// Internal to src/io: POSIX file objects and system-call helpers behind
// LocalFileSystem. Other modules use io/file_system.h and
// io/local_file_system.h instead.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "io/file_system.h"

namespace strata::io_internal {

// The directory holding `path`: "." for a bare name, "/" for a root entry.
std::string ParentDir(std::string_view path);
// `dir` + "/" + `name`, without doubling a '/' that ends `dir`.
std::string JoinPath(std::string_view dir, std::string_view name);

// Like Status::FromErrno, naming two paths ("rename 'a' to 'b': ...").
Status ErrnoStatus2(int err, std::string_view operation, std::string_view from,
                    std::string_view to);

// Writes all of `data` to `fd`, retrying partial writes and EINTR.
[[nodiscard]] Status WriteFully(int fd, std::span<const uint8_t> data, const std::string& path);
// fsync with EINTR retries.
[[nodiscard]] Status SyncFd(int fd, const std::string& path);
// Makes the entries of directory `dir` durable. File systems that cannot sync
// a directory (EINVAL) count as success.
[[nodiscard]] Status SyncDir(const std::string& dir);

// open(2) with O_CLOEXEC and EINTR retries; errors name `operation` and `path`.
[[nodiscard]] Result<int> OpenFd(const std::string& path, int flags, std::string_view operation);
// Builds the FileInfo for `path` from stat(2) data.
FileInfo FileInfoFromStat(std::string path, const struct stat& st);

[[nodiscard]] Result<std::unique_ptr<RandomAccessFile>> OpenLocalRandomAccessFile(
    const std::string& path);
[[nodiscard]] Result<std::unique_ptr<SequentialFile>> OpenLocalSequentialFile(
    const std::string& path);
[[nodiscard]] Result<std::unique_ptr<WritableFile>> OpenLocalWritableFile(const std::string& path,
                                                                          WriteMode mode);

}  // namespace strata::io_internal
