// Every API route: each resource file adds its own (handlers/*.cpp); the slow ones are marked to
// run on the worker pool. Kept apart from router.cpp so the router itself links without the
// handlers (the HTTP fuzzer does).
#include "core/common/error.hpp"
#include "http/router.hpp"

namespace jixu::http {

Router BuildRouter() {
  Router r;
  AddHealthRoutes(r);
  AddAuthRoutes(r);
  AddSecondFactorRoutes(r);
  AddSessionRoutes(r);
  AddSecurityRoutes(r);
  AddOwnDataRoutes(r);
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
  AddCertificateBatchRoutes(r);
  AddStatisticsRoutes(r);
  AddExemptionRoutes(r);
  AddDeclarationRoutes(r);
  AddClassRoutes(r);
  AddPeopleRoutes(r);
  AddMarketProviderRoutes(r);
  AddMarketCatalogueRoutes(r);
  AddWhatIfRoutes(r);
  AddNoticeRoutes(r);
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
      {"POST", "/api/v1/auth/password"},  // Argon2 of the new password and the last N
      {"POST", "/api/v1/users"},
      {"PATCH", "/api/v1/users/{id}"},
      {"POST", "/api/v1/imports/{kind}"},
      {"GET", "/api/v1/imports/{kind}/template.xlsx"},
      {"POST", "/api/v1/persons/{id}/certificates"},
      {"GET", "/api/v1/certificates/{serial}/pdf"},
      {"GET", "/api/v1/certificates/batch"},
      {"POST", "/api/v1/certificates/batch"},
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
      {"GET", "/api/v1/compliance/persons"},
      {"GET", "/api/v1/statistics/employers"},
      {"GET", "/api/v1/audit/verify"},
      {"GET", "/api/v1/audit/export"},
      {"POST", "/api/v1/compliance/what-if"},
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
