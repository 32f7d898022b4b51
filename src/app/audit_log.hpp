#pragma once
// The tamper-evident audit log: each entry's hash is SHA-256 over the previous entry's hash and
// every field of the entry, so editing or deleting any row breaks every later link. Appends run
// inside the caller's write transaction (the write and its audit entry commit together) and
// take the chain lock so concurrent processes extend one chain.
#include <optional>
#include <string>

#include "core/storage/store.hpp"

namespace jixu::app {

/// The canonical text hashed for an entry (every field but seq and hash, length-prefixed so no
/// two different entries share a text).
std::string AuditCanonical(const storage::AuditEntry& e);

/// Fills prev_hash and hash and inserts. Call inside a transaction.
int64_t AppendAudit(storage::Store& store, storage::AuditEntry entry);

struct AuditVerdict {
  int64_t entries = 0;
  std::optional<int64_t> first_broken_seq;  ///< the first entry whose link or hash is wrong
  std::string reason;
};

/// Walks the whole chain in order.
AuditVerdict VerifyAudit(storage::Store& store);

}  // namespace jixu::app
