// The server's notice worker (notifier.hpp).
#include "app/notify/notifier.hpp"

#include <ostream>

#include "app/notify/reminder_runner.hpp"

namespace jixu::app::notify {

Notifier::Notifier(storage::StoreConfig store, std::shared_ptr<const DataFiles> data,
                   ClockPtr clock, NotifierOptions options, std::ostream& err)
    : store_config_(std::move(store)), data_(std::move(data)), clock_(std::move(clock)),
      options_(std::move(options)), err_(err) {
  thread_ = std::thread([this] { Loop(); });
}

Notifier::~Notifier() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Notifier::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Notifier::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    woken_ = false;
    lock.unlock();
    Work();
    lock.lock();
    cv_.wait_for(lock, options_.tick, [this] { return stop_ || woken_; });
  }
}

void Notifier::Work() {
  try {
    const bool due_run = [&] {
      if (!options_.daily_run || options_.rules.empty()) return false;
      const Date today = clock_->Today();
      if (ran_ && last_run_ == today) return false;
      const int64_t local = clock_->NowUnixSeconds() + 8 * 3600;
      return (local % 86400) / 3600 >= options_.run_hour;
    }();
    if (!due_run && !options_.smtp.enabled()) return;
    auto store = storage::OpenStore(store_config_);
    if (due_run) {
      const Date today = clock_->Today();
      const auto outcome =
          RunReminders(*store, data_->policies, options_.rules, today, clock_->NowUnixSeconds());
      last_run_ = today;
      ran_ = true;
      for (const auto& r : outcome.rules) {
        if (r.sent > 0) {
          err_ << "reminders " << today.ToString() << " " << r.rule_id << ": " << r.sent
               << " sent\n";
        }
      }
    }
    const auto delivered = DeliverPending(*store, options_.smtp, clock_->NowUnixSeconds());
    if (delivered.failed > 0) {
      err_ << "notices: " << delivered.failed << " e-mail(s) failed, " << delivered.sent
           << " sent\n";
    }
  } catch (const std::exception& e) {
    err_ << "notices: " << e.what() << '\n';
  }
}

}  // namespace jixu::app::notify
