// Issue 10, the people items: one definition of a person's region (their employer's) so the
// dashboard, the employer ranking and the persons list count the same persons; 专业技术人员 over
// the whole scope (filters, sort, export, validated parameters); the region cascader and employer
// search; transfers between employers; the statistics export's rows per city and county.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "app/xlsx_reader.hpp"
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class People : public ApiSuite {
 protected:
  const char* Name() const override { return "people"; }

  /// Every item of a paged list (page_size 200).
  static std::vector<json> All(const std::string& path, const std::string& token) {
    std::vector<json> out;
    const char sep = path.find('?') == std::string::npos ? '?' : '&';
    for (int page = 1;; ++page) {
      auto r = Get(path + sep + "page_size=200&page=" + std::to_string(page), token);
      EXPECT_EQ(r.status, 200) << path << r.body;
      const json j = r.json();
      if (r.status != 200 || j["items"].empty()) break;
      for (const auto& i : j["items"]) out.push_back(i);
      if (static_cast<int64_t>(out.size()) >= j["total"].get<int64_t>()) break;
    }
    return out;
  }
  /// A valid resident ID number born 1990-01-01 in `region`.
  static std::string IdNumber(const std::string& region, int seq) {
    std::string body = region + "19900101" + std::to_string(100 + seq % 900);
    static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
    return body + "10X98765432"[sum % 11];
  }
  /// A valid unified social credit code (GB 32100) for an employer registered at `region`.
  static std::string CreditCode(const std::string& region, int seq) {
    static const std::string kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    // Organisation code (GB 11714): 8 digits and a check character.
    std::string org = std::to_string(10000000 + seq % 89999999);
    static const int kOrgW[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    int s = 0;
    for (int i = 0; i < 8; ++i) s += (org[i] - '0') * kOrgW[i];
    const int c = 11 - s % 11;
    org += c == 10 ? 'X' : c == 11 ? '0' : static_cast<char>('0' + c);
    std::string code = "91" + region + org;
    static const int kW[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += static_cast<int>(kChars.find(code[i])) * kW[i];
    return code + kChars[(31 - sum % 31) % 31];
  }
  /// An employer registered by the admin, and (optionally) an employer admin for it.
  static json NewEmployer(const std::string& region, int seq, const std::string& admin_user = "") {
    const auto admin = Token("admin");
    const json body = {{"code", CreditCode(region, seq)}, {"name", "调动测试单位" + std::to_string(seq)},
                       {"region_code", region}, {"type", "private_enterprise"}};
    auto r = Send("POST", "/api/v1/employers", body, admin);
    EXPECT_EQ(r.status, 201) << r.body;
    json e = r.json();
    if (!admin_user.empty()) {
      auto u = Send("POST", "/api/v1/users", {{"username", admin_user}, {"password", "Transfer-Test-2026"},
                                              {"role", "employer_admin"}, {"employer_code", e["code"]}}, admin);
      EXPECT_EQ(u.status, 201) << u.body;
    }
    return e;
  }
  static std::string LoginAs(const std::string& user) {
    auto r = Send("POST", "/api/v1/auth/login", {{"username", user}, {"password", "Transfer-Test-2026"}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("token", "");
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(People);

TEST_P(People, DashboardEmployersAndPersonsCountTheSamePersons) {
  for (const std::string user : {"city", "province"}) {
    const auto token = Token(user);
    const std::string prefix = Get("/api/v1/auth/me", token).json()["region_prefix"];
    const json stats = Get("/api/v1/statistics?year=2026", token).json();
    const int64_t persons = stats["persons"];
    ASSERT_GT(persons, 0) << user;
    EXPECT_EQ(Get("/api/v1/compliance/region?year=2026", token).json()["persons"], persons) << user;
    const json ranking = Get("/api/v1/statistics/employers?year=2026&page_size=1", token).json();
    EXPECT_EQ(ranking["persons"], persons) << user;
    int64_t staff = 0;
    for (const auto& e : All("/api/v1/statistics/employers?year=2026", token)) {
      EXPECT_EQ(e["region_code"].get<std::string>().rfind(prefix, 0), 0u) << user << e.dump();
      staff += e["persons"].get<int64_t>();
    }
    EXPECT_EQ(staff + ranking["unassigned_persons"].get<int64_t>(), persons)
        << user << ": the employers' staff plus persons without one are the dashboard's persons";
    EXPECT_EQ(Get("/api/v1/compliance/persons?year=2026&page_size=1", token).json()["total"], persons) << user;
    EXPECT_EQ(Get("/api/v1/persons?page_size=1", token).json()["total"], persons) << user;
    // Every employed person lies where their employer does.
    std::map<std::string, std::string> regions;
    for (const auto& e : All("/api/v1/employers", token)) regions[e["code"]] = e["region_code"];
    for (const auto& p : All("/api/v1/persons", token)) {
      if (p["employer_code"] == "") continue;
      ASSERT_TRUE(regions.contains(p["employer_code"])) << user << ": employer in scope " << p.dump();
      EXPECT_EQ(p["region_code"], regions[p["employer_code"]]) << p.dump();
    }
  }
  // The HR account's employer lies inside the city account's area.
  const std::string hr_employer = Get("/api/v1/auth/me", Token("hr")).json()["employer_code"];
  bool found = false;
  for (const auto& e : All("/api/v1/employers", Token("city"))) found = found || e["code"] == hr_employer;
  EXPECT_TRUE(found);
}

TEST_P(People, PersonsListCoversTheScopeWithFiltersAndSort) {
  const auto city = Token("city");
  const json first = Get("/api/v1/compliance/persons?year=2026&page_size=200", city).json();
  ASSERT_FALSE(first["items"].empty());
  int64_t counted = 0;
  for (const auto& [k, n] : first["counts"].items()) counted += n.get<int64_t>();
  EXPECT_EQ(counted, first["total"]);
  // 未达标名单: only not-compliant persons, as many as the count says.
  const json bad = Get("/api/v1/compliance/persons?year=2025&status=not_compliant&page_size=200", city).json();
  EXPECT_EQ(bad["total"], bad["counts"]["not_compliant"]);
  ASSERT_GT(bad["total"].get<int64_t>(), 0) << "the demo has persons who missed 2025";
  for (const auto& p : bad["items"]) EXPECT_EQ(p["status"], "not_compliant");
  // Sorted by shortfall, largest first, over the whole scope: pages continue each other.
  const auto p1 = Get("/api/v1/compliance/persons?year=2025&sort=-shortfall_hours&page_size=7", city).json()["items"];
  const auto p2 = Get("/api/v1/compliance/persons?year=2025&sort=-shortfall_hours&page_size=7&page=2", city).json()["items"];
  std::vector<double> shortfalls;
  std::set<std::string> ids;
  for (const auto* page : {&p1, &p2}) {
    for (const auto& p : *page) {
      shortfalls.push_back(p["shortfall_hours"]);
      ids.insert(p["person_id"]);
    }
  }
  EXPECT_EQ(ids.size(), shortfalls.size()) << "no person on two pages";
  EXPECT_TRUE(std::is_sorted(shortfalls.rbegin(), shortfalls.rend()));
  double max_shortfall = 0;
  for (const auto& p : All("/api/v1/compliance/persons?year=2025", city)) {
    max_shortfall = std::max(max_shortfall, p["shortfall_hours"].get<double>());
  }
  EXPECT_DOUBLE_EQ(shortfalls.front(), max_shortfall);
  // Name order.
  const auto named = Get("/api/v1/compliance/persons?year=2026&sort=name&page_size=50", city).json()["items"];
  for (size_t i = 1; i < named.size(); ++i) {
    EXPECT_LE(named[i - 1]["name"].get<std::string>(), named[i]["name"].get<std::string>());
  }
  // Filters: region (a county), employer, title level, field, a Chinese name prefix.
  const json sample = first["items"][0];
  const std::string county = sample["region_code"];
  for (const auto& p : All("/api/v1/compliance/persons?year=2026&region=" + county, city)) {
    EXPECT_EQ(p["region_code"], county);
  }
  ASSERT_TRUE(sample["employer_id"].is_string());
  const auto staff = All("/api/v1/compliance/persons?year=2026&employer=" + sample["employer_id"].get<std::string>(), city);
  ASSERT_FALSE(staff.empty());
  for (const auto& p : staff) EXPECT_EQ(p["employer_code"], sample["employer_code"]);
  for (const auto& p : All("/api/v1/compliance/persons?year=2026&title_level=" + sample["title_level"].get<std::string>(), city)) {
    EXPECT_EQ(p["title_level"], sample["title_level"]);
  }
  const std::string field = sample["field"];
  const auto in_field = All("/api/v1/compliance/persons?year=2026&field=" + field, city);
  ASSERT_FALSE(in_field.empty());
  for (const auto& p : in_field) EXPECT_EQ(p["field"], field);
  const std::string surname = sample["name"].get<std::string>().substr(0, 3);  // one CJK character
  const auto named_like = All("/api/v1/compliance/persons?year=2026&name=" + surname, city);
  ASSERT_FALSE(named_like.empty()) << "a Chinese name prefix matches";
  for (const auto& p : named_like) EXPECT_EQ(p["name"].get<std::string>().rfind(surname, 0), 0u);
  EXPECT_EQ(Get("/api/v1/persons?page_size=200&name=" + surname, city).json()["total"],
            static_cast<int64_t>(named_like.size()))
      << "the persons list's name prefix matches Chinese names too";
}

TEST_P(People, PersonsListParametersAreValidated) {
  const auto city = Token("city");
  struct Bad { std::string query, field; };
  for (const auto& [query, field] : std::vector<Bad>{{"status=late", "status"}, {"region=44ab", "region"},
                                                     {"region=1234567", "region"}, {"title_level=master", "title_level"},
                                                     {"sort=id_number", "sort"}, {"page_size=500", "page_size"},
                                                     {"year=1800", "year"}}) {
    auto r = Get("/api/v1/compliance/persons?" + query, city);
    EXPECT_EQ(r.status, 400) << query << r.body;
    EXPECT_EQ(r.json()["field"], field) << query;
    EXPECT_FALSE(r.json()["message_zh"].get<std::string>().empty());
  }
  // An employer of another scope is not found; a region outside the scope is nobody.
  const auto admin = Token("admin");
  const std::string city_prefix = Get("/api/v1/auth/me", city).json()["region_prefix"];
  std::string outside;
  for (const auto& e : All("/api/v1/employers", admin)) {
    if (e["region_code"].get<std::string>().rfind(city_prefix, 0) != 0) {
      outside = e["id"];
      break;
    }
  }
  ASSERT_FALSE(outside.empty());
  EXPECT_EQ(Get("/api/v1/compliance/persons?employer=" + outside, city).status, 404);
  const std::string far = city_prefix.substr(0, 2) == "11" ? "12" : "11";
  EXPECT_EQ(Get("/api/v1/compliance/persons?region=" + far, city).json()["total"], 0);
  EXPECT_EQ(Get("/api/v1/compliance/persons", Token("provider")).status, 403);
  EXPECT_EQ(Get("/api/v1/compliance/persons", Token("person1")).status, 403);
  // HR sees its own staff only, whatever it asks for.
  const auto hr = Token("hr");
  const std::string own = Get("/api/v1/auth/me", hr).json()["employer_code"];
  for (const auto& p : All("/api/v1/compliance/persons?year=2026", hr)) EXPECT_EQ(p["employer_code"], own);
  // The not-compliant list exports as .xlsx with exactly those persons.
  auto x = Get("/api/v1/exports/compliance.xlsx?year=2025&status=not_compliant", city);
  ASSERT_EQ(x.status, 200) << x.body;
  auto reader = app::XlsxReader::FromBytes(x.body);
  app::Row row;
  int64_t rows = -1;  // the header
  while (reader->Next(row)) {
    if (rows >= 0) EXPECT_EQ(std::string(row.fields.back()), "未达标");
    ++rows;
  }
  EXPECT_EQ(rows, Get("/api/v1/compliance/persons?year=2025&status=not_compliant", city).json()["total"]);
  EXPECT_EQ(Get("/api/v1/exports/compliance.xlsx?status=late", city).status, 400);
}

TEST_P(People, EmployerRankingSortsByRateHoursAndPersons) {
  const auto province = Token("province");
  for (const std::string key : {"compliance_rate", "hours_per_person", "persons"}) {
    for (const bool desc : {true, false}) {
      const auto items = All("/api/v1/statistics/employers?year=2025&sort=" + std::string(desc ? "-" : "") + key, province);
      ASSERT_GE(items.size(), 2u);
      for (size_t i = 1; i < items.size(); ++i) {
        const double a = items[i - 1][key].get<double>(), b = items[i][key].get<double>();
        EXPECT_TRUE(desc ? a >= b : a <= b) << key << " at " << i;
        EXPECT_EQ(items[i]["rank"], static_cast<int64_t>(i + 1));
      }
      for (const auto& e : items) {
        const double persons = e["persons"].get<double>();
        EXPECT_DOUBLE_EQ(e["compliance_rate"].get<double>(), persons ? e["compliant"].get<double>() / persons : 0.0);
        if (persons > 0) EXPECT_NEAR(e["hours_per_person"].get<double>(), e["hours"].get<double>() / persons, 1e-9);
      }
    }
  }
  // The ranking's counts agree with the employer's own compliance page.
  const json top = Get("/api/v1/statistics/employers?year=2025&sort=-persons&page_size=1", province).json()["items"][0];
  const json own = Get("/api/v1/employers/" + top["id"].get<std::string>() + "/compliance?year=2025&page_size=1", province).json();
  int64_t staff = 0;
  for (const auto& [k, n] : own["counts"].items()) staff += n.get<int64_t>();
  EXPECT_EQ(staff, top["persons"]);
  EXPECT_EQ(own["counts"].value("compliant", 0), top["compliant"]);
  EXPECT_EQ(Get("/api/v1/statistics/employers?sort=rate", province).status, 400);
  EXPECT_EQ(Get("/api/v1/statistics/employers", Token("person1")).status, 403);
}

TEST_P(People, RegionCascaderAndEmployerSearch) {
  const auto city = Token("city");
  const std::string prefix = Get("/api/v1/auth/me", city).json()["region_prefix"];
  const auto provinces = Get("/api/v1/regions", city).json()["items"];
  ASSERT_GE(provinces.size(), 30u);
  bool has_province = false;
  for (const auto& p : provinces) has_province = has_province || p["prefix"] == prefix.substr(0, 2);
  EXPECT_TRUE(has_province);
  const auto cities = Get("/api/v1/regions?parent=" + prefix.substr(0, 2), city).json()["items"];
  bool has_city = false;
  for (const auto& c : cities) {
    EXPECT_EQ(c["prefix"].get<std::string>().size(), 4u);
    EXPECT_EQ(c["level"], "city");
    has_city = has_city || c["prefix"] == prefix;
  }
  EXPECT_TRUE(has_city);
  const auto counties = Get("/api/v1/regions?parent=" + prefix, city).json()["items"];
  ASSERT_FALSE(counties.empty());
  for (const auto& c : counties) {
    EXPECT_EQ(c["code"].get<std::string>().rfind(prefix, 0), 0u);
    EXPECT_TRUE(c["leaf"].get<bool>());
    EXPECT_NE(c["code"].get<std::string>().substr(4), "00");
  }
  for (const std::string bad : {"4", "44x", "440106", "abcd"}) {
    auto r = Get("/api/v1/regions?parent=" + bad, city);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.json()["field"], "parent");
  }
  EXPECT_EQ(Get("/api/v1/regions", "").status, 401);
  // Employer search by a piece of the name or the start of the code (any case).
  const json hr_employer = Get("/api/v1/employers?page_size=1", Token("hr")).json()["items"][0];
  const std::string name = hr_employer["name"];
  const std::string code = hr_employer["code"];
  auto found = [&](const std::string& q) {
    for (const auto& e : All("/api/v1/employers?q=" + q, city)) {
      if (e["code"] == code) return true;
    }
    return false;
  };
  EXPECT_TRUE(found(name.substr(3, 3)));  // the second character (the names are Chinese)
  std::string lower = code.substr(0, 10);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(found(lower));
  EXPECT_TRUE(All("/api/v1/employers?q=%25", city).empty()) << "a % is a character, not a wildcard";
}

TEST_P(People, TransfersReleaseTakeOnAndKeepTheHistory) {
  const auto hr = Token("hr");
  const auto city = Token("city");
  const std::string city_prefix = Get("/api/v1/auth/me", city).json()["region_prefix"];
  // A second employer in the city (another county if there is one), with its own HR.
  const auto counties = Get("/api/v1/regions?parent=" + city_prefix, city).json()["items"];
  const std::string region_b = counties.back()["code"];
  const json b = NewEmployer(region_b, 4242, "hr-b");
  const auto hr_b = LoginAs("hr-b");
  // One of HR's staff with records moves; the records go with them. A demo person with an
  // account is preferred, so that the person's own view of the history is checked too.
  std::map<std::string, std::string> accounts;  // person id → token
  for (const std::string user : {"person2", "person1"}) {
    const auto t = Token(user);
    accounts[PersonIdOf(t)] = t;
  }
  std::string pid;
  int64_t records = 0;
  for (const auto& candidate : All("/api/v1/persons", hr)) {
    const std::string id = candidate["id"];
    const int64_t n = Get("/api/v1/persons/" + id + "/records?page_size=1", hr).json()["total"];
    if (n == 0) continue;
    if (pid.empty() || (accounts.contains(id) && !accounts.contains(pid))) {
      pid = id;
      records = n;
    }
  }
  ASSERT_FALSE(pid.empty()) << "HR has staff with records";
  const json p = Get("/api/v1/persons/" + pid, hr).json();
  const std::string id_number = p["id_number"];
  const std::string name = p["name"];
  // Before the release nobody can take them on; HR-B cannot release someone else's staff.
  auto early = Send("POST", "/api/v1/transfers/take-on", {{"id_number", id_number}, {"name", name}}, hr_b);
  EXPECT_EQ(early.status, 404) << early.body;
  EXPECT_EQ(Send("POST", "/api/v1/persons/" + pid + "/release", json::object(), hr_b).status, 404);
  auto rel = Send("POST", "/api/v1/persons/" + pid + "/release", {{"note", "调往B单位"}}, hr);
  ASSERT_EQ(rel.status, 201) << rel.body;
  EXPECT_EQ(rel.json()["status"], "released");
  EXPECT_EQ(Send("POST", "/api/v1/persons/" + pid + "/release", json::object(), hr).status, 409);
  // Still HR's until taken on.
  EXPECT_EQ(Get("/api/v1/persons/" + pid, hr).status, 200);
  // The name must match too, with the same answer as an unknown number.
  auto wrong = Send("POST", "/api/v1/transfers/take-on", {{"id_number", id_number}, {"name", "别人"}}, hr_b);
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(wrong.json()["message_zh"], early.json()["message_zh"]);
  auto bad = Send("POST", "/api/v1/transfers/take-on", {{"id_number", "123"}, {"name", name}}, hr_b);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["field"], "id_number");
  EXPECT_EQ(Send("POST", "/api/v1/transfers/take-on", {{"id_number", id_number}, {"name", name}}, hr).status, 409)
      << "one's own release is withdrawn, not taken on";
  EXPECT_EQ(Send("POST", "/api/v1/transfers/take-on", {{"id_number", id_number}, {"name", name}}, city).status, 403);
  auto took = Send("POST", "/api/v1/transfers/take-on", {{"id_number", id_number}, {"name", name}, {"note", "报到"}}, hr_b);
  ASSERT_EQ(took.status, 200) << took.body;
  EXPECT_EQ(took.json()["status"], "completed");
  EXPECT_EQ(took.json()["to_employer"]["code"], b["code"]);
  // Now HR-B's, in B's region, with every record; HR no longer sees them.
  EXPECT_EQ(Get("/api/v1/persons/" + pid, hr).status, 404);
  const json moved = Get("/api/v1/persons/" + pid, hr_b).json();
  EXPECT_EQ(moved["employer_code"], b["code"]);
  EXPECT_EQ(moved["region_code"], region_b);
  EXPECT_EQ(Get("/api/v1/persons/" + pid + "/records?page_size=1", hr_b).json()["total"], records);
  EXPECT_EQ(Send("POST", "/api/v1/transfers/take-on", {{"id_number", id_number}, {"name", name}}, hr_b).status, 404)
      << "taken on once";
  // The history: the person, both employers and the city see it.
  const std::string reader = accounts.contains(pid) ? accounts[pid] : hr_b;
  const auto history = Get("/api/v1/persons/" + pid + "/transfers", reader).json()["items"];
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]["from_employer"]["code"], Get("/api/v1/auth/me", hr).json()["employer_code"]);
  EXPECT_EQ(history[0]["to_employer"]["code"], b["code"]);
  EXPECT_EQ(history[0]["completed_by"], "hr-b");
  for (const auto& token : {hr, hr_b, city}) {
    bool listed = false;
    for (const auto& t : All("/api/v1/transfers", token)) listed = listed || t["id"] == history[0]["id"];
    EXPECT_TRUE(listed);
  }
  // Audited, each step.
  const auto auditor = Token("auditor");
  for (const std::string action : {"transfer.release", "transfer.take_on"}) {
    const auto entries = Get("/api/v1/audit?action=" + action, auditor).json()["items"];
    bool seen = false;
    for (const auto& e : entries) seen = seen || e["entity_id"] == pid;
    EXPECT_TRUE(seen) << action;
  }
}

TEST_P(People, ReleasesCanBeWithdrawnAndAuthoritiesMoveWithinTheirScope) {
  const auto hr = Token("hr");
  const auto city = Token("city");
  const std::string city_prefix = Get("/api/v1/auth/me", city).json()["region_prefix"];
  const std::string own_region = Get("/api/v1/employers?page_size=1", hr).json()["items"][0]["region_code"];
  auto made = Send("POST", "/api/v1/persons", {{"id_number", IdNumber(own_region, 81)}, {"name", "调动测试"},
                                               {"field", "会计"}, {"title_level", "junior"}}, hr);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string pid = made.json()["id"];
  auto rel = Send("POST", "/api/v1/persons/" + pid + "/release", json::object(), hr);
  ASSERT_EQ(rel.status, 201) << rel.body;
  const std::string tid = rel.json()["id"];
  // Another employer's HR cannot withdraw it.
  const std::string region_c = Get("/api/v1/regions?parent=" + city_prefix, city).json()["items"][0]["code"];
  const json c = NewEmployer(region_c, 4343, "hr-c");
  EXPECT_EQ(Send("POST", "/api/v1/transfers/" + tid + "/cancel", json::object(), LoginAs("hr-c")).status, 404);
  auto undo = Send("POST", "/api/v1/transfers/" + tid + "/cancel", json::object(), hr);
  ASSERT_EQ(undo.status, 200) << undo.body;
  EXPECT_EQ(undo.json()["status"], "cancelled");
  EXPECT_EQ(Send("POST", "/api/v1/transfers/" + tid + "/cancel", json::object(), hr).status, 409);
  EXPECT_EQ(Send("POST", "/api/v1/transfers/t0000000000000/cancel", json::object(), hr).status, 404);
  // The city moves a person straight to C; HR may not move directly.
  EXPECT_EQ(Send("POST", "/api/v1/persons/" + pid + "/transfer", {{"employer_id", c["id"]}}, hr).status, 403);
  auto moved = Send("POST", "/api/v1/persons/" + pid + "/transfer", {{"employer_id", c["id"]}, {"note", "统一调配"}}, city);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["status"], "completed");
  EXPECT_EQ(Get("/api/v1/persons/" + pid, city).json()["employer_code"], c["code"]);
  EXPECT_EQ(Send("POST", "/api/v1/persons/" + pid + "/transfer", {{"employer_id", c["id"]}}, city).status, 409);
  // Not to an employer outside the city, and not a person outside it.
  const std::string far = city_prefix.substr(0, 2) == "11" ? "120101" : "110101";
  const json outside = NewEmployer(far, 4444);
  auto refused = Send("POST", "/api/v1/persons/" + pid + "/transfer", {{"employer_id", outside["id"]}}, city);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["field"], "employer_id");
  EXPECT_EQ(Get("/api/v1/persons/" + pid, city).json()["employer_code"], c["code"]) << "unchanged";
  const auto admin = Token("admin");
  std::string stranger;
  for (const auto& p : All("/api/v1/persons", admin)) {
    if (p["region_code"].get<std::string>().rfind(city_prefix, 0) != 0) {
      stranger = p["id"];
      break;
    }
  }
  ASSERT_FALSE(stranger.empty());
  EXPECT_EQ(Send("POST", "/api/v1/persons/" + stranger + "/transfer", {{"employer_id", c["id"]}}, city).status, 404);
  EXPECT_EQ(Send("POST", "/api/v1/persons/" + stranger + "/release", json::object(), city).status, 404);
  auto status = Get("/api/v1/transfers?status=gone", city);
  EXPECT_EQ(status.status, 400);
  EXPECT_EQ(status.json()["field"], "status");
}

TEST_P(People, APersonRegisteredWithAnEmployerLiesWhereItIs) {
  const auto hr = Token("hr");
  const json me = Get("/api/v1/auth/me", hr).json();
  const std::string employer = me["employer_code"];
  const std::string employer_region = Get("/api/v1/employers?page_size=1", hr).json()["items"][0]["region_code"];
  const std::string elsewhere = employer_region.substr(0, 2) == "11" ? "120101" : "110101";
  auto r = Send("POST", "/api/v1/persons",
                {{"id_number", IdNumber(elsewhere, 71)}, {"name", "区划测试"}, {"region_code", elsewhere},
                 {"field", "会计"}, {"title_level", "intermediate"}}, hr);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["region_code"], employer_region) << "the employer's region, not the one typed";
  // Without a region: the employer's.
  auto r2 = Send("POST", "/api/v1/persons",
                 {{"id_number", IdNumber(elsewhere, 72)}, {"name", "区划测试二"}, {"field", "会计"},
                  {"title_level", "intermediate"}}, hr);
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_EQ(r2.json()["region_code"], employer_region);
  // The import places them the same way.
  const std::string csv = "id_number,name,employer_code,region_code,field,title_level\n" +
                          IdNumber(elsewhere, 73) + ",区划测试三," + employer + "," + elsewhere + ",会计,中级\n";
  auto imp = HttpClient(server_->port()).Request("POST", "/api/v1/imports/persons", hr, csv, "text/csv");
  ASSERT_EQ(imp.status, 200) << imp.body;
  bool found = false;
  for (const auto& p : All("/api/v1/persons?name=区划测试三", hr)) {
    found = true;
    EXPECT_EQ(p["region_code"], employer_region);
  }
  EXPECT_TRUE(found);
}

TEST_P(People, ProvinceStatisticsExportHasARowPerCityAndCounty) {
  const auto province = Token("province");
  const std::string prefix = Get("/api/v1/auth/me", province).json()["region_prefix"];
  const json stats = Get("/api/v1/statistics?year=2026", province).json();
  auto x = Get("/api/v1/exports/statistics.xlsx?year=2026", province);
  ASSERT_EQ(x.status, 200);
  auto reader = app::XlsxReader::FromBytes(x.body);
  app::Row row;
  ASSERT_TRUE(reader->Next(row));  // header
  EXPECT_EQ(std::string(row.fields[0]), "行政区划代码");
  std::set<std::string> cities;
  int counties = 0;
  int64_t city_persons = 0;
  double total = -1;
  while (reader->Next(row)) {
    const std::string code(row.fields[0]), level(row.fields[2]);
    if (code.empty()) {
      total = std::stod(std::string(row.fields[3]));
      continue;
    }
    EXPECT_EQ(code.rfind(prefix, 0), 0u) << code;
    if (level == "市") {
      cities.insert(code.substr(0, 4));
      city_persons += std::stoll(std::string(row.fields[3]));
    } else {
      EXPECT_EQ(level, "县");
      EXPECT_TRUE(cities.contains(code.substr(0, 4))) << "each county under its city: " << code;
      ++counties;
    }
  }
  EXPECT_EQ(cities.size(), stats["by_region"].size()) << "one row per city, as the dashboard's bars";
  EXPECT_GE(counties, static_cast<int>(cities.size()));
  EXPECT_EQ(city_persons, stats["persons"].get<int64_t>());
  EXPECT_EQ(total, stats["persons"].get<double>());
}

/// The ID-number column (the first) of an exported sheet, header skipped.
std::vector<std::string> ExportedIdNumbers(const std::string& xlsx) {
  auto reader = app::XlsxReader::FromBytes(xlsx);
  app::Row row;
  std::vector<std::string> ids;
  EXPECT_TRUE(reader->Next(row));
  EXPECT_EQ(std::string(row.fields[0]), "身份证号");
  while (reader->Next(row)) ids.emplace_back(row.fields[0]);
  return ids;
}

bool Masked(const std::string& id) {
  return id.size() == 18 && id.substr(6, 8) == "********" && id.find('*', 14) == std::string::npos;
}

TEST_P(People, ExportsMaskIdNumbersForWhomTheApiMasksThem) {
  // An authority sees masked numbers in the JSON API (GET /persons/{id} too), so in its sheet.
  const auto city = Token("city");
  auto x = Get("/api/v1/exports/compliance.xlsx?year=2025", city);
  ASSERT_EQ(x.status, 200) << x.body;
  const auto ids = ExportedIdNumbers(x.body);
  ASSERT_FALSE(ids.empty());
  for (const auto& id : ids) EXPECT_TRUE(Masked(id)) << id;
  std::multiset<std::string> listed;
  for (const auto& p : All("/api/v1/compliance/persons?year=2025", city)) listed.insert(p["id_number"]);
  EXPECT_EQ(std::multiset<std::string>(ids.begin(), ids.end()), listed) << "the same masks as the list";
  const json one = All("/api/v1/persons", city).front();
  EXPECT_TRUE(Masked(Get("/api/v1/persons/" + one["id"].get<std::string>(), city).json()["id_number"]));
  auto late = Get("/api/v1/exports/compliance.xlsx?year=2025&status=not_compliant", city);
  ASSERT_EQ(late.status, 200);
  for (const auto& id : ExportedIdNumbers(late.body)) EXPECT_TRUE(Masked(id)) << id;
  // An employer's admin sees its own staff's numbers in full, as GET /persons/{id} shows them;
  // so do admins. The roster (theirs only) keeps them full, so that it imports back.
  for (const char* user : {"hr", "admin"}) {
    const auto token = Token(user);
    for (const char* path : {"/api/v1/exports/compliance.xlsx?year=2025", "/api/v1/exports/roster.xlsx"}) {
      auto r = Get(path, token);
      ASSERT_EQ(r.status, 200) << user << path;
      const auto full = ExportedIdNumbers(r.body);
      ASSERT_FALSE(full.empty());
      for (const auto& id : full) {
        EXPECT_EQ(id.find('*'), std::string::npos) << user << path << id;
        EXPECT_EQ(id.size(), 18u);
      }
    }
  }
  const auto hr = Token("hr");
  const json mine = All("/api/v1/persons", hr).front();
  const std::string full = Get("/api/v1/persons/" + mine["id"].get<std::string>(), hr).json()["id_number"];
  const auto hr_ids = ExportedIdNumbers(Get("/api/v1/exports/compliance.xlsx?year=2025", hr).body);
  EXPECT_NE(std::find(hr_ids.begin(), hr_ids.end(), full), hr_ids.end()) << full;
}

}  // namespace
}  // namespace jixu::testing
