#pragma once
// A request's head (request line and fields) read strictly, before Beast's parser sees it and
// after: what request smuggling needs is refused (docs/security.md). The server calls it for
// every request; the HTTP fuzzer (tests/fuzz) calls it on arbitrary bytes.
#include <optional>
#include <string>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/request.hpp"

namespace jixu::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

/// "" when `head` (without its final CRLF CRLF) is acceptable, else what is wrong: CRLF line ends
/// only, no control character but HTAB, `METHOD SP target SP HTTP/1.x` with single spaces and no
/// space, control or DEL in the target, no obsolete line folding, no whitespace before a colon.
std::string CheckHead(std::string_view head);

/// Checks `head` (without its final CRLF CRLF; appended here, for Beast), parses it with Beast into `parser` (left ready
/// for the body, which the caller reads), and fills req's method, target, path, segments, query,
/// headers (names lower-cased) and keep_alive. Returns the answer to send instead (400, 501;
/// the connection is then to close) when the head is refused.
std::optional<Response> ParseHead(std::string& head, size_t max_header_bytes, RequestParser& parser,
                                  Request& req);

/// A problem+json answer of the transport itself (400, 408, 413, 431, 501, 503…); closes.
Response TransportError(int status, const std::string& code, const std::string& zh,
                        const std::string& en);

}  // namespace jixu::http
