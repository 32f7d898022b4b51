#pragma once
// PostgreSQL certificates and signing keys (core/storage/certificate_store.hpp).
#include "core/storage/certificate_store.hpp"
#include "storage/postgres/pg_pool.hpp"

namespace jixu::storage::pg {

class PgCertificates final : public CertificateRepository {
 public:
  explicit PgCertificates(PgDatabase& db) : db_(db) {}
  void Insert(const CertificateRow& row) override;
  std::optional<CertificateRow> FindBySerial(std::string_view serial) override;
  bool Revoke(std::string_view serial, std::string_view reason, int64_t at) override;
  std::vector<CertificateRow> ListForPerson(int64_t person_id) override;
  int64_t Count() override;

 private:
  PgDatabase& db_;
};

class PgSigningKeys final : public SigningKeyRepository {
 public:
  explicit PgSigningKeys(PgDatabase& db) : db_(db) {}
  void Insert(const SigningKeyRow& row) override;
  std::vector<SigningKeyRow> List() override;
  bool Retire(std::string_view key_id, int64_t at) override;

 private:
  PgDatabase& db_;
};

}  // namespace jixu::storage::pg
