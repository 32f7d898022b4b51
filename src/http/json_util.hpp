#pragma once
// Request parsing and response building shared by the handlers: the JSON body with field
// errors collected (every bad field reported at once), query parameters, paging, the list
// envelope. JSON stays here, in the HTTP layer, never in domain types.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/error.hpp"
#include "core/common/hours.hpp"
#include "core/storage/server_repos.hpp"
#include "http/request.hpp"

namespace jixu::http {

using nlohmann::json;

/// Arrays and objects a request body may nest (our bodies use three or four).
inline constexpr size_t kMaxJsonDepth = 64;

/// The body as a JSON object; 400 (field "body") if it is not one or nests deeper than
/// kMaxJsonDepth.
json ParseBody(const Request& req);

/// Reads fields of a JSON object, collecting a bilingual error per bad field.
class FieldReader {
 public:
  explicit FieldReader(const json& obj) : obj_(obj) {}
  std::optional<std::string> Str(const char* field, bool required, size_t max_len = 200);
  std::optional<int64_t> Int(const char* field, bool required, int64_t min, int64_t max);
  std::optional<bool> Bool(const char* field, bool required);
  std::optional<Date> DateField(const char* field, bool required);
  std::optional<Hours> HoursField(const char* field, bool required);
  std::vector<std::string> StrList(const char* field);
  void Fail(const char* field, std::string code, std::string zh, std::string en);
  Errors& errors() { return errors_; }
  /// 422 with every error collected, if any.
  void Finish();

 private:
  const json* Get(const char* field, bool required);
  const json& obj_;
  Errors errors_;
};

/// Optional query parameter; 400 naming it when malformed.
std::optional<int64_t> QueryInt(const Request& req, const char* name, int64_t min, int64_t max);
std::string QueryStr(const Request& req, const char* name);
/// ?page=&page_size=&sort=(-)key with key one of `sort_keys` (400 otherwise).
storage::Page PageOf(const Request& req, std::initializer_list<const char*> sort_keys);

Response JsonResponse(int status, const json& body);
/// {"items": [...], "total": N, "page": P, "page_size": S}
Response ListResponse(json items, int64_t total, const storage::Page& page);

std::string IsoTime(int64_t unix_seconds);

}  // namespace jixu::http
