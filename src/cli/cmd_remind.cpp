// `jixu remind run`: the reminder rules of data/reminders.toml for one date (default today), then
// the pending notices by e-mail when an SMTP server is given (docs/cli.md#remind).
#include "cli/cmd_remind.hpp"

#include <chrono>
#include <ostream>

#include "app/notify/reminder_runner.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"

namespace jixu::cli {

app::notify::SmtpConfig SmtpArgs::Config() const {
  app::notify::SmtpConfig c;
  c.host = host;
  c.port = static_cast<int>(port);
  c.from = from;
  c.helo = helo;
  c.timeout = std::chrono::seconds(timeout);
  return c;
}

void AddSmtpOptions(CLI::App& c, SmtpArgs& a) {
  c.add_option("--smtp-host", a.host, "SMTP relay that sends notices by e-mail (none: in-app only)");
  c.add_option("--smtp-port", a.port, "its port")->check(WholeNumber(1, 65535))->capture_default_str();
  c.add_option("--smtp-from", a.from, "the sender address of notice e-mails");
  c.add_option("--smtp-helo", a.helo, "the name this host gives in EHLO")->capture_default_str();
  c.add_option("--smtp-timeout", a.timeout, "seconds to wait for each SMTP reply")
      ->check(WholeNumber(1, 600))
      ->capture_default_str();
}

namespace {

struct RemindArgs {
  std::string date;
  SmtpArgs smtp;
};

int RunRemind(const Env& env, const RemindArgs& args) {
  Date date = env.clock->Today();
  int64_t now = env.clock->NowUnixSeconds();
  if (!args.date.empty()) {
    auto d = Date::Parse(args.date);
    if (!d) throw UsageError{"--date must be YYYY-MM-DD"};
    date = *d;
    // The run's time: that date at 09:00 China Standard Time (01:00 UTC), for the age of
    // declarations and the notices' timestamps.
    now = int64_t{date.days()} * 86400 + 3600;
  }
  if (!args.smtp.host.empty() && args.smtp.from.empty()) {
    throw UsageError{"--smtp-host needs --smtp-from"};
  }
  const auto rules = app::notify::LoadReminderRules(env.data_root);
  auto store = storage::OpenStore(env.store);
  const auto started = std::chrono::steady_clock::now();
  const auto outcome = app::notify::RunReminders(*store, env.data().policies, rules, date, now);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Table t({"规则 rule", "类型 kind", "周期 period", "应发 due", "新发 sent"});
  for (const auto& r : outcome.rules) {
    t.Add({r.rule_id, r.kind, r.period, std::to_string(r.due), std::to_string(r.sent)});
  }
  t.Print(env.out);
  char line[160];
  std::snprintf(line, sizeof line, "%s: %lld persons evaluated in %.2f s\n",
                date.ToString().c_str(), static_cast<long long>(outcome.persons_evaluated), seconds);
  env.out << line;
  const auto smtp = args.smtp.Config();
  if (smtp.enabled()) {
    const auto d = app::notify::DeliverPending(*store, smtp, now);
    env.out << "e-mail: " << d.sent << " sent, " << d.failed << " failed\n";
    if (d.failed > 0) return kExitFault;
  }
  return kExitOk;
}

}  // namespace

void AddRemind(CommandSet& set) {
  CLI::App* group = set.root().add_subcommand("remind", "提醒 / reminders and notices");
  group->require_subcommand(1);
  auto a = std::make_shared<RemindArgs>();
  CLI::App* c = group->add_subcommand(
      "run", "run the reminder rules (data/reminders.toml) for a date; nothing is sent twice");
  c->add_option("--date", a->date, "the date to run for, YYYY-MM-DD (default: today)");
  AddSmtpOptions(*c, a->smtp);
  set.Add(c, [a](const Env& env) { return RunRemind(env, *a); });
}

}  // namespace jixu::cli
