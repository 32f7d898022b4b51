// The OpenAPI 3 document, generated from the router so it cannot drift from the routes; the
// shared shapes (problem, list envelope) are written out once here.
#include <nlohmann/json.hpp>

#include "http/router.hpp"

namespace jixu::http {

std::string OpenApiJson(const Router& router) {
  using nlohmann::json;
  json paths = json::object();
  for (const Route& r : router.routes()) {
    json op{{"summary", r.summary}, {"tags", json::array({r.tag})}};
    json params = json::array();
    for (size_t i = r.pattern.find('{'); i != std::string::npos; i = r.pattern.find('{', i + 1)) {
      const std::string name = r.pattern.substr(i + 1, r.pattern.find('}', i) - i - 1);
      params.push_back({{"name", name}, {"in", "path"}, {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    for (const std::string& q : r.query) {
      params.push_back({{"name", q}, {"in", "query"}, {"required", false},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.body.empty()) {
      const std::string type = r.body == "json" ? "application/json"
                               : r.body == "csv" ? "text/csv"
                                                 : "application/octet-stream";
      op["requestBody"] = {{"required", true}, {"content", {{type, json::object()}}}};
    }
    op["security"] = r.is_public ? json::array() : json::array({{{"bearer", json::array()}}});
    if (!r.roles.empty()) {
      json roles = json::array();
      for (auto role : r.roles) roles.push_back(std::string(storage::RoleCode(role)));
      op["x-roles"] = roles;
    }
    op["responses"]["200"] = {{"description", "OK"}};
    op["responses"]["default"] = {
        {"description", "RFC 9457 problem"},
        {"content", {{"application/problem+json",
                      {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.pattern][method] = op;
  }
  json doc{
      {"openapi", "3.0.3"},
      {"info", {{"title", "jixu 继续教育登记 API"}, {"version", "1.0.0"},
                {"description", "See docs/api.md for scopes, errors and paging."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"properties",
             {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}},
              {"status", {{"type", "integer"}}}, {"detail", {{"type", "string"}}},
              {"code", {{"type", "string"}}}, {"field", {{"type", "string"}}},
              {"message_zh", {{"type", "string"}}}, {"message_en", {{"type", "string"}}},
              {"errors", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
          {"List",
           {{"type", "object"},
            {"properties",
             {{"items", {{"type", "array"}, {"items", {{"type", "object"}}}}},
              {"total", {{"type", "integer"}}}, {"page", {{"type", "integer"}}},
              {"page_size", {{"type", "integer"}}}}}}}}}}}};
  return doc.dump(2);
}

}  // namespace jixu::http
