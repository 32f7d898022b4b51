#pragma once
// The reminder runner (issue 13 item 3): evaluates the rules of data/reminders.toml for one date
// and stores the notices they give; delivers pending notices by e-mail. `jixu remind run` and
// the server's daily timer (Notifier) call it; it reads no clock (the date and time are given).
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/notify/smtp.hpp"
#include "core/common/date.hpp"
#include "core/notify/reminders.hpp"
#include "core/policy/policy_set.hpp"
#include "core/storage/notify_repos.hpp"
#include "core/storage/store.hpp"

namespace jixu::app::notify {

/// data/reminders.toml under `root`. Throws InvalidInput naming the file and the problem.
std::vector<jixu::notify::ReminderRule> LoadReminderRules(const std::filesystem::path& root);

struct RuleOutcome {
  std::string rule_id;
  std::string kind;
  std::string period;  ///< the trigger date (dated rules); "" for overdue reviews
  int64_t due = 0;     ///< notices the rule gives on this date
  int64_t sent = 0;    ///< of them new (the rest were sent before)
};

struct RunOutcome {
  Date date;
  int64_t persons_evaluated = 0;
  std::vector<RuleOutcome> rules;  ///< the rules that were due
};

/// Evaluates every due rule on `date` (`now`: unix seconds of the run, stored on the notices and
/// used for the age of declarations). Notices are written in chunks of a few thousand, each its
/// own transaction; the unique key makes a run interrupted half-way safe to repeat.
RunOutcome RunReminders(storage::Store& store, const policy::PolicySet& policies,
                        const std::vector<jixu::notify::ReminderRule>& rules, Date date,
                        int64_t now);

struct DeliveryOutcome {
  int64_t sent = 0;
  int64_t failed = 0;
};

/// Sends every pending notice that an account with an address receives, in batches; marks each
/// sent or failed (a failed one is not retried: it stays in-app). Notices nobody has an address
/// for are marked so.
DeliveryOutcome DeliverPending(storage::Store& store, const SmtpConfig& smtp, int64_t now);

}  // namespace jixu::app::notify
