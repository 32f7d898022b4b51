#include "http/dispatch.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "http/problem.hpp"

namespace jixu::http {
namespace {

constexpr const char* kPlaceholderPage =
    "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<title>jixu 继续教育登记</title></head><body>"
    "<h1>专业技术人员继续教育登记系统</h1>"
    "<p>Web 界面尚未构建（web/dist）。API 见 <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>。</p>"
    "<p>The web UI is not built yet (web/dist). The API is described at "
    "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p></body></html>";

std::string ContentType(const std::string& path) {
  auto ends = [&](const char* ext) {
    const std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".wasm")) return "application/wasm";
  return "application/octet-stream";
}

bool ReadWhole(const std::filesystem::path& p, std::string& out) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return false;
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

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

Response Dispatcher::Handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/healthz" ||
                   req.path == "/readyz" || req.path.rfind("/.well-known/", 0) == 0;
  Response resp = api ? Route(req) : Static(req);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start).count();
  std::string line = req.method;
  line += ' ';
  line += api ? (req.route.empty() ? std::string("(no route)") : req.route) : std::string("(static)");
  line += ' ';
  line += std::to_string(resp.status);
  line += ' ';
  line += std::to_string(micros);
  line += "us";
  log_.Line(std::move(line));
  return resp;
}

Response Dispatcher::Route(Request& req) {
  bool path_known = false;
  const http::Route* route = router_.Match(req.method, req.path, req.params, path_known);
  if (route == nullptr) {
    if (path_known) {
      return ProblemResponse(405, {MakeError("method_not_allowed", "", "不支持该请求方法",
                                             "method not allowed")});
    }
    return ProblemResponse(404, {MakeError("not_found", "", "未找到", "not found")});
  }
  req.route = route->pattern;
  auto log_fault = [&](const std::string& what) {
    log_.Line("fault " + req.method + " " + route->pattern + ": " + what);
  };
  return Guard(
      [&]() -> Response {
        auto lease = api_.reads.Acquire();
        Call call{api_, req, *lease, {}, api_.clock->NowUnixSeconds()};
        Authenticate(call);
        if (!route->is_public) {
          if (!call.caller.authenticated) ThrowUnauthorized();
          if (!route->roles.empty() &&
              std::find(route->roles.begin(), route->roles.end(), call.caller.user.role) ==
                  route->roles.end()) {
            ThrowForbidden();
          }
        }
        return route->fn(call);
      },
      log_fault);
}

Response Dispatcher::Static(const Request& req) {
  if (req.method != "GET" && req.method != "HEAD") {
    return ProblemResponse(405, {MakeError("method_not_allowed", "", "不支持该请求方法",
                                           "method not allowed")});
  }
  Response r;
  r.content_type = "text/html; charset=utf-8";
  const auto& root = api_.config.web_root;
  if (root.empty()) {
    r.body = kPlaceholderPage;
    return r;
  }
  // No segment may climb out of the root.
  if (req.path.find("..") != std::string::npos || req.path.find('\\') != std::string::npos) {
    return ProblemResponse(404, {MakeError("not_found", "", "未找到", "not found")});
  }
  const std::filesystem::path file = root / std::filesystem::path(req.path.substr(1));
  if (req.path != "/" && ReadWhole(file, r.body)) {
    r.content_type = ContentType(file.string());
    return r;
  }
  if (!ReadWhole(root / "index.html", r.body)) r.body = kPlaceholderPage;
  return r;
}

}  // namespace jixu::http
