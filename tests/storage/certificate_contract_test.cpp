// Contract: certificates and signing keys are kept as handed over, revoked once, listed per
// person — every backend.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class CertificateContract : public StoreContract {
 protected:
  SigningKeyRow Key(const std::string& id, int64_t at) {
    return {id, "ed25519", "pub-" + id, "priv-" + id, "none", at, std::nullopt};
  }
  CertificateRow Cert(const std::string& serial, int64_t person, int64_t at) {
    CertificateRow r;
    r.serial = serial;
    r.kind = "annual_hours";
    r.person_id = person;
    r.year = 2024;
    r.payload = R"({"name":"王芳","hours":72.5})";
    r.algorithm = "ed25519";
    r.key_id = "k1";
    r.signature = "c2ln";
    r.issued_at = at;
    return r;
  }
};
JIXU_INSTANTIATE_FOR_BACKENDS(CertificateContract);

TEST_P(CertificateContract, KeysAreListedOldestFirstAndRetiredOnce) {
  store().signing_keys().Insert(Key("k2", 200));
  store().signing_keys().Insert(Key("k1", 100));
  auto keys = store().signing_keys().List();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].key_id, "k1");
  EXPECT_EQ(keys[0].private_key, "priv-k1");
  EXPECT_FALSE(keys[0].retired_at.has_value());
  EXPECT_TRUE(store().signing_keys().Retire("k1", 300));
  EXPECT_FALSE(store().signing_keys().Retire("k1", 400));
  EXPECT_FALSE(store().signing_keys().Retire("nope", 400));
  keys = store().signing_keys().List();
  EXPECT_EQ(keys[0].retired_at, 300);
  EXPECT_FALSE(keys[1].retired_at.has_value());
}

TEST_P(CertificateContract, CertificatesRoundTripByteForByte) {
  auto ids = SeedPersons(2);
  store().signing_keys().Insert(Key("k1", 100));
  store().certificates().Insert(Cert("JX-2024-AAAA-AAAA-AAAA", ids[0], 1000));
  store().certificates().Insert(Cert("JX-2024-BBBB-BBBB-BBBB", ids[0], 2000));
  store().certificates().Insert(Cert("JX-2024-CCCC-CCCC-CCCC", ids[1], 1500));
  EXPECT_THROW(store().certificates().Insert(Cert("JX-2024-AAAA-AAAA-AAAA", ids[1], 1)), Fault);
  EXPECT_EQ(store().certificates().Count(), 3);
  auto got = store().certificates().FindBySerial("JX-2024-AAAA-AAAA-AAAA");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->payload, R"({"name":"王芳","hours":72.5})");
  EXPECT_EQ(got->person_id, ids[0]);
  EXPECT_EQ(got->issued_at, 1000);
  EXPECT_FALSE(got->revoked_at.has_value());
  EXPECT_FALSE(store().certificates().FindBySerial("JX-2024-ZZZZ-ZZZZ-ZZZZ").has_value());
  auto list = store().certificates().ListForPerson(ids[0]);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].serial, "JX-2024-BBBB-BBBB-BBBB");  // newest first
}

TEST_P(CertificateContract, RevokeOnceWithReason) {
  auto ids = SeedPersons(1);
  store().signing_keys().Insert(Key("k1", 100));
  store().certificates().Insert(Cert("JX-2024-AAAA-AAAA-AAAA", ids[0], 1000));
  EXPECT_TRUE(store().certificates().Revoke("JX-2024-AAAA-AAAA-AAAA", "学时有误", 5000));
  EXPECT_FALSE(store().certificates().Revoke("JX-2024-AAAA-AAAA-AAAA", "again", 6000));
  EXPECT_FALSE(store().certificates().Revoke("JX-2024-ZZZZ-ZZZZ-ZZZZ", "x", 6000));
  auto got = store().certificates().FindBySerial("JX-2024-AAAA-AAAA-AAAA");
  EXPECT_EQ(got->revoked_at, 5000);
  EXPECT_EQ(got->revoke_reason, "学时有误");
}

TEST_P(CertificateContract, AbandonedUnitOfWorkKeepsNoCertificate) {
  auto ids = SeedPersons(1);
  {
    auto uow = store().Begin();
    store().signing_keys().Insert(Key("k1", 100));
    store().certificates().Insert(Cert("JX-2024-AAAA-AAAA-AAAA", ids[0], 1000));
  }
  EXPECT_EQ(store().certificates().Count(), 0);
  EXPECT_TRUE(store().signing_keys().List().empty());
}

}  // namespace
}  // namespace jixu::storage::testing
