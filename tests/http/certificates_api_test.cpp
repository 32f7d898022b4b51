// Certificates over HTTP: public verification and key set, the owner's PDF, scope (404 outside
// it), roles for issue and revoke.
#include "http/api_fixture.hpp"

namespace jixu::testing {
namespace {

class CertificatesApiTest : public ApiSuite {
 protected:
  const char* Name() const override { return "certs"; }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(CertificatesApiTest);

TEST_P(CertificatesApiTest, IssueVerifyDownloadRevoke) {
  const std::string admin = Token("admin");
  const std::string person = Token("person1");
  const std::string other = Token("person2");
  const std::string pid = PersonIdOf(person);
  const std::string path = "/api/v1/persons/" + pid + "/certificates";

  // The demo issues person1 one certificate (2025, the last finished year) to show.
  const nlohmann::json before = Get(path, person).json();
  ASSERT_EQ(before["total"], 1);
  EXPECT_EQ(before["items"][0]["year"], 2025);
  EXPECT_EQ(Get("/api/v1/certificates/" + before["items"][0]["serial"].get<std::string>() + "/verify").json()["status"], "valid");

  // A person prints their own, for a finished year only; nobody else's.
  EXPECT_EQ(Send("POST", path, {{"year", 2026}}, person).status, 422);
  EXPECT_EQ(Send("POST", path, {{"year", 2025}}, other).status, 404);
  auto issued = Send("POST", path, {{"year", 2025}}, admin);
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string serial = issued.json()["serial"];

  auto v = Get("/api/v1/certificates/" + serial + "/verify");  // no login: public
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(v.json()["status"], "valid");
  EXPECT_EQ(v.json()["certificate"]["year"], 2025);
  EXPECT_FALSE(v.json()["content"].empty());
  EXPECT_EQ(Get("/api/v1/certificates/JX-2025-0000-0000-0000/verify").json()["status"], "unknown");

  auto keys = Get("/.well-known/jixu-keys.json");
  ASSERT_EQ(keys.status, 200);
  EXPECT_FALSE(keys.json()["keys"].empty());

  auto pdf = Get("/api/v1/certificates/" + serial + "/pdf", person);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  EXPECT_EQ(Get("/api/v1/certificates/" + serial + "/pdf", other).status, 404);
  EXPECT_EQ(Get("/api/v1/certificates/" + serial + "/pdf").status, 401);
  EXPECT_EQ(Get(path, person).json()["total"], 2) << "the demo's and this one";

  auto vc = Get("/api/v1/certificates/" + serial + "/credential", person);
  ASSERT_EQ(vc.status, 200) << vc.body;
  EXPECT_EQ(vc.json()["proof"]["cryptosuite"], "eddsa-jcs-2022");

  EXPECT_EQ(Send("POST", "/api/v1/certificates/" + serial + "/revoke", {{"reason", "x"}},
                 Token("hr"))
                .status,
            403);
  auto rv = Send("POST", "/api/v1/certificates/" + serial + "/revoke",
                 {{"reason", "学时记录更正"}}, admin);
  ASSERT_EQ(rv.status, 200) << rv.body;
  v = Get("/api/v1/certificates/" + serial + "/verify");
  EXPECT_EQ(v.json()["status"], "revoked");
  EXPECT_EQ(v.json()["revoke_reason"], "学时记录更正");
  EXPECT_EQ(Send("POST", "/api/v1/certificates/" + serial + "/revoke", {{"reason", "again"}}, admin)
                .status,
            409);
}

}  // namespace
}  // namespace jixu::testing
