#include "certs/serial.hpp"

#include <sodium.h>

#include <cctype>

#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kPrefix = "JX-";

int Value(char c) {
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  const auto pos = kCrockford.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

/// Luhn mod N (N = 32) check value of `values`, the rightmost one doubled first.
int LuhnMod32(const std::string& values) {
  int sum = 0;
  bool twice = true;
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    int v = static_cast<unsigned char>(*it);
    if (twice) {
      v *= 2;
      v = v / 32 + v % 32;
    }
    sum += v;
    twice = !twice;
  }
  return (32 - sum % 32) % 32;
}

std::string Format(int year, const std::string& chars12) {
  return std::string(kPrefix) + std::to_string(year) + "-" + chars12.substr(0, 4) + "-" +
         chars12.substr(4, 4) + "-" + chars12.substr(8, 4);
}

/// Year digits and random characters as values 0..31, the input of the check.
std::string CheckInput(int year, std::string_view random) {
  std::string v;
  for (char d : std::to_string(year)) v += static_cast<char>(d - '0');
  for (char c : random) v += static_cast<char>(Value(c));
  return v;
}

}  // namespace

std::string SerialFromRandom(int year, std::string_view random11) {
  if (year < 1000 || year > 9999 || random11.size() != kSerialRandomChars) {
    throw Fault("invalid_serial", "serial needs a four-digit year and 11 characters");
  }
  std::string chars;
  for (char c : random11) {
    const int v = Value(c);
    if (v < 0) throw Fault("invalid_serial", "not a Crockford base32 character");
    chars += kCrockford[v];
  }
  chars += kCrockford[LuhnMod32(CheckInput(year, chars))];
  return Format(year, chars);
}

std::string NewSerial(int year) {
  if (sodium_init() < 0) throw Fault("crypto_unavailable", "libsodium failed to initialise");
  std::string random;
  for (int i = 0; i < kSerialRandomChars; ++i) random += kCrockford[randombytes_uniform(32)];
  return SerialFromRandom(year, random);
}

std::optional<std::string> NormalizeSerial(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  // "JX" + 4 year digits + 12 characters.
  if (compact.size() != 18 || compact.rfind("JX", 0) != 0) return std::nullopt;
  int year = 0;
  for (int i = 2; i < 6; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(compact[i]))) return std::nullopt;
    year = year * 10 + (compact[i] - '0');
  }
  std::string chars;
  for (size_t i = 6; i < compact.size(); ++i) {
    const int v = Value(compact[i]);
    if (v < 0) return std::nullopt;
    chars += kCrockford[v];
  }
  if (year < 1000) return std::nullopt;
  const int check = LuhnMod32(CheckInput(year, chars.substr(0, kSerialRandomChars)));
  if (kCrockford[check] != chars.back()) return std::nullopt;
  return Format(year, chars);
}

int SerialYear(std::string_view serial) {
  return std::stoi(std::string(serial.substr(kPrefix.size(), 4)));
}

}  // namespace jixu::certs
