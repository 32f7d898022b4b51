// The .xlsx reader's XML handling: the input is split into the package's parts at lines
// "--part--" (sheet, shared strings, styles, workbook, relationships, in that order; missing
// ones get a minimal default), zipped uncompressed in memory, and read. Mutations land in the
// XML itself instead of breaking the ZIP's checksums as they do in xlsx_package.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/xlsx_package.hpp"
#include "app/xlsx_reader.hpp"

namespace {

constexpr std::string_view kSeparator = "\n--part--\n";

std::vector<std::string> Split(std::string_view in) {
  std::vector<std::string> parts;
  while (parts.size() < 4) {
    const size_t at = in.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.emplace_back(in.substr(0, at));
    in.remove_prefix(at + kSeparator.size());
  }
  parts.emplace_back(in);
  return parts;
}

/// A stored (uncompressed) ZIP of the named parts, built in memory.
std::string ZipOf(const std::vector<std::pair<const char*, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, text] : parts) {
    zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
    const zip_int64_t i = zip_file_add(z, name, src, 0);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  }
  zip_close(z);
  std::string bytes;
  zip_stat_t st;
  if (zip_source_open(out) == 0) {
    if (zip_source_stat(out, &st) == 0) {
      bytes.resize(st.size);
      bytes.resize(static_cast<size_t>(std::max<zip_int64_t>(0, zip_source_read(out, bytes.data(), st.size))));
    }
    zip_source_close(out);
  }
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto in = Split(std::string_view(reinterpret_cast<const char*>(data), size));
  in.resize(5);
  if (in[3].empty()) {
    in[3] = R"(<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  }
  if (in[4].empty()) {
    in[4] = R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";
  }
  std::vector<std::pair<const char*, std::string>> parts = {
      {"xl/worksheets/sheet1.xml", in[0]}, {"xl/workbook.xml", in[3]},
      {"xl/_rels/workbook.xml.rels", in[4]}};
  if (!in[1].empty()) parts.emplace_back("xl/sharedStrings.xml", in[1]);
  if (!in[2].empty()) parts.emplace_back("xl/styles.xml", in[2]);
  jixu::app::XlsxLimits limits;
  limits.max_rows = 5000;
  limits.max_cell_bytes = 4096;
  limits.max_row_bytes = 16384;
  try {
    auto reader = jixu::app::XlsxReader::FromBytes(ZipOf(parts), limits);
    jixu::app::Row row;
    while (reader->Next(row)) {
      size_t bytes = 0;
      for (auto f : row.fields) bytes += f.size();
      if (bytes > limits.max_row_bytes) __builtin_trap();
      if (row.fields.size() > static_cast<size_t>(limits.max_columns)) __builtin_trap();
    }
  } catch (const jixu::app::xlsx::MalformedXlsx&) {
  }
  return 0;
}
