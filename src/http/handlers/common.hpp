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
/// An exemption as GET /persons/{id}/exemptions and a person's own data show it.
json ExemptionJson(const Api& api, const records::Exemption& e);

/// Where an audited entity lies, so authorities can read the audit of their scope.
struct AuditPlace {
  std::string region_code;
  std::string industry;
  std::string employer_code;
  std::string provider_code;
};
AuditPlace PlaceOfPerson(storage::Store& store, const records::Person& p);
/// Where the caller's own organisation lies, for a write that touches many entities (an import, a
/// provider's report): an employer admin's at the employer's region and industry, a provider
/// admin's at the provider's region, an authority's at its scope; so every authority whose scope
/// covers the organisation reads the entry.
AuditPlace PlaceOfCaller(storage::Store& store, const Caller& caller);

/// Appends the audit entry of a write; call inside the write (same transaction).
void Audit(storage::Store& store, const Call& call, std::string action, std::string entity,
           std::string entity_id, const AuditPlace& place, const json& before, const json& after);

/// The fields every new record has (date, category, form, hours, title, …), errors collected.
records::LearningRecord ReadRecord(Call& call, const json& obj, Errors& errors);

/// The policy's daily maximum of a declared record's form ([review] max_hours_per_day), counting
/// what the person declared that day before (except `replacing_id`, a declaration being corrected).
/// Call it again inside the write, with the write's store, so two declarations cannot both pass.
void CheckDailyMaximum(storage::Store& store, const policy::Rules& rules,
                       const records::LearningRecord& r, int64_t replacing_id, Errors& errors);

/// The evidence a declaration names (evidence: [{sha256, filename}]), each uploaded before by
/// POST /evidence; a form the policy lists in [review] evidence_forms needs at least one unless
/// `has_evidence` (a correction keeps the corrected declaration's files).
std::vector<storage::EvidenceFile> ReadDeclaredEvidence(Call& call, const json& body,
                                                        const policy::Rules& rules,
                                                        const records::LearningRecord& r,
                                                        bool has_evidence, Errors& errors);

/// An evidence file's type by its first bytes (PDF, JPEG, PNG), or "" if none of them.
std::string SniffMime(std::string_view bytes);

/// The request body as an uploaded file (evidence, an exemption's proof, a provider's
/// application document): non-empty (400), within the evidence limit (413), PDF/JPEG/PNG by its
/// first bytes (415); named by ?filename= (at most 200 bytes) or `default_name`.
storage::EvidenceFile ReadUploadedFile(Call& call, const char* default_name);

/// A year parameter: ?year= (default: this year).
int YearParam(Call& call, const char* name = "year");

}  // namespace jixu::http
