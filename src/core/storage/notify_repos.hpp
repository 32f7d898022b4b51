#pragma once
// Storage of notices (issue 13 item 3, migration 15): every notice sent, in-app and by e-mail,
// with its read state; the e-mail address each user gives for notices. Written once over SqlConn
// (src/storage/sql/notify/) for both backends; reached through NotifySource (dynamic_cast on the
// Store, like StatisticsSource), so store.hpp stays as it is.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/server_repos.hpp"

namespace jixu::storage {

class Store;

/// Who a notice is for: one user, a person (every account of that person sees it), or an
/// employer (every admin of that employer sees it).
enum class RecipientKind : uint8_t { kUser = 0, kPerson = 1, kEmployer = 2 };

/// E-mail delivery state of a notice.
enum class EmailState : uint8_t { kPending = 0, kSent = 1, kNoAddress = 2, kFailed = 3 };
std::string_view EmailStateCode(EmailState s);  ///< "pending", "sent", "no_address", "failed"

struct Notice {
  int64_t id = 0;
  std::string kind;     ///< notify::RuleKindCode, or "urge" (催办)
  std::string rule_id;  ///< the rule's id; "urge" for 催办
  std::string period;   ///< with rule_id and the recipient: the unique key
  RecipientKind recipient_kind = RecipientKind::kUser;
  int64_t recipient_id = 0;    ///< user or person id
  std::string recipient_code;  ///< employer code
  std::string subject_zh, body_zh, subject_en, body_en;
  std::string sender;  ///< "system" for rules, the authority's username for 催办
  int64_t created_at = 0;
  int64_t read_at = 0;  ///< 0: unread
  EmailState email_state = EmailState::kPending;
};

/// What one signed-in user receives: their own notices, their person's, their employer's.
struct NoticeReader {
  int64_t user_id = 0;
  int64_t person_id = 0;       ///< role person, else 0
  std::string employer_code;   ///< role employer_admin, else ""
};

/// A notice waiting for e-mail, with the addresses of the accounts that receive it.
struct OutgoingEmail {
  int64_t notice_id = 0;
  std::vector<std::string> to;
  std::string subject_zh, body_zh;
};

/// A declaration still waiting for a review decision.
struct WaitingDeclaration {
  int64_t record_id = 0;
  int64_t person_id = 0;
  std::string person_name;
  std::string region_code;
  std::string employer_code;
  std::string title;
  int64_t waiting_since = 0;  ///< declared (employer stage) or passed on (authority stage)
  bool authority_stage = false;
};

class NoticeRepository {
 public:
  virtual ~NoticeRepository() = default;
  /// Inserts the notices whose (rule_id, period, recipient) is new, in one transaction; returns
  /// how many were inserted (the rest had been sent before).
  virtual int64_t AddMany(const std::vector<Notice>& notices) = 0;
  /// The recipients (id, code) a notice of the rule and period was already stored for: a
  /// repeated run skips them before building any text.
  virtual std::vector<std::pair<int64_t, std::string>> SentTo(const std::string& rule_id,
                                                              const std::string& period) = 0;
  /// The reader's notices, newest first.
  virtual PageOf<Notice> List(const NoticeReader& reader, bool unread_only, const Page& page) = 0;
  virtual int64_t UnreadCount(const NoticeReader& reader) = 0;
  /// Marks one of the reader's notices read; false if it is not theirs.
  virtual bool MarkRead(const NoticeReader& reader, int64_t id, int64_t at) = 0;
  /// Marks every unread notice of the reader read; returns how many.
  virtual int64_t MarkAllRead(const NoticeReader& reader, int64_t at) = 0;
  /// The reader's notice; nullopt if it is not theirs.
  virtual std::optional<Notice> Find(const NoticeReader& reader, int64_t id) = 0;

  /// The address a user gives for notices ("" if none).
  virtual std::string Email(int64_t user_id) = 0;
  /// Sets ("" removes) the address.
  virtual void SetEmail(int64_t user_id, const std::string& email) = 0;
  /// Marks pending notices no enabled account with an address receives as kNoAddress, then
  /// returns up to `limit` pending notices with their addresses, oldest first.
  virtual std::vector<OutgoingEmail> PendingEmail(size_t limit) = 0;
  virtual void SetEmailState(int64_t notice_id, EmailState state) = 0;

  /// Declarations waiting since before `before` (unix seconds), oldest first.
  virtual std::vector<WaitingDeclaration> WaitingDeclarations(int64_t before) = 0;
  /// Enabled authority accounts: id, region prefix, industry (for the reviewers of a region).
  virtual std::vector<User> Authorities() = 0;
};

/// Implemented by both SQL stores; the app and the handlers reach it with dynamic_cast.
class NotifySource {
 public:
  virtual ~NotifySource() = default;
  virtual NoticeRepository& notices() = 0;
};

/// The store's notice repository; throws Fault when the backend keeps none.
NoticeRepository& NoticesOf(Store& store);

}  // namespace jixu::storage
