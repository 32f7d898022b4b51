#include "http/write_queue.hpp"

namespace jixu::http {

WriteQueue::WriteQueue(storage::Store& store) : store_(store), thread_([this] { Loop(); }) {}

WriteQueue::~WriteQueue() { Shutdown(); }

void WriteQueue::Run(std::function<void(storage::Store&)> fn) {
  Waiter waiter;
  {
    std::lock_guard lock(mu_);
    if (stop_) throw Fault("database_unavailable", "server is shutting down");
    queue_.push_back(Job{std::move(fn), &waiter});
  }
  cv_.notify_one();
  waiter.done.Wait();
  if (waiter.error) std::rethrow_exception(waiter.error);
}

void WriteQueue::Post(std::function<void(storage::Store&)> fn) {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    queue_.push_back(Job{std::move(fn), nullptr});
  }
  cv_.notify_one();
}

void WriteQueue::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stop_ && !thread_.joinable()) return;
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void WriteQueue::Loop() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      // Linger briefly when few writes are queued: under load more arrive within the window and
      // share the commit's fsync; an idle server pays at most kLinger once.
      if (queue_.size() < kLingerBelow && !stop_) {
        cv_.wait_for(lock, kLinger, [&] { return stop_ || queue_.size() >= kLingerBelow; });
      }
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void WriteQueue::RunBatch(std::deque<Job>& batch) {
  bool failed = false;
  try {
    auto uow = store_.Begin();
    for (auto& job : batch) {
      try {
        job.fn(store_);
      } catch (...) {
        failed = true;
        break;
      }
    }
    if (!failed) {
      uow->Commit();
      ++commits_;
      for (auto& job : batch) job.Finish(nullptr);
      return;
    }
  } catch (...) {
    // The commit itself failed (disk full, I/O error): nothing of the batch is durable.
    if (!failed) {
      for (auto& job : batch) job.Finish(std::current_exception());
      return;
    }
  }
  // One write threw: the batch rolled back; each write runs again on its own.
  for (auto& job : batch) {
    try {
      auto uow = store_.Begin();
      job.fn(store_);
      uow->Commit();
      ++commits_;
      job.Finish(nullptr);
    } catch (...) {
      job.Finish(std::current_exception());
    }
  }
}

}  // namespace jixu::http
