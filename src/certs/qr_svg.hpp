#pragma once
// A QR code as a small SVG (libqrencode), for the TOTP enrolment page: the server draws it, so
// the web UI needs no QR library and the secret never reaches a third-party script.
#include <string>
#include <string_view>

namespace jixu::certs {

/// `text` as an SVG QR code (error correction M, a 4-module quiet zone), one path of dark modules.
std::string QrSvg(std::string_view text);

}  // namespace jixu::certs
