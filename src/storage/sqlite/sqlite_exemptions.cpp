// Exemptions (病休, 产假 …): periods during which a person's requirement is waived or pro-rated.
#include "storage/sqlite/sqlite_repos.hpp"

namespace jixu::storage::sqlite {
namespace {

constexpr const char* kColumns = "id, person_id, kind, date_from, date_to, approved, note";

records::Exemption ReadExemption(const Stmt& q) {
  records::Exemption e;
  e.id = q.Int(0);
  e.person_id = q.Int(1);
  e.kind = static_cast<records::ExemptionKind>(q.Int(2));
  e.from = q.DateAt(3);
  e.to = q.DateAt(4);
  e.approved = q.Int(5) != 0;
  e.note = q.Text(6);
  return e;
}

}  // namespace

int64_t SqliteExemptions::Add(const records::Exemption& e) {
  WriteTx tx(conn_);
  auto q = conn_.db.Prepare(
      "INSERT INTO exemptions(person_id, kind, date_from, date_to, approved, note)"
      " VALUES (?1,?2,?3,?4,?5,?6)");
  q.Bind(1, e.person_id).Bind(2, static_cast<int64_t>(e.kind));
  q.Bind(3, int64_t{e.from.ToYmdInt()}).Bind(4, int64_t{e.to.ToYmdInt()});
  q.Bind(5, int64_t{e.approved ? 1 : 0}).Bind(6, e.note).Exec();
  const int64_t id = conn_.db.LastInsertId();
  tx.Commit();
  return id;
}

std::vector<records::Exemption> SqliteExemptions::ListForPerson(int64_t person_id) {
  auto q = conn_.db.Prepare(std::string("SELECT ") + kColumns +
                            " FROM exemptions WHERE person_id = ?1 ORDER BY date_from, id");
  q.Bind(1, person_id);
  std::vector<records::Exemption> out;
  while (q.Step()) out.push_back(ReadExemption(q));
  return out;
}

std::vector<records::Exemption> SqliteExemptions::ListOverlapping(int year) {
  auto q = conn_.db.Prepare(std::string("SELECT ") + kColumns +
                            " FROM exemptions WHERE approved = 1 AND date_from <= ?1"
                            " AND date_to >= ?2 ORDER BY person_id, date_from, id");
  q.Bind(1, int64_t{year} * 10000 + 1231).Bind(2, int64_t{year} * 10000 + 101);
  std::vector<records::Exemption> out;
  while (q.Step()) out.push_back(ReadExemption(q));
  return out;
}

}  // namespace jixu::storage::sqlite
