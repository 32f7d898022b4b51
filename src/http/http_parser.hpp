#pragma once
// Incremental HTTP/1.1 request parsing from a connection's buffer. Bodies by Content-Length
// only: a request with Transfer-Encoding is refused with 501 (no client of this API needs
// chunked uploads, and refusing it closes a request-smuggling door).
#include <cstddef>
#include <string>

#include "http/request.hpp"

namespace jixu::http {

struct ParseLimits {
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 64 * 1024 * 1024;
};

enum class ParseStatus { kIncomplete, kComplete, kError };

struct ParseResult {
  ParseStatus status = ParseStatus::kIncomplete;
  size_t consumed = 0;  ///< bytes of the buffer this request used (kComplete)
  int error_status = 0; ///< 400, 413, 431, 501… (kError)
  std::string error;
};

/// Parses one request from the start of `buf`. On kComplete `out` is filled and `consumed`
/// bytes belong to it; later bytes are the next (pipelined) request.
ParseResult ParseRequest(std::string_view buf, const ParseLimits& limits, Request& out);

/// Percent-decoding ('+' as space in query strings); false on a malformed escape.
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);

}  // namespace jixu::http
