// Contract: the accounts' credentials of issue 15 (migration 14) on every backend: the TOTP
// secret and its last accepted step, recovery codes used once, the password history, demo
// accounts, a session's device and missing step, unlocks, settings replaced.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class CredentialsContract : public StoreContract {
 protected:
  int64_t NewUser(const std::string& name, bool demo = false) {
    User u;
    u.username = name;
    u.password_hash = "hash-" + name;
    u.role = Role::kSecurityAdmin;
    u.created_at = 1000;
    u.demo = demo;
    return *store().users().Create(u);
  }
};
JIXU_INSTANTIATE_FOR_BACKENDS(CredentialsContract);

TEST_P(CredentialsContract, NewRolesDemoFlagAndPasswordDateRoundTrip) {
  const int64_t id = NewUser("sec", true);
  User u = *store().users().FindById(id);
  EXPECT_EQ(u.role, Role::kSecurityAdmin);
  EXPECT_TRUE(u.demo);
  EXPECT_EQ(u.password_changed_at, 1000) << "a new account's password dates from its creation";
  u.password_changed_at = 5000;
  u.role = Role::kAuditAdmin;
  ASSERT_TRUE(store().users().Update(u));
  EXPECT_EQ(store().users().FindById(id)->password_changed_at, 5000);
  EXPECT_EQ(store().users().FindById(id)->role, Role::kAuditAdmin);
}

TEST_P(CredentialsContract, ATotpStepIsAcceptedOnceAndOnlyForward) {
  const int64_t id = NewUser("totp");
  EXPECT_TRUE(store().users().Totp(id).secret.empty());
  store().users().SetTotp(id, "JBSWY3DPEHPK3PXP", false);
  EXPECT_FALSE(store().users().FindById(id)->totp_enabled) << "not before confirmation";
  store().users().SetTotp(id, "JBSWY3DPEHPK3PXP", true);
  EXPECT_TRUE(store().users().FindById(id)->totp_enabled);
  EXPECT_TRUE(store().users().UseTotpStep(id, 100));
  EXPECT_FALSE(store().users().UseTotpStep(id, 100)) << "the same step twice";
  EXPECT_FALSE(store().users().UseTotpStep(id, 99)) << "an older step";
  EXPECT_TRUE(store().users().UseTotpStep(id, 101));
  EXPECT_EQ(store().users().Totp(id).last_step, 101);
  store().users().SetTotp(id, "", false);
  EXPECT_EQ(store().users().Totp(id).secret, "");
  EXPECT_FALSE(store().users().FindById(id)->totp_enabled);
}

TEST_P(CredentialsContract, RecoveryCodesAreUsedOnceAndReplacedTogether) {
  const int64_t id = NewUser("rec"), other = NewUser("rec2");
  store().users().ReplaceRecoveryCodes(id, {"h1", "h2", "h3"});
  store().users().ReplaceRecoveryCodes(other, {"h1"});
  EXPECT_EQ(store().users().UnusedRecoveryCodes(id), 3);
  EXPECT_TRUE(store().users().UseRecoveryCode(id, "h2", 50));
  EXPECT_FALSE(store().users().UseRecoveryCode(id, "h2", 51)) << "once";
  EXPECT_FALSE(store().users().UseRecoveryCode(id, "h9", 51));
  EXPECT_EQ(store().users().UnusedRecoveryCodes(id), 2);
  EXPECT_EQ(store().users().UnusedRecoveryCodes(other), 1) << "another user's codes are theirs";
  store().users().ReplaceRecoveryCodes(id, {});
  EXPECT_EQ(store().users().UnusedRecoveryCodes(id), 0);
  EXPECT_FALSE(store().users().UseRecoveryCode(id, "h1", 52));
}

TEST_P(CredentialsContract, PasswordHistoryKeepsTheNewestOnly) {
  const int64_t id = NewUser("hist");
  for (int i = 1; i <= 6; ++i) {
    store().users().AddPasswordHistory(id, "old-" + std::to_string(i), 100 + i, 4);
  }
  EXPECT_EQ(store().users().PasswordHistory(id, 10),
            (std::vector<std::string>{"old-6", "old-5", "old-4", "old-3"}));
  EXPECT_EQ(store().users().PasswordHistory(id, 2), (std::vector<std::string>{"old-6", "old-5"}));
}

TEST_P(CredentialsContract, SessionsKeepTheirDeviceAndMissingStep) {
  const int64_t id = NewUser("sess");
  Session s{"t1", id, 100, 100, 1000};
  s.user_agent = "Mozilla/5.0 测试";
  s.address = "10.0.0.7";
  s.pending = "totp";
  store().sessions().Create(s);
  store().sessions().Create({"t2", id, 200, 200, 1000});
  auto back = store().sessions().Find("t1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->user_agent, "Mozilla/5.0 测试");
  EXPECT_EQ(back->address, "10.0.0.7");
  EXPECT_EQ(back->pending, "totp");
  store().sessions().SetPending("t1", "");
  EXPECT_EQ(store().sessions().Find("t1")->pending, "");
  const auto list = store().sessions().ListForUser(id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].token_hash, "t2") << "newest first";
}

TEST_P(CredentialsContract, UnlockEndsALockAndSettingsAreReplaced) {
  const int64_t id = NewUser("locked");
  store().users().RecordFailedLogin(id, 100, 1, 600);
  EXPECT_EQ(store().users().FindById(id)->locked_until, 700);
  store().users().Unlock(id);
  EXPECT_EQ(store().users().FindById(id)->locked_until, 0);
  store().settings().Put("k", "one");
  store().settings().Put("k", "two");
  EXPECT_EQ(store().settings().Get("k"), "two");
}

}  // namespace
}  // namespace jixu::storage::testing
