#include "http/server.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <unordered_set>

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include "core/common/error.hpp"
#include "http/problem.hpp"
#include "http/head.hpp"

namespace jixu::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// A coroutine's stack: 1 MiB of address space, touched lazily, with a guard page below. Handlers
// run SQLite and JSON on it; PDF rendering and other deep work runs on the worker pool.
constexpr size_t kStackBytes = size_t{1} << 20;
// After refusing a request whose body was not read, the server stops sending and discards what
// the client still sends for up to this long and this many bytes, so the client reads the answer
// instead of a connection reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = size_t{1} << 20;

const char* const kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Response BadRequest(const std::string& why) {
  return TransportError(400, "bad_request", "请求格式错误：" + why, "malformed request: " + why);
}

/// Server-wide byte budget for request bodies.
class ByteBudget {
 public:
  explicit ByteBudget(size_t limit) : limit_(static_cast<int64_t>(limit)) {}
  bool TryReserve(size_t n) {
    int64_t cur = used_.load(std::memory_order_relaxed);
    for (;;) {
      if (cur + static_cast<int64_t>(n) > limit_) return false;
      if (used_.compare_exchange_weak(cur, cur + static_cast<int64_t>(n))) return true;
    }
  }
  void Release(size_t n) { used_.fetch_sub(static_cast<int64_t>(n)); }

 private:
  int64_t limit_;
  std::atomic<int64_t> used_{0};
};

}  // namespace

/// A connection as the stop logic sees it: whether it waits for a request (and may be closed
/// at once on Stop) and how to cancel that wait.
struct Conn {
  tcp::socket* socket = nullptr;
  bool waiting = true;  ///< between requests or reading a head: nothing received to answer
  /// When the operation under way must have finished; the loop's sweep cancels it after that and
  /// sets timed_out (Session::SetDeadline). One sweep per loop instead of a timer re-armed per
  /// operation: precise to kSweepEvery, and no timer churn on the hot path.
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;
};

constexpr auto kSweepEvery = std::chrono::milliseconds(100);

/// One socket thread: its io_context and the connections it serves (touched only by its thread).
struct Loop {
  asio::io_context ctx{1};
  std::unordered_set<Conn*> conns;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
};

struct Server::State {
  ServerOptions options;
  Dispatcher& dispatcher;
  std::vector<std::unique_ptr<Loop>> loops;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::ssl::context> tls;
  std::atomic<bool> stopping{false};
  std::atomic<int> connections{0};
  std::mutex per_address_mu;
  std::unordered_map<std::string, int> per_address;
  ByteBudget budget;
  size_t next_loop = 0;
  std::atomic<bool> leak_loops{false};

  State(ServerOptions o, Dispatcher& d)
      : options(std::move(o)), dispatcher(d), budget(options.max_bytes_in_flight) {}

  bool Admit(const std::string& address) {
    if (connections.fetch_add(1) >= options.max_connections) {
      connections.fetch_sub(1);
      return false;
    }
    if (options.max_connections_per_address > 0) {
      std::lock_guard lock(per_address_mu);
      int& n = per_address[address];
      if (n >= options.max_connections_per_address) {
        if (n == 0) per_address.erase(address);
        connections.fetch_sub(1);
        return false;
      }
      ++n;
    }
    return true;
  }
  void Leave(const std::string& address) {
    connections.fetch_sub(1);
    if (options.max_connections_per_address > 0) {
      std::lock_guard lock(per_address_mu);
      auto it = per_address.find(address);
      if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
    }
  }
};

namespace {

/// Reserved bytes of the body budget, given back when the request is done.
class Reservation {
 public:
  explicit Reservation(ByteBudget& b) : budget_(b) {}
  ~Reservation() { budget_.Release(bytes_); }
  bool Grow(size_t total) {
    if (total <= bytes_) return true;
    if (!budget_.TryReserve(total - bytes_)) return false;
    bytes_ = total;
    return true;
  }

 private:
  ByteBudget& budget_;
  size_t bytes_ = 0;
};

template <class Stream>
beast::tcp_stream& Lowest(Stream& s) {
  return beast::get_lowest_layer(s);
}

/// Serves one connection until it closes. `Stream` is beast::tcp_stream or its TLS wrapper.
template <class Stream>
class Session {
 public:
  Session(Server::State& st, Loop& loop, Stream& stream, std::string address, bool tls)
      : st_(st), loop_(loop), stream_(stream), address_(std::move(address)), tls_(tls),
        timed_out_(conn_.timed_out) {
    conn_.socket = &Lowest(stream_).socket();
    loop_.conns.insert(&conn_);
    Lowest(stream_).expires_never();  // deadlines are the session's own (SetDeadline)
  }
  ~Session() {
    loop_.conns.erase(&conn_);
  }

  void Run(asio::yield_context y) {
    bool first = true;
    for (;;) {
      conn_.waiting = true;
      if (st_.stopping) return;
      if (!ReadHead(y, first)) return;
      first = false;
      if (!Serve(y)) return;
    }
  }

 private:
  /// Reads one request head into head_ (without its final CRLF CRLF) and leaves what follows
  /// in buf_. false: the connection is to close (an answer has been sent if one was due).
  bool ReadHead(asio::yield_context y, bool first) {
    beast::error_code ec;
    const auto& o = st_.options;
    // Wait for the request's first byte: an idle keep-alive connection closes quietly.
    if (buf_.size() == 0) {
      SetDeadline(Clock::now() + std::chrono::seconds(first ? o.header_timeout_s : o.idle_timeout_s));
      const size_t n = stream_.async_read_some(buf_.prepare(4096), y[ec]);
      if (ec) return false;
      buf_.commit(n);
    }
    // From the first byte, the whole head must arrive before an absolute deadline: a client
    // trickling a byte a second is cut off on time.
    SetDeadline(Clock::now() + std::chrono::seconds(o.header_timeout_s));
    size_t searched = 0;
    for (;;) {
      auto data = std::string_view(static_cast<const char*>(buf_.data().data()), buf_.size());
      // Tolerate empty lines before a request (RFC 9112 §2.2).
      size_t skip = 0;
      while (skip + 1 < data.size() && data[skip] == '\r' && data[skip + 1] == '\n') skip += 2;
      if (skip > 0) {
        buf_.consume(skip);
        searched = 0;
        continue;
      }
      const size_t from = searched >= 3 ? searched - 3 : 0;
      const size_t end = data.find("\r\n\r\n", from);
      if (end != std::string_view::npos) {
        if (end + 4 > o.max_header_bytes) break;
        head_.assign(data.substr(0, end));
        buf_.consume(end + 4);
        return true;
      }
      searched = data.size();
      if (data.size() > o.max_header_bytes) break;
      const size_t n = stream_.async_read_some(buf_.prepare(4096), y[ec]);
      if (ec && timed_out_) {
        Answer(y, TransportError(408, "request_timeout", "请求未在时限内完整送达",
                                 "the request did not arrive in time"), false);
        return false;
      }
      if (ec) return false;
      buf_.commit(n);
    }
    Answer(y, TransportError(431, "headers_too_large", "请求头过大", "request headers too large"), false);
    return false;
  }

  /// Parses, admits, reads the body of and answers the request in head_. false: close.
  bool Serve(asio::yield_context y) {
    const auto started = Clock::now();
    Request req;
    req.remote_addr = address_;
    bhttp::request_parser<bhttp::string_body> parser;
    if (auto refusal = ParseHead(head_, st_.options.max_header_bytes, parser, req)) {
      return Refuse(y, req, std::move(*refusal));
    }
    // Limits before work: route and authenticate on the headers alone.
    conn_.waiting = false;
    // Inside the dispatcher, a wait (read connection, group commit) suspends this coroutine. The
    // scope covers only the dispatcher's calls: while Beast reads or writes, other coroutines
    // run on this thread and set their own.
    SetDeadline(Clock::time_point::max());  // no deadline while the server itself works
    Admission admission = [&] {
      SuspendScope in_coroutine(&y);
      return st_.dispatcher.Admit(req);
    }();
    const bool has_body = parser.chunked() || parser.content_length().value_or(0) > 0;
    if (admission.refusal) {
      Response r = std::move(*admission.refusal);
      // The body is never read: answer, then close (its bytes cannot be told from a next request).
      const bool keep = !has_body && !r.close && req.keep_alive && !st_.stopping;
      return Finish(y, req, &admission, std::move(r), started, keep, has_body);
    }
    Reservation reservation(st_.budget);
    if (has_body) {
      const auto length = parser.content_length();
      if (length && *length > admission.body_limit) {
        return Finish(y, req, &admission,
                      TransportError(413, "body_too_large",
                                     "请求体过大（上限 " + std::to_string(admission.body_limit) + " 字节）",
                                     "request body too large (at most " +
                                         std::to_string(admission.body_limit) + " bytes)"),
                      started, false, true);
      }
      if (!reservation.Grow(length.value_or(0))) {
        Response busy = TransportError(503, "server_busy", "服务器繁忙，请稍后重试",
                                       "server busy, try again shortly");
        busy.headers.emplace_back("Retry-After", "1");
        return Finish(y, req, &admission, std::move(busy), started, false, true);
      }
      if (auto* expect = req.Header("expect"); expect != nullptr && beast::iequals(*expect, "100-continue")) {
        SetDeadline(Clock::now() + std::chrono::seconds(st_.options.write_timeout_s));
        static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
        beast::error_code ec;
        asio::async_write(stream_, asio::buffer(kContinue, sizeof kContinue - 1), y[ec]);
        if (ec) return false;
      }
      parser.body_limit(admission.body_limit);
      if (auto r = ReadBody(y, parser, reservation)) {
        // Part of the body may still be on its way: linger so the client reads the answer.
        return Finish(y, req, &admission, std::move(*r), started, false, true);
      }
      req.body = std::move(parser.get().body());
    }
    Response resp;
    {
      SuspendScope in_coroutine(&y);
      resp = st_.dispatcher.Handle(req, admission);
    }
    const bool keep = req.keep_alive && !resp.close && !st_.stopping;
    return Finish(y, req, &admission, std::move(resp), started, keep, false);
  }

  /// Reads the body at no less than the minimum rate; an answer when it cannot.
  std::optional<Response> ReadBody(asio::yield_context y, bhttp::request_parser<bhttp::string_body>& parser,
                                   Reservation& reservation) {
    const auto& o = st_.options;
    const auto start = Clock::now();
    size_t received = 0;
    beast::error_code ec;
    while (!parser.is_done()) {
      // The client must keep an average of min_body_bytes_per_s after the grace period.
      const auto allowed = std::chrono::seconds(o.body_grace_s) +
                           std::chrono::milliseconds((received + 1) * 1000 / std::max<size_t>(o.min_body_bytes_per_s, 1));
      SetDeadline(start + allowed);
      bhttp::async_read_some(stream_, buf_, parser, y[ec]);
      received = parser.get().body().size();
      if (ec == bhttp::error::body_limit) {
        return TransportError(413, "body_too_large", "请求体过大", "request body too large");
      }
      if (ec && timed_out_) {
        return TransportError(408, "request_timeout", "请求体传送过慢", "the request body arrived too slowly");
      }
      if (ec) {
        Response r = BadRequest(ec.message());
        return r;
      }
      if (!reservation.Grow(parser.get().body().size())) {
        Response busy = TransportError(503, "server_busy", "服务器繁忙，请稍后重试",
                                       "server busy, try again shortly");
        busy.headers.emplace_back("Retry-After", "1");
        return busy;
      }
    }
    return std::nullopt;
  }

  bool Refuse(asio::yield_context y, Request& req, Response r) {
    conn_.waiting = false;
    return Finish(y, req, nullptr, std::move(r), Clock::now(), false, true);
  }

  /// Sends the answer, logs it; false when the connection is to close (after lingering if the
  /// client may still be sending a body the server did not read).
  bool Finish(asio::yield_context y, const Request& req, const Admission* admission, Response r,
              Clock::time_point started, bool keep, bool unread_body) {
    if (!keep) r.close = true;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    st_.dispatcher.Log(req, admission, r.status, micros);
    const bool ok = Answer(y, r, keep, req.method == "HEAD");
    if (!ok || !keep) {
      if (ok && unread_body) Linger(y);
      return false;
    }
    return true;
  }

  /// Writes a response. false if it could not be sent.
  bool Answer(asio::yield_context y, const Response& r, bool keep, bool head = false) {
    beast::error_code ec;
    const size_t size = r.static_body.empty() ? r.body.size() : r.static_body.size();
    const auto allowed = std::chrono::seconds(st_.options.write_timeout_s) +
                         std::chrono::seconds(size / std::max<size_t>(st_.options.min_body_bytes_per_s, 1));
    SetDeadline(Clock::now() + allowed);
    bhttp::response<bhttp::span_body<const char>> res;
    res.version(11);
    res.result(static_cast<unsigned>(r.status));
    res.reason(StatusText(r.status));
    res.set(bhttp::field::content_type, r.content_type);
    bool cache_set = false;
    for (const auto& [k, v] : r.headers) {
      if (beast::iequals(k, "cache-control")) cache_set = true;
      res.insert(k, v);
    }
    // Nothing the API answers may be cached by a shared proxy: it is personal data.
    if (!cache_set) res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Content-Security-Policy", kContentSecurityPolicy);
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    if (tls_) res.set("Strict-Transport-Security", "max-age=31536000");
    res.keep_alive(keep);
    const std::string_view body = r.static_body.empty() ? std::string_view(r.body) : r.static_body;
    if (r.status == 204 || r.status == 304) {
      res.content_length(boost::none);
    } else {
      res.content_length(body.size());
    }
    if (!head && r.status != 204 && r.status != 304) res.body() = bhttp::span_body<const char>::value_type(body.data(), body.size());
    bhttp::response_serializer<bhttp::span_body<const char>> sr(res);
    if (head) sr.split(true);
    if (head) {
      bhttp::async_write_header(stream_, sr, y[ec]);
    } else {
      bhttp::async_write(stream_, sr, y[ec]);
    }
    return !ec;
  }

  /// After an answer sent without reading the request's body: stop sending, discard what still
  /// arrives for a short while, then close, so the client reads the answer rather than a reset.
  void Linger(asio::yield_context y) {
    if (tls_) return;
    beast::error_code ec;
    auto& sock = Lowest(stream_).socket();
    sock.shutdown(tcp::socket::shutdown_send, ec);
    SetDeadline(Clock::now() + kLingerTime);
    size_t discarded = 0;
    char scratch[16384];
    while (!ec && discarded < kLingerBytes) {
      discarded += Lowest(stream_).async_read_some(asio::buffer(scratch), y[ec]);
    }
  }

  /// Until `when`, the next operations may run; then the loop's sweep cancels them and
  /// timed_out_ says why. (Beast's own stream timeout would close the socket, leaving no way to
  /// answer 408.)
  void SetDeadline(Clock::time_point when) {
    conn_.timed_out = false;
    conn_.deadline = when;
  }

  Server::State& st_;
  Loop& loop_;
  Stream& stream_;
  std::string address_;
  bool tls_;
  Conn conn_;
  const bool& timed_out_;
  beast::flat_buffer buf_{size_t{1} << 20};
  std::string head_;
};

void Spawn(Server::State& st, Loop& loop, tcp::socket socket) {
  beast::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return;
  std::string address = endpoint.address().to_string();
  if (st.stopping) {
    socket.close(ec);  // stopping: refused like a closed listener, not answered
    return;
  }
  if (!st.Admit(address)) {
    // Over a connection cap: a short 503, best effort and without waiting, then close.
    static const std::string kBusy = [] {
      const std::string body =
          "{\"status\":503,\"code\":\"too_many_connections\",\"message_zh\":\"连接过多，请稍后重试\","
          "\"message_en\":\"too many connections, try again shortly\"}";
      return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
             "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n" + body;
    }();
    socket.non_blocking(true, ec);
    socket.send(asio::buffer(kBusy), 0, ec);
    socket.close(ec);
    return;
  }
  socket.set_option(tcp::no_delay(true), ec);
  asio::spawn(
      loop.ctx.get_executor(), std::allocator_arg, boost::context::protected_fixedsize_stack(kStackBytes),
      [&st, &loop, socket = std::move(socket), address](asio::yield_context y) mutable {
        try {
          beast::tcp_stream stream(std::move(socket));
          if (st.tls) {
            beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *st.tls);
            beast::error_code hec;
            beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(st.options.header_timeout_s));
            tls.async_handshake(asio::ssl::stream_base::server, y[hec]);
            if (!hec) {
              Session<beast::ssl_stream<beast::tcp_stream>> s(st, loop, tls, address, true);
              s.Run(y);
              beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(2));
              tls.async_shutdown(y[hec]);
            }
          } else {
            Session<beast::tcp_stream> s(st, loop, stream, address, false);
            s.Run(y);
            beast::error_code sec;
            stream.socket().shutdown(tcp::socket::shutdown_both, sec);
          }
        } catch (const std::exception&) {
          // A broken connection; the coroutine's own failures never reach the io_context.
        }
        st.Leave(address);
      },
      asio::detached);
}

}  // namespace

Server::Server(ServerOptions options, Dispatcher& dispatcher)
    : state_(std::make_unique<State>(std::move(options), dispatcher)) {}

Server::~Server() {
  // A connection cut off by the grace period may still have a handler waiting for the writer,
  // which would post its continuation here: such loops are deliberately left alive.
  if (state_ && state_->leak_loops) {
    for (auto& l : state_->loops) (void)l.release();
    (void)state_.release();
  }
}

void Server::Listen() {
  auto& st = *state_;
  const auto& o = st.options;
  int n = o.io_threads;
  if (n <= 0) n = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
  for (int i = 0; i < n; ++i) {
    st.loops.push_back(std::make_unique<Loop>());
    st.loops.back()->guard.emplace(asio::make_work_guard(st.loops.back()->ctx));
  }
  if (!o.tls_cert_file.empty() || !o.tls_key_file.empty()) {
    if (o.tls_cert_file.empty() || o.tls_key_file.empty()) {
      throw Fault("listen_failed", "--tls-cert and --tls-key go together");
    }
    st.tls.emplace(asio::ssl::context::tls_server);
    try {
      st.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
      st.tls->use_certificate_chain_file(o.tls_cert_file);
      st.tls->use_private_key_file(o.tls_key_file, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      throw Fault("listen_failed", std::string("TLS certificate or key: ") + e.what());
    }
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(o.host, ec);
  if (ec) throw Fault("listen_failed", "not an IP address: " + o.host);
  tcp::endpoint endpoint(address, static_cast<unsigned short>(o.port));
  st.acceptor.emplace(st.loops[0]->ctx);
  st.acceptor->open(endpoint.protocol(), ec);
  if (!ec) st.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) st.acceptor->bind(endpoint, ec);
  if (!ec) st.acceptor->listen(1024, ec);
  if (ec) {
    throw Fault("listen_failed", o.host + ":" + std::to_string(o.port) + ": " + ec.message());
  }
  port_ = st.acceptor->local_endpoint().port();
}

void Server::Run() {
  auto& st = *state_;
  asio::spawn(
      st.loops[0]->ctx,
      [&st](asio::yield_context y) {
        for (;;) {
          Loop& loop = *st.loops[st.next_loop++ % st.loops.size()];
          beast::error_code ec;
          tcp::socket socket(loop.ctx);
          st.acceptor->async_accept(socket, y[ec]);
          if (ec) {
            if (st.stopping || ec == asio::error::operation_aborted) return;
            // Out of descriptors and the like: back off briefly instead of spinning.
            asio::steady_timer t(st.loops[0]->ctx, std::chrono::milliseconds(50));
            t.async_wait(y[ec]);
            continue;
          }
          // Hand the connection to its loop's thread.
          asio::post(loop.ctx, [&st, &loop, s = std::move(socket)]() mutable { Spawn(st, loop, std::move(s)); });
        }
      },
      asio::detached);
  // Each loop sweeps its connections' deadlines until it stops and has no connection left.
  for (auto& l : st.loops) {
    Loop& loop = *l;
    asio::spawn(
        loop.ctx,
        [&st, &loop](asio::yield_context y) {
          asio::steady_timer t(loop.ctx);
          while (!st.stopping || !loop.conns.empty()) {
            t.expires_after(kSweepEvery);
            beast::error_code ec;
            t.async_wait(y[ec]);
            const auto now = Clock::now();
            for (Conn* c : loop.conns) {
              if (now < c->deadline) continue;
              c->deadline = Clock::time_point::max();
              c->timed_out = true;
              c->socket->cancel(ec);
            }
          }
        },
        asio::detached);
  }
  // Each loop runs until Stop() has drained it (its work guard goes then).
  std::vector<std::thread> threads;
  for (size_t i = 1; i < st.loops.size(); ++i) threads.emplace_back([&st, i] { st.loops[i]->ctx.run(); });
  st.loops[0]->ctx.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  auto& st = *state_;
  if (st.stopping.exchange(true)) return;
  const auto grace_end = Clock::now() + std::chrono::seconds(st.options.shutdown_grace_s);
  asio::post(st.loops[0]->ctx, [&st] {
    beast::error_code ec;
    st.acceptor->close(ec);
  });
  for (auto& l : st.loops) {
    Loop& loop = *l;
    asio::post(loop.ctx, [&st, &loop, grace_end] {
      loop.guard.reset();
      // Connections waiting for a request close now; those with a request in hand finish it.
      for (Conn* c : loop.conns) {
        beast::error_code ec;
        if (c->waiting) c->socket->cancel(ec);
      }
      // Past the grace period, the loop stops whatever is left.
      asio::spawn(loop.ctx, [&st, &loop, grace_end](asio::yield_context y) {
        asio::steady_timer t(loop.ctx);
        while (!loop.conns.empty()) {
          if (Clock::now() >= grace_end) {
            st.leak_loops = true;
            loop.ctx.stop();
            return;
          }
          for (Conn* c : loop.conns) {
            beast::error_code ec;
            if (c->waiting) c->socket->cancel(ec);
          }
          t.expires_after(std::chrono::milliseconds(50));
          beast::error_code ec;
          t.async_wait(y[ec]);
        }
      }, asio::detached);
    });
  }
}

}  // namespace jixu::http
