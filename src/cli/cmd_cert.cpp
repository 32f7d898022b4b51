// `jixu cert …`: issue, revoke, verify and export signed certificates (docs/certificates.md).
#include <filesystem>
#include <fstream>

#include "app/compliance_service.hpp"
#include "certs/certificate_service.hpp"
#include "certs/pdf_certificate.hpp"
#include "certs/verifiable_credential.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"

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

certs::CertConfig ConfigFrom(const Args& args) {
  certs::CertConfig config = certs::CertConfig::FromEnv();
  if (auto issuer = args.Get("issuer")) config.issuer_name = *issuer;
  if (auto url = args.Get("verify-url")) config.verify_url = *url;
  if (auto alg = args.Get("alg")) {
    auto a = certs::ParseAlgorithm(*alg);
    if (!a) throw UsageError{"--alg must be ed25519 or sm2"};
    config.algorithm = *a;
  }
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

int Issue(const Env& env, const Argv& argv) {
  Args args(argv, {"person", "year", "out", "alg", "issuer", "verify-url"}, {});
  if (!args.Has("person") || !args.Has("year") || !args.Has("out")) {
    throw UsageError{"cert issue needs --person ID --year Y --out FILE.pdf"};
  }
  CertSession s(env, ConfigFrom(args));
  const int year = static_cast<int>(*args.GetInt("year", 1990, 2100));
  return Issued(env, s, s.service.IssueAnnual(*args.Get("person"), year), *args.Get("out"));
}

int IssueClass(const Env& env, const Argv& argv) {
  Args args(argv, {"person", "provider", "class", "from", "to", "hours", "out", "alg", "issuer",
                   "verify-url"},
            {});
  for (const char* o : {"person", "provider", "class", "from", "to", "hours", "out"}) {
    if (!args.Has(o)) {
      throw UsageError{"cert issue-class needs --person --provider --class --from --to --hours --out"};
    }
  }
  certs::ClassRequest req;
  req.id_number = *args.Get("person");
  req.provider_code = *args.Get("provider");
  req.title = *args.Get("class");
  auto from = Date::Parse(*args.Get("from"));
  auto to = Date::Parse(*args.Get("to"));
  auto hours = Hours::Parse(*args.Get("hours"));
  if (!from || !to) throw UsageError{"--from and --to must be dates (YYYY-MM-DD)"};
  if (!hours) throw UsageError{"--hours must be a decimal with at most two places"};
  req.from = *from;
  req.to = *to;
  req.hours = *hours;
  CertSession s(env, ConfigFrom(args));
  return Issued(env, s, s.service.IssueClass(req), *args.Get("out"));
}

int Revoke(const Env& env, const Argv& argv) {
  Args args(argv, {"reason"}, {});
  if (args.positional().size() != 1 || !args.Has("reason")) {
    throw UsageError{"cert revoke needs SERIAL --reason TEXT"};
  }
  CertSession s(env, certs::CertConfig::FromEnv());
  if (auto e = s.service.Revoke(args.positional()[0], *args.Get("reason"))) return Refused(env, *e);
  env.out << "证书已撤销 / certificate revoked: " << args.positional()[0] << '\n';
  return kExitOk;
}

int Export(const Env& env, const Argv& argv) {
  Args args(argv, {"format", "out", "verify-url", "issuer"}, {});
  if (args.positional().size() != 1 || !args.Has("out")) {
    throw UsageError{"cert export needs SERIAL --format vc|pdf --out FILE"};
  }
  const std::string format = args.GetOr("format", "vc");
  if (format != "vc" && format != "pdf") throw UsageError{"--format must be vc or pdf"};
  CertSession s(env, ConfigFrom(args));
  auto cert = s.service.Find(args.positional()[0]);
  if (!cert) {
    return Refused(env, MakeError("unknown_certificate", "serial", "无此证书", "no such certificate"));
  }
  if (format == "pdf") {
    WriteFile(*args.Get("out"), s.service.RenderPdf(*cert));
  } else {
    const auto key = s.keys.Active(certs::Algorithm::kEd25519);
    json vc = certs::SignCredential(certs::UnsignedCredential(cert->row, s.service.config()), key,
                                    env.clock->NowUnixSeconds());
    WriteFile(*args.Get("out"), vc.dump(2) + "\n");
  }
  env.out << *args.Get("out") << '\n';
  return kExitOk;
}

int Keys(const Env& env, const Argv& argv) {
  Args args(argv, {"out"}, {});
  CertSession s(env, certs::CertConfig::FromEnv());
  s.keys.Active(s.service.config().algorithm);  // a registry with no key yet gets one
  const std::string text =
      certs::PublicKeySetJson(s.keys.PublicKeys(), s.service.config().issuer_name).dump(2) + "\n";
  if (auto out = args.Get("out")) {
    WriteFile(*out, text);
  } else {
    env.out << text;
  }
  return kExitOk;
}

int RotateKey(const Env& env, const Argv& argv) {
  Args args(argv, {"alg"}, {});
  CertSession s(env, ConfigFrom(args));
  const auto info = s.keys.Rotate(s.service.config().algorithm);
  env.out << "新签名密钥 / new signing key: " << info.key_id
          << "（旧密钥已停用，旧证书仍可核验 / the old key is retired; old certificates still "
             "verify)\n";
  return kExitOk;
}

}  // namespace

int RunCertVerify(const Env& env, const Argv& argv);

int RunCert(const Env& env, const Argv& argv) {
  if (argv.empty()) {
    throw UsageError{"cert needs a subcommand: issue, issue-class, revoke, verify, export, keys, "
                     "rotate-key"};
  }
  const std::string sub = argv[0];
  const Argv rest(argv.begin() + 1, argv.end());
  if (sub == "issue") return Issue(env, rest);
  if (sub == "issue-class") return IssueClass(env, rest);
  if (sub == "revoke") return Revoke(env, rest);
  if (sub == "verify") return RunCertVerify(env, rest);
  if (sub == "export") return Export(env, rest);
  if (sub == "keys") return Keys(env, rest);
  if (sub == "rotate-key") return RotateKey(env, rest);
  throw UsageError{"unknown cert subcommand '" + sub + "'"};
}

}  // namespace jixu::cli
