#include <string>
#include <vector>

#include "cli/cli.h"

#if defined(STRATA_WITH_MIMALLOC)
#include <mimalloc.h>
#endif

namespace {

// strata is linked with mimalloc, which replaces malloc for the whole
// process. Converting streams blocks of a few MiB (read chunks, column
// buffers, encoded pages) through worker threads; glibc's per-thread heaps
// fragmented under that pattern and peak memory grew with the input (200
// MB for 10M rows, 320 MB for 100M), and serving large blocks by mmap
// instead cost a page fault and a zeroed page on every first touch.
// mimalloc keeps memory flat. Freed pages go back to the OS after 100 ms
// rather than its default 25 ms, so blocks freed and soon reused between
// chunks are not faulted in again.
void ConfigureAllocator() {
#if defined(STRATA_WITH_MIMALLOC)
  mi_option_set(mi_option_decommit_delay, 100);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  ConfigureAllocator();
  std::vector<std::string> args(argv + 1, argv + argc);
  return strata::cli::RunCli(args, stdout, stderr);
}
