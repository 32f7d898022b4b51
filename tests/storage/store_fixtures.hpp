#pragma once
// Builders of small, plausible registry rows for the storage contract tests.
#include <cstdio>
#include <string>

#include "core/records/types.hpp"
#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::storage::testing {

/// A valid resident ID for sequence number `n` (born 1980-01-01 in Chengdu Jinjiang).
inline std::string TestIdNumber(int n) {
  char body[24];
  std::snprintf(body, sizeof body, "51010419800101%03u", static_cast<unsigned>(n) % 1000);
  std::string id(body, 17);
  id.push_back(validate::IdNumberCheckChar(id));
  return id;
}

/// A valid unified social credit code for number `n`.
inline std::string TestCreditCode(int n, std::string_view region = "510104") {
  char org[16];
  std::snprintf(org, sizeof org, "%08u", static_cast<unsigned>(n) % 100000000);
  std::string code = "91" + std::string(region) + org;
  code.push_back(validate::OrganizationCodeCheckChar(org));
  code.push_back(validate::CreditCodeCheckChar(code));
  return code;
}

inline records::Employer TestEmployer(int n, std::string region = "510104") {
  records::Employer e;
  e.code = TestCreditCode(n, region);
  e.name = "测试单位" + std::to_string(n);
  e.region_code = region;
  e.type = records::EmployerType::kPrivateEnterprise;
  return e;
}

inline records::Provider TestProvider(int n, std::string region = "510104") {
  records::Provider p;
  p.code = TestCreditCode(5000 + n, region);
  p.name = "测试培训机构" + std::to_string(n);
  p.region_code = region;
  p.type = records::ProviderType::kUniversity;
  return p;
}

inline records::Person TestPerson(int n, const records::Employer& employer,
                                  std::string field = "工程",
                                  records::TitleLevel level = records::TitleLevel::kIntermediate) {
  records::Person p;
  p.id_number = TestIdNumber(n);
  p.name = "张" + std::to_string(n);
  p.employer_code = employer.code;
  p.region_code = employer.region_code;
  p.field = std::move(field);
  p.title_level = level;
  p.title_since = Date::FromYmd(2015, 7, 1);
  return p;
}

inline records::LearningRecord TestRecord(int64_t person_id, Date date, double hours,
                                          std::string title = "课程") {
  records::LearningRecord r;
  r.person_id = person_id;
  r.date = date;
  r.category = records::Category::kProfessional;
  r.form = records::Form::kCentralizedTraining;
  r.hours = Hours::FromCenti(static_cast<int64_t>(hours * 100 + 0.5));
  r.provider_name = "外部机构";
  r.title = std::move(title);
  return r;
}

inline Date Ymd(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

}  // namespace jixu::storage::testing
