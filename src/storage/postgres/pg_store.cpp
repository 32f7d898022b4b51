#include "storage/postgres/pg_store.hpp"

#include "core/common/error.hpp"
#include "storage/postgres/pg_certificates.hpp"
#include "storage/postgres/pg_repos.hpp"
#include "storage/postgres/pg_schema.hpp"
#include "storage/postgres/pg_sql_conn.hpp"
#include "storage/sql/privacy/sealed_ids.hpp"
#include "storage/sql/sql_backed_store.hpp"

namespace jixu::storage {
namespace {

class PgStore final : public sql::SqlBackedStore {
 public:
  PgStore(const std::string& url, const PostgresOptions& options)
      : keys_(options.data_key_file.empty() ? privacy::DefaultKeyFile("", url)
                                            : std::filesystem::path(options.data_key_file)),
        db_(url, options.pool_size),
        employers_(db_),
        providers_(db_),
        persons_(db_),
        records_(db_),
        summaries_(db_),
        exemptions_(db_),
        certificates_(db_),
        signing_keys_(db_) {
    AttachSql(sql_conn_);
    keys_.Attach(sql_conn_);
    db_.set_keys(keys_);
    sql_conn_.set_keys(keys_);
    // Fail at open, not at first use, if the server is unreachable; and load the keys now when
    // the schema has them, so no first use has to read them in the middle of a COPY.
    bool has_keys = false;
    {
      auto lease = db_.pool().Acquire();  // returned before Load borrows (a pool of one)
      has_keys = lease->Exec("SELECT to_regclass('data_keys') IS NOT NULL").Bool(0, 0);
    }
    if (has_keys) keys_.Load();
  }

  std::string_view backend() const override { return "postgresql"; }
  int Migrate() override {
    int version = 0;
    {
      auto lease = db_.pool().Acquire();
      version = pg::Migrate(*lease);
    }
    keys_.Load();
    privacy::SealPlainIds(sql_conn_, keys_);
    return version;
  }
  UnitOfWorkPtr Begin() override { return db_.Begin(); }

  EmployerRepository& employers() override { return employers_; }
  ProviderRepository& providers() override { return providers_; }
  PersonRepository& persons() override { return persons_; }
  RecordRepository& records() override { return records_; }
  SummaryRepository& summaries() override { return summaries_; }
  ExemptionRepository& exemptions() override { return exemptions_; }
  CertificateRepository& certificates() override { return certificates_; }
  SigningKeyRepository& signing_keys() override { return signing_keys_; }

 private:
  privacy::KeyRing keys_;
  pg::PgDatabase db_;
  pg::PgEmployers employers_;
  pg::PgProviders providers_;
  pg::PgPersons persons_;
  pg::PgRecords records_;
  pg::PgSummaries summaries_;
  pg::PgExemptions exemptions_;
  pg::PgCertificates certificates_;
  pg::PgSigningKeys signing_keys_;
  pg::PgSqlConn sql_conn_{db_};
};

}  // namespace

StorePtr OpenPostgresStore(const std::string& url) {
  return OpenPostgresStore(url, PostgresOptions{});
}

StorePtr OpenPostgresStore(const std::string& url, const PostgresOptions& options) {
  if (options.pool_size < 1) throw Fault("invalid_config", "PostgreSQL pool_size must be >= 1");
  return std::make_unique<PgStore>(url, options);
}

}  // namespace jixu::storage
