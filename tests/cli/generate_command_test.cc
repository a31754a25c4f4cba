#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_test_util.h"
#include "testing/temp_dir.h"

namespace strata::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t CountLines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

TEST(GenerateCommandTest, WritesCsvWithHeaderAndRequestedRows) {
  ScopedTempDir dir;
  std::string path = dir.Join("t.csv");
  CliRun run = RunStrata({"generate", "telemetry", "--rows", "1000", "--to", path});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  std::string text = Slurp(path);
  EXPECT_THAT(text, StartsWith("reading_id,ts,site,battery_id,voltage,current,temperature,soc,"
                               "status\n0,2025-10-01 00:00:00+00,DC-CNX-01,"));
  EXPECT_EQ(CountLines(text), 1001);
  EXPECT_THAT(run.out, HasSubstr("wrote 1000 rows of telemetry"));
}

TEST(GenerateCommandTest, OutputDoesNotDependOnBatchBoundaries) {
  ScopedTempDir dir;
  for (const char* format : {"csv", "jsonl"}) {
    std::string a = dir.Join(std::string("a.") + format);
    std::string b = dir.Join(std::string("b.") + format);
    ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "5000", "--to", a}).code, 0);
    ASSERT_EQ(
        RunStrata({"-q", "generate", "telemetry", "--rows", "5000", "--batch-rows", "7", "--to", b})
            .code,
        0);
    EXPECT_EQ(Slurp(a), Slurp(b)) << format;
  }
}

TEST(GenerateCommandTest, SeedChangesValuesButNotShape) {
  ScopedTempDir dir;
  ASSERT_EQ(
      RunStrata({"-q", "generate", "telemetry", "--rows", "50", "--to", dir.Join("a.csv")}).code,
      0);
  ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "50", "--seed", "99", "--to",
                       dir.Join("b.csv")})
                .code,
            0);
  std::string a = Slurp(dir.Join("a.csv"));
  std::string b = Slurp(dir.Join("b.csv"));
  EXPECT_NE(a, b);
  EXPECT_EQ(CountLines(a), CountLines(b));
}

TEST(GenerateCommandTest, JsonSummary) {
  ScopedTempDir dir;
  std::string path = dir.Join("e.jsonl");
  CliRun run = RunStrata({"generate", "edge-cases", "--to", path, "--json"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"dataset\": \"edge-cases\""));
  EXPECT_THAT(run.out, HasSubstr("\"format\": \"jsonl\""));
  EXPECT_THAT(run.out, HasSubstr("\"rows\": 12"));
  EXPECT_EQ(CountLines(Slurp(path)), 12);
}

TEST(GenerateCommandTest, ZeroRowsWritesOnlyTheHeader) {
  ScopedTempDir dir;
  std::string path = dir.Join("empty.csv");
  ASSERT_EQ(RunStrata({"-q", "generate", "telemetry", "--rows", "0", "--to", path}).code, 0);
  EXPECT_EQ(CountLines(Slurp(path)), 0);
}

TEST(GenerateCommandTest, PreviewPrintsATable) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "edge-cases", "--to", dir.Join("e.csv"), "--preview", "2"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_THAT(run.out, HasSubstr(" text "));
  EXPECT_THAT(run.out, HasSubstr("┌"));
  EXPECT_THAT(run.out, HasSubstr("plain"));
  EXPECT_THAT(run.out, ::testing::Not(HasSubstr("comma, inside")));
}

TEST(GenerateCommandTest, UnknownDatasetFailsNamingTheChoices) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "weather", "--to", dir.Join("w.csv")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("no sample dataset 'weather'"));
  EXPECT_THAT(run.err, HasSubstr("telemetry, edge-cases"));
}

TEST(GenerateCommandTest, UnknownFormatFails) {
  ScopedTempDir dir;
  CliRun run = RunStrata({"generate", "telemetry", "--format", "xml", "--to", dir.Join("w")});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, HasSubstr("unknown --format 'xml'"));
}

TEST(GenerateCommandTest, UnwritableTargetFailsAndLeavesNothing) {
  ScopedTempDir dir;
  std::string path = dir.Join("missing-dir/t.csv");
  CliRun run = RunStrata({"generate", "telemetry", "--rows", "10", "--to", path});
  EXPECT_EQ(run.code, kExitFailure);
  EXPECT_THAT(run.err, StartsWith("strata: error:"));
  EXPECT_THAT(run.err, HasSubstr("missing-dir"));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(GenerateCommandTest, MissingRequiredOptionIsUsageError) {
  EXPECT_EQ(RunStrata({"generate", "telemetry"}).code, kExitUsage);
}

}  // namespace
}  // namespace strata::cli
