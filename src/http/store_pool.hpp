#pragma once
// Read stores for the request threads. SQLite: a pool of connections (each a Store), borrowed
// for one request; WAL lets them read beside the writer. PostgreSQL: one Store is thread-safe
// (it pools connections inside), so every lease is that store.
//
// A request keeps its lease while it waits for its group commit, so with SQLite the pool size
// bounds how many writes can share one commit (serve.hpp sizes it). When the pool is exhausted a
// request's coroutine suspends (its io_context goes on) instead of blocking the socket thread.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/storage/store.hpp"
#include "http/suspend.hpp"

namespace jixu::http {

class StorePool {
 public:
  /// `open` makes a new read store; at most `max_size` exist.
  StorePool(std::function<storage::StorePtr()> open, int max_size, bool shared);

  class Lease {
   public:
    Lease(StorePool* pool, storage::Store* store) : pool_(pool), store_(store) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), store_(o.store_) { o.store_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease() {
      if (store_ != nullptr) pool_->Return(store_);
    }
    storage::Store& operator*() const { return *store_; }
    storage::Store* operator->() const { return store_; }

   private:
    StorePool* pool_;
    storage::Store* store_;
  };

  Lease Acquire();

 private:
  void Return(storage::Store* store);
  std::function<storage::StorePtr()> open_;
  int max_size_;
  int opened_ = 0;
  bool shared_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<storage::StorePtr> all_;
  std::vector<storage::Store*> idle_;
  std::deque<Event*> parked_;  ///< coroutines waiting for a store, first come first served
};

}  // namespace jixu::http
