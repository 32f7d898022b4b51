#include "certs/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

#include "core/common/error.hpp"

namespace jixu::certs {

std::string QrSvg(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(s.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) throw Fault("render_failed", "QR encoding failed");
  constexpr int kQuiet = 4;
  const int w = code->width;
  const int n = w + 2 * kQuiet;
  std::string path;
  for (int r = 0; r < w; ++r) {
    for (int c = 0; c < w; ++c) {
      if ((code->data[r * w + c] & 1) == 0) continue;
      path += "M" + std::to_string(c + kQuiet) + " " + std::to_string(r + kQuiet) + "h1v1h-1z";
    }
  }
  const std::string size = std::to_string(n);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace jixu::certs
