#include "app/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include "core/common/error.hpp"

namespace jixu::app {

struct XlsxWriter::Impl {
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
  lxw_format* header = nullptr;
  lxw_format* date = nullptr;
  lxw_format* number = nullptr;
  lxw_format* percent = nullptr;
  std::vector<XlsxColumn> columns;
  lxw_row_t row = 0;
  std::string path;
};

XlsxWriter::XlsxWriter(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->wb = workbook_new(path.c_str());
  if (impl_->wb == nullptr) throw Fault("file_unwritable", "cannot create " + path);
  impl_->header = workbook_add_format(impl_->wb);
  format_set_bold(impl_->header);
  format_set_bg_color(impl_->header, 0xDDE4EE);
  format_set_border(impl_->header, LXW_BORDER_THIN);
  format_set_align(impl_->header, LXW_ALIGN_CENTER);
  impl_->date = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->date, "yyyy-mm-dd");
  impl_->number = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->number, "0.##");
  impl_->percent = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->percent, "0.0%");
}

XlsxWriter::~XlsxWriter() {
  if (impl_ && impl_->wb != nullptr) {
    workbook_close(impl_->wb);  // abandoned: still frees the workbook
  }
}

void XlsxWriter::AddSheet(const std::string& name, const std::vector<XlsxColumn>& columns) {
  impl_->ws = workbook_add_worksheet(impl_->wb, name.c_str());
  if (impl_->ws == nullptr) throw Fault("xlsx_failed", "cannot add sheet " + name);
  impl_->columns = columns;
  for (size_t c = 0; c < columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(impl_->ws, col, col, columns[c].width, nullptr);
    worksheet_write_string(impl_->ws, 0, col, columns[c].header.c_str(), impl_->header);
  }
  worksheet_freeze_panes(impl_->ws, 1, 0);
  if (!columns.empty()) {
    worksheet_autofilter(impl_->ws, 0, 0, 0, static_cast<lxw_col_t>(columns.size() - 1));
  }
  impl_->row = 1;
}

void XlsxWriter::AddRow(const std::vector<XlsxCell>& cells) {
  if (impl_->ws == nullptr) throw Fault("xlsx_failed", "AddRow before AddSheet");
  for (size_t c = 0; c < cells.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const XlsxKind kind = c < impl_->columns.size() ? impl_->columns[c].kind : XlsxKind::kText;
    if (const auto* s = std::get_if<std::string>(&cells[c])) {
      worksheet_write_string(impl_->ws, impl_->row, col, s->c_str(), nullptr);
    } else if (const auto* d = std::get_if<double>(&cells[c])) {
      worksheet_write_number(impl_->ws, impl_->row, col, *d,
                             kind == XlsxKind::kPercent ? impl_->percent : impl_->number);
    } else if (const auto* date = std::get_if<Date>(&cells[c])) {
      lxw_datetime dt{date->year(), static_cast<uint8_t>(date->month()),
                      static_cast<uint8_t>(date->day()), 0, 0, 0};
      worksheet_write_datetime(impl_->ws, impl_->row, col, &dt, impl_->date);
    }
  }
  ++impl_->row;
}

void XlsxWriter::Close() {
  const lxw_error err = workbook_close(impl_->wb);
  impl_->wb = nullptr;
  if (err != LXW_NO_ERROR) {
    throw Fault("file_unwritable",
                "cannot write " + impl_->path + ": " + lxw_strerror(err));
  }
}

}  // namespace jixu::app
