#pragma once
// A JSON Schema validator for the subset the OpenAPI document uses (docs/api.md#openapi): type,
// nullable, enum, format (date, date-time), properties, required, additionalProperties, items,
// minimum, maximum, $ref (inside the document), oneOf, allOf. A keyword outside the subset is an
// error, so the document cannot start relying on something nothing checks.
//
// CheckApiResponse matches an HTTP answer to the document's operation (method and path
// template), its response (status, else `default` for a problem) and media type, and validates
// the body against that schema. The API tests call it on every answer (tests/http/http_client.hpp).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace jixu::testing {

class SchemaValidator {
 public:
  /// `document` holds the schemas `$ref`s point into (#/components/schemas/…); it must outlive
  /// the validator.
  explicit SchemaValidator(const nlohmann::json& document) : doc_(document) {}

  /// Every violation, each with its location ($.items[3].hours); empty when `value` is valid.
  std::vector<std::string> Validate(const nlohmann::json& value, const nlohmann::json& schema) const;

 private:
  void Check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& at,
             std::vector<std::string>& errors) const;
  const nlohmann::json& Resolve(const std::string& ref) const;
  const nlohmann::json& doc_;
};

struct ApiAnswer {
  std::string method;
  std::string target;  ///< path and query as sent
  int status = 0;
  std::string content_type;
  std::string body;
};

/// Violations of the OpenAPI `document` by `answer` (empty when it conforms). An answer to a
/// path no operation has (a static file, an unknown route) is checked only if it is a problem.
std::vector<std::string> CheckApiResponse(const nlohmann::json& document, const ApiAnswer& answer);

}  // namespace jixu::testing
