#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC from OpenSSL), the second
// factor of administrators and authorities (issue 15): 30-second steps, 6 digits, a code
// accepted for the step before and after the current one, never twice (the caller keeps the
// last accepted step). Secrets travel as base32 (RFC 4648), as authenticator apps expect.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixu::app {

enum class TotpHash : uint8_t { kSha1, kSha256, kSha512 };

constexpr int64_t kTotpStepSeconds = 30;
constexpr int kTotpDigits = 6;
/// Steps either side of the current one a code is still accepted for (clock drift).
constexpr int64_t kTotpWindow = 1;
constexpr int kRecoveryCodeCount = 10;

std::string Base32Encode(std::string_view bytes);
/// nullopt when `text` holds a character outside A–Z 2–7 (case, spaces and '=' are ignored).
std::optional<std::string> Base32Decode(std::string_view text);

/// RFC 4226 HOTP: the `digits`-digit code of `key` at `counter`, zero-padded.
std::string Hotp(std::string_view key, uint64_t counter, int digits = kTotpDigits,
                 TotpHash hash = TotpHash::kSha1);
/// The step a unix time falls in.
inline int64_t TotpStep(int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }
/// RFC 6238 TOTP at a unix time.
std::string Totp(std::string_view key, int64_t unix_seconds, int digits = kTotpDigits,
                 TotpHash hash = TotpHash::kSha1);

/// The step (within ±kTotpWindow of now's) whose code `code` is, newest first; nullopt if
/// none. Comparison in constant time. The caller refuses a step it accepted before.
std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t now);

/// A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32.
std::string NewTotpSecret();
/// The otpauth:// URI an authenticator app reads from the QR code.
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32);

/// Ten one-time recovery codes, "xxxxx-xxxxx" from an alphabet without look-alikes (~50 bits
/// each: stored as SHA-256, which is enough for random codes of this length).
std::vector<std::string> NewRecoveryCodes();
/// The stored form of a recovery code: SHA-256 of the code with case and dashes ignored.
std::string RecoveryCodeHash(std::string_view code);

}  // namespace jixu::app
