#include "http/event_loop.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "core/common/error.hpp"
#include "http/server.hpp"

namespace jixu::http {
namespace {

constexpr uint64_t kEventTag = ~uint64_t{0};
constexpr uint64_t kListenTag = ~uint64_t{0} - 1;
constexpr int kSweepEveryMs = 200;
// Responses queued but unsent beyond this stop the parsing of further pipelined requests until
// the client reads: memory per connection stays bounded.
constexpr size_t kMaxPendingOut = size_t{1} << 20;
constexpr size_t kMaxSpareFibers = 256;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Response TransportError(int status, const std::string& why) {
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

struct EventLoop::Conn {
  int fd = -1;
  std::string in;   ///< received, not yet parsed
  std::string out;  ///< serialised responses; out[sent..] not yet sent
  size_t sent = 0;
  std::unique_ptr<Fiber> fiber;  ///< the handler in flight (at most one: answers stay in order)
  Request req;
  Response resp;
  bool close_after_send = false;
  bool eof = false;     ///< no more reading: the peer closed, or the server is stopping
  bool broken = false;  ///< send failed: close without further ado
  uint32_t interest = 0;
  int64_t deadline_ms = 0;
  size_t Pending() const { return out.size() - sent; }
};

EventLoop::EventLoop(const ServerOptions& options, const Handler& handler,
                     std::atomic<int>& connections, const std::atomic<bool>& stopping)
    : options_(options), handler_(handler), connections_(connections), stopping_(stopping) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  event_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || event_fd_ < 0) throw Fault("listen_failed", std::strerror(errno));
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kEventTag;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, event_fd_, &ev);
}

EventLoop::~EventLoop() {
  for (auto& [fd, c] : conns_) {
    ::close(fd);
    // A fiber still parked here (the grace ran out) may yet be signalled by the writer, whose
    // Event lives on the fiber's stack: the stack is deliberately left mapped.
    (void)c->fiber.release();
  }
  for (int fd : adopted_) ::close(fd);  // placed here after this loop had stopped
  ::close(event_fd_);
  ::close(epoll_fd_);
}

void EventLoop::AcceptOn(int listen_fd, std::function<void(int)> place) {
  listen_fd_ = listen_fd;
  place_ = std::move(place);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kListenTag;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &ev);
}

void EventLoop::Wake() {
  const uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(event_fd_, &one, sizeof one);
}

void EventLoop::Adopt(int fd) {
  bool wake;
  {
    std::lock_guard lock(mu_);
    adopted_.push_back(fd);
    wake = !std::exchange(woken_, true);
  }
  if (wake) Wake();
}

void EventLoop::Resume(Fiber* f) {
  bool wake;
  {
    std::lock_guard lock(mu_);
    resumed_.push_back(f);
    // One eventfd write per batch of completions: a group commit of 64 writes wakes each loop once.
    wake = !std::exchange(woken_, true);
  }
  if (wake) Wake();
}

void EventLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_requested_ = true;
    woken_ = true;
  }
  Wake();
}

void EventLoop::Run() {
  epoll_event events[256];
  now_ms_ = NowMs();
  next_sweep_ms_ = now_ms_ + kSweepEveryMs;
  for (;;) {
    const int n = ::epoll_wait(epoll_fd_, events, 256, kSweepEveryMs);
    now_ms_ = NowMs();
    for (int i = 0; i < n; ++i) {
      const uint64_t tag = events[i].data.u64;
      if (tag == kEventTag) {
        DrainQueue();
      } else if (tag == kListenTag) {
        Accept();
      } else if (auto it = conns_.find(static_cast<int>(tag)); it != conns_.end()) {
        OnEvent(*it->second, events[i].events);
      }
    }
    if (now_ms_ >= next_sweep_ms_) {
      Sweep();
      next_sweep_ms_ = now_ms_ + kSweepEveryMs;
    }
    if (draining_ && (conns_.empty() || now_ms_ >= grace_end_ms_)) return;
  }
}

void EventLoop::DrainQueue() {
  uint64_t count;
  [[maybe_unused]] ssize_t r = ::read(event_fd_, &count, sizeof count);
  std::vector<Fiber*> resumed;
  std::vector<int> adopted;
  bool stop;
  {
    std::lock_guard lock(mu_);
    resumed.swap(resumed_);
    adopted.swap(adopted_);
    stop = stop_requested_;
    woken_ = false;
  }
  for (int fd : adopted) Add(fd);
  for (Fiber* f : resumed) {
    f->Continue();
    if (!f->finished()) continue;  // parked again (e.g. a second write)
    Conn& c = *static_cast<Conn*>(f->tag);
    Complete(c);
    Advance(c);
  }
  if (stop && !draining_) BeginDrain();
}

void EventLoop::BeginDrain() {
  draining_ = true;
  grace_end_ms_ = now_ms_ + int64_t{options_.shutdown_grace_s} * 1000;
  if (listen_fd_ >= 0) ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
  std::vector<int> fds;
  for (const auto& [fd, c] : conns_) fds.push_back(fd);
  for (int fd : fds) {
    auto it = conns_.find(fd);
    if (it == conns_.end()) continue;
    Conn& c = *it->second;
    // What the client sent before the stop is still answered; nothing after it is read.
    if (!c.eof && !c.fiber) ReadSome(c);
    c.eof = true;
    Advance(c);
  }
}

void EventLoop::Accept() {
  for (int i = 0; i < 256; ++i) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return;  // EAGAIN: nothing more pending
    }
    if (stopping_ || connections_.load() >= options_.max_connections) {
      const std::string busy = Serialize(TransportError(503, "server busy or stopping"), false);
      [[maybe_unused]] ssize_t n = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL);
      ::close(fd);
      continue;
    }
    ++connections_;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    place_(fd);
  }
}

void EventLoop::Add(int fd) {
  auto conn = std::make_unique<Conn>();
  conn->fd = fd;
  Conn& c = *conn;
  conns_.emplace(fd, std::move(conn));
  epoll_event ev{};
  ev.events = c.interest = EPOLLIN;
  ev.data.u64 = static_cast<uint64_t>(fd);
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
  c.deadline_ms = now_ms_ + int64_t{options_.idle_timeout_s} * 1000;
  if (draining_) {
    c.eof = true;
    Advance(c);
  }
}

void EventLoop::OnEvent(Conn& c, uint32_t events) {
  if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !c.eof && !c.fiber) ReadSome(c);
  if ((events & (EPOLLHUP | EPOLLERR)) && c.fiber) {
    // Reported whatever the interest: stop watching until the handler is done, or the loop
    // would spin on it.
    c.eof = true;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c.fd, nullptr);
    c.interest = 0;
    return;
  }
  Advance(c);
}

void EventLoop::ReadSome(Conn& c) {
  char chunk[64 * 1024];
  for (;;) {
    const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      c.in.append(chunk, static_cast<size_t>(n));
      if (static_cast<size_t>(n) < sizeof chunk) return;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    c.eof = true;  // closed by the peer (or reset)
    return;
  }
}

// Answers every complete request buffered, one at a time and in order, until one parks on a
// wait, the connection is to close, or too much output is waiting for the client.
void EventLoop::Advance(Conn& c) {
  while (!c.fiber && !c.close_after_send && !c.broken && c.Pending() < kMaxPendingOut) {
    Request req;
    const ParseResult pr = ParseRequest(c.in, options_.limits, req);
    if (pr.status == ParseStatus::kIncomplete) break;
    if (pr.status == ParseStatus::kError) {
      c.out += Serialize(TransportError(pr.error_status, pr.error), false);
      c.close_after_send = true;
      break;
    }
    c.in.erase(0, pr.consumed);
    c.req = std::move(req);
    StartHandler(c);
  }
  Flush(c);
  if (!c.fiber && (c.broken || (c.Pending() == 0 && (c.close_after_send || c.eof)))) {
    Close(c);
    return;
  }
  Watch(c);
}

void EventLoop::StartHandler(Conn& c) {
  std::unique_ptr<Fiber> f;
  if (spare_fibers_.empty()) {
    f = std::make_unique<Fiber>();
  } else {
    f = std::move(spare_fibers_.back());
    spare_fibers_.pop_back();
  }
  f->tag = &c;
  c.fiber = std::move(f);
  c.fiber->Start(
      [this, &c] {
        try {
          c.resp = handler_(c.req);
        } catch (...) {
          c.resp = TransportError(500, "internal error");
        }
      },
      this);
  if (c.fiber->finished()) Complete(c);
}

void EventLoop::Complete(Conn& c) {
  const bool keep = c.req.keep_alive && !c.resp.close && !stopping_;
  c.out += Serialize(c.resp, keep);
  if (!keep) c.close_after_send = true;
  c.req = Request{};
  c.resp = Response{};
  if (spare_fibers_.size() < kMaxSpareFibers) spare_fibers_.push_back(std::move(c.fiber));
  c.fiber.reset();
}

void EventLoop::Flush(Conn& c) {
  while (c.Pending() > 0 && !c.broken) {
    const ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.Pending(), MSG_NOSIGNAL);
    if (n > 0) {
      c.sent += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    } else {
      c.broken = true;
    }
  }
  c.out.clear();
  c.sent = 0;
}

void EventLoop::Close(Conn& c) {
  const int fd = c.fd;
  ::close(fd);  // also leaves the epoll set
  --connections_;
  conns_.erase(fd);
}

// Sets what epoll reports for the connection and its deadline: the idle timeout when nothing is
// buffered, the request timeout while a request is partly received or a response partly sent,
// none while its handler runs.
void EventLoop::Watch(Conn& c) {
  const bool read = !c.fiber && !c.close_after_send && !c.eof && c.Pending() < kMaxPendingOut;
  const uint32_t want = (read ? EPOLLIN : 0u) | (c.Pending() > 0 ? EPOLLOUT : 0u);
  if (want != c.interest) {
    epoll_event ev{};
    ev.events = want;
    ev.data.u64 = static_cast<uint64_t>(c.fd);
    // ENOENT: taken out of the set after a hang-up while its handler ran (OnEvent).
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &ev) != 0 && errno == ENOENT) {
      ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c.fd, &ev);
    }
    c.interest = want;
  }
  if (c.fiber) {
    c.deadline_ms = 0;
  } else if (c.Pending() > 0 || !c.in.empty()) {
    c.deadline_ms = now_ms_ + int64_t{options_.request_timeout_s} * 1000;
  } else {
    c.deadline_ms = now_ms_ + int64_t{options_.idle_timeout_s} * 1000;
  }
}

void EventLoop::Sweep() {
  std::vector<int> expired;
  for (const auto& [fd, c] : conns_) {
    if (c->deadline_ms != 0 && now_ms_ >= c->deadline_ms) expired.push_back(fd);
  }
  for (int fd : expired) {
    Conn& c = *conns_.at(fd);
    if (c.Pending() == 0 && !c.in.empty()) {
      // A request started but not finished in time: say so before closing.
      const std::string timeout = Serialize(TransportError(408, "request timeout"), false);
      [[maybe_unused]] ssize_t n = ::send(fd, timeout.data(), timeout.size(), MSG_NOSIGNAL);
    }
    Close(c);
  }
}

}  // namespace jixu::http
