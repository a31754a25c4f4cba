#include "common/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace strata {
namespace {

std::FILE* OutputOf(const ProgressOptions& options) {
  return options.out != nullptr ? options.out : stderr;
}

bool ShouldDraw(const ProgressOptions& options) {
  if (options.quiet) return false;
  if (options.force_enabled) return true;
  // Silent when stdout is redirected, as well as when the bar's own stream
  // is not a terminal: piped output and logs stay free of control codes.
  return isatty(STDOUT_FILENO) == 1 && isatty(fileno(OutputOf(options))) == 1;
}

std::string FormatDuration(double seconds) {
  auto total = static_cast<int64_t>(std::llround(std::max(0.0, seconds)));
  if (total >= 3600)
    return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

std::string FormatBytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  int unit = 0;
  while (std::fabs(bytes) >= 1000 && unit < 5) {
    bytes /= 1000;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} B", static_cast<int64_t>(bytes));
  return fmt::format("{:.1f} {}", bytes, kUnits[unit]);
}

std::string FormatCount(double count) {
  static constexpr const char* kSuffix[] = {"", "k", "M", "G", "T"};
  int unit = 0;
  while (std::fabs(count) >= 1000 && unit < 4) {
    count /= 1000;
    ++unit;
  }
  if (unit == 0) return fmt::format("{}", static_cast<int64_t>(count));
  return fmt::format("{:.1f}{}", count, kSuffix[unit]);
}

std::string FormatProgressLine(const std::string& label, const ProgressState& state, int width) {
  double seconds = static_cast<double>(state.elapsed_micros) / 1e6;
  double byte_rate = seconds > 0 ? static_cast<double>(state.bytes) / seconds : 0;
  double row_rate = seconds > 0 ? static_cast<double>(state.rows) / seconds : 0;
  std::string rates = fmt::format(
      "{} {}/s {} rows {}/s", FormatBytes(static_cast<double>(state.bytes)), FormatBytes(byte_rate),
      FormatCount(static_cast<double>(state.rows)), FormatCount(row_rate));
  if (state.files >= 0)
    rates += fmt::format(" {} file{}", state.files, state.files == 1 ? "" : "s");
  if (state.total_bytes <= 0) return fmt::format("{} {} {}", label, rates, FormatDuration(seconds));

  double fraction = std::clamp(
      static_cast<double>(state.bytes) / static_cast<double>(state.total_bytes), 0.0, 1.0);
  std::string eta =
      byte_rate > 0
          ? FormatDuration(static_cast<double>(state.total_bytes - state.bytes) / byte_rate)
          : std::string("?");
  std::string tail = fmt::format(" {:3.0f}% {} ETA {}", fraction * 100, rates, eta);
  int bar_width = std::max(10, width - static_cast<int>(label.size() + tail.size()) - 3);
  int filled = static_cast<int>(fraction * bar_width);
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < bar_width) bar += '>';
  bar.resize(static_cast<size_t>(bar_width), ' ');
  return fmt::format("{} [{}]{}", label, bar, tail);
}

ProgressReporter::ProgressReporter(ProgressOptions options)
    : options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : Clock::System()),
      enabled_(ShouldDraw(options_)),
      start_micros_(clock_->NowMonotonicMicros()) {}

ProgressReporter::~ProgressReporter() { Finish(); }

void ProgressReporter::Add(int64_t bytes, int64_t rows) {
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  rows_.fetch_add(rows, std::memory_order_relaxed);
  if (!enabled_) return;
  int64_t now = clock_->NowMonotonicMicros();
  int64_t last = last_draw_micros_.load(std::memory_order_relaxed);
  if (now - last < options_.min_redraw_micros) return;
  // Only the thread that wins the exchange draws; the others move on.
  if (!last_draw_micros_.compare_exchange_strong(last, now)) return;
  MutexLock lock(&mu_);
  if (!finished_) Draw(false);
}

void ProgressReporter::Finish() {
  MutexLock lock(&mu_);
  if (finished_) return;
  finished_ = true;
  if (enabled_) Draw(true);
}

ProgressState ProgressReporter::Snapshot() const {
  ProgressState state;
  state.bytes = bytes_.load();
  state.rows = rows_.load();
  state.total_bytes = options_.total_bytes;
  state.elapsed_micros = clock_->NowMonotonicMicros() - start_micros_;
  state.files = files_.load(std::memory_order_relaxed);
  return state;
}

void ProgressReporter::Draw(bool final_draw) {
  std::string line = FormatProgressLine(options_.label, Snapshot(), options_.width);
  // \r returns to the line start; \x1b[K clears what a longer line left.
  std::fprintf(OutputOf(options_), "\r%s\x1b[K%s", line.c_str(), final_draw ? "\n" : "");
  std::fflush(OutputOf(options_));
}

}  // namespace strata
