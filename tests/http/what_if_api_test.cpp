// Policy what-if (issue 13 item 8): POST /api/v1/compliance/what-if evaluates the caller's scope
// under a candidate policy beside the policies in force, writes nothing, and refuses bad input
// naming the field.
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class WhatIf : public ApiSuite {
 protected:
  const char* Name() const override { return "what-if"; }
  static HttpResponse Run(const json& body, const std::string& token, int year = 2025) {
    return Send("POST", "/api/v1/compliance/what-if?year=" + std::to_string(year), body, token);
  }
  static int64_t Count(const json& m, const char* status) {
    return m.contains(status) ? m[status].get<int64_t>() : 0;
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(WhatIf);

TEST_P(WhatIf, BeforeIsTheDashboardAndAnImpossibleTotalFailsEveryone) {
  // 100,000 hours, not pro rata (a new entrant's pro-rata share can be 0): out of everyone's reach.
  const auto token = Token("province");
  const json region = Get("/api/v1/compliance/region?year=2025", token).json();
  auto r = Run({{"policy_toml", "extends = \"national-2007\"\nid = \"p100k\"\n[requirement]\ntotal = 100000\n[new_entrants]\npro_rata = false\n"}}, token);
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = r.json();
  EXPECT_EQ(j["candidate"]["id"], "p100k");
  // "Before" is what the dashboard counts for the same scope and year.
  EXPECT_EQ(j["total"]["persons"], region["persons"]);
  for (const char* s : {"compliant", "not_compliant", "in_progress", "exempt"}) {
    EXPECT_EQ(Count(j["before"], s), Count(region["by_status"], s)) << s;
  }
  const int64_t compliant = Count(j["before"], "compliant");
  ASSERT_GT(compliant, 0) << "the demo has compliant persons in 2025";
  // Nobody reaches 100,000 hours; only a person whose exemptions take the whole year (a
  // requirement of 0, compliant with 0 hours) stays compliant.
  int64_t zero_required = 0, listed = 0;
  for (int page = 1; listed < compliant; ++page) {
    const json l = Get("/api/v1/compliance/persons?year=2025&status=compliant&page_size=200&page=" +
                       std::to_string(page), token).json();
    ASSERT_FALSE(l["items"].empty());
    for (const auto& i : l["items"]) zero_required += i["required_hours"].get<double>() == 0.0 ? 1 : 0;
    listed += static_cast<int64_t>(l["items"].size());
  }
  EXPECT_EQ(j["total"]["compliant_after"], zero_required);
  EXPECT_EQ(j["total"]["from_compliant"], compliant - zero_required);
  EXPECT_EQ(j["total"]["to_compliant"], 0);
  EXPECT_EQ(Count(j["after"], "exempt"), Count(j["before"], "exempt"));
  EXPECT_EQ(j["flips_total"], j["total"]["changed"]);
  EXPECT_GE(j["total"]["changed"].get<int64_t>(), compliant - zero_required);
  // Groups add up to the total.
  for (const char* g : {"by_region", "by_field", "by_title_level"}) {
    int64_t persons = 0, changed = 0;
    for (const auto& b : j[g]) {
      persons += b["persons"].get<int64_t>();
      changed += b["changed"].get<int64_t>();
    }
    EXPECT_EQ(persons, j["total"]["persons"]) << g;
    EXPECT_EQ(changed, j["total"]["changed"]) << g;
  }
  // Each person listed was, under the policy in force, what their own compliance page says.
  ASSERT_FALSE(j["flips"].empty());
  int checked = 0;
  for (const auto& f : j["flips"]) {
    EXPECT_EQ(f["status_after"], "not_compliant") << f.dump();
    EXPECT_NE(f["id_number"].get<std::string>().find('*'), std::string::npos) << "masked: " << f.dump();
    if (checked++ < 5) {
      const json c = Get("/api/v1/persons/" + f["person_id"].get<std::string>() + "/compliance?year=2025", token).json();
      EXPECT_EQ(c["status"], f["status_before"]) << f.dump();
      EXPECT_DOUBLE_EQ(c["counted_hours"].get<double>(), f["counted_before"].get<double>());
      EXPECT_EQ(c["policy"], f["policy_before"]);
    }
  }
}

TEST_P(WhatIf, TheSamePolicyChangesNobodyAndTheScopeNarrows) {
  const auto province = Token("province");
  const auto city = Token("city");
  auto a = Run({{"policy_id", "national-2007"}}, province);
  ASSERT_EQ(a.status, 200) << a.body;
  const json p = a.json();
  // Where national-2007 is the policy in force, forcing it changes nobody.
  if (p["policies_before"].size() == 1 && p["policies_before"].contains("national-2007")) {
    EXPECT_EQ(p["total"]["changed"], 0) << p["total"].dump();
    EXPECT_EQ(p["before"], p["after"]);
  }
  auto b = Run({{"policy_id", "national-2007"}}, city);
  ASSERT_EQ(b.status, 200) << b.body;
  const json c = b.json();
  EXPECT_EQ(c["total"]["persons"], Get("/api/v1/compliance/region?year=2025", city).json()["persons"]);
  EXPECT_LT(c["total"]["persons"].get<int64_t>(), p["total"]["persons"].get<int64_t>());
  const std::string prefix = Get("/api/v1/auth/me", city).json()["region_prefix"];
  for (const auto& g : c["by_region"]) EXPECT_EQ(g["code"].get<std::string>().rfind(prefix, 0), 0u) << g.dump();
  // A region outside the scope yields nobody.
  auto outside = Send("POST", "/api/v1/compliance/what-if?year=2025&region=65", {{"policy_id", "national-2007"}}, city);
  ASSERT_EQ(outside.status, 200) << outside.body;
  EXPECT_EQ(outside.json()["total"]["persons"], 0);
}

TEST_P(WhatIf, WritesNothing) {
  const auto admin = Token("admin");
  const auto auditor = Token("auditor");
  const json audit_before = Get("/api/v1/audit?page_size=1", auditor).json();
  auto r = Run({{"policy_toml", "extends = \"national-2007\"\n[requirement]\ntotal = 90\n"}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["candidate"]["id"], "national-2007-candidate") << "an id taken by a loaded policy is renamed";
  // One entry more: the audit administrator's own first read (audit.read), nothing of the what-if.
  EXPECT_EQ(Get("/api/v1/audit?page_size=1", auditor).json()["total"], audit_before["total"].get<int>() + 1);
  bool listed = false;
  for (const auto& p : Get("/api/v1/policies", admin).json()["items"]) listed = listed || p["id"] == "national-2007-candidate";
  EXPECT_FALSE(listed) << "the candidate is not loaded";
}

TEST_P(WhatIf, BadInputNamesTheFieldAndOtherRolesAreRefused) {
  const auto token = Token("province");
  const auto field_of = [](const HttpResponse& r) { return r.json()["errors"][0]["field"].get<std::string>(); };
  auto both = Run({{"policy_id", "national-2007"}, {"policy_toml", "id = \"x\""}}, token);
  EXPECT_EQ(both.status, 400);
  EXPECT_EQ(field_of(both), "policy_id");
  auto none = Run(json::object(), token);
  EXPECT_EQ(none.status, 400);
  auto unknown = Run({{"policy_id", "no-such-policy"}}, token);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(field_of(unknown), "policy_id");
  auto broken = Run({{"policy_toml", "extends = \"national-2007\"\n[requirement\ntotal = 90\n"}}, token);
  ASSERT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ(field_of(broken), "policy_toml");
  EXPECT_NE(broken.body.find("2"), std::string::npos) << "names the line: " << broken.body;
  auto base = Run({{"policy_toml", "extends = \"nope\"\n"}}, token);
  EXPECT_EQ(base.status, 400) << base.body;
  auto rule = Run({{"policy_toml", "extends = \"national-2007\"\n[requirement]\ntotal = -5\n"}}, token);
  EXPECT_EQ(rule.status, 400) << rule.body;
  EXPECT_EQ(Run({{"policy_id", "national-2007"}}, token, 1800).status, 400);
  for (const std::string user : {"hr", "person1", "provider"}) {
    EXPECT_EQ(Run({{"policy_id", "national-2007"}}, Token(user)).status, 403) << user;
  }
  EXPECT_EQ(Run({{"policy_id", "national-2007"}}, "").status, 401);
}

}  // namespace
}  // namespace jixu::testing
