#include "certs/verifiable_credential.hpp"

#include <algorithm>

#include "certs/canonical_json.hpp"
#include "certs/payload.hpp"
#include "certs/serial.hpp"

namespace jixu::certs {
namespace {

using nlohmann::json;

constexpr std::string_view kUrnPrefix = "urn:jixu:certificate:";
const uint8_t kEd25519Multicodec[] = {0xed, 0x01};

std::string Field(const json& p, std::initializer_list<const char*> path) {
  const json* v = &p;
  for (const char* k : path) {
    if (!v->is_object() || !v->contains(k)) return "";
    v = &(*v)[k];
  }
  return v->is_string() ? v->get<std::string>() : HoursText(*v);
}

json Achievement(const json& p) {
  const bool annual = p.value("type", "") == kKindAnnual;
  json a = {{"type", json::array({"Achievement"})}, {"achievementType", "Certificate"}};
  if (annual) {
    const std::string year = p.contains("year") ? p["year"].dump() : "";
    a["id"] = "urn:jixu:achievement:annual-hours:" + year + ":" + Field(p, {"policy"});
    a["name"] = year + "年度继续教育学时证明 / Continuing education hours " + year;
    a["description"] = "专业技术人员继续教育年度学时登记（国人部发〔2007〕96号第十条）。";
    a["criteria"] = {{"narrative", "按政策 " + Field(p, {"policy"}) + " 计入的学时；应修 " +
                                       Field(p, {"hours", "required"}) + " 学时。"}};
    a["creditsAvailable"] = p["hours"]["counted"];
  } else {
    a["id"] = "urn:jixu:achievement:class:" + Field(p, {"provider", "code"}) + ":" +
              Field(p, {"class", "title"});
    a["name"] = Field(p, {"class", "title"});
    a["description"] = "培训结业：" + Field(p, {"provider", "name"});
    a["criteria"] = {{"narrative", "完成全部学习 / completed the class"}};
    a["creditsAvailable"] = p["class"]["hours"];
  }
  return a;
}

std::string ProofHashData(const json& unsecured, const json& proof_config) {
  Bytes data = Sha256(CanonicalJson(proof_config));
  const Bytes doc = Sha256(CanonicalJson(unsecured));
  data.insert(data.end(), doc.begin(), doc.end());
  return std::string(data.begin(), data.end());
}

Error Problem(std::string code, std::string field, std::string zh, std::string en) {
  return MakeError(std::move(code), std::move(field), std::move(zh), std::move(en));
}

/// Checks the proof; returns the problems found.
std::vector<Error> CheckProof(const json& vc, const std::vector<PublicKeyInfo>& keys,
                              std::string& key_id) {
  const json& proof = vc["proof"];
  if (!proof.is_object() || proof.value("type", "") != "DataIntegrityProof" ||
      proof.value("cryptosuite", "") != "eddsa-jcs-2022") {
    return {Problem("unsupported_proof", "proof.cryptosuite", "只支持 eddsa-jcs-2022 证明",
                    "only DataIntegrityProof with eddsa-jcs-2022 is supported")};
  }
  const PublicKeyInfo* key = nullptr;
  const std::string method = proof.value("verificationMethod", "");
  for (const auto& k : keys) {
    if (k.algorithm == Algorithm::kEd25519 && method.rfind(DidKey(k.public_key) + "#", 0) == 0) {
      key = &k;
    }
  }
  if (key == nullptr) {
    return {Problem("unknown_key", "proof.verificationMethod", "签名密钥不在发布的公钥集中",
                    "the verification method is not a published key")};
  }
  key_id = key->key_id;
  const std::string value = proof.value("proofValue", "");
  auto sig = value.size() > 1 && value[0] == 'z' ? FromBase58(value.substr(1)) : std::nullopt;
  json unsecured = vc;
  unsecured.erase("proof");
  json config = proof;
  config.erase("proofValue");
  config["@context"] = vc["@context"];
  if (!sig || !Verify(Algorithm::kEd25519, key->public_key, ProofHashData(unsecured, config), *sig)) {
    return {Problem("bad_signature", "proof.proofValue", "证明签名与凭证内容不符：内容或签名已被改动",
                    "the proof does not match the credential: its content or the proof was altered")};
  }
  return {};
}

}  // namespace

std::string DidKey(const Bytes& pub) {
  Bytes data(sizeof kEd25519Multicodec + pub.size());
  std::copy(std::begin(kEd25519Multicodec), std::end(kEd25519Multicodec), data.begin());
  std::copy(pub.begin(), pub.end(), data.begin() + sizeof kEd25519Multicodec);
  return "did:key:z" + Base58(data);
}

bool IsCredential(const json& doc) {
  return doc.is_object() && doc.contains("@context") && doc.contains("proof");
}

json UnsignedCredential(const storage::CertificateRow& row, const CertConfig& config) {
  const json p = json::parse(row.payload);
  json subject = {{"type", json::array({"AchievementSubject"})},
                  {"identifier", json::array({{{"type", "IdentityObject"},
                                               {"identityType", "name"},
                                               {"hashed", false},
                                               {"identityHash", Field(p, {"subject", "name"})}}})},
                  {"achievement", Achievement(p)}};
  subject["creditsEarned"] = subject["achievement"]["creditsAvailable"];
  const std::string issuer_url = config.VerifyUrl("").substr(0, config.VerifyUrl("").find('#'));
  return {{"@context", json::array({"https://www.w3.org/ns/credentials/v2",
                                    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"})},
          {"id", std::string(kUrnPrefix) + row.serial},
          {"type", json::array({"VerifiableCredential", "OpenBadgeCredential"})},
          {"name", Achievement(p)["name"]},
          {"issuer", {{"id", issuer_url}, {"type", json::array({"Profile"})},
                      {"name", Field(p, {"issuer", "name"})}}},
          {"validFrom", IsoTimestamp(row.issued_at)},
          {"credentialSubject", std::move(subject)},
          {"evidence", json::array({{{"type", json::array({"Evidence"})},
                                     {"id", config.VerifyUrl(row.serial)},
                                     {"narrative", "登记库核验地址 / registry verification"}}})}};
}

json SignCredential(json vc, const SigningKey& key, int64_t now) {
  const std::string did = DidKey(key.info.public_key);
  json config = {{"type", "DataIntegrityProof"},
                 {"cryptosuite", "eddsa-jcs-2022"},
                 {"created", IsoTimestamp(now)},
                 {"verificationMethod", did + "#" + did.substr(std::string("did:key:").size())},
                 {"proofPurpose", "assertionMethod"},
                 {"@context", vc["@context"]}};
  const Bytes sig = Sign(Algorithm::kEd25519, key.private_key, ProofHashData(vc, config));
  config.erase("@context");
  config["proofValue"] = "z" + Base58(sig);
  vc["proof"] = std::move(config);
  return vc;
}

VerifyResult VerifyCredential(const json& vc, const std::vector<PublicKeyInfo>& keys,
                              storage::CertificateRepository* registry, const CertConfig& config) {
  VerifyResult r;
  r.algorithm = "eddsa-jcs-2022";
  const std::string id = vc.value("id", "");
  r.serial = id.rfind(kUrnPrefix, 0) == 0 ? id.substr(kUrnPrefix.size()) : id;
  r.problems = CheckProof(vc, keys, r.key_id);
  std::optional<storage::CertificateRow> row;
  auto normal = NormalizeSerial(r.serial);
  if (registry != nullptr && normal) row = registry->FindBySerial(*normal);
  if (row) {
    r.payload = json::parse(row->payload);
    r.issued_at = row->issued_at;
    r.revoked_at = row->revoked_at;
    r.revoke_reason = row->revoke_reason;
    json unsecured = vc;
    unsecured.erase("proof");
    r.differences = DiffPayloads(unsecured, UnsignedCredential(*row, config));
    if (!r.differences.empty() && r.problems.empty()) {
      r.problems.push_back(Problem("content_differs", "credentialSubject", "凭证内容与登记库不一致",
                                   "the credential's content differs from the registry's"));
    }
  }
  if (!r.problems.empty()) {
    r.status = VerifyStatus::kInvalid;
  } else if (row && row->revoked_at) {
    r.status = VerifyStatus::kRevoked;
  } else if (registry != nullptr && !row) {
    r.status = VerifyStatus::kUnknown;
  } else {
    r.status = VerifyStatus::kValid;
  }
  return r;
}

}  // namespace jixu::certs
