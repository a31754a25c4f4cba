// Locating and loading the shared Parquet fixtures (../shared/fixtures from
// the source tree). Free of GoogleTest so the fuzz replay driver can use it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace strata::parquet::testing {

// $STRATA_SOURCE_DIR/../shared/fixtures/parquet (ctest sets the variable),
// else the same place found from this file's path; nullopt if neither exists.
inline std::optional<std::filesystem::path> FindParquetFixturesDir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* source_dir = std::getenv("STRATA_SOURCE_DIR"); source_dir && *source_dir) {
    candidates.push_back(std::filesystem::path(source_dir) / "../shared/fixtures/parquet");
  }
  candidates.push_back(std::filesystem::path(__FILE__).parent_path() /
                       "../../../../shared/fixtures/parquet");
  for (const auto& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_directory(candidate / "data", error)) {
      return std::filesystem::weakly_canonical(candidate, error);
    }
  }
  return std::nullopt;
}

// The *.parquet files directly in `dir`, sorted by name.
inline std::vector<std::filesystem::path> ParquetFilesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".parquet") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The whole file; empty when it cannot be read.
inline std::vector<uint8_t> ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The serialized FileMetaData of a Parquet file: the `length` bytes before
// the trailing u32 LE length and "PAR1". Empty when the trailer is malformed.
inline std::span<const uint8_t> FooterBytes(std::span<const uint8_t> file) {
  if (file.size() < 12 || std::memcmp(file.data() + file.size() - 4, "PAR1", 4) != 0) return {};
  const uint8_t* tail = file.data() + file.size() - 8;
  const uint32_t length = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (uint32_t{tail[3]} << 24);
  if (length > file.size() - 12) return {};
  return file.subspan(file.size() - 8 - length, length);
}

}  // namespace strata::parquet::testing
