#pragma once
// A small blocking HTTP/1.1 client for the API tests: one connection per Client, keep-alive.
// Every answer to Request (and so Get, Post) is checked against the OpenAPI document
// (docs/api.md#openapi): a body the document does not describe fails the test that received it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/openapi/document.hpp"
#include "http/router.hpp"
#include "support/json_schema.hpp"

namespace jixu::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

/// The document the server answers at /api/v1/openapi.json, built the same way.
inline const nlohmann::json& ApiDocument() {
  static const nlohmann::json doc = http::OpenApiDocument(http::BuildRouter());
  return doc;
}

/// Fails the current test for every way `r` (the answer to method target) departs from the
/// OpenAPI document.
inline void ExpectDocumented(const std::string& method, const std::string& target, const HttpResponse& r) {
  if (r.status == 0) return;  // the connection closed: no answer to check
  auto ct = r.headers.find("content-type");
  const ApiAnswer answer{method, target, r.status, ct == r.headers.end() ? "" : ct->second, r.body};
  for (const auto& e : CheckApiResponse(ApiDocument(), answer)) ADD_FAILURE() << "OpenAPI drift: " << e;
}

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}
  ~HttpClient() { Close(); }
  HttpClient(const HttpClient&) = delete;

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buf_.clear();
  }

  /// Sends raw bytes (for pipelining tests).
  void SendRaw(const std::string& data) {
    Connect();
    size_t off = 0;
    while (off < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      off += static_cast<size_t>(n);
    }
  }

  /// Reads one response; status 0 if the connection closed first.
  HttpResponse Read() {
    HttpResponse r;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return r;
    }
    const std::string head = buf_.substr(0, end);
    r.status = std::stoi(head.substr(9, 3));
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos < head.size()) {
      const size_t next = head.find("\r\n", pos + 2);
      const std::string line = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      const size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string k = line.substr(0, colon);
        for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[k] = line.substr(colon + 2);
      }
      pos = next;
    }
    const auto cl = r.headers.find("content-length");
    const size_t length = cl == r.headers.end() ? 0 : std::stoul(cl->second);
    while (buf_.size() < end + 4 + length) {
      if (!Fill()) return HttpResponse{};
    }
    r.body = buf_.substr(end + 4, length);
    buf_.erase(0, end + 4 + length);
    if (r.headers["connection"] == "close") Close();
    return r;
  }

  HttpResponse Request(const std::string& method, const std::string& target,
                       const std::string& token = "", const std::string& body = "",
                       const std::string& content_type = "application/json") {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
    if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
    if (!body.empty() || method == "POST" || method == "PATCH") {
      req += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    try {
      SendRaw(req);
    } catch (const std::exception&) {
      Close();  // the server closed an idle keep-alive connection: one retry on a new one
      SendRaw(req);
    }
    HttpResponse r = Read();
    ExpectDocumented(method, target, r);
    return r;
  }

  HttpResponse Get(const std::string& t, const std::string& tok = "") { return Request("GET", t, tok); }
  HttpResponse Post(const std::string& t, const nlohmann::json& b, const std::string& tok = "") {
    return Request("POST", t, tok, b.dump());
  }

 private:
  void Connect() {
    if (fd_ >= 0) return;
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      Close();
      throw std::runtime_error("connect failed");
    }
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  bool Fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      Close();
      return false;
    }
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int port_;
  int fd_ = -1;
  std::string buf_;
};

}  // namespace jixu::testing
