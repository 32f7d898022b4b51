// The published key set (jixu-keys.json): what a verifier needs, offline, to check any
// certificate the registry ever signed.
#include <ctime>

#include "certs/key_ring.hpp"
#include "core/common/error.hpp"

namespace jixu::certs {
namespace {

using nlohmann::json;

json Jwk(const PublicKeyInfo& k) {
  if (k.algorithm == Algorithm::kEd25519) {
    return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", Base64Url(k.public_key)}, {"kid", k.key_id}};
  }
  // Uncompressed point 04 || X || Y.
  const Bytes x(k.public_key.begin() + 1, k.public_key.begin() + 33);
  const Bytes y(k.public_key.begin() + 33, k.public_key.end());
  return {{"kty", "EC"}, {"crv", "SM2"}, {"x", Base64Url(x)}, {"y", Base64Url(y)},
          {"kid", k.key_id}};
}

std::optional<int64_t> ParseIso(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

[[noreturn]] void Bad(const std::string& field) {
  throw InvalidInput({MakeError("invalid_key_set", field, "公钥集文件字段无效：" + field,
                                "invalid key set field: " + field)});
}

}  // namespace

json PublicKeySetJson(const std::vector<PublicKeyInfo>& keys, const std::string& issuer) {
  json list = json::array();
  for (const auto& k : keys) {
    json entry = {{"kid", k.key_id},
                  {"alg", AlgorithmCode(k.algorithm)},
                  {"status", k.retired_at ? "retired" : "active"},
                  {"created", IsoTimestamp(k.created_at)},
                  {"public_key", Base64Url(k.public_key)},
                  {"jwk", Jwk(k)}};
    if (k.algorithm == Algorithm::kSm2Sm3) entry["sm2_signer_id"] = kSm2SignerId;
    if (k.retired_at) entry["retired"] = IsoTimestamp(*k.retired_at);
    list.push_back(std::move(entry));
  }
  return {{"issuer", issuer}, {"keys", std::move(list)}};
}

std::vector<PublicKeyInfo> ParsePublicKeySet(const json& doc) {
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) Bad("keys");
  std::vector<PublicKeyInfo> out;
  for (size_t i = 0; i < doc["keys"].size(); ++i) {
    const json& k = doc["keys"][i];
    const std::string at = "keys[" + std::to_string(i) + "].";
    PublicKeyInfo info;
    if (!k.contains("kid") || !k["kid"].is_string()) Bad(at + "kid");
    info.key_id = k["kid"];
    auto alg = k.contains("alg") && k["alg"].is_string()
                   ? ParseAlgorithm(k["alg"].get<std::string>())
                   : std::nullopt;
    if (!alg) Bad(at + "alg");
    info.algorithm = *alg;
    auto pub = k.contains("public_key") && k["public_key"].is_string()
                   ? FromBase64Url(k["public_key"].get<std::string>())
                   : std::nullopt;
    if (!pub) Bad(at + "public_key");
    info.public_key = *pub;
    // The id is derived from the key: a key set whose ids do not match was edited.
    if (KeyIdOf(info.algorithm, info.public_key) != info.key_id) Bad(at + "kid");
    if (k.contains("created") && k["created"].is_string()) {
      info.created_at = ParseIso(k["created"]).value_or(0);
    }
    if (k.contains("retired") && k["retired"].is_string()) info.retired_at = ParseIso(k["retired"]);
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace jixu::certs
