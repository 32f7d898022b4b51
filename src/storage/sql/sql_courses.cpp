// Courses and reviews over SqlConn.
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {
namespace {

constexpr std::string_view kCourseColumns =
    "id, provider_code, code, title, category, form, centi_hours, published, description";

Course ReadCourse(const Row& r) {
  Course c;
  c.id = r.Int(0);
  c.provider_code = r.Text(1);
  c.code = r.Text(2);
  c.title = r.Text(3);
  c.category = static_cast<records::Category>(r.Int(4));
  c.form = static_cast<records::Form>(r.Int(5));
  c.hours = Hours::FromCenti(r.Int(6));
  c.published = r.Int(7) != 0;
  c.description = r.Text(8);
  return c;
}

constexpr std::string_view kReviewColumns =
    "record_id, stage, needs_authority, declared_at, employer_reviewer, employer_decided_at,"
    " authority_reviewer, authority_decided_at";

}  // namespace

std::optional<int64_t> SqlCourses::Create(const Course& c) {
  std::optional<int64_t> id;
  c_.Query(
      "INSERT INTO courses (provider_code, code, title, category, form, centi_hours, published,"
      " description) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"
      " ON CONFLICT (provider_code, code) DO NOTHING RETURNING id",
      {c.provider_code, c.code, c.title, static_cast<int64_t>(c.category),
       static_cast<int64_t>(c.form), c.hours.centi(), int64_t{c.published}, c.description},
      [&](const Row& r) { id = r.Int(0); });
  return id;
}

bool SqlCourses::Update(const Course& c) {
  return c_.Exec(
             "UPDATE courses SET title = $1, category = $2, form = $3, centi_hours = $4,"
             " published = $5, description = $6 WHERE id = $7",
             {c.title, static_cast<int64_t>(c.category), static_cast<int64_t>(c.form),
              c.hours.centi(), int64_t{c.published}, c.description, c.id}) > 0;
}

std::optional<Course> SqlCourses::FindById(int64_t id) {
  std::optional<Course> out;
  c_.Query("SELECT " + std::string(kCourseColumns) + " FROM courses WHERE id = $1", {id},
           [&](const Row& r) { out = ReadCourse(r); });
  return out;
}

PageOf<Course> SqlCourses::List(const CourseFilter& f, const Page& page) {
  Where w;
  if (!f.provider_code.empty()) w.Add("provider_code = ?", {f.provider_code});
  if (f.published) w.Add("published = ?", {int64_t{*f.published}});
  if (f.category) w.Add("category = ?", {static_cast<int64_t>(*f.category)});
  if (f.form) w.Add("form = ?", {static_cast<int64_t>(*f.form)});
  if (!f.title_contains.empty()) w.Add("title LIKE ?", {"%" + f.title_contains + "%"});
  PageOf<Course> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM courses" + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page,
      {{"title", c_.ByteOrder("title")}, {"code", c_.ByteOrder("code")}, {"hours", "centi_hours"}},
      "id");
  c_.Query("SELECT " + std::string(kCourseColumns) + " FROM courses" + w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadCourse(r)); });
  return out;
}

void SqlReviews::Create(const Review& v) {
  c_.Exec("INSERT INTO record_reviews (" + std::string(kReviewColumns) +
              ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
          {v.record_id, static_cast<int64_t>(v.stage), int64_t{v.needs_authority}, v.declared_at,
           v.employer_reviewer, v.employer_decided_at, v.authority_reviewer,
           v.authority_decided_at});
}

std::optional<Review> SqlReviews::Find(int64_t record_id) {
  std::optional<Review> out;
  c_.Query("SELECT " + std::string(kReviewColumns) + " FROM record_reviews WHERE record_id = $1",
           {record_id}, [&](const Row& r) {
             Review v;
             v.record_id = r.Int(0);
             v.stage = static_cast<ReviewStage>(r.Int(1));
             v.needs_authority = r.Int(2) != 0;
             v.declared_at = r.Int(3);
             v.employer_reviewer = r.Text(4);
             v.employer_decided_at = r.Int(5);
             v.authority_reviewer = r.Text(6);
             v.authority_decided_at = r.Int(7);
             out = v;
           });
  return out;
}

void SqlReviews::Update(const Review& v) {
  c_.Exec(
      "UPDATE record_reviews SET stage = $1, employer_reviewer = $2, employer_decided_at = $3,"
      " authority_reviewer = $4, authority_decided_at = $5 WHERE record_id = $6",
      {static_cast<int64_t>(v.stage), v.employer_reviewer, v.employer_decided_at,
       v.authority_reviewer, v.authority_decided_at, v.record_id});
}

}  // namespace jixu::storage::sql
