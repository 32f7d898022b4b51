#include "core/storage/server_repos.hpp"

#include <array>

namespace jixu::storage {
namespace {

constexpr std::array<std::string_view, 7> kRoleCodes = {
    "person", "employer_admin", "provider_admin", "authority", "admin", "security_admin",
    "audit_admin"};
constexpr std::array<std::string_view, 5> kStageCodes = {"employer", "authority", "done",
                                                         "withdrawn", "resubmitted"};

}  // namespace

std::string_view RoleCode(Role r) { return kRoleCodes.at(static_cast<size_t>(r)); }

std::optional<Role> ParseRole(std::string_view text) {
  for (size_t i = 0; i < kRoleCodes.size(); ++i) {
    if (kRoleCodes[i] == text) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::string_view ReviewStageCode(ReviewStage s) { return kStageCodes.at(static_cast<size_t>(s)); }

std::optional<ReviewStage> ParseReviewStage(std::string_view text) {
  for (size_t i = 0; i < kStageCodes.size(); ++i) {
    if (kStageCodes[i] == text) return static_cast<ReviewStage>(i);
  }
  return std::nullopt;
}

}  // namespace jixu::storage
