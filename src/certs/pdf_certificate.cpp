#include "certs/pdf_certificate.hpp"

#include <cairo-pdf.h>

#include "certs/canonical_json.hpp"
#include "certs/key_ring.hpp"
#include "certs/payload.hpp"
#include "certs/pdf_canvas.hpp"
#include "certs/pdf_table.hpp"
#include "core/compliance/engine.hpp"

namespace jixu::certs {
namespace {

using nlohmann::json;

constexpr double kMargin = 56;  // ≈ 2 cm
constexpr double kInner = PdfCanvas::kWidth - 2 * kMargin;

std::string Str(const json& p, const char* key) { return p.contains(key) ? p[key].dump() : ""; }

std::string Field(const json& p, std::initializer_list<const char*> path) {
  const json* v = &p;
  for (const char* k : path) {
    if (!v->is_object() || !v->contains(k)) return "";
    v = &(*v)[k];
  }
  return v->is_string() ? v->get<std::string>() : HoursText(*v);
}

/// "2026年1月15日" from "2026-01-15".
std::string ChineseDate(const std::string& iso) {
  auto d = Date::Parse(iso);
  if (!d) return iso;
  return std::to_string(d->year()) + "年" + std::to_string(d->month()) + "月" +
         std::to_string(d->day()) + "日";
}

std::string StatusText(const std::string& code) {
  for (auto s : {compliance::Status::kCompliant, compliance::Status::kInProgress,
                 compliance::Status::kNotCompliant, compliance::Status::kExempt}) {
    if (code == compliance::StatusCode(s)) {
      return std::string(compliance::StatusZh(s)) + "（" + std::string(compliance::StatusEn(s)) + "）";
    }
  }
  return code;
}

/// Title block and frame; returns the y where the body starts.
double Header(PdfCanvas& c, const json& p, const char* title_zh, const char* title_en) {
  c.Rect(28, 28, PdfCanvas::kWidth - 56, PdfCanvas::kHeight - 56, 2.0, 0.25);
  c.Rect(34, 34, PdfCanvas::kWidth - 68, PdfCanvas::kHeight - 68, 0.6, 0.25);
  c.Text("证书编号  No. " + Field(p, {"serial"}), kMargin, 48, kInner, {9, false, Align::kRight, 0.2});
  double y = 92;
  y += c.Text(Field(p, {"issuer", "name"}), kMargin, y, kInner, {14, false, Align::kCenter});
  y += 10;
  y += c.Text(title_zh, kMargin, y, kInner, {28, true, Align::kCenter});
  y += 2;
  y += c.Text(title_en, kMargin, y, kInner, {11, false, Align::kCenter, 0.35});
  c.Line(kMargin + 60, y + 12, PdfCanvas::kWidth - kMargin - 60, y + 12, 0.8, 0.3);
  return y + 34;
}

/// The certificate's table, centred in the body; returns the y below it.
double Table(PdfCanvas& c, double y, const TableRows& rows, const char* head_left, const char* head_right) {
  const TableLayout layout = LayOutTable(c, kMargin + 40, kInner - 80, rows, head_left, head_right);
  return DrawTable(c, y, layout, rows, head_left, head_right);
}

double AnnualBody(PdfCanvas& c, const json& p, double y) {
  std::string employer = Field(p, {"subject", "employer"});
  std::string text = "兹证明 " + Field(p, {"subject", "name"}) + "（身份证号 " +
                     Field(p, {"subject", "id_number_masked"}) + "）";
  if (!employer.empty()) text += "，工作单位：" + employer;
  text += "，" + Str(p, "year") + " 年度参加继续教育，经登记的学时如下：";
  y += c.Text(text, kMargin + 20, y, kInner - 40, {13});
  y += 18;
  const auto h = [&](const char* k) { return Field(p, {"hours", k}) + " 学时"; };
  TableRows rows = {
      {"专业科目  Professional subjects", h("professional")},
      {"公需科目  Public subjects", h("public")},
      {"登记学时合计  Hours recorded", h("total")},
      {"计入学时  Hours counted (after policy caps)", h("counted")},
      {"应修学时  Hours required", h("required")},
      {"尚差学时  Shortfall", h("shortfall")},
  };
  if (p.contains("credits")) {
    rows.push_back({"计入 / 应修学分  Credits counted / required",
                    Field(p, {"credits", "counted"}) + " / " + Field(p, {"credits", "required"})});
  }
  y = Table(c, y, rows, "项目  Item", "学时  Hours");
  y += 14;
  json forms = p.value("by_form", json::array());
  std::string by_form;
  for (const auto& f : forms) {
    auto form = records::ParseForm(f.value("form", ""));
    if (!by_form.empty()) by_form += "；";
    by_form += (form ? std::string(records::FormZh(*form)) : f.value("form", "")) + " " +
               HoursText(f["hours"]) + " 学时";
  }
  if (!by_form.empty()) {
    y += c.Text("其中按培训形式：" + by_form, kMargin + 40, y, kInner - 80, {10, false, Align::kLeft, 0.25});
    y += 8;
  }
  y += c.Text("达标情况：" + StatusText(Field(p, {"status"})) + "    依据政策：" +
                  Field(p, {"policy"}),
              kMargin + 40, y, kInner - 80, {13, true});
  return y;
}

double ClassBody(PdfCanvas& c, const json& p, double y) {
  std::string text = "兹证明 " + Field(p, {"subject", "name"}) + "（身份证号 " +
                     Field(p, {"subject", "id_number_masked"}) + "）于 " +
                     ChineseDate(Field(p, {"class", "from"})) + "至" +
                     ChineseDate(Field(p, {"class", "to"})) + "参加" +
                     Field(p, {"provider", "name"}) + "举办的“" + Field(p, {"class", "title"}) +
                     "”，完成全部学习，特此证明。";
  y += c.Text(text, kMargin + 20, y, kInner - 40, {13});
  y += 18;
  auto category = records::ParseCategory(Field(p, {"class", "category"}));
  TableRows rows = {
      {"施教机构  Provider", Field(p, {"provider", "name"})},
      {"机构代码  Provider code", Field(p, {"provider", "code"})},
      {"起止日期  Dates", Field(p, {"class", "from"}) + " ~ " + Field(p, {"class", "to"})},
      {"科目类别  Category", category ? std::string(records::CategoryZh(*category)) : ""},
      {"完成学时  Hours", Field(p, {"class", "hours"}) + " 学时"},
  };
  return Table(c, y, rows, "项目  Item", "内容  Detail");
}

void Footer(PdfCanvas& c, const SignedDocument& doc, const PdfOptions& o) {
  const json& p = doc.payload;
  constexpr double kQr = 112;
  const double qr_x = PdfCanvas::kWidth - kMargin - kQr - 10;
  const double qr_y = PdfCanvas::kHeight - kMargin - kQr - 70;
  c.Qr(o.verify_url, qr_x, qr_y, kQr);
  c.Text("扫码核验  Scan to verify", qr_x - 20, qr_y + kQr + 2, kQr + 40, {8, false, Align::kCenter, 0.3});
  const double left_w = qr_x - kMargin - 30;
  double y = qr_y + 8;
  y += c.Text("发证机构：" + Field(p, {"issuer", "name"}), kMargin + 20, y, left_w, {12});
  y += 8;
  y += c.Text("发证日期：" + ChineseDate(Field(p, {"issued_on"})), kMargin + 20, y, left_w, {12});
  y += 8;
  c.Text("证书编号：" + Field(p, {"serial"}), kMargin + 20, y, left_w, {12});
  const std::string signed_by =
      "本证明经电子签名（" + std::string(AlgorithmCode(doc.algorithm)) + "，密钥 " + doc.key_id + "）";
  const std::string note =
      o.envelope_embedded
          ? signed_by + "，签名与证书数据嵌于本文件。核验：扫描二维码或访问 " + o.verify_url +
                "，或离线运行 jixu cert verify 本文件。核验结果应与纸面内容逐项一致。"
          : signed_by + "。核验：扫描二维码或访问 " + o.verify_url +
                "；本证书的单份PDF嵌有签名，可离线运行 jixu cert verify 核验。核验结果应与纸面内容逐项一致。";
  c.Text(note, kMargin + 20, PdfCanvas::kHeight - kMargin - 46, kInner - 40,
         {7.5, false, Align::kLeft, 0.35});
}

/// One certificate on the canvas's current page.
void DrawCertificate(PdfCanvas& c, const SignedDocument& doc, const PdfOptions& options) {
  const json& p = doc.payload;
  const bool annual = p.value("type", "") == kKindAnnual;
  const double y = annual ? Header(c, p, "继续教育学时证明", "Certificate of Continuing Education Hours")
                          : Header(c, p, "培训结业证明", "Certificate of Class Completion");
  if (annual) {
    AnnualBody(c, p, y);
  } else {
    ClassBody(c, p, y);
  }
  Footer(c, doc, options);
}

}  // namespace

std::string RenderCertificatePdf(const SignedDocument& doc, const PdfOptions& options) {
  const json& p = doc.payload;
  const bool annual = p.value("type", "") == kKindAnnual;
  std::string out;
  out.reserve(24 * 1024);
  {
    PdfCanvas c(out);
    const std::string serial = Field(p, {"serial"});
    c.SetMetadata(CAIRO_PDF_METADATA_TITLE,
                  (annual ? "继续教育学时证明 " : "培训结业证明 ") + serial);
    c.SetMetadata(CAIRO_PDF_METADATA_AUTHOR, Field(p, {"issuer", "name"}));
    c.SetMetadata(CAIRO_PDF_METADATA_CREATOR, "jixu");
    c.SetMetadata(CAIRO_PDF_METADATA_CREATE_DATE, IsoTimestamp(options.issued_at));
    c.SetMetadata(CAIRO_PDF_METADATA_KEYWORDS,
                  std::string(kPdfEnvelopeMarker) + Base64Url(ToBytes(CanonicalJson(EnvelopeJson(doc)))));
    DrawCertificate(c, doc, options);
    c.Finish();
  }
  return out;
}

std::string RenderCertificateBook(const std::vector<BookPage>& pages, const std::string& title,
                                  int64_t created_at) {
  std::string out;
  out.reserve(pages.size() * 8 * 1024 + 24 * 1024);
  {
    PdfCanvas c(out);
    c.SetMetadata(CAIRO_PDF_METADATA_TITLE, title);
    if (!pages.empty()) {
      c.SetMetadata(CAIRO_PDF_METADATA_AUTHOR, Field(pages.front().doc->payload, {"issuer", "name"}));
    }
    c.SetMetadata(CAIRO_PDF_METADATA_CREATOR, "jixu");
    c.SetMetadata(CAIRO_PDF_METADATA_CREATE_DATE, IsoTimestamp(created_at));
    for (size_t i = 0; i < pages.size(); ++i) {
      if (i > 0) c.NextPage();
      DrawCertificate(c, *pages[i].doc, pages[i].options);
    }
    c.Finish();
  }
  return out;
}

Result<json> ExtractPdfEnvelope(std::string_view pdf) {
  auto missing = [] {
    return MakeError("no_embedded_certificate", "file", "文件中没有嵌入的证书数据（不是本系统签发的证书PDF，或已被其他软件重新保存）",
                     "the file carries no embedded certificate (not a jixu certificate PDF, or "
                     "re-saved by other software)");
  };
  const auto at = pdf.find(kPdfEnvelopeMarker);
  if (at == std::string_view::npos) return missing();
  size_t end = at + kPdfEnvelopeMarker.size();
  while (end < pdf.size() && (std::isalnum(static_cast<unsigned char>(pdf[end])) ||
                              pdf[end] == '-' || pdf[end] == '_')) {
    ++end;
  }
  const auto start = at + kPdfEnvelopeMarker.size();
  auto bytes = FromBase64Url(pdf.substr(start, end - start));
  if (!bytes) return missing();
  json env = json::parse(bytes->begin(), bytes->end(), nullptr, false);
  if (env.is_discarded()) {
    return MakeError("damaged_certificate_data", "file", "嵌入的证书数据已损坏（不是有效的JSON）",
                     "the embedded certificate data is damaged (not valid JSON)");
  }
  return env;
}

}  // namespace jixu::certs
