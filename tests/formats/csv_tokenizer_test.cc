#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/csv_block.h"
#include "testing/status_matchers.h"

namespace strata::formats {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Row = std::vector<std::string>;

CsvBlock Tokenize(std::string text, const CsvDialect& dialect = {}, int64_t first_line = 1) {
  CsvBlock block;
  CHECK_OK(TokenizeCsv(std::move(text), dialect, CsvLimits{}, first_line, &block));
  return block;
}

std::vector<Row> Rows(const CsvBlock& block) {
  std::vector<Row> rows;
  for (int64_t r = 0; r < block.num_rows(); ++r) {
    Row row;
    for (int32_t c = 0; c < block.num_fields(r); ++c) row.emplace_back(block.field(r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<int64_t> Lines(const CsvBlock& block) {
  std::vector<int64_t> lines;
  for (int64_t r = 0; r < block.num_rows(); ++r) lines.push_back(block.line(r));
  return lines;
}

TEST(CsvTokenizerTest, SplitsUnquotedFields) {
  CsvBlock block = Tokenize("a,b,c\n1,22,333\n");
  EXPECT_THAT(Rows(block), ElementsAre(Row{"a", "b", "c"}, Row{"1", "22", "333"}));
  EXPECT_THAT(Lines(block), ElementsAre(1, 2));
  EXPECT_EQ(block.raw(1), "1,22,333");
  EXPECT_FALSE(block.quoted(1, 0));
  EXPECT_THAT(block.error(0), IsEmpty());
  EXPECT_THAT(block.error(1), IsEmpty());
}

TEST(CsvTokenizerTest, EmptyTextHasNoRows) {
  EXPECT_EQ(Tokenize("").num_rows(), 0);
  EXPECT_EQ(Tokenize("\n\r\n\n").num_rows(), 0);
}

TEST(CsvTokenizerTest, LastRecordMayLackTerminator) {
  CsvBlock block = Tokenize("1,2\n3,4");
  EXPECT_THAT(Rows(block), ElementsAre(Row{"1", "2"}, Row{"3", "4"}));
  EXPECT_EQ(block.raw(1), "3,4");
  EXPECT_THAT(Rows(Tokenize("1,\"x\"")), ElementsAre(Row{"1", "x"}));
  // A trailing CR without its LF is still not data.
  EXPECT_THAT(Rows(Tokenize("1,2\r")), ElementsAre(Row{"1", "2"}));
  EXPECT_THAT(Rows(Tokenize("1,\"2\"\r")), ElementsAre(Row{"1", "2"}));
}

TEST(CsvTokenizerTest, EmptyFieldsAndQuotedEmptyDiffer) {
  CsvBlock block = Tokenize(",\"\",\n");
  ASSERT_EQ(block.num_rows(), 1);
  ASSERT_EQ(block.num_fields(0), 3);
  EXPECT_EQ(block.field(0, 0), "");
  EXPECT_FALSE(block.quoted(0, 0));
  EXPECT_EQ(block.field(0, 1), "");
  EXPECT_TRUE(block.quoted(0, 1));
  EXPECT_EQ(block.field(0, 2), "");
  EXPECT_FALSE(block.quoted(0, 2));
}

TEST(CsvTokenizerTest, QuotedFieldsKeepDelimitersAndUnescapeDoubledQuotes) {
  CsvBlock block = Tokenize("\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",plain\n");
  EXPECT_THAT(Rows(block), ElementsAre(Row{"a,b", "say \"hi\"", "\"", "plain"}));
  EXPECT_TRUE(block.quoted(0, 0));
  EXPECT_TRUE(block.quoted(0, 1));
  EXPECT_TRUE(block.quoted(0, 2));
  EXPECT_FALSE(block.quoted(0, 3));
  EXPECT_EQ(block.raw(0), "\"a,b\",\"say \"\"hi\"\"\",\"\"\"\",plain");
}

TEST(CsvTokenizerTest, EscapeCharacter) {
  CsvDialect dialect;
  dialect.escape = '\\';
  CsvBlock block = Tokenize("\"a\\\"b\",\"c\\\\d\",\"e\\,f\",\"g\"\"h\",x\\y\n", dialect);
  // The escape works only inside quotes; a doubled quote still works too.
  EXPECT_THAT(Rows(block), ElementsAre(Row{"a\"b", "c\\d", "e,f", "g\"h", "x\\y"}));
  // An escaped quote does not end the field, so the delimiter stays inside.
  EXPECT_THAT(Rows(Tokenize("\"\\\",\"\n", dialect)), ElementsAre(Row{"\","}));
}

TEST(CsvTokenizerTest, EscapeEqualToQuoteMeansDoubledQuotes) {
  CsvDialect dialect;
  dialect.escape = '"';
  EXPECT_THAT(Rows(Tokenize("\"a\"\"b\",c\n", dialect)), ElementsAre(Row{"a\"b", "c"}));
}

TEST(CsvTokenizerTest, OtherDelimiterAndQuote) {
  CsvDialect dialect;
  dialect.delimiter = '\t';
  dialect.quote = '\'';
  CsvBlock block = Tokenize("a\t'b\tc'\t\"d\"\n'it''s'\t2\n", dialect);
  EXPECT_THAT(Rows(block), ElementsAre(Row{"a", "b\tc", "\"d\""}, Row{"it's", "2"}));
}

TEST(CsvTokenizerTest, CrlfIsNotPartOfTheField) {
  CsvBlock block = Tokenize("a,b\r\n\"x\",\"y\"\r\n1,\r\n");
  EXPECT_THAT(Rows(block), ElementsAre(Row{"a", "b"}, Row{"x", "y"}, Row{"1", ""}));
  EXPECT_EQ(block.raw(0), "a,b");
  EXPECT_EQ(block.raw(1), "\"x\",\"y\"");
  EXPECT_THAT(Lines(block), ElementsAre(1, 2, 3));
  // A CR elsewhere is data.
  EXPECT_THAT(Rows(Tokenize("a\rb,c\r\r\n")), ElementsAre(Row{"a\rb", "c\r"}));
}

TEST(CsvTokenizerTest, EmbeddedNewlinesKeepPhysicalLineNumbers) {
  CsvBlock block =
      Tokenize("h1,h2\n\"multi\nline\",1\n\"crlf\r\ninside\"\r\n3,\"\n\n\"\nlast,4\n", {}, 10);
  EXPECT_THAT(Rows(block), ElementsAre(Row{"h1", "h2"}, Row{"multi\nline", "1"},
                                       Row{"crlf\r\ninside"}, Row{"3", "\n\n"}, Row{"last", "4"}));
  EXPECT_THAT(Lines(block), ElementsAre(10, 11, 13, 15, 18));
  EXPECT_EQ(block.raw(1), "\"multi\nline\",1");
}

TEST(CsvTokenizerTest, BlankLinesAreSkippedButCounted) {
  CsvBlock block = Tokenize("\n1,2\n\n\r\n3,4\n\n");
  EXPECT_THAT(Rows(block), ElementsAre(Row{"1", "2"}, Row{"3", "4"}));
  EXPECT_THAT(Lines(block), ElementsAre(2, 5));
  // Documented: in a one-column file an empty line is skipped, not a null.
  EXPECT_THAT(Rows(Tokenize("x\n\ny\n")), ElementsAre(Row{"x"}, Row{"y"}));
  // A line of only a delimiter or spaces is a record.
  EXPECT_THAT(Rows(Tokenize(",\n \n")), ElementsAre(Row{"", ""}, Row{" "}));
}

TEST(CsvTokenizerTest, CommentLinesAreSkippedButCounted) {
  CsvDialect dialect;
  dialect.comment_prefix = "##";
  CsvBlock block = Tokenize("## a \"comment\n1,2\n#not,comment\n\"##quoted\",3\n## last", dialect);
  EXPECT_THAT(Rows(block),
              ElementsAre(Row{"1", "2"}, Row{"#not", "comment"}, Row{"##quoted", "3"}));
  EXPECT_THAT(Lines(block), ElementsAre(2, 3, 4));
  // A prefix inside a quoted multi-line field is data.
  CsvBlock multi = Tokenize("\"a\n## b\",1\n2,3\n", dialect);
  EXPECT_THAT(Rows(multi), ElementsAre(Row{"a\n## b", "1"}, Row{"2", "3"}));
  EXPECT_THAT(Lines(multi), ElementsAre(1, 3));
}

TEST(CsvTokenizerTest, FieldCountsMayVary) {
  CsvBlock block = Tokenize("1,2,3\n4\n5,6,7,8\n");
  ASSERT_EQ(block.num_rows(), 3);
  EXPECT_EQ(block.num_fields(0), 3);
  EXPECT_EQ(block.num_fields(1), 1);
  EXPECT_EQ(block.num_fields(2), 4);
}

TEST(CsvTokenizerTest, QuoteInsideUnquotedFieldIsARowError) {
  CsvBlock block = Tokenize("1,2,ab\"c\"\n3,4,5\n");
  ASSERT_EQ(block.num_rows(), 2);
  EXPECT_EQ(block.error(0), "unexpected quote in unquoted field at column 3");
  EXPECT_EQ(block.raw(0), "1,2,ab\"c\"");
  EXPECT_EQ(block.line(0), 1);
  EXPECT_THAT(block.error(1), IsEmpty());
  EXPECT_THAT(Rows(block)[1], ElementsAre("3", "4", "5"));
  EXPECT_EQ(block.line(1), 2);
}

TEST(CsvTokenizerTest, TextAfterClosingQuoteIsARowError) {
  CsvBlock block = Tokenize("\"ab\"c,1\r\n\"ok\",2\n");
  ASSERT_EQ(block.num_rows(), 2);
  EXPECT_EQ(block.error(0), "unexpected text after closing quote at column 1");
  EXPECT_EQ(block.raw(0), "\"ab\"c,1");
  EXPECT_THAT(block.error(1), IsEmpty());
  EXPECT_THAT(Rows(block)[1], ElementsAre("ok", "2"));
}

TEST(CsvTokenizerTest, StrayQuoteOpensQuotesUntilItsPartner) {
  // The stray quote opens a quoted stretch (as the chunker counts quotes),
  // so the malformed record runs to the line feed after its partner.
  CsvBlock block = Tokenize("a,b\"c\nd,e\"\nf,g\n");
  ASSERT_EQ(block.num_rows(), 2);
  EXPECT_EQ(block.error(0), "unexpected quote in unquoted field at column 2");
  EXPECT_EQ(block.raw(0), "a,b\"c\nd,e\"");
  EXPECT_THAT(Rows(block)[1], ElementsAre("f", "g"));
  EXPECT_EQ(block.line(1), 3);
}

TEST(CsvTokenizerTest, UnterminatedQuoteAtEndIsARowError) {
  CsvBlock block = Tokenize("1,2\n3,\"open\nstill open");
  ASSERT_EQ(block.num_rows(), 2);
  EXPECT_THAT(block.error(0), IsEmpty());
  EXPECT_THAT(block.error(1), HasSubstr("never closed"));
  EXPECT_THAT(block.error(1), HasSubstr("column 2"));
  EXPECT_EQ(block.line(1), 2);
}

TEST(CsvTokenizerTest, TooManyColumnsFailsNamingTheLine) {
  CsvLimits limits;
  limits.max_columns = 3;
  CsvBlock block;
  EXPECT_OK(TokenizeCsv("1,2,3\n4,5,6\n", {}, limits, 1, &block));
  Status status = TokenizeCsv("1,2,3\n\"x\ny\",5,6,7\n", {}, limits, 5, &block);
  ASSERT_TRUE(status.IsInvalid()) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("line 6"));
  EXPECT_THAT(status.message(), HasSubstr("more than 3 columns"));
}

TEST(CsvTokenizerTest, UnusableDialectIsInvalid) {
  CsvBlock block;
  CsvDialect same;
  same.quote = ',';
  EXPECT_TRUE(TokenizeCsv("a", same, {}, 1, &block).IsInvalid());
  CsvDialect newline;
  newline.delimiter = '\n';
  EXPECT_TRUE(TokenizeCsv("a", newline, {}, 1, &block).IsInvalid());
}

TEST(CsvTokenizerTest, NulBytesAreData) {
  std::string text("a\0b,\"c\0d\"\n", 10);
  CsvBlock block = Tokenize(text);
  ASSERT_EQ(block.num_rows(), 1);
  EXPECT_EQ(block.field(0, 0), std::string_view("a\0b", 3));
  EXPECT_EQ(block.field(0, 1), std::string_view("c\0d", 3));
}

// Unquoted fields of every length from 0 to 40 (the scan takes 16 bytes
// at a time while they fit), holding NULs, CRs, tabs and bytes >= 0x80,
// split exactly where a plain split on ',' and '\n' splits them.
TEST(CsvTokenizerTest, LongAndShortUnquotedFieldsMatchAPlainSplit) {
  std::mt19937 rng(5);
  constexpr char kAlphabet[] = "abcXYZ019 \t\r\0\x80\xff;|";
  const std::string alphabet(kAlphabet, sizeof(kAlphabet) - 1);
  std::string text;
  std::vector<Row> expected;
  for (int record = 0; record < 400; ++record) {
    Row row;
    const int fields = 1 + static_cast<int>(rng() % 6);
    for (int f = 0; f < fields; ++f) {
      std::string field;
      const size_t length = rng() % 41;
      for (size_t i = 0; i < length; ++i) field += alphabet[rng() % alphabet.size()];
      if (f == 0 && field.empty()) field = "x";  // An empty line would be skipped.
      text += (f > 0 ? "," : "") + field;
      row.push_back(field);
    }
    if (!row.back().empty() && row.back().back() == '\r') {  // Would be trimmed.
      text += 'y';
      row.back() += 'y';
    }
    text += '\n';
    expected.push_back(std::move(row));
  }
  // The last record runs to the end of the text, without a line feed.
  text.pop_back();
  EXPECT_EQ(Rows(Tokenize(text)), expected);
}

TEST(CsvTokenizerTest, BlockCanBeMovedAndReused) {
  CsvBlock block = Tokenize("\"x\"\"\",y\n");  // Short: the text lives inline.
  CsvBlock moved = std::move(block);
  EXPECT_THAT(Rows(moved), ElementsAre(Row{"x\"", "y"}));
  ASSERT_OK(TokenizeCsv("z\n", {}, {}, 1, &moved));
  EXPECT_THAT(Rows(moved), ElementsAre(Row{"z"}));
  EXPECT_THAT(moved.error(0), IsEmpty());
}

TEST(CsvTokenizerTest, ManyRowsWithMixedErrors) {
  std::string text;
  for (int i = 0; i < 1000; ++i) {
    text += i % 7 == 3 ? "bad\"row,1\"\n" : std::to_string(i) + ",\"v" + std::to_string(i) + "\"\n";
  }
  CsvBlock block = Tokenize(text);
  ASSERT_EQ(block.num_rows(), 1000);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(block.line(i), i + 1);
    if (i % 7 == 3) {
      EXPECT_THAT(block.error(i), HasSubstr("column 1"));
    } else {
      ASSERT_THAT(block.error(i), IsEmpty());
      EXPECT_EQ(block.field(i, 1), "v" + std::to_string(i));
    }
  }
}

TEST(CsvTokenizerTest, LargeBlockWithChangingShape) {
  // Past the tokenizer's sizing sample, rows get wider: the arrays must grow.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + "\n";
  for (int i = 0; i < 20000; ++i) text += "a,\"b\"\"\",,d,e,f,g,h\n";
  CsvBlock block = Tokenize(text);
  ASSERT_EQ(block.num_rows(), 40000);
  EXPECT_EQ(block.field(19999, 0), "19999");
  EXPECT_EQ(block.num_fields(39999), 8);
  EXPECT_EQ(block.field(39999, 1), "b\"");
  EXPECT_EQ(block.field(39999, 7), "h");
  EXPECT_EQ(block.line(39999), 40000);
}

}  // namespace
}  // namespace strata::formats
