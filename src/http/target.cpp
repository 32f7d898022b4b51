#include "http/target.hpp"

namespace jixu::http {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Error BadEncoding(const std::string& field) {
  const std::string what = field == "path" ? std::string("路径") : "参数 " + field + " ";
  return MakeError("invalid_encoding", field,
                   what + " 编码无效（须为合法的 UTF-8 百分号编码，且不含控制字符）",
                   (field == "path" ? std::string("the path") : "parameter " + field) +
                       " is not validly encoded (percent-encoded UTF-8 without control characters)");
}

/// Decodes one piece; false when it is malformed, not UTF-8 or holds a control character.
bool DecodeClean(std::string_view in, std::string& out, bool plus_is_space) {
  return PercentDecode(in, out, plus_is_space) && ValidUtf8(out) && !HasControl(out);
}

}  // namespace

bool IsApiPath(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz" ||
         path.rfind("/.well-known/", 0) == 0;
}

bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (in.size() - i < 3) return false;
      const int hi = HexDigit(in[i + 1]), lo = HexDigit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (n - i < static_cast<size_t>(len)) return false;
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += static_cast<size_t>(len);
  }
  return true;
}

std::optional<Error> ParseTarget(std::string_view target, Request& req) {
  // Origin form only: "/path[?query]". The absolute and authority forms are for proxies.
  const size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  req.path.assign(raw_path);
  if (raw_path.empty() || raw_path[0] != '/') return BadEncoding("path");
  for (char c : raw_path) {
    if (c == '\\' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '#') {
      return BadEncoding("path");
    }
  }
  req.segments.clear();
  size_t i = 1;
  for (;;) {
    const size_t j = raw_path.find('/', i);
    std::string seg;
    if (!DecodeClean(raw_path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i),
                     seg, false)) {
      return BadEncoding("path");
    }
    req.segments.push_back(std::move(seg));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  req.query.clear();
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view qs = target.substr(q + 1);
  while (!qs.empty()) {
    const size_t amp = qs.find('&');
    std::string_view pair = qs.substr(0, amp);
    qs = amp == std::string_view::npos ? std::string_view() : qs.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string k, v;
    if (!DecodeClean(pair.substr(0, eq), k, true)) return BadEncoding("query");
    if (eq != std::string_view::npos && !DecodeClean(pair.substr(eq + 1), v, true)) {
      return BadEncoding(k);
    }
    req.query.emplace(std::move(k), std::move(v));
  }
  return std::nullopt;
}

}  // namespace jixu::http
