#pragma once
// Token buckets keyed by a string (a username, a client address): the login rate limits. A key
// starts with `burst` tokens and regains `per_minute` a minute up to `burst`; an attempt takes one.
// Thread-safe; memory is bounded by `max_keys` (buckets that have refilled are dropped first,
// then the least recently used).
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jixu::http {

struct RateLimit {
  double burst = 10;        ///< tokens a fresh key holds; 0 disables the limit
  double per_minute = 1;    ///< tokens regained a minute
  size_t max_keys = 100'000;
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  /// Takes a token for `key` at `now` (seconds). Returns 0 when taken, else the whole seconds
  /// (at least 1) until a token will be there: the Retry-After.
  int64_t Take(std::string_view key, double now);
  /// Gives back a token taken by Take (an attempt that turned out not to count).
  void Refund(std::string_view key, double now);
  /// Buckets held (for tests of eviction).
  size_t size() const;
  bool enabled() const { return limit_.burst > 0; }

 private:
  struct Bucket {
    double tokens = 0;
    double updated = 0;
  };
  void Refill(Bucket& b, double now) const;
  void Evict(double now);

  RateLimit limit_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace jixu::http
