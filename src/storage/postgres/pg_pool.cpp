#include "storage/postgres/pg_pool.hpp"

#include "core/common/error.hpp"

namespace jixu::storage::pg {
namespace {

// Temp staging tables of a 100k-row import batch are ~30 MB; the default 8 MB of temp_buffers
// would spill them to disk (must be set before the session first touches a temp table). JIT
// compilation costs 100-200 ms per statement and never pays off for jixu's statements, which are
// either indexed lookups or streams dominated by output.
constexpr const char* kSessionSetup =
    "SET temp_buffers = '256MB'; SET jit = off; SET application_name = 'jixu'";

}  // namespace

PgPool::PgPool(std::string url, int max_size) : url_(std::move(url)), max_size_(max_size) {}

PgPool::~PgPool() = default;

PgPool::Lease& PgPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = other.pool_;
    conn_ = std::move(other.conn_);
    other.pool_ = nullptr;
  }
  return *this;
}

void PgPool::Lease::Release() {
  if (pool_ != nullptr && conn_) pool_->Return(std::move(conn_));
  pool_ = nullptr;
}

PgPool::Lease PgPool::Acquire() {
  std::unique_lock lock(mu_);
  available_.wait(lock, [&] { return !idle_.empty() || open_ < max_size_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    auto conn = std::make_unique<PgConnection>(url_);
    conn->Exec(kSessionSetup);
    return Lease(this, std::move(conn));
  } catch (...) {
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void PgPool::Return(std::unique_ptr<PgConnection> conn) {
  // A connection left inside a transaction (an exception between BEGIN and COMMIT) is rolled
  // back here, so the next borrower always starts clean; one that cannot be cleaned is closed.
  if (conn->Healthy() && conn->InTransaction()) {
    try {
      conn->Exec("ROLLBACK");
    } catch (const Fault&) {
    }
  }
  std::lock_guard lock(mu_);
  if (conn->Healthy() && !conn->InTransaction()) {
    idle_.push_back(std::move(conn));
  } else {
    conn.reset();
    --open_;
  }
  available_.notify_one();
}

PgDatabase::Pinned* PgDatabase::FindPinned() {
  std::lock_guard lock(pins_mu_);
  auto it = pins_.find(std::this_thread::get_id());
  return it == pins_.end() ? nullptr : it->second.get();
}

ConnRef PgDatabase::Borrow() {
  if (Pinned* pinned = FindPinned()) return ConnRef(pinned->lease.get());
  return ConnRef(pool_.Acquire());
}

/// One level of the calling thread's transaction. Pinned to the thread that opened it.
class PgUnitOfWork final : public UnitOfWork {
 public:
  PgUnitOfWork(PgDatabase& db, std::thread::id thread) : db_(db), thread_(thread) {}
  ~PgUnitOfWork() override {
    if (!done_) db_.EndLevel(thread_, false);
  }
  void Commit() override {
    if (done_) throw Fault("transaction_closed", "unit of work already ended");
    done_ = true;  // set first: a failing commit has already rolled back
    db_.EndLevel(thread_, true);
  }

 private:
  PgDatabase& db_;
  std::thread::id thread_;
  bool done_ = false;
};

UnitOfWorkPtr PgDatabase::Begin() {
  const auto thread = std::this_thread::get_id();
  if (Pinned* pinned = FindPinned()) {
    ++pinned->depth;
    return std::make_unique<PgUnitOfWork>(*this, thread);
  }
  auto pinned = std::make_unique<Pinned>();
  pinned->lease = pool_.Acquire();
  pinned->lease->Exec("BEGIN");
  {
    std::lock_guard lock(pins_mu_);
    pins_.emplace(thread, std::move(pinned));
  }
  return std::make_unique<PgUnitOfWork>(*this, thread);
}

void PgDatabase::EndLevel(std::thread::id thread, bool commit) {
  std::unique_ptr<Pinned> outer;
  {
    std::lock_guard lock(pins_mu_);
    auto it = pins_.find(thread);
    if (it == pins_.end()) return;
    Pinned& p = *it->second;
    if (p.depth > 1) {
      --p.depth;
      if (!commit) p.rollback_only = true;
      return;
    }
    outer = std::move(it->second);
    pins_.erase(it);
  }
  PgConnection& conn = *outer->lease;
  if (!commit || outer->rollback_only) {
    try {
      conn.Exec("ROLLBACK");
    } catch (const Fault&) {
      // A broken connection is closed when the lease returns it; nothing else to undo.
    }
    if (commit) {
      throw Fault("transaction_aborted",
                  "a nested unit of work was abandoned; the whole transaction was rolled back");
    }
    return;
  }
  try {
    outer->summaries.Flush(conn);
  } catch (...) {
    try {
      conn.Exec("ROLLBACK");
    } catch (const Fault&) {
    }
    throw;
  }
  PgResult done = conn.Exec("COMMIT");
  // COMMIT of a transaction that hit an error answers "ROLLBACK" instead of failing.
  if (done.CommandTag() == "ROLLBACK") {
    throw Fault("transaction_aborted", "PostgreSQL rolled the transaction back at commit");
  }
}

void PgDatabase::Atomically(const std::function<void(PgConnection&)>& fn) {
  if (Pinned* pinned = FindPinned()) {
    try {
      fn(*pinned->lease);
    } catch (...) {
      pinned->rollback_only = true;
      throw;
    }
    return;
  }
  PgPool::Lease lease = pool_.Acquire();
  lease->Exec("BEGIN");
  try {
    fn(*lease);
  } catch (...) {
    try {
      lease->Exec("ROLLBACK");
    } catch (const Fault&) {
    }
    throw;
  }
  PgResult done = lease->Exec("COMMIT");
  if (done.CommandTag() == "ROLLBACK") {
    throw Fault("storage_error", "PostgreSQL rolled the transaction back at commit");
  }
}

void PgDatabase::OneStatement(const std::function<void(PgConnection&)>& fn) {
  if (FindPinned() != nullptr) {
    Atomically(fn);
    return;
  }
  PgPool::Lease lease = pool_.Acquire();
  fn(*lease);
}

SummaryBuffer* PgDatabase::UnitSummaries() {
  Pinned* pinned = FindPinned();
  return pinned ? &pinned->summaries : nullptr;
}

void PgDatabase::FlushUnitSummaries() {
  Pinned* pinned = FindPinned();
  if (pinned == nullptr || pinned->summaries.empty()) return;
  Atomically([&](PgConnection& conn) { pinned->summaries.Flush(conn); });
}

}  // namespace jixu::storage::pg
