#include "io/local_file_system.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "io_test_util.h"

namespace strata {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class LocalFileSystemTest : public ::testing::Test {
 protected:
  std::string Path(std::string_view relative) const { return dir_.Join(relative); }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  ScopedTempDir dir_;
};

std::string Pattern(size_t size) {
  std::string text(size, '\0');
  for (size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return text;
}

// ---------------------------------------------------------------------------
// Reading and writing.

TEST_F(LocalFileSystemTest, WriteThenReadRoundTrip) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForWrite(Path("a.txt"), WriteMode::kTruncate));
  ASSERT_OK(file->Append("hello, "));
  ASSERT_OK(file->Append(AsBytes("world")));
  EXPECT_EQ(file->Tell(), 12);
  ASSERT_OK(file->Sync());
  ASSERT_OK(file->Close());
  EXPECT_EQ(ReadString(fs_.get(), Path("a.txt")), "hello, world");
  ASSERT_OK_AND_ASSIGN(FileInfo info, fs_->GetFileInfo(Path("a.txt")));
  EXPECT_EQ(info.type, FileType::kFile);
  EXPECT_EQ(info.size, 12);
  EXPECT_GT(info.mtime_micros, 0);
}

TEST_F(LocalFileSystemTest, MixedSmallAndLargeAppendsKeepOrder) {
  // Sizes below, at and above the internal write buffer.
  std::string expected;
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForWrite(Path("mix"), WriteMode::kTruncate));
  for (size_t size : {1u, 100u, 65535u, 65536u, 3u, 200000u, 7u, 0u, 65537u}) {
    std::string chunk = Pattern(size + expected.size()).substr(expected.size());
    ASSERT_OK(file->Append(chunk));
    expected += chunk;
    EXPECT_EQ(file->Tell(), static_cast<int64_t>(expected.size()));
  }
  ASSERT_OK(file->Close());
  EXPECT_EQ(ReadString(fs_.get(), Path("mix")), expected);
}

TEST_F(LocalFileSystemTest, FlushMakesBytesVisibleBeforeClose) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForWrite(Path("f"), WriteMode::kTruncate));
  ASSERT_OK(file->Append("abc"));
  ASSERT_OK(file->Flush());
  EXPECT_EQ(ReadString(fs_.get(), Path("f")), "abc");
  ASSERT_OK(file->Close());
}

TEST_F(LocalFileSystemTest, DestructorClosesAndFlushes) {
  {
    ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForWrite(Path("d"), WriteMode::kTruncate));
    ASSERT_OK(file->Append("buffered"));
  }
  EXPECT_EQ(ReadString(fs_.get(), Path("d")), "buffered");
}

TEST_F(LocalFileSystemTest, AppendAfterCloseIsInvalidAndCloseIsIdempotent) {
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForWrite(Path("c"), WriteMode::kTruncate));
  ASSERT_OK(file->Close());
  ASSERT_OK(file->Close());
  Status status = file->Append("x");
  EXPECT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(Path("c")));
  EXPECT_TRUE(file->Sync().IsInvalid());
}

TEST_F(LocalFileSystemTest, OpenForWriteTruncatesByDefault) {
  WriteString(fs_.get(), Path("t"), "a long first version");
  WriteString(fs_.get(), Path("t"), "short");
  EXPECT_EQ(ReadString(fs_.get(), Path("t")), "short");
}

TEST_F(LocalFileSystemTest, OpenForWriteFailIfExists) {
  WriteString(fs_.get(), Path("x"), "keep");
  Result<std::unique_ptr<WritableFile>> file =
      fs_->OpenForWrite(Path("x"), WriteMode::kFailIfExists);
  ASSERT_TRUE(file.status().IsAlreadyExists()) << file.status().ToString();
  EXPECT_THAT(file.status().message(), HasSubstr(Path("x")));
  EXPECT_EQ(ReadString(fs_.get(), Path("x")), "keep");
  ASSERT_OK(fs_->OpenForWrite(Path("y"), WriteMode::kFailIfExists).status());
}

TEST_F(LocalFileSystemTest, RangedReads) {
  std::string text = Pattern(1000);
  WriteString(fs_.get(), Path("r"), text);
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForRead(Path("r")));
  EXPECT_EQ(file->path(), Path("r"));
  ASSERT_OK_AND_ASSIGN(int64_t size, file->Size());
  EXPECT_EQ(size, 1000);
  std::string out(100, '\0');
  ASSERT_OK(file->ReadAt(250, 100, reinterpret_cast<uint8_t*>(out.data())));
  EXPECT_EQ(out, text.substr(250, 100));
  ASSERT_OK_AND_ASSIGN(auto tail, file->ReadAt(990, 10));
  EXPECT_EQ(tail->view(), text.substr(990));
  ASSERT_OK_AND_ASSIGN(auto empty, file->ReadAt(1000, 0));
  EXPECT_EQ(empty->size(), 0u);
  ASSERT_OK_AND_ASSIGN(auto all, file->ReadAt(0, 1000));
  EXPECT_EQ(all->view(), text);
}

TEST_F(LocalFileSystemTest, ReadPastEndNamesPathOffsetAndLength) {
  WriteString(fs_.get(), Path("short"), "0123456789");
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForRead(Path("short")));
  Result<std::unique_ptr<Buffer>> read = file->ReadAt(6, 5);
  ASSERT_TRUE(read.status().IsIOError()) << read.status().ToString();
  EXPECT_THAT(read.status().message(), HasSubstr(Path("short")));
  EXPECT_THAT(read.status().message(), HasSubstr("offset 6"));
  EXPECT_THAT(read.status().message(), HasSubstr("5 bytes"));
  EXPECT_TRUE(file->ReadAt(11, 1).status().IsIOError());
  EXPECT_TRUE(file->ReadAt(10, 1).status().IsIOError());
}

TEST_F(LocalFileSystemTest, NegativeOrOverflowingRangesAreInvalid) {
  WriteString(fs_.get(), Path("n"), "abc");
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForRead(Path("n")));
  uint8_t byte = 0;
  EXPECT_TRUE(file->ReadAt(-1, 1, &byte).IsInvalid());
  EXPECT_TRUE(file->ReadAt(0, -1, &byte).IsInvalid());
  EXPECT_TRUE(file->ReadAt(0, -1).status().IsInvalid());
  EXPECT_TRUE(file->ReadAt(std::numeric_limits<int64_t>::max(), 2, &byte).IsInvalid());
}

TEST_F(LocalFileSystemTest, ConcurrentReadAtFromManyThreads) {
  std::string text = Pattern(1 << 20);
  WriteString(fs_.get(), Path("big"), text);
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenForRead(Path("big")));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(static_cast<uint32_t>(t));
      for (int i = 0; i < 200; ++i) {
        size_t offset = rng() % text.size();
        size_t length = rng() % std::min<size_t>(10000, text.size() - offset);
        Result<std::unique_ptr<Buffer>> read =
            file->ReadAt(static_cast<int64_t>(offset), static_cast<int64_t>(length));
        if (!read.ok() || (*read)->view() != std::string_view{text}.substr(offset, length)) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(LocalFileSystemTest, SequentialReadInChunks) {
  std::string text = Pattern(10000);
  WriteString(fs_.get(), Path("s"), text);
  ASSERT_OK_AND_ASSIGN(auto file, fs_->OpenSequential(Path("s")));
  EXPECT_EQ(file->path(), Path("s"));
  std::string got;
  std::vector<uint8_t> chunk(3000);
  while (true) {
    ASSERT_OK_AND_ASSIGN(int64_t n, file->Read(static_cast<int64_t>(chunk.size()), chunk.data()));
    if (n == 0) break;
    got.append(reinterpret_cast<const char*>(chunk.data()), static_cast<size_t>(n));
  }
  EXPECT_EQ(got, text);
  EXPECT_TRUE(file->Read(-1, chunk.data()).status().IsInvalid());
}

TEST_F(LocalFileSystemTest, ReadWholeFileOfEmptyFile) {
  WriteString(fs_.get(), Path("empty"), "");
  EXPECT_EQ(ReadString(fs_.get(), Path("empty")), "");
}

// ---------------------------------------------------------------------------
// Errors.

TEST_F(LocalFileSystemTest, MissingPathsAreNotFoundAndNamed) {
  std::string missing = Path("no/such/file");
  std::vector<Status> statuses = {
      fs_->OpenForRead(missing).status(),
      fs_->OpenSequential(missing).status(),
      fs_->OpenForWrite(missing, WriteMode::kTruncate).status(),
      fs_->GetFileInfo(missing).status(),
      fs_->ListDir(missing, false).status(),
      fs_->ListDir(missing, true).status(),
      fs_->DeleteFile(missing),
      fs_->DeleteDir(missing, false),
      fs_->DeleteDir(missing, true),
      fs_->Rename(missing, Path("elsewhere")),
      fs_->CreateIfAbsent(missing, AsBytes("x")),
      fs_->CreateDir(missing, false),
  };
  for (const Status& status : statuses) {
    EXPECT_TRUE(status.IsNotFound()) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr(missing));
  }
}

TEST_F(LocalFileSystemTest, ErrorsNameTheOperation) {
  EXPECT_THAT(fs_->OpenForRead(Path("gone")).status().message(), HasSubstr("open for read"));
  EXPECT_THAT(fs_->DeleteFile(Path("gone")).message(), HasSubstr("delete file"));
  Status rename = fs_->Rename(Path("gone"), Path("there"));
  EXPECT_THAT(rename.message(), HasSubstr("rename"));
  EXPECT_THAT(rename.message(), HasSubstr(Path("there")));
}

TEST_F(LocalFileSystemTest, PathBelowAFileIsNotFound) {
  WriteString(fs_.get(), Path("file"), "x");
  Status status = fs_->GetFileInfo(Path("file/below")).status();
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(Path("file/below")));
}

TEST_F(LocalFileSystemTest, EmptyPathIsInvalid) {
  EXPECT_TRUE(fs_->OpenForRead("").status().IsInvalid());
  EXPECT_TRUE(fs_->GetFileInfo("").status().IsInvalid());
  EXPECT_TRUE(fs_->CreateIfAbsent("", AsBytes("x")).IsInvalid());
  EXPECT_TRUE(fs_->Glob("").status().IsInvalid());
}

TEST_F(LocalFileSystemTest, OpeningADirectoryForReadFails) {
  Result<std::unique_ptr<RandomAccessFile>> file = fs_->OpenForRead(dir_.path());
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.status().message(), HasSubstr(dir_.path()));
  EXPECT_FALSE(fs_->OpenSequential(dir_.path()).ok());
}

// ---------------------------------------------------------------------------
// Namespace operations.

TEST_F(LocalFileSystemTest, GetFileInfoOfDirectory) {
  ASSERT_OK_AND_ASSIGN(FileInfo info, fs_->GetFileInfo(dir_.path()));
  EXPECT_EQ(info.type, FileType::kDirectory);
  EXPECT_EQ(info.size, 0);
  EXPECT_EQ(info.path, dir_.path());
}

TEST_F(LocalFileSystemTest, ListDirIsSortedAndOptionallyRecursive) {
  ASSERT_OK(fs_->CreateDir(Path("b/c"), true));
  WriteString(fs_.get(), Path("z.txt"), "z");
  WriteString(fs_.get(), Path("a.txt"), "aa");
  WriteString(fs_.get(), Path("b/c/d.txt"), "ddd");
  WriteString(fs_.get(), Path("b/e.txt"), "e");
  WriteString(fs_.get(), Path(".hidden"), "");

  ASSERT_OK_AND_ASSIGN(std::vector<FileInfo> flat, fs_->ListDir(dir_.path(), false));
  std::vector<std::string> paths;
  for (const FileInfo& info : flat) paths.push_back(info.path);
  EXPECT_THAT(paths, ElementsAre(Path(".hidden"), Path("a.txt"), Path("b"), Path("z.txt")));
  EXPECT_EQ(flat[1].size, 2);
  EXPECT_EQ(flat[2].type, FileType::kDirectory);

  ASSERT_OK_AND_ASSIGN(std::vector<FileInfo> deep, fs_->ListDir(dir_.path(), true));
  paths.clear();
  for (const FileInfo& info : deep) paths.push_back(info.path);
  EXPECT_THAT(paths, ElementsAre(Path(".hidden"), Path("a.txt"), Path("b"), Path("b/c"),
                                 Path("b/c/d.txt"), Path("b/e.txt"), Path("z.txt")));
  EXPECT_EQ(deep[4].size, 3);
}

TEST_F(LocalFileSystemTest, ListDirWithTrailingSlashDoesNotDoubleIt) {
  WriteString(fs_.get(), Path("f"), "");
  ASSERT_OK_AND_ASSIGN(std::vector<FileInfo> entries, fs_->ListDir(dir_.path() + "/", false));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].path, Path("f"));
}

TEST_F(LocalFileSystemTest, ListDirReportsSymlinksWithoutFollowingDirectories) {
  ASSERT_OK(fs_->CreateDir(Path("real"), false));
  WriteString(fs_.get(), Path("real/f"), "1234");
  ASSERT_EQ(::symlink(Path("real").c_str(), Path("link").c_str()), 0);
  ASSERT_EQ(::symlink(Path("nowhere").c_str(), Path("dangling").c_str()), 0);
  ASSERT_OK_AND_ASSIGN(std::vector<FileInfo> entries, fs_->ListDir(dir_.path(), true));
  std::vector<std::string> paths;
  for (const FileInfo& info : entries) paths.push_back(info.path);
  EXPECT_THAT(paths, ElementsAre(Path("dangling"), Path("link"), Path("real"), Path("real/f")));
  EXPECT_EQ(entries[0].type, FileType::kOther);
  EXPECT_EQ(entries[1].type, FileType::kDirectory);
}

TEST_F(LocalFileSystemTest, ListDirOfAFileFails) {
  WriteString(fs_.get(), Path("file"), "x");
  Result<std::vector<FileInfo>> entries = fs_->ListDir(Path("file"), false);
  ASSERT_FALSE(entries.ok());
  EXPECT_THAT(entries.status().message(), HasSubstr(Path("file")));
}

TEST_F(LocalFileSystemTest, RenameReplacesAnExistingFile) {
  WriteString(fs_.get(), Path("from"), "new");
  WriteString(fs_.get(), Path("to"), "old contents");
  ASSERT_OK(fs_->Rename(Path("from"), Path("to")));
  EXPECT_EQ(ReadString(fs_.get(), Path("to")), "new");
  EXPECT_TRUE(fs_->GetFileInfo(Path("from")).status().IsNotFound());
}

TEST_F(LocalFileSystemTest, RenameMovesDirectoriesAcrossParents) {
  ASSERT_OK(fs_->CreateDir(Path("p/q"), true));
  ASSERT_OK(fs_->CreateDir(Path("r"), false));
  WriteString(fs_.get(), Path("p/q/f"), "data");
  ASSERT_OK(fs_->Rename(Path("p/q"), Path("r/q2")));
  EXPECT_EQ(ReadString(fs_.get(), Path("r/q2/f")), "data");
}

TEST_F(LocalFileSystemTest, DeleteFile) {
  WriteString(fs_.get(), Path("f"), "x");
  ASSERT_OK(fs_->DeleteFile(Path("f")));
  EXPECT_TRUE(fs_->GetFileInfo(Path("f")).status().IsNotFound());
  ASSERT_OK(fs_->CreateDir(Path("d"), false));
  EXPECT_FALSE(fs_->DeleteFile(Path("d")).ok());
}

TEST_F(LocalFileSystemTest, DeleteDirNonRecursiveNeedsAnEmptyDirectory) {
  ASSERT_OK(fs_->CreateDir(Path("d"), false));
  WriteString(fs_.get(), Path("d/f"), "x");
  Status status = fs_->DeleteDir(Path("d"), false);
  EXPECT_TRUE(status.IsIOError()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(Path("d")));
  ASSERT_OK(fs_->DeleteFile(Path("d/f")));
  ASSERT_OK(fs_->DeleteDir(Path("d"), false));
  EXPECT_TRUE(fs_->GetFileInfo(Path("d")).status().IsNotFound());
}

TEST_F(LocalFileSystemTest, DeleteDirRecursiveRemovesTreeButNotSymlinkTargets) {
  ASSERT_OK(fs_->CreateDir(Path("keep"), false));
  WriteString(fs_.get(), Path("keep/precious"), "x");
  ASSERT_OK(fs_->CreateDir(Path("t/a/b/c"), true));
  WriteString(fs_.get(), Path("t/a/f1"), "1");
  WriteString(fs_.get(), Path("t/a/b/c/f2"), "2");
  WriteString(fs_.get(), Path("t/.hidden"), "3");
  ASSERT_EQ(::symlink(Path("keep").c_str(), Path("t/a/link").c_str()), 0);
  ASSERT_OK(fs_->DeleteDir(Path("t"), true));
  EXPECT_TRUE(fs_->GetFileInfo(Path("t")).status().IsNotFound());
  EXPECT_EQ(ReadString(fs_.get(), Path("keep/precious")), "x");
}

TEST_F(LocalFileSystemTest, DeleteDirRecursiveOnAFileFails) {
  WriteString(fs_.get(), Path("f"), "x");
  EXPECT_FALSE(fs_->DeleteDir(Path("f"), true).ok());
  EXPECT_EQ(ReadString(fs_.get(), Path("f")), "x");
}

TEST_F(LocalFileSystemTest, CreateDirRecursiveIsMkdirP) {
  ASSERT_OK(fs_->CreateDir(Path("x/y/z"), true));
  ASSERT_OK_AND_ASSIGN(FileInfo info, fs_->GetFileInfo(Path("x/y/z")));
  EXPECT_EQ(info.type, FileType::kDirectory);
  ASSERT_OK(fs_->CreateDir(Path("x/y/z"), true));
  ASSERT_OK(fs_->CreateDir(Path("x/y/z/"), true));
  ASSERT_OK(fs_->CreateDir(Path("x"), true));
}

TEST_F(LocalFileSystemTest, CreateDirNonRecursive) {
  ASSERT_OK(fs_->CreateDir(Path("d"), false));
  EXPECT_TRUE(fs_->CreateDir(Path("d"), false).IsAlreadyExists());
  EXPECT_TRUE(fs_->CreateDir(Path("a/b"), false).IsNotFound());
}

TEST_F(LocalFileSystemTest, CreateDirOverAFileFails) {
  WriteString(fs_.get(), Path("f"), "x");
  Status status = fs_->CreateDir(Path("f"), true);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(Path("f")));
  EXPECT_FALSE(fs_->CreateDir(Path("f/sub"), true).ok());
}

TEST_F(LocalFileSystemTest, CreateDirRecursiveFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      if (!fs_->CreateDir(Path("m/n/o/" + std::to_string(t % 2)), true).ok()) ++failures;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(Names(fs_.get(), Path("m/n/o")), ElementsAre("0", "1"));
}

// ---------------------------------------------------------------------------
// CreateIfAbsent.

TEST_F(LocalFileSystemTest, CreateIfAbsentWritesContentsAndLeavesNoTemporary) {
  ASSERT_OK(fs_->CreateIfAbsent(Path("00000.json"), AsBytes("{\"commit\":0}")));
  EXPECT_EQ(ReadString(fs_.get(), Path("00000.json")), "{\"commit\":0}");
  ASSERT_OK(fs_->CreateIfAbsent(Path("empty"), {}));
  EXPECT_EQ(ReadString(fs_.get(), Path("empty")), "");
  EXPECT_THAT(Names(fs_.get(), dir_.path()), ElementsAre("00000.json", "empty"));
}

TEST_F(LocalFileSystemTest, CreateIfAbsentNeverReplaces) {
  WriteString(fs_.get(), Path("v1"), "winner");
  Status status = fs_->CreateIfAbsent(Path("v1"), AsBytes("loser"));
  EXPECT_TRUE(status.IsAlreadyExists()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr(Path("v1")));
  EXPECT_EQ(ReadString(fs_.get(), Path("v1")), "winner");
  ASSERT_OK(fs_->CreateDir(Path("dir"), false));
  EXPECT_TRUE(fs_->CreateIfAbsent(Path("dir"), AsBytes("x")).IsAlreadyExists());
  EXPECT_THAT(Names(fs_.get(), dir_.path()), ElementsAre("dir", "v1"));
}

TEST_F(LocalFileSystemTest, CreateIfAbsentFailureLeavesNoTemporary) {
  ASSERT_OK(fs_->CreateDir(Path("ro"), false));
  if (::geteuid() != 0) {  // root ignores permission bits
    ASSERT_EQ(::chmod(Path("ro").c_str(), 0555), 0);
    EXPECT_FALSE(fs_->CreateIfAbsent(Path("ro/f"), AsBytes("x")).ok());
    ASSERT_EQ(::chmod(Path("ro").c_str(), 0755), 0);
  }
  EXPECT_TRUE(fs_->CreateIfAbsent(Path("ro/missing/f"), AsBytes("x")).IsNotFound());
  EXPECT_THAT(Names(fs_.get(), Path("ro")), IsEmpty());
}

// The Delta commit primitive: of many writers racing for one version, exactly
// one wins, and a reader never sees a partial file.
TEST_F(LocalFileSystemTest, CreateIfAbsentRaceHasExactlyOneWinner) {
  constexpr int kThreads = 16;
  constexpr int kRounds = 20;
  constexpr size_t kPayload = 100000;  // Large enough that a non-atomic write shows.
  auto contents_of = [](int t) {
    return fmt::format("writer {:02} ", t) + std::string(kPayload, 'a' + t);
  };
  const int64_t full_size = static_cast<int64_t>(contents_of(0).size());
  for (int round = 0; round < kRounds; ++round) {
    std::string target = Path(fmt::format("{:05}.json", round));
    std::atomic<int> ready{0};
    std::atomic<bool> done{false};
    std::atomic<int> partial_reads{0};
    std::thread reader([&] {
      while (!done.load()) {
        Result<FileInfo> info = fs_->GetFileInfo(target);
        if (info.ok() && info->size != full_size) ++partial_reads;
      }
    });
    std::vector<Status> results(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::string contents = contents_of(t);
        ++ready;
        while (ready.load() < kThreads) std::this_thread::yield();
        results[t] = fs_->CreateIfAbsent(target, AsBytes(contents));
      });
    }
    for (std::thread& thread : threads) thread.join();
    done = true;
    reader.join();
    EXPECT_EQ(partial_reads.load(), 0);
    int winner = -1;
    for (int t = 0; t < kThreads; ++t) {
      if (results[t].ok()) {
        EXPECT_EQ(winner, -1) << "two winners in round " << round;
        winner = t;
      } else {
        EXPECT_TRUE(results[t].IsAlreadyExists()) << results[t].ToString();
      }
    }
    ASSERT_NE(winner, -1);
    EXPECT_EQ(ReadString(fs_.get(), target), contents_of(winner));
  }
  std::vector<std::string> names = Names(fs_.get(), dir_.path());
  EXPECT_EQ(names.size(), static_cast<size_t>(kRounds));
  for (const std::string& name : names) EXPECT_FALSE(name.starts_with(kTempFilePrefix)) << name;
}

TEST_F(LocalFileSystemTest, ConcurrentCreateIfAbsentOfDistinctPaths) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string name = fmt::format("t{}-{}", t, i);
        if (!fs_->CreateIfAbsent(Path(name), AsBytes(name)).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Names(fs_.get(), dir_.path()).size(), 200u);
  EXPECT_EQ(ReadString(fs_.get(), Path("t3-7")), "t3-7");
}

}  // namespace
}  // namespace strata
