// The reminder runner (issue 13 item 3) on both backends: a fake clock moves across the trigger
// dates and every rule fires exactly once per period; the e-mails reach a local SMTP sink with
// the right Chinese subject and body.
#include "app/notify/reminder_runner.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/data_files.hpp"
#include "storage/factory.hpp"
#include "storage/store_fixtures.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

namespace jixu::app::notify {
namespace {

namespace fs = std::filesystem;
using storage::testing::TestEmployer;
using storage::testing::TestPerson;
using storage::testing::TestRecord;
using storage::testing::Ymd;

int64_t At(Date d) { return int64_t{d.days()} * 86400 + 3600; }  // 09:00 in Beijing

std::vector<jixu::notify::ReminderRule> Rules() {
  auto r = jixu::notify::ParseReminderRules(R"(
[[rule]]
id = "shortfall"
kind = "person_shortfall"
dates = ["09-30", "11-30"]
window_days = 30
[[rule]]
id = "digest"
kind = "employer_digest"
dates = ["09-30"]
window_days = 10
[[rule]]
id = "overdue"
kind = "review_overdue"
after_days = 14
)", "test.toml");
  if (!r) throw std::runtime_error(r.error().message_en);
  return r.value();
}

class ReminderRunner : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    JIXU_SKIP_UNLESS_AVAILABLE(GetParam());
    dir_ = fs::temp_directory_path() / ("jixu-remind-" + std::to_string(::getpid()) + "-" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = std::make_unique<testing::TestDatabase>(GetParam(), dir_);
    store_ = storage::OpenStore(db_->Config());
    data_ = LoadDataFiles(fs::path(JIXU_SOURCE_DIR));
    auto& s = *store_;
    employer_ = TestEmployer(1, "110105");
    employer_.name = "北京测试单位";
    s.employers().Upsert(std::vector{employer_});
    s.persons().Upsert(std::vector{TestPerson(1, employer_), TestPerson(2, employer_),
                                   TestPerson(3, employer_)});
    for (int n = 1; n <= 3; ++n) ids_.push_back(s.persons().FindByIdNumber(storage::testing::TestIdNumber(n))->id);
    // 80 hours: compliant under the national default (72); 10 hours: 62 missing; none: 72.
    s.records().Insert(std::vector{TestRecord(ids_[0], Ymd(2026, 3, 1), 80),
                                   TestRecord(ids_[1], Ymd(2026, 3, 1), 10)});
    storage::User person;
    person.username = "p2";
    person.password_hash = "x";
    person.role = storage::Role::kPerson;
    person.person_id = ids_[1];
    person_user_ = *s.users().Create(person);
    storage::User admin;
    admin.username = "hr";
    admin.password_hash = "x";
    admin.role = storage::Role::kEmployerAdmin;
    admin.employer_code = employer_.code;
    admin_user_ = *s.users().Create(admin);
    storage::NoticesOf(s).SetEmail(person_user_, "p2@example.cn");
    storage::NoticesOf(s).SetEmail(admin_user_, "hr@example.cn");
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  RunOutcome Run(Date d) { return RunReminders(*store_, data_->policies, Rules(), d, At(d)); }

  static const RuleOutcome* Find(const RunOutcome& o, const std::string& id) {
    for (const auto& r : o.rules) {
      if (r.rule_id == id) return &r;
    }
    return nullptr;
  }

  fs::path dir_;
  std::unique_ptr<testing::TestDatabase> db_;
  storage::StorePtr store_;
  std::shared_ptr<const DataFiles> data_;
  records::Employer employer_;
  std::vector<int64_t> ids_;
  int64_t person_user_ = 0, admin_user_ = 0;
};

TEST_P(ReminderRunner, FiresOncePerRuleAndPeriodAsTheClockMoves) {
  // The day before: nothing dated is due (the overdue rule runs, with nothing waiting).
  auto before = Run(Ymd(2026, 9, 29));
  EXPECT_EQ(Find(before, "shortfall"), nullptr);
  EXPECT_EQ(Find(before, "overdue")->due, 0);

  auto on = Run(Ymd(2026, 9, 30));
  ASSERT_NE(Find(on, "shortfall"), nullptr);
  EXPECT_EQ(Find(on, "shortfall")->period, "2026-09-30");
  EXPECT_EQ(Find(on, "shortfall")->due, 2);  // persons 2 and 3; person 1 is compliant
  EXPECT_EQ(Find(on, "shortfall")->sent, 2);
  EXPECT_EQ(Find(on, "digest")->sent, 1);
  EXPECT_EQ(on.persons_evaluated, 3);

  // The next days, inside the window: due again, nothing new.
  for (Date d : {Ymd(2026, 9, 30), Ymd(2026, 10, 1), Ymd(2026, 10, 9)}) {
    auto again = Run(d);
    EXPECT_EQ(Find(again, "shortfall")->due, 2) << d.ToString();
    EXPECT_EQ(Find(again, "shortfall")->sent, 0) << d.ToString();
    EXPECT_EQ(Find(again, "digest")->sent, 0) << d.ToString();
  }
  // The digest's window (10 days) has passed; the shortfall's has not.
  auto later = Run(Ymd(2026, 10, 10));
  EXPECT_EQ(Find(later, "digest"), nullptr);
  EXPECT_EQ(Find(later, "shortfall")->sent, 0);
  // After the window nothing is due; the next trigger date is a new period.
  EXPECT_EQ(Find(Run(Ymd(2026, 11, 1)), "shortfall"), nullptr);
  auto second = Run(Ymd(2026, 11, 30));
  EXPECT_EQ(Find(second, "shortfall")->period, "2026-11-30");
  EXPECT_EQ(Find(second, "shortfall")->sent, 2);

  // What person 2 reads: two reminders, what is missing in words.
  auto& repo = storage::NoticesOf(*store_);
  storage::NoticeReader p2{person_user_, ids_[1], ""};
  auto list = repo.List(p2, false, {0, 20});
  ASSERT_EQ(list.total, 2);
  EXPECT_EQ(list.items[0].period, "2026-11-30");
  EXPECT_EQ(list.items[0].subject_zh, "2026年度继续教育学时不足提醒");
  EXPECT_NE(list.items[0].body_zh.find("应修72学时，已计入10学时"), std::string::npos) << list.items[0].body_zh;
  EXPECT_NE(list.items[0].body_zh.find("尚差62学时"), std::string::npos) << list.items[0].body_zh;
  EXPECT_NE(list.items[0].body_en.find("62 are missing"), std::string::npos) << list.items[0].body_en;
  EXPECT_EQ(repo.UnreadCount(p2), 2);
  // The admin reads the digest (the employer's notice), naming both staff who are short.
  storage::NoticeReader hr{admin_user_, 0, employer_.code};
  auto digest = repo.List(hr, false, {0, 20});
  ASSERT_EQ(digest.total, 1);
  EXPECT_NE(digest.items[0].subject_zh.find("2名人员学时不足"), std::string::npos) << digest.items[0].subject_zh;
  EXPECT_NE(digest.items[0].body_zh.find("张3：已计入0学时，尚差72学时"), std::string::npos) << digest.items[0].body_zh;
  // Read state: one, then all; another reader's notices stay as they are.
  EXPECT_TRUE(repo.MarkRead(p2, list.items[1].id, 100));
  EXPECT_FALSE(repo.MarkRead(hr, list.items[0].id, 100));  // not the admin's
  EXPECT_EQ(repo.UnreadCount(p2), 1);
  EXPECT_EQ(repo.MarkAllRead(p2, 200), 1);
  EXPECT_EQ(repo.UnreadCount(p2), 0);
  EXPECT_EQ(repo.UnreadCount(hr), 1);
}

TEST_P(ReminderRunner, WaitingDeclarationsRemindTheReviewerOnce) {
  auto& s = *store_;
  auto r = TestRecord(ids_[2], Ymd(2026, 5, 1), 6, "线上课程");
  r.status = records::RecordStatus::kPending;
  r.origin = records::Origin::kSelf;
  s.records().Insert(std::vector{r});
  const int64_t record_id = s.records().ListForPerson(ids_[2], 2026).front().id;
  s.reviews().Create({record_id, storage::ReviewStage::kEmployer, false, At(Ymd(2026, 5, 2))});
  // 13 days: not yet; 15 days: the employer is reminded, once.
  EXPECT_EQ(Find(Run(Ymd(2026, 5, 15)), "overdue")->due, 0);
  EXPECT_EQ(Find(Run(Ymd(2026, 5, 17)), "overdue")->sent, 1);
  EXPECT_EQ(Find(Run(Ymd(2026, 5, 20)), "overdue")->sent, 0);
  storage::NoticeReader hr{admin_user_, 0, employer_.code};
  auto list = storage::NoticesOf(s).List(hr, true, {0, 20});
  ASSERT_EQ(list.total, 1);
  EXPECT_EQ(list.items[0].subject_zh, "学时申报待审核已15天");
  EXPECT_NE(list.items[0].body_zh.find("张3于2026-05-02申报的学时「线上课程」已等待单位审核15天"),
            std::string::npos)
      << list.items[0].body_zh;
}

TEST_P(ReminderRunner, EmailsReachTheSinkInChinese) {
  Run(Ymd(2026, 9, 30));
  test::SmtpSink sink;
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  smtp.from = "jixu@example.cn";
  smtp.timeout = std::chrono::seconds(5);
  const auto d = DeliverPending(*store_, smtp, At(Ymd(2026, 9, 30)));
  // Person 2's reminder and the digest have addresses; person 3 has no account.
  EXPECT_EQ(d.sent, 2);
  EXPECT_EQ(d.failed, 0);
  const auto mails = sink.mails();
  ASSERT_EQ(mails.size(), 2u);
  const test::SunkMail* reminder = nullptr;
  const test::SunkMail* digest = nullptr;
  for (const auto& m : mails) (m.to == std::vector<std::string>{"p2@example.cn"} ? reminder : digest) = &m;
  ASSERT_NE(reminder, nullptr);
  ASSERT_NE(digest, nullptr);
  EXPECT_EQ(digest->to, std::vector<std::string>{"hr@example.cn"});
  EXPECT_EQ(reminder->from, "jixu@example.cn");
  EXPECT_NE(reminder->Header("Subject").find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(reminder->Subject(), "2026年度继续教育学时不足提醒");
  EXPECT_NE(reminder->Body().find("截至2026-09-30，您2026年度继续教育应修72学时，已计入10学时"),
            std::string::npos)
      << reminder->Body();
  EXPECT_EQ(reminder->Header("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(digest->Subject(), "北京测试单位：2026年度2名人员学时不足");
  // Delivered once: a second delivery finds nothing pending, and the notices say so.
  EXPECT_EQ(DeliverPending(*store_, smtp, At(Ymd(2026, 9, 30))).sent, 0);
  EXPECT_EQ(sink.mails().size(), 2u);
  storage::NoticeReader p3{0, ids_[2], ""};
  auto p3_notices = storage::NoticesOf(*store_).List(p3, false, {0, 20});
  ASSERT_EQ(p3_notices.total, 1);
  EXPECT_EQ(p3_notices.items[0].email_state, storage::EmailState::kNoAddress);
}

TEST_P(ReminderRunner, ARefusedRecipientFailsItsMessageAlone) {
  Run(Ymd(2026, 9, 30));
  test::SmtpSink sink;
  sink.refuse_rcpt = "p2@example.cn";
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  smtp.from = "jixu@example.cn";
  const auto d = DeliverPending(*store_, smtp, At(Ymd(2026, 9, 30)));
  EXPECT_EQ(d.sent, 1);
  EXPECT_EQ(d.failed, 1);
  EXPECT_EQ(sink.mails().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReminderRunner, ::testing::ValuesIn(::jixu::testing::TestBackends()),
                         ::jixu::testing::BackendParamName);

}  // namespace
}  // namespace jixu::app::notify
