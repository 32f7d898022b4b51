#pragma once
// The request target, taken apart safely. Routing works on the raw path split at '/' first, and
// each segment is percent-decoded only afterwards: an encoded "/" (%2F) stays inside its segment
// and never becomes a separator, so `/api%2Fv1%2Fopenapi.json` is one segment that names no
// route. Every decoded segment, query name and query value must be valid UTF-8 without control
// characters; otherwise the request is refused with 400 naming the parameter.
#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.hpp"
#include "http/request.hpp"

namespace jixu::http {

/// Fills req.path (the raw path, as sent, without the query), req.segments (decoded) and
/// req.query (decoded) from an origin-form target; the error names what is wrong ("path" or
/// the query parameter).
std::optional<Error> ParseTarget(std::string_view target, Request& req);

/// Whether a raw path belongs to the API (else: the UI's files).
bool IsApiPath(const std::string& path);

/// Percent-decoding ('+' as space in query strings); false on a malformed escape.
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);

/// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool ValidUtf8(std::string_view s);

}  // namespace jixu::http
