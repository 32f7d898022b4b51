#pragma once
// Internal to the demo generator (demo.cpp, demo_people.cpp); not part of the app's interface.
#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <vector>

#include "app/demo.hpp"
#include "app/demo_names.hpp"
#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::app::detail {

using records::Category;
using records::Form;

constexpr int64_t kBatch = 10'000;
constexpr int kEmployersPerProvince = 24;

/// Provinces the demo covers: east, west (incl. Xinjiang and Qinghai), northeast and central, so
/// the regional tilt reports (Art. 17–19) have something to show.
constexpr std::array<std::string_view, 10> kProvinces{"11", "31", "44", "51", "65",
                                                      "63", "21", "23", "42", "41"};

struct PersonSeed {
  std::string id_number;
  uint8_t field = 0;
  uint8_t province = 0;
  uint8_t diligence = 0;  // 0 thorough, 1 partial, 2 public-heavy, 3 inactive
  Date joined;
};

class Generator {
 public:
  Generator(const DemoOptions& o, const validate::RegionTable& regions)
      : opt_(o), regions_(regions), rng_(o.seed) {
    for (std::string_view p : kProvinces) {
      auto counties = regions_.CountiesOf(p);
      if (!counties.empty()) provinces_.push_back({std::string(p), std::move(counties)});
    }
  }

  DemoCounts Run(DemoSink& sink, const std::function<void(int64_t)>& progress) {
    MakeEmployers(sink);
    MakeProviders(sink);
    MakePersons(sink, progress);
    MakeRecords(sink, progress);
    return counts_;
  }

 private:
  struct Province {
    std::string prefix;
    std::vector<const validate::Region*> counties;
  };

  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Uniform(0, static_cast<int>(v.size()) - 1)]; }
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string CreditCode(char authority, char type, const std::string& region) {
    static constexpr std::string_view kOrgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::string org;
    for (int i = 0; i < 8; ++i) org.push_back(kOrgChars[Uniform(0, i == 0 ? 9 : 30)]);
    org.push_back(validate::OrganizationCodeCheckChar(org));
    std::string code = std::string{authority, type} + region + org;
    code.push_back(validate::CreditCodeCheckChar(code));
    return code;
  }

  std::string CityName(const std::string& county) {
    const std::string city = county.substr(0, 4) + "00";
    const validate::Region* r = regions_.Find(city);
    if (r == nullptr || r->name.find("市辖") != std::string::npos) {
      r = regions_.Find(county.substr(0, 2) + "0000");
    }
    return r != nullptr ? r->name : std::string();
  }

  void MakeEmployers(DemoSink& sink) {
    std::vector<records::Employer> rows;
    for (size_t p = 0; p < provinces_.size(); ++p) {
      // A person lies where their employer does (docs/architecture.md#a-persons-region): the
      // units sit in the province's first two cities, so a city account has staff in several
      // of its counties.
      std::vector<const validate::Region*> pool;
      std::vector<std::string> cities;
      for (const auto* c : provinces_[p].counties) {
        const std::string city = c->code.substr(0, 4);
        if (std::find(cities.begin(), cities.end(), city) == cities.end()) {
          if (cities.size() == 2) continue;
          cities.push_back(city);
        }
        pool.push_back(c);
      }
      for (int i = 0; i < kEmployersPerProvince; ++i) {
        const auto& field = demo_names::kFields[i % demo_names::kFields.size()];
        records::Employer e;
        e.region_code = Pick(pool)->code;
        const bool enterprise = field.employer_kind.find("公司") != std::string_view::npos;
        e.code = CreditCode(enterprise ? '9' : '1', enterprise ? '1' : '2', e.region_code);
        const int ordinal = i / static_cast<int>(demo_names::kFields.size()) + 1;
        e.name = CityName(e.region_code) + (ordinal > 1 ? "第" + std::to_string(ordinal) : "") +
                 std::string(field.employer_kind);
        e.type = enterprise ? (i % 3 == 0 ? records::EmployerType::kStateEnterprise
                                          : records::EmployerType::kPrivateEnterprise)
                            : records::EmployerType::kPublicInstitution;
        e.industry = std::string(field.industry);
        rows.push_back(e);
        employers_by_province_field_[p * demo_names::kFields.size() +
                                     i % demo_names::kFields.size()]
            .push_back(e.code);
      }
    }
    sink.Employers(rows);
    counts_.employers = static_cast<int64_t>(rows.size());
  }

  void MakeProviders(DemoSink& sink) {
    std::vector<records::Provider> rows;
    for (const auto& prov : provinces_) {
      const validate::Region* province = regions_.Find(prov.prefix + "0000");
      const std::string pname = province != nullptr ? province->name : prov.prefix;
      const std::string region = prov.counties.front()->code;
      struct Kind { std::string suffix; records::ProviderType type; };
      for (const Kind& k : {Kind{"专业技术人员继续教育基地", records::ProviderType::kGovernmentCentre},
                            Kind{"大学继续教育学院", records::ProviderType::kUniversity},
                            Kind{"专业技术人员在线学习平台", records::ProviderType::kEnterpriseTraining},
                            Kind{"科学技术协会", records::ProviderType::kAssociation}}) {
        records::Provider p;
        p.region_code = region;
        p.code = CreditCode(k.type == records::ProviderType::kEnterpriseTraining ? '9' : '1',
                            k.type == records::ProviderType::kEnterpriseTraining ? '1' : '2',
                            region);
        p.name = pname + k.suffix;
        p.type = k.type;
        rows.push_back(p);
      }
    }
    providers_ = rows;
    sink.Providers(rows);
    counts_.providers = static_cast<int64_t>(rows.size());
  }

  std::string PersonName() {
    std::string n(demo_names::kSurnames[Uniform(0, demo_names::kSurnames.size() - 1)]);
    const int len = Chance(0.7) ? 2 : 1;
    for (int i = 0; i < len; ++i) {
      n += demo_names::kGivenChars[Uniform(0, demo_names::kGivenChars.size() - 1)];
    }
    return n;
  }

  std::string IdNumber(const std::string& region, Date birth, int64_t index) {
    char body[32];
    const int seq = static_cast<int>((index * 7 + Uniform(0, 6)) % 1000);
    std::snprintf(body, sizeof body, "%s%08d%03d", region.c_str(), birth.ToYmdInt(), seq);
    std::string id(body);
    id.push_back(validate::IdNumberCheckChar(id));
    return id;
  }

  void MakePersons(DemoSink& sink, const std::function<void(int64_t)>& progress);
  void MakeRecords(DemoSink& sink, const std::function<void(int64_t)>& progress);
  void RecordsForYear(const PersonSeed& p, int year, std::vector<records::LearningRecord>& out);

  const DemoOptions& opt_;
  const validate::RegionTable& regions_;
  std::mt19937_64 rng_;
  std::vector<Province> provinces_;
  std::array<std::vector<std::string>, kProvinces.size() * demo_names::kFields.size()>
      employers_by_province_field_;
  std::vector<records::Provider> providers_;
  std::vector<PersonSeed> seeds_;
  DemoCounts counts_;
};

}  // namespace jixu::app::detail
