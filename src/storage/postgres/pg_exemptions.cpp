// Exemptions (病休, 产假 …): periods during which a person's requirement is waived or pro-rated.
#include <string>

#include "storage/postgres/pg_repos.hpp"

namespace jixu::storage::pg {
namespace {

constexpr const char* kColumns = "id, person_id, kind, date_from, date_to, approved, note";

records::Exemption ReadExemption(const PgResult& q, int row) {
  records::Exemption e;
  e.id = q.Int(row, 0);
  e.person_id = q.Int(row, 1);
  e.kind = static_cast<records::ExemptionKind>(q.Int(row, 2));
  e.from = q.DateAt(row, 3);
  e.to = q.DateAt(row, 4);
  e.approved = q.Bool(row, 5);
  e.note = q.String(row, 6);
  return e;
}

std::vector<records::Exemption> ReadAll(const PgResult& q) {
  std::vector<records::Exemption> out;
  out.reserve(q.rows());
  for (int i = 0; i < q.rows(); ++i) out.push_back(ReadExemption(q, i));
  return out;
}

}  // namespace

int64_t PgExemptions::Add(const records::Exemption& e) {
  int64_t id = 0;
  db_.Atomically([&](PgConnection& conn) {
    id = conn.Run("INSERT INTO exemptions (person_id, kind, date_from, date_to, approved, note)"
                  " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                  Params().Add(e.person_id).Add(static_cast<int>(e.kind)).Add(e.from).Add(e.to)
                      .Add(e.approved).Add(e.note))
             .Int(0, 0);
  });
  return id;
}

std::vector<records::Exemption> PgExemptions::ListForPerson(int64_t person_id) {
  auto conn = db_.Borrow();
  return ReadAll(conn->Run(std::string("SELECT ") + kColumns +
                               " FROM exemptions WHERE person_id = $1 ORDER BY date_from, id",
                           Params().Add(person_id)));
}

std::vector<records::Exemption> PgExemptions::ListOverlapping(int year) {
  auto conn = db_.Borrow();
  return ReadAll(conn->Run(std::string("SELECT ") + kColumns +
                               " FROM exemptions WHERE approved AND date_from <= $1"
                               " AND date_to >= $2 ORDER BY person_id, date_from, id",
                           Params().Add(YearEnd(year)).Add(YearStart(year))));
}

}  // namespace jixu::storage::pg
