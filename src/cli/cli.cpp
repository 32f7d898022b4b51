#include "cli/cli.hpp"

#include <cstdlib>
#include <iostream>
#include <map>

#include "app/system_clock.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

namespace jixu::cli {
namespace {

constexpr const char* kUsage = R"(jixu — 专业技术人员继续教育登记系统 / continuing-education registry

usage: jixu [--db PATH | --database-url URL] [--data-dir DIR] COMMAND [options]

commands:
  init                              create or upgrade the database (migrations)
  import persons|records|employers|providers FILE.csv
                                    bulk import, all-or-nothing, errors by line
  compliance --year Y [--person ID] [--format table|json|csv] [--summary] [--policy ID]
             [--region PREFIX] [--employer CODE] [--explain]
                                    who has met the annual requirement
  demo [--persons N] [--seed S] [--csv-dir DIR]
                                    load (or write as CSV) realistic demo data
  history --person ID --from Y --to Y
                                    one person's years side by side (carry-over, cycles)
  promotion --person ID --year Y    may the person apply for the next title in year Y?
                                    (every year since the current title compliant)
  migrate-data --to URL             copy every table to another database, verified
  cert issue --person ID --year Y --out FILE.pdf [--alg ed25519|sm2]
                                    signed annual hours certificate (prints the serial)
  cert issue-class --person ID --provider CODE --class TITLE --from D --to D --hours H
                   --out FILE.pdf   signed class-completion certificate
  cert verify FILE|SERIAL [--keys jixu-keys.json] [--offline] [--format text|json]
                                    check a certificate PDF, a credential or a serial
  cert revoke SERIAL --reason TEXT  revoke a certificate
  cert export SERIAL --format vc|pdf --out FILE
                                    Open Badges 3.0 credential (signed) or the PDF again
  cert keys [--out FILE]            the published key set (jixu-keys.json)
  cert rotate-key [--alg ed25519|sm2]
                                    new signing key; old certificates still verify
  export compliance|persons|statistics --year Y --out FILE.xlsx
                                    Excel export with Chinese headers
  serve [--port 8080] [--host H] [--web-root DIR] [--session-idle-minutes N] …
                                    the HTTP API and web UI (docs/operations.md)
  user add NAME --role ROLE [--person ID|--employer CODE|--provider CODE|--region P|--industry X]
                                    create an account; the password is read from stdin
  audit verify [--keys jixu-keys.json]
                                    check the keyed audit chain and every signed checkpoint
  audit checkpoint                  sign the chain's head and append it to the checkpoint file
  openapi [--out FILE]              the API's OpenAPI 3 document (as served at /api/v1/openapi.json)

storage: --db PATH (SQLite, default jixu.db) or --database-url postgresql://…
         (or env JIXU_DATABASE_URL)
audit:   --audit-key FILE (env JIXU_AUDIT_KEY_FILE; default <db>.audit-key, or
         ./jixu-audit.key with PostgreSQL), --audit-checkpoints FILE (env
         JIXU_AUDIT_CHECKPOINTS; default <db>.audit-checkpoints.jsonl, or
         ./jixu-audit-checkpoints.jsonl with PostgreSQL)
exit codes: 0 ok, 1 failure, 2 usage, 3 input rejected, 4 not found,
            5 not eligible (promotion), 6 certificate invalid, 7 certificate revoked,
            8 audit chain or checkpoint broken
)";

struct Command {
  int (*run)(const Env&, const Argv&);
};

const std::map<std::string, Command>& Commands() {
  static const std::map<std::string, Command> kCommands{
      {"init", {RunInit}},           {"import", {RunImport}},
      {"compliance", {RunCompliance}}, {"demo", {RunDemo}},
      {"migrate-data", {RunMigrateData}}, {"promotion", {RunPromotion}},
      {"history", {RunHistory}},
      {"cert", {RunCert}},           {"export", {RunExport}},
      {"serve", {RunServe}},           {"user", {RunUser}},
      {"audit", {RunAudit}},         {"openapi", {RunOpenApi}},
  };
  return kCommands;
}

}  // namespace

const app::DataFiles& Env::data() const {
  if (!data_) data_ = app::LoadDataFiles(data_root);
  return *data_;
}

app::AuditKey Env::AuditKeyForWriting(storage::Store& store) const {
  return app::OpenAuditKeyForWriting(store, audit.key);
}

void PrintErrors(std::ostream& err, const Errors& errors) {
  for (const Error& e : errors) {
    err << "  " << (e.field.empty() ? e.code : e.field) << ": " << e.message_zh << " / "
        << e.message_en << '\n';
  }
}

int Main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  Argv all(argv + 1, argv + argc);
  // Global options come before the command name.
  Argv global;
  size_t i = 0;
  for (; i < all.size() && all[i].rfind("--", 0) == 0; ++i) {
    global.push_back(all[i]);
    const bool inline_value = all[i].find('=') != std::string::npos;
    if (!inline_value && all[i] != "--help" && all[i] != "--version" && i + 1 < all.size()) {
      global.push_back(all[++i]);
    }
  }
  try {
    Args g(global, {"db", "database-url", "data-dir", "audit-key", "audit-checkpoints"},
           {"help", "version"});
    if (g.Has("version")) {
      std::cout << "jixu 0.1.0\n";
      return kExitOk;
    }
    if (g.Has("help") || i >= all.size()) {
      std::cout << kUsage;
      return g.Has("help") ? kExitOk : kExitUsage;
    }
    const std::string name = all[i];
    auto it = Commands().find(name);
    if (it == Commands().end()) throw UsageError{"unknown command '" + name + "'"};

    storage::StoreConfig store;
    store.sqlite_path = g.GetOr("db", "jixu.db");
    const char* env_url = std::getenv("JIXU_DATABASE_URL");
    store.database_url = g.GetOr("database-url", env_url != nullptr ? env_url : "");
    Env env{store, g.Has("data-dir") ? std::filesystem::path(*g.Get("data-dir")) : app::DataRoot(),
            std::make_shared<app::SystemClock>(), std::cout, std::cerr};
    env.audit = app::DefaultAuditFiles(store);
    if (const char* k = std::getenv("JIXU_AUDIT_KEY_FILE"); k != nullptr && *k != '\0') {
      env.audit.key = k;
    }
    if (const char* c = std::getenv("JIXU_AUDIT_CHECKPOINTS"); c != nullptr && *c != '\0') {
      env.audit.checkpoints = c;
    }
    if (auto k = g.Get("audit-key")) env.audit.key = *k;
    if (auto c = g.Get("audit-checkpoints")) env.audit.checkpoints = *c;
    return it->second.run(env, Argv(all.begin() + static_cast<long>(i) + 1, all.end()));
  } catch (const UsageError& e) {
    std::cerr << "jixu: " << e.message << "\n用法 / usage: jixu --help\n";
    return kExitUsage;
  } catch (const InvalidInput& e) {
    std::cerr << "jixu: 输入有误 / invalid input:\n";
    PrintErrors(std::cerr, e.errors());
    return kExitInvalidInput;
  } catch (const Fault& e) {
    std::cerr << "jixu: 操作失败 / failed (" << e.code() << "): " << e.what() << '\n';
    return kExitFault;
  } catch (const std::exception& e) {
    std::cerr << "jixu: 操作失败 / failed: " << e.what() << '\n';
    return kExitFault;
  }
}

}  // namespace jixu::cli
