#pragma once
// The HTTP/1.1 server: one thread per connection, blocking sockets.
//
// Why threads and not an event loop: a write request waits for its group commit
// (write_queue.hpp), and with one thread per connection that wait blocks nobody else; 64
// concurrent writers put 64 requests into one commit. Reads run in parallel on the same
// threads. Keep-alive and pipelining come from the per-connection buffer (a pipelined request
// is answered in order after the previous one). Connections beyond max_connections get 503.
//
// Stop() is graceful: the listener closes, every connection's read side is shut down, requests
// already received are answered (with Connection: close) and Run() returns when every
// connection thread has finished or the grace period has passed.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>

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
  ParseLimits limits;
};

using Handler = std::function<Response(Request&)>;

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
  void Serve(int fd);
  bool HandleBuffered(int fd, std::string& buf, bool& keep_open);
  void Track(int fd, bool add);

  ServerOptions options_;
  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable drained_;
  std::set<int> conns_;
  int active_ = 0;
};

}  // namespace jixu::http
