// JSON request bodies as every handler reads them: ParseBody, then FieldReader over fields of
// each type (the names match the seed corpus and dictionary), then what handlers do with a
// parsed value (copy, dump).
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_util.hpp"
#include "http/problem.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jixu::http::Request req;
  req.method = "POST";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    const jixu::http::json body = jixu::http::ParseBody(req);
    const jixu::http::json copy = body;  // copying recurses: depth is what ParseBody bounds
    (void)copy.dump();
    jixu::http::FieldReader r(body);
    (void)r.Str("name", true);
    (void)r.Str("title", false, 8);
    (void)r.Int("year", false, 1900, 2100);
    (void)r.Int("delta", false, -10, 10);
    (void)r.Bool("active", false);
    (void)r.DateField("date", false);
    (void)r.HoursField("hours", false);
    (void)r.StrList("roles");
    r.Finish();
  } catch (const jixu::http::ApiError& e) {
    if (e.status() != 400 && e.status() != 422) __builtin_trap();
    if (e.errors().empty()) __builtin_trap();
  }
  return 0;
}
