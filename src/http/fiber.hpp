#pragma once
// Fibers: the server runs each request's handler on its own small stack, so a handler that waits
// (for its group commit, or for a read connection) parks only itself: its event-loop thread
// switches back to the loop and serves other connections meanwhile. Handlers stay plain
// synchronous functions (`Response fn(Call&)`); only the two waits in write_queue.cpp and
// store_pool.cpp know about fibers, through Event.
//
// A fiber always resumes on the thread that started it (its FiberHome), never migrates: thread-
// local state (errno, the C++ runtime's exception globals, SQLite's per-thread state) stays
// consistent. Outside a fiber (CLI, tests, the writer thread) Event::Wait blocks the thread.
#include <ucontext.h>

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>

namespace jixu::http {

class Fiber;

/// Where a parked fiber continues: the event loop that started it.
class FiberHome {
 public:
  virtual ~FiberHome() = default;
  /// Thread-safe: queues `f` to be continued on the home thread.
  virtual void Resume(Fiber* f) = 0;
};

class Fiber {
 public:
  explicit Fiber(size_t stack_bytes = kDefaultStack);
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  /// Runs `fn` on this fiber until it returns or parks. `fn` must not throw (it is the
  /// server's wrapper, which catches everything).
  void Start(std::function<void()> fn, FiberHome* home);
  /// Continues a parked fiber on its home thread, until it returns or parks again.
  void Continue();
  bool finished() const { return finished_; }
  FiberHome* home() const { return home_; }
  void* tag = nullptr;  ///< the owner's bookkeeping (the connection)

  /// The fiber running on this thread, or nullptr.
  static Fiber* Current();
  /// From inside a fiber: switches back to the thread that continued it. Someone must call
  /// home()->Resume(this) later (Event::Set does).
  static void Park();

  // 2 MiB of address space per stack, touched lazily (MAP_NORESERVE): handlers call SQLite,
  // JSON parsing and PDF rendering (pango, cairo), and only the pages they touch cost memory.
  // A guard page below turns an overflow into a crash, not corruption.
  static constexpr size_t kDefaultStack = 2 * 1024 * 1024;

 private:
  static void Entry(unsigned lo, unsigned hi);
  void SwitchIn();

  ucontext_t ctx_{};
  ucontext_t caller_{};
  char* map_ = nullptr;
  size_t map_bytes_ = 0;
  std::function<void()> fn_;
  FiberHome* home_ = nullptr;
  bool finished_ = true;
};

/// A one-shot signal that parks a fiber (or blocks a plain thread) until Set().
class Event {
 public:
  void Wait();
  /// Thread-safe; after it, the waiter may return and destroy the Event at once.
  void Set();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
  Fiber* fiber_ = nullptr;
};

}  // namespace jixu::http
