// Users, sessions and settings over SqlConn.
#include "core/common/error.hpp"
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, password_hash, role, display_name, person_id, employer_code, provider_code,"
    " region_prefix, industry, disabled, failed_logins, locked_until, created_at,"
    " must_change_password, demo, password_changed_at, totp_enabled";

User ReadUser(const Row& r) {
  User u;
  u.id = r.Int(0);
  u.username = r.Text(1);
  u.password_hash = r.Text(2);
  u.role = ParseRole(r.Text(3)).value_or(Role::kPerson);
  u.display_name = r.Text(4);
  u.person_id = r.Int(5);
  u.employer_code = r.Text(6);
  u.provider_code = r.Text(7);
  u.region_prefix = r.Text(8);
  u.industry = r.Text(9);
  u.disabled = r.Int(10) != 0;
  u.failed_logins = static_cast<int>(r.Int(11));
  u.locked_until = r.Int(12);
  u.created_at = r.Int(13);
  u.must_change_password = r.Int(14) != 0;
  u.demo = r.Int(15) != 0;
  u.password_changed_at = r.Int(16);
  u.totp_enabled = r.Int(17) != 0;
  return u;
}

std::optional<User> OneUser(SqlConn& c, const std::string& where, const Values& params) {
  std::optional<User> out;
  c.Query("SELECT " + std::string(kUserColumns) + " FROM users " + where, params,
          [&](const Row& r) { out = ReadUser(r); });
  return out;
}

}  // namespace

std::optional<int64_t> SqlUsers::Create(const User& u) {
  std::optional<int64_t> id;
  c_.Query(
      "INSERT INTO users (username, password_hash, role, display_name, person_id, employer_code,"
      " provider_code, region_prefix, industry, disabled, failed_logins, locked_until, created_at,"
      " must_change_password, demo, password_changed_at)"
      " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,0,0,$11,$12,$13,$14) ON CONFLICT (username) DO NOTHING"
      " RETURNING id",
      {u.username, u.password_hash, std::string(RoleCode(u.role)), u.display_name, u.person_id,
       u.employer_code, u.provider_code, u.region_prefix, u.industry, int64_t{u.disabled},
       u.created_at, int64_t{u.must_change_password}, int64_t{u.demo},
       u.password_changed_at ? u.password_changed_at : u.created_at},
      [&](const Row& r) { id = r.Int(0); });
  return id;
}

std::optional<User> SqlUsers::FindByName(std::string_view username) {
  return OneUser(c_, "WHERE username = $1", {std::string(username)});
}

std::optional<User> SqlUsers::FindById(int64_t id) {
  return OneUser(c_, "WHERE id = $1", {id});
}

bool SqlUsers::Update(const User& u) {
  return c_.Exec(
             "UPDATE users SET password_hash = $1, role = $2, display_name = $3, person_id = $4,"
             " employer_code = $5, provider_code = $6, region_prefix = $7, industry = $8,"
             " disabled = $9, must_change_password = $10, password_changed_at = $11 WHERE id = $12",
             {u.password_hash, std::string(RoleCode(u.role)), u.display_name, u.person_id,
              u.employer_code, u.provider_code, u.region_prefix, u.industry, int64_t{u.disabled},
              int64_t{u.must_change_password}, u.password_changed_at, u.id}) > 0;
}

bool SqlUsers::ReplacePasswordHash(int64_t id, std::string_view old_hash,
                                   std::string_view new_hash) {
  return c_.Exec("UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3",
                 {std::string(new_hash), id, std::string(old_hash)}) > 0;
}

PageOf<User> SqlUsers::List(const UserFilter& f, const Page& page) {
  Where w;
  if (f.role) w.Add("role = ?", {std::string(RoleCode(*f.role))});
  if (!f.username_prefix.empty()) w.AddPrefix(c_, "username", f.username_prefix);
  if (f.disabled) w.Add("disabled = ?", {int64_t{*f.disabled}});
  PageOf<User> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM users" + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page,
      {{"username", c_.ByteOrder("username")}, {"role", c_.ByteOrder("role")},
       {"created_at", "created_at"}},
      "id");
  c_.Query("SELECT " + std::string(kUserColumns) + " FROM users" + w.Sql() + tail, w.values(),
           [&](const Row& r) { out.items.push_back(ReadUser(r)); });
  return out;
}

std::optional<User> SqlUsers::RecordFailedLogin(int64_t id, int64_t now, int max_failures,
                                                int64_t lock_seconds) {
  // One statement: concurrent failures each count, and the one reaching the limit locks.
  c_.Exec(
      "UPDATE users SET"
      " locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END,"
      " failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END"
      " WHERE id = $3",
      {int64_t{max_failures}, now + lock_seconds, id});
  return FindById(id);
}

void SqlUsers::ResetFailedLogins(int64_t id) {
  c_.Exec("UPDATE users SET failed_logins = 0 WHERE id = $1 AND failed_logins <> 0", {id});
}

void SqlUsers::Unlock(int64_t id) {
  c_.Exec("UPDATE users SET locked_until = 0, failed_logins = 0 WHERE id = $1", {id});
}

namespace {

constexpr std::string_view kSessionColumns =
    "token_hash, user_id, created_at, last_seen, expires_at, user_agent, address, pending";

Session ReadSession(const Row& r) {
  return Session{r.Text(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5), r.Text(6), r.Text(7)};
}

}  // namespace

void SqlSessions::Create(const Session& s) {
  c_.Exec(
      "INSERT INTO sessions (" + std::string(kSessionColumns) + ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
      {s.token_hash, s.user_id, s.created_at, s.last_seen, s.expires_at, s.user_agent, s.address,
       s.pending});
}

std::optional<Session> SqlSessions::Find(std::string_view token_hash) {
  std::optional<Session> out;
  c_.Query("SELECT " + std::string(kSessionColumns) + " FROM sessions WHERE token_hash = $1",
           {std::string(token_hash)}, [&](const Row& r) { out = ReadSession(r); });
  return out;
}

std::vector<Session> SqlSessions::ListForUser(int64_t user_id) {
  std::vector<Session> out;
  c_.Query("SELECT " + std::string(kSessionColumns) +
               " FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, token_hash",
           {user_id}, [&](const Row& r) { out.push_back(ReadSession(r)); });
  return out;
}

void SqlSessions::SetPending(std::string_view token_hash, std::string_view pending) {
  c_.Exec("UPDATE sessions SET pending = $1 WHERE token_hash = $2",
          {std::string(pending), std::string(token_hash)});
}

void SqlSessions::Touch(std::string_view token_hash, int64_t last_seen) {
  c_.Exec("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2 AND last_seen < $1",
          {last_seen, std::string(token_hash)});
}

void SqlSessions::Delete(std::string_view token_hash) {
  c_.Exec("DELETE FROM sessions WHERE token_hash = $1", {std::string(token_hash)});
}

int64_t SqlSessions::DeleteForUser(int64_t user_id, std::string_view keep_token_hash) {
  return c_.Exec("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                 {user_id, std::string(keep_token_hash)});
}

int64_t SqlSessions::Purge(int64_t now, int64_t idle_seconds) {
  return c_.Exec("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2",
                 {now, now - idle_seconds});
}

std::optional<std::string> SqlSettings::Get(std::string_view key) {
  std::optional<std::string> out;
  c_.Query("SELECT value FROM settings WHERE key = $1", {std::string(key)},
           [&](const Row& r) { out = r.Text(0); });
  return out;
}

std::string SqlSettings::PutIfAbsent(std::string_view key, std::string_view value) {
  c_.Exec("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
          {std::string(key), std::string(value)});
  auto v = Get(key);
  if (!v) throw Fault("storage_error", "setting vanished after insert: " + std::string(key));
  return *v;
}

void SqlSettings::Put(std::string_view key, std::string_view value) {
  c_.Exec(
      "INSERT INTO settings (key, value) VALUES ($1, $2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      {std::string(key), std::string(value)});
}

std::string OrderAndPage(Where& where, const Page& page,
                         std::initializer_list<std::pair<std::string_view, std::string>> keys,
                         std::string_view tiebreak) {
  std::string order;
  if (!page.sort.empty()) {
    for (const auto& [key, column] : keys) {
      if (key == page.sort) order = std::string(column);
    }
    if (order.empty()) throw Fault("invalid_sort", "unknown sort key " + page.sort);
    order += page.descending ? " DESC" : " ASC";
    order += ", ";
  }
  order += std::string(tiebreak) + (page.descending && !page.sort.empty() ? " DESC" : "");
  const std::string limit = where.Next(page.limit);
  const std::string offset = where.Next(page.offset);
  return " ORDER BY " + order + " LIMIT " + limit + " OFFSET " + offset;
}

}  // namespace jixu::storage::sql
