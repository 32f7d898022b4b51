#include "http/serve.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "app/crypto.hpp"
#include "certs/audit_checkpoint.hpp"
#include "http/dispatch.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/suspend.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace jixu::http {
namespace {

/// Test hook: with JIXU_TEST_CLOCK_FILE set, the number of seconds in that file is added to
/// the wall clock on every reading, so API tests can age a session without sleeping. Never set
/// in production (the variable is documented in docs/operations.md as test-only).
class ShiftableClock final : public Clock {
 public:
  ShiftableClock(ClockPtr inner, std::string file) : inner_(std::move(inner)), file_(std::move(file)) {}
  Date Today() const override { return inner_->Today(); }
  int64_t NowUnixSeconds() const override {
    int64_t offset = 0;
    std::ifstream in(file_);
    in >> offset;
    return inner_->NowUnixSeconds() + offset;
  }

 private:
  ClockPtr inner_;
  std::string file_;
};

storage::StorePtr OpenReadStore(const storage::StoreConfig& c) {
  if (!c.database_url.empty()) {
    storage::PostgresOptions o;
    o.pool_size = 16;
    o.data_key_file = c.data_key_file;
    return storage::OpenPostgresStore(c.database_url, o);
  }
  storage::SqliteOptions o;
  o.cache_mib = 16;
  o.data_key_file = c.data_key_file;
  return storage::OpenSqliteStore(c.sqlite_path, o);
}

std::string IdSecret(storage::Store& store) {
  std::string secret;
  auto uow = store.Begin();
  secret = store.settings().PutIfAbsent("id_secret", app::RandomHex(16));
  uow->Commit();
  return secret;
}

}  // namespace

int Serve(const ServeOptions& options, std::shared_ptr<const app::DataFiles> data,
          ClockPtr clock, std::ostream& out, std::ostream& err) {
  // Block the stop signals in every thread started from here on; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  if (const char* f = std::getenv("JIXU_TEST_CLOCK_FILE"); f != nullptr && *f != '\0') {
    clock = std::make_shared<ShiftableClock>(clock, f);
  }
  auto writer = storage::OpenStore(options.store);  // migrates
  const std::string secret = IdSecret(*writer);
  const bool shared = !options.store.database_url.empty();
  StorePool reads([&] { return OpenReadStore(options.store); }, options.read_connections, shared);
  WriteQueue writes(*writer);
  Api api(options.api, std::move(data), clock, reads, writes, Ids(secret));
  api.dummy_password_hash = app::DummyPasswordHash(options.api.password_cost);
  api.audit_key = app::OpenAuditKeyForWriting(*writer, options.audit.key);
  certs::AuditCheckpointer checkpoints(options.store, api.audit_key, options.audit.checkpoints,
                                       options.audit_checkpoint_s, clock, err);
  // The notice worker uses the clock the API uses (a test's shifted clock included).
  std::optional<app::notify::Notifier> notifier;
  if (options.notify_worker) {
    notifier.emplace(options.store, api.data, clock, options.notify, err);
    api.notifier = &*notifier;
  }
  AccessLog log(stderr);
  const StaticFiles files = StaticFiles::Load(options.api.web_root);
  WorkerPool workers(options.worker_threads > 0
                         ? options.worker_threads
                         : std::max(4, static_cast<int>(std::thread::hardware_concurrency())));
  Dispatcher dispatcher(api, BuildRouter(), log, files, options.bodies, workers);
  Server server(options.server, dispatcher);
  server.Listen();
  const bool tls = !options.server.tls_cert_file.empty();
  out << "listening on " << (tls ? "https://" : "http://") << options.server.host << ":"
      << server.port() << std::endl;

  // Waits for a stop signal; every 10 minutes meanwhile, expired sessions are deleted (they
  // are refused anyway; this only keeps the table small).
  auto purge = [&] {
    const int64_t now = api.clock->NowUnixSeconds();
    const int64_t idle = options.api.session_idle_s;
    writes.Post([now, idle](storage::Store& s) { s.sessions().Purge(now, idle); });
    checkpoints.Tick();
  };
  purge();
  std::thread signals([&] {
    const timespec every{600, 0};
    while (sigtimedwait(&stop_signals, nullptr, &every) < 0) {
      if (errno == EAGAIN) purge();
    }
    server.Stop();
  });
  server.Run();
  // Run() also returns if accept fails for good; wake the signal thread in that case.
  ::kill(::getpid(), SIGTERM);
  signals.join();
  writes.Shutdown();
  checkpoints.Final();
  out << "stopped after " << writes.commits() << " commits" << std::endl;
  (void)err;
  return 0;
}

}  // namespace jixu::http
