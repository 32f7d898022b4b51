#pragma once
// The OpenAPI 3.0.3 document of a router's routes (docs/api.md#openapi). OpenApiJson
// (router.hpp) is its text, served at /api/v1/openapi.json and printed by `jixu openapi`.
#include <nlohmann/json.hpp>

#include <string>

namespace jixu::http {

class Router;

nlohmann::json OpenApiDocument(const Router& router);

/// The operationId stem of a path: /api/v1/persons/{id}/records → PersonsIdRecords.
std::string OperationName(const std::string& pattern);

}  // namespace jixu::http
