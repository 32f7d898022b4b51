#pragma once
// One event-loop thread of the server (server.hpp): an epoll set of non-blocking connections,
// level-triggered. Each request's handler runs on a fiber of this loop (fiber.hpp); a handler
// that waits for its group commit parks, its connection stops being read, and the writer's
// completion comes back through Resume() (a queue and an eventfd), after which the response is
// sent and the connection's next (pipelined) request is parsed. Responses go out in request
// order because a connection has at most one handler in flight.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/fiber.hpp"
#include "http/http_parser.hpp"
#include "http/request.hpp"

namespace jixu::http {

struct ServerOptions;
using Handler = std::function<Response(Request&)>;

/// A problem+json answer of the transport itself (400, 408, 413, 431, 501, 503…); closes.
Response TransportError(int status, const std::string& why);

class EventLoop final : public FiberHome {
 public:
  /// `connections` is the server-wide count (max_connections), `stopping` its stop flag.
  EventLoop(const ServerOptions& options, const Handler& handler, std::atomic<int>& connections,
            const std::atomic<bool>& stopping);
  ~EventLoop() override;

  /// This loop accepts on `listen_fd` (non-blocking) and hands each connection to `place`.
  void AcceptOn(int listen_fd, std::function<void(int)> place);
  /// Thread-safe: takes over an accepted, non-blocking connection.
  void Adopt(int fd);
  /// Thread-safe: continues a parked handler fiber on this loop's thread.
  void Resume(Fiber* f) override;
  /// Thread-safe: stop reading new requests, answer those received, then let Run() return.
  void Stop();
  /// The loop; returns once stopped and every connection is closed, or the grace has passed.
  void Run();

 private:
  struct Conn;
  void Wake();
  void DrainQueue();
  void BeginDrain();
  void Accept();
  void Add(int fd);
  void OnEvent(Conn& c, uint32_t events);
  void ReadSome(Conn& c);
  void Advance(Conn& c);
  void StartHandler(Conn& c);
  void Complete(Conn& c);
  void Flush(Conn& c);
  void Close(Conn& c);
  void Watch(Conn& c);
  void Sweep();

  const ServerOptions& options_;
  const Handler& handler_;
  std::atomic<int>& connections_;
  const std::atomic<bool>& stopping_;
  int epoll_fd_ = -1;
  int event_fd_ = -1;
  int listen_fd_ = -1;
  std::function<void(int)> place_;
  std::unordered_map<int, std::unique_ptr<Conn>> conns_;
  std::vector<std::unique_ptr<Fiber>> spare_fibers_;
  int64_t now_ms_ = 0;
  int64_t next_sweep_ms_ = 0;
  int64_t grace_end_ms_ = 0;
  bool draining_ = false;

  // Filled by other threads (the writer, the acceptor, Stop), emptied by this loop.
  std::mutex mu_;
  std::vector<Fiber*> resumed_;
  std::vector<int> adopted_;
  bool stop_requested_ = false;
  bool woken_ = false;
};

}  // namespace jixu::http
