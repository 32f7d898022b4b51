#pragma once
// A small drawing layer over cairo + pango for the certificate layout: text boxes with a font
// size and alignment, lines, rectangles, and a QR code drawn as one masked image (one image per
// code instead of hundreds of rectangles keeps each PDF small and fast to write).
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>
#include <string_view>

namespace jixu::certs {

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  double size = 11;  ///< points
  bool bold = false;
  Align align = Align::kLeft;
  double gray = 0;   ///< 0 black … 1 white
  int max_lines = 0; ///< wrap to at most this many lines, the last ending in "…"; 0 = no limit
};

class PdfCanvas {
 public:
  /// Writes the PDF into `out` as it is produced. Page: A4 portrait, in points.
  explicit PdfCanvas(std::string& out);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  static constexpr double kWidth = 595.28;
  static constexpr double kHeight = 841.89;

  void SetMetadata(cairo_pdf_metadata_t key, const std::string& value);
  /// Draws `text` in a box `width` wide whose top-left is (x, y); returns the box's height.
  double Text(std::string_view text, double x, double y, double width, const TextStyle& style);
  /// The height `Text` would draw, without drawing.
  double Measure(std::string_view text, double width, const TextStyle& style);
  void Line(double x1, double y1, double x2, double y2, double width, double gray = 0);
  void Rect(double x, double y, double w, double h, double line_width, double gray = 0);
  void FillRect(double x, double y, double w, double h, double gray);
  /// A QR code of `text` (error correction M) `size` points wide at (x, y).
  void Qr(std::string_view text, double x, double y, double size);
  /// Ends the current page and starts a new, blank one.
  void NextPage();
  /// Finishes the document; the output is complete after this.
  void Finish();

 private:
  /// Sets the shared layout up for `text` in a box `width` wide.
  void Prepare(std::string_view text, double width, const TextStyle& style);
  double LayoutHeight() const;

  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoLayout* layout_ = nullptr;
};

}  // namespace jixu::certs
