#pragma once
// An HTTP/1.1 request and response as the handlers see them. Header names are lower-cased by
// the server; the path's segments and the query parameters are percent-decoded (target.hpp).
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jixu::http {

struct Request {
  std::string method;
  std::string target;  ///< as sent: path and query
  std::string path;    ///< the raw path as sent, without the query (never decoded)
  std::vector<std::string> segments;  ///< the path split at '/', then each segment decoded
  std::multimap<std::string, std::string> query;
  std::unordered_map<std::string, std::string> headers;
  std::string body;
  bool keep_alive = true;
  /// The client's address as the socket reports it ("127.0.0.1", "::1"): rate limits and
  /// per-address connection caps key on it. Behind a reverse proxy it is the proxy's.
  std::string remote_addr;
  /// Path parameters filled by the router ({id} → params["id"]).
  std::unordered_map<std::string, std::string> params;
  /// The route pattern matched, for logs (never the raw path: it may carry identifiers).
  std::string route;

  const std::string* Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
  const std::string* Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? nullptr : &it->second;
  }
  const std::string& Param(const std::string& name) const { return params.at(name); }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  ///< close the connection after sending
  /// Static files: the body lives in the server's file table for its whole life and is sent from
  /// there without a copy (then `body` is empty). Caching headers come with it in `headers`.
  std::string_view static_body;

  static Response Json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
};

std::string_view StatusText(int status);

}  // namespace jixu::http
