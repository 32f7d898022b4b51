#pragma once
// Connection pool and per-thread transaction pinning.
//
// The store is shared by the threads of one `jixu serve`; every repository call borrows a
// connection for its duration and returns it. A UnitOfWork instead pins one connection to the
// thread that opened it, so every call that thread makes until Commit/rollback runs inside the
// same transaction, while other threads keep borrowing from the pool.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/storage/store.hpp"
#include "storage/postgres/pg_conn.hpp"
#include "storage/postgres/pg_summary_buffer.hpp"
#include "storage/sql/privacy/key_ring.hpp"

namespace jixu::storage::pg {

class PgPool {
 public:
  PgPool(std::string url, int max_size);
  ~PgPool();

  /// A borrowed connection, returned to the pool (or closed if it broke) on destruction.
  class Lease {
   public:
    Lease() = default;
    Lease(PgPool* pool, std::unique_ptr<PgConnection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease() { Release(); }
    PgConnection& operator*() const { return *conn_; }
    PgConnection* operator->() const { return conn_.get(); }
    PgConnection* get() const { return conn_.get(); }
    void Release();

   private:
    PgPool* pool_ = nullptr;
    std::unique_ptr<PgConnection> conn_;
  };

  /// Waits until a connection is free or can be opened (at most max_size open at once).
  Lease Acquire();
  const std::string& url() const { return url_; }

 private:
  void Return(std::unique_ptr<PgConnection> conn);

  std::string url_;
  int max_size_;
  int open_ = 0;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
};

/// The connection a repository call uses: the thread's pinned transaction if it has one, else a
/// connection borrowed for this call only.
class ConnRef {
 public:
  explicit ConnRef(PgConnection* pinned) : pinned_(pinned) {}
  explicit ConnRef(PgPool::Lease lease) : lease_(std::move(lease)) {}
  PgConnection& operator*() const { return pinned_ ? *pinned_ : *lease_; }
  PgConnection* operator->() const { return pinned_ ? pinned_ : lease_.get(); }
  bool pinned() const { return pinned_ != nullptr; }

 private:
  PgConnection* pinned_ = nullptr;
  PgPool::Lease lease_;
};

/// What every repository shares: the pool and the transactions pinned to threads.
///
/// Nesting follows the SQLite backend exactly: Begin() inside an open unit joins it; a repository
/// call inside a unit runs in the unit's transaction; an inner unit (or call) that fails or is
/// abandoned marks the whole transaction rollback-only, and the outer Commit() then rolls back
/// and throws Fault("transaction_aborted").
class PgDatabase {
 public:
  PgDatabase(std::string url, int pool_size) : pool_(std::move(url), pool_size) {}

  ConnRef Borrow();
  PgPool& pool() { return pool_; }
  /// Seals and opens persons' ID numbers (privacy/key_ring.hpp); owned by the store.
  privacy::KeyRing& keys() { return *keys_; }
  void set_keys(privacy::KeyRing& keys) { keys_ = &keys; }

  /// Opens (or joins) the calling thread's transaction.
  UnitOfWorkPtr Begin();
  /// Runs `fn` atomically: inside the thread's open unit, else in a transaction of its own.
  void Atomically(const std::function<void(PgConnection&)>& fn);
  /// For an `fn` that runs exactly one statement (atomic by itself): inside the thread's open
  /// unit as Atomically does, else in autocommit, saving BEGIN and COMMIT round trips.
  void OneStatement(const std::function<void(PgConnection&)>& fn);

  /// The calling thread's unit's summary buffer (written at commit), or nullptr outside a unit.
  SummaryBuffer* UnitSummaries();
  /// Writes the unit's buffered summary deltas now: before any summary read inside the unit.
  void FlushUnitSummaries();

 private:
  friend class PgUnitOfWork;
  struct Pinned {
    PgPool::Lease lease;
    int depth = 1;
    bool rollback_only = false;
    SummaryBuffer summaries;
  };
  Pinned* FindPinned();
  void EndLevel(std::thread::id thread, bool commit);

  PgPool pool_;
  privacy::KeyRing* keys_ = nullptr;
  std::mutex pins_mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<Pinned>> pins_;
};

}  // namespace jixu::storage::pg
