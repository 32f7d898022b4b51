#include "app/importer_columns.hpp"

#include <initializer_list>

namespace jixu::app::import {
namespace {

struct Names {
  Col col;
  std::string_view name;
  std::string_view zh;  ///< label used in Chinese messages
  std::initializer_list<std::string_view> aliases;
};

// Accepted header names. Matching is after Normalize(): ASCII lower-cased, spaces and hyphens
// as '_', a '*' (required marker in templates) and a trailing "(…)"/"（…）" unit note removed.
const Names kNames[] = {
    {Col::kCode, "code", "代码", {"统一社会信用代码", "单位代码", "机构代码", "代码", "credit_code"}},
    {Col::kName, "name", "名称", {"姓名", "名称", "单位名称", "机构名称", "施教机构名称"}},
    {Col::kRegionCode, "region_code", "行政区划代码",
     {"行政区划代码", "地区代码", "区划代码", "所在地区代码", "region"}},
    {Col::kType, "type", "类型", {"类型", "单位类型", "机构类型", "单位性质"}},
    {Col::kIndustry, "industry", "行业", {"行业", "主管行业", "所属行业"}},
    {Col::kIdNumber, "id_number", "身份证号",
     {"身份证号", "身份证号码", "证件号码", "公民身份号码", "id", "id_no"}},
    {Col::kEmployerCode, "employer_code", "单位代码",
     {"单位代码", "统一社会信用代码", "单位统一社会信用代码", "用人单位代码", "employer"}},
    {Col::kField, "field", "专业", {"专业", "专业系列", "职称系列", "系列"}},
    {Col::kTitleLevel, "title_level", "职称级别", {"职称级别", "职称等级", "职称"}},
    {Col::kTitleSince, "title_since", "取得职称日期",
     {"取得职称日期", "职称取得日期", "取得职称时间", "任职资格取得时间"}},
    {Col::kJoined, "joined", "参加工作日期",
     {"参加工作日期", "参加工作时间", "入职日期", "joined_on"}},
    {Col::kDate, "date", "完成日期", {"日期", "完成日期", "培训日期", "结业日期", "completed_on"}},
    {Col::kCategory, "category", "科目类别", {"科目类别", "类别", "科目"}},
    {Col::kForm, "form", "培训形式", {"培训形式", "形式", "学习形式"}},
    {Col::kHours, "hours", "学时", {"学时", "学时数", "学时数量"}},
    {Col::kProvider, "provider", "施教机构", {"施教机构", "培训机构", "施教机构代码", "机构"}},
    {Col::kTitle, "title", "课程名称",
     {"课程名称", "培训项目", "项目名称", "课程", "培训内容", "course"}},
    {Col::kSourceId, "source_id", "来源编号", {"来源编号", "记录编号", "证书编号"}},
    {Col::kTopic, "topic", "专题", {"专题", "主题"}},
    {Col::kActivity, "activity", "活动类型", {"活动类型", "活动"}},
    {Col::kCourseCode, "course_code", "课程代码", {"课程代码", "课程编号"}},
    {Col::kStatus, "status", "审核状态", {"审核状态", "状态"}},
};

constexpr ColumnSpec kEmployerCols[] = {{Col::kCode, true},
                                        {Col::kName, true},
                                        {Col::kRegionCode, true},
                                        {Col::kType, true},
                                        {Col::kIndustry, false}};
constexpr ColumnSpec kProviderCols[] = {
    {Col::kCode, true}, {Col::kName, true}, {Col::kRegionCode, true}, {Col::kType, true}};
constexpr ColumnSpec kPersonCols[] = {
    {Col::kIdNumber, true},    {Col::kName, true},       {Col::kEmployerCode, true},
    {Col::kRegionCode, true},  {Col::kField, true},      {Col::kTitleLevel, true},
    {Col::kTitleSince, false}, {Col::kJoined, false}};
constexpr ColumnSpec kRecordCols[] = {
    {Col::kIdNumber, true},  {Col::kDate, true},      {Col::kCategory, true},
    {Col::kForm, true},      {Col::kHours, true},     {Col::kProvider, true},
    {Col::kTitle, true},     {Col::kSourceId, false}, {Col::kTopic, false},
    {Col::kActivity, false}, {Col::kCourseCode, false}, {Col::kStatus, false}};

const Names& NamesOf(Col c) {
  for (const auto& n : kNames) {
    if (n.col == c) return n;
  }
  return kNames[0];
}

std::string Normalize(std::string_view header) {
  std::string_view h = Trim(header);
  for (std::string_view open : {"(", "（"}) {
    if (auto p = h.find(open); p != std::string_view::npos && p > 0) h = Trim(h.substr(0, p));
  }
  std::string out;
  for (char c : h) {
    if (c == '*') continue;
    if (c == ' ' || c == '-') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

bool Matches(const Names& n, std::string_view normalized) {
  if (normalized == n.name) return true;
  for (auto a : n.aliases) {
    if (normalized == a) return true;
  }
  return false;
}

std::string AcceptedNames(const Names& n) {
  std::string out(n.name);
  for (auto a : n.aliases) {
    out += '/';
    out += a;
  }
  return out;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  while (true) {
    const size_t before = s.size();
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.starts_with(kIdeographicSpace)) s.remove_prefix(3);
    if (s.ends_with(kIdeographicSpace)) s.remove_suffix(3);
    if (s.size() == before) return s;
  }
}

std::span<const ColumnSpec> ColumnsOf(ImportKind kind) {
  switch (kind) {
    case ImportKind::kEmployers: return kEmployerCols;
    case ImportKind::kProviders: return kProviderCols;
    case ImportKind::kPersons: return kPersonCols;
    case ImportKind::kRecords: return kRecordCols;
  }
  return {};
}

std::string_view ColumnName(Col c) { return NamesOf(c).name; }
std::string_view ColumnNameZh(Col c) { return NamesOf(c).zh; }

ColumnMap ColumnMap::FromHeader(ImportKind kind, const Row& header,
                                std::vector<ImportError>& errors) {
  ColumnMap map;
  map.index_.fill(-1);
  map.width_ = header.fields.size();
  const auto cols = ColumnsOf(kind);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string h = Normalize(header.fields[i]);
    for (const auto& spec : cols) {
      if (!Matches(NamesOf(spec.col), h)) continue;
      auto& slot = map.index_[static_cast<size_t>(spec.col)];
      if (slot >= 0) {
        const std::string name(ColumnName(spec.col));
        errors.push_back({header.line, name, "duplicate_column",
                          "表头中“" + std::string(ColumnNameZh(spec.col)) + "”列出现了两次（第" +
                              std::to_string(slot + 1) + "列和第" + std::to_string(i + 1) + "列）",
                          "column " + name + " appears twice in the header (columns " +
                              std::to_string(slot + 1) + " and " + std::to_string(i + 1) + ")"});
      } else {
        slot = static_cast<int>(i);
      }
      break;
    }
  }
  for (const auto& spec : cols) {
    if (!spec.required || map.has(spec.col)) continue;
    const auto& n = NamesOf(spec.col);
    errors.push_back({header.line, std::string(n.name), "missing_column",
                      "缺少必需的列“" + std::string(n.zh) + "”（可用表头：" + AcceptedNames(n) + "）",
                      "missing required column " + std::string(n.name) + " (accepted headers: " +
                          AcceptedNames(n) + ")"});
  }
  return map;
}

std::string_view ColumnMap::Get(const Row& row, Col c) const {
  const int i = index_[static_cast<size_t>(c)];
  if (i < 0 || static_cast<size_t>(i) >= row.fields.size()) return {};
  return Trim(row.fields[static_cast<size_t>(i)]);
}

std::optional<Col> ColumnMap::ColumnAt(size_t index) const {
  for (size_t c = 0; c < index_.size(); ++c) {
    if (index_[c] >= 0 && static_cast<size_t>(index_[c]) == index) return static_cast<Col>(c);
  }
  return std::nullopt;
}

}  // namespace jixu::app::import
