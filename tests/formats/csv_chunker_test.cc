#include "formats/csv_chunker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "formats/csv_block.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::formats {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A record as the reader would see it, to compare tokenizations.
struct Record {
  int64_t line = 0;
  std::vector<std::string> fields;
  std::vector<bool> quoted;
  std::string raw;
  std::string error;

  bool operator==(const Record&) const = default;
};

void PrintTo(const Record& r, std::ostream* os) {
  *os << "{line " << r.line << " raw \"" << r.raw << "\" error \"" << r.error << "\" fields";
  for (const std::string& f : r.fields) *os << " [" << f << "]";
  *os << "}";
}

void AppendRecords(const CsvBlock& block, std::vector<Record>* out) {
  for (int64_t row = 0; row < block.num_rows(); ++row) {
    Record r;
    r.line = block.line(row);
    r.raw = std::string(block.raw(row));
    r.error = std::string(block.error(row));
    for (int32_t c = 0; c < block.num_fields(row); ++c) {
      r.fields.emplace_back(block.field(row, c));
      r.quoted.push_back(block.quoted(row, c));
    }
    out->push_back(std::move(r));
  }
}

struct Chunked {
  std::vector<std::string> header;
  std::vector<CsvChunk> chunks;
  std::vector<Record> records;
};

class CsvChunkerTest : public ::testing::Test {
 protected:
  std::string Write(std::string_view contents, std::string_view name = "in.csv") {
    std::string path = dir_.Join(name);
    EXPECT_OK(WriteWholeFile(fs_.get(), path, AsBytes(contents)));
    return path;
  }

  Result<std::unique_ptr<CsvChunker>> Open(const std::string& path, const CsvDialect& dialect,
                                           const CsvLimits& limits) {
    ASSIGN_OR_RETURN(auto input, InputStream::Open(fs_.get(), path));
    return CsvChunker::Open(std::move(input), dialect, limits);
  }

  // Opens `path`, drains the chunker and tokenizes every chunk.
  Result<Chunked> ChunkFile(const std::string& path, const CsvDialect& dialect,
                            const CsvLimits& limits) {
    ASSIGN_OR_RETURN(auto chunker, Open(path, dialect, limits));
    Chunked out;
    out.header = chunker->header();
    while (true) {
      ASSIGN_OR_RETURN(std::optional<CsvChunk> chunk, chunker->Next());
      if (!chunk) break;
      CsvBlock block;
      RETURN_NOT_OK(TokenizeCsv(chunk->text, dialect, limits, chunk->first_line, &block));
      AppendRecords(block, &out.records);
      out.chunks.push_back(std::move(*chunk));
    }
    // The end is sticky.
    ASSIGN_OR_RETURN(std::optional<CsvChunk> after, chunker->Next());
    if (after) return Status::Internal("a chunk after the end");
    return out;
  }

  Result<Chunked> Chunk(std::string_view text, const CsvDialect& dialect = {},
                        int64_t block_bytes = 8 << 20) {
    CsvLimits limits;
    limits.block_bytes = block_bytes;
    return ChunkFile(Write(text), dialect, limits);
  }

  // Checks that every block size from 1 to past the input's size yields the
  // records of a single block, with chunk invariants along the way.
  void ExpectSameForEveryBlockSize(std::string_view text, const CsvDialect& dialect,
                                   std::string_view body) {
    ASSERT_OK_AND_ASSIGN(Chunked whole, Chunk(text, dialect, 1 << 20));
    ASSERT_LE(whole.chunks.size(), 1U);
    const int64_t max_block = static_cast<int64_t>(text.size()) + 2;
    for (int64_t block_bytes = 1; block_bytes <= max_block; ++block_bytes) {
      SCOPED_TRACE("block_bytes " + std::to_string(block_bytes));
      ASSERT_OK_AND_ASSIGN(Chunked chunked, Chunk(text, dialect, block_bytes));
      EXPECT_EQ(chunked.header, whole.header);
      EXPECT_EQ(chunked.records, whole.records);
      std::string joined;
      for (size_t i = 0; i < chunked.chunks.size(); ++i) {
        const CsvChunk& chunk = chunked.chunks[i];
        EXPECT_EQ(chunk.index, static_cast<int64_t>(i));
        EXPECT_FALSE(chunk.text.empty());
        if (i + 1 < chunked.chunks.size()) {
          EXPECT_EQ(chunk.text.back(), '\n');
        }
        joined += chunk.text;
      }
      EXPECT_EQ(joined, body);
    }
  }

  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
  ScopedTempDir dir_;
};

// Quotes, doubled quotes, delimiters and newlines inside quotes, CRLF, blank
// lines, a malformed row whose stray quote spans lines, and no final LF.
constexpr std::string_view kTrickyBody =
    "1,\"a,b\",x\r\n"
    "2,\"multi\nline \"\"quoted\"\"\n\",y\n"
    "\n"
    "3,\"\"\"\",\"\"\n"
    "4,bad\"field,z\n"
    "5,still\",inside\n"
    "6,\"\r\n\",w\r\n"
    "\r\n"
    "7,,\"end\"";

TEST_F(CsvChunkerTest, EveryBlockSizeMatchesOneBlock) {
  std::string text = "id,\"na,me\",v\n" + std::string(kTrickyBody);
  ExpectSameForEveryBlockSize(text, {}, kTrickyBody);
  // And the single-block result itself is what it should be.
  ASSERT_OK_AND_ASSIGN(Chunked whole, Chunk(text));
  EXPECT_THAT(whole.header, ElementsAre("id", "na,me", "v"));
  ASSERT_EQ(whole.records.size(), 6U);
  EXPECT_EQ(whole.records[0].line, 2);
  EXPECT_THAT(whole.records[1].fields, ElementsAre("2", "multi\nline \"quoted\"\n", "y"));
  EXPECT_EQ(whole.records[2].line, 7);
  EXPECT_THAT(whole.records[2].fields, ElementsAre("3", "\"", ""));
  EXPECT_EQ(whole.records[3].line, 8);
  EXPECT_THAT(whole.records[3].error, HasSubstr("column 2"));
  EXPECT_EQ(whole.records[4].line, 10);
  EXPECT_THAT(whole.records[4].fields, ElementsAre("6", "\r\n", "w"));
  EXPECT_EQ(whole.records[5].line, 13);
  EXPECT_THAT(whole.records[5].fields, ElementsAre("7", "", "end"));
  EXPECT_EQ(whole.records[3].raw, "4,bad\"field,z\n5,still\",inside");
}

TEST_F(CsvChunkerTest, EveryBlockSizeWithoutHeader) {
  CsvDialect dialect;
  dialect.header = false;
  ExpectSameForEveryBlockSize(kTrickyBody, dialect, kTrickyBody);
}

TEST_F(CsvChunkerTest, EveryBlockSizeWithEscapeChar) {
  CsvDialect dialect;
  dialect.escape = '\\';
  constexpr std::string_view kBody =
      "1,\"a\\\"b\n\",x\n"  // An escaped quote, then an embedded newline.
      "2,\"c\\\\\",y\n"     // An escaped escape right before the closing quote.
      "3,\"\\\n\",z\n"      // An escaped newline.
      "4,q\\\"r,s\"\n"      // Outside quotes the escape is data: a stray quote.
      "5,\"\"\"\",t\n";
  std::string text = "a,b,c\n" + std::string(kBody);
  ExpectSameForEveryBlockSize(text, dialect, kBody);
  ASSERT_OK_AND_ASSIGN(Chunked whole, Chunk(text, dialect));
  ASSERT_EQ(whole.records.size(), 5U);
  EXPECT_THAT(whole.records[0].fields, ElementsAre("1", "a\"b\n", "x"));
  EXPECT_THAT(whole.records[1].fields, ElementsAre("2", "c\\", "y"));
  EXPECT_THAT(whole.records[2].fields, ElementsAre("3", "\n", "z"));
  EXPECT_EQ(whole.records[2].line, 5);
  EXPECT_THAT(whole.records[3].error, HasSubstr("unexpected quote"));
  EXPECT_THAT(whole.records[4].fields, ElementsAre("5", "\"", "t"));
}

TEST_F(CsvChunkerTest, EveryBlockSizeWithComments) {
  CsvDialect dialect;
  dialect.comment_prefix = "#!";
  constexpr std::string_view kBody =
      "#! a comment with a \"quote\n"
      "1,\"x\n#! not a comment\"\n"
      "#!\n"
      "#\"stray\",2\n"
      "3,y\n"
      "#! trailing comment, no LF";
  std::string text = "#! before the header\n\nh1,h2\n" + std::string(kBody);
  ExpectSameForEveryBlockSize(text, dialect, kBody);
  ASSERT_OK_AND_ASSIGN(Chunked whole, Chunk(text, dialect));
  EXPECT_THAT(whole.header, ElementsAre("h1", "h2"));
  ASSERT_EQ(whole.records.size(), 3U);
  EXPECT_EQ(whole.records[0].line, 5);
  EXPECT_THAT(whole.records[0].fields, ElementsAre("1", "x\n#! not a comment"));
  EXPECT_EQ(whole.records[1].line, 8);
  EXPECT_THAT(whole.records[1].error, HasSubstr("unexpected quote"));
  EXPECT_EQ(whole.records[2].line, 9);
  EXPECT_THAT(whole.records[2].fields, ElementsAre("3", "y"));
}

TEST_F(CsvChunkerTest, StripsUtf8Bom) {
  ASSERT_OK_AND_ASSIGN(Chunked with_header, Chunk("\xEF\xBB\xBFid,name\n1,a\n"));
  EXPECT_THAT(with_header.header, ElementsAre("id", "name"));
  ASSERT_EQ(with_header.records.size(), 1U);
  EXPECT_EQ(with_header.records[0].line, 2);
  CsvDialect no_header;
  no_header.header = false;
  ASSERT_OK_AND_ASSIGN(Chunked data_only, Chunk("\xEF\xBB\xBF\"q\",1\n", no_header));
  ASSERT_EQ(data_only.records.size(), 1U);
  EXPECT_THAT(data_only.records[0].fields, ElementsAre("q", "1"));
  EXPECT_TRUE(data_only.records[0].error.empty());
  // Only a leading BOM is dropped.
  ASSERT_OK_AND_ASSIGN(Chunked inner, Chunk("a\n\xEF\xBB\xBF"
                                            "b\n",
                                            no_header));
  ASSERT_EQ(inner.records.size(), 2U);
  EXPECT_EQ(inner.records[1].fields[0],
            "\xEF\xBB\xBF"
            "b");
}

TEST_F(CsvChunkerTest, EmptyFileHasNoHeaderAndNoChunks) {
  ASSERT_OK_AND_ASSIGN(Chunked empty, Chunk(""));
  EXPECT_THAT(empty.header, IsEmpty());
  EXPECT_THAT(empty.chunks, IsEmpty());
  ASSERT_OK_AND_ASSIGN(Chunked bom_only, Chunk("\xEF\xBB\xBF"));
  EXPECT_THAT(bom_only.header, IsEmpty());
  EXPECT_THAT(bom_only.chunks, IsEmpty());
  CsvDialect no_header;
  no_header.header = false;
  ASSERT_OK_AND_ASSIGN(Chunked empty_no_header, Chunk("", no_header));
  EXPECT_THAT(empty_no_header.chunks, IsEmpty());
}

TEST_F(CsvChunkerTest, HeaderOnly) {
  for (std::string_view text : {"a,b\n", "a,b", "a,b\r\n", "\n\na,b\n\n"}) {
    ASSERT_OK_AND_ASSIGN(Chunked chunked, Chunk(text, {}, 3));
    EXPECT_THAT(chunked.header, ElementsAre("a", "b")) << text;
    EXPECT_THAT(chunked.records, IsEmpty()) << text;
  }
}

TEST_F(CsvChunkerTest, QuotedHeaderNames) {
  std::string text = "\"id\",\"last, first\",\"multi\nline\",\"say \"\"x\"\"\"\r\n1,2,3,4\n";
  for (int64_t block_bytes : {1, 5, 64}) {
    ASSERT_OK_AND_ASSIGN(Chunked chunked, Chunk(text, {}, block_bytes));
    EXPECT_THAT(chunked.header, ElementsAre("id", "last, first", "multi\nline", "say \"x\""));
    ASSERT_EQ(chunked.records.size(), 1U);
    EXPECT_EQ(chunked.records[0].line, 3);
    EXPECT_EQ(chunked.chunks[0].first_line, 3);
  }
}

TEST_F(CsvChunkerTest, MalformedHeaderIsInvalid) {
  Result<Chunked> chunked = Chunk("a,b\"c\"\n1,2\n");
  ASSERT_FALSE(chunked.ok());
  EXPECT_TRUE(chunked.status().IsInvalid());
  EXPECT_THAT(chunked.status().message(), HasSubstr("line 1"));
  EXPECT_THAT(chunked.status().message(), HasSubstr("header"));
}

TEST_F(CsvChunkerTest, SkipRowsDropsPhysicalLines) {
  CsvDialect dialect;
  dialect.skip_rows = 2;
  // Skipped lines are not parsed: their quotes do not matter.
  std::string text = "title \"unbalanced\nsecond, line\nid,v\n1,\"x\"\n";
  for (int64_t block_bytes : {1, 4, 1024}) {
    ASSERT_OK_AND_ASSIGN(Chunked chunked, Chunk(text, dialect, block_bytes));
    EXPECT_THAT(chunked.header, ElementsAre("id", "v"));
    ASSERT_EQ(chunked.records.size(), 1U);
    EXPECT_EQ(chunked.records[0].line, 4);
    EXPECT_THAT(chunked.records[0].fields, ElementsAre("1", "x"));
  }
  // The BOM goes before the skipped lines are counted.
  ASSERT_OK_AND_ASSIGN(Chunked bom, Chunk("\xEF\xBB\xBFskip\nskip\nh\n7\n", dialect));
  EXPECT_THAT(bom.header, ElementsAre("h"));
  ASSERT_EQ(bom.records.size(), 1U);
  EXPECT_EQ(bom.records[0].line, 4);
  // Skipping past the end leaves nothing.
  dialect.skip_rows = 10;
  ASSERT_OK_AND_ASSIGN(Chunked none, Chunk("a\nb\nc", dialect));
  EXPECT_THAT(none.header, IsEmpty());
  EXPECT_THAT(none.chunks, IsEmpty());
}

TEST_F(CsvChunkerTest, SkipRowsWithoutHeader) {
  CsvDialect dialect;
  dialect.header = false;
  dialect.skip_rows = 1;
  ASSERT_OK_AND_ASSIGN(Chunked chunked, Chunk("junk\n1,2\n3,4\n", dialect, 2));
  EXPECT_THAT(chunked.header, IsEmpty());
  ASSERT_EQ(chunked.records.size(), 2U);
  EXPECT_EQ(chunked.records[0].line, 2);
  EXPECT_EQ(chunked.records[1].line, 3);
}

TEST_F(CsvChunkerTest, UnterminatedQuoteAtEofNamesTheLine) {
  std::string text = "a,b\n1,2\n3,\"never\nclosed,4\n5,6\n";
  for (int64_t block_bytes : {1, 3, 10, 1 << 20}) {
    Result<Chunked> chunked = Chunk(text, {}, block_bytes);
    ASSERT_FALSE(chunked.ok()) << block_bytes;
    EXPECT_TRUE(chunked.status().IsInvalid());
    EXPECT_THAT(chunked.status().message(),
                HasSubstr("in.csv: line 3: quote opened here is never closed"));
  }
  // In the header too.
  Result<Chunked> header = Chunk("\"a,b\n1,2\n");
  ASSERT_FALSE(header.ok());
  EXPECT_THAT(header.status().message(), HasSubstr("line 1: quote opened here is never closed"));
}

TEST_F(CsvChunkerTest, RecordLongerThanLimitIsInvalid) {
  std::string text = "h\n1\n2\n\"" + std::string(5000, 'x') + "\n";
  CsvLimits limits;
  limits.max_record_bytes = 1000;
  for (int64_t block_bytes : {7, 100, 4096, 1 << 20}) {
    limits.block_bytes = block_bytes;
    Result<Chunked> chunked = ChunkFile(Write(text), {}, limits);
    ASSERT_FALSE(chunked.ok()) << block_bytes;
    EXPECT_TRUE(chunked.status().IsInvalid());
    EXPECT_THAT(chunked.status().message(),
                HasSubstr("in.csv: line 4: record longer than 1000 bytes (unterminated quote?)"));
  }
  // A long header counts too.
  limits.block_bytes = 64;
  Result<Chunked> header = ChunkFile(Write(std::string(2000, 'h') + "\n1\n"), {}, limits);
  ASSERT_FALSE(header.ok());
  EXPECT_THAT(header.status().message(), HasSubstr("line 1: record longer than"));
}

TEST_F(CsvChunkerTest, LongRecordWithinLimitIsOneChunk) {
  std::string big = "\"" + std::string(3000, 'y') + "\n" + std::string(3000, 'z') + "\"";
  std::string text = "h\n1\n" + big + "\n2\n";
  CsvLimits limits;
  limits.block_bytes = 16;
  limits.max_record_bytes = 7000;
  ASSERT_OK_AND_ASSIGN(Chunked chunked, ChunkFile(Write(text), {}, limits));
  ASSERT_EQ(chunked.records.size(), 3U);
  EXPECT_EQ(chunked.records[1].fields[0].size(), 6001U);
  EXPECT_EQ(chunked.records[2].line, 5);
}

// Block sizes below and far above the 4 KB the line counter sums at once.
TEST_F(CsvChunkerTest, ChunksAreAboutBlockSizedWithExactFirstLines) {
  constexpr int kRows = 30000;
  std::string text = "id,text\n";
  for (int i = 0; i < kRows; ++i) {
    text += std::to_string(i) + (i % 10 == 0 ? ",\"two\nlines\"\n" : ",plain\n");
  }
  for (const size_t block : {size_t{1000}, size_t{70000}}) {
    SCOPED_TRACE(block);
    ASSERT_OK_AND_ASSIGN(Chunked chunked, Chunk(text, {}, static_cast<int64_t>(block)));
    ASSERT_GT(chunked.chunks.size(), 3U);
    int64_t line = 2;
    for (const CsvChunk& chunk : chunked.chunks) {
      EXPECT_EQ(chunk.first_line, line);
      line += std::count(chunk.text.begin(), chunk.text.end(), '\n');
      EXPECT_LE(chunk.text.size(), block + 20U);
      if (&chunk != &chunked.chunks.back()) {
        EXPECT_GE(chunk.text.size(), block - 20U);
      }
    }
    ASSERT_EQ(chunked.records.size(), size_t{kRows});
    int64_t expected_line = 2;
    for (int i = 0; i < kRows; ++i) {
      ASSERT_EQ(chunked.records[i].line, expected_line) << i;
      EXPECT_EQ(chunked.records[i].fields[0], std::to_string(i));
      expected_line += i % 10 == 0 ? 2 : 1;
    }
  }
}

TEST_F(CsvChunkerTest, ReadsGzipInput) {
  std::string text = "a,b\n";
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + ",\"v\nw\"\n";
  z_stream z{};
  ASSERT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string gz(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(text.data());
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  gz.resize(z.total_out);
  deflateEnd(&z);
  CsvLimits limits;
  limits.block_bytes = 4096;
  ASSERT_OK_AND_ASSIGN(Chunked chunked, ChunkFile(Write(gz, "in.csv.gz"), {}, limits));
  EXPECT_THAT(chunked.header, ElementsAre("a", "b"));
  ASSERT_EQ(chunked.records.size(), 5000U);
  EXPECT_EQ(chunked.records[4999].line, 2 + 2 * 4999);
  EXPECT_THAT(chunked.records[4999].fields, ElementsAre("4999", "v\nw"));
}

TEST_F(CsvChunkerTest, InputStaysReachable) {
  std::string path = Write("a\n1\n");
  ASSERT_OK_AND_ASSIGN(auto chunker, Open(path, {}, {}));
  EXPECT_EQ(chunker->input().path(), path);
  EXPECT_EQ(chunker->input().compression(), InputCompression::kNone);
}

TEST_F(CsvChunkerTest, UnusableDialectIsInvalid) {
  CsvDialect dialect;
  dialect.quote = '\n';
  Result<std::unique_ptr<CsvChunker>> chunker = Open(Write("a\n"), dialect, {});
  ASSERT_FALSE(chunker.ok());
  EXPECT_TRUE(chunker.status().IsInvalid());
}

}  // namespace
}  // namespace strata::formats
