#include "storage/pg_test_db.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "storage/postgres/pg_store.hpp"

namespace jixu::storage::testing {
namespace {

void AdminExec(const std::string& admin_url, const std::string& sql) {
  std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(admin_url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to " + admin_url + ": " + PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(r.get()));
  }
}

/// The admin connection string with the database name replaced (URL or key=value input).
std::string WithDatabase(const std::string& admin_url, const std::string& dbname) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(admin_url.c_str(), &err);
  if (opts == nullptr) {
    std::string message = err ? err : "invalid connection string";
    PQfreemem(err);
    throw std::runtime_error("JIXU_TEST_DATABASE_URL: " + message);
  }
  std::string out;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    std::string key = o->keyword;
    if (key == "dbname" || o->val == nullptr || *o->val == '\0') continue;
    std::string value = o->val;
    std::string quoted;
    for (char c : value) {
      if (c == '\\' || c == '\'') quoted.push_back('\\');
      quoted.push_back(c);
    }
    out += key + "='" + quoted + "' ";
  }
  PQconninfoFree(opts);
  return out + "dbname=" + dbname;
}

std::string DatabaseName(const std::string& conninfo) {
  return conninfo.substr(conninfo.rfind("dbname=") + 7);
}

/// Forwards to the real store; drops its database after closing it.
class DroppingStore final : public Store {
 public:
  DroppingStore(StorePtr inner, std::string admin_url, std::string conninfo)
      : inner_(std::move(inner)), admin_url_(std::move(admin_url)), conninfo_(std::move(conninfo)) {}
  ~DroppingStore() override {
    inner_.reset();
    try {
      DropPgTestDatabase(admin_url_, conninfo_);
    } catch (const std::exception&) {
      // A leftover database in a throw-away cluster is harmless; never fail a test on it.
    }
  }
  std::string_view backend() const override { return inner_->backend(); }
  int Migrate() override { return inner_->Migrate(); }
  UnitOfWorkPtr Begin() override { return inner_->Begin(); }
  EmployerRepository& employers() override { return inner_->employers(); }
  ProviderRepository& providers() override { return inner_->providers(); }
  PersonRepository& persons() override { return inner_->persons(); }
  RecordRepository& records() override { return inner_->records(); }
  SummaryRepository& summaries() override { return inner_->summaries(); }
  ExemptionRepository& exemptions() override { return inner_->exemptions(); }
  UserRepository& users() override { return inner_->users(); }
  SessionRepository& sessions() override { return inner_->sessions(); }
  AuditRepository& audit() override { return inner_->audit(); }
  EvidenceRepository& evidence() override { return inner_->evidence(); }
  CourseRepository& courses() override { return inner_->courses(); }
  ReviewRepository& reviews() override { return inner_->reviews(); }
  SettingsRepository& settings() override { return inner_->settings(); }
  QueryRepository& queries() override { return inner_->queries(); }
  ExemptionReviewRepository& exemption_reviews() override { return inner_->exemption_reviews(); }
  ClassRepository& classes() override { return inner_->classes(); }
  CertificateRepository& certificates() override { return inner_->certificates(); }
  SigningKeyRepository& signing_keys() override { return inner_->signing_keys(); }

 private:
  StorePtr inner_;
  std::string admin_url_;
  std::string conninfo_;
};

}  // namespace

std::optional<std::string> PgAdminUrl() {
  const char* url = std::getenv("JIXU_TEST_DATABASE_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string CreatePgTestDatabase(const std::string& admin_url) {
  static std::atomic<int> counter{0};
  const std::string name =
      "jixu_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  // template0: independent of whatever the cluster's template1 holds.
  AdminExec(admin_url, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
  return WithDatabase(admin_url, name);
}

void DropPgTestDatabase(const std::string& admin_url, const std::string& conninfo) {
  AdminExec(admin_url, "DROP DATABASE IF EXISTS " + DatabaseName(conninfo) + " WITH (FORCE)");
}

StorePtr FreshPgStore(const std::string& admin_url) {
  const std::string conninfo = CreatePgTestDatabase(admin_url);
  StorePtr store = OpenPostgresStore(conninfo);
  store->Migrate();
  return std::make_unique<DroppingStore>(std::move(store), admin_url, conninfo);
}

}  // namespace jixu::storage::testing
