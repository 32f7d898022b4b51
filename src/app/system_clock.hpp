#pragma once
#include "core/common/clock.hpp"

namespace jixu::app {

/// The real clock. The registry's civil date is China Standard Time (UTC+8, no DST), whatever
/// the server's TZ is, so a record completed on 31 Dec in Beijing is never read as 1 Jan.
/// $JIXU_TODAY=YYYY-MM-DD overrides the date (demos, reproducible reports).
class SystemClock final : public Clock {
 public:
  Date Today() const override;
  int64_t NowUnixSeconds() const override;
};

}  // namespace jixu::app
