// `jixu cert …`, `jixu export` and .xlsx imports as a clerk runs them: exit codes, what is
// printed, and what a tampered or revoked certificate answers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "certs/encoding.hpp"
#include "certs/pdf_certificate.hpp"
#include "cli/cli_runner.hpp"

namespace jixu::testing {
namespace {

using nlohmann::json;

constexpr const char* kWangFang = "110105198001010016";

class CertCliTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { JIXU_SKIP_UNLESS_AVAILABLE(GetParam()); }
  void ImportHandcheck(CliSandbox& sb) {
    for (const char* kind : {"employers", "providers", "persons", "records"}) {
      const auto r = sb.Run(std::string("import ") + kind + " '" +
                            (sb.Fixture("handcheck") / (std::string(kind) + ".csv")).string() + "'");
      ASSERT_EQ(r.exit_code, 0) << kind << ": " << r.err;
    }
  }
  std::string Issue(const std::string& extra = "") {
    const auto r = sb_.Run(std::string("cert issue --person ") + kWangFang + " --year 2024 --out c.pdf " + extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string serial = r.out;
    while (!serial.empty() && serial.back() == '\n') serial.pop_back();
    return serial;
  }
  std::string Read(const std::string& name) {
    std::ifstream in(sb_.dir() / name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  /// The PDF with its embedded payload's counted hours changed (signature left as it was).
  std::string TamperedPdf(const std::string& pdf) {
    const auto at = pdf.find(certs::kPdfEnvelopeMarker) + certs::kPdfEnvelopeMarker.size();
    auto end = at;
    while (end < pdf.size() && (std::isalnum(static_cast<unsigned char>(pdf[end])) ||
                                pdf[end] == '-' || pdf[end] == '_')) {
      ++end;
    }
    const auto bytes = *certs::FromBase64Url(pdf.substr(at, end - at));
    json env = json::parse(bytes.begin(), bytes.end());
    env["payload"]["hours"]["counted"] = 99;
    return pdf.substr(0, at) + certs::Base64Url(certs::ToBytes(env.dump())) + pdf.substr(end);
  }
  CliSandbox sb_{GetParam()};
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(CertCliTest);

TEST_P(CertCliTest, IssueVerifyTamperRevoke) {
  const auto init = sb_.Run("init");
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_NE(init.out.find("ed25519-"), std::string::npos) << init.out;
  ImportHandcheck(sb_);
  const std::string serial = Issue();
  ASSERT_EQ(serial.rfind("JX-2024-", 0), 0u) << serial;

  auto v = sb_.Run("cert verify c.pdf");
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("有效"), std::string::npos);
  EXPECT_NE(v.out.find("王芳"), std::string::npos);
  EXPECT_NE(v.out.find("110105********0016"), std::string::npos) << v.out;

  ASSERT_EQ(sb_.Run("cert keys --out keys.json").exit_code, 0);
  v = sb_.Run("cert verify c.pdf --keys keys.json --offline");
  EXPECT_EQ(v.exit_code, 0) << v.err;

  sb_.Write("t.pdf", TamperedPdf(Read("c.pdf")));
  v = sb_.Run("cert verify t.pdf");
  EXPECT_EQ(v.exit_code, 6) << v.out << v.err;
  EXPECT_NE(v.err.find("hours.counted: 文件 document = 99"), std::string::npos) << v.err;
  v = sb_.Run("cert verify t.pdf --keys keys.json --offline");
  EXPECT_EQ(v.exit_code, 6);
  EXPECT_NE(v.err.find("the signature does not match"), std::string::npos) << v.err;

  ASSERT_EQ(sb_.Run("cert revoke " + serial + " --reason '单位申请撤销'").exit_code, 0);
  v = sb_.Run("cert verify c.pdf");
  EXPECT_EQ(v.exit_code, 7) << v.err;
  EXPECT_NE(v.err.find("单位申请撤销"), std::string::npos);
  EXPECT_EQ(sb_.Run("cert verify " + serial).exit_code, 7);
  EXPECT_EQ(sb_.Run("cert verify JX-2024-0000-0000-0000").exit_code, 4);
  EXPECT_EQ(sb_.Run("cert revoke " + serial + " --reason again").exit_code, 3);
}

TEST_P(CertCliTest, CredentialExportVerifiesAndAnEditedOneDoesNot) {
  ImportHandcheck(sb_);
  const std::string serial = Issue();
  ASSERT_EQ(sb_.Run("cert export " + serial + " --format vc --out vc.json").exit_code, 0);
  json vc = json::parse(Read("vc.json"));
  EXPECT_EQ(vc["type"][1], "OpenBadgeCredential");
  EXPECT_EQ(vc["proof"]["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_TRUE(vc["credentialSubject"]["achievement"].contains("creditsAvailable"));
  auto v = sb_.Run("cert verify vc.json");
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  ASSERT_EQ(sb_.Run("cert keys --out keys.json").exit_code, 0);
  EXPECT_EQ(sb_.Run("cert verify vc.json --keys keys.json --offline").exit_code, 0);
  vc["credentialSubject"]["achievement"]["creditsAvailable"] = 120;
  sb_.Write("edited.json", vc.dump(2));
  v = sb_.Run("cert verify edited.json --keys keys.json --offline");
  EXPECT_EQ(v.exit_code, 6) << v.out << v.err;
  EXPECT_EQ(sb_.Run("cert verify edited.json").exit_code, 6);
}

TEST_P(CertCliTest, Sm2AndRotationKeepOldCertificatesValid) {
  ImportHandcheck(sb_);
  const std::string first = Issue();
  const auto rot = sb_.Run("cert rotate-key");
  ASSERT_EQ(rot.exit_code, 0) << rot.err;
  const std::string second = Issue();
  const std::string sm2 = Issue("--alg sm2");
  for (const auto& s : {first, second, sm2}) {
    const auto v = sb_.Run("cert verify " + s + " --format json");
    EXPECT_EQ(v.exit_code, 0) << s << v.err;
    EXPECT_EQ(json::parse(v.out)["status"], "valid");
  }
  EXPECT_EQ(json::parse(sb_.Run("cert verify " + sm2 + " --format json").out)["algorithm"], "sm2-sm3");
  const json keys = json::parse(sb_.Run("cert keys").out);
  EXPECT_EQ(keys["keys"].size(), 3u);  // two Ed25519 (one retired) and one SM2
}

TEST_P(CertCliTest, ExcelRosterRoundTripAndMalformedFile) {
  ImportHandcheck(sb_);
  auto e = sb_.Run("export persons --out persons.xlsx");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  ASSERT_EQ(sb_.Run("export compliance --year 2024 --out c.xlsx").exit_code, 0);
  ASSERT_EQ(sb_.Run("export statistics --year 2024 --out s.xlsx").exit_code, 0);
  const std::string original = sb_.Run("compliance --year 2024 --format json").out;

  CliSandbox other(GetParam());
  for (const char* kind : {"employers", "providers"}) {
    ASSERT_EQ(other.Run(std::string("import ") + kind + " '" +
                        (other.Fixture("handcheck") / (std::string(kind) + ".csv")).string() + "'")
                  .exit_code,
              0);
  }
  std::filesystem::copy_file(sb_.dir() / "persons.xlsx", other.dir() / "persons.xlsx");
  auto imp = other.Run("import persons persons.xlsx");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  ASSERT_EQ(other.Run("import records '" + (other.Fixture("handcheck") / "records.csv").string() + "'")
                .exit_code,
            0);
  EXPECT_EQ(other.Run("compliance --year 2024 --format json").out, original);

  CliSandbox empty(GetParam());
  empty.Write("bad.xlsx", "PK\x03\x04 not really a zip");
  auto bad = empty.Run("import persons bad.xlsx");
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("Excel"), std::string::npos) << bad.err;
  EXPECT_EQ(empty.Run("compliance --year 2024 --format json").out, "[]\n");
}

}  // namespace
}  // namespace jixu::testing
