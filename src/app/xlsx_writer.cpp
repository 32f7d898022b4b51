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
  lxw_format* code = nullptr;
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
  impl_->code = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->code, "@");
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
    worksheet_set_column(impl_->ws, col, col, columns[c].width,
                         columns[c].kind == XlsxKind::kCode ? impl_->code : nullptr);
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
      worksheet_write_string(impl_->ws, impl_->row, col, s->c_str(),
                             kind == XlsxKind::kCode ? impl_->code : nullptr);
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

namespace {

/// Excel limits an input title to 32 characters and a message to 255 (libxlsxwriter refuses
/// longer ones): cut at a UTF-8 character boundary.
std::string Cut(const std::string& s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > max_chars) return s.substr(0, i);
  }
  return s;
}

}  // namespace

void XlsxWriter::AddListValidation(size_t column, const std::string& list_range, size_t last_row,
                                   const std::string& prompt_zh, const std::string& error_zh) {
  if (impl_->ws == nullptr) throw Fault("xlsx_failed", "validation before AddSheet");
  std::string formula = list_range, prompt = Cut(prompt_zh, 250), error = Cut(error_zh, 250);
  std::string title = Cut("请从列表中选择", 30), error_title = Cut("取值无效", 30);
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  v.value_formula = formula.data();
  v.input_title = title.data();
  v.input_message = prompt.data();
  v.error_title = error_title.data();
  v.error_message = error.data();
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  const auto col = static_cast<lxw_col_t>(column);
  const lxw_error err = worksheet_data_validation_range(impl_->ws, 1, col, static_cast<lxw_row_t>(last_row - 1), col, &v);
  if (err != LXW_NO_ERROR) throw Fault("xlsx_failed", std::string("data validation: ") + lxw_strerror(err));
}

void XlsxWriter::AddPrompt(size_t column, size_t last_row, const std::string& prompt_zh) {
  if (impl_->ws == nullptr) throw Fault("xlsx_failed", "prompt before AddSheet");
  std::string prompt = Cut(prompt_zh, 250), title = Cut("填写说明", 30);
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_ANY;
  v.input_title = title.data();
  v.input_message = prompt.data();
  const auto col = static_cast<lxw_col_t>(column);
  const lxw_error err = worksheet_data_validation_range(impl_->ws, 1, col, static_cast<lxw_row_t>(last_row - 1), col, &v);
  if (err != LXW_NO_ERROR) throw Fault("xlsx_failed", std::string("input prompt: ") + lxw_strerror(err));
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
