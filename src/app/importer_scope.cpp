#include "app/importer_scope.hpp"

namespace jixu::app {
namespace {

bool InRegion(const storage::Scope& s, std::string_view region_code) {
  return region_code.substr(0, s.region_prefix.size()) == s.region_prefix;
}

/// A person's, an employer admin's or a provider's scope: they register no organisation.
bool BoundToOne(const storage::Scope& s) {
  return s.person_id != 0 || !s.employer_code.empty() || !s.provider_code.empty();
}

}  // namespace

bool Unrestricted(const storage::Scope& s) {
  return !BoundToOne(s) && s.region_prefix.empty() && s.industry.empty();
}

std::string_view PersonPlacementOutOfScope(const storage::Scope& s, const records::Person& p,
                                           std::string_view employer_industry) {
  // A person's or a provider's scope never registers persons.
  if (s.person_id != 0 || !s.provider_code.empty()) return "employer_code";
  if (!s.employer_code.empty() && p.employer_code != s.employer_code) return "employer_code";
  if (!InRegion(s, p.region_code)) return "region_code";
  if (!s.industry.empty() && employer_industry != s.industry) return "employer_code";
  return "";
}

std::string_view OrgPlacementOutOfScope(const storage::Scope& s, std::string_view region_code) {
  if (BoundToOne(s) || !InRegion(s, region_code)) return "region_code";
  return "";
}

bool EmployerInScope(const storage::Scope& s, const records::Employer& e) {
  if (BoundToOne(s) && s.employer_code != e.code) return false;
  if (!InRegion(s, e.region_code)) return false;
  return s.industry.empty() || s.industry == e.industry;
}

bool ProviderInScope(const storage::Scope& s, const records::Provider& p) {
  return !BoundToOne(s) && InRegion(s, p.region_code);
}

}  // namespace jixu::app
