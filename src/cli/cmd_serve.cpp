// `jixu serve`: the HTTP API and web UI (docs/operations.md).
#include <filesystem>

#include "app/notify/reminder_runner.hpp"
#include "cli/commands.hpp"
#include "cli/cmd_remind.hpp"
#include "cli/options.hpp"
#include "http/serve.hpp"

namespace jixu::cli {
namespace {

/// Every `serve` option as given (units as on the command line: minutes, MiB …).
struct ServeArgs {
  int64_t port = 8080;
  std::string host = "127.0.0.1";
  std::optional<std::string> web_root, tls_cert, tls_key;
  int64_t max_connections = 1024, max_connections_per_address = 256;
  int64_t header_timeout = 10, idle_timeout = 60, body_grace = 10, min_body_rate = 16 * 1024;
  int64_t request_timeout = 30;
  int64_t max_json_kib = 2048, max_upload_mib = 64, max_evidence_mib = 10, max_inflight_mib = 256;
  int64_t certificate_batch_limit = 1000;
  int64_t io_threads = 0, workers = 0, read_connections = 64;
  int64_t session_idle_minutes = 30, session_hours = 12, session_cache_seconds = 5;
  int64_t lockout_failures = 5, lockout_minutes = 15;
  int64_t argon2_ops = static_cast<int64_t>(app::PasswordCost{}.ops);  // what `demo` and
  int64_t argon2_mem_mib = static_cast<int64_t>(app::PasswordCost{}.mem_bytes >> 20);  // `user add` use
  int64_t login_user_burst = 10, login_user_per_minute = 1;
  int64_t login_address_burst = 30, login_address_per_minute = 10;
  int64_t audit_checkpoint_minutes = 60;
  SmtpArgs smtp;
  bool no_reminders = false;
  int64_t reminder_hour = 8;
};

int RunServe(const Env& env, const ServeArgs& args) {
  http::ServeOptions o;
  o.store = env.store;
  o.server.port = static_cast<int>(args.port);
  o.server.host = args.host;
  o.server.max_connections = static_cast<int>(args.max_connections);
  o.server.idle_timeout_s = static_cast<int>(args.idle_timeout);
  o.server.write_timeout_s = static_cast<int>(args.request_timeout);
  o.server.max_connections_per_address = static_cast<int>(args.max_connections_per_address);
  o.server.header_timeout_s = static_cast<int>(args.header_timeout);
  o.server.body_grace_s = static_cast<int>(args.body_grace);
  o.server.min_body_bytes_per_s = static_cast<size_t>(args.min_body_rate);
  o.server.max_bytes_in_flight = static_cast<size_t>(args.max_inflight_mib) << 20;
  o.server.io_threads = static_cast<int>(args.io_threads);
  o.worker_threads = static_cast<int>(args.workers);
  o.bodies.json_bytes = static_cast<size_t>(args.max_json_kib) << 10;
  o.bodies.upload_bytes = static_cast<size_t>(args.max_upload_mib) << 20;
  o.bodies.evidence_bytes = static_cast<size_t>(args.max_evidence_mib) << 20;
  if (args.tls_cert) o.server.tls_cert_file = *args.tls_cert;
  if (args.tls_key) o.server.tls_key_file = *args.tls_key;
  o.read_connections = static_cast<int>(args.read_connections);
  auto& a = o.api;
  a.session_idle_s = args.session_idle_minutes * 60;
  a.session_absolute_s = args.session_hours * 3600;
  a.lockout_failures = static_cast<int>(args.lockout_failures);
  a.lockout_s = args.lockout_minutes * 60;
  a.session_cache_s = args.session_cache_seconds;
  a.password_cost.ops = static_cast<uint64_t>(args.argon2_ops);
  a.password_cost.mem_bytes = static_cast<size_t>(args.argon2_mem_mib) << 20;
  // Sign-in rate limits (a burst of 0 turns one off).
  a.login_per_user.burst = static_cast<double>(args.login_user_burst);
  a.login_per_user.per_minute = static_cast<double>(args.login_user_per_minute);
  a.login_per_address.burst = static_cast<double>(args.login_address_burst);
  a.login_per_address.per_minute = static_cast<double>(args.login_address_per_minute);
  a.max_evidence_bytes = o.bodies.evidence_bytes;
  a.certificate_batch_limit = args.certificate_batch_limit;
  o.audit = env.audit;
  a.audit_checkpoints = env.audit.checkpoints;
  o.audit_checkpoint_s = args.audit_checkpoint_minutes * 60;
  if (args.web_root) {
    a.web_root = *args.web_root;
  } else if (std::filesystem::exists(env.data_root / "web" / "dist" / "index.html")) {
    a.web_root = env.data_root / "web" / "dist";
  }
  env.data();  // a broken data file stops the server at start
  o.notify.smtp = args.smtp.Config();
  o.notify.daily_run = !args.no_reminders;
  o.notify.run_hour = static_cast<int>(args.reminder_hour);
  o.notify.rules = app::notify::LoadReminderRules(env.data_root);  // a broken file stops it too
  return http::Serve(o, env.data_, env.clock, env.out, env.err);
}

}  // namespace

void AddServe(CommandSet& set) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* c = set.root().add_subcommand(
      "serve", "服务 / the HTTP API and web UI (every option: docs/operations.md)");
  auto number = [c](const char* name, int64_t& value, int64_t min, int64_t max, const char* what) {
    c->add_option(name, value, what)->check(WholeNumber(min, max))->capture_default_str();
  };
  number("--port", a->port, 0, 65535, "port to listen on (0: a free one)");
  c->add_option("--host", a->host, "address to listen on (IPv4 or IPv6)")->capture_default_str();
  c->add_option("--web-root", a->web_root, "the built web UI (default: web/dist if built)");
  c->add_option("--tls-cert", a->tls_cert, "PEM certificate chain: serve HTTPS only");
  c->add_option("--tls-key", a->tls_key, "PEM private key of --tls-cert");
  number("--max-connections", a->max_connections, 1, 100000, "open connections server-wide");
  number("--max-connections-per-address", a->max_connections_per_address, 0, 100000,
         "open connections per client address (0: no cap)");
  number("--header-timeout", a->header_timeout, 1, 600, "seconds from a request's first byte to its headers' end");
  number("--idle-timeout", a->idle_timeout, 1, 3600, "seconds a keep-alive connection may idle");
  number("--body-grace", a->body_grace, 0, 600, "seconds before --min-body-rate applies");
  number("--min-body-rate", a->min_body_rate, 1, 1 << 30, "bytes a second a body must average");
  number("--request-timeout", a->request_timeout, 1, 3600, "seconds to send an answer");
  number("--max-json-kib", a->max_json_kib, 1, 1 << 20, "largest JSON body (KiB)");
  number("--max-upload-mib", a->max_upload_mib, 1, 4096, "largest import file (MiB)");
  number("--max-evidence-mib", a->max_evidence_mib, 1, 1024, "largest evidence file (MiB)");
  number("--max-inflight-mib", a->max_inflight_mib, 1, 65536, "request bodies in memory at once, server-wide (MiB)");
  number("--certificate-batch-limit", a->certificate_batch_limit, 1, 100000,
         "persons one certificate batch may cover");
  number("--io-threads", a->io_threads, 0, 64, "socket threads (0: one per core, at most 4)");
  number("--workers", a->workers, 0, 256, "threads for slow routes (0: max(4, cores))");
  number("--read-connections", a->read_connections, 1, 256, "SQLite read connections");
  number("--session-idle-minutes", a->session_idle_minutes, 1, 24 * 60, "a session ends after this long without a request");
  number("--session-hours", a->session_hours, 1, 24 * 30, "a session ends this long after sign-in");
  number("--session-cache-seconds", a->session_cache_seconds, 0, 300,
         "how long a checked token is trusted without the database");
  number("--lockout-failures", a->lockout_failures, 1, 100, "failed sign-ins before a lock");
  number("--lockout-minutes", a->lockout_minutes, 1, 24 * 60, "how long the lock lasts");
  number("--argon2-ops", a->argon2_ops, 1, 10, "password hashing cost: passes");
  number("--argon2-mem-mib", a->argon2_mem_mib, 1, 1024, "password hashing cost: memory (MiB)");
  number("--login-user-burst", a->login_user_burst, 0, 10000, "failed sign-ins a username may have at once (0: no limit)");
  number("--login-user-per-minute", a->login_user_per_minute, 1, 10000, "… regained a minute");
  number("--login-address-burst", a->login_address_burst, 0, 100000, "failed sign-ins a client address may have at once (0: no limit)");
  number("--login-address-per-minute", a->login_address_per_minute, 1, 100000, "… regained a minute");
  number("--audit-checkpoint-minutes", a->audit_checkpoint_minutes, 0, 7 * 24 * 60,
         "a signed audit checkpoint this often (0: none)");
  AddSmtpOptions(*c, a->smtp);
  c->add_flag("--no-reminders", a->no_reminders,
              "no daily reminder run (data/reminders.toml); `jixu remind run` still works");
  number("--reminder-hour", a->reminder_hour, 0, 23,
         "the daily reminder run starts at this hour (China Standard Time) or later");
  set.Add(c, [a](const Env& env) { return RunServe(env, *a); });
}

}  // namespace jixu::cli
