#include "http/openapi/schema.hpp"

#include <stdexcept>

namespace jixu::http::openapi {
namespace {

void EraseRequired(json& base, const char* name) {
  auto& req = base["required"];
  for (auto it = req.begin(); it != req.end(); ++it) {
    if (*it == name) {
      req.erase(it);
      return;
    }
  }
}

json Object(std::initializer_list<Prop> props, bool closed) {
  json properties = json::object();
  json required = json::array();
  for (const auto& [name, schema] : props) {
    const bool optional = !name.empty() && name.back() == '?';
    const std::string key = optional ? name.substr(0, name.size() - 1) : name;
    properties[key] = schema;
    if (!optional) required.push_back(key);
  }
  json o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  if (closed) o["additionalProperties"] = false;
  return o;
}

}  // namespace

json Nullable(json schema) {
  // A $ref takes no siblings in OpenAPI 3.0: wrap it.
  if (schema.contains("$ref")) return json{{"allOf", json::array({std::move(schema)})}, {"nullable", true}};
  schema["nullable"] = true;
  return schema;
}

json Obj(std::initializer_list<Prop> props) { return Object(props, true); }
json Body(std::initializer_list<Prop> props) { return Object(props, false); }

json Extend(json base, std::initializer_list<Prop> more) {
  const json extra = Object(more, true);
  for (const auto& [k, v] : extra["properties"].items()) base["properties"][k] = v;
  if (extra.contains("required")) {
    for (const auto& r : extra["required"]) base["required"].push_back(r);
  }
  return base;
}

json Without(json base, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (!base["properties"].contains(n)) throw std::logic_error(std::string("openapi: no property ") + n);
    base["properties"].erase(n);
    EraseRequired(base, n);
  }
  return base;
}

json Optional(json base, std::initializer_list<const char*> names) {
  for (const char* n : names) EraseRequired(base, n);
  return base;
}

json ListOf(json item) {
  return Obj({{"items", Array(std::move(item))},
              {"total", Int()},
              {"page", Int()},
              {"page_size", Int()}});
}

json KeyedListOf(json item) {
  return Extend(ListOf(std::move(item)),
                {{"total_exact", Bool()},
                 {"next_cursor", Nullable(Str("pass as after= for the next page"))}});
}

json JsonContent(json schema, const char* description) {
  return json{{"description", description},
              {"content", {{"application/json", {{"schema", std::move(schema)}}}}}};
}

json FileContent(const std::string& media_types, const char* description) {
  json content = json::object();
  size_t start = 0;
  while (start <= media_types.size()) {
    const size_t bar = media_types.find('|', start);
    const std::string type = media_types.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return json{{"description", description}, {"content", std::move(content)}};
}

json NoContent() { return json{{"description", "No content"}}; }

Operation Answers(int status, json schema) {
  Operation o;
  o.responses[status] = JsonContent(std::move(schema));
  return o;
}

Operation Takes(json body, int status, json schema) {
  Operation o = Answers(status, std::move(schema));
  o.request = std::move(body);
  return o;
}

const Operations& AllOperations() {
  static const Operations kAll = [] {
    Operations ops;
    AddSessionOperations(ops);
    AddPersonOperations(ops);
    AddRecordOperations(ops);
    AddOrganisationOperations(ops);
    AddCertificateOperations(ops);
    AddStatisticsOperations(ops);
    AddMarketOperations(ops);
    AddNotifyOperations(ops);
    return ops;
  }();
  return kAll;
}

}  // namespace jixu::http::openapi
