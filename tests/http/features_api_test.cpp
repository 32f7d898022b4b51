// Statistics, Excel exports, exemption requests with approval, withdrawing and correcting a
// declaration, and a provider's classes (enrol, complete idempotently, certificate) end to end.
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class Features : public ApiSuite {
 protected:
  const char* Name() const override { return "features"; }
  static double Required(const std::string& person, const std::string& token) {
    return Get("/api/v1/persons/" + person + "/compliance?year=2026", token).json()["required_hours"];
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Features);

TEST_P(Features, StatisticsInOneCallFromTheSummaries) {
  const auto province = Token("province"), hr = Token("hr");
  auto r = Get("/api/v1/statistics?year=2026&from=2024&to=2026", province);
  ASSERT_EQ(r.status, 200) << r.body;
  const json s = r.json();
  EXPECT_GT(s["persons"].get<int>(), 0);
  EXPECT_FALSE(s["by_form"].empty()) << "hours by form";
  EXPECT_FALSE(s["by_title_level"].empty());
  EXPECT_FALSE(s["by_employer_type"].empty());
  EXPECT_EQ(s["trend"].size(), 3u);
  double form_hours = 0;
  for (const auto& b : s["by_form"]) form_hours += b["hours"].get<double>();
  EXPECT_NEAR(form_hours, s["hours"].get<double>(), 0.01) << "forms add up to the total";
  int64_t by_title = 0;
  for (const auto& b : s["by_title_level"]) by_title += b["persons"].get<int64_t>();
  EXPECT_EQ(by_title, s["persons"].get<int64_t>());
  // The employer sees its staff only; a region outside the province yields nobody.
  auto mine = Get("/api/v1/statistics?year=2026", hr).json();
  EXPECT_LT(mine["persons"].get<int64_t>(), s["persons"].get<int64_t>());
  EXPECT_EQ(Get("/api/v1/statistics?year=2026&region=99", province).json()["persons"], 0);
  EXPECT_EQ(Get("/api/v1/statistics?year=2026&region=ab", province).status, 400);
  EXPECT_EQ(Get("/api/v1/statistics?year=2026&employer=e0000000000000", province).status, 404);
}

TEST_P(Features, ExcelExportsAreXlsxWithinScope) {
  const auto hr = Token("hr"), city = Token("city");
  for (const std::string kind : {"compliance", "roster", "statistics"}) {
    auto r = Get("/api/v1/exports/" + kind + ".xlsx?year=2026", hr);
    ASSERT_EQ(r.status, 200) << kind << r.body;
    EXPECT_EQ(r.body.substr(0, 2), "PK") << "a zip container";
    EXPECT_NE(r.headers["content-type"].find("spreadsheetml"), std::string::npos);
  }
  EXPECT_EQ(Get("/api/v1/exports/compliance.xlsx?year=2026", city).status, 200);
  EXPECT_EQ(Get("/api/v1/exports/roster.xlsx", city).status, 403) << "full ID numbers: employer and admin only";
  EXPECT_EQ(Get("/api/v1/exports/compliance.xlsx", Token("person1")).status, 403);
}

TEST_P(Features, ExemptionCountsOnlyOnceApproved) {
  const auto me = Token("person1"), hr = Token("hr"), provider = Token("provider");
  const std::string person = PersonIdOf(me);
  const double before = Required(person, me);
  auto bad = Send("POST", "/api/v1/exemptions", {{"kind", "nap"}, {"from", "2026-01-01"}, {"to", "2025-01-01"}}, me);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"].size(), 2u);
  EXPECT_FALSE(bad.json()["message_zh"].get<std::string>().empty());
  auto req = Send("POST", "/api/v1/exemptions",
                  {{"kind", "maternity"}, {"from", "2026-01-01"}, {"to", "2026-12-31"}, {"note", "产假"}}, me);
  ASSERT_EQ(req.status, 201) << req.body;
  const std::string id = req.json()["id"];
  EXPECT_EQ(req.json()["status"], "pending");
  EXPECT_DOUBLE_EQ(Required(person, me), before) << "a pending request does not count";
  auto pdf = HttpClient(server_->port()).Request("POST", "/api/v1/exemptions/" + id + "/evidence?filename=a.pdf",
                                                 me, std::string("%PDF-1.4 cert"), "application/pdf");
  EXPECT_EQ(pdf.status, 201) << pdf.body;
  EXPECT_EQ(Get("/api/v1/exemptions/" + id + "/evidence", hr).body, "%PDF-1.4 cert");
  EXPECT_EQ(Send("POST", "/api/v1/exemptions/" + id + "/review", {{"decision", "approve"}}, me).status, 403);
  EXPECT_EQ(Get("/api/v1/exemptions/" + id, provider).status, 403);
  bool queued = false;
  const json queue = Get("/api/v1/exemptions?status=pending&page_size=200", hr).json();
  for (const auto& e : queue["items"]) queued = queued || e["id"] == id;
  EXPECT_TRUE(queued);
  EXPECT_EQ(Send("POST", "/api/v1/exemptions/" + id + "/review", {{"decision", "reject"}}, hr).status, 422)
      << "a rejection needs a reason";
  auto ok = Send("POST", "/api/v1/exemptions/" + id + "/review", {{"decision", "approve"}}, hr);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["status"], "approved");
  EXPECT_LT(Required(person, me), before) << "the approved exemption waives the year";
  EXPECT_EQ(Send("POST", "/api/v1/exemptions/" + id + "/review", {{"decision", "reject"}, {"reason", "x"}}, hr).status, 409);
  auto audit = Get("/api/v1/audit?action=exemption.approve", Token("auditor")).json();
  EXPECT_GE(audit["total"].get<int>(), 1);
}

TEST_P(Features, WithdrawAndCorrectOnlyWhileUndecided) {
  const auto me = Token("person1"), hr = Token("hr");
  const json decl = {{"date", "2026-09-02"}, {"category", "professional"}, {"form", "academic_conference"},
                     {"hours", 6}, {"title", "学术年会"}, {"provider_name", "学会"}};
  auto with = [&](const char* key, const json& v) { json d = decl; d[key] = v; return d; };
  const std::string a = Send("POST", "/api/v1/records", decl, me).json()["id"];
  auto fixed = Send("POST", "/api/v1/records/" + a + "/correct", with("hours", 5), me);
  ASSERT_EQ(fixed.status, 201) << fixed.body;
  EXPECT_EQ(fixed.json()["replaces"], a);
  EXPECT_EQ(Get("/api/v1/records/" + a, me).json()["review_stage"], "withdrawn");
  const std::string b = fixed.json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/records/" + a + "/withdraw", json::object(), me).status, 409);
  ASSERT_EQ(Send("POST", "/api/v1/records/" + b + "/review", {{"decision", "approve"}}, hr).status, 200);
  EXPECT_EQ(Send("POST", "/api/v1/records/" + b + "/withdraw", json::object(), me).status, 409) << "decided";
  const std::string c = Send("POST", "/api/v1/records", with("title", "另一会议"), me).json()["id"];
  auto w = Send("POST", "/api/v1/records/" + c + "/withdraw", json::object(), me);
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(w.json()["review_stage"], "withdrawn");
  bool in_queue = false;
  const json reviews = Get("/api/v1/reviews?page_size=200", hr).json();
  for (const auto& r : reviews["items"]) in_queue = in_queue || r["id"] == c;
  EXPECT_FALSE(in_queue);
  EXPECT_EQ(Send("POST", "/api/v1/records/" + c + "/withdraw", json::object(), hr).status, 403);
  // A provider-reported record is never the person's to change.
  const auto provided = Get("/api/v1/records?origin=provider&page_size=1", me).json();
  if (provided["total"].get<int>() > 0) {
    EXPECT_EQ(Send("POST", "/api/v1/records/" + provided["items"][0]["id"].get<std::string>() + "/withdraw",
                   json::object(), me).status, 409);
  }
}

TEST_P(Features, ClassEnrolCompleteIdempotentAndCertificate) {
  const auto provider = Token("provider"), admin = Token("admin"), me = Token("person1");
  auto course = Send("POST", "/api/v1/courses",
                     {{"code", "K-1"}, {"title", "医疗质量管理"}, {"category", "professional"},
                      {"form", "centralized_training"}, {"hours", 12}, {"published", true}}, provider);
  ASSERT_EQ(course.status, 201) << course.body;
  auto cls = Send("POST", "/api/v1/classes",
                  {{"course_id", course.json()["id"]}, {"name", "2026年第1期"}, {"starts_on", "2026-10-10"},
                   {"ends_on", "2026-10-11"}, {"capacity", 1}}, provider);
  ASSERT_EQ(cls.status, 201) << cls.body;
  const std::string id = cls.json()["id"];
  EXPECT_DOUBLE_EQ(cls.json()["hours"].get<double>(), 12);
  const std::string person = PersonIdOf(me);
  const std::string id_number = Get("/api/v1/persons/" + person, me).json()["id_number"];
  EXPECT_EQ(Send("POST", "/api/v1/classes/" + id + "/enrolments", {{"id_numbers", {"110105199001011234"}}}, provider).status, 422);
  ASSERT_EQ(Send("POST", "/api/v1/classes/" + id + "/enrolments", {{"id_numbers", {id_number}}}, provider).status, 201);
  const double before = Get("/api/v1/persons/" + person + "/compliance?year=2026", me).json()["professional_hours"];
  auto done = Send("POST", "/api/v1/classes/" + id + "/completions", {{"all", true}}, provider);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.json()["inserted"], 1);
  EXPECT_EQ(Send("POST", "/api/v1/classes/" + id + "/completions", {{"all", true}}, provider).json()["inserted"], 0)
      << "re-reporting is idempotent";
  EXPECT_DOUBLE_EQ(Get("/api/v1/persons/" + person + "/compliance?year=2026", me).json()["professional_hours"].get<double>(),
                   before + 12);
  auto enrolled = Get("/api/v1/classes/" + id + "/enrolments", provider).json();
  ASSERT_EQ(enrolled["total"], 1);
  EXPECT_TRUE(enrolled["items"][0]["completed"].get<bool>());
  EXPECT_NE(enrolled["items"][0]["id_number"].get<std::string>().find('*'), std::string::npos);
  auto cert = Send("POST", "/api/v1/classes/" + id + "/enrolments/" + person + "/certificate", json::object(), provider);
  ASSERT_EQ(cert.status, 201) << cert.body;
  const std::string serial = cert.json()["serial"];
  EXPECT_EQ(Get("/api/v1/certificates/" + serial + "/verify").json()["status"], "valid");
  EXPECT_EQ(Send("POST", "/api/v1/classes/" + id + "/enrolments/" + person + "/certificate", json::object(), provider).status, 409);
  EXPECT_EQ(Get("/api/v1/classes/" + id, admin).status, 200);
  EXPECT_EQ(Get("/api/v1/classes/" + id, me).status, 403);
}

}  // namespace
}  // namespace jixu::testing
