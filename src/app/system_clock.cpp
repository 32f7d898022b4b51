#include "app/system_clock.hpp"

#include <chrono>
#include <cstdlib>

namespace jixu::app {

Date SystemClock::Today() const {
  if (const char* fixed = std::getenv("JIXU_TODAY"); fixed != nullptr) {
    if (auto d = Date::Parse(fixed)) return *d;
  }
  constexpr int64_t kChinaOffsetSeconds = 8 * 3600;
  constexpr int64_t kSecondsPerDay = 86400;
  const int64_t local = NowUnixSeconds() + kChinaOffsetSeconds;
  return Date::FromDays(static_cast<int32_t>(local / kSecondsPerDay));
}

int64_t SystemClock::NowUnixSeconds() const {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace jixu::app
