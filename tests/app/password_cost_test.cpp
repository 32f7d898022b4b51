// One Argon2 cost for every account (issue 9): demo accounts are hashed at the cost the server
// verifies its dummy hash with, so a wrong password for a demo account and an unknown username
// cost the same; a hash of any other cost is recognised for rehashing.
#include "app/crypto.hpp"
#include "app/demo_users.hpp"
#include "app/import_fixture.hpp"

namespace jixu::app {
namespace {

class PasswordCostTest : public ImportTest {};
JIXU_INSTANTIATE_FOR_TEST_BACKENDS(PasswordCostTest);

TEST_P(PasswordCostTest, DemoAccountsAndTheDummyHashShareTheConfiguredParameters) {
  SeedRegistry();
  // What `jixu demo --users` and `jixu serve` both use unless told otherwise.
  const PasswordCost cost;
  const auto logins = AddDemoUsers(*store_, AuditKey::Generate(), 1000, cost);
  ASSERT_GE(logins.size(), 6u);
  const std::string dummy = HashParameters(DummyPasswordHash(cost));
  EXPECT_EQ(dummy, "m=32768,t=3,p=1");
  for (const auto& l : logins) {
    auto u = store_->users().FindByName(l.username);
    ASSERT_TRUE(u) << l.username;
    EXPECT_EQ(HashParameters(u->password_hash), dummy) << l.username;
    EXPECT_FALSE(NeedsRehash(u->password_hash, cost)) << l.username;
  }
}

TEST(PasswordCost, AHashOfAnotherCostNeedsARehash) {
  const PasswordCost cheap{1, size_t{8} << 20}, other{2, size_t{8} << 20};
  const std::string h = HashPassword("correct horse", cheap);
  EXPECT_EQ(HashParameters(h), "m=8192,t=1,p=1");
  EXPECT_FALSE(NeedsRehash(h, cheap));
  EXPECT_TRUE(NeedsRehash(h, other)) << "passes differ";
  EXPECT_TRUE(NeedsRehash(h, {1, size_t{16} << 20})) << "memory differs";
  EXPECT_TRUE(NeedsRehash("not a hash", cheap));
  EXPECT_EQ(HashParameters("$argon2i$v=19$m=8192,t=1,p=1$x$y"), "") << "only Argon2id counts";
  EXPECT_TRUE(VerifyPassword(DummyPasswordHash(cheap), "") == false);
}

}  // namespace
}  // namespace jixu::app
