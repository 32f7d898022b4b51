#pragma once
// The HTTP/1.1 server: a few epoll event loops (event_loop.hpp) over non-blocking sockets, each
// request's handler on a fiber (fiber.hpp).
//
// Why not a thread per connection (the first design): a write request waits for its group
// commit (write_queue.hpp); with 64 connection threads on 2 cores the threads were starved and
// commits carried ~8 writes. Now a waiting request parks only its fiber: the loop goes on
// reading, and every write that arrives meanwhile joins the next commit. The writer posts each
// completion back to the request's loop (queue + eventfd); the loop sends the answer.
//
// Loop 0 accepts and deals connections round-robin to the loops; a connection stays on its
// loop. Keep-alive and pipelining come from the per-connection buffer: a connection has at most
// one handler in flight, so pipelined requests are answered in order. Connections beyond
// max_connections get 503. A handler that computes for long (a password hash) holds up its loop's
// other connections for that time: the price of running handlers inline on the loop threads.
//
// Stop() is graceful: nothing new is accepted or read; requests already received are answered
// (with Connection: close) and Run() returns when every connection is closed or the grace period
// has passed.
#include <atomic>
#include <functional>
#include <memory>
#include <vector>
#include <string>

#include "http/event_loop.hpp"
#include "http/http_parser.hpp"
#include "http/request.hpp"

namespace jixu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;              ///< 0: any free port (see Server::port())
  int max_connections = 1024;
  int idle_timeout_s = 60;      ///< keep-alive connection with no request
  int request_timeout_s = 30;   ///< to receive a started request / send a response
  int shutdown_grace_s = 30;    ///< longest wait for in-flight requests on Stop()
  int io_threads = 0;           ///< event loops; 0: one per core, at most 4
  ParseLimits limits;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  /// Binds and listens; throws Fault("listen_failed") with the reason.
  void Listen();
  int port() const { return port_; }
  /// Accepts until Stop(), then waits for in-flight requests.
  void Run();
  /// Thread-safe; returns at once.
  void Stop();

 private:
  ServerOptions options_;
  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::vector<std::unique_ptr<EventLoop>> loops_;
  size_t next_loop_ = 0;
};

}  // namespace jixu::http
