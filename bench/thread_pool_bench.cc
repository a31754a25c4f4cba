// Cost of scheduling: how many empty tasks per second a TaskGroup runs, which
// bounds how fine-grained parallel work can usefully be.
#include <benchmark/benchmark.h>

#include "common/thread_pool.h"

namespace strata {
namespace {

void BM_TaskGroupEmptyTasks(benchmark::State& state) {
  auto pool = ThreadPool::Make(static_cast<int>(state.range(0))).ValueOrDie();
  constexpr int kTasks = 10000;
  for (auto _ : state) {
    CHECK_OK(ParallelFor(pool.get(), kTasks, [](int64_t) { return Status::OK(); }));
  }
  state.SetItemsProcessed(state.iterations() * kTasks);
}
BENCHMARK(BM_TaskGroupEmptyTasks)->Arg(1)->Arg(2)->Arg(4);

}  // namespace
}  // namespace strata

BENCHMARK_MAIN();
