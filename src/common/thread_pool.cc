#include "common/thread_pool.h"

#include <atomic>
#include <chrono>
#include <utility>

namespace strata {
namespace {

thread_local const ThreadPool* current_pool = nullptr;

std::atomic<int> default_thread_count{0};
std::atomic<bool> default_pool_created{false};

}  // namespace

Result<std::unique_ptr<ThreadPool>> ThreadPool::Make(int num_threads) {
  if (num_threads < 1) return Status::Invalid("thread count must be >= 1, got {}", num_threads);
  if (num_threads > 1024) return Status::Invalid("thread count {} is above 1024", num_threads);
  std::unique_ptr<ThreadPool> pool(new ThreadPool());  // private constructor
  pool->workers_.reserve(num_threads);
  for (int i = 0; i < num_threads; ++i) {
    pool->workers_.emplace_back([p = pool.get()] { p->WorkerLoop(); });
  }
  return pool;
}

ThreadPool::~ThreadPool() {
  {
    MutexLock lock(&mu_);
    shutting_down_ = true;
  }
  work_available_.SignalAll();
  for (auto& worker : workers_) worker.join();
}

void ThreadPool::Submit(std::function<void()> task) {
  {
    MutexLock lock(&mu_);
    queue_.push_back(std::move(task));
  }
  work_available_.Signal();
}

void ThreadPool::WorkerLoop() {
  current_pool = this;
  while (true) {
    std::function<void()> task;
    {
      MutexLock lock(&mu_);
      while (queue_.empty() && !shutting_down_) work_available_.Wait();
      if (queue_.empty()) return;  // Shutting down and drained.
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

bool ThreadPool::OnWorkerThread() const { return current_pool == this; }

int ThreadPool::DefaultThreadCount() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

ThreadPool* ThreadPool::Default() {
  static std::unique_ptr<ThreadPool> pool = [] {
    default_pool_created = true;
    int n = default_thread_count.load();
    // Make() only fails for counts SetDefaultThreadCount() already rejected.
    return ThreadPool::Make(n > 0 ? n : DefaultThreadCount()).ValueOrDie();
  }();
  return pool.get();
}

Status ThreadPool::SetDefaultThreadCount(int num_threads) {
  if (num_threads < 1 || num_threads > 1024) {
    return Status::Invalid("thread count must be between 1 and 1024, got {}", num_threads);
  }
  if (default_pool_created) {
    return Status::Invalid("the default thread pool is already running");
  }
  default_thread_count = num_threads;
  return Status::OK();
}

TaskGroup::~TaskGroup() { (void)Wait(); }

void TaskGroup::Spawn(std::function<Status()> task) {
  {
    MutexLock lock(&state_->mu);
    ++state_->pending;
  }
  pool_->Submit([state = state_, task = std::move(task)] {
    bool skip;
    {
      MutexLock lock(&state->mu);
      skip = !state->first_error.ok();
    }
    Status st = skip ? Status::OK() : task();
    MutexLock lock(&state->mu);
    if (!st.ok() && state->first_error.ok()) state->first_error = std::move(st);
    if (--state->pending == 0) state->done.SignalAll();
  });
}

Status TaskGroup::Wait() {
  const bool on_worker = pool_->OnWorkerThread();
  while (true) {
    {
      MutexLock lock(&state_->mu);
      if (state_->pending == 0) return state_->first_error;
      if (!on_worker) {
        state_->done.Wait();
        continue;
      }
    }
    // On a worker: help drain the queue rather than block a worker that the
    // tasks we wait for may need.
    std::function<void()> task;
    {
      MutexLock lock(&pool_->mu_);
      if (!pool_->queue_.empty()) {
        task = std::move(pool_->queue_.front());
        pool_->queue_.pop_front();
      }
    }
    if (task) {
      task();
    } else {
      MutexLock lock(&state_->mu);
      if (state_->pending > 0) state_->done.WaitFor(std::chrono::milliseconds(1));
    }
  }
}

Status ParallelFor(ThreadPool* pool, int64_t n, const std::function<Status(int64_t)>& body) {
  TaskGroup group(pool);
  for (int64_t i = 0; i < n; ++i) {
    group.Spawn([&body, i] { return body(i); });
  }
  return group.Wait();
}

}  // namespace strata
