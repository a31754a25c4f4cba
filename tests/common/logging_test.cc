#include "common/logging.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata {
namespace {

TEST(LoggingTest, FormatIsLogfmt) {
  // 2021-01-01T00:00:00.250Z
  std::string line = Logger::Format(1609459200250000, LogLevel::kInfo, "wrote file",
                                    {{"path", "a b.parquet"}, {"rows", int64_t{10}}, {"ok", true}});
  EXPECT_EQ(line,
            "ts=2021-01-01T00:00:00.250Z level=info msg=\"wrote file\" path=\"a b.parquet\" "
            "rows=10 ok=true");
}

TEST(LoggingTest, QuotesAndEscapes) {
  std::string line = Logger::Format(0, LogLevel::kError, "x", {{"v", "say \"hi\"\n"}, {"e", ""}});
  EXPECT_EQ(line, "ts=1970-01-01T00:00:00.000Z level=error msg=x v=\"say \\\"hi\\\"\\n\" e=\"\"");
}

TEST(LoggingTest, LevelFiltersMessages) {
  std::vector<std::string> lines;
  ManualClock clock;
  Logger logger([&lines](std::string_view l) { lines.emplace_back(l); }, LogLevel::kWarn, &clock);
  logger.Log(LogLevel::kInfo, "hidden");
  logger.Log(LogLevel::kWarn, "shown", {{"n", 1}});
  logger.Log(LogLevel::kError, "shown too");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("level=warn msg=shown n=1"), std::string::npos);
  logger.set_level(LogLevel::kOff);
  logger.Log(LogLevel::kError, "hidden");
  EXPECT_EQ(lines.size(), 2u);
  EXPECT_FALSE(logger.Enabled(LogLevel::kError));
}

TEST(LoggingTest, ParseLogLevel) {
  LogLevel level = LogLevel::kInfo;
  EXPECT_TRUE(ParseLogLevel("DEBUG", &level));
  EXPECT_EQ(level, LogLevel::kDebug);
  EXPECT_TRUE(ParseLogLevel("off", &level));
  EXPECT_EQ(level, LogLevel::kOff);
  EXPECT_FALSE(ParseLogLevel("verbose", &level));
}

}  // namespace
}  // namespace strata
