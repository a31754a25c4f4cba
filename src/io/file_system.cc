#include "io/file_system.h"

#include <fmt/format.h>
#include <sys/random.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <limits>
#include <utility>

#include "io/glob.h"
#include "io/posix_file.h"

namespace strata {

Status RandomAccessFile::ReadAt(int64_t offset, int64_t length, uint8_t* out) {
  if (offset < 0 || length < 0) {
    return Status::Invalid("read '{}': negative offset {} or length {}", path_, offset, length);
  }
  if (offset > std::numeric_limits<int64_t>::max() - length) {
    return Status::Invalid("read '{}': range at offset {} of {} bytes overflows", path_, offset,
                           length);
  }
  if (length == 0) return Status::OK();
  return DoReadAt(offset, length, out);
}

Result<std::unique_ptr<Buffer>> RandomAccessFile::ReadAt(int64_t offset, int64_t length) {
  if (length < 0) {
    return Status::Invalid("read '{}': negative length {} at offset {}", path_, length, offset);
  }
  ASSIGN_OR_RETURN(auto buffer, Buffer::Allocate(static_cast<size_t>(length)));
  RETURN_NOT_OK(ReadAt(offset, length, buffer->mutable_data()));
  return buffer;
}

Status WritableFile::Append(std::string_view data) { return DoAppend(AsBytes(data)); }

Result<std::vector<std::string>> FileSystem::Glob(const std::string& pattern) {
  if (pattern.empty()) return Status::Invalid("glob: empty pattern");
  GlobBase split = SplitGlobBase(pattern);
  std::string dir = split.base.empty() ? "." : split.base;
  Result<FileInfo> info = GetFileInfo(dir);
  if (!info.ok() && !info.status().IsNotFound()) return info.status().WithContext("glob");
  std::vector<std::string> matches;
  if (split.rest.empty()) {
    if (info.ok() && info->type == FileType::kFile) matches.push_back(std::move(split.base));
    return matches;
  }
  if (!info.ok() || info->type != FileType::kDirectory) return matches;
  bool recursive =
      split.rest.find('/') != std::string::npos || split.rest.find("**") != std::string::npos;
  ASSIGN_OR_RETURN(std::vector<FileInfo> entries, ListDir(dir, recursive));
  // ListDir names entries dir + "/" + relative path (no doubled '/').
  size_t prefix = dir.size() + (dir.ends_with('/') ? 0 : 1);
  for (FileInfo& entry : entries) {
    std::string_view relative = std::string_view{entry.path}.substr(prefix);
    if (entry.type != FileType::kFile || !GlobMatch(split.rest, relative)) continue;
    matches.push_back(split.base.empty() ? std::string(relative) : std::move(entry.path));
  }
  return matches;
}

Result<std::unique_ptr<Buffer>> ReadWholeFile(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(auto file, fs->OpenForRead(path));
  ASSIGN_OR_RETURN(int64_t size, file->Size());
  return file->ReadAt(0, size);
}

Status WriteWholeFile(FileSystem* fs, const std::string& path, std::span<const uint8_t> contents,
                      WriteMode mode) {
  ASSIGN_OR_RETURN(auto file, fs->OpenForWrite(path, mode));
  RETURN_NOT_OK(file->Append(contents));
  RETURN_NOT_OK(file->Sync());
  return file->Close();
}

namespace {

// 64 bits that differ between processes, threads and calls, for temp names.
uint64_t RandomBits() {
  uint64_t bits = 0;
  if (::getrandom(&bits, sizeof(bits), GRND_NONBLOCK) != sizeof(bits)) {
    // No entropy yet (early boot): the pid and counter still keep names unique.
    bits = static_cast<uint64_t>(std::clock()) ^ reinterpret_cast<uintptr_t>(&bits);
  }
  return bits;
}

}  // namespace

std::string TempPathBeside(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  std::string name = fmt::format("{}{}-{}-{:016x}", kTempFilePrefix, ::getpid(),
                                 counter.fetch_add(1, std::memory_order_relaxed), RandomBits());
  return io_internal::JoinPath(io_internal::ParentDir(path), name);
}

}  // namespace strata
