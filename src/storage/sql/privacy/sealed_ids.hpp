#pragma once
// Work over every person's sealed ID number: sealing the plain-text rows left by schemas before
// migration 13, and re-encrypting under a new data key (a rotation) in small transactions that a
// serving process never waits long behind (docs/operations.md#keys-for-personal-data).
#include <cstdint>
#include <map>

#include "storage/sql/privacy/key_ring.hpp"

namespace jixu::storage::sql {
class SqlConn;
}

namespace jixu::storage::privacy {

/// Seals every ID number still in plain text (id_index NULL), in one transaction. Returns the
/// number of rows sealed; 0 once done, so it runs at every open.
int64_t SealPlainIds(sql::SqlConn& conn, KeyRing& keys);

struct Rotation {
  uint32_t new_key = 0;
  int64_t resealed = 0;
};
/// Makes a new data key (wrapped under every KEK in the key file) the active one, then
/// re-encrypts, `batch` rows per transaction, every row sealed under another key.
Rotation RotateDataKey(sql::SqlConn& conn, KeyRing& keys, int batch = 1000);
/// Re-encrypts under the active key every row sealed under another one (finishes a rotation
/// that was interrupted, or catches rows a process still on the old key wrote meanwhile).
int64_t ResealOldRows(sql::SqlConn& conn, KeyRing& keys, int batch = 1000);
/// Wraps every data key under each KEK in the key file that does not wrap it yet, and drops the
/// wrappings under KEKs no longer in the file (the last step of a KEK rotation).
int64_t RewrapKeys(sql::SqlConn& conn, KeyRing& keys);
/// Rows per data key id (0: not sealed).
std::map<uint32_t, int64_t> SealedRowsByKey(sql::SqlConn& conn);

}  // namespace jixu::storage::privacy
