#include "certs/payload.hpp"

#include <cstdlib>

#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

using nlohmann::json;

json Header(std::string_view kind, const std::string& serial, const std::string& issuer,
            Date issued_on, const Subject& subject) {
  json person = {{"name", subject.name}, {"id_number_masked", MaskIdNumber(subject.id_number)}};
  if (!subject.employer.empty()) person["employer"] = subject.employer;
  return {{"type", kind},
          {"version", kPayloadVersion},
          {"serial", serial},
          {"issuer", {{"name", issuer}}},
          {"issued_on", issued_on.ToString()},
          {"subject", std::move(person)}};
}

std::string Text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return HoursText(v);
  return v.dump();
}

std::string StatusLabel(const json& v) {
  for (auto s : {compliance::Status::kCompliant, compliance::Status::kInProgress,
                 compliance::Status::kNotCompliant, compliance::Status::kExempt}) {
    if (v == compliance::StatusCode(s)) {
      return std::string(compliance::StatusZh(s)) + " / " + std::string(compliance::StatusEn(s));
    }
  }
  return Text(v);
}

/// "集中培训 60, 网络课程 12" from [{"form": "centralized_training", "hours": 60}, ...].
std::string FormsText(const json& forms) {
  if (!forms.is_array()) return Text(forms);
  std::string out;
  for (const auto& f : forms) {
    if (!out.empty()) out += ", ";
    const std::string code = f.value("form", "");
    auto form = records::ParseForm(code);
    out += form ? std::string(records::FormZh(*form)) : code;
    out += " " + (f.contains("hours") ? Text(f["hours"]) : "?");
  }
  return out.empty() ? "—" : out;
}

struct Label {
  const char* path;
  const char* zh;
  const char* en;
};

// Reading order of the certified content; every other field is appended by its path.
constexpr Label kLabels[] = {
    {"type", "证书类型", "certificate"},
    {"serial", "证书编号", "serial"},
    {"issuer.name", "发证机构", "issuer"},
    {"issued_on", "发证日期", "issued on"},
    {"subject.name", "姓名", "name"},
    {"subject.id_number_masked", "身份证号", "ID number"},
    {"subject.employer", "工作单位", "employer"},
    {"year", "年度", "year"},
    {"policy", "学时政策", "policy"},
    {"hours.professional", "专业科目学时", "professional subjects (h)"},
    {"hours.public", "公需科目学时", "public subjects (h)"},
    {"hours.total", "登记学时合计", "hours recorded (h)"},
    {"hours.counted", "计入学时", "hours counted (h)"},
    {"hours.required", "应修学时", "hours required (h)"},
    {"hours.shortfall", "尚差学时", "shortfall (h)"},
    {"by_form", "各培训形式学时", "hours by form"},
    {"credits.counted", "计入学分", "credits counted"},
    {"credits.required", "应修学分", "credits required"},
    {"status", "达标情况", "status"},
    {"provider.name", "施教机构", "provider"},
    {"provider.code", "施教机构代码", "provider code"},
    {"class.title", "班次/课程", "class"},
    {"class.category", "科目类别", "category"},
    {"class.from", "开始日期", "from"},
    {"class.to", "结束日期", "to"},
    {"class.hours", "学时", "hours"},
};

void Flatten(const json& v, const std::string& prefix, std::vector<std::pair<std::string, json>>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      Flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    }
  } else {
    out.emplace_back(prefix, v);
  }
}

}  // namespace

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 10) return std::string(id.size(), '*');
  return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') +
         std::string(id.substr(id.size() - 4));
}

json HoursJson(Hours h) {
  if (h.centi() % Hours::kScale == 0) return h.centi() / Hours::kScale;
  return static_cast<double>(h.centi()) / Hours::kScale;
}

std::string HoursText(const json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (!v.is_number_float()) return v.dump();
  // Hundredths are the payload's precision: round-trip through them gives "1.5", "0.25".
  const double d = v.get<double>();
  const auto centi = static_cast<int64_t>(d * 100 + (d >= 0 ? 0.5 : -0.5));
  return Hours::FromCenti(centi).ToString();
}

json AnnualPayload(const std::string& serial, const std::string& issuer, Date issued_on,
                   const Subject& subject, const compliance::YearResult& r,
                   const records::YearTotals& totals) {
  json p = Header(kKindAnnual, serial, issuer, issued_on, subject);
  p["year"] = r.year;
  p["policy"] = r.policy_id;
  p["hours"] = {{"professional", HoursJson(r.professional_hours)},
                {"public", HoursJson(r.public_hours)},
                {"total", HoursJson(r.professional_hours + r.public_hours)},
                {"counted", HoursJson(r.counted_hours)},
                {"required", HoursJson(r.required)},
                {"shortfall", HoursJson(r.shortfall_hours)}};
  json forms = json::array();
  for (int f = 0; f < records::kFormCount; ++f) {
    const Hours h = totals.FormTotal(static_cast<records::Form>(f));
    if (!h.IsZero()) {
      forms.push_back({{"form", records::FormCode(static_cast<records::Form>(f))},
                       {"hours", HoursJson(h)}});
    }
  }
  p["by_form"] = std::move(forms);
  if (r.required_credits && r.counted_credits) {
    p["credits"] = {{"required", HoursJson(*r.required_credits)},
                    {"counted", HoursJson(*r.counted_credits)}};
  }
  p["status"] = compliance::StatusCode(r.status);
  return p;
}

json ClassPayload(const std::string& serial, const std::string& issuer, Date issued_on,
                  const Subject& subject, const ClassInfo& c) {
  json p = Header(kKindClass, serial, issuer, issued_on, subject);
  p["year"] = c.to.year();
  p["provider"] = {{"code", c.provider_code}, {"name", c.provider_name}};
  p["class"] = {{"title", c.title},
                {"category", records::CategoryCode(c.category)},
                {"from", c.from.ToString()},
                {"to", c.to.ToString()},
                {"hours", HoursJson(c.hours)}};
  return p;
}

std::vector<ContentLine> Describe(const json& payload) {
  std::vector<std::pair<std::string, json>> flat;
  Flatten(payload, "", flat);
  std::vector<ContentLine> out;
  std::vector<bool> used(flat.size(), false);
  for (const Label& l : kLabels) {
    for (size_t i = 0; i < flat.size(); ++i) {
      if (used[i] || flat[i].first != l.path) continue;
      used[i] = true;
      std::string value = Text(flat[i].second);
      if (flat[i].first == "type") {
        value = flat[i].second == kKindAnnual ? "继续教育学时证明 / annual CE hours"
                                              : "培训结业证明 / class completion";
      } else if (flat[i].first == "status") {
        value = StatusLabel(flat[i].second);
      } else if (flat[i].first == "by_form") {
        value = FormsText(flat[i].second);
      } else if (flat[i].first == "class.category") {
        auto c = records::ParseCategory(value);
        if (c) value = std::string(records::CategoryZh(*c)) + " / " + value;
      }
      out.push_back({l.zh, l.en, value});
    }
  }
  for (size_t i = 0; i < flat.size(); ++i) {
    if (!used[i] && flat[i].first != "version") {
      out.push_back({flat[i].first, flat[i].first, Text(flat[i].second)});
    }
  }
  return out;
}

}  // namespace jixu::certs
