// FaultInjectingFileSystem: a FileSystem that forwards to another one and can
// be told to misbehave, for crash-safety tests of everything built on io/.
// It models the failures a commit protocol must survive:
//   - one operation failing (a full disk, a flaky network mount);
//   - a write torn part-way, after which the process is gone;
//   - a crash that loses every byte not yet made durable with Sync().
//
// Crash model. The wrapper remembers each file opened for write through it
// (by the exact path string used) and the size at its last successful Sync().
// SimulateCrash() truncates such files back to that size and deletes those
// never synced. Everything else counts as durable once it returned OK:
// CreateIfAbsent, Rename (the renamed file keeps its sync state), DeleteFile,
// DeleteDir and CreateDir. Directory-level sync is not modelled.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/thread_annotations.h"
#include "io/file_system.h"

namespace strata {

// The operations the wrapper counts and can fail.
enum class FsOp : uint8_t {
  kOpenForRead,
  kOpenSequential,
  kOpenForWrite,
  kRead,  // RandomAccessFile::ReadAt and Size, SequentialFile::Read.
  kAppend,
  kFlush,
  kSync,
  kClose,
  kCreateIfAbsent,
  kGetFileInfo,
  kListDir,
  kGlob,
  kRename,
  kDeleteFile,
  kDeleteDir,
  kCreateDir,
};
inline constexpr int kNumFsOps = 16;

// A lower-case name such as "append" or "create-if-absent".
std::string_view FsOpName(FsOp op);

// A set of FsOp kinds, to aim a fault at some operations only.
class FsOpSet {
 public:
  constexpr FsOpSet() = default;
  constexpr FsOpSet(std::initializer_list<FsOp> ops) {  // NOLINT(google-explicit-constructor)
    for (FsOp op : ops) bits_ |= Bit(op);
  }
  static constexpr FsOpSet All() { return FsOpSet((uint32_t{1} << kNumFsOps) - 1); }
  // The kinds that change stored state: everything but opens for read,
  // reads, GetFileInfo, ListDir and Glob.
  static constexpr FsOpSet Mutating() {
    return {FsOp::kOpenForWrite,   FsOp::kAppend,   FsOp::kFlush,      FsOp::kSync,
            FsOp::kClose,          FsOp::kRename,   FsOp::kDeleteFile, FsOp::kDeleteDir,
            FsOp::kCreateIfAbsent, FsOp::kCreateDir};
  }
  constexpr bool Contains(FsOp op) const { return (bits_ & Bit(op)) != 0; }

 private:
  constexpr explicit FsOpSet(uint32_t bits) : bits_(bits) {}
  static constexpr uint32_t Bit(FsOp op) { return uint32_t{1} << static_cast<int>(op); }
  uint32_t bits_ = 0;
};

// Thread safety: every method, and the files it opens, may be used as the
// FileSystem contract allows; fault controls may be called from any thread.
class FaultInjectingFileSystem final : public FileSystem {
 public:
  // REQUIRES: `base` outlives the wrapper, and files opened through the
  // wrapper do not outlive it.
  explicit FaultInjectingFileSystem(FileSystem* base) : base_(base) {}
  ~FaultInjectingFileSystem() override = default;
  FaultInjectingFileSystem(const FaultInjectingFileSystem&) = delete;
  FaultInjectingFileSystem& operator=(const FaultInjectingFileSystem&) = delete;

  // FileSystem: each call counts as one operation of its FsOp kind, may be
  // failed by an armed fault, and otherwise forwards to `base`.
  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override;
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                     WriteMode mode) override;
  Status CreateIfAbsent(const std::string& path, std::span<const uint8_t> contents) override;
  Result<FileInfo> GetFileInfo(const std::string& path) override;
  Result<std::vector<FileInfo>> ListDir(const std::string& path, bool recursive) override;
  Result<std::vector<std::string>> Glob(const std::string& pattern) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status DeleteFile(const std::string& path) override;
  Status DeleteDir(const std::string& path, bool recursive) override;
  Status CreateDir(const std::string& path, bool recursive) override;

  // Makes the `n`th operation from now (1 = the next one) whose kind is in
  // `ops` and whose path contains `path_substring` fail with an IOError that
  // says "injected fault". The failed operation is not forwarded, so it
  // changes nothing. One-shot; replaces any rule armed before.
  // REQUIRES: n >= 1.
  void FailNthOperation(int64_t n, FsOpSet ops = FsOpSet::All(), std::string path_substring = "")
      LOCKS_EXCLUDED(mu_);

  // Lets `bytes` more bytes be appended to files whose path contains
  // `path_substring`. The append that crosses the limit stores only the bytes
  // up to it (flushed to `base`), fails, and from then on every operation
  // fails until Reset(), as if the process had died mid-write. A
  // CreateIfAbsent that would cross the limit stores nothing (it is atomic).
  // REQUIRES: bytes >= 0.
  void TearWriteAfter(int64_t bytes, std::string path_substring = "") LOCKS_EXCLUDED(mu_);

  // Crashes: waits for operations in flight, makes every further operation
  // fail until Reset(), then rolls unsynced data back (see the crash model
  // above). Files still open lose their buffers and stay unusable even after
  // Reset(). Returns an error only if the rollback itself failed.
  [[nodiscard]] Status SimulateCrash() LOCKS_EXCLUDED(mu_);

  // Disarms all faults and ends the failed state of a tear or crash, as a
  // restarted process would see it. Counters are kept.
  void Reset() LOCKS_EXCLUDED(mu_);

  // True after a torn write or SimulateCrash(), until Reset().
  bool failed() const LOCKS_EXCLUDED(mu_);

  // How many times `op` was called, including calls that failed.
  int64_t OperationCount(FsOp op) const LOCKS_EXCLUDED(mu_);
  int64_t TotalOperationCount() const LOCKS_EXCLUDED(mu_);
  void ResetCounters() LOCKS_EXCLUDED(mu_);

 private:
  class ReadFile;
  class SeqFile;
  class WriteFile;

  struct WrittenFile {
    bool synced = false;
    int64_t synced_size = 0;
  };

  // Runs `body` as one operation: counts it, fails it when a fault says so,
  // and keeps SimulateCrash() waiting until it is done.
  template <typename Body>
  auto Guarded(FsOp op, std::string_view path, std::string_view path2, Body&& body)
      -> decltype(body());
  Status Admit(FsOp op, std::string_view path, std::string_view path2) LOCKS_EXCLUDED(mu_);
  void Finish() LOCKS_EXCLUDED(mu_);
  // Charges `n` bytes to the tear budget. On a tear sets *allowed to the
  // bytes that may still be stored and returns the injected error.
  Status ClaimBytes(const std::string& path, int64_t n, int64_t* allowed) LOCKS_EXCLUDED(mu_);

  void TrackNewFile(const std::string& path, WriteFile* file) LOCKS_EXCLUDED(mu_);
  void ForgetOpenFile(WriteFile* file) LOCKS_EXCLUDED(mu_);
  void MarkSynced(const std::string& path, int64_t size) LOCKS_EXCLUDED(mu_);
  void TrackRename(std::string from, std::string to) LOCKS_EXCLUDED(mu_);
  void ForgetWritten(const std::string& path, bool with_children) LOCKS_EXCLUDED(mu_);
  Status RollBack(const std::string& path, const WrittenFile& state) EXCLUSIVE_LOCKS_REQUIRED(mu_);

  FileSystem* const base_;

  mutable Mutex mu_;
  CondVar drained_{&mu_};
  int64_t in_flight_ GUARDED_BY(mu_) = 0;
  bool failed_ GUARDED_BY(mu_) = false;
  std::array<int64_t, kNumFsOps> counts_ GUARDED_BY(mu_) = {};

  // FailNthOperation; armed while fail_countdown_ > 0.
  int64_t fail_countdown_ GUARDED_BY(mu_) = 0;
  FsOpSet fail_ops_ GUARDED_BY(mu_);
  std::string fail_path_ GUARDED_BY(mu_);

  // TearWriteAfter; armed while tear_budget_ >= 0.
  int64_t tear_budget_ GUARDED_BY(mu_) = -1;
  std::string tear_path_ GUARDED_BY(mu_);

  std::map<std::string, WrittenFile> written_ GUARDED_BY(mu_);
  std::set<WriteFile*> open_files_ GUARDED_BY(mu_);
};

}  // namespace strata
