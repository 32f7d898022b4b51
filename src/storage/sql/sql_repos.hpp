#pragma once
// The server's repositories written once over SqlConn (sql_conn.hpp), for both backends.
#include "core/storage/list_repos.hpp"
#include "core/storage/store.hpp"
#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::sql {

class SqlUsers final : public UserRepository {
 public:
  explicit SqlUsers(SqlConn& c) : c_(c) {}
  std::optional<int64_t> Create(const User& user) override;
  std::optional<User> FindByName(std::string_view username) override;
  std::optional<User> FindById(int64_t id) override;
  bool Update(const User& user) override;
  bool ReplacePasswordHash(int64_t id, std::string_view old_hash,
                           std::string_view new_hash) override;
  PageOf<User> List(const UserFilter& filter, const Page& page) override;
  std::optional<User> RecordFailedLogin(int64_t id, int64_t now, int max_failures,
                                        int64_t lock_seconds) override;
  void ResetFailedLogins(int64_t id) override;
  void Unlock(int64_t id) override;
  // sql_credentials.cpp
  TotpState Totp(int64_t id) override;
  void SetTotp(int64_t id, std::string_view secret, bool enabled) override;
  bool UseTotpStep(int64_t id, int64_t step) override;
  void ReplaceRecoveryCodes(int64_t id, const std::vector<std::string>& hashes) override;
  bool UseRecoveryCode(int64_t id, std::string_view hash, int64_t now) override;
  int64_t UnusedRecoveryCodes(int64_t id) override;
  std::vector<std::string> PasswordHistory(int64_t id, int n) override;
  void AddPasswordHistory(int64_t id, std::string_view hash, int64_t at, int keep) override;

 private:
  SqlConn& c_;
};

class SqlSessions final : public SessionRepository {
 public:
  explicit SqlSessions(SqlConn& c) : c_(c) {}
  void Create(const Session& session) override;
  std::optional<Session> Find(std::string_view token_hash) override;
  void Touch(std::string_view token_hash, int64_t last_seen) override;
  void Delete(std::string_view token_hash) override;
  int64_t DeleteForUser(int64_t user_id, std::string_view keep_token_hash) override;
  int64_t Purge(int64_t now, int64_t idle_seconds) override;
  std::vector<Session> ListForUser(int64_t user_id) override;
  void SetPending(std::string_view token_hash, std::string_view pending) override;

 private:
  SqlConn& c_;
};

class SqlSettings final : public SettingsRepository {
 public:
  explicit SqlSettings(SqlConn& c) : c_(c) {}
  std::optional<std::string> Get(std::string_view key) override;
  std::string PutIfAbsent(std::string_view key, std::string_view value) override;
  void Put(std::string_view key, std::string_view value) override;

 private:
  SqlConn& c_;
};

class SqlAudit final : public AuditRepository {
 public:
  explicit SqlAudit(SqlConn& c) : c_(c) {}
  void LockChain() override;
  std::optional<AuditEntry> Last() override;
  int64_t Insert(const AuditEntry& entry) override;
  void ForEach(const std::function<void(const AuditEntry&)>& fn) override;
  PageOf<AuditEntry> List(const AuditFilter& filter, const Page& page) override;

 private:
  SqlConn& c_;
};

class SqlEvidence final : public EvidenceRepository {
 public:
  explicit SqlEvidence(SqlConn& c) : c_(c) {}
  void PutBlob(std::string_view sha256, std::string_view mime, std::string_view bytes) override;
  std::optional<std::pair<std::string, std::string>> GetBlob(std::string_view sha256) override;
  void Attach(int64_t record_id, const EvidenceFile& file) override;
  std::vector<EvidenceFile> ListForRecord(int64_t record_id) override;

 private:
  SqlConn& c_;
};

class SqlCourses final : public CourseRepository {
 public:
  explicit SqlCourses(SqlConn& c) : c_(c) {}
  std::optional<int64_t> Create(const Course& course) override;
  bool Update(const Course& course) override;
  std::optional<Course> FindById(int64_t id) override;
  PageOf<Course> List(const CourseFilter& filter, const Page& page) override;

 private:
  void LoadTextbooks(std::vector<Course>& courses);
  SqlConn& c_;
};

class SqlReviews final : public ReviewRepository {
 public:
  explicit SqlReviews(SqlConn& c) : c_(c) {}
  void Create(const Review& review) override;
  std::optional<Review> Find(int64_t record_id) override;
  void Update(const Review& review) override;

 private:
  SqlConn& c_;
};

class SqlQueries final : public QueryRepository, public KeysetRepository {
 public:
  explicit SqlQueries(SqlConn& c) : c_(c) {}
  PageOf<PersonRow> PersonsAfter(const PersonQuery& query, int64_t after_id, int64_t limit,
                                 bool with_total) override;
  PageOf<RecordRow> RecordsAfter(const RecordQuery& query, int64_t after_id,
                                 int64_t limit) override;
  PageOf<PersonRow> Persons(const PersonQuery& query, const Page& page) override;
  bool PersonInScope(int64_t person_id, const Scope& scope) override;
  PageOf<RecordRow> Records(const RecordQuery& query, const Page& page) override;
  std::optional<int64_t> RecordIdByKey(int64_t person_id, uint64_t record_key) override;
  PageOf<records::Employer> Employers(const OrgQuery& query, const Page& page) override;
  std::optional<records::Employer> EmployerById(int64_t id) override;
  PageOf<records::Provider> Providers(const OrgQuery& query, const Page& page) override;
  std::optional<records::Provider> ProviderById(int64_t id) override;
  bool ProviderApproved(std::string_view code) override;
  void SetProviderApproved(std::string_view code, bool approved) override;
  bool ExemptionById(int64_t id, records::Exemption& out) override;

 private:
  Where PersonsWhere(const PersonQuery& q) const;
  Where RecordsWhere(const RecordQuery& q) const;
  /// count(*) of `from_where`, stopped after kExactTotalLimit + 1 rows.
  int64_t CappedCount(const std::string& from_where, const Values& values);
  PageOf<PersonRow> PersonsPage(const Where& w, const std::string& tail);
  PageOf<RecordRow> RecordsPage(const Where& w, const std::string& tail);

  SqlConn& c_;
};

/// All of them over one connection adapter; a backend's Store holds one of these.
struct SqlServerRepos {
  explicit SqlServerRepos(SqlConn& c)
      : users(c), sessions(c), settings(c), audit(c), evidence(c), courses(c), reviews(c),
        queries(c) {}
  SqlUsers users;
  SqlSessions sessions;
  SqlSettings settings;
  SqlAudit audit;
  SqlEvidence evidence;
  SqlCourses courses;
  SqlReviews reviews;
  SqlQueries queries;
};

/// Appends " ORDER BY <column> [DESC], <tiebreak> LIMIT $n OFFSET $m" for a whitelisted sort
/// key; throws Fault("invalid_sort") for any other key. Text columns are passed through
/// SqlConn::ByteOrder so both backends sort them alike.
std::string OrderAndPage(Where& where, const Page& page,
                         std::initializer_list<std::pair<std::string_view, std::string>> keys,
                         std::string_view tiebreak);
/// The persons-side scope predicate (alias `p` for persons).
void ApplyPersonScope(Where& w, const SqlConn& c, const Scope& scope);

/// The advisory-lock key serialising audit-chain appends across processes.
inline constexpr int64_t kAuditLockKey = 0x6a69787541554454;  // "jixuAUDT"

}  // namespace jixu::storage::sql
