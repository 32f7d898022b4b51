#pragma once
// Storage interfaces of the training market (issue 11): the provider lifecycle — standing,
// applications with their documents, the history of every step — and the roster a provider
// reports hours for. Written once in src/storage/sql/market/ for both backends;
// tests/storage/market_contract_test.cpp runs them on SQLite and PostgreSQL.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.hpp"
#include "core/market/provider_status.hpp"
#include "core/records/types.hpp"
#include "core/storage/server_repos.hpp"

namespace jixu::storage {

/// One document of an application: an uploaded file (kept in the evidence blob store by its
/// SHA-256). `kind`: licence, scope, teachers, facilities or other.
struct ProviderDocument {
  std::string kind;
  std::string sha256;
  std::string filename;
  std::string mime;
  int64_t size = 0;
};

/// Where an application stands (its decision).
enum class ApplicationStatus : uint8_t { kPending = 0, kApproved, kReturned, kRejected };
std::string_view ApplicationStatusCode(ApplicationStatus s);

/// 办学申请: what a provider submits for approval, as structured fields and files.
struct ProviderApplication {
  int64_t id = 0;
  std::string provider_code;
  int64_t submitted_at = 0;
  std::string submitted_by;
  std::string licence_no;        ///< 办学许可证号 or registration number
  std::string licence_issuer;
  std::optional<Date> licence_valid_until;
  std::string scope;             ///< 办学范围: subjects and forms it offers
  int64_t full_time_teachers = 0;
  int64_t part_time_teachers = 0;
  std::string teachers;          ///< 师资情况: names, titles, specialties
  std::string facilities;        ///< 场地设施: premises, rooms, online platform
  std::vector<ProviderDocument> documents;
  ApplicationStatus status = ApplicationStatus::kPending;
  std::string decided_by;
  int64_t decided_at = 0;
  std::string reason;
};

/// One step of a provider's lifecycle, kept for ever (the audit log holds the same, chained).
struct ProviderEvent {
  int64_t id = 0;
  std::string provider_code;
  int64_t at = 0;
  std::string actor;
  market::ProviderAction action = market::ProviderAction::kApply;
  market::ProviderStatus status = market::ProviderStatus::kPending;  ///< the status it led to
  std::string reason;
  std::optional<Date> from;
  std::optional<Date> until;
  int64_t application_id = 0;
};

/// A provider with its stored standing, as the authorities' list shows it.
struct ProviderStandingRow {
  records::Provider provider;
  market::ProviderStanding standing;
  int64_t changed_at = 0;
  int64_t pending_application = 0;  ///< id of its pending application, 0 if none
};

struct ProviderStandingQuery {
  std::string region_prefix;  ///< the authority's scope
  std::string name_contains;
  /// Stored status (a dated suspension counts as suspended before it begins).
  std::optional<market::ProviderStatus> status;
};

class ProviderLifecycleRepository {
 public:
  virtual ~ProviderLifecycleRepository() = default;
  /// The stored standing; a provider without one reads approved if providers.approved is set
  /// (imported providers), pending otherwise. nullopt: no such provider.
  virtual std::optional<market::ProviderStanding> Standing(std::string_view provider_code) = 0;
  /// Stores the standing and keeps providers.approved in step (set while approved or
  /// suspended: a suspended provider stays on the public list, marked so).
  virtual void SetStanding(std::string_view provider_code, const market::ProviderStanding& s,
                           int64_t at, std::string_view by) = 0;
  virtual PageOf<ProviderStandingRow> List(const ProviderStandingQuery& query, const Page& page) = 0;

  /// Inserts the application and its documents; returns its id.
  virtual int64_t AddApplication(const ProviderApplication& a) = 0;
  virtual std::optional<ProviderApplication> Application(int64_t id) = 0;
  /// A provider's applications, newest first, with their documents.
  virtual std::vector<ProviderApplication> Applications(std::string_view provider_code) = 0;
  /// Decides a pending application; false if it is not pending.
  virtual bool DecideApplication(int64_t id, ApplicationStatus status, std::string_view by,
                                 int64_t at, std::string_view reason) = 0;

  virtual void AddEvent(const ProviderEvent& e) = 0;
  /// A provider's history, oldest first.
  virtual std::vector<ProviderEvent> Events(std::string_view provider_code) = 0;

  /// Whether the person is enrolled in any class of the provider (its roster).
  virtual bool OnRoster(std::string_view provider_code, int64_t person_id) = 0;
  /// Every person enrolled in a class of the provider, ascending, each once.
  virtual std::vector<int64_t> RosterPersons(std::string_view provider_code) = 0;
};

}  // namespace jixu::storage

namespace jixu::storage {

class CatalogueRepository;

/// The market's repositories, reached as Store::market().
class MarketRepositories {
 public:
  virtual ~MarketRepositories() = default;
  virtual ProviderLifecycleRepository& lifecycle() = 0;
  /// Public subjects, textbooks and quality lists (catalogue_repos.hpp).
  virtual CatalogueRepository& catalogue() = 0;
};

}  // namespace jixu::storage
