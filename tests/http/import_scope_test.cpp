// Imports over HTTP stay inside the caller's scope (issue 9, item 4): an employer admin or an
// authority cannot take, rename or move a person, or take over an employer, from outside its
// scope by naming it in a CSV row. The file is refused with the line named and nothing changes;
// an in-scope import still works; the audit entry names the persons created, updated and moved.
#include "core/validate/id_number.hpp"
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

const std::string kPersons = "id_number,name,employer_code,region_code,field,title_level\n";

class ImportScope : public ApiSuite {
 protected:
  const char* Name() const override { return "import_scope"; }

  void SetUp() override {
    ApiSuite::SetUp();
    if (IsSkipped() || backend_ == GetParam()) return;
    backend_ = GetParam();
    admin_ = Token("admin");
    hr_ = Token("hr");
    city_ = Token("city");
    province_ = Token("province");
    hr_employer_ = Get("/api/v1/auth/me", hr_).json()["employer_code"];
    const std::string province = Get("/api/v1/auth/me", province_).json()["region_prefix"];
    home_region_ = Get("/api/v1/persons/" + PersonIdOf(Token("person1")), admin_).json()["region_code"];
    other_employer_ = json();
    const auto employers = Get("/api/v1/employers?page_size=200&sort=-region_code", admin_).json();
    for (const auto& e : employers["items"]) {
      if (e["region_code"].get<std::string>().rfind(province, 0) != 0) other_employer_ = e;
    }
  }

  /// A fresh valid resident ID (born 1902, so no demo person has it); `x_check` asks for one
  /// whose check character is X.
  static std::string NewIdNumber(bool x_check = false) {
    for (;;) {
      char body[24];
      const int n = serial_++;
      std::snprintf(body, sizeof body, "110105190201%02d%03d", 1 + n / 1000 % 28, n % 1000);
      std::string id(body, 17);
      id.push_back(validate::IdNumberCheckChar(id));
      if (!x_check || id.back() == 'X') return id;
    }
  }

  /// A person the admin registers at the employer outside every demo scope but the admin's.
  static std::pair<std::string, std::string> RegisterOutsider(const std::string& name, bool x_check = false) {
    const std::string id_number = NewIdNumber(x_check);
    auto r = Send("POST", "/api/v1/persons",
                  {{"id_number", id_number}, {"name", name}, {"employer_code", other_employer_["code"]},
                   {"region_code", other_employer_["region_code"]}, {"field", "工程"}, {"title_level", "中级"}},
                  admin_);
    EXPECT_EQ(r.status, 201) << r.body;
    return {r.json()["id"].get<std::string>(), id_number};
  }

  static HttpResponse Import(const std::string& kind, const std::string& csv, const std::string& token) {
    return HttpClient(server_->port()).Request("POST", "/api/v1/imports/" + kind, token, csv, "text/csv");
  }

  static std::string PersonRow(const std::string& id_number, const std::string& name,
                               const std::string& employer, const std::string& region) {
    return id_number + "," + name + "," + employer + "," + region + ",工程,中级\n";
  }

  /// A 4xx naming `line` and `field` as out of scope, with nothing committed and nothing of the
  /// outsider in the answer.
  static void ExpectRefused(const HttpResponse& r, int line, const std::string& field,
                            const std::string& outsider_name) {
    EXPECT_EQ(r.status, 422) << r.body;
    const auto j = r.json();
    EXPECT_FALSE(j["committed"].get<bool>());
    ASSERT_EQ(j["errors"].size(), 1u) << r.body;
    EXPECT_EQ(j["errors"][0]["line"], line) << r.body;
    EXPECT_EQ(j["errors"][0]["field"], field) << r.body;
    EXPECT_EQ(j["errors"][0]["code"], "out_of_scope") << r.body;
    EXPECT_FALSE(j["errors"][0]["message_zh"].get<std::string>().empty());
    EXPECT_EQ(r.body.find(outsider_name), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find(other_employer_["code"].get<std::string>()), std::string::npos) << r.body;
  }

  /// The outsider is where the admin put it, under its own name.
  static void ExpectUntouched(const std::string& person, const std::string& name) {
    const auto p = Get("/api/v1/persons/" + person, admin_).json();
    EXPECT_EQ(p["name"], name);
    EXPECT_EQ(p["employer_code"], other_employer_["code"]);
    EXPECT_EQ(p["region_code"], other_employer_["region_code"]);
  }

  static int64_t PersonsNamed(const std::string& name) {
    return Get("/api/v1/persons?name=" + name + "&page_size=1", admin_).json()["total"];
  }

  static json LastAudit(const std::string& action) {
    // The audit administrator reads the whole log (三员分立).
    return Get("/api/v1/audit?action=" + action + "&sort=-seq&page_size=1", Token("auditor")).json()["items"][0];
  }

  static inline std::string backend_, admin_, hr_, city_, province_, hr_employer_, home_region_;
  static inline json other_employer_;
  static inline int serial_ = 0;
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(ImportScope);

TEST_P(ImportScope, EmployerAdminCannotMoveAnotherEmployersPerson) {
  ASSERT_TRUE(other_employer_.is_object());
  const auto [victim, victim_id_number] = RegisterOutsider("甲外单位人员");
  // Line 2 alone is fine (a new person at hr's own employer); line 3 takes the outsider.
  const auto r = Import("persons", kPersons + PersonRow(NewIdNumber(), "乙本单位新人", hr_employer_, home_region_) +
                                       PersonRow(victim_id_number, "冒名顶替", hr_employer_, home_region_),
                        hr_);
  ExpectRefused(r, 3, "id_number", "甲外单位人员");
  ExpectUntouched(victim, "甲外单位人员");
  EXPECT_EQ(PersonsNamed("乙本单位新人"), 0) << "the whole file is refused";
  EXPECT_EQ(Get("/api/v1/persons/" + victim, hr_).status, 404);
}

TEST_P(ImportScope, CityAuthorityCannotMoveAPersonAcrossProvinces) {
  ASSERT_TRUE(other_employer_.is_object());
  const auto [victim, victim_id_number] = RegisterOutsider("丙外省人员");
  for (const auto& token : {city_, province_}) {
    const auto r = Import("persons", kPersons + PersonRow(victim_id_number, "丙外省人员", hr_employer_, home_region_),
                          token);
    ExpectRefused(r, 2, "id_number", "丙外省人员");
    ExpectUntouched(victim, "丙外省人员");
  }
  EXPECT_EQ(Get("/api/v1/persons/" + victim, city_).status, 404);
}

TEST_P(ImportScope, AuthorityCannotTakeOverAnotherProvincesEmployer) {
  ASSERT_TRUE(other_employer_.is_object());
  const auto r = Import("employers", "code,name,region_code,type\n" + other_employer_["code"].get<std::string>() +
                                         ",改名单位," + home_region_ + "," + other_employer_["type"].get<std::string>() + "\n",
                        city_);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["errors"][0]["line"], 2) << r.body;
  EXPECT_EQ(r.json()["errors"][0]["field"], "code") << r.body;
  const auto e = Get("/api/v1/employers/" + other_employer_["id"].get<std::string>(), admin_).json();
  EXPECT_EQ(e["name"], other_employer_["name"]);
  EXPECT_EQ(e["region_code"], other_employer_["region_code"]);
}

TEST_P(ImportScope, RecordsForAPersonOutsideScopeAreRefused) {
  ASSERT_TRUE(other_employer_.is_object());
  const auto [victim, victim_id_number] = RegisterOutsider("丁外单位人员", true);
  std::string lower = victim_id_number;
  lower.back() = 'x';  // the same person, spelled as the importer also accepts
  const std::string header = "id_number,date,category,form,hours,provider,title,source_id\n";
  for (const auto& id : {victim_id_number, lower}) {
    for (const auto& token : {hr_, city_}) {
      const auto r = Import("records", header + id + ",2026-03-01,public,seminar,3,某机构,讲座,\n", token);
      ExpectRefused(r, 2, "id_number", "丁外单位人员");
    }
  }
  EXPECT_EQ(Get("/api/v1/persons/" + victim + "/records", admin_).json()["total"], 0);
}

TEST_P(ImportScope, InScopeImportStillWorks) {
  const std::string id_number = NewIdNumber();
  auto r = Import("persons", kPersons + PersonRow(id_number, "戊本单位新人", hr_employer_, home_region_), hr_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["inserted"], 1);
  r = Import("persons", kPersons + PersonRow(id_number, "戊本单位新人改名", hr_employer_, home_region_), hr_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["updated"], 1);
  r = Import("records", "id_number,date,category,form,hours,provider,title,source_id\n" + id_number +
                            ",2026-03-01,public,seminar,3,某机构,讲座,\n", hr_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["inserted"], 1);
  r = Import("persons", kPersons + PersonRow(id_number, "戊市内改名", hr_employer_, home_region_), city_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["updated"], 1);
  EXPECT_EQ(PersonsNamed("戊市内改名"), 1);
}

TEST_P(ImportScope, AuditNamesCreatedUpdatedAndMovedPersons) {
  ASSERT_TRUE(other_employer_.is_object());
  const auto [moved, moved_id_number] = RegisterOutsider("己将调入");
  const auto [renamed, renamed_id_number] = RegisterOutsider("庚将改名");
  const std::string created_id_number = NewIdNumber();
  const auto r = Import("persons", kPersons + PersonRow(created_id_number, "辛新登记", hr_employer_, home_region_) +
                                       PersonRow(renamed_id_number, "庚已改名", other_employer_["code"].get<std::string>(),
                                                 other_employer_["region_code"].get<std::string>()) +
                                       PersonRow(moved_id_number, "己将调入", hr_employer_, home_region_),
                        admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto created = Get("/api/v1/persons?name=辛新登记", admin_).json()["items"][0]["id"];
  const auto entry = LastAudit("import.persons");
  ASSERT_TRUE(entry.is_object());
  const auto& after = entry["after"];
  EXPECT_EQ(after["created_ids"], json::array({created})) << after.dump();
  EXPECT_EQ(after["updated_ids"], json::array({renamed})) << after.dump();
  ASSERT_EQ(after["moved"].size(), 1u) << after.dump();
  EXPECT_EQ(after["moved"][0]["id"], moved);
  EXPECT_EQ(after["moved"][0]["from_employer"], other_employer_["code"]);
  EXPECT_EQ(after["moved"][0]["to_employer"], hr_employer_);
  EXPECT_EQ(after["moved"][0]["from_region"], other_employer_["region_code"]);
  EXPECT_EQ(after["moved"][0]["to_region"], home_region_);
  EXPECT_EQ(after["rows"], 3);
  EXPECT_EQ(entry["actor"], "admin");
}

TEST_P(ImportScope, AuditNamesEveryMoveEvenPastTheListCap) {
  ASSERT_TRUE(other_employer_.is_object());
  constexpr int kPersonsMoved = 1001;  // one more than an audit entry lists
  std::string at_hr = kPersons, moved_away = kPersons;
  for (int i = 0; i < kPersonsMoved; ++i) {
    const std::string id_number = NewIdNumber();
    at_hr += PersonRow(id_number, "壬批量", hr_employer_, home_region_);
    moved_away += PersonRow(id_number, "壬批量", other_employer_["code"].get<std::string>(),
                            other_employer_["region_code"].get<std::string>());
  }
  ASSERT_EQ(Import("persons", at_hr, admin_).status, 200);
  auto r = Import("persons", moved_away, hr_);
  ASSERT_EQ(r.status, 422) << "hr may not move its staff to another employer";
  EXPECT_EQ(r.json()["error_count"], kPersonsMoved);
  EXPECT_EQ(r.json()["errors"][0]["line"], 2);
  EXPECT_EQ(r.json()["errors"][0]["field"], "employer_code");
  r = Import("persons", moved_away, admin_);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto first = LastAudit("import.persons")["after"];
  EXPECT_EQ(first["moved_count"], kPersonsMoved);
  EXPECT_EQ(first["moved"].size(), 1000u);
  EXPECT_EQ(first["parts"], 2);
  EXPECT_EQ(first["created_ids"].size(), 0u);
  const auto rest = LastAudit("import.persons.moved")["after"];
  ASSERT_EQ(rest["moved"].size(), 1u) << rest.dump();
  EXPECT_EQ(rest["part"], 2);
  EXPECT_EQ(rest["moved"][0]["from_employer"], hr_employer_);
  EXPECT_EQ(rest["moved"][0]["to_employer"], other_employer_["code"]);
}

}  // namespace
}  // namespace jixu::testing
