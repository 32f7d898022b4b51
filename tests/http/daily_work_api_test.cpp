// The API side of issue 10's broken daily flows: the roster's title dates, an HR import in the
// province's audit, region labels at every level, and declarations held to the policy (no future
// date, a daily maximum per form, evidence where the policy requires it).
#include <regex>
#include <set>

#include "core/validate/id_number.hpp"
#include "http/api_fixture.hpp"
#include "http/second_factor_client.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class DailyWork : public ApiSuite {
 protected:
  const char* Name() const override { return "daily_work"; }
  static HttpResponse Upload(const std::string& path, const std::string& bytes, const std::string& token) {
    return HttpClient(server_->port()).Request("POST", path, token, bytes, "application/pdf");
  }
  static json Declaration(const std::string& date, const std::string& form, double hours) {
    return {{"date", date}, {"category", "professional"}, {"form", form}, {"hours", hours},
            {"title", "自学《内科学》"}, {"provider_name", "自学"}};
  }
  /// A valid resident ID number born 1990-01-01 in `region`.
  static std::string IdNumber(const std::string& region, int seq) {
    std::string body = region + "19900101" + std::to_string(100 + seq % 900);
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
    return body + "10X98765432"[sum % 11];
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(DailyWork);

TEST_P(DailyWork, PersonListCarriesTheTitleDate) {
  const json page = Get("/api/v1/persons?page_size=50", Token("hr")).json();
  ASSERT_FALSE(page["items"].empty());
  int dated = 0;
  for (const auto& p : page["items"]) {
    ASSERT_TRUE(p.contains("title_since")) << p.dump();
    if (p["title_since"].is_string()) {
      EXPECT_TRUE(std::regex_match(p["title_since"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
      ++dated;
    }
  }
  EXPECT_GT(dated, 0) << "the demo roster has title dates, as its export does";
}

TEST_P(DailyWork, HrImportIsInTheAuthoritiesAudit) {
  const auto hr = Token("hr"), province = Token("province");
  const json me = Get("/api/v1/auth/me", hr).json();
  const std::string employer = me["employer_code"];
  const json staff = Get("/api/v1/persons?page_size=1", hr).json()["items"][0];
  const std::string region = staff["region_code"];
  const std::string csv = "id_number,name,employer_code,region_code,field,title_level,title_since\n" +
                          IdNumber(region, 57) + ",审计测试," + employer + "," + region + ",会计,中级,2019-06-30\n";
  auto r = HttpClient(server_->port()).Request("POST", "/api/v1/imports/persons", hr, csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  auto find = [&](const std::string& token) {
    const json page = Get("/api/v1/audit?action=import.persons&page_size=200", token).json();
    for (const auto& e : page["items"]) {
      if (e["actor"] == "hr") return e;
    }
    return json();
  };
  const json seen = find(province);
  ASSERT_FALSE(seen.is_null()) << "the province reads HR's import";
  EXPECT_EQ(seen["region_code"].get<std::string>().substr(0, 2), region.substr(0, 2));
  // An authority elsewhere does not.
  const auto other = Token("admin");
  const std::string far = region.substr(0, 2) == "11" ? "12" : "11";
  ASSERT_EQ(Send("POST", "/api/v1/users", {{"username", "far-authority"}, {"password", "Far-Authority-2026"},
                                           {"role", "authority"}, {"region_prefix", far}}, other).status, 201);
  // Not a demo account: it enrols in the second factor at its first sign-in.
  Authenticator app(*server_);
  const std::string far_token = app.SignIn("far-authority", "Far-Authority-2026");
  ASSERT_NE(far_token, "");
  EXPECT_EQ(Get("/api/v1/audit?page_size=1", far_token).status, 200);
  EXPECT_TRUE(find(far_token).is_null()) << "outside its scope";
}

TEST_P(DailyWork, RegionBarsAreNamedAtTheirOwnLevel) {
  for (const std::string user : {"province", "city"}) {
    const json s = Get("/api/v1/statistics?year=2026", Token(user)).json();
    ASSERT_GE(s["by_region"].size(), 2u) << user;
    std::set<std::string> labels;
    for (const auto& b : s["by_region"]) {
      ASSERT_TRUE(b.contains("label_zh")) << user << b.dump();
      labels.insert(b["label_zh"].get<std::string>());
    }
    EXPECT_EQ(labels.size(), s["by_region"].size()) << user << ": one name per region";
  }
  const json city = Get("/api/v1/statistics?year=2026", Token("city")).json();
  EXPECT_EQ(city["by_region"][0]["key"].get<std::string>().size(), 6u) << "a city's bars are its counties";
}

TEST_P(DailyWork, DeclarationsAreHeldToThePolicy) {
  const auto me = Token("person1");
  const json rules = Get("/api/v1/declaration-rules?date=2026-11-02", me).json();
  EXPECT_EQ(rules["max_hours_per_day"]["self_study"], 8);
  EXPECT_NE(std::find(rules["evidence_forms"].begin(), rules["evidence_forms"].end(), "self_study"),
            rules["evidence_forms"].end());
  EXPECT_EQ(Get("/api/v1/declaration-rules?date=tomorrow", me).status, 400);
  EXPECT_EQ(Get("/api/v1/declaration-rules", Token("hr")).status, 403);

  auto future = Send("POST", "/api/v1/records", Declaration("2099-01-01", "academic_conference", 4), me);
  ASSERT_EQ(future.status, 422) << future.body;
  EXPECT_EQ(future.json()["errors"][0]["field"], "date");
  EXPECT_EQ(future.json()["errors"][0]["code"], "future_date");

  auto huge = Send("POST", "/api/v1/records", Declaration("2026-11-02", "self_study", 999), me);
  ASSERT_EQ(huge.status, 422) << huge.body;
  EXPECT_EQ(huge.json()["errors"][0]["field"], "hours");
  EXPECT_EQ(huge.json()["errors"][0]["code"], "daily_maximum");
  EXPECT_NE(huge.json()["errors"][0]["message_zh"].get<std::string>().find("8"), std::string::npos);

  auto bare = Send("POST", "/api/v1/records", Declaration("2026-11-02", "self_study", 6), me);
  ASSERT_EQ(bare.status, 422) << bare.body;
  EXPECT_EQ(bare.json()["errors"][0]["field"], "evidence");
  EXPECT_EQ(bare.json()["errors"][0]["code"], "evidence_required");

  json forged = Declaration("2026-11-02", "self_study", 6);
  forged["evidence"] = {{{"sha256", std::string(64, 'a')}, {"filename", "x.pdf"}}};
  auto unknown = Send("POST", "/api/v1/records", forged, me);
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.json()["errors"][0]["field"], "evidence[0]");
  forged["evidence"] = "not a list";
  EXPECT_EQ(Send("POST", "/api/v1/records", forged, me).status, 422);

  EXPECT_EQ(Upload("/api/v1/evidence?filename=a.pdf", "%PDF-1.4 x", Token("hr")).status, 403);
  EXPECT_EQ(Upload("/api/v1/evidence?filename=a.txt", "plain text", me).status, 415);
  auto file = Upload("/api/v1/evidence?filename=%E8%AF%81%E6%98%8E.pdf", "%PDF-1.4 daily work", me);
  ASSERT_EQ(file.status, 201) << file.body;
  json with = Declaration("2026-11-02", "self_study", 6);
  with["evidence"] = {{{"sha256", file.json()["sha256"]}, {"filename", "证明.pdf"}}};
  auto ok = Send("POST", "/api/v1/records", with, me);
  ASSERT_EQ(ok.status, 201) << ok.body;
  const std::string id = ok.json()["id"];
  const json attached = Get("/api/v1/records/" + id, Token("hr")).json()["evidence"];
  ASSERT_EQ(attached.size(), 1u);
  EXPECT_EQ(attached[0]["mime"], "application/pdf");

  // The day already holds 6 h of self-study: 3 more would pass 8; 2 more fit.
  json more = with;
  more["hours"] = 3;
  more["title"] = "自学（续）";
  auto over = Send("POST", "/api/v1/records", more, me);
  ASSERT_EQ(over.status, 422) << over.body;
  EXPECT_EQ(over.json()["errors"][0]["code"], "daily_maximum");
  more["hours"] = 2;
  EXPECT_EQ(Send("POST", "/api/v1/records", more, me).status, 201);
  // A form without a daily maximum or evidence rule is accepted as before.
  EXPECT_EQ(Send("POST", "/api/v1/records", Declaration("2026-11-02", "academic_conference", 12), me).status, 201);
}

TEST_P(DailyWork, ACorrectionIsHeldToTheSameLimitsAndKeepsItsEvidence) {
  const auto me = Token("person1");
  auto file = Upload("/api/v1/evidence?filename=b.pdf", "%PDF-1.4 correction", me);
  ASSERT_EQ(file.status, 201) << file.body;
  json first = Declaration("2026-11-03", "self_study", 8);
  first["evidence"] = {{{"sha256", file.json()["sha256"]}, {"filename", "b.pdf"}}};
  auto made = Send("POST", "/api/v1/records", first, me);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"];
  // The corrected declaration replaces the old one: its own 8 h do not count against it.
  auto over = Send("POST", "/api/v1/records/" + id + "/correct", Declaration("2026-11-03", "self_study", 9), me);
  ASSERT_EQ(over.status, 422) << over.body;
  EXPECT_EQ(over.json()["errors"][0]["code"], "daily_maximum");
  auto fixed = Send("POST", "/api/v1/records/" + id + "/correct", Declaration("2026-11-03", "self_study", 7.5), me);
  ASSERT_EQ(fixed.status, 201) << fixed.body << ": the old evidence carries over";
  const json files = Get("/api/v1/records/" + fixed.json()["id"].get<std::string>(), Token("hr")).json()["evidence"];
  EXPECT_EQ(files.size(), 1u);
}

TEST_P(DailyWork, APersonPrintsTheirOwnCertificateForAPastYear) {
  const auto me = Token("person1");
  const std::string person = PersonIdOf(me);
  auto issued = Send("POST", "/api/v1/persons/" + person + "/certificates", {{"year", 2025}}, me);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string serial = issued.json()["serial"];
  auto pdf = Get("/api/v1/certificates/" + serial + "/pdf", me);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto current = Send("POST", "/api/v1/persons/" + person + "/certificates", {{"year", 2026}}, me);
  ASSERT_EQ(current.status, 422) << "the year is not over";
  EXPECT_EQ(current.json()["errors"][0]["field"], "year");
  // Someone else's: not found for a person.
  const json staff = Get("/api/v1/persons?page_size=5", Token("hr")).json()["items"];
  for (const auto& p : staff) {
    if (p["id"] == person) continue;
    EXPECT_EQ(Send("POST", "/api/v1/persons/" + p["id"].get<std::string>() + "/certificates", {{"year", 2025}}, me).status, 404);
    break;
  }
}

}  // namespace
}  // namespace jixu::testing
