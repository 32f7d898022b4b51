#include "app/import/template.hpp"

#include <algorithm>

#include "app/importer_columns.hpp"
#include "app/xlsx_writer.hpp"
#include "core/records/types.hpp"
#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::app::import {
namespace {

/// Rows of the data sheet that carry the drop-downs and prompts (a template for a few thousand
/// rows; a larger file is cut into several or written as CSV).
constexpr size_t kTemplateRows = 5000;

template <typename E>
std::vector<std::string> ValuesZh(int count, std::string_view (*zh)(E)) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) out.emplace_back(zh(static_cast<E>(i)));
  return out;
}

/// A well-formed sample code: check characters computed, so the sample passes the same checks.
std::string SampleCreditCode() {
  const std::string org = "MA5D1A2B";
  const std::string first17 = "91440106" + org + validate::OrganizationCodeCheckChar(org);
  return first17 + validate::CreditCodeCheckChar(first17);
}
std::string SampleIdNumber() {
  const std::string first17 = "44010619850312002";
  return first17 + validate::IdNumberCheckChar(first17);
}

struct Extra {
  std::vector<std::string> values;
  std::string hint;
  std::string sample;
};

Extra ExtraOf(ImportKind kind, Col c) {
  using namespace records;
  switch (c) {
    case Col::kCode: return {{}, "18位统一社会信用代码", SampleCreditCode()};
    case Col::kName:
      return {{}, kind == ImportKind::kPersons ? "姓名" : "单位全称",
              kind == ImportKind::kPersons ? "王晓明" : kind == ImportKind::kProviders ? "广东省医学继续教育中心" : "广州市天河区人民医院"};
    case Col::kRegionCode: return {{}, "6位行政区划代码（GB/T 2260），如 440106 广州市天河区", "440106"};
    case Col::kType:
      return kind == ImportKind::kProviders
                 ? Extra{ValuesZh<ProviderType>(8, ProviderTypeZh), "从列表中选择", std::string(ProviderTypeZh(ProviderType{}))}
                 : Extra{ValuesZh<EmployerType>(7, EmployerTypeZh), "从列表中选择", std::string(EmployerTypeZh(EmployerType::kPublicInstitution))};
    case Col::kIndustry: return {{}, "主管行业，如 卫生健康", "卫生健康"};
    case Col::kIdNumber: return {{}, "18位居民身份证号（末位可为X）", SampleIdNumber()};
    case Col::kEmployerCode: return {{}, "用人单位的统一社会信用代码", SampleCreditCode()};
    case Col::kField: return {{}, "专业或职称系列，如 卫生、工程、会计", "卫生"};
    case Col::kTitleLevel: return {ValuesZh<TitleLevel>(5, TitleLevelZh), "从列表中选择", std::string(TitleLevelZh(TitleLevel::kIntermediate))};
    case Col::kTitleSince: return {{}, "日期，格式 YYYY-MM-DD，如 2018-06-30", "2018-06-30"};
    case Col::kJoined: return {{}, "日期，格式 YYYY-MM-DD", "2008-07-01"};
    case Col::kDate: return {{}, "完成日期，格式 YYYY-MM-DD，不能晚于今天", "2025-05-20"};
    case Col::kCategory: return {ValuesZh<Category>(kCategoryCount, CategoryZh), "从列表中选择", std::string(CategoryZh(Category::kProfessional))};
    case Col::kForm: return {ValuesZh<Form>(kFormCount, FormZh), "从列表中选择", std::string(FormZh(Form{}))};
    case Col::kHours: return {{}, "学时数，可为小数（如 1.5）", "8"};
    case Col::kProvider: return {{}, "施教机构的统一社会信用代码或名称", "广东省医学继续教育中心"};
    case Col::kTitle: return {{}, "课程或培训项目名称", "医疗质量与安全管理"};
    case Col::kSourceId: return {{}, "贵单位系统中的记录编号（可空；用于重复导入时识别同一条）", ""};
    case Col::kTopic: return {{}, "专题（可空）", ""};
    case Col::kActivity: return {{}, "活动类型（可空）", ""};
    case Col::kCourseCode: return {{}, "课程代码（可空）", ""};
    case Col::kStatus: return {ValuesZh<RecordStatus>(3, RecordStatusZh), "可空（空为已通过）", ""};
    case Col::kCount: break;
  }
  return {};
}

bool IsCode(Col c) {
  return c == Col::kCode || c == Col::kRegionCode || c == Col::kIdNumber || c == Col::kEmployerCode ||
         c == Col::kSourceId || c == Col::kCourseCode;
}

/// "A", "B", … "Z", "AA": the spreadsheet letter of a 0-based column.
std::string ColumnLetter(size_t i) {
  std::string s;
  for (++i; i > 0; i = (i - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (i - 1) % 26));
  return s;
}

}  // namespace

std::vector<TemplateColumn> TemplateColumns(ImportKind kind) {
  std::vector<TemplateColumn> out;
  for (const auto& spec : ColumnsOf(kind)) {
    Extra e = ExtraOf(kind, spec.col);
    // A person's name is 姓名; an organisation's 名称 (the importer accepts either header).
    std::string zh(spec.col == Col::kName && kind == ImportKind::kPersons ? "姓名" : ColumnNameZh(spec.col));
    out.push_back({std::string(ColumnName(spec.col)), std::move(zh), spec.required,
                   std::move(e.values), std::move(e.hint), std::move(e.sample)});
  }
  return out;
}

std::string KindNameZh(ImportKind kind) {
  switch (kind) {
    case ImportKind::kEmployers: return "用人单位";
    case ImportKind::kProviders: return "施教机构";
    case ImportKind::kPersons: return "专业技术人员";
    case ImportKind::kRecords: return "学时记录";
  }
  return "";
}

void WriteTemplate(ImportKind kind, const std::string& path) {
  const auto cols = TemplateColumns(kind);
  XlsxWriter w(path);
  std::vector<XlsxColumn> headers;
  std::vector<XlsxCell> sample;
  const auto specs = ColumnsOf(kind);
  for (size_t i = 0; i < cols.size(); ++i) {
    const bool code = IsCode(specs[i].col);
    // A Chinese character is about two of Excel's width units; codes are 18 characters.
    const double width = code ? 22 : std::max<double>(12, static_cast<double>(cols[i].zh.size()) / 3 * 2 + 6);
    headers.push_back({cols[i].zh + (cols[i].required ? "*" : ""), width, code ? XlsxKind::kCode : XlsxKind::kText});
    sample.emplace_back(cols[i].sample);
  }
  // The data sheet first: the importer reads the workbook's first sheet.
  w.AddSheet(KindNameZh(kind), headers);
  w.AddRow(sample);
  size_t list = 0;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].values_zh.empty()) {
      w.AddPrompt(i, kTemplateRows, cols[i].hint_zh);
      continue;
    }
    const std::string letter = ColumnLetter(list++);
    const std::string range = "='选项'!$" + letter + "$2:$" + letter + "$" + std::to_string(cols[i].values_zh.size() + 1);
    w.AddListValidation(i, range, kTemplateRows, cols[i].hint_zh + "：" + cols[i].zh,
                        "“" + cols[i].zh + "”只能取列表中的值");
  }
  // The instructions: every column, required or not, its rule and accepted values.
  w.AddSheet("填写说明", {{"列名", 16}, {"是否必填", 10}, {"填写要求", 48}, {"可选值", 60}});
  w.AddRow({std::string("第1张表第2行是示例，导入前请删除或改成真实数据。带 * 的列必须填写。"), std::string(), std::string(), std::string()});
  for (const auto& c : cols) {
    std::string values;
    for (const auto& v : c.values_zh) values += (values.empty() ? "" : "、") + v;
    w.AddRow({c.zh, std::string(c.required ? "必填" : "可空"), c.hint_zh, values});
  }
  // The drop-down lists, one column per enumeration.
  std::vector<XlsxColumn> lists;
  for (const auto& c : cols) {
    if (!c.values_zh.empty()) lists.push_back({c.zh, 16});
  }
  if (!lists.empty()) {
    w.AddSheet("选项", lists);
    size_t longest = 0;
    for (const auto& c : cols) longest = std::max(longest, c.values_zh.size());
    for (size_t r = 0; r < longest; ++r) {
      std::vector<XlsxCell> row;
      for (const auto& c : cols) {
        if (c.values_zh.empty()) continue;
        row.emplace_back(r < c.values_zh.size() ? XlsxCell(c.values_zh[r]) : XlsxCell());
      }
      w.AddRow(row);
    }
  }
  w.Close();
}

}  // namespace jixu::app::import
