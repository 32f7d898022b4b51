#pragma once
// The provider lifecycle (施教机构审批, seed Art. 14) as pure functions: where a provider stands,
// which step an authority or the provider may take next, and whether it may run classes and
// report hours on a given day. No I/O and no clock: "today" is an argument.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/date.hpp"
#include "core/common/error.hpp"

namespace jixu::market {

/// Stored as the numeric value (append only).
enum class ProviderStatus : uint8_t {
  kPending = 0,   ///< applied (or registered by an authority), awaiting review
  kReturned,      ///< returned for changes; the provider revises and applies again
  kRejected,      ///< not approved; it may apply again
  kApproved,      ///< operating
  kSuspended,     ///< 暂停: no new classes or hours from `from` (until `until`, if set)
  kRevoked,       ///< 撤销: no new classes or hours from `from`; it may apply again
};
inline constexpr int kProviderStatusCount = 6;
std::string_view ProviderStatusCode(ProviderStatus s);
std::string_view ProviderStatusZh(ProviderStatus s);
std::optional<ProviderStatus> ParseProviderStatus(std::string_view code);

/// What someone does to a provider's standing.
enum class ProviderAction : uint8_t {
  kApply = 0,  ///< the provider submits (or resubmits) its application
  kApprove,
  kReturn,     ///< return the application for changes
  kReject,
  kSuspend,
  kReinstate,  ///< end a suspension early
  kRevoke,
};
std::string_view ProviderActionCode(ProviderAction a);
std::optional<ProviderAction> ParseProviderAction(std::string_view code);

/// A provider's standing as stored: the status last set, its reason and (for a suspension or
/// revocation) the dates it runs. `until` empty: indefinite.
struct ProviderStanding {
  ProviderStatus status = ProviderStatus::kPending;
  std::string reason;
  std::optional<Date> from;
  std::optional<Date> until;
};

/// The status in force on `today`: a suspension or revocation dated later has not begun (the
/// provider is still approved), and a suspension whose `until` has passed has ended.
ProviderStatus EffectiveStatus(const ProviderStanding& s, Date today);

/// Whether `action` may be taken from `current` (the effective status); an Error (code
/// "invalid_transition", field "status") naming both in Chinese and English if not.
std::optional<Error> CheckTransition(ProviderStatus current, ProviderAction action);

/// The status an action leads to.
ProviderStatus StatusAfter(ProviderAction action);

/// What a provider is trying to do, for the refusal's wording.
enum class ProviderActivity : uint8_t { kOpenClass = 0, kEnrol, kReportHours, kIssueCertificate };

/// Nothing if a provider in this standing may do `activity` on `today`; otherwise the refusal
/// (code "provider_<status>", field "provider"), naming the status and its dates in Chinese and
/// English. Only an approved provider operates.
std::optional<Error> CheckMayOperate(const ProviderStanding& s, Date today, ProviderActivity activity);

}  // namespace jixu::market
