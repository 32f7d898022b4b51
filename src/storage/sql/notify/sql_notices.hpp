#pragma once
// Notices (core/storage/notify_repos.hpp) written once over SqlConn for both backends.
#include "core/storage/notify_repos.hpp"
#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::sql {

class SqlNotices final : public NoticeRepository {
 public:
  explicit SqlNotices(SqlConn& c) : c_(c) {}
  int64_t AddMany(const std::vector<Notice>& notices) override;
  std::vector<std::pair<int64_t, std::string>> SentTo(const std::string& rule_id,
                                                      const std::string& period) override;
  PageOf<Notice> List(const NoticeReader& reader, bool unread_only, const Page& page) override;
  int64_t UnreadCount(const NoticeReader& reader) override;
  bool MarkRead(const NoticeReader& reader, int64_t id, int64_t at) override;
  int64_t MarkAllRead(const NoticeReader& reader, int64_t at) override;
  std::optional<Notice> Find(const NoticeReader& reader, int64_t id) override;
  std::string Email(int64_t user_id) override;
  void SetEmail(int64_t user_id, const std::string& email) override;
  std::vector<OutgoingEmail> PendingEmail(size_t limit) override;
  void SetEmailState(int64_t notice_id, EmailState state) override;
  std::vector<WaitingDeclaration> WaitingDeclarations(int64_t before) override;
  std::vector<User> Authorities() override;

 private:
  SqlConn& c_;
};

}  // namespace jixu::storage::sql
