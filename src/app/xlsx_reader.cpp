#include "app/xlsx_reader.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>

#include "app/xlsx_package.hpp"
#include "core/common/error.hpp"

namespace jixu::app {

std::optional<Date> ExcelSerialToDate(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return std::nullopt;
  const auto days = static_cast<int32_t>(std::floor(serial));
  // 1900 system: serial 25569 is 1970-01-01; Excel counts a 29 Feb 1900 that never was, so
  // serials before 61 are one day closer. 1904 system: serial 0 is 1904-01-01 (24107 days
  // before 1970-01-01).
  if (date1904) return Date::FromDays(days - 24107);
  if (days == 60) return std::nullopt;  // the phantom 1900-02-29
  return Date::FromDays(days - (days >= 61 ? 25569 : 25568));
}

bool LooksLikeXlsx(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  if (in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
    return true;
  }
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".xlsx") == 0;
}

XlsxReader::XlsxReader(const std::string& path, const XlsxLimits& limits)
    : impl_(xlsx::OpenSheet(path, limits)) {}

XlsxReader::XlsxReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<XlsxReader> XlsxReader::FromBytes(std::string bytes, const XlsxLimits& limits) {
  return std::unique_ptr<XlsxReader>(
      new XlsxReader(xlsx::OpenSheetFromBytes(std::move(bytes), limits)));
}

XlsxReader::~XlsxReader() = default;

bool XlsxReader::Next(Row& row) {
  xlsx::SheetRow r;
  if (!xlsx::NextRow(*impl_, r)) return false;
  current_ = std::move(r.cells);
  row.line = r.line;
  row.error.clear();
  row.error_zh.clear();
  row.fields.assign(current_.begin(), current_.end());
  return true;
}

}  // namespace jixu::app
