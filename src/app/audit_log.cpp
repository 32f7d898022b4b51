#include "app/audit_log.hpp"

#include "app/crypto.hpp"

namespace jixu::app {
namespace {

void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}

}  // namespace

std::string AuditCanonical(const storage::AuditEntry& e) {
  std::string out = "jixu-audit-v1;";
  Field(out, e.prev_hash);
  Field(out, std::to_string(e.at));
  for (const std::string* f : {&e.actor, &e.actor_role, &e.action, &e.entity, &e.entity_id,
                               &e.region_code, &e.industry, &e.employer_code, &e.provider_code,
                               &e.before_json, &e.after_json}) {
    Field(out, *f);
  }
  return out;
}

int64_t AppendAudit(storage::Store& store, storage::AuditEntry entry) {
  store.audit().LockChain();
  auto last = store.audit().Last();
  entry.prev_hash = last ? last->hash : std::string(64, '0');
  entry.hash = Sha256Hex(AuditCanonical(entry));
  return store.audit().Insert(entry);
}

AuditVerdict VerifyAudit(storage::Store& store) {
  AuditVerdict v;
  std::string prev(64, '0');
  store.audit().ForEach([&](const storage::AuditEntry& e) {
    if (v.first_broken_seq) return;
    ++v.entries;
    if (e.prev_hash != prev) {
      v.first_broken_seq = e.seq;
      v.reason = "prev_hash does not match the previous entry's hash (an entry was removed or "
                 "altered before it)";
    } else if (Sha256Hex(AuditCanonical(e)) != e.hash) {
      v.first_broken_seq = e.seq;
      v.reason = "the entry's content does not match its hash (the entry was edited)";
    }
    prev = e.hash;
  });
  return v;
}

}  // namespace jixu::app
