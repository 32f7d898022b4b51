#pragma once
// The text encoding of an uploaded CSV file. Chinese Excel saves "CSV (逗号分隔)" in the system's
// code page, GBK (a subset of GB18030), not UTF-8; a file that is not UTF-8 but reads as GB18030
// is converted (glibc iconv) instead of refused.
#include <optional>
#include <string>
#include <string_view>

namespace jixu::app::import {

struct DecodedText {
  std::string text;      ///< UTF-8 (a UTF-8 byte order mark kept as it was)
  std::string encoding;  ///< "UTF-8" or "GB18030"
};

/// The bytes as UTF-8: unchanged if they are UTF-8, converted if they are GB18030 (GBK, GB2312);
/// nullopt if they are neither.
std::optional<DecodedText> DecodeCsvText(std::string bytes);

/// Whether `bytes` (not UTF-8) read as GB18030: for an error message naming the encoding.
bool ReadsAsGb18030(std::string_view bytes);

}  // namespace jixu::app::import
