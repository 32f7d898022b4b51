// User accounts: the system administrator manages them; the security administrator reads the
// list (to unlock or reset a second factor: accounts/security.cpp).
#include <algorithm>
#include <cctype>

#include "app/accounts/security_policy.hpp"
#include "app/crypto.hpp"
#include "app/users.hpp"
#include "http/handlers/common.hpp"

namespace jixu::http {
namespace {

const std::vector<Role> kAdmin = {Role::kAdmin};
const std::vector<Role> kReaders = {Role::kAdmin, Role::kSecurityAdmin};

/// The separated administrators are made at the console (`jixu user add`) by whoever runs the
/// server: through the API the system administrator could otherwise make the other two.
bool SeparatedAdminRole(const std::string& role) {
  return role == storage::RoleCode(Role::kSecurityAdmin) || role == storage::RoleCode(Role::kAuditAdmin);
}

/// The names of what a user's scope points at, so the page shows 王芳 and 广州市天河区人民医院
/// instead of an opaque id and a credit code.
json WithScopeNames(Call& call, const storage::User& u) {
  json j = UserJson(call.api, u);
  if (u.person_id) {
    if (auto p = call.store.persons().FindById(u.person_id)) j["person_name"] = p->name;
  }
  if (!u.employer_code.empty()) {
    if (auto e = call.store.employers().FindByCode(u.employer_code)) j["employer_name"] = e->name;
  }
  if (!u.provider_code.empty()) {
    if (auto p = call.store.providers().FindByCode(u.provider_code)) j["provider_name"] = p->name;
  }
  if (!u.region_prefix.empty()) j["region_name"] = call.api.data->regions.NameOfPrefix(u.region_prefix);
  j["locked"] = u.locked_until > call.now;
  return j;
}

Response List(Call& call) {
  storage::UserFilter f;
  if (auto r = QueryStr(call.req, "role"); !r.empty()) {
    f.role = storage::ParseRole(r);
    if (!f.role) ThrowBadRequest("role", "未知的角色", "unknown role");
  }
  f.username_prefix = QueryStr(call.req, "username");
  const storage::Page page = PageOf(call.req, {"username", "role", "created_at"});
  auto rows = call.store.users().List(f, page);
  json items = json::array();
  for (const auto& u : rows.items) items.push_back(WithScopeNames(call, u));
  return ListResponse(std::move(items), rows.total, page);
}

Response Create(Call& call) {
  const json body = ParseBody(call.req);
  FieldReader f(body);
  app::NewUser n;
  if (auto v = f.Str("username", true, 64)) n.username = *v;
  if (auto v = f.Str("password", true, 1024)) n.password = *v;
  if (auto v = f.Str("role", true, 20)) n.role = *v;
  if (auto v = f.Str("display_name", false, 100)) n.display_name = *v;
  if (auto v = f.Str("person_id_number", false, 18)) n.person_id_number = *v;
  if (auto v = f.Str("employer_code", false, 18)) n.employer_code = *v;
  if (auto v = f.Str("provider_code", false, 18)) n.provider_code = *v;
  if (auto v = f.Str("region_prefix", false, 6)) n.region_prefix = *v;
  if (auto v = f.Str("industry", false, 50)) n.industry = *v;
  f.Finish();
  if (SeparatedAdminRole(n.role)) {
    throw ApiError(403, {MakeError("separated_admin_console_only", "role",
                                   "三员分立：安全管理员和审计管理员账户只能在服务器控制台用 jixu user add 创建",
                                   "separation of duties: security and audit administrator "
                                   "accounts are made at the server console (jixu user add) only")});
  }
  storage::User user = app::PrepareUser(call.store, n, call.api.config.password_cost, call.now);
  call.api.writes.Run([&](storage::Store& s) {
    auto id = s.users().Create(user);
    if (!id) ThrowConflict("username_taken", "用户名已被使用", "this username is taken");
    user.id = *id;
    Audit(s, call, "user.create", "user", call.api.ids.Encode(kUserId, user.id),
          {user.region_prefix, user.industry, user.employer_code, user.provider_code}, nullptr,
          UserJson(call.api, user));
  });
  return JsonResponse(201, UserJson(call.api, user));
}

/// Whether `after` leaves `before`'s administrator rights: disabled, or (should roles ever be
/// editable) another role.
bool LosesAdmin(const storage::User& before, const storage::User& after) {
  return before.role == Role::kAdmin && !before.disabled &&
         (after.disabled || after.role != Role::kAdmin);
}

/// Refuses a change that would lock everyone out: nobody disables or demotes themselves, and
/// the last active administrator stays. Runs inside the write, so two administrators disabling
/// each other at once cannot both succeed.
void GuardAdminChange(storage::Store& s, const Call& call, const storage::User& before,
                      const storage::User& after) {
  const bool self = before.id == call.caller.user.id;
  if (self && (after.disabled || after.role != before.role)) {
    ThrowConflict("cannot_change_self", "不能停用或降级自己的账户，请由另一位管理员操作",
                  "you cannot disable or demote your own account; ask another administrator");
  }
  if (!LosesAdmin(before, after)) return;
  storage::UserFilter active;
  active.role = Role::kAdmin;
  active.disabled = false;
  if (s.users().List(active, {0, 1}).total <= 1) {
    ThrowConflict("last_admin", "这是最后一个启用的系统管理员账户，不能停用或降级",
                  "this is the last active administrator; it cannot be disabled or demoted");
  }
}

Response Update(Call& call) {
  const int64_t id = call.api.ids.Decode(kUserId, call.req.Param("id"));
  auto before = id ? call.store.users().FindById(id) : std::nullopt;
  if (!before) ThrowNotFound();
  const json body = ParseBody(call.req);
  FieldReader f(body);
  storage::User u = *before;
  if (auto v = f.Bool("disabled", false)) u.disabled = *v;
  if (auto v = f.Str("display_name", false, 100)) u.display_name = *v;
  if (auto v = f.Str("password", false, 1024)) {
    Errors rules = app::CheckPasswordRules(app::LoadSecurityPolicy(call.store).password, *v, "password");
    for (auto& e : rules) f.Fail("password", e.code, e.message_zh, e.message_en);
    if (rules.empty()) {
      u.password_hash = app::HashPassword(*v, call.api.config.password_cost);
      u.password_changed_at = call.now;
      // A password someone else chose is known to them: its owner must replace it.
      u.must_change_password = u.id != call.caller.user.id;
    }
  }
  f.Finish();
  call.api.writes.Run([&](storage::Store& s) {
    GuardAdminChange(s, call, *before, u);
    s.users().Update(u);
    // Sessions of a disabled user end here at once, elsewhere within session_cache_s.
    Audit(s, call, "user.update", "user", call.api.ids.Encode(kUserId, u.id),
          {u.region_prefix, u.industry, u.employer_code, u.provider_code},
          UserJson(call.api, *before), UserJson(call.api, u));
  });
  call.api.sessions.EraseUser(u.id);
  return JsonResponse(200, UserJson(call.api, u));
}

/// A temporary password: 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I),
/// about 70 bits — read out over the phone, used once. It has a lower-case letter, an upper-case
/// letter and a digit, as the password rules ask of any password (one in seven draws lacks a
/// digit: drawn again).
std::string TemporaryPassword() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for (;;) {
    const std::string hex = app::RandomHex(12);
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 2) {
      const int byte = std::stoi(hex.substr(i, 2), nullptr, 16);
      out += kAlphabet[static_cast<size_t>(byte) % kAlphabet.size()];
    }
    const auto has = [&](int (*kind)(int)) {
      return std::any_of(out.begin(), out.end(), [&](char c) { return kind(static_cast<unsigned char>(c)) != 0; });
    };
    if (has(::islower) && has(::isupper) && has(::isdigit)) return out;
  }
}

/// The administrator resets a user's password: a temporary one, shown once in the answer; the
/// user must replace it at the next sign-in, and their sessions end now.
Response ResetPassword(Call& call) {
  const int64_t id = call.api.ids.Decode(kUserId, call.req.Param("id"));
  auto before = id ? call.store.users().FindById(id) : std::nullopt;
  if (!before) ThrowNotFound();
  if (before->id == call.caller.user.id) {
    ThrowConflict("cannot_reset_self", "不能重置自己的密码，请使用“修改密码”",
                  "you cannot reset your own password; use change password instead");
  }
  const std::string password = TemporaryPassword();
  storage::User u = *before;
  u.password_hash = app::HashPassword(password, call.api.config.password_cost);
  u.must_change_password = true;
  u.password_changed_at = call.now;
  call.api.writes.Run([&](storage::Store& s) {
    s.users().Update(u);
    s.users().ResetFailedLogins(u.id);
    s.sessions().DeleteForUser(u.id, "");
    Audit(s, call, "user.password_reset", "user", call.api.ids.Encode(kUserId, u.id),
          {u.region_prefix, u.industry, u.employer_code, u.provider_code}, nullptr,
          json{{"must_change_password", true}});
  });
  call.api.sessions.EraseUser(u.id);
  return JsonResponse(200, json{{"user", UserJson(call.api, u)}, {"temporary_password", password}});
}

}  // namespace

void AddUserRoutes(Router& r) {
  r.Add({"GET", "/api/v1/users", List, "users", "user accounts", false, kReaders,
         {"role", "username", "page", "page_size", "sort"}});
  r.Add({"POST", "/api/v1/users", Create, "users", "create a user account", false, kAdmin, {}, "json"});
  r.Add({"PATCH", "/api/v1/users/{id}", Update, "users", "disable, rename or reset a user", false,
         kAdmin, {}, "json"});
  r.Add({"POST", "/api/v1/users/{id}/password-reset", ResetPassword, "users",
         "reset a user's password: a temporary one, to be changed at the next sign-in", false,
         kAdmin});
}

}  // namespace jixu::http
