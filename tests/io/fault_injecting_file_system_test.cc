#include "io/fault_injecting_file_system.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "io/local_file_system.h"
#include "io_test_util.h"

namespace strata {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class FaultInjectingFileSystemTest : public ::testing::Test {
 protected:
  std::string Path(std::string_view relative) const { return dir_.Join(relative); }

  // Opens `name` through the wrapper and appends `text`.
  std::unique_ptr<WritableFile> Write(std::string_view name, std::string_view text) {
    Result<std::unique_ptr<WritableFile>> file = fs_.OpenForWrite(Path(name), WriteMode::kTruncate);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    if (!file.ok()) return nullptr;
    EXPECT_OK((*file)->Append(text));
    return std::move(file).value();
  }

  std::unique_ptr<FileSystem> local_ = NewLocalFileSystem();
  FaultInjectingFileSystem fs_{local_.get()};
  ScopedTempDir dir_;
};

bool IsInjected(const Status& status) {
  return status.IsIOError() && status.message().find("injected fault") != std::string_view::npos;
}

TEST(FsOpSetTest, ContainsWhatItWasBuiltFrom) {
  FsOpSet set = {FsOp::kAppend, FsOp::kRename};
  EXPECT_TRUE(set.Contains(FsOp::kAppend));
  EXPECT_TRUE(set.Contains(FsOp::kRename));
  EXPECT_FALSE(set.Contains(FsOp::kRead));
  EXPECT_TRUE(FsOpSet::All().Contains(FsOp::kCreateDir));
  EXPECT_TRUE(FsOpSet::Mutating().Contains(FsOp::kCreateIfAbsent));
  EXPECT_FALSE(FsOpSet::Mutating().Contains(FsOp::kListDir));
  EXPECT_EQ(FsOpName(FsOp::kCreateIfAbsent), "create-if-absent");
}

TEST_F(FaultInjectingFileSystemTest, ForwardsEverythingAndCountsEachKind) {
  ASSERT_OK(fs_.CreateDir(Path("d"), false));
  auto file = Write("d/f", "hello");
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Close());
  ASSERT_OK(fs_.CreateIfAbsent(Path("d/c"), AsBytes("commit")));
  EXPECT_EQ(ReadString(&fs_, Path("d/f")), "hello");
  ASSERT_OK_AND_ASSIGN(auto seq, fs_.OpenSequential(Path("d/c")));
  uint8_t bytes[16];
  ASSERT_OK_AND_ASSIGN(int64_t n, seq->Read(16, bytes));
  EXPECT_EQ(n, 6);
  ASSERT_OK(fs_.Rename(Path("d/c"), Path("d/c2")));
  ASSERT_OK_AND_ASSIGN(auto matches, fs_.Glob(Path("d/*")));
  EXPECT_THAT(matches, ElementsAre(Path("d/c2"), Path("d/f")));
  ASSERT_OK(fs_.GetFileInfo(Path("d/f")).status());
  ASSERT_OK(fs_.ListDir(Path("d"), true).status());
  ASSERT_OK(fs_.DeleteFile(Path("d/f")));
  ASSERT_OK(fs_.DeleteDir(Path("d"), true));

  EXPECT_EQ(fs_.OperationCount(FsOp::kCreateDir), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kOpenForWrite), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kAppend), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kSync), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kClose), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kCreateIfAbsent), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kOpenForRead), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kOpenSequential), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kRead), 3);  // Size, ReadAt, Read
  EXPECT_EQ(fs_.OperationCount(FsOp::kRename), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kGlob), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kGetFileInfo), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kListDir), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kDeleteFile), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kDeleteDir), 1);
  EXPECT_EQ(fs_.OperationCount(FsOp::kFlush), 0);
  EXPECT_EQ(fs_.TotalOperationCount(), 17);
  fs_.ResetCounters();
  EXPECT_EQ(fs_.TotalOperationCount(), 0);
}

TEST_F(FaultInjectingFileSystemTest, ForwardsErrorsUnchanged) {
  Status status = fs_.DeleteFile(Path("missing"));
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(Path("missing")));
  ASSERT_OK(fs_.CreateIfAbsent(Path("v"), AsBytes("1")));
  EXPECT_TRUE(fs_.CreateIfAbsent(Path("v"), AsBytes("2")).IsAlreadyExists());
}

// ---------------------------------------------------------------------------
// FailNthOperation.

TEST_F(FaultInjectingFileSystemTest, FailsTheNthOperationOnceWithoutSideEffects) {
  fs_.FailNthOperation(3);
  ASSERT_OK(fs_.CreateDir(Path("a"), false));
  ASSERT_OK(fs_.CreateDir(Path("b"), false));
  Status third = fs_.CreateDir(Path("c"), false);
  EXPECT_TRUE(IsInjected(third)) << third.ToString();
  EXPECT_THAT(third.message(), HasSubstr(Path("c")));
  EXPECT_THAT(third.message(), HasSubstr("create directory"));
  EXPECT_TRUE(local_->GetFileInfo(Path("c")).status().IsNotFound());
  ASSERT_OK(fs_.CreateDir(Path("c"), false));  // one-shot
  EXPECT_FALSE(fs_.failed());
  EXPECT_EQ(fs_.OperationCount(FsOp::kCreateDir), 4);
}

TEST_F(FaultInjectingFileSystemTest, FailsOnlyTheChosenKinds) {
  fs_.FailNthOperation(2, {FsOp::kCreateIfAbsent});
  ASSERT_OK(fs_.CreateIfAbsent(Path("00000.json"), AsBytes("zero")));
  ASSERT_OK(fs_.CreateDir(Path("d"), false));
  WriteString(&fs_, Path("data.parquet"), "rows");
  ASSERT_OK(fs_.GetFileInfo(Path("d")).status());
  Status commit = fs_.CreateIfAbsent(Path("00001.json"), AsBytes("one"));
  EXPECT_TRUE(IsInjected(commit)) << commit.ToString();
  EXPECT_THAT(Names(local_.get(), dir_.path()), ElementsAre("00000.json", "d", "data.parquet"));
  ASSERT_OK(fs_.CreateIfAbsent(Path("00001.json"), AsBytes("one")));
}

TEST_F(FaultInjectingFileSystemTest, FailsOnlyMatchingPaths) {
  ASSERT_OK(fs_.CreateDir(Path("_delta_log"), false));
  fs_.FailNthOperation(1, FsOpSet::Mutating(), "_delta_log/");
  WriteString(&fs_, Path("part-0.parquet"), "data");
  Status status = fs_.CreateIfAbsent(Path("_delta_log/0.json"), AsBytes("{}"));
  EXPECT_TRUE(IsInjected(status)) << status.ToString();
  // Rename matches on either path.
  fs_.FailNthOperation(1, {FsOp::kRename}, "target");
  EXPECT_TRUE(IsInjected(fs_.Rename(Path("part-0.parquet"), Path("target"))));
  ASSERT_OK(fs_.Rename(Path("part-0.parquet"), Path("target")));
}

TEST_F(FaultInjectingFileSystemTest, FailsFileLevelOperations) {
  WriteString(&fs_, Path("r"), "0123456789");
  ASSERT_OK_AND_ASSIGN(auto reader, fs_.OpenForRead(Path("r")));
  fs_.FailNthOperation(1, {FsOp::kRead});
  EXPECT_TRUE(IsInjected(reader->ReadAt(0, 4).status()));
  ASSERT_OK_AND_ASSIGN(auto bytes, reader->ReadAt(0, 4));
  EXPECT_EQ(bytes->view(), "0123");

  auto writer = Write("w", "abc");
  fs_.FailNthOperation(1, {FsOp::kSync});
  EXPECT_TRUE(IsInjected(writer->Sync()));
  fs_.FailNthOperation(1, {FsOp::kAppend});
  EXPECT_TRUE(IsInjected(writer->Append("lost")));
  ASSERT_OK(writer->Append("def"));
  EXPECT_EQ(writer->Tell(), 6);
  ASSERT_OK(writer->Close());
  EXPECT_EQ(ReadString(local_.get(), Path("w")), "abcdef");
}

// ---------------------------------------------------------------------------
// TearWriteAfter.

TEST_F(FaultInjectingFileSystemTest, TornWriteLeavesExactlyKBytesThenEverythingFails) {
  fs_.TearWriteAfter(25);
  auto file = Write("torn", "");
  ASSERT_OK(file->Append("0123456789"));
  ASSERT_OK(file->Append("0123456789"));
  Status torn = file->Append("ABCDEFGHIJ");
  EXPECT_TRUE(IsInjected(torn)) << torn.ToString();
  EXPECT_THAT(torn.message(), HasSubstr(Path("torn")));
  EXPECT_TRUE(fs_.failed());
  EXPECT_EQ(ReadString(local_.get(), Path("torn")),
            "0123456789"
            "0123456789"
            "ABCDE");
  EXPECT_TRUE(IsInjected(file->Append("more")));
  EXPECT_TRUE(IsInjected(file->Close()));
  EXPECT_TRUE(IsInjected(fs_.GetFileInfo(Path("torn")).status()));
  EXPECT_TRUE(IsInjected(fs_.CreateDir(Path("x"), false)));
  file.reset();  // The destructor must not add the rejected bytes.
  EXPECT_EQ(ReadString(local_.get(), Path("torn")),
            "0123456789"
            "0123456789"
            "ABCDE");

  fs_.Reset();
  EXPECT_FALSE(fs_.failed());
  EXPECT_EQ(ReadString(&fs_, Path("torn")),
            "0123456789"
            "0123456789"
            "ABCDE");
}

TEST_F(FaultInjectingFileSystemTest, TornWriteAtZeroBytesStoresNothing) {
  auto file = Write("f", "synced");
  ASSERT_OK(file->Sync());
  fs_.TearWriteAfter(0);
  EXPECT_TRUE(IsInjected(file->Append("x")));
  file.reset();
  EXPECT_EQ(ReadString(local_.get(), Path("f")), "synced");
}

TEST_F(FaultInjectingFileSystemTest, TornWriteCountsOnlyMatchingPaths) {
  fs_.TearWriteAfter(4, "victim");
  auto other = Write("other", "0123456789");
  ASSERT_OK(other->Close());
  auto victim = Write("victim", "");
  EXPECT_TRUE(IsInjected(victim->Append("0123456789")));
  EXPECT_EQ(ReadString(local_.get(), Path("victim")), "0123");
  EXPECT_EQ(ReadString(local_.get(), Path("other")), "0123456789");
}

TEST_F(FaultInjectingFileSystemTest, TearingCreateIfAbsentStoresNothing) {
  fs_.TearWriteAfter(3);
  Status status = fs_.CreateIfAbsent(Path("commit.json"), AsBytes("{\"add\":1}"));
  EXPECT_TRUE(IsInjected(status)) << status.ToString();
  EXPECT_TRUE(fs_.failed());
  EXPECT_THAT(Names(local_.get(), dir_.path()), IsEmpty());
}

// ---------------------------------------------------------------------------
// SimulateCrash.

TEST_F(FaultInjectingFileSystemTest, CrashTruncatesToLastSyncAndDeletesNeverSynced) {
  auto synced = Write("synced", "durable ");
  ASSERT_OK(synced->Sync());
  ASSERT_OK(synced->Append("volatile"));
  ASSERT_OK(synced->Close());
  auto never = Write("never", "gone");
  ASSERT_OK(never->Close());
  auto twice = Write("twice", "one ");
  ASSERT_OK(twice->Sync());
  ASSERT_OK(twice->Append("two "));
  ASSERT_OK(twice->Sync());
  ASSERT_OK(twice->Append("three"));
  ASSERT_OK(twice->Flush());
  ASSERT_OK(fs_.CreateIfAbsent(Path("commit"), AsBytes("atomic")));
  WriteString(local_.get(), Path("outside"), "not through the wrapper");

  ASSERT_OK(fs_.SimulateCrash());
  EXPECT_EQ(ReadString(local_.get(), Path("synced")), "durable ");
  EXPECT_EQ(ReadString(local_.get(), Path("twice")), "one two ");
  EXPECT_EQ(ReadString(local_.get(), Path("commit")), "atomic");
  EXPECT_EQ(ReadString(local_.get(), Path("outside")), "not through the wrapper");
  EXPECT_TRUE(local_->GetFileInfo(Path("never")).status().IsNotFound());
}

TEST_F(FaultInjectingFileSystemTest, OperationsFailAfterCrashUntilReset) {
  WriteString(local_.get(), Path("f"), "x");
  ASSERT_OK(fs_.SimulateCrash());
  EXPECT_TRUE(fs_.failed());
  EXPECT_TRUE(IsInjected(fs_.OpenForRead(Path("f")).status()));
  EXPECT_TRUE(IsInjected(fs_.CreateIfAbsent(Path("g"), AsBytes("y"))));
  EXPECT_TRUE(IsInjected(fs_.ListDir(dir_.path(), false).status()));
  EXPECT_TRUE(IsInjected(fs_.Glob(Path("*")).status()));
  EXPECT_TRUE(local_->GetFileInfo(Path("g")).status().IsNotFound());
  fs_.Reset();
  EXPECT_FALSE(fs_.failed());
  EXPECT_EQ(ReadString(&fs_, Path("f")), "x");
  ASSERT_OK(fs_.CreateIfAbsent(Path("g"), AsBytes("y")));
}

TEST_F(FaultInjectingFileSystemTest, CrashDiscardsBuffersOfFilesStillOpen) {
  auto file = Write("open", "synced|");
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Append("buffered, never flushed"));
  ASSERT_OK(fs_.SimulateCrash());
  fs_.Reset();
  EXPECT_FALSE(file->Append("after").ok());
  Status close = file->Close();
  EXPECT_FALSE(close.ok());
  EXPECT_THAT(close.message(), HasSubstr("simulated crash"));
  file.reset();
  EXPECT_EQ(ReadString(local_.get(), Path("open")), "synced|");
}

TEST_F(FaultInjectingFileSystemTest, CrashFollowsRenamesAndDeletes) {
  auto tmp = Write("tmp", "checkpoint");
  ASSERT_OK(tmp->Sync());
  ASSERT_OK(tmp->Close());
  ASSERT_OK(fs_.Rename(Path("tmp"), Path("final")));
  auto unsynced = Write("tmp2", "half");
  ASSERT_OK(unsynced->Close());
  ASSERT_OK(fs_.Rename(Path("tmp2"), Path("final2")));
  auto deleted = Write("deleted", "x");
  ASSERT_OK(deleted->Close());
  ASSERT_OK(fs_.DeleteFile(Path("deleted")));
  ASSERT_OK(fs_.CreateDir(Path("dir"), false));
  auto inside = Write("dir/f", "y");
  ASSERT_OK(inside->Close());
  ASSERT_OK(fs_.Rename(Path("dir"), Path("moved")));

  ASSERT_OK(fs_.SimulateCrash());
  EXPECT_THAT(Names(local_.get(), dir_.path()), ElementsAre("final", "moved"));
  EXPECT_EQ(ReadString(local_.get(), Path("final")), "checkpoint");
  EXPECT_THAT(Names(local_.get(), Path("moved")), IsEmpty());
}

TEST_F(FaultInjectingFileSystemTest, ReopeningForWriteRestartsTracking) {
  auto first = Write("f", "v1");
  ASSERT_OK(first->Sync());
  ASSERT_OK(first->Close());
  auto second = Write("f", "v2 longer");
  ASSERT_OK(second->Close());
  ASSERT_OK(fs_.SimulateCrash());
  EXPECT_TRUE(local_->GetFileInfo(Path("f")).status().IsNotFound());
}

TEST_F(FaultInjectingFileSystemTest, TornWriteThenCrashKeepsOnlySyncedBytes) {
  auto file = Write("log", "synced;");
  ASSERT_OK(file->Sync());
  fs_.TearWriteAfter(3);
  EXPECT_TRUE(IsInjected(file->Append("unsynced")));
  EXPECT_EQ(ReadString(local_.get(), Path("log")), "synced;uns");
  ASSERT_OK(fs_.SimulateCrash());
  EXPECT_EQ(ReadString(local_.get(), Path("log")), "synced;");
}

// ---------------------------------------------------------------------------
// Concurrency.

TEST_F(FaultInjectingFileSystemTest, ConcurrentCreateIfAbsentThroughTheWrapper) {
  constexpr int kThreads = 8;
  std::atomic<int> winners{0};
  std::atomic<int> already_exists{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int version = 0; version < 10; ++version) {
        Status status = fs_.CreateIfAbsent(Path(std::to_string(version)),
                                           AsBytes("writer " + std::to_string(t)));
        if (status.ok()) ++winners;
        if (status.IsAlreadyExists()) ++already_exists;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(winners.load(), 10);
  EXPECT_EQ(already_exists.load(), 10 * (kThreads - 1));
  EXPECT_EQ(fs_.OperationCount(FsOp::kCreateIfAbsent), 10 * kThreads);
}

TEST_F(FaultInjectingFileSystemTest, CrashWhileOtherThreadsWrite) {
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Result<std::unique_ptr<WritableFile>> file =
          fs_.OpenForWrite(Path("w" + std::to_string(t)), WriteMode::kTruncate);
      if (!file.ok()) return;
      if (!(*file)->Append("synced").ok() || !(*file)->Sync().ok()) return;
      while (!stop.load() && (*file)->Append("more").ok()) {
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_OK(fs_.SimulateCrash());
  stop = true;
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) {
    Result<FileInfo> info = local_->GetFileInfo(Path("w" + std::to_string(t)));
    // Either the file never got synced before the crash (deleted) or it holds
    // exactly the synced prefix.
    if (info.ok()) {
      EXPECT_EQ(ReadString(local_.get(), Path("w" + std::to_string(t))), "synced");
    }
  }
}

}  // namespace
}  // namespace strata
