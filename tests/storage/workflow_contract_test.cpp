// Contract: exemption requests with approval and a provider's classes (workflow_repos.hpp) —
// every backend.
#include <gtest/gtest.h>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class WorkflowContract : public StoreContract {
 protected:
  Date D(int ymd) { return *Date::FromYmdInt(ymd); }
};
JIXU_INSTANTIATE_FOR_BACKENDS(WorkflowContract);

TEST_P(WorkflowContract, ExemptionCountsOnlyOnceApproved) {
  const auto ids = SeedPersons(2);
  records::Exemption e;
  e.person_id = ids[0];
  e.kind = records::ExemptionKind::kIllness;
  e.from = D(20260101);
  e.to = D(20261231);
  e.approved = false;
  e.id = store().exemptions().Add(e);
  ExemptionReview v;
  v.exemption_id = e.id;
  v.person_id = ids[0];
  v.requested_by = "alice";
  v.requested_at = 100;
  store().exemption_reviews().Create(v);
  store().exemption_reviews().SetEvidence(e.id, "abc", "a.pdf");
  EXPECT_TRUE(store().exemptions().ListOverlapping(2026).empty()) << "pending does not count";

  ExemptionQuery q;
  q.status = RequestStatus::kPending;
  auto page = store().exemption_reviews().List(q, {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].review.evidence_filename, "a.pdf");
  EXPECT_TRUE(page.items[0].has_review);
  q.scope.employer_code = employers_[1].code;  // the other employer's admin sees nothing
  EXPECT_EQ(store().exemption_reviews().List(q, {}).total, 0);

  EXPECT_TRUE(store().exemption_reviews().Decide(e.id, RequestStatus::kApproved, "hr", 200, ""));
  EXPECT_FALSE(store().exemption_reviews().Decide(e.id, RequestStatus::kRejected, "hr", 300, "x"))
      << "only a pending request is decided";
  ASSERT_EQ(store().exemptions().ListOverlapping(2026).size(), 1u);
  auto back = store().exemption_reviews().Find(e.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, RequestStatus::kApproved);
  EXPECT_EQ(back->decided_by, "hr");
  EXPECT_EQ(back->decided_at, 200);

  // An exemption entered directly (no trail) reads as approved.
  records::Exemption direct = e;
  direct.person_id = ids[1];
  direct.approved = true;
  store().exemptions().Add(direct);
  q = {};
  q.status = RequestStatus::kApproved;
  EXPECT_EQ(store().exemption_reviews().List(q, {}).total, 2);
}

TEST_P(WorkflowContract, ClassesEnrolAndComplete) {
  const auto ids = SeedPersons(2);
  Course course;
  course.provider_code = provider_.code;
  course.code = "C1";
  course.title = "课程";
  course.hours = Hours::FromCenti(1200);
  const int64_t course_id = *store().courses().Create(course);
  TrainingClass c;
  c.provider_code = provider_.code;
  c.course_id = course_id;
  c.name = "第1期";
  c.starts_on = D(20261010);
  c.ends_on = D(20261011);
  c.hours = Hours::FromCenti(1200);
  c.capacity = 30;
  c.created_at = 10;
  c.id = store().classes().Create(c);
  ASSERT_GT(c.id, 0);
  EXPECT_TRUE(store().classes().Enroll(c.id, ids[0], 20));
  EXPECT_FALSE(store().classes().Enroll(c.id, ids[0], 21)) << "once per person";
  EXPECT_TRUE(store().classes().Enroll(c.id, ids[1], 22));
  store().classes().Complete(c.id, ids[0], 777, 30);
  store().classes().Complete(c.id, ids[0], 888, 31);  // a second report changes nothing
  store().classes().SetCertificate(c.id, ids[0], "SER-1");
  auto back = store().classes().FindById(c.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "第1期");
  EXPECT_EQ(back->ends_on, D(20261011));
  EXPECT_EQ(back->hours.centi(), 1200);
  EXPECT_EQ(back->enrolled, 2);
  EXPECT_EQ(back->completed, 1);
  auto n = store().classes().FindEnrolment(c.id, ids[0]);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->record_id, 777);
  EXPECT_EQ(n->completed_at, 30);
  EXPECT_EQ(n->certificate_serial, "SER-1");
  EXPECT_FALSE(n->id_number.empty());
  EXPECT_EQ(store().classes().Enrolments(c.id).size(), 2u);
  EXPECT_EQ(store().classes().List({provider_.code, 0}, {}).total, 1);
  EXPECT_EQ(store().classes().List({"OTHER", 0}, {}).total, 0);
}

}  // namespace
}  // namespace jixu::storage::testing
