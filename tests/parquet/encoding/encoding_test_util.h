// Helpers shared by the encoding tests: byte literals, deterministic random
// data, and the "cut a valid encoding at every byte" check.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/buffer.h"
#include "common/status.h"

namespace strata::parquet::testing {

inline std::vector<uint8_t> Bytes(std::initializer_list<int> values) {
  std::vector<uint8_t> out;
  for (int v : values) out.push_back(static_cast<uint8_t>(v));
  return out;
}

inline std::vector<uint8_t> ToVector(const Buffer& buffer) {
  return {buffer.data(), buffer.data() + buffer.size()};
}

// Bit-for-bit equality of n values (NaN payloads and -0.0 included).
template <typename T>
bool SameBytes(const T* a, const T* b, size_t n) {
  const auto* x = reinterpret_cast<const uint8_t*>(a);
  const auto* y = reinterpret_cast<const uint8_t*>(b);
  return std::equal(x, x + n * sizeof(T), y);
}

template <typename T>
bool SameBytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && SameBytes(a.data(), b.data(), a.size());
}

// Random values of T over its whole range (bit patterns for floats).
template <typename T>
std::vector<T> RandomValues(int64_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<T> out(static_cast<size_t>(n));
  for (auto& v : out) {
    const uint64_t bits = rng();
    std::memcpy(&v, &bits, sizeof(T));
  }
  return out;
}

// Values of T whose deltas fit in about `bits` bits: a sorted-ish series.
template <typename T>
std::vector<T> RandomWalk(int64_t n, int bits, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<T> out(static_cast<size_t>(n));
  T current = 0;
  const uint64_t mask = bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  for (auto& v : out) {
    current = static_cast<T>(static_cast<uint64_t>(current) + (rng() & mask));
    v = current;
  }
  return out;
}

inline std::vector<std::string> RandomStrings(int64_t n, int max_length, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out(static_cast<size_t>(n));
  for (auto& s : out) {
    s.resize(rng() % static_cast<uint64_t>(max_length + 1));
    for (auto& c : s) c = static_cast<char>('a' + rng() % 26);
  }
  return out;
}

inline std::vector<std::string_view> Views(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

// Strings of the Arrow-layout buffers a byte array decoder filled.
inline std::vector<std::string> FromArrow(const Buffer& offsets, const Buffer& data) {
  std::vector<std::string> out;
  if (offsets.size() < sizeof(int32_t)) return out;
  const auto* ends = offsets.data_as<int32_t>();
  const size_t n = offsets.size() / sizeof(int32_t) - 1;
  for (size_t i = 0; i < n; ++i) {
    out.emplace_back(reinterpret_cast<const char*>(data.data()) + ends[i],
                     static_cast<size_t>(ends[i + 1] - ends[i]));
  }
  return out;
}

// Runs `decode` on every proper prefix of `encoded` (each in its own heap
// copy, so ASan sees any read past it). A prefix must either fail with
// Corruption or succeed, never anything else; returns how many succeeded.
inline int TruncationSweep(const std::vector<uint8_t>& encoded,
                           const std::function<Status(std::span<const uint8_t>)>& decode) {
  int succeeded = 0;
  for (size_t len = 0; len < encoded.size(); ++len) {
    std::vector<uint8_t> prefix(encoded.begin(), encoded.begin() + static_cast<ptrdiff_t>(len));
    const Status status = decode(prefix);
    if (status.ok()) {
      ++succeeded;
    } else {
      EXPECT_TRUE(status.IsCorruption()) << "length " << len << ": " << status.ToString();
    }
  }
  return succeeded;
}

// The shared Parquet fixture directory (../shared/fixtures/parquet/data next
// to the repository); empty when it cannot be found.
inline std::filesystem::path FixtureDir() {
  std::vector<std::filesystem::path> candidates;
  if (const char* source = std::getenv("STRATA_SOURCE_DIR"); source != nullptr && *source) {
    candidates.push_back(std::filesystem::path(source) / "../shared/fixtures/parquet/data");
  }
  candidates.push_back(std::filesystem::path(__FILE__).parent_path() /
                       "../../../../shared/fixtures/parquet/data");
  for (const auto& dir : candidates) {
    if (std::filesystem::is_directory(dir)) return dir;
  }
  return {};
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace strata::parquet::testing
