// Clock: the source of time for everything that measures or stamps it, so
// tests can substitute a manual clock (as LevelDB's Env does).
#pragma once

#include <atomic>
#include <cstdint>

namespace strata {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since an arbitrary fixed point; never goes backwards.
  virtual int64_t NowMonotonicMicros() = 0;
  // Microseconds since the Unix epoch (wall-clock, may jump).
  virtual int64_t NowUnixMicros() = 0;

  // The real clock. Never null; lives for the whole process.
  static Clock* System();
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_micros = 0) : now_(start_micros) {}
  int64_t NowMonotonicMicros() override { return now_.load(); }
  int64_t NowUnixMicros() override { return now_.load(); }
  void Advance(int64_t micros) { now_ += micros; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace strata
