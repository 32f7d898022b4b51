// Per-person-year summaries: point lookup, the whole-population stream, and rebuild.
#include <string>

#include "storage/sqlite/sqlite_repos.hpp"

namespace jixu::storage::sqlite {
namespace {

constexpr const char* kGetSql =
    "SELECT totals FROM person_year_totals WHERE year = ?1 AND person_id = ?2";

}  // namespace

records::YearTotals SqliteSummaries::Get(int64_t person_id, int year) {
  SummarySlots slots{};
  {
    auto q = conn_.db.Prepare(kGetSql);
    q.Bind(1, int64_t{year}).Bind(2, person_id);
    if (q.Step()) slots = DecodeSlots(q.Blob(0));
  }
  // Changes of the open transaction not yet flushed (see SummaryBuffer).
  if (const SummarySlots* pending = conn_.summaries.Find(person_id, year)) {
    AddSlots(slots, *pending);
  }
  return ToYearTotals(slots);
}

void SqliteSummaries::ForEachInYear(
    int year, const PersonFilter& filter,
    const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) {
  // The buffer is only non-empty inside an open transaction, so flushing here is part of it.
  conn_.summaries.Flush(conn_.db);
  if (!filter.employer_code.empty()) {
    // One employer is a few hundred persons at most: point lookups beat scanning the year.
    ForEachByLookup(year, filter, fn);
    return;
  }
  // Two ordered scans merged in C++: persons by id, the year's summaries by person_id (the
  // table's key order). Persons without a summary row get zero totals.
  auto persons = conn_.db.Prepare(PersonFactsSql(filter, kPersonFactsColumns) + " ORDER BY id");
  BindPersonFilter(persons, filter, 1);
  auto sums = conn_.db.Prepare(
      "SELECT person_id, totals FROM person_year_totals WHERE year = ?1 ORDER BY person_id");
  sums.Bind(1, int64_t{year});
  bool have_sum = sums.Step();
  PersonFacts facts;
  const records::YearTotals zero;
  while (persons.Step()) {
    ReadPersonFacts(persons, facts, *conn_.keys);
    while (have_sum && sums.Int(0) < facts.person_id) have_sum = sums.Step();
    if (have_sum && sums.Int(0) == facts.person_id) {
      fn(facts, ToYearTotals(DecodeSlots(sums.Blob(1))));
    } else {
      fn(facts, zero);
    }
  }
}

void SqliteSummaries::ForEachByLookup(
    int year, const PersonFilter& filter,
    const std::function<void(const PersonFacts&, const records::YearTotals&)>& fn) {
  auto persons = conn_.db.Prepare(PersonFactsSql(filter, kPersonFactsColumns) + " ORDER BY id");
  BindPersonFilter(persons, filter, 1);
  auto get = conn_.db.Prepare(kGetSql);
  PersonFacts facts;
  while (persons.Step()) {
    ReadPersonFacts(persons, facts, *conn_.keys);
    SummarySlots slots{};
    get.Bind(1, int64_t{year}).Bind(2, facts.person_id);
    if (get.Step()) slots = DecodeSlots(get.Blob(0));
    get.Reset();
    fn(facts, ToYearTotals(slots));
  }
}

void SqliteSummaries::Rebuild() {
  WriteTx tx(conn_);
  // The records are the truth: buffered changes are recomputed from them like everything else.
  conn_.summaries.Clear();
  conn_.db.Exec("DELETE FROM person_year_totals");
  {
    auto q = conn_.db.Prepare(
        "SELECT person_id, year, category, form, status, centi_hours FROM learning_records");
    records::LearningRecord r;
    while (q.Step()) {
      r.category = static_cast<records::Category>(q.Int(2));
      r.form = static_cast<records::Form>(q.Int(3));
      r.status = static_cast<records::RecordStatus>(q.Int(4));
      r.hours = Hours::FromCenti(q.Int(5));
      conn_.summaries.Add(q.Int(0), static_cast<int>(q.Int(1)), r, +1);
      if (conn_.summaries.full()) conn_.summaries.Flush(conn_.db);
    }
  }
  tx.Commit();
}

}  // namespace jixu::storage::sqlite
