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


namespace {

bool SeparatedAdmin(storage::Role r) {
  return r == storage::Role::kSecurityAdmin || r == storage::Role::kAuditAdmin;
}

/// Whether a signed-in role may call the route. The security and audit administrators call
/// only the routes that name them and their own account's (tag "auth"): a route open to
/// "any signed-in user" is a registry route, and they see nothing of the registry.
bool RoleMayCall(const Route& route, storage::Role role) {
  if (route.roles.empty()) return !SeparatedAdmin(role) || route.tag == "auth";
  return std::find(route.roles.begin(), route.roles.end(), role) != route.roles.end();
}

/// 403. An administrator learns which administrator the route belongs to (三员分立).
[[noreturn]] void ThrowRefusal(const Route& route, storage::Role role) {
  auto has = [&](storage::Role r) {
    return std::find(route.roles.begin(), route.roles.end(), r) != route.roles.end();
  };
  const bool separated_route = has(storage::Role::kSecurityAdmin) || has(storage::Role::kAuditAdmin);
  if (!SeparatedAdmin(role) && !(role == storage::Role::kAdmin && separated_route)) ThrowForbidden();
  struct Duty {
    storage::Role role;
    const char* zh;
    const char* en;
  };
  static const Duty kDuties[] = {
      {storage::Role::kAdmin, "系统管理员（账户与配置）", "the system administrator (accounts, configuration)"},
      {storage::Role::kSecurityAdmin, "安全管理员（角色、权限、密钥、解锁、两步验证重置）",
       "the security administrator (roles, scopes, keys, unlocks, second-factor resets)"},
      {storage::Role::kAuditAdmin, "审计管理员（查阅与导出审计日志）",
       "the audit administrator (reading and exporting the audit log)"},
  };
  std::string zh, en;
  size_t admins = 0;
  for (const auto& d : kDuties) {
    if (!has(d.role)) continue;
    zh += (admins ? "或" : "") + std::string(d.zh);
    en += (admins ? " or " : "") + std::string(d.en);
    ++admins;
  }
  // A registry route (open to business roles, perhaps to the system administrator too) is
  // named as such; a route of an administrator names whose it is.
  const bool business = !separated_route && (route.roles.empty() || route.roles.size() > admins);
  if (business) {
    zh = "三员分立：安全管理员和审计管理员不能办理登记业务";
    en = "separation of duties: the security and audit administrators do no registry business";
  } else {
    zh = "三员分立：此操作仅限" + zh;
    en = "separation of duties: only " + en + " may do this";
  }
  throw ApiError(403, {MakeError("separation_of_duties", "", std::move(zh), std::move(en))});
}

}  // namespace

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
          if (!RoleMayCall(route, call.caller.user.role)) {
            ThrowRefusal(route, call.caller.user.role);
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
