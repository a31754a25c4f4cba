// ProgressReporter: a one-line progress bar for long jobs, drawn on a
// terminal only. It shows bytes and rows per second and, when the total is
// known, a bar and an ETA. It draws nothing when the output is not a TTY or
// quiet mode is on, so pipes and logs stay clean.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>

#include "common/clock.h"
#include "common/thread_annotations.h"

namespace strata {

struct ProgressOptions {
  std::string label;
  int64_t total_bytes = -1;  // -1: unknown, no bar and no ETA.
  bool quiet = false;
  // Where to draw; nullptr means stderr. The bar is drawn only when both
  // stdout and this stream are terminals, unless force_enabled (tests).
  std::FILE* out = nullptr;
  bool force_enabled = false;
  int width = 80;
  int64_t min_redraw_micros = 100000;
  Clock* clock = nullptr;  // nullptr: Clock::System().
};

// A snapshot of progress, and its rendering; pure so it can be tested.
struct ProgressState {
  int64_t bytes = 0;
  int64_t rows = 0;
  int64_t total_bytes = -1;
  int64_t elapsed_micros = 0;
  int64_t files = -1;  // Output files written so far; -1: not shown.
};
std::string FormatProgressLine(const std::string& label, const ProgressState& state, int width);
// "1.5 MB", "12 B", "3.2 GB" (decimal units).
std::string FormatBytes(double bytes);
// "1.2M", "532", "3.4k".
std::string FormatCount(double count);

class ProgressReporter {
 public:
  explicit ProgressReporter(ProgressOptions options);
  // Calls Finish().
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  bool enabled() const { return enabled_; }
  // Adds to the counters and redraws if the last draw is old enough.
  // Thread-safe and cheap when disabled.
  void Add(int64_t bytes, int64_t rows) LOCKS_EXCLUDED(mu_);
  // Sets the count of output files the line shows (none until set).
  // Thread-safe; drawn with the next Add().
  void SetFiles(int64_t files) { files_.store(files, std::memory_order_relaxed); }
  // Draws the final state and ends the line. Idempotent.
  void Finish() LOCKS_EXCLUDED(mu_);

  ProgressState Snapshot() const;

 private:
  void Draw(bool final_draw) EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const ProgressOptions options_;
  Clock* const clock_;
  const bool enabled_;
  const int64_t start_micros_;
  std::atomic<int64_t> bytes_{0};
  std::atomic<int64_t> rows_{0};
  std::atomic<int64_t> files_{-1};
  std::atomic<int64_t> last_draw_micros_{0};
  Mutex mu_;
  bool finished_ GUARDED_BY(mu_) = false;
};

}  // namespace strata
