// Requests as the server reads them: the strict head check and Beast's parser (http/head.hpp),
// the target split into decoded segments (http/target.hpp), the router's match on them, then the
// body through Beast's parser under a limit. The input is the bytes a client would send.
//
// Invariants (a violation traps): an accepted head has exactly one Host, never both
// Content-Length and Transfer-Encoding, lower-case header names, and a target whose API path
// decoded into UTF-8 segments without control characters, exactly one per raw '/'.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>

#include "http/head.hpp"
#include "http/router.hpp"
#include "http/target.hpp"

namespace {

using jixu::http::Request;

jixu::http::Response Dummy(jixu::http::Call&) { return {}; }

const jixu::http::Router& TheRouter() {
  static const jixu::http::Router router = [] {
    jixu::http::Router r;
    // The shapes the API's patterns take: literals, captures, captures between literals.
    for (const char* p : {"/healthz", "/api/v1/openapi.json", "/api/v1/persons", "/api/v1/persons/{id}",
                          "/api/v1/persons/{id}/compliance", "/api/v1/imports/{kind}",
                          "/api/v1/classes/{id}/enrolments/{person_id}/certificate",
                          "/api/v1/records/{id}/evidence/{sha256}", "/.well-known/jixu-keys.json"}) {
      r.Add({"GET", p, Dummy});
      r.Add({"POST", p, Dummy});
    }
    return r;
  }();
  return router;
}

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool Clean(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return jixu::http::ValidUtf8(s);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t end = in.find("\r\n\r\n");
  if (end == std::string_view::npos || end > 16 * 1024) return 0;
  Request req;
  jixu::http::RequestParser parser;
  std::string head(in.substr(0, end));
  if (auto refusal = jixu::http::ParseHead(head, 16 * 1024, parser, req)) {
    Check(refusal->status >= 400 && refusal->close);
    return 0;
  }
  Check(req.headers.count("host") == 1);
  Check(!(req.headers.count("content-length") == 1 && req.headers.count("transfer-encoding") == 1));
  for (const auto& [name, value] : req.headers) {
    for (char c : name) Check(!(c >= 'A' && c <= 'Z'));
  }
  if (jixu::http::IsApiPath(req.path)) {
    // One segment per raw '/': a decoded "%2F" stays inside its segment, never splits it.
    Check(req.segments.size() == static_cast<size_t>(std::count(req.path.begin(), req.path.end(), '/')));
    for (const auto& seg : req.segments) Check(Clean(seg));
    for (const auto& [k, v] : req.query) Check(Clean(k) && Clean(v));
    std::unordered_map<std::string, std::string> params;
    bool known = false;
    if (const auto* route = TheRouter().Match(req.method, req.segments, params, known)) {
      Check(route->method == req.method);
      for (const auto& [k, v] : params) Check(!v.empty());
    }
  }
  // The body, as the server reads it: under a limit, however it is framed.
  parser.body_limit(64 * 1024);
  std::string_view rest = in.substr(end + 4);
  boost::beast::error_code ec;
  while (!rest.empty() && !parser.is_done()) {
    const size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec || used == 0) break;
    rest.remove_prefix(used);
  }
  if (parser.is_done()) Check(parser.get().body().size() <= 64 * 1024);
  return 0;
}
