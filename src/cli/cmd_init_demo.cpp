// `jixu init` and `jixu demo`.
#include <chrono>
#include <iostream>

#include "app/audit_log.hpp"
#include "app/compliance_service.hpp"
#include "app/demo.hpp"
#include "certs/audit_checkpoint.hpp"
#include "certs/certificate_service.hpp"
#include "certs/config.hpp"
#include "certs/key_ring.hpp"
#include "app/demo_users.hpp"
#include "app/market/demo_market.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {

namespace {

int RunInit(const Env& env) {
  env.data();  // a broken data file should stop `init`, not the first import
  auto store = storage::OpenStore(env.store);
  env.out << "数据库已就绪 / database ready: " << store->backend() << ", schema version "
          << store->Migrate() << '\n';
  // Signing keys are made here, so that the key set can be published before the first
  // certificate (they would otherwise be made on the first issue).
  const certs::CertConfig config = certs::CertConfig::FromEnv();
  certs::KeyRing keys(*store, env.clock, certs::KeyEncryptionKeyFromEnv());
  const auto key = keys.Active(config.algorithm);
  env.out << "证书签名密钥 / certificate signing key: " << key.info.key_id << '\n';
  // The audit key is made here (or on the first audited write of a fresh database), and a first
  // checkpoint seals the chain as it stands, including entries from before keyed hashes.
  const app::AuditKey audit_key = env.AuditKeyForWriting(*store);
  env.out << "审计密钥 / audit key: " << env.audit.key.string() << " (" << audit_key.Id() << ")\n";
  const auto cp = certs::WriteAuditCheckpoint(*store, audit_key, env.audit.checkpoints, env.clock);
  env.out << "审计检查点 / audit checkpoint: seq " << cp.seq << " -> "
          << env.audit.checkpoints.string() << '\n';
  return kExitOk;
}


void PrintDemoLogins(const Env& env, const std::vector<app::DemoLogin>& logins) {
  env.out << "演示账户 / demo logins (username / password, role, scope):\n";
  for (const auto& l : logins) {
    env.out << "  " << l.username << " / " << l.password << "  " << l.role << "  " << l.scope << '\n';
  }
}

/// Demo person1's annual hours certificate for `year` (a year the demo made compliant), so the
/// certificates page and the public verification have something to show from the start.
void IssueDemoCertificate(const Env& env, storage::Store& store, const app::AuditKey& audit_key, int year) {
  auto first = store.queries().Persons({}, {0, 1});
  if (first.items.empty()) return;
  app::ComplianceService compliance(store, env.data().policies, env.clock);
  certs::KeyRing keys(store, env.clock, certs::KeyEncryptionKeyFromEnv());
  certs::CertificateService service(store, compliance, keys, certs::CertConfig::FromEnv(), env.clock);
  auto uow = store.Begin();
  auto issued = service.IssueAnnual(first.items.front().id_number, year);
  if (!issued.ok()) return;
  storage::AuditEntry e;
  e.at = env.clock->NowUnixSeconds();
  e.actor = "cli:demo";
  e.actor_role = "cli";
  e.action = "certificate.issue";
  e.entity = "certificate";
  e.entity_id = issued.value().row.serial;
  e.region_code = first.items.front().region_code;
  e.employer_code = first.items.front().employer_code;
  e.after_json = "{\"year\":" + std::to_string(year) + "}";
  app::AppendAudit(store, audit_key, e);
  uow->Commit();
  env.out << "演示证书 / demo certificate: " << issued.value().row.serial << " (person1, " << year << ")\n";
}

struct DemoArgs {
  int64_t persons = app::DemoOptions{}.persons;
  int64_t seed = 2007;
  std::optional<int64_t> year;
  std::optional<std::string> csv_dir;
  bool users = false;
};

int RunDemo(const Env& env, const DemoArgs& args) {
  app::DemoOptions opt;
  opt.persons = args.persons;
  opt.seed = static_cast<uint64_t>(args.seed);
  opt.today = env.clock->Today();
  if (auto year = args.year) {
    opt.last_year = static_cast<int>(*year);
    if (*year < opt.today.year()) opt.today = YearEnd(static_cast<int>(*year));
  }
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](int64_t n) {
    env.err << "\r  " << n << " / " << opt.persons << " persons" << std::flush;
  };
  app::DemoCounts counts;
  if (auto dir = args.csv_dir) {
    auto sink = app::MakeCsvDemoSink(*dir);
    counts = app::GenerateDemo(opt, env.data().regions, *sink, progress);
  } else {
    auto store = storage::OpenStore(env.store);
    const app::AuditKey audit_key = env.AuditKeyForWriting(*store);
    auto uow = store->Begin();
    auto sink = app::MakeStoreDemoSink(*store);
    counts = app::GenerateDemo(opt, env.data().regions, *sink, progress);
    uow->Commit();
    const auto market = app::market::AddDemoMarket(*store, audit_key, opt.today, env.clock->NowUnixSeconds());
    env.out << "培训市场 / training market: " << market.providers_with_history << " providers with history, "
            << market.courses << " courses, " << market.classes << " classes, " << market.enrolments
            << " enrolments, " << market.public_subjects << " public subjects, " << market.textbooks
            << " textbooks\n";
    if (args.users) {
      PrintDemoLogins(env, app::AddDemoUsers(*store, audit_key, env.clock->NowUnixSeconds(),
                                                   app::PasswordCost{}));
      // A finished year with data: the year before the last one generated.
      IssueDemoCertificate(env, *store, audit_key, (opt.last_year ? opt.last_year : opt.today.year()) - 1);
    }
    certs::WriteAuditCheckpoint(*store, audit_key, env.audit.checkpoints, env.clock);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  env.err << '\n';
  env.out << "演示数据 / demo data: " << counts.employers << " employers, " << counts.providers
          << " providers, " << counts.persons << " persons, " << counts.records
          << " learning records, " << counts.exemptions << " exemptions (" << seconds << " s)\n";
  return kExitOk;
}

}  // namespace

void AddInit(CommandSet& set) {
  CLI::App* c = set.root().add_subcommand(
      "init", "建库或升级 / create or upgrade the database (migrations), signing and audit keys");
  set.Add(c, RunInit);
}

void AddDemo(CommandSet& set) {
  auto a = std::make_shared<DemoArgs>();
  CLI::App* c = set.root().add_subcommand(
      "demo", "演示数据 / load (or write as CSV) realistic demo data");
  c->add_option("--persons", a->persons, "how many persons")
      ->check(WholeNumber(1, 100'000'000))
      ->capture_default_str();
  c->add_option("--seed", a->seed, "random seed (the same seed, the same data)")
      ->check(WholeNumber(0, INT64_MAX))
      ->capture_default_str();
  c->add_option("--year", a->year, "the last year with records (default: this year)")
      ->check(WholeNumber(2000, 2100));
  c->add_option("--csv-dir", a->csv_dir, "write the four CSV files `import` takes here instead");
  c->add_flag("--users", a->users, "also one demo account per role, and a demo certificate");
  set.Add(c, [a](const Env& env) { return RunDemo(env, *a); });
}

}  // namespace jixu::cli
