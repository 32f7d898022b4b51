#pragma once
// `jixu serve`: wires storage, the group-commit writer, the read pool, the API and the HTTP
// server together, and runs until SIGTERM or SIGINT (graceful: in-flight requests finish).
#include <iosfwd>
#include <memory>

#include "app/data_files.hpp"
#include "core/common/clock.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "storage/factory.hpp"

namespace jixu::http {

struct ServeOptions {
  ServerOptions server;
  ApiConfig api;
  storage::StoreConfig store;
  int read_connections = 8;  ///< SQLite read connections (PostgreSQL: its pool size)
};

/// Runs the server; prints "listening on http://HOST:PORT" to `out` once it accepts.
int Serve(const ServeOptions& options, std::shared_ptr<const app::DataFiles> data,
          ClockPtr clock, std::ostream& out, std::ostream& err);

}  // namespace jixu::http
