#pragma once
// Certificate settings, with their defaults (docs/certificates.md, "Configuration"). Read from
// the environment by FromEnv(); the CLI's options override single fields.
#include <string>

#include "certs/crypto.hpp"

namespace jixu::certs {

struct CertConfig {
  /// The issuing authority printed on certificates and named in credentials (JIXU_CERT_ISSUER).
  std::string issuer_name = "专业技术人员继续教育登记管理机构";
  /// Verification page; "{serial}" is replaced by the serial, else the serial is appended
  /// (JIXU_CERT_VERIFY_URL).
  std::string verify_url = "http://127.0.0.1:8080/#/verify/{serial}";
  /// Signs new certificates (JIXU_CERT_ALG: ed25519 | sm2).
  Algorithm algorithm = Algorithm::kEd25519;

  /// Throws Fault("invalid_config") for an unknown algorithm.
  static CertConfig FromEnv();
  std::string VerifyUrl(const std::string& serial) const;
};

}  // namespace jixu::certs
