// Notices (core/storage/notify_repos.hpp), written once for both backends.
#include "storage/sql/notify/sql_notices.hpp"

#include <algorithm>

namespace jixu::storage::sql {
namespace {

constexpr const char* kNoticeColumns =
    "id, kind, rule_id, period, recipient_kind, recipient_id, recipient_code, subject_zh, body_zh,"
    " subject_en, body_en, sender, created_at, read_at, email_state";
constexpr int kInsertParams = 13;
/// Rows per multi-row INSERT: 13 placeholders each stays far below both backends' limits.
constexpr size_t kNoticesPerInsert = 300;

Notice ReadNotice(const Row& r) {
  Notice n;
  n.id = r.Int(0);
  n.kind = r.Text(1);
  n.rule_id = r.Text(2);
  n.period = r.Text(3);
  n.recipient_kind = static_cast<RecipientKind>(r.Int(4));
  n.recipient_id = r.Int(5);
  n.recipient_code = r.Text(6);
  n.subject_zh = r.Text(7);
  n.body_zh = r.Text(8);
  n.subject_en = r.Text(9);
  n.body_en = r.Text(10);
  n.sender = r.Text(11);
  n.created_at = r.Int(12);
  n.read_at = r.Int(13);
  n.email_state = static_cast<EmailState>(r.Int(14));
  return n;
}

/// The reader's notices: theirs as a user, their person's, their employer's.
void AddReader(Where& w, const NoticeReader& reader) {
  w.Add("((recipient_kind = 0 AND recipient_id = ?) OR (recipient_kind = 1 AND recipient_id = ? "
        "AND recipient_id <> 0) OR (recipient_kind = 2 AND recipient_code = ? AND recipient_code <> ''))",
        {reader.user_id, reader.person_id, reader.employer_code});
}

/// The accounts that receive a notice `n` (alias) and read it: u is users.
constexpr const char* kReceives =
    "u.disabled = 0 AND ((n.recipient_kind = 0 AND u.id = n.recipient_id)"
    " OR (n.recipient_kind = 1 AND u.role = 'person' AND u.person_id = n.recipient_id)"
    " OR (n.recipient_kind = 2 AND u.role = 'employer_admin' AND u.employer_code = n.recipient_code))";

}  // namespace

int64_t SqlNotices::AddMany(const std::vector<Notice>& notices) {
  int64_t inserted = 0;
  c_.Atomically([&] {
    for (size_t start = 0; start < notices.size(); start += kNoticesPerInsert) {
      const size_t end = std::min(notices.size(), start + kNoticesPerInsert);
      std::string sql =
          "INSERT INTO notices (kind, rule_id, period, recipient_kind, recipient_id, recipient_code,"
          " subject_zh, body_zh, subject_en, body_en, sender, created_at, email_state) VALUES ";
      Values v;
      v.reserve((end - start) * kInsertParams);
      for (size_t i = start; i < end; ++i) {
        const Notice& n = notices[i];
        const size_t base = (i - start) * kInsertParams;
        sql += i == start ? "(" : ", (";
        for (int p = 1; p <= kInsertParams; ++p) {
          sql += (p == 1 ? "$" : ", $") + std::to_string(base + p);
        }
        sql += ")";
        v.insert(v.end(), {n.kind, n.rule_id, n.period, static_cast<int64_t>(n.recipient_kind),
                           n.recipient_id, n.recipient_code, n.subject_zh, n.body_zh, n.subject_en,
                           n.body_en, n.sender, n.created_at,
                           static_cast<int64_t>(n.email_state)});
      }
      sql += " ON CONFLICT (rule_id, period, recipient_kind, recipient_id, recipient_code) DO NOTHING";
      inserted += c_.Exec(sql, v);
    }
  });
  return inserted;
}

std::vector<std::pair<int64_t, std::string>> SqlNotices::SentTo(const std::string& rule_id,
                                                                const std::string& period) {
  std::vector<std::pair<int64_t, std::string>> out;
  c_.Query("SELECT recipient_id, recipient_code FROM notices WHERE rule_id = $1 AND period = $2",
           {rule_id, period}, [&](const Row& r) { out.emplace_back(r.Int(0), r.Text(1)); });
  return out;
}

PageOf<Notice> SqlNotices::List(const NoticeReader& reader, bool unread_only, const Page& page) {
  Where w;
  AddReader(w, reader);
  if (unread_only) w.Add("read_at = 0");
  PageOf<Notice> out;
  out.total = c_.ScalarInt("SELECT count(*) FROM notices" + w.Sql(), w.values());
  std::string sql = std::string("SELECT ") + kNoticeColumns + " FROM notices" + w.Sql() +
                    " ORDER BY id DESC LIMIT ";
  sql += w.Next(page.limit);
  sql += " OFFSET " + w.Next(page.offset);
  c_.Query(sql, w.values(), [&](const Row& r) { out.items.push_back(ReadNotice(r)); });
  return out;
}

int64_t SqlNotices::UnreadCount(const NoticeReader& reader) {
  Where w;
  AddReader(w, reader);
  w.Add("read_at = 0");
  return c_.ScalarInt("SELECT count(*) FROM notices" + w.Sql(), w.values());
}

bool SqlNotices::MarkRead(const NoticeReader& reader, int64_t id, int64_t at) {
  Where w;
  w.Add("id = ?", {id});
  AddReader(w, reader);
  if (c_.ScalarInt("SELECT count(*) FROM notices" + w.Sql(), w.values()) == 0) return false;
  c_.Exec("UPDATE notices SET read_at = $1 WHERE id = $2 AND read_at = 0", {at, id});
  return true;
}

int64_t SqlNotices::MarkAllRead(const NoticeReader& reader, int64_t at) {
  Where w;
  w.Add("read_at = 0");
  AddReader(w, reader);
  std::string sql = "UPDATE notices SET read_at = " + w.Next(at) + w.Sql();
  return c_.Exec(sql, w.values());
}

std::optional<Notice> SqlNotices::Find(const NoticeReader& reader, int64_t id) {
  Where w;
  w.Add("id = ?", {id});
  AddReader(w, reader);
  std::optional<Notice> out;
  c_.Query(std::string("SELECT ") + kNoticeColumns + " FROM notices" + w.Sql(), w.values(),
           [&](const Row& r) { out = ReadNotice(r); });
  return out;
}

std::string SqlNotices::Email(int64_t user_id) {
  std::string out;
  c_.Query("SELECT email FROM notice_contacts WHERE user_id = $1", {user_id},
           [&](const Row& r) { out = r.Text(0); });
  return out;
}

void SqlNotices::SetEmail(int64_t user_id, const std::string& email) {
  c_.Atomically([&] {
    c_.Exec("DELETE FROM notice_contacts WHERE user_id = $1", {user_id});
    if (!email.empty()) {
      c_.Exec("INSERT INTO notice_contacts (user_id, email) VALUES ($1, $2)", {user_id, email});
    }
  });
}

std::vector<OutgoingEmail> SqlNotices::PendingEmail(size_t limit) {
  std::vector<OutgoingEmail> out;
  c_.Atomically([&] {
    c_.Exec(std::string("UPDATE notices AS n SET email_state = 2 WHERE n.email_state = 0 AND NOT EXISTS"
                        " (SELECT 1 FROM users u JOIN notice_contacts c ON c.user_id = u.id"
                        " WHERE ") + kReceives + ")",
            {});
    // The pending notices first (the partial index), then their addresses.
    std::vector<int64_t> ids;
    c_.Query("SELECT id FROM notices WHERE email_state = 0 ORDER BY id LIMIT $1",
             {static_cast<int64_t>(limit)}, [&](const Row& r) { ids.push_back(r.Int(0)); });
    for (int64_t id : ids) {
      OutgoingEmail e;
      e.notice_id = id;
      c_.Query(std::string("SELECT n.subject_zh, n.body_zh, c.email FROM notices n, users u"
                           " JOIN notice_contacts c ON c.user_id = u.id WHERE n.id = $1 AND ") +
                   kReceives + " ORDER BY c.email",
               {id}, [&](const Row& r) {
                 e.subject_zh = r.Text(0);
                 e.body_zh = r.Text(1);
                 e.to.push_back(r.Text(2));
               });
      if (!e.to.empty()) out.push_back(std::move(e));
    }
  });
  return out;
}

void SqlNotices::SetEmailState(int64_t notice_id, EmailState state) {
  c_.Exec("UPDATE notices SET email_state = $1 WHERE id = $2",
          {static_cast<int64_t>(state), notice_id});
}

std::vector<WaitingDeclaration> SqlNotices::WaitingDeclarations(int64_t before) {
  std::vector<WaitingDeclaration> out;
  // Stage 0: waits for the employer since declared; stage 1: for the authority since the
  // employer passed it on.
  c_.Query("SELECT r.id, p.id, p.name, p.region_code, coalesce(p.employer_code, ''), r.title,"
           " CASE WHEN rv.stage = 0 THEN rv.declared_at ELSE rv.employer_decided_at END, rv.stage"
           " FROM record_reviews rv JOIN learning_records r ON r.id = rv.record_id"
           " JOIN persons p ON p.id = r.person_id"
           " WHERE r.status = 0 AND ((rv.stage = 0 AND rv.declared_at < $1)"
           " OR (rv.stage = 1 AND rv.employer_decided_at < $1))"
           " ORDER BY 7, r.id",
           {before}, [&](const Row& row) {
             WaitingDeclaration d;
             d.record_id = row.Int(0);
             d.person_id = row.Int(1);
             d.person_name = row.Text(2);
             d.region_code = row.Text(3);
             d.employer_code = row.Text(4);
             d.title = row.Text(5);
             d.waiting_since = row.Int(6);
             d.authority_stage = row.Int(7) == 1;
             out.push_back(std::move(d));
           });
  return out;
}

std::vector<User> SqlNotices::Authorities() {
  std::vector<User> out;
  c_.Query("SELECT id, username, region_prefix, industry FROM users"
           " WHERE role = 'authority' AND disabled = 0 ORDER BY id",
           {}, [&](const Row& r) {
             User u;
             u.id = r.Int(0);
             u.username = r.Text(1);
             u.role = Role::kAuthority;
             u.region_prefix = r.Text(2);
             u.industry = r.Text(3);
             out.push_back(std::move(u));
           });
  return out;
}

}  // namespace jixu::storage::sql
