#pragma once
// SQLite certificates and signing keys (core/storage/certificate_store.hpp).
#include "core/storage/certificate_store.hpp"
#include "storage/sqlite/sqlite_conn.hpp"

namespace jixu::storage::sqlite {

class SqliteCertificates final : public CertificateRepository {
 public:
  explicit SqliteCertificates(Conn& conn) : conn_(conn) {}
  void Insert(const CertificateRow& row) override;
  std::optional<CertificateRow> FindBySerial(std::string_view serial) override;
  bool Revoke(std::string_view serial, std::string_view reason, int64_t at) override;
  std::vector<CertificateRow> ListForPerson(int64_t person_id) override;
  int64_t Count() override;

 private:
  Conn& conn_;
};

class SqliteSigningKeys final : public SigningKeyRepository {
 public:
  explicit SqliteSigningKeys(Conn& conn) : conn_(conn) {}
  void Insert(const SigningKeyRow& row) override;
  std::vector<SigningKeyRow> List() override;
  bool Retire(std::string_view key_id, int64_t at) override;

 private:
  Conn& conn_;
};

}  // namespace jixu::storage::sqlite
