#include "app/importer_check.hpp"

#include "app/importer_scope.hpp"

namespace jixu::app::import {

void ErrorList::Add(ImportError e) {
  ++count_;
  if (listed_.size() < cap_) listed_.push_back(std::move(e));
}

std::string_view RowCheck::Text(Col c, bool required) {
  const std::string_view v = cols_.Get(row_, c);
  if (v.empty()) {
    if (required) Missing(c);
    return v;
  }
  if (v.size() > kMaxTextBytes) {
    Fail(c, "value_too_long",
         "“" + std::string(ColumnNameZh(c)) + "”过长（" + std::to_string(v.size()) +
             "字节，最多" + std::to_string(kMaxTextBytes) + "字节）",
         std::string(ColumnName(c)) + ": too long (" + std::to_string(v.size()) +
             " bytes, at most " + std::to_string(kMaxTextBytes) + ")");
    return {};
  }
  return v;
}

std::optional<Date> RowCheck::DateOf(Col c, bool required) {
  const std::string_view v = cols_.Get(row_, c);
  if (v.empty()) {
    if (required) Missing(c);
    return std::nullopt;
  }
  if (auto d = Date::Parse(v)) return d;
  Fail(c, "invalid_date",
       "“" + std::string(ColumnNameZh(c)) + "”不是有效日期：“" + std::string(v) +
           "”（格式为YYYY-MM-DD）",
       std::string(ColumnName(c)) + ": not a valid date: \"" + std::string(v) +
           "\" (expected YYYY-MM-DD)");
  return std::nullopt;
}

std::optional<std::string> RowCheck::Region(Col c, const ImportContext& ctx) {
  const std::string_view v = cols_.Get(row_, c);
  if (v.empty()) {
    Missing(c);
    return std::nullopt;
  }
  if (ctx.regions != nullptr) return Take(ctx.regions->Validate(v, ColumnName(c)));
  const bool six_digits =
      v.size() == 6 && v.find_first_not_of("0123456789") == std::string_view::npos;
  if (six_digits) return std::string(v);
  Fail(c, "invalid_region_code",
       "“" + std::string(ColumnNameZh(c)) + "”应为6位行政区划代码：“" + std::string(v) + "”",
       std::string(ColumnName(c)) + ": must be a six-digit region code: \"" + std::string(v) +
           "\"");
  return std::nullopt;
}

void RowCheck::Fail(Col c, std::string code, std::string zh, std::string en) {
  Fail(MakeError(std::move(code), std::string(ColumnName(c)), std::move(zh), std::move(en)));
}

void RowCheck::Missing(Col c) {
  Fail(c, "missing_value", "缺少必填项“" + std::string(ColumnNameZh(c)) + "”",
       std::string(ColumnName(c)) + ": a value is required");
}

void RowCheck::Invalid(Col c, std::string_view value, std::string_view allowed) {
  Fail(c, "invalid_" + std::string(ColumnName(c)),
       "“" + std::string(ColumnNameZh(c)) + "”的值无效：“" + std::string(value) + "”（可选：" +
           std::string(allowed) + "）",
       std::string(ColumnName(c)) + ": invalid value \"" + std::string(value) + "\" (one of: " +
           std::string(allowed) + ")");
}

namespace {

Error OutOfScopeError(Col c) {
  const std::string name(ColumnName(c));
  return MakeError("out_of_scope", name,
                   "“" + std::string(ColumnNameZh(c)) + "”超出您的管辖范围（本单位/本辖区），整个文件未导入",
                   name + ": outside your scope (your employer or region); nothing was imported");
}

}  // namespace

bool Restricted(const ImportContext& ctx) { return ctx.scope && !Unrestricted(*ctx.scope); }

void OutOfScope(ErrorList& errors, int64_t line, Col c) { errors.Add(line, OutOfScopeError(c)); }

void OutOfScope(RowCheck& check, Col c) { check.Fail(OutOfScopeError(c)); }

std::optional<uint64_t> PackIdNumber(std::string_view id) {
  if (id.size() != 18) return std::nullopt;
  uint64_t v = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(id[i] - '0');
  }
  const char last = id[17];
  uint64_t check = 0;
  if (last >= '0' && last <= '9') {
    check = static_cast<uint64_t>(last - '0');
  } else if (last == 'X' || last == 'x') {
    check = 10;
  } else {
    return std::nullopt;
  }
  return v * 11 + check;
}

}  // namespace jixu::app::import
