// The catalogue over SqlConn: public subjects, textbooks, quality lists, and the search terms
// index shared with courses (sql_courses.cpp).
#include "core/common/error.hpp"
#include "core/market/catalogue.hpp"
#include "storage/sql/market/sql_market.hpp"
#include "storage/sql/sql_repos.hpp"

namespace jixu::storage::sql {
namespace {

constexpr std::string_view kSubjectColumns =
    "id, year, region_prefix, title, centi_hours, content, published_by, published_at, withdrawn";

PublicSubject ReadSubject(const Row& r) {
  PublicSubject s;
  s.id = r.Int(0);
  s.year = static_cast<int>(r.Int(1));
  s.region_prefix = r.Text(2);
  s.title = r.Text(3);
  s.hours = Hours::FromCenti(r.Int(4));
  s.content = r.Text(5);
  s.published_by = r.Text(6);
  s.published_at = r.Int(7);
  s.withdrawn = r.Int(8) != 0;
  return s;
}

constexpr std::string_view kTextbookColumns =
    "id, isbn, title, authors, publisher, edition, subject, added_by, added_at, recommended,"
    " recommended_by, recommended_at, recommend_note";

Textbook ReadTextbook(const Row& r) {
  Textbook t;
  t.id = r.Int(0);
  t.isbn = r.Text(1);
  t.title = r.Text(2);
  t.authors = r.Text(3);
  t.publisher = r.Text(4);
  t.edition = r.Text(5);
  t.subject = r.Text(6);
  t.added_by = r.Text(7);
  t.added_at = r.Int(8);
  t.recommended = r.Int(9) != 0;
  t.recommended_by = r.Text(10);
  t.recommended_at = r.Int(11);
  t.recommend_note = r.Text(12);
  return t;
}

constexpr std::string_view kListColumns =
    "id, year, kind, title, region_prefix, note, published_by, published_at";

QualityList ReadList(const Row& r) {
  QualityList l;
  l.id = r.Int(0);
  l.year = static_cast<int>(r.Int(1));
  l.kind = r.Text(2);
  l.title = r.Text(3);
  l.region_prefix = r.Text(4);
  l.note = r.Text(5);
  l.published_by = r.Text(6);
  l.published_at = r.Int(7);
  return l;
}

}  // namespace

void IndexTerms(SqlConn& c, TermKind kind, int64_t id, std::string_view text) {
  const auto k = static_cast<int64_t>(kind);
  c.Exec("DELETE FROM catalogue_terms WHERE kind = $1 AND entity_id = $2", {k, id});
  for (const auto& term : market::SearchTerms(text)) {
    c.Exec("INSERT INTO catalogue_terms (kind, term, entity_id) VALUES ($1,$2,$3)", {k, term, id});
  }
}

void WhereHasTerms(Where& w, TermKind kind, std::string_view id_column,
                   const std::vector<std::string>& terms) {
  if (terms.empty()) return;
  // The ids that have every term: the first term's posting list (one range of the (kind, term,
  // entity_id) primary key, in id order), each id probed in the other terms' postings by the
  // same key. The database then fetches only those rows by id, never scanning the entity's
  // table. (An INTERSECT of the postings costs several times the CPU: it sorts each one.)
  const std::string k = w.Next(static_cast<int64_t>(kind));
  std::string cond = std::string(id_column) + " IN (SELECT t0.entity_id FROM catalogue_terms t0 WHERE t0.kind = " + k +
                     " AND t0.term = " + w.Next(terms[0]);
  for (size_t i = 1; i < terms.size(); ++i) {
    cond += " AND EXISTS (SELECT 1 FROM catalogue_terms t WHERE t.kind = " + k + " AND t.term = " +
            w.Next(terms[i]) + " AND t.entity_id = t0.entity_id)";
  }
  cond += ")";
  w.Add(cond);
}

int64_t SqlCatalogue::AddPublicSubject(const PublicSubject& s) {
  int64_t id = 0;
  c_.Query("INSERT INTO public_subjects (year, region_prefix, title, centi_hours, content,"
           " published_by, published_at, withdrawn) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
           {int64_t{s.year}, s.region_prefix, s.title, s.hours.centi(), s.content, s.published_by,
            s.published_at, int64_t{s.withdrawn}},
           [&](const Row& r) { id = r.Int(0); });
  return id;
}

std::optional<PublicSubject> SqlCatalogue::PublicSubjectById(int64_t id) {
  std::optional<PublicSubject> out;
  c_.Query("SELECT " + std::string(kSubjectColumns) + " FROM public_subjects WHERE id = $1", {id},
           [&](const Row& r) { out = ReadSubject(r); });
  return out;
}

PageOf<PublicSubject> SqlCatalogue::PublicSubjects(const PublicSubjectQuery& q, const Page& page) {
  Where w;
  if (q.year != 0) w.Add("year = ?", {int64_t{q.year}});
  if (!q.include_withdrawn) w.Add("withdrawn = 0");
  if (!q.applies_to.empty()) {
    // National, or local to a region the place lies in (a prefix of it).
    w.Add("(region_prefix = '' OR substr(?, 1, length(region_prefix)) = region_prefix)", {q.applies_to});
  }
  w.AddPrefix(c_, "region_prefix", q.within);
  PageOf<PublicSubject> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM public_subjects" + w.Sql(), w.values());
  const std::string limit = w.Next(page.limit);
  const std::string offset = w.Next(page.offset);
  c_.Query("SELECT " + std::string(kSubjectColumns) + " FROM public_subjects" + w.Sql() +
               " ORDER BY year DESC, length(region_prefix), id LIMIT " + limit + " OFFSET " + offset,
           w.values(), [&](const Row& r) { out.items.push_back(ReadSubject(r)); });
  return out;
}

int64_t SqlCatalogue::CountNational(int year) {
  return c_.ScalarInt("SELECT count(*) FROM public_subjects WHERE year = $1 AND region_prefix = ''"
                      " AND withdrawn = 0",
                      {int64_t{year}});
}

bool SqlCatalogue::WithdrawPublicSubject(int64_t id) {
  return c_.Exec("UPDATE public_subjects SET withdrawn = 1 WHERE id = $1 AND withdrawn = 0", {id}) > 0;
}

std::optional<int64_t> SqlCatalogue::AddTextbook(const Textbook& t) {
  std::optional<int64_t> id;
  c_.Atomically([&] {
    c_.Query("INSERT INTO textbooks (isbn, title, authors, publisher, edition, subject, added_by,"
             " added_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (isbn) DO NOTHING RETURNING id",
             {t.isbn, t.title, t.authors, t.publisher, t.edition, t.subject, t.added_by, t.added_at},
             [&](const Row& r) { id = r.Int(0); });
    if (id) IndexTerms(c_, TermKind::kTextbook, *id, t.title + " " + t.authors + " " + t.subject + " " + t.publisher + " " + t.isbn);
  });
  return id;
}

std::optional<Textbook> SqlCatalogue::TextbookById(int64_t id) {
  std::optional<Textbook> out;
  c_.Query("SELECT " + std::string(kTextbookColumns) + " FROM textbooks WHERE id = $1", {id},
           [&](const Row& r) { out = ReadTextbook(r); });
  return out;
}

PageOf<Textbook> SqlCatalogue::Textbooks(const TextbookQuery& q, const Page& page) {
  Where w;
  WhereHasTerms(w, TermKind::kTextbook, "textbooks.id", q.terms);
  if (!q.title_contains.empty()) w.Add("title LIKE ?", {"%" + q.title_contains + "%"});
  const bool by_terms = !q.terms.empty();  // as in SqlCourses::List
  if (!q.subject.empty()) w.Add(std::string("subject") + (by_terms ? " || ''" : "") + " = ?", {q.subject});
  if (q.recommended) w.Add(std::string("recommended") + (by_terms ? " + 0" : "") + " = ?", {int64_t{*q.recommended}});
  PageOf<Textbook> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM textbooks" + w.Sql(), w.values());
  const std::string tail = OrderAndPage(
      w, page, {{"title", c_.ByteOrder("title")}, {"recommended_at", "recommended_at"}}, "id");
  c_.Query("SELECT " + std::string(kTextbookColumns) + " FROM textbooks" + w.Sql() + tail,
           w.values(), [&](const Row& r) { out.items.push_back(ReadTextbook(r)); });
  return out;
}

bool SqlCatalogue::RecommendTextbook(int64_t id, bool recommended, std::string_view by, int64_t at,
                                     std::string_view note) {
  return c_.Exec("UPDATE textbooks SET recommended = $1, recommended_by = $2, recommended_at = $3,"
                 " recommend_note = $4 WHERE id = $5",
                 {int64_t{recommended}, std::string(by), at, std::string(note), id}) > 0;
}

int64_t SqlCatalogue::AddQualityList(const QualityList& l) {
  int64_t id = 0;
  c_.Atomically([&] {
    c_.Query("INSERT INTO quality_lists (year, kind, title, region_prefix, note, published_by,"
             " published_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
             {int64_t{l.year}, l.kind, l.title, l.region_prefix, l.note, l.published_by, l.published_at},
             [&](const Row& r) { id = r.Int(0); });
    int64_t n = 0;
    for (const auto& item : l.items) {
      c_.Exec("INSERT INTO quality_list_items (list_id, doc_no, entity_id, note) VALUES ($1,$2,$3,$4)",
              {id, n++, item.entity_id, item.note});
    }
  });
  return id;
}

std::optional<QualityList> SqlCatalogue::QualityListById(int64_t id) {
  std::optional<QualityList> out;
  c_.Query("SELECT " + std::string(kListColumns) + " FROM quality_lists WHERE id = $1", {id},
           [&](const Row& r) { out = ReadList(r); });
  if (!out) return out;
  // The title of what each item names: a course, a class (project) or a textbook.
  const std::string title =
      out->kind == "course"    ? "(SELECT c.title FROM courses c WHERE c.id = i.entity_id)"
      : out->kind == "project" ? "(SELECT c.title || '（' || k.name || '）' FROM training_classes k"
                                 " JOIN courses c ON c.id = k.course_id WHERE k.id = i.entity_id)"
                               : "(SELECT b.title FROM textbooks b WHERE b.id = i.entity_id)";
  c_.Query("SELECT i.entity_id, i.note, coalesce(" + title + ", '') FROM quality_list_items i"
           " WHERE i.list_id = $1 ORDER BY i.doc_no",
           {id}, [&](const Row& r) { out->items.push_back({r.Int(0), r.Text(1), r.Text(2)}); });
  return out;
}

PageOf<QualityList> SqlCatalogue::QualityLists(int year, const std::string& kind, const Page& page) {
  Where w;
  if (year != 0) w.Add("year = ?", {int64_t{year}});
  if (!kind.empty()) w.Add("kind = ?", {kind});
  PageOf<QualityList> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM quality_lists" + w.Sql(), w.values());
  const std::string limit = w.Next(page.limit);
  const std::string offset = w.Next(page.offset);
  c_.Query("SELECT " + std::string(kListColumns) + " FROM quality_lists" + w.Sql() +
               " ORDER BY year DESC, id DESC LIMIT " + limit + " OFFSET " + offset,
           w.values(), [&](const Row& r) { out.items.push_back(ReadList(r)); });
  return out;
}

}  // namespace jixu::storage::sql
