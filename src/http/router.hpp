#pragma once
// Routes: method + pattern ("/api/v1/persons/{id}/records") → handler, with what the OpenAPI
// document says about each. Patterns match whole path segments; {name} captures one segment.
// Matching takes the request's decoded segments (target.hpp): an encoded '/' inside a segment
// can never make it match a pattern of more segments.
#include <string>
#include <unordered_map>
#include <vector>

#include "core/storage/server_repos.hpp"
#include "http/api.hpp"

namespace jixu::http {

using RouteFn = Response (*)(Call&);

struct Route {
  std::string method;
  std::string pattern;
  RouteFn fn = nullptr;
  std::string tag;      ///< OpenAPI tag (the resource)
  std::string summary;  ///< one line, for OpenAPI and docs
  bool is_public = false;
  /// Roles allowed (empty: any signed-in user). Others get 403: the route's existence is
  /// public knowledge, so refusing it reveals nothing.
  std::vector<storage::Role> roles;
  std::vector<std::string> query;  ///< documented query parameters
  std::string body;                ///< documented request body ("json", "csv", "binary", "")
  /// Runs on the worker pool (suspend.hpp), not on a socket thread: Argon2, PDF rendering,
  /// imports, exports, population scans. Set by BuildRouter from one list (router.cpp).
  bool offload = false;
};

class Router {
 public:
  void Add(Route r);
  /// The route for method+path, with its path parameters; nullptr if none. `path_known` says
  /// whether some route has this path with another method (→ 405).
  const Route* Match(const std::string& method, const std::vector<std::string>& segments,
                     std::unordered_map<std::string, std::string>& params,
                     bool& path_known) const;
  const std::vector<Route>& routes() const { return routes_; }
  std::vector<Route>& mutable_routes() { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> split_;
};

/// Every API route (handlers/*.cpp each add theirs).
Router BuildRouter();
/// Marks the slow routes (router.cpp keeps the one list) to run on the worker pool.
void MarkOffloaded(Router& r);

/// Registration functions, one per resource file.
void AddHealthRoutes(Router& r);
void AddAuthRoutes(Router& r);
void AddSecondFactorRoutes(Router& r);  // handlers/accounts/second_factor.cpp
void AddSessionRoutes(Router& r);       // handlers/accounts/sessions.cpp
void AddSecurityRoutes(Router& r);      // handlers/accounts/security.cpp
void AddOwnDataRoutes(Router& r);       // handlers/accounts/own_data.cpp
void AddPersonRoutes(Router& r);
void AddPersonCheckRoutes(Router& r);
void AddOrgRoutes(Router& r);
void AddCourseRoutes(Router& r);
void AddRecordRoutes(Router& r);
void AddReviewRoutes(Router& r);
void AddEvidenceRoutes(Router& r);
void AddImportRoutes(Router& r);
void AddPolicyRoutes(Router& r);
void AddAuditRoutes(Router& r);
void AddUserRoutes(Router& r);
void AddCertificateRoutes(Router& r);
void AddCertificateBatchRoutes(Router& r);
void AddStatisticsRoutes(Router& r);
void AddExemptionRoutes(Router& r);
void AddDeclarationRoutes(Router& r);
void AddClassRoutes(Router& r);
/// 专业技术人员, employer ranking, transfers, regions (handlers/people/).
void AddPeopleRoutes(Router& r);
void AddMarketProviderRoutes(Router& r);
void AddMarketCatalogueRoutes(Router& r);
void AddWhatIfRoutes(Router& r);
/// The notification centre and 催办 (handlers/notify/).
void AddNoticeRoutes(Router& r);

/// The OpenAPI 3 document for the router's routes.
std::string OpenApiJson(const Router& router);

}  // namespace jixu::http
