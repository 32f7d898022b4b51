#pragma once
// Writing CSV (RFC 4180): the counterpart of csv_reader.hpp, for the demo files and CLI output.
#include <string>
#include <string_view>

namespace jixu::app {

/// The field as it goes in a CSV line: quoted (with quotes doubled) only when it holds a comma,
/// a quote or a line break.
std::string CsvField(std::string_view s);

}  // namespace jixu::app
