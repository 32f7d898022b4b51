#pragma once
// The SMTP options `serve` and `remind run` share (docs/operations.md#e-mail).
#include <cstdint>
#include <string>

#include "app/notify/smtp.hpp"

namespace CLI {
class App;
}

namespace jixu::cli {

struct SmtpArgs {
  std::string host;
  int64_t port = 25;
  std::string from;
  std::string helo = "jixu";
  int64_t timeout = 20;
  app::notify::SmtpConfig Config() const;
};

/// --smtp-host, --smtp-port, --smtp-from, --smtp-helo, --smtp-timeout.
void AddSmtpOptions(CLI::App& command, SmtpArgs& args);

}  // namespace jixu::cli
