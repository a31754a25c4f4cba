#include "common/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace strata {
namespace {

std::string ReadAll(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out.append(buf, n);
  return out;
}

TEST(ProgressTest, FormatsUnits) {
  EXPECT_EQ(FormatBytes(12), "12 B");
  EXPECT_EQ(FormatBytes(1500), "1.5 kB");
  EXPECT_EQ(FormatBytes(2.5e9), "2.5 GB");
  EXPECT_EQ(FormatCount(532), "532");
  EXPECT_EQ(FormatCount(1.2e6), "1.2M");
}

TEST(ProgressTest, LineWithTotalHasBarPercentAndEta) {
  ProgressState state{.bytes = 50'000'000,
                      .rows = 1'000'000,
                      .total_bytes = 100'000'000,
                      .elapsed_micros = 10'000'000};
  std::string line = FormatProgressLine("convert", state, 100);
  EXPECT_NE(line.find("convert ["), std::string::npos) << line;
  EXPECT_NE(line.find(" 50%"), std::string::npos) << line;
  EXPECT_NE(line.find("5.0 MB/s"), std::string::npos) << line;
  EXPECT_NE(line.find("100.0k/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:10"), std::string::npos) << line;
  EXPECT_LE(line.size(), 100u);
}

TEST(ProgressTest, FilesAreShownOnceSet) {
  ProgressState state{.bytes = 1000, .rows = 10, .total_bytes = 4000, .elapsed_micros = 1'000'000};
  EXPECT_EQ(FormatProgressLine("convert", state, 100).find("file"), std::string::npos);
  state.files = 1;
  EXPECT_NE(FormatProgressLine("convert", state, 100).find(" 1 file "), std::string::npos);
  state.files = 12;
  const std::string line = FormatProgressLine("convert", state, 100);
  EXPECT_NE(line.find(" 12 files "), std::string::npos) << line;
  EXPECT_LE(line.size(), 100u);
}

TEST(ProgressTest, LineWithoutTotalHasNoBar) {
  ProgressState state{.bytes = 1000, .rows = 10, .total_bytes = -1, .elapsed_micros = 1'000'000};
  std::string line = FormatProgressLine("scan", state, 80);
  EXPECT_EQ(line.find('['), std::string::npos) << line;
  EXPECT_NE(line.find("1.0 kB/s"), std::string::npos) << line;
}

TEST(ProgressTest, SilentWhenNotATerminal) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    ProgressReporter progress({.label = "x", .out = out, .min_redraw_micros = 0});
    EXPECT_FALSE(progress.enabled());
    progress.Add(100, 1);
  }
  EXPECT_EQ(ReadAll(out), "");
  std::fclose(out);
}

TEST(ProgressTest, SilentWhenQuietEvenIfForced) {
  std::FILE* out = std::tmpfile();
  {
    ProgressReporter progress({.label = "x", .quiet = true, .out = out, .force_enabled = true});
    EXPECT_FALSE(progress.enabled());
    progress.Add(100, 1);
  }
  EXPECT_EQ(ReadAll(out), "");
  std::fclose(out);
}

TEST(ProgressTest, DrawsThrottledAndFinishesWithNewline) {
  std::FILE* out = std::tmpfile();
  ManualClock clock(0);
  {
    ProgressReporter progress({.label = "load",
                               .total_bytes = 1000,
                               .out = out,
                               .force_enabled = true,
                               .min_redraw_micros = 100,
                               .clock = &clock});
    clock.Advance(200);
    progress.Add(100, 10);  // Drawn.
    progress.Add(100, 10);  // Throttled: no time passed.
    clock.Advance(200);
    progress.Add(800, 80);  // Drawn.
    progress.Finish();
    progress.Finish();  // Idempotent.
    EXPECT_EQ(progress.Snapshot().rows, 100);
  }
  std::string text = ReadAll(out);
  size_t draws = 0;
  for (char c : text) draws += c == '\r';
  EXPECT_EQ(draws, 3u) << text;
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("100%"), std::string::npos);
  std::fclose(out);
}

}  // namespace
}  // namespace strata
