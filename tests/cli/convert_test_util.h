// The fixture the convert tests share: a temporary directory to write
// inputs into, and reading results back.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "cli_test_util.h"
#include "testing/temp_dir.h"

namespace strata::cli {

class ConvertTestBase : public ::testing::Test {
 protected:
  // Writes `text` to `name` in the temporary directory; returns its path.
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.Join(name);
    std::ofstream(path) << text;
    return path;
  }

  static std::string Slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // `strata cat PATH --format csv`, which must succeed.
  static std::string Cat(const std::string& path) {
    CliRun run = RunStrata({"cat", path, "--format", "csv"});
    EXPECT_EQ(run.code, kExitOk) << run.err;
    return run.out;
  }

  ScopedTempDir dir_;
};

}  // namespace strata::cli
