#include "support/pg_test_db.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "core/storage/list_repos.hpp"
#include "core/storage/statistics_repos.hpp"
#include "storage/postgres/pg_store.hpp"

namespace jixu::storage::testing {
namespace {

using ConnPtr = std::unique_ptr<PGconn, void (*)(PGconn*)>;
using ResultPtr = std::unique_ptr<PGresult, void (*)(PGresult*)>;

ConnPtr Connect(const std::string& conninfo) {
  ConnPtr conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to " + conninfo + ": " + PQerrorMessage(conn.get()));
  }
  return conn;
}

ResultPtr Exec(PGconn* conn, const std::string& sql) {
  ResultPtr r(PQexec(conn, sql.c_str()), &PQclear);
  const auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(sql + ": " + PQresultErrorMessage(r.get()));
  }
  return r;
}

void AdminExec(const std::string& admin_url, const std::string& sql) {
  auto conn = Connect(admin_url);
  Exec(conn.get(), sql);
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

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string NewDatabaseName() {
  static std::atomic<int> counter{0};
  return "jixu_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

constexpr const char* kTemplate = "jixu_test_template";
constexpr int64_t kTemplateLock = 0x6a697875;  // "jixu": serialises making the template

/// Makes the migrated template database once per cluster. Concurrent test processes wait on an
/// advisory lock; the template is marked ready (datistemplate) only once fully migrated, so a
/// process that died half-way leaves an unready one, which the next caller drops and remakes.
/// A template from an older build is harmless: a clone still runs Migrate(), which applies only
/// the migrations it lacks.
void EnsureTemplate(const std::string& admin_url) {
  auto conn = Connect(admin_url);
  Exec(conn.get(), "SELECT pg_advisory_lock(" + std::to_string(kTemplateLock) + ")");
  auto r = Exec(conn.get(), std::string("SELECT datistemplate FROM pg_database WHERE datname = '") +
                                kTemplate + "'");
  const bool exists = PQntuples(r.get()) == 1;
  const bool ready = exists && std::string(PQgetvalue(r.get(), 0, 0)) == "t";
  if (!ready) {
    if (exists) Exec(conn.get(), std::string("DROP DATABASE ") + kTemplate + " WITH (FORCE)");
    // A Chinese collation, as a production cluster initialised with a zh_CN locale would have:
    // anything that silently depends on the collation (ORDER BY name sorting by pinyin instead
    // of code points, as SQLite does) shows up in the tests. Plain UTF8 where ICU is missing.
    const std::string create = std::string("CREATE DATABASE ") + kTemplate +
                               " TEMPLATE template0 ENCODING 'UTF8'";
    try {
      Exec(conn.get(), create + " LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN'");
    } catch (const std::runtime_error&) {
      Exec(conn.get(), create);
    }
    {
      // Its data keys are dropped again: each clone makes its own under the key file its test
      // names, so no test depends on the key file of the process that made the template.
      PostgresOptions o;
      o.data_key_file = "/tmp/jixu-test-template-" + std::to_string(::getpid()) + ".data-key";
      StorePtr store = OpenPostgresStore(WithDatabase(admin_url, kTemplate), o);
      store->Migrate();
      std::remove(o.data_key_file.c_str());
    }  // every pooled connection closed: CREATE DATABASE … TEMPLATE needs it unused
    {
      auto tc = Connect(WithDatabase(admin_url, kTemplate));
      Exec(tc.get(), "DELETE FROM data_keys");
    }
    Exec(conn.get(), std::string("ALTER DATABASE ") + kTemplate + " WITH IS_TEMPLATE true");
  }
  Exec(conn.get(), "SELECT pg_advisory_unlock(" + std::to_string(kTemplateLock) + ")");
}

/// Forwards to the real store; drops its database after closing it.
class DroppingStore final : public Store, public StatisticsSource, public KeysetSource {
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
  TransferRepository& transfers() override { return inner_->transfers(); }
  MarketRepositories& market() override { return inner_->market(); }
  CertificateRepository& certificates() override { return inner_->certificates(); }
  SigningKeyRepository& signing_keys() override { return inner_->signing_keys(); }
  StatisticsRepository& statistics() override {
    return dynamic_cast<StatisticsSource&>(*inner_).statistics();
  }
  KeysetRepository& keyset() override { return dynamic_cast<KeysetSource&>(*inner_).keyset(); }

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
  const std::string name = NewDatabaseName();
  // template0: independent of whatever the cluster's template1 holds.
  AdminExec(admin_url, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
  return WithDatabase(admin_url, name);
}

std::string CreateMigratedPgTestDatabase(const std::string& admin_url) {
  EnsureTemplate(admin_url);
  const std::string name = NewDatabaseName();
  AdminExec(admin_url, "CREATE DATABASE " + name + " TEMPLATE " + kTemplate);
  return WithDatabase(admin_url, name);
}

std::string PgUrlOf(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (opts == nullptr) {
    std::string message = err ? err : "invalid connection string";
    PQfreemem(err);
    throw std::runtime_error(message);
  }
  std::string user, password, host, port, dbname, query;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    const std::string key = o->keyword, value = o->val;
    if (key == "user") user = value;
    else if (key == "password") password = value;
    else if (key == "host") host = value;
    else if (key == "port") port = value;
    else if (key == "dbname") dbname = value;
    else query += (query.empty() ? "?" : "&") + key + "=" + PercentEncode(value);
  }
  PQconninfoFree(opts);
  std::string url = "postgresql://";
  if (!user.empty()) url += PercentEncode(user) + (password.empty() ? "" : ":" + PercentEncode(password)) + "@";
  // A unix-socket folder cannot sit in the authority part; pass it as the host parameter.
  if (!host.empty() && host[0] == '/') {
    query += (query.empty() ? "?" : "&") + std::string("host=") + PercentEncode(host);
  } else {
    url += host;
  }
  if (!port.empty()) url += ":" + port;
  return url + "/" + PercentEncode(dbname) + query;
}

void PgExec(const std::string& conninfo, const std::string& sql) {
  auto conn = Connect(conninfo);
  Exec(conn.get(), sql);
}

std::string PgQueryText(const std::string& conninfo, const std::string& sql) {
  auto conn = Connect(conninfo);
  auto r = Exec(conn.get(), sql);
  return PQntuples(r.get()) > 0 && !PQgetisnull(r.get(), 0, 0) ? PQgetvalue(r.get(), 0, 0) : "";
}

void DropPgTestDatabase(const std::string& admin_url, const std::string& conninfo) {
  AdminExec(admin_url, "DROP DATABASE IF EXISTS " + DatabaseName(conninfo) + " WITH (FORCE)");
}

StorePtr FreshPgStore(const std::string& admin_url) {
  const std::string conninfo = CreateMigratedPgTestDatabase(admin_url);
  StorePtr store = OpenPostgresStore(conninfo);
  store->Migrate();
  return std::make_unique<DroppingStore>(std::move(store), admin_url, conninfo);
}

ScopedPgTestDatabase::ScopedPgTestDatabase(std::string admin_url)
    : admin_url_(std::move(admin_url)),
      conninfo_(CreateMigratedPgTestDatabase(admin_url_)),
      url_(PgUrlOf(conninfo_)) {}

ScopedPgTestDatabase::~ScopedPgTestDatabase() {
  try {
    DropPgTestDatabase(admin_url_, conninfo_);
  } catch (const std::exception&) {
    // A leftover database in a throw-away cluster is harmless; never fail a test on it.
  }
}

}  // namespace jixu::storage::testing
