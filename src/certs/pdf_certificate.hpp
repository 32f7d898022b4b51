#pragma once
// The printable certificate: an A4 PDF in Chinese (cairo + pango, the WenQuanYi Zen Hei font
// from Debian's fonts-wqy-zenhei, subset and embedded by cairo), with the issuing authority, the
// person (ID masked), the table of hours, the serial, the issue date and a QR code of the
// verification URL. Everything printed is drawn from the signed payload.
//
// The signed envelope (verifier.hpp: payload + signature) travels inside the file as the PDF's
// Keywords metadata, "jixu-certificate:" followed by its base64url, so `jixu cert verify
// FILE.pdf` checks a printed-and-mailed file offline, with no database.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certs/verifier.hpp"

namespace jixu::certs {

inline constexpr std::string_view kPdfEnvelopeMarker = "jixu-certificate:";
/// The family the certificate is set in (fontconfig name). Noto Sans CJK looks as good but
/// cairo's CFF subsetter makes each PDF ~6× slower (docs/performance.md).
inline constexpr std::string_view kCertificateFont = "WenQuanYi Zen Hei";

struct PdfOptions {
  std::string verify_url;  ///< encoded in the QR code and printed under it
  int64_t issued_at = 0;   ///< the PDF's creation date
  /// False on a page of a certificate book, which carries no envelope: the footer then points to
  /// the QR code and the single PDF instead of "embedded in this file".
  bool envelope_embedded = true;
};

/// The PDF bytes. Throws Fault("render_failed") if cairo fails.
std::string RenderCertificatePdf(const SignedDocument& doc, const PdfOptions& options);

/// One page of a certificate book.
struct BookPage {
  const SignedDocument* doc = nullptr;
  PdfOptions options;
};

/// Many certificates in one PDF, one A4 page each, drawn exactly as RenderCertificatePdf draws
/// them (the font embedded once). A book carries no embedded envelope: each page is verified by
/// its QR code or serial, or offline from the single-certificate PDF of the same serial.
std::string RenderCertificateBook(const std::vector<BookPage>& pages, const std::string& title,
                                  int64_t created_at);

/// The envelope embedded in a PDF file's bytes; an Error if there is none or it is damaged.
Result<nlohmann::json> ExtractPdfEnvelope(std::string_view pdf);

}  // namespace jixu::certs
