// Paged, filtered listings with the caller's scope inside the WHERE clause.
#include "core/common/error.hpp"
#include "storage/row_mapping.hpp"
#include "storage/sql/privacy/key_ring.hpp"
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {
namespace {

// Written as a literal, not a bound value, so the planners (SQLite and PostgreSQL alike) can match
// the partial index learning_records_provider_reported (migration 5).
static_assert(static_cast<int>(records::Origin::kProvider) == 0);
constexpr const char* kProviderReported = "r.provider_code = ? AND r.origin = 0";

Date YmdAt(const Row& r, int col) {
  auto d = Date::FromYmdInt(static_cast<int32_t>(r.Int(col)));
  if (!d) throw Fault("storage_error", "bad stored date");
  return *d;
}

records::Employer ReadEmployer(const Row& r) { return EmployerFromColumns(r); }

records::Provider ReadProvider(const Row& r) { return ProviderFromColumns(r); }

std::string RecordColumns(const SqlConn& c) {
  return "r.id, r.person_id, " + c.DateInt("r.completed_on") +
         ", r.category, r.form, r.centi_hours, coalesce(r.provider_code, ''), r.provider_name,"
         " r.title, r.source_id, r.status, r.reject_reason, r.origin, r.topic, r.activity,"
         " r.course_code, p.name, p.region_code, coalesce(p.employer_code, ''), v.stage";
}

/// A shared-layer row with the date accessor row_mapping.hpp expects.
struct RowCols {
  const Row& q;
  int64_t Int(int c) const { return q.Int(c); }
  std::string Text(int c) const { return q.Text(c); }
  Date DateAt(int c) const { return YmdAt(q, c); }
};

/// Credit codes are upper case; a typed code need not be.
std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

RecordRow ReadRecordRow(const Row& q) {
  RecordRow row;
  row.record = RecordFromColumns(RowCols{q});
  row.person_name = q.Text(16);
  row.person_region = q.Text(17);
  row.employer_code = q.Text(18);
  if (!q.IsNull(19)) row.stage = static_cast<ReviewStage>(q.Int(19));
  return row;
}

}  // namespace

namespace {

/// A person column as a condition names it: itself, or (by_id) an expression of it that no
/// index serves (both backends; see ApplyPersonScope).
std::string Col(std::string_view column, bool by_id) {
  return by_id ? "(" + std::string(column) + " || '')" : std::string(column);
}

/// `by_id`: the conditions on persons' columns are written so that no index serves them, and
/// the planner walks rows in id order (a dense filter, e.g. a province, whose first page is then
/// found at once instead of fetching and sorting every match).
void ApplyScope(Where& w, const SqlConn& c, const Scope& s, bool by_id) {
  if (s.person_id != 0) w.Add("p.id = ?", {s.person_id});
  if (!s.employer_code.empty()) w.Add(Col("p.employer_code", by_id) + " = ?", {s.employer_code});
  w.AddPrefix(c, Col("p.region_code", by_id), s.region_prefix);
  if (!s.industry.empty()) {
    w.Add(Col("p.employer_code", by_id) + " IN (SELECT code FROM employers WHERE industry = ?)",
          {s.industry});
  }
}

Where PersonsWhereBy(const SqlConn& c, const PersonQuery& q, bool by_id) {
  Where w;
  ApplyScope(w, c, q.scope, by_id);
  if (!q.scope.provider_code.empty()) {
    w.Add("EXISTS (SELECT 1 FROM learning_records r WHERE r.person_id = p.id AND"
          " r.provider_code = ? AND r.origin = 0)",
          {q.scope.provider_code});
  }
  if (!q.employer_code.empty()) w.Add(Col("p.employer_code", by_id) + " = ?", {q.employer_code});
  w.AddPrefix(c, Col("p.region_code", by_id), q.region_prefix);
  if (!q.field.empty()) w.Add(Col("p.field", by_id) + " = ?", {q.field});
  if (q.title_level) w.Add("p.title_level = ?", {static_cast<int64_t>(*q.title_level)});
  w.AddPrefix(c, "p.name", q.name_prefix);
  return w;
}

Where RecordsWhereBy(const SqlConn& c, const RecordQuery& q, bool by_id) {
  Where w;
  ApplyScope(w, c, q.scope, by_id);
  if (!q.scope.provider_code.empty()) {
    w.Add(kProviderReported, {q.scope.provider_code});
  }
  if (q.person_id != 0) w.Add("r.person_id = ?", {q.person_id});
  if (q.year != 0) w.Add("r.year = ?", {int64_t{q.year}});
  if (q.status) w.Add("r.status = ?", {static_cast<int64_t>(*q.status)});
  if (q.origin) w.Add("r.origin = ?", {static_cast<int64_t>(*q.origin)});
  if (q.category) w.Add("r.category = ?", {static_cast<int64_t>(*q.category)});
  if (q.form) w.Add("r.form = ?", {static_cast<int64_t>(*q.form)});
  if (q.stage) w.Add("v.stage = ?", {static_cast<int64_t>(*q.stage)});
  if (!q.provider_code.empty()) w.Add("r.provider_code = ?", {q.provider_code});
  if (!q.employer_code.empty()) w.Add(Col("p.employer_code", by_id) + " = ?", {q.employer_code});
  return w;
}

}  // namespace

void ApplyPersonScope(Where& w, const SqlConn& c, const Scope& s) { ApplyScope(w, c, s, false); }

constexpr const char* kPersonsFrom =
    " FROM persons p LEFT JOIN employers e ON e.code = p.employer_code";

Where SqlQueries::PersonsWhere(const PersonQuery& q) const {
  return PersonsWhereBy(c_, q, false);
}

int64_t SqlQueries::CappedCount(const std::string& from_where, const Values& values) {
  // The subquery stops at the limit: a total never reads more than that many rows.
  return c_.ScalarInt("SELECT count(*) FROM (SELECT 1" + from_where + " LIMIT " +
                          std::to_string(kExactTotalLimit + 1) + ") t",
                      values);
}

PageOf<PersonRow> SqlQueries::PersonsPage(const Where& w, const std::string& tail) {
  PageOf<PersonRow> out;
  c_.Query(
      "SELECT p.id, p.id_number, p.name, coalesce(p.employer_code, ''), coalesce(e.name, ''),"
      " p.region_code, p.field, p.title_level, " + c_.DateInt("p.title_since") + kPersonsFrom +
          w.Sql() + tail,
      w.values(), [&](const Row& r) {
        out.items.push_back({r.Int(0), c_.keys().Open(r.Text(1)), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                             r.Text(6), static_cast<records::TitleLevel>(r.Int(7)),
                             r.IsNull(8) ? std::nullopt : std::optional<Date>(YmdAt(r, 8))});
      });
  return out;
}

PageOf<PersonRow> SqlQueries::Persons(const PersonQuery& q, const Page& page) {
  Where counted = PersonsWhere(q);
  const int64_t total = CappedCount(" FROM persons p" + counted.Sql(), counted.values());
  // More matches than the count reads: dense enough that walking persons by id finds a page
  // at once, where the filter's index would fetch and sort every match first.
  Where w = PersonsWhereBy(c_, q, page.sort.empty() && !TotalIsExact(total));
  const std::string tail = OrderAndPage(
      w, page,
      {{"name", c_.ByteOrder("p.name")}, {"region_code", c_.ByteOrder("p.region_code")},
       {"title_level", "p.title_level"}, {"field", c_.ByteOrder("p.field")}},
      "p.id");
  PageOf<PersonRow> out = PersonsPage(w, tail);
  out.total = total;
  return out;
}

PageOf<PersonRow> SqlQueries::PersonsAfter(const PersonQuery& q, int64_t after_id,
                                           int64_t limit, bool with_total) {
  Where counted = PersonsWhere(q);
  const int64_t total = CappedCount(" FROM persons p" + counted.Sql(), counted.values());
  Where w = PersonsWhereBy(c_, q, !TotalIsExact(total));  // as in Persons()
  w.Add("p.id > ?", {after_id});
  const std::string tail = " ORDER BY p.id LIMIT " + w.Next(limit);
  PageOf<PersonRow> out = PersonsPage(w, tail);
  out.total = with_total ? total : 0;
  return out;
}

bool SqlQueries::PersonInScope(int64_t person_id, const Scope& scope) {
  PersonQuery q;
  q.scope = scope;
  Where w;
  w.Add("p.id = ?", {person_id});
  ApplyPersonScope(w, c_, scope);
  if (!scope.provider_code.empty()) {
    w.Add("EXISTS (SELECT 1 FROM learning_records r WHERE r.person_id = p.id AND"
          " r.provider_code = ? AND r.origin = 0)",
          {scope.provider_code});
  }
  return c_.ScalarInt("SELECT count(*) FROM persons p" + w.Sql(), w.values()) > 0;
}

constexpr const char* kRecordsFrom =
    " FROM learning_records r JOIN persons p ON p.id = r.person_id"
    " LEFT JOIN record_reviews v ON v.record_id = r.id";

Where SqlQueries::RecordsWhere(const RecordQuery& q) const {
  return RecordsWhereBy(c_, q, false);
}

PageOf<RecordRow> SqlQueries::RecordsPage(const Where& w, const std::string& tail) {
  PageOf<RecordRow> out;
  c_.Query("SELECT " + RecordColumns(c_) + kRecordsFrom + w.Sql() + tail, w.values(),
           [&](const Row& r) { out.items.push_back(ReadRecordRow(r)); });
  return out;
}

PageOf<RecordRow> SqlQueries::Records(const RecordQuery& q, const Page& page) {
  Where counted = RecordsWhere(q);
  const int64_t total = CappedCount(kRecordsFrom + counted.Sql(), counted.values());
  Where w = RecordsWhereBy(c_, q, page.sort.empty() && !TotalIsExact(total));  // as in Persons()
  const std::string tail = OrderAndPage(
      w, page,
      {{"date", "r.completed_on"}, {"hours", "r.centi_hours"}, {"status", "r.status"},
       {"person", c_.ByteOrder("p.name")}},
      "r.id");
  PageOf<RecordRow> out = RecordsPage(w, tail);
  out.total = total;
  return out;
}

PageOf<RecordRow> SqlQueries::RecordsAfter(const RecordQuery& q, int64_t after_id,
                                           int64_t limit) {
  Where counted = RecordsWhere(q);
  const int64_t total = CappedCount(kRecordsFrom + counted.Sql(), counted.values());
  Where w = RecordsWhereBy(c_, q, !TotalIsExact(total));  // as in Persons()
  w.Add("r.id > ?", {after_id});
  const std::string tail = " ORDER BY r.id LIMIT " + w.Next(limit);
  PageOf<RecordRow> out = RecordsPage(w, tail);
  out.total = total;
  return out;
}

std::optional<int64_t> SqlQueries::RecordIdByKey(int64_t person_id, uint64_t record_key) {
  std::optional<int64_t> id;
  c_.Query("SELECT id FROM learning_records WHERE person_id = $1 AND record_key = $2",
           {person_id, static_cast<int64_t>(record_key)}, [&](const Row& r) { id = r.Int(0); });
  return id;
}

PageOf<records::Employer> SqlQueries::Employers(const OrgQuery& q, const Page& page) {
  Where w;
  const Scope& s = q.scope;
  if (s.person_id != 0) {
    w.Add("e.code = (SELECT employer_code FROM persons WHERE id = ?)", {s.person_id});
  }
  if (!s.provider_code.empty()) w.Add("1 = 0");
  if (!s.employer_code.empty()) w.Add("e.code = ?", {s.employer_code});
  w.AddPrefix(c_, "e.region_code", s.region_prefix);
  if (!s.industry.empty()) w.Add("e.industry = ?", {s.industry});
  w.AddPrefix(c_, "e.region_code", q.region_prefix);
  if (!q.industry.empty()) w.Add("e.industry = ?", {q.industry});
  if (!q.name_contains.empty()) w.Add("e.name LIKE ?", {"%" + q.name_contains + "%"});
  if (!q.name_or_code.empty()) {
    // The search box of the UI's employer picker: a name fragment or the start of a code.
    std::string escaped;
    for (char ch : q.name_or_code) {
      if (ch == '%' || ch == '_' || ch == '\\') escaped += '\\';
      escaped += ch;
    }
    w.Add("(e.name LIKE ? ESCAPE '\\' OR e.code LIKE ? ESCAPE '\\')",
          {"%" + escaped + "%", Upper(escaped) + "%"});
  }
  PageOf<records::Employer> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM employers e" + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page,
      {{"name", c_.ByteOrder("e.name")}, {"code", c_.ByteOrder("e.code")},
       {"region_code", c_.ByteOrder("e.region_code")}},
      "e.id");
  c_.Query("SELECT e.id, e.code, e.name, e.region_code, e.type, e.industry FROM employers e" +
               w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadEmployer(r)); });
  return out;
}

std::optional<records::Employer> SqlQueries::EmployerById(int64_t id) {
  std::optional<records::Employer> out;
  c_.Query("SELECT id, code, name, region_code, type, industry FROM employers WHERE id = $1",
           {id}, [&](const Row& r) { out = ReadEmployer(r); });
  return out;
}

PageOf<records::Provider> SqlQueries::Providers(const OrgQuery& q, const Page& page) {
  Where w;
  if (!q.scope.provider_code.empty()) w.Add("code = ?", {q.scope.provider_code});
  w.AddPrefix(c_, "region_code", q.region_prefix);
  if (!q.name_contains.empty()) w.Add("name LIKE ?", {"%" + q.name_contains + "%"});
  if (q.approved) w.Add("approved = ?", {int64_t{*q.approved}});
  PageOf<records::Provider> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM providers" + w.Sql(), w.values());
  const std::string tail =
      OrderAndPage(w, page,
                   {{"name", c_.ByteOrder("name")}, {"code", c_.ByteOrder("code")},
                    {"region_code", c_.ByteOrder("region_code")}},
                   "id");
  c_.Query("SELECT id, code, name, region_code, type FROM providers" + w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadProvider(r)); });
  return out;
}

std::optional<records::Provider> SqlQueries::ProviderById(int64_t id) {
  std::optional<records::Provider> out;
  c_.Query("SELECT id, code, name, region_code, type FROM providers WHERE id = $1", {id},
           [&](const Row& r) { out = ReadProvider(r); });
  return out;
}

bool SqlQueries::ProviderApproved(std::string_view code) {
  return c_.ScalarInt("SELECT approved FROM providers WHERE code = $1", {std::string(code)}) != 0;
}

void SqlQueries::SetProviderApproved(std::string_view code, bool approved) {
  c_.Exec("UPDATE providers SET approved = $1 WHERE code = $2",
          {int64_t{approved}, std::string(code)});
}

bool SqlQueries::ExemptionById(int64_t id, records::Exemption& out) {
  bool found = false;
  c_.Query("SELECT id, person_id, kind, " + c_.DateInt("date_from") + ", " +
               c_.DateInt("date_to") + ", CASE WHEN approved THEN 1 ELSE 0 END, note FROM exemptions WHERE id = $1",
           {id}, [&](const Row& r) {
             found = true;
             out.id = r.Int(0);
             out.person_id = r.Int(1);
             out.kind = static_cast<records::ExemptionKind>(r.Int(2));
             out.from = YmdAt(r, 3);
             out.to = YmdAt(r, 4);
             out.approved = r.Int(5) != 0;
             out.note = r.Text(6);
           });
  return found;
}

}  // namespace jixu::storage::sql
