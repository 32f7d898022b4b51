// The CSV reader and the field checks every imported value passes (UTF-8, control characters):
// any bytes, either delimiter, small limits so the long-row and many-field paths are reached.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/csv_reader.hpp"
#include "app/field_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  using jixu::app::CsvLimits;
  const char delimiter = (data[0] & 1) != 0 ? '\t' : ',';
  CsvLimits limits;
  limits.max_row_bytes = 8 + static_cast<size_t>(data[1]) * 16;
  limits.max_fields = 1 + (data[0] >> 1) % 64;
  auto reader = jixu::app::CsvReader::FromString(
      std::string(reinterpret_cast<const char*>(data) + 2, size - 2), delimiter, limits);
  jixu::app::Row row;
  int64_t last_line = 0;
  while (reader.Next(row)) {
    if (row.line <= last_line) __builtin_trap();  // lines only move forward
    last_line = row.line;
    if (row.fields.size() > limits.max_fields) __builtin_trap();
    size_t bytes = 0;
    for (auto f : row.fields) {
      bytes += f.size();
      if (jixu::app::ValidUtf8(f)) (void)jixu::app::ControlChar(f);
    }
    if (bytes > limits.max_row_bytes) __builtin_trap();
  }
  return 0;
}
