#include "certs/verifier.hpp"

#include <map>

#include "certs/canonical_json.hpp"
#include "certs/payload.hpp"
#include "certs/serial.hpp"

namespace jixu::certs {
namespace {

using nlohmann::json;

Error Problem(std::string code, std::string field, std::string zh, std::string en) {
  return MakeError(std::move(code), std::move(field), std::move(zh), std::move(en));
}

void FlattenInto(const json& v, const std::string& prefix, std::map<std::string, json>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      FlattenInto(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    }
  } else {
    out[prefix] = v;
  }
}

std::string Show(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

/// Signature checks; appends to r.problems.
void CheckSignature(const SignedDocument& doc, const std::vector<PublicKeyInfo>& keys,
                    VerifyResult& r) {
  const PublicKeyInfo* key = nullptr;
  for (const auto& k : keys) {
    if (k.key_id == doc.key_id) key = &k;
  }
  if (key == nullptr) {
    r.problems.push_back(Problem("unknown_key", "signature.kid",
                                 "签名密钥 " + doc.key_id + " 不在发布的公钥集中",
                                 "signing key " + doc.key_id + " is not in the published key set"));
    return;
  }
  if (key->algorithm != doc.algorithm) {
    r.problems.push_back(Problem("algorithm_mismatch", "signature.alg",
                                 "签名算法与密钥不符", "the signature's algorithm is not the key's"));
    return;
  }
  std::string canonical;
  try {
    canonical = CanonicalJson(doc.payload);
  } catch (const Fault& f) {
    r.problems.push_back(Problem("bad_payload", "payload", "证书内容无法规范化：" + std::string(f.what()),
                                 std::string("the payload cannot be canonicalised: ") + f.what()));
    return;
  }
  if (!Verify(doc.algorithm, key->public_key, canonical, doc.signature)) {
    r.problems.push_back(Problem(
        "bad_signature", "signature",
        "签名与证书内容不符：内容或签名已被改动",
        "the signature does not match the certified content: the content or the signature was "
        "altered"));
  }
}

}  // namespace

std::string_view VerifyStatusCode(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::kValid: return "valid";
    case VerifyStatus::kRevoked: return "revoked";
    case VerifyStatus::kUnknown: return "unknown";
    case VerifyStatus::kInvalid: return "invalid";
  }
  return "";
}

std::string_view VerifyStatusZh(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::kValid: return "有效";
    case VerifyStatus::kRevoked: return "已撤销";
    case VerifyStatus::kUnknown: return "无此证书";
    case VerifyStatus::kInvalid: return "无效";
  }
  return "";
}

json EnvelopeJson(const SignedDocument& doc) {
  return {{"jixu_certificate", 1},
          {"payload", doc.payload},
          {"signature",
           {{"alg", AlgorithmCode(doc.algorithm)},
            {"kid", doc.key_id},
            {"value", Base64Url(doc.signature)}}}};
}

Result<SignedDocument> ParseEnvelope(const json& env) {
  auto bad = [](const std::string& field) {
    return Problem("invalid_envelope", field, "证书数据缺少或错误的字段：" + field,
                   "the certificate data lacks or has a malformed field: " + field);
  };
  if (!env.is_object() || !env.contains("payload") || !env["payload"].is_object()) {
    return bad("payload");
  }
  if (!env.contains("signature") || !env["signature"].is_object()) return bad("signature");
  const json& s = env["signature"];
  SignedDocument doc;
  doc.payload = env["payload"];
  auto alg = s.contains("alg") && s["alg"].is_string() ? ParseAlgorithm(s["alg"].get<std::string>())
                                                       : std::nullopt;
  if (!alg) return bad("signature.alg");
  doc.algorithm = *alg;
  if (!s.contains("kid") || !s["kid"].is_string()) return bad("signature.kid");
  doc.key_id = s["kid"];
  auto sig = s.contains("value") && s["value"].is_string()
                 ? FromBase64Url(s["value"].get<std::string>())
                 : std::nullopt;
  if (!sig) return bad("signature.value");
  doc.signature = *sig;
  return doc;
}

Result<SignedDocument> DocumentOf(const storage::CertificateRow& row) {
  json payload = json::parse(row.payload, nullptr, false);
  auto alg = ParseAlgorithm(row.algorithm);
  auto sig = FromBase64Url(row.signature);
  if (payload.is_discarded() || !alg || !sig) {
    return Problem("corrupt_certificate", "", "登记库中的证书数据已损坏",
                   "the registry's copy of the certificate is corrupt");
  }
  return SignedDocument{std::move(payload), *alg, row.key_id, *sig};
}

std::vector<Difference> DiffPayloads(const json& document, const json& registry) {
  std::map<std::string, json> a;
  std::map<std::string, json> b;
  FlattenInto(document, "", a);
  FlattenInto(registry, "", b);
  std::vector<Difference> out;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end()) {
      out.push_back({k, Show(v), "(absent)"});
    } else if (CanonicalJson(it->second) != CanonicalJson(v)) {
      out.push_back({k, Show(v), Show(it->second)});
    }
  }
  for (const auto& [k, v] : b) {
    if (a.find(k) == a.end()) out.push_back({k, "(absent)", Show(v)});
  }
  return out;
}

VerifyResult VerifyDocument(const SignedDocument& doc, const std::vector<PublicKeyInfo>& keys,
                            storage::CertificateRepository* registry) {
  VerifyResult r;
  r.payload = doc.payload;
  r.algorithm = AlgorithmCode(doc.algorithm);
  r.key_id = doc.key_id;
  const std::string serial = doc.payload.value("serial", "");
  r.serial = NormalizeSerial(serial).value_or(serial);
  if (!NormalizeSerial(serial)) {
    r.problems.push_back(Problem("bad_serial", "payload.serial", "证书编号格式或校验位错误",
                                 "the serial is malformed or its check character is wrong"));
  }
  CheckSignature(doc, keys, r);
  std::optional<storage::CertificateRow> row;
  if (registry != nullptr && !r.serial.empty()) row = registry->FindBySerial(r.serial);
  if (row) {
    r.issued_at = row->issued_at;
    r.revoked_at = row->revoked_at;
    r.revoke_reason = row->revoke_reason;
    if (auto stored = DocumentOf(*row); stored.ok()) {
      r.differences = DiffPayloads(doc.payload, stored.value().payload);
      if (!r.differences.empty() && r.problems.empty()) {
        r.problems.push_back(Problem("content_differs", "payload", "证书内容与登记库不一致",
                                     "the content differs from the registry's copy"));
      }
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

VerifyResult VerifySerial(std::string_view serial, const std::vector<PublicKeyInfo>& keys,
                          storage::CertificateRepository& registry) {
  VerifyResult r;
  auto normal = NormalizeSerial(serial);
  r.serial = normal.value_or(std::string(serial));
  auto row = normal ? registry.FindBySerial(*normal) : std::nullopt;
  if (!row) {
    r.status = VerifyStatus::kUnknown;
    return r;
  }
  auto doc = DocumentOf(*row);
  if (!doc.ok()) {
    r.status = VerifyStatus::kInvalid;
    r.problems.push_back(doc.error());
    return r;
  }
  return VerifyDocument(doc.value(), keys, &registry);
}

json VerifyResultJson(const VerifyResult& r) {
  json out = {{"status", VerifyStatusCode(r.status)},
              {"status_zh", VerifyStatusZh(r.status)},
              {"serial", r.serial}};
  if (!r.payload.is_null()) {
    out["certificate"] = r.payload;
    json lines = json::array();
    for (const auto& l : Describe(r.payload)) {
      lines.push_back({{"label_zh", l.label_zh}, {"label_en", l.label_en}, {"value", l.value}});
    }
    out["content"] = std::move(lines);
    out["algorithm"] = r.algorithm;
    out["key_id"] = r.key_id;
  }
  if (r.issued_at) out["issued_at"] = IsoTimestamp(*r.issued_at);
  if (r.revoked_at) {
    out["revoked_at"] = IsoTimestamp(*r.revoked_at);
    out["revoke_reason"] = r.revoke_reason;
  }
  json problems = json::array();
  for (const auto& p : r.problems) {
    problems.push_back({{"code", p.code}, {"field", p.field}, {"message_zh", p.message_zh},
                        {"message_en", p.message_en}});
  }
  out["problems"] = std::move(problems);
  json diffs = json::array();
  for (const auto& d : r.differences) {
    diffs.push_back({{"field", d.field}, {"document", d.document}, {"registry", d.registry}});
  }
  out["differences"] = std::move(diffs);
  return out;
}

}  // namespace jixu::certs
