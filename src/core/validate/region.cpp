#include "core/validate/region.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace jixu::validate {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

Error TableError(size_t line, const std::string& zh, const std::string& en) {
  return MakeError(kRegionTableError, "regions",
                   "行政区划表第" + std::to_string(line) + "行：" + zh,
                   "regions: line " + std::to_string(line) + ": " + en);
}

// Splits one CSV record into fields. Quoted fields may contain commas and doubled quotes; a
// record never spans lines (no division name contains a newline). nullopt on a broken quote.
std::optional<std::vector<std::string>> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields;
  std::string field;
  size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) return std::nullopt;  // unterminated quote
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (i < line.size() && line[i] != ',') return std::nullopt;  // text after closing quote
    } else {
      while (i < line.size() && line[i] != ',') field.push_back(line[i++]);
    }
    fields.push_back(field);
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// GB/T 2260 rows that stand for "the counties directly under" a level rather than a real city;
// a full name reads better without them ("北京市 朝阳区", not "北京市 市辖区 朝阳区").
bool IsPlaceholderCity(std::string_view name) {
  return name == "市辖区" || name == "县" || name == "省直辖县级行政区划" ||
         name == "自治区直辖县级行政区划";
}

}  // namespace

bool IsProvincePrefix(std::string_view p) {
  if (p.size() != 2 || !AllDigits(p)) return false;
  const int v = (p[0] - '0') * 10 + (p[1] - '0');
  return (v >= 11 && v <= 15) || (v >= 21 && v <= 23) || (v >= 31 && v <= 37) ||
         (v >= 41 && v <= 46) || (v >= 50 && v <= 54) || (v >= 61 && v <= 65) || v == 71 ||
         v == 81 || v == 82;
}

bool IsRegionCodeFormat(std::string_view code) {
  return code.size() == 6 && AllDigits(code) && IsProvincePrefix(code.substr(0, 2));
}

RegionLevel RegionLevelOf(std::string_view code) {
  if (code.size() >= 6 && code.substr(2, 4) == "0000") return RegionLevel::kProvince;
  if (code.size() >= 6 && code.substr(4, 2) == "00") return RegionLevel::kCity;
  return RegionLevel::kCounty;
}

Result<RegionTable> RegionTable::Parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // Excel's UTF-8 BOM
  RegionTable table;
  bool header_seen = false;
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;

    const auto fields = SplitCsvLine(line);
    if (!fields) return TableError(line_no, "引号不匹配", "unbalanced quotes");
    if (!header_seen) {
      if (fields->size() != 2 || Trim((*fields)[0]) != "code" || Trim((*fields)[1]) != "name") {
        return TableError(line_no, "表头应为 code,name", "header must be `code,name`");
      }
      header_seen = true;
      continue;
    }
    if (fields->size() != 2) {
      return TableError(line_no, "应有2列（code,name），实际" + std::to_string(fields->size()) + "列",
                        "expected 2 columns (code,name), got " + std::to_string(fields->size()));
    }
    const std::string code(Trim((*fields)[0]));
    const std::string name(Trim((*fields)[1]));
    if (!IsRegionCodeFormat(code)) {
      return TableError(line_no, "代码“" + code + "”不是有效的6位行政区划代码",
                        "code '" + code + "' is not a 6-digit code with a province prefix");
    }
    if (name.empty()) return TableError(line_no, "名称为空", "name is empty");
    if (table.index_.count(code) != 0) {
      return TableError(line_no, "代码" + code + "重复", "duplicate code " + code);
    }
    table.index_.emplace(code, table.regions_.size());
    table.regions_.push_back(Region{code, name, RegionLevelOf(code)});
  }
  if (!header_seen) return TableError(1, "表为空，缺少表头 code,name", "empty table, no `code,name` header");

  // Keep rows in code order whatever the file order, so Provinces/CountiesOf are sorted.
  std::sort(table.regions_.begin(), table.regions_.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  for (size_t i = 0; i < table.regions_.size(); ++i) table.index_[table.regions_[i].code] = i;
  return table;
}

bool RegionTable::Contains(std::string_view code) const { return Find(code) != nullptr; }

const Region* RegionTable::Find(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &regions_[it->second];
}

std::string RegionTable::FullName(std::string_view code) const {
  const Region* self = Find(code);
  if (self == nullptr) return {};
  std::string out;
  auto append = [&out](const std::string& name) {
    if (!out.empty()) out += ' ';
    out += name;
  };
  if (self->level != RegionLevel::kProvince) {
    if (const Region* p = Find(self->code.substr(0, 2) + "0000")) append(p->name);
  }
  if (self->level == RegionLevel::kCounty) {
    const Region* c = Find(self->code.substr(0, 4) + "00");
    if (c != nullptr && !IsPlaceholderCity(c->name)) append(c->name);
  }
  append(self->name);
  return out;
}

std::string RegionTable::NameOfPrefix(std::string_view prefix) const {
  const std::string p(prefix);
  const Region* r = nullptr;
  if (p.size() == 2) r = Find(p + "0000");
  else if (p.size() == 4) r = Find(p + "00");
  else if (p.size() == 6) r = Find(p);
  if (r != nullptr && r->level == RegionLevel::kCity && IsPlaceholderCity(r->name)) {
    r = Find(p.substr(0, 2) + "0000");
  }
  return r != nullptr ? r->name : std::string();
}

Result<std::string> RegionTable::Validate(std::string_view code, std::string_view field_view) const {
  const std::string field(field_view);
  if (!IsRegionCodeFormat(code)) {
    return MakeError(kRegionCodeFormatError, field,
                     "行政区划代码（" + field + "）应为6位数字，且前两位为有效的省级代码",
                     field + ": a region code is 6 digits starting with a province code");
  }
  if (!Contains(code)) {
    return MakeError(kRegionUnknownError, field,
                     "行政区划代码（" + field + "）" + std::string(code) + "不在现行区划表中",
                     field + ": region code " + std::string(code) +
                         " is not in the current GB/T 2260 table");
  }
  return std::string(code);
}

std::vector<const Region*> RegionTable::Provinces() const {
  std::vector<const Region*> out;
  for (const Region& r : regions_) {
    if (r.level == RegionLevel::kProvince) out.push_back(&r);
  }
  return out;
}

std::vector<const Region*> RegionTable::CountiesOf(std::string_view prefix) const {
  std::vector<const Region*> out;
  if (prefix.empty() || !AllDigits(prefix)) return out;
  for (const Region& r : regions_) {
    if (r.level == RegionLevel::kCounty && std::string_view(r.code).starts_with(prefix)) {
      out.push_back(&r);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> RegionTable::ChildrenOf(
    std::string_view prefix) const {
  std::vector<std::pair<std::string, std::string>> out;
  if ((!prefix.empty() && !AllDigits(prefix)) ||
      (prefix.size() != 0 && prefix.size() != 2 && prefix.size() != 4)) {
    return out;
  }
  const size_t len = prefix.size() + 2;
  for (const Region& r : regions_) {
    if (!std::string_view(r.code).starts_with(prefix)) continue;
    std::string child = r.code.substr(0, len);
    // A division's own row (the province's xx0000, the city's xxxx00) is not its child.
    if (len == 4 && child.substr(2) == "00") continue;  // the province's own row
    if (len == 6 && child.substr(4) == "00") continue;  // the city's own row
    if (!out.empty() && out.back().first == child) continue;
    std::string name = NameOfPrefix(child);
    if (name.empty()) name = child;  // a level missing from the table: shown by its code
    out.emplace_back(std::move(child), std::move(name));
  }
  return out;
}

}  // namespace jixu::validate
