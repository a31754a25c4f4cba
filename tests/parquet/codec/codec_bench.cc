// Compression and decompression throughput per codec on page-like data:
// 1 MiB of PLAIN-encoded sorted INT64 timestamps and 1 MiB of CSV-like text.
// Run: build-rel/tests/parquet/codec/parquet_codec_bench
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "common/buffer.h"
#include "parquet/codec/codec.h"

namespace strata::parquet {
namespace {

using Bytes = std::vector<uint8_t>;
constexpr size_t kPageBytes = size_t{1} << 20;

// Microsecond timestamps a few hundred milliseconds apart, as PLAIN writes
// them: little-endian 8-byte values.
Bytes TimestampPage() {
  std::mt19937_64 rng(1);
  Bytes page(kPageBytes);
  int64_t ts = 1714564800000000;  // 2024-05-01T12:00:00Z
  for (size_t at = 0; at < page.size(); at += 8) {
    ts += static_cast<int64_t>(rng() % 500000);
    std::memcpy(page.data() + at, &ts, 8);
  }
  return page;
}

Bytes CsvPage() {
  std::mt19937_64 rng(2);
  const char* cities[] = {"Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima"};
  std::string text;
  for (int row = 0; text.size() < kPageBytes; ++row) {
    text += fmt::format("{},2024-05-01T12:{:02d}:{:02d},{},{}.{:02d},{}\n", 100000 + row,
                        row / 60 % 60, row % 60, cities[rng() % 6], rng() % 1000, rng() % 100,
                        rng() % 2 == 0 ? "ok" : "late");
  }
  return Bytes(text.begin(), text.begin() + kPageBytes);
}

struct Subject {
  CompressionCodec codec;
  std::optional<int> level;
};

std::unique_ptr<Codec> MakeOrDie(const Subject& s) {
  return std::move(Codec::Make(s.codec, s.level)).ValueOrDie();
}

void BM_Compress(benchmark::State& state, Subject subject, const Bytes* page) {
  auto codec = MakeOrDie(subject);
  Buffer out;
  for (auto _ : state) {
    out.Clear();
    CHECK_OK(codec->Compress(*page, &out));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page->size()));
  state.counters["ratio"] = static_cast<double>(page->size()) / static_cast<double>(out.size());
}

void BM_Decompress(benchmark::State& state, Subject subject, const Bytes* page) {
  auto codec = MakeOrDie(subject);
  Buffer compressed;
  CHECK_OK(codec->Compress(*page, &compressed));
  Bytes out(page->size());
  for (auto _ : state) {
    CHECK_OK(codec->Decompress(compressed.span(), out));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page->size()));
}

void RegisterAll(const Bytes* timestamps, const Bytes* csv) {
  const Subject subjects[] = {
      {CompressionCodec::kUncompressed, std::nullopt}, {CompressionCodec::kSnappy, std::nullopt},
      {CompressionCodec::kLz4Raw, std::nullopt},       {CompressionCodec::kZstd, 1},
      {CompressionCodec::kZstd, std::nullopt},         {CompressionCodec::kGzip, 1},
      {CompressionCodec::kGzip, std::nullopt},         {CompressionCodec::kBrotli, 1},
      {CompressionCodec::kBrotli, std::nullopt},
  };
  for (const auto& [data_name, page] :
       {std::pair{"timestamps", timestamps}, std::pair{"csv", csv}}) {
    for (const Subject& s : subjects) {
      std::string name = std::string(CompressionCodecName(s.codec)) +
                         (s.level ? fmt::format("/level:{}", *s.level) : "/default") + "/" +
                         data_name;
      benchmark::RegisterBenchmark(("Compress/" + name).c_str(), BM_Compress, s, page);
      benchmark::RegisterBenchmark(("Decompress/" + name).c_str(), BM_Decompress, s, page);
    }
  }
}

}  // namespace
}  // namespace strata::parquet

int main(int argc, char** argv) {
  const auto timestamps = strata::parquet::TimestampPage();
  const auto csv = strata::parquet::CsvPage();
  strata::parquet::RegisterAll(&timestamps, &csv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
