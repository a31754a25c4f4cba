#include "io/fault_injecting_file_system.h"

#include <numeric>
#include <utility>

namespace strata {
namespace {

bool PathMatches(std::string_view filter, std::string_view path, std::string_view path2) {
  if (filter.empty()) return true;
  return path.find(filter) != std::string_view::npos ||
         (!path2.empty() && path2.find(filter) != std::string_view::npos);
}

// True if `path` is `dir` itself or lies below it.
bool IsUnder(std::string_view path, std::string_view dir) {
  return path == dir || (path.starts_with(dir) && path.size() > dir.size() &&
                         (dir.ends_with('/') || path[dir.size()] == '/'));
}

Status LostInCrash(std::string_view operation, const std::string& path) {
  return Status::IOError("{} '{}': file was lost in a simulated crash", operation, path);
}

// Truncates `path` to `size` bytes through `fs`, which has no truncate call:
// keeps the prefix and writes it back.
Status TruncateTo(FileSystem* fs, const std::string& path, int64_t size) {
  Result<FileInfo> info = fs->GetFileInfo(path);
  if (!info.ok() && info.status().IsNotFound()) return Status::OK();
  RETURN_NOT_OK(info.status());
  if (info->size <= size) return Status::OK();
  ASSIGN_OR_RETURN(auto file, fs->OpenForRead(path));
  ASSIGN_OR_RETURN(auto prefix, file->ReadAt(0, size));
  return WriteWholeFile(fs, path, prefix->span());
}

}  // namespace

std::string_view FsOpName(FsOp op) {
  switch (op) {
    case FsOp::kOpenForRead: return "open for read";
    case FsOp::kOpenSequential: return "open sequential";
    case FsOp::kOpenForWrite: return "open for write";
    case FsOp::kRead: return "read";
    case FsOp::kAppend: return "append";
    case FsOp::kFlush: return "flush";
    case FsOp::kSync: return "sync";
    case FsOp::kClose: return "close";
    case FsOp::kCreateIfAbsent: return "create-if-absent";
    case FsOp::kGetFileInfo: return "get file info";
    case FsOp::kListDir: return "list directory";
    case FsOp::kGlob: return "glob";
    case FsOp::kRename: return "rename";
    case FsOp::kDeleteFile: return "delete file";
    case FsOp::kDeleteDir: return "delete directory";
    case FsOp::kCreateDir: return "create directory";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------
// Guarded operations.

template <typename Body>
auto FaultInjectingFileSystem::Guarded(FsOp op, std::string_view path, std::string_view path2,
                                       Body&& body) -> decltype(body()) {
  RETURN_NOT_OK(Admit(op, path, path2));
  struct Done {
    FaultInjectingFileSystem* fs;
    ~Done() { fs->Finish(); }
  } done{this};
  return body();
}

Status FaultInjectingFileSystem::Admit(FsOp op, std::string_view path, std::string_view path2) {
  MutexLock lock(&mu_);
  ++counts_[static_cast<size_t>(op)];
  if (failed_) {
    return Status::IOError("injected fault: {} '{}' after a simulated crash or torn write",
                           FsOpName(op), path);
  }
  if (fail_countdown_ > 0 && fail_ops_.Contains(op) && PathMatches(fail_path_, path, path2) &&
      --fail_countdown_ == 0) {
    return Status::IOError("injected fault: {} '{}'", FsOpName(op), path);
  }
  ++in_flight_;
  return Status::OK();
}

void FaultInjectingFileSystem::Finish() {
  MutexLock lock(&mu_);
  if (--in_flight_ == 0) drained_.SignalAll();
}

Status FaultInjectingFileSystem::ClaimBytes(const std::string& path, int64_t n, int64_t* allowed) {
  MutexLock lock(&mu_);
  *allowed = n;
  if (tear_budget_ < 0 || !PathMatches(tear_path_, path, {})) return Status::OK();
  if (n <= tear_budget_) {
    tear_budget_ -= n;
    return Status::OK();
  }
  *allowed = tear_budget_;
  tear_budget_ = -1;
  failed_ = true;
  return Status::IOError("injected fault: write to '{}' torn after {} of {} bytes", path, *allowed,
                         n);
}

// ---------------------------------------------------------------------------
// Files.

class FaultInjectingFileSystem::ReadFile final : public RandomAccessFile {
 public:
  ReadFile(FaultInjectingFileSystem* fs, std::unique_ptr<RandomAccessFile> inner)
      : RandomAccessFile(inner->path()), fs_(fs), inner_(std::move(inner)) {}

  Result<int64_t> Size() override {
    return fs_->Guarded(FsOp::kRead, path(), {}, [&] { return inner_->Size(); });
  }

 protected:
  Status DoReadAt(int64_t offset, int64_t length, uint8_t* out) override {
    return fs_->Guarded(FsOp::kRead, path(), {},
                        [&] { return inner_->ReadAt(offset, length, out); });
  }

 private:
  FaultInjectingFileSystem* const fs_;
  const std::unique_ptr<RandomAccessFile> inner_;
};

class FaultInjectingFileSystem::SeqFile final : public SequentialFile {
 public:
  SeqFile(FaultInjectingFileSystem* fs, std::unique_ptr<SequentialFile> inner)
      : SequentialFile(inner->path()), fs_(fs), inner_(std::move(inner)) {}

  Result<int64_t> Read(int64_t n, uint8_t* out) override {
    return fs_->Guarded(FsOp::kRead, path(), {}, [&] { return inner_->Read(n, out); });
  }

 private:
  FaultInjectingFileSystem* const fs_;
  const std::unique_ptr<SequentialFile> inner_;
};

// `inner_` is used by the owning thread inside guarded operations, and reset
// only under fs_->mu_ by the destructor or by SimulateCrash() once no
// operation is in flight, so the two never overlap.
class FaultInjectingFileSystem::WriteFile final : public WritableFile {
 public:
  WriteFile(FaultInjectingFileSystem* fs, std::unique_ptr<WritableFile> inner)
      : WritableFile(inner->path()), fs_(fs), inner_(std::move(inner)) {}
  ~WriteFile() override { fs_->ForgetOpenFile(this); }

  Status Flush() override {
    return Run(FsOp::kFlush, [&] { return inner_->Flush(); });
  }
  Status Sync() override {
    return Run(FsOp::kSync, [&]() -> Status {
      RETURN_NOT_OK(inner_->Sync());
      fs_->MarkSynced(path(), inner_->Tell());
      return Status::OK();
    });
  }
  Status Close() override {
    return Run(FsOp::kClose, [&] { return inner_->Close(); });
  }
  int64_t Tell() const override { return appended_; }

  // Drops the inner file as a crash would: its unflushed buffer reaches
  // `base` now, before the crash rolls the file back.
  void DropInner() { inner_.reset(); }

 protected:
  Status DoAppend(std::span<const uint8_t> data) override {
    return Run(FsOp::kAppend, [&]() -> Status {
      int64_t allowed = 0;
      Status torn = fs_->ClaimBytes(path(), static_cast<int64_t>(data.size()), &allowed);
      Status status = inner_->Append(data.first(static_cast<size_t>(allowed)));
      if (status.ok()) appended_ += allowed;
      if (torn.ok()) return status;
      // Make the torn prefix visible, as the dead process's write was.
      if (status.ok()) RETURN_NOT_OK(inner_->Flush());
      return torn;
    });
  }

 private:
  template <typename Body>
  Status Run(FsOp op, Body&& body) {
    return fs_->Guarded(op, path(), {}, [&]() -> Status {
      if (inner_ == nullptr) return LostInCrash(FsOpName(op), path());
      return body();
    });
  }

  FaultInjectingFileSystem* const fs_;
  std::unique_ptr<WritableFile> inner_;
  int64_t appended_ = 0;
};

// ---------------------------------------------------------------------------
// FileSystem operations.

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::OpenForRead(
    const std::string& path) {
  return Guarded(FsOp::kOpenForRead, path, {}, [&]() -> Result<std::unique_ptr<RandomAccessFile>> {
    ASSIGN_OR_RETURN(auto inner, base_->OpenForRead(path));
    return std::make_unique<ReadFile>(this, std::move(inner));
  });
}

Result<std::unique_ptr<SequentialFile>> FaultInjectingFileSystem::OpenSequential(
    const std::string& path) {
  return Guarded(FsOp::kOpenSequential, path, {}, [&]() -> Result<std::unique_ptr<SequentialFile>> {
    ASSIGN_OR_RETURN(auto inner, base_->OpenSequential(path));
    return std::make_unique<SeqFile>(this, std::move(inner));
  });
}

Result<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::OpenForWrite(
    const std::string& path, WriteMode mode) {
  return Guarded(FsOp::kOpenForWrite, path, {}, [&]() -> Result<std::unique_ptr<WritableFile>> {
    ASSIGN_OR_RETURN(auto inner, base_->OpenForWrite(path, mode));
    auto file = std::make_unique<WriteFile>(this, std::move(inner));
    TrackNewFile(path, file.get());
    return file;
  });
}

Status FaultInjectingFileSystem::CreateIfAbsent(const std::string& path,
                                                std::span<const uint8_t> contents) {
  return Guarded(FsOp::kCreateIfAbsent, path, {}, [&]() -> Status {
    int64_t allowed = 0;
    RETURN_NOT_OK(ClaimBytes(path, static_cast<int64_t>(contents.size()), &allowed));
    RETURN_NOT_OK(base_->CreateIfAbsent(path, contents));
    ForgetWritten(path, false);  // Durable from here on.
    return Status::OK();
  });
}

Result<FileInfo> FaultInjectingFileSystem::GetFileInfo(const std::string& path) {
  return Guarded(FsOp::kGetFileInfo, path, {}, [&] { return base_->GetFileInfo(path); });
}

Result<std::vector<FileInfo>> FaultInjectingFileSystem::ListDir(const std::string& path,
                                                                bool recursive) {
  return Guarded(FsOp::kListDir, path, {}, [&] { return base_->ListDir(path, recursive); });
}

Result<std::vector<std::string>> FaultInjectingFileSystem::Glob(const std::string& pattern) {
  return Guarded(FsOp::kGlob, pattern, {}, [&] { return base_->Glob(pattern); });
}

Status FaultInjectingFileSystem::Rename(const std::string& from, const std::string& to) {
  return Guarded(FsOp::kRename, from, to, [&]() -> Status {
    RETURN_NOT_OK(base_->Rename(from, to));
    TrackRename(from, to);
    return Status::OK();
  });
}

Status FaultInjectingFileSystem::DeleteFile(const std::string& path) {
  return Guarded(FsOp::kDeleteFile, path, {}, [&]() -> Status {
    RETURN_NOT_OK(base_->DeleteFile(path));
    ForgetWritten(path, false);
    return Status::OK();
  });
}

Status FaultInjectingFileSystem::DeleteDir(const std::string& path, bool recursive) {
  return Guarded(FsOp::kDeleteDir, path, {}, [&]() -> Status {
    RETURN_NOT_OK(base_->DeleteDir(path, recursive));
    ForgetWritten(path, true);
    return Status::OK();
  });
}

Status FaultInjectingFileSystem::CreateDir(const std::string& path, bool recursive) {
  return Guarded(FsOp::kCreateDir, path, {}, [&] { return base_->CreateDir(path, recursive); });
}

// ---------------------------------------------------------------------------
// Fault controls and bookkeeping.

void FaultInjectingFileSystem::FailNthOperation(int64_t n, FsOpSet ops,
                                                std::string path_substring) {
  DCHECK(n >= 1);
  MutexLock lock(&mu_);
  fail_countdown_ = n;
  fail_ops_ = ops;
  fail_path_ = std::move(path_substring);
}

void FaultInjectingFileSystem::TearWriteAfter(int64_t bytes, std::string path_substring) {
  DCHECK(bytes >= 0);
  MutexLock lock(&mu_);
  tear_budget_ = bytes;
  tear_path_ = std::move(path_substring);
}

Status FaultInjectingFileSystem::SimulateCrash() {
  MutexLock lock(&mu_);
  failed_ = true;
  while (in_flight_ > 0) drained_.Wait();
  for (WriteFile* file : open_files_) file->DropInner();
  Status first_error;
  for (const auto& [path, state] : written_) {
    Status status = RollBack(path, state);
    if (first_error.ok() && !status.ok()) first_error = status.WithContext("simulated crash");
  }
  written_.clear();
  return first_error;
}

Status FaultInjectingFileSystem::RollBack(const std::string& path, const WrittenFile& state) {
  if (state.synced) return TruncateTo(base_, path, state.synced_size);
  Status status = base_->DeleteFile(path);
  return status.IsNotFound() ? Status::OK() : status;
}

void FaultInjectingFileSystem::Reset() {
  MutexLock lock(&mu_);
  failed_ = false;
  fail_countdown_ = 0;
  tear_budget_ = -1;
}

bool FaultInjectingFileSystem::failed() const {
  MutexLock lock(&mu_);
  return failed_;
}

int64_t FaultInjectingFileSystem::OperationCount(FsOp op) const {
  MutexLock lock(&mu_);
  return counts_[static_cast<size_t>(op)];
}

int64_t FaultInjectingFileSystem::TotalOperationCount() const {
  MutexLock lock(&mu_);
  return std::accumulate(counts_.begin(), counts_.end(), int64_t{0});
}

void FaultInjectingFileSystem::ResetCounters() {
  MutexLock lock(&mu_);
  counts_.fill(0);
}

void FaultInjectingFileSystem::TrackNewFile(const std::string& path, WriteFile* file) {
  MutexLock lock(&mu_);
  written_[path] = WrittenFile{};
  open_files_.insert(file);
}

void FaultInjectingFileSystem::ForgetOpenFile(WriteFile* file) {
  MutexLock lock(&mu_);
  open_files_.erase(file);
  // Closing under the lock keeps a crash from rolling the file back while
  // its buffer is still being written out.
  file->DropInner();
}

void FaultInjectingFileSystem::MarkSynced(const std::string& path, int64_t size) {
  MutexLock lock(&mu_);
  auto it = written_.find(path);
  if (it != written_.end()) it->second = WrittenFile{true, size};
}

void FaultInjectingFileSystem::TrackRename(std::string from, std::string to) {
  while (from.size() > 1 && from.ends_with('/')) from.pop_back();
  while (to.size() > 1 && to.ends_with('/')) to.pop_back();
  MutexLock lock(&mu_);
  written_.erase(to);  // Replaced by whatever `from` was.
  std::vector<std::pair<std::string, WrittenFile>> moved;
  for (auto it = written_.begin(); it != written_.end();) {
    if (!IsUnder(it->first, from)) {
      ++it;
      continue;
    }
    moved.emplace_back(to + it->first.substr(from.size()), it->second);
    it = written_.erase(it);
  }
  for (auto& [path, state] : moved) written_[path] = state;
}

void FaultInjectingFileSystem::ForgetWritten(const std::string& path, bool with_children) {
  MutexLock lock(&mu_);
  for (auto it = written_.begin(); it != written_.end();) {
    bool match = with_children ? IsUnder(it->first, path) : it->first == path;
    it = match ? written_.erase(it) : std::next(it);
  }
}

}  // namespace strata
