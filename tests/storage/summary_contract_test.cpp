// Contract: learning records, their deduplication, and the per-person-year summary kept in step
// with every write — every backend.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

using records::Category;
using records::Form;
using records::RecordStatus;
using records::YearTotals;

class RecordContract : public StoreContract {
 protected:
  /// What the summary must say, computed from the records the test wrote.
  YearTotals Expected(const std::vector<records::LearningRecord>& rs, int64_t person, int year) {
    YearTotals t;
    for (const auto& r : rs) {
      if (r.person_id == person && r.date.year() == year) t.Apply(r, +1);
    }
    return t;
  }
  /// Every (person, year) summary, for comparing two states of the store.
  std::map<std::pair<int64_t, int>, YearTotals> Snapshot(int first_year, int last_year) {
    std::map<std::pair<int64_t, int>, YearTotals> out;
    for (int y = first_year; y <= last_year; ++y) {
      store().summaries().ForEachInYear(y, {}, [&](const PersonFacts& f, const YearTotals& t) {
        out[{f.person_id, y}] = t;
      });
    }
    return out;
  }
};
JIXU_INSTANTIATE_FOR_BACKENDS(RecordContract);

TEST_P(RecordContract, InsertSkipsDuplicatesInsideAndAcrossBatches) {
  auto ids = SeedPersons(2);
  std::vector<records::LearningRecord> batch = {
      TestRecord(ids[0], Ymd(2024, 3, 1), 8), TestRecord(ids[0], Ymd(2024, 3, 2), 8),
      TestRecord(ids[0], Ymd(2024, 3, 1), 8),  // same content as the first
      TestRecord(ids[1], Ymd(2024, 3, 1), 8),  // same content, other person: distinct
  };
  auto s = store().records().Insert(batch);
  EXPECT_EQ(s.inserted, 3);
  EXPECT_EQ(s.unchanged, 1);
  s = store().records().Insert(batch);
  EXPECT_EQ(s.inserted, 0);
  EXPECT_EQ(s.unchanged, 4);
  EXPECT_EQ(store().records().Count(), 3);
  EXPECT_EQ(store().summaries().Get(ids[0], 2024).Total(), Hours::FromWhole(16));
}

TEST_P(RecordContract, SourceIdMakesTheKeyNotTheContent) {
  auto ids = SeedPersons(1);
  auto a = TestRecord(ids[0], Ymd(2024, 3, 1), 8);
  a.source_id = "R-1";
  auto b = a;
  b.hours = Hours::FromWhole(9);  // a corrected re-send under the same source id
  EXPECT_EQ(store().records().Insert(std::span(&a, 1)).inserted, 1);
  EXPECT_EQ(store().records().Insert(std::span(&b, 1)).unchanged, 1);
}

TEST_P(RecordContract, RecordsRoundTripEveryField) {
  auto ids = SeedPersons(1);
  records::LearningRecord r = TestRecord(ids[0], Ymd(2024, 12, 31), 2.25, "继续教育\"课程\", 第一期");
  r.category = Category::kPublic;
  r.form = Form::kOnlineCourse;
  r.provider_code = provider_.code;
  r.provider_name = provider_.name;
  r.source_id = "S-42";
  r.status = RecordStatus::kPending;
  r.origin = records::Origin::kSelf;
  r.topic = "medical_errors";
  r.activity = "conference.national";
  r.course_code = "C-7";
  store().records().Insert(std::span(&r, 1));
  auto list = store().records().ListForPerson(ids[0], 2024);
  ASSERT_EQ(list.size(), 1u);
  auto got = list[0];
  EXPECT_GT(got.id, 0);
  EXPECT_EQ(got.date, r.date);
  EXPECT_EQ(got.category, r.category);
  EXPECT_EQ(got.form, r.form);
  EXPECT_EQ(got.hours, Hours::FromCenti(225));
  EXPECT_EQ(got.provider_code, r.provider_code);
  EXPECT_EQ(got.provider_name, r.provider_name);
  EXPECT_EQ(got.title, r.title);
  EXPECT_EQ(got.source_id, "S-42");
  EXPECT_EQ(got.status, RecordStatus::kPending);
  EXPECT_EQ(got.origin, records::Origin::kSelf);
  EXPECT_EQ(got.topic, r.topic);
  EXPECT_EQ(got.activity, r.activity);
  EXPECT_EQ(got.course_code, r.course_code);
  EXPECT_EQ(store().records().FindById(got.id)->title, r.title);
  EXPECT_TRUE(store().records().ListForPerson(ids[0], 2025).empty());
  EXPECT_EQ(store().records().ListForPerson(ids[0], 0).size(), 1u);
  EXPECT_FALSE(store().records().FindById(got.id + 1000));
}

TEST_P(RecordContract, UnknownPersonOrProviderIsRefusedAndTheBatchWritesNothing) {
  auto ids = SeedPersons(1);
  std::vector<records::LearningRecord> batch = {TestRecord(ids[0], Ymd(2024, 1, 1), 4),
                                                TestRecord(ids[0] + 100, Ymd(2024, 1, 2), 4)};
  EXPECT_THROW(store().records().Insert(batch), Fault);
  auto bad = TestRecord(ids[0], Ymd(2024, 1, 1), 4);
  bad.provider_code = "NOT-REGISTERED";
  EXPECT_THROW(store().records().Insert(std::span(&bad, 1)), Fault);
  EXPECT_EQ(store().records().Count(), 0);
  EXPECT_TRUE(store().summaries().Get(ids[0], 2024).Total().IsZero());
}

TEST_P(RecordContract, SummaryFollowsInsertByBucketAndYear) {
  auto ids = SeedPersons(1);
  std::vector<records::LearningRecord> rs = {TestRecord(ids[0], Ymd(2023, 12, 31), 10),
                                             TestRecord(ids[0], Ymd(2024, 1, 1), 20),
                                             TestRecord(ids[0], Ymd(2024, 6, 1), 1.5)};
  rs[2].category = Category::kPublic;
  rs[2].form = Form::kSelfStudy;
  auto pending = TestRecord(ids[0], Ymd(2024, 7, 1), 6, "待审核");
  pending.status = RecordStatus::kPending;
  rs.push_back(pending);
  store().records().Insert(rs);
  EXPECT_EQ(store().summaries().Get(ids[0], 2023), Expected(rs, ids[0], 2023));
  auto t = store().summaries().Get(ids[0], 2024);
  EXPECT_EQ(t, Expected(rs, ids[0], 2024));
  EXPECT_EQ(t.at(Category::kPublic, Form::kSelfStudy), Hours::FromCenti(150));
  EXPECT_EQ(t.CategoryTotal(Category::kProfessional), Hours::FromWhole(20));
  EXPECT_EQ(t.pending, Hours::FromWhole(6));
  EXPECT_EQ(t.approved_records, 2);
  EXPECT_EQ(store().summaries().Get(ids[0], 2022), YearTotals{});
}

TEST_P(RecordContract, SummaryFollowsReview) {
  auto ids = SeedPersons(1);
  auto r = TestRecord(ids[0], Ymd(2024, 5, 1), 12);
  r.status = RecordStatus::kPending;
  store().records().Insert(std::span(&r, 1));
  const int64_t id = store().records().ListForPerson(ids[0], 2024)[0].id;
  EXPECT_EQ(store().summaries().Get(ids[0], 2024).pending, Hours::FromWhole(12));

  EXPECT_TRUE(store().records().SetStatus(id, RecordStatus::kApproved, ""));
  auto t = store().summaries().Get(ids[0], 2024);
  EXPECT_TRUE(t.pending.IsZero());
  EXPECT_EQ(t.Total(), Hours::FromWhole(12));
  EXPECT_EQ(t.approved_records, 1);

  EXPECT_TRUE(store().records().SetStatus(id, RecordStatus::kRejected, "证明材料不全"));
  t = store().summaries().Get(ids[0], 2024);
  EXPECT_EQ(t, YearTotals{});
  EXPECT_EQ(store().records().FindById(id)->reject_reason, "证明材料不全");
  EXPECT_FALSE(store().records().SetStatus(id + 999, RecordStatus::kApproved, ""));
}

TEST_P(RecordContract, RollbackRestoresRecordsAndSummaries) {
  auto ids = SeedPersons(2);
  auto kept = TestRecord(ids[0], Ymd(2024, 2, 1), 5);
  store().records().Insert(std::span(&kept, 1));
  {
    auto uow = store().Begin();
    std::vector<records::LearningRecord> rs = {TestRecord(ids[0], Ymd(2024, 2, 2), 7),
                                               TestRecord(ids[1], Ymd(2024, 2, 2), 7)};
    store().records().Insert(rs);
    const int64_t kept_id = store().records().ListForPerson(ids[0], 2024)[0].id;
    store().records().SetStatus(kept_id, RecordStatus::kRejected, "x");
    // Reads inside the unit of work see its writes, flushed or not.
    EXPECT_EQ(store().summaries().Get(ids[0], 2024).Total(), Hours::FromWhole(7));
    EXPECT_EQ(store().summaries().Get(ids[1], 2024).Total(), Hours::FromWhole(7));
  }
  EXPECT_EQ(store().records().Count(), 1);
  EXPECT_EQ(store().summaries().Get(ids[0], 2024).Total(), Hours::FromWhole(5));
  EXPECT_TRUE(store().summaries().Get(ids[1], 2024).Total().IsZero());
  EXPECT_EQ(store().records().FindById(store().records().ListForPerson(ids[0], 0)[0].id)->status,
            RecordStatus::kApproved);
}

TEST_P(RecordContract, ForEachInYearCoversPersonsWithoutRecordsAndSeesOpenWork) {
  auto ids = SeedPersons(4);
  auto uow = store().Begin();
  std::vector<records::LearningRecord> rs = {TestRecord(ids[1], Ymd(2024, 1, 1), 3),
                                             TestRecord(ids[3], Ymd(2024, 12, 31), 4),
                                             TestRecord(ids[3], Ymd(2025, 1, 1), 99)};
  store().records().Insert(rs);
  std::vector<int64_t> seen;
  store().summaries().ForEachInYear(2024, {}, [&](const PersonFacts& f, const YearTotals& t) {
    seen.push_back(f.person_id);
    EXPECT_EQ(t, Expected(rs, f.person_id, 2024)) << f.person_id;
    EXPECT_FALSE(f.id_number.empty());
  });
  EXPECT_EQ(seen, ids);
  uow->Commit();
}

TEST_P(RecordContract, ForEachInYearAppliesEveryFilter) {
  SeedOrgs();
  std::vector<records::Person> ps = {
      TestPerson(1, employers_[0], "工程"), TestPerson(2, employers_[0], "卫生"),
      TestPerson(3, employers_[1], "工程", records::TitleLevel::kSenior),
      TestPerson(4, employers_[1], "教育", records::TitleLevel::kJunior)};
  // A person lies where their employer does; only one without an employer has a region of
  // their own (docs/architecture.md#a-persons-region).
  ps[1].employer_code.clear();
  ps[1].region_code = "510105";
  store().persons().Upsert(ps);
  auto count = [&](const PersonFilter& filter) {
    std::vector<std::string> names;
    store().summaries().ForEachInYear(2024, filter, [&](const PersonFacts& f, const YearTotals&) {
      names.push_back(f.name);
    });
    return names;
  };
  EXPECT_EQ(count({}).size(), 4u);
  EXPECT_EQ(count({.region_prefix = "51"}).size(), 2u);
  EXPECT_EQ(count({.region_prefix = "510105"}), std::vector<std::string>{"张2"});
  EXPECT_EQ(count({.region_prefix = "44"}).size(), 0u);
  EXPECT_EQ(count({.employer_code = employers_[1].code}),
            (std::vector<std::string>{"张3", "张4"}));
  EXPECT_EQ(count({.field = "工程"}), (std::vector<std::string>{"张1", "张3"}));
  EXPECT_EQ(count({.title_level = records::TitleLevel::kSenior}), std::vector<std::string>{"张3"});
  EXPECT_EQ(count({.region_prefix = "11", .field = "教育"}), std::vector<std::string>{"张4"});
  EXPECT_EQ(store().persons().Count({.field = "工程", .title_level = records::TitleLevel::kSenior}),
            1);
}

TEST_P(RecordContract, LargeUnitOfWorkKeepsEverySummary) {
  auto ids = SeedPersons(600);
  std::vector<records::LearningRecord> rs;
  for (size_t i = 0; i < ids.size() * 3; ++i) {
    rs.push_back(TestRecord(ids[i % ids.size()], Ymd(2023 + static_cast<int>(i % 2), 3, 1),
                            1 + static_cast<double>(i % 7), "课程" + std::to_string(i)));
  }
  auto uow = store().Begin();
  store().records().Insert(rs);
  EXPECT_EQ(store().summaries().Get(ids[5], 2024), Expected(rs, ids[5], 2024));
  uow->Commit();
  for (int64_t p : {ids[0], ids[299], ids[599]}) {
    for (int y : {2023, 2024}) EXPECT_EQ(store().summaries().Get(p, y), Expected(rs, p, y));
  }
}

TEST_P(RecordContract, RebuildEqualsIncremental) {
  auto ids = SeedPersons(20);
  std::mt19937 rng(7);
  std::vector<records::LearningRecord> rs;
  for (int i = 0; i < 400; ++i) {
    auto r = TestRecord(ids[rng() % ids.size()], Ymd(2023 + static_cast<int>(rng() % 2),
                                                     1 + static_cast<int>(rng() % 12), 1),
                        1 + rng() % 40, "课程" + std::to_string(i));
    r.category = static_cast<Category>(rng() % 2);
    r.form = static_cast<Form>(rng() % records::kFormCount);
    r.status = static_cast<RecordStatus>(rng() % 3);
    rs.push_back(r);
  }
  {
    auto uow = store().Begin();
    store().records().Insert(std::span(rs).first(200));
    uow->Commit();
  }
  store().records().Insert(std::span(rs).subspan(200));
  for (int64_t p : {ids[0], ids[5]}) {
    for (const auto& r : store().records().ListForPerson(p, 0)) {
      store().records().SetStatus(r.id, RecordStatus::kApproved, "");
    }
  }
  const auto incremental = Snapshot(2023, 2024);
  store().summaries().Rebuild();
  EXPECT_EQ(Snapshot(2023, 2024), incremental);
  int64_t total = 0;
  for (const auto& [key, t] : incremental) total += t.approved_records;
  EXPECT_GT(total, 100);
}

}  // namespace
}  // namespace jixu::storage::testing
