#include "common/logging.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <utility>

namespace strata {
namespace {

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
    case LogLevel::kOff: return "off";
  }
  return "unknown";
}

// logfmt quoting: bare when the value has no space, quote, '=' or control
// character, otherwise double-quoted with backslash escapes.
void AppendValue(std::string* out, std::string_view value) {
  bool bare = !value.empty();
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || c == '"' || c == '=' || c == '\\' || u == 0x7f) bare = false;
  }
  if (bare) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append(fmt::format("\\x{:02x}", static_cast<unsigned char>(c)));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

std::string FormatTimestamp(int64_t unix_micros) {
  time_t seconds = static_cast<time_t>(unix_micros / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (unix_micros / 1000) % 1000);
}

}  // namespace

bool ParseLogLevel(std::string_view text, LogLevel* level) {
  std::string lower;
  for (char c : text)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (LogLevel l :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError, LogLevel::kOff}) {
    if (lower == LevelName(l)) {
      *level = l;
      return true;
    }
  }
  return false;
}

LogField::LogField(std::string_view k, double v) : key(k), value(fmt::format("{}", v)) {}

Logger::Logger()
    : Logger(
          [](std::string_view line) {
            std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
          },
          LogLevel::kWarn, Clock::System()) {}

Logger::Logger(Sink sink, LogLevel level, Clock* clock)
    : sink_(std::move(sink)), level_(level), clock_(clock) {}

Logger* Logger::Default() {
  static Logger logger;
  return &logger;
}

void Logger::Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  if (!Enabled(level)) return;
  std::string line = Format(clock_->NowUnixMicros(), level, message, fields);
  MutexLock lock(&mu_);
  sink_(line);
}

std::string Logger::Format(int64_t unix_micros, LogLevel level, std::string_view message,
                           std::initializer_list<LogField> fields) {
  std::string out =
      fmt::format("ts={} level={} msg=", FormatTimestamp(unix_micros), LevelName(level));
  AppendValue(&out, message);
  for (const LogField& field : fields) {
    out.push_back(' ');
    out.append(field.key);
    out.push_back('=');
    AppendValue(&out, field.value);
  }
  return out;
}

}  // namespace strata
