// Contract (issue 16): list totals are counted up to kExactTotalLimit rows, and pages read by
// key walk the same rows as page numbers — every backend.
#include <gtest/gtest.h>

#include "core/storage/list_repos.hpp"
#include "storage/contract_fixture.hpp"

namespace jixu::storage::testing {
namespace {

class ListContract : public StoreContract {
 protected:
  KeysetRepository& keys() { return dynamic_cast<KeysetSource&>(store()).keyset(); }
};
JIXU_INSTANTIATE_FOR_BACKENDS(ListContract);

TEST_P(ListContract, TotalsStopCountingPastTheLimit) {
  auto ids = SeedPersons(3);
  std::vector<records::LearningRecord> batch;
  for (int i = 0; i < kExactTotalLimit + 50; ++i) {
    batch.push_back(TestRecord(ids[static_cast<size_t>(i % 3)], Ymd(2024, 1 + i % 12, 1 + i % 28),
                               1, "课程" + std::to_string(i)));
  }
  {
    auto uow = store().Begin();
    store().records().Insert(batch);
    uow->Commit();
  }
  RecordQuery all;
  Page page;
  auto rows = store().queries().Records(all, page);
  EXPECT_EQ(rows.total, kExactTotalLimit + 1);
  EXPECT_FALSE(TotalIsExact(rows.total));
  EXPECT_EQ(rows.items.size(), 20u);
  RecordQuery one;
  one.person_id = ids[0];
  one.year = 2024;
  rows = store().queries().Records(one, page);
  EXPECT_TRUE(TotalIsExact(rows.total));
  EXPECT_EQ(rows.total, (kExactTotalLimit + 50 + 2) / 3);
}

TEST_P(ListContract, KeysWalkTheRowsPageNumbersDo) {
  auto ids = SeedPersons(25);
  std::vector<records::LearningRecord> batch;
  for (int i = 0; i < 60; ++i) {
    batch.push_back(TestRecord(ids[static_cast<size_t>(i % 25)], Ymd(2024, 3, 1 + i % 28), 2,
                               "课 " + std::to_string(i)));
  }
  store().records().Insert(batch);
  PersonQuery in_one;  // alternate persons work for employer 1
  in_one.employer_code = employers_[0].code;
  std::vector<int64_t> by_number, by_key;
  for (Page p{0, 4}; ; p.offset += 4) {
    auto rows = store().queries().Persons(in_one, p);
    for (const auto& r : rows.items) by_number.push_back(r.id);
    if (rows.items.size() < 4) break;
  }
  for (int64_t after = 0;;) {
    auto rows = keys().PersonsAfter(in_one, after, 4);
    EXPECT_EQ(rows.total, 13);
    for (const auto& r : rows.items) by_key.push_back(r.id);
    if (rows.items.size() < 4) break;
    after = rows.items.back().id;
  }
  EXPECT_EQ(by_key.size(), 13u);
  EXPECT_EQ(by_key, by_number);
  RecordQuery q;
  q.employer_code = employers_[1].code;
  std::vector<int64_t> rec_number, rec_key;
  for (Page p{0, 7}; ; p.offset += 7) {
    auto rows = store().queries().Records(q, p);
    for (const auto& r : rows.items) rec_number.push_back(r.record.id);
    if (rows.items.size() < 7) break;
  }
  for (int64_t after = 0;;) {
    auto rows = keys().RecordsAfter(q, after, 7);
    for (const auto& r : rows.items) rec_key.push_back(r.record.id);
    if (rows.items.size() < 7) break;
    after = rows.items.back().record.id;
  }
  EXPECT_FALSE(rec_key.empty());
  EXPECT_EQ(rec_key, rec_number);
}

}  // namespace
}  // namespace jixu::storage::testing
