// Contract: the provider lifecycle and the roster (market_repos.hpp) — every backend.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

using market::ProviderStatus;

class MarketContract : public StoreContract {
 protected:
  Date D(int ymd) { return *Date::FromYmdInt(ymd); }
  ProviderLifecycleRepository& repo() { return store().market().lifecycle(); }
};
JIXU_INSTANTIATE_FOR_BACKENDS(MarketContract);

TEST_P(MarketContract, StandingDefaultsFromTheApprovalFlagAndKeepsItInStep) {
  SeedOrgs();
  EXPECT_FALSE(repo().Standing("NO-SUCH-CODE"));
  auto s = repo().Standing(provider_.code);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->status, ProviderStatus::kApproved) << "an imported provider is approved";
  store().queries().SetProviderApproved(provider_.code, false);
  EXPECT_EQ(repo().Standing(provider_.code)->status, ProviderStatus::kPending);

  repo().SetStanding(provider_.code, {ProviderStatus::kSuspended, "虚报", D(20260601), D(20260630)}, 10, "city");
  s = repo().Standing(provider_.code);
  EXPECT_EQ(s->status, ProviderStatus::kSuspended);
  EXPECT_EQ(s->reason, "虚报");
  EXPECT_EQ(s->from, D(20260601));
  EXPECT_EQ(s->until, D(20260630));
  EXPECT_TRUE(store().queries().ProviderApproved(provider_.code)) << "a suspended provider stays listed";
  repo().SetStanding(provider_.code, {ProviderStatus::kRevoked, "撤销", D(20260701), {}}, 20, "city");
  EXPECT_FALSE(repo().Standing(provider_.code)->until);
  EXPECT_FALSE(store().queries().ProviderApproved(provider_.code)) << "a revoked one is not";

  ProviderStandingQuery q;
  q.status = ProviderStatus::kRevoked;
  auto page = repo().List(q, {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].provider.code, provider_.code);
  EXPECT_EQ(page.items[0].changed_at, 20);
  q.status = ProviderStatus::kApproved;
  EXPECT_EQ(repo().List(q, {}).total, 0);
  q = {};
  q.region_prefix = "99";
  EXPECT_EQ(repo().List(q, {}).total, 0) << "another region sees nothing";
}

TEST_P(MarketContract, ApplicationsKeepTheirDocumentsAndAreDecidedOnce) {
  SeedOrgs();
  store().evidence().PutBlob(std::string(64, 'a'), "application/pdf", "%PDF-1.4 x");
  ProviderApplication a;
  a.provider_code = provider_.code;
  a.submitted_at = 100;
  a.submitted_by = "prov";
  a.licence_no = "教民123号";
  a.licence_valid_until = D(20281231);
  a.scope = "工程类专业科目";
  a.full_time_teachers = 12;
  a.documents = {{"licence", std::string(64, 'a'), "许可证.pdf", "application/pdf", 10},
                 {"facilities", std::string(64, 'a'), "场地.pdf", "application/pdf", 10}};
  a.id = repo().AddApplication(a);
  ASSERT_GT(a.id, 0);
  auto back = repo().Application(a.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->licence_no, "教民123号");
  EXPECT_EQ(back->licence_valid_until, D(20281231));
  EXPECT_EQ(back->full_time_teachers, 12);
  ASSERT_EQ(back->documents.size(), 2u);
  EXPECT_EQ(back->documents[1].kind, "facilities");
  EXPECT_EQ(back->documents[1].filename, "场地.pdf");
  EXPECT_EQ(back->status, ApplicationStatus::kPending);
  ProviderStandingQuery q;
  EXPECT_EQ(repo().List(q, {}).items[0].pending_application, a.id);

  EXPECT_TRUE(repo().DecideApplication(a.id, ApplicationStatus::kReturned, "city", 200, "补充材料"));
  EXPECT_FALSE(repo().DecideApplication(a.id, ApplicationStatus::kApproved, "city", 300, ""))
      << "only a pending application is decided";
  back = repo().Application(a.id);
  EXPECT_EQ(back->status, ApplicationStatus::kReturned);
  EXPECT_EQ(back->reason, "补充材料");
  EXPECT_EQ(back->decided_at, 200);
  a.submitted_at = 400;
  const int64_t second = repo().AddApplication(a);
  auto all = repo().Applications(provider_.code);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second) << "newest first";
  EXPECT_EQ(all[0].documents.size(), 2u);
  EXPECT_TRUE(repo().Applications("OTHER").empty());
}

TEST_P(MarketContract, EventsAreKeptInOrder) {
  SeedOrgs();
  ProviderEvent e;
  e.provider_code = provider_.code;
  e.at = 1;
  e.actor = "prov";
  e.action = market::ProviderAction::kApply;
  repo().AddEvent(e);
  e.at = 2;
  e.actor = "city";
  e.action = market::ProviderAction::kSuspend;
  e.status = ProviderStatus::kSuspended;
  e.reason = "r";
  e.from = D(20260101);
  repo().AddEvent(e);
  auto events = repo().Events(provider_.code);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, market::ProviderAction::kApply);
  EXPECT_EQ(events[1].status, ProviderStatus::kSuspended);
  EXPECT_EQ(events[1].from, D(20260101));
  EXPECT_FALSE(events[1].until);
}

TEST_P(MarketContract, RosterIsEveryPersonInTheProvidersClasses) {
  const auto ids = SeedPersons(3);
  Course course;
  course.provider_code = provider_.code;
  course.code = "C1";
  course.title = "课程";
  course.hours = Hours::FromWhole(8);
  course.id = *store().courses().Create(course);
  TrainingClass k;
  k.provider_code = provider_.code;
  k.course_id = course.id;
  k.name = "一期";
  k.starts_on = D(20260101);
  k.ends_on = D(20260102);
  k.hours = Hours::FromWhole(8);
  k.id = store().classes().Create(k);
  EXPECT_FALSE(repo().OnRoster(provider_.code, ids[0]));
  store().classes().Enroll(k.id, ids[2], 1);
  store().classes().Enroll(k.id, ids[0], 1);
  const int64_t second = store().classes().Create(k);
  store().classes().Enroll(second, ids[0], 1);
  EXPECT_TRUE(repo().OnRoster(provider_.code, ids[0]));
  EXPECT_FALSE(repo().OnRoster(provider_.code, ids[1]));
  EXPECT_FALSE(repo().OnRoster("OTHER", ids[0]));
  EXPECT_EQ(repo().RosterPersons(provider_.code), (std::vector<int64_t>{ids[0], ids[2]}));
}

}  // namespace
}  // namespace jixu::storage::testing
