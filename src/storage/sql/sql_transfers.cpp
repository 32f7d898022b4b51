// Transfers between employers (core/storage/transfer_repos.hpp), written once for both backends.
#include <array>

#include "core/common/error.hpp"
#include "storage/sql/sql_workflow.hpp"

namespace jixu::storage {

namespace {
constexpr std::array<std::string_view, 3> kTransferCodes = {"released", "completed", "cancelled"};
}  // namespace

std::string_view TransferStatusCode(TransferStatus s) {
  return kTransferCodes.at(static_cast<size_t>(s));
}

std::optional<TransferStatus> ParseTransferStatus(std::string_view text) {
  for (size_t i = 0; i < kTransferCodes.size(); ++i) {
    if (kTransferCodes[i] == text) return static_cast<TransferStatus>(i);
  }
  return std::nullopt;
}

namespace sql {
namespace {

constexpr const char* kTransferSelect =
    "SELECT t.id, t.person_id, t.from_employer, t.to_employer, t.status, t.note, t.released_by,"
    " t.released_at, t.completed_by, t.completed_at, p.name, coalesce(fe.name, ''),"
    " coalesce(te.name, '')"
    " FROM person_transfers t JOIN persons p ON p.id = t.person_id"
    " LEFT JOIN employers fe ON fe.code = t.from_employer"
    " LEFT JOIN employers te ON te.code = t.to_employer";

Transfer ReadTransfer(const Row& r) {
  Transfer t;
  t.id = r.Int(0);
  t.person_id = r.Int(1);
  t.from_employer = r.Text(2);
  t.to_employer = r.Text(3);
  t.status = static_cast<TransferStatus>(r.Int(4));
  t.note = r.Text(5);
  t.released_by = r.Text(6);
  t.released_at = r.Int(7);
  t.completed_by = r.Text(8);
  t.completed_at = r.Int(9);
  t.person_name = r.Text(10);
  t.from_employer_name = r.Text(11);
  t.to_employer_name = r.Text(12);
  return t;
}

}  // namespace

int64_t SqlTransfers::Create(const Transfer& t) {
  int64_t id = 0;
  c_.Query("INSERT INTO person_transfers (person_id, from_employer, to_employer, status, note,"
           " released_by, released_at, completed_by, completed_at)"
           " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
           {t.person_id, t.from_employer, t.to_employer, static_cast<int64_t>(t.status), t.note,
            t.released_by, t.released_at, t.completed_by, t.completed_at},
           [&](const Row& r) { id = r.Int(0); });
  return id;
}

std::optional<Transfer> SqlTransfers::Find(int64_t id) {
  std::optional<Transfer> out;
  c_.Query(std::string(kTransferSelect) + " WHERE t.id = $1", {id},
           [&](const Row& r) { out = ReadTransfer(r); });
  return out;
}

std::optional<Transfer> SqlTransfers::OpenFor(int64_t person_id) {
  std::optional<Transfer> out;
  c_.Query(std::string(kTransferSelect) + " WHERE t.person_id = $1 AND t.status = 0",
           {person_id}, [&](const Row& r) { out = ReadTransfer(r); });
  return out;
}

bool SqlTransfers::Close(int64_t id, TransferStatus status, std::string_view to_employer,
                         std::string_view by, int64_t at) {
  if (status == TransferStatus::kReleased) throw Fault("bad_transfer", "closing as released");
  return c_.Exec("UPDATE person_transfers SET status = $1, to_employer = $2, completed_by = $3,"
                 " completed_at = $4 WHERE id = $5 AND status = 0",
                 {static_cast<int64_t>(status), std::string(to_employer), std::string(by), at,
                  id}) > 0;
}

PageOf<Transfer> SqlTransfers::List(const TransferQuery& q, const Page& page) {
  Where w;
  const Scope& s = q.scope;
  if (s.person_id != 0) w.Add("t.person_id = ?", {s.person_id});
  if (!s.provider_code.empty()) w.Add("1 = 0");
  if (!s.employer_code.empty()) {
    w.Add("(t.from_employer = ? OR t.to_employer = ?)", {s.employer_code, s.employer_code});
  }
  if (!s.region_prefix.empty() || !s.industry.empty()) {
    // An authority sees a transfer out of or into an employer of its scope.
    auto side = [&](const std::string& alias) {
      std::string cond = c_.PrefixCond(alias + ".region_code", w.Next(s.region_prefix));
      if (!s.industry.empty()) cond += " AND " + alias + ".industry = " + w.Next(s.industry);
      return "(" + cond + ")";
    };
    const std::string fe = side("fe");
    const std::string te = side("te");
    w.Add("(" + fe + " OR " + te + ")");
  }
  if (q.person_id != 0) w.Add("t.person_id = ?", {q.person_id});
  if (q.status) w.Add("t.status = ?", {static_cast<int64_t>(*q.status)});
  const std::string from =
      " FROM person_transfers t JOIN persons p ON p.id = t.person_id"
      " LEFT JOIN employers fe ON fe.code = t.from_employer"
      " LEFT JOIN employers te ON te.code = t.to_employer";
  PageOf<Transfer> out;
  out.total = c_.ScalarInt("SELECT count(*)" + from + w.Sql(), w.values());
  Page newest = page;
  if (newest.sort.empty()) {
    newest.sort = "released_at";
    newest.descending = true;
  }
  const std::string tail = OrderAndPage(
      w, newest, {{"released_at", "t.released_at"}, {"person", c_.ByteOrder("p.name")}}, "t.id");
  c_.Query(std::string(kTransferSelect) + w.Sql() + tail, w.values(),
           [&](const Row& r) { out.items.push_back(ReadTransfer(r)); });
  return out;
}

}  // namespace sql
}  // namespace jixu::storage
