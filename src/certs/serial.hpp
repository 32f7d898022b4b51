#pragma once
// Certificate serials: "JX-2025-7K3M-Q9TB-W2HX". The year, then eleven random Crockford base32
// characters (55 bits from the OS's CSPRNG: unguessable, so a serial cannot be enumerated to
// harvest certificates) and one check character (Luhn mod 32 over the year's digits and the
// random characters: catches every single mistyped character and most swaps of neighbours).
// Crockford's alphabet leaves out I, L, O and U, and reading accepts i/l for 1 and o for 0, any
// case, spaces or missing dashes, so a serial read aloud or retyped from paper still parses.
#include <optional>
#include <string>
#include <string_view>

namespace jixu::certs {

inline constexpr int kSerialRandomChars = 11;

/// A new random serial for a certificate of `year`.
std::string NewSerial(int year);
/// The serial for given random characters (tests, reproducible benchmarks).
std::string SerialFromRandom(int year, std::string_view random11);
/// The canonical form of `text` (upper case, dashes in place), or nullopt if it is not a serial
/// or its check character does not match.
std::optional<std::string> NormalizeSerial(std::string_view text);
/// The year in a canonical serial.
int SerialYear(std::string_view serial);

}  // namespace jixu::certs
