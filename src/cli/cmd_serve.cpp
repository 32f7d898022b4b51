// `jixu serve`: the HTTP API and web UI (docs/operations.md).
#include <filesystem>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "http/serve.hpp"

namespace jixu::cli {

int RunServe(const Env& env, const Argv& argv) {
  Args args(argv,
            {"port", "host", "web-root", "session-idle-minutes", "session-hours",
             "lockout-failures", "lockout-minutes", "max-connections", "idle-timeout",
             "request-timeout", "read-connections", "argon2-ops", "argon2-mem-mib",
             "session-cache-seconds", "max-connections-per-address", "header-timeout",
             "body-grace", "min-body-rate", "max-inflight-mib", "max-json-kib", "max-upload-mib",
             "max-evidence-mib", "io-threads", "workers", "tls-cert", "tls-key",
             "audit-checkpoint-minutes", "login-user-burst", "login-user-per-minute",
             "login-address-burst", "login-address-per-minute", "certificate-batch-limit"},
            {});
  if (!args.positional().empty()) throw UsageError{"serve takes no positional arguments"};
  http::ServeOptions o;
  o.store = env.store;
  o.server.port = static_cast<int>(args.GetInt("port", 0, 65535).value_or(8080));
  o.server.host = args.GetOr("host", "127.0.0.1");
  o.server.max_connections = static_cast<int>(args.GetInt("max-connections", 1, 100000).value_or(1024));
  o.server.idle_timeout_s = static_cast<int>(args.GetInt("idle-timeout", 1, 3600).value_or(60));
  o.server.write_timeout_s = static_cast<int>(args.GetInt("request-timeout", 1, 3600).value_or(30));
  o.server.max_connections_per_address =
      static_cast<int>(args.GetInt("max-connections-per-address", 0, 100000).value_or(256));
  o.server.header_timeout_s = static_cast<int>(args.GetInt("header-timeout", 1, 600).value_or(10));
  o.server.body_grace_s = static_cast<int>(args.GetInt("body-grace", 0, 600).value_or(10));
  o.server.min_body_bytes_per_s =
      static_cast<size_t>(args.GetInt("min-body-rate", 1, 1 << 30).value_or(16 * 1024));
  o.server.max_bytes_in_flight = static_cast<size_t>(args.GetInt("max-inflight-mib", 1, 65536).value_or(256)) << 20;
  o.server.io_threads = static_cast<int>(args.GetInt("io-threads", 0, 64).value_or(0));
  o.worker_threads = static_cast<int>(args.GetInt("workers", 0, 256).value_or(0));
  o.bodies.json_bytes = static_cast<size_t>(args.GetInt("max-json-kib", 1, 1 << 20).value_or(2048)) << 10;
  o.bodies.upload_bytes = static_cast<size_t>(args.GetInt("max-upload-mib", 1, 4096).value_or(64)) << 20;
  o.bodies.evidence_bytes = static_cast<size_t>(args.GetInt("max-evidence-mib", 1, 1024).value_or(10)) << 20;
  if (auto v = args.Get("tls-cert")) o.server.tls_cert_file = *v;
  if (auto v = args.Get("tls-key")) o.server.tls_key_file = *v;
  o.read_connections = static_cast<int>(args.GetInt("read-connections", 1, 256).value_or(64));
  auto& a = o.api;
  a.session_idle_s = args.GetInt("session-idle-minutes", 1, 24 * 60).value_or(30) * 60;
  a.session_absolute_s = args.GetInt("session-hours", 1, 24 * 30).value_or(12) * 3600;
  a.lockout_failures = static_cast<int>(args.GetInt("lockout-failures", 1, 100).value_or(5));
  a.lockout_s = args.GetInt("lockout-minutes", 1, 24 * 60).value_or(15) * 60;
  a.session_cache_s = args.GetInt("session-cache-seconds", 0, 300).value_or(5);
  const app::PasswordCost cost;  // the defaults `jixu demo` and `jixu user add` hash with too
  a.password_cost.ops = static_cast<uint64_t>(
      args.GetInt("argon2-ops", 1, 10).value_or(static_cast<int64_t>(cost.ops)));
  a.password_cost.mem_bytes = static_cast<size_t>(args.GetInt("argon2-mem-mib", 1, 1024)
                                                      .value_or(static_cast<int64_t>(cost.mem_bytes >> 20))) << 20;
  // Sign-in rate limits (a burst of 0 turns one off).
  a.login_per_user.burst = static_cast<double>(args.GetInt("login-user-burst", 0, 10000).value_or(10));
  a.login_per_user.per_minute = static_cast<double>(args.GetInt("login-user-per-minute", 1, 10000).value_or(1));
  a.login_per_address.burst = static_cast<double>(args.GetInt("login-address-burst", 0, 100000).value_or(30));
  a.login_per_address.per_minute = static_cast<double>(args.GetInt("login-address-per-minute", 1, 100000).value_or(10));
  a.max_evidence_bytes = o.bodies.evidence_bytes;
  a.certificate_batch_limit = args.GetInt("certificate-batch-limit", 1, 100000).value_or(1000);
  o.audit = env.audit;
  a.audit_checkpoints = env.audit.checkpoints;
  o.audit_checkpoint_s = args.GetInt("audit-checkpoint-minutes", 0, 7 * 24 * 60).value_or(60) * 60;
  if (auto w = args.Get("web-root")) {
    a.web_root = *w;
  } else if (std::filesystem::exists(env.data_root / "web" / "dist" / "index.html")) {
    a.web_root = env.data_root / "web" / "dist";
  }
  env.data();  // a broken data file stops the server at start
  return http::Serve(o, env.data_, env.clock, env.out, env.err);
}

}  // namespace jixu::cli
