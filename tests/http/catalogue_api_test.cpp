// The catalogue over HTTP (issue 11 item 6): public subjects, textbooks, courses with their
// details, quality lists — readable by everyone without signing in, published only by those
// entitled to, every bad field named.
#include <set>

#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

class Catalogue : public ApiSuite {
 protected:
  const char* Name() const override { return "catalogue"; }
  static std::set<std::string> Fields(const HttpResponse& r) {
    std::set<std::string> out;
    const json j = r.json();
    if (j.contains("errors")) {
      for (const auto& e : j["errors"]) out.insert(e["field"].get<std::string>());
    }
    if (j.contains("field")) out.insert(j["field"].get<std::string>());
    return out;
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(Catalogue);

TEST_P(Catalogue, EveryoneSearchesTheCatalogueWithoutSigningIn) {
  auto found = Get("/api/v1/courses?q=" + std::string("%E6%80%A5%E6%95%91"));  // 急救
  ASSERT_EQ(found.status, 200) << found.body;
  const json items = found.json()["items"];
  ASSERT_FALSE(items.empty()) << "the demo offers 急诊急救新进展";
  for (const auto& c : items) {
    const std::string text = c["title"].get<std::string>() + c["description"].get<std::string>() + c["teachers"].get<std::string>();
    EXPECT_NE(text.find("急救"), std::string::npos) << c.dump();
    EXPECT_TRUE(c["published"].get<bool>());
    EXPECT_FALSE(c["provider_name"].get<std::string>().empty());
  }
  auto none = Get("/api/v1/courses?q=" + std::string("%E5%BF%83%E8%84%8F%E7%97%85%E5%AD%A6"));  // 心脏病学
  EXPECT_EQ(none.json()["total"], 0);
  auto by_field = Get("/api/v1/courses?field=" + std::string("%E5%B7%A5%E7%A8%8B") + "&page_size=100").json();  // 工程
  ASSERT_GT(by_field["total"].get<int>(), 0);
  for (const auto& c : by_field["items"]) EXPECT_EQ(c["field"], "工程");

  const std::string region = Get("/api/v1/persons/" + PersonIdOf(Token("person1")), Token("admin")).json()["region_code"];
  auto subjects = Get("/api/v1/public-subjects?year=2026&region=" + region).json();
  int national = 0, local = 0;
  for (const auto& s : subjects["items"]) {
    (s["national"].get<bool>() ? national : local)++;
    if (!s["national"].get<bool>()) EXPECT_EQ(region.rfind(s["region_prefix"].get<std::string>(), 0), 0u) << s.dump();
  }
  EXPECT_EQ(national, 2);
  EXPECT_GE(local, 1);
  EXPECT_EQ(Get("/api/v1/public-subjects?year=2026&region=99").json()["total"], 2) << "elsewhere: national only";
  EXPECT_EQ(Get("/api/v1/public-subjects?region=5x").status, 400);

  auto books = Get("/api/v1/textbooks?recommended=true").json();
  ASSERT_GT(books["total"].get<int>(), 0);
  for (const auto& b : books["items"]) EXPECT_TRUE(b["recommended"].get<bool>());
  auto lists = Get("/api/v1/quality-lists?year=2026").json();
  ASSERT_GE(lists["total"].get<int>(), 2);
  auto one = Get("/api/v1/quality-lists/" + lists["items"][0]["id"].get<std::string>()).json();
  ASSERT_FALSE(one["items"].empty());
  for (const auto& i : one["items"]) EXPECT_FALSE(i["title"].get<std::string>().empty());
  EXPECT_EQ(Get("/api/v1/quality-lists?kind=poems").status, 400);
}

TEST_P(Catalogue, AuthoritiesPublishLocalSubjectsTheAdminTheNationalOnes) {
  const auto city = Token("city"), admin = Token("admin");
  const json subject{{"year", 2026}, {"title", "城市更新与韧性城市"}, {"hours", 6}, {"content", "专题"}};
  EXPECT_EQ(Send("POST", "/api/v1/public-subjects", subject).status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/public-subjects", subject, Token("provider")).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/public-subjects", subject, Token("person1")).status, 403);
  auto local = Send("POST", "/api/v1/public-subjects", subject, city);
  ASSERT_EQ(local.status, 201) << local.body;
  const std::string prefix = Get("/api/v1/auth/me", city).json()["region_prefix"];
  EXPECT_EQ(local.json()["region_prefix"], prefix);
  EXPECT_FALSE(local.json()["national"].get<bool>());
  json national = subject;
  national["national"] = true;
  EXPECT_EQ(Fields(Send("POST", "/api/v1/public-subjects", national, city)), std::set<std::string>{"national"})
      << "an authority cannot publish a national subject";
  auto third = Send("POST", "/api/v1/public-subjects", national, admin);
  ASSERT_EQ(third.status, 422) << third.body;
  EXPECT_EQ(third.json()["errors"][0]["code"], "too_many_national");
  national["year"] = 2027;
  EXPECT_EQ(Send("POST", "/api/v1/public-subjects", national, admin).status, 201);
  auto bad = Send("POST", "/api/v1/public-subjects", {{"year", 1800}, {"hours", -1}}, city);
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"year", "title", "hours"})) << bad.body;

  const std::string id = local.json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/public-subjects/" + id + "/withdraw", json::object(), Token("hr")).status, 403);
  ASSERT_EQ(Send("POST", "/api/v1/public-subjects/" + id + "/withdraw", json::object(), Token("province")).status, 200)
      << "the province covers the city's subject";
  EXPECT_EQ(Send("POST", "/api/v1/public-subjects/" + id + "/withdraw", json::object(), city).status, 409);
  EXPECT_TRUE(Get("/api/v1/public-subjects/" + id).json()["withdrawn"].get<bool>());
  bool audited = false;
  const json entries = Get("/api/v1/audit?action=public_subject.withdraw&page_size=200", Token("auditor")).json();
  for (const auto& e : entries["items"]) {
    audited = audited || (e["action"] == "public_subject.withdraw" && e["entity_id"] == id);
  }
  EXPECT_TRUE(audited);
}

TEST_P(Catalogue, TextbooksRegisteredByProvidersRecommendedByAuthorities) {
  const auto provider = Token("provider"), city = Token("city");
  json book{{"isbn", "978-7-117-26543-9"}, {"title", "临床护理学"}, {"authors", "刘洋"}, {"publisher", "人民卫生出版社"}};
  auto bad = Send("POST", "/api/v1/textbooks", book, provider);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Fields(bad), std::set<std::string>{"isbn"});
  book["isbn"] = "978-7-117-26543-0";
  auto ok = Send("POST", "/api/v1/textbooks", book, provider);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["isbn"], "9787117265430");
  EXPECT_FALSE(ok.json()["recommended"].get<bool>());
  EXPECT_EQ(Send("POST", "/api/v1/textbooks", book, provider).status, 409);
  EXPECT_EQ(Send("POST", "/api/v1/textbooks", book, Token("person1")).status, 403);
  const std::string id = ok.json()["id"];
  EXPECT_EQ(Send("POST", "/api/v1/textbooks/" + id + "/recommendation", {{"recommended", true}}, provider).status, 403);
  auto rec = Send("POST", "/api/v1/textbooks/" + id + "/recommendation", {{"recommended", true}, {"note", "权威"}}, city);
  ASSERT_EQ(rec.status, 200) << rec.body;
  EXPECT_TRUE(rec.json()["recommended"].get<bool>());
  EXPECT_EQ(rec.json()["recommend_note"], "权威");
  auto search = Get("/api/v1/textbooks?q=" + std::string("%E4%B8%B4%E5%BA%8A%E6%8A%A4%E7%90%86")).json();  // 临床护理
  ASSERT_EQ(search["total"], 1);
  EXPECT_EQ(search["items"][0]["id"], id);
  EXPECT_EQ(Get("/api/v1/textbooks/t0000000000000").status, 404);
}

TEST_P(Catalogue, CoursesNameTheirFieldTeachersTextbooksAndPublicSubject) {
  const auto provider = Token("provider");
  const std::string book = Get("/api/v1/textbooks?page_size=1").json()["items"][0]["id"];
  const std::string subject = Get("/api/v1/public-subjects?year=2026").json()["items"][0]["id"];
  json course{{"code", "CAT-1"}, {"title", "数字化转型案例研讨"}, {"category", "professional"}, {"form", "seminar"},
              {"hours", 6}, {"published", true}, {"field", "公需"}, {"teachers", "欧阳明远（教授）"},
              {"textbook_ids", {book, "t0000000000000"}}, {"public_subject_id", subject}};
  auto bad = Send("POST", "/api/v1/courses", course, provider);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"category", "textbook_ids[1]"}));
  course["category"] = "public";
  course["textbook_ids"] = {book};
  auto ok = Send("POST", "/api/v1/courses", course, provider);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["public_subject_id"], subject);
  EXPECT_EQ(ok.json()["textbook_ids"], json::array({book}));
  auto found = Get("/api/v1/courses?q=" + std::string("%E6%AC%A7%E9%98%B3%E6%98%8E%E8%BF%9C")).json();  // 欧阳明远
  ASSERT_EQ(found["total"], 1) << "found by its teacher";
  EXPECT_EQ(found["items"][0]["id"], ok.json()["id"]);
  EXPECT_EQ(Get("/api/v1/courses?public_subject_id=" + subject).json()["total"].get<int>() >= 1, true);
  auto patched = Send("PATCH", "/api/v1/courses/" + ok.json()["id"].get<std::string>(), {{"teachers", "张三"}}, provider);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Get("/api/v1/courses?q=" + std::string("%E6%AC%A7%E9%98%B3%E6%98%8E%E8%BF%9C")).json()["total"], 0)
      << "re-indexed after the change";
}

TEST_P(Catalogue, QualityListsNameOnlyWhatExists) {
  const auto city = Token("city"), provider = Token("provider");
  auto draft = Send("POST", "/api/v1/courses", {{"code", "DRAFT-1"}, {"title", "未发布课程"}, {"category", "professional"},
                                                {"form", "seminar"}, {"hours", 2}, {"published", false}}, provider);
  ASSERT_EQ(draft.status, 201);
  const std::string published = Get("/api/v1/courses?page_size=1").json()["items"][0]["id"];
  json list{{"year", 2026}, {"kind", "course"}, {"title", "优质课程（第二批）"},
            {"items", {{{"id", published}}, {{"id", draft.json()["id"]}}, {{"id", "garbage"}}}}};
  auto bad = Send("POST", "/api/v1/quality-lists", list, city);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"items[1].id", "items[2].id"}));
  EXPECT_EQ(Fields(Send("POST", "/api/v1/quality-lists", {{"year", 2026}, {"kind", "poems"}, {"title", "x"}, {"items", json::array()}}, city)),
            (std::set<std::string>{"kind", "items"}));
  list["items"] = {{{"id", published}, {"note", "示范"}}};
  EXPECT_EQ(Send("POST", "/api/v1/quality-lists", list, provider).status, 403);
  auto ok = Send("POST", "/api/v1/quality-lists", list, city);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["items"][0]["id"], published);
  EXPECT_EQ(ok.json()["items"][0]["note"], "示范");
  EXPECT_FALSE(ok.json()["items"][0]["title"].get<std::string>().empty());
}

}  // namespace
}  // namespace jixu::testing
