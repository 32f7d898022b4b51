#pragma once
// Signed checkpoints of the audit chain, kept outside the database (docs/operations.md).
//
// A checkpoint names the chain's head (seq and hash) at a moment, the legacy boundary and the
// audit key's fingerprint, signed with the registry's Ed25519 key (the key ring's active key,
// the one that signs certificates; the signed text carries its own prefix so a checkpoint
// signature can never pass for a certificate's). `jixu audit checkpoint` and the server (every
// --audit-checkpoint-minutes) append one JSON line each to the checkpoint file.
//
// `VerifyAuditTrail` walks the keyed chain and then requires every checkpoint's head to be in
// it: rows deleted from the end, or a chain rewritten up to a checkpointed entry (with plain
// SHA-256 or any guessed key), leave some checkpoint's head missing.
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/audit_log.hpp"
#include "certs/key_ring.hpp"
#include "core/common/clock.hpp"
#include "storage/factory.hpp"

namespace jixu::certs {

struct AuditCheckpoint {
  int64_t seq = 0;           ///< the head entry's seq (0: an empty chain)
  std::string head;          ///< its hash
  std::string legacy_head;   ///< settings.audit_legacy_head when signed ("" : none)
  std::string audit_key_id;  ///< AuditKey::Id() of the key the chain is written with
  int64_t at = 0;            ///< unix seconds
  std::string key_id;        ///< the signing key
  std::string signature;     ///< base64url Ed25519 over CheckpointSignedText
};

nlohmann::json CheckpointJson(const AuditCheckpoint& c);
/// What is signed: a fixed prefix and the RFC 8785 canonical JSON of every field but the
/// signature.
std::string CheckpointSignedText(const AuditCheckpoint& c);

/// Signs the chain's current (committed) head and appends it as one line to `path` (created
/// mode 0600 if absent, fsynced). Creates the Ed25519 signing key if there is none yet.
AuditCheckpoint WriteAuditCheckpoint(storage::Store& store, const app::AuditKey& key,
                                     const std::filesystem::path& path, const ClockPtr& clock);

struct AuditProblem {
  std::string zh, en;
};

struct AuditReport {
  app::AuditVerdict chain;
  bool checkpoint_file_found = false;
  int64_t checkpoints = 0;                  ///< lines whose signature verified
  std::optional<AuditCheckpoint> newest;    ///< the newest valid checkpoint (by time, then seq)
  std::vector<AuditProblem> problems;       ///< checkpoint problems (the chain's is in `chain`)
  bool ok() const { return !chain.broken && problems.empty(); }
};

/// Verifies the chain and every checkpoint in `checkpoints`. Signatures are checked against
/// `trusted` when given (e.g. the published key set, `--keys`), else against the database's
/// key ring. A missing checkpoint file is a problem once the chain holds entries.
AuditReport VerifyAuditTrail(storage::Store& store, const app::AuditKey* key,
                             const std::filesystem::path& checkpoints,
                             const std::optional<std::vector<PublicKeyInfo>>& trusted);

/// The server's schedule: writes a checkpoint at start, then on Tick() once `interval_s` has
/// passed since the last one, and on Final() (shutdown). It owns its own store connection, so
/// it only ever signs committed entries. Failures are written to `log`, never thrown: a full
/// disk must not stop the registry (the next tick tries again).
class AuditCheckpointer {
 public:
  AuditCheckpointer(const storage::StoreConfig& store, app::AuditKey key,
                    std::filesystem::path path, int64_t interval_s, ClockPtr clock,
                    std::ostream& log);
  ~AuditCheckpointer();
  void Tick();
  void Final();

 private:
  void Write();

  storage::StorePtr store_;
  app::AuditKey key_;
  std::filesystem::path path_;
  int64_t interval_s_;
  ClockPtr clock_;
  std::ostream& log_;
  int64_t last_ = 0;
};

}  // namespace jixu::certs
