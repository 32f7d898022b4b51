#include "http/api.hpp"

#include "http/problem.hpp"

namespace jixu::http {
namespace {

constexpr char kBase32[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford, lower case

int Base32Value(char c) {
  for (int i = 0; i < 32; ++i) {
    if (kBase32[i] == c) return i;
  }
  return -1;
}

}  // namespace

std::string Ids::Encode(char type, int64_t row) const {
  uint64_t v = perm_.Encrypt(static_cast<uint64_t>(row), type);
  std::string out(14, '0');
  out[0] = type;
  for (int i = 13; i >= 1; --i) {
    out[static_cast<size_t>(i)] = kBase32[v & 31];
    v >>= 5;
  }
  return out;
}

int64_t Ids::Decode(char type, std::string_view id) const {
  if (id.size() != 14 || id[0] != type) return 0;
  uint64_t v = 0;
  for (size_t i = 1; i < 14; ++i) {
    const int d = Base32Value(id[i]);
    if (d < 0) return 0;
    v = (v << 5) | static_cast<uint64_t>(d);
  }
  // 13 digits hold 65 bits: the leading one carries only the top 4 bits of the 64.
  if (Base32Value(id[1]) > 15) return 0;
  const int64_t row = static_cast<int64_t>(perm_.Decrypt(v, type));
  return row > 0 ? row : 0;
}

std::optional<SessionCache::Entry> SessionCache::Get(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  auto it = map_.find(token_hash);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

void SessionCache::Put(const std::string& token_hash, Entry e) {
  std::lock_guard lock(mu_);
  if (map_.size() >= kMaxEntries) map_.clear();  // bounded memory; entries are only a cache
  map_[token_hash] = std::move(e);
}

void SessionCache::Erase(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  map_.erase(token_hash);
}

void SessionCache::EraseUser(int64_t user_id) {
  std::lock_guard lock(mu_);
  std::erase_if(map_, [&](const auto& kv) { return kv.second.user.id == user_id; });
}

storage::Scope ScopeOf(const storage::User& u) {
  storage::Scope s;
  switch (u.role) {
    case storage::Role::kPerson: s.person_id = u.person_id == 0 ? -1 : u.person_id; break;
    // A missing binding must not widen the scope to everything: it matches nothing instead.
    case storage::Role::kEmployerAdmin:
      s.employer_code = u.employer_code.empty() ? "\x01" : u.employer_code;
      break;
    case storage::Role::kProviderAdmin:
      s.provider_code = u.provider_code.empty() ? "\x01" : u.provider_code;
      break;
    case storage::Role::kAuthority:
      s.region_prefix = u.region_prefix;
      s.industry = u.industry;
      break;
    case storage::Role::kAdmin: break;
    // The security and audit administrators see no registry data at all (三员分立); the
    // dispatcher refuses them every route not named for them, this is the second wall.
    case storage::Role::kSecurityAdmin:
    case storage::Role::kAuditAdmin: s.person_id = -1; break;
  }
  return s;
}


}  // namespace jixu::http
