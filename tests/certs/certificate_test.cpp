// Certificates end to end at the library level: issue, render, read the PDF back (pdftotext,
// pdftoppm + zbarimg), verify, tamper, revoke, both algorithms, key rotation, sealed keys.
#include "certs/cert_fixture.hpp"

#include "certs/canonical_json.hpp"
#include "certs/pdf_certificate.hpp"
#include "certs/serial.hpp"

namespace jixu::certs::testing {
namespace {

using nlohmann::json;

class CertificateTest : public CertFixture {
 protected:
  IssuedCertificate IssueAnnual() {
    auto r = service_->IssueAnnual(person_.id_number, 2024);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.value();
  }
  std::filesystem::path WritePdf(const IssuedCertificate& c, const std::string& name) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << service_->RenderPdf(c);
    return path;
  }
  SignedDocument FromPdf(const std::filesystem::path& pdf) {
    auto env = ExtractPdfEnvelope(Slurp(pdf));
    EXPECT_TRUE(env.ok());
    auto doc = ParseEnvelope(env.value());
    EXPECT_TRUE(doc.ok());
    return doc.value();
  }
};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(CertificateTest);

TEST_P(CertificateTest, PayloadCarriesTheYearsHoursAndMaskedId) {
  const auto c = IssueAnnual();
  const json& p = c.document.payload;
  EXPECT_EQ(p["type"], "annual_hours");
  EXPECT_EQ(p["year"], 2024);
  EXPECT_EQ(p["subject"]["name"], "王芳");
  EXPECT_EQ(p["subject"]["id_number_masked"], MaskIdNumber(person_.id_number));
  EXPECT_EQ(p["subject"]["id_number_masked"].get<std::string>().find("19800101"), std::string::npos);
  EXPECT_EQ(p["hours"]["professional"], 60);
  EXPECT_EQ(p["hours"]["public"], 30);
  EXPECT_EQ(p["hours"]["counted"], 84);  // public capped at 24 of 72 (Art. 6)
  EXPECT_EQ(p["status"], "compliant");
  EXPECT_EQ(c.row.payload, CanonicalJson(p));
  EXPECT_TRUE(NormalizeSerial(c.row.serial).has_value());
}

TEST_P(CertificateTest, PdfTextHoldsNameYearAndHours) {
  const auto pdf = WritePdf(IssueAnnual(), "c.pdf");
  const std::string text = Capture("pdftotext -layout '" + pdf.string() + "' -");
  EXPECT_NE(text.find("王芳"), std::string::npos) << text;
  EXPECT_NE(text.find("2024"), std::string::npos);
  EXPECT_NE(text.find("84 学时"), std::string::npos) << text;
  EXPECT_NE(text.find("60 学时"), std::string::npos);
  EXPECT_NE(text.find("继续教育学时证明"), std::string::npos);
  EXPECT_NE(text.find(MaskIdNumber(person_.id_number)), std::string::npos);
  EXPECT_EQ(text.find(person_.id_number), std::string::npos) << "full ID printed";
  const std::string fonts = Capture("pdffonts '" + pdf.string() + "'");
  EXPECT_NE(fonts.find("WenQuanYiZenHei"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("yes yes"), std::string::npos) << "font must be embedded and subset";
  const std::string info = Capture("pdfinfo '" + pdf.string() + "'");
  EXPECT_NE(info.find("595.28 x 841.89"), std::string::npos) << "A4: " << info;
}

TEST_P(CertificateTest, QrCodeDecodesToTheVerifyUrl) {
  const auto c = IssueAnnual();
  const auto pdf = WritePdf(c, "qr.pdf");
  const std::string png = (dir_ / "page").string();
  ASSERT_EQ(std::system(("pdftoppm -png -r 150 -f 1 -l 1 '" + pdf.string() + "' '" + png + "'").c_str()), 0);
  std::string file = png + "-1.png";
  if (!std::filesystem::exists(file)) file = png + "-01.png";
  const std::string decoded =
      Capture("zbarimg -q --raw -Sdisable -Sqrcode.enable '" + file + "' 2>/dev/null");
  EXPECT_EQ(decoded, "http://127.0.0.1:8080/#/verify/" + c.row.serial + "\n");
  // Kept for a person to look at (build dir artifacts/).
  const auto artifacts = std::filesystem::current_path() / "artifacts";
  std::filesystem::create_directories(artifacts);
  std::filesystem::copy_file(pdf, artifacts / "annual-certificate.pdf",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(file, artifacts / "annual-certificate.png",
                             std::filesystem::copy_options::overwrite_existing);
}

TEST_P(CertificateTest, VerifyBySerialIsValidWithTheFullContent) {
  const auto c = IssueAnnual();
  const auto r = service_->Verify(c.row.serial);
  EXPECT_EQ(r.status, VerifyStatus::kValid);
  EXPECT_EQ(r.payload["subject"]["name"], "王芳");
  EXPECT_TRUE(r.problems.empty());
  std::string lower = c.row.serial;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(service_->Verify(lower).status, VerifyStatus::kValid);
  EXPECT_EQ(service_->Verify("JX-2024-0000-0000-0000").status, VerifyStatus::kUnknown);
  EXPECT_EQ(service_->Verify(NewSerial(2024)).status, VerifyStatus::kUnknown);
}

TEST_P(CertificateTest, PdfVerifiesOfflineAndOneChangedByteDoesNot) {
  const auto pdf = WritePdf(IssueAnnual(), "v.pdf");
  const SignedDocument doc = FromPdf(pdf);
  const auto keys = keys_->PublicKeys();
  EXPECT_EQ(VerifyDocument(doc, keys, nullptr).status, VerifyStatus::kValid);
  EXPECT_EQ(VerifyDocument(doc, keys, &store_->certificates()).status, VerifyStatus::kValid);

  SignedDocument edited = doc;
  edited.payload["hours"]["counted"] = 85;
  auto r = VerifyDocument(edited, keys, &store_->certificates());
  EXPECT_EQ(r.status, VerifyStatus::kInvalid);
  ASSERT_EQ(r.differences.size(), 1u);
  EXPECT_EQ(r.differences[0].field, "hours.counted");
  EXPECT_EQ(r.differences[0].document, "85");
  EXPECT_EQ(r.differences[0].registry, "84");
  EXPECT_EQ(VerifyDocument(edited, keys, nullptr).status, VerifyStatus::kInvalid);

  SignedDocument name = doc;
  name.payload["subject"]["name"] = "王芬";  // one character, three bytes
  EXPECT_EQ(VerifyDocument(name, keys, nullptr).status, VerifyStatus::kInvalid);

  for (size_t i : {size_t{0}, doc.signature.size() / 2, doc.signature.size() - 1}) {
    SignedDocument sig = doc;
    sig.signature[i] ^= 0x20;
    auto s = VerifyDocument(sig, keys, nullptr);
    EXPECT_EQ(s.status, VerifyStatus::kInvalid);
    ASSERT_FALSE(s.problems.empty());
    EXPECT_EQ(s.problems[0].code, "bad_signature");
  }
}

TEST_P(CertificateTest, RevokedAnswersRevokedWithItsReason) {
  const auto c = IssueAnnual();
  EXPECT_EQ(service_->Revoke(c.row.serial, " ")->field, "reason");
  EXPECT_FALSE(service_->Revoke(c.row.serial, "学时记录有误，已更正").has_value());
  const auto r = service_->Verify(c.row.serial);
  EXPECT_EQ(r.status, VerifyStatus::kRevoked);
  EXPECT_EQ(r.revoke_reason, "学时记录有误，已更正");
  auto again = service_->Revoke(c.row.serial, "again");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->code, "already_revoked");
  EXPECT_EQ(service_->Revoke("JX-2024-0000-0000-0000", "x")->code, "unknown_certificate");
}

TEST_P(CertificateTest, Sm2CertificatesVerifyToo) {
  CertConfig sm2;
  sm2.algorithm = Algorithm::kSm2Sm3;
  auto svc = MakeService(sm2);
  auto c = svc->IssueAnnual(person_.id_number, 2024);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().row.algorithm, "sm2-sm3");
  EXPECT_EQ(c.value().row.key_id.rfind("sm2-", 0), 0u);
  EXPECT_EQ(svc->Verify(c.value().row.serial).status, VerifyStatus::kValid);
  const auto pdf = dir_ / "sm2.pdf";
  std::ofstream(pdf, std::ios::binary) << svc->RenderPdf(c.value());
  SignedDocument doc = FromPdf(pdf);
  EXPECT_EQ(VerifyDocument(doc, keys_->PublicKeys(), nullptr).status, VerifyStatus::kValid);
  doc.payload["year"] = 2023;
  EXPECT_EQ(VerifyDocument(doc, keys_->PublicKeys(), nullptr).status, VerifyStatus::kInvalid);
}

TEST_P(CertificateTest, RotationKeepsOldCertificatesValid) {
  const auto before = IssueAnnual();
  const auto rotated = keys_->Rotate(Algorithm::kEd25519);
  EXPECT_NE(rotated.key_id, before.row.key_id);
  const auto after = IssueAnnual();
  EXPECT_EQ(after.row.key_id, rotated.key_id);
  EXPECT_EQ(service_->Verify(before.row.serial).status, VerifyStatus::kValid);
  EXPECT_EQ(service_->Verify(after.row.serial).status, VerifyStatus::kValid);
  // The published set lists both, the old one retired; verifying from it offline still works.
  const json set = PublicKeySetJson(keys_->PublicKeys(), "发证机构");
  ASSERT_EQ(set["keys"].size(), 2u);
  for (const auto& k : set["keys"]) {
    EXPECT_EQ(k["status"], k["kid"] == before.row.key_id ? "retired" : "active") << k.dump();
  }
  const auto parsed = ParsePublicKeySet(json::parse(set.dump()));
  EXPECT_EQ(VerifyDocument(before.document, parsed, nullptr).status, VerifyStatus::kValid);
  // Without the old key the old certificate cannot be checked.
  std::vector<PublicKeyInfo> only_new;
  for (const auto& k : parsed) {
    if (k.key_id == rotated.key_id) only_new.push_back(k);
  }
  EXPECT_EQ(VerifyDocument(before.document, only_new, nullptr).status, VerifyStatus::kInvalid);
}

TEST_P(CertificateTest, SealedKeysNeedTheirKeyEncryptionKey) {
  const Bytes kek(32, 7);
  KeyRing sealed(*store_, clock_, kek);
  const auto key = sealed.Rotate(Algorithm::kSm2Sm3);
  auto rows = store_->signing_keys().List();
  const auto& row = rows.back();
  EXPECT_EQ(row.key_id, key.key_id);
  EXPECT_EQ(row.protection.rfind("xchacha20poly1305:", 0), 0u);
  EXPECT_NO_THROW(sealed.Active(Algorithm::kSm2Sm3));
  KeyRing no_kek(*store_, clock_, std::nullopt);
  EXPECT_THROW(no_kek.Active(Algorithm::kSm2Sm3), Fault);
  KeyRing wrong(*store_, clock_, Bytes(32, 8));
  EXPECT_THROW(wrong.Active(Algorithm::kSm2Sm3), Fault);
}

TEST_P(CertificateTest, UnknownPersonAndBadYearAreRefusedNamingTheField) {
  auto r = service_->IssueAnnual("110105198001010016", 2024);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "person");
  auto y = service_->IssueAnnual(person_.id_number, 2030);
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.error().field, "year");
  EXPECT_EQ(store_->certificates().Count(), 0);
}

TEST_P(CertificateTest, ClassCertificateOnlyForHoursTheProviderReported) {
  ClassRequest req{person_.id_number, provider_.code, "人工智能应用高级研修班", Ymd(2024, 3, 1),
                   Ymd(2024, 3, 5), Hours::FromWhole(60)};
  auto c = service_->IssueClass(req);
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  EXPECT_EQ(c.value().document.payload["class"]["hours"], 60);
  EXPECT_EQ(service_->Verify(c.value().row.serial).status, VerifyStatus::kValid);
  const auto pdf = dir_ / "class.pdf";
  std::ofstream(pdf, std::ios::binary) << service_->RenderPdf(c.value());
  const std::string text = Capture("pdftotext '" + pdf.string() + "' -");
  EXPECT_NE(text.find("培训结业证明"), std::string::npos);
  EXPECT_NE(text.find("人工智能应用高级研修班"), std::string::npos);
  req.hours = Hours::FromWhole(61);
  auto too_many = service_->IssueClass(req);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, "hours_not_recorded");
  req.provider_code = "91510104MA6CUXX37F";
  EXPECT_EQ(service_->IssueClass(req).error().code, "unknown_provider");
}

TEST_P(CertificateTest, LongProviderNameWrapsInsideItsRow) {
  provider_.name = "国家卫生健康委员会人才交流服务中心暨中华医学会继续医学教育部联合举办的基层卫生人才能力提升培训项目办公室";
  store_->providers().Upsert(std::span(&provider_, 1));
  ClassRequest req{person_.id_number, provider_.code, "人工智能应用高级研修班", Ymd(2024, 3, 1),
                   Ymd(2024, 3, 5), Hours::FromWhole(60)};
  auto c = service_->IssueClass(req);
  ASSERT_TRUE(c.ok()) << c.error().message_en;
  const auto pdf = dir_ / "long-provider.pdf";
  std::ofstream(pdf, std::ios::binary) << service_->RenderPdf(c.value());
  // The whole name is in the sentence; the table holds its first lines, then "…".
  const std::string text = Capture("pdftotext '" + pdf.string() + "' -");
  EXPECT_NE(text.find("国家卫生健康委员会"), std::string::npos);
  EXPECT_NE(text.find("2024-03-01 ~"), std::string::npos);
  const std::string png = (dir_ / "long-provider").string();
  ASSERT_EQ(std::system(("pdftoppm -png -r 100 -f 1 -l 1 '" + pdf.string() + "' '" + png + "'").c_str()), 0);
  // For looking at it: JIXU_TEST_ARTIFACTS=DIR keeps the PDF and its picture.
  if (const char* keep = std::getenv("JIXU_TEST_ARTIFACTS")) {
    for (const auto& f : std::filesystem::directory_iterator(dir_)) {
      if (f.path().filename().string().rfind("long-provider", 0) == 0) {
        std::filesystem::copy_file(f.path(), std::filesystem::path(keep) / f.path().filename(),
                                   std::filesystem::copy_options::overwrite_existing);
      }
    }
  }
}

}  // namespace
}  // namespace jixu::certs::testing
