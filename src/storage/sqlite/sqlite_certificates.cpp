// Certificates and signing keys in SQLite. Rows are written as the certs library hands them
// over; nothing here interprets a payload or a key.
#include "storage/sqlite/sqlite_certificates.hpp"

#include <string>

namespace jixu::storage::sqlite {
namespace {

constexpr const char* kCertColumns =
    "serial, kind, person_id, year, payload, algorithm, key_id, signature, issued_at, revoked_at,"
    " revoke_reason";

CertificateRow ReadCertificate(const Stmt& q) {
  CertificateRow r;
  r.serial = q.Text(0);
  r.kind = q.Text(1);
  r.person_id = q.Int(2);
  r.year = static_cast<int>(q.Int(3));
  r.payload = q.Text(4);
  r.algorithm = q.Text(5);
  r.key_id = q.Text(6);
  r.signature = q.Text(7);
  r.issued_at = q.Int(8);
  if (!q.IsNull(9)) r.revoked_at = q.Int(9);
  r.revoke_reason = q.Text(10);
  return r;
}

}  // namespace

void SqliteCertificates::Insert(const CertificateRow& r) {
  WriteTx tx(conn_);
  auto q = conn_.db.Prepare(std::string("INSERT INTO certificates(") + kCertColumns +
                            ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,NULL,'')");
  q.Bind(1, r.serial).Bind(2, r.kind).Bind(3, r.person_id).Bind(4, int64_t{r.year});
  q.Bind(5, r.payload).Bind(6, r.algorithm).Bind(7, r.key_id).Bind(8, r.signature);
  q.Bind(9, r.issued_at).Exec();
  tx.Commit();
}

std::optional<CertificateRow> SqliteCertificates::FindBySerial(std::string_view serial) {
  auto q = conn_.db.Prepare(std::string("SELECT ") + kCertColumns +
                            " FROM certificates WHERE serial = ?1");
  q.Bind(1, serial);
  if (!q.Step()) return std::nullopt;
  return ReadCertificate(q);
}

bool SqliteCertificates::Revoke(std::string_view serial, std::string_view reason, int64_t at) {
  WriteTx tx(conn_);
  auto q = conn_.db.Prepare(
      "UPDATE certificates SET revoked_at = ?2, revoke_reason = ?3"
      " WHERE serial = ?1 AND revoked_at IS NULL");
  const int changed = q.Bind(1, serial).Bind(2, at).Bind(3, reason).Exec();
  tx.Commit();
  return changed == 1;
}

std::vector<CertificateRow> SqliteCertificates::ListForPerson(int64_t person_id) {
  auto q = conn_.db.Prepare(std::string("SELECT ") + kCertColumns +
                            " FROM certificates WHERE person_id = ?1"
                            " ORDER BY issued_at DESC, serial");
  q.Bind(1, person_id);
  std::vector<CertificateRow> out;
  while (q.Step()) out.push_back(ReadCertificate(q));
  return out;
}

int64_t SqliteCertificates::Count() {
  auto q = conn_.db.Prepare("SELECT count(*) FROM certificates");
  q.Step();
  return q.Int(0);
}

void SqliteSigningKeys::Insert(const SigningKeyRow& r) {
  WriteTx tx(conn_);
  auto q = conn_.db.Prepare(
      "INSERT INTO signing_keys(key_id, algorithm, public_key, private_key, protection,"
      " created_at, retired_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  q.Bind(1, r.key_id).Bind(2, r.algorithm).Bind(3, r.public_key).Bind(4, r.private_key);
  q.Bind(5, r.protection).Bind(6, r.created_at);
  if (r.retired_at) {
    q.Bind(7, *r.retired_at);
  } else {
    q.BindNull(7);
  }
  q.Exec();
  tx.Commit();
}

std::vector<SigningKeyRow> SqliteSigningKeys::List() {
  auto q = conn_.db.Prepare(
      "SELECT key_id, algorithm, public_key, private_key, protection, created_at, retired_at"
      " FROM signing_keys ORDER BY created_at, key_id");
  std::vector<SigningKeyRow> out;
  while (q.Step()) {
    SigningKeyRow r;
    r.key_id = q.Text(0);
    r.algorithm = q.Text(1);
    r.public_key = q.Text(2);
    r.private_key = q.Text(3);
    r.protection = q.Text(4);
    r.created_at = q.Int(5);
    if (!q.IsNull(6)) r.retired_at = q.Int(6);
    out.push_back(std::move(r));
  }
  return out;
}

bool SqliteSigningKeys::Retire(std::string_view key_id, int64_t at) {
  WriteTx tx(conn_);
  auto q = conn_.db.Prepare(
      "UPDATE signing_keys SET retired_at = ?2 WHERE key_id = ?1 AND retired_at IS NULL");
  const int changed = q.Bind(1, key_id).Bind(2, at).Exec();
  tx.Commit();
  return changed == 1;
}

}  // namespace jixu::storage::sqlite
