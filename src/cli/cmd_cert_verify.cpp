// `jixu cert verify FILE|SERIAL`: a certificate PDF, an exported credential or a bare envelope,
// checked offline against the embedded payload and signature and the published keys (from
// --keys, else the database's key set); with a database (and without --offline), also against
// the registry: revoked, unknown, and field by field what differs from its signed copy.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "certs/config.hpp"
#include "certs/payload.hpp"
#include "certs/pdf_certificate.hpp"
#include "certs/verifiable_credential.hpp"
#include "certs/verifier.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {
namespace {

using nlohmann::json;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Fault("file_unreadable", "cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int ExitFor(certs::VerifyStatus s) {
  switch (s) {
    case certs::VerifyStatus::kValid: return kExitOk;
    case certs::VerifyStatus::kUnknown: return kExitNotFound;
    case certs::VerifyStatus::kRevoked: return kExitCertRevoked;
    case certs::VerifyStatus::kInvalid: return kExitCertInvalid;
  }
  return kExitFault;
}

void PrintText(const Env& env, const certs::VerifyResult& r, const json& credential) {
  std::ostream& out = r.status == certs::VerifyStatus::kValid ? env.out : env.err;
  out << "证书" << certs::VerifyStatusZh(r.status) << " / " << certs::VerifyStatusCode(r.status)
      << ": " << r.serial << '\n';
  if (r.revoked_at) out << "  撤销理由 reason: " << r.revoke_reason << '\n';
  for (const auto& p : r.problems) {
    out << "  ✗ " << p.field << ": " << p.message_zh << " / " << p.message_en << '\n';
  }
  if (!r.differences.empty()) {
    out << "  与登记库不一致的字段 / fields that differ from the registry:\n";
    for (const auto& d : r.differences) {
      out << "    " << d.field << ": 文件 document = " << d.document
          << ", 登记库 registry = " << d.registry << '\n';
    }
  }
  if (!r.payload.is_null()) {
    out << "  证书内容 / certified content" << (r.status == certs::VerifyStatus::kValid ? "" : "（文件所载 / as the file states）")
        << ":\n";
    for (const auto& l : certs::Describe(r.payload)) {
      out << "    " << l.label_zh << " " << l.label_en << ": " << l.value << '\n';
    }
  } else if (!credential.is_null()) {
    const json& a = credential["credentialSubject"]["achievement"];
    out << "  凭证 credential: " << credential.value("name", "") << "\n    学时 creditsAvailable: "
        << certs::HoursText(a.value("creditsAvailable", json())) << "\n    发证机构 issuer: "
        << credential["issuer"].value("name", "") << "\n    validFrom: "
        << credential.value("validFrom", "") << '\n';
  }
  out << "  签名 signature: " << r.algorithm << ", " << r.key_id << '\n';
}

struct VerifyArgs {
  std::string target;
  std::optional<std::string> keys;
  std::string format = "text";
  bool offline = false;
};

std::optional<std::vector<certs::PublicKeyInfo>> KeysFrom(const Env& env, const VerifyArgs& args,
                                                         storage::Store* store) {
  if (auto path = args.keys) {
    json doc = json::parse(Slurp(*path), nullptr, false);
    if (doc.is_discarded()) {
      throw InvalidInput({MakeError("invalid_key_set", "keys", "公钥集文件不是有效的JSON",
                                    "the key set file is not valid JSON")});
    }
    return certs::ParsePublicKeySet(doc);
  }
  if (store == nullptr) return std::nullopt;
  certs::KeyRing ring(*store, env.clock, std::nullopt);
  return ring.PublicKeys();
}

/// The database, when there is one to consult (a missing SQLite file is not created).
storage::StorePtr MaybeStore(const Env& env, bool needed) {
  if (env.store.database_url.empty() && !std::filesystem::exists(env.store.sqlite_path)) {
    if (needed) {
      throw InvalidInput({MakeError("no_registry", "db", "找不到数据库；离线核验请用 --keys 指定公钥集",
                                    "no database found; to verify offline pass --keys jixu-keys.json")});
    }
    return nullptr;
  }
  return storage::OpenStore(env.store);
}

int RunCertVerify(const Env& env, const VerifyArgs& args) {
  const std::string& target = args.target;
  const bool as_json = args.format == "json";
  const bool is_file = std::filesystem::is_regular_file(target);
  const bool offline = args.offline;
  auto store = offline ? nullptr : MaybeStore(env, !is_file || !args.keys);
  if (offline && !args.keys) throw UsageError{"--offline needs --keys jixu-keys.json"};
  const auto keys = KeysFrom(env, args, store.get());
  storage::CertificateRepository* registry = store ? &store->certificates() : nullptr;
  certs::VerifyResult result;
  json credential;
  if (!is_file) {
    if (registry == nullptr) throw UsageError{"verifying by serial needs the database"};
    result = certs::VerifySerial(target, *keys, *registry);
  } else {
    const std::string bytes = Slurp(target);
    json doc;
    if (bytes.rfind("%PDF", 0) == 0) {
      auto env_json = certs::ExtractPdfEnvelope(bytes);
      if (!env_json.ok()) throw InvalidInput({env_json.error()});
      doc = env_json.value();
    } else {
      doc = json::parse(bytes, nullptr, false);
      if (doc.is_discarded()) {
        throw InvalidInput({MakeError("unrecognised_file", "file", "文件既不是证书PDF也不是JSON",
                                      "the file is neither a certificate PDF nor JSON")});
      }
    }
    if (certs::IsCredential(doc)) {
      credential = doc;
      result = certs::VerifyCredential(doc, *keys, registry, certs::CertConfig::FromEnv());
    } else {
      auto signed_doc = certs::ParseEnvelope(doc);
      if (!signed_doc.ok()) throw InvalidInput({signed_doc.error()});
      result = certs::VerifyDocument(signed_doc.value(), *keys, registry);
    }
  }
  if (as_json) {
    env.out << certs::VerifyResultJson(result).dump(2) << '\n';
  } else {
    PrintText(env, result, credential);
  }
  return ExitFor(result.status);
}

}  // namespace

void AddCertVerify(CommandSet& set, CLI::App& cert) {
  auto a = std::make_shared<VerifyArgs>();
  CLI::App* c = cert.add_subcommand(
      "verify", "核验 / check a certificate PDF, a credential or a serial (exit 0 valid, 4 unknown, "
                "6 invalid, 7 revoked)");
  c->add_option("TARGET", a->target, "a certificate PDF, an exported credential (JSON) or a serial")
      ->required();
  c->add_option("--keys", a->keys, "trust this published key set (jixu-keys.json)");
  c->add_flag("--offline", a->offline, "do not consult the database (needs --keys)");
  c->add_option("--format", a->format, "text or json")
      ->check(OneOf({"text", "json"}))
      ->capture_default_str();
  set.Add(c, [a](const Env& env) { return RunCertVerify(env, *a); });
}

}  // namespace jixu::cli
