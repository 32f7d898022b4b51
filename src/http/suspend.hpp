#pragma once
// Waiting inside a request handler without holding up the socket threads.
//
// The server (server.hpp) runs each connection as a stackful coroutine (Boost.Asio `spawn`) on
// one of a few single-threaded io_contexts. Handlers stay plain synchronous functions
// (`Response fn(Call&)`); the two places that wait — the group commit (write_queue.hpp) and a
// free read connection (store_pool.hpp) — wait on an Event. Inside a handler's coroutine,
// Event::Wait suspends the coroutine and its io_context serves other connections meanwhile; the
// setter (the writer thread) posts the continuation back to that io_context, so a coroutine
// always resumes on the thread that started it (thread-local state such as SQLite's stays
// consistent). Anywhere else (CLI, tests, the worker pool, the writer) Wait blocks the thread.
//
// Slow work (Argon2, PDF rendering, imports, exports, population scans) runs on the WorkerPool
// through Offload(): the coroutine suspends, a worker thread runs the function, and the
// coroutine continues with its result. The socket threads never compute for long.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace jixu::http {

using YieldContext = boost::asio::yield_context;

/// The coroutine of the request being handled on this thread, or nullptr. The server sets it
/// around each handler call (SuspendScope).
YieldContext* CurrentYield();

/// Marks the current thread as running a handler in coroutine `y` for its lifetime, and as
/// running none after it (coroutines on one thread interleave, so there is nothing to restore;
/// each suspension point sets the pointer again when it resumes). Keep it around the
/// dispatcher's calls only, never across Beast's own reads and writes.
class SuspendScope {
 public:
  explicit SuspendScope(YieldContext* y);
  ~SuspendScope();
  SuspendScope(const SuspendScope&) = delete;
  SuspendScope& operator=(const SuspendScope&) = delete;
};

/// A one-shot signal that suspends a handler's coroutine (or blocks a plain thread) until Set().
class Event {
 public:
  void Wait();
  /// Thread-safe; after it, the waiter may return and destroy the Event at once.
  void Set();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
  std::function<void()> resume_;  ///< posts the suspended coroutine back to its io_context
};

/// Threads for slow work, separate from the socket threads. They run at a lower scheduling
/// priority (nice +10), so on a machine with few cores a burst of slow work (a sign-in storm
/// hashing passwords) takes the CPU the socket threads leave, not the other way round.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  /// Runs `fn` on a worker and returns what it threw or returned. From a handler's coroutine the
  /// coroutine suspends meanwhile; elsewhere the calling thread runs `fn` itself.
  void Run(const std::function<void()>& fn);
  int threads() const { return threads_; }

 private:
  int threads_;
  boost::asio::io_context ctx_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::vector<std::thread> workers_;
};

}  // namespace jixu::http
