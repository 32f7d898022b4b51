// The second factor (TOTP secret, recovery codes) and the password history over SqlConn.
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {

TotpState SqlUsers::Totp(int64_t id) {
  TotpState out;
  c_.Query("SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = $1", {id},
           [&](const Row& r) { out = TotpState{r.Text(0), r.Int(1) != 0, r.Int(2)}; });
  return out;
}

void SqlUsers::SetTotp(int64_t id, std::string_view secret, bool enabled) {
  // A new secret starts a new sequence of steps: the old one's last step no longer applies.
  c_.Exec("UPDATE users SET totp_secret = $1, totp_enabled = $2, totp_last_step = 0 WHERE id = $3",
          {std::string(secret), int64_t{enabled && !secret.empty()}, id});
}

bool SqlUsers::UseTotpStep(int64_t id, int64_t step) {
  return c_.Exec("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
                 {step, id}) > 0;
}

void SqlUsers::ReplaceRecoveryCodes(int64_t id, const std::vector<std::string>& hashes) {
  c_.Exec("DELETE FROM recovery_codes WHERE user_id = $1", {id});
  for (const auto& h : hashes) {
    c_.Exec("INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES ($1, $2, 0)", {id, h});
  }
}

bool SqlUsers::UseRecoveryCode(int64_t id, std::string_view hash, int64_t now) {
  return c_.Exec(
             "UPDATE recovery_codes SET used_at = $1"
             " WHERE user_id = $2 AND code_hash = $3 AND used_at = 0",
             {now, id, std::string(hash)}) > 0;
}

int64_t SqlUsers::UnusedRecoveryCodes(int64_t id) {
  return c_.ScalarInt("SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at = 0",
                      {id});
}

std::vector<std::string> SqlUsers::PasswordHistory(int64_t id, int n) {
  std::vector<std::string> out;
  c_.Query(
      "SELECT password_hash FROM password_history WHERE user_id = $1"
      " ORDER BY changed_at DESC, id DESC LIMIT $2",
      {id, int64_t{n}}, [&](const Row& r) { out.push_back(r.Text(0)); });
  return out;
}

void SqlUsers::AddPasswordHistory(int64_t id, std::string_view hash, int64_t at, int keep) {
  c_.Exec("INSERT INTO password_history (user_id, password_hash, changed_at) VALUES ($1, $2, $3)",
          {id, std::string(hash), at});
  c_.Exec(
      "DELETE FROM password_history WHERE user_id = $1 AND id NOT IN"
      " (SELECT id FROM password_history WHERE user_id = $1"
      " ORDER BY changed_at DESC, id DESC LIMIT $2)",
      {id, int64_t{keep}});
}

}  // namespace jixu::storage::sql
