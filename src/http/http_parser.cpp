#include "http/http_parser.hpp"

#include <algorithm>
#include <charconv>

namespace jixu::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

ParseResult Fail(int status, std::string why) {
  ParseResult r;
  r.status = ParseStatus::kError;
  r.error_status = status;
  r.error = std::move(why);
  return r;
}

bool ParseTarget(Request& out) {
  const size_t q = out.target.find('?');
  if (!PercentDecode(std::string_view(out.target).substr(0, q), out.path, false)) return false;
  if (out.path.empty() || out.path[0] != '/') return false;
  if (q == std::string::npos) return true;
  std::string_view qs = std::string_view(out.target).substr(q + 1);
  while (!qs.empty()) {
    const size_t amp = qs.find('&');
    std::string_view pair = qs.substr(0, amp);
    qs = amp == std::string_view::npos ? std::string_view() : qs.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string k, v;
    if (!PercentDecode(pair.substr(0, eq), k, true)) return false;
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), v, true)) return false;
    out.query.emplace(std::move(k), std::move(v));
  }
  return true;
}

}  // namespace

bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexDigit(in[i + 1]), lo = HexDigit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

ParseResult ParseRequest(std::string_view buf, const ParseLimits& limits, Request& out) {
  const size_t end = buf.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    if (buf.size() > limits.max_header_bytes) return Fail(431, "request headers too large");
    return {};
  }
  if (end > limits.max_header_bytes) return Fail(431, "request headers too large");
  std::string_view head = buf.substr(0, end);
  const size_t line_end = head.find("\r\n");
  std::string_view line = head.substr(0, line_end);
  const size_t sp1 = line.find(' ');
  const size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return Fail(400, "malformed request line");
  out = Request{};
  out.method = std::string(line.substr(0, sp1));
  out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = line.substr(sp2 + 1);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return Fail(505, "unsupported HTTP version");
  out.keep_alive = version == "HTTP/1.1";
  if (!ParseTarget(out)) return Fail(400, "malformed request target");

  std::string_view rest = line_end == std::string_view::npos ? "" : head.substr(line_end + 2);
  while (!rest.empty()) {
    const size_t nl = rest.find("\r\n");
    std::string_view h = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 2);
    const size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return Fail(400, "malformed header");
    out.headers[Lower(h.substr(0, colon))] = std::string(Trim(h.substr(colon + 1)));
  }
  if (out.headers.count("transfer-encoding")) return Fail(501, "transfer-encoding not supported");
  if (auto c = out.Header("connection")) {
    const std::string v = Lower(*c);
    if (v == "close") out.keep_alive = false;
    if (v == "keep-alive") out.keep_alive = true;
  }
  size_t length = 0;
  if (auto cl = out.Header("content-length")) {
    auto [p, ec] = std::from_chars(cl->data(), cl->data() + cl->size(), length);
    if (ec != std::errc() || p != cl->data() + cl->size()) return Fail(400, "bad content-length");
    if (length > limits.max_body_bytes) return Fail(413, "request body too large");
  }
  const size_t body_start = end + 4;
  if (buf.size() < body_start + length) return {};
  out.body = std::string(buf.substr(body_start, length));
  ParseResult r;
  r.status = ParseStatus::kComplete;
  r.consumed = body_start + length;
  return r;
}

}  // namespace jixu::http
