// A rejected declaration corrected and resubmitted (the rejected one kept as history, once only,
// only by its person), and a class enrolment whose refusal names each bad entry's position.
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class Resubmit : public ApiSuite {
 protected:
  const char* Name() const override { return "resubmit"; }
  static json Declaration(const std::string& date, double hours, const std::string& title) {
    return {{"date", date}, {"category", "professional"}, {"form", "academic_conference"}, {"hours", hours},
            {"title", title}, {"provider_name", "省医学会"}};
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Resubmit);

TEST_P(Resubmit, ARejectedDeclarationIsCorrectedAndReviewedAgain) {
  const auto me = Token("person1"), hr = Token("hr"), other = Token("person2");
  auto declared = Send("POST", "/api/v1/records", Declaration("2026-09-03", 6, "学术年会（错填学时）"), me);
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string old = declared.json()["id"];
  // Not rejected yet: nothing to resubmit.
  auto early = Send("POST", "/api/v1/records/" + old + "/resubmit", Declaration("2026-09-03", 4, "学术年会"), me);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json()["code"], "not_rejected");
  ASSERT_EQ(Send("POST", "/api/v1/records/" + old + "/review", {{"decision", "reject"}, {"reason", "学时与会议通知不符"}}, hr).status, 200);

  // Only the person resubmits their own; HR may not, another person does not find it.
  EXPECT_EQ(Send("POST", "/api/v1/records/" + old + "/resubmit", Declaration("2026-09-03", 4, "学术年会"), hr).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/records/" + old + "/resubmit", Declaration("2026-09-03", 4, "学术年会"), other).status, 404);
  // Bad input names the field and changes nothing.
  auto bad = Send("POST", "/api/v1/records/" + old + "/resubmit", Declaration("2099-01-01", 4, "学术年会"), me);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "date");

  auto again = Send("POST", "/api/v1/records/" + old + "/resubmit", Declaration("2026-09-03", 4, "学术年会"), me);
  ASSERT_EQ(again.status, 201) << again.body;
  const std::string fresh = again.json()["id"];
  EXPECT_NE(fresh, old);
  EXPECT_EQ(again.json()["replaces"], old);
  EXPECT_EQ(again.json()["status"], "pending");
  EXPECT_EQ(again.json()["review_stage"], "employer");

  // The rejected one is history: still rejected with its reason, marked resubmitted.
  const json was = Get("/api/v1/records/" + old, me).json();
  EXPECT_EQ(was["status"], "rejected");
  EXPECT_EQ(was["reject_reason"], "学时与会议通知不符");
  EXPECT_EQ(was["review_stage"], "resubmitted");
  const json now = Get("/api/v1/records/" + fresh, me).json();
  EXPECT_DOUBLE_EQ(now["hours"].get<double>(), 4);
  EXPECT_EQ(now["review_stage"], "employer");

  // Once: the rejected one cannot be resubmitted again; the new one is in HR's queue.
  auto twice = Send("POST", "/api/v1/records/" + old + "/resubmit", Declaration("2026-09-03", 3, "学术年会"), me);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["code"], "already_resubmitted");
  bool queued = false;
  const json queue = Get("/api/v1/reviews?page_size=200", hr).json();
  for (const auto& r : queue["items"]) queued = queued || r["id"] == fresh;
  EXPECT_TRUE(queued) << queue.dump().substr(0, 600);
  const json audit = Get("/api/v1/audit?action=record.resubmit&page_size=5&sort=-seq", Token("province")).json();
  ASSERT_GE(audit["total"].get<int>(), 1) << audit.dump();
  EXPECT_EQ(audit["items"][0]["after"]["replaces"], old);
  EXPECT_EQ(audit["items"][0]["before"]["status"], "rejected");

  // Approved, it counts; the rejected one never does.
  ASSERT_EQ(Send("POST", "/api/v1/records/" + fresh + "/review", {{"decision", "approve"}}, hr).status, 200);
  EXPECT_EQ(Get("/api/v1/records/" + fresh, me).json()["status"], "approved");
  // A provider-reported record is not the person's to resubmit.
  const json provided = Get("/api/v1/records?origin=provider&page_size=1&person_id=" + PersonIdOf(me), me).json();
  if (!provided["items"].empty()) {
    EXPECT_EQ(Send("POST", "/api/v1/records/" + provided["items"][0]["id"].get<std::string>() + "/resubmit",
                   Declaration("2026-09-04", 2, "x"), me).status, 409);
  }
}

TEST_P(Resubmit, AnEnrolmentRefusalNamesEachBadEntry) {
  const auto provider = Token("provider"), me = Token("person1");
  auto course = Send("POST", "/api/v1/courses",
                     {{"code", "K-R1"}, {"title", "院感防控"}, {"category", "professional"},
                      {"form", "centralized_training"}, {"hours", 6}, {"published", true}}, provider);
  ASSERT_EQ(course.status, 201) << course.body;
  auto cls = Send("POST", "/api/v1/classes",
                  {{"course_id", course.json()["id"]}, {"name", "第2期"}, {"starts_on", "2026-10-10"},
                   {"ends_on", "2026-10-11"}}, provider);
  ASSERT_EQ(cls.status, 201) << cls.body;
  const std::string id = cls.json()["id"];
  const std::string mine = Get("/api/v1/persons/" + PersonIdOf(me), me).json()["id_number"];
  const json list = {mine, "110105199001011234", mine, "11010519900101123X"};
  auto r = Send("POST", "/api/v1/classes/" + id + "/enrolments", {{"id_numbers", list}}, provider);
  ASSERT_EQ(r.status, 422) << r.body;
  const json errors = r.json()["errors"];
  ASSERT_EQ(errors.size(), 2u) << r.body;
  EXPECT_EQ(errors[0]["field"], "id_numbers[1]");
  EXPECT_NE(errors[0]["message_zh"].get<std::string>().find("第 2 个身份证号 110105199001011234"), std::string::npos) << errors[0];
  EXPECT_EQ(errors[1]["field"], "id_numbers[3]");
  EXPECT_NE(errors[1]["message_en"].get<std::string>().find("entry 4"), std::string::npos) << errors[1];
  // All or nothing: the good entries were not enrolled either.
  EXPECT_TRUE(Get("/api/v1/classes/" + id + "/enrolments", provider).json()["items"].empty());
}

}  // namespace
}  // namespace jixu::testing
