#pragma once
// What every handler works with: the server-wide Api (configuration, data files, clock, read
// stores, the group-commit writer, opaque ids, the session cache) and the per-request Call
// (the request, the authenticated caller and its scope, a leased read store).
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/audit_key.hpp"
#include "app/crypto.hpp"
#include "app/data_files.hpp"
#include "core/common/clock.hpp"
#include "core/storage/store.hpp"
#include "http/rate_limit.hpp"
#include "http/request.hpp"
#include "http/store_pool.hpp"
#include "http/write_queue.hpp"

namespace jixu::app::notify {
class Notifier;
}

namespace jixu::http {

struct ApiConfig {
  int64_t session_idle_s = 30 * 60;
  int64_t session_absolute_s = 12 * 3600;
  int lockout_failures = 5;
  int64_t lockout_s = 15 * 60;
  /// A validated token is trusted this long without asking the database: the bound on how late
  /// a logout made by another server process takes effect here (this process's own logouts
  /// take effect at once).
  int64_t session_cache_s = 5;
  /// A session's last_seen is written at most this often (idle expiry is exact to this).
  int64_t touch_interval_s = 60;
  size_t max_evidence_bytes = size_t{10} << 20;
  /// The most persons one batch of annual hours certificates covers (POST /certificates/batch):
  /// ~3 ms of CPU and ~42 KiB of PDF each, so the default is seconds and ≤ 50 MB.
  int64_t certificate_batch_limit = 1000;
  /// Every hash is made, and the dummy verified, at this cost; a hash of another cost is
  /// replaced at its user's next sign-in.
  app::PasswordCost password_cost;
  /// Sign-in rate limits, before any Argon2 work: each attempt takes a token from its
  /// username's bucket and its client address's bucket, a successful one gives them back; an
  /// empty bucket is a 429 with Retry-After. The lockout above still counts failures.
  RateLimit login_per_user{10, 1};
  RateLimit login_per_address{30, 10};
  std::filesystem::path web_root;  ///< web/dist; empty: placeholder page
  std::filesystem::path audit_checkpoints;  ///< read by GET /audit/verify
};

/// Opaque resource ids: a type letter and 13 base-32 digits of the keyed permutation of the row
/// id. Guessing a neighbour's id from one's own is hopeless, and ids stay stable across
/// processes because the key lives in the database (settings.id_secret).
class Ids {
 public:
  explicit Ids(const std::string& key_hex) : perm_(key_hex) {}
  std::string Encode(char type, int64_t row) const;
  /// The row id, or 0 when `id` is not a well-formed id of this type.
  int64_t Decode(char type, std::string_view id) const;

 private:
  app::IdPermutation perm_;
};

// Id type letters.
inline constexpr char kPersonId = 'p', kRecordId = 'r', kEmployerId = 'e', kProviderId = 'v',
                      kCourseId = 'c', kUserId = 'u', kExemptionId = 'x', kAuditId = 'a',
                      kTransferId = 't';

struct Caller {
  bool authenticated = false;
  storage::User user;
  storage::Scope scope;
  std::string token_hash;
  /// The sign-in step this session still lacks ("" none, "totp", "enrol"; issue 15).
  std::string pending;
  bool Is(storage::Role r) const { return authenticated && user.role == r; }
  /// Who an audit entry names.
  std::string actor() const { return authenticated ? user.username : "anonymous"; }
};

class SessionCache {
 public:
  struct Entry {
    storage::User user;
    storage::Session session;
    int64_t checked_at = 0;  ///< when the database last confirmed it
    int64_t active_at = 0;   ///< this process's last request on the session
  };
  std::optional<Entry> Get(const std::string& token_hash);
  void Put(const std::string& token_hash, Entry e);
  void Erase(const std::string& token_hash);
  /// Drops every session of a user (role change, disable).
  void EraseUser(int64_t user_id);

 private:
  static constexpr size_t kMaxEntries = 100'000;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;
};

class Api {
 public:
  Api(ApiConfig config, std::shared_ptr<const app::DataFiles> data, ClockPtr clock,
      StorePool& reads, WriteQueue& writes, Ids ids)
      : config(std::move(config)), data(std::move(data)), clock(std::move(clock)), reads(reads),
        writes(writes), ids(std::move(ids)), login_by_user(this->config.login_per_user),
        login_by_address(this->config.login_per_address) {}

  ApiConfig config;
  std::shared_ptr<const app::DataFiles> data;
  ClockPtr clock;
  StorePool& reads;
  WriteQueue& writes;
  Ids ids;
  SessionCache sessions;
  RateLimiter login_by_user;
  RateLimiter login_by_address;
  /// app::DummyPasswordHash(config.password_cost): verified for unknown usernames.
  std::string dummy_password_hash;
  app::AuditKey audit_key;          ///< every audit entry's HMAC key (app/audit_key.hpp)
  /// The notice worker, to wake after a 催办 (null when the server runs none).
  app::notify::Notifier* notifier = nullptr;
};

struct Call {
  Api& api;
  Request& req;
  storage::Store& store;  ///< a read store leased for this request
  Caller caller;
  int64_t now = 0;        ///< unix seconds
};

/// Authenticates the request's bearer token (if any) into `call.caller`; a token that is
/// present but invalid or expired is a 401.
void Authenticate(Call& call);
/// The scope a user's role gives.
storage::Scope ScopeOf(const storage::User& user);

}  // namespace jixu::http
