#pragma once
// The tamper-evident audit log. Each entry's hash is an HMAC-SHA-256, under the audit key kept
// outside the database (app/audit_key.hpp), over the previous entry's hash and every field of
// the entry: editing or deleting a row breaks every later link, and without the key nobody can
// recompute them. Truncating the tail is caught by the signed checkpoints
// (certs/audit_checkpoint.hpp). Appends run inside the caller's write transaction (the write and
// its audit entry commit together) and take the chain lock so concurrent processes extend one
// chain.
//
// Entries written before the upgrade to keyed hashes (schema migration 6) kept their plain
// SHA-256 hashes: the migration recorded the last of them in settings.audit_legacy_head, and
// the walk checks entries up to that one with SHA-256, every later one with the key. The first
// checkpoint records the boundary too, which seals it against being moved.
#include <functional>
#include <optional>
#include <string>

#include "app/audit_key.hpp"
#include "core/storage/store.hpp"

namespace jixu::app {

/// settings key: the hash of the last plain-SHA-256 entry (absent when there is none).
inline constexpr std::string_view kAuditLegacyHeadSetting = "audit_legacy_head";
/// prev_hash of the first entry, and the head of an empty chain.
inline const std::string kAuditGenesis(64, '0');

/// The canonical text hashed for an entry (every field but seq and hash, length-prefixed so no
/// two different entries share a text). `version` 1 is the legacy plain-SHA-256 text, 2 the
/// keyed one (a different prefix, so the two never collide).
std::string AuditCanonical(const storage::AuditEntry& e, int version = 1);
/// The keyed hash of an entry.
std::string AuditMac(const AuditKey& key, const storage::AuditEntry& e);

/// Fills prev_hash and hash (keyed) and inserts. Call inside a transaction.
int64_t AppendAudit(storage::Store& store, const AuditKey& key, storage::AuditEntry entry);

/// The legacy boundary recorded by the migration ("" when every entry is keyed).
std::string AuditLegacyHead(storage::Store& store);
/// True when the chain holds an entry written with the key (then the key file is required).
bool HasKeyedEntries(storage::Store& store);

struct AuditVerdict {
  int64_t entries = 0;
  int64_t legacy_entries = 0;               ///< checked with plain SHA-256
  std::optional<int64_t> first_broken_seq;  ///< the first entry whose link or hash is wrong
  bool broken = false;                      ///< first_broken_seq, or the legacy boundary missing
  std::string reason_zh, reason;
  std::string head_hash = kAuditGenesis;    ///< the last entry's hash
  int64_t head_seq = 0;
  std::string legacy_head;
};

/// Walks the whole chain in order; `visit` sees every entry (checkpoints look for their heads).
/// `key` may be null only for a chain without keyed entries: meeting one then throws
/// Fault("audit_key_missing").
AuditVerdict VerifyAudit(storage::Store& store, const AuditKey* key,
                         const std::function<void(const storage::AuditEntry&)>& visit = {});

}  // namespace jixu::app
