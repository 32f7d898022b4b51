#include "cli/cli.hpp"

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "app/system_clock.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {
namespace {

constexpr const char* kDescription =
    "jixu — 专业技术人员继续教育登记系统 / continuing-education registry\n"
    "每个命令都有帮助 / every command has its help: jixu COMMAND --help";

constexpr const char* kFooter = R"(storage: --db PATH (SQLite, default jixu.db) or --database-url postgresql://…
         (or env JIXU_DATABASE_URL); global options come before the command
audit:   --audit-key FILE (env JIXU_AUDIT_KEY_FILE; default <db>.audit-key, or
         ./jixu-audit.key with PostgreSQL), --audit-checkpoints FILE (env
         JIXU_AUDIT_CHECKPOINTS; default <db>.audit-checkpoints.jsonl, or
         ./jixu-audit-checkpoints.jsonl with PostgreSQL)
personal data: --data-key FILE (env JIXU_DATA_KEY_FILE; default <db>.data-key, or
         ./jixu-data.key with PostgreSQL): the key that unwraps the ID-number keys
exit codes: 0 ok, 1 failure, 2 usage, 3 input rejected, 4 not found,
            5 not eligible (promotion), 6 certificate invalid, 7 certificate revoked,
            8 audit chain or checkpoint broken)";

/// The options that come before the command name.
struct GlobalOptions {
  std::string db = "jixu.db";
  std::optional<std::string> database_url;
  std::optional<std::string> data_dir;
  std::optional<std::string> audit_key;
  std::optional<std::string> audit_checkpoints;
  std::optional<std::string> data_key;
};

void AddGlobalOptions(CLI::App& app, GlobalOptions& g) {
  app.add_option("--db", g.db, "SQLite database file (created if missing)")->capture_default_str();
  app.add_option("--database-url", g.database_url,
                 "PostgreSQL instead, postgresql://… (env JIXU_DATABASE_URL)");
  app.add_option("--data-dir", g.data_dir, "folder holding data/ and policies/");
  app.add_option("--audit-key", g.audit_key, "the audit chain's HMAC key file");
  app.add_option("--audit-checkpoints", g.audit_checkpoints, "the signed audit checkpoint file");
  app.add_option("--data-key", g.data_key,
                 "the key file that unwraps the ID-number keys (env JIXU_DATA_KEY_FILE)")
      ->envname("JIXU_DATA_KEY_FILE");
  app.set_version_flag("--version", "jixu 0.1.0");
}

/// The command the line selected, deepest first: `cert issue` gives the `issue` app.
CLI::App* Selected(CLI::App& root) {
  CLI::App* app = &root;
  while (!app->get_subcommands().empty()) app = app->get_subcommands().front();
  return app;
}

/// "jixu cert issue" for the selected command, for "see … --help".
std::string CommandPath(CLI::App& root) {
  std::string path = "jixu";
  for (CLI::App* app = &root; !app->get_subcommands().empty();) {
    app = app->get_subcommands().front();
    path += " " + app->get_name();
  }
  return path;
}

int Usage(CLI::App& root, const std::string& message) {
  std::cerr << "jixu: " << message << "\n用法 / usage: " << CommandPath(root) << " --help\n";
  return kExitUsage;
}

/// CLI11's message, except for words it did not expect: an unknown option, an unknown command,
/// an argument too many, named in the order they were given.
std::string ParseErrorMessage(CLI::App& root, const CLI::ParseError& e) {
  const std::string what = e.what();
  if (const auto at = what.find(" was given a disallowed flag override"); at != std::string::npos) {
    return "option --" + what.substr(0, at) + " takes no value";
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) == nullptr) return what;
  CLI::App* at = Selected(root);
  std::vector<std::string> extras;
  for (CLI::App* app = &root;; app = app->get_subcommands().front()) {
    for (const auto& x : app->remaining()) extras.push_back(x);
    if (app == at) break;
  }
  if (extras.empty()) return what;
  std::string options;
  for (const auto& x : extras) {
    if (x.rfind("-", 0) == 0) options += (options.empty() ? "" : ", ") + x;
  }
  if (!options.empty()) return "unknown option " + options;
  const bool group = at == &root || !at->get_subcommands([](CLI::App*) { return true; }).empty();
  if (group) {
    return "unknown " + (at == &root ? "" : at->get_name() + " ") + "command '" + extras.front() + "'";
  }
  return "unexpected argument '" + extras.front() + "'";
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
  CLI::App app(kDescription, "jixu");
  GlobalOptions g;
  AddGlobalOptions(app, g);
  app.group("Commands");  // the heading the commands are listed under, in every help
  // Inherited by every command's options: the last of a repeated option counts, and a flag takes
  // no value (`--users=yes` is an error, not a yes).
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.option_defaults()->disable_flag_override();
  CommandSet commands(app);
  AddInit(commands);
  AddImport(commands);
  AddCompliance(commands);
  AddDemo(commands);
  AddHistory(commands);
  AddPromotion(commands);
  AddMigrateData(commands);
  AddCert(commands);
  AddExport(commands);
  AddServe(commands);
  AddUser(commands);
  AddAudit(commands);
  AddKeys(commands);
  AddBackup(commands);
  AddOpenApi(commands);
  AddRemind(commands);
  // Set after the commands exist, so that they do not inherit it: one command per line, and the
  // exit codes only on the overview.
  app.require_subcommand(0, 1);
  app.footer(kFooter);
  app.get_formatter()->label("SUBCOMMAND", "COMMAND");
  app.get_formatter()->label("SUBCOMMANDS", "COMMANDS");
  app.get_formatter()->column_width(36);
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      std::cout << app.help();
      return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
      std::cout << app.help("", CLI::AppFormatMode::All);
      return kExitOk;
    } catch (const CLI::CallForVersion& e) {
      std::cout << e.what() << '\n';
      return kExitOk;
    } catch (const CLI::ParseError& e) {
      return Usage(app, ParseErrorMessage(app, e));
    }
    if (app.get_subcommands().empty()) {
      std::cout << app.help();
      return kExitUsage;
    }
    CLI::App* selected = Selected(app);
    const Runner* run = commands.Find(selected);
    if (run == nullptr) {
      std::string names;
      for (const CLI::App* sub : selected->get_subcommands([](CLI::App*) { return true; })) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
      }
      throw UsageError{selected->get_name() + " needs a subcommand: " + names};
    }

    storage::StoreConfig store;
    store.sqlite_path = g.db;
    const char* env_url = std::getenv("JIXU_DATABASE_URL");
    store.database_url = g.database_url.value_or(env_url != nullptr ? env_url : "");
    store.data_key_file = g.data_key.value_or("");
    Env env{store, g.data_dir ? std::filesystem::path(*g.data_dir) : app::DataRoot(),
            std::make_shared<app::SystemClock>(), std::cout, std::cerr};
    env.audit = app::DefaultAuditFiles(store);
    if (const char* k = std::getenv("JIXU_AUDIT_KEY_FILE"); k != nullptr && *k != '\0') {
      env.audit.key = k;
    }
    if (const char* c = std::getenv("JIXU_AUDIT_CHECKPOINTS"); c != nullptr && *c != '\0') {
      env.audit.checkpoints = c;
    }
    if (g.audit_key) env.audit.key = *g.audit_key;
    if (g.audit_checkpoints) env.audit.checkpoints = *g.audit_checkpoints;
    return (*run)(env);
  } catch (const UsageError& e) {
    return Usage(app, e.message);
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
