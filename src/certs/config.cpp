#include "certs/config.hpp"

#include <cstdlib>

#include "core/common/error.hpp"

namespace jixu::certs {

CertConfig CertConfig::FromEnv() {
  CertConfig c;
  if (const char* v = std::getenv("JIXU_CERT_ISSUER"); v != nullptr && *v != '\0') {
    c.issuer_name = v;
  }
  if (const char* v = std::getenv("JIXU_CERT_VERIFY_URL"); v != nullptr && *v != '\0') {
    c.verify_url = v;
  }
  if (const char* v = std::getenv("JIXU_CERT_ALG"); v != nullptr && *v != '\0') {
    auto alg = ParseAlgorithm(v);
    if (!alg) throw Fault("invalid_config", std::string("JIXU_CERT_ALG: unknown algorithm ") + v);
    c.algorithm = *alg;
  }
  return c;
}

std::string CertConfig::VerifyUrl(const std::string& serial) const {
  constexpr std::string_view kPlaceholder = "{serial}";
  std::string url = verify_url;
  const auto pos = url.find(kPlaceholder);
  if (pos == std::string::npos) return url + serial;
  return url.replace(pos, kPlaceholder.size(), serial);
}

}  // namespace jixu::certs
