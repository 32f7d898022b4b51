#include "app/importer.hpp"

#include "app/import/encoding.hpp"

#include "app/field_text.hpp"
#include "app/importer_check.hpp"
#include "app/importer_columns.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>

namespace jixu::app {
namespace {

using import::ColumnMap;
using import::ErrorList;
using import::RowCheck;

std::unique_ptr<import::KindHandler> MakeHandler(ImportKind kind, const ImportContext& ctx) {
  switch (kind) {
    case ImportKind::kEmployers: return import::MakeEmployerHandler(ctx);
    case ImportKind::kProviders: return import::MakeProviderHandler(ctx);
    case ImportKind::kPersons: return import::MakePersonHandler(ctx);
    case ImportKind::kRecords: return import::MakeRecordHandler(ctx);
  }
  return nullptr;
}

bool AllEmpty(const Row& row) {
  if (!row.error.empty()) return false;  // a row too long to keep has no fields, and is no blank
  for (auto f : row.fields) {
    if (!import::Trim(f).empty()) return false;
  }
  return true;
}

std::string CodePoint(unsigned c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "U+%04X", c);
  return buf;
}

/// Problems of the row as a whole; true if the row can be checked field by field.
bool CheckRowShape(const Row& row, const ColumnMap& cols, ErrorList& errors) {
  if (!row.error.empty()) {
    errors.Add({row.line, "", "malformed_row",
                "CSV格式错误：" + (row.error_zh.empty() ? row.error : row.error_zh),
                "malformed CSV row: " + row.error});
    return false;
  }
  for (size_t i = 0; i < row.fields.size(); ++i) {
    const std::string_view f = row.fields[i];
    if (!ValidUtf8(f)) {
      if (import::ReadsAsGb18030(f)) {
        errors.Add({row.line, "", "invalid_encoding",
                    "文件是 GB18030/GBK 编码（中文 Excel 另存的“CSV（逗号分隔）”），不是 UTF-8：请另存为“CSV UTF-8”，或在网页上导入（自动识别编码）",
                    "the file is GB18030/GBK encoded (Chinese Excel's \"CSV (Comma delimited)\"), not UTF-8: "
                    "save it as \"CSV UTF-8\", or import it on the web page (which detects the encoding)"});
      } else {
        errors.Add({row.line, "", "invalid_encoding",
                    "文件既不是 UTF-8 也不是 GB18030/GBK 编码（请在Excel中另存为“CSV UTF-8”）",
                    "the file is neither UTF-8 nor GB18030/GBK encoded (save it as \"CSV UTF-8\")"});
      }
      return false;
    }
    if (const auto c = ControlChar(f)) {
      const auto col = cols.ColumnAt(i);
      const std::string name = col ? std::string(import::ColumnName(*col)) : std::string();
      const std::string zh_name = col ? "（" + std::string(import::ColumnNameZh(*col)) + "）" : "";
      const std::string en_name = col ? " (" + name + ")" : "";
      errors.Add({row.line, name, "control_character",
                  "第" + std::to_string(i + 1) + "列" + zh_name + "含有控制字符" + CodePoint(*c) +
                      "（只允许制表符）",
                  "column " + std::to_string(i + 1) + en_name + ": contains the control character " +
                      CodePoint(*c) + " (only tab is allowed)"});
      return false;
    }
  }
  for (size_t i = cols.width(); i < row.fields.size(); ++i) {
    if (!import::Trim(row.fields[i]).empty()) {
      errors.Add({row.line, "", "too_many_fields",
                  "该行有" + std::to_string(row.fields.size()) + "列，表头只有" +
                      std::to_string(cols.width()) + "列（含逗号的值请加英文双引号）",
                  "the row has " + std::to_string(row.fields.size()) +
                      " fields but the header has " + std::to_string(cols.width()) +
                      " (quote values that contain commas)"});
      return false;
    }
  }
  return true;
}

void Report(const ImportContext& ctx, int64_t rows, const ErrorList& errors) {
  if (ctx.progress) ctx.progress({rows, errors.count()});
}

/// One data row: shape, then the handler's field checks (which queue it if valid).
void CheckRow(const Row& row, const ColumnMap& cols, import::KindHandler& handler,
              ErrorList& errors) {
  if (CheckRowShape(row, cols, errors)) {
    RowCheck check(row, cols, errors);
    handler.Row(check);
  }
}

// A large import on two cores: a second thread reads, parses and checks rows and sorts each full
// batch (Seal) while this thread writes the previous batch. The store is only ever touched on
// this thread (a PostgreSQL unit of work is bound to the thread that began it), and one batch
// is in writing while the next fills, so memory stays two batches. Whether a batch is written
// depends on the errors found up to its sealing; the commit, as before, on all of them.
class Pipeline {
 public:
  Pipeline(RowSource& rows, const ColumnMap& cols, import::KindHandler& handler,
           ErrorList& errors, const ImportContext& ctx, int64_t& row_count)
      : rows_(rows), cols_(cols), handler_(handler), errors_(errors), ctx_(ctx),
        row_count_(row_count) {}

  void Run(storage::Store& store, storage::WriteStats& stats) {
    std::thread parser([this] { Parse(); });
    try {
      for (;;) {
        int64_t errors_at_seal;
        {
          std::unique_lock lock(mu_);
          cv_.wait(lock, [&] { return sealed_ || parsed_; });
          if (!sealed_) break;
          errors_at_seal = errors_at_seal_;
        }
        handler_.FlushSealed(store, errors_at_seal == 0, stats);
        {
          std::lock_guard lock(mu_);
          sealed_ = false;
        }
        cv_.notify_all();
      }
    } catch (...) {
      {
        std::lock_guard lock(mu_);
        abort_ = true;
      }
      cv_.notify_all();
      parser.join();
      throw;
    }
    parser.join();
    if (parse_error_) std::rethrow_exception(parse_error_);
  }

 private:
  void Parse() {
    try {
      Row row;
      while (rows_.Next(row)) {
        if (AllEmpty(row)) continue;
        ++row_count_;
        CheckRow(row, cols_, handler_, errors_);
        if (handler_.BatchFull() && !HandOver()) return;
        if (ctx_.progress_every > 0 && row_count_ % ctx_.progress_every == 0) {
          Report(ctx_, row_count_, errors_);
        }
      }
    } catch (...) {
      parse_error_ = std::current_exception();
    }
    std::lock_guard lock(mu_);
    parsed_ = true;
    cv_.notify_all();
  }

  /// Waits until the writer is done with the previous batch, then seals this one.
  bool HandOver() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !sealed_ || abort_; });
    if (abort_) return false;
    handler_.Seal();
    errors_at_seal_ = errors_.count();
    sealed_ = true;
    cv_.notify_all();
    return true;
  }

  RowSource& rows_;
  const ColumnMap& cols_;
  import::KindHandler& handler_;
  ErrorList& errors_;  ///< the parser's until it has finished
  const ImportContext& ctx_;
  int64_t& row_count_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool sealed_ = false;  ///< a sealed batch waits for (or is in) FlushSealed
  bool parsed_ = false;
  bool abort_ = false;
  int64_t errors_at_seal_ = 0;
  std::exception_ptr parse_error_;
};

}  // namespace

std::optional<ImportKind> ParseImportKind(std::string_view text) {
  for (auto k : {ImportKind::kEmployers, ImportKind::kProviders, ImportKind::kPersons,
                 ImportKind::kRecords}) {
    if (text == ImportKindCode(k)) return k;
  }
  return std::nullopt;
}

std::string_view ImportKindCode(ImportKind kind) {
  switch (kind) {
    case ImportKind::kEmployers: return "employers";
    case ImportKind::kProviders: return "providers";
    case ImportKind::kPersons: return "persons";
    case ImportKind::kRecords: return "records";
  }
  return "";
}

ImportReport Import(storage::Store& store, ImportKind kind, const std::string& path,
                    const ImportContext& ctx) {
  std::optional<CsvReader> reader;
  try {
    reader.emplace(path);
  } catch (const Fault& f) {
    ImportReport report;
    report.kind = kind;
    report.error_count = 1;
    report.errors.push_back({0, "", "file_unreadable", "无法读取文件：" + path, f.what()});
    return report;
  }
  return ImportRows(store, kind, *reader, ctx);
}

ImportReport ImportRows(storage::Store& store, ImportKind kind, RowSource& rows,
                        const ImportContext& ctx) {
  ImportReport report;
  report.kind = kind;
  ErrorList errors(ctx.max_listed_errors);
  Row row;
  const bool has_header = rows.Next(row);
  if (!has_header) {
    errors.Add({0, "", "empty_file", "文件为空（缺少表头行）", "the file is empty (no header row)"});
  }
  const ColumnMap cols = has_header ? ColumnMap::FromHeader(kind, row, report.errors) : ColumnMap{};
  for (auto& e : report.errors) errors.Add(std::move(e));
  report.errors.clear();
  if (errors.count() > 0) {
    report.error_count = errors.count();
    report.errors = errors.Take();
    return report;
  }

  // One transaction for the whole file: nothing is visible or kept unless every row is valid.
  // Once an error is found, rows are still checked (to list every bad one) but not written.
  // Records: every person and provider a row names is looked up in what Prepare() reads below,
  // inside this unit of work and under its write lock, and a row naming none is an error that
  // stops the commit. The store's own per-row foreign-key probes would repeat those lookups
  // (a tenth of a large import's time in SQLite), so the unit of work is a verified one.
  storage::UnitOfWorkPtr uow;
  if (!ctx.dry_run) uow = kind == ImportKind::kRecords ? store.BeginVerified() : store.Begin();
  auto handler = MakeHandler(kind, ctx);
  handler->Prepare(store);
  storage::WriteStats stats;
  auto write = [&] { return uow != nullptr && errors.count() == 0; };
  if (handler->Pipelined() && uow != nullptr) {
    Pipeline(rows, cols, *handler, errors, ctx, report.rows).Run(store, stats);
  } else {
    while (rows.Next(row)) {
      if (AllEmpty(row)) continue;
      ++report.rows;
      CheckRow(row, cols, *handler, errors);
      if (handler->BatchFull()) {
        handler->Check(store, errors);
        handler->Flush(store, write(), stats);
      }
      if (ctx.progress_every > 0 && report.rows % ctx.progress_every == 0) {
        Report(ctx, report.rows, errors);
      }
    }
  }
  handler->Check(store, errors);
  handler->Flush(store, write(), stats);
  if (write()) {
    if (ctx.changes != nullptr) handler->Done(*ctx.changes);
    uow->Commit();
    report.committed = true;
    report.inserted = stats.inserted;
    report.updated = stats.updated;
    report.unchanged = stats.unchanged;
  }
  Report(ctx, report.rows, errors);
  report.error_count = errors.count();
  report.errors = errors.Take();
  // Check() reports a batch's rows after the field errors of later rows: back to file order.
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
  return report;
}

}  // namespace jixu::app
