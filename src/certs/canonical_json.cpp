#include "certs/canonical_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53);

/// UTF-8 to UTF-16 code units, for the RFC 8785 member order (differs from byte order only for
/// characters beyond the BMP against U+E000–U+FFFF, but the rule is the rule).
std::u16string Utf16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    int n = 0;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6) {
      cp = c & 0x1F, n = 1;
    } else if ((c >> 4) == 0xE) {
      cp = c & 0x0F, n = 2;
    } else if ((c >> 3) == 0x1E) {
      cp = c & 0x07, n = 3;
    } else {
      throw Fault("not_canonicalizable", "invalid UTF-8 in a JSON string");
    }
    for (int k = 1; k <= n; ++k) {
      if (i + k >= s.size()) throw Fault("not_canonicalizable", "truncated UTF-8");
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    i += n + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

void WriteString(const std::string& s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void WriteDouble(double v, std::string& out) {
  if (!std::isfinite(v)) throw Fault("not_canonicalizable", "non-finite number");
  if (v == 0) {
    out += '0';  // also for -0, as ECMAScript prints it
    return;
  }
  const double mag = std::fabs(v);
  if (mag >= 1e21 || mag < 1e-6) {
    throw Fault("not_canonicalizable", "number outside the plain-decimal range of JCS");
  }
  char buf[64];
  // Shortest round-trip digits in fixed notation: for this range that is ECMAScript's output.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc()) throw Fault("not_canonicalizable", "number formatting failed");
  out.append(buf, end);
}

void Write(const nlohmann::json& v, std::string& out) {
  using T = nlohmann::json::value_t;
  switch (v.type()) {
    case T::null: out += "null"; return;
    case T::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case T::number_integer:
    case T::number_unsigned: {
      if (v.is_number_unsigned() ? v.get<uint64_t>() > static_cast<uint64_t>(kMaxSafeInteger)
                                 : std::llabs(v.get<int64_t>()) > kMaxSafeInteger) {
        throw Fault("not_canonicalizable", "integer beyond 2^53");
      }
      out += v.dump();
      return;
    }
    case T::number_float: WriteDouble(v.get<double>(), out); return;
    case T::string: WriteString(v.get_ref<const std::string&>(), out); return;
    case T::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) out += ',';
        first = false;
        Write(e, out);
      }
      out += ']';
      return;
    }
    case T::object: {
      std::vector<std::pair<std::u16string, const std::string*>> keys;
      for (auto it = v.begin(); it != v.end(); ++it) keys.emplace_back(Utf16(it.key()), &it.key());
      std::sort(keys.begin(), keys.end());
      out += '{';
      bool first = true;
      for (const auto& [k16, key] : keys) {
        if (!first) out += ',';
        first = false;
        WriteString(*key, out);
        out += ':';
        Write(v.at(*key), out);
      }
      out += '}';
      return;
    }
    default: throw Fault("not_canonicalizable", "binary or discarded JSON value");
  }
}

}  // namespace

std::string CanonicalJson(const nlohmann::json& value) {
  std::string out;
  Write(value, out);
  return out;
}

}  // namespace jixu::certs
