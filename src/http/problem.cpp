#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace jixu::http {
namespace {

using nlohmann::json;

json ErrorJson(const Error& e) {
  return json{{"code", e.code}, {"field", e.field}, {"message_zh", e.message_zh},
              {"message_en", e.message_en}};
}

}  // namespace

void ThrowNotFound() {
  throw ApiError(404, {MakeError("not_found", "", "未找到", "not found")});
}

void ThrowUnauthorized() {
  throw ApiError(401, {MakeError("unauthorized", "authorization", "请先登录或登录已过期",
                                 "authentication required or session expired")});
}

void ThrowForbidden() {
  throw ApiError(403, {MakeError("forbidden", "", "当前角色无权进行此操作",
                                 "your role may not do this")});
}

void ThrowBadRequest(std::string field, std::string zh, std::string en, std::string code) {
  throw ApiError(400, {MakeError(std::move(code), std::move(field), std::move(zh), std::move(en))});
}

void ThrowConflict(std::string code, std::string zh, std::string en) {
  throw ApiError(409, {MakeError(std::move(code), "", std::move(zh), std::move(en))});
}

Response ProblemResponse(int status, const Errors& errors) {
  const Error first = errors.empty() ? MakeError("error", "", "请求失败", "request failed")
                                     : errors.front();
  json body{{"type", "urn:jixu:problem:" + first.code},
            {"title", std::string(StatusText(status))},
            {"status", status},
            {"detail", first.message_en},
            {"code", first.code},
            {"field", first.field},
            {"message_zh", first.message_zh},
            {"message_en", first.message_en}};
  if (errors.size() > 1 || status == 422 || status == 400) {
    json list = json::array();
    for (const auto& e : errors) list.push_back(ErrorJson(e));
    body["errors"] = std::move(list);
  }
  Response r = Response::Json(status, body.dump());
  r.content_type = "application/problem+json";
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

Response Guard(const std::function<Response()>& fn,
               const std::function<void(const std::string&)>& log_fault) {
  try {
    return fn();
  } catch (const ApiError& e) {
    return ProblemResponse(e.status(), e.errors());
  } catch (const InvalidInput& e) {
    return ProblemResponse(422, e.errors());
  } catch (const Fault& e) {
    log_fault(e.code() + ": " + e.what());
    if (e.code() == "storage_full") {
      // The write was rolled back whole (every write is one transaction): say so, and who can help.
      return ProblemResponse(507, {MakeError("storage_full", "",
                                             "数据库所在磁盘已满，本次操作未写入任何内容，请联系系统管理员",
                                             "the database's disk is full: nothing of this request "
                                             "was written; tell the system administrator")});
    }
    // The database went away (PostgreSQL restarting, a connection that cannot be opened): retry.
    const bool busy = e.code() == "database_unavailable" || e.code() == "storage_open_failed";
    return ProblemResponse(busy ? 503 : 500,
                           {MakeError(busy ? "unavailable" : "internal_error", "",
                                      busy ? "服务暂不可用，请稍后重试" : "服务器内部错误",
                                      busy ? "service unavailable, retry later"
                                           : "internal server error")});
  } catch (const std::exception& e) {
    log_fault(std::string("unexpected: ") + e.what());
    return ProblemResponse(500, {MakeError("internal_error", "", "服务器内部错误",
                                           "internal server error")});
  }
}

}  // namespace jixu::http
