// Structured logging in logfmt style:
//   ts=2026-11-22T10:00:00.123Z level=info msg="wrote file" path=a.parquet rows=10
// Messages below the logger's level cost one comparison. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/thread_annotations.h"

namespace strata {

enum class LogLevel : int { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

// Parses "debug", "info", "warn", "error" or "off" (case-insensitive).
bool ParseLogLevel(std::string_view text, LogLevel* level);

// One key=value pair. Values are rendered when the field is built, which
// happens before the level check: guard costly values with Enabled().
struct LogField {
  LogField(std::string_view k, std::string_view v) : key(k), value(v) {}
  LogField(std::string_view k, const char* v) : key(k), value(v) {}
  LogField(std::string_view k, const std::string& v) : key(k), value(v) {}
  LogField(std::string_view k, int64_t v) : key(k), value(std::to_string(v)) {}
  LogField(std::string_view k, int v) : key(k), value(std::to_string(v)) {}
  LogField(std::string_view k, uint64_t v) : key(k), value(std::to_string(v)) {}
  LogField(std::string_view k, double v);
  LogField(std::string_view k, bool v) : key(k), value(v ? "true" : "false") {}

  std::string_view key;
  std::string value;
};

class Logger {
 public:
  using Sink = std::function<void(std::string_view line)>;

  // Writes to stderr at level kWarn.
  Logger();
  // REQUIRES: clock outlives the logger.
  Logger(Sink sink, LogLevel level, Clock* clock);

  // The process-wide logger used by the free functions below.
  static Logger* Default();

  void set_level(LogLevel level) { level_.store(level, std::memory_order_relaxed); }
  LogLevel level() const { return level_.load(std::memory_order_relaxed); }
  bool Enabled(LogLevel level) const {
    LogLevel min = this->level();
    return level >= min && min != LogLevel::kOff;
  }

  void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {})
      LOCKS_EXCLUDED(mu_);

  // Formats one line without the trailing newline; exposed for tests.
  static std::string Format(int64_t unix_micros, LogLevel level, std::string_view message,
                            std::initializer_list<LogField> fields);

 private:
  Mutex mu_;
  Sink sink_ GUARDED_BY(mu_);
  std::atomic<LogLevel> level_;
  Clock* clock_;
};

inline void LogDebug(std::string_view msg, std::initializer_list<LogField> fields = {}) {
  if (Logger::Default()->Enabled(LogLevel::kDebug))
    Logger::Default()->Log(LogLevel::kDebug, msg, fields);
}
inline void LogInfo(std::string_view msg, std::initializer_list<LogField> fields = {}) {
  if (Logger::Default()->Enabled(LogLevel::kInfo))
    Logger::Default()->Log(LogLevel::kInfo, msg, fields);
}
inline void LogWarn(std::string_view msg, std::initializer_list<LogField> fields = {}) {
  if (Logger::Default()->Enabled(LogLevel::kWarn))
    Logger::Default()->Log(LogLevel::kWarn, msg, fields);
}
inline void LogError(std::string_view msg, std::initializer_list<LogField> fields = {}) {
  if (Logger::Default()->Enabled(LogLevel::kError))
    Logger::Default()->Log(LogLevel::kError, msg, fields);
}

}  // namespace strata
