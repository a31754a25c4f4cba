// `strata convert` on JSON inputs: JSON Lines, record arrays inside a
// report document with carried fields, flattening, conflicts and bad lines.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "columnar/compute.h"
#include "columnar/json_writer.h"
#include "convert_test_util.h"
#include "io/local_file_system.h"
#include "parquet/file_reader.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::cli {
namespace {

using ::testing::HasSubstr;

class ConvertJsonTest : public ConvertTestBase {
 protected:
  // A Parquet file's schema and every row, as ParquetReader reads them.
  static void ReadBack(const std::string& path, std::string* schema, std::string* rows) {
    std::unique_ptr<FileSystem> fs = NewLocalFileSystem();
    ASSERT_OK_AND_ASSIGN(auto reader, parquet::ParquetReader::Open(fs.get(), path));
    *schema = reader->schema()->ToString();
    ASSERT_OK_AND_ASSIGN(auto batches, reader->ReadAll(reader->AllColumns()));
    ASSERT_FALSE(batches.empty());
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr all, ConcatenateBatches(batches));
    rows->clear();
    WriteJsonLines(*all, rows);
  }
};

TEST_F(ConvertJsonTest, JsonLinesWithAListColumn) {
  const std::string in = Write("a.jsonl",
                               "{\"id\": 1, \"at\": \"2025-10-01T00:00:00Z\", \"tags\": [\"x\"]}\n"
                               "{\"id\": 2, \"v\": 2.5, \"at\": null, \"tags\": []}\n");
  const std::string out = dir_.Join("a.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=2 rejected=0 files=1 "));
  EXPECT_EQ(Cat(out), "id,at,tags,v\n1,2025-10-01 00:00:00+00,\"[\"\"x\"\"]\",\n2,,[],2.5\n");
}

TEST_F(ConvertJsonTest, NestedValuesBecomeStructsAndListsAndMisfitsAreRejected) {
  // Sampled from the first two records; the last two do not fit the struct.
  const std::string in =
      Write("n.jsonl",
            "{\"id\": 1, \"p\": {\"x\": 1.5, \"tags\": [\"a\", null]}, \"e\": [{\"at\": 1}]}\n"
            "{\"id\": 2, \"p\": null, \"e\": []}\n"
            "{\"id\": 3, \"p\": {\"x\": \"wide\"}, \"e\": null}\n"
            "{\"id\": 4, \"p\": {\"w\": 1}, \"e\": [{\"at\": 2}]}\n"
            "{\"id\": 5, \"p\": {\"tags\": []}, \"e\": [{\"at\": 3}, null]}\n");
  const std::string out = dir_.Join("n.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sample", "2", "--on-error", "quarantine"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=3 rejected=2 "));
  const std::string schema = RunStrata({"schema", out}).out;
  EXPECT_THAT(schema, HasSubstr("struct<x: float64, tags: list<string>>"));
  EXPECT_THAT(schema, HasSubstr("list<struct<at: int64>>"));
  EXPECT_EQ(RunStrata({"cat", "--format", "jsonl", out}).out,
            "{\"id\":1,\"p\":{\"x\":1.5,\"tags\":[\"a\",null]},\"e\":[{\"at\":1}]}\n"
            "{\"id\":2,\"p\":null,\"e\":[]}\n"
            "{\"id\":5,\"p\":{\"x\":null,\"tags\":[]},\"e\":[{\"at\":3},null]}\n");
  std::ifstream rejected(out + ".rejected.csv");
  const std::string text((std::istreambuf_iterator<char>(rejected)),
                         std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr(",3,p,member 'x': 'wide' is not a valid float64,"));
  EXPECT_THAT(text,
              HasSubstr(",4,p,\"member 'w' is not in struct<x: float64, tags: list<string>>\","));
}

// Values past the sample that need wider members or elements widen them,
// and every row, also those before the widening, has the wider types.
TEST_F(ConvertJsonTest, LateWiderNestedValuesWidenMembersAndElements) {
  const std::string in =
      Write("w.jsonl",
            "{\"id\": 1, \"m\": {\"x\": 1, \"d\": \"2024-01-02\"}, \"l\": [1, 2]}\n"
            "{\"id\": 2, \"m\": {\"x\": 10000000000, \"d\": null}, \"l\": []}\n"
            "{\"id\": 3, \"m\": {\"x\": 2.5}, \"l\": null}\n"
            "{\"id\": 4, \"m\": {\"d\": \"2024-01-03T04:05:06\"}, \"l\": [1.5]}\n");
  const std::string out = dir_.Join("w.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sample", "2"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=4 rejected=0 files=1 "));
  std::string schema;
  std::string rows;
  ASSERT_NO_FATAL_FAILURE(ReadBack(out, &schema, &rows));
  EXPECT_EQ(schema, "id: int64\nm: struct<x: float64, d: timestamp(us)>\nl: list<float64>");
  EXPECT_EQ(rows,
            "{\"id\":1,\"m\":{\"x\":1.0,\"d\":\"2024-01-02T00:00:00\"},\"l\":[1.0,2.0]}\n"
            "{\"id\":2,\"m\":{\"x\":10000000000.0,\"d\":null},\"l\":[]}\n"
            "{\"id\":3,\"m\":{\"x\":2.5,\"d\":null},\"l\":null}\n"
            "{\"id\":4,\"m\":{\"x\":null,\"d\":\"2024-01-03T04:05:06\"},\"l\":[1.5]}\n");
  // A declared member type does not widen: the value is a row error.
  const std::string declared = Write("w.json", R"js({"columns": [
        {"name": "id", "type": "int64"},
        {"name": "m", "type": "struct<x: int64, d: date>"},
        {"name": "l", "type": "list<int64>"}]})js");
  CliRun fixed = RunStrata({"convert", in, "--to", dir_.Join("d.parquet"), "--schema", declared});
  EXPECT_EQ(fixed.code, kExitFailure);
  EXPECT_THAT(fixed.err, HasSubstr(in + ":3: column 'm': member 'x': '2.5' is not a valid int64"));
}

// A late nested value that no widening fits stays a row error naming the
// line, the column, the member path, the value and the type.
TEST_F(ConvertJsonTest, LateNestedMisfitWithoutAWideningIsARowError) {
  const std::string in = Write("e.jsonl",
                               "{\"m\": {\"x\": 1}}\n"
                               "{\"m\": {\"x\": 2}}\n"
                               "{\"m\": {\"x\": \"abc\"}}\n"
                               "{\"m\": {\"x\": 3}}\n");
  CliRun fail = RunStrata({"convert", in, "--to", dir_.Join("f.parquet"), "--sample", "2"});
  EXPECT_EQ(fail.code, kExitFailure);
  EXPECT_THAT(fail.err, HasSubstr(in + ":3: column 'm': member 'x': 'abc' is not a valid int64"));
  const std::string out = dir_.Join("e.parquet");
  CliRun skip =
      RunStrata({"convert", in, "--to", out, "--sample", "2", "--on-error", "quarantine"});
  ASSERT_EQ(skip.code, kExitOk) << skip.err;
  EXPECT_THAT(skip.out, HasSubstr(" rows=3 rejected=1 "));
  std::string schema;
  std::string rows;
  ASSERT_NO_FATAL_FAILURE(ReadBack(out, &schema, &rows));
  EXPECT_EQ(schema, "m: struct<x: int64>");
  EXPECT_EQ(rows, "{\"m\":{\"x\":1}}\n{\"m\":{\"x\":2}}\n{\"m\":{\"x\":3}}\n");
  EXPECT_THAT(Slurp(out + ".rejected.csv"),
              HasSubstr(in + ",3,m,member 'x': 'abc' is not a valid int64,"));
}

// The index-advisor report: records inside the document, the report's
// timestamp carried into each.
TEST_F(ConvertJsonTest, ReportDocumentWithRecordsAndCarry) {
  const std::string report = dir_.Join("report.json");
  ASSERT_EQ(RunStrata({"-q", "generate", "index-advisor", "--out", report}).code, kExitOk);
  const std::string out = dir_.Join("advice.parquet");
  CliRun run = RunStrata(
      {"convert", report, "--to", out, "--records", "/recommendations", "--carry", "/timestamp"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=11 rejected=0 "));
  const std::string schema = RunStrata({"schema", out}).out;
  EXPECT_THAT(schema, HasSubstr("timestamp"));
  EXPECT_THAT(schema, HasSubstr("timestamp(us, UTC)"));
  EXPECT_THAT(schema, HasSubstr("estimated_improvement_pct"));
}

TEST_F(ConvertJsonTest, FlattenAndConflicts) {
  const std::string in =
      Write("f.jsonl", "{\"a\": {\"b\": 1, \"c\": \"x\"}}\n{\"a\": {\"b\": 2}}\n");
  const std::string out = dir_.Join("f.parquet");
  ASSERT_EQ(RunStrata({"-q", "convert", in, "--to", out, "--flatten"}).code, kExitOk);
  EXPECT_EQ(Cat(out), "a.b,a.c\n1,x\n2,\n");
  const std::string conflict = Write("c.jsonl", "{\"a\": 1}\n{\"a\": \"one\"}\n");
  CliRun failed = RunStrata({"convert", conflict, "--to", dir_.Join("c.parquet")});
  EXPECT_EQ(failed.code, kExitFailure);
  EXPECT_THAT(failed.err, HasSubstr("field 'a' holds a number (line 1) and a string (line 2)"));
  const std::string kept = dir_.Join("k.parquet");
  ASSERT_EQ(RunStrata({"-q", "convert", conflict, "--to", kept, "--on-conflict", "json"}).code,
            kExitOk);
  EXPECT_EQ(Cat(kept), "a\n1\n\"\"\"one\"\"\"\n");
}

TEST_F(ConvertJsonTest, MalformedLineIsQuarantined) {
  const std::string in = Write("m.jsonl", "{\"a\": 1}\n{\"a\": \n{\"a\": 3}\n");
  const std::string out = dir_.Join("m.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--on-error", "quarantine"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=2 rejected=1 "));
  EXPECT_EQ(Cat(out), "a\n1\n3\n");
  CliRun fail = RunStrata({"convert", in, "--to", dir_.Join("n.parquet")});
  EXPECT_EQ(fail.code, kExitFailure);
  EXPECT_THAT(fail.err, HasSubstr(in + ":2:"));
}

TEST_F(ConvertJsonTest, PrintSchemaOfJson) {
  const std::string in = Write("p.ndjson", "{\"n\": 1, \"d\": \"2025-01-02\"}\n");
  CliRun run = RunStrata({"convert", in, "--print-schema"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("{\"name\": \"n\", \"type\": \"int64\""));
  EXPECT_THAT(run.out, HasSubstr("{\"name\": \"d\", \"type\": \"date\""));
}

}  // namespace
}  // namespace strata::cli
