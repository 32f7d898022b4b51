#pragma once
// A small SMTP client on Boost.Asio (RFC 5321): plain SMTP to a relay the deployment configures
// (docs/operations.md#e-mail), one connection per batch of messages. Messages are UTF-8 text:
// the subject as RFC 2047 encoded words, the body base64 (RFC 2045), so Chinese text arrives
// whatever the relay does with 8-bit data.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace jixu::app::notify {

struct SmtpConfig {
  std::string host;  ///< empty: no e-mail is sent (notices stay in-app)
  int port = 25;
  std::string from;  ///< the envelope sender and From: header
  std::string helo = "jixu";
  std::chrono::seconds timeout{20};  ///< per exchange (connect, each reply, the data)
  bool enabled() const { return !host.empty() && !from.empty(); }
};

struct MailMessage {
  std::vector<std::string> to;
  std::string subject;  ///< UTF-8
  std::string body;     ///< UTF-8, lines separated by \n
  std::string message_id;  ///< without <>; empty: none
};

/// The message as sent after DATA (headers, blank line, base64 body), CRLF line ends, not yet
/// dot-stuffed (base64 lines never start with a dot).
std::string FormatMessage(const SmtpConfig& config, const MailMessage& m, int64_t unix_seconds);

/// RFC 2047 "B" encoding of a UTF-8 header value, in encoded words of at most 75 characters
/// folded onto continuation lines, never splitting a character.
std::string EncodeHeaderWord(const std::string& utf8);

/// Standard base64 (RFC 4648) of `bytes`, lines of 76 characters joined by CRLF when `wrap`.
std::string Base64(const std::string& bytes, bool wrap);

/// What became of each message of a batch.
struct SendResult {
  bool ok = false;
  std::string error;  ///< the server's reply or the connection error
};

/// Connects once and sends every message; a message the server refuses fails alone, a broken
/// connection fails the rest.
std::vector<SendResult> SendMail(const SmtpConfig& config, const std::vector<MailMessage>& messages,
                                 int64_t unix_seconds);

}  // namespace jixu::app::notify
