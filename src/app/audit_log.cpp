#include "app/audit_log.hpp"

#include "app/crypto.hpp"
#include "core/common/error.hpp"

namespace jixu::app {
namespace {

void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += ';';
}

}  // namespace

std::string AuditCanonical(const storage::AuditEntry& e, int version) {
  std::string out = version == 1 ? "jixu-audit-v1;" : "jixu-audit-v2-hmac;";
  Field(out, e.prev_hash);
  Field(out, std::to_string(e.at));
  for (const std::string* f : {&e.actor, &e.actor_role, &e.action, &e.entity, &e.entity_id,
                               &e.region_code, &e.industry, &e.employer_code, &e.provider_code,
                               &e.before_json, &e.after_json}) {
    Field(out, *f);
  }
  return out;
}

std::string AuditMac(const AuditKey& key, const storage::AuditEntry& e) {
  return key.Mac(AuditCanonical(e, 2));
}

int64_t AppendAudit(storage::Store& store, const AuditKey& key, storage::AuditEntry entry) {
  if (key.empty()) throw Fault("audit_key_missing", "no audit key loaded (docs/operations.md)");
  store.audit().LockChain();
  auto last = store.audit().Last();
  entry.prev_hash = last ? last->hash : kAuditGenesis;
  entry.hash = AuditMac(key, entry);
  return store.audit().Insert(entry);
}

std::string AuditLegacyHead(storage::Store& store) {
  return store.settings().Get(kAuditLegacyHeadSetting).value_or("");
}

bool HasKeyedEntries(storage::Store& store) {
  auto last = store.audit().Last();
  return last && last->hash != AuditLegacyHead(store);
}

AuditVerdict VerifyAudit(storage::Store& store, const AuditKey* key,
                         const std::function<void(const storage::AuditEntry&)>& visit) {
  AuditVerdict v;
  v.legacy_head = AuditLegacyHead(store);
  bool legacy = !v.legacy_head.empty();
  std::string prev = kAuditGenesis;
  auto expected_hash = [&](const storage::AuditEntry& e) {
    if (legacy) return Sha256Hex(AuditCanonical(e));
    if (key == nullptr) {
      throw Fault("audit_key_missing", "the chain has keyed entries: the audit key file is needed");
    }
    return AuditMac(*key, e);
  };
  store.audit().ForEach([&](const storage::AuditEntry& e) {
    if (v.broken) return;
    ++v.entries;
    if (e.prev_hash != prev) {
      v.first_broken_seq = e.seq;
      v.reason_zh = "与前一条的哈希不衔接（其前有条目被删除或改动）";
      v.reason = "prev_hash does not match the previous entry's hash (an entry was removed or "
                 "altered before it)";
    } else if (expected_hash(e) != e.hash) {
      v.first_broken_seq = e.seq;
      v.reason_zh = "内容与其哈希不符（条目被改动，或哈希未用本系统的审计密钥重算）";
      v.reason = legacy ? "the entry's content does not match its hash (the entry was edited)"
                        : "the entry's content does not match its keyed hash (the entry was "
                          "edited, or its hash recomputed without the audit key)";
    }
    if (v.first_broken_seq) {
      v.broken = true;
      return;
    }
    if (visit) visit(e);
    if (legacy) ++v.legacy_entries;
    if (legacy && e.hash == v.legacy_head) legacy = false;
    prev = e.hash;
    v.head_hash = e.hash;
    v.head_seq = e.seq;
  });
  if (!v.broken && legacy) {
    v.broken = true;
    v.reason_zh = "升级前最后一条条目（legacy 边界）不在链中：条目被删除";
    v.reason = "the last pre-upgrade entry (settings.audit_legacy_head) is not in the chain: "
               "entries were removed";
  }
  return v;
}

}  // namespace jixu::app
