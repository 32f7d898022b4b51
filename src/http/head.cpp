#include "http/head.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>

#include "http/problem.hpp"
#include "http/target.hpp"

namespace jixu::http {
namespace {

namespace bhttp = boost::beast::http;

bool IsTchar(unsigned char c) {
  if (std::isalnum(c) != 0) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The strict reading of a request head (request line and fields, without the final CRLF CRLF)
/// that smuggling needs to be impossible: "" when it is acceptable, else what is wrong.
}  // namespace

std::string CheckHead(std::string_view head) {
  // Every line ends in CRLF; no bare CR or LF anywhere; no control character but HTAB in values.
  // One pass, no allocation: each line is checked as its CRLF (or the end of the head) is found.
  size_t start = 0;
  bool first = true;
  auto check_line = [&](std::string_view line) -> const char* {
    if (first) {
      first = false;
      // Request line: METHOD SP origin-form SP HTTP/1.x — single spaces, visible characters only.
      const size_t s1 = line.find(' ');
      const size_t s2 = s1 == std::string_view::npos ? s1 : line.find(' ', s1 + 1);
      if (s1 == std::string_view::npos || s2 == std::string_view::npos ||
          line.find(' ', s2 + 1) != std::string_view::npos || s1 == 0 || s2 == s1 + 1) {
        return "malformed request line";
      }
      for (size_t i = 0; i < s1; ++i) {
        if (!IsTchar(static_cast<unsigned char>(line[i]))) return "malformed method";
      }
      for (size_t i = s1 + 1; i < s2; ++i) {
        // Visible ASCII; bytes past 0x7f are let through (clients send raw UTF-8 in queries)
        // and must then decode to valid UTF-8 (target.hpp). Spaces, controls and DEL are refused.
        const auto c = static_cast<unsigned char>(line[i]);
        if (c <= 0x20 || c == 0x7f) return "malformed target";
      }
      const std::string_view version = line.substr(s2 + 1);
      if (version != "HTTP/1.1" && version != "HTTP/1.0") return "unsupported version";
      return nullptr;
    }
    if (line.empty()) return "empty field line";
    if (line.front() == ' ' || line.front() == '\t') return "obsolete line folding";
    const size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return "malformed field";
    for (size_t i = 0; i < colon; ++i) {
      // A space (or anything but a token character) before the colon is refused, not ignored.
      if (!IsTchar(static_cast<unsigned char>(line[i]))) return "malformed field name";
    }
    return nullptr;
  };
  // Character errors anywhere in the head take precedence over line errors, as a reader that
  // first splits the head into lines would report them.
  const char* line_error = nullptr;
  for (size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c == '\r') {
      if (i + 1 >= head.size() || head[i + 1] != '\n') return "bare CR";
      if (line_error == nullptr) line_error = check_line(head.substr(start, i - start));
      start = i + 2;
      ++i;
    } else if (c == '\n') {
      return "bare LF";
    } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
      return "control character";
    }
  }
  if (line_error == nullptr) line_error = check_line(head.substr(start));
  return line_error == nullptr ? std::string() : std::string(line_error);
}

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 19 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}


Response BadRequest(const std::string& why) {
  return TransportError(400, "bad_request", "请求格式错误：" + why, "malformed request: " + why);
}

}  // namespace

Response TransportError(int status, const std::string& code, const std::string& zh,
                        const std::string& en) {
  Response r = ProblemResponse(status, {MakeError(code, "", zh, en)});
  r.close = true;
  return r;
}

std::optional<Response> ParseHead(std::string& head, size_t max_header_bytes, RequestParser& parser,
                                  Request& req) {
  if (std::string why = CheckHead(head); !why.empty()) return BadRequest(why);
  parser.header_limit(static_cast<uint32_t>(std::min<size_t>(max_header_bytes + 4, UINT32_MAX)));
  parser.body_limit(std::numeric_limits<uint64_t>::max());  // the caller sets the route's limit
  parser.eager(false);
  boost::beast::error_code ec;
  head += "\r\n\r\n";
  parser.put(boost::asio::buffer(head), ec);
  if (ec || !parser.is_header_done()) return BadRequest(ec ? ec.message() : "incomplete head");
  auto& msg = parser.get();

  // What Beast accepts but a smuggler needs: duplicated framing or host headers.
  size_t hosts = 0, lengths = 0, encodings = 0;
  for (const auto& f : msg) {
    const auto name = f.name();
    if (name == bhttp::field::host) ++hosts;
    if (name == bhttp::field::content_length) {
      ++lengths;
      if (!AllDigits(f.value())) return BadRequest("invalid Content-Length");
    }
    if (name == bhttp::field::transfer_encoding) ++encodings;
  }
  if (hosts != 1) return BadRequest("exactly one Host header is required");
  if (lengths > 1) return BadRequest("more than one Content-Length");
  if (encodings > 0) {
    if (encodings > 1 || lengths > 0) return BadRequest("conflicting Transfer-Encoding");
    if (!boost::beast::iequals(msg[bhttp::field::transfer_encoding], "chunked")) {
      return TransportError(501, "unsupported_transfer_encoding", "不支持该传输编码",
                            "only the chunked transfer coding is supported");
    }
  }
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  req.keep_alive = msg.keep_alive();
  for (const auto& f : msg) {
    std::string name = Lower(f.name_string());
    auto [it, inserted] = req.headers.emplace(name, std::string(f.value()));
    if (!inserted) {
      if (name == "authorization" || name == "content-type" || name == "cookie") {
        return BadRequest("repeated " + name + " header");
      }
      it->second += ", ";
      it->second += f.value();
    }
  }
  if (auto err = ParseTarget(req.target, req); err && (IsApiPath(req.path) || req.path.rfind('/', 0) != 0)) {
    // (A UI path is looked up raw in the file table: a bad escape there is simply not a key.)
    Response r = ProblemResponse(400, {*err});
    r.close = true;
    return r;
  }
  return std::nullopt;
}

}  // namespace jixu::http
