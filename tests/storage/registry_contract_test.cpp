// Contract: employers, providers, persons, exemptions, units of work — every backend.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

using records::TitleLevel;

class RegistryContract : public StoreContract {};
JIXU_INSTANTIATE_FOR_BACKENDS(RegistryContract);

TEST_P(RegistryContract, MigrateIsIdempotent) {
  const int version = store().Migrate();
  EXPECT_GT(version, 0);
  EXPECT_EQ(store().Migrate(), version);
}

TEST_P(RegistryContract, EmployerUpsertCountsInsertedUpdatedUnchanged) {
  std::vector<records::Employer> rows = {TestEmployer(1), TestEmployer(2, "110105")};
  auto s = store().employers().Upsert(rows);
  EXPECT_EQ(s.inserted, 2);
  s = store().employers().Upsert(rows);
  EXPECT_EQ(s.inserted, 0);
  EXPECT_EQ(s.updated, 0);
  EXPECT_EQ(s.unchanged, 2);
  rows[1].name = "改名后的单位";
  rows[1].industry = "卫生";
  s = store().employers().Upsert(rows);
  EXPECT_EQ(s.updated, 1);
  EXPECT_EQ(s.unchanged, 1);
  auto found = store().employers().FindByCode(rows[1].code);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "改名后的单位");
  EXPECT_EQ(found->industry, "卫生");
  EXPECT_EQ(found->type, records::EmployerType::kPrivateEnterprise);
  EXPECT_GT(found->id, 0);
  EXPECT_EQ(store().employers().Count(), 2);
  EXPECT_EQ(store().employers().List("51").size(), 1u);
  EXPECT_EQ(store().employers().List("").size(), 2u);
  EXPECT_FALSE(store().employers().FindByCode("nope"));
}

TEST_P(RegistryContract, ProviderUpsertCountsInsertedUpdatedUnchanged) {
  std::vector<records::Provider> rows = {TestProvider(1), TestProvider(2, "110105")};
  EXPECT_EQ(store().providers().Upsert(rows).inserted, 2);
  EXPECT_EQ(store().providers().Upsert(rows).unchanged, 2);
  rows[0].type = records::ProviderType::kAssociation;
  auto s = store().providers().Upsert(rows);
  EXPECT_EQ(s.updated, 1);
  EXPECT_EQ(s.unchanged, 1);
  EXPECT_EQ(store().providers().FindByCode(rows[0].code)->type, records::ProviderType::kAssociation);
  EXPECT_EQ(store().providers().List("11").size(), 1u);
  EXPECT_EQ(store().providers().Count(), 2);
}

TEST_P(RegistryContract, PersonUpsertRoundTripsAndCounts) {
  SeedOrgs();
  std::vector<records::Person> rows = {TestPerson(1, employers_[0]), TestPerson(2, employers_[1])};
  rows[1].title_since.reset();
  rows[1].joined = Ymd(2020, 3, 1);
  auto s = store().persons().Upsert(rows);
  EXPECT_EQ(s.inserted, 2);
  EXPECT_EQ(store().persons().Upsert(rows).unchanged, 2);
  rows[0].title_level = TitleLevel::kAssociateSenior;
  s = store().persons().Upsert(rows);
  EXPECT_EQ(s.updated, 1);
  EXPECT_EQ(s.unchanged, 1);

  auto p = store().persons().FindByIdNumber(rows[1].id_number);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, rows[1].name);
  EXPECT_EQ(p->employer_code, employers_[1].code);
  EXPECT_EQ(p->region_code, "110105");
  EXPECT_EQ(p->field, "工程");
  EXPECT_FALSE(p->title_since);
  EXPECT_EQ(p->joined, Ymd(2020, 3, 1));
  EXPECT_EQ(store().persons().FindById(p->id)->id_number, rows[1].id_number);
  EXPECT_EQ(store().persons().FindByIdNumber(rows[0].id_number)->title_level,
            TitleLevel::kAssociateSenior);
  EXPECT_FALSE(store().persons().FindById(999999));
  EXPECT_EQ(store().persons().Count({}), 2);
  EXPECT_EQ(store().persons().Count({.region_prefix = "5101"}), 1);
}

TEST_P(RegistryContract, PersonWithUnregisteredEmployerIsRefused) {
  SeedOrgs();
  records::Person p = TestPerson(1, TestEmployer(99));
  EXPECT_THROW(store().persons().Upsert(std::span(&p, 1)), Fault);
  EXPECT_EQ(store().persons().Count({}), 0);
}

TEST_P(RegistryContract, ForEachStreamsInIdOrderWithFilters) {
  auto ids = SeedPersons(6);
  std::vector<int64_t> seen;
  store().persons().ForEach({}, [&](const PersonFacts& f) { seen.push_back(f.person_id); });
  EXPECT_EQ(seen, ids);
  int n = 0;
  store().persons().ForEach({.employer_code = employers_[1].code}, [&](const PersonFacts& f) {
    EXPECT_EQ(f.region_code, "110105");
    ++n;
  });
  EXPECT_EQ(n, 3);
  std::vector<std::pair<std::string, int64_t>> index;
  store().persons().ForEachIdNumber(
      [&](std::string_view id, int64_t pid) { index.emplace_back(std::string(id), pid); });
  EXPECT_EQ(index.size(), 6u);
}

TEST_P(RegistryContract, TitleHistoryIsOrderedAndIdempotent) {
  auto ids = SeedPersons(1);
  store().persons().AddTitleChange({ids[0], TitleLevel::kIntermediate, Ymd(2015, 7, 1)});
  store().persons().AddTitleChange({ids[0], TitleLevel::kJunior, Ymd(2010, 7, 1)});
  store().persons().AddTitleChange({ids[0], TitleLevel::kJunior, Ymd(2010, 7, 1)});
  auto h = store().persons().TitleHistory(ids[0]);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].level, TitleLevel::kJunior);
  EXPECT_EQ(h[1].since, Ymd(2015, 7, 1));
}

TEST_P(RegistryContract, ExemptionsOverlapOnlyWhenApproved) {
  auto ids = SeedPersons(2);
  records::Exemption e;
  e.person_id = ids[0];
  e.kind = records::ExemptionKind::kMaternity;
  e.from = Ymd(2023, 11, 1);
  e.to = Ymd(2024, 1, 31);
  e.approved = true;
  e.note = "产假";
  const int64_t id = store().exemptions().Add(e);
  EXPECT_GT(id, 0);
  e.person_id = ids[1];
  e.approved = false;
  store().exemptions().Add(e);
  EXPECT_EQ(store().exemptions().ListOverlapping(2023).size(), 1u);
  EXPECT_EQ(store().exemptions().ListOverlapping(2024).size(), 1u);
  EXPECT_TRUE(store().exemptions().ListOverlapping(2025).empty());
  auto mine = store().exemptions().ListForPerson(ids[0]);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, id);
  EXPECT_EQ(mine[0].kind, records::ExemptionKind::kMaternity);
  EXPECT_EQ(mine[0].to, Ymd(2024, 1, 31));
  EXPECT_EQ(mine[0].note, "产假");
}

TEST_P(RegistryContract, UnitOfWorkWithoutCommitRollsBack) {
  SeedOrgs();
  {
    auto uow = store().Begin();
    records::Person p = TestPerson(1, employers_[0]);
    store().persons().Upsert(std::span(&p, 1));
    EXPECT_EQ(store().persons().Count({}), 1);  // visible inside
  }
  EXPECT_EQ(store().persons().Count({}), 0);
  {
    auto uow = store().Begin();
    records::Person p = TestPerson(1, employers_[0]);
    store().persons().Upsert(std::span(&p, 1));
    uow->Commit();
  }
  EXPECT_EQ(store().persons().Count({}), 1);
}

TEST_P(RegistryContract, NestedUnitOfWorkJoinsTheOuterOne) {
  SeedOrgs();
  {
    auto outer = store().Begin();
    {
      auto inner = store().Begin();
      records::Person p = TestPerson(1, employers_[0]);
      store().persons().Upsert(std::span(&p, 1));
      inner->Commit();
    }
    // The inner commit only ended its level: the outer one decides.
  }
  EXPECT_EQ(store().persons().Count({}), 0);

  auto outer = store().Begin();
  {
    auto inner = store().Begin();
    records::Person p = TestPerson(2, employers_[0]);
    store().persons().Upsert(std::span(&p, 1));
  }  // abandoned: the whole transaction must not commit
  EXPECT_THROW(outer->Commit(), Fault);
  EXPECT_EQ(store().persons().Count({}), 0);
}

TEST_P(RegistryContract, FailedBatchOutsideUnitOfWorkWritesNothing) {
  SeedOrgs();
  std::vector<records::Person> rows = {TestPerson(1, employers_[0]), TestPerson(2, TestEmployer(77))};
  EXPECT_THROW(store().persons().Upsert(rows), Fault);
  EXPECT_EQ(store().persons().Count({}), 0);
  // The store stays usable afterwards.
  EXPECT_EQ(store().persons().Upsert(std::span(rows.data(), 1)).inserted, 1);
}

}  // namespace
}  // namespace jixu::storage::testing
