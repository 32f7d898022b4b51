// The OpenAPI 3 document: the router says which operations exist (method, path, summary, roles,
// query names, body kind); ops_*.cpp say what each takes and answers; components*.cpp name the
// domain's shapes. A route without a typed operation, or an operation without its route, fails
// tests/http/openapi_document_test.cpp.
#include "http/openapi/document.hpp"

#include <cctype>

#include "http/openapi/schema.hpp"
#include "http/router.hpp"

namespace jixu::http {
namespace {

using openapi::json;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// The schema of a query parameter no operation types itself.
json SharedQuerySchema(const std::string& name) {
  if (name == "page" || name == "page_size") {
    json s{{"type", "integer"}, {"minimum", 1}};
    if (name == "page_size") s["maximum"] = 200;
    return s;
  }
  if (name == "year" || name == "from" || name == "to") return {{"type", "integer"}};
  if (name == "sort") return {{"type", "string"}, {"description", "a sort key, - for descending"}};
  return {{"type", "string"}};
}

json Parameters(const Route& r, const openapi::Operation* op) {
  json params = json::array();
  for (size_t i = r.pattern.find('{'); i != std::string::npos; i = r.pattern.find('{', i + 1)) {
    const std::string name = r.pattern.substr(i + 1, r.pattern.find('}', i) - i - 1);
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const std::string& q : r.query) {
    json schema = SharedQuerySchema(q);
    if (op != nullptr) {
      if (auto it = op->query.find(q); it != op->query.end()) schema = it->second;
    }
    params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", schema}});
  }
  return params;
}

json RequestBody(const Route& r, const openapi::Operation* op) {
  json content;
  if (r.body == "json") {
    content["application/json"]["schema"] = op != nullptr && !op->request.is_null() ? op->request : json::object();
  } else if (r.body == "csv") {
    content["text/csv"]["schema"] = {{"type", "string"}, {"description", "UTF-8 or GB18030 CSV with a header row"}};
  } else {
    content["application/octet-stream"]["schema"] = {{"type", "string"}, {"format", "binary"},
                                                     {"description", "a PDF, JPEG or PNG file"}};
  }
  return {{"required", op == nullptr || !op->request_optional}, {"content", content}};
}

const char* ProblemText(int status) {
  switch (status) {
    case 400: return "malformed request: a bad parameter or body (the field is named)";
    case 401: return "not signed in, or the session ended";
    case 403: return "the caller's role may not do this (or must change the password first)";
    case 404: return "not found, or outside the caller's scope (the same answer)";
    case 409: return "the state does not allow it";
    case 413: return "the body is too large";
    case 415: return "not a PDF, JPEG or PNG";
    case 422: return "invalid input: every bad field listed";
    case 429: return "too many attempts: wait Retry-After seconds";
    default: return "problem";
  }
}

json ProblemContent(int status) {
  return {{"description", ProblemText(status)},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

json Responses(const Route& r, const openapi::Operation* op) {
  json out = json::object();
  if (op != nullptr) {
    for (const auto& [status, response] : op->responses) out[std::to_string(status)] = response;
  }
  if (out.empty()) out["200"] = {{"description", "OK (untyped: this route has no operation in src/http/openapi)"}};
  std::vector<int> problems;
  if (!r.query.empty() || !r.body.empty()) problems.push_back(400);
  if (!r.is_public) problems.insert(problems.end(), {401, 403});
  if (r.pattern.find('{') != std::string::npos) problems.push_back(404);
  if (!r.body.empty()) problems.push_back(413);
  if (r.body == "json") problems.push_back(422);
  if (op != nullptr) problems.insert(problems.end(), op->problems.begin(), op->problems.end());
  for (int status : problems) {
    const std::string key = std::to_string(status);
    if (!out.contains(key)) out[key] = ProblemContent(status);
  }
  out["default"] = {{"description", "any other problem (RFC 9457), e.g. 500 or 503"},
                    {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  return out;
}

}  // namespace

nlohmann::json OpenApiDocument(const Router& router) {
  const auto& operations = openapi::AllOperations();
  json paths = json::object();
  for (const Route& r : router.routes()) {
    auto found = operations.find(r.method + " " + r.pattern);
    const openapi::Operation* op = found == operations.end() ? nullptr : &found->second;
    json o{{"operationId", Lower(r.method) + OperationName(r.pattern)},
           {"summary", r.summary},
           {"tags", json::array({r.tag})}};
    json params = Parameters(r, op);
    if (!params.empty()) o["parameters"] = params;
    if (!r.body.empty()) o["requestBody"] = RequestBody(r, op);
    o["security"] = r.is_public ? json::array() : json::array({{{"bearer", json::array()}}});
    if (!r.roles.empty()) {
      json roles = json::array();
      for (auto role : r.roles) roles.push_back(std::string(storage::RoleCode(role)));
      o["x-roles"] = roles;
    }
    o["responses"] = Responses(r, op);
    paths[r.pattern][Lower(r.method)] = o;
  }
  return json{
      {"openapi", "3.0.3"},
      {"info", {{"title", "jixu 继续教育登记 API"}, {"version", "1.0.0"},
                {"description", "See docs/api.md for scopes, errors, paging and this document's conventions."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas", openapi::Schemas()}}}};
}

std::string OperationName(const std::string& pattern) {
  // /api/v1/persons/{id}/records → PersonsIdRecords: unique per method and path.
  std::string out;
  bool upper = true;
  std::string_view p(pattern);
  if (p.rfind("/api/v1", 0) == 0) p.remove_prefix(7);
  for (char c : p) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::string OpenApiJson(const Router& router) { return OpenApiDocument(router).dump(2); }

}  // namespace jixu::http
