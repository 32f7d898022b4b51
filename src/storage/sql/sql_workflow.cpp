// Exemption requests with approval, and a provider's classes with enrolments, over SqlConn.
#include <array>

#include "core/common/error.hpp"
#include "storage/sql/privacy/key_ring.hpp"
#include "storage/sql/sql_workflow.hpp"

namespace jixu::storage {
namespace {
constexpr std::array<std::string_view, 3> kRequestCodes = {"pending", "approved", "rejected"};
}  // namespace

std::string_view RequestStatusCode(RequestStatus s) { return kRequestCodes.at(static_cast<size_t>(s)); }

std::optional<RequestStatus> ParseRequestStatus(std::string_view text) {
  for (size_t i = 0; i < kRequestCodes.size(); ++i) {
    if (kRequestCodes[i] == text) return static_cast<RequestStatus>(i);
  }
  return std::nullopt;
}

}  // namespace jixu::storage

namespace jixu::storage::sql {
namespace {

Date YmdAt(const Row& r, int col) {
  auto d = Date::FromYmdInt(static_cast<int32_t>(r.Int(col)));
  if (!d) throw Fault("storage_error", "bad stored date");
  return *d;
}

constexpr std::string_view kReviewColumns =
    "exemption_id, person_id, status, requested_by, requested_at, evidence_sha256,"
    " evidence_filename, decided_by, decided_at, reason";

ExemptionReview ReadReview(const Row& r, int at) {
  ExemptionReview v;
  v.exemption_id = r.Int(at);
  v.person_id = r.Int(at + 1);
  v.status = static_cast<RequestStatus>(r.Int(at + 2));
  v.requested_by = r.Text(at + 3);
  v.requested_at = r.Int(at + 4);
  v.evidence_sha256 = r.Text(at + 5);
  v.evidence_filename = r.Text(at + 6);
  v.decided_by = r.Text(at + 7);
  v.decided_at = r.Int(at + 8);
  v.reason = r.Text(at + 9);
  return v;
}

constexpr std::string_view kClassColumns =
    "c.id, c.provider_code, c.course_id, c.name, c.starts_on, c.ends_on, c.centi_hours,"
    " c.capacity, c.created_at,"
    " (SELECT count(*) FROM class_enrolments n WHERE n.class_id = c.id),"
    " (SELECT count(*) FROM class_enrolments n WHERE n.class_id = c.id AND n.completed_at > 0)";

TrainingClass ReadClass(const Row& r) {
  TrainingClass c;
  c.id = r.Int(0);
  c.provider_code = r.Text(1);
  c.course_id = r.Int(2);
  c.name = r.Text(3);
  c.starts_on = YmdAt(r, 4);
  c.ends_on = YmdAt(r, 5);
  c.hours = Hours::FromCenti(r.Int(6));
  c.capacity = r.Int(7);
  c.created_at = r.Int(8);
  c.enrolled = r.Int(9);
  c.completed = r.Int(10);
  return c;
}

constexpr std::string_view kEnrolmentSelect =
    "SELECT n.class_id, n.person_id, p.name, p.id_number, n.enrolled_at, n.completed_at,"
    " n.record_id, n.certificate_serial FROM class_enrolments n JOIN persons p ON p.id = n.person_id";

Enrolment ReadEnrolment(const Row& r, privacy::KeyRing& keys) {
  return {r.Int(0), r.Int(1), r.Text(2), keys.Open(r.Text(3)), r.Int(4), r.Int(5), r.Int(6),
          r.Text(7)};
}

}  // namespace

void SqlExemptionReviews::Create(const ExemptionReview& v) {
  c_.Exec("INSERT INTO exemption_reviews (" + std::string(kReviewColumns) +
              ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
          {v.exemption_id, v.person_id, static_cast<int64_t>(v.status), v.requested_by,
           v.requested_at, v.evidence_sha256, v.evidence_filename, v.decided_by, v.decided_at,
           v.reason});
}

std::optional<ExemptionReview> SqlExemptionReviews::Find(int64_t exemption_id) {
  std::optional<ExemptionReview> out;
  c_.Query("SELECT " + std::string(kReviewColumns) +
               " FROM exemption_reviews WHERE exemption_id = $1",
           {exemption_id}, [&](const Row& r) { out = ReadReview(r, 0); });
  return out;
}

void SqlExemptionReviews::SetEvidence(int64_t exemption_id, std::string_view sha256,
                                      std::string_view filename) {
  c_.Exec("UPDATE exemption_reviews SET evidence_sha256 = $1, evidence_filename = $2"
          " WHERE exemption_id = $3",
          {std::string(sha256), std::string(filename), exemption_id});
}

bool SqlExemptionReviews::Decide(int64_t exemption_id, RequestStatus status, std::string_view by,
                                 int64_t at, std::string_view reason) {
  const int64_t pending = static_cast<int64_t>(RequestStatus::kPending);
  bool done = false;
  c_.Atomically([&] {
    done = c_.Exec("UPDATE exemption_reviews SET status = $1, decided_by = $2, decided_at = $3,"
                   " reason = $4 WHERE exemption_id = $5 AND status = $6",
                   {static_cast<int64_t>(status), std::string(by), at, std::string(reason),
                    exemption_id, pending}) > 0;
    if (!done) return;
    const int64_t approved = status == RequestStatus::kApproved ? 1 : 0;
    c_.Exec("UPDATE exemptions SET approved = ($1 = 1) WHERE id = $2", {approved, exemption_id});
  });
  return done;
}

PageOf<ExemptionRow> SqlExemptionReviews::List(const ExemptionQuery& q, const Page& page) {
  Where w;
  ApplyPersonScope(w, c_, q.scope);
  if (q.person_id != 0) w.Add("e.person_id = ?", {q.person_id});
  if (q.status) {
    w.Add("coalesce(x.status, CASE WHEN e.approved THEN 1 ELSE 0 END) = ?",
          {static_cast<int64_t>(*q.status)});
  }
  const std::string from =
      " FROM exemptions e JOIN persons p ON p.id = e.person_id"
      " LEFT JOIN exemption_reviews x ON x.exemption_id = e.id";
  PageOf<ExemptionRow> out;
  out.total = c_.ScalarInt("SELECT count(*)" + from + w.Sql(), w.values());
  const std::string limit = w.Next(page.limit);
  const std::string offset = w.Next(page.offset);
  const std::string sql =
      "SELECT e.id, e.person_id, e.kind, " + c_.DateInt("e.date_from") + ", " +
      c_.DateInt("e.date_to") + ", CASE WHEN e.approved THEN 1 ELSE 0 END, e.note, p.name,"
      " p.region_code, coalesce(p.employer_code, ''), x.exemption_id, x.person_id, x.status,"
      " x.requested_by, x.requested_at, x.evidence_sha256, x.evidence_filename, x.decided_by,"
      " x.decided_at, x.reason" + from + w.Sql() + " ORDER BY e.id DESC LIMIT " + limit +
      " OFFSET " + offset;
  c_.Query(sql, w.values(), [&](const Row& r) {
    ExemptionRow row;
    auto& e = row.exemption;
    e.id = r.Int(0);
    e.person_id = r.Int(1);
    e.kind = static_cast<records::ExemptionKind>(r.Int(2));
    e.from = YmdAt(r, 3);
    e.to = YmdAt(r, 4);
    e.approved = r.Int(5) != 0;
    e.note = r.Text(6);
    row.person_name = r.Text(7);
    row.person_region = r.Text(8);
    row.employer_code = r.Text(9);
    row.has_review = !r.IsNull(10);
    if (row.has_review) {
      row.review = ReadReview(r, 10);
    } else {
      row.review.exemption_id = e.id;
      row.review.person_id = e.person_id;
      row.review.status = e.approved ? RequestStatus::kApproved : RequestStatus::kPending;
    }
    out.items.push_back(std::move(row));
  });
  return out;
}

int64_t SqlClasses::Create(const TrainingClass& c) {
  int64_t id = 0;
  c_.Query("INSERT INTO training_classes (provider_code, course_id, name, starts_on, ends_on,"
           " centi_hours, capacity, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
           {c.provider_code, c.course_id, c.name, int64_t{c.starts_on.ToYmdInt()},
            int64_t{c.ends_on.ToYmdInt()}, c.hours.centi(), c.capacity, c.created_at},
           [&](const Row& r) { id = r.Int(0); });
  return id;
}

std::optional<TrainingClass> SqlClasses::FindById(int64_t id) {
  std::optional<TrainingClass> out;
  c_.Query("SELECT " + std::string(kClassColumns) + " FROM training_classes c WHERE c.id = $1",
           {id}, [&](const Row& r) { out = ReadClass(r); });
  return out;
}

PageOf<TrainingClass> SqlClasses::List(const ClassQuery& q, const Page& page) {
  Where w;
  if (!q.provider_code.empty()) w.Add("c.provider_code = ?", {q.provider_code});
  if (q.course_id != 0) w.Add("c.course_id = ?", {q.course_id});
  PageOf<TrainingClass> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM training_classes c" + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page, {{"name", c_.ByteOrder("c.name")}, {"starts_on", "c.starts_on"}}, "c.id");
  c_.Query("SELECT " + std::string(kClassColumns) + " FROM training_classes c" + w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadClass(r)); });
  return out;
}

bool SqlClasses::Enroll(int64_t class_id, int64_t person_id, int64_t at) {
  return c_.Exec("INSERT INTO class_enrolments (class_id, person_id, enrolled_at)"
                 " VALUES ($1,$2,$3) ON CONFLICT (class_id, person_id) DO NOTHING",
                 {class_id, person_id, at}) > 0;
}

std::vector<Enrolment> SqlClasses::Enrolments(int64_t class_id) {
  std::vector<Enrolment> out;
  c_.Query(std::string(kEnrolmentSelect) + " WHERE n.class_id = $1 ORDER BY n.enrolled_at, n.person_id",
           {class_id}, [&](const Row& r) { out.push_back(ReadEnrolment(r, c_.keys())); });
  return out;
}

std::optional<Enrolment> SqlClasses::FindEnrolment(int64_t class_id, int64_t person_id) {
  std::optional<Enrolment> out;
  c_.Query(std::string(kEnrolmentSelect) + " WHERE n.class_id = $1 AND n.person_id = $2",
           {class_id, person_id}, [&](const Row& r) { out = ReadEnrolment(r, c_.keys()); });
  return out;
}

void SqlClasses::Complete(int64_t class_id, int64_t person_id, int64_t record_id, int64_t at) {
  c_.Exec("UPDATE class_enrolments SET completed_at = $1, record_id = $2"
          " WHERE class_id = $3 AND person_id = $4 AND completed_at = 0",
          {at, record_id, class_id, person_id});
}

void SqlClasses::SetCertificate(int64_t class_id, int64_t person_id, std::string_view serial) {
  c_.Exec("UPDATE class_enrolments SET certificate_serial = $1 WHERE class_id = $2 AND person_id = $3",
          {std::string(serial), class_id, person_id});
}

}  // namespace jixu::storage::sql
