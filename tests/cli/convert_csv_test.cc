// `strata convert` on CSV inputs: inference, widening restarts, the bad-row
// policies and their side file, --print-schema, several inputs.
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
using ::testing::StartsWith;

// Visible data files under `dir` (not pending, not the manifest).
int CountParquetFiles(const std::string& dir) {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    files += entry.is_regular_file() && name.ends_with(".parquet") && name[0] != '.' ? 1 : 0;
  }
  return files;
}

class ConvertCsvTest : public ConvertTestBase {};

TEST_F(ConvertCsvTest, InfersTypesAndWritesParquet) {
  const std::string in = Write("a.csv", "id,v,day,code\n1,2.5,2025-01-02,007\n2,,2025-01-03,010\n");
  const std::string out = dir_.Join("a.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, StartsWith("input=" + in + " rows=2 rejected=0 files=1 "));
  EXPECT_THAT(RunStrata({"schema", out}).out, ContainsRegex("\\bv +float64"));
  EXPECT_EQ(Cat(out), "id,v,day,code\n1,2.5,2025-01-02,007\n2,,2025-01-03,010\n");
}

TEST_F(ConvertCsvTest, PrintSchemaWritesNothing) {
  const std::string in = Write("a.csv", "id,at\n1,2025-01-02T00:00:00Z\n");
  CliRun run = RunStrata({"convert", in, "--print-schema"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(run.out,
            "{\n  \"columns\": [\n"
            "    {\"name\": \"id\", \"type\": \"int64\", \"nullable\": true},\n"
            "    {\"name\": \"at\", \"type\": \"timestamp(us, UTC)\", \"nullable\": true}\n"
            "  ]\n}\n");
}

// A value past the sample that needs float64 restarts the input with the
// wider column; nothing of the first attempt remains.
TEST_F(ConvertCsvTest, WideningRestartsWithTheWiderType) {
  std::string text = "n\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + "\n";
  text += "0.5\n";
  const std::string in = Write("w.csv", text);
  const std::string out = dir_.Join("w");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sample", "10"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=51 rejected=0 files=1 "));
  EXPECT_EQ(CountParquetFiles(out), 1);
}

TEST_F(ConvertCsvTest, FailNamesFileLineColumnAndValue) {
  const std::string in = Write("f.csv", "a,b\n1,x\nnope,y\n");
  const std::string out = dir_.Join("f.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sample", "1"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr(in + ":3: column 'a': 'nope' is not a valid int64"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(ConvertCsvTest, QuarantineKeepsEveryRejectedRow) {
  const std::string in = Write("q.csv", "a,b\n1,x\nnope,y\n3\n4,\"z\"\n");
  const std::string out = dir_.Join("q.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--sample", "1", "--on-error", "quarantine"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" rows=2 rejected=2 files=1 "));
  EXPECT_THAT(run.out, HasSubstr("quarantined 2 rows in " + out + ".rejected.csv"));
  EXPECT_EQ(Cat(out), "a,b\n1,x\n4,z\n");
  EXPECT_EQ(Slurp(out + ".rejected.csv"), "file,line,column,reason,raw\n" + in +
                                              ",3,a,'nope' is not a valid int64,\"nope,y\"\n" + in +
                                              ",4,\"\",\"expected 2 fields, found 1\",3\n");
}

TEST_F(ConvertCsvTest, SkipCountsButWritesNoSideFile) {
  const std::string in = Write("s.csv", "a\n1\nx\n2\n");
  const std::string out = dir_.Join("s");
  CliRun run =
      RunStrata({"--json", "convert", in, "--to", out, "--sample", "1", "--on-error", "skip"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"rows\": 2, \"rejected\": 1, \"quarantine\": null"));
  EXPECT_FALSE(std::filesystem::exists(out + "/_rejected"));
}

TEST_F(ConvertCsvTest, MaxErrorsFailsTheInput) {
  const std::string in = Write("m.csv", "a\n1\nx\ny\n");
  const std::string out = dir_.Join("m.parquet");
  CliRun run = RunStrata(
      {"convert", in, "--to", out, "--sample", "1", "--on-error", "skip", "--max-errors", "1"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("more than 1 bad rows"));
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(ConvertCsvTest, OneBadInputDoesNotStopTheOthers) {
  const std::string good = Write("good.csv", "a\n1\n");
  const std::string bad = Write("bad.csv", "a\n\"open\n");
  const std::string out = dir_.Join("many");
  CliRun run = RunStrata({"convert", good, bad, "--to", out});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.out, HasSubstr("input=" + good + " rows=1 "));
  EXPECT_THAT(run.err, HasSubstr("bad.csv"));
  EXPECT_THAT(run.err, HasSubstr("1 of 2 inputs failed"));
}

TEST_F(ConvertCsvTest, DialectOptions) {
  const std::string in = Write("d.txt", "# exported\nx;y\nNA;'a;b'\n2;NA\n");
  const std::string out = dir_.Join("d.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--delimiter", ";", "--quote", "'",
                          "--comment", "#", "--null", "NA"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(out), "x,y\n,a;b\n2,\n");
  EXPECT_THAT(RunStrata({"schema", out}).out, ContainsRegex("\\bx +int64"));
}

TEST_F(ConvertCsvTest, WhereAndColumnsApplyToCsv) {
  const std::string in = Write("w.csv", "a,b\n1,x\n2,y\n3,z\n");
  const std::string out = dir_.Join("w.parquet");
  CliRun run = RunStrata({"convert", in, "--to", out, "--where", "a >= 2", "--columns", "b"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(Cat(out), "b\ny\nz\n");
}

TEST_F(ConvertCsvTest, BadOptionsAreNamed) {
  const std::string in = Write("a.csv", "a\n1\n");
  CliRun run = RunStrata({"convert", in, "--to", dir_.Join("o"), "--on-error", "ignore"});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("--on-error must be fail, skip or quarantine, got 'ignore'"));
  CliRun sample = RunStrata({"convert", in, "--to", dir_.Join("o"), "--sample", "some"});
  EXPECT_THAT(sample.err, HasSubstr("--sample must be a positive row count or 'all'"));
}

// The same input into the same directory again writes nothing and says so;
// a changed input is converted; --overwrite replaces everything.
TEST_F(ConvertCsvTest, ReRunsIntoADirectoryAreIdempotent) {
  const std::string day1 = Write("day1.csv", "a\n1\n2\n");
  const std::string day2 = Write("day2.csv", "a\n3\n");
  const std::string out = dir_.Join("lake");
  ASSERT_EQ(RunStrata({"-q", "convert", day1, "--to", out}).code, kExitOk);
  CliRun again = RunStrata({"convert", day1, day2, "--to", out});
  ASSERT_EQ(again.code, kExitOk) << again.err;
  EXPECT_THAT(again.out,
              HasSubstr("input=" + day1 + " skipped=true reason=\"already converted at "));
  EXPECT_THAT(again.out, HasSubstr("input=" + day2 + " rows=1 "));
  EXPECT_EQ(CountParquetFiles(out), 2);
  // A changed day1 is new content: converted again.
  Write("day1.csv", "a\n1\n2\n4\n");
  CliRun changed = RunStrata({"convert", day1, "--to", out});
  EXPECT_THAT(changed.out, HasSubstr(" rows=3 "));
  EXPECT_EQ(CountParquetFiles(out), 3);
  CliRun overwrite = RunStrata({"convert", day1, day2, "--to", out, "--overwrite"});
  ASSERT_EQ(overwrite.code, kExitOk) << overwrite.err;
  EXPECT_EQ(CountParquetFiles(out), 2);
  EXPECT_EQ(RunStrata({"-q", "convert", day1, day2, "--to", out}).out, "");
  EXPECT_EQ(CountParquetFiles(out), 2);
}

TEST_F(ConvertCsvTest, ReRunIntoAFileSkipsOrRefuses) {
  const std::string in = Write("a.csv", "a\n1\n");
  const std::string other = Write("b.csv", "a\n2\n");
  const std::string out = dir_.Join("a.parquet");
  ASSERT_EQ(RunStrata({"-q", "convert", in, "--to", out}).code, kExitOk);
  CliRun again = RunStrata({"convert", in, "--to", out});
  ASSERT_EQ(again.code, kExitOk) << again.err;
  EXPECT_THAT(again.out, HasSubstr("skipped=true reason=\"already converted into " + out));
  CliRun refused = RunStrata({"convert", other, "--to", out});
  EXPECT_EQ(refused.code, kExitFailure);
  EXPECT_THAT(refused.err, HasSubstr("exists and was not converted from this input; "
                                     "--overwrite replaces it"));
  EXPECT_EQ(Cat(out), "a\n1\n");
  ASSERT_EQ(RunStrata({"-q", "convert", other, "--to", out, "--overwrite"}).code, kExitOk);
  EXPECT_EQ(Cat(out), "a\n2\n");
}

TEST_F(ConvertCsvTest, DryRunListsAndWritesNothing) {
  const std::string in = Write("a.csv", "a\n1\n");
  const std::string out = dir_.Join("dry");
  CliRun run = RunStrata({"convert", in, "--to", out, "--dry-run"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, StartsWith("input=" + in + " action=convert checksum=xxh3-128:"));
  EXPECT_THAT(run.out, HasSubstr("{\"name\": \"a\", \"type\": \"int64\""));
  EXPECT_FALSE(std::filesystem::exists(out));
}

// A crash between recording the manifest entry and renaming the files
// leaves an incomplete entry; the next run removes it and converts again.
TEST_F(ConvertCsvTest, InterruptedConversionIsRedone) {
  const std::string in = Write("a.csv", "a\n1\n");
  const std::string out = dir_.Join("lake");
  ASSERT_EQ(RunStrata({"-q", "convert", in, "--to", out}).code, kExitOk);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    if (entry.path().extension() == ".parquet") std::filesystem::remove(entry.path());
  }
  CliRun again = RunStrata({"convert", in, "--to", out});
  ASSERT_EQ(again.code, kExitOk) << again.err;
  EXPECT_THAT(again.out, HasSubstr(" rows=1 "));
  EXPECT_EQ(CountParquetFiles(out), 1);
}

}  // namespace
}  // namespace strata::cli
