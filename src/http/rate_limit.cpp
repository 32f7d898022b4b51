#include "http/rate_limit.hpp"

#include <algorithm>
#include <iterator>
#include <cmath>
#include <vector>

namespace jixu::http {

void RateLimiter::Refill(Bucket& b, double now) const {
  // A clock that steps back (a test clock, an NTP correction) never adds tokens.
  if (now > b.updated) {
    b.tokens = std::min(limit_.burst, b.tokens + (now - b.updated) * limit_.per_minute / 60.0);
    b.updated = now;
  }
}

int64_t RateLimiter::Take(std::string_view key, double now) {
  if (!enabled()) return 0;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= limit_.max_keys) Evict(now);
    it = buckets_.emplace(std::string(key), Bucket{limit_.burst, now}).first;
  }
  Bucket& b = it->second;
  Refill(b, now);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  if (limit_.per_minute <= 0) return 3600;  // never refills: a long wait, but a finite answer
  const double wait = (1 - b.tokens) * 60.0 / limit_.per_minute;
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(wait)));
}

void RateLimiter::Refund(std::string_view key, double now) {
  if (!enabled()) return;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return;  // evicted meanwhile: it is full again anyway
  Refill(it->second, now);
  it->second.tokens = std::min(limit_.burst, it->second.tokens + 1);
}

size_t RateLimiter::size() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

void RateLimiter::Evict(double now) {
  // A full bucket says nothing a fresh one would not: drop those first.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it = it->second.tokens >= limit_.burst ? buckets_.erase(it) : std::next(it);
  }
  if (buckets_.size() < limit_.max_keys) return;
  // Still full of partly drained buckets (a flood of distinct keys): drop the older half, so
  // the next eviction is far off and each costs O(n) only once per n/2 new keys.
  std::vector<double> times;
  times.reserve(buckets_.size());
  for (const auto& [k, b] : buckets_) times.push_back(b.updated);
  auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), mid, times.end());
  const double cutoff = *mid;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = it->second.updated <= cutoff ? buckets_.erase(it) : std::next(it);
  }
}

}  // namespace jixu::http
