#include "common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

namespace strata {
namespace {

TEST(ThreadPoolTest, RejectsBadThreadCounts) {
  EXPECT_TRUE(ThreadPool::Make(0).status().IsInvalid());
  EXPECT_TRUE(ThreadPool::Make(-3).status().IsInvalid());
}

TEST(ThreadPoolTest, RunsEverySubmittedTask) {
  auto pool = ThreadPool::Make(4).ValueOrDie();
  EXPECT_EQ(pool->num_threads(), 4);
  std::atomic<int> sum{0};
  TaskGroup group(pool.get());
  for (int i = 1; i <= 1000; ++i) {
    group.Spawn([&sum, i] {
      sum += i;
      return Status::OK();
    });
  }
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(sum.load(), 500500);
}

TEST(ThreadPoolTest, UsesSeveralThreads) {
  auto pool = ThreadPool::Make(3).ValueOrDie();
  Mutex mu;
  std::set<std::thread::id> ids;
  std::atomic<int> arrived{0};
  TaskGroup group(pool.get());
  for (int i = 0; i < 3; ++i) {
    group.Spawn([&] {
      {
        MutexLock lock(&mu);
        ids.insert(std::this_thread::get_id());
      }
      // Hold every worker until all three have started: proves concurrency.
      ++arrived;
      while (arrived.load() < 3) std::this_thread::yield();
      return Status::OK();
    });
  }
  EXPECT_TRUE(group.Wait().ok());
  EXPECT_EQ(ids.size(), 3u);
}

TEST(ThreadPoolTest, FirstErrorWinsAndLaterTasksAreSkipped) {
  auto pool = ThreadPool::Make(1).ValueOrDie();
  std::atomic<int> ran{0};
  TaskGroup group(pool.get());
  group.Spawn([] { return Status::Corruption("first"); });
  for (int i = 0; i < 10; ++i) {
    group.Spawn([&ran] {
      ++ran;
      return Status::Invalid("later");
    });
  }
  Status st = group.Wait();
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_EQ(st.message(), "first");
  EXPECT_EQ(ran.load(), 0);  // One worker runs tasks in order, so all were skipped.
}

TEST(ThreadPoolTest, NestedGroupsDoNotDeadlock) {
  auto pool = ThreadPool::Make(2).ValueOrDie();
  std::atomic<int> leaves{0};
  Status st = ParallelFor(pool.get(), 8, [&](int64_t) {
    return ParallelFor(pool.get(), 8, [&](int64_t) {
      ++leaves;
      return Status::OK();
    });
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(leaves.load(), 64);
}

TEST(ThreadPoolTest, DestructorDrainsQueue) {
  std::atomic<int> ran{0};
  {
    auto pool = ThreadPool::Make(2).ValueOrDie();
    for (int i = 0; i < 100; ++i) pool->Submit([&ran] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(ThreadPoolTest, DefaultPoolExistsAndRejectsLateResize) {
  ThreadPool* pool = ThreadPool::Default();
  ASSERT_NE(pool, nullptr);
  EXPECT_GE(pool->num_threads(), 1);
  EXPECT_TRUE(ThreadPool::SetDefaultThreadCount(2).IsInvalid());
  EXPECT_TRUE(ThreadPool::SetDefaultThreadCount(0).IsInvalid());
}

}  // namespace
}  // namespace strata
