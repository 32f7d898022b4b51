// ImportXlsx: the .xlsx reader feeding the importer, its failures turned into report entries.
#include "app/xlsx_package.hpp"
#include "app/xlsx_reader.hpp"

namespace jixu::app {
namespace {

ImportReport Refused(ImportKind kind, const xlsx::MalformedXlsx& f) {
  ImportReport report;
  report.kind = kind;
  report.error_count = 1;
  if (!f.message_zh().empty()) {
    report.errors.push_back({f.line(), "", f.code(), f.message_zh(), f.what()});
  } else {
    report.errors.push_back({f.line(), "", "malformed_xlsx",
                             "Excel文件无法读取或内容损坏：" + std::string(f.what()),
                             std::string("the Excel file cannot be read or is damaged: ") +
                                 f.what()});
  }
  return report;
}

}  // namespace

ImportReport ImportXlsx(storage::Store& store, ImportKind kind, const std::string& path,
                        const ImportContext& ctx, const XlsxLimits& limits) {
  std::unique_ptr<XlsxReader> reader;
  try {
    reader = std::make_unique<XlsxReader>(path, limits);
  } catch (const xlsx::MalformedXlsx& f) {
    return Refused(kind, f);
  }
  try {
    return ImportRows(store, kind, *reader, ctx);
  } catch (const xlsx::MalformedXlsx& f) {
    // A part broken half-way, or a limit passed: the import's transaction was rolled back by
    // ImportRows' unwinding.
    return Refused(kind, f);
  }
}

}  // namespace jixu::app
