// Annual hours certificates in batch over HTTP (docs/certificates.md#batch): HR's unit as one PDF
// with a page each (read back with poppler) or a ZIP of PDFs, an authority's scope, the limit
// refused before anything is issued, the audit, and attacks (another unit, another region,
// roles that may not, bad input). A person prints their own for any finished year.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

constexpr int kLimit = 120;  // the suite's --certificate-batch-limit: below the province's 300

std::string Capture(const std::string& cmd) {
  std::string out;
  FILE* f = popen(cmd.c_str(), "r");
  if (f == nullptr) return out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  pclose(f);
  return out;
}

size_t Occurrences(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

class CertificateBatchApi : public ApiSuite {
 protected:
  const char* Name() const override { return "cert_batch"; }
  std::string ServeFlags() const override { return "--certificate-batch-limit " + std::to_string(kLimit); }

  static json Count(const std::string& query, const std::string& token) {
    auto r = Get("/api/v1/certificates/batch?" + query, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static int64_t BatchEntries(const std::string& token) {
    return Get("/api/v1/audit?action=certificate.batch&page_size=1", token).json()["total"].get<int64_t>();
  }
  static std::filesystem::path Save(const std::string& bytes, const std::string& name) {
    auto path = std::filesystem::temp_directory_path() / ("jixu-batch-" + std::to_string(getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  static std::string EmployerIdOf(const std::string& token) {
    return Get("/api/v1/employers?page_size=1", token).json()["items"][0]["id"];
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(CertificateBatchApi);

TEST_P(CertificateBatchApi, HrIssuesTheWholeUnitAsOneBook) {
  const auto hr = Token("hr"), province = Token("province");
  const std::string employer = EmployerIdOf(hr);
  const json unit = Get("/api/v1/employers/" + employer + "/compliance?year=2025&page_size=200", hr).json();
  const int64_t staff = unit["total"];
  ASSERT_GT(staff, 1);
  ASSERT_LE(staff, kLimit) << "the demo unit fits one batch";
  const json count = Count("year=2025", hr);
  EXPECT_EQ(count["persons"], staff) << "HR's batch is exactly its unit";
  EXPECT_EQ(count["limit"], kLimit);

  const int64_t batches_before = BatchEntries(province);
  auto r = Send("POST", "/api/v1/certificates/batch", {{"year", 2025}}, hr);
  ASSERT_EQ(r.status, 201) << r.body.substr(0, 400);
  EXPECT_EQ(r.headers["content-type"], "application/pdf");
  EXPECT_EQ(r.headers["x-certificates-issued"], std::to_string(staff));
  EXPECT_NE(r.headers["content-disposition"].find(".pdf"), std::string::npos);
  const auto pdf = Save(r.body, "book.pdf");
  const std::string info = Capture("pdfinfo '" + pdf.string() + "'");
  EXPECT_TRUE(std::regex_search(info, std::regex("Pages:\\s+" + std::to_string(staff) + "\n"))) << info;
  // Page k holds the k-th person's certificate; every one of the unit is there, once.
  const std::string text = Capture("pdftotext -layout '" + pdf.string() + "' -");
  EXPECT_EQ(Occurrences(text, "继续教育学时证明"), static_cast<size_t>(staff));
  for (const auto& p : unit["items"]) {
    EXPECT_NE(text.find("兹证明 " + p["name"].get<std::string>()), std::string::npos) << p["name"];
  }
  EXPECT_EQ(text.find("嵌于本文件"), std::string::npos) << "a book embeds no envelope and says so";
  std::filesystem::remove(pdf);

  // Audited where the province reads it: one batch entry naming every serial, each serial valid.
  EXPECT_EQ(BatchEntries(province), batches_before + 1);
  const json entry = Get("/api/v1/audit?action=certificate.batch&page_size=1&sort=-seq", province).json()["items"][0];
  EXPECT_EQ(entry["actor"], "hr");
  ASSERT_EQ(entry["after"]["serials"].size(), static_cast<size_t>(staff));
  EXPECT_EQ(entry["after"]["count"], staff);
  const std::string first = entry["after"]["serials"][0];
  EXPECT_EQ(Get("/api/v1/certificates/" + first + "/verify").json()["status"], "valid");
  const json issued = Get("/api/v1/audit?action=certificate.issue&page_size=200", province).json();
  int batch_issues = 0;
  for (const auto& e : issued["items"]) {
    if (e["after"].is_object() && e["after"].value("batch", false) && e["actor"] == "hr") ++batch_issues;
  }
  EXPECT_GE(batch_issues, staff) << "one certificate.issue entry per person, in the persons' place";
}

TEST_P(CertificateBatchApi, ZipHoldsOneSinglePdfPerPerson) {
  const auto hr = Token("hr");
  const json count = Count("year=2024&status=compliant", hr);
  const int64_t n = count["persons"];
  ASSERT_GT(n, 0) << "the demo unit has compliant persons in 2024";
  auto r = Send("POST", "/api/v1/certificates/batch", {{"year", 2024}, {"status", "compliant"}, {"format", "zip"}}, hr);
  ASSERT_EQ(r.status, 201) << r.body.substr(0, 400);
  EXPECT_EQ(r.headers["content-type"], "application/zip");
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_EQ(Occurrences(r.body, std::string("PK\x01\x02", 4)), static_cast<size_t>(n)) << "central directory entries";
  // Stored, not deflated: each entry is a whole single PDF with its embedded, verifiable envelope.
  EXPECT_EQ(Occurrences(r.body, "%PDF-"), static_cast<size_t>(n));
  EXPECT_EQ(Occurrences(r.body, "jixu-certificate:"), static_cast<size_t>(n));
  // Each name (姓名-年度-编号.pdf) is in its local header and in the central directory.
  EXPECT_EQ(Occurrences(r.body, "-2024-JX-2024-"), static_cast<size_t>(2 * n));
}

TEST_P(CertificateBatchApi, AnAuthorityCoversItsScopeAndNoMore) {
  const auto city = Token("city"), province = Token("province");
  const json region = Get("/api/v1/compliance/region?year=2025", city).json();
  EXPECT_EQ(Count("year=2025", city)["persons"], region["persons"]) << "the city's batch is its statistics' population";
  const std::string city_code = region["region"];
  ASSERT_EQ(city_code.size(), 4u);
  // A region outside the city selects nobody, and issuing for nobody is refused.
  const std::string elsewhere = city_code.substr(0, 2) + (city_code.substr(2) == "99" ? "98" : "99");
  EXPECT_EQ(Count("year=2025&region=" + elsewhere, city)["persons"], 0);
  auto none = Send("POST", "/api/v1/certificates/batch", {{"year", 2025}, {"region", elsewhere}}, city);
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(none.json()["code"], "nobody_selected");
  // The province's whole scope is over the limit: refused before anything is issued, naming both.
  const int64_t everyone = Count("year=2025", province)["persons"];
  ASSERT_GT(everyone, kLimit);
  const int64_t before = BatchEntries(province);
  auto big = Send("POST", "/api/v1/certificates/batch", {{"year", 2025}}, province);
  ASSERT_EQ(big.status, 422) << big.body.substr(0, 300);
  EXPECT_EQ(big.json()["code"], "batch_too_large");
  const std::string zh = big.json()["message_zh"];
  EXPECT_NE(zh.find(std::to_string(everyone)), std::string::npos) << zh;
  EXPECT_NE(zh.find(std::to_string(kLimit)), std::string::npos) << zh;
  EXPECT_EQ(BatchEntries(province), before) << "nothing issued";
  // Narrowed to one employer it goes through.
  const json employers = Get("/api/v1/employers?page_size=200", city).json()["items"];
  ASSERT_FALSE(employers.empty());
  const std::string one = employers[0]["id"];
  const int64_t n = Count("year=2025&employer_id=" + one, city)["persons"];
  if (n > 0 && n <= kLimit) {
    auto ok = Send("POST", "/api/v1/certificates/batch", {{"year", 2025}, {"employer_id", one}}, city);
    EXPECT_EQ(ok.status, 201) << ok.body.substr(0, 300);
    EXPECT_EQ(ok.headers["x-certificates-issued"], std::to_string(n));
  }
}

TEST_P(CertificateBatchApi, AttackersGetNothing) {
  const auto hr = Token("hr"), province = Token("province");
  const std::string mine = EmployerIdOf(hr);
  // Another unit's id (the province sees them all): refused like an unknown one.
  std::string other;
  const json employers = Get("/api/v1/employers?page_size=50", province).json();
  for (const auto& e : employers["items"]) {
    if (e["id"] != mine) {
      other = e["id"].get<std::string>();
      break;
    }
  }
  ASSERT_FALSE(other.empty()) << Get("/api/v1/employers?page_size=50", province).body.substr(0, 500);
  const int64_t before = BatchEntries(province);
  for (const std::string& id : {other, std::string("e0000000000000"), std::string("not-an-id")}) {
    auto r = Send("POST", "/api/v1/certificates/batch", {{"year", 2025}, {"employer_id", id}}, hr);
    EXPECT_EQ(r.status, 422) << id;
    EXPECT_EQ(r.json()["field"], "employer_id") << r.body;
    EXPECT_EQ(Get("/api/v1/certificates/batch?year=2025&employer_id=" + id, hr).status, 422);
  }
  // A region does not widen HR's scope: inside the unit's region it is the unit, elsewhere nobody.
  const std::string unit_region = Get("/api/v1/employers?page_size=1", hr).json()["items"][0]["region_code"];
  const std::string far = unit_region.substr(0, 2) == "11" ? "12" : "11";
  EXPECT_EQ(Count("year=2025&region=" + unit_region.substr(0, 2), hr)["persons"], Count("year=2025", hr)["persons"]);
  EXPECT_EQ(Count("year=2025&region=" + far, hr)["persons"], 0);
  // Roles that may not.
  for (const char* who : {"person1", "provider"}) {
    EXPECT_EQ(Send("POST", "/api/v1/certificates/batch", {{"year", 2025}}, Token(who)).status, 403) << who;
    EXPECT_EQ(Get("/api/v1/certificates/batch?year=2025", Token(who)).status, 403) << who;
  }
  EXPECT_EQ(Send("POST", "/api/v1/certificates/batch", {{"year", 2025}}).status, 401);
  // Bad input names the field.
  const std::pair<json, const char*> bad[] = {
      {{{"year", 2025}, {"format", "docx"}}, "format"},
      {{{"year", 2025}, {"status", "great"}}, "status"},
      {{{"year", 2025}, {"region", "4a01"}}, "region"},
      {{{"year", 2025}, {"region", "440"}}, "region"},
      {{{"year", 2099}}, "year"},
      {json::object(), "year"},
      {{{"year", "2025"}}, "year"},
  };
  for (const auto& [body, field] : bad) {
    auto r = Send("POST", "/api/v1/certificates/batch", body, hr);
    EXPECT_EQ(r.status, 422) << body.dump();
    bool named = false;
    const json problem = r.json();
    for (const auto& e : problem["errors"]) named = named || e["field"] == field;
    EXPECT_TRUE(named) << body.dump() << " → " << r.body;
  }
  EXPECT_EQ(BatchEntries(province), before) << "no refused batch was issued";
}

TEST_P(CertificateBatchApi, APersonPrintsTheirOwnForAnyFinishedYear) {
  const auto me = Token("person1");
  const std::string path = "/api/v1/persons/" + PersonIdOf(me) + "/certificates";
  for (int year : {2015, 2021, 2024, 2025}) {
    auto r = Send("POST", path, {{"year", year}}, me);
    ASSERT_EQ(r.status, 201) << year << r.body;
    EXPECT_EQ(r.json()["year"], year);
    auto pdf = Get("/api/v1/certificates/" + r.json()["serial"].get<std::string>() + "/pdf", me);
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  }
  EXPECT_EQ(Send("POST", path, {{"year", 2026}}, me).status, 422) << "this year is not over";
}

}  // namespace
}  // namespace jixu::testing
