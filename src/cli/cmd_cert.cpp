// `jixu cert …`: issue, revoke, verify and export signed certificates (docs/certificates.md).
#include <filesystem>
#include <fstream>

#include "app/compliance_service.hpp"
#include "certs/certificate_service.hpp"
#include "certs/pdf_certificate.hpp"
#include "certs/verifiable_credential.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace jixu::cli {
namespace {

using nlohmann::json;

/// Everything a certificate command needs, opened once.
struct CertSession {
  CertSession(const Env& env, certs::CertConfig config)
      : store(storage::OpenStore(env.store)),
        compliance(*store, env.data().policies, env.clock),
        keys(*store, env.clock, certs::KeyEncryptionKeyFromEnv()),
        service(*store, compliance, keys, std::move(config), env.clock) {}
  storage::StorePtr store;
  app::ComplianceService compliance;
  certs::KeyRing keys;
  certs::CertificateService service;
};

/// The options that change how certificates are signed and what they say.
struct SigningArgs {
  std::optional<std::string> alg, issuer, verify_url;
};

/// --alg when the command signs; --issuer and --verify-url when it writes a certificate's content.
void AddSigningOptions(CLI::App* c, SigningArgs& a, bool alg, bool content) {
  if (alg) {
    // Every spelling certs::ParseAlgorithm knows (sm2-sm3, Ed25519 …), as before CLI11.
    const CLI::Validator algorithm(
        [](std::string& v) -> std::string {
          return certs::ParseAlgorithm(v) ? "" : "must be ed25519|sm2, not '" + v + "'";
        },
        "ed25519|sm2");
    c->add_option("--alg", a.alg, "signature algorithm (default: env JIXU_CERT_ALG, else ed25519)")
        ->check(algorithm);
  }
  if (!content) return;
  c->add_option("--issuer", a.issuer, "issuer name printed and signed (env JIXU_CERT_ISSUER)");
  c->add_option("--verify-url", a.verify_url, "verification URL base (env JIXU_CERT_VERIFY_URL)");
}

certs::CertConfig ConfigFrom(const SigningArgs& args) {
  certs::CertConfig config = certs::CertConfig::FromEnv();
  if (args.issuer) config.issuer_name = *args.issuer;
  if (args.verify_url) config.verify_url = *args.verify_url;
  if (args.alg) config.algorithm = *certs::ParseAlgorithm(*args.alg);  // checked when parsed
  return config;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw Fault("file_unwritable", "cannot write " + path);
}

int Refused(const Env& env, const Error& e) {
  PrintErrors(env.err, {e});
  if (e.code == "unknown_person" || e.code == "unknown_provider" ||
      e.code == "unknown_certificate") {
    return kExitNotFound;
  }
  return kExitInvalidInput;
}

int Issued(const Env& env, CertSession& s, const Result<certs::IssuedCertificate>& r,
           const std::string& out) {
  if (!r.ok()) return Refused(env, r.error());
  WriteFile(out, s.service.RenderPdf(r.value()));
  env.out << r.value().row.serial << '\n';
  env.err << "证书已签发 / certificate issued: " << out << " (" << r.value().row.algorithm
          << ", " << r.value().row.key_id << ")\n";
  return kExitOk;
}

struct IssueArgs {
  std::string person;
  int64_t year = 0;
  std::string out;
  SigningArgs signing;
};

int Issue(const Env& env, const IssueArgs& args) {
  CertSession s(env, ConfigFrom(args.signing));
  return Issued(env, s, s.service.IssueAnnual(args.person, static_cast<int>(args.year)), args.out);
}

struct IssueClassArgs {
  std::string person, provider, title, from, to, hours, out;
  SigningArgs signing;
};

int IssueClass(const Env& env, const IssueClassArgs& args) {
  certs::ClassRequest req;
  req.id_number = args.person;
  req.provider_code = args.provider;
  req.title = args.title;
  auto from = Date::Parse(args.from);
  auto to = Date::Parse(args.to);
  auto hours = Hours::Parse(args.hours);
  if (!from || !to) throw UsageError{"--from and --to must be dates (YYYY-MM-DD)"};
  if (!hours) throw UsageError{"--hours must be a decimal with at most two places"};
  req.from = *from;
  req.to = *to;
  req.hours = *hours;
  CertSession s(env, ConfigFrom(args.signing));
  return Issued(env, s, s.service.IssueClass(req), args.out);
}

int Revoke(const Env& env, const std::string& serial, const std::string& reason) {
  CertSession s(env, certs::CertConfig::FromEnv());
  if (auto e = s.service.Revoke(serial, reason)) return Refused(env, *e);
  env.out << "证书已撤销 / certificate revoked: " << serial << '\n';
  return kExitOk;
}

struct ExportArgs {
  std::string serial;
  std::string format = "vc";
  std::string out;
  SigningArgs signing;
};

int Export(const Env& env, const ExportArgs& args) {
  CertSession s(env, ConfigFrom(args.signing));
  auto cert = s.service.Find(args.serial);
  if (!cert) {
    return Refused(env, MakeError("unknown_certificate", "serial", "无此证书", "no such certificate"));
  }
  if (args.format == "pdf") {
    WriteFile(args.out, s.service.RenderPdf(*cert));
  } else {
    const auto key = s.keys.Active(certs::Algorithm::kEd25519);
    json vc = certs::SignCredential(certs::UnsignedCredential(cert->row, s.service.config()), key,
                                    env.clock->NowUnixSeconds());
    WriteFile(args.out, vc.dump(2) + "\n");
  }
  env.out << args.out << '\n';
  return kExitOk;
}

int Keys(const Env& env, const std::optional<std::string>& out) {
  CertSession s(env, certs::CertConfig::FromEnv());
  s.keys.Active(s.service.config().algorithm);  // a registry with no key yet gets one
  const std::string text =
      certs::PublicKeySetJson(s.keys.PublicKeys(), s.service.config().issuer_name).dump(2) + "\n";
  if (out) {
    WriteFile(*out, text);
  } else {
    env.out << text;
  }
  return kExitOk;
}

int RotateKey(const Env& env, const SigningArgs& args) {
  CertSession s(env, ConfigFrom(args));
  const auto info = s.keys.Rotate(s.service.config().algorithm);
  env.out << "新签名密钥 / new signing key: " << info.key_id
          << "（旧密钥已停用，旧证书仍可核验 / the old key is retired; old certificates still "
             "verify)\n";
  return kExitOk;
}

}  // namespace

void AddCert(CommandSet& set) {
  CLI::App* cert = set.root().add_subcommand(
      "cert", "证书 / signed certificates: issue, verify, revoke, export (docs/certificates.md)");

  auto issue = std::make_shared<IssueArgs>();
  CLI::App* c = cert->add_subcommand(
      "issue", "签发学时证明 / the signed annual hours certificate (prints the serial)");
  c->add_option("--person", issue->person, "the person's ID number")->required();
  c->add_option("--year", issue->year, "the year certified")->required()->check(WholeNumber(1990, 2100));
  c->add_option("--out", issue->out, "the PDF to write")->required();
  AddSigningOptions(c, issue->signing, true, true);
  set.Add(c, [issue](const Env& env) { return Issue(env, *issue); });

  auto cls = std::make_shared<IssueClassArgs>();
  c = cert->add_subcommand("issue-class", "签发结业证明 / a signed class-completion certificate");
  c->add_option("--person", cls->person, "the person's ID number")->required();
  c->add_option("--provider", cls->provider, "the provider's code")->required();
  c->add_option("--class", cls->title, "the class's title")->required();
  c->add_option("--from", cls->from, "first day (YYYY-MM-DD)")->required();
  c->add_option("--to", cls->to, "last day (YYYY-MM-DD)")->required();
  c->add_option("--hours", cls->hours, "hours the provider reported (at most two decimals)")->required();
  c->add_option("--out", cls->out, "the PDF to write")->required();
  AddSigningOptions(c, cls->signing, true, true);
  set.Add(c, [cls](const Env& env) { return IssueClass(env, *cls); });

  AddCertVerify(set, *cert);

  auto revoke = std::make_shared<std::pair<std::string, std::string>>();
  c = cert->add_subcommand("revoke", "撤销 / revoke a certificate, with the reason");
  c->add_option("SERIAL", revoke->first, "the certificate's serial")->required();
  c->add_option("--reason", revoke->second, "why (kept and shown on verification)")->required();
  set.Add(c, [revoke](const Env& env) { return Revoke(env, revoke->first, revoke->second); });

  auto exp = std::make_shared<ExportArgs>();
  c = cert->add_subcommand(
      "export", "导出 / an Open Badges 3.0 credential (signed) or the PDF again");
  c->add_option("SERIAL", exp->serial, "the certificate's serial")->required();
  c->add_option("--format", exp->format, "vc: the credential; pdf: the PDF")
      ->check(OneOf({"vc", "pdf"}))
      ->capture_default_str();
  c->add_option("--out", exp->out, "the file to write")->required();
  AddSigningOptions(c, exp->signing, false, true);  // a credential is always Ed25519
  set.Add(c, [exp](const Env& env) { return Export(env, *exp); });

  auto keys_out = std::make_shared<std::optional<std::string>>();
  c = cert->add_subcommand("keys", "公钥集 / the published key set (jixu-keys.json)");
  c->add_option("--out", *keys_out, "write it here instead of stdout");
  set.Add(c, [keys_out](const Env& env) { return Keys(env, *keys_out); });

  auto rotate = std::make_shared<SigningArgs>();
  c = cert->add_subcommand(
      "rotate-key", "换密钥 / a new signing key; old certificates still verify");
  AddSigningOptions(c, *rotate, true, false);
  set.Add(c, [rotate](const Env& env) { return RotateKey(env, *rotate); });
  cert->require_subcommand(0, 1);  // one subcommand; a missing one is named by Main
}

}  // namespace jixu::cli
