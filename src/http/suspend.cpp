#include "http/suspend.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <exception>

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>

namespace jixu::http {
namespace {

thread_local YieldContext* t_yield = nullptr;

/// Suspends the coroutine `y` until the continuation handed to `start` is called (from any
/// thread); the continuation resumes the coroutine on its own io_context. `start` runs before
/// the coroutine suspends, on its thread.
void SuspendUntil(YieldContext& y, const std::function<void(std::function<void()>)>& start) {
  YieldContext* self = t_yield;
  boost::asio::async_initiate<YieldContext, void()>(
      [&start](auto handler) {
        auto ex = boost::asio::get_associated_executor(handler);
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        start([ex, h]() mutable {
          boost::asio::post(ex, [h]() mutable { std::move (*h)(); });
        });
      },
      y);
  t_yield = self;  // other coroutines ran on this thread meanwhile
}

}  // namespace

YieldContext* CurrentYield() { return t_yield; }

SuspendScope::SuspendScope(YieldContext* y) { t_yield = y; }
SuspendScope::~SuspendScope() { t_yield = nullptr; }

void Event::Wait() {
  YieldContext* y = t_yield;
  if (y == nullptr) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return set_; });
    return;
  }
  SuspendUntil(*y, [this](std::function<void()> resume) {
    std::unique_lock lock(mu_);
    if (set_) {
      lock.unlock();
      resume();
      return;
    }
    resume_ = std::move(resume);
  });
}

void Event::Set() {
  std::function<void()> resume;
  {
    std::lock_guard lock(mu_);
    set_ = true;
    resume.swap(resume_);
    // Notified under the lock: once it is released the waiter may destroy this Event.
    if (!resume) cv_.notify_all();
  }
  if (resume) resume();
}

WorkerPool::WorkerPool(int threads)
    : threads_(threads > 0 ? threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()))) {
  work_.emplace(boost::asio::make_work_guard(ctx_));
  for (int i = 0; i < threads_; ++i) {
    workers_.emplace_back([this] {
      // Below the socket threads (errors ignored: without the right to renice, equal priority).
      (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
      ctx_.run();
    });
  }
}

WorkerPool::~WorkerPool() {
  work_.reset();
  for (auto& t : workers_) t.join();
}

void WorkerPool::Run(const std::function<void()>& fn) {
  YieldContext* y = t_yield;
  if (y == nullptr) {
    fn();
    return;
  }
  std::exception_ptr error;
  SuspendUntil(*y, [&](std::function<void()> resume) {
    boost::asio::post(ctx_, [&fn, &error, resume = std::move(resume)] {
      try {
        fn();
      } catch (...) {
        error = std::current_exception();
      }
      resume();
    });
  });
  if (error) std::rethrow_exception(error);
}

}  // namespace jixu::http
