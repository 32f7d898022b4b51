#pragma once
// Group commit: every write the server makes runs on one writer thread, which takes whatever
// writes are queued (up to kMaxBatch), runs them in one transaction and answers each after the
// commit. With synchronous=FULL a commit costs one fsync however many writes it carries, so 64
// concurrent requests share one fsync instead of queueing for 64.
//
// Run() suspends the calling handler's coroutine (the server runs each connection as a Boost.Asio
// stackful coroutine, suspend.hpp) rather than a thread: its connection waits, its io_context
// serves others, and the writer posts the coroutine back to its io_context after the commit.
// Called outside a coroutine (CLI, tests, the worker pool), Run() blocks the thread.
//
// A write is a closure over the writer's store; it must touch nothing but the store (it may run
// twice: if any write of a batch throws, the batch is rolled back and each of its writes re-run
// alone, so one bad request cannot fail its neighbours).
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "core/common/error.hpp"
#include "core/storage/store.hpp"
#include "http/suspend.hpp"

namespace jixu::http {

class WriteQueue {
 public:
  static constexpr size_t kMaxBatch = 256;
  static constexpr size_t kLingerBelow = 16;
  static constexpr std::chrono::microseconds kLinger{500};

  explicit WriteQueue(storage::Store& store);
  ~WriteQueue();

  /// Runs `fn` in the next group commit and waits until it is durable; rethrows what `fn`
  /// threw (its writes then rolled back) or a commit failure.
  void Run(std::function<void(storage::Store&)> fn);
  /// Queues `fn` without waiting (best-effort bookkeeping such as a session's last-seen).
  void Post(std::function<void(storage::Store&)> fn);

  /// Finishes queued writes and stops the thread.
  void Shutdown();
  int64_t commits() const { return commits_; }

 private:
  /// Lives on the waiting caller's stack until its Event is set.
  struct Waiter {
    Event done;
    std::exception_ptr error;
  };
  struct Job {
    std::function<void(storage::Store&)> fn;
    Waiter* waiter = nullptr;  ///< nullptr: posted, nobody waits
    void Finish(std::exception_ptr e) {
      if (waiter == nullptr) return;
      waiter->error = std::move(e);
      waiter->done.Set();
    }
  };
  void Loop();
  void RunBatch(std::deque<Job>& batch);

  storage::Store& store_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stop_ = false;
  int64_t commits_ = 0;
  std::thread thread_;
};

}  // namespace jixu::http
