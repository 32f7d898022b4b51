// The reminder runner (reminder_runner.hpp).
#include "app/notify/reminder_runner.hpp"

#include <unordered_map>
#include <unordered_set>

#include "app/compliance_service.hpp"
#include "app/data_files.hpp"
#include "core/common/clock.hpp"
#include "core/common/error.hpp"

namespace jixu::app::notify {

namespace core = jixu::notify;
using storage::Notice;
using storage::RecipientKind;

namespace {

constexpr size_t kChunk = 5000;
constexpr int64_t kChinaOffset = 8 * 3600;

Date CivilDate(int64_t unix_seconds) {
  return Date::FromDays(static_cast<int32_t>((unix_seconds + kChinaOffset) / 86400));
}

Notice MakeNotice(const core::ReminderRule& rule, std::string period, RecipientKind kind,
                  int64_t id, std::string code, core::NoticeText text, int64_t now) {
  Notice n;
  n.kind = std::string(core::RuleKindCode(rule.kind));
  n.rule_id = rule.id;
  n.period = std::move(period);
  n.recipient_kind = kind;
  n.recipient_id = id;
  n.recipient_code = std::move(code);
  n.subject_zh = std::move(text.subject_zh);
  n.body_zh = std::move(text.body_zh);
  n.subject_en = std::move(text.subject_en);
  n.body_en = std::move(text.body_en);
  n.sender = "system";
  n.created_at = now;
  return n;
}

/// Collects notices and writes them a chunk at a time.
class Sink {
 public:
  explicit Sink(storage::NoticeRepository& repo) : repo_(repo) {}
  /// A notice already stored in an earlier run: due, not written again.
  static void Known(RuleOutcome& o) { ++o.due; }
  void Add(Notice n, RuleOutcome& o) {
    ++o.due;
    pending_.push_back({std::move(n), &o});
    if (pending_.size() >= kChunk) Flush();
  }
  void Flush() {
    if (pending_.empty()) return;
    // Per rule, so each outcome learns how many of its notices were new.
    std::unordered_map<RuleOutcome*, std::vector<Notice>> by_rule;
    for (auto& [n, o] : pending_) by_rule[o].push_back(std::move(n));
    for (auto& [o, notices] : by_rule) o->sent += repo_.AddMany(notices);
    pending_.clear();
  }

 private:
  storage::NoticeRepository& repo_;
  std::vector<std::pair<Notice, RuleOutcome*>> pending_;
};

bool Short(const compliance::YearResult& r) {
  return r.status == compliance::Status::kInProgress ||
         r.status == compliance::Status::kNotCompliant;
}

}  // namespace

std::vector<core::ReminderRule> LoadReminderRules(const std::filesystem::path& root) {
  const auto path = root / "data" / "reminders.toml";
  auto rules = core::ParseReminderRules(ReadFile(path), path.string());
  if (!rules) throw InvalidInput({rules.error()});
  return std::move(rules).value();
}

RunOutcome RunReminders(storage::Store& store, const policy::PolicySet& policies,
                        const std::vector<core::ReminderRule>& rules, Date date, int64_t now) {
  RunOutcome out;
  out.date = date;
  storage::NoticeRepository& repo = storage::NoticesOf(store);
  Sink sink(repo);

  // Dated rules due today, grouped by trigger date: one population scan serves a shortfall rule
  // and a digest rule of the same date.
  struct Due {
    const core::ReminderRule* rule;
    Date trigger;
  };
  std::vector<Due> dated;
  for (const auto& r : rules) {
    if (r.kind == core::RuleKind::kReviewOverdue) continue;
    if (auto t = core::DueTrigger(r, date)) dated.push_back({&r, *t});
  }
  out.rules.reserve(rules.size());
  std::unordered_map<std::string, std::string> employer_names;
  if (!dated.empty()) {
    for (const auto& e : store.employers().List("")) employer_names[e.code] = e.name;
  }
  std::vector<bool> scanned(dated.size(), false);
  for (size_t i = 0; i < dated.size(); ++i) {
    if (scanned[i]) continue;
    const Date trigger = dated[i].trigger;
    struct Here {
      const core::ReminderRule* rule;
      RuleOutcome* outcome;
      std::unordered_set<int64_t> sent_persons;  ///< recipients of an earlier run of this period
      std::unordered_set<std::string> sent_employers;
    };
    std::vector<Here> here;
    for (size_t j = i; j < dated.size(); ++j) {
      if (dated[j].trigger != trigger) continue;
      scanned[j] = true;
      out.rules.push_back({dated[j].rule->id, std::string(core::RuleKindCode(dated[j].rule->kind)),
                           trigger.ToString(), 0, 0});
      Here h{dated[j].rule, &out.rules.back(), {}, {}};
      for (auto& [id, code] : repo.SentTo(h.rule->id, trigger.ToString())) {
        if (code.empty()) h.sent_persons.insert(id);
        else h.sent_employers.insert(std::move(code));
      }
      here.push_back(std::move(h));
    }
    bool wants_text = false;
    for (const Here& h : here) {
      wants_text |= h.rule->kind == core::RuleKind::kPersonShortfall;
    }
    // The policy in force is evaluated as of the trigger date (an in-progress year is short
    // when it has not yet reached its requirement).
    ComplianceService compliance(store, policies, std::make_shared<FixedClock>(trigger, now));
    std::unordered_map<std::string, std::vector<core::DigestLine>> digest;
    compliance.ForEachInYear(
        trigger.year(), {}, wants_text,
        [&](const storage::PersonFacts& p, const compliance::YearResult& r) {
          ++out.persons_evaluated;
          if (!Short(r)) return;
          bool digest_due = false;
          for (Here& h : here) {
            if (h.rule->kind == core::RuleKind::kPersonShortfall) {
              if (h.sent_persons.count(p.person_id)) {
                Sink::Known(*h.outcome);
              } else {
                sink.Add(MakeNotice(*h.rule, trigger.ToString(), RecipientKind::kPerson, p.person_id,
                                    "", core::ShortfallNotice(r, trigger), now),
                         *h.outcome);
              }
            } else if (!p.employer_code.empty() && !h.sent_employers.count(p.employer_code)) {
              digest_due = true;
            }
          }
          if (digest_due) digest[p.employer_code].push_back({p.name, r.counted_hours, r.shortfall_hours});
        });
    for (Here& h : here) {
      if (h.rule->kind != core::RuleKind::kEmployerDigest) continue;
      for (size_t k = 0; k < h.sent_employers.size(); ++k) Sink::Known(*h.outcome);
      for (const auto& [code, lines] : digest) {
        if (h.sent_employers.count(code)) continue;  // another digest rule wanted it
        auto name = employer_names.find(code);
        sink.Add(MakeNotice(*h.rule, trigger.ToString(), RecipientKind::kEmployer, 0, code,
                            core::DigestNotice(name == employer_names.end() ? code : name->second,
                                               trigger.year(), trigger, lines, lines.size()),
                            now),
                 *h.outcome);
      }
    }
    sink.Flush();
  }

  // Declarations waiting too long: once per declaration and review stage.
  for (const auto& rule : rules) {
    if (rule.kind != core::RuleKind::kReviewOverdue) continue;
    out.rules.push_back({rule.id, std::string(core::RuleKindCode(rule.kind)), "", 0, 0});
    RuleOutcome& o = out.rules.back();
    std::vector<storage::User> authorities;
    std::unordered_map<std::string, std::string> industries;
    bool loaded = false;
    for (const auto& d : repo.WaitingDeclarations(now - int64_t{rule.after_days} * 86400)) {
      const int days = static_cast<int>((now - d.waiting_since) / 86400);
      const std::string period =
          "record:" + std::to_string(d.record_id) + (d.authority_stage ? ":authority" : ":employer");
      auto text = core::OverdueNotice(d.person_name, d.title, CivilDate(d.waiting_since), days,
                                      d.authority_stage);
      if (!d.authority_stage) {
        if (d.employer_code.empty()) continue;
        sink.Add(MakeNotice(rule, period, RecipientKind::kEmployer, 0, d.employer_code, text, now), o);
        continue;
      }
      if (!loaded) {
        authorities = repo.Authorities();
        for (const auto& e : store.employers().List("")) industries[e.code] = e.industry;
        loaded = true;
      }
      // Every authority whose scope holds the person reviews at this stage.
      for (const auto& a : authorities) {
        if (d.region_code.rfind(a.region_prefix, 0) != 0) continue;
        if (!a.industry.empty() && industries[d.employer_code] != a.industry) continue;
        sink.Add(MakeNotice(rule, period, RecipientKind::kUser, a.id, "", text, now), o);
      }
    }
    sink.Flush();
  }
  return out;
}

DeliveryOutcome DeliverPending(storage::Store& store, const SmtpConfig& smtp, int64_t now) {
  DeliveryOutcome out;
  if (!smtp.enabled()) return out;
  storage::NoticeRepository& repo = storage::NoticesOf(store);
  while (true) {
    const auto batch = repo.PendingEmail(100);
    if (batch.empty()) break;
    std::vector<MailMessage> messages;
    messages.reserve(batch.size());
    for (const auto& e : batch) {
      messages.push_back({e.to, e.subject_zh, e.body_zh,
                          "notice-" + std::to_string(e.notice_id) + "@" + smtp.helo});
    }
    const auto results = SendMail(smtp, messages, now);
    auto uow = store.Begin();
    for (size_t i = 0; i < batch.size(); ++i) {
      repo.SetEmailState(batch[i].notice_id,
                         results[i].ok ? storage::EmailState::kSent : storage::EmailState::kFailed);
      ++(results[i].ok ? out.sent : out.failed);
    }
    uow->Commit();
  }
  return out;
}

}  // namespace jixu::app::notify
