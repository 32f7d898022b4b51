// Contract: the server's repositories (accounts, sessions, settings, audit, evidence, courses,
// reviews, scoped listings) — every backend.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class ServerContract : public StoreContract {
 protected:
  User NewUser(const std::string& name, Role role) {
    User u;
    u.username = name;
    u.password_hash = "hash-" + name;
    u.role = role;
    u.created_at = 1000;
    return u;
  }
};
JIXU_INSTANTIATE_FOR_BACKENDS(ServerContract);

TEST_P(ServerContract, UsersAreUniqueByNameAndRoundTrip) {
  User u = NewUser("alice", Role::kAuthority);
  u.region_prefix = "51";
  u.industry = "卫生";
  auto id = store().users().Create(u);
  ASSERT_TRUE(id);
  EXPECT_FALSE(store().users().Create(u)) << "a taken username is refused";
  auto back = store().users().FindByName("alice");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, *id);
  EXPECT_EQ(back->role, Role::kAuthority);
  EXPECT_EQ(back->region_prefix, "51");
  EXPECT_EQ(back->industry, "卫生");
  back->disabled = true;
  EXPECT_TRUE(store().users().Update(*back));
  EXPECT_TRUE(store().users().FindById(*id)->disabled);
  store().users().Create(NewUser("bob", Role::kAdmin));
  auto page = store().users().List({.role = Role::kAdmin}, {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].username, "bob");
}

TEST_P(ServerContract, MustChangePasswordRoundTripsAndActiveFilterCounts) {
  User u = NewUser("erin", Role::kAdmin);
  u.must_change_password = true;
  auto id = *store().users().Create(u);
  EXPECT_TRUE(store().users().FindById(id)->must_change_password);
  User back = *store().users().FindById(id);
  back.must_change_password = false;
  back.disabled = true;
  ASSERT_TRUE(store().users().Update(back));
  EXPECT_FALSE(store().users().FindById(id)->must_change_password);
  store().users().Create(NewUser("frank", Role::kAdmin));
  UserFilter active{.role = Role::kAdmin, .disabled = false};
  auto page = store().users().List(active, {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].username, "frank");
  EXPECT_EQ(store().users().List({.role = Role::kAdmin, .disabled = true}, {}).total, 1);
}

TEST_P(ServerContract, APasswordHashIsReplacedOnlyIfUnchanged) {
  auto id = *store().users().Create(NewUser("gina", Role::kPerson));
  EXPECT_FALSE(store().users().ReplacePasswordHash(id, "some-other-hash", "new"))
      << "a hash changed meanwhile is left alone";
  EXPECT_EQ(store().users().FindById(id)->password_hash, "hash-gina");
  EXPECT_TRUE(store().users().ReplacePasswordHash(id, "hash-gina", "rehashed"));
  EXPECT_EQ(store().users().FindById(id)->password_hash, "rehashed");
}

TEST_P(ServerContract, AUsersSessionsEndButTheOneKept) {
  auto uid = *store().users().Create(NewUser("hank", Role::kPerson));
  auto other = *store().users().Create(NewUser("ivy", Role::kPerson));
  store().sessions().Create({"s1", uid, 100, 100, 1000});
  store().sessions().Create({"s2", uid, 100, 100, 1000});
  store().sessions().Create({"s3", other, 100, 100, 1000});
  EXPECT_EQ(store().sessions().DeleteForUser(uid, "s2"), 1);
  EXPECT_FALSE(store().sessions().Find("s1"));
  EXPECT_TRUE(store().sessions().Find("s2"));
  EXPECT_EQ(store().sessions().DeleteForUser(uid, ""), 1);
  EXPECT_FALSE(store().sessions().Find("s2"));
  EXPECT_TRUE(store().sessions().Find("s3")) << "another user's session stays";
}

TEST_P(ServerContract, FailedLoginsLockAtTheLimitAndRestartTheCount) {
  auto id = *store().users().Create(NewUser("carol", Role::kPerson));
  for (int i = 1; i <= 4; ++i) {
    auto u = store().users().RecordFailedLogin(id, 5000, 5, 900);
    EXPECT_EQ(u->failed_logins, i);
    EXPECT_EQ(u->locked_until, 0);
  }
  auto locked = store().users().RecordFailedLogin(id, 5000, 5, 900);
  EXPECT_EQ(locked->locked_until, 5900);
  EXPECT_EQ(locked->failed_logins, 0);
  store().users().RecordFailedLogin(id, 6000, 5, 900);
  store().users().ResetFailedLogins(id);
  EXPECT_EQ(store().users().FindById(id)->failed_logins, 0);
}

TEST_P(ServerContract, SessionsTouchOnlyForwardAndPurge) {
  auto uid = *store().users().Create(NewUser("dave", Role::kPerson));
  store().sessions().Create({"h1", uid, 100, 100, 1000});
  store().sessions().Create({"h2", uid, 100, 100, 200});
  store().sessions().Touch("h1", 150);
  store().sessions().Touch("h1", 120);  // never backwards
  EXPECT_EQ(store().sessions().Find("h1")->last_seen, 150);
  EXPECT_EQ(store().sessions().Purge(300, 1000), 1);  // h2 past its absolute expiry
  EXPECT_FALSE(store().sessions().Find("h2"));
  store().sessions().Delete("h1");
  EXPECT_FALSE(store().sessions().Find("h1"));
}

TEST_P(ServerContract, SettingsKeepTheFirstValue) {
  EXPECT_FALSE(store().settings().Get("k"));
  EXPECT_EQ(store().settings().PutIfAbsent("k", "first"), "first");
  EXPECT_EQ(store().settings().PutIfAbsent("k", "second"), "first");
}

TEST_P(ServerContract, AuditAppendsInOrderAndListsByScope) {
  for (int i = 0; i < 5; ++i) {
    AuditEntry e;
    e.at = 100 + i;
    e.actor = "u";
    e.action = i % 2 ? "record.declare" : "person.update";
    e.entity = "x";
    e.region_code = i < 3 ? "510104" : "110105";
    e.hash = "h" + std::to_string(i);
    e.prev_hash = i ? "h" + std::to_string(i - 1) : "";
    auto uow = store().Begin();
    store().audit().LockChain();
    store().audit().Insert(e);
    uow->Commit();
  }
  EXPECT_EQ(store().audit().Last()->hash, "h4");
  std::vector<std::string> hashes;
  store().audit().ForEach([&](const AuditEntry& e) { hashes.push_back(e.hash); });
  EXPECT_EQ(hashes, (std::vector<std::string>{"h0", "h1", "h2", "h3", "h4"}));
  AuditFilter f;
  f.scope.region_prefix = "51";
  auto page = store().audit().List(f, {.limit = 2});
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].hash, "h0");
  f.action = "record.declare";
  EXPECT_EQ(store().audit().List(f, {}).total, 1);
}

TEST_P(ServerContract, EvidenceIsStoredOncePerHashAndBinarySafe) {
  auto ids = SeedPersons(1);
  store().records().Insert(std::vector{TestRecord(ids[0], Ymd(2024, 3, 1), 8)});
  const int64_t rid = store().records().ListForPerson(ids[0], 0)[0].id;
  const std::string bytes("%PDF-\0\x01\xff binary", 16);
  store().evidence().PutBlob("abc", "application/pdf", bytes);
  store().evidence().PutBlob("abc", "application/pdf", bytes);
  store().evidence().Attach(rid, {"abc", "", 0, "证明.pdf", 10});
  auto blob = store().evidence().GetBlob("abc");
  ASSERT_TRUE(blob);
  EXPECT_EQ(blob->first, bytes);
  EXPECT_EQ(blob->second, "application/pdf");
  auto files = store().evidence().ListForRecord(rid);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].filename, "证明.pdf");
  EXPECT_EQ(files[0].size, 16);
}

TEST_P(ServerContract, CoursesAreUniquePerProviderAndFilter) {
  SeedOrgs();
  Course c;
  c.provider_code = provider_.code;
  c.code = "C1";
  c.title = "医院感染防控";
  c.hours = Hours::FromWhole(8);
  c.published = true;
  auto id = store().courses().Create(c);
  ASSERT_TRUE(id);
  EXPECT_FALSE(store().courses().Create(c));
  c.code = "C2";
  c.published = false;
  store().courses().Create(c);
  EXPECT_EQ(store().courses().List({.published = true}, {}).total, 1);
  EXPECT_EQ(store().courses().List({.provider_code = provider_.code}, {}).total, 2);
  auto back = store().courses().FindById(*id);
  back->title = "新标题";
  EXPECT_TRUE(store().courses().Update(*back));
  EXPECT_EQ(store().courses().FindById(*id)->title, "新标题");
}

TEST_P(ServerContract, QueriesApplyTheScopeInside) {
  auto ids = SeedPersons(4);  // alternating Chengdu / Beijing employers
  auto r = TestRecord(ids[0], Ymd(2024, 3, 1), 8);
  r.provider_code = provider_.code;
  r.origin = records::Origin::kProvider;
  auto declared = TestRecord(ids[1], Ymd(2024, 4, 1), 4, "自学");
  declared.status = records::RecordStatus::kPending;
  declared.origin = records::Origin::kSelf;
  store().records().Insert(std::vector{r, declared});
  auto did = store().queries().RecordIdByKey(ids[1], records::RecordKey(declared));
  ASSERT_TRUE(did);
  store().reviews().Create({*did, ReviewStage::kEmployer, true, 50});

  Scope chengdu{.region_prefix = "5101"};
  EXPECT_EQ(store().queries().Persons({.scope = chengdu}, {}).total, 2);
  EXPECT_TRUE(store().queries().PersonInScope(ids[0], chengdu));
  EXPECT_FALSE(store().queries().PersonInScope(ids[1], chengdu));
  Scope provider{.provider_code = provider_.code};
  EXPECT_EQ(store().queries().Records({.scope = provider}, {}).total, 1);
  EXPECT_TRUE(store().queries().PersonInScope(ids[0], provider));
  EXPECT_FALSE(store().queries().PersonInScope(ids[2], provider));
  auto queue = store().queries().Records({.stage = ReviewStage::kEmployer}, {});
  ASSERT_EQ(queue.total, 1);
  EXPECT_EQ(queue.items[0].record.id, *did);
  EXPECT_EQ(queue.items[0].record.date, Ymd(2024, 4, 1));
  EXPECT_EQ(store().reviews().Find(*did)->needs_authority, true);
  auto sorted = store().queries().Persons({}, {.sort = "name", .descending = true});
  EXPECT_EQ(sorted.items.size(), 4u);
  EXPECT_THROW(store().queries().Persons({}, {.sort = "id_number; DROP"}), Fault);

  Scope employer{.employer_code = employers_[0].code};
  EXPECT_EQ(store().queries().Employers({.scope = employer}, {}).total, 1);
  EXPECT_EQ(store().queries().Employers({.scope = Scope{.region_prefix = "11"}}, {}).total, 1);
  EXPECT_TRUE(store().queries().ProviderApproved(provider_.code));
  store().queries().SetProviderApproved(provider_.code, false);
  EXPECT_EQ(store().queries().Providers({.approved = true}, {}).total, 0);
}

// Lists sorted by a text column come in code point order on every backend, whatever the
// database's collation: the PostgreSQL test databases use an ICU zh-CN collation
// (support/pg_test_db.cpp), under which a plain ORDER BY name would sort by pinyin (艾 王 张).
TEST_P(ServerContract, TextSortIsCodePointOrderWhateverTheCollation) {
  SeedOrgs();
  std::vector<records::Person> persons;
  const char* names[] = {"王芳", "艾华", "张伟", "Zoe", "alice"};
  for (int i = 0; i < 5; ++i) {
    persons.push_back(TestPerson(i + 1, employers_[0]));
    persons.back().name = names[i];
  }
  store().persons().Upsert(persons);
  std::vector<std::string> got;
  for (const auto& row : store().queries().Persons({}, {.sort = "name"}).items) got.push_back(row.name);
  EXPECT_EQ(got, (std::vector<std::string>{"Zoe", "alice", "张伟", "王芳", "艾华"}));
  got.clear();
  for (const auto& row : store().queries().Persons({}, {.sort = "name", .descending = true}).items) {
    got.push_back(row.name);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"艾华", "王芳", "张伟", "alice", "Zoe"}));
}

}  // namespace
}  // namespace jixu::storage::testing
