// `strata convert --schema FILE` on JSON inputs: columns matched to members
// by name (`from`), in the file's order; the check against a sample that
// reports every difference at once; declared types that do not widen, so
// misfits are row errors naming file:line, member, value and type.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "convert_test_util.h"
#include "testing/temp_dir.h"

namespace strata::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

class ConvertJsonSchemaTest : public ConvertTestBase {
 protected:
  CliRun Convert(const std::string& in, const std::string& schema,
                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"convert",  in,    "--to", dir_.Join("out.parquet"),
                                     "--schema", schema};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunStrata(args);
  }

  static std::string Lines(const std::string& path) {
    CliRun run = RunStrata({"cat", path, "--format", "jsonl"});
    EXPECT_EQ(run.code, kExitOk) << run.err;
    return run.out;
  }
};

TEST_F(ConvertJsonSchemaTest, ColumnsAreMatchedByNameAndComeInSchemaOrder) {
  const std::string in = Write(
      "a.jsonl",
      R"({"id": 2, "Amount": "12.34", "p": {"at": "2024-01-02T03:04:05+02:00", "d": "2024-01-02"},)"
      R"( "ts": "02.01.2024 10:00:00", "tags": ["a"], "attrs": {"k": 1, "l": 2}})"
      "\n"
      R"({"attrs": null, "Amount": 0.5, "id": 3, "p": {"d": "2024-02-03"}, "ts": null})"
      "\n");
  const std::string schema =
      Write("s.yaml",
            "columns:\n"
            "  - {name: ts, type: timestamp(us), format: \"%d.%m.%Y %H:%M:%S\"}\n"
            "  - {name: amount, from: Amount, type: \"decimal(12, 2)\"}\n"
            "  - {name: id, type: int32, nullable: false, encoding: delta_binary_packed}\n"
            "  - name: p\n"
            "    type: \"struct<at: timestamp(us, UTC), d: date, note: string>\"\n"
            "  - {name: tags, type: list<string>}\n"
            "  - {name: attrs, type: \"map<string, int64>\"}\n"
            "  - {name: extra, type: string}\n");
  CliRun run = Convert(in, schema);
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=2 rejected=0 "));
  const std::string out = dir_.Join("out.parquet");
  EXPECT_EQ(Lines(out),
            R"({"ts":"2024-01-02T10:00:00","amount":12.34,"id":2,)"
            R"("p":{"at":"2024-01-02T01:04:05Z","d":"2024-01-02","note":null},"tags":["a"],)"
            R"("attrs":{"k":1,"l":2},"extra":null})"
            "\n"
            R"({"ts":null,"amount":0.50,"id":3,"p":{"at":null,"d":"2024-02-03","note":null},)"
            R"("tags":null,"attrs":null,"extra":null})"
            "\n");
  const std::string described = RunStrata({"schema", out}).out;
  EXPECT_THAT(described, ContainsRegex("\\bamount +decimal\\(12,2\\)"));
  EXPECT_THAT(described, ContainsRegex("\\bid +int32 +not null|\\bid +int32"));
  EXPECT_THAT(described, HasSubstr("struct<at: timestamp(us, UTC), d: date, note: string>"));
  EXPECT_THAT(RunStrata({"meta", out}).out,
              ContainsRegex("id: INT32 [A-Z]+ [A-Z_,]*DELTA_BINARY_PACKED"));
}

// The sample is checked before anything is written, and every difference
// is reported; what the schema says how to read (an ambiguous date order,
// a number here and a string there) is no difference.
TEST_F(ConvertJsonSchemaTest, MismatchListsEveryDifference) {
  const std::string in = Write("m.jsonl",
                               "{\"id\": 1, \"x\": 5, \"p\": {\"a\": 1, \"w\": 2}, \"d\": "
                               "\"03/04/2024\", \"v\": 1}\n"
                               "{\"id\": 2, \"p\": {\"a\": 2}, \"d\": null, \"v\": \"2\"}\n");
  const std::string schema = Write("m.json", R"js({"columns": [
        {"name": "id", "type": "int64"},
        {"name": "p", "type": "struct<a: int64, b: int64 not null>"},
        {"name": "d", "type": "date", "format": "%d/%m/%Y"},
        {"name": "v", "type": "int64"},
        {"name": "req", "type": "int64", "nullable": false}]})js");
  CliRun run = Convert(in, schema);
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(in + " does not match " + schema +
                                 ": unexpected member 'x'; unexpected member 'p.w'; missing "
                                 "member 'p.b' (not nullable); missing member 'req' (column "
                                 "'req' is not nullable)"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("out.parquet")));
  const std::string fixed = Write("f.json", R"js({"columns": [
        {"name": "id", "type": "int64"}, {"name": "x", "type": "string"},
        {"name": "p", "type": "struct<a: int64, w: int8, b: int64>"},
        {"name": "d", "type": "date", "format": "%d/%m/%Y"},
        {"name": "v", "type": "int64"}]})js");
  CliRun ok = Convert(in, fixed);
  ASSERT_EQ(ok.code, kExitOk) << ok.err;
  EXPECT_EQ(Lines(dir_.Join("out.parquet")),
            R"({"id":1,"x":"5","p":{"a":1,"w":2,"b":null},"d":"2024-04-03","v":1})"
            "\n"
            R"({"id":2,"x":null,"p":{"a":2,"w":null,"b":null},"d":null,"v":2})"
            "\n");
}

TEST_F(ConvertJsonSchemaTest, MisfitsAreRowErrorsNamingLineMemberValueAndType) {
  const std::string in =
      Write("r.jsonl",
            "{\"id\": 1, \"p\": {\"amount\": 1.5, \"at\": \"2024-01-02T00:00:00Z\"}}\n"
            "{\"id\": 2, \"p\": {\"amount\": \"abc\"}}\n"
            "{\"id\": 3, \"p\": {\"at\": \"2024-01-02T00:00:00\"}}\n"
            "{\"id\": 4, \"x\": true}\n"
            "{\"id\": 5, \"p\": {\"amount\": 1.239}}\n"
            "{\"id\": \"6\", \"p\": null}\n"
            "{\"p\": {}}\n"
            "{\"id\": 2.5}\n");
  const std::string schema = Write("r.json", R"js({"columns": [
        {"name": "id", "type": "int64", "nullable": false},
        {"name": "p", "type": "struct<amount: decimal(12, 2), at: timestamp(us, UTC)>"}]})js");
  CliRun run = Convert(in, schema, {"--on-error", "quarantine", "--sample", "1"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=2 rejected=6 "));
  const std::string out = dir_.Join("out.parquet");
  EXPECT_EQ(Lines(out),
            "{\"id\":1,\"p\":{\"amount\":1.50,\"at\":\"2024-01-02T00:00:00Z\"}}\n"
            "{\"id\":6,\"p\":null}\n");
  // The quarantine is CSV: reasons with a comma are quoted.
  const std::string rejected = Slurp(out + ".rejected.csv");
  EXPECT_THAT(rejected,
              HasSubstr(in + ",2,p,\"member 'amount': 'abc' is not a valid decimal(12,2)\""));
  EXPECT_THAT(rejected, HasSubstr(in + ",3,p,member 'at': '2024-01-02T00:00:00' has no UTC "
                                       "offset but the column is a timestamp in UTC,"));
  EXPECT_THAT(rejected,
              HasSubstr(in + ",4,\"\",unexpected member 'x': the schema has no column for it,"));
  EXPECT_THAT(rejected, HasSubstr(in + ",5,p,\"member 'amount': '1.239' has more decimal places "
                                       "than decimal(12,2)\""));
  EXPECT_THAT(rejected, HasSubstr(in + ",7,id,\"null in column 'id', which is not nullable\""));
  // Declared types do not widen.
  EXPECT_THAT(rejected, HasSubstr(in + ",8,id,'2.5' is not a valid int64,"));
  CliRun fail = Convert(in, schema, {"--overwrite", "--sample", "1"});
  EXPECT_EQ(fail.code, kExitFailure);
  EXPECT_THAT(fail.err, HasSubstr(in + ":2: column 'p': member 'amount': 'abc' is not a valid "
                                       "decimal(12,2)"));
}

TEST_F(ConvertJsonSchemaTest, FlattenDeclaresDottedNames) {
  const std::string in =
      Write("f.jsonl", "{\"a\": {\"b\": 1, \"c\": {\"d\": \"2024-01-02\"}}, \"z\": 1}\n");
  const std::string dotted = Write("d.yaml",
                                   "columns:\n"
                                   "  - {name: a_b, from: a.b, type: int64}\n"
                                   "  - {name: a.c.d, type: date}\n"
                                   "  - {name: z, type: int8}\n");
  CliRun run = Convert(in, dotted, {"--flatten"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(dir_.Join("out.parquet")), "a_b,a.c.d,z\n1,2024-01-02,1\n");
  // A declared column takes its object whole.
  const std::string whole = Write("w.yaml",
                                  "columns:\n"
                                  "  - {name: a, type: \"struct<b: int64, c: struct<d: date>>\"}\n"
                                  "  - {name: z, type: int8}\n");
  CliRun kept = Convert(in, whole, {"--flatten", "--overwrite"});
  ASSERT_EQ(kept.code, kExitOk) << kept.err;
  EXPECT_EQ(Lines(dir_.Join("out.parquet")), R"({"a":{"b":1,"c":{"d":"2024-01-02"}},"z":1})"
                                             "\n");
  CliRun missing = Convert(in, dotted, {"--overwrite"});
  EXPECT_EQ(missing.code, kExitFailure);
  EXPECT_THAT(missing.err, HasSubstr("unexpected member 'a'"));
}

TEST_F(ConvertJsonSchemaTest, TypesJsonCannotFillAndEmptyInputs) {
  const std::string in = Write("t.jsonl", "{\"p\": {\"f\": \"abc\"}}\n");
  const std::string schema = Write(
      "t.json", R"js({"columns": [{"name": "p", "type": "struct<f: fixed_size_binary(3)>"}]})js");
  CliRun run = Convert(in, schema);
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(schema + ": column 1 'p': member 'f': fixed_size_binary(3) "
                                          "cannot be read from JSON"));
  const std::string empty = Write("e.jsonl", "");
  const std::string declared =
      Write("e.json", R"js({"columns": [{"name": "id", "type": "int64", "nullable": false}]})js");
  CliRun none = Convert(empty, declared);
  ASSERT_EQ(none.code, kExitOk) << none.err;
  EXPECT_THAT(none.out, HasSubstr(" rows=0 "));
  EXPECT_THAT(RunStrata({"schema", dir_.Join("out.parquet")}).out, ContainsRegex("\\bid +int64"));
}

}  // namespace
}  // namespace strata::cli
