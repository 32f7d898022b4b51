// Persons: upsert by resident ID, filtered streaming in id order, title history.
#include <string>
#include <unordered_map>

#include "core/common/error.hpp"
#include "storage/sqlite/sqlite_repos.hpp"

namespace jixu::storage::sqlite {
namespace {

constexpr std::string_view kPersonColumns =
    "id, id_number, name, coalesce(employer_code, ''), region_code, field, title_level, "
    "title_since, joined";

records::Person ReadPerson(const Stmt& q, privacy::KeyRing& keys) {
  records::Person p;
  p.id = q.Int(0);
  p.id_number = keys.Open(q.Text(1));
  p.name = q.Text(2);
  p.employer_code = q.Text(3);
  p.region_code = q.Text(4);
  p.field = q.Text(5);
  p.title_level = static_cast<records::TitleLevel>(q.Int(6));
  p.title_since = q.OptDate(7);
  p.joined = q.OptDate(8);
  return p;
}

bool SamePerson(const records::Person& a, const records::Person& b) {
  return a.name == b.name && a.employer_code == b.employer_code &&
         a.region_code == b.region_code && a.field == b.field && a.title_level == b.title_level &&
         a.title_since == b.title_since && a.joined == b.joined;
}

/// ?1 the sealed ID number, ?9 its blind index (privacy/key_ring.hpp), ?2…?8 the rest.
/// Bound SQLITE_STATIC: `sealed` and `index` must outlive the statement's execution.
void BindPersonValues(Stmt& q, const records::Person& p, const std::string& sealed,
                      const std::string& index) {
  q.Bind(1, sealed).Bind(9, index).Bind(2, p.name);
  // No employer is NULL, not '', so the foreign key does not look for an employer ''.
  if (p.employer_code.empty()) {
    q.BindNull(3);
  } else {
    q.Bind(3, p.employer_code);
  }
  q.Bind(4, p.region_code).Bind(5, p.field).Bind(6, static_cast<int64_t>(p.title_level));
  q.Bind(7, p.title_since).Bind(8, p.joined);
}

}  // namespace

std::string PersonFactsSql(const PersonFilter& f, std::string_view select) {
  std::string sql = "SELECT " + std::string(select) + " FROM persons";
  std::string where;
  int n = 1;
  auto add = [&](const std::string& cond) {
    where += where.empty() ? " WHERE " : " AND ";
    where += cond;
  };
  if (!f.region_prefix.empty()) {
    // A prefix as an index range; region codes are ASCII digits, so char(127) sorts after all.
    add("region_code >= ?" + std::to_string(n) + " AND region_code < ?" + std::to_string(n) +
        " || char(127)");
    ++n;
  }
  if (!f.employer_code.empty()) add("employer_code = ?" + std::to_string(n++));
  if (!f.field.empty()) add("field = ?" + std::to_string(n++));
  if (f.title_level) add("title_level = ?" + std::to_string(n++));
  if (!f.industry.empty()) {
    add("employer_code IN (SELECT code FROM employers WHERE industry = ?" + std::to_string(n++) +
        ")");
  }
  if (!f.name_prefix.empty()) {
    // U+10FFFF sorts after every character, so a Chinese prefix bounds the range too.
    add("name >= ?" + std::to_string(n) + " AND name < ?" + std::to_string(n) +
        " || char(1114111)");
    ++n;
  }
  return sql + where;
}

void BindPersonFilter(Stmt& q, const PersonFilter& f, int i) {
  if (!f.region_prefix.empty()) q.Bind(i++, f.region_prefix);
  if (!f.employer_code.empty()) q.Bind(i++, f.employer_code);
  if (!f.field.empty()) q.Bind(i++, f.field);
  if (f.title_level) q.Bind(i++, static_cast<int64_t>(*f.title_level));
  if (!f.industry.empty()) q.Bind(i++, f.industry);
  if (!f.name_prefix.empty()) q.Bind(i++, f.name_prefix);
}

void ReadPersonFacts(const Stmt& q, PersonFacts& out, privacy::KeyRing& keys) {
  out.person_id = q.Int(0);
  out.id_number = keys.Open(q.Text(1));
  out.name.assign(q.Text(2));
  out.employer_code.assign(q.Text(3));
  out.region_code.assign(q.Text(4));
  out.field.assign(q.Text(5));
  out.title_level = static_cast<records::TitleLevel>(q.Int(6));
  out.title_since = q.OptDate(7);
  out.joined = q.OptDate(8);
}

WriteStats SqlitePersons::Upsert(std::span<const records::Person> persons) {
  WriteStats stats;
  WriteTx tx(conn_);
  conn_.NoteRowsWritten(static_cast<int64_t>(persons.size()));
  // A person's region is their employer's (docs/architecture.md#a-persons-region).
  std::unordered_map<std::string, std::string> employer_regions;
  auto region_of = [&](const std::string& code) -> const std::string* {
    auto it = employer_regions.find(code);
    if (it == employer_regions.end()) {
      auto q = conn_.db.Prepare("SELECT region_code FROM employers WHERE code = ?1");
      q.Bind(1, code);
      it = employer_regions.emplace(code, q.Step() ? std::string(q.Text(0)) : "").first;
    }
    return it->second.empty() ? nullptr : &it->second;
  };
  for (const auto& given : persons) {
    records::Person placed;
    const records::Person* pp = &given;
    if (!given.employer_code.empty()) {
      if (const std::string* r = region_of(given.employer_code); r && *r != given.region_code) {
        placed = given;
        placed.region_code = *r;
        pp = &placed;
      }
    }
    const records::Person& p = *pp;
    const std::string index = conn_.keys->Index(p.id_number);
    auto existing = FindByIndex(index);
    if (existing && SamePerson(*existing, p)) {
      ++stats.unchanged;
      continue;
    }
    auto q = conn_.db.Prepare(
        "INSERT INTO persons(id_number, name, employer_code, region_code, field, title_level,"
        " title_since, joined, id_index) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) "
        "ON CONFLICT(id_index) DO UPDATE SET name = excluded.name,"
        " employer_code = excluded.employer_code, region_code = excluded.region_code,"
        " field = excluded.field, title_level = excluded.title_level,"
        " title_since = excluded.title_since, joined = excluded.joined");
    const std::string sealed = conn_.keys->Seal(p.id_number);
    BindPersonValues(q, p, sealed, index);
    q.Exec();
    ++(existing ? stats.updated : stats.inserted);
  }
  tx.Commit();
  return stats;
}

std::optional<records::Person> SqlitePersons::FindByIdNumber(std::string_view id_number) {
  return FindByIndex(conn_.keys->Index(id_number));
}

std::optional<records::Person> SqlitePersons::FindByIndex(const std::string& index) {
  // One read of the unique blind index (persons_id_index), as the plain column's was.
  static const std::string sql =
      "SELECT " + std::string(kPersonColumns) + " FROM persons WHERE id_index = ?1";
  auto q = conn_.db.Prepare(sql);
  q.Bind(1, index);
  if (!q.Step()) return std::nullopt;
  return ReadPerson(q, *conn_.keys);
}

std::optional<records::Person> SqlitePersons::FindById(int64_t id) {
  static const std::string sql =
      "SELECT " + std::string(kPersonColumns) + " FROM persons WHERE id = ?1";
  auto q = conn_.db.Prepare(sql);
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return ReadPerson(q, *conn_.keys);
}

int64_t SqlitePersons::Count(const PersonFilter& filter) {
  auto q = conn_.db.Prepare(PersonFactsSql(filter, "count(*)"));
  BindPersonFilter(q, filter, 1);
  q.Step();
  return q.Int(0);
}

void SqlitePersons::ForEach(const PersonFilter& filter,
                            const std::function<void(const PersonFacts&)>& fn) {
  auto q = conn_.db.Prepare(PersonFactsSql(filter, kPersonColumns) + " ORDER BY id");
  BindPersonFilter(q, filter, 1);
  PersonFacts facts;
  while (q.Step()) {
    ReadPersonFacts(q, facts, *conn_.keys);
    fn(facts);
  }
}

void SqlitePersons::ForEachIdNumber(const std::function<void(std::string_view, int64_t)>& fn) {
  // SQLite serves this from the sealed column's index alone (it holds the rowid): a covering
  // scan; each value is opened here, once per bulk import.
  auto q = conn_.db.Prepare("SELECT id_number, id FROM persons");
  while (q.Step()) {
    const std::string id_number = conn_.keys->Open(q.Text(0));
    fn(id_number, q.Int(1));
  }
}

void SqlitePersons::AddTitleChange(const records::TitleChange& change) {
  WriteTx tx(conn_);
  auto q = conn_.db.Prepare(
      "INSERT INTO title_changes(person_id, since, level) VALUES (?1,?2,?3) ON CONFLICT DO NOTHING");
  q.Bind(1, change.person_id).Bind(2, int64_t{change.since.ToYmdInt()});
  q.Bind(3, static_cast<int64_t>(change.level)).Exec();
  tx.Commit();
}

std::vector<records::TitleChange> SqlitePersons::TitleHistory(int64_t person_id) {
  auto q = conn_.db.Prepare(
      "SELECT since, level FROM title_changes WHERE person_id = ?1 ORDER BY since, level");
  q.Bind(1, person_id);
  std::vector<records::TitleChange> out;
  while (q.Step()) {
    out.push_back({person_id, static_cast<records::TitleLevel>(q.Int(1)), q.DateAt(0)});
  }
  return out;
}

}  // namespace jixu::storage::sqlite
