// Runs the metadata fuzz entry point without libFuzzer, so that every test
// run exercises it: over the fixture footers and first pages, then over
// deterministic mutations of them. With file arguments, replays those inputs
// instead (e.g. a crash file from a libFuzzer run).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "parquet/thrift/fixture_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Input = std::vector<uint8_t>;

void Run(const Input& input) { LLVMFuzzerTestOneInput(input.data(), input.size()); }

// The footer of each fixture, and its first 4 KiB (page headers start at 4).
std::vector<Input> SeedInputs() {
  std::vector<Input> seeds;
  const auto dir = strata::parquet::testing::FindParquetFixturesDir();
  if (!dir) return seeds;
  for (const char* sub : {"data", "bad_data"}) {
    for (const auto& path : strata::parquet::testing::ParquetFilesIn(*dir / sub)) {
      const Input file = strata::parquet::testing::ReadFileBytes(path);
      const auto footer = strata::parquet::testing::FooterBytes(file);
      if (!footer.empty()) seeds.emplace_back(footer.begin(), footer.end());
      if (file.size() > 4) {
        seeds.emplace_back(file.begin() + 4, file.begin() + std::min<size_t>(file.size(), 4100));
      }
    }
  }
  return seeds;
}

// Flips, overwrites, inserts or deletes a few bytes, or truncates.
Input Mutate(Input input, std::mt19937_64& rng) {
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !input.empty(); ++i) {
    const size_t at = rng() % input.size();
    switch (rng() % 5) {
      case 0: input[at] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
      case 1: input[at] = static_cast<uint8_t>(rng()); break;
      case 2:
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), static_cast<uint8_t>(rng()));
        break;
      case 3: input.erase(input.begin() + static_cast<std::ptrdiff_t>(at)); break;
      default: input.resize(at); break;
    }
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
    for (int i = 1; i < argc; ++i) Run(strata::parquet::testing::ReadFileBytes(argv[i]));
    std::printf("replayed %d inputs\n", argc - 1);
    return 0;
  }
  const std::vector<Input> seeds = SeedInputs();
  if (seeds.empty()) {
    std::fprintf(stderr, "no Parquet fixtures found: set STRATA_SOURCE_DIR\n");
    return 1;
  }
  for (const Input& seed : seeds) Run(seed);
  constexpr int kMutations = 5000;
  std::mt19937_64 rng(0x5157A7A);
  for (int i = 0; i < kMutations; ++i) Run(Mutate(seeds[rng() % seeds.size()], rng));
  std::printf("ran %zu seeds and %d mutations\n", seeds.size(), kMutations);
  return 0;
}
