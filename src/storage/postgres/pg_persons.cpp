// Persons: upsert by resident ID (a person with an employer takes the employer's region:
// docs/architecture.md#a-persons-region) (set-wise through a COPY-fed staging table for bulk batches),
// filtered streaming in id order, title history.
#include <string>
#include <unordered_set>

#include "storage/postgres/pg_repos.hpp"

namespace jixu::storage::pg {
namespace {

// Below this a batch goes row by row: three round trips of staging cost more than a few upserts.
constexpr size_t kStagingThreshold = 16;

constexpr const char* kPersonColumns =
    "id, id_number, name, coalesce(employer_code, ''), region_code, field, title_level,"
    " title_since, joined";

constexpr const char* kUpsertSet =
    " ON CONFLICT (id_index) DO UPDATE SET name = EXCLUDED.name,"
    " employer_code = EXCLUDED.employer_code, region_code = EXCLUDED.region_code,"
    " field = EXCLUDED.field, title_level = EXCLUDED.title_level,"
    " title_since = EXCLUDED.title_since, joined = EXCLUDED.joined"
    " WHERE (t.name, t.employer_code, t.region_code, t.field, t.title_level, t.title_since,"
    " t.joined) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.employer_code, EXCLUDED.region_code,"
    " EXCLUDED.field, EXCLUDED.title_level, EXCLUDED.title_since, EXCLUDED.joined)";

records::Person ReadPerson(const PgResult& q, int row, privacy::KeyRing& keys) {
  records::Person p;
  p.id = q.Int(row, 0);
  p.id_number = keys.Open(q.Text(row, 1));
  p.name = q.String(row, 2);
  p.employer_code = q.String(row, 3);
  p.region_code = q.String(row, 4);
  p.field = q.String(row, 5);
  p.title_level = static_cast<records::TitleLevel>(q.Int(row, 6));
  p.title_since = q.OptDate(row, 7);
  p.joined = q.OptDate(row, 8);
  return p;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  end.back() = static_cast<char>(end.back() + 1);
  return end;
}

bool HasDuplicateIdNumbers(std::span<const records::Person> persons) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(persons.size());
  for (const auto& p : persons) {
    if (!seen.insert(p.id_number).second) return true;
  }
  return false;
}

void UpsertOneByOne(PgConnection& conn, std::span<const records::Person> persons,
                    WriteStats& stats, privacy::KeyRing& keys) {
  const std::string sql =
      "INSERT INTO persons AS t (id_number, name, employer_code, region_code, field,"
      " title_level, title_since, joined, id_index) VALUES ($1, $2, $3,"
      " coalesce((SELECT e.region_code FROM employers e WHERE e.code = $3), $4), $5, $6, $7, $8,"
      " $9)" +
      std::string(kUpsertSet) + " RETURNING xmax = 0";
  for (const auto& p : persons) {
    Params params;
    params.Add(keys.Seal(p.id_number)).Add(p.name);
    // No employer is NULL, not '', so the foreign key does not look for an employer ''.
    if (p.employer_code.empty()) {
      params.AddNull();
    } else {
      params.Add(p.employer_code);
    }
    params.Add(p.region_code).Add(p.field).Add(static_cast<int>(p.title_level));
    params.Add(p.title_since).Add(p.joined).Add(keys.Index(p.id_number));
    PgResult r = conn.Run(sql, params);
    if (r.rows() == 0) {
      ++stats.unchanged;
    } else {
      ++(r.Bool(0, 0) ? stats.inserted : stats.updated);
    }
  }
}

void UpsertStaged(PgConnection& conn, std::span<const records::Person> persons,
                  WriteStats& stats, privacy::KeyRing& keys) {
  // Staged sealed: the plain ID number never reaches the server, not even a temp table.
  conn.Exec(
      "CREATE TEMP TABLE IF NOT EXISTS jixu_stage_sealed_persons (ord integer, id_number text,"
      " id_index text, name text, employer_code text, region_code text, field text,"
      " title_level smallint, title_since date, joined date); TRUNCATE jixu_stage_sealed_persons");
  CopyWriter w;
  int32_t ord = 0;
  for (const auto& p : persons) {
    w.BeginRow(10);
    w.Int4(ord++);
    w.Text(keys.Seal(p.id_number));
    w.Text(keys.Index(p.id_number));
    w.Text(p.name);
    if (p.employer_code.empty()) {
      w.Null();
    } else {
      w.Text(p.employer_code);
    }
    w.Text(p.region_code);
    w.Text(p.field);
    w.Int2(static_cast<int16_t>(p.title_level));
    w.OptDate(p.title_since);
    w.OptDate(p.joined);
  }
  conn.CopyIn("COPY jixu_stage_sealed_persons FROM STDIN (FORMAT binary)", w.Finish());
  // Ordered by input position so ids are assigned in input order, as the SQLite backend does.
  PgResult r = conn.Run(
      "WITH up AS (INSERT INTO persons AS t (id_number, name, employer_code, region_code, field,"
      " title_level, title_since, joined, id_index) SELECT s.id_number, s.name, s.employer_code,"
      " coalesce(e.region_code, s.region_code), s.field, s.title_level, s.title_since, s.joined,"
      " s.id_index FROM jixu_stage_sealed_persons s LEFT JOIN employers e ON e.code = s.employer_code ORDER BY s.ord" +
      std::string(kUpsertSet) +
      " RETURNING xmax = 0 AS inserted)"
      " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up");
  stats.inserted += r.Int(0, 0);
  stats.updated += r.Int(0, 1);
  stats.unchanged += static_cast<int64_t>(persons.size()) - r.Int(0, 0) - r.Int(0, 1);
}

}  // namespace

std::string PersonFactsColumns(std::string_view alias) {
  std::string a(alias);
  return a + ".id, " + a + ".id_number, " + a + ".name, coalesce(" + a + ".employer_code, ''), " +
         a + ".region_code, " + a + ".field, " + a + ".title_level, " + a + ".title_since, " + a +
         ".joined";
}

std::string PersonFilterSql(PgConnection& conn, const PersonFilter& f, std::string_view alias) {
  std::string where;
  const std::string a(alias);
  auto add = [&](const std::string& cond) {
    where += where.empty() ? " WHERE " : " AND ";
    where += cond;
  };
  if (!f.region_prefix.empty()) {
    // Byte-wise range operators: collation-independent and served by text_pattern_ops.
    add(a + ".region_code ~>=~ " + conn.Literal(f.region_prefix) + " AND " + a +
        ".region_code ~<~ " + conn.Literal(PrefixEnd(f.region_prefix)));
  }
  if (!f.employer_code.empty()) add(a + ".employer_code = " + conn.Literal(f.employer_code));
  if (!f.field.empty()) add(a + ".field = " + conn.Literal(f.field));
  if (f.title_level) add(a + ".title_level = " + std::to_string(static_cast<int>(*f.title_level)));
  if (!f.industry.empty()) {
    add(a + ".employer_code IN (SELECT code FROM employers WHERE industry = " +
        conn.Literal(f.industry) + ")");
  }
  if (!f.name_prefix.empty()) {
    // U+10FFFF sorts (byte-wise) after every character, so a Chinese prefix bounds the range.
    add(a + ".name ~>=~ " + conn.Literal(f.name_prefix) + " AND " + a + ".name ~<~ (" +
        conn.Literal(f.name_prefix) + " || chr(1114111))");
  }
  return where;
}

void ReadPersonFacts(CopyRowReader& row, PersonFacts& out, privacy::KeyRing& keys) {
  out.person_id = row.Int8();
  out.id_number = keys.Open(row.Text());
  out.name.assign(row.Text());
  out.employer_code.assign(row.Text());
  out.region_code.assign(row.Text());
  out.field.assign(row.Text());
  out.title_level = static_cast<records::TitleLevel>(row.Int2());
  out.title_since = row.OptDate();
  out.joined = row.OptDate();
}

WriteStats PgPersons::Upsert(std::span<const records::Person> persons) {
  WriteStats stats;
  if (persons.empty()) return stats;
  db_.Atomically([&](PgConnection& conn) {
    // A batch naming one person twice goes row by row so the later row wins and the counts
    // match the SQLite backend's; set-wise ON CONFLICT cannot touch a row twice.
    if (persons.size() < kStagingThreshold || HasDuplicateIdNumbers(persons)) {
      UpsertOneByOne(conn, persons, stats, db_.keys());
    } else {
      UpsertStaged(conn, persons, stats, db_.keys());
    }
  });
  return stats;
}

std::optional<records::Person> PgPersons::FindByIdNumber(std::string_view id_number) {
  auto conn = db_.Borrow();
  // One read of the unique blind index (persons_id_index).
  auto r = conn->Run(std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id_index = $1",
                     Params().Add(db_.keys().Index(id_number)));
  if (r.rows() == 0) return std::nullopt;
  return ReadPerson(r, 0, db_.keys());
}

std::optional<records::Person> PgPersons::FindById(int64_t id) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kPersonColumns + " FROM persons WHERE id = $1",
                     Params().Add(id));
  if (r.rows() == 0) return std::nullopt;
  return ReadPerson(r, 0, db_.keys());
}

int64_t PgPersons::Count(const PersonFilter& filter) {
  auto conn = db_.Borrow();
  // Simple protocol: the filter's literals would otherwise fill the prepared-statement cache.
  return conn->Exec("SELECT count(*) FROM persons p" + PersonFilterSql(*conn, filter, "p"))
      .Int(0, 0);
}

void PgPersons::ForEach(const PersonFilter& filter,
                        const std::function<void(const PersonFacts&)>& fn) {
  auto conn = db_.Borrow();
  const std::string sql = "COPY (SELECT " + PersonFactsColumns("p") + " FROM persons p" +
                          PersonFilterSql(*conn, filter, "p") +
                          " ORDER BY p.id) TO STDOUT (FORMAT binary)";
  CopyRowReader row;
  PersonFacts facts;
  conn->CopyOut(sql, [&](std::string_view data) {
    if (!row.Start(data)) return;
    ReadPersonFacts(row, facts, db_.keys());
    fn(facts);
  });
}

void PgPersons::ForEachIdNumber(const std::function<void(std::string_view, int64_t)>& fn) {
  auto conn = db_.Borrow();
  CopyRowReader row;
  conn->CopyOut("COPY (SELECT id_number, id FROM persons) TO STDOUT (FORMAT binary)",
                [&](std::string_view data) {
                  if (!row.Start(data)) return;
                  const std::string id_number = db_.keys().Open(row.Text());
                  fn(id_number, row.Int8());
                });
}

void PgPersons::AddTitleChange(const records::TitleChange& change) {
  db_.Atomically([&](PgConnection& conn) {
    conn.Run("INSERT INTO title_changes (person_id, since, level) VALUES ($1, $2, $3)"
             " ON CONFLICT DO NOTHING",
             Params().Add(change.person_id).Add(change.since).Add(static_cast<int>(change.level)));
  });
}

std::vector<records::TitleChange> PgPersons::TitleHistory(int64_t person_id) {
  auto conn = db_.Borrow();
  auto r = conn->Run(
      "SELECT since, level FROM title_changes WHERE person_id = $1 ORDER BY since, level",
      Params().Add(person_id));
  std::vector<records::TitleChange> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back({person_id, static_cast<records::TitleLevel>(r.Int(i, 1)), r.DateAt(i, 0)});
  }
  return out;
}

}  // namespace jixu::storage::pg
