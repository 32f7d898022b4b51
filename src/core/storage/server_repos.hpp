#pragma once
// Storage interfaces of the server (issue 4): accounts and sessions, the hash-chained audit log,
// evidence files, courses, review of declared records, settings, and the paged, scoped listings
// the API answers with. Both backends implement every one (src/storage/sql/ holds the shared
// SQL); the contract tests in tests/storage/ run them on SQLite and PostgreSQL.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/hours.hpp"
#include "core/records/types.hpp"

namespace jixu::storage {

/// SPEC §4 roles. Stored as their code (RoleCode), never as a number. kAdmin is the system
/// administrator (accounts, configuration); with kSecurityAdmin (roles, scopes, keys, unlocks,
/// second-factor resets) and kAuditAdmin (reads and exports the audit log only) it makes the
/// separated administrators of GB/T 22239 §8.1.4 (三员分立, issue 15).
enum class Role : uint8_t {
  kPerson = 0, kEmployerAdmin, kProviderAdmin, kAuthority, kAdmin, kSecurityAdmin, kAuditAdmin
};
std::string_view RoleCode(Role r);
std::optional<Role> ParseRole(std::string_view text);

/// A caller's jurisdiction as data; every scoped query applies it in its WHERE clause. Empty
/// fields match everything, so an admin's scope is all empty.
struct Scope {
  int64_t person_id = 0;        ///< only this person (role person)
  std::string employer_code;    ///< only this employer's staff
  std::string provider_code;    ///< only what this provider reported or owns
  std::string region_prefix;    ///< GB/T 2260 prefix of persons/employers
  std::string industry;         ///< employers.industry (an industry authority)

  /// True when the scope's predicate on a person is at most `id = person_id` (everyone, or
  /// one's own person), so an existing row's visibility needs no query. A new field must be
  /// added here too, or the shortcut would widen the scope.
  bool IdOnly() const {
    return employer_code.empty() && provider_code.empty() && region_prefix.empty() &&
           industry.empty();
  }
};
static_assert(sizeof(Scope) == sizeof(int64_t) + 4 * sizeof(std::string),
              "a new Scope field must be considered in Scope::IdOnly()");

/// Paging and sorting of a list. `sort` is a whitelisted column key of the resource; the
/// repositories refuse (Fault) any other, so it never reaches SQL unchecked.
struct Page {
  int64_t offset = 0;
  int64_t limit = 20;
  std::string sort;
  bool descending = false;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  int64_t total = 0;
};

struct User {
  int64_t id = 0;
  std::string username;
  std::string password_hash;  ///< libsodium crypto_pwhash_str (Argon2id) string
  Role role = Role::kPerson;
  std::string display_name;
  int64_t person_id = 0;        ///< role person
  std::string employer_code;    ///< role employer_admin
  std::string provider_code;    ///< role provider_admin
  std::string region_prefix;    ///< role authority
  std::string industry;         ///< role authority
  bool disabled = false;
  int failed_logins = 0;
  int64_t locked_until = 0;     ///< unix seconds; 0 = not locked
  int64_t created_at = 0;
  /// Set when an administrator reset the password: the user must choose a new one before
  /// anything else (migration 6).
  bool must_change_password = false;
  // Issue 15 (migration 14).
  bool demo = false;  ///< made by `jixu demo --users`: no second factor, no password expiry
  int64_t password_changed_at = 0;  ///< unix seconds; the password expires from here
  bool totp_enabled = false;        ///< a confirmed TOTP secret is on file (read only here)
};

/// A user's TOTP secret (RFC 6238) as stored: base32 text; `enabled` once a first code
/// confirmed it; `last_step` the newest time step a code was accepted for (never accepted twice).
struct TotpState {
  std::string secret;
  bool enabled = false;
  int64_t last_step = 0;
};

struct UserFilter {
  std::optional<Role> role;
  std::string username_prefix;
  std::optional<bool> disabled;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  /// Inserts; returns the id, or nullopt if the username is taken.
  virtual std::optional<int64_t> Create(const User& user) = 0;
  virtual std::optional<User> FindByName(std::string_view username) = 0;
  virtual std::optional<User> FindById(int64_t id) = 0;
  /// Updates role, scope, display name, disabled, password hash and must_change_password (not
  /// the login counters).
  virtual bool Update(const User& user) = 0;
  /// Replaces the password hash only if it is still `old_hash` (a rehash at login never
  /// overwrites a password changed meanwhile). Returns whether it was replaced.
  virtual bool ReplacePasswordHash(int64_t id, std::string_view old_hash,
                                   std::string_view new_hash) = 0;
  virtual PageOf<User> List(const UserFilter& filter, const Page& page) = 0;
  /// Counts one failed login in one statement (so concurrent attempts all count); once the
  /// count reaches `max_failures` the account is locked until now + lock_seconds and the count
  /// restarts. Returns the user as it is afterwards.
  virtual std::optional<User> RecordFailedLogin(int64_t id, int64_t now, int max_failures,
                                                int64_t lock_seconds) = 0;
  virtual void ResetFailedLogins(int64_t id) = 0;
  /// Ends a lock at once (the security administrator's unlock).
  virtual void Unlock(int64_t id) = 0;

  // The second factor (issue 15).
  virtual TotpState Totp(int64_t id) = 0;
  /// Stores the secret and whether it is confirmed; an empty secret removes the factor.
  virtual void SetTotp(int64_t id, std::string_view secret, bool enabled) = 0;
  /// Accepts a code's time step only if it is newer than every step accepted before (one
  /// statement: two requests with the same code cannot both pass). Returns whether it did.
  virtual bool UseTotpStep(int64_t id, int64_t step) = 0;
  /// Replaces the user's recovery codes by these hashes (empty: removes them all).
  virtual void ReplaceRecoveryCodes(int64_t id, const std::vector<std::string>& hashes) = 0;
  /// Marks an unused code used; returns whether there was one.
  virtual bool UseRecoveryCode(int64_t id, std::string_view hash, int64_t now) = 0;
  virtual int64_t UnusedRecoveryCodes(int64_t id) = 0;

  /// The newest `n` password hashes the user had before (newest first).
  virtual std::vector<std::string> PasswordHistory(int64_t id, int n) = 0;
  /// Remembers a hash the user no longer uses; keeps the newest `keep` only.
  virtual void AddPasswordHistory(int64_t id, std::string_view hash, int64_t at, int keep) = 0;
};

struct Session {
  std::string token_hash;  ///< hex SHA-256 of the bearer token; the token itself is never stored
  int64_t user_id = 0;
  int64_t created_at = 0;
  int64_t last_seen = 0;
  int64_t expires_at = 0;  ///< absolute expiry
  // Issue 15 (migration 14): what the user's own sessions page shows, and the step of the
  // sign-in still missing ("" none; "totp": the code; "enrol": enrolment in the second factor).
  std::string user_agent;
  std::string address;
  std::string pending;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void Create(const Session& session) = 0;
  virtual std::optional<Session> Find(std::string_view token_hash) = 0;
  virtual void Touch(std::string_view token_hash, int64_t last_seen) = 0;
  virtual void Delete(std::string_view token_hash) = 0;
  /// Ends every session of a user but `keep_token_hash` (empty: all); returns how many.
  virtual int64_t DeleteForUser(int64_t user_id, std::string_view keep_token_hash) = 0;
  /// Removes sessions whose absolute expiry or idle limit has passed; returns how many.
  virtual int64_t Purge(int64_t now, int64_t idle_seconds) = 0;
  /// A user's sessions, newest first.
  virtual std::vector<Session> ListForUser(int64_t user_id) = 0;
  /// Records that the sign-in step `pending` is still missing ("" once done).
  virtual void SetPending(std::string_view token_hash, std::string_view pending) = 0;
};

/// One audit entry. `hash` = SHA-256 over prev_hash and every other field (app/audit_log.hpp);
/// the storage only keeps and returns them.
struct AuditEntry {
  int64_t seq = 0;
  int64_t at = 0;
  std::string actor;        ///< username, or "cli:<os user>" for CLI writes
  std::string actor_role;
  std::string action;       ///< e.g. "record.declare", "person.update", "import.records"
  std::string entity;       ///< e.g. "person", "record"
  std::string entity_id;    ///< opaque id of the entity (never an ID number)
  std::string region_code;  ///< where the entity lies, for scoped reading
  std::string industry;
  std::string employer_code;
  std::string provider_code;
  std::string before_json;  ///< "" when created
  std::string after_json;   ///< "" when deleted
  std::string prev_hash;
  std::string hash;
};

struct AuditFilter {
  Scope scope;
  std::string action;
  std::string entity;
  int64_t from = 0;  ///< unix seconds, inclusive; 0 = no bound
  int64_t to = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  /// Serialises appenders across processes until the transaction ends (PostgreSQL: advisory
  /// lock; SQLite: the write transaction already is exclusive). Call inside a transaction.
  virtual void LockChain() = 0;
  virtual std::optional<AuditEntry> Last() = 0;
  /// Inserts the entry as given (seq assigned); returns seq.
  virtual int64_t Insert(const AuditEntry& entry) = 0;
  /// Every entry in chain order, in chunks (bounded memory).
  virtual void ForEach(const std::function<void(const AuditEntry&)>& fn) = 0;
  virtual PageOf<AuditEntry> List(const AuditFilter& filter, const Page& page) = 0;
};

struct EvidenceFile {
  std::string sha256;  ///< hex content hash; the key
  std::string mime;
  int64_t size = 0;
  std::string filename;  ///< as attached to a record
  int64_t attached_at = 0;
};

class EvidenceRepository {
 public:
  virtual ~EvidenceRepository() = default;
  /// Stores the content once per hash (a second identical upload is a no-op).
  virtual void PutBlob(std::string_view sha256, std::string_view mime, std::string_view bytes) = 0;
  /// The content and its mime type.
  virtual std::optional<std::pair<std::string, std::string>> GetBlob(std::string_view sha256) = 0;
  virtual void Attach(int64_t record_id, const EvidenceFile& file) = 0;
  virtual std::vector<EvidenceFile> ListForRecord(int64_t record_id) = 0;
};

struct Course {
  int64_t id = 0;
  std::string provider_code;
  std::string code;  ///< the provider's own course code; unique per provider
  std::string title;
  records::Category category = records::Category::kProfessional;
  records::Form form = records::Form::kOnlineCourse;
  Hours hours;
  bool published = false;
  std::string description;
  // The catalogue's details (issue 11 item 6, migration 9).
  std::string field;              ///< 专业领域, e.g. 工程, 卫生
  std::string teachers;           ///< 授课教师: names and titles
  int64_t public_subject_id = 0;  ///< the published public subject it teaches; 0 = none
  std::vector<int64_t> textbook_ids;
  std::string provider_name;      ///< read only
};

struct CourseFilter {
  std::string provider_code;
  std::optional<bool> published;
  std::optional<records::Category> category;
  std::optional<records::Form> form;
  std::string title_contains;
  std::string field;
  int64_t public_subject_id = 0;
  /// Catalogue search (market::QueryTerms): a course matches when it has every term.
  std::vector<std::string> terms;
};

class CourseRepository {
 public:
  virtual ~CourseRepository() = default;
  /// Inserts; nullopt when the provider already has a course with this code.
  virtual std::optional<int64_t> Create(const Course& course) = 0;
  virtual bool Update(const Course& course) = 0;
  virtual std::optional<Course> FindById(int64_t id) = 0;
  virtual PageOf<Course> List(const CourseFilter& filter, const Page& page) = 0;
};

/// The review of a declared record: who has decided what so far. The record's own status
/// (pending/approved/rejected) is what counts; the stage says who acts next.
/// kWithdrawn: the person withdrew it (or replaced it by a correction) before any decision.
/// kResubmitted: a rejected declaration the person corrected and declared again (the new one
/// has its own review; the rejected one keeps its status and reason, for the history).
enum class ReviewStage : uint8_t { kEmployer = 0, kAuthority, kDone, kWithdrawn, kResubmitted };
std::string_view ReviewStageCode(ReviewStage s);
std::optional<ReviewStage> ParseReviewStage(std::string_view text);

struct Review {
  int64_t record_id = 0;
  ReviewStage stage = ReviewStage::kEmployer;
  bool needs_authority = false;
  int64_t declared_at = 0;
  std::string employer_reviewer;
  int64_t employer_decided_at = 0;
  std::string authority_reviewer;
  int64_t authority_decided_at = 0;
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;
  virtual void Create(const Review& review) = 0;
  virtual std::optional<Review> Find(int64_t record_id) = 0;
  virtual void Update(const Review& review) = 0;
};

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  virtual std::optional<std::string> Get(std::string_view key) = 0;
  /// Stores `value` unless the key exists; returns the value in force afterwards, so that
  /// processes racing to initialise a secret all end up with the same one.
  virtual std::string PutIfAbsent(std::string_view key, std::string_view value) = 0;
  /// Stores `value`, replacing any value the key had.
  virtual void Put(std::string_view key, std::string_view value) = 0;
};

/// A person as a list shows it.
struct PersonRow {
  int64_t id = 0;
  std::string id_number;  ///< full; the HTTP layer masks it
  std::string name;
  std::string employer_code;
  std::string employer_name;
  std::string region_code;
  std::string field;
  records::TitleLevel title_level = records::TitleLevel::kNone;
  std::optional<Date> title_since;
};

struct PersonQuery {
  Scope scope;
  std::string employer_code;
  std::string region_prefix;
  std::string field;
  std::optional<records::TitleLevel> title_level;
  std::string name_prefix;
};

/// A record with what a list shows beside it.
struct RecordRow {
  records::LearningRecord record;
  std::string person_name;
  std::string person_region;
  std::string employer_code;
  std::optional<ReviewStage> stage;  ///< set for declared records
};

struct RecordQuery {
  Scope scope;
  int64_t person_id = 0;
  int year = 0;
  std::optional<records::RecordStatus> status;
  std::optional<records::Origin> origin;
  std::optional<records::Category> category;
  std::optional<records::Form> form;
  std::optional<ReviewStage> stage;
  std::string provider_code;
  std::string employer_code;
};

struct OrgQuery {
  Scope scope;  ///< employers: region prefix, industry, employer code; providers: region prefix
  std::string region_prefix;
  std::string name_contains;
  std::string name_or_code;  ///< employers: the name contains it or the code starts with it
  std::string industry;
  std::optional<bool> approved;  ///< providers only
};

/// Paged, filtered, scoped listings across the registry's tables.
class QueryRepository {
 public:
  virtual ~QueryRepository() = default;
  virtual PageOf<PersonRow> Persons(const PersonQuery& query, const Page& page) = 0;
  /// The person if it lies inside the scope (one indexed lookup plus the scope predicate).
  virtual bool PersonInScope(int64_t person_id, const Scope& scope) = 0;
  virtual PageOf<RecordRow> Records(const RecordQuery& query, const Page& page) = 0;
  /// The id of the record stored under (person_id, RecordKey); for reading back an insert.
  virtual std::optional<int64_t> RecordIdByKey(int64_t person_id, uint64_t record_key) = 0;
  virtual PageOf<records::Employer> Employers(const OrgQuery& query, const Page& page) = 0;
  virtual std::optional<records::Employer> EmployerById(int64_t id) = 0;
  virtual PageOf<records::Provider> Providers(const OrgQuery& query, const Page& page) = 0;
  virtual std::optional<records::Provider> ProviderById(int64_t id) = 0;
  /// Providers imported or created by an authority carry an approval flag (new ones: pending).
  virtual bool ProviderApproved(std::string_view code) = 0;
  virtual void SetProviderApproved(std::string_view code, bool approved) = 0;
  /// The exemption with this id, if any.
  virtual bool ExemptionById(int64_t id, records::Exemption& out) = 0;
};

}  // namespace jixu::storage
