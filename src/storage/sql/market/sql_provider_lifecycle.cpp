// The provider lifecycle over SqlConn: standing, applications with documents, history, roster.
#include <array>

#include "core/common/error.hpp"
#include "storage/sql/market/sql_market.hpp"
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage {
namespace {
constexpr std::array<std::string_view, 4> kApplicationCodes = {"pending", "approved", "returned",
                                                               "rejected"};
}  // namespace

std::string_view ApplicationStatusCode(ApplicationStatus s) {
  return kApplicationCodes.at(static_cast<size_t>(s));
}

}  // namespace jixu::storage

namespace jixu::storage::sql {
namespace {

using market::ProviderStatus;

int64_t YmdOr0(const std::optional<Date>& d) { return d ? d->ToYmdInt() : 0; }

std::optional<Date> DateOr(int64_t ymd) {
  if (ymd == 0) return std::nullopt;
  auto d = Date::FromYmdInt(static_cast<int32_t>(ymd));
  if (!d) throw Fault("storage_error", "bad stored date");
  return d;
}

/// The stored status, or what providers.approved implies for a provider without a row.
constexpr std::string_view kStatusExpr =
    "coalesce(s.status, CASE WHEN v.approved = 1 THEN 3 ELSE 0 END)";

constexpr std::string_view kApplicationColumns =
    "id, provider_code, submitted_at, submitted_by, licence_no, licence_issuer,"
    " licence_valid_until, scope, full_time_teachers, part_time_teachers, teachers, facilities,"
    " status, decided_by, decided_at, reason";

ProviderApplication ReadApplication(const Row& r) {
  ProviderApplication a;
  a.id = r.Int(0);
  a.provider_code = r.Text(1);
  a.submitted_at = r.Int(2);
  a.submitted_by = r.Text(3);
  a.licence_no = r.Text(4);
  a.licence_issuer = r.Text(5);
  a.licence_valid_until = DateOr(r.Int(6));
  a.scope = r.Text(7);
  a.full_time_teachers = r.Int(8);
  a.part_time_teachers = r.Int(9);
  a.teachers = r.Text(10);
  a.facilities = r.Text(11);
  a.status = static_cast<ApplicationStatus>(r.Int(12));
  a.decided_by = r.Text(13);
  a.decided_at = r.Int(14);
  a.reason = r.Text(15);
  return a;
}

}  // namespace

std::optional<market::ProviderStanding> SqlProviderLifecycle::Standing(std::string_view code) {
  std::optional<market::ProviderStanding> out;
  c_.Query("SELECT " + std::string(kStatusExpr) +
               ", coalesce(s.reason, ''), coalesce(s.date_from, 0), coalesce(s.date_until, 0)"
               " FROM providers v LEFT JOIN provider_standing s ON s.provider_code = v.code"
               " WHERE v.code = $1",
           {std::string(code)}, [&](const Row& r) {
             market::ProviderStanding s;
             s.status = static_cast<ProviderStatus>(r.Int(0));
             s.reason = r.Text(1);
             s.from = DateOr(r.Int(2));
             s.until = DateOr(r.Int(3));
             out = s;
           });
  return out;
}

void SqlProviderLifecycle::SetStanding(std::string_view code, const market::ProviderStanding& s,
                                       int64_t at, std::string_view by) {
  c_.Atomically([&] {
    c_.Exec("INSERT INTO provider_standing (provider_code, status, reason, date_from, date_until,"
            " changed_at, changed_by) VALUES ($1,$2,$3,$4,$5,$6,$7)"
            " ON CONFLICT (provider_code) DO UPDATE SET status = excluded.status,"
            " reason = excluded.reason, date_from = excluded.date_from,"
            " date_until = excluded.date_until, changed_at = excluded.changed_at,"
            " changed_by = excluded.changed_by",
            {std::string(code), static_cast<int64_t>(s.status), s.reason, YmdOr0(s.from),
             YmdOr0(s.until), at, std::string(by)});
    const bool listed = s.status == ProviderStatus::kApproved || s.status == ProviderStatus::kSuspended;
    c_.Exec("UPDATE providers SET approved = $1 WHERE code = $2", {int64_t{listed}, std::string(code)});
  });
}

PageOf<ProviderStandingRow> SqlProviderLifecycle::List(const ProviderStandingQuery& q,
                                                       const Page& page) {
  Where w;
  w.AddPrefix(c_, "v.region_code", q.region_prefix);
  if (!q.name_contains.empty()) w.Add("v.name LIKE ?", {"%" + q.name_contains + "%"});
  if (q.status) w.Add(std::string(kStatusExpr) + " = ?", {static_cast<int64_t>(*q.status)});
  const std::string from =
      " FROM providers v LEFT JOIN provider_standing s ON s.provider_code = v.code";
  PageOf<ProviderStandingRow> out;
  out.total = c_.ScalarInt("SELECT count(*)" + from + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page,
      {{"name", c_.ByteOrder("v.name")}, {"code", c_.ByteOrder("v.code")},
       {"changed_at", "coalesce(s.changed_at, 0)"}},
      "v.id");
  c_.Query("SELECT v.id, v.code, v.name, v.region_code, v.type, " + std::string(kStatusExpr) +
               ", coalesce(s.reason, ''), coalesce(s.date_from, 0), coalesce(s.date_until, 0),"
               " coalesce(s.changed_at, 0),"
               " (SELECT coalesce(max(a.id), 0) FROM provider_applications a"
               "  WHERE a.provider_code = v.code AND a.status = 0)" +
               from + w.Sql() + tail,
           w.values(), [&](const Row& r) {
             ProviderStandingRow row;
             row.provider.id = r.Int(0);
             row.provider.code = r.Text(1);
             row.provider.name = r.Text(2);
             row.provider.region_code = r.Text(3);
             row.provider.type = static_cast<records::ProviderType>(r.Int(4));
             row.standing.status = static_cast<ProviderStatus>(r.Int(5));
             row.standing.reason = r.Text(6);
             row.standing.from = DateOr(r.Int(7));
             row.standing.until = DateOr(r.Int(8));
             row.changed_at = r.Int(9);
             row.pending_application = r.Int(10);
             out.items.push_back(std::move(row));
           });
  return out;
}

int64_t SqlProviderLifecycle::AddApplication(const ProviderApplication& a) {
  int64_t id = 0;
  c_.Atomically([&] {
    c_.Query("INSERT INTO provider_applications (provider_code, submitted_at, submitted_by,"
             " licence_no, licence_issuer, licence_valid_until, scope, full_time_teachers,"
             " part_time_teachers, teachers, facilities, status)"
             " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id",
             {a.provider_code, a.submitted_at, a.submitted_by, a.licence_no, a.licence_issuer,
              YmdOr0(a.licence_valid_until), a.scope, a.full_time_teachers, a.part_time_teachers,
              a.teachers, a.facilities, static_cast<int64_t>(a.status)},
             [&](const Row& r) { id = r.Int(0); });
    int64_t n = 0;
    for (const auto& d : a.documents) {
      c_.Exec("INSERT INTO provider_documents (application_id, doc_no, kind, sha256, filename,"
              " mime, size) VALUES ($1,$2,$3,$4,$5,$6,$7)",
              {id, n++, d.kind, d.sha256, d.filename, d.mime, d.size});
    }
  });
  return id;
}

void SqlProviderLifecycle::LoadDocuments(ProviderApplication& a) {
  c_.Query("SELECT kind, sha256, filename, mime, size FROM provider_documents"
           " WHERE application_id = $1 ORDER BY doc_no",
           {a.id}, [&](const Row& r) {
             a.documents.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
           });
}

std::optional<ProviderApplication> SqlProviderLifecycle::Application(int64_t id) {
  std::optional<ProviderApplication> out;
  c_.Query("SELECT " + std::string(kApplicationColumns) + " FROM provider_applications WHERE id = $1",
           {id}, [&](const Row& r) { out = ReadApplication(r); });
  if (out) LoadDocuments(*out);
  return out;
}

std::vector<ProviderApplication> SqlProviderLifecycle::Applications(std::string_view code) {
  std::vector<ProviderApplication> out;
  c_.Query("SELECT " + std::string(kApplicationColumns) +
               " FROM provider_applications WHERE provider_code = $1 ORDER BY id DESC",
           {std::string(code)}, [&](const Row& r) { out.push_back(ReadApplication(r)); });
  for (auto& a : out) LoadDocuments(a);
  return out;
}

bool SqlProviderLifecycle::DecideApplication(int64_t id, ApplicationStatus status,
                                             std::string_view by, int64_t at,
                                             std::string_view reason) {
  return c_.Exec("UPDATE provider_applications SET status = $1, decided_by = $2, decided_at = $3,"
                 " reason = $4 WHERE id = $5 AND status = 0",
                 {static_cast<int64_t>(status), std::string(by), at, std::string(reason), id}) > 0;
}

void SqlProviderLifecycle::AddEvent(const ProviderEvent& e) {
  c_.Exec("INSERT INTO provider_events (provider_code, at, actor, action, status, reason,"
          " date_from, date_until, application_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
          {e.provider_code, e.at, e.actor, static_cast<int64_t>(e.action),
           static_cast<int64_t>(e.status), e.reason, YmdOr0(e.from), YmdOr0(e.until),
           e.application_id});
}

std::vector<ProviderEvent> SqlProviderLifecycle::Events(std::string_view code) {
  std::vector<ProviderEvent> out;
  c_.Query("SELECT id, provider_code, at, actor, action, status, reason, date_from, date_until,"
           " application_id FROM provider_events WHERE provider_code = $1 ORDER BY id",
           {std::string(code)}, [&](const Row& r) {
             ProviderEvent e;
             e.id = r.Int(0);
             e.provider_code = r.Text(1);
             e.at = r.Int(2);
             e.actor = r.Text(3);
             e.action = static_cast<market::ProviderAction>(r.Int(4));
             e.status = static_cast<ProviderStatus>(r.Int(5));
             e.reason = r.Text(6);
             e.from = DateOr(r.Int(7));
             e.until = DateOr(r.Int(8));
             e.application_id = r.Int(9);
             out.push_back(std::move(e));
           });
  return out;
}

bool SqlProviderLifecycle::OnRoster(std::string_view code, int64_t person_id) {
  return c_.ScalarInt("SELECT count(*) FROM class_enrolments n JOIN training_classes c"
                      " ON c.id = n.class_id WHERE n.person_id = $1 AND c.provider_code = $2",
                      {person_id, std::string(code)}) > 0;
}

std::vector<int64_t> SqlProviderLifecycle::RosterPersons(std::string_view code) {
  std::vector<int64_t> out;
  c_.Query("SELECT DISTINCT n.person_id FROM class_enrolments n JOIN training_classes c"
           " ON c.id = n.class_id WHERE c.provider_code = $1 ORDER BY n.person_id",
           {std::string(code)}, [&](const Row& r) { out.push_back(r.Int(0)); });
  return out;
}

}  // namespace jixu::storage::sql
