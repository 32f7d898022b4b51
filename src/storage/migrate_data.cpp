#include "storage/migrate_data.hpp"

#include <set>
#include <unordered_map>

#include "core/common/error.hpp"

namespace jixu::storage {
namespace {

// Rows per write call: large enough for COPY to pay off, small enough to bound memory.
constexpr size_t kPersonBatch = 20000;
constexpr size_t kRecordBatch = 50000;
constexpr int64_t kProgressEvery = 10000;

// FNV-1a 64 over a canonical serialisation of a row; a table's checksum is the sum of its row
// hashes (mod 2^64), which does not depend on the order the backend returns rows in.
class RowHash {
 public:
  RowHash& Add(std::string_view s) {
    for (unsigned char c : s) Mix(c);
    Mix(0x1f);  // field separator: ("ab","c") and ("a","bc") differ
    return *this;
  }
  RowHash& Add(int64_t v) {
    for (int i = 0; i < 8; ++i) Mix(static_cast<unsigned char>(static_cast<uint64_t>(v) >> (8 * i)));
    Mix(0x1f);
    return *this;
  }
  RowHash& Add(const std::optional<Date>& d) { return d ? Add(int64_t{d->days()}) : Add("null"); }
  uint64_t value() const { return h_; }

 private:
  void Mix(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ULL;
  }
  uint64_t h_ = 14695981039346656037ULL;
};

void Count(TableDigest& d, const RowHash& h) {
  ++d.rows;
  d.checksum += h.value();
}

uint64_t HashPerson(const PersonFacts& p) {
  return RowHash().Add(p.id_number).Add(p.name).Add(p.employer_code).Add(p.region_code)
      .Add(p.field).Add(static_cast<int64_t>(p.title_level)).Add(p.title_since).Add(p.joined)
      .value();
}

RowHash HashRecord(std::string_view id_number, const records::LearningRecord& r) {
  RowHash h;
  h.Add(id_number).Add(int64_t{r.date.days()}).Add(static_cast<int64_t>(r.category));
  h.Add(static_cast<int64_t>(r.form)).Add(r.hours.centi()).Add(r.provider_code);
  h.Add(r.provider_name).Add(r.title).Add(r.source_id).Add(static_cast<int64_t>(r.status));
  h.Add(r.reject_reason).Add(static_cast<int64_t>(r.origin)).Add(r.topic).Add(r.activity);
  h.Add(r.course_code);
  return h;
}

std::vector<PersonFacts> AllPersons(Store& store) {
  std::vector<PersonFacts> out;
  // Collected first: the ForEach callback must not call back into the store.
  store.persons().ForEach({}, [&](const PersonFacts& p) { out.push_back(p); });
  return out;
}

void Report(const MigrateProgressFn& progress, std::string_view phase, std::string_view table,
            int64_t done, int64_t total) {
  if (progress) progress({phase, table, done, total});
}

}  // namespace

std::vector<TableDigest> DigestStore(Store& store, const MigrateProgressFn& progress) {
  TableDigest employers{"employers"}, providers{"providers"}, persons{"persons"};
  TableDigest titles{"title_changes"}, learning{"learning_records"}, exempt{"exemptions"};
  TableDigest summaries{"person_year_totals"};
  const std::string_view phase = "verify";
  for (const auto& e : store.employers().List("")) {
    Count(employers, RowHash().Add(e.code).Add(e.name).Add(e.region_code)
                         .Add(static_cast<int64_t>(e.type)).Add(e.industry));
  }
  for (const auto& p : store.providers().List("")) {
    Count(providers, RowHash().Add(p.code).Add(p.name).Add(p.region_code)
                         .Add(static_cast<int64_t>(p.type)));
  }
  const std::vector<PersonFacts> all = AllPersons(store);
  std::unordered_map<int64_t, std::string_view> id_numbers;
  std::set<int> years;
  for (size_t i = 0; i < all.size(); ++i) {
    const PersonFacts& p = all[i];
    id_numbers.emplace(p.person_id, p.id_number);
    ++persons.rows;
    persons.checksum += HashPerson(p);
    for (const auto& t : store.persons().TitleHistory(p.person_id)) {
      Count(titles, RowHash().Add(p.id_number).Add(static_cast<int64_t>(t.level))
                        .Add(int64_t{t.since.days()}));
    }
    for (const auto& r : store.records().ListForPerson(p.person_id, 0)) {
      Count(learning, HashRecord(p.id_number, r));
      years.insert(r.date.year());
    }
    for (const auto& x : store.exemptions().ListForPerson(p.person_id)) {
      Count(exempt, RowHash().Add(p.id_number).Add(static_cast<int64_t>(x.kind))
                        .Add(int64_t{x.from.days()}).Add(int64_t{x.to.days()})
                        .Add(int64_t{x.approved}).Add(x.note));
    }
    if ((i + 1) % kProgressEvery == 0) Report(progress, phase, "persons", i + 1, all.size());
  }
  for (int year : years) {
    store.summaries().ForEachInYear(year, {}, [&](const PersonFacts& p,
                                                  const records::YearTotals& t) {
      if (t == records::YearTotals{}) return;
      RowHash h;
      h.Add(p.id_number).Add(int64_t{year}).Add(int64_t{t.approved_records});
      h.Add(t.pending.centi());
      for (const Hours& b : t.approved) h.Add(b.centi());
      Count(summaries, h);
    });
  }
  return {employers, providers, persons, titles, learning, exempt, summaries};
}

namespace {

void CheckEmpty(Store& to) {
  if (to.employers().Count() > 0 || to.providers().Count() > 0 || to.persons().Count({}) > 0 ||
      to.records().Count() > 0) {
    throw Fault("target_not_empty", "migrate-data needs an empty target store");
  }
}

/// Persons in source id order, written in batches; returns source id → target id.
std::unordered_map<int64_t, int64_t> CopyPersons(Store& to, const std::vector<PersonFacts>& all,
                                                 const MigrateProgressFn& progress) {
  std::vector<records::Person> batch;
  for (size_t i = 0; i < all.size(); ++i) {
    const PersonFacts& f = all[i];
    batch.push_back({0, f.id_number, f.name, f.employer_code, f.region_code, f.field,
                     f.title_level, f.title_since, f.joined});
    if (batch.size() == kPersonBatch || i + 1 == all.size()) {
      to.persons().Upsert(batch);
      batch.clear();
      Report(progress, "copy", "persons", i + 1, all.size());
    }
  }
  std::unordered_map<std::string, int64_t> target_ids;
  target_ids.reserve(all.size());
  to.persons().ForEachIdNumber(
      [&](std::string_view id_number, int64_t id) { target_ids.emplace(id_number, id); });
  std::unordered_map<int64_t, int64_t> map;
  map.reserve(all.size());
  for (const PersonFacts& f : all) map.emplace(f.person_id, target_ids.at(f.id_number));
  return map;
}

/// Every person's title changes, records and exemptions, person_id remapped.
void CopyPersonRows(Store& from, Store& to, const std::vector<PersonFacts>& all,
                    const std::unordered_map<int64_t, int64_t>& ids,
                    const MigrateProgressFn& progress) {
  std::vector<records::LearningRecord> batch;
  auto flush = [&] {
    if (!batch.empty()) to.records().Insert(batch);
    batch.clear();
  };
  for (size_t i = 0; i < all.size(); ++i) {
    const int64_t source_id = all[i].person_id;
    const int64_t target_id = ids.at(source_id);
    for (auto t : from.persons().TitleHistory(source_id)) {
      t.person_id = target_id;
      to.persons().AddTitleChange(t);
    }
    for (auto& r : from.records().ListForPerson(source_id, 0)) {
      r.id = 0;
      r.person_id = target_id;
      batch.push_back(std::move(r));
    }
    if (batch.size() >= kRecordBatch) flush();
    for (auto x : from.exemptions().ListForPerson(source_id)) {
      x.id = 0;
      x.person_id = target_id;
      to.exemptions().Add(x);
    }
    if ((i + 1) % kProgressEvery == 0) Report(progress, "copy", "records", i + 1, all.size());
  }
  flush();
}

std::string Mismatches(const MigrateReport& report) {
  std::string out;
  for (size_t i = 0; i < report.source.size() && i < report.target.size(); ++i) {
    const TableDigest& s = report.source[i];
    const TableDigest& t = report.target[i];
    if (s == t) continue;
    out += " " + s.table + ": source " + std::to_string(s.rows) + " rows, target " +
           std::to_string(t.rows) + " rows" + (s.checksum != t.checksum ? ", checksums differ;" : ";");
  }
  return out;
}

}  // namespace

MigrateReport MigrateData(Store& from, Store& to, const MigrateProgressFn& progress) {
  CheckEmpty(to);
  auto uow = to.Begin();
  to.employers().Upsert(from.employers().List(""));
  Report(progress, "copy", "employers", to.employers().Count(), 0);
  to.providers().Upsert(from.providers().List(""));
  Report(progress, "copy", "providers", to.providers().Count(), 0);
  const std::vector<PersonFacts> all = AllPersons(from);
  const auto ids = CopyPersons(to, all, progress);
  CopyPersonRows(from, to, all, ids, progress);

  MigrateReport report;
  auto tagged = [&](std::string_view phase) {
    return [&, phase](const MigrateProgress& p) {
      if (progress) progress({phase, p.table, p.done, p.total});
    };
  };
  report.source = DigestStore(from, tagged("verify-source"));
  report.target = DigestStore(to, tagged("verify-target"));  // sees the open unit's rows
  if (!report.ok()) {
    throw Fault("migration_mismatch",
                "migrate-data: target differs from source, nothing committed:" +
                    Mismatches(report));
  }
  uow->Commit();
  return report;
}

}  // namespace jixu::storage
