// Property test (issue 16): after random sequences of imports, declarations, reviews,
// withdrawals, transfers, title changes, new persons and exemptions, the statistics cells kept in
// step with the writes (marks set by the migration-12 triggers, refreshed incrementally) equal a
// brute-force recount from a population scan — on SQLite and PostgreSQL, with a fixed seed.
#include "app/statistics_cells.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <tuple>

#include "app/data_files.hpp"
#include "storage/factory.hpp"
#include "storage/store_fixtures.hpp"
#include "support/test_database.hpp"

namespace jixu::app {
namespace {

namespace fs = std::filesystem;
using storage::StatCell;
using storage::testing::TestEmployer;
using storage::testing::TestPerson;
using storage::testing::TestRecord;
using storage::testing::Ymd;

/// The shipped policies plus one that makes Sichuan use the credit rules with carry-over (its
/// results look back a year, so marks must reach the following years too).
policy::PolicySet TestPolicies() {
  const fs::path dir = fs::path(JIXU_SOURCE_DIR) / "policies";
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".toml") {
      files.emplace_back(e.path().filename().string(), ReadFile(e.path()));
    }
  }
  files.emplace_back("zz-sichuan.toml", R"(
id = "test-sichuan-credits"
extends = "example-province-credits"
[scope]
region_prefix = "51"
from_year = 2020
auto_select = true
)");
  std::sort(files.begin(), files.end());
  auto set = policy::PolicySet::Load(files);
  if (!set) throw std::runtime_error(set.error().message_en);
  return std::move(set).value();
}

using CellKey = std::tuple<std::string, std::string, std::string, int, int>;

std::map<CellKey, StatCell> ByGroup(const std::vector<StatCell>& cells) {
  std::map<CellKey, StatCell> out;
  for (const auto& c : cells) {
    auto [it, fresh] = out.emplace(CellKey{c.region_code, c.employer_code, c.field,
                                           c.title_level, c.status}, c);
    EXPECT_TRUE(fresh) << "two cells of one group: " << c.employer_code << " " << c.field;
  }
  return out;
}

void ExpectSameCells(const std::vector<StatCell>& kept, const std::vector<StatCell>& recount,
                     const std::string& context) {
  const auto a = ByGroup(kept), b = ByGroup(recount);
  ASSERT_EQ(a.size(), b.size()) << context;
  for (const auto& [key, want] : b) {
    auto it = a.find(key);
    ASSERT_NE(it, a.end()) << context << ": missing cell of " << std::get<1>(key) << "/"
                           << std::get<2>(key) << " status " << std::get<4>(key);
    const StatCell& got = it->second;
    EXPECT_EQ(got.persons, want.persons) << context << " " << std::get<1>(key);
    EXPECT_EQ(got.approved, want.approved) << context << " " << std::get<1>(key);
    EXPECT_EQ(got.counted_professional, want.counted_professional) << context;
    EXPECT_EQ(got.counted_public, want.counted_public) << context;
  }
}

class StatisticsCellsProperty : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    dir_ = fs::temp_directory_path() /
           ("jixu-stats-" + std::to_string(::getpid()) + "-" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<testing::TestDatabase>(GetParam(), dir_);
    store_ = storage::OpenStore(db_->Config());
    policies_ = std::make_unique<policy::PolicySet>(TestPolicies());
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  /// Writes on the same store, each in its own unit of work (as the server's writer commits).
  StatisticsCells::Writer Writer() {
    return [this](const std::function<void(storage::Store&)>& fn) {
      auto uow = store_->Begin();
      fn(*store_);
      uow->Commit();
    };
  }

  fs::path dir_;
  std::unique_ptr<testing::TestDatabase> db_;
  storage::StorePtr store_;
  std::unique_ptr<policy::PolicySet> policies_;
};

TEST_P(StatisticsCellsProperty, KeptCellsEqualARecountAfterRandomWrites) {
  auto& s = *store_;
  // Sichuan (credit rules with carry-over) and Beijing (the national default) employers.
  std::vector<records::Employer> employers = {TestEmployer(1, "510104"), TestEmployer(2, "510104"),
                                              TestEmployer(3, "510105"), TestEmployer(4, "110105"),
                                              TestEmployer(5, "110105")};
  employers[1].industry = "卫生";
  s.employers().Upsert(employers);
  const std::vector<std::string> fields = {"工程", "卫生", "教育"};
  const std::vector<records::TitleLevel> titles = {records::TitleLevel::kJunior,
                                                   records::TitleLevel::kIntermediate,
                                                   records::TitleLevel::kSenior};
  std::mt19937 rng(16);  // fixed seed: the same sequence on every run and backend
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  int next_person = 1;
  auto new_persons = [&](int n) {
    std::vector<records::Person> ps;
    for (int i = 0; i < n; ++i) {
      auto p = TestPerson(next_person++, employers[pick(employers.size())], fields[pick(3)],
                          titles[pick(3)]);
      if (pick(6) == 0) {  // no employer: counted under their county
        p.employer_code.clear();
        p.region_code = pick(2) ? "510104" : "110105";
      }
      if (pick(4) == 0) p.joined = Ymd(2024, 1 + static_cast<int>(pick(12)), 1);
      ps.push_back(std::move(p));
    }
    s.persons().Upsert(ps);
  };
  new_persons(40);
  auto all_persons = [&] {
    std::vector<storage::PersonFacts> out;
    s.persons().ForEach({}, [&](const storage::PersonFacts& f) { out.push_back(f); });
    return out;
  };
  auto random_record = [&](int64_t person_id, records::RecordStatus status) {
    const int year = 2023 + static_cast<int>(pick(3));
    auto r = TestRecord(person_id, Ymd(year, 1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28))),
                        static_cast<double>(1 + pick(40)), "课程" + std::to_string(rng()));
    r.category = pick(3) == 0 ? records::Category::kPublic : records::Category::kProfessional;
    r.form = static_cast<records::Form>(pick(records::kFormCount));
    r.status = status;
    r.origin = status == records::RecordStatus::kPending ? records::Origin::kSelf
                                                         : records::Origin::kImport;
    return r;
  };

  auto clock = std::make_shared<FixedClock>(Ymd(2025, 6, 15));
  ComplianceService svc(s, *policies_, clock);
  StatisticsCells cells(s, *policies_, clock, "policies-1", Writer());
  const std::vector<int> years = {2023, 2024, 2025};
  std::map<std::string, int> outcomes;
  auto check = [&](const std::string& context) {
    for (int y : years) {
      ++outcomes[cells.Refresh(y)];
      std::vector<StatCell> kept;
      cells.ForEach(y, {}, [&](const StatCell& c) { kept.push_back(c); });
      ExpectSameCells(kept, StatisticsCells::Recount(svc, y), context + " year " + std::to_string(y));
    }
  };
  check("empty years");

  std::vector<int64_t> pending;
  for (int step = 0; step < 120 && !HasFatalFailure(); ++step) {
    const auto persons = all_persons();
    const auto& who = persons[pick(persons.size())];
    std::string op;
    switch (pick(8)) {
      case 0: {  // a bulk import: records of many persons, some years at once
        op = "import";
        std::vector<records::LearningRecord> batch;
        for (int i = 0; i < 30; ++i) {
          batch.push_back(random_record(persons[pick(persons.size())].person_id,
                                        records::RecordStatus::kApproved));
        }
        auto uow = s.BeginVerified();
        s.records().Insert(batch);
        uow->Commit();
        break;
      }
      case 1: {  // a declaration, waiting for review
        op = "declare";
        auto r = random_record(who.person_id, records::RecordStatus::kPending);
        s.records().Insert(std::span(&r, 1));
        for (const auto& x : s.records().ListForPerson(who.person_id, 0)) {
          if (x.status == records::RecordStatus::kPending &&
              std::find(pending.begin(), pending.end(), x.id) == pending.end()) {
            pending.push_back(x.id);
          }
        }
        break;
      }
      case 2:  // a review decides (approve or reject) or the person withdraws (rejected too)
      case 3: {
        if (pending.empty()) continue;
        const size_t i = pick(pending.size());
        const bool approve = pick(2) == 0;
        op = approve ? "approve" : "reject/withdraw";
        s.records().SetStatus(pending[i], approve ? records::RecordStatus::kApproved
                                                  : records::RecordStatus::kRejected,
                              approve ? "" : "本人撤回");
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
      case 4: {  // a transfer to another employer (its region), or out of any employer
        op = "transfer";
        auto p = *s.persons().FindById(who.person_id);
        if (pick(5) == 0) {
          p.employer_code.clear();
        } else {
          const auto& e = employers[pick(employers.size())];
          p.employer_code = e.code;
          p.region_code = e.region_code;
        }
        s.persons().Upsert(std::span(&p, 1));
        break;
      }
      case 5: {  // an exemption, approved now or later
        op = "exemption";
        records::Exemption e;
        e.person_id = who.person_id;
        e.kind = static_cast<records::ExemptionKind>(pick(2));
        const int year = 2023 + static_cast<int>(pick(3));
        e.from = Ymd(year, 1 + static_cast<int>(pick(6)), 1);
        e.to = Ymd(year, 7 + static_cast<int>(pick(6)), 28);
        e.approved = pick(2) == 0;
        const int64_t id = s.exemptions().Add(e);
        if (!e.approved && pick(2) == 0) {
          storage::ExemptionReview review;
          review.exemption_id = id;
          review.person_id = who.person_id;
          s.exemption_reviews().Create(review);
          s.exemption_reviews().Decide(id, storage::RequestStatus::kApproved, "authority", 1, "");
        }
        break;
      }
      case 6: {  // a title or field change, or new persons
        if (pick(2) == 0) {
          op = "title";
          auto p = *s.persons().FindById(who.person_id);
          p.title_level = titles[pick(3)];
          if (pick(3) == 0) p.field = fields[pick(3)];
          s.persons().Upsert(std::span(&p, 1));
        } else {
          op = "new persons";
          new_persons(1 + static_cast<int>(pick(4)));
        }
        break;
      }
      default: {  // several writes in one unit of work
        op = "unit";
        auto uow = s.Begin();
        auto r = random_record(who.person_id, records::RecordStatus::kApproved);
        s.records().Insert(std::span(&r, 1));
        auto p = *s.persons().FindById(who.person_id);
        const auto& e = employers[pick(employers.size())];
        p.employer_code = e.code;
        p.region_code = e.region_code;
        s.persons().Upsert(std::span(&p, 1));
        uow->Commit();
        break;
      }
    }
    // Reading only now and then lets marks of several writes pile up between refreshes.
    if (pick(3) == 0) check("step " + std::to_string(step) + " (" + op + ")");
  }
  check("the end");
  EXPECT_GT(outcomes["refreshed"], 10) << "the incremental path must be the usual one";

  // Scoped reads sum the same persons as a scoped scan.
  storage::PersonFilter sichuan;
  sichuan.region_prefix = "51";
  sichuan.field = "工程";
  int64_t kept = 0, scanned = 0;
  cells.ForEach(2025, sichuan, [&](const StatCell& c) { kept += c.persons; });
  for (const auto& c : StatisticsCells::Recount(svc, 2025, sichuan)) scanned += c.persons;
  EXPECT_EQ(kept, scanned);
  storage::PersonFilter health;
  health.industry = "卫生";
  kept = scanned = 0;
  cells.ForEach(2025, health, [&](const StatCell& c) { kept += c.persons; });
  for (const auto& c : StatisticsCells::Recount(svc, 2025, health)) scanned += c.persons;
  EXPECT_EQ(kept, scanned);
  EXPECT_GT(kept, 0);

  // Today crossing 2025's deadline turns in-progress persons into not compliant: rebuilt.
  auto later = std::make_shared<FixedClock>(Ymd(2026, 7, 1));
  ComplianceService svc_later(s, *policies_, later);
  StatisticsCells cells_later(s, *policies_, later, "policies-1", Writer());
  EXPECT_NE(cells_later.Stamp(2025), cells.Stamp(2025));
  EXPECT_EQ(cells_later.Refresh(2025), "built");
  std::vector<StatCell> after;
  cells_later.ForEach(2025, {}, [&](const StatCell& c) { after.push_back(c); });
  ExpectSameCells(after, StatisticsCells::Recount(svc_later, 2025), "after the deadline");
  // Other policies: rebuilt too.
  StatisticsCells cells_other(s, *policies_, later, "policies-2", Writer());
  EXPECT_EQ(cells_other.Refresh(2025), "built");
  EXPECT_EQ(cells_other.Refresh(2025), "fresh");
}

INSTANTIATE_TEST_SUITE_P(Backends, StatisticsCellsProperty,
                         ::testing::ValuesIn(::jixu::testing::TestBackends()),
                         ::jixu::testing::BackendParamName);

}  // namespace
}  // namespace jixu::app
