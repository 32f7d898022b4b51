#pragma once
// `jixu serve`: wires storage, the group-commit writer, the read pool, the API and the HTTP
// server together, and runs until SIGTERM or SIGINT (graceful: in-flight requests finish).
#include <iosfwd>
#include <memory>

#include "app/audit_key.hpp"
#include "app/data_files.hpp"
#include "app/notify/notifier.hpp"
#include "core/common/clock.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "storage/factory.hpp"

namespace jixu::http {

struct ServeOptions {
  ServerOptions server;
  ApiConfig api;
  BodyLimits bodies;
  /// Threads for slow routes (router.cpp's list); 0: max(4, cores).
  int worker_threads = 0;
  storage::StoreConfig store;
  /// SQLite read connections, opened on demand. A write request keeps its read connection while
  /// it waits for the group commit, so this bounds the writes one commit can carry: 64 lets 64
  /// concurrent writers share one fsync. (PostgreSQL: one shared store with its own pool.)
  int read_connections = 64;
  app::AuditFiles audit;  ///< the audit key and the checkpoint file
  /// A signed audit checkpoint at start, then this often (checked on the 10-minute tick), and
  /// at shutdown; 0: none (docs/operations.md).
  int64_t audit_checkpoint_s = 3600;
  /// Reminders and e-mail of notices (app/notify/notifier.hpp); `notify_worker` false: none
  /// (the notices are still stored and read in-app).
  bool notify_worker = true;
  app::notify::NotifierOptions notify;
};

/// Runs the server; prints "listening on http://HOST:PORT" to `out` once it accepts.
int Serve(const ServeOptions& options, std::shared_ptr<const app::DataFiles> data,
          ClockPtr clock, std::ostream& out, std::ostream& err);

}  // namespace jixu::http
