#include "columnar/csv_writer.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace strata {
namespace {

using testing::MakeIntLists;
using testing::MakeStrings;
using testing::MakeVector;
using testing::Opt;

std::string Csv(const RecordBatch& batch, const CsvWriteOptions& options = {}) {
  std::string out;
  CHECK_OK(WriteCsv(batch, options, &out));
  return out;
}

TEST(CsvWriterTest, WritesHeaderAndRows) {
  auto batch = testing::MakeBatch(
      {"id", "name", "ok"}, {MakeVector<int32_t>({1, Opt<int32_t>()}), MakeStrings({"ada", "bob"}),
                             testing::MakeBools({true, Opt<bool>()})});
  EXPECT_EQ(Csv(*batch), "id,name,ok\n1,ada,true\n,bob,\n");
  CsvWriteOptions no_header;
  no_header.header = false;
  EXPECT_EQ(Csv(*batch, no_header), "1,ada,true\n,bob,\n");
}

TEST(CsvWriterTest, QuotesWhatWouldNotReadBack) {
  auto batch = testing::MakeBatch(
      {"v"}, {MakeStrings({"plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", " lead",
                           "trail\t", "", Opt<std::string>(), "in side"})});
  EXPECT_EQ(Csv(*batch),
            "v\n"
            "plain\n"
            "\"a,b\"\n"
            "\"say \"\"hi\"\"\"\n"
            "\"line\nbreak\"\n"
            "\"cr\rhere\"\n"
            "\" lead\"\n"
            "\"trail\t\"\n"
            "\"\"\n"
            "\n"
            "in side\n");
}

TEST(CsvWriterTest, CustomDelimiterAndNullString) {
  auto batch = testing::MakeBatch({"a|b", "c"}, {MakeStrings({"x|y", "NULL", Opt<std::string>()}),
                                                 MakeStrings({"a,b", "", "z"})});
  CsvWriteOptions options;
  options.delimiter = '|';
  options.null_string = "NULL";
  EXPECT_EQ(Csv(*batch, options), "\"a|b\"|c\n\"x|y\"|a,b\n\"NULL\"|\nNULL|z\n");
}

TEST(CsvWriterTest, NestedValuesAsJson) {
  auto batch = testing::MakeBatch(
      {"l"}, {MakeIntLists({{{1, 2}}, {{Opt<int32_t>()}}, Opt<std::vector<Opt<int32_t>>>()})});
  EXPECT_EQ(Csv(*batch), "l\n\"[1,2]\"\n[null]\n\n");
}

TEST(CsvWriterTest, ScalarsRenderAsValues) {
  auto batch = testing::MakeBatch(
      {"d", "ts", "f", "bin"},
      {MakeVector<int32_t>({20364}, Date()),
       MakeVector<int64_t>({1759494896500000}, Timestamp(TimeUnit::kMicro, true)),
       MakeVector<double>({2.0}), MakeStrings({std::string("\x01,", 2)}, Binary())});
  EXPECT_EQ(Csv(*batch), "d,ts,f,bin\n2025-10-03,2025-10-03 12:34:56.5+00,2.0,\"\\x01,\"\n");
}

TEST(CsvWriterTest, AppendsAcrossBatches) {
  auto batch = testing::MakeBatch({"n"}, {MakeVector<int8_t>({1})});
  std::string out;
  ASSERT_OK(WriteCsv(*batch, {}, &out));
  CsvWriteOptions rest;
  rest.header = false;
  ASSERT_OK(WriteCsv(*batch, rest, &out));
  EXPECT_EQ(out, "n\n1\n1\n");
}

TEST(CsvWriterTest, RejectsAmbiguousOptions) {
  auto batch = testing::MakeBatch({"n"}, {MakeVector<int8_t>({1})});
  std::string out;
  for (char delimiter : {'"', '\n', '\r'}) {
    CsvWriteOptions options;
    options.delimiter = delimiter;
    EXPECT_TRUE(WriteCsv(*batch, options, &out).IsInvalid());
  }
  CsvWriteOptions options;
  options.null_string = "a,b";
  EXPECT_TRUE(WriteCsv(*batch, options, &out).IsInvalid());
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace strata
