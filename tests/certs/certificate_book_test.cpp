// Many certificates in one PDF (the batch's book): one A4 page each, drawn as the single PDF
// (each page its own person, hours and QR code), no embedded envelope and a footer that says so.
#include "certs/cert_fixture.hpp"

#include <regex>

#include "certs/pdf_certificate.hpp"

namespace jixu::certs::testing {
namespace {

class CertificateBookTest : public CertFixture {};

JIXU_INSTANTIATE_FOR_TEST_BACKENDS(CertificateBookTest);

TEST_P(CertificateBookTest, OnePagePerCertificateEachItsOwn) {
  // A second person at the same employer, with no records: a different page.
  records::Person other = TestPerson(8, employer_);
  other.name = "李明";
  store_->persons().Upsert(std::span(&other, 1));
  std::vector<IssuedCertificate> certs;
  for (const auto& id : {person_.id_number, other.id_number, person_.id_number}) {
    auto r = service_->IssueAnnual(id, 2024);
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    certs.push_back(r.value());
  }
  std::vector<BookPage> pages;
  for (const auto& c : certs) pages.push_back({&c.document, {"https://verify.example/" + c.row.serial, c.row.issued_at, false}});
  const auto path = dir_ / "book.pdf";
  std::ofstream(path, std::ios::binary) << RenderCertificateBook(pages, "继续教育学时证明 2024年度（3份）", 1740787200);

  const std::string info = Capture("pdfinfo '" + path.string() + "'");
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Pages:\s+3\n)"))) << info;
  EXPECT_NE(info.find("595.28 x 841.89"), std::string::npos) << "A4: " << info;
  for (int page = 1; page <= 3; ++page) {
    const std::string text = Capture("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) +
                                     " -layout '" + path.string() + "' -");
    const auto& c = certs[static_cast<size_t>(page - 1)];
    EXPECT_NE(text.find(page == 2 ? "李明" : "王芳"), std::string::npos) << page << text;
    EXPECT_NE(text.find(c.row.serial), std::string::npos) << "page " << page << " carries its own serial";
    EXPECT_NE(text.find(page == 2 ? "0 学时" : "84 学时"), std::string::npos) << text;
    EXPECT_EQ(text.find("嵌于本文件"), std::string::npos) << "the book embeds no envelope: " << text;
  }
  // Nothing to verify offline in a book: the single PDF is the one that carries the envelope.
  EXPECT_FALSE(ExtractPdfEnvelope(Slurp(path)).ok());
  EXPECT_TRUE(ExtractPdfEnvelope(service_->RenderPdf(certs[1])).ok());
}

}  // namespace
}  // namespace jixu::certs::testing
