// Employers and providers: small tables upserted by their code (Citus reference tables).
#include <string>

#include "storage/row_mapping.hpp"
#include "storage/postgres/pg_repos.hpp"

namespace jixu::storage::pg {
namespace {

// Upper bound of the codes starting with `prefix`: region codes are ASCII digits, so the prefix
// with its last byte incremented bounds the range. The ~>=~ / ~<~ operators compare bytes, so
// the result does not depend on the database's collation and the text_pattern_ops index serves it.
std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  if (end.empty()) return "\x7f";
  end.back() = static_cast<char>(end.back() + 1);
  return end;
}

constexpr const char* kEmployerColumns = "id, code, name, region_code, type, industry";
constexpr const char* kProviderColumns = "id, code, name, region_code, type";

/// libpq result row as the column accessors row_mapping.hpp expects.
struct PgCols {
  const PgResult& q;
  int row;
  int64_t Int(int c) const { return q.Int(row, c); }
  std::string Text(int c) const { return q.String(row, c); }
  Date DateAt(int c) const { return q.DateAt(row, c); }
};

records::Employer ReadEmployer(const PgResult& q, int row) { return EmployerFromColumns(PgCols{q, row}); }

records::Provider ReadProvider(const PgResult& q, int row) { return ProviderFromColumns(PgCols{q, row}); }

/// One upsert whose RETURNING tells what happened: no row = unchanged (the WHERE of DO UPDATE
/// filtered it out), xmax = 0 = inserted, otherwise updated. Rows go one by one, so duplicates
/// inside a batch behave exactly as in SQLite (the later one wins).
void Tally(const PgResult& r, WriteStats& stats) {
  if (r.rows() == 0) {
    ++stats.unchanged;
  } else if (r.Bool(0, 0)) {
    ++stats.inserted;
  } else {
    ++stats.updated;
  }
}

}  // namespace

WriteStats PgEmployers::Upsert(std::span<const records::Employer> employers) {
  WriteStats stats;
  db_.Atomically([&](PgConnection& conn) {
    for (const auto& e : employers) {
      const int64_t updated_before = stats.updated;
      Tally(conn.Run("INSERT INTO employers AS t (code, name, region_code, type, industry)"
                     " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET"
                     " name = EXCLUDED.name, region_code = EXCLUDED.region_code,"
                     " type = EXCLUDED.type, industry = EXCLUDED.industry"
                     " WHERE (t.name, t.region_code, t.type, t.industry) IS DISTINCT FROM"
                     " (EXCLUDED.name, EXCLUDED.region_code, EXCLUDED.type, EXCLUDED.industry)"
                     " RETURNING xmax = 0",
                     Params().Add(e.code).Add(e.name).Add(e.region_code)
                         .Add(static_cast<int>(e.type)).Add(e.industry)),
            stats);
      if (stats.updated != updated_before) {
        // Its staff work where it is (docs/architecture.md#a-persons-region).
        conn.Run("UPDATE persons SET region_code = $1 WHERE employer_code = $2 AND region_code <> $1",
                 Params().Add(e.region_code).Add(e.code));
      }
    }
  });
  return stats;
}

std::optional<records::Employer> PgEmployers::FindByCode(std::string_view code) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kEmployerColumns + " FROM employers WHERE code = $1",
                     Params().Add(code));
  if (r.rows() == 0) return std::nullopt;
  return ReadEmployer(r, 0);
}

std::vector<records::Employer> PgEmployers::List(std::string_view region_prefix) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kEmployerColumns +
                         " FROM employers WHERE region_code ~>=~ $1 AND region_code ~<~ $2"
                         " ORDER BY code COLLATE \"C\"",
                     Params().Add(region_prefix).Add(PrefixEnd(region_prefix)));
  std::vector<records::Employer> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadEmployer(r, i));
  return out;
}

int64_t PgEmployers::Count() {
  return db_.Borrow()->Run("SELECT count(*) FROM employers").Int(0, 0);
}

WriteStats PgProviders::Upsert(std::span<const records::Provider> providers) {
  WriteStats stats;
  db_.Atomically([&](PgConnection& conn) {
    for (const auto& p : providers) {
      Tally(conn.Run("INSERT INTO providers AS t (code, name, region_code, type)"
                     " VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE SET"
                     " name = EXCLUDED.name, region_code = EXCLUDED.region_code,"
                     " type = EXCLUDED.type"
                     " WHERE (t.name, t.region_code, t.type) IS DISTINCT FROM"
                     " (EXCLUDED.name, EXCLUDED.region_code, EXCLUDED.type)"
                     " RETURNING xmax = 0",
                     Params().Add(p.code).Add(p.name).Add(p.region_code)
                         .Add(static_cast<int>(p.type))),
            stats);
    }
  });
  return stats;
}

std::optional<records::Provider> PgProviders::FindByCode(std::string_view code) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kProviderColumns + " FROM providers WHERE code = $1",
                     Params().Add(code));
  if (r.rows() == 0) return std::nullopt;
  return ReadProvider(r, 0);
}

std::vector<records::Provider> PgProviders::List(std::string_view region_prefix) {
  auto conn = db_.Borrow();
  auto r = conn->Run(std::string("SELECT ") + kProviderColumns +
                         " FROM providers WHERE region_code ~>=~ $1 AND region_code ~<~ $2"
                         " ORDER BY code COLLATE \"C\"",
                     Params().Add(region_prefix).Add(PrefixEnd(region_prefix)));
  std::vector<records::Provider> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadProvider(r, i));
  return out;
}

int64_t PgProviders::Count() {
  return db_.Borrow()->Run("SELECT count(*) FROM providers").Int(0, 0);
}

}  // namespace jixu::storage::pg
