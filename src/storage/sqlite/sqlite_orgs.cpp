// Employers and providers: small tables upserted by their code.
#include <string>

#include "storage/row_mapping.hpp"
#include "storage/sqlite/sqlite_repos.hpp"

namespace jixu::storage::sqlite {
namespace {

// Upper bound of the codes starting with `prefix` (region codes are ASCII digits), so a prefix
// filter is an index range instead of a LIKE.
std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  end.push_back('\x7f');
  return end;
}

records::Employer ReadEmployer(const Stmt& q) { return EmployerFromColumns(q); }

records::Provider ReadProvider(const Stmt& q) { return ProviderFromColumns(q); }

int64_t CountRows(Db& db, const std::string& sql) {
  auto q = db.Prepare(sql);
  q.Step();
  return q.Int(0);
}

}  // namespace

WriteStats SqliteEmployers::Upsert(std::span<const records::Employer> employers) {
  WriteStats stats;
  WriteTx tx(conn_);
  for (const auto& e : employers) {
    auto existing = FindByCode(e.code);
    if (existing && existing->name == e.name && existing->region_code == e.region_code &&
        existing->type == e.type && existing->industry == e.industry) {
      ++stats.unchanged;
      continue;
    }
    auto q = conn_.db.Prepare(
        "INSERT INTO employers(code, name, region_code, type, industry) VALUES (?1,?2,?3,?4,?5) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, region_code = excluded.region_code,"
        " type = excluded.type, industry = excluded.industry");
    q.Bind(1, e.code).Bind(2, e.name).Bind(3, e.region_code);
    q.Bind(4, static_cast<int64_t>(e.type)).Bind(5, e.industry).Exec();
    if (existing && existing->region_code != e.region_code) {
      // Its staff work where it is (docs/architecture.md#a-persons-region).
      auto move = conn_.db.Prepare("UPDATE persons SET region_code = ?1 WHERE employer_code = ?2");
      move.Bind(1, e.region_code).Bind(2, e.code).Exec();
    }
    ++(existing ? stats.updated : stats.inserted);
  }
  tx.Commit();
  return stats;
}

std::optional<records::Employer> SqliteEmployers::FindByCode(std::string_view code) {
  auto q = conn_.db.Prepare(
      "SELECT id, code, name, region_code, type, industry FROM employers WHERE code = ?1");
  q.Bind(1, code);
  if (!q.Step()) return std::nullopt;
  return ReadEmployer(q);
}

std::vector<records::Employer> SqliteEmployers::List(std::string_view region_prefix) {
  const std::string end = PrefixEnd(region_prefix);
  auto q = conn_.db.Prepare(
      "SELECT id, code, name, region_code, type, industry FROM employers "
      "WHERE region_code >= ?1 AND region_code < ?2 ORDER BY code");
  q.Bind(1, region_prefix).Bind(2, end);
  std::vector<records::Employer> out;
  while (q.Step()) out.push_back(ReadEmployer(q));
  return out;
}

int64_t SqliteEmployers::Count() { return CountRows(conn_.db, "SELECT count(*) FROM employers"); }

WriteStats SqliteProviders::Upsert(std::span<const records::Provider> providers) {
  WriteStats stats;
  WriteTx tx(conn_);
  for (const auto& p : providers) {
    auto existing = FindByCode(p.code);
    if (existing && existing->name == p.name && existing->region_code == p.region_code &&
        existing->type == p.type) {
      ++stats.unchanged;
      continue;
    }
    auto q = conn_.db.Prepare(
        "INSERT INTO providers(code, name, region_code, type) VALUES (?1,?2,?3,?4) "
        "ON CONFLICT(code) DO UPDATE SET name = excluded.name, region_code = excluded.region_code,"
        " type = excluded.type");
    q.Bind(1, p.code).Bind(2, p.name).Bind(3, p.region_code);
    q.Bind(4, static_cast<int64_t>(p.type)).Exec();
    ++(existing ? stats.updated : stats.inserted);
  }
  tx.Commit();
  return stats;
}

std::optional<records::Provider> SqliteProviders::FindByCode(std::string_view code) {
  auto q = conn_.db.Prepare(
      "SELECT id, code, name, region_code, type FROM providers WHERE code = ?1");
  q.Bind(1, code);
  if (!q.Step()) return std::nullopt;
  return ReadProvider(q);
}

std::vector<records::Provider> SqliteProviders::List(std::string_view region_prefix) {
  const std::string end = PrefixEnd(region_prefix);
  auto q = conn_.db.Prepare(
      "SELECT id, code, name, region_code, type FROM providers "
      "WHERE region_code >= ?1 AND region_code < ?2 ORDER BY code");
  q.Bind(1, region_prefix).Bind(2, end);
  std::vector<records::Provider> out;
  while (q.Step()) out.push_back(ReadProvider(q));
  return out;
}

int64_t SqliteProviders::Count() { return CountRows(conn_.db, "SELECT count(*) FROM providers"); }

}  // namespace jixu::storage::sqlite
