#pragma once
// Helpers every resource file uses: loading a thing by its opaque id inside the caller's scope
// (404 otherwise), mapping domain values to JSON, and appending the audit entry of a write.
#include <string>

#include "core/compliance/engine.hpp"
#include "core/records/types.hpp"
#include "http/api.hpp"
#include "http/json_util.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

namespace jixu::http {

using storage::Role;

/// The person with this opaque id if it lies in the caller's scope; 404 otherwise.
records::Person LoadPerson(Call& call, const std::string& opaque_id);
/// The record with this opaque id if the caller may see it; 404 otherwise.
records::LearningRecord LoadRecord(Call& call, const std::string& opaque_id);
/// Whether the caller may read the person (scope predicate evaluated by the database).
bool PersonVisible(Call& call, int64_t person_id);

/// Whether the caller's scope covers the employer (the predicate of the employer list).
bool EmployerVisible(Call& call, const records::Employer& e);

/// Full ID numbers go to the person, their employer's admin and the system admin; everyone
/// else sees the masked form (docs/api.md#personal-data).
bool SeesFullIdNumber(const Caller& caller, const records::Person& p);

json PersonJson(const Api& api, const records::Person& p, bool full_id);
json RecordJson(const Api& api, const records::LearningRecord& r);
json EmployerJson(const Api& api, const records::Employer& e);
json ProviderJson(const Api& api, const records::Provider& p, bool approved);
json CourseJson(const Api& api, const storage::Course& c);
json YearResultJson(const compliance::YearResult& r);
json UserJson(const Api& api, const storage::User& u);

/// Where an audited entity lies, so authorities can read the audit of their scope.
struct AuditPlace {
  std::string region_code;
  std::string industry;
  std::string employer_code;
  std::string provider_code;
};
AuditPlace PlaceOfPerson(storage::Store& store, const records::Person& p);

/// Appends the audit entry of a write; call inside the write (same transaction).
void Audit(storage::Store& store, const Call& call, std::string action, std::string entity,
           std::string entity_id, const AuditPlace& place, const json& before, const json& after);

/// The fields every new record has (date, category, form, hours, title, …), errors collected.
records::LearningRecord ReadRecord(Call& call, const json& obj, Errors& errors);

/// An evidence file's type by its first bytes (PDF, JPEG, PNG), or "" if none of them.
std::string SniffMime(std::string_view bytes);

/// A year parameter: ?year= (default: this year).
int YearParam(Call& call, const char* name = "year");

}  // namespace jixu::http
