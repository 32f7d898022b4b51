#pragma once
// The server's notice worker (`jixu serve`): once a day, at or after `run_hour` (China Standard
// Time), it runs the reminder rules for today; every tick, and at once when woken (a 催办 was
// sent), it delivers pending notices by e-mail. Its own thread and its own store connection, so
// a long run never holds up a request. Several server processes may each run it: the notices'
// unique key keeps every reminder single.
#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "app/data_files.hpp"
#include "app/notify/smtp.hpp"
#include "core/common/clock.hpp"
#include "core/notify/reminders.hpp"
#include "storage/factory.hpp"

namespace jixu::app::notify {

struct NotifierOptions {
  SmtpConfig smtp;
  bool daily_run = true;  ///< false: reminders only by `jixu remind run` (tests)
  int run_hour = 8;       ///< the daily run starts at this hour (China Standard Time) or later
  std::chrono::seconds tick{300};
  std::vector<jixu::notify::ReminderRule> rules;
};

class Notifier {
 public:
  Notifier(storage::StoreConfig store, std::shared_ptr<const DataFiles> data, ClockPtr clock,
           NotifierOptions options, std::ostream& err);
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  /// Delivers pending e-mail soon (no-op when no SMTP server is configured).
  void Wake();

 private:
  void Loop();
  void Work();

  storage::StoreConfig store_config_;
  std::shared_ptr<const DataFiles> data_;
  ClockPtr clock_;
  NotifierOptions options_;
  std::ostream& err_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  Date last_run_;
  bool ran_ = false;
  std::thread thread_;
};

}  // namespace jixu::app::notify
