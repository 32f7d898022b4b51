// Courses and reviews over SqlConn.
#include "storage/sql/market/sql_market.hpp"
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {
namespace {

constexpr std::string_view kCourseColumns =
    "c.id, c.provider_code, c.code, c.title, c.category, c.form, c.centi_hours, c.published,"
    " c.description, c.field, c.teachers, c.public_subject_id, coalesce(v.name, '')";
constexpr std::string_view kCourseFrom =
    " FROM courses c LEFT JOIN providers v ON v.code = c.provider_code";

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
  c.field = r.Text(9);
  c.teachers = r.Text(10);
  c.public_subject_id = r.Int(11);
  c.provider_name = r.Text(12);
  return c;
}

/// The text a course is found by in the catalogue.
std::string CourseText(const Course& c) {
  return c.title + " " + c.code + " " + c.field + " " + c.teachers + " " + c.description;
}

constexpr std::string_view kReviewColumns =
    "record_id, stage, needs_authority, declared_at, employer_reviewer, employer_decided_at,"
    " authority_reviewer, authority_decided_at";

}  // namespace

std::optional<int64_t> SqlCourses::Create(const Course& c) {
  std::optional<int64_t> id;
  c_.Atomically([&] {
    c_.Query(
        "INSERT INTO courses (provider_code, code, title, category, form, centi_hours, published,"
        " description, field, teachers, public_subject_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"
        " ON CONFLICT (provider_code, code) DO NOTHING RETURNING id",
        {c.provider_code, c.code, c.title, static_cast<int64_t>(c.category),
         static_cast<int64_t>(c.form), c.hours.centi(), int64_t{c.published}, c.description,
         c.field, c.teachers, c.public_subject_id},
        [&](const Row& r) { id = r.Int(0); });
    if (!id) return;
    for (int64_t t : c.textbook_ids) {
      c_.Exec("INSERT INTO course_textbooks (course_id, textbook_id) VALUES ($1,$2)"
              " ON CONFLICT (course_id, textbook_id) DO NOTHING", {*id, t});
    }
    IndexTerms(c_, TermKind::kCourse, *id, CourseText(c));
  });
  return id;
}

bool SqlCourses::Update(const Course& c) {
  bool done = false;
  c_.Atomically([&] {
    done = c_.Exec(
               "UPDATE courses SET title = $1, category = $2, form = $3, centi_hours = $4,"
               " published = $5, description = $6, field = $7, teachers = $8,"
               " public_subject_id = $9 WHERE id = $10",
               {c.title, static_cast<int64_t>(c.category), static_cast<int64_t>(c.form),
                c.hours.centi(), int64_t{c.published}, c.description, c.field, c.teachers,
                c.public_subject_id, c.id}) > 0;
    if (!done) return;
    c_.Exec("DELETE FROM course_textbooks WHERE course_id = $1", {c.id});
    for (int64_t t : c.textbook_ids) {
      c_.Exec("INSERT INTO course_textbooks (course_id, textbook_id) VALUES ($1,$2)"
              " ON CONFLICT (course_id, textbook_id) DO NOTHING", {c.id, t});
    }
    IndexTerms(c_, TermKind::kCourse, c.id, CourseText(c));
  });
  return done;
}

/// The textbooks of a page of courses, in one query.
void SqlCourses::LoadTextbooks(std::vector<Course>& courses) {
  if (courses.empty()) return;
  std::string in;
  Values ids;
  for (const auto& c : courses) {
    ids.push_back(c.id);
    in += (in.empty() ? "$" : ",$") + std::to_string(ids.size());
  }
  c_.Query("SELECT course_id, textbook_id FROM course_textbooks WHERE course_id IN (" + in +
               ") ORDER BY course_id, textbook_id",
           ids, [&](const Row& r) {
             const int64_t course = r.Int(0);
             for (auto& c : courses) {
               if (c.id == course) c.textbook_ids.push_back(r.Int(1));
             }
           });
}

std::optional<Course> SqlCourses::FindById(int64_t id) {
  std::vector<Course> out;
  c_.Query("SELECT " + std::string(kCourseColumns) + std::string(kCourseFrom) + " WHERE c.id = $1", {id},
           [&](const Row& r) { out.push_back(ReadCourse(r)); });
  if (out.empty()) return std::nullopt;
  LoadTextbooks(out);
  return out.front();
}

PageOf<Course> SqlCourses::List(const CourseFilter& f, const Page& page) {
  Where w;
  // With search terms the ids come from the term index; writing the other filters as
  // expressions (x + 0, x || '') keeps SQLite's planner from scanning the catalogue index on
  // published/category/field and probing each row's id instead (50,000 rows: ~50 ms against 1).
  const bool by_terms = !f.terms.empty();
  const std::string num = by_terms ? " + 0" : "", text = by_terms ? " || ''" : "";
  if (!f.provider_code.empty()) w.Add("c.provider_code = ?", {f.provider_code});
  if (f.published) w.Add("c.published" + num + " = ?", {int64_t{*f.published}});
  if (f.category) w.Add("c.category" + num + " = ?", {static_cast<int64_t>(*f.category)});
  if (f.form) w.Add("c.form = ?", {static_cast<int64_t>(*f.form)});
  if (!f.field.empty()) w.Add("c.field" + text + " = ?", {f.field});
  if (f.public_subject_id != 0) w.Add("c.public_subject_id = ?", {f.public_subject_id});
  if (!f.title_contains.empty()) w.Add("c.title LIKE ?", {"%" + f.title_contains + "%"});
  WhereHasTerms(w, TermKind::kCourse, "c.id", f.terms);
  PageOf<Course> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM courses c" + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page,
      {{"title", c_.ByteOrder("c.title")}, {"code", c_.ByteOrder("c.code")}, {"hours", "c.centi_hours"}},
      "c.id");
  c_.Query("SELECT " + std::string(kCourseColumns) + std::string(kCourseFrom) + w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadCourse(r)); });
  LoadTextbooks(out.items);
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
