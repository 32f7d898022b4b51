// `jixu audit verify` and `jixu audit checkpoint` (docs/cli.md#audit).
#include <fstream>
#include <ostream>

#include "app/audit_log.hpp"
#include "certs/audit_checkpoint.hpp"
#include "certs/key_ring.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "core/common/error.hpp"

namespace jixu::cli {
namespace {

constexpr const char* kAuditUsage =
    "usage: jixu audit verify [--keys jixu-keys.json] | jixu audit checkpoint";

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

std::optional<std::vector<certs::PublicKeyInfo>> TrustedKeys(const Args& args) {
  auto path = args.Get("keys");
  if (!path) return std::nullopt;
  std::ifstream in(*path);
  if (!in) throw UsageError{"cannot read --keys " + *path};
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded()) throw UsageError{"--keys " + *path + " is not JSON"};
  return certs::ParsePublicKeySet(doc);
}

int Verify(const Env& env, const Args& args) {
  auto store = storage::OpenStore(env.store);
  const auto key = KeyForVerifying(env, *store);
  const auto r = certs::VerifyAuditTrail(*store, key ? &*key : nullptr, env.audit.checkpoints,
                                         TrustedKeys(args));
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

int RunAudit(const Env& env, const Argv& argv) {
  Args args(argv, {"keys"}, {});
  if (args.positional().size() != 1) throw UsageError{kAuditUsage};
  const std::string& what = args.positional()[0];
  if (what == "verify") return Verify(env, args);
  if (what == "checkpoint" && !args.Has("keys")) return Checkpoint(env);
  throw UsageError{kAuditUsage};
}

}  // namespace jixu::cli
