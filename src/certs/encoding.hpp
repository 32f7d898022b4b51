#pragma once
// Byte-string encodings used by certificates: base64url (signatures, keys, the PDF envelope),
// hex (digests in tests and docs), base58btc (the multibase `z…` proof values of eddsa-jcs-2022).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixu::certs {

using Bytes = std::vector<uint8_t>;

inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

/// RFC 4648 §5, without padding.
std::string Base64Url(const Bytes& data);
/// Accepts base64url with or without padding; nullopt on any other character.
std::optional<Bytes> FromBase64Url(std::string_view text);

std::string Hex(const Bytes& data);
std::optional<Bytes> FromHex(std::string_view text);

/// Bitcoin's base58 alphabet (multibase prefix 'z' is the caller's).
std::string Base58(const Bytes& data);
std::optional<Bytes> FromBase58(std::string_view text);

}  // namespace jixu::certs
