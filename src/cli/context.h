// What every command receives: the global options and where to write.
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "columnar/json_writer.h"
#include "common/status.h"

namespace strata::cli {

struct CliContext {
  std::FILE* out = stdout;
  std::FILE* err = stderr;
  bool quiet = false;
  bool json = false;  // Machine-readable output instead of text.
  int threads = 0;    // 0: one per core.

  template <typename... Args>
  void Print(fmt::format_string<Args...> f, Args&&... args) const {
    fmt::print(out, f, std::forward<Args>(args)...);
  }
  // One "strata: error: ..." line on `err`, for failures that do not end
  // the command (one input of several).
  void Error(const Status& status) const {
    fmt::print(err, "strata: error: {}\n", status.ToString());
  }
};

// `text` as a JSON string literal, quotes included.
inline std::string JsonString(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

}  // namespace strata::cli
