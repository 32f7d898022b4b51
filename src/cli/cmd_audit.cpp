// `jixu audit verify` and `jixu audit checkpoint` (docs/cli.md#audit).
#include <fstream>
#include <ostream>

#include "app/audit_log.hpp"
#include "certs/audit_checkpoint.hpp"
#include "certs/key_ring.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/common/error.hpp"

namespace jixu::cli {
namespace {

/// The key to verify with: the file's, or none when the chain has no keyed entry yet.
std::optional<app::AuditKey> KeyForVerifying(const Env& env, storage::Store& store) {
  auto key = app::ReadAuditKey(env.audit.key);
  if (!key && app::HasKeyedEntries(store)) {
    throw Fault("audit_key_missing",
                "审计密钥文件不存在 / the audit key file " + env.audit.key.string() +
                    " is missing; the chain cannot be checked without it (restore it from its "
                    "backup, or pass --audit-key)");
  }
  return key;
}

std::optional<std::vector<certs::PublicKeyInfo>> TrustedKeys(
    const std::optional<std::string>& path) {
  if (!path) return std::nullopt;
  std::ifstream in(*path);
  if (!in) throw UsageError{"cannot read --keys " + *path};
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded()) throw UsageError{"--keys " + *path + " is not JSON"};
  return certs::ParsePublicKeySet(doc);
}

int Verify(const Env& env, const std::optional<std::string>& keys) {
  auto store = storage::OpenStore(env.store);
  const auto key = KeyForVerifying(env, *store);
  const auto r = certs::VerifyAuditTrail(*store, key ? &*key : nullptr, env.audit.checkpoints,
                                         TrustedKeys(keys));
  const auto& v = r.chain;
  if (v.broken) {
    env.err << "审计链断裂 / audit chain broken";
    if (v.first_broken_seq) env.err << " at entry " << *v.first_broken_seq;
    env.err << ": " << v.reason_zh << " / " << v.reason << '\n';
  }
  for (const auto& p : r.problems) {
    env.err << "审计检查点不符 / audit checkpoint mismatch: " << p.zh << " / " << p.en << '\n';
  }
  if (!r.ok()) return kExitAuditBroken;
  env.out << "审计链完整 / audit chain intact: " << v.entries << " entries";
  if (v.legacy_entries > 0) env.out << " (" << v.legacy_entries << " from before keyed hashes)";
  env.out << ", head seq " << v.head_seq << '\n';
  if (r.newest) {
    env.out << "检查点 / checkpoints: " << r.checkpoints << " verified; newest covers seq "
            << r.newest->seq << " at " << certs::IsoTimestamp(r.newest->at) << '\n';
  } else {
    env.out << "检查点 / checkpoints: none (the chain is empty)\n";
  }
  return kExitOk;
}

int Checkpoint(const Env& env) {
  auto store = storage::OpenStore(env.store);
  const app::AuditKey key = env.AuditKeyForWriting(*store);
  const auto c = certs::WriteAuditCheckpoint(*store, key, env.audit.checkpoints, env.clock);
  env.out << "审计检查点已写入 / audit checkpoint written: seq " << c.seq << ", head "
          << c.head.substr(0, 16) << "…, signed by " << c.key_id << " -> "
          << env.audit.checkpoints.string() << '\n';
  return kExitOk;
}

}  // namespace

void AddAudit(CommandSet& set) {
  CLI::App* audit = set.root().add_subcommand("audit", "审计链 / the audit chain");
  auto keys = std::make_shared<std::optional<std::string>>();
  CLI::App* verify = audit->add_subcommand(
      "verify", "核验 / check the keyed audit chain and every signed checkpoint (exit 8: broken)");
  verify->add_option("--keys", *keys, "trust this published key set (jixu-keys.json), not the database's");
  set.Add(verify, [keys](const Env& env) { return Verify(env, *keys); });
  CLI::App* checkpoint = audit->add_subcommand(
      "checkpoint", "检查点 / sign the chain's head and append it to the checkpoint file");
  set.Add(checkpoint, Checkpoint);
  audit->require_subcommand(0, 1);  // one subcommand; a missing one is named by Main
}

}  // namespace jixu::cli
