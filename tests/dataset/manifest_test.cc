#include "dataset/manifest.h"

#include <gtest/gtest.h>

#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::dataset {
namespace {

class ManifestTest : public ::testing::Test {
 protected:
  void Touch(const std::string& relative) {
    const std::string path = dir_.Join(relative);
    CHECK_OK(fs_->CreateDir(path.substr(0, path.find_last_of('/')), true));
    CHECK_OK(WriteWholeFile(fs_.get(), path, AsBytes("x")));
  }

  ManifestEntry Entry(const std::string& checksum, std::vector<std::string> files) {
    return ManifestEntry{.input = "in/" + checksum + ".csv",
                         .checksum = "xxh3-128:" + checksum,
                         .input_bytes = 10,
                         .rows = 3,
                         .rejected = 1,
                         .files = std::move(files),
                         .committed_at = "2026-12-07T19:00:00Z"};
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(ManifestTest, MissingDirectoryIsAnEmptyManifest) {
  ASSERT_OK_AND_ASSIGN(Manifest manifest, Manifest::Load(fs_.get(), dir_.Join("nope")));
  EXPECT_TRUE(manifest.entries().empty());
  EXPECT_EQ(manifest.Find("xxh3-128:00"), nullptr);
}

TEST_F(ManifestTest, RecordedEntriesRoundTrip) {
  Touch("k=1/part-1.parquet");
  Touch("k=2/part-2.parquet");
  const ManifestEntry entry = Entry("ab", {"k=1/part-1.parquet", "k=2/part-2.parquet"});
  ASSERT_OK(Manifest::Record(fs_.get(), dir_.path(), entry));
  EXPECT_EQ(Manifest::Record(fs_.get(), dir_.path(), entry).code(), StatusCode::kAlreadyExists);
  ASSERT_OK_AND_ASSIGN(Manifest manifest, Manifest::Load(fs_.get(), dir_.path()));
  const ManifestEntry* found = manifest.Find("xxh3-128:ab");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->input, "in/ab.csv");
  EXPECT_EQ(found->rows, 3);
  EXPECT_EQ(found->rejected, 1);
  EXPECT_EQ(found->files, entry.files);
  EXPECT_EQ(found->committed_at, "2026-12-07T19:00:00Z");
  EXPECT_TRUE(manifest.incomplete().empty());
}

// An entry whose files did not all appear is an interrupted conversion:
// not found, listed as incomplete, and removable with its leftovers.
TEST_F(ManifestTest, EntryWithMissingFilesIsIncomplete) {
  Touch("part-1.parquet");
  ASSERT_OK(
      Manifest::Record(fs_.get(), dir_.path(), Entry("cd", {"part-1.parquet", "part-2.parquet"})));
  ASSERT_OK_AND_ASSIGN(Manifest manifest, Manifest::Load(fs_.get(), dir_.path()));
  EXPECT_EQ(manifest.Find("xxh3-128:cd"), nullptr);
  ASSERT_EQ(manifest.incomplete().size(), 1U);
  ASSERT_OK(Manifest::Remove(fs_.get(), dir_.path(), manifest.incomplete()[0]));
  EXPECT_EQ(fs_->GetFileInfo(dir_.Join("part-1.parquet")).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(Manifest after, Manifest::Load(fs_.get(), dir_.path()));
  EXPECT_TRUE(after.incomplete().empty());
}

TEST_F(ManifestTest, MalformedEntryIsCorruptionNamingTheFile) {
  ASSERT_OK(fs_->CreateDir(dir_.Join("_strata/inputs"), true));
  const std::string path = dir_.Join("_strata/inputs/ef.json");
  ASSERT_OK(WriteWholeFile(fs_.get(), path, AsBytes("{\"input\": 3")));
  Result<Manifest> manifest = Manifest::Load(fs_.get(), dir_.path());
  ASSERT_FALSE(manifest.ok());
  EXPECT_EQ(manifest.status().code(), StatusCode::kCorruption);
  EXPECT_NE(manifest.status().message().find(path), std::string::npos);
}

}  // namespace
}  // namespace strata::dataset
