#pragma once
// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that are signed.
//
//  - objects: members sorted by their names compared as UTF-16 code units (RFC 8785 §3.2.3),
//    recursively; arrays keep their order;
//  - no whitespace between tokens;
//  - strings: UTF-8 as is, escaping only `"` `\` and the controls U+0000–U+001F (\b \f \n \r \t
//    and \u00xx in lower-case hex for the rest), as ECMAScript's JSON.stringify does;
//  - numbers: ECMAScript's Number-to-String. Our payloads carry integers and hours with at most
//    two decimals, whose shortest round-trip form ("72", "1.5", "0.25") is exactly that. Numbers
//    that ECMAScript would print in exponent form (|x| ≥ 1e21 or < 1e-6) and non-finite ones are
//    refused (Fault), so they can never be signed in a form another JCS implementation disagrees
//    with; integers beyond ±2^53 are refused for the same reason.
#include <string>

#include <nlohmann/json.hpp>

namespace jixu::certs {

/// Throws Fault("not_canonicalizable") for numbers outside the range above or invalid UTF-8.
std::string CanonicalJson(const nlohmann::json& value);

}  // namespace jixu::certs
