// Throughput of the CSV and JSONL writers on the telemetry sample, in bytes
// of text produced per second.
#include <benchmark/benchmark.h>

#include <string>

#include "cli/sample_data.h"
#include "columnar/csv_writer.h"
#include "columnar/json_writer.h"

namespace strata {
namespace {

RecordBatchPtr TelemetryBatch() {
  static RecordBatchPtr batch = cli::TelemetryDataset().MakeBatch(0, 65536, 1).ValueOrDie();
  return batch;
}

void BM_WriteCsv(benchmark::State& state) {
  RecordBatchPtr batch = TelemetryBatch();
  std::string out;
  for (auto _ : state) {
    out.clear();
    CHECK_OK(WriteCsv(*batch, CsvWriteOptions{}, &out));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
  state.SetItemsProcessed(state.iterations() * batch->num_rows());
}
BENCHMARK(BM_WriteCsv);

void BM_WriteJsonLines(benchmark::State& state) {
  RecordBatchPtr batch = TelemetryBatch();
  std::string out;
  for (auto _ : state) {
    out.clear();
    WriteJsonLines(*batch, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(out.size()));
  state.SetItemsProcessed(state.iterations() * batch->num_rows());
}
BENCHMARK(BM_WriteJsonLines);

void BM_GenerateTelemetry(benchmark::State& state) {
  for (auto _ : state) {
    auto batch = cli::TelemetryDataset().MakeBatch(0, 65536, 1).ValueOrDie();
    benchmark::DoNotOptimize(batch.get());
  }
  state.SetItemsProcessed(state.iterations() * 65536);
}
BENCHMARK(BM_GenerateTelemetry);

}  // namespace
}  // namespace strata

BENCHMARK_MAIN();
