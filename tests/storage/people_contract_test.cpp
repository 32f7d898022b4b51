// Contract: a person's region is their employer's (docs/architecture.md#a-persons-region), a name
// prefix filter matches Chinese names, and transfers keep their history — every backend.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class PeopleContract : public StoreContract {};
JIXU_INSTANTIATE_FOR_BACKENDS(PeopleContract);

TEST_P(PeopleContract, APersonLiesWhereTheirEmployerIs) {
  SeedOrgs();  // employers_[0] in 510104, employers_[1] in 110105
  records::Person p = TestPerson(1, employers_[0]);
  p.region_code = "440106";  // typed elsewhere
  records::Person free = TestPerson(2, employers_[0]);
  free.employer_code.clear();
  free.region_code = "440106";
  // A batch large enough for PostgreSQL's staged path too.
  std::vector<records::Person> many;
  for (int i = 10; i < 40; ++i) {
    records::Person x = TestPerson(i, employers_[1]);
    x.region_code = "510104";
    many.push_back(x);
  }
  store().persons().Upsert(std::vector<records::Person>{p, free});
  store().persons().Upsert(many);
  EXPECT_EQ(store().persons().FindByIdNumber(p.id_number)->region_code, "510104");
  EXPECT_EQ(store().persons().FindByIdNumber(free.id_number)->region_code, "440106")
      << "a person without an employer keeps their own region";
  EXPECT_EQ(store().persons().FindByIdNumber(many[5].id_number)->region_code, "110105");
  // The same person typed with another region again is unchanged, not updated.
  auto again = store().persons().Upsert(std::vector<records::Person>{p});
  EXPECT_EQ(again.unchanged, 1);
  PersonFilter in_51;
  in_51.region_prefix = "51";
  EXPECT_EQ(store().persons().Count(in_51), 1);
  // The employer moves: its staff move with it.
  records::Employer moved = employers_[1];
  moved.region_code = "120101";
  EXPECT_EQ(store().employers().Upsert(std::vector<records::Employer>{moved}).updated, 1);
  PersonFilter in_12;
  in_12.region_prefix = "12";
  EXPECT_EQ(store().persons().Count(in_12), static_cast<int64_t>(many.size()));
  PersonFilter in_11;
  in_11.region_prefix = "11";
  EXPECT_EQ(store().persons().Count(in_11), 0);
}

TEST_P(PeopleContract, NamePrefixMatchesChineseNames) {
  SeedOrgs();
  records::Person a = TestPerson(1, employers_[0]);
  a.name = "王小明";
  records::Person b = TestPerson(2, employers_[0]);
  b.name = "王";
  records::Person c = TestPerson(3, employers_[0]);
  c.name = "汪洋";
  store().persons().Upsert(std::vector<records::Person>{a, b, c});
  PersonFilter f;
  f.name_prefix = "王";
  EXPECT_EQ(store().persons().Count(f), 2);
  PersonQuery q;
  q.name_prefix = "王";
  EXPECT_EQ(store().queries().Persons(q, {0, 10}).total, 2);
  q.name_prefix = "王小";
  EXPECT_EQ(store().queries().Persons(q, {0, 10}).total, 1);
}

TEST_P(PeopleContract, TransfersKeepTheirHistoryAndOneOpenReleaseAPerson) {
  SeedPersons(2);
  const auto person = *store().persons().FindByIdNumber(TestIdNumber(1));
  Transfer t;
  t.person_id = person.id;
  t.from_employer = employers_[0].code;
  t.released_by = "hr";
  t.released_at = 100;
  const int64_t id = store().transfers().Create(t);
  ASSERT_GT(id, 0);
  EXPECT_THROW(store().transfers().Create(t), std::exception) << "a second open release";
  auto open = store().transfers().OpenFor(person.id);
  ASSERT_TRUE(open);
  EXPECT_EQ(open->id, id);
  EXPECT_EQ(open->person_name, person.name);
  EXPECT_EQ(open->from_employer_name, employers_[0].name);
  EXPECT_TRUE(store().transfers().Close(id, TransferStatus::kCompleted, employers_[1].code, "hr2", 200));
  EXPECT_FALSE(store().transfers().Close(id, TransferStatus::kCancelled, "", "hr", 300)) << "closed once";
  EXPECT_FALSE(store().transfers().OpenFor(person.id));
  const auto done = *store().transfers().Find(id);
  EXPECT_EQ(done.status, TransferStatus::kCompleted);
  EXPECT_EQ(done.to_employer, employers_[1].code);
  EXPECT_EQ(done.to_employer_name, employers_[1].name);
  EXPECT_EQ(done.completed_at, 200);
  // A new release after the first is allowed; the history keeps both, newest first.
  t.released_at = 400;
  t.from_employer = employers_[1].code;
  const int64_t second = store().transfers().Create(t);
  TransferQuery q;
  q.person_id = person.id;
  auto history = store().transfers().List(q, {0, 10});
  ASSERT_EQ(history.total, 2);
  EXPECT_EQ(history.items[0].id, second);
  // Scopes: each employer sees the transfers out of or into it; a region its employers'.
  TransferQuery by_employer;
  by_employer.scope.employer_code = employers_[0].code;
  EXPECT_EQ(store().transfers().List(by_employer, {0, 10}).total, 1);
  by_employer.scope.employer_code = employers_[1].code;
  EXPECT_EQ(store().transfers().List(by_employer, {0, 10}).total, 2);
  TransferQuery by_region;
  by_region.scope.region_prefix = "51";  // employers_[0]
  EXPECT_EQ(store().transfers().List(by_region, {0, 10}).total, 1);
  by_region.scope.region_prefix = "44";
  EXPECT_EQ(store().transfers().List(by_region, {0, 10}).total, 0);
  TransferQuery open_only;
  open_only.status = TransferStatus::kReleased;
  EXPECT_EQ(store().transfers().List(open_only, {0, 10}).total, 1);
}

}  // namespace
}  // namespace jixu::storage::testing
