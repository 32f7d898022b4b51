// The OpenAPI document against the router (every route has its typed operation and every typed
// operation its route), its own consistency (references resolve, only the validated subset of
// JSON Schema, unique operation ids), and the validator the API tests check answers with.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "http/openapi/document.hpp"
#include "http/openapi/schema.hpp"
#include "http/router.hpp"
#include "support/json_schema.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

std::string Key(const http::Route& r) { return r.method + " " + r.pattern; }

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiDocument, EveryRouteHasATypedOperationAndEveryOperationItsRoute) {
  const http::Router router = http::BuildRouter();
  const auto& ops = http::openapi::AllOperations();
  std::set<std::string> routes;
  for (const auto& r : router.routes()) {
    routes.insert(Key(r));
    auto it = ops.find(Key(r));
    if (it == ops.end()) {
      ADD_FAILURE() << Key(r) << " has no operation in src/http/openapi/ops_*.cpp";
      continue;
    }
    const auto& op = it->second;
    bool success = false;
    for (const auto& [status, response] : op.responses) success = success || (status >= 200 && status < 300);
    EXPECT_TRUE(success) << Key(r) << " documents no success answer";
    EXPECT_EQ(r.body == "json", !op.request.is_null())
        << Key(r) << ": the route's body is '" << r.body << "' but the operation "
        << (op.request.is_null() ? "has no" : "has a") << " JSON request schema";
    for (const auto& [name, _] : op.query) {
      EXPECT_NE(std::find(r.query.begin(), r.query.end(), name), r.query.end())
          << Key(r) << " types query parameter '" << name << "' the route does not list";
    }
  }
  for (const auto& [key, _] : ops) {
    EXPECT_TRUE(routes.count(key)) << key << " is documented but the router has no such route";
  }
}

TEST(OpenApiDocument, PathsAndMethodsAreExactlyTheRoutes) {
  const http::Router router = http::BuildRouter();
  const json doc = http::OpenApiDocument(router);
  std::set<std::string> from_router, from_doc;
  for (const auto& r : router.routes()) from_router.insert(Lower(r.method) + " " + r.pattern);
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, _] : item.items()) from_doc.insert(method + " " + path);
  }
  EXPECT_EQ(from_router, from_doc);
  EXPECT_EQ(doc["openapi"], "3.0.3");
}

TEST(OpenApiDocument, OperationIdsAreUnique) {
  const json doc = http::OpenApiDocument(http::BuildRouter());
  std::set<std::string> ids;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << op["operationId"];
    }
  }
}

/// Calls `fn` on every schema in `node` with where it is: `node` itself if `is_schema`, else the
/// values of "schema" keys inside it (paths, parameters, responses, media types).
void EachSchema(const json& node, const std::string& at, bool is_schema,
                const std::function<void(const json&, const std::string&)>& fn) {
  if (is_schema) {
    if (!node.is_object()) return;
    fn(node, at);
    if (node.contains("properties")) {
      for (const auto& [name, prop] : node["properties"].items()) EachSchema(prop, at + "." + name, true, fn);
    }
    if (node.contains("items")) EachSchema(node["items"], at + "[]", true, fn);
    if (node.contains("additionalProperties")) EachSchema(node["additionalProperties"], at + ".*", true, fn);
    for (const char* k : {"oneOf", "allOf"}) {
      if (!node.contains(k)) continue;
      for (size_t i = 0; i < node[k].size(); ++i) {
        EachSchema(node[k][i], at + "." + k + "[" + std::to_string(i) + "]", true, fn);
      }
    }
    return;
  }
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) EachSchema(v, at + "." + k, k == "schema", fn);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) EachSchema(node[i], at + "[" + std::to_string(i) + "]", false, fn);
  }
}

TEST(OpenApiDocument, SchemasUseTheValidatedSubsetAndEveryReferenceResolves) {
  const json doc = http::OpenApiDocument(http::BuildRouter());
  const SchemaValidator validator(doc);
  std::set<std::string> referenced;
  auto check = [&](const json& schema, const std::string& at) {
    // Validating null exercises every keyword check on the schema itself and resolves its $ref.
    try {
      for (const auto& e : validator.Validate(nullptr, schema)) {
        EXPECT_EQ(e.find("outside the validated subset"), std::string::npos) << at << ": " << e;
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << at << ": " << e.what();
    }
    if (schema.contains("$ref")) referenced.insert(schema["$ref"].get<std::string>().substr(21));
  };
  EachSchema(doc["paths"], "paths", false, check);
  for (const auto& [name, schema] : doc["components"]["schemas"].items()) {
    EachSchema(schema, "components.schemas." + name, true, check);
  }
  for (const auto& [name, _] : doc["components"]["schemas"].items()) {
    EXPECT_TRUE(referenced.count(name)) << "component " << name << " is never used";
  }
}

TEST(OpenApiDocument, ResponsesAreClosedAndRequestBodiesOpen) {
  // docs/api.md#additional-properties: what the server sends is listed in full; what it reads
  // may carry more (it ignores unknown fields).
  const json doc = http::OpenApiDocument(http::BuildRouter());
  for (const char* name : {"Person", "LearningRecord", "Compliance", "Employer", "Provider", "Course",
                           "Class", "Certificate", "Transfer", "Region", "AuditEntry", "User", "Problem"}) {
    ASSERT_TRUE(doc["components"]["schemas"].contains(name)) << name;
    EXPECT_EQ(doc["components"]["schemas"][name]["additionalProperties"], false) << name;
  }
  EXPECT_FALSE(doc["components"]["schemas"]["Declaration"].contains("additionalProperties"));
}

class Validator : public ::testing::Test {
 protected:
  const json doc_ = http::OpenApiDocument(http::BuildRouter());
  std::vector<std::string> Errors(const json& value, const char* component) const {
    return SchemaValidator(doc_).Validate(value, {{"$ref", std::string("#/components/schemas/") + component}});
  }
  static json Region() {
    return {{"prefix", "44"}, {"code", "440000"}, {"name", "广东省"}, {"level", "province"}, {"leaf", false}};
  }
};

TEST_F(Validator, AcceptsAConformingValue) { EXPECT_TRUE(Errors(Region(), "Region").empty()); }

TEST_F(Validator, RefusesAFieldTheSchemaLacks) {
  json r = Region();
  r["population"] = 1;
  const auto e = Errors(r, "Region");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("'population' is not in the schema"), std::string::npos) << e[0];
}

TEST_F(Validator, RefusesAMissingRequiredField) {
  json r = Region();
  r.erase("leaf");
  const auto e = Errors(r, "Region");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("missing required field 'leaf'"), std::string::npos) << e[0];
}

TEST_F(Validator, RefusesAWrongTypeAnUnknownEnumValueAndABadDate) {
  json r = Region();
  r["leaf"] = "no";
  r["level"] = "village";
  EXPECT_EQ(Errors(r, "Region").size(), 2u);
  const json exemption = {{"id", "x"}, {"person_id", "p"}, {"kind", "illness"}, {"from", "2026-13-01"},
                          {"to", "2026-02-01"}, {"approved", true}, {"note", ""}};
  const auto e = Errors(exemption, "PersonExemption");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].find("$.from"), std::string::npos) << e[0];
}

TEST_F(Validator, NullOnlyWhereNullable) {
  json person = {{"id", "p"}, {"name", "王芳"}, {"id_number", "4401**********1234"}, {"employer_code", ""},
                 {"region_code", "440106"}, {"field", "医学"}, {"title_level", "senior"},
                 {"title_since", nullptr}, {"joined", nullptr}};
  EXPECT_TRUE(Errors(person, "Person").empty());
  person["name"] = nullptr;
  EXPECT_EQ(Errors(person, "Person").size(), 1u);
}

TEST_F(Validator, ChecksAnAnswerByOperationStatusAndMediaType) {
  const json list = {{"items", json::array({Region()})}, {"total", 1}, {"page", 1}, {"page_size", 1}};
  EXPECT_TRUE(CheckApiResponse(doc_, {"GET", "/api/v1/regions?parent=44", 200, "application/json", list.dump()}).empty());
  // A status the operation does not document.
  EXPECT_EQ(CheckApiResponse(doc_, {"GET", "/api/v1/regions", 201, "application/json", list.dump()}).size(), 1u);
  // A problem must be a Problem, under any operation.
  EXPECT_EQ(CheckApiResponse(doc_, {"GET", "/api/v1/regions", 400, "application/problem+json", "{}"}).size(), 8u);
  // A file where JSON is documented.
  EXPECT_EQ(CheckApiResponse(doc_, {"GET", "/api/v1/regions", 200, "application/pdf", "%PDF"}).size(), 1u);
  // Literal segments win over templates: /records/report is not /records/{id}.
  EXPECT_TRUE(CheckApiResponse(doc_, {"POST", "/api/v1/records/report", 201, "application/json",
                                      json{{"inserted", 1}, {"unchanged", 0}, {"ids", {"r1"}}}.dump()}).empty());
}

}  // namespace
}  // namespace jixu::testing
