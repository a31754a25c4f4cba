// ThreadPool: a fixed set of worker threads shared by everything in strata
// that runs in parallel (parsing, encoding, decoding). Work is submitted as
// tasks; a TaskGroup collects the Status of related tasks and waits for them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "common/result.h"
#include "common/thread_annotations.h"

namespace strata {

class ThreadPool {
 public:
  // REQUIRES: num_threads >= 1.
  static Result<std::unique_ptr<ThreadPool>> Make(int num_threads);
  // Waits for queued tasks to finish, then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()); }

  // Queues `task` to run on a worker. Thread-safe. Tasks must not throw.
  void Submit(std::function<void()> task) LOCKS_EXCLUDED(mu_);

  // The number of hardware threads, at least 1.
  static int DefaultThreadCount();
  // A process-wide pool. Its size is DefaultThreadCount() unless
  // SetDefaultThreadCount() was called before the first use.
  static ThreadPool* Default();
  // REQUIRES: called before the first Default(); returns Invalid otherwise.
  static Status SetDefaultThreadCount(int num_threads);

 private:
  ThreadPool() = default;
  void WorkerLoop() LOCKS_EXCLUDED(mu_);
  // True when the calling thread is one of this pool's workers.
  bool OnWorkerThread() const;
  friend class TaskGroup;

  Mutex mu_;
  CondVar work_available_{&mu_};
  std::deque<std::function<void()>> queue_ GUARDED_BY(mu_);
  bool shutting_down_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;
};

// Runs a set of tasks on a pool and reports the first failure. Once a task
// has failed, tasks that have not started yet are skipped. Not copyable;
// Wait() must be called before destruction (the destructor waits too).
//
// Tasks spawned from inside a worker of the same pool are fine: Wait() on a
// worker thread runs queued tasks itself instead of blocking, so nested
// parallelism cannot deadlock the pool.
class TaskGroup {
 public:
  explicit TaskGroup(ThreadPool* pool) : pool_(pool) {}
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // Thread-safe.
  void Spawn(std::function<Status()> task) LOCKS_EXCLUDED(state_->mu);
  // Blocks until every spawned task has finished; returns the first error.
  Status Wait();

 private:
  struct State {
    Mutex mu;
    CondVar done{&mu};
    int64_t pending GUARDED_BY(mu) = 0;
    Status first_error GUARDED_BY(mu);
  };
  ThreadPool* const pool_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

// Runs body(i) for i in [0, n) on `pool`, returning the first error.
Status ParallelFor(ThreadPool* pool, int64_t n, const std::function<Status(int64_t)>& body);

}  // namespace strata
