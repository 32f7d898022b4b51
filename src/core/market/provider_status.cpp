#include "core/market/provider_status.hpp"

#include <array>

namespace jixu::market {
namespace {

constexpr std::array<std::string_view, kProviderStatusCount> kStatusCodes = {
    "pending", "returned", "rejected", "approved", "suspended", "revoked"};
constexpr std::array<std::string_view, kProviderStatusCount> kStatusZh = {
    "待审核", "退回修改", "不予批准", "已批准", "暂停", "撤销"};
constexpr std::array<std::string_view, 7> kActionCodes = {
    "apply", "approve", "return", "reject", "suspend", "reinstate", "revoke"};
constexpr std::array<std::string_view, 7> kActionZh = {
    "提交申请", "批准", "退回修改", "不予批准", "暂停", "恢复", "撤销"};

template <typename E, size_t N>
std::optional<E> ParseCode(const std::array<std::string_view, N>& codes, std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (codes[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

bool Allowed(ProviderStatus from, ProviderAction a) {
  using S = ProviderStatus;
  switch (a) {
    // A first application (pending, registered by an authority) or a re-application.
    case ProviderAction::kApply:
      return from == S::kPending || from == S::kReturned || from == S::kRejected || from == S::kRevoked;
    case ProviderAction::kApprove:
    case ProviderAction::kReturn:
    case ProviderAction::kReject:
      return from == S::kPending;
    case ProviderAction::kSuspend:
      return from == S::kApproved;
    case ProviderAction::kReinstate:
      return from == S::kSuspended;
    case ProviderAction::kRevoke:
      return from == S::kApproved || from == S::kSuspended;
  }
  return false;
}

std::string Period(const ProviderStanding& s) {
  std::string out;
  if (s.from) out += s.from->ToString();
  if (s.until) out += " – " + s.until->ToString();
  return out;
}

}  // namespace

std::string_view ProviderStatusCode(ProviderStatus s) { return kStatusCodes.at(static_cast<size_t>(s)); }
std::string_view ProviderStatusZh(ProviderStatus s) { return kStatusZh.at(static_cast<size_t>(s)); }
std::optional<ProviderStatus> ParseProviderStatus(std::string_view code) {
  return ParseCode<ProviderStatus>(kStatusCodes, code);
}
std::string_view ProviderActionCode(ProviderAction a) { return kActionCodes.at(static_cast<size_t>(a)); }
std::optional<ProviderAction> ParseProviderAction(std::string_view code) {
  return ParseCode<ProviderAction>(kActionCodes, code);
}

ProviderStatus EffectiveStatus(const ProviderStanding& s, Date today) {
  const bool dated = s.status == ProviderStatus::kSuspended || s.status == ProviderStatus::kRevoked;
  if (!dated) return s.status;
  if (s.from && today < *s.from) return ProviderStatus::kApproved;
  if (s.status == ProviderStatus::kSuspended && s.until && today > *s.until) {
    return ProviderStatus::kApproved;
  }
  return s.status;
}

std::optional<Error> CheckTransition(ProviderStatus current, ProviderAction action) {
  if (Allowed(current, action)) return std::nullopt;
  const auto a = static_cast<size_t>(action);
  return MakeError("invalid_transition", "status",
                   "机构当前状态为“" + std::string(ProviderStatusZh(current)) + "”，不能" +
                       std::string(kActionZh.at(a)),
                   "the provider is " + std::string(ProviderStatusCode(current)) + "; it cannot " +
                       std::string(kActionCodes.at(a)) + " now");
}

ProviderStatus StatusAfter(ProviderAction action) {
  switch (action) {
    case ProviderAction::kApply: return ProviderStatus::kPending;
    case ProviderAction::kApprove: return ProviderStatus::kApproved;
    case ProviderAction::kReturn: return ProviderStatus::kReturned;
    case ProviderAction::kReject: return ProviderStatus::kRejected;
    case ProviderAction::kSuspend: return ProviderStatus::kSuspended;
    case ProviderAction::kReinstate: return ProviderStatus::kApproved;
    case ProviderAction::kRevoke: return ProviderStatus::kRevoked;
  }
  return ProviderStatus::kPending;
}

std::optional<Error> CheckMayOperate(const ProviderStanding& s, Date today, ProviderActivity activity) {
  const ProviderStatus now = EffectiveStatus(s, today);
  if (now == ProviderStatus::kApproved) return std::nullopt;
  static constexpr std::array<std::string_view, 4> kWhatZh = {"开设班级", "报名学员", "上报学时", "签发结业证书"};
  static constexpr std::array<std::string_view, 4> kWhatEn = {"open classes", "enrol persons",
                                                              "report hours", "issue certificates"};
  const auto w = static_cast<size_t>(activity);
  std::string zh = "本机构状态为“" + std::string(ProviderStatusZh(now)) + "”";
  std::string en = "this provider is " + std::string(ProviderStatusCode(now));
  const std::string period = Period(s);
  if (!period.empty() && (now == ProviderStatus::kSuspended || now == ProviderStatus::kRevoked)) {
    zh += "（" + period + "）";
    en += " (" + period + ")";
  }
  if (!s.reason.empty()) {
    zh += "，原因：" + s.reason;
    en += ", reason: " + s.reason;
  }
  zh += "，不能" + std::string(kWhatZh.at(w));
  en += " and may not " + std::string(kWhatEn.at(w));
  return MakeError("provider_" + std::string(ProviderStatusCode(now)), "provider", zh, en);
}

}  // namespace jixu::market
