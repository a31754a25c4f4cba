// Reads every column of a Parquet file into memory (decoded Arrow-layout
// vectors, as DuckDB's CREATE TABLE AS and Polars' readParquet do) and
// prints the best wall time of N runs as JSON. Driven by
// bench/compare_parquet.mjs, which times DuckDB and Polars on the same file.
//   parquet_read_bench FILE [RUNS]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "io/local_file_system.h"
#include "parquet/file_reader.h"

namespace strata {
namespace {

Result<int64_t> ReadAll(FileSystem* fs, const std::string& path) {
  ASSIGN_OR_RETURN(auto reader, parquet::ParquetReader::Open(fs, path));
  ASSIGN_OR_RETURN(auto scan, reader->Scan({.columns = reader->AllColumns()}));
  int64_t rows = 0;
  // Keep every batch alive until the end, as a materialising reader would.
  std::vector<RecordBatchPtr> batches;
  while (true) {
    ASSIGN_OR_RETURN(RecordBatchPtr batch, scan->Next());
    if (batch == nullptr) break;
    rows += batch->num_rows();
    batches.push_back(std::move(batch));
  }
  return rows;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} FILE [RUNS]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  auto fs = NewLocalFileSystem();
  double best = 1e300;
  int64_t rows = 0;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    Result<int64_t> result = ReadAll(fs.get(), path);
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (!result.ok()) {
      fmt::print(stderr, "{}\n", result.status().ToString());
      return 1;
    }
    rows = *result;
    best = std::min(best, elapsed.count());
  }
  fmt::print("{{\"rows\": {}, \"seconds\": {:.4f}}}\n", rows, best);
  return 0;
}

}  // namespace
}  // namespace strata

int main(int argc, char** argv) { return strata::Main(argc, argv); }
