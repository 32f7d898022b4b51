// GET /healthz, /readyz and the OpenAPI document.
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

Response Healthz(Call&) { return JsonResponse(200, json{{"status", "ok"}}); }

Response Readyz(Call& call) {
  // One real query: the database is reachable and migrated.
  call.store.settings().Get("id_secret");
  return JsonResponse(200, json{{"status", "ready"}, {"backend", std::string(call.store.backend())}});
}

Response OpenApi(Call&) {
  static const std::string doc = OpenApiJson(BuildRouter());
  return Response::Json(200, doc);
}

}  // namespace

void AddHealthRoutes(Router& r) {
  r.Add({"GET", "/healthz", Healthz, "health", "liveness: the process answers", true});
  r.Add({"GET", "/readyz", Readyz, "health", "readiness: the database answers", true});
  r.Add({"GET", "/api/v1/openapi.json", OpenApi, "health", "this API's OpenAPI 3 document", true});
}

}  // namespace jixu::http
