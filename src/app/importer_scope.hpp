#pragma once
// Who may write what: the scope rules of the single-row routes (POST/PATCH /persons, POST
// /employers and /providers) as pure functions of the caller's storage::Scope, so a bulk import
// checks each row by exactly the rule the route applies to one (docs/api.md#imports).
#include <string_view>

#include "core/records/types.hpp"
#include "core/storage/server_repos.hpp"

namespace jixu::app {

/// True for the system admin's empty scope (and the CLI's): no row is out of it.
bool Unrestricted(const storage::Scope& scope);

/// The field that puts a person with these facts outside `scope` ("employer_code" or
/// "region_code"), or "" if the caller may register the person there or move them there.
/// `employer_industry` is the industry of the person's employer (an industry authority's rule).
std::string_view PersonPlacementOutOfScope(const storage::Scope& scope, const records::Person& p,
                                           std::string_view employer_industry);

/// The same for an employer or provider at `region_code`: only authorities (within their
/// region) and the admin register organisations. "" if allowed, else "region_code".
std::string_view OrgPlacementOutOfScope(const storage::Scope& scope, std::string_view region_code);

/// Whether an existing employer lies in the scope (the predicate of the employer list).
bool EmployerInScope(const storage::Scope& scope, const records::Employer& e);
/// Whether an existing provider lies in an authority's region (the rule of provider approval).
bool ProviderInScope(const storage::Scope& scope, const records::Provider& p);

}  // namespace jixu::app
