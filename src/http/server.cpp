#include "http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "core/common/error.hpp"

namespace jixu::http {

Server::Server(ServerOptions options, Handler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

Server::~Server() {
  loops_.clear();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

void Server::Listen() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
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

  int n = options_.io_threads;
  if (n <= 0) n = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
  for (int i = 0; i < n; ++i) {
    loops_.push_back(std::make_unique<EventLoop>(options_, handler_, connections_, stopping_));
  }
  loops_[0]->AcceptOn(listen_fd_, [this](int fd) {
    // Only loop 0's thread calls this.
    loops_[next_loop_++ % loops_.size()]->Adopt(fd);
  });
}

void Server::Run() {
  std::vector<std::thread> others;
  for (size_t i = 1; i < loops_.size(); ++i) others.emplace_back([this, i] { loops_[i]->Run(); });
  loops_[0]->Run();
  for (auto& t : others) t.join();
}

void Server::Stop() {
  if (stopping_.exchange(true)) return;
  // New connections are refused from now on (not accepted and answered 503).
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  for (auto& loop : loops_) loop->Stop();
}

}  // namespace jixu::http
