// The server end to end: health, OpenAPI against the router, problem answers, pipelining,
// sign-in, lockout, session expiry.
#include "http/api_fixture.hpp"
#include "http/openapi/document.hpp"
#include "http/router.hpp"

namespace jixu::testing {
namespace {

class ApiTest : public ApiSuite {
 protected:
  const char* Name() const override { return "api"; }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(ApiTest);

TEST_P(ApiTest, HealthAndReadiness) {
  EXPECT_EQ(Get("/healthz").status, 200);
  auto r = Get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["backend"], GetParam());
}

TEST_P(ApiTest, OpenApiDescribesEveryRoute) {
  auto doc = Get("/api/v1/openapi.json").json();
  ASSERT_TRUE(doc.contains("paths"));
  const auto router = http::BuildRouter();
  ASSERT_GT(router.routes().size(), 30u);
  for (const auto& route : router.routes()) {
    std::string m = route.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(doc["paths"].contains(route.pattern) && doc["paths"][route.pattern].contains(m))
        << route.method << " " << route.pattern << " is missing from openapi.json";
  }
  // What the server serves is the document the API tests validate every answer against
  // (http_client.hpp) and `jixu openapi` prints.
  EXPECT_EQ(doc, http::OpenApiDocument(router));
}

TEST_P(ApiTest, ProblemsAreBilingualAndNameTheField) {
  auto r = Send("POST", "/api/v1/auth/login", {{"username", ""}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  auto j = r.json();
  EXPECT_EQ(j["status"], 422);
  EXPECT_FALSE(j["message_zh"].get<std::string>().empty());
  EXPECT_FALSE(j["message_en"].get<std::string>().empty());
  ASSERT_EQ(j["errors"].size(), 2u) << "every bad field is listed";
  EXPECT_EQ(j["errors"][0]["field"], "username");
  EXPECT_EQ(j["errors"][1]["field"], "password");
  EXPECT_EQ(Get("/api/v1/nothing-here").status, 404);
  EXPECT_EQ(Send("DELETE", "/api/v1/persons", nlohmann::json::object()).status, 405);
  auto bad_page = Get("/api/v1/persons?page=0", Token("admin"));
  EXPECT_EQ(bad_page.status, 400);
  EXPECT_EQ(bad_page.json()["field"], "page");
  EXPECT_EQ(Get("/api/v1/persons?sort=id_number", Token("admin")).json()["field"], "sort");
}

TEST_P(ApiTest, ListsArePagedFilteredAndSorted) {
  const auto admin = Token("admin");
  auto all = Get("/api/v1/persons?page_size=5&sort=-name", admin).json();
  EXPECT_EQ(all["total"], 300);
  EXPECT_EQ(all["page_size"], 5);
  ASSERT_EQ(all["items"].size(), 5u);
  EXPECT_GE(all["items"][0]["name"].get<std::string>(), all["items"][1]["name"].get<std::string>());
  const std::string id = all["items"][0]["id_number"];
  EXPECT_NE(id.find("********"), std::string::npos) << "lists mask ID numbers";
  auto page2 = Get("/api/v1/persons?page_size=5&page=2&sort=-name", admin).json();
  EXPECT_NE(page2["items"][0]["id"], all["items"][0]["id"]);
  auto cheng = Get("/api/v1/persons?region=44&page_size=200", admin).json();
  for (const auto& p : cheng["items"]) EXPECT_EQ(p["region_code"].get<std::string>().substr(0, 2), "44");
}

TEST_P(ApiTest, ListsPageByKeyAfterTheFirstPages) {
  const auto admin = Token("admin");
  // Page numbers and next_cursor walk the same persons in the same (id) order.
  std::vector<std::string> by_number, by_key;
  for (int page = 1; page <= 4; ++page) {
    auto j = Get("/api/v1/persons?page_size=50&page=" + std::to_string(page), admin).json();
    EXPECT_TRUE(j["total_exact"].get<bool>());
    for (const auto& p : j["items"]) by_number.push_back(p["id"]);
  }
  std::string after;
  for (int page = 1; page <= 4; ++page) {
    auto r = Get("/api/v1/persons?page_size=50" + (after.empty() ? "" : "&after=" + after), admin);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    EXPECT_EQ(j["total"], 300);
    for (const auto& p : j["items"]) by_key.push_back(p["id"]);
    ASSERT_TRUE(j["next_cursor"].is_string());
    after = j["next_cursor"];
  }
  EXPECT_EQ(by_key, by_number);
  // The last page says so; a sorted page has no cursor.
  auto last = Get("/api/v1/persons?page_size=200&page=2", admin).json();
  EXPECT_EQ(last["items"].size(), 100u);
  EXPECT_TRUE(last["next_cursor"].is_null());
  EXPECT_TRUE(Get("/api/v1/persons?sort=name", admin).json()["next_cursor"].is_null());
  // Records the same way, within a filter.
  auto first = Get("/api/v1/records?year=2025&page_size=20", admin).json();
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto second = Get("/api/v1/records?year=2025&page_size=20&after=" +
                        first["next_cursor"].get<std::string>(), admin).json();
  auto both = Get("/api/v1/records?year=2025&page_size=40", admin).json();
  ASSERT_EQ(second["items"].size(), 20u);
  EXPECT_EQ(second["items"][0]["id"], both["items"][20]["id"]);
  EXPECT_EQ(second["items"][19]["id"], both["items"][39]["id"]);
  EXPECT_EQ(second["total"], both["total"]);
  // Bad cursors and a cursor with sort are 400s naming `after`; another kind's id too.
  const std::vector<std::string> bad = {"/api/v1/persons?after=nonsense",
                                       "/api/v1/persons?sort=name&after=" + after,
                                       "/api/v1/records?after=" + after};
  for (const std::string& q : bad) {
    auto r = Get(q, admin);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(r.json()["field"], "after") << q;
  }
  // A cursor does not widen the scope: hr sees only its employer's staff after any id.
  auto hr = Get("/api/v1/persons?page_size=200&after=" + after, Token("hr")).json();
  for (const auto& p : hr["items"]) EXPECT_EQ(p["employer_code"], hr["items"][0]["employer_code"]);
}

TEST_P(ApiTest, PipelinedRequestsAreAnsweredInOrder) {
  HttpClient c(server_->port());
  c.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Read().status, 200);
  EXPECT_EQ(c.Read().status, 404);
}

TEST_P(ApiTest, OversizedHeadersAndBadRequestsAreRefused) {
  HttpClient c(server_->port());
  c.SendRaw("GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(c.Read().status, 431);
  HttpClient d(server_->port());
  d.SendRaw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(d.Read().status, 501) << "only the chunked coding is supported";
}

TEST_P(ApiTest, WebRootServesItsIndexAndNoOtherPath) {
  // The UI routes by hash (#/…): a path that is not a file of the build is 404, never index.html.
  auto r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos);
  EXPECT_EQ(Get("/some/client/route").status, 404);
}

TEST_P(ApiTest, LoginMeLogout) {
  auto login = Send("POST", "/api/v1/auth/login", {{"username", "hr"}, {"password", "jixu-hr-2026"}});
  ASSERT_EQ(login.status, 200);
  const std::string token = login.json()["token"];
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(login.json()["user"]["role"], "employer_admin");
  EXPECT_EQ(Get("/api/v1/auth/me", token).status, 200);
  EXPECT_EQ(Send("POST", "/api/v1/auth/logout", nlohmann::json::object(), token).status, 204);
  EXPECT_EQ(Get("/api/v1/auth/me", token).status, 401) << "logout takes effect at once";
  EXPECT_EQ(Get("/api/v1/auth/me", std::string(64, 'a')).status, 401);
}

TEST_P(ApiTest, UnknownUserAndWrongPasswordLookTheSame) {
  auto a = Send("POST", "/api/v1/auth/login", {{"username", "nobody"}, {"password", "whatever1"}});
  auto b = Send("POST", "/api/v1/auth/login", {{"username", "person2"}, {"password", "whatever1"}});
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.body, b.body);
}

TEST_P(ApiTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Send("POST", "/api/v1/auth/login", {{"username", "provider"}, {"password", "wrong-pass"}}).status, 401);
  }
  EXPECT_EQ(server_->LoginDemo("provider"), "") << "locked: even the right password fails";
  server_->SetClockOffset(14 * 60);
  EXPECT_EQ(server_->LoginDemo("provider"), "");
  server_->SetClockOffset(16 * 60);
  EXPECT_NE(server_->LoginDemo("provider"), "") << "the lock ends after 15 minutes";
  server_->SetClockOffset(0);
}

TEST_P(ApiTest, SessionsExpireWhenIdleAndAfterTwelveHours) {
  const auto token = Token("city");
  server_->SetClockOffset(29 * 60);
  EXPECT_EQ(Get("/api/v1/auth/me", token).status, 200);
  server_->SetClockOffset(29 * 60 + 31 * 60);
  EXPECT_EQ(Get("/api/v1/auth/me", token).status, 401) << "idle for 31 minutes";

  server_->SetClockOffset(0);
  const auto busy = Token("city");
  int64_t t = 0;
  for (; t < 12 * 3600 - 1200; t += 1200) {
    server_->SetClockOffset(t);
    ASSERT_EQ(Get("/api/v1/auth/me", busy).status, 200) << "active at +" << t << " s";
  }
  server_->SetClockOffset(12 * 3600 + 1);
  EXPECT_EQ(Get("/api/v1/auth/me", busy).status, 401) << "absolute limit of 12 hours";
  server_->SetClockOffset(0);
}

}  // namespace
}  // namespace jixu::testing
