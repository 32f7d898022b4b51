#include "app/xlsx_export.hpp"

#include <map>

#include "app/xlsx_writer.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::app {
namespace {

XlsxCell OptDate(const std::optional<Date>& d) {
  if (d) return *d;
  return std::monostate{};
}

double H(Hours h) { return h.ToDouble(); }

std::string IdNumberFor(const FullIdNumberRule& full_id, const storage::PersonFacts& p) {
  return !full_id || full_id(p) ? p.id_number : validate::MaskIdNumber(p.id_number);
}

struct Tally {
  int64_t persons = 0;
  int64_t by_status[4] = {0, 0, 0, 0};  // compliance::Status order
  Hours hours;
  void Add(const compliance::YearResult& r) {
    ++persons;
    ++by_status[static_cast<int>(r.status)];
    hours += r.professional_hours + r.public_hours;
  }
};

const std::vector<XlsxColumn>& TallyColumns(const std::string& key_header, double key_width) {
  static std::vector<XlsxColumn> cols;
  cols = {{key_header, key_width},
          {"人数", 10, XlsxKind::kNumber},
          {"已达标", 10, XlsxKind::kNumber},
          {"进行中", 10, XlsxKind::kNumber},
          {"未达标", 10, XlsxKind::kNumber},
          {"免修", 8, XlsxKind::kNumber},
          {"达标率", 10, XlsxKind::kPercent},
          {"登记学时", 12, XlsxKind::kNumber},
          {"人均学时", 12, XlsxKind::kNumber}};
  return cols;
}

std::vector<XlsxCell> TallyRow(const std::string& key, const Tally& t) {
  using compliance::Status;
  const auto n = [&](Status s) { return static_cast<double>(t.by_status[static_cast<int>(s)]); };
  // Exempt persons owe nothing: the rate is over those who owe hours.
  const double owing = static_cast<double>(t.persons) - n(Status::kExempt);
  return {key, static_cast<double>(t.persons), n(Status::kCompliant), n(Status::kInProgress),
          n(Status::kNotCompliant), n(Status::kExempt),
          owing > 0 ? n(Status::kCompliant) / owing : 0.0, H(t.hours),
          t.persons > 0 ? H(t.hours) / static_cast<double>(t.persons) : 0.0};
}

}  // namespace

ExportCounts ExportPersonsXlsx(storage::Store& store, const storage::PersonFilter& filter,
                               const std::string& path, const FullIdNumberRule& full_id) {
  XlsxWriter w(path);
  w.AddSheet("人员名册", {{"身份证号", 22},
                          {"姓名", 10},
                          {"单位代码", 22},
                          {"行政区划代码", 14},
                          {"专业", 10},
                          {"职称级别", 10},
                          {"取得职称日期", 14, XlsxKind::kDate},
                          {"参加工作日期", 14, XlsxKind::kDate}});
  ExportCounts counts;
  store.persons().ForEach(filter, [&](const storage::PersonFacts& p) {
    w.AddRow({IdNumberFor(full_id, p), p.name, p.employer_code, p.region_code, p.field,
              p.title_level == records::TitleLevel::kNone
                  ? XlsxCell{std::monostate{}}
                  : XlsxCell{std::string(records::TitleLevelZh(p.title_level))},
              OptDate(p.title_since), OptDate(p.joined)});
    ++counts.rows;
  });
  w.Close();
  return counts;
}

ExportCounts ExportComplianceXlsx(ComplianceService& service, int year,
                                  const storage::PersonFilter& filter, const std::string& path,
                                  std::optional<compliance::Status> status,
                                  const FullIdNumberRule& full_id) {
  XlsxWriter w(path);
  w.AddSheet(std::to_string(year) + "年度达标情况",
             {{"身份证号", 22},
              {"姓名", 10},
              {"单位代码", 22},
              {"行政区划代码", 14},
              {"年度", 8, XlsxKind::kNumber},
              {"学时政策", 16},
              {"应修学时", 10, XlsxKind::kNumber},
              {"专业科目学时", 14, XlsxKind::kNumber},
              {"公需科目学时", 14, XlsxKind::kNumber},
              {"计入学时", 10, XlsxKind::kNumber},
              {"尚差学时", 10, XlsxKind::kNumber},
              {"达标情况", 10}});
  ExportCounts counts;
  service.ForEachInYear(year, filter, false,
                        [&](const storage::PersonFacts& p, const compliance::YearResult& r) {
                          if (status && r.status != *status) return;
                          w.AddRow({IdNumberFor(full_id, p), p.name, p.employer_code, p.region_code,
                                    static_cast<double>(year), r.policy_id, H(r.required),
                                    H(r.professional_hours), H(r.public_hours),
                                    H(r.counted_hours), H(r.shortfall_hours),
                                    std::string(compliance::StatusZh(r.status))});
                          ++counts.rows;
                        });
  w.Close();
  return counts;
}

ExportCounts ExportStatisticsXlsx(ComplianceService& service, int year,
                                  const storage::PersonFilter& filter,
                                  const validate::RegionTable& regions, const std::string& path) {
  // Every level below the filter's own: a province's export has a row per city and, under
  // each, a row per county; the nation's a row per province, city and county.
  const size_t own = filter.region_prefix == "x" ? 6 : filter.region_prefix.size();
  std::map<std::string, Tally> by_region;
  std::map<std::string, Tally> by_field;
  Tally all;
  service.ForEachInYear(year, filter, false,
                        [&](const storage::PersonFacts& p, const compliance::YearResult& r) {
                          for (size_t len : {size_t{2}, size_t{4}, size_t{6}}) {
                            if (len > own && p.region_code.size() >= len) {
                              by_region[p.region_code.substr(0, len)].Add(r);
                            }
                          }
                          by_field[p.field].Add(r);
                          all.Add(r);
                        });
  XlsxWriter w(path);
  std::vector<XlsxColumn> cols = TallyColumns("地区", 18);
  cols.insert(cols.begin(), XlsxColumn{"行政区划代码", 14});
  cols.insert(cols.begin() + 2, XlsxColumn{"级别", 8});
  w.AddSheet(std::to_string(year) + "按地区", cols);
  ExportCounts counts;
  for (const auto& [prefix, t] : by_region) {  // code order: each county right under its city
    std::string name = regions.NameOfPrefix(prefix);
    if (name.empty()) name = prefix;
    std::vector<XlsxCell> row = TallyRow(prefix.size() == 6 ? "　" + name : name, t);
    row.insert(row.begin(), prefix + std::string(6 - prefix.size(), '0'));
    row.insert(row.begin() + 2,
               std::string(prefix.size() == 2 ? "省" : prefix.size() == 4 ? "市" : "县"));
    w.AddRow(row);
    ++counts.rows;
  }
  std::vector<XlsxCell> total = TallyRow("合计", all);
  total.insert(total.begin(), std::string());
  total.insert(total.begin() + 2, std::string());
  w.AddRow(total);
  w.AddSheet(std::to_string(year) + "按专业", TallyColumns("专业", 14));
  for (const auto& [field, t] : by_field) {
    w.AddRow(TallyRow(field.empty() ? "（未填）" : field, t));
    ++counts.rows;
  }
  w.AddRow(TallyRow("合计", all));
  w.Close();
  return counts;
}

}  // namespace jixu::app
