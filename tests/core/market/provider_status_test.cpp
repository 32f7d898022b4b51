// The provider lifecycle's pure rules: which step may follow which, the status in force on a
// date, and the refusal's wording.
#include <gtest/gtest.h>

#include "core/market/provider_status.hpp"

namespace jixu::market {
namespace {

Date D(int ymd) { return *Date::FromYmdInt(ymd); }

TEST(ProviderStatus, CodesRoundTrip) {
  for (int i = 0; i < kProviderStatusCount; ++i) {
    const auto s = static_cast<ProviderStatus>(i);
    EXPECT_EQ(ParseProviderStatus(ProviderStatusCode(s)), s);
  }
  EXPECT_FALSE(ParseProviderStatus("operating"));
  EXPECT_EQ(ParseProviderAction("revoke"), ProviderAction::kRevoke);
  EXPECT_FALSE(ParseProviderAction("delete"));
}

TEST(ProviderStatus, TransitionsFollowTheLifecycle) {
  using S = ProviderStatus;
  using A = ProviderAction;
  EXPECT_FALSE(CheckTransition(S::kPending, A::kApprove));
  EXPECT_FALSE(CheckTransition(S::kPending, A::kReturn));
  EXPECT_FALSE(CheckTransition(S::kPending, A::kReject));
  EXPECT_FALSE(CheckTransition(S::kReturned, A::kApply)) << "re-application after changes";
  EXPECT_FALSE(CheckTransition(S::kRejected, A::kApply));
  EXPECT_FALSE(CheckTransition(S::kRevoked, A::kApply));
  EXPECT_FALSE(CheckTransition(S::kApproved, A::kSuspend));
  EXPECT_FALSE(CheckTransition(S::kSuspended, A::kReinstate));
  EXPECT_FALSE(CheckTransition(S::kSuspended, A::kRevoke));
  // Refused: deciding what is not pending, suspending what is not approved, applying while approved.
  EXPECT_TRUE(CheckTransition(S::kApproved, A::kApprove));
  EXPECT_TRUE(CheckTransition(S::kReturned, A::kApprove));
  EXPECT_TRUE(CheckTransition(S::kPending, A::kSuspend));
  EXPECT_TRUE(CheckTransition(S::kRevoked, A::kReinstate));
  EXPECT_TRUE(CheckTransition(S::kApproved, A::kApply));
  auto e = CheckTransition(S::kRevoked, A::kSuspend);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "invalid_transition");
  EXPECT_NE(e->message_zh.find("撤销"), std::string::npos) << e->message_zh;
  EXPECT_NE(e->message_en.find("revoked"), std::string::npos) << e->message_en;
}

TEST(ProviderStatus, DatedSuspensionRunsFromItsStartToItsEnd) {
  ProviderStanding s{ProviderStatus::kSuspended, "虚报学时", D(20260601), D(20260630)};
  EXPECT_EQ(EffectiveStatus(s, D(20260531)), ProviderStatus::kApproved) << "not begun";
  EXPECT_EQ(EffectiveStatus(s, D(20260601)), ProviderStatus::kSuspended);
  EXPECT_EQ(EffectiveStatus(s, D(20260630)), ProviderStatus::kSuspended) << "until is inclusive";
  EXPECT_EQ(EffectiveStatus(s, D(20260701)), ProviderStatus::kApproved) << "ended";
  s.until.reset();
  EXPECT_EQ(EffectiveStatus(s, D(20300101)), ProviderStatus::kSuspended) << "indefinite";
  ProviderStanding r{ProviderStatus::kRevoked, "x", D(20260601), {}};
  EXPECT_EQ(EffectiveStatus(r, D(20260531)), ProviderStatus::kApproved);
  EXPECT_EQ(EffectiveStatus(r, D(20991231)), ProviderStatus::kRevoked);
}

TEST(ProviderStatus, OnlyAnApprovedProviderOperates) {
  const Date today = D(20260615);
  EXPECT_FALSE(CheckMayOperate({ProviderStatus::kApproved, "", {}, {}}, today, ProviderActivity::kReportHours));
  for (auto s : {ProviderStatus::kPending, ProviderStatus::kReturned, ProviderStatus::kRejected}) {
    auto e = CheckMayOperate({s, "", {}, {}}, today, ProviderActivity::kOpenClass);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, "provider_" + std::string(ProviderStatusCode(s)));
    EXPECT_EQ(e->field, "provider");
  }
  auto e = CheckMayOperate({ProviderStatus::kSuspended, "虚报学时", D(20260601), D(20260630)}, today,
                           ProviderActivity::kReportHours);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "provider_suspended");
  EXPECT_EQ(e->message_zh, "本机构状态为“暂停”（2026-06-01 – 2026-06-30），原因：虚报学时，不能上报学时");
  EXPECT_EQ(e->message_en,
            "this provider is suspended (2026-06-01 – 2026-06-30), reason: 虚报学时 and may not report hours");
  EXPECT_FALSE(CheckMayOperate({ProviderStatus::kSuspended, "x", D(20260701), {}}, today,
                               ProviderActivity::kReportHours))
      << "a suspension dated later has not begun";
}

}  // namespace
}  // namespace jixu::market
