#include "formats/csv_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "columnar/csv_writer.h"
#include "compress_test_util.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::formats {
namespace {

class CsvReaderTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, std::string_view text) {
    std::string path = dir_.Join(name);
    CHECK_OK(WriteWholeFile(fs_.get(), path, AsBytes(text)));
    return path;
  }

  // Every row read, rendered as header-less CSV.
  Result<std::string> ReadAll(CsvReader* reader) {
    std::string out;
    for (;;) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, reader->Next());
      if (batch == nullptr) return out;
      RETURN_NOT_OK(WriteCsv(*batch, CsvWriteOptions{.header = false}, &out));
    }
  }

  Result<std::unique_ptr<CsvReader>> Open(const std::string& path, SchemaPtr schema,
                                          CsvReadOptions options = {}) {
    return CsvReader::Open(fs_.get(), path, std::move(schema), std::move(options));
  }

  Result<SchemaPtr> Infer(const std::string& path, const CsvReadOptions& options = {},
                          const InferOptions& infer = {}) {
    return InferCsvSchema(fs_.get(), path, options, infer);
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

TEST_F(CsvReaderTest, InfersTypesAndReadsValues) {
  const std::string path = Write("a.csv",
                                 "id,price,name,day,at,ok\n"
                                 "1,2.5,\"a, b\",2025-01-02,2025-01-02T03:04:05Z,true\n"
                                 "2,,plain,2025-01-03,2025-01-02 03:04:05.25+01:00,false\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"id", Int64()},
                                            {"price", Float64()},
                                            {"name", String()},
                                            {"day", Date()},
                                            {"at", Timestamp(TimeUnit::kMicro, true)},
                                            {"ok", Bool()}})
                                    ->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows,
            "1,2.5,\"a, b\",2025-01-02,2025-01-02 03:04:05+00,true\n"
            "2,,plain,2025-01-03,2025-01-02 02:04:05.25+00,false\n");
  EXPECT_EQ(reader->rows_read(), 2);
}

// Many tiny chunks parse in parallel and come out in input order, with
// quoted newlines across chunk boundaries.
TEST_F(CsvReaderTest, SmallChunksKeepOrderAndLines) {
  std::string text = "n,s\n";
  std::string expected;
  for (int i = 0; i < 2000; ++i) {
    text += std::to_string(i) + ",\"x\ny" + std::to_string(i) + "\"\n";
    expected += std::to_string(i) + ",\"x\ny" + std::to_string(i) + "\"\n";
  }
  text += "oops,\"last\"\n";
  const std::string path = Write("many.csv", text);
  const SchemaPtr schema = MakeSchema({{"n", Int64()}, {"s", String()}});
  CsvReadOptions options;
  options.limits.block_bytes = 64;
  options.allow_widening = false;
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, options));
  std::string out;
  Status status;
  for (;;) {
    Result<RecordBatchPtr> batch = reader->Next();
    if (!batch.ok()) {
      status = batch.status();
      break;
    }
    if (*batch == nullptr) break;
    ASSERT_OK(WriteCsv(**batch, CsvWriteOptions{.header = false}, &out));
  }
  // Under kFail the chunk holding the bad row yields nothing; every chunk
  // before it arrives whole and in order.
  EXPECT_EQ(expected.substr(0, out.size()), out);
  EXPECT_GT(out.size(), expected.size() / 2);
  // Each record takes two physical lines: the bad one starts on line 4002.
  EXPECT_EQ(status.message(), path + ":4002: column 'n': 'oops' is not a valid int64");
}

TEST_F(CsvReaderTest, SkipKeepsRejectedRowsWithLinesAndReasons) {
  const std::string path = Write("bad.csv", "a,b\n1,x\nzz,y\n3\n4,w,extra\n5,\"v\"\n");
  CsvReadOptions options;
  options.on_error = OnError::kSkip;
  ASSERT_OK_AND_ASSIGN(auto reader,
                       Open(path, MakeSchema({{"a", Int64()}, {"b", String()}}), options));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "1,x\n5,v\n");
  EXPECT_EQ(reader->rows_rejected(), 3);
  std::vector<RejectedRow> rejected = reader->TakeRejected();
  ASSERT_EQ(rejected.size(), 3U);
  EXPECT_EQ(rejected[0].line, 3);
  EXPECT_EQ(rejected[0].column, "a");
  EXPECT_EQ(rejected[0].raw, "zz,y");
  EXPECT_EQ(rejected[0].reason, "'zz' is not a valid int64");
  EXPECT_EQ(rejected[1].line, 4);
  EXPECT_EQ(rejected[1].column, "");
  EXPECT_EQ(rejected[1].reason, "expected 2 fields, found 1");
  EXPECT_EQ(rejected[2].raw, "4,w,extra");
  EXPECT_EQ(rejected[2].file, path);
  EXPECT_TRUE(reader->TakeRejected().empty());
}

// Columns are parsed a slice of 1024 rows at a time; a row one column
// rejects must still be skipped by the columns after it, in every slice,
// and the values around it must stay in their rows.
TEST_F(CsvReaderTest, SkippedRowsAcrossSlicesKeepColumnsAligned) {
  std::string text = "a,b,c\n";
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    const bool bad_a = i == 1500, bad_b = i == 3000 || i == 4095, bad_c = i == 1023;
    text += (bad_a ? std::string("x") : std::to_string(i)) + "," +
            (bad_b ? std::string("y") : std::to_string(i * 2)) + ",s" + std::to_string(i) +
            (bad_c ? ",extra" : "") + "\n";
    if (!bad_a && !bad_b && !bad_c) {
      expected += fmt::format("{},{},s{}\n", i, i * 2, i);
    }
  }
  CsvReadOptions options;
  options.on_error = OnError::kSkip;
  ASSERT_OK_AND_ASSIGN(
      auto reader, Open(Write("slices.csv", text),
                        MakeSchema({{"a", Int64()}, {"b", Int64()}, {"c", String()}}), options));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, expected);
  std::vector<RejectedRow> rejected = reader->TakeRejected();
  ASSERT_EQ(rejected.size(), 4U);
  EXPECT_EQ(rejected[0].line, 1025);  // Header is line 1, row i is line i + 2.
  EXPECT_EQ(rejected[1].line, 1502);
  EXPECT_EQ(rejected[1].column, "a");
  EXPECT_EQ(rejected[2].line, 3002);
  EXPECT_EQ(rejected[2].column, "b");
  EXPECT_EQ(rejected[3].line, 4097);
}

TEST_F(CsvReaderTest, MaxErrorsStopsTheRead) {
  const std::string path = Write("bad.csv", "a\n1\nx\ny\n2\n");
  CsvReadOptions options;
  options.on_error = OnError::kSkip;
  options.max_errors = 1;
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"a", Int64()}}), options));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), "more than 1 bad rows (--max-errors); the last: " + path +
                                         ":4: column 'a': 'y' is not a valid int64");
}

TEST_F(CsvReaderTest, WideningValueReportsTheWiderSchema) {
  const std::string path = Write("w.csv", "a,b\n1,x\n2.5,y\n");
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"a", Int64()}, {"b", String()}})));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            path + ":3: column 'a': '2.5' is not a valid int64; the column widens to float64");
  ASSERT_NE(reader->widened_schema(), nullptr);
  EXPECT_TRUE(reader->widened_schema()->field(0).type->Equals(*Float64()));
  ASSERT_OK_AND_ASSIGN(auto again, Open(path, reader->widened_schema()));
  ASSERT_OK_AND_ASSIGN(std::string widened, ReadAll(again.get()));
  EXPECT_EQ(widened, "1.0,x\n2.5,y\n");
}

// Under fail, a bad row before the widening value wins.
TEST_F(CsvReaderTest, EarlierRowErrorBeatsWidening) {
  const std::string path = Write("w.csv", "a,b\n1,x\n2,y,z\n2.5,y\n");
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"a", Int64()}, {"b", String()}})));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), path + ":3: expected 2 fields, found 3");
  EXPECT_EQ(reader->widened_schema(), nullptr);
}

TEST_F(CsvReaderTest, RequiredColumnRejectsNull) {
  const std::string two = Write("r2.csv", "a,b\n1,2\n,3\n");
  ASSERT_OK_AND_ASSIGN(auto reader, Open(two, MakeSchema({{"a", Int64(), false}, {"b", Int64()}})));
  Result<std::string> rows = ReadAll(reader.get());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            two + ":3: column 'a': null in column 'a', which is not nullable");
}

TEST_F(CsvReaderTest, ReadsGzip) {
  const std::string compressed = Gzip("a,b\n1,x\n2,y\n");
  const std::string path = Write("a.csv.gz", compressed);
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"a", Int64()}, {"b", String()}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "1,x\n2,y\n");
}

TEST_F(CsvReaderTest, InferNamesWithoutHeaderAndWithDuplicates) {
  const std::string path = Write("n.csv", "1,a\n2,b\n");
  CsvReadOptions options;
  options.dialect.header = false;
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(path, options));
  EXPECT_EQ(schema->ToString(),
            MakeSchema({{"column_1", Int64()}, {"column_2", String()}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, schema, options));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "1,a\n2,b\n");
  const std::string dup = Write("d.csv", "x,x,,x\n1,2,3,4\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr names, Infer(dup));
  EXPECT_EQ(names->field(0).name, "x");
  EXPECT_EQ(names->field(1).name, "x_2");
  EXPECT_EQ(names->field(2).name, "column_3");
  EXPECT_EQ(names->field(3).name, "x_3");
}

TEST_F(CsvReaderTest, SampleSizeDecidesWhatInferenceSees) {
  std::string text = "a\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + "\n";
  text += "1.5\n";
  const std::string path = Write("s.csv", text);
  ASSERT_OK_AND_ASSIGN(SchemaPtr head, Infer(path, {}, InferOptions{.sample_rows = 10}));
  EXPECT_TRUE(head->field(0).type->Equals(*Int64()));
  CsvReadOptions small;
  small.limits.block_bytes = 16;  // Many chunks: the full pass runs in parallel.
  ASSERT_OK_AND_ASSIGN(SchemaPtr all, Infer(path, small, InferOptions{.sample_rows = -1}));
  EXPECT_TRUE(all->field(0).type->Equals(*Float64()));
}

TEST_F(CsvReaderTest, EmptyAndHeaderOnlyFiles) {
  const std::string empty = Write("e.csv", "");
  Result<SchemaPtr> none = Infer(empty);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(), empty + ": no header and no rows: nothing to infer");
  const std::string header = Write("h.csv", "a,b\n");
  ASSERT_OK_AND_ASSIGN(SchemaPtr schema, Infer(header));
  EXPECT_EQ(schema->ToString(), MakeSchema({{"a", String()}, {"b", String()}})->ToString());
  ASSERT_OK_AND_ASSIGN(auto reader, Open(header, schema));
  ASSERT_OK_AND_ASSIGN(std::string rows, ReadAll(reader.get()));
  EXPECT_EQ(rows, "");
}

TEST_F(CsvReaderTest, HeaderWidthMustMatchTheSchema) {
  const std::string path = Write("a.csv", "a,b\n1,2\n");
  Result<std::unique_ptr<CsvReader>> reader = Open(path, MakeSchema({{"a", Int64()}}));
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), path + ": the header has 2 columns but the schema has 1");
}

// Rows before an unterminated quote are still delivered; then the error.
TEST_F(CsvReaderTest, UnterminatedQuoteFailsAfterTheGoodRows) {
  const std::string path = Write("q.csv", "a,b\n1,x\n2,\"never closed\n3,z\n");
  ASSERT_OK_AND_ASSIGN(auto reader, Open(path, MakeSchema({{"a", Int64()}, {"b", String()}})));
  Result<RecordBatchPtr> first = reader->Next();
  Status status = first.status();
  if (first.ok()) {
    ASSERT_NE(*first, nullptr);
    status = reader->Next().status();
  }
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("line 3"), std::string::npos) << status.ToString();
}

}  // namespace
}  // namespace strata::formats
