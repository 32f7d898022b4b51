#include "support/json_schema.hpp"

#include <set>
#include <stdexcept>

#include "core/common/date.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

/// Keywords that only annotate.
const std::set<std::string> kAnnotations = {"description", "title", "example", "default"};
/// Keywords the validator checks.
const std::set<std::string> kChecked = {"type",  "nullable",   "enum",     "format",   "properties",
                                        "required", "additionalProperties", "items", "minimum",
                                        "maximum", "$ref",      "oneOf",    "allOf"};

bool HasType(const json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  return false;
}

/// RFC 3339 as the API writes it: YYYY-MM-DDTHH:MM:SSZ.
bool IsInstant(const std::string& s) {
  if (s.size() != 20 || s[10] != 'T' || s[19] != 'Z' || s[13] != ':' || s[16] != ':') return false;
  if (!Date::Parse(s.substr(0, 10))) return false;
  for (size_t i : {11u, 12u, 14u, 15u, 17u, 18u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return std::stoi(s.substr(11, 2)) < 24 && std::stoi(s.substr(14, 2)) < 60 && std::stoi(s.substr(17, 2)) < 61;
}

std::string Short(const json& v) {
  std::string s = v.dump();
  return s.size() > 80 ? s.substr(0, 77) + "..." : s;
}

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

/// The document's path template that `path` matches, preferring literal segments; "" if none.
std::string MatchPath(const json& paths, const std::string& path) {
  const auto want = Segments(path);
  std::string best;
  int best_literals = -1;
  for (const auto& [tmpl, item] : paths.items()) {
    const auto have = Segments(tmpl);
    if (have.size() != want.size()) continue;
    int literals = 0;
    bool ok = true;
    for (size_t i = 0; i < have.size() && ok; ++i) {
      if (!have[i].empty() && have[i].front() == '{') {
        ok = !want[i].empty();
      } else {
        ok = have[i] == want[i];
        ++literals;
      }
    }
    if (ok && literals > best_literals) {
      best = tmpl;
      best_literals = literals;
    }
  }
  return best;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsJsonType(const std::string& media) {
  return media == "application/json" || (media.size() > 5 && media.substr(media.size() - 5) == "+json");
}

}  // namespace

const json& SchemaValidator::Resolve(const std::string& ref) const {
  static const std::string kPrefix = "#/components/schemas/";
  if (ref.rfind(kPrefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
  const auto& schemas = doc_.at("components").at("schemas");
  const std::string name = ref.substr(kPrefix.size());
  if (!schemas.contains(name)) throw std::runtime_error("dangling $ref " + ref);
  return schemas.at(name);
}

std::vector<std::string> SchemaValidator::Validate(const json& value, const json& schema) const {
  std::vector<std::string> errors;
  Check(value, schema, "$", errors);
  return errors;
}

void SchemaValidator::Check(const json& v, const json& s, const std::string& at,
                            std::vector<std::string>& errors) const {
  if (!s.is_object()) {
    errors.push_back(at + ": the schema is not an object");
    return;
  }
  for (const auto& [k, _] : s.items()) {
    if (!kAnnotations.count(k) && !kChecked.count(k)) {
      errors.push_back(at + ": schema keyword '" + k + "' is outside the validated subset");
    }
  }
  if (s.contains("$ref")) {
    Check(v, Resolve(s["$ref"].get<std::string>()), at, errors);
    return;
  }
  if (v.is_null() && s.value("nullable", false)) return;
  if (s.contains("allOf")) {
    for (const auto& part : s["allOf"]) Check(v, part, at, errors);
  }
  if (s.contains("oneOf")) {
    int matches = 0;
    for (const auto& part : s["oneOf"]) {
      std::vector<std::string> sub;
      Check(v, part, at, sub);
      matches += sub.empty() ? 1 : 0;
    }
    if (matches != 1) {
      errors.push_back(at + ": " + Short(v) + " matches " + std::to_string(matches) + " of oneOf (must match 1)");
    }
  }
  if (s.contains("type")) {
    const std::string type = s["type"].get<std::string>();
    if (!HasType(v, type)) {
      errors.push_back(at + ": expected " + type + (s.value("nullable", false) ? " or null" : "") +
                       ", got " + Short(v));
      return;
    }
  }
  if (s.contains("enum")) {
    bool known = false;
    for (const auto& e : s["enum"]) known = known || e == v;
    if (!known) errors.push_back(at + ": " + Short(v) + " is not one of " + Short(s["enum"]));
  }
  if (s.contains("format") && v.is_string()) {
    const std::string format = s["format"].get<std::string>();
    const std::string text = v.get<std::string>();
    if (format == "date" && (text.size() != 10 || !Date::Parse(text))) {
      errors.push_back(at + ": \"" + text + "\" is not a YYYY-MM-DD date");
    } else if (format == "date-time" && !IsInstant(text)) {
      errors.push_back(at + ": \"" + text + "\" is not a YYYY-MM-DDTHH:MM:SSZ instant");
    }
  }
  if (v.is_number()) {
    if (s.contains("minimum") && v.get<double>() < s["minimum"].get<double>()) {
      errors.push_back(at + ": " + Short(v) + " is below the minimum " + Short(s["minimum"]));
    }
    if (s.contains("maximum") && v.get<double>() > s["maximum"].get<double>()) {
      errors.push_back(at + ": " + Short(v) + " is above the maximum " + Short(s["maximum"]));
    }
  }
  if (v.is_object()) {
    const json empty = json::object();
    const json& props = s.contains("properties") ? s["properties"] : empty;
    if (s.contains("required")) {
      for (const auto& r : s["required"]) {
        if (!v.contains(r.get<std::string>())) errors.push_back(at + ": missing required field '" + r.get<std::string>() + "'");
      }
    }
    for (const auto& [k, item] : v.items()) {
      const std::string where = at + "." + k;
      if (props.contains(k)) {
        Check(item, props[k], where, errors);
      } else if (s.contains("additionalProperties")) {
        const json& extra = s["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) errors.push_back(at + ": field '" + k + "' is not in the schema");
        } else {
          Check(item, extra, where, errors);
        }
      }
    }
  }
  if (v.is_array() && s.contains("items")) {
    for (size_t i = 0; i < v.size(); ++i) Check(v[i], s["items"], at + "[" + std::to_string(i) + "]", errors);
  }
}

std::vector<std::string> CheckApiResponse(const json& document, const ApiAnswer& a) {
  std::vector<std::string> errors;
  const std::string where = a.method + " " + a.target + " → " + std::to_string(a.status) + ": ";
  std::string path = a.target.substr(0, a.target.find('?'));
  const std::string media = Lower(a.content_type.substr(0, a.content_type.find(';')));
  SchemaValidator validator(document);
  auto validate_body = [&](const json& schema) {
    json body = json::parse(a.body, nullptr, false);
    if (body.is_discarded()) {
      errors.push_back(where + "the body is not JSON");
      return;
    }
    for (auto& e : validator.Validate(body, schema)) errors.push_back(where + e);
  };
  const json problem = {{"$ref", "#/components/schemas/Problem"}};
  const std::string tmpl = MatchPath(document.at("paths"), path);
  const std::string method = Lower(a.method);
  if (tmpl.empty() || !document["paths"][tmpl].contains(method)) {
    // Not an operation of the API (a static file, an unknown route, a wrong method): only a
    // problem answer has a shape to check.
    if (media == "application/problem+json") validate_body(problem);
    return errors;
  }
  const json& responses = document["paths"][tmpl][method]["responses"];
  const std::string status = std::to_string(a.status);
  const json* response = nullptr;
  if (responses.contains(status)) {
    response = &responses[status];
  } else if (a.status >= 400 && responses.contains("default")) {
    response = &responses["default"];
  } else {
    errors.push_back(where + "status " + status + " is not documented for " + a.method + " " + tmpl);
    return errors;
  }
  if (!response->contains("content")) {
    if (!a.body.empty()) errors.push_back(where + "a body where the document says none");
    return errors;
  }
  const json& content = (*response)["content"];
  if (!content.contains(media)) {
    errors.push_back(where + "content type '" + media + "' is not documented (documented: " + Short(content) + ")");
    return errors;
  }
  const json& schema = content[media].at("schema");
  if (IsJsonType(media)) validate_body(schema);
  return errors;
}

}  // namespace jixu::testing
