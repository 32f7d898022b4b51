// The notification centre (issue 13 item 3): reminders from `jixu remind run`, the bell's count,
// read state, the address notices are e-mailed to, and 催办 — an authority's notice to employers
// of its scope (other scopes' employers refused, nothing sent), delivered in-app and by e-mail to
// a local SMTP sink.
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "http/api_fixture.hpp"
#include "support/smtp_sink.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class Notices : public ApiSuite {
 protected:
  const char* Name() const override { return "notices"; }
  std::string ServeFlags() const override {
    return "--smtp-host 127.0.0.1 --smtp-port " + std::to_string(Sink().port()) +
           " --smtp-from jixu@example.cn --smtp-timeout 5";
  }
  static test::SmtpSink& Sink() {
    static test::SmtpSink sink;
    return sink;
  }
  static json EmployersOf(const std::string& token) {
    return Get("/api/v1/employers?page_size=200", token).json()["items"];
  }
  static int64_t Unread(const std::string& token) {
    auto r = Get("/api/v1/notices/unread-count", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["unread"].get<int64_t>();
  }
  /// Waits (at most 10 s) for the sink to hold a mail whose subject is `subject`.
  static const test::SunkMail* WaitForMail(const std::string& subject, std::vector<test::SunkMail>& mails) {
    for (int i = 0; i < 100; ++i) {
      mails = Sink().mails();
      for (const auto& m : mails) {
        if (m.Subject() == subject) return &m;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return nullptr;
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Notices);

TEST_P(Notices, UrgeReachesTheEmployerInAppAndByMail) {
  const auto city = Token("city");
  const auto hr = Token("hr");
  const auto me = Get("/api/v1/auth/me", hr).json();
  // hr gives an address for notices; a bad one is refused naming the field.
  auto bad = Send("PUT", "/api/v1/notices/contact", {{"email", "not an address"}}, hr);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["errors"][0]["field"], "email");
  ASSERT_EQ(Send("PUT", "/api/v1/notices/contact", {{"email", "hr@example.cn"}}, hr).status, 200);
  EXPECT_EQ(Get("/api/v1/notices/contact", hr).json()["email"], "hr@example.cn");

  // The city's employers include hr's.
  std::string hr_employer;
  for (const auto& e : EmployersOf(city)) {
    if (e["code"] == me["employer_code"]) hr_employer = e["id"];
  }
  ASSERT_FALSE(hr_employer.empty()) << "the demo's hr employer lies in the city's scope";
  const int64_t before = Unread(hr);
  auto r = Send("POST", "/api/v1/notices/urge",
                {{"employer_ids", {hr_employer}},
                 {"subject", "请尽快完成年度继续教育学时登记"},
                 {"message", "请督促本单位未达标人员在11月30日前完成学习。"}},
                city);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["sent"], 1);
  EXPECT_EQ(Unread(hr), before + 1);

  auto list = Get("/api/v1/notices?unread=true", hr);
  ASSERT_EQ(list.status, 200) << list.body;
  const json n = list.json()["items"][0];
  EXPECT_EQ(n["kind"], "urge");
  EXPECT_EQ(n["subject_zh"], "【催办】请尽快完成年度继续教育学时登记");
  EXPECT_NE(n["body_zh"].get<std::string>().find("11月30日前"), std::string::npos);
  EXPECT_EQ(n["sender"], "city");
  EXPECT_EQ(n["read"], false);

  // Delivered to the sink, in Chinese.
  std::vector<test::SunkMail> mails;
  const test::SunkMail* mail = WaitForMail("【催办】请尽快完成年度继续教育学时登记", mails);
  ASSERT_NE(mail, nullptr) << mails.size() << " mails";
  EXPECT_EQ(mail->to, std::vector<std::string>{"hr@example.cn"});
  EXPECT_NE(mail->Body().find("请督促本单位未达标人员在11月30日前完成学习。"), std::string::npos) << mail->Body();

  // Read state: the person of another account cannot mark it; hr can, once, then all.
  const auto person = Token("person1");
  EXPECT_EQ(Send("POST", "/api/v1/notices/" + n["id"].get<std::string>() + "/read", json::object(), person).status, 404);
  auto read = Send("POST", "/api/v1/notices/" + n["id"].get<std::string>() + "/read", json::object(), hr);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["read"], true);
  EXPECT_EQ(Unread(hr), before);
  auto all = Send("POST", "/api/v1/notices/read-all", json::object(), hr);
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(Unread(hr), 0);
}

TEST_P(Notices, UrgeRefusesOtherScopesAndBadInputSendingNothing) {
  const auto city = Token("city");
  const auto province = Token("province");
  const auto hr = Token("hr");
  std::set<std::string> in_city;
  for (const auto& e : EmployersOf(city)) in_city.insert(e["id"].get<std::string>());
  std::string outside;
  for (const auto& e : EmployersOf(province)) {
    if (!in_city.count(e["id"].get<std::string>())) outside = e["id"];
  }
  ASSERT_FALSE(outside.empty()) << "the province has employers outside the city";
  ASSERT_FALSE(in_city.empty());
  const int64_t before = Unread(hr);
  // One good and one foreign employer: refused as a whole, the foreign one named.
  auto r = Send("POST", "/api/v1/notices/urge",
                {{"employer_ids", {*in_city.begin(), outside}}, {"subject", "催办"}, {"message", "请处理"}},
                city);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["errors"][0]["field"], "employer_ids[1]");
  EXPECT_EQ(r.json()["errors"][0]["code"], "out_of_scope");
  EXPECT_EQ(Unread(hr), before);
  // A made-up id reads the same.
  r = Send("POST", "/api/v1/notices/urge", {{"employer_ids", {"e0000000000000"}}, {"subject", "x"}, {"message", "y"}}, city);
  EXPECT_EQ(r.status, 422) << r.body;
  // Missing fields are named.
  r = Send("POST", "/api/v1/notices/urge", {{"employer_ids", json::array()}}, city);
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> fields;
  const json problem = r.json();
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.count("subject") && fields.count("message") && fields.count("employer_ids")) << r.body;
  // Only authorities (and the admin) send 催办.
  EXPECT_EQ(Send("POST", "/api/v1/notices/urge", {{"employer_ids", {*in_city.begin()}}, {"subject", "x"}, {"message", "y"}}, hr).status, 403);
  EXPECT_EQ(Get("/api/v1/notices?unread=maybe", hr).status, 400);
  EXPECT_EQ(Get("/api/v1/notices").status, 401);
}

TEST_P(Notices, RemindRunFillsTheBellOnceAndAgreesWithCompliance) {
  // The row of the shortfall rule: "shortfall  person_shortfall  2025-09-30  <due>  <sent>".
  auto shortfall_row = [](const std::string& out) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(out, m, std::regex(R"(shortfall\s+person_shortfall\s+2025-09-30\s+(\d+)\s+(\d+))")))
        << out;
    return m.size() == 3 ? std::make_pair(std::stoll(m[1]), std::stoll(m[2])) : std::make_pair(-1LL, -1LL);
  };
  std::string out;
  ASSERT_EQ(server_->Cli("remind run --date 2025-09-30", &out), 0) << out;
  const auto [due, sent] = shortfall_row(out);
  // Everyone short in 2025 (the year is over: not compliant) got one reminder.
  const json region = Get("/api/v1/compliance/region?year=2025", Token("admin")).json();
  auto count = [&](const char* s) { return region["by_status"].contains(s) ? region["by_status"][s].get<int64_t>() : 0; };
  EXPECT_GT(due, 0);
  EXPECT_EQ(due, static_cast<long long>(count("not_compliant") + count("in_progress"))) << region["by_status"].dump();
  EXPECT_EQ(sent, due);
  // Two days later, inside the window: the same period is due and nothing is new.
  std::string again;
  ASSERT_EQ(server_->Cli("remind run --date 2025-10-02", &again), 0) << again;
  EXPECT_EQ(shortfall_row(again), std::make_pair(due, 0LL));
  for (const char* user : {"person1", "person2"}) {
    const auto token = Token(user);
    const std::string pid = PersonIdOf(token);
    const json c = Get("/api/v1/persons/" + pid + "/compliance?year=2025", token).json();
    const std::string status = c["status"];
    const json list = Get("/api/v1/notices", token).json();
    int64_t reminders = 0;
    for (const auto& n : list["items"]) {
      if (n["kind"] != "person_shortfall") continue;
      ++reminders;
      EXPECT_EQ(n["period"], "2025-09-30");
      EXPECT_NE(n["body_zh"].get<std::string>().find("尚差"), std::string::npos) << n.dump();
    }
    const bool short_of_hours = status == "not_compliant" || status == "in_progress";
    EXPECT_EQ(reminders, short_of_hours ? 1 : 0) << user << " " << status;
  }
}

}  // namespace
}  // namespace jixu::testing
