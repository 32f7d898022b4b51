#include "app/statistics_cells.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "core/common/error.hpp"

namespace jixu::app {
namespace {

storage::StatUnit UnitOf(const records::Person& p) {
  storage::StatUnit u;
  if (p.employer_code.empty()) u.region_code = p.region_code;
  u.employer_code = p.employer_code;
  u.field = p.field;
  u.title_level = static_cast<int>(p.title_level);
  return u;
}

}  // namespace

void StatisticsCells::Add(CellMap& cells, const storage::PersonFacts& p,
                          const records::YearTotals& t, const compliance::YearResult& r) {
  const int title = static_cast<int>(p.title_level);
  const int status = static_cast<int>(r.status);
  storage::StatCell& c = cells[Key{p.region_code, p.employer_code, p.field, title, status}];
  if (c.persons == 0) {
    c.region_code = p.region_code;
    c.employer_code = p.employer_code;
    c.field = p.field;
    c.title_level = title;
    c.status = status;
  }
  ++c.persons;
  for (size_t b = 0; b < c.approved.size(); ++b) c.approved[b] += t.approved[b].centi();
  c.counted_professional += r.professional_hours.centi();
  c.counted_public += r.public_hours.centi();
}

std::vector<storage::StatCell> StatisticsCells::Cells(CellMap&& map) {
  std::vector<storage::StatCell> out;
  out.reserve(map.size());
  for (auto& [key, cell] : map) out.push_back(std::move(cell));
  return out;
}

std::vector<storage::StatCell> StatisticsCells::Recount(ComplianceService& svc, int year,
                                                        const storage::PersonFilter& filter) {
  CellMap cells;
  svc.ForEachInYearWithTotals(year, filter,
                              [&](const storage::PersonFacts& p, const records::YearTotals& t,
                                  const compliance::YearResult& r) { Add(cells, p, t, r); });
  return Cells(std::move(cells));
}

std::string StatisticsCells::Stamp(int year) const {
  std::set<int> graces;
  for (const auto& p : policies_.all()) graces.insert(p->rules().grace_months);
  std::string stamp = digest_ + ":";
  const Date today = clock_->Today();
  for (int g : graces) {
    stamp += today <= compliance::Deadline(YearEnd(year), g) ? '1' : '0';
  }
  return stamp;
}

storage::StatisticsRepository* StatisticsOf(storage::Store& store) {
  auto* source = dynamic_cast<storage::StatisticsSource*>(&store);
  return source == nullptr ? nullptr : &source->statistics();
}

void StatisticsCells::FreshReads() {
  // A write unit on the reading store ends its read snapshot (Store::ReadSnapshot); rolled back
  // at once, it writes nothing.
  reader_.Begin().reset();
}

bool StatisticsCells::Rebuild(int year) {
  int64_t generation = 0;
  try {
    write_([&](storage::Store& w) { generation = StatisticsOf(w)->BeginYear(year); });
  } catch (const Fault&) {
    return false;  // PostgreSQL: a bulk import holds the tables; nothing begun
  }
  // The scan must start after that commit: a write before it is in the scan, one after it is
  // marked (and re-evaluated by the next refresh if the scan saw it too).
  FreshReads();
  ComplianceService svc(reader_, policies_, clock_);
  auto cells = Recount(svc, year);
  // Someone beginning the year again meanwhile makes this write a no-op; their cells will do.
  write_([&](storage::Store& w) { StatisticsOf(w)->WriteYear(year, generation, cells, Stamp(year)); });
  FreshReads();
  return true;
}

bool StatisticsCells::Reevaluate(storage::Store& w, int year) {
  storage::StatisticsRepository& repo = *StatisticsOf(w);
  const std::vector<storage::StatDirty> dirty = repo.Dirty(year, kMaxDirty);
  if (dirty.empty()) return true;
  if (dirty.size() > kMaxDirty) return false;
  // Each marked person's group — employer (or county, without one), field and title level — is
  // re-evaluated whole: where the cells count them now (moved: their old group) and where they
  // are now.
  std::set<storage::StatUnit> units;
  for (const storage::StatDirty& d : dirty) {
    if (d.moved) units.insert(d.old_unit);
    if (auto p = w.persons().FindById(d.person_id)) {
      units.insert(UnitOf(*p));
    }
  }
  std::vector<storage::PersonFacts> persons;
  for (const storage::StatUnit& u : units) {
    storage::PersonFilter f;
    if (!u.employer_code.empty()) {
      f.employer_code = u.employer_code;
    } else {
      f.region_prefix = u.region_code;
    }
    f.field = u.field;
    f.title_level = static_cast<records::TitleLevel>(u.title_level);
    w.persons().ForEach(f, [&](const storage::PersonFacts& p) {
      if (u.employer_code.empty() && (!p.employer_code.empty() || p.region_code != u.region_code)) {
        return;
      }
      persons.push_back(p);
    });
    if (persons.size() > kMaxReevaluated) return false;
  }
  CellMap cells;
  ComplianceService svc(w, policies_, clock_);
  svc.EvaluateInYear(year, persons,
                     [&](const storage::PersonFacts& p, const records::YearTotals& t,
                         const compliance::YearResult& r) { Add(cells, p, t, r); });
  repo.WriteUnits(year, std::vector<storage::StatUnit>(units.begin(), units.end()),
                  Cells(std::move(cells)), dirty);
  return true;
}

std::string StatisticsCells::Refresh(int year) {
  storage::StatisticsRepository& repo = *StatisticsOf(reader_);
  const auto state = repo.Year(year);
  if (!state || !state->ready || state->stamp != Stamp(year)) {
    return Rebuild(year) ? "built" : "unavailable";
  }
  if (!repo.HasDirty(year)) return "fresh";
  bool done = false;
  write_([&](storage::Store& w) { done = Reevaluate(w, year); });
  if (!done) return Rebuild(year) ? "built" : "unavailable";
  FreshReads();
  return "refreshed";
}

void StatisticsCells::ForEach(int year, const storage::PersonFilter& filter,
                              const std::function<void(const storage::StatCell&)>& fn) {
  if (filter.region_prefix == "x") return;  // a scope disjoint from the region asked
  std::unordered_set<std::string> industry_employers;
  if (!filter.industry.empty()) {
    for (const auto& e : reader_.employers().List(filter.region_prefix)) {
      if (e.industry == filter.industry) industry_employers.insert(e.code);
    }
  }
  const int title = filter.title_level ? static_cast<int>(*filter.title_level) : -1;
  std::vector<storage::StatCell> matched;
  StatisticsOf(reader_)->ForEachCell(year, filter.region_prefix, filter.employer_code,
                    [&](const storage::StatCell& c) {
                      if (c.region_code.rfind(filter.region_prefix, 0) != 0) return;
                      if (!filter.field.empty() && c.field != filter.field) return;
                      if (title >= 0 && c.title_level != title) return;
                      if (!filter.industry.empty() && !industry_employers.contains(c.employer_code)) {
                        return;
                      }
                      matched.push_back(c);
                    });
  // Handed out after the query: `fn` may use the store.
  for (const auto& c : matched) fn(c);
}

}  // namespace jixu::app
