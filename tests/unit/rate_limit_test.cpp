// The public routes' limits as pure logic over a manual clock (core/rate_limit.hpp, issue 16
// item 13): request windows, all-or-nothing counting over several keys, bounded memory, the
// booking-code guessing throttle, limits.toml, and the client address behind trusted proxies.
#include "okno/rate_limit.hpp"

#include <gtest/gtest.h>

#include "okno/source_root.hpp"
#include "okno/toml_input.hpp"

namespace okno {
namespace {

using namespace std::chrono_literals;

const Seconds kStart = Seconds{std::chrono::seconds{1'796'000'000}};

RateKey key(std::string k, std::vector<RateRule> rules) {
  return RateKey{std::move(k), std::move(rules)};
}

TEST(RateLimiter, AllowsTheLimitPerWindowThenRefusesUntilTheWindowEnds) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock);
  const std::vector<RateKey> k = {key("address:a", {{3, 60s}})};
  EXPECT_FALSE(limiter.hit(k));
  clock.advance(10s);
  EXPECT_FALSE(limiter.hit(k));
  EXPECT_FALSE(limiter.hit(k));
  auto refused = limiter.hit(k);
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, kStart + 60s);  // the window began with the first request
  clock.advance(49s);                 // 59 s after the first
  EXPECT_TRUE(limiter.hit(k));
  clock.advance(1s);
  EXPECT_FALSE(limiter.hit(k));  // a new window
}

TEST(RateLimiter, ARefusedRequestCountsUnderNoKey) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock);
  const RateKey address = key("address:a", {{10, 60s}});
  const RateKey contact = key("contact:c", {{2, 600s}});
  EXPECT_FALSE(limiter.hit({address, contact}));
  EXPECT_FALSE(limiter.hit({address, contact}));
  // The contact is full: refused, and the address's allowance is not used up by the refusal.
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(limiter.hit({address, contact}));
  for (int i = 0; i < 8; ++i) EXPECT_FALSE(limiter.hit({address})) << i;
  EXPECT_TRUE(limiter.hit({address}));
}

TEST(RateLimiter, ARequestGivenBackLeavesItsPlaceButOnesInFlightCount) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock);
  const std::vector<RateKey> k = {key("address:a", {{2, 60s}}), key("contact:c", {{2, 600s}})};
  EXPECT_FALSE(limiter.hit(k));  // in flight
  EXPECT_FALSE(limiter.hit(k));  // in flight
  EXPECT_TRUE(limiter.hit(k));   // both places taken by requests still running
  limiter.refund(k);             // one of them was refused by the service: stored nothing
  EXPECT_FALSE(limiter.hit(k));
  EXPECT_TRUE(limiter.hit(k));
  limiter.refund({key("unknown", {{1, 60s}})});  // nothing to give back: no effect
  EXPECT_TRUE(limiter.hit(k));
}

TEST(RateLimiter, TheLongestFullRuleDecidesTheWait) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock);
  const std::vector<RateKey> k = {key("a", {{2, 60s}, {3, 3600s}})};
  EXPECT_FALSE(limiter.hit(k));
  EXPECT_FALSE(limiter.hit(k));
  EXPECT_EQ(limiter.hit(k), kStart + 60s);
  clock.advance(60s);
  EXPECT_FALSE(limiter.hit(k));  // the minute is new, the hour has its third
  EXPECT_EQ(limiter.hit(k), kStart + 3600s);
}

TEST(RateLimiter, KeysAreIndependentAndMemoryIsBounded) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 100);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_FALSE(limiter.hit({key("address:" + std::to_string(i), {{1, 60s}})}));
  }
  EXPECT_LE(limiter.size(), 100u);
  // A clock moved back does not lock anyone out.
  EXPECT_TRUE(limiter.hit({key("address:999", {{1, 60s}})}));
  clock.set(kStart - 3600s);
  EXPECT_FALSE(limiter.hit({key("address:999", {{1, 60s}})}));
}

TEST(GuessThrottle, FiveFreeWrongCodesThenADoublingWaitCappedAtAMinute) {
  ManualClock clock(kStart);
  GuessThrottle throttle(clock);
  const LockoutPolicy p = PublicLimits::code_guess_policy();
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(throttle.wait("address:a", p)) << i;
    throttle.failed("address:a", p);
  }
  // The sixth must wait 2 s, then 4, 8, 16, 32, 60, 60 ...
  std::vector<long long> waits;
  for (int i = 0; i < 8; ++i) {
    auto until = throttle.wait("address:a", p);
    ASSERT_TRUE(until);
    waits.push_back((*until - clock.now()).count());
    clock.set(*until);
    EXPECT_FALSE(throttle.wait("address:a", p));  // the wait is over: one attempt
    throttle.failed("address:a", p);
  }
  EXPECT_EQ(waits, (std::vector<long long>{2, 4, 8, 16, 32, 60, 60, 60}));
  EXPECT_FALSE(throttle.wait("address:b", p));  // another address is not slowed down
  // A quarter of an hour without a wrong code: free again.
  clock.advance(15min);
  EXPECT_FALSE(throttle.wait("address:a", p));
}

TEST(GuessThrottle, AnAttackerGetsAboutAGuessAMinute) {
  ManualClock clock(kStart);
  GuessThrottle throttle(clock);
  const LockoutPolicy p = PublicLimits::code_guess_policy();
  int guesses = 0;
  const Seconds end = kStart + 60min;
  while (clock.now() < end) {
    if (auto until = throttle.wait("address:a", p)) {
      clock.set(*until);
      continue;
    }
    ++guesses;
    throttle.failed("address:a", p);
  }
  // 5 free + 2,4,8,16,32 s (5 more in the first minute), then one a minute.
  EXPECT_GE(guesses, 60);
  EXPECT_LE(guesses, 70);
}

TEST(PublicLimits, ReadsTheShippedFileAndRefusesBadRules) {
  auto shipped = parse_toml_file(std::filesystem::path(OKNO_SOURCE_ROOT) / "assets/limits.toml");
  ASSERT_TRUE(shipped) << shipped.error().detail;
  auto limits = parse_public_limits(*shipped, "limits.toml");
  ASSERT_TRUE(limits) << limits.error().detail;
  const PublicLimits defaults;
  EXPECT_TRUE(limits->enabled);
  ASSERT_EQ(limits->tickets_per_address.size(), 2u);
  EXPECT_EQ(limits->tickets_per_address[0].limit, defaults.tickets_per_address[0].limit);
  EXPECT_EQ(limits->tickets_per_address[1].window, defaults.tickets_per_address[1].window);
  EXPECT_EQ(limits->bookings_per_contact[1].window, std::chrono::seconds(24h));
  EXPECT_EQ(limits->codes_per_address.free_failures, 5);
  EXPECT_EQ(limits->codes_per_kiosk.free_failures, 20);
  EXPECT_TRUE(limits->trusted_proxies.empty());

  auto parse = [](std::string_view text) {
    auto doc = parse_toml(text, "t.toml");
    EXPECT_TRUE(doc);
    return parse_public_limits(*doc, "t.toml");
  };
  auto custom = parse(
      "[limits]\ntickets_per_address = [\"5/30s\"]\ntrusted_proxies = "
      "[\"10.0.0.1\"]\n[limits.codes_per_address]\nfree_failures = 3\n");
  ASSERT_TRUE(custom) << custom.error().detail;
  EXPECT_EQ(custom->tickets_per_address.size(), 1u);
  EXPECT_EQ(custom->tickets_per_address[0].window, 30s);
  EXPECT_EQ(custom->codes_per_address.free_failures, 3);
  EXPECT_EQ(custom->trusted_proxies, std::vector<std::string>{"10.0.0.1"});
  for (const char* bad :
       {"[limits]\ntickets_per_address = [\"5\"]\n", "[limits]\ntickets_per_address = [\"0/1m\"]\n",
        "[limits]\ntickets_per_address = [\"5/1d\"]\n",
        "[limits]\ntickets_per_address = \"5/1m\"\n", "[limits]\nbogus = 1\n",
        "[limits]\nenabled = 1\n", "[limits.codes_per_address]\nfree_failures = 0\n",
        "[limits.codes_per_address]\nx = 1\n"}) {
    auto r = parse(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::invalid_value);
    }
  }
  EXPECT_FALSE(parse("[limits]\nenabled = false\n")->enabled);
}

TEST(ClientAddress, XForwardedForOnlyFromATrustedProxy) {
  const std::vector<std::string> proxies = {"10.0.0.1", "10.0.0.2"};
  // Not from a proxy: the header is the client's own claim and is ignored.
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");
  EXPECT_EQ(client_address("203.0.113.9", "198.51.100.1", {}), "203.0.113.9");
  // From the proxy: the address it appended.
  EXPECT_EQ(client_address("10.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
  // A forged entry left of it stays ignored; a chain of trusted proxies is walked back.
  EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 198.51.100.7", proxies), "198.51.100.7");
  EXPECT_EQ(client_address("10.0.0.1", "1.2.3.4, 198.51.100.7 ,10.0.0.2", proxies), "198.51.100.7");
  // The proxy without a header: the proxy itself.
  EXPECT_EQ(client_address("10.0.0.1", "", proxies), "10.0.0.1");
}

}  // namespace
}  // namespace okno
