// The sign-in rate limiter (http/rate_limit.hpp): burst, refill, refund, eviction, and exact
// counting under concurrent use. Time is passed in, so no test sleeps.
#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace jixu::http {
namespace {

TEST(RateLimiter, AFreshKeyHasItsBurstThenWaits) {
  RateLimiter l({3, 6});  // 3 at once, then one every 10 s
  for (int i = 0; i < 3; ++i) EXPECT_EQ(l.Take("alice", 100), 0) << "attempt " << i + 1;
  EXPECT_EQ(l.Take("alice", 100), 10) << "the fourth waits a whole refill interval";
  EXPECT_EQ(l.Take("alice", 104), 6) << "Retry-After shrinks as time passes";
  EXPECT_EQ(l.Take("bob", 100), 0) << "keys are independent";
}

TEST(RateLimiter, RefillsAtItsRateUpToTheBurstOnly) {
  RateLimiter l({2, 6});
  EXPECT_EQ(l.Take("k", 0), 0);
  EXPECT_EQ(l.Take("k", 0), 0);
  EXPECT_GT(l.Take("k", 9), 0) << "9 s: not yet a whole token";
  EXPECT_EQ(l.Take("k", 10), 0) << "10 s: one token";
  EXPECT_GT(l.Take("k", 10), 0);
  // A long quiet spell refills to the burst, never beyond it.
  EXPECT_EQ(l.Take("k", 10'000), 0);
  EXPECT_EQ(l.Take("k", 10'000), 0);
  EXPECT_GT(l.Take("k", 10'000), 0) << "the burst caps what a quiet key saves up";
}

TEST(RateLimiter, ARefusedAttemptTakesNothingAndTheClockGoingBackAddsNothing) {
  RateLimiter l({1, 60});  // one a second
  EXPECT_EQ(l.Take("k", 50), 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(l.Take("k", 50), 1);
  EXPECT_EQ(l.Take("k", 51), 0) << "hammering while refused did not push the next token back";
  EXPECT_EQ(l.Take("k", 40), 1) << "a clock stepping back refills nothing";
}

TEST(RateLimiter, ARefundGivesTheTokenBack) {
  RateLimiter l({2, 1});
  EXPECT_EQ(l.Take("k", 0), 0);
  l.Refund("k", 0);
  EXPECT_EQ(l.Take("k", 0), 0);
  EXPECT_EQ(l.Take("k", 0), 0);
  EXPECT_GT(l.Take("k", 0), 0) << "successes refunded, the burst is intact";
  l.Refund("k", 0);
  l.Refund("k", 0);
  l.Refund("k", 0);
  EXPECT_EQ(l.Take("k", 0), 0);
  EXPECT_EQ(l.Take("k", 0), 0);
  EXPECT_GT(l.Take("k", 0), 0) << "refunds never raise a bucket above its burst";
  l.Refund("never-taken", 0);
  EXPECT_EQ(l.size(), 1u) << "refunding an unknown key creates nothing";
}

TEST(RateLimiter, ABurstOfZeroTurnsTheLimitOff) {
  RateLimiter l({0, 1});
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(l.Take("k", 0), 0);
  EXPECT_EQ(l.size(), 0u);
}

TEST(RateLimiter, MemoryIsBoundedRefilledBucketsGoFirst) {
  RateLimiter l({2, 60, 100});
  EXPECT_EQ(l.Take("drained", 0), 0);
  EXPECT_EQ(l.Take("drained", 0), 0);
  for (int i = 0; i < 99; ++i) l.Take("k" + std::to_string(i), 0);
  EXPECT_EQ(l.size(), 100u);
  // At +1 s every k* bucket has refilled (1 token a second); "drained" has only one back.
  EXPECT_EQ(l.Take("new", 1), 0);
  EXPECT_EQ(l.size(), 2u) << "full buckets were dropped: they say nothing a fresh one would not";
  EXPECT_EQ(l.Take("drained", 1), 0);
  EXPECT_GT(l.Take("drained", 1), 0) << "the partly drained bucket was kept";
}

TEST(RateLimiter, AFloodOfDistinctKeysStaysWithinTheCap) {
  RateLimiter l({5, 1, 1000});
  for (int i = 0; i < 20'000; ++i) {
    l.Take("attacker-" + std::to_string(i), i * 0.001);
    ASSERT_LE(l.size(), 1000u) << "after " << i + 1 << " keys";
  }
  EXPECT_GE(l.size(), 500u) << "eviction drops the older half, not everything";
}

TEST(RateLimiter, ConcurrentAttemptsGetExactlyTheBurst) {
  RateLimiter l({50, 1});
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (l.Take("shared", 0) == 0) granted.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(granted.load(), 50);
}

}  // namespace
}  // namespace jixu::http
