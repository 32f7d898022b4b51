#include "certs/audit_checkpoint.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <unordered_map>

#include "certs/canonical_json.hpp"
#include "certs/crypto.hpp"
#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

constexpr std::string_view kSignedPrefix = "jixu-audit-checkpoint-v1\n";

using nlohmann::json;

std::optional<AuditCheckpoint> ParseCheckpoint(const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  if (!j.is_object() || j.value("v", 0) != 1) return std::nullopt;
  AuditCheckpoint c;
  try {
    c.seq = j.at("seq").get<int64_t>();
    c.head = j.at("head").get<std::string>();
    c.legacy_head = j.at("legacy_head").get<std::string>();
    c.audit_key_id = j.at("audit_key_id").get<std::string>();
    c.at = j.at("at").get<int64_t>();
    c.key_id = j.at("kid").get<std::string>();
    c.signature = j.at("sig").get<std::string>();
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return c;
}

bool SignatureValid(const AuditCheckpoint& c, const std::vector<PublicKeyInfo>& keys) {
  const auto sig = FromBase64Url(c.signature);
  if (!sig) return false;
  for (const auto& k : keys) {
    if (k.key_id == c.key_id && k.algorithm == Algorithm::kEd25519) {
      return Verify(Algorithm::kEd25519, k.public_key, CheckpointSignedText(c), *sig);
    }
  }
  return false;
}

void AppendLine(const std::filesystem::path& path, const std::string& line) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw Fault("audit_checkpoint_io",
                "cannot open the checkpoint file " + path.string() + ": " + std::strerror(errno));
  }
  // One writer at a time (the server and `jixu audit checkpoint` may share the file).
  ::flock(fd, LOCK_EX);
  const std::string text = line + "\n";
  size_t done = 0;
  bool ok = true;
  while (ok && done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok) {
    throw Fault("audit_checkpoint_io", "cannot write the checkpoint file " + path.string() +
                                           ": " + std::strerror(saved));
  }
}

std::string Line(int n) { return std::to_string(n); }

}  // namespace

json CheckpointJson(const AuditCheckpoint& c) {
  return json{{"v", 1},
              {"seq", c.seq},
              {"head", c.head},
              {"legacy_head", c.legacy_head},
              {"audit_key_id", c.audit_key_id},
              {"at", c.at},
              {"time", IsoTimestamp(c.at)},
              {"alg", "ed25519"},
              {"kid", c.key_id},
              {"sig", c.signature}};
}

std::string CheckpointSignedText(const AuditCheckpoint& c) {
  json j = CheckpointJson(c);
  j.erase("sig");
  return std::string(kSignedPrefix) + CanonicalJson(j);
}

AuditCheckpoint WriteAuditCheckpoint(storage::Store& store, const app::AuditKey& key,
                                     const std::filesystem::path& path, const ClockPtr& clock) {
  KeyRing ring(store, clock, KeyEncryptionKeyFromEnv());
  const SigningKey signer = ring.Active(Algorithm::kEd25519);
  AuditCheckpoint c;
  if (auto last = store.audit().Last()) {
    c.seq = last->seq;
    c.head = last->hash;
  } else {
    c.head = app::kAuditGenesis;
  }
  c.legacy_head = app::AuditLegacyHead(store);
  c.audit_key_id = key.Id();
  c.at = clock->NowUnixSeconds();
  c.key_id = signer.info.key_id;
  c.signature = Base64Url(Sign(Algorithm::kEd25519, signer.private_key, CheckpointSignedText(c)));
  AppendLine(path, CheckpointJson(c).dump());
  return c;
}

namespace {

struct ReadCheckpoint {
  int line = 0;
  AuditCheckpoint c;
  bool found = false;  ///< its head was met in the chain
};

void AddProblem(AuditReport& r, std::string zh, std::string en) {
  r.problems.push_back({std::move(zh), std::move(en)});
}

/// The checkpoint lines whose signature verifies; every other line is a problem.
std::vector<ReadCheckpoint> ReadCheckpoints(const std::filesystem::path& path,
                                            const std::vector<PublicKeyInfo>& keys,
                                            AuditReport& r) {
  std::vector<ReadCheckpoint> valid;
  std::ifstream in(path);
  r.checkpoint_file_found = static_cast<bool>(in);
  std::string text;
  for (int n = 1; std::getline(in, text); ++n) {
    if (text.empty()) continue;
    auto c = ParseCheckpoint(text);
    if (!c) {
      AddProblem(r, "检查点第 " + Line(n) + " 行无法解析（文件损坏或被改动）",
                 "checkpoint line " + Line(n) + " is not a checkpoint (damaged or altered file)");
    } else if (!SignatureValid(*c, keys)) {
      AddProblem(r, "检查点第 " + Line(n) + " 行签名无效（伪造或被改动；签名密钥 " + c->key_id + "）",
                 "checkpoint line " + Line(n) + ": the signature does not verify (forged or "
                 "altered; signing key " + c->key_id + ")");
    } else {
      valid.push_back({n, *c});
    }
  }
  return valid;
}

/// One valid checkpoint against the chain just walked.
void CheckAgainstChain(const ReadCheckpoint& v, const app::AuditKey* key, AuditReport& r) {
  const std::string where = "检查点第 " + Line(v.line) + " 行";
  const std::string line = "checkpoint line " + Line(v.line) + " (" + IsoTimestamp(v.c.at) + ")";
  if (v.c.legacy_head != r.chain.legacy_head) {
    AddProblem(r, where + "记录的升级边界与数据库中的不同（settings.audit_legacy_head 被改动）",
               line + " recorded another pre-upgrade boundary than the database's "
                      "settings.audit_legacy_head (the boundary was moved)");
  }
  if (key != nullptr && v.c.audit_key_id != key->Id()) {
    AddProblem(r, where + "由另一把审计密钥（指纹 " + v.c.audit_key_id + "）写入：密钥文件不对？",
               line + " was written under another audit key (fingerprint " + v.c.audit_key_id +
                   ", this key's is " + key->Id() + "): wrong or replaced key file?");
  }
  // Past a break the walk stopped: heads there were not looked for.
  const int64_t walked_to = r.chain.first_broken_seq.value_or(INT64_MAX);
  if (v.found || v.c.seq >= walked_to) return;
  const std::string seq = std::to_string(v.c.seq), head = std::to_string(r.chain.head_seq);
  if (v.c.seq > r.chain.head_seq) {
    AddProblem(r, where + "记录链头为第 " + seq + " 条，但链只到第 " + head + " 条：末尾的条目被删除",
               line + " recorded the head at seq " + seq + " but the chain now ends at seq " +
                   head + ": entries were removed from the end");
  } else {
    AddProblem(r, where + "记录的第 " + seq + " 条（哈希 " + v.c.head.substr(0, 16) +
                      "…）已不在链中：条目被删除或整链被重算",
               line + " recorded entry seq " + seq + " with hash " + v.c.head.substr(0, 16) +
                   "…, which is no longer in the chain: entries were removed or the chain was "
                   "recomputed");
  }
}

}  // namespace

AuditReport VerifyAuditTrail(storage::Store& store, const app::AuditKey* key,
                             const std::filesystem::path& checkpoints,
                             const std::optional<std::vector<PublicKeyInfo>>& trusted) {
  AuditReport r;
  const std::vector<PublicKeyInfo> keys =
      trusted ? *trusted : KeyRing(store, nullptr, std::nullopt).PublicKeys();
  std::vector<ReadCheckpoint> valid = ReadCheckpoints(checkpoints, keys, r);
  r.checkpoints = static_cast<int64_t>(valid.size());
  if (!valid.empty()) r.newest = valid.back().c;

  std::unordered_map<std::string, std::vector<size_t>> by_head;
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i].c.head == app::kAuditGenesis) {
      valid[i].found = true;
    } else {
      by_head[valid[i].c.head].push_back(i);
    }
  }
  r.chain = app::VerifyAudit(store, key, [&](const storage::AuditEntry& e) {
    auto it = by_head.find(e.hash);
    if (it == by_head.end()) return;
    for (size_t i : it->second) valid[i].found = true;
  });

  if (r.chain.entries > 0 && !r.checkpoint_file_found) {
    AddProblem(r, "没有检查点文件 " + checkpoints.string() +
                      "：无法排除尾部条目被删除；若从未写过，请运行 jixu audit checkpoint",
               "no checkpoint file at " + checkpoints.string() +
                   ": removal of the newest entries cannot be ruled out (if none was ever "
                   "written, run `jixu audit checkpoint`)");
  } else if (valid.empty() && r.chain.entries > 0) {
    AddProblem(r, "检查点文件中没有有效的检查点", "the checkpoint file holds no valid checkpoint");
  }
  for (const auto& v : valid) CheckAgainstChain(v, key, r);
  return r;
}

AuditCheckpointer::AuditCheckpointer(const storage::StoreConfig& store, app::AuditKey key,
                                     std::filesystem::path path, int64_t interval_s,
                                     ClockPtr clock, std::ostream& log)
    : key_(std::move(key)), path_(std::move(path)), interval_s_(interval_s),
      clock_(std::move(clock)), log_(log) {
  if (interval_s_ <= 0) return;
  store_ = storage::OpenStore(store);
  WriteAuditCheckpoint(*store_, key_, path_, clock_);  // a bad path stops the server at start
  last_ = clock_->NowUnixSeconds();
}

AuditCheckpointer::~AuditCheckpointer() = default;

void AuditCheckpointer::Tick() {
  if (interval_s_ > 0 && clock_->NowUnixSeconds() - last_ >= interval_s_) Write();
}

void AuditCheckpointer::Final() {
  if (interval_s_ > 0) Write();
}

void AuditCheckpointer::Write() {
  try {
    const auto c = WriteAuditCheckpoint(*store_, key_, path_, clock_);
    last_ = c.at;
  } catch (const std::exception& e) {
    log_ << "audit checkpoint failed / 审计检查点写入失败: " << e.what() << std::endl;
  }
}

}  // namespace jixu::certs
