#include "certs/pdf_canvas.hpp"

#include <cairo-pdf.h>
#include <qrencode.h>

#include <memory>

#include "certs/pdf_certificate.hpp"
#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

PangoAlignment PangoAlign(Align a) {
  switch (a) {
    case Align::kLeft: return PANGO_ALIGN_LEFT;
    case Align::kCenter: return PANGO_ALIGN_CENTER;
    case Align::kRight: return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

PdfCanvas::PdfCanvas(std::string& out) {
  surface_ = cairo_pdf_surface_create_for_stream(Append, &out, kWidth, kHeight);
  cr_ = cairo_create(surface_);
  layout_ = pango_cairo_create_layout(cr_);
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS) {
    throw Fault("render_failed", cairo_status_to_string(cairo_status(cr_)));
  }
}

PdfCanvas::~PdfCanvas() {
  if (layout_ != nullptr) g_object_unref(layout_);
  if (cr_ != nullptr) cairo_destroy(cr_);
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

void PdfCanvas::SetMetadata(cairo_pdf_metadata_t key, const std::string& value) {
  cairo_pdf_surface_set_metadata(surface_, key, value.c_str());
}

void PdfCanvas::Prepare(std::string_view text, double width, const TextStyle& style) {
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, std::string(kCertificateFont).c_str());
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout_, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(layout_, PangoAlign(style.align));
  // A negative height is a line count (pango); -1 with no ellipsis is unlimited.
  pango_layout_set_height(layout_, style.max_lines > 0 ? -style.max_lines : -1);
  pango_layout_set_ellipsize(layout_, style.max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
}

double PdfCanvas::LayoutHeight() const {
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout_, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double PdfCanvas::Text(std::string_view text, double x, double y, double width,
                       const TextStyle& style) {
  Prepare(text, width, style);
  cairo_set_source_rgb(cr_, style.gray, style.gray, style.gray);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout_);
  return LayoutHeight();
}

double PdfCanvas::Measure(std::string_view text, double width, const TextStyle& style) {
  Prepare(text, width, style);
  return LayoutHeight();
}

void PdfCanvas::Line(double x1, double y1, double x2, double y2, double width, double gray) {
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void PdfCanvas::Rect(double x, double y, double w, double h, double line_width, double gray) {
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_set_line_width(cr_, line_width);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
}

void PdfCanvas::FillRect(double x, double y, double w, double h, double gray) {
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void PdfCanvas::Qr(std::string_view text, double x, double y, double size) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) throw Fault("render_failed", "QR encoding failed");
  constexpr int kQuiet = 4;  // modules of white border the standard asks for
  const int n = code->width + 2 * kQuiet;
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_A8, n, n);
  cairo_surface_flush(img);
  unsigned char* px = cairo_image_surface_get_data(img);
  const int stride = cairo_image_surface_get_stride(img);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      const int r = row - kQuiet;
      const int c = col - kQuiet;
      const bool dark = r >= 0 && c >= 0 && r < code->width && c < code->width &&
                        (code->data[r * code->width + c] & 1) != 0;
      px[row * stride + col] = dark ? 255 : 0;
    }
  }
  cairo_surface_mark_dirty(img);
  FillRect(x, y, size, size, 1);
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_scale(cr_, size / n, size / n);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_pattern_t* mask = cairo_pattern_create_for_surface(img);
  cairo_pattern_set_filter(mask, CAIRO_FILTER_NEAREST);  // crisp modules, no smoothing
  cairo_mask(cr_, mask);
  cairo_pattern_destroy(mask);
  cairo_restore(cr_);
  cairo_surface_destroy(img);
}

void PdfCanvas::NextPage() { cairo_show_page(cr_); }

void PdfCanvas::Finish() {
  cairo_show_page(cr_);
  cairo_surface_finish(surface_);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    throw Fault("render_failed", cairo_status_to_string(cairo_surface_status(surface_)));
  }
}

}  // namespace jixu::certs
