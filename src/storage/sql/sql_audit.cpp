// The audit log and evidence files over SqlConn.
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {
namespace {

constexpr std::string_view kAuditColumns =
    "seq, at, actor, actor_role, action, entity, entity_id, region_code, industry, employer_code,"
    " provider_code, before_json, after_json, prev_hash, hash";

AuditEntry ReadAudit(const Row& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  e.at = r.Int(1);
  e.actor = r.Text(2);
  e.actor_role = r.Text(3);
  e.action = r.Text(4);
  e.entity = r.Text(5);
  e.entity_id = r.Text(6);
  e.region_code = r.Text(7);
  e.industry = r.Text(8);
  e.employer_code = r.Text(9);
  e.provider_code = r.Text(10);
  e.before_json = r.Text(11);
  e.after_json = r.Text(12);
  e.prev_hash = r.Text(13);
  e.hash = r.Text(14);
  return e;
}

}  // namespace

void SqlAudit::LockChain() { c_.LockKey(kAuditLockKey); }

std::optional<AuditEntry> SqlAudit::Last() {
  std::optional<AuditEntry> out;
  c_.Query("SELECT " + std::string(kAuditColumns) + " FROM audit_log ORDER BY seq DESC LIMIT 1",
           {}, [&](const Row& r) { out = ReadAudit(r); });
  return out;
}

int64_t SqlAudit::Insert(const AuditEntry& e) {
  int64_t seq = 0;
  c_.Query(
      "INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, region_code,"
      " industry, employer_code, provider_code, before_json, after_json, prev_hash, hash)"
      " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING seq",
      {e.at, e.actor, e.actor_role, e.action, e.entity, e.entity_id, e.region_code, e.industry,
       e.employer_code, e.provider_code, e.before_json, e.after_json, e.prev_hash, e.hash},
      [&](const Row& r) { seq = r.Int(0); });
  return seq;
}

void SqlAudit::ForEach(const std::function<void(const AuditEntry&)>& fn) {
  // Keyset chunks: bounded memory on a long chain, and no cursor held across callbacks.
  constexpr int64_t kChunk = 2000;
  int64_t after = 0;
  for (;;) {
    std::vector<AuditEntry> chunk;
    c_.Query("SELECT " + std::string(kAuditColumns) +
                 " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
             {after, kChunk}, [&](const Row& r) { chunk.push_back(ReadAudit(r)); });
    for (const auto& e : chunk) fn(e);
    if (static_cast<int64_t>(chunk.size()) < kChunk) return;
    after = chunk.back().seq;
  }
}

PageOf<AuditEntry> SqlAudit::List(const AuditFilter& f, const Page& page) {
  Where w;
  w.AddPrefix(c_, "region_code", f.scope.region_prefix);
  if (!f.scope.industry.empty()) w.Add("industry = ?", {f.scope.industry});
  if (!f.scope.employer_code.empty()) w.Add("employer_code = ?", {f.scope.employer_code});
  if (!f.scope.provider_code.empty()) w.Add("provider_code = ?", {f.scope.provider_code});
  if (!f.action.empty()) w.Add("action = ?", {f.action});
  if (!f.entity.empty()) w.Add("entity = ?", {f.entity});
  if (f.from > 0) w.Add("at >= ?", {f.from});
  if (f.to > 0) w.Add("at <= ?", {f.to});
  PageOf<AuditEntry> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM audit_log" + w.Sql(), w.values());
  const std::string tail =
      OrderAndPage(w, page, {{"seq", "seq"}, {"at", "at"}, {"action", c_.ByteOrder("action")}}, "seq");
  c_.Query("SELECT " + std::string(kAuditColumns) + " FROM audit_log" + w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadAudit(r)); });
  return out;
}

void SqlEvidence::PutBlob(std::string_view sha256, std::string_view mime,
                          std::string_view bytes) {
  c_.Exec(
      "INSERT INTO evidence_blobs (sha256, mime, size, content) VALUES ($1,$2,$3,$4)"
      " ON CONFLICT (sha256) DO NOTHING",
      {std::string(sha256), std::string(mime), static_cast<int64_t>(bytes.size()), Blob{bytes}});
}

std::optional<std::pair<std::string, std::string>> SqlEvidence::GetBlob(std::string_view sha256) {
  std::optional<std::pair<std::string, std::string>> out;
  c_.Query("SELECT content, mime FROM evidence_blobs WHERE sha256 = $1", {std::string(sha256)},
           [&](const Row& r) { out.emplace(r.BlobAt(0), r.Text(1)); });
  return out;
}

void SqlEvidence::Attach(int64_t record_id, const EvidenceFile& f) {
  c_.Exec(
      "INSERT INTO record_evidence (record_id, sha256, filename, attached_at)"
      " VALUES ($1,$2,$3,$4) ON CONFLICT (record_id, sha256) DO NOTHING",
      {record_id, f.sha256, f.filename, f.attached_at});
}

std::vector<EvidenceFile> SqlEvidence::ListForRecord(int64_t record_id) {
  std::vector<EvidenceFile> out;
  c_.Query(
      "SELECT e.sha256, b.mime, b.size, e.filename, e.attached_at FROM record_evidence e"
      " JOIN evidence_blobs b ON b.sha256 = e.sha256 WHERE e.record_id = $1"
      " ORDER BY e.attached_at, e.sha256",
      {record_id}, [&](const Row& r) {
        out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4)});
      });
  return out;
}

}  // namespace jixu::storage::sql
