#include "http/handlers/people/scoped_filter.hpp"

namespace jixu::http {

storage::PersonFilter ScopedPersonFilter(Call& call, bool with_name) {
  storage::PersonFilter filter;
  filter.region_prefix = QueryStr(call.req, "region");
  if (!filter.region_prefix.empty() &&
      (filter.region_prefix.size() > 6 ||
       filter.region_prefix.find_first_not_of("0123456789") != std::string::npos)) {
    ThrowBadRequest("region", "行政区划代码须为数字前缀", "region must be a numeric prefix");
  }
  const auto& s = call.caller.scope;
  if (!s.region_prefix.empty()) {
    if (filter.region_prefix.empty() || s.region_prefix.rfind(filter.region_prefix, 0) == 0) {
      filter.region_prefix = s.region_prefix;
    } else if (filter.region_prefix.rfind(s.region_prefix, 0) != 0) {
      filter.region_prefix = "x";  // disjoint: matches no region code
    }
  }
  filter.industry = s.industry;
  filter.employer_code = s.employer_code;
  if (auto e = QueryStr(call.req, "employer"); !e.empty()) {
    const int64_t id = call.api.ids.Decode(kEmployerId, e);
    auto emp = id ? call.store.queries().EmployerById(id) : std::nullopt;
    if (!emp || !EmployerVisible(call, *emp)) ThrowNotFound();
    if (!filter.employer_code.empty() && filter.employer_code != emp->code) ThrowNotFound();
    filter.employer_code = emp->code;
  }
  filter.field = QueryStr(call.req, "field");
  if (filter.field.size() > 50) ThrowBadRequest("field", "专业过长", "field is too long");
  if (auto t = QueryStr(call.req, "title_level"); !t.empty()) {
    filter.title_level = records::ParseTitleLevel(t);
    if (!filter.title_level) ThrowBadRequest("title_level", "未知的职称级别", "unknown title level");
  }
  if (with_name) {
    filter.name_prefix = QueryStr(call.req, "name");
    if (filter.name_prefix.size() > 100) ThrowBadRequest("name", "姓名过长", "name is too long");
  }
  return filter;
}

}  // namespace jixu::http
