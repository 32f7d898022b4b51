#pragma once
// "Today" is never read inside the core: whoever needs it is handed a Clock. Production uses the
// system clock (app layer, Asia/Shanghai civil date); tests use FixedClock.
#include <memory>

#include "core/common/date.hpp"

namespace jixu {

class Clock {
 public:
  virtual ~Clock() = default;
  /// The civil date in China Standard Time (UTC+8), the time zone of the registry.
  virtual Date Today() const = 0;
  /// Seconds since the Unix epoch, for audit timestamps.
  virtual int64_t NowUnixSeconds() const = 0;
};
using ClockPtr = std::shared_ptr<const Clock>;

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date today, int64_t unix_seconds = 0)
      : today_(today), unix_seconds_(unix_seconds) {}
  Date Today() const override { return today_; }
  int64_t NowUnixSeconds() const override { return unix_seconds_; }

 private:
  Date today_;
  int64_t unix_seconds_;
};

}  // namespace jixu
