#include "cli/cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/context.h"
#include "cli_test_util.h"
#include "common/version.h"

namespace strata::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(CliTest, VersionFlagAndCommand) {
  CliRun flag = RunStrata({"--version"});
  EXPECT_EQ(flag.code, kExitOk);
  EXPECT_EQ(flag.out, std::string("strata ") + kVersion + "\n");
  CliRun command = RunStrata({"version"});
  EXPECT_EQ(command.code, kExitOk);
  EXPECT_EQ(command.out, flag.out);
}

// Global options fall through from subcommands; --version must not: it
// would print the version and silently skip the command.
TEST(CliTest, VersionAfterACommandWithoutOneIsAUsageError) {
  CliRun short_flag = RunStrata({"-V"});
  EXPECT_EQ(short_flag.code, kExitOk);
  EXPECT_EQ(short_flag.out, std::string("strata ") + kVersion + "\n");
  CliRun run = RunStrata({"ingest", "/nonexistent/table", "/nonexistent/in.csv", "--version", "3"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("'ingest' has no --version option"));
  EXPECT_TRUE(run.out.empty());
}

TEST(CliTest, VersionAsJson) {
  CliRun run = RunStrata({"--json", "version"});
  EXPECT_EQ(run.code, kExitOk);
  EXPECT_EQ(run.out, std::string("{\"version\": \"") + kVersion + "\", \"created_by\": \"" +
                         kCreatedBy + "\"}\n");
}

TEST(CliTest, HelpListsCommandsAndGlobalOptions) {
  CliRun run = RunStrata({"--help"});
  EXPECT_EQ(run.code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("--quiet"));
  EXPECT_THAT(run.out, HasSubstr("--json"));
  EXPECT_THAT(run.out, HasSubstr("--threads"));
  EXPECT_THAT(run.out, HasSubstr("version"));
  EXPECT_TRUE(run.err.empty());
}

TEST(CliTest, NoArgumentsPrintsHelp) {
  CliRun run = RunStrata({});
  EXPECT_EQ(run.code, kExitOk);
  EXPECT_THAT(run.out, HasSubstr("Usage"));
}

TEST(CliTest, UnknownCommandIsUsageError) {
  CliRun run = RunStrata({"frobnicate"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, StartsWith("strata: usage error:"));
  EXPECT_THAT(run.err, HasSubstr("frobnicate"));
}

TEST(CliTest, BadThreadCountIsUsageError) {
  CliRun run = RunStrata({"--threads", "0", "version"});
  EXPECT_EQ(run.code, kExitUsage);
  EXPECT_THAT(run.err, HasSubstr("--threads"));
  EXPECT_EQ(RunStrata({"--threads", "many", "version"}).code, kExitUsage);
}

TEST(CliTest, UnknownLogLevelIsUsageError) {
  EXPECT_EQ(RunStrata({"--log-level", "chatty", "version"}).code, kExitUsage);
}

TEST(CliTest, JsonStringEscapes) {
  EXPECT_EQ(JsonString("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}

}  // namespace
}  // namespace strata::cli
