// The review workflow end to end, evidence files, provider reports, imports over HTTP, and the
// audit chain catching an edited row.
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class Workflow : public ApiSuite {
 protected:
  const char* Name() const override { return "workflow"; }

  static double Professional(const std::string& person, const std::string& token) {
    return Get("/api/v1/persons/" + person + "/compliance?year=2026", token).json()["professional_hours"].get<double>();
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Workflow);

TEST_P(Workflow, DeclareEmployerThenAuthorityApproveAndHoursCount) {
  const auto me = Token("person1"), hr = Token("hr"), city = Token("city");
  const std::string person = PersonIdOf(me);
  const double before = Professional(person, me);
  // Self-study needs evidence ([review] evidence_forms): uploaded first, named in the declaration.
  auto upload = HttpClient(server_->port()).Request("POST", "/api/v1/evidence?filename=a.pdf", me,
                                                    std::string("%PDF-1.4 test file"), "application/pdf");
  ASSERT_EQ(upload.status, 201) << upload.body;
  auto declared = Send("POST", "/api/v1/records",
                       {{"date", "2026-10-08"}, {"category", "professional"}, {"form", "self_study"},
                        {"hours", 8}, {"title", "自学《临床合理用药》"}, {"provider_name", "自学"},
                        {"evidence", {{{"sha256", upload.json()["sha256"]}, {"filename", "a.pdf"}}}}}, me);
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string rec = declared.json()["id"];
  EXPECT_EQ(declared.json()["status"], "pending");
  EXPECT_TRUE(declared.json()["needs_authority"].get<bool>()) << "self-study goes to the authority too";

  auto pdf = HttpClient(server_->port()).Request("POST", "/api/v1/records/" + rec + "/evidence?filename=a.pdf", me,
                                                 std::string("%PDF-1.4 test file"), "application/pdf");
  EXPECT_EQ(pdf.status, 201) << pdf.body;
  auto text = HttpClient(server_->port()).Request("POST", "/api/v1/records/" + rec + "/evidence?filename=a.pdf", me,
                                                  std::string("just text"), "application/pdf");
  EXPECT_EQ(text.status, 415) << "judged by content, not by name or type";
  auto files = Get("/api/v1/records/" + rec + "/evidence", hr).json();
  ASSERT_EQ(files["total"], 1);
  auto download = Get("/api/v1/records/" + rec + "/evidence/" + files["items"][0]["sha256"].get<std::string>(), hr);
  EXPECT_EQ(download.body, "%PDF-1.4 test file");

  EXPECT_EQ(Send("POST", "/api/v1/records/" + rec + "/review", {{"decision", "approve"}}, city).status, 409)
      << "the employer decides first";
  bool queued = false;
  const auto list1 = Get("/api/v1/reviews?page_size=200", hr).json();
  for (const auto& r : list1["items"]) queued = queued || r["id"] == rec;
  EXPECT_TRUE(queued);
  EXPECT_EQ(Send("POST", "/api/v1/records/" + rec + "/review", {{"decision", "approve"}}, hr).status, 200);
  EXPECT_DOUBLE_EQ(Professional(person, me), before) << "still waiting for the authority";
  auto approved = Send("POST", "/api/v1/records/" + rec + "/review", {{"decision", "approve"}}, city);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  EXPECT_DOUBLE_EQ(Professional(person, me), before + 8);
  EXPECT_EQ(Send("POST", "/api/v1/records/" + rec + "/review", {{"decision", "reject"}, {"reason", "x"}}, city).status, 409);
}

TEST_P(Workflow, RejectionReasonReachesThePerson) {
  const auto me = Token("person1"), hr = Token("hr");
  auto declared = Send("POST", "/api/v1/records",
                       {{"date", "2026-09-01"}, {"category", "professional"}, {"form", "academic_conference"},
                        {"hours", 6}, {"title", "全国学术年会"}, {"provider_name", "中华医学会"}}, me);
  ASSERT_EQ(declared.status, 201);
  const std::string rec = declared.json()["id"];
  EXPECT_FALSE(declared.json()["needs_authority"].get<bool>());
  EXPECT_EQ(Send("POST", "/api/v1/records/" + rec + "/review", {{"decision", "reject"}}, hr).status, 422)
      << "a rejection needs a reason";
  EXPECT_EQ(Send("POST", "/api/v1/records/" + rec + "/review",
                 {{"decision", "reject"}, {"reason", "缺少参会证明"}}, hr).status, 200);
  auto seen = Get("/api/v1/records/" + rec, me).json();
  EXPECT_EQ(seen["status"], "rejected");
  EXPECT_EQ(seen["reject_reason"], "缺少参会证明");
}

TEST_P(Workflow, BulkReviewIsAllOrNothing) {
  const auto me = Token("person1"), hr = Token("hr");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto r = Send("POST", "/api/v1/records",
                  {{"date", "2026-08-0" + std::to_string(i + 1)}, {"category", "public"}, {"form", "seminar"},
                   {"hours", 2}, {"title", "研讨" + std::to_string(i)}, {"provider_name", "学会"}}, me);
    ASSERT_EQ(r.status, 201);
    ids.push_back(r.json()["id"]);
  }
  EXPECT_EQ(Send("POST", "/api/v1/records/" + ids[2] + "/review", {{"decision", "approve"}}, hr).status, 200);
  // ids[2] is decided already: the whole batch is refused and the others stay pending.
  EXPECT_EQ(Send("POST", "/api/v1/reviews", {{"record_ids", ids}, {"decision", "approve"}}, hr).status, 409);
  EXPECT_EQ(Get("/api/v1/records/" + ids[0], me).json()["status"], "pending");
  ids.pop_back();
  EXPECT_EQ(Send("POST", "/api/v1/reviews", {{"record_ids", ids}, {"decision", "approve"}}, hr).status, 200);
  EXPECT_EQ(Get("/api/v1/records/" + ids[0], me).json()["status"], "approved");
}

TEST_P(Workflow, ProviderReportCountsOnArrivalAndIsAllOrNothing) {
  const auto provider = Token("provider"), admin = Token("admin");
  auto persons = Get("/api/v1/persons/" + PersonIdOf(Token("person1")), admin).json();
  const std::string id_number = persons["id_number"];
  auto bad = Send("POST", "/api/v1/records/report",
                  {{"items", json::array({{{"id_number", id_number}, {"date", "2026-07-01"}, {"category", "professional"},
                                           {"form", "online_course"}, {"hours", 4}, {"title", "网课"}},
                                          {{"id_number", "110105199001011230"}, {"date", "2026-07-01"},
                                           {"category", "professional"}, {"form", "online_course"}, {"hours", 0},
                                           {"title", "网课"}}})}}, provider);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"].size(), 2u) << bad.body;
  auto ok = Send("POST", "/api/v1/records/report",
                 {{"items", json::array({{{"id_number", id_number}, {"date", "2026-07-01"}, {"category", "professional"},
                                          {"form", "online_course"}, {"hours", 4}, {"title", "网课"}}})}}, provider);
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto rec = Get("/api/v1/records/" + ok.json()["ids"][0].get<std::string>(), Token("person1")).json();
  EXPECT_EQ(rec["status"], "approved");
  EXPECT_EQ(rec["origin"], "provider");
  EXPECT_FALSE(rec["editable"].get<bool>());
}

TEST_P(Workflow, CsvImportOverHttpListsErrorsByLine) {
  const auto admin = Token("admin");
  auto r = HttpClient(server_->port()).Request("POST", "/api/v1/imports/persons", admin,
      "id_number,name,employer_code,region_code,field,title_level\n123,张三,X,510104,工程,中级\n", "text/csv");
  EXPECT_EQ(r.status, 422);
  auto j = r.json();
  EXPECT_FALSE(j["committed"].get<bool>());
  ASSERT_FALSE(j["errors"].empty());
  EXPECT_EQ(j["errors"][0]["line"], 2);
}

TEST_P(Workflow, AuditChainNamesTheEditedRow) {
  EXPECT_EQ(Get("/api/v1/audit/verify", Token("auditor")).json()["ok"], true);
  auto page = Get("/api/v1/audit?page_size=200", Token("city")).json();
  EXPECT_GT(page["total"].get<int>(), 0) << "the city sees the audit of its scope";
  std::string out;
  ASSERT_EQ(server_->Cli("audit verify", &out), 0) << out;
  server_->db().Exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
  EXPECT_NE(server_->Cli("audit verify", &out), 0);
  EXPECT_NE(out.find("entry 3"), std::string::npos) << out;
  EXPECT_EQ(Get("/api/v1/audit/verify", Token("auditor")).json()["first_broken_seq"], 3);
}

}  // namespace
}  // namespace jixu::testing
