#include "io/content_hash.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "io/local_file_system.h"
#include "io_test_util.h"

namespace strata {
namespace {

TEST(ContentHashTest, ChecksumIsOfTheContentOnly) {
  ScopedTempDir dir;
  auto fs = NewLocalFileSystem();
  CHECK_OK(WriteWholeFile(fs.get(), dir.Join("a"), AsBytes("hello")));
  CHECK_OK(WriteWholeFile(fs.get(), dir.Join("b"), AsBytes("hello")));
  CHECK_OK(WriteWholeFile(fs.get(), dir.Join("c"), AsBytes("hellp")));
  ASSERT_OK_AND_ASSIGN(std::string a, FileContentChecksum(fs.get(), dir.Join("a")));
  ASSERT_OK_AND_ASSIGN(std::string b, FileContentChecksum(fs.get(), dir.Join("b")));
  ASSERT_OK_AND_ASSIGN(std::string c, FileContentChecksum(fs.get(), dir.Join("c")));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.size(), std::string("xxh3-128:").size() + 32);
  EXPECT_EQ(a.rfind("xxh3-128:", 0), 0U);
  EXPECT_EQ(FileContentChecksum(fs.get(), dir.Join("missing")).status().code(),
            StatusCode::kNotFound);
}

// Pieces of any size, across the file reader's 1 MiB reads, give the
// digest of the whole: the convert command hashes inputs as it reads them.
TEST(ContentHashTest, PiecewiseEqualsWhole) {
  ScopedTempDir dir;
  auto fs = NewLocalFileSystem();
  std::mt19937 rng(7);
  std::string data(3 * (1 << 20) + 12345, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  CHECK_OK(WriteWholeFile(fs.get(), dir.Join("f"), AsBytes(data)));
  ASSERT_OK_AND_ASSIGN(std::string whole, FileContentChecksum(fs.get(), dir.Join("f")));
  ContentHasher hasher;
  size_t pos = 0;
  while (pos < data.size()) {
    const size_t n = std::min<size_t>(data.size() - pos, rng() % 100000);
    hasher.Update(data.data() + pos, n);
    pos += n;
  }
  EXPECT_EQ(hasher.Digest(), whole);
  EXPECT_EQ(hasher.bytes(), static_cast<int64_t>(data.size()));
  ContentHasher empty;
  EXPECT_NE(empty.Digest(), whole);
}

}  // namespace
}  // namespace strata
