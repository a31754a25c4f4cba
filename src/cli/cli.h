// The strata command line: parses arguments, runs one command, and maps the
// outcome to an exit code. Kept callable in-process so tests can drive it.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace strata::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Runs `strata args...` (args excludes the program name), writing results to
// `out` and errors to `err`. Returns kExitOk, kExitFailure (the command
// failed; one line on `err` says what) or kExitUsage (bad arguments).
// Not thread-safe: global options such as --threads configure the process.
int RunCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);

}  // namespace strata::cli
