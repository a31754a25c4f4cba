#include <string>
#include <vector>

#include "cli/cli.h"
#include "common/allocator.h"

int main(int argc, char** argv) {
  strata::TuneAllocatorForStreaming();
  std::vector<std::string> args(argv + 1, argv + argc);
  return strata::cli::RunCli(args, stdout, stderr);
}
