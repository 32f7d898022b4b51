#include "app/import/encoding.hpp"

#include <iconv.h>

#include <cerrno>

#include "app/field_text.hpp"

namespace jixu::app::import {
namespace {

/// GB18030 → UTF-8 with glibc's iconv; nullopt on an invalid or incomplete sequence.
std::optional<std::string> FromGb18030(std::string_view in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  // Every GB18030 character (1, 2 or 4 bytes) is at most 4 bytes of UTF-8: twice the input holds it.
  out.resize(in.size() * 2 + 16);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1) || src_left != 0) return std::nullopt;
  out.resize(out.size() - dst_left);
  return out;
}

}  // namespace

std::optional<DecodedText> DecodeCsvText(std::string bytes) {
  if (ValidUtf8(bytes)) return DecodedText{std::move(bytes), "UTF-8"};
  auto converted = FromGb18030(bytes);
  if (!converted || !ValidUtf8(*converted)) return std::nullopt;
  return DecodedText{std::move(*converted), "GB18030"};
}

bool ReadsAsGb18030(std::string_view bytes) { return FromGb18030(bytes).has_value(); }

}  // namespace jixu::app::import
