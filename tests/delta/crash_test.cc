// Crash safety of a Delta write: a write of a few data files, its commit
// and the checkpoint due at that version is interrupted at every operation
// (failed, torn, or crashed with unsynced data lost). After a restart the
// table must read as exactly the previous version or the new one, and the
// next writes (and their checkpoint) must work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "delta/checkpoint.h"
#include "delta/table_writer.h"
#include "delta/write_test_util.h"
#include "io/fault_injecting_file_system.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::delta {
namespace {

using testing::IdRows;
using testing::Longs;
using testing::MakeBatch;
using testing::ReadTable;
using testing::Strings;
using testing::WriteBatch;

// Forwards to a FaultInjectingFileSystem and crashes it (SimulateCrash: every
// later operation fails, unsynced data is lost) just before the `crash_at`th
// file system call, so the process "dies" at that point with nothing after
// it running. Calls on open files are not counted: a crash between them is
// the same as one before the next file system call (or a torn write).
class CrashBeforeCallFileSystem final : public FileSystem {
 public:
  CrashBeforeCallFileSystem(FaultInjectingFileSystem* inner, int64_t crash_at)
      : inner_(inner), crash_at_(crash_at) {}

  Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override {
    Tick();
    return inner_->OpenForRead(path);
  }
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    Tick();
    return inner_->OpenSequential(path);
  }
  Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                     WriteMode mode) override {
    Tick();
    return inner_->OpenForWrite(path, mode);
  }
  Status CreateIfAbsent(const std::string& path, std::span<const uint8_t> contents) override {
    Tick();
    return inner_->CreateIfAbsent(path, contents);
  }
  Result<FileInfo> GetFileInfo(const std::string& path) override {
    Tick();
    return inner_->GetFileInfo(path);
  }
  Result<std::vector<FileInfo>> ListDir(const std::string& path, bool recursive) override {
    Tick();
    return inner_->ListDir(path, recursive);
  }
  Result<std::vector<std::string>> Glob(const std::string& pattern) override {
    Tick();
    return inner_->Glob(pattern);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    Tick();
    return inner_->Rename(from, to);
  }
  Status DeleteFile(const std::string& path) override {
    Tick();
    return inner_->DeleteFile(path);
  }
  Status DeleteDir(const std::string& path, bool recursive) override {
    Tick();
    return inner_->DeleteDir(path, recursive);
  }
  Status CreateDir(const std::string& path, bool recursive) override {
    Tick();
    return inner_->CreateDir(path, recursive);
  }

  int64_t calls() const { return calls_; }

 private:
  void Tick() {
    if (++calls_ == crash_at_) {
      Status status = inner_->SimulateCrash();
      if (!status.ok()) ADD_FAILURE() << status.ToString();
    }
  }

  FaultInjectingFileSystem* inner_;
  int64_t crash_at_;
  int64_t calls_ = 0;
};

enum class Fault { kNone, kFailNth, kCrashBeforeCall, kTear };

const char* FaultName(Fault fault) {
  switch (fault) {
    case Fault::kNone: return "none";
    case Fault::kFailNth: return "fail-nth";
    case Fault::kCrashBeforeCall: return "crash-before-call";
    case Fault::kTear: return "tear";
  }
  return "?";
}

class CrashTest : public ::testing::Test {
 protected:
  static constexpr int64_t kInterval = 2;  // The write makes version 2: a checkpoint is due.

  void SetUp() override {
    // Version 0: ids 1-3; version 1: ids 4-6 (partitioned by p).
    ASSERT_OK(WriteBatch(local_.get(), base_, Rows(1, 3), Options()).status());
    ASSERT_OK(WriteBatch(local_.get(), base_, Rows(4, 6), Options()).status());
    old_rows_ = IdRows(1, 6);
    new_rows_ = IdRows(1, 12);
  }

  // {id, name, p}: p cycles over three values, so a write makes three files.
  static RecordBatchPtr Rows(int64_t from, int64_t to) {
    std::vector<std::optional<int64_t>> ids;
    std::vector<std::optional<std::string>> names;
    std::vector<std::optional<std::string>> parts;
    for (int64_t id = from; id <= to; ++id) {
      ids.emplace_back(id);
      names.emplace_back("n" + std::to_string(id));
      parts.emplace_back(id % 3 == 0 ? "a" : id % 3 == 1 ? "b/c" : "d e");
    }
    return MakeBatch({Field("id", Int64()), Field("name", String()), Field("p", String())},
                     {Longs(ids), Strings(names), Strings(parts)});
  }

  static TableWriteOptions Options() {
    TableWriteOptions options;
    options.partition_columns = {"p"};
    options.transaction.checkpoint_interval = kInterval;
    return options;
  }

  // Rows read back without the partition column, as "id|name".
  static Result<std::vector<std::string>> Read(FileSystem* fs, const std::string& root) {
    return ReadTable(fs, root, std::nullopt, {"id", "name"});
  }

  // Copies the base table and writes ids 7-12 into the copy through a
  // fault-injecting file system armed with `fault` at `n`; then "restarts".
  // Returns the copy's root. `ops`/`bytes` receive the operation count and
  // bytes appended by the write (used with Fault::kNone to size the sweep).
  std::string RunFaultyWrite(Fault fault, int64_t n, int64_t* ops = nullptr,
                             int64_t* calls = nullptr) {
    const std::string root = dir_.Join("run" + std::to_string(++runs_));
    std::filesystem::copy(base_, root, std::filesystem::copy_options::recursive);
    FaultInjectingFileSystem faulty(local_.get());
    CrashBeforeCallFileSystem crashing(&faulty, fault == Fault::kCrashBeforeCall ? n : -1);
    if (fault == Fault::kFailNth) faulty.FailNthOperation(n);
    if (fault == Fault::kTear) faulty.TearWriteAfter(n);
    Result<TableWriteResult> result = WriteBatch(&crashing, root, Rows(7, 12), Options());
    if (fault == Fault::kNone) {
      EXPECT_OK(result.status());
    }
    committed_ = result.ok();
    if (ops != nullptr) *ops = faulty.TotalOperationCount();
    if (calls != nullptr) *calls = crashing.calls();
    // The process ends: what was not synced is gone.
    EXPECT_OK(faulty.SimulateCrash());
    faulty.Reset();
    return root;
  }

  // After a restart: the table is the old or the new version, never in
  // between; the next write works, and so does its checkpoint.
  void CheckRecovered(const std::string& root, Fault fault, int64_t n) {
    SCOPED_TRACE(std::string(FaultName(fault)) + " at " + std::to_string(n));
    Result<std::shared_ptr<const Snapshot>> snapshot = Snapshot::Load(local_.get(), root, {});
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    const int64_t version = (*snapshot)->version();
    Result<std::vector<std::string>> rows = Read(local_.get(), root);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    if (version == 1) {
      EXPECT_EQ(*rows, old_rows_);
    } else {
      ASSERT_EQ(version, 2);
      EXPECT_EQ(*rows, new_rows_);
    }
    // A write that reported success survives the crash.
    if (fault == Fault::kNone || committed_) {
      EXPECT_EQ(version, 2);
    }
    // The next write (ids 100-102), with a checkpoint at its version.
    TableWriteOptions options = Options();
    options.transaction.checkpoint_interval = 1;
    Result<TableWriteResult> next = WriteBatch(local_.get(), root, Rows(100, 102), options);
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    const int64_t due = version + 1;
    ASSERT_EQ(next->version, due);
    std::vector<std::string> expected = version == 1 ? IdRows(1, 6) : IdRows(1, 12);
    for (const std::string& row : IdRows(100, 102)) expected.push_back(row);
    std::sort(expected.begin(), expected.end());
    rows = Read(local_.get(), root);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, expected);
    const std::string checkpoint =
        root + "/_delta_log/" + testing::CommitName(due).substr(0, 20) + ".checkpoint.parquet";
    Result<std::vector<Action>> actions = ReadParquetActions(local_.get(), checkpoint);
    ASSERT_TRUE(actions.ok()) << actions.status().ToString();
    EXPECT_EQ(testing::ActionsOf<AddFile>(*actions).size(), version == 1 ? 9U : 12U);
    Result<std::unique_ptr<Buffer>> last =
        ReadWholeFile(local_.get(), root + "/_delta_log/_last_checkpoint");
    ASSERT_TRUE(last.ok()) << last.status().ToString();
    EXPECT_THAT(std::string((*last)->view()),
                ::testing::HasSubstr("\"version\":" + std::to_string(due) + ","));
    std::filesystem::remove_all(root);
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> local_ = NewLocalFileSystem();
  std::string base_ = dir_.Join("base");
  std::vector<std::string> old_rows_;
  std::vector<std::string> new_rows_;
  int runs_ = 0;
  bool committed_ = false;  // The last RunFaultyWrite's write returned OK.
};

TEST_F(CrashTest, WithoutFaultsTheWriteCommitsAndCheckpoints) {
  int64_t ops = 0;
  const std::string root = RunFaultyWrite(Fault::kNone, 0, &ops);
  EXPECT_GT(ops, 20);
  EXPECT_TRUE(
      std::filesystem::exists(root + "/_delta_log/00000000000000000002.checkpoint.parquet"));
  CheckRecovered(root, Fault::kNone, 0);
}

TEST_F(CrashTest, FailingAnyOneOperation) {
  int64_t ops = 0;
  RunFaultyWrite(Fault::kNone, 0, &ops);
  for (int64_t n = 1; n <= ops + 1; ++n) {
    CheckRecovered(RunFaultyWrite(Fault::kFailNth, n), Fault::kFailNth, n);
    if (HasFatalFailure()) return;
  }
}

TEST_F(CrashTest, CrashingBeforeAnyFileSystemCall) {
  int64_t calls = 0;
  RunFaultyWrite(Fault::kNone, 0, nullptr, &calls);
  EXPECT_GT(calls, 10);
  for (int64_t n = 1; n <= calls + 1; ++n) {
    CheckRecovered(RunFaultyWrite(Fault::kCrashBeforeCall, n), Fault::kCrashBeforeCall, n);
    if (HasFatalFailure()) return;
  }
}

TEST_F(CrashTest, TearingAWriteAtAnyPoint) {
  // Bytes appended by a clean write, measured by tearing after "infinitely" many.
  int64_t total = 0;
  {
    // Tear budgets are the only byte counter the wrapper has: binary search
    // the smallest budget that lets the write through untorn.
    int64_t low = 0;
    int64_t high = int64_t{1} << 24;
    while (low < high) {
      const int64_t mid = (low + high) / 2;
      const std::string root = dir_.Join("size" + std::to_string(mid));
      std::filesystem::copy(base_, root, std::filesystem::copy_options::recursive);
      FaultInjectingFileSystem faulty(local_.get());
      faulty.TearWriteAfter(mid);
      (void)WriteBatch(&faulty, root, Rows(7, 12), Options());
      const bool torn = faulty.failed();
      faulty.Reset();
      std::filesystem::remove_all(root);
      if (torn) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    total = low;
  }
  ASSERT_GT(total, 1000);
  // Every byte near the start, then a stride that visits every file.
  const int64_t stride = std::max<int64_t>(1, total / 48);
  for (int64_t n = 0; n <= total; n += n < 8 ? 1 : stride) {
    CheckRecovered(RunFaultyWrite(Fault::kTear, n), Fault::kTear, n);
    if (HasFatalFailure()) return;
  }
}

// A crash while the checkpoint is written: the commit stands, the table
// reads, and the next checkpoint is written.
TEST_F(CrashTest, CrashDuringTheCheckpoint) {
  const std::string root = dir_.Join("torn-checkpoint");
  std::filesystem::copy(base_, root, std::filesystem::copy_options::recursive);
  FaultInjectingFileSystem faulty(local_.get());
  // The checkpoint is written to a temporary beside it (the only one in the log).
  faulty.TearWriteAfter(200, "_delta_log/" + std::string(kTempFilePrefix));
  ASSERT_OK_AND_ASSIGN(TableWriteResult result, WriteBatch(&faulty, root, Rows(7, 12), Options()));
  EXPECT_EQ(result.version, 2);
  committed_ = true;
  EXPECT_TRUE(faulty.failed());
  ASSERT_OK(faulty.SimulateCrash());
  faulty.Reset();
  EXPECT_FALSE(
      std::filesystem::exists(root + "/_delta_log/00000000000000000002.checkpoint.parquet"));
  EXPECT_FALSE(std::filesystem::exists(root + "/_delta_log/_last_checkpoint"));
  CheckRecovered(root, Fault::kTear, 200);
}

TEST_F(CrashTest, CrashWritingLastCheckpoint) {
  for (const FsOp op :
       {FsOp::kOpenForWrite, FsOp::kAppend, FsOp::kSync, FsOp::kClose, FsOp::kRename}) {
    SCOPED_TRACE(std::string(FsOpName(op)));
    const std::string root = dir_.Join(std::string("last-") + std::string(FsOpName(op)));
    std::filesystem::copy(base_, root, std::filesystem::copy_options::recursive);
    FaultInjectingFileSystem faulty(local_.get());
    faulty.FailNthOperation(1, {op}, "_last_checkpoint");
    ASSERT_OK_AND_ASSIGN(TableWriteResult result,
                         WriteBatch(&faulty, root, Rows(7, 12), Options()));
    EXPECT_EQ(result.version, 2);
    committed_ = true;
    ASSERT_OK(faulty.SimulateCrash());
    faulty.Reset();
    // The checkpoint itself is complete; its pointer is missing.
    EXPECT_TRUE(
        std::filesystem::exists(root + "/_delta_log/00000000000000000002.checkpoint.parquet"));
    EXPECT_FALSE(std::filesystem::exists(root + "/_delta_log/_last_checkpoint"));
    CheckRecovered(root, Fault::kFailNth, 0);
  }
}

}  // namespace
}  // namespace strata::delta
