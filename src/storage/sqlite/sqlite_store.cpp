#include "storage/sqlite/sqlite_store.hpp"

#include <cstdlib>

#include "core/common/error.hpp"
#include "storage/sqlite/sqlite_certificates.hpp"
#include "storage/sqlite/sqlite_repos.hpp"
#include "storage/sqlite/sqlite_schema.hpp"
#include "storage/sqlite/sqlite_sql_conn.hpp"
#include "storage/sql/privacy/sealed_ids.hpp"
#include "storage/sql/sql_backed_store.hpp"

namespace jixu::storage {
namespace {

using sqlite::Conn;
using sqlite::WriteTx;

class SqliteUnitOfWork final : public UnitOfWork {
 public:
  explicit SqliteUnitOfWork(Conn& conn) : tx_(conn) {}
  /// Joins the transaction WriteTx's constructor began (BeginVerified counts as its Begin).
  SqliteUnitOfWork(Conn& conn, WriteTx::Adopt) : tx_(conn, WriteTx::Adopt{}) {}
  void Commit() override { tx_.Commit(); }

 private:
  WriteTx tx_;
};

class SqliteStore final : public sql::SqlBackedStore {
 public:
  SqliteStore(const std::string& path, const SqliteOptions& options)
      : keys_(options.data_key_file.empty() ? privacy::DefaultKeyFile(path, "")
                                            : std::filesystem::path(options.data_key_file)),
        conn_(path),
        employers_(conn_),
        providers_(conn_),
        persons_(conn_),
        records_(conn_),
        summaries_(conn_),
        exemptions_(conn_),
        certificates_(conn_),
        signing_keys_(conn_) {
    AttachSql(sql_conn_);
    keys_.Attach(sql_conn_);
    conn_.keys = &keys_;
    sql_conn_.set_keys(keys_);
    Configure(options);
  }

  std::string_view backend() const override { return "sqlite"; }
  int Migrate() override {
    const int version = sqlite::Migrate(conn_);
    keys_.Load();
    // Rows from before migration 13: sealed once, with the space they leave zeroed and the WAL
    // emptied, so no plain-text copy stays in the file (docs/security.md).
    conn_.db.Exec("PRAGMA secure_delete=ON");
    if (privacy::SealPlainIds(sql_conn_, keys_) > 0 && conn_.db.path() != ":memory:") {
      conn_.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    conn_.db.Exec("PRAGMA secure_delete=OFF");
    return version;
  }
  UnitOfWorkPtr Begin() override { return std::make_unique<SqliteUnitOfWork>(conn_); }
  ReadScopePtr ReadSnapshot() override {
    struct Scope final : ReadScope {
      explicit Scope(Conn& c) : conn(c) {}
      ~Scope() override { conn.EndRead(); }
      Conn& conn;
    };
    if (!conn_.BeginRead()) return nullptr;
    return std::make_unique<Scope>(conn_);
  }
  UnitOfWorkPtr BeginVerified() override {
    conn_.BeginVerified();
    return std::make_unique<SqliteUnitOfWork>(conn_, WriteTx::Adopt{});
  }

  EmployerRepository& employers() override { return employers_; }
  ProviderRepository& providers() override { return providers_; }
  PersonRepository& persons() override { return persons_; }
  RecordRepository& records() override { return records_; }
  SummaryRepository& summaries() override { return summaries_; }
  ExemptionRepository& exemptions() override { return exemptions_; }
  CertificateRepository& certificates() override { return certificates_; }
  SigningKeyRepository& signing_keys() override { return signing_keys_; }

 private:
  void Configure(const SqliteOptions& o) {
    auto& db = conn_.db;
    // Before WAL mode is set: that writes the header of a new file and fixes its page size.
    int page_size = o.page_size;
    if (const char* env = std::getenv("JIXU_SQLITE_PAGE_SIZE"); env != nullptr && *env != '\0') {
      page_size = std::atoi(env);
    }
    if (page_size > 0) db.Exec("PRAGMA page_size=" + std::to_string(page_size));
    {
      auto q = db.Prepare("PRAGMA journal_mode=WAL");
      q.Step();
      const std::string mode(q.Text(0));
      // An in-memory database reports "memory"; a file that cannot do WAL is refused, since
      // the durability and reader/writer concurrency promises rest on it.
      if (mode != "wal" && db.path() != ":memory:" && !db.path().empty()) {
        throw Fault("storage_open_failed", "sqlite: cannot enable WAL on " + db.path() +
                                               " (journal_mode is " + mode + ")");
      }
    }
    db.Exec("PRAGMA foreign_keys=ON");
    db.Exec(o.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    db.Exec("PRAGMA temp_store=MEMORY");
    conn_.SetCacheSizes(o.cache_mib, o.bulk_cache_mib);
    sqlite3_busy_timeout(db.handle(), o.busy_timeout_ms);
  }

  privacy::KeyRing keys_;
  Conn conn_;
  sqlite::SqliteEmployers employers_;
  sqlite::SqliteProviders providers_;
  sqlite::SqlitePersons persons_;
  sqlite::SqliteRecords records_;
  sqlite::SqliteSummaries summaries_;
  sqlite::SqliteExemptions exemptions_;
  sqlite::SqliteCertificates certificates_;
  sqlite::SqliteSigningKeys signing_keys_;
  sqlite::SqliteSqlConn sql_conn_{conn_};
};

}  // namespace

StorePtr OpenSqliteStore(const std::string& path) { return OpenSqliteStore(path, SqliteOptions{}); }

StorePtr OpenSqliteStore(const std::string& path, const SqliteOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

}  // namespace jixu::storage
