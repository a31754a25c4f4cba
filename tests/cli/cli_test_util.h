// Runs the CLI in-process and captures what it prints.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace strata::cli {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadStream(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) text.append(buf, n);
  std::fclose(f);
  return text;
}

inline CliRun RunStrata(const std::vector<std::string>& args) {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  CliRun run;
  run.code = RunCli(args, out, err);
  run.out = ReadStream(out);
  run.err = ReadStream(err);
  return run;
}

}  // namespace strata::cli
