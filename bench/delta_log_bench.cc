// Delta log performance: opening a snapshot as commits and files grow, and
// the cost of a blind-append commit (no data written).
//
//   build/bench/bench/delta_log_bench --benchmark_filter=Open
//
// Tables are synthetic: C commits adding F files in total (add actions with
// stats, no data files), with a Spark-style checkpoint every 10 commits
// represented by the last one only (older checkpoints do not affect a load).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>

#include "delta/checkpoint.h"
#include "delta/snapshot.h"
#include "delta/transaction.h"
#include "io/local_file_system.h"

namespace strata::delta {
namespace {

constexpr char kSchema[] =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"day","type":"date","nullable":true,"metadata":{}}]})";

std::string AddLine(int64_t file) {
  return fmt::format(
      R"({{"add":{{"path":"day=2025-01-{:02}/part-{:08}.parquet","partitionValues":{{"day":"2025-01-{:02}"}},)"
      R"("size":1048576,"modificationTime":1700000000000,"dataChange":true,)"
      R"("stats":"{{\"numRecords\":1000,\"minValues\":{{\"id\":{}}},\"maxValues\":{{\"id\":{}}},\"nullCount\":{{\"id\":0}}}}"}}}})",
      file % 28 + 1, file, file % 28 + 1, file * 1000, file * 1000 + 999);
}

void WriteFile(const std::string& path, const std::string& text) {
  auto fs = NewLocalFileSystem();
  auto file = fs->OpenForWrite(path, WriteMode::kTruncate).ValueOrDie();
  CHECK_OK(file->Append(text));
  CHECK_OK(file->Close());
}

// A table of `commits` commits adding `files` files; with a checkpoint at
// the last multiple of 10 when `checkpoint`.
std::string MakeTable(int64_t commits, int64_t files, bool checkpoint) {
  const std::string root =
      fmt::format("/tmp/strata-delta-bench-{}-{}-{}", commits, files, checkpoint);
  if (std::filesystem::exists(root + "/_delta_log")) return root;
  // Built beside and renamed into place, so an interrupted run leaves no
  // half-built table for the next one to reuse.
  const std::string building = root + ".building";
  std::filesystem::remove_all(building);
  std::filesystem::create_directories(building + "/_delta_log");
  int64_t next_file = 0;
  for (int64_t v = 0; v < commits; ++v) {
    std::string text = R"({"commitInfo":{"timestamp":1700000000000,"operation":"WRITE"}})"
                       "\n";
    if (v == 0) {
      std::string escaped;
      for (char c : std::string(kSchema)) {
        if (c == '"') escaped += '\\';
        escaped += c;
      }
      text += R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
              "\n";
      text += fmt::format(
                  R"({{"metaData":{{"id":"bench","format":{{"provider":"parquet","options":{{}}}},)"
                  R"("schemaString":"{}","partitionColumns":["day"],"configuration":{{}}}}}})",
                  escaped) +
              "\n";
    }
    const int64_t until = files * (v + 1) / commits;
    for (; next_file < until; ++next_file) text += AddLine(next_file) + "\n";
    WriteFile(fmt::format("{}/_delta_log/{:020}.json", building, v), text);
  }
  if (checkpoint && commits > 10) {
    auto fs = NewLocalFileSystem();
    const int64_t version = (commits - 1) / 10 * 10;
    auto snapshot = Snapshot::Load(fs.get(), building, {.version = version}).ValueOrDie();
    CHECK_OK(WriteCheckpoint(fs.get(), *snapshot, Clock::System()));
  }
  std::filesystem::rename(building, root);
  return root;
}

void BM_OpenSnapshot(benchmark::State& state) {
  const int64_t commits = state.range(0);
  const int64_t files = state.range(1);
  const bool checkpoint = state.range(2) != 0;
  const std::string root = MakeTable(commits, files, checkpoint);
  auto fs = NewLocalFileSystem();
  for (auto _ : state) {
    auto snapshot = Snapshot::Load(fs.get(), root, {}).ValueOrDie();
    if (static_cast<int64_t>(snapshot->files().size()) != files)
      state.SkipWithError("wrong file count");
    benchmark::DoNotOptimize(snapshot);
  }
  state.counters["files"] = static_cast<double>(files);
}
BENCHMARK(BM_OpenSnapshot)
    ->ArgNames({"commits", "files", "checkpoint"})
    ->Args({100, 1000, 1})
    ->Args({1000, 10000, 1})
    ->Args({10000, 100000, 1})
    ->Args({1000, 10000, 0})
    ->Args({10000, 100000, 0})
    ->Unit(benchmark::kMillisecond);

// A blind append of one file to a table of 100 commits, begun on its latest
// version: Begin (loads the snapshot) and Commit (writes N.json) separately.
void BM_BlindAppendCommit(benchmark::State& state) {
  const std::string root = "/tmp/strata-delta-bench-append";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  std::filesystem::copy(MakeTable(100, 1000, true), root, std::filesystem::copy_options::recursive);
  auto fs = NewLocalFileSystem();
  int64_t file = 1000000;
  for (auto _ : state) {
    state.PauseTiming();
    auto txn = Transaction::Begin(fs.get(), root, {.checkpoint_interval = 1 << 30}).ValueOrDie();
    AddFile add;
    add.path = fmt::format("day=2025-01-01/new-{}.parquet", file++);
    add.partition_values["day"] = "2025-01-01";
    add.size = 1;
    txn->AddFile(std::move(add));
    state.ResumeTiming();
    benchmark::DoNotOptimize(txn->Commit({.operation = "WRITE"}).ValueOrDie());
  }
}
BENCHMARK(BM_BlindAppendCommit)->Unit(benchmark::kMillisecond)->Iterations(200);

}  // namespace
}  // namespace strata::delta

BENCHMARK_MAIN();
