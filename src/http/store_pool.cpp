#include "http/store_pool.hpp"

namespace jixu::http {

StorePool::StorePool(std::function<storage::StorePtr()> open, int max_size, bool shared)
    : open_(std::move(open)), max_size_(max_size), shared_(shared) {
  if (shared_) all_.push_back(open_());
}

StorePool::Lease StorePool::Acquire() {
  if (shared_) return Lease(this, all_.front().get());
  std::unique_lock lock(mu_);
  for (;;) {
    if (!idle_.empty()) {
      storage::Store* s = idle_.back();
      idle_.pop_back();
      return Lease(this, s);
    }
    if (opened_ < max_size_) {
      ++opened_;  // counted before opening outside the lock
      lock.unlock();
      storage::StorePtr s;
      try {
        s = open_();
      } catch (...) {
        lock.lock();
        --opened_;
        throw;
      }
      lock.lock();
      all_.push_back(std::move(s));
      return Lease(this, all_.back().get());
    }
    if (CurrentYield() == nullptr) {
      cv_.wait(lock);
      continue;
    }
    Event freed;
    parked_.push_back(&freed);
    lock.unlock();
    freed.Wait();
    lock.lock();
  }
}

void StorePool::Return(storage::Store* store) {
  if (shared_) return;
  Event* parked = nullptr;
  {
    std::lock_guard lock(mu_);
    idle_.push_back(store);
    if (!parked_.empty()) {
      parked = parked_.front();
      parked_.pop_front();
    }
  }
  cv_.notify_one();
  if (parked != nullptr) parked->Set();
}

}  // namespace jixu::http
