#pragma once
// The HTTP/1.1 server on Boost.Beast over Boost.Asio.
//
// Threads: a few io_contexts, each run by one thread (the socket threads); loop 0 accepts and
// deals connections round-robin. Each connection is a stackful coroutine (asio::spawn) on its
// io_context, so handlers stay synchronous functions and a handler that waits for its group
// commit suspends only itself (suspend.hpp). Slow routes run on the worker pool (router.cpp
// lists them), never on a socket thread.
//
// Limits before work (docs/security.md):
// - headers: read under an absolute deadline (header_timeout_s from the request's first byte)
//   and a size cap, then checked strictly before Beast's parser sees them: CRLF only, no
//   obs-fold, no space before a colon, no control characters, a plain request line; exactly one
//   Host; at most one Content-Length (digits only); Transfer-Encoding only as "chunked" and never
//   beside a Content-Length. Any violation: 400 and the connection is closed.
// - the request is routed and authenticated on its headers (Dispatcher::Admit); a request that
//   will be refused is answered without reading its body, and the connection is closed.
// - bodies: a per-route limit (413), one server-wide budget of body bytes in flight (503 past
//   it), and a minimum average rate after a grace period (408).
// - connections: a total cap and a cap per client address (503 past them); idle keep-alive
//   connections close after idle_timeout_s.
// Optional TLS (OpenSSL through Asio) for a deployment without a reverse proxy.
//
// Stop() is graceful: nothing new is accepted or read; requests already received are answered
// (with Connection: close) and Run() returns when every connection is closed or the grace
// period has passed.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/dispatch.hpp"
#include "http/head.hpp"

namespace jixu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                       ///< 0: any free port (see Server::port())
  int max_connections = 1024;            ///< open connections, server-wide
  int max_connections_per_address = 256; ///< per client address; 0: no cap (behind a proxy)
  int idle_timeout_s = 60;               ///< keep-alive connection with no request
  int header_timeout_s = 10;             ///< absolute: first byte to end of headers
  int body_grace_s = 10;                 ///< a body may start slowly for this long…
  size_t min_body_bytes_per_s = 16 * 1024;  ///< …then must average at least this rate
  int write_timeout_s = 30;              ///< to send a response (more for large ones)
  int shutdown_grace_s = 30;             ///< longest wait for in-flight requests on Stop()
  int io_threads = 0;                    ///< socket threads; 0: one per core, at most 4
  size_t max_header_bytes = 16 * 1024;   ///< request line and headers (431 past it)
  size_t max_bytes_in_flight = size_t{256} << 20;  ///< request bodies held at once (503 past it)
  std::string tls_cert_file;             ///< PEM chain; with tls_key_file: HTTPS only
  std::string tls_key_file;
};

class Server {
 public:
  Server(ServerOptions options, Dispatcher& dispatcher);
  ~Server();
  /// Binds and listens; throws Fault("listen_failed") with the reason.
  void Listen();
  int port() const { return port_; }
  /// Serves until Stop(), then waits for in-flight requests.
  void Run();
  /// Thread-safe; returns at once.
  void Stop();

  struct State;

 private:
  std::unique_ptr<State> state_;
  int port_ = 0;
};

}  // namespace jixu::http
