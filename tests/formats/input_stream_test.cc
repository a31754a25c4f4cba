#include "formats/input_stream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <random>
#include <string>
#include <string_view>

#include "compress_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::formats {
namespace {

using ::testing::HasSubstr;

// Text that compresses only about 2:1, so a few MiB of it spans several
// 1 MiB compressed reads.
std::string NoisyText(size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string text(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    text[i] = (i % 61 == 60) ? '\n' : static_cast<char>('a' + rng() % 26);
  }
  return text;
}

class InputStreamTest : public ::testing::Test {
 protected:
  std::string Write(std::string_view name, std::string_view contents) {
    std::string path = dir_.Join(name);
    EXPECT_OK(WriteWholeFile(fs_.get(), path, AsBytes(contents)));
    return path;
  }

  Result<std::unique_ptr<InputStream>> Open(const std::string& path) {
    return InputStream::Open(fs_.get(), path);
  }

  // Everything the stream yields, read `step` bytes at a time.
  static Result<std::string> ReadAll(InputStream* stream, int64_t step) {
    std::string out;
    std::string piece(static_cast<size_t>(step), '\0');
    while (true) {
      ASSIGN_OR_RETURN(int64_t n, stream->Read(reinterpret_cast<uint8_t*>(piece.data()), step));
      if (n == 0) break;
      out.append(piece, 0, static_cast<size_t>(n));
    }
    return out;
  }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  ScopedTempDir dir_;
};

TEST_F(InputStreamTest, RawFileIsReadAsIs) {
  std::string text = "a,b\n1,2\n";
  std::string path = Write("plain.csv", text);
  ASSERT_OK_AND_ASSIGN(auto stream, Open(path));
  EXPECT_EQ(stream->compression(), InputCompression::kNone);
  EXPECT_EQ(stream->path(), path);
  EXPECT_EQ(stream->file_size(), 8);
  ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 3));
  EXPECT_EQ(out, text);
  EXPECT_EQ(stream->compressed_bytes_read(), 8);
}

TEST_F(InputStreamTest, EmptyFileEndsAtOnce) {
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("empty.csv", "")));
  EXPECT_EQ(stream->compression(), InputCompression::kNone);
  uint8_t byte = 0;
  ASSERT_OK_AND_ASSIGN(int64_t n, stream->Read(&byte, 1));
  EXPECT_EQ(n, 0);
}

TEST_F(InputStreamTest, RandomLeadingBytesAreRaw) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    std::string bytes(1000 + trial, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    // Never the gzip or zstd magic by accident.
    bytes[0] = static_cast<char>(0x1f ^ 0x40);
    std::string path = Write("noise" + std::to_string(trial), bytes);
    ASSERT_OK_AND_ASSIGN(auto stream, Open(path));
    EXPECT_EQ(stream->compression(), InputCompression::kNone);
    ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 4096));
    EXPECT_EQ(out, bytes);
  }
}

TEST_F(InputStreamTest, PartialMagicIsRaw) {
  for (const std::string& text : {std::string("\x1f"), std::string("\x1f\x8a rest"),
                                  std::string("\x28\xb5\x2f"), std::string("\x28\xb5\x2f\xfe!")}) {
    ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("partial", text)));
    EXPECT_EQ(stream->compression(), InputCompression::kNone);
    ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 2));
    EXPECT_EQ(out, text);
  }
}

TEST_F(InputStreamTest, MissingFileIsNotFound) {
  Result<std::unique_ptr<InputStream>> stream = Open(dir_.Join("missing.csv"));
  ASSERT_FALSE(stream.ok());
  EXPECT_TRUE(stream.status().IsNotFound()) << stream.status().ToString();
}

TEST_F(InputStreamTest, GzipSingleMemberAcrossManyReads) {
  std::string text = NoisyText(3 << 20, 1);
  std::string gz = Gzip(text);
  ASSERT_GT(gz.size(), 1U << 20);  // Several compressed chunks.
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("big.csv.gz", gz)));
  EXPECT_EQ(stream->compression(), InputCompression::kGzip);
  EXPECT_EQ(stream->file_size(), static_cast<int64_t>(gz.size()));
  ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 100000));
  EXPECT_EQ(out, text);
  EXPECT_EQ(stream->compressed_bytes_read(), static_cast<int64_t>(gz.size()));
}

TEST_F(InputStreamTest, GzipTinyReads) {
  std::string text = "x,y\n\"quoted\",2\n";
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("t.gz", Gzip(text))));
  ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 1));
  EXPECT_EQ(out, text);
}

TEST_F(InputStreamTest, GzipMultiMemberIsConcatenated) {
  std::string a = "a,b\n1,2\n";
  std::string b = NoisyText(200000, 2);
  std::string c = "3,4\n";
  // An empty member in the middle, as `cat a.gz empty.gz b.gz c.gz` makes.
  std::string gz = Gzip(a) + Gzip("") + Gzip(b) + Gzip(c);
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("multi.gz", gz)));
  for (int64_t step : {1 << 20, 4096, 7}) {
    ASSERT_OK_AND_ASSIGN(stream, Open(Write("multi.gz", gz)));
    ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), step));
    EXPECT_EQ(out, a + b + c) << "step " << step;
  }
}

TEST_F(InputStreamTest, GzipMembersStraddlingCompressedChunks) {
  // Many members so that member boundaries fall at arbitrary places
  // relative to the 1 MiB compressed reads.
  std::string expected;
  std::string gz;
  for (int i = 0; i < 40; ++i) {
    std::string part = NoisyText(60000 + i * 997, 100 + i);
    expected += part;
    gz += Gzip(part);
  }
  ASSERT_GT(gz.size(), 1U << 20);
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("many.gz", gz)));
  ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 65536));
  EXPECT_EQ(out, expected);
}

TEST_F(InputStreamTest, TruncatedGzipIsCorruption) {
  std::string gz = Gzip(NoisyText(50000, 3));
  for (size_t keep : {size_t{2}, size_t{10}, gz.size() / 2, gz.size() - 4, gz.size() - 1}) {
    std::string path = Write("cut.gz", gz.substr(0, keep));
    ASSERT_OK_AND_ASSIGN(auto stream, Open(path));
    Result<std::string> out = ReadAll(stream.get(), 4096);
    ASSERT_FALSE(out.ok()) << "kept " << keep;
    EXPECT_TRUE(out.status().IsCorruption()) << out.status().ToString();
    EXPECT_THAT(out.status().message(), HasSubstr(path));
    EXPECT_THAT(out.status().message(), HasSubstr("offset"));
  }
}

TEST_F(InputStreamTest, CorruptGzipIsCorruption) {
  std::string gz = Gzip(NoisyText(50000, 4));
  // Damage the deflate data (or, if it still decodes, the CRC catches it).
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 16; ++i) gz[i] = static_cast<char>(~gz[i]);
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("bad.gz", gz)));
  Result<std::string> out = ReadAll(stream.get(), 4096);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(out.status().IsCorruption()) << out.status().ToString();
  EXPECT_THAT(out.status().message(), HasSubstr("bad.gz"));
}

TEST_F(InputStreamTest, GzipTrailingGarbageIsCorruption) {
  std::string gz = Gzip("a,b\n") + "this is not gzip";
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("garbage.gz", gz)));
  Result<std::string> out = ReadAll(stream.get(), 4096);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(out.status().IsCorruption()) << out.status().ToString();
}

TEST_F(InputStreamTest, ZstdSingleFrame) {
  std::string text = NoisyText(3 << 20, 5);
  std::string zst = Zstd(text);
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("big.csv.zst", zst)));
  EXPECT_EQ(stream->compression(), InputCompression::kZstd);
  ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), 100000));
  EXPECT_EQ(out, text);
  EXPECT_EQ(stream->compressed_bytes_read(), static_cast<int64_t>(zst.size()));
}

TEST_F(InputStreamTest, ZstdMultiFrameAndTinyReads) {
  std::string a = "a,b\n1,2\n";
  std::string b = NoisyText(100000, 6);
  std::string zst = Zstd(a) + Zstd("") + Zstd(b);
  for (int64_t step : {1 << 20, 1000, 1}) {
    ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("multi.zst", zst)));
    ASSERT_OK_AND_ASSIGN(std::string out, ReadAll(stream.get(), step));
    EXPECT_EQ(out, a + b) << "step " << step;
  }
}

TEST_F(InputStreamTest, TruncatedZstdIsCorruption) {
  std::string zst = Zstd(NoisyText(50000, 7));
  for (size_t keep : {size_t{4}, size_t{9}, zst.size() / 2, zst.size() - 1}) {
    std::string path = Write("cut.zst", zst.substr(0, keep));
    ASSERT_OK_AND_ASSIGN(auto stream, Open(path));
    // Small reads make the decoder hold buffered output when input runs out.
    Result<std::string> out = ReadAll(stream.get(), 1000);
    ASSERT_FALSE(out.ok()) << "kept " << keep;
    EXPECT_TRUE(out.status().IsCorruption()) << out.status().ToString();
    EXPECT_THAT(out.status().message(), HasSubstr(path));
    EXPECT_THAT(out.status().message(), HasSubstr("offset"));
  }
}

TEST_F(InputStreamTest, CorruptZstdIsCorruption) {
  std::string zst = Zstd(NoisyText(50000, 8));
  for (size_t i = 20; i < 40; ++i) zst[i] = static_cast<char>(~zst[i]);
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("bad.zst", zst)));
  Result<std::string> out = ReadAll(stream.get(), 4096);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(out.status().IsCorruption()) << out.status().ToString();
}

// The checksum taken while reading equals a separate pass over the stored
// bytes (compressed ones for gzip and zstd, across their 1 MiB reads), and
// is refused until the stream was read to its end.
TEST_F(InputStreamTest, ContentChecksumWhileReadingEqualsASeparatePass) {
  const std::string text = NoisyText(3 << 20, 11);
  for (const auto& [name, stored] : {std::pair<std::string, std::string>{"t.csv", text},
                                     {"t.csv.gz", Gzip(text)},
                                     {"t.csv.zst", Zstd(text)}}) {
    SCOPED_TRACE(name);
    const std::string path = Write(name, stored);
    ASSERT_OK_AND_ASSIGN(const std::string expected, FileContentChecksum(fs_.get(), path));
    ASSERT_OK_AND_ASSIGN(auto stream, Open(path));
    EXPECT_EQ(stream->content_checksum().status().code(), StatusCode::kInternal);  // Not hashed.
    stream->HashContent();
    std::string piece(1000, '\0');
    ASSERT_OK(stream->Read(reinterpret_cast<uint8_t*>(piece.data()), 1000).status());
    EXPECT_EQ(stream->content_checksum().status().code(),
              StatusCode::kInternal);  // Not at the end.
    ASSERT_OK_AND_ASSIGN(std::string rest, ReadAll(stream.get(), 70000));
    EXPECT_EQ(piece + rest, text);
    ASSERT_OK_AND_ASSIGN(const std::string checksum, stream->content_checksum());
    EXPECT_EQ(checksum, expected);
  }
}

TEST_F(InputStreamTest, NegativeReadIsInvalid) {
  ASSERT_OK_AND_ASSIGN(auto stream, Open(Write("x", "abc")));
  uint8_t byte = 0;
  EXPECT_TRUE(stream->Read(&byte, -1).status().IsInvalid());
}

}  // namespace
}  // namespace strata::formats
