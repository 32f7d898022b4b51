// The .xlsx reader on raw bytes: ZIP directory, inflation and the XML parts as libzip hands them
// over. Limits are small so a generated bomb is refused at once rather than slowing the run.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/xlsx_package.hpp"
#include "app/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  jixu::app::XlsxLimits limits;
  limits.max_sheet_bytes = 4 << 20;
  limits.max_part_bytes = 4 << 20;
  limits.max_rows = 5000;
  try {
    auto reader = jixu::app::XlsxReader::FromBytes(
        std::string(reinterpret_cast<const char*>(data), size), limits);
    jixu::app::Row row;
    while (reader->Next(row)) {
      for (auto f : row.fields) {
        if (f.size() > limits.max_cell_bytes) __builtin_trap();
      }
    }
  } catch (const jixu::app::xlsx::MalformedXlsx&) {
  }
  return 0;
}
