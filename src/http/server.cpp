#include "http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "core/common/error.hpp"

namespace jixu::http {
namespace {

void SetTimeout(int fd, int option, int seconds) {
  timeval tv{seconds, 0};
  setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Response ErrorResponse(int status, const std::string& why) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = "{\"type\":\"about:blank\",\"title\":\"" + std::string(StatusText(status)) +
           "\",\"status\":" + std::to_string(status) + ",\"code\":\"http_" +
           std::to_string(status) + "\",\"detail\":\"" + why +
           "\",\"message_zh\":\"请求无法处理\",\"message_en\":\"" + why + "\"}";
  r.close = true;
  return r;
}

}  // namespace

Server::Server(ServerOptions options, Handler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

Server::~Server() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

void Server::Listen() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw Fault("listen_failed", std::strerror(errno));
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(options_.port));
  if (::inet_pton(AF_INET, options_.host.c_str(), &addr.sin_addr) != 1) {
    throw Fault("listen_failed", "not an IPv4 address: " + options_.host);
  }
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 1024) != 0) {
    throw Fault("listen_failed", options_.host + ":" + std::to_string(options_.port) + ": " +
                                     std::strerror(errno));
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

void Server::Track(int fd, bool add) {
  std::lock_guard lock(mu_);
  if (add) {
    conns_.insert(fd);
    ++active_;
  } else {
    conns_.erase(fd);
    --active_;
    drained_.notify_all();
  }
}

void Server::Run() {
  while (!stopping_) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) {
        if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      break;  // the listener was shut down by Stop()
    }
    {
      std::lock_guard lock(mu_);
      if (stopping_ || active_ >= options_.max_connections) {
        SendAll(fd, Serialize(ErrorResponse(503, "server busy or stopping"), false));
        ::close(fd);
        continue;
      }
      conns_.insert(fd);
      ++active_;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    SetTimeout(fd, SO_SNDTIMEO, options_.request_timeout_s);
    std::thread([this, fd] { Serve(fd); }).detach();
  }
  std::unique_lock lock(mu_);
  drained_.wait_for(lock, std::chrono::seconds(options_.shutdown_grace_s),
                    [&] { return active_ == 0; });
}

void Server::Stop() {
  std::lock_guard lock(mu_);
  if (stopping_.exchange(true)) return;
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  // Read sides only: a request being handled still gets its answer.
  for (int fd : conns_) ::shutdown(fd, SHUT_RD);
}

bool Server::HandleBuffered(int fd, std::string& buf, bool& keep_open) {
  Request req;
  ParseResult pr = ParseRequest(buf, options_.limits, req);
  if (pr.status == ParseStatus::kIncomplete) return false;
  if (pr.status == ParseStatus::kError) {
    SendAll(fd, Serialize(ErrorResponse(pr.error_status, pr.error), false));
    keep_open = false;
    return false;
  }
  buf.erase(0, pr.consumed);
  Response resp = handler_(req);
  const bool keep = req.keep_alive && !resp.close && !stopping_;
  if (!SendAll(fd, Serialize(resp, keep)) || !keep) keep_open = false;
  return keep_open;
}

void Server::Serve(int fd) {
  std::string buf;
  char chunk[16 * 1024];
  int timeout = options_.idle_timeout_s;
  SetTimeout(fd, SO_RCVTIMEO, timeout);
  bool keep_open = true;
  while (keep_open) {
    // Answer every complete request already buffered (pipelining) before reading more.
    while (keep_open && HandleBuffered(fd, buf, keep_open)) {
    }
    if (!keep_open) break;
    const int want = buf.empty() ? options_.idle_timeout_s : options_.request_timeout_s;
    if (want != timeout) SetTimeout(fd, SO_RCVTIMEO, timeout = want);
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      buf.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && !buf.empty()) {
      SendAll(fd, Serialize(ErrorResponse(408, "request timeout"), false));
    }
    break;  // closed by the peer, timed out, or shut down by Stop()
  }
  ::close(fd);
  Track(fd, false);
}

}  // namespace jixu::http
