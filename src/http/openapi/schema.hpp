#pragma once
// The small vocabulary the OpenAPI document is written in: JSON Schema builders (the subset the
// document uses and tests/support/json_schema.hpp validates: type, format, enum, nullable,
// properties, required, additionalProperties, items, $ref, oneOf) and the typed description of
// one operation. Each area's operations live in their own file (ops_*.cpp); components.cpp holds
// the domain's shared schemas; document.cpp joins them with the router (docs/api.md#openapi).
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jixu::http::openapi {

using nlohmann::json;

inline json Str() { return {{"type", "string"}}; }
inline json Str(const char* description) { return {{"type", "string"}, {"description", description}}; }
/// YYYY-MM-DD.
inline json DateStr() { return {{"type", "string"}, {"format", "date"}}; }
/// RFC 3339 UTC instant (2026-11-26T04:24:00Z).
inline json Instant() { return {{"type", "string"}, {"format", "date-time"}}; }
inline json Int() { return {{"type", "integer"}}; }
inline json Num() { return {{"type", "number"}}; }
inline json Bool() { return {{"type", "boolean"}}; }
inline json Bool(const char* description) { return {{"type", "boolean"}, {"description", description}}; }
/// Hours (or credits) as a JSON number with at most two decimals.
inline json HoursNum() { return {{"type", "number"}, {"description", "hours, at most two decimals"}}; }
/// Hours in a request: a number or a decimal string ("7.50").
inline json HoursIn() { return {{"oneOf", json::array({HoursNum(), Str("hours as a decimal string")})}}; }
/// An opaque id (docs/api.md#ids): a letter and a keyed code, stable per server secret.
inline json Id() { return {{"type", "string"}, {"description", "opaque id"}}; }
/// A 6-digit GB/T 2260 region code or a 2/4/6-digit prefix of one ("" for none).
inline json RegionCode() { return {{"type", "string"}, {"description", "GB/T 2260 code or prefix"}}; }
inline json Ref(const std::string& component) { return {{"$ref", "#/components/schemas/" + component}}; }
inline json Array(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
inline json Enum(std::vector<std::string> values) { return {{"type", "string"}, {"enum", std::move(values)}}; }
/// The value or null.
json Nullable(json schema);
/// A map from string keys to values of `values` (additionalProperties), e.g. counts by status.
inline json MapOf(json values) { return {{"type", "object"}, {"additionalProperties", std::move(values)}}; }
/// Any JSON value (an audit entry's before/after, a signed payload): documented as such.
inline json AnyValue(const char* description) { return {{"description", description}}; }

/// A property of an object: its name, and "?" at the end when it may be absent.
using Prop = std::pair<std::string, json>;

/// A closed object: every property listed, the ones without a trailing "?" required, nothing
/// else allowed (additionalProperties: false, docs/api.md#additional-properties). Responses are
/// closed; request bodies use `Body`.
json Obj(std::initializer_list<Prop> props);
/// A request body object: the same, but open (the server ignores fields it does not know).
json Body(std::initializer_list<Prop> props);
/// `base` (an Obj) with more properties.
json Extend(json base, std::initializer_list<Prop> more);
/// `base` (an Obj) without the named properties.
json Without(json base, std::initializer_list<const char*> names);
/// `base` (an Obj) with the named properties made optional.
json Optional(json base, std::initializer_list<const char*> names);

/// The list envelope {items, total, page, page_size} of `item`.
json ListOf(json item);
/// The same for the lists that count totals up to a limit and page by key (list_page.hpp):
/// plus `total_exact` (false: `total` is the limit, a lower bound) and `next_cursor` (the
/// `after` of the next page; null on the last page or when sorted).
json KeyedListOf(json item);

/// What one operation takes and answers, beyond what the router already says (path, method,
/// summary, roles, query names).
struct Operation {
  /// Schema of the JSON request body (routes with body "json"); null otherwise.
  json request;
  /// The body may be left out (an empty body means no fields).
  bool request_optional = false;
  /// Success statuses: status → (media type → schema). Use the helpers below.
  std::map<int, json> responses;
  /// Problem statuses this operation answers beyond the ones every operation may (400, 401,
  /// 403, 404, 422 as its route implies; docs/api.md#errors): e.g. 409, 413, 415, 429.
  std::vector<int> problems;
  /// Typed query parameters (names the route documents); the rest are strings or the shared
  /// kinds in document.cpp (page, page_size, year…).
  std::map<std::string, json> query;
};

/// A JSON success answer.
json JsonContent(json schema, const char* description = "OK");
/// A file answer of `media_type` (application/pdf, …); several types: "a|b".
json FileContent(const std::string& media_types, const char* description);
/// 204: no body.
json NoContent();

/// An operation answering `status` with a JSON `schema`.
Operation Answers(int status, json schema);
/// The same, taking a JSON request body.
Operation Takes(json body, int status, json schema);

/// "GET /api/v1/persons" → its operation.
using Operations = std::map<std::string, Operation>;

/// Every component (components.cpp), including the second half (components_more.cpp).
json Schemas();
json MoreSchemas();
/// The Employer and Provider components' schemas, for the shapes that extend them.
json EmployerObject();
json ProviderObject();

/// One function per area of the API (ops_*.cpp); each adds its routes' operations.
void AddSessionOperations(Operations& ops);      // health, auth, users, policies, audit
void AddPersonOperations(Operations& ops);       // persons, exemptions, compliance
void AddRecordOperations(Operations& ops);       // records, declarations, reviews, evidence
void AddOrganisationOperations(Operations& ops); // employers, providers, courses, classes, imports
void AddCertificateOperations(Operations& ops);  // certificates, batch
void AddStatisticsOperations(Operations& ops);   // statistics, exports, people area
void AddMarketOperations(Operations& ops);       // market lifecycle, catalogue
void AddNotifyOperations(Operations& ops);       // notices, 催办
/// The notices' components (ops_notify.cpp).
json NotifySchemas();

/// Every documented operation, keyed "METHOD /path".
const Operations& AllOperations();

}  // namespace jixu::http::openapi
