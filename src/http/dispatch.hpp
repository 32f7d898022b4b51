#pragma once
// The server's request handler: routes /api/v1/*, /healthz and /readyz, serves the web UI's
// files for everything else (SPA fallback to index.html), and writes one access-log line per
// request (method, route pattern, status, latency: never a path with ids, a token or a body).
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "http/api.hpp"
#include "http/router.hpp"

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

class Dispatcher {
 public:
  Dispatcher(Api& api, Router router, AccessLog& log) : api_(api), router_(std::move(router)), log_(log) {}
  Response Handle(Request& req);
  const Router& router() const { return router_; }

 private:
  Response Route(Request& req);
  Response Static(const Request& req);
  Api& api_;
  Router router_;
  AccessLog& log_;
};

}  // namespace jixu::http
