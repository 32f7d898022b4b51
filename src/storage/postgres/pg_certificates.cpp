// Certificates and signing keys in PostgreSQL. Rows are written as the certs library hands them
// over; nothing here interprets a payload or a key.
#include "storage/postgres/pg_certificates.hpp"

#include <string>

namespace jixu::storage::pg {
namespace {

constexpr const char* kCertColumns =
    "serial, kind, person_id, year, payload, algorithm, key_id, signature, issued_at, revoked_at,"
    " revoke_reason";

CertificateRow ReadCertificate(const PgResult& q, int i) {
  CertificateRow r;
  r.serial = q.String(i, 0);
  r.kind = q.String(i, 1);
  r.person_id = q.Int(i, 2);
  r.year = static_cast<int>(q.Int(i, 3));
  r.payload = q.String(i, 4);
  r.algorithm = q.String(i, 5);
  r.key_id = q.String(i, 6);
  r.signature = q.String(i, 7);
  r.issued_at = q.Int(i, 8);
  if (!q.IsNull(i, 9)) r.revoked_at = q.Int(i, 9);
  r.revoke_reason = q.String(i, 10);
  return r;
}

}  // namespace

void PgCertificates::Insert(const CertificateRow& r) {
  db_.Atomically([&](PgConnection& conn) {
    conn.Run(std::string("INSERT INTO certificates (") + kCertColumns +
                 ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, '')",
             Params().Add(r.serial).Add(r.kind).Add(r.person_id).Add(r.year).Add(r.payload)
                 .Add(r.algorithm).Add(r.key_id).Add(r.signature).Add(r.issued_at));
  });
}

std::optional<CertificateRow> PgCertificates::FindBySerial(std::string_view serial) {
  auto conn = db_.Borrow();
  auto q = conn->Run(std::string("SELECT ") + kCertColumns + " FROM certificates WHERE serial = $1",
                     Params().Add(serial));
  if (q.rows() == 0) return std::nullopt;
  return ReadCertificate(q, 0);
}

bool PgCertificates::Revoke(std::string_view serial, std::string_view reason, int64_t at) {
  bool changed = false;
  db_.Atomically([&](PgConnection& conn) {
    auto q = conn.Run(
        "UPDATE certificates SET revoked_at = $2, revoke_reason = $3"
        " WHERE serial = $1 AND revoked_at IS NULL RETURNING serial",
        Params().Add(serial).Add(at).Add(reason));
    changed = q.rows() == 1;
  });
  return changed;
}

std::vector<CertificateRow> PgCertificates::ListForPerson(int64_t person_id) {
  auto conn = db_.Borrow();
  auto q = conn->Run(std::string("SELECT ") + kCertColumns +
                         " FROM certificates WHERE person_id = $1 ORDER BY issued_at DESC, serial",
                     Params().Add(person_id));
  std::vector<CertificateRow> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(ReadCertificate(q, i));
  return out;
}

int64_t PgCertificates::Count() {
  return db_.Borrow()->Run("SELECT count(*) FROM certificates").Int(0, 0);
}

void PgSigningKeys::Insert(const SigningKeyRow& r) {
  db_.Atomically([&](PgConnection& conn) {
    Params p;
    p.Add(r.key_id).Add(r.algorithm).Add(r.public_key).Add(r.private_key).Add(r.protection)
        .Add(r.created_at);
    if (r.retired_at) {
      p.Add(*r.retired_at);
    } else {
      p.AddNull();
    }
    conn.Run(
        "INSERT INTO signing_keys (key_id, algorithm, public_key, private_key, protection,"
        " created_at, retired_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        p);
  });
}

std::vector<SigningKeyRow> PgSigningKeys::List() {
  auto conn = db_.Borrow();
  auto q = conn->Run(
      "SELECT key_id, algorithm, public_key, private_key, protection, created_at, retired_at"
      " FROM signing_keys ORDER BY created_at, key_id");
  std::vector<SigningKeyRow> out;
  for (int i = 0; i < q.rows(); ++i) {
    SigningKeyRow r;
    r.key_id = q.String(i, 0);
    r.algorithm = q.String(i, 1);
    r.public_key = q.String(i, 2);
    r.private_key = q.String(i, 3);
    r.protection = q.String(i, 4);
    r.created_at = q.Int(i, 5);
    if (!q.IsNull(i, 6)) r.retired_at = q.Int(i, 6);
    out.push_back(std::move(r));
  }
  return out;
}

bool PgSigningKeys::Retire(std::string_view key_id, int64_t at) {
  bool changed = false;
  db_.Atomically([&](PgConnection& conn) {
    changed = conn.Run(
                      "UPDATE signing_keys SET retired_at = $2 WHERE key_id = $1"
                      " AND retired_at IS NULL RETURNING key_id",
                      Params().Add(key_id).Add(at))
                  .rows() == 1;
  });
  return changed;
}

}  // namespace jixu::storage::pg
