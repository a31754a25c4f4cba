#include "io/glob.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "io/local_file_system.h"
#include "io_test_util.h"

namespace strata {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// ---------------------------------------------------------------------------
// GlobMatch: the pattern language alone.

TEST(GlobMatchTest, LiteralsMatchExactly) {
  EXPECT_TRUE(GlobMatch("a/b.csv", "a/b.csv"));
  EXPECT_FALSE(GlobMatch("a/b.csv", "a/b.csvx"));
  EXPECT_FALSE(GlobMatch("a/b.csv", "a/b"));
  EXPECT_FALSE(GlobMatch("a/b.csv", "b.csv"));
  EXPECT_TRUE(GlobMatch("a//b/", "a/b"));
  EXPECT_TRUE(GlobMatch("/x/y", "/x/y"));
  EXPECT_FALSE(GlobMatch("/x/y", "x/y"));
}

TEST(GlobMatchTest, StarMatchesWithinOneSegment) {
  EXPECT_TRUE(GlobMatch("*.csv", "a.csv"));
  EXPECT_FALSE(GlobMatch("*.csv", ".csv.csv"));  // leading dot
  EXPECT_TRUE(GlobMatch("*", "anything"));
  EXPECT_TRUE(GlobMatch("part-*-of-*.parquet", "part-1-of-3.parquet"));
  EXPECT_TRUE(GlobMatch("a*b*c", "abc"));
  EXPECT_TRUE(GlobMatch("a*b*c", "axxbyyc"));
  EXPECT_FALSE(GlobMatch("a*b*c", "axxbyycd"));
  EXPECT_TRUE(GlobMatch("*a*a*a*", "aaaa"));
  EXPECT_FALSE(GlobMatch("*.csv", "dir/a.csv"));
  EXPECT_TRUE(GlobMatch("*/*.csv", "dir/a.csv"));
  EXPECT_TRUE(GlobMatch("a**b", "axyb"));  // not a whole segment: a plain star
}

TEST(GlobMatchTest, QuestionMarkMatchesOneCharacter) {
  EXPECT_TRUE(GlobMatch("?.csv", "a.csv"));
  EXPECT_FALSE(GlobMatch("?.csv", "ab.csv"));
  EXPECT_FALSE(GlobMatch("?.csv", ".csv"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "a/c"));
}

TEST(GlobMatchTest, BracketClasses) {
  EXPECT_TRUE(GlobMatch("[abc].csv", "b.csv"));
  EXPECT_FALSE(GlobMatch("[abc].csv", "d.csv"));
  EXPECT_TRUE(GlobMatch("[a-c]x", "cx"));
  EXPECT_FALSE(GlobMatch("[a-c]x", "dx"));
  EXPECT_TRUE(GlobMatch("[0-9][0-9]", "42"));
  EXPECT_TRUE(GlobMatch("[!a]", "b"));
  EXPECT_FALSE(GlobMatch("[!a]", "a"));
  EXPECT_TRUE(GlobMatch("[^a-c]", "d"));
  EXPECT_FALSE(GlobMatch("[^a-c]", "b"));
  EXPECT_TRUE(GlobMatch("[]]", "]"));
  EXPECT_TRUE(GlobMatch("[!]]", "a"));
  EXPECT_TRUE(GlobMatch("[a-]", "-"));
  EXPECT_TRUE(GlobMatch("[\\]]", "]"));
  EXPECT_TRUE(GlobMatch("x[", "x["));  // unclosed: literal
  EXPECT_TRUE(GlobMatch("[ab", "[ab"));
  EXPECT_TRUE(GlobMatch("*[0-9].csv", "part9.csv"));
}

TEST(GlobMatchTest, BackslashEscapes) {
  EXPECT_TRUE(GlobMatch("a\\*b", "a*b"));
  EXPECT_FALSE(GlobMatch("a\\*b", "axb"));
  EXPECT_TRUE(GlobMatch("\\?", "?"));
  EXPECT_TRUE(GlobMatch("\\[x]", "[x]"));
  EXPECT_TRUE(GlobMatch("a\\", "a\\"));  // trailing: literal
}

TEST(GlobMatchTest, DoubleStarMatchesZeroOrMoreDirectories) {
  EXPECT_TRUE(GlobMatch("data/**/*.csv", "data/a.csv"));
  EXPECT_TRUE(GlobMatch("data/**/*.csv", "data/x/a.csv"));
  EXPECT_TRUE(GlobMatch("data/**/*.csv", "data/x/y/z/b.csv"));
  EXPECT_FALSE(GlobMatch("data/**/*.csv", "data/x/y/z/b.json"));
  EXPECT_FALSE(GlobMatch("data/**/*.csv", "other/a.csv"));
  EXPECT_TRUE(GlobMatch("**", "a/b/c"));
  EXPECT_TRUE(GlobMatch("**/c", "c"));
  EXPECT_TRUE(GlobMatch("a/**", "a/b/c"));
  EXPECT_TRUE(GlobMatch("a/**/b/**/c", "a/b/c"));
  EXPECT_TRUE(GlobMatch("a/**/b/**/c", "a/x/b/y/z/c"));
  EXPECT_FALSE(GlobMatch("a/**/b/**/c", "a/x/y/z/c"));
  EXPECT_TRUE(GlobMatch("a/**/**/**/c", "a/c"));
  EXPECT_TRUE(GlobMatch("date=*/**/*.parquet", "date=2024-01-01/h=3/part-0.parquet"));
}

TEST(GlobMatchTest, WildcardsSkipHiddenEntries) {
  EXPECT_FALSE(GlobMatch("*", ".strata-tmp-1-2-3"));
  EXPECT_FALSE(GlobMatch("[.]x", ".x"));
  EXPECT_TRUE(GlobMatch(".*", ".hidden"));
  EXPECT_TRUE(GlobMatch("\\.h*", ".hidden"));
  EXPECT_FALSE(GlobMatch("**/*.csv", ".git/a.csv"));
  EXPECT_FALSE(GlobMatch("d/**/*.csv", "d/x/.cache/a.csv"));
  EXPECT_TRUE(GlobMatch("d/.cache/*.csv", "d/.cache/a.csv"));
}

TEST(GlobMatchTest, LongPathologicalStarPatternsFinish) {
  std::string name(200, 'a');
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*a*b", name));
  EXPECT_FALSE(GlobMatch("**/**/**/**/x", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/y"));
}

TEST(GlobMatchTest, HasGlobMetachars) {
  EXPECT_FALSE(HasGlobMetachars("data/a.csv"));
  EXPECT_TRUE(HasGlobMetachars("data/*.csv"));
  EXPECT_TRUE(HasGlobMetachars("a?"));
  EXPECT_TRUE(HasGlobMetachars("[ab]"));
  EXPECT_FALSE(HasGlobMetachars("a\\*b"));
}

TEST(GlobMatchTest, SplitGlobBase) {
  GlobBase split = SplitGlobBase("data/2024/*.csv");
  EXPECT_EQ(split.base, "data/2024");
  EXPECT_EQ(split.rest, "*.csv");
  split = SplitGlobBase("data/**/x/*.csv");
  EXPECT_EQ(split.base, "data");
  EXPECT_EQ(split.rest, "**/x/*.csv");
  split = SplitGlobBase("*.csv");
  EXPECT_EQ(split.base, "");
  EXPECT_EQ(split.rest, "*.csv");
  split = SplitGlobBase("/*.csv");
  EXPECT_EQ(split.base, "/");
  EXPECT_EQ(split.rest, "*.csv");
  split = SplitGlobBase("a\\*/b");
  EXPECT_EQ(split.base, "a*/b");
  EXPECT_EQ(split.rest, "");
  split = SplitGlobBase("we\\?ird/c?");
  EXPECT_EQ(split.base, "we?ird");
  EXPECT_EQ(split.rest, "c?");
}

// ---------------------------------------------------------------------------
// FileSystem::Glob over a real directory tree.

class GlobFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* dir : {"data/x/y", "data/2024-01", "data/2024-02", "data/.cache", "other"}) {
      ASSERT_OK(fs_->CreateDir(Path(dir), true));
    }
    for (const char* file :
         {"data/a.csv", "data/b.csv", "data/c.json", "data/ab.csv", "data/x/m.csv",
          "data/x/y/b.csv", "data/2024-01/p.csv", "data/2024-02/q.csv", "data/.cache/h.csv",
          "data/.strata-tmp-1-2-3", "other/a.csv", "top.csv"}) {
      WriteString(fs_.get(), Path(file), file);
    }
  }

  std::string Path(std::string_view relative) const { return dir_.Join(relative); }

  // Globs `pattern` below the temp dir and strips the temp dir prefix.
  std::vector<std::string> GlobRelative(std::string_view pattern) {
    Result<std::vector<std::string>> matches = fs_->Glob(Path(pattern));
    if (!matches.ok()) return {"<error: " + matches.status().ToString() + ">"};
    std::vector<std::string> relative;
    for (const std::string& match : *matches) {
      relative.push_back(match.substr(dir_.path().size() + 1));
    }
    return relative;
  }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  ScopedTempDir dir_;
};

TEST_F(GlobFileSystemTest, StarInOneDirectory) {
  EXPECT_THAT(GlobRelative("data/*.csv"), ElementsAre("data/a.csv", "data/ab.csv", "data/b.csv"));
  EXPECT_THAT(GlobRelative("data/*"),
              ElementsAre("data/a.csv", "data/ab.csv", "data/b.csv", "data/c.json"));
}

TEST_F(GlobFileSystemTest, QuestionMarkAndClasses) {
  EXPECT_THAT(GlobRelative("data/?.csv"), ElementsAre("data/a.csv", "data/b.csv"));
  EXPECT_THAT(GlobRelative("data/[ab].csv"), ElementsAre("data/a.csv", "data/b.csv"));
  EXPECT_THAT(GlobRelative("data/[!a].csv"), ElementsAre("data/b.csv"));
  EXPECT_THAT(GlobRelative("data/[a-b]*.csv"),
              ElementsAre("data/a.csv", "data/ab.csv", "data/b.csv"));
}

TEST_F(GlobFileSystemTest, WildcardDirectories) {
  EXPECT_THAT(GlobRelative("data/2024-*/*.csv"),
              ElementsAre("data/2024-01/p.csv", "data/2024-02/q.csv"));
  EXPECT_THAT(GlobRelative("*/a.csv"), ElementsAre("data/a.csv", "other/a.csv"));
}

TEST_F(GlobFileSystemTest, DoubleStarZeroAndManyLevels) {
  EXPECT_THAT(GlobRelative("data/**/*.csv"),
              ElementsAre("data/2024-01/p.csv", "data/2024-02/q.csv", "data/a.csv", "data/ab.csv",
                          "data/b.csv", "data/x/m.csv", "data/x/y/b.csv"));
  EXPECT_THAT(GlobRelative("data/**/b.csv"), ElementsAre("data/b.csv", "data/x/y/b.csv"));
  EXPECT_THAT(GlobRelative("**/m.csv"), ElementsAre("data/x/m.csv"));
  EXPECT_THAT(GlobRelative("data/x/**"), ElementsAre("data/x/m.csv", "data/x/y/b.csv"));
}

TEST_F(GlobFileSystemTest, HiddenFilesOnlyWhenNamed) {
  EXPECT_THAT(GlobRelative("data/.cache/*.csv"), ElementsAre("data/.cache/h.csv"));
  EXPECT_THAT(GlobRelative("data/.*"), ElementsAre("data/.strata-tmp-1-2-3"));
}

TEST_F(GlobFileSystemTest, NoWildcardMatchesOnlyAnExistingFile) {
  EXPECT_THAT(GlobRelative("data/a.csv"), ElementsAre("data/a.csv"));
  EXPECT_THAT(GlobRelative("data/zzz.csv"), IsEmpty());
  EXPECT_THAT(GlobRelative("data"), IsEmpty());  // a directory, not a file
}

TEST_F(GlobFileSystemTest, MissingOrNonDirectoryBaseMatchesNothing) {
  EXPECT_THAT(GlobRelative("missing/**/*.csv"), IsEmpty());
  EXPECT_THAT(GlobRelative("top.csv/*"), IsEmpty());
  EXPECT_THAT(GlobRelative("top.csv/sub/*.csv"), IsEmpty());
  EXPECT_THAT(GlobRelative("top.csv/sub"), IsEmpty());
  EXPECT_THAT(GlobRelative("data/*.parquet"), IsEmpty());
}

TEST_F(GlobFileSystemTest, RelativePatternsStayRelative) {
  std::string cwd(4096, '\0');
  ASSERT_NE(::getcwd(cwd.data(), cwd.size()), nullptr);
  ASSERT_EQ(::chdir(dir_.path().c_str()), 0);
  Result<std::vector<std::string>> top = fs_->Glob("*.csv");
  Result<std::vector<std::string>> nested = fs_->Glob("data/x/*.csv");
  Result<std::vector<std::string>> dotted = fs_->Glob("./other/*.csv");
  ASSERT_EQ(::chdir(cwd.c_str()), 0);
  ASSERT_OK(top.status());
  EXPECT_THAT(*top, ElementsAre("top.csv"));
  ASSERT_OK(nested.status());
  EXPECT_THAT(*nested, ElementsAre("data/x/m.csv"));
  ASSERT_OK(dotted.status());
  EXPECT_THAT(*dotted, ElementsAre("./other/a.csv"));
}

}  // namespace
}  // namespace strata
