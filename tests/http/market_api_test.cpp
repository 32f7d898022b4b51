// The training market's provider lifecycle over HTTP (issue 11 item 1): application with
// documents, review with a reason, suspension and revocation with dates, re-application, all
// audited; and every refusal that closes the hole the issue found — a suspended or revoked
// provider opening classes or reporting hours (one by one, in bulk, by CSV import), and a
// provider reporting hours for persons it never enrolled.
#include <set>

#include "core/validate/credit_code.hpp"
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class Market : public ApiSuite {
 protected:
  const char* Name() const override { return "market"; }

  /// A new provider in the city authority's region with its own admin account, approved through
  /// an application; returns {provider id, provider token}. `n` keeps codes apart.
  struct NewProvider {
    std::string id, code, token;
  };
  static NewProvider Register(int n, bool approve = true) {
    const auto city = Token("city"), admin = Token("admin");
    // person1's district: inside the city authority's region and a valid code.
    const std::string region = Get("/api/v1/persons/" + PersonIdOf(Token("person1")), admin).json()["region_code"];
    char org[16];
    std::snprintf(org, sizeof org, "%08d", 77000000 + n);
    std::string code = "52" + region + org;
    code.push_back(validate::OrganizationCodeCheckChar(org));
    code.push_back(validate::CreditCodeCheckChar(code));
    auto created = Send("POST", "/api/v1/providers",
                        {{"code", code}, {"name", "测试培训学校" + std::to_string(n)},
                         {"region_code", region}, {"type", "private_school"}}, city);
    EXPECT_EQ(created.status, 201) << created.body;
    NewProvider p{created.json()["id"], code, ""};
    const std::string user = "mkt-" + std::to_string(n);
    auto u = Send("POST", "/api/v1/users",
                  {{"username", user}, {"password", "Market-pass-1"}, {"role", "provider_admin"},
                   {"provider_code", code}}, admin);
    EXPECT_EQ(u.status, 201) << u.body;
    p.token = server_->Login(user, "Market-pass-1");
    if (approve) {
      EXPECT_EQ(Send("POST", "/api/v1/market/applications", Application(), p.token).status, 201);
      auto ok = Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "approve"}}, city);
      EXPECT_EQ(ok.status, 200) << ok.body;
    }
    return p;
  }
  static json Application() {
    return {{"licence_no", "教民5101002026001号"}, {"licence_issuer", "成都市人社局"},
            {"licence_valid_until", "2029-12-31"}, {"scope", "工程类专业科目集中培训"},
            {"full_time_teachers", 8}, {"part_time_teachers", 20}, {"teachers", "高级职称6人"},
            {"facilities", "教室4间"}};
  }
  /// A course and a class of the provider that ended before the server's today (2026-11-26).
  static std::string OpenClass(const NewProvider& p, const std::string& code) {
    auto course = Send("POST", "/api/v1/courses",
                       {{"code", code}, {"title", "绿色建筑"}, {"category", "professional"},
                        {"form", "centralized_training"}, {"hours", 8}, {"published", true}}, p.token);
    EXPECT_EQ(course.status, 201) << course.body;
    auto cls = Send("POST", "/api/v1/classes",
                    {{"course_id", course.json()["id"]}, {"name", "第1期"}, {"starts_on", "2026-09-01"},
                     {"ends_on", "2026-09-02"}}, p.token);
    EXPECT_EQ(cls.status, 201) << cls.body;
    return cls.json().value("id", "");
  }
  static std::string IdNumberOf(const std::string& person_token) {
    const std::string id = PersonIdOf(person_token);
    return Get("/api/v1/persons/" + id, person_token).json()["id_number"];
  }
  static json Item(const std::string& id_number, const std::string& title) {
    return {{"id_number", id_number}, {"date", "2026-09-02"}, {"category", "professional"},
            {"form", "centralized_training"}, {"hours", 8}, {"title", title}};
  }
  static HttpResponse ImportCsv(const std::string& csv, const std::string& token) {
    return HttpClient(server_->port()).Request("POST", "/api/v1/imports/records", token, csv, "text/csv");
  }
  static void ExpectRefusal(const HttpResponse& r, const std::string& code, const std::string& zh) {
    EXPECT_EQ(r.status, 403) << r.body;
    const json j = r.json();
    EXPECT_EQ(j["code"], code) << r.body;
    EXPECT_EQ(j["field"], "provider") << r.body;
    EXPECT_NE(j["message_zh"].get<std::string>().find(zh), std::string::npos) << r.body;
    EXPECT_NE(j["message_en"].get<std::string>().find(code.substr(9)), std::string::npos) << r.body;
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Market);

TEST_P(Market, ApplyReturnReapplyApproveWithDocumentsAndHistory) {
  const auto city = Token("city");
  auto p = Register(1, false);
  auto mine = Get("/api/v1/market/my-provider", p.token).json();
  EXPECT_EQ(mine["standing"]["status"], "pending");
  EXPECT_FALSE(mine["standing"]["may_operate"].get<bool>());

  // A pending provider cannot open a class yet.
  auto course = Send("POST", "/api/v1/courses", {{"code", "A-1"}, {"title", "课程"}, {"category", "professional"},
                                                 {"form", "online_course"}, {"hours", 4}}, p.token);
  ASSERT_EQ(course.status, 201) << course.body;
  ExpectRefusal(Send("POST", "/api/v1/classes", {{"course_id", course.json()["id"]}, {"name", "一期"},
                                                 {"starts_on", "2026-12-01"}, {"ends_on", "2026-12-02"}}, p.token),
                "provider_pending", "待审核");

  // A document: uploaded first (PDF by its bytes), then named by the application.
  auto doc = HttpClient(server_->port()).Request("POST", "/api/v1/market/documents?filename=licence.pdf", p.token,
                                                 "%PDF-1.4 licence scan", "application/pdf");
  ASSERT_EQ(doc.status, 201) << doc.body;
  auto not_pdf = HttpClient(server_->port()).Request("POST", "/api/v1/market/documents", p.token, "hello", "text/plain");
  EXPECT_EQ(not_pdf.status, 415);
  json app = Application();
  app["documents"] = json::array({{{"kind", "licence"}, {"sha256", doc.json()["sha256"]}, {"filename", "许可证.pdf"}}});

  // Bad input names every field in both languages.
  auto bad = Send("POST", "/api/v1/market/applications",
                  {{"scope", ""}, {"licence_valid_until", "2020-01-01"},
                   {"documents", json::array({{{"kind", "photo"}, {"sha256", doc.json()["sha256"]}},
                                              {{"kind", "licence"}, {"sha256", std::string(64, 'f')}}})}},
                  p.token);
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const json errors = bad.json()["errors"];  // a named copy: the loop must not walk a temporary
  for (const auto& e : errors) {
    fields.insert(e["field"].get<std::string>());
    EXPECT_FALSE(e["message_zh"].get<std::string>().empty());
    EXPECT_FALSE(e["message_en"].get<std::string>().empty());
  }
  for (const char* f : {"licence_no", "scope", "licence_valid_until", "documents[0].kind", "documents[1].sha256"}) {
    EXPECT_TRUE(fields.count(f)) << f << " in " << bad.body;
  }

  auto applied = Send("POST", "/api/v1/market/applications", app, p.token);
  ASSERT_EQ(applied.status, 201) << applied.body;
  const std::string application = applied.json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/market/applications", app, p.token).status, 409) << "one pending at a time";

  // The authority sees it in its queue and reads the document.
  auto queue = Get("/api/v1/market/providers?status=pending&page_size=100", city).json();
  bool queued = false;
  for (const auto& row : queue["items"]) queued = queued || (row["id"] == p.id && row["pending_application"] == application);
  EXPECT_TRUE(queued) << queue.dump();
  auto file = Get("/api/v1/market/applications/" + application + "/documents/0", city);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "%PDF-1.4 licence scan");
  EXPECT_EQ(Get("/api/v1/market/applications/" + application + "/documents/1", city).status, 404);
  EXPECT_EQ(Get("/api/v1/market/applications/" + application + "/documents/0", Token("provider")).status, 404)
      << "another provider cannot read it";

  // Returned for changes: a reason is required.
  auto no_reason = Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "return"}}, city);
  ASSERT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.json()["errors"][0]["field"], "reason");
  auto returned = Send("POST", "/api/v1/market/providers/" + p.id + "/actions",
                       {{"action", "return"}, {"reason", "请补充场地证明"}}, city);
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json()["standing"]["status"], "returned");
  EXPECT_EQ(returned.json()["applications"][0]["status"], "returned");
  EXPECT_EQ(returned.json()["applications"][0]["reason"], "请补充场地证明");
  EXPECT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "approve"}}, city).status, 409)
      << "nothing pending to approve";

  // Re-application, then approval.
  app["facilities"] = "教室4间，场地租赁合同见附件";
  ASSERT_EQ(Send("POST", "/api/v1/market/applications", app, p.token).status, 201);
  auto approved = Send("POST", "/api/v1/market/providers/" + p.id + "/actions",
                       {{"action", "approve"}, {"reason", "材料齐全"}}, city);
  ASSERT_EQ(approved.status, 200) << approved.body;
  const json f = approved.json();
  EXPECT_EQ(f["standing"]["status"], "approved");
  ASSERT_EQ(f["applications"].size(), 2u);
  EXPECT_EQ(f["applications"][0]["status"], "approved");
  std::vector<std::string> steps;
  for (const auto& e : f["events"]) steps.push_back(e["action"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"apply", "return", "apply", "approve"}));
  EXPECT_EQ(Send("POST", "/api/v1/market/applications", app, p.token).status, 409) << "approved: nothing to apply for";

  // Every step is in the audit chain, and the chain verifies.
  auto audit = Get("/api/v1/audit?entity=provider&sort=-seq&page_size=200", Token("auditor")).json();
  int lifecycle = 0;
  for (const auto& e : audit["items"]) {
    if (e["entity_id"] == p.id && e["action"].get<std::string>().rfind("provider.", 0) == 0) ++lifecycle;
  }
  EXPECT_GE(lifecycle, 4) << "apply, return, apply, approve";
  EXPECT_EQ(Get("/api/v1/audit/verify", Token("auditor")).json()["ok"], true);
}

TEST_P(Market, OnlyAuthoritiesOfTheRegionDecide) {
  auto p = Register(2, false);
  ASSERT_EQ(Send("POST", "/api/v1/market/applications", Application(), p.token).status, 201);
  const std::string path = "/api/v1/market/providers/" + p.id + "/actions";
  EXPECT_EQ(Send("POST", path, {{"action", "approve"}}, p.token).status, 403) << "not its own judge";
  EXPECT_EQ(Send("POST", path, {{"action", "approve"}}, Token("hr")).status, 403);
  EXPECT_EQ(Send("POST", path, {{"action", "approve"}}, Token("provider")).status, 403);
  EXPECT_EQ(Send("POST", path, {{"action", "approve"}}).status, 401);
  EXPECT_EQ(Get("/api/v1/market/providers/" + p.id, Token("provider")).status, 404) << "another provider's file";
  EXPECT_EQ(Get("/api/v1/market/providers/v0000000000000", Token("city")).status, 404);
  EXPECT_EQ(Send("POST", path, {{"action", "apply"}}, Token("city")).status, 422);
  EXPECT_EQ(Send("POST", path, {{"action", "explode"}}, Token("city")).status, 422);
  EXPECT_EQ(Get("/api/v1/market/providers?status=bogus", Token("city")).status, 400);
  EXPECT_EQ(Get("/api/v1/market/providers?region=99", Token("city")).json()["total"], 0) << "outside its region";
  EXPECT_EQ(Get("/api/v1/market/providers", Token("hr")).status, 403);
  auto rejected = Send("POST", path, {{"action", "reject"}, {"reason", "场地不符"}}, Token("province"));
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["standing"]["status"], "rejected");
  EXPECT_EQ(Send("POST", "/api/v1/market/applications", Application(), p.token).status, 201) << "may apply again";
}

TEST_P(Market, SuspendedProviderCannotOpenClassesOrReportHoursButEarlierRecordsStay) {
  const auto city = Token("city"), me = Token("person1"), admin = Token("admin");
  auto p = Register(3);
  const std::string cls = OpenClass(p, "S-1");
  ASSERT_FALSE(cls.empty());
  const std::string id_number = IdNumberOf(me);
  ASSERT_EQ(Send("POST", "/api/v1/classes/" + cls + "/enrolments", {{"id_numbers", {id_number}}}, p.token).status, 201);
  auto before = Send("POST", "/api/v1/records/report", {{"items", json::array({Item(id_number, "报告一")})}}, p.token);
  ASSERT_EQ(before.status, 201) << before.body;
  const std::string early = before.json()["ids"][0];
  ASSERT_EQ(Send("POST", "/api/v1/classes/" + cls + "/completions", {{"all", true}}, p.token).status, 201);

  auto bad_dates = Send("POST", "/api/v1/market/providers/" + p.id + "/actions",
                        {{"action", "suspend"}, {"reason", "虚报学时"}, {"from", "2026-11-01"}, {"until", "2026-10-01"}}, city);
  ASSERT_EQ(bad_dates.status, 422);
  EXPECT_EQ(bad_dates.json()["errors"][0]["field"], "until");
  auto suspended = Send("POST", "/api/v1/market/providers/" + p.id + "/actions",
                        {{"action", "suspend"}, {"reason", "虚报学时"}, {"from", "2026-11-01"}, {"until", "2027-01-31"}}, city);
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(suspended.json()["standing"]["status"], "suspended");
  EXPECT_EQ(suspended.json()["standing"]["until"], "2027-01-31");

  const std::string zh = "暂停";
  ExpectRefusal(Send("POST", "/api/v1/records/report", {{"items", json::array({Item(id_number, "报告二")})}}, p.token),
                "provider_suspended", zh);
  ExpectRefusal(Send("POST", "/api/v1/classes/" + cls + "/completions", {{"all", true}}, p.token),
                "provider_suspended", zh);
  ExpectRefusal(Send("POST", "/api/v1/classes/" + cls + "/enrolments", {{"id_numbers", {id_number}}}, p.token),
                "provider_suspended", zh);
  ExpectRefusal(Send("POST", "/api/v1/classes/" + cls + "/enrolments/" + PersonIdOf(me) + "/certificate", json::object(), p.token),
                "provider_suspended", zh);
  auto course = Get("/api/v1/courses?mine=true", p.token).json()["items"][0]["id"];
  ExpectRefusal(Send("POST", "/api/v1/classes", {{"course_id", course}, {"name", "二期"}, {"starts_on", "2026-12-01"},
                                                 {"ends_on", "2026-12-02"}}, p.token),
                "provider_suspended", zh);
  ExpectRefusal(ImportCsv("id_number,date,category,form,hours,title,provider\n" + id_number +
                              ",2026-09-03,professional,centralized_training,2,导入," + p.code + "\n",
                          p.token),
                "provider_suspended", zh);
  auto refused = Send("POST", "/api/v1/records/report", {{"items", json::array({Item(id_number, "报告二")})}}, p.token);
  EXPECT_NE(refused.json()["message_zh"].get<std::string>().find("虚报学时"), std::string::npos) << "names the reason";
  EXPECT_NE(refused.json()["message_zh"].get<std::string>().find("2027-01-31"), std::string::npos) << "and the dates";

  // What it reported before the suspension stays and counts.
  auto kept = Get("/api/v1/records/" + early, me);
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json()["status"], "approved");
  bool listed = false;
  const json mine = Get("/api/v1/records?origin=provider&provider_code=" + p.code + "&page_size=200", me).json();
  for (const auto& r : mine["items"]) listed = listed || r["id"] == early;
  EXPECT_TRUE(listed) << mine.dump();
  // Still on the public list, marked suspended.
  auto pub = Get("/api/v1/providers/" + p.id).json();
  EXPECT_EQ(pub["status"], "suspended");

  // Reinstated, it reports again; revoked, it may not — and the admin sees the same refusal.
  ASSERT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "reinstate"}, {"reason", "整改完成"}}, city).status, 200);
  EXPECT_EQ(Send("POST", "/api/v1/records/report", {{"items", json::array({Item(id_number, "报告三")})}}, p.token).status, 201);
  auto revoke_no_reason = Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "revoke"}, {"reason", "  "}}, city);
  EXPECT_EQ(revoke_no_reason.status, 422);
  ASSERT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "revoke"}, {"reason", "撤销资格"}}, city).status, 200);
  ExpectRefusal(Send("POST", "/api/v1/records/report", {{"items", json::array({Item(id_number, "报告四")})}}, p.token),
                "provider_revoked", "撤销");
  ExpectRefusal(Send("POST", "/api/v1/classes/" + cls + "/completions", {{"all", true}}, p.token), "provider_revoked", "撤销");
  EXPECT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "suspend"}, {"reason", "x"}}, city).status, 409)
      << "a revoked provider is not suspended";
  EXPECT_EQ(Get("/api/v1/records/" + early, me).json()["status"], "approved") << "still counts after revocation";
  EXPECT_EQ(Get("/api/v1/audit/verify", Token("auditor")).json()["ok"], true);
}

TEST_P(Market, SuspensionDatedLaterHasNotBegunAndOneEndedIsOver) {
  const auto city = Token("city");
  auto p = Register(4);
  ASSERT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions",
                 {{"action", "suspend"}, {"reason", "计划整改"}, {"from", "2026-12-15"}}, city).status, 200);
  EXPECT_FALSE(OpenClass(p, "L-1").empty()) << "before the suspension begins it still operates";
  auto mine = Get("/api/v1/market/my-provider", p.token).json();
  EXPECT_EQ(mine["standing"]["status"], "approved");
  EXPECT_EQ(mine["standing"]["stored_status"], "suspended");
  // Lifted before it begins.
  ASSERT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions", {{"action", "reinstate"}}, city).status, 200);
  EXPECT_EQ(Get("/api/v1/market/my-provider", p.token).json()["standing"]["stored_status"], "approved");
  EXPECT_EQ(Send("POST", "/api/v1/market/providers/" + p.id + "/actions",
                 {{"action", "suspend"}, {"reason", "x"}, {"until", "2026-01-01"}}, city).status, 422)
      << "an end in the past";
}

TEST_P(Market, ReportsOnlyForEnrolledPersonsEveryRowEveryPath) {
  const auto me = Token("person1");
  auto p = Register(5);
  const std::string cls = OpenClass(p, "R-1");
  const std::string enrolled = IdNumberOf(me);
  const std::string stranger = IdNumberOf(Token("person2"));
  ASSERT_NE(enrolled, stranger);
  ASSERT_EQ(Send("POST", "/api/v1/classes/" + cls + "/enrolments", {{"id_numbers", {enrolled}}}, p.token).status, 201);
  const int64_t before = Get("/api/v1/records?origin=provider&page_size=1", Token("admin")).json()["total"];

  // One bad row refuses the whole report, naming the row.
  auto mixed = Send("POST", "/api/v1/records/report",
                    {{"items", json::array({Item(enrolled, "合规"), Item(stranger, "冒报")})}}, p.token);
  ASSERT_EQ(mixed.status, 422) << mixed.body;
  ASSERT_EQ(mixed.json()["errors"].size(), 1u);
  EXPECT_EQ(mixed.json()["errors"][0]["field"], "items[1].id_number");
  EXPECT_EQ(mixed.json()["errors"][0]["code"], "not_enrolled");
  // Naming a class: the person must be in that class, and the class must be the provider's.
  json with_class = Item(enrolled, "按班级");
  with_class["class_id"] = cls;
  EXPECT_EQ(Send("POST", "/api/v1/records/report", {{"items", json::array({with_class})}}, p.token).status, 201);
  json foreign = Item(enrolled, "他人班级");
  const auto demo_classes = Get("/api/v1/classes?page_size=1", Token("provider")).json();
  ASSERT_GT(demo_classes["total"].get<int>(), 0) << "the demo provider has classes";
  foreign["class_id"] = demo_classes["items"][0]["id"];
  auto other = Send("POST", "/api/v1/records/report", {{"items", json::array({foreign})}}, p.token);
  ASSERT_EQ(other.status, 422);
  EXPECT_EQ(other.json()["errors"][0]["field"], "items[0].class_id");
  // A second class the person is not in.
  auto second = Send("POST", "/api/v1/classes", {{"course_id", Get("/api/v1/courses?mine=true", p.token).json()["items"][0]["id"]},
                                                 {"name", "第2期"}, {"starts_on", "2026-09-05"}, {"ends_on", "2026-09-06"}}, p.token);
  ASSERT_EQ(second.status, 201);
  json not_in = Item(enrolled, "未报名此班");
  not_in["class_id"] = second.json()["id"];
  auto r2 = Send("POST", "/api/v1/records/report", {{"items", json::array({not_in})}}, p.token);
  ASSERT_EQ(r2.status, 422);
  EXPECT_EQ(r2.json()["errors"][0]["code"], "not_enrolled");
  // Class completions name only enrolled persons.
  auto complete = Send("POST", "/api/v1/classes/" + cls + "/completions", {{"person_ids", {PersonIdOf(Token("person2"))}}}, p.token);
  EXPECT_EQ(complete.status, 422);

  // The CSV import: every row obeys it, all or nothing.
  const std::string head = "id_number,date,category,form,hours,title,provider\n";
  auto csv = ImportCsv(head + enrolled + ",2026-09-03,professional,centralized_training,2,导入一," + p.code + "\n" +
                           stranger + ",2026-09-03,professional,centralized_training,2,导入二," + p.code + "\n",
                       p.token);
  ASSERT_EQ(csv.status, 422) << csv.body;
  ASSERT_EQ(csv.json()["errors"].size(), 1u) << csv.body;
  EXPECT_EQ(csv.json()["errors"][0]["line"], 3);
  EXPECT_EQ(csv.json()["errors"][0]["code"], "not_enrolled");
  EXPECT_FALSE(csv.json()["committed"].get<bool>());
  auto good = ImportCsv(head + enrolled + ",2026-09-03,professional,centralized_training,2,导入一," + p.code + "\n", p.token);
  EXPECT_EQ(good.status, 200) << good.body;
  // Exactly the two accepted reports and one import row landed; nothing for the stranger.
  const int64_t after = Get("/api/v1/records?origin=provider&page_size=1", Token("admin")).json()["total"];
  EXPECT_EQ(after - before, 1) << "one report row (the import's rows are origin import)";
  const json reported = Get("/api/v1/records?page_size=200&provider_code=" + p.code, Token("admin")).json();
  EXPECT_GT(reported["total"].get<int>(), 0);
  for (const auto& r : reported["items"]) {
    EXPECT_NE(r["title"], "冒报");
    EXPECT_NE(r["title"], "导入二");
  }
}

}  // namespace
}  // namespace jixu::testing
