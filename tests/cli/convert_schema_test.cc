// `strata convert --schema FILE`: declared names, types, formats,
// encodings and codecs instead of inference, and the header check.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "convert_test_util.h"
#include "testing/temp_dir.h"

namespace strata::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

class ConvertSchemaTest : public ConvertTestBase {
 protected:
  // Converts `in` with `schema` into out.parquet; returns the run.
  CliRun Convert(const std::string& in, const std::string& schema,
                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"convert",  in,    "--to", dir_.Join("out.parquet"),
                                     "--schema", schema};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunStrata(args);
  }
};

// What --print-schema prints, --schema reads; the day/month order that
// inference proved travels as the column's format.
TEST_F(ConvertSchemaTest, PrintedSchemaRoundTrips) {
  const std::string in = Write("a.csv", "id,day,v\n1,13/01/2024,2.5\n2,02/03/2024,\n");
  CliRun printed = RunStrata({"convert", in, "--print-schema"});
  ASSERT_EQ(printed.code, kExitOk) << printed.err;
  EXPECT_THAT(printed.out, HasSubstr("\"format\": \"%d/%m/%Y\""));
  const std::string schema = Write("a.json", printed.out);
  CliRun run = Convert(in, schema);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(dir_.Join("out.parquet")), "id,day,v\n1,2024-01-13,2.5\n2,2024-03-02,\n");
  const std::string inferred = dir_.Join("inferred.parquet");
  ASSERT_EQ(RunStrata({"-q", "convert", in, "--to", inferred}).code, kExitOk);
  // The same columns, after the line naming the file.
  const std::string declared = RunStrata({"schema", dir_.Join("out.parquet")}).out;
  const std::string expected = RunStrata({"schema", inferred}).out;
  EXPECT_EQ(declared.substr(declared.find('\n')), expected.substr(expected.find('\n')));
}

TEST_F(ConvertSchemaTest, RenamesAndDecimalsAreExact) {
  const std::string in = Write("r.csv", "Customer ID,Amount\n7,12.34\n8,0.1\n9,-5\n");
  const std::string schema = Write("r.yaml",
                                   "columns:\n"
                                   "  - {name: customer_id, from: Customer ID, type: int32}\n"
                                   "  - name: amount\n    from: Amount\n"
                                   "    type: decimal(12, 2)\n");
  CliRun run = Convert(in, schema);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  const std::string out = dir_.Join("out.parquet");
  EXPECT_THAT(RunStrata({"schema", out}).out, ContainsRegex("\\bcustomer_id +int32"));
  EXPECT_THAT(RunStrata({"schema", out}).out, ContainsRegex("\\bamount +decimal\\(12,2\\)"));
  EXPECT_EQ(Cat(out), "customer_id,amount\n7,12.34\n8,0.10\n9,-5.00\n");
}

TEST_F(ConvertSchemaTest, PerColumnDateAndTimestampFormats) {
  const std::string in =
      Write("d.csv", "d,iso,t\n02/01/2024,2024-05-06,20240102 030405\n31/12/1999,,\n");
  const std::string schema = Write("d.json", R"js({"columns": [
        {"name": "d", "type": "date", "format": "%d/%m/%Y"},
        {"name": "iso", "type": "date"},
        {"name": "t", "type": "timestamp(us)", "format": "%Y%m%d %H%M%S"}]})js");
  CliRun run = Convert(in, schema);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(dir_.Join("out.parquet")),
            "d,iso,t\n2024-01-02,2024-05-06,2024-01-02 03:04:05\n1999-12-31,,\n");
}

// Declared types do not widen: a value that does not fit is a row error,
// and so is a null in a non-nullable column.
TEST_F(ConvertSchemaTest, BadValuesAndNullsAreQuarantined) {
  const std::string in = Write("q.csv", "id,v\n1,2\n,3\n4,2.5\n5,6\n");
  const std::string schema =
      Write("q.json",
            R"js({"columns": [{"name": "id", "type": "int64", "nullable": false},
                      {"name": "v", "type": "int64"}]})js");
  CliRun run = Convert(in, schema, {"--on-error", "quarantine"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=2 rejected=2 "));
  const std::string out = dir_.Join("out.parquet");
  EXPECT_EQ(Cat(out), "id,v\n1,2\n5,6\n");
  const std::string rejected = Slurp(out + ".rejected.csv");
  EXPECT_THAT(rejected, HasSubstr(in + ",3,id,"));
  EXPECT_THAT(rejected, HasSubstr(in + ",4,v,'2.5' is not a valid int64"));
  CliRun fail = Convert(in, schema, {"--overwrite"});
  EXPECT_EQ(fail.code, kExitFailure);
  EXPECT_THAT(fail.err, HasSubstr(in + ":3: column 'id'"));
}

TEST_F(ConvertSchemaTest, HeaderDifferenceIsReported) {
  const std::string in = Write("h.csv", "a,x,c\n1,2,3\n");
  const std::string schema = Write("h.json", R"js({"columns": [{"name": "a", "type": "int64"},
                                      {"name": "b", "type": "int64"},
                                      {"name": "c", "type": "int64"}]})js");
  CliRun run = Convert(in, schema);
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(in + " does not match " + schema +
                                 ": missing column 'b' (expected at position 2); unexpected "
                                 "column 'x' at position 2"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("out.parquet")));
  const std::string swapped = Write("s.csv", "a,c,b\n1,2,3\n");
  CliRun order = Convert(swapped, schema);
  EXPECT_THAT(order.err, HasSubstr("column 'c' at position 2 (expected at position 3); column "
                                   "'b' at position 3 (expected at position 2)"));
}

TEST_F(ConvertSchemaTest, NoHeaderIsPositional) {
  const std::string in = Write("n.csv", "1,x\n2,y\n");
  const std::string schema =
      Write("n.yml", "columns:\n  - {name: id, type: int8}\n  - {name: label, type: string}\n");
  CliRun run = Convert(in, schema, {"--no-header"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(dir_.Join("out.parquet")), "id,label\n1,x\n2,y\n");
  const std::string wide = Write("w.csv", "1,x,z\n");
  CliRun mismatch = Convert(wide, schema, {"--no-header", "--overwrite"});
  EXPECT_EQ(mismatch.code, kExitFailure);
  EXPECT_THAT(mismatch.err, HasSubstr(wide + " does not match " + schema +
                                      ": the first record has 3 fields, the schema 2"));
}

// Small repeating integers and short strings, for which the writer's own
// choice is PLAIN and DELTA_LENGTH_BYTE_ARRAY: the file's encodings win.
TEST_F(ConvertSchemaTest, EncodingOverrideIsWritten) {
  std::string text = "id,name\n";
  for (int i = 0; i < 100; ++i) text += fmt::format("{},n{}\n", i % 5, i % 3);
  const std::string in = Write("e.csv", text);
  const std::string schema =
      Write("e.json",
            R"js({"columns": [{"name": "id", "type": "int64", "encoding": "delta_binary_packed"},
                                {"name": "name", "type": "string", "encoding": "plain"}]})js");
  CliRun run = Convert(in, schema);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  const std::string meta = RunStrata({"meta", dir_.Join("out.parquet")}).out;
  EXPECT_THAT(meta, ContainsRegex("id: INT64 [A-Z]+ [A-Z_,]*DELTA_BINARY_PACKED"));
  EXPECT_THAT(meta, ContainsRegex("name: BYTE_ARRAY [A-Z]+ PLAIN"));
  const std::string chosen = dir_.Join("chosen.parquet");
  ASSERT_EQ(RunStrata({"-q", "convert", in, "--to", chosen}).code, kExitOk);
  EXPECT_THAT(RunStrata({"meta", chosen}).out, Not(HasSubstr("DELTA_BINARY_PACKED")));
}

// The file's codecs win over --compression CODEC, and a --compression
// COLUMN=CODEC wins over the file's codec for that column.
TEST_F(ConvertSchemaTest, CompressionFromTheFileAndTheCommandLine) {
  const std::string in = Write("c.csv", "id,name,v\n1,a,2.5\n2,b,3.5\n");
  const std::string schema = Write("c.yaml",
                                   "columns:\n"
                                   "  - {name: id, type: int64, compression: snappy}\n"
                                   "  - {name: name, type: string, compression: \"gzip:9\"}\n"
                                   "  - {name: v, type: float64}\n");
  CliRun run = Convert(in, schema, {"--compression", "lz4"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  std::string meta = RunStrata({"meta", dir_.Join("out.parquet")}).out;
  EXPECT_THAT(meta, HasSubstr("id: INT64 SNAPPY "));
  EXPECT_THAT(meta, HasSubstr("name: BYTE_ARRAY GZIP "));
  EXPECT_THAT(meta, HasSubstr("v: DOUBLE LZ4_RAW "));
  run = Convert(in, schema, {"--overwrite", "--compression", "name=uncompressed,v=brotli:3"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  meta = RunStrata({"meta", dir_.Join("out.parquet")}).out;
  EXPECT_THAT(meta, HasSubstr("id: INT64 SNAPPY "));
  EXPECT_THAT(meta, HasSubstr("name: BYTE_ARRAY UNCOMPRESSED "));
  EXPECT_THAT(meta, HasSubstr("v: DOUBLE BROTLI "));
  EXPECT_EQ(Cat(dir_.Join("out.parquet")), "id,name,v\n1,a,2.5\n2,b,3.5\n");
}

TEST_F(ConvertSchemaTest, SchemaErrorsNameTheFile) {
  const std::string in = Write("a.csv", "a\n1\n");
  const std::string bad = Write("bad.yaml", "columns:\n  - {name: a, type: int46}\n");
  CliRun run = Convert(in, bad);
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(bad + ": column 1 'a': unknown type 'int46'"));
  const std::string nested =
      Write("n.json", R"js({"columns": [{"name": "a", "type": "list<int64>"}]})js");
  CliRun list = Convert(in, nested);
  EXPECT_EQ(list.code, kExitFailure);
  EXPECT_THAT(list.err,
              HasSubstr(nested + ": column 1 'a': type list<int64> cannot be read from CSV"));
  CliRun print = RunStrata({"convert", in, "--print-schema", "--schema", nested});
  EXPECT_EQ(print.code, kExitFailure);
  EXPECT_THAT(print.err, HasSubstr("--print-schema"));
}

TEST_F(ConvertSchemaTest, ParquetInputsRefuseASchema) {
  const std::string in = Write("a.csv", "a\n1\n");
  const std::string parquet = dir_.Join("a.parquet");
  ASSERT_EQ(RunStrata({"-q", "convert", in, "--to", parquet}).code, kExitOk);
  const std::string schema =
      Write("s.json", R"js({"columns": [{"name": "a", "type": "int64"}]})js");
  CliRun run = Convert(parquet, schema);
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(parquet + ": --schema applies to CSV inputs"));
}

}  // namespace
}  // namespace strata::cli
