#include "http/json_util.hpp"

#include <ctime>

#include "http/problem.hpp"

namespace jixu::http {
namespace {

/// How deep `text` nests arrays and objects, counted outside strings, stopping once past
/// `limit`. Parsing is iterative, but copying, comparing and dumping a json value recurse: a
/// body of a million '[' would overflow the stack of whatever handled it next.
size_t NestingDepth(std::string_view text, size_t limit) {
  size_t depth = 0;
  size_t deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size() && deepest <= limit; ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

json ParseBody(const Request& req) {
  if (NestingDepth(req.body, kMaxJsonDepth) > kMaxJsonDepth) {
    ThrowBadRequest("body",
                    "请求体嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层",
                    "the request body nests deeper than " + std::to_string(kMaxJsonDepth) +
                        " levels",
                    "invalid_json");
  }
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    ThrowBadRequest("body", "请求体须为 JSON 对象", "the request body must be a JSON object",
                    "invalid_json");
  }
  return j;
}

const json* FieldReader::Get(const char* field, bool required) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->is_null()) {
    if (required) Fail(field, "required", std::string("缺少字段 ") + field,
                       std::string("missing field ") + field);
    return nullptr;
  }
  return &*it;
}

void FieldReader::Fail(const char* field, std::string code, std::string zh, std::string en) {
  errors_.push_back(MakeError(std::move(code), field, std::move(zh), std::move(en)));
}

std::optional<std::string> FieldReader::Str(const char* field, bool required, size_t max_len) {
  const json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    Fail(field, "invalid_type", std::string(field) + " 须为字符串",
         std::string(field) + " must be a string");
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  if (required && s.empty()) {
    Fail(field, "required", std::string(field) + " 不能为空", std::string(field) + " is empty");
    return std::nullopt;
  }
  if (s.size() > max_len) {
    Fail(field, "too_long", std::string(field) + " 过长", std::string(field) + " is too long");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::Int(const char* field, bool required, int64_t min,
                                        int64_t max) {
  const json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  // An unsigned value past INT64_MAX would wrap to a negative int64_t inside [min, max].
  const bool fits = v->is_number_integer() &&
                    (!v->is_number_unsigned() || v->get<uint64_t>() <= INT64_MAX);
  if (!fits || v->get<int64_t>() < min || v->get<int64_t>() > max) {
    Fail(field, "out_of_range",
         std::string(field) + " 须为 " + std::to_string(min) + "–" + std::to_string(max) + " 的整数",
         std::string(field) + " must be an integer in " + std::to_string(min) + ".." +
             std::to_string(max));
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<bool> FieldReader::Bool(const char* field, bool required) {
  const json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    Fail(field, "invalid_type", std::string(field) + " 须为 true 或 false",
         std::string(field) + " must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<Date> FieldReader::DateField(const char* field, bool required) {
  auto s = Str(field, required, 10);
  if (!s) return std::nullopt;
  auto d = Date::Parse(*s);
  if (!d) Fail(field, "invalid_date", std::string(field) + " 须为 YYYY-MM-DD 日期",
               std::string(field) + " must be a date YYYY-MM-DD");
  return d;
}

std::optional<Hours> FieldReader::HoursField(const char* field, bool required) {
  const json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  std::optional<Hours> h;
  if (v->is_number()) {
    h = Hours::Parse(v->dump());
  } else if (v->is_string()) {
    h = Hours::Parse(v->get<std::string>());
  }
  if (!h || h->centi() <= 0 || h->centi() > 1000 * Hours::kScale) {
    Fail(field, "invalid_hours", std::string(field) + " 须为 0 到 1000 之间的学时（最多两位小数）",
         std::string(field) + " must be hours in (0, 1000] with at most two decimals");
    return std::nullopt;
  }
  return h;
}

std::vector<std::string> FieldReader::StrList(const char* field) {
  std::vector<std::string> out;
  const json* v = Get(field, true);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    Fail(field, "invalid_type", std::string(field) + " 须为数组", std::string(field) + " must be an array");
    return out;
  }
  for (const auto& e : *v) {
    if (!e.is_string()) {
      Fail(field, "invalid_type", std::string(field) + " 的元素须为字符串",
           std::string(field) + " must hold strings");
      return {};
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

void FieldReader::Finish() {
  if (!errors_.empty()) throw ApiError(422, errors_);
}

std::optional<int64_t> QueryInt(const Request& req, const char* name, int64_t min, int64_t max) {
  const std::string* v = req.Query(name);
  if (v == nullptr || v->empty()) return std::nullopt;
  try {
    size_t used = 0;
    const long long n = std::stoll(*v, &used);
    if (used == v->size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  ThrowBadRequest(name,
                  std::string("参数 ") + name + " 须为 " + std::to_string(min) + "–" +
                      std::to_string(max) + " 的整数",
                  std::string("parameter ") + name + " must be an integer in " +
                      std::to_string(min) + ".." + std::to_string(max));
}

std::string QueryStr(const Request& req, const char* name) {
  const std::string* v = req.Query(name);
  return v == nullptr ? std::string() : *v;
}

storage::Page PageOf(const Request& req, std::initializer_list<const char*> sort_keys) {
  storage::Page p;
  const int64_t page = QueryInt(req, "page", 1, 1'000'000).value_or(1);
  p.limit = QueryInt(req, "page_size", 1, 200).value_or(20);
  p.offset = (page - 1) * p.limit;
  std::string sort = QueryStr(req, "sort");
  if (!sort.empty()) {
    if (sort[0] == '-') {
      p.descending = true;
      sort.erase(0, 1);
    }
    bool known = false;
    std::string allowed;
    for (const char* k : sort_keys) {
      known = known || sort == k;
      allowed += allowed.empty() ? k : std::string(", ") + k;
    }
    if (!known) {
      ThrowBadRequest("sort", "不支持的排序字段，可用：" + allowed,
                      "unsupported sort key; use one of: " + allowed);
    }
    p.sort = sort;
  }
  return p;
}

Response JsonResponse(int status, const json& body) { return Response::Json(status, body.dump()); }

Response ListResponse(json items, int64_t total, const storage::Page& page) {
  return JsonResponse(200, json{{"items", std::move(items)},
                                {"total", total},
                                {"page", page.offset / page.limit + 1},
                                {"page_size", page.limit}});
}

std::string IsoTime(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace jixu::http
