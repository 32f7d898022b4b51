// The server's edge as an attacker meets it (docs/security.md): raw sockets against a real
// `jixu serve`. Each test names the defect it closes:
//   - any file on the machine served without login (`//etc/passwd`, `/%2Fetc/hostname`, the
//     database file itself);
//   - request smuggling (duplicate or disguised Content-Length, obs-fold, bare LF,
//     Transfer-Encoding beside Content-Length, Host missing or doubled, spaces and control
//     characters, an encoded '/' routed as a separator);
//   - denial of service (slow headers, unauthenticated large bodies read before the 401, no cap
//     on bodies in flight or connections per address);
//   - invalid UTF-8 in a path or query answered 500;
//   - static files without compression, caching or a Content-Security-Policy.
// The transport does not depend on the backend, so these run on SQLite only.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

/// A raw connection from a chosen loopback address.
class Raw {
 public:
  explicit Raw(int port, const char* from = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) throw std::runtime_error("bind");
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect");
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~Raw() {
    if (fd_ >= 0) ::close(fd_);
  }
  Raw(const Raw&) = delete;

  /// false once the server has closed (or reset) the connection.
  bool Send(const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  /// Everything received until the server closes or `quiet` passes without a byte.
  std::string ReadUntilClosed(std::chrono::milliseconds quiet = 3000ms) {
    std::string out;
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0) {
        timed_out_ = true;
        return out;
      }
      char buf[65536];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        return out;
      }
      out.append(buf, static_cast<size_t>(n));
    }
  }

  /// Reads until `count` complete responses (by Content-Length) have arrived, or close/timeout.
  std::string ReadResponses(int count, std::chrono::milliseconds quiet = 5000ms) {
    std::string out;
    auto complete = [&] {
      int seen = 0;
      size_t pos = 0;
      while (seen < count) {
        const size_t end = out.find("\r\n\r\n", pos);
        if (end == std::string::npos) return false;
        size_t length = 0;
        const std::string head = out.substr(pos, end - pos);
        const size_t cl = Lower(head).find("content-length: ");
        if (cl != std::string::npos) length = std::stoul(head.substr(cl + 16));
        if (out.size() < end + 4 + length) return false;
        pos = end + 4 + length;
        ++seen;
      }
      return true;
    };
    while (!complete()) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0) {
        timed_out_ = true;
        break;
      }
      char buf[65536];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  bool closed() const { return closed_; }
  bool timed_out() const { return timed_out_; }

  static std::string Lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

 private:
  int fd_ = -1;
  bool closed_ = false;
  bool timed_out_ = false;
};

int CountResponses(const std::string& bytes) {
  int n = 0;
  for (size_t pos = bytes.find("HTTP/1.1 "); pos != std::string::npos; pos = bytes.find("HTTP/1.1 ", pos + 1)) ++n;
  return n;
}

int FirstStatus(const std::string& bytes) {
  return bytes.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(bytes.substr(9, 3)) : 0;
}

std::string HeaderOf(const std::string& bytes, const std::string& name) {
  const std::string lower = Raw::Lower(bytes.substr(0, bytes.find("\r\n\r\n")));
  const size_t pos = lower.find("\r\n" + Raw::Lower(name) + ": ");
  if (pos == std::string::npos) return "";
  const size_t start = pos + 4 + name.size();
  return bytes.substr(start, bytes.find("\r\n", start) - start);
}

/// One server for the suite (SQLite), with a web root of known files beside it.
class Edge : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = ServerProcess::NewDir("edge", "sqlite");
    const auto web = dir_ / "web";
    std::filesystem::create_directories(web / "assets");
    std::ofstream(web / "index.html") << "<!doctype html><title>jixu</title><div id=app></div>"
                                         "<script type=module src=/assets/app-3f9a1c.js></script>";
    std::string js;
    for (int i = 0; i < 2000; ++i) js += "export const line" + std::to_string(i) + " = '继续教育';\n";
    std::ofstream(web / "assets" / "app-3f9a1c.js") << js;
    std::filesystem::create_symlink("/etc/passwd", web / "passwd");
    server_ = new ServerProcess(dir_, "sqlite");
    server_->CreateDemo(20);
    server_->Start("--web-root '" + web.string() + "' --header-timeout 2 --body-grace 1 "
                   "--min-body-rate 1024 --max-inflight-mib 2 --max-upload-mib 4 "
                   "--max-json-kib 64 --max-connections-per-address 64 --idle-timeout 5 "
                   // One sign-in token back a minute: 30 hashed attempts take longer than the
                   // default refill interval (6 s) on a loaded machine.
                   "--login-address-per-minute 1");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string Exchange(const std::string& request, const char* from = "127.0.0.1") {
    Raw r(server_->port(), from);
    r.Send(request);
    return r.ReadUntilClosed(1500ms);
  }
  static inline std::filesystem::path dir_;
  static inline ServerProcess* server_ = nullptr;
};

// --- 1. Any file on the machine, the database among them ---------------------------------------

TEST_F(Edge, NoPathReachesAFileOutsideTheBuiltUi) {
  const std::string db = (dir_ / "t.db").string();
  const std::vector<std::string> attempts = {
      "//etc/passwd", "/%2Fetc/hostname", "/%2fetc/passwd", "/../../../../etc/passwd",
      "/..%2F..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/%252e%252e/%252e%252e/etc/passwd", "/..%5c..%5c..%5cetc%5cpasswd", "/.%2e/.%2e/etc/passwd",
      "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/assets/../../../../etc/passwd",
      "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd", "/passwd", "/" + db, "//" + db, "/t.db",
      "/t.db-wal", "/../t.db", "/index.html/../../t.db", "/%2F" + db.substr(1),
      "/proc/self/environ", "//proc/self/cmdline"};
  for (const auto& path : attempts) {
    const std::string resp = Exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(FirstStatus(resp), 404) << path;
    EXPECT_EQ(resp.find("root:"), std::string::npos) << path;
    EXPECT_EQ(resp.find("SQLite format"), std::string::npos) << path;
  }
  // The database still works after all of that (no file of it was opened and closed here).
  HttpClient c(server_->port());
  EXPECT_EQ(c.Get("/readyz").status, 200);
}

TEST_F(Edge, StaticFilesComeFromTheTableCompressedCachedAndWithASecurityPolicy) {
  const std::string index = Exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(FirstStatus(index), 200);
  EXPECT_NE(index.find("<div id=app>"), std::string::npos);
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  const std::string csp = HeaderOf(index, "Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script-src 'self' 'unsafe-inline'"), std::string::npos) << "no inline script";
  EXPECT_EQ(HeaderOf(index, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(HeaderOf(index, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(HeaderOf(index, "X-Frame-Options"), "DENY");

  const std::string gz = Exchange("GET /assets/app-3f9a1c.js HTTP/1.1\r\nHost: x\r\n"
                                  "Accept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(FirstStatus(gz), 200);
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip") << "no .br beside it: gzip";
  EXPECT_EQ(HeaderOf(gz, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(gz, "Vary"), "Accept-Encoding");
  EXPECT_LT(std::stoul(HeaderOf(gz, "Content-Length")), 20000u) << "compressed";
  const std::string plain = Exchange("GET /assets/app-3f9a1c.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(HeaderOf(plain, "Content-Encoding"), "");
  EXPECT_GT(std::stoul(HeaderOf(plain, "Content-Length")), 60000u);
  const std::string refused = Exchange("GET /assets/app-3f9a1c.js HTTP/1.1\r\nHost: x\r\n"
                                       "Accept-Encoding: gzip;q=0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(HeaderOf(refused, "Content-Encoding"), "") << "q=0 refuses gzip";

  const std::string etag = HeaderOf(index, "ETag");
  ASSERT_FALSE(etag.empty());
  const std::string again = Exchange("GET /index.html HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag +
                                     "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(FirstStatus(again), 304);
  const std::string post = Exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(FirstStatus(post), 405);
  // The API is never cacheable and carries the same policy.
  const std::string api = Exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(HeaderOf(api, "Cache-Control"), "no-store");
  EXPECT_NE(HeaderOf(api, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
}

// --- 2. Request smuggling: each vector is one 400 and a closed connection ----------------------

TEST_F(Edge, EverySmugglingVectorIsRefusedAndTheConnectionClosed) {
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string body = "{}" + smuggled;
  const std::string len = std::to_string(body.size());
  struct Vector {
    const char* name;
    std::string request;
    int status;
  };
  const std::vector<Vector> vectors = {
      {"two Content-Length", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: " + len + "\r\n\r\n" + body, 400},
      {"same Content-Length twice", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + len + "\r\nContent-Length: " + len + "\r\n\r\n" + body, 400},
      {"Content-Length list", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\n" + body, 400},
      {"space before colon", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length : " + len + "\r\n\r\n" + body, 400},
      {"Content-Length in obs-fold", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nX-Pad: a\r\n Content-Length: " + len + "\r\n\r\n" + body, 400},
      {"bare LF in a value", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nX-Pad: a\nContent-Length: " + len + "\r\n\r\n" + body, 400},
      {"bare LF line ends", "GET /healthz HTTP/1.1\nHost: x\n\n" + smuggled, 400},
      {"bare CR", "GET /healthz HTTP/1.1\r\nHost: x\rX: y\r\n\r\n" + smuggled, 400},
      {"TE with space before colon beside CL", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\nContent-Length: " + len + "\r\n\r\n" + body, 400},
      {"TE chunked beside CL", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: " + len + "\r\n\r\n0\r\n\r\n" + smuggled, 400},
      {"TE twice", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled, 400},
      {"TE other than chunked", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + smuggled, 501},
      {"TE unknown", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n" + smuggled, 501},
      {"no Host", "GET /healthz HTTP/1.1\r\n\r\n" + smuggled, 400},
      {"two Host", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggled, 400},
      {"space inside the target", "GET /healthz x HTTP/1.1\r\nHost: x\r\n\r\n" + smuggled, 400},
      {"tab inside the target", "GET /health\tz HTTP/1.1\r\nHost: x\r\n\r\n" + smuggled, 400},
      {"control character in a name", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A\x01" "b: 1\r\n\r\n" + smuggled, 400},
      {"NUL in a name", std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A\0b: 1\r\n\r\n", 40) + smuggled, 400},
      {"NUL in a value", std::string("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\0c\r\n\r\n", 40) + smuggled, 400},
      {"negative Content-Length", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n" + body, 400},
      {"absolute-form target", "GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n" + smuggled, 400},
      {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + smuggled, 400},
      {"repeated Authorization", "GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n" + smuggled, 400},
  };
  for (const auto& v : vectors) {
    Raw r(server_->port());
    r.Send(v.request);
    const std::string resp = r.ReadUntilClosed(3000ms);
    EXPECT_EQ(FirstStatus(resp), v.status) << v.name << "\n" << resp.substr(0, 300);
    EXPECT_EQ(CountResponses(resp), 1) << v.name << ": the smuggled request must not be answered";
    EXPECT_TRUE(r.closed()) << v.name << ": the connection must be closed";
  }
}

TEST_F(Edge, AnEncodedSlashNeverSeparatesSegments) {
  for (const std::string path : {"/api%2Fv1%2Fopenapi.json", "/api/v1%2Fopenapi.json", "/api/v1/openapi.json%2F"}) {
    const std::string resp = Exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(FirstStatus(resp), 404) << path;
  }
  const std::string ok = Exchange("GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(FirstStatus(ok), 200);
  // A segment that decodes to something with a '/' in it is one segment: it names no person.
  const std::string token = server_->LoginDemo("admin");
  HttpClient c(server_->port());
  EXPECT_EQ(c.Get("/api/v1/persons/a%2Fb/compliance", token).status, 404);
}

TEST_F(Edge, InvalidUtf8InPathOrQueryIs400NamingTheParameter) {
  HttpClient c(server_->port());
  auto bad_path = c.Get("/api/v1/certificates/%FF/verify");
  EXPECT_EQ(bad_path.status, 400);
  EXPECT_EQ(bad_path.json()["field"], "path");
  EXPECT_NE(bad_path.json()["message_zh"].get<std::string>().find("UTF-8"), std::string::npos);
  auto overlong = c.Get("/api/v1/certificates/%C0%AF/verify");
  EXPECT_EQ(overlong.status, 400);
  auto nul = c.Get("/api/v1/certificates/a%00b/verify");
  EXPECT_EQ(nul.status, 400);
  const std::string token = server_->LoginDemo("admin");
  auto bad_query = c.Get("/api/v1/persons?q=%FF%FE", token);
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(bad_query.json()["field"], "q");
  auto surrogate = c.Get("/api/v1/persons?name=%ED%A0%80", token);
  EXPECT_EQ(surrogate.status, 400);
  EXPECT_EQ(surrogate.json()["field"], "name");
  // Valid UTF-8 (Chinese) passes.
  EXPECT_EQ(c.Get("/api/v1/persons?q=%E5%BC%A0", token).status, 200);
}

// --- 3. Denial of service ------------------------------------------------------------------------

TEST_F(Edge, UnauthenticatedLargeBodyGets401BeforeItIsSent) {
  Raw r(server_->port());
  // Only the head: the body (60 MB) is never sent, and the answer must come anyway.
  ASSERT_TRUE(r.Send("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                     "Content-Length: 60000000\r\n\r\n"));
  const std::string resp = r.ReadUntilClosed(5000ms);
  EXPECT_EQ(FirstStatus(resp), 401) << resp.substr(0, 200);
  EXPECT_TRUE(r.closed()) << "closed: the unread body cannot be told from a next request";
  // A route the role may not use: 403, also before the body.
  const std::string token = server_->LoginDemo("person1");
  Raw f(server_->port());
  ASSERT_TRUE(f.Send("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: text/csv\r\nContent-Length: 60000000\r\n\r\n"));
  EXPECT_EQ(FirstStatus(f.ReadUntilClosed(5000ms)), 403);
  EXPECT_TRUE(f.closed());
}

TEST_F(Edge, BodiesPastTheRouteLimitAre413BeforeTheyAreRead) {
  const std::string token = server_->LoginDemo("admin");
  Raw json(server_->port());
  ASSERT_TRUE(json.Send("POST /api/v1/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                        "\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n"));
  const std::string resp = json.ReadUntilClosed(5000ms);
  EXPECT_EQ(FirstStatus(resp), 413) << "JSON limit is 64 KiB here";
  EXPECT_NE(resp.find("65536"), std::string::npos) << "the answer names the limit";
  Raw upload(server_->port());
  ASSERT_TRUE(upload.Send("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                          "\r\nContent-Type: text/csv\r\nContent-Length: 5000000\r\n\r\n"));
  EXPECT_EQ(FirstStatus(upload.ReadUntilClosed(5000ms)), 413) << "upload limit is 4 MiB here";
  // Chunked past the limit: cut off once it passes.
  Raw chunked(server_->port());
  std::string req = "POST /api/v1/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                    "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(16384, 'a');
  for (int i = 0; i < 6; ++i) req += "4000\r\n" + chunk + "\r\n";
  chunked.Send(req);
  EXPECT_EQ(FirstStatus(chunked.ReadUntilClosed(5000ms)), 413);
}

TEST_F(Edge, BodyBytesInFlightHaveOneServerWideBudget) {
  // Budget 2 MiB: a first upload holds 1.5 MiB (half sent, then stalled); a second of 1 MiB does
  // not fit and gets 503 before its body is read. When the first ends, the budget is free again.
  const std::string token = server_->LoginDemo("admin");
  const size_t first_size = size_t{1536} << 10;
  auto first = std::make_unique<Raw>(server_->port());
  ASSERT_TRUE(first->Send("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                          "\r\nContent-Type: text/csv\r\nContent-Length: " + std::to_string(first_size) +
                          "\r\n\r\n" + std::string(100000, 'a')));
  std::this_thread::sleep_for(300ms);  // its head has been admitted and its budget reserved
  Raw second(server_->port());
  ASSERT_TRUE(second.Send("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                          "\r\nContent-Type: text/csv\r\nContent-Length: 1048576\r\n\r\n"));
  const std::string busy = second.ReadUntilClosed(5000ms);
  EXPECT_EQ(FirstStatus(busy), 503) << busy.substr(0, 300);
  EXPECT_EQ(HeaderOf(busy, "Retry-After"), "1");
  first.reset();  // the stalled upload goes away; its reservation is released
  std::this_thread::sleep_for(300ms);
  Raw third(server_->port());
  ASSERT_TRUE(third.Send("POST /api/v1/imports/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                         "\r\nContent-Type: text/csv\r\nContent-Length: 1048576\r\n\r\n"));
  const std::string after = third.ReadUntilClosed(600ms);
  EXPECT_TRUE(after.empty()) << "admitted: the server waits for the body, " << after.substr(0, 200);
}

TEST_F(Edge, SlowBodyIsCutOffAtTheMinimumRate) {
  // 1 KiB/s after a 1 s grace; this client sends 10 bytes a second.
  const std::string token = server_->LoginDemo("admin");
  Raw r(server_->port());
  ASSERT_TRUE(r.Send("POST /api/v1/persons HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                     "\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n"));
  std::string resp;
  for (int i = 0; i < 30 && !r.closed(); ++i) {
    r.Send(std::string(10, ' '));
    resp += r.ReadUntilClosed(1000ms);
  }
  EXPECT_TRUE(r.closed()) << "still open after 30 s at 10 bytes/s";
  EXPECT_EQ(FirstStatus(resp), 408) << resp.substr(0, 200);
}

TEST_F(Edge, ByteASecondClientsAreCutOffByTheHeaderDeadlineWhileOthersAreServed) {
  // 200 slow-loris connections from another loopback address, each trickling its head a byte a
  // second; the header deadline here is 2 s from the first byte, so none finishes its request.
  constexpr int kSlow = 200;
  std::vector<std::unique_ptr<Raw>> slow;
  int refused_by_cap = 0;
  for (int i = 0; i < kSlow; ++i) slow.push_back(std::make_unique<Raw>(server_->port(), "127.0.0.2"));
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: aaaaaaaaaaaaaaaa\r\n\r\n";
  std::atomic<bool> done{false};
  std::vector<int> cut_at(kSlow, -1);
  std::thread trickle([&] {
    for (size_t k = 0; k < head.size() && !done; ++k) {
      for (int i = 0; i < kSlow; ++i) {
        if (cut_at[i] < 0 && !slow[i]->Send(std::string(1, head[k]))) cut_at[i] = static_cast<int>(k);
      }
      std::this_thread::sleep_for(1000ms);
    }
  });
  // Meanwhile a normal client on 127.0.0.1 is served, quickly.
  std::this_thread::sleep_for(500ms);
  std::vector<double> ms;
  HttpClient c(server_->port());
  for (int i = 0; i < 50; ++i) {
    const auto t0 = SteadyClock::now();
    const auto resp = c.Get("/healthz");
    ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
    ASSERT_EQ(resp.status, 200);
    std::this_thread::sleep_for(20ms);
  }
  std::sort(ms.begin(), ms.end());
  EXPECT_LT(ms[ms.size() / 2], 10.0) << "median latency of a normal client under the attack";
  // Every slow connection is cut off by the deadline, long before its head could be complete.
  std::this_thread::sleep_for(4000ms);
  done = true;
  trickle.join();
  for (int i = 0; i < kSlow; ++i) {
    const std::string got = slow[i]->ReadUntilClosed(2000ms);
    if (FirstStatus(got) == 503) ++refused_by_cap;
    EXPECT_NE(FirstStatus(got), 200) << "slow connection " << i << " completed its request";
    EXPECT_TRUE(slow[i]->closed()) << "slow connection " << i << " still open";
    EXPECT_GE(cut_at[i], -1);
  }
  EXPECT_EQ(refused_by_cap, kSlow - 64) << "per-address cap is 64 here";
}

TEST_F(Edge, TheConnectionCapPerAddressLeavesOtherAddressesServed) {
  std::vector<std::unique_ptr<Raw>> hold;
  for (int i = 0; i < 64; ++i) hold.push_back(std::make_unique<Raw>(server_->port(), "127.0.0.3"));
  for (auto& h : hold) h->Send("G");  // started, not finished: each holds its place
  std::this_thread::sleep_for(200ms);
  Raw over(server_->port(), "127.0.0.3");
  const std::string refused = over.ReadUntilClosed(2000ms);
  EXPECT_EQ(FirstStatus(refused), 503);
  EXPECT_NE(refused.find("too_many_connections"), std::string::npos);
  HttpClient other(server_->port());
  EXPECT_EQ(other.Get("/healthz").status, 200) << "127.0.0.1 is not limited by 127.0.0.3's use";
}

TEST_F(Edge, PipelinedRequestsAreAnsweredInOrderAndKeepAliveWorks) {
  Raw r(server_->port());
  r.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string resp = r.ReadResponses(3);
  ASSERT_EQ(CountResponses(resp), 3) << resp;
  EXPECT_EQ(FirstStatus(resp), 200);
  const size_t second = resp.find("HTTP/1.1 ", 1);
  EXPECT_EQ(FirstStatus(resp.substr(second)), 404);
  EXPECT_FALSE(r.closed());
}

TEST_F(Edge, ExpectContinueGetsA100OnlyWhenAdmitted) {
  const std::string token = server_->LoginDemo("admin");
  Raw r(server_->port());
  r.Send("POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
         "\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n");
  const std::string interim = r.ReadUntilClosed(300ms);  // the body's grace here is 1 s
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0), 0u) << interim;
  r.Send("{}");
  const std::string final = r.ReadResponses(1);
  EXPECT_EQ(FirstStatus(final), 204);
  Raw anon(server_->port());
  anon.Send("POST /api/v1/auth/logout HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(FirstStatus(anon.ReadUntilClosed(2000ms)), 401) << "refused: no 100, the final answer";
}

TEST_F(Edge, ConcurrentWritesEachResumeTheirOwnRequest) {
  // 32 connections each declaring records through the group commit: every waiting request is
  // suspended and resumed as its own coroutine (a wrong resumption crashed the server once).
  const std::string token = server_->LoginDemo("person1");
  std::atomic<int> created{0}, other{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 32; ++t) {
    clients.emplace_back([&, t] {
      HttpClient c(server_->port());
      for (int i = 0; i < 10; ++i) {
        const nlohmann::json body{{"date", "2026-06-01"}, {"category", "public"}, {"form", "seminar"},
                                  {"hours", 1}, {"title", "并发 " + std::to_string(t) + "-" + std::to_string(i)},
                                  {"provider_name", "edge"}};
        const auto r = c.Post("/api/v1/records", body, token);
        (r.status == 201 ? created : other)++;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(created.load(), 320);
  EXPECT_EQ(other.load(), 0);
  HttpClient c(server_->port());
  EXPECT_EQ(c.Get("/healthz").status, 200) << "the server is still up";
}

TEST_F(Edge, SignInsAreLimitedPerClientAddress) {
  // 30 wrong attempts from one address, each for another (unknown) username so no username's
  // bucket empties; the 31st is refused with 429 before any hashing. Another address is not.
  const auto attempt = [&](const char* from, int i) {
    const std::string body = "{\"username\":\"nobody" + std::to_string(i) + "\",\"password\":\"guess-guess\"}";
    Raw r(server_->port(), from);
    r.Send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    return r.ReadUntilClosed(5000ms);
  };
  for (int i = 0; i < 30; ++i) ASSERT_EQ(FirstStatus(attempt("127.0.0.4", i)), 401) << i;
  const std::string limited = attempt("127.0.0.4", 30);
  EXPECT_EQ(FirstStatus(limited), 429) << limited.substr(0, 300);
  EXPECT_FALSE(HeaderOf(limited, "Retry-After").empty());
  EXPECT_EQ(FirstStatus(attempt("127.0.0.5", 31)), 401) << "another address has its own bucket";
}

TEST(EdgeTls, ServesHttpsWithTheGivenCertificate) {
  const auto dir = ServerProcess::NewDir("edge-tls", "sqlite");
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  const std::string gen = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
                          "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout '" + key + "' -out '" + cert + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(gen.c_str()), 0);
  ServerProcess server(dir, "sqlite");
  server.CreateDemo(5);
  server.Start("--tls-cert '" + cert + "' --tls-key '" + key + "'");
  const std::string out = (dir / "curl.txt").string();
  const std::string curl = "curl -s -D - --cacert '" + cert + "' https://localhost:" +
                           std::to_string(server.port()) + "/healthz -o /dev/null > '" + out + "'";
  ASSERT_EQ(std::system(curl.c_str()), 0);
  std::ifstream in(out);
  const std::string headers((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(FirstStatus(headers), 200) << headers;
  EXPECT_NE(Raw::Lower(headers).find("strict-transport-security: max-age=31536000"), std::string::npos);
  // Plain HTTP on the TLS port gets nothing usable.
  Raw plain(server.port());
  plain.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(FirstStatus(plain.ReadUntilClosed(3000ms)), 200);
}

}  // namespace
}  // namespace jixu::testing
