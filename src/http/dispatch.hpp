#pragma once
// The server's request handler: routes /api/v1/*, /healthz, /readyz and /.well-known/*, serves
// the web UI's files (static_files.hpp: exact paths only) for everything else, and writes one
// access-log line per request (method, route pattern, status, latency: never a path with ids, a
// token or a body).
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include <optional>

#include "http/api.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "http/suspend.hpp"
#include "http/target.hpp"

namespace jixu::http {

/// Access log lines buffered and written by a background thread, so a request never waits on
/// the log's file descriptor.
class AccessLog {
 public:
  explicit AccessLog(std::FILE* out);
  ~AccessLog();
  void Line(std::string line);

 private:
  void Flush();
  std::FILE* out_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string buf_;
  bool stop_ = false;
  std::thread thread_;
};

/// What the server learns from a request's headers alone, before it reads any body (limits
/// before work): the route, the authenticated caller, how large a body the route takes, and —
/// when the request will be refused anyway (no route, no session, wrong role) — the answer,
/// sent without reading the body.
struct Admission {
  bool api = false;
  const Route* route = nullptr;
  Caller caller;
  std::optional<Response> refusal;
  size_t body_limit = 0;
  bool offload = false;
  /// The read store that authenticated the caller, kept for the handler when there is no body
  /// to wait for (a slow client must not hold a read connection while it uploads).
  std::optional<StorePool::Lease> lease;
};

struct BodyLimits {
  size_t json_bytes = size_t{2} << 20;     ///< JSON bodies (and routes that document none)
  size_t upload_bytes = size_t{64} << 20;  ///< imports (CSV, .xlsx)
  size_t evidence_bytes = size_t{10} << 20;  ///< evidence files (PDF, images)
};

class Dispatcher {
 public:
  Dispatcher(Api& api, Router router, AccessLog& log, const StaticFiles& files, BodyLimits limits,
             WorkerPool& workers)
      : api_(api), router_(std::move(router)), log_(log), files_(files), limits_(limits),
        workers_(workers) {}
  /// Routes and authenticates on the headers (req.body is still empty).
  Admission Admit(Request& req);
  /// Answers an admitted request whose body has been read; slow routes run on the worker pool.
  Response Handle(Request& req, Admission& admission);
  /// One access-log line (method, route pattern, status, latency; never the raw path).
  void Log(const Request& req, const Admission* admission, int status, int64_t micros);
  const Router& router() const { return router_; }

 private:
  Response RunRoute(Request& req, Admission& admission);
  Api& api_;
  Router router_;
  AccessLog& log_;
  const StaticFiles& files_;
  BodyLimits limits_;
  WorkerPool& workers_;
};

}  // namespace jixu::http
