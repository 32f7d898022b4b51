#include "http/static_files.hpp"

#include <zlib.h>


#include "app/crypto.hpp"
#include "app/data_files.hpp"
#include "core/common/error.hpp"
#include "http/problem.hpp"

namespace jixu::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPlaceholderPage =
    "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<title>jixu 继续教育登记</title></head><body>"
    "<h1>专业技术人员继续教育登记系统</h1>"
    "<p>Web 界面尚未构建（web/dist）。API 见 <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>。</p>"
    "<p>The web UI is not built yet (web/dist). The API is described at "
    "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p></body></html>";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string ContentType(std::string_view path) {
  if (EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(path, ".js") || EndsWith(path, ".mjs")) return "text/javascript; charset=utf-8";
  if (EndsWith(path, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(path, ".json") || EndsWith(path, ".map")) return "application/json";
  if (EndsWith(path, ".svg")) return "image/svg+xml";
  if (EndsWith(path, ".png")) return "image/png";
  if (EndsWith(path, ".jpg") || EndsWith(path, ".jpeg")) return "image/jpeg";
  if (EndsWith(path, ".ico")) return "image/x-icon";
  if (EndsWith(path, ".woff2")) return "font/woff2";
  if (EndsWith(path, ".woff")) return "font/woff";
  if (EndsWith(path, ".ttf")) return "font/ttf";
  if (EndsWith(path, ".wasm")) return "application/wasm";
  if (EndsWith(path, ".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool Compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.find("json") != std::string::npos ||
         type.find("svg") != std::string::npos || type.find("wasm") != std::string::npos ||
         type == "font/ttf" || type == "image/x-icon";
}

std::string Gzip(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Fault("gzip", "deflateInit2 failed");
  }
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw Fault("gzip", "deflate failed");
  return out;
}

/// The q-value the header gives `coding` (0 when absent or refused).
double Quality(std::string_view header, std::string_view coding) {
  double best = 0;
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name != coding && name != "*") continue;
    double q = 1;
    if (semi != std::string_view::npos) {
      const size_t qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(item.substr(qpos + 2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    if (name == coding) return q;  // an explicit entry beats "*"
    best = q;
  }
  return best;
}

}  // namespace

std::string ChooseEncoding(std::string_view accept_encoding, bool have_br, bool have_gzip) {
  if (have_br && Quality(accept_encoding, "br") > 0) return "br";
  if (have_gzip && Quality(accept_encoding, "gzip") > 0) return "gzip";
  return "";
}

StaticFiles StaticFiles::Load(const fs::path& root) {
  StaticFiles t;
  if (root.empty()) {
    File f;
    f.content_type = "text/html; charset=utf-8";
    f.identity = kPlaceholderPage;
    f.etag = "\"" + app::Sha256Hex(f.identity).substr(0, 32) + "\"";
    t.files_.emplace("/index.html", std::move(f));
    return t;
  }
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw Fault("web_root", "not a folder: " + root.string());
  std::unordered_map<std::string, fs::path> found;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::none, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // Only regular files inside the root: a symbolic link could point anywhere.
    if (!it->is_regular_file() || it->is_symlink()) continue;
    std::string key = "/" + fs::relative(it->path(), root).generic_string();
    // Nothing under a dot-folder or dot-file (Vite's .vite/manifest.json, editors' leftovers).
    if (key.find("/.") != std::string::npos) continue;
    found.emplace(std::move(key), it->path());
  }
  if (ec) throw Fault("web_root", root.string() + ": " + ec.message());
  for (const auto& [key, path] : found) {
    if ((EndsWith(key, ".gz") && found.count(key.substr(0, key.size() - 3)) > 0) ||
        (EndsWith(key, ".br") && found.count(key.substr(0, key.size() - 3)) > 0)) {
      continue;  // a precompressed copy: kept as a variant of its file, not served by its name
    }
    File f;
    f.content_type = ContentType(key);
    f.identity = app::ReadFile(path);
    f.etag = "\"" + app::Sha256Hex(f.identity).substr(0, 32) + "\"";
    f.immutable = key.rfind("/assets/", 0) == 0;
    if (Compressible(f.content_type) && f.identity.size() >= 512) {
      auto gz = found.find(key + ".gz");
      std::string gzip = gz != found.end() ? app::ReadFile(gz->second) : Gzip(f.identity);
      if (gzip.size() < f.identity.size()) f.gzip = std::move(gzip);
      auto br = found.find(key + ".br");
      if (br != found.end()) {
        std::string brotli = app::ReadFile(br->second);
        if (brotli.size() < f.identity.size()) f.brotli = std::move(brotli);
      }
    }
    t.files_.emplace(key, std::move(f));
  }
  if (t.files_.count("/index.html") == 0) {
    throw Fault("web_root", "no index.html in " + root.string());
  }
  return t;
}

size_t StaticFiles::bytes() const {
  size_t n = 0;
  for (const auto& [k, f] : files_) n += f.identity.size() + f.gzip.size() + f.brotli.size();
  return n;
}

Response StaticFiles::Serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") {
    Response r = ProblemResponse(405, {MakeError("method_not_allowed", "", "不支持该请求方法",
                                                 "method not allowed")});
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  auto it = files_.find(req.path == "/" ? std::string("/index.html") : req.path);
  if (it == files_.end()) {
    return ProblemResponse(404, {MakeError("not_found", "", "未找到", "not found")});
  }
  const File& f = it->second;
  Response r;
  r.content_type = f.content_type;
  r.headers.emplace_back("Cache-Control", f.immutable ? "public, max-age=31536000, immutable"
                                                      : "no-cache");
  r.headers.emplace_back("ETag", f.etag);
  if (!f.gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (const std::string* inm = req.Header("if-none-match");
      inm != nullptr && inm->find(f.etag) != std::string::npos) {
    r.status = 304;
    return r;
  }
  const std::string* ae = req.Header("accept-encoding");
  const std::string enc =
      ae == nullptr ? std::string() : ChooseEncoding(*ae, !f.brotli.empty(), !f.gzip.empty());
  if (enc == "br") {
    r.static_body = f.brotli;
  } else if (enc == "gzip") {
    r.static_body = f.gzip;
  } else {
    r.static_body = f.identity;
  }
  if (!enc.empty()) r.headers.emplace_back("Content-Encoding", enc);
  return r;
}

}  // namespace jixu::http
