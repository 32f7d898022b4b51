#pragma once
// What a certificate certifies, as JSON (docs/certificates.md, "Payload"). The payload is built
// here from the registry's facts, canonicalised (RFC 8785) and signed; the PDF, the verification
// answer and the credential export are all drawn from the signed payload, never from live data,
// so what a reader sees is exactly what was signed.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/date.hpp"
#include "core/compliance/engine.hpp"
#include "core/records/types.hpp"
#include "core/records/year_totals.hpp"

namespace jixu::certs {

inline constexpr std::string_view kKindAnnual = "annual_hours";         // 学时证明
inline constexpr std::string_view kKindClass = "class_completion";      // 结业证明
inline constexpr int kPayloadVersion = 1;

/// "110105********1234": region and last four kept, birth date hidden (SPEC §4).
std::string MaskIdNumber(std::string_view id_number);

struct Subject {
  std::string name;
  std::string id_number;  ///< full; only the masked form enters the payload
  std::string employer;   ///< employer's name, may be empty
};

struct ClassInfo {
  std::string provider_code;
  std::string provider_name;
  std::string title;
  records::Category category = records::Category::kProfessional;
  Date from;
  Date to;
  Hours hours;
};

nlohmann::json AnnualPayload(const std::string& serial, const std::string& issuer, Date issued_on,
                             const Subject& subject, const compliance::YearResult& result,
                             const records::YearTotals& totals);
nlohmann::json ClassPayload(const std::string& serial, const std::string& issuer, Date issued_on,
                            const Subject& subject, const ClassInfo& info);

/// One line of certified content for people: label in Chinese and English, and the value.
struct ContentLine {
  std::string label_zh;
  std::string label_en;
  std::string value;
};
/// The payload's content in reading order (for the CLI and the verification page). Unknown
/// fields are shown under their JSON names, so nothing signed is hidden.
std::vector<ContentLine> Describe(const nlohmann::json& payload);

/// Hours in a payload: JSON numbers with at most two decimals ("72", "1.5").
nlohmann::json HoursJson(Hours h);
std::string HoursText(const nlohmann::json& value);

}  // namespace jixu::certs
