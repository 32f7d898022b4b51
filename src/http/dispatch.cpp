#include "http/dispatch.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "http/problem.hpp"

namespace jixu::http {
AccessLog::AccessLog(std::FILE* out) : out_(out), thread_([this] { Flush(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void AccessLog::Line(std::string line) {
  std::lock_guard lock(mu_);
  // Bounded: if the log cannot keep up, lines are dropped rather than memory growing.
  if (buf_.size() < (size_t{8} << 20)) {
    buf_ += line;
    buf_ += '\n';
  }
}

void AccessLog::Flush() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop_; });
    std::string out;
    out.swap(buf_);
    lock.unlock();
    if (!out.empty()) {
      std::fwrite(out.data(), 1, out.size(), out_);
      std::fflush(out_);
    }
    lock.lock();
    if (stop_ && buf_.empty()) return;
  }
}


Admission Dispatcher::Admit(Request& req) {
  Admission a;
  a.api = IsApiPath(req.path);
  if (!a.api) {
    a.body_limit = 0;  // the UI's files take no body
    if (req.method != "GET" && req.method != "HEAD") a.refusal = files_.Serve(req);  // 405
    return a;
  }
  bool path_known = false;
  a.route = router_.Match(req.method, req.segments, req.params, path_known);
  if (a.route == nullptr) {
    a.refusal = path_known ? ProblemResponse(405, {MakeError("method_not_allowed", "",
                                                             "不支持该请求方法", "method not allowed")})
                           : ProblemResponse(404, {MakeError("not_found", "", "未找到", "not found")});
    return a;
  }
  req.route = a.route->pattern;
  const Route& route = *a.route;
  a.offload = route.offload;
  a.body_limit = route.body == "csv"      ? limits_.upload_bytes
                 : route.body == "binary" ? limits_.evidence_bytes
                                          : limits_.json_bytes;
  Response refused = Guard(
      [&]() -> Response {
        auto lease = api_.reads.Acquire();
        Call call{api_, req, *lease, {}, api_.clock->NowUnixSeconds()};
        Authenticate(call);
        if (!route.is_public) {
          if (!call.caller.authenticated) ThrowUnauthorized();
          if (!route.roles.empty() &&
              std::find(route.roles.begin(), route.roles.end(), call.caller.user.role) ==
                  route.roles.end()) {
            ThrowForbidden();
          }
        }
        a.caller = std::move(call.caller);
        const std::string* length = req.Header("content-length");
        const bool bodiless = (length == nullptr || *length == "0") &&
                              req.Header("transfer-encoding") == nullptr;
        if (bodiless && !route.offload) a.lease.emplace(std::move(lease));
        return Response::Json(0, "");
      },
      [&](const std::string& what) { log_.Line("fault admit " + route.pattern + ": " + what); });
  if (refused.status != 0) a.refusal = std::move(refused);
  return a;
}

Response Dispatcher::Handle(Request& req, Admission& admission) {
  if (admission.refusal) return std::move(*admission.refusal);
  if (!admission.api) return files_.Serve(req);
  if (!admission.offload) {
    Response resp = RunRoute(req, admission);
    admission.lease.reset();  // back to the pool before the answer is written to a slow reader
    return resp;
  }
  Response resp;
  workers_.Run([&] { resp = RunRoute(req, admission); });
  return resp;
}

Response Dispatcher::RunRoute(Request& req, Admission& admission) {
  const Route& route = *admission.route;
  auto log_fault = [&](const std::string& what) {
    log_.Line("fault " + req.method + " " + route.pattern + ": " + what);
  };
  return Guard(
      [&]() -> Response {
        std::optional<StorePool::Lease> own;
        if (!admission.lease) own.emplace(api_.reads.Acquire());
        storage::Store& store = admission.lease ? **admission.lease : **own;
        // A reading request sees one snapshot (and SQLite locks its WAL read mark once, not
        // once a statement); it ends before the lease goes back to the pool.
        storage::ReadScopePtr snapshot;
        if (req.method == "GET" || req.method == "HEAD") snapshot = store.ReadSnapshot();
        Call call{api_, req, store, std::move(admission.caller), api_.clock->NowUnixSeconds()};
        return route.fn(call);
      },
      log_fault);
}

void Dispatcher::Log(const Request& req, const Admission* admission, int status, int64_t micros) {
  std::string line = req.method.empty() ? std::string("-") : req.method;
  line += ' ';
  if (admission == nullptr) {
    line += "(transport)";
  } else if (!admission->api) {
    line += "(static)";
  } else {
    line += req.route.empty() ? std::string("(no route)") : req.route;
  }
  line += ' ';
  line += std::to_string(status);
  line += ' ';
  line += std::to_string(micros);
  line += "us";
  log_.Line(std::move(line));
}

}  // namespace jixu::http
