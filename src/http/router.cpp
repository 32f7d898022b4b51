#include "http/router.hpp"

#include "core/common/error.hpp"

namespace jixu::http {
namespace {

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 1;
  while (i <= path.size()) {
    const size_t j = path.find('/', i);
    out.emplace_back(path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

}  // namespace

void Router::Add(Route r) {
  split_.push_back(Segments(r.pattern));
  routes_.push_back(std::move(r));
}

const Route* Router::Match(const std::string& method, const std::vector<std::string>& segs,
                           std::unordered_map<std::string, std::string>& params,
                           bool& path_known) const {
  path_known = false;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = split_[i];
    if (pat.size() != segs.size()) continue;
    std::unordered_map<std::string, std::string> got;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (pat[k].size() > 2 && pat[k].front() == '{' && pat[k].back() == '}') {
        if (segs[k].empty()) ok = false;
        got[pat[k].substr(1, pat[k].size() - 2)] = segs[k];
      } else {
        ok = pat[k] == segs[k];
      }
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      path_known = true;
      continue;
    }
    params = std::move(got);
    return &routes_[i];
  }
  return nullptr;
}

Router BuildRouter() {
  Router r;
  AddHealthRoutes(r);
  AddAuthRoutes(r);
  AddPersonRoutes(r);
  AddPersonCheckRoutes(r);
  AddOrgRoutes(r);
  AddCourseRoutes(r);
  AddRecordRoutes(r);
  AddReviewRoutes(r);
  AddEvidenceRoutes(r);
  AddImportRoutes(r);
  AddPolicyRoutes(r);
  AddAuditRoutes(r);
  AddUserRoutes(r);
  AddCertificateRoutes(r);
  AddStatisticsRoutes(r);
  AddExemptionRoutes(r);
  AddDeclarationRoutes(r);
  AddClassRoutes(r);
  MarkOffloaded(r);
  return r;
}

void MarkOffloaded(Router& r) {
  // Work that takes milliseconds to seconds of CPU: password hashing (login, user changes),
  // PDF and certificate rendering, imports, Excel exports, population-wide statistics and the
  // audit chain's verification. On the worker pool it cannot hold up the socket threads (a
  // login storm once pushed /healthz from 0.1 ms to 1.4 s).
  static const char* const kSlow[][2] = {
      {"POST", "/api/v1/auth/login"},
      {"POST", "/api/v1/users"},
      {"PATCH", "/api/v1/users/{id}"},
      {"POST", "/api/v1/imports/{kind}"},
      {"POST", "/api/v1/persons/{id}/certificates"},
      {"GET", "/api/v1/certificates/{serial}/pdf"},
      {"GET", "/api/v1/certificates/{serial}/credential"},
      {"POST", "/api/v1/classes/{id}/enrolments"},
      {"POST", "/api/v1/classes/{id}/completions"},
      {"POST", "/api/v1/classes/{id}/enrolments/{person_id}/certificate"},
      {"GET", "/api/v1/exports/compliance.xlsx"},
      {"GET", "/api/v1/exports/roster.xlsx"},
      {"GET", "/api/v1/exports/statistics.xlsx"},
      {"GET", "/api/v1/statistics"},
      {"GET", "/api/v1/compliance/region"},
      {"GET", "/api/v1/employers/{id}/compliance"},
      {"GET", "/api/v1/audit/verify"},
  };
  for (const auto& [method, pattern] : kSlow) {
    bool found = false;
    for (auto& route : r.mutable_routes()) {
      if (route.method == method && route.pattern == pattern) route.offload = found = true;
    }
    if (!found) throw Fault("router", std::string("offloaded route missing: ") + method + " " + pattern);
  }
  // Any route that sets or resets a password hashes it.
  for (auto& route : r.mutable_routes()) {
    if (route.pattern.find("password") != std::string::npos) route.offload = true;
  }
}

}  // namespace jixu::http
