// Limits against scripts (issue 16 item 13), pure logic over an injected clock: request rates per
// key (a client address, a contact, a kiosk) and the booking-code guessing throttle. The server's
// thin use is booking-server/src/http/abuse_guard.cpp; the numbers and why are in
// docs/security.md. State is in memory: a restart forgets it (a script gains one fresh window).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/staff.hpp"

namespace okno {

// At most `limit` requests per `window` (a fixed window that starts with its first request).
struct RateRule {
  int limit = 0;
  std::chrono::seconds window{60};
};

// One key and the rules it is counted under (e.g. "address:10.0.0.7": 30 a minute, 300 an hour).
struct RateKey {
  std::string key;
  std::vector<RateRule> rules;
};

class RateLimiter {
 public:
  // Keeps at most `max_keys` keys; past that, expired windows are dropped first, then the
  // oldest windows (a flood of fresh addresses cannot grow memory without bound).
  explicit RateLimiter(const Clock& clock, std::size_t max_keys = 200'000);

  // Counts one request under every key's rules, or, when any rule of any key is already at its
  // limit, counts nothing and returns when a request may come again (the latest wait of the
  // full rules). All or nothing: a refused request uses up no one's allowance.
  std::optional<Seconds> hit(const std::vector<RateKey>& keys);
  // Gives back one request counted by hit() (it did nothing: refused by the service, stored
  // nothing), so the limits count what was done, and what is in flight, not attempts that failed.
  void refund(const std::vector<RateKey>& keys);

  std::size_t size() const;

 private:
  struct Window {
    Seconds start{};
    std::chrono::seconds length{};
    int count = 0;
  };
  void make_room(Seconds now);

  const Clock& clock_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::map<std::string, Window, std::less<>> windows_;  // key + "#" + rule index
};

// Wrong booking codes per key (an address, or a registered kiosk): a few free, then a doubling
// wait between attempts (core/staff.hpp's LoginThrottle and LockoutPolicy, shared with the
// staff sign-in). A right code neither clears nor counts: guessing from one address interleaved
// with a known code stays slowed down.
class GuessThrottle {
 public:
  GuessThrottle(const Clock& clock, std::size_t max_keys = 200'000);

  // When the next lookup of `key` may be made under `policy`; nullopt: now.
  std::optional<Seconds> wait(std::string_view key, const LockoutPolicy& policy) const;
  // Records one wrong code.
  void failed(std::string_view key, const LockoutPolicy& policy);

 private:
  const Clock& clock_;
  std::size_t max_keys_;
  mutable std::mutex mutex_;
  std::map<std::string, LoginThrottle, std::less<>> throttles_;
};

// The configured limits of the public routes (assets/limits.toml; docs/security.md).
struct PublicLimits {
  bool enabled = true;
  std::vector<RateRule> bookings_per_address{{20, std::chrono::minutes(1)},
                                             {200, std::chrono::hours(1)}};
  std::vector<RateRule> bookings_per_contact{{5, std::chrono::minutes(10)},
                                             {10, std::chrono::hours(24)}};
  std::vector<RateRule> tickets_per_address{{30, std::chrono::minutes(1)},
                                            {300, std::chrono::hours(1)}};
  std::vector<RateRule> tickets_per_kiosk{{20, std::chrono::minutes(1)},
                                          {300, std::chrono::hours(1)}};
  std::vector<RateRule> checkins_per_address{{30, std::chrono::minutes(1)},
                                             {300, std::chrono::hours(1)}};
  std::vector<RateRule> feedback_per_address{{30, std::chrono::minutes(1)},
                                             {300, std::chrono::hours(1)}};
  LockoutPolicy codes_per_address = code_guess_policy();
  LockoutPolicy codes_per_kiosk = kiosk_code_guess_policy();
  // Addresses of reverse proxies whose X-Forwarded-For is believed; none by default.
  std::vector<std::string> trusted_proxies;

  static LockoutPolicy code_guess_policy();
  static LockoutPolicy kiosk_code_guess_policy();
};

// Reads the [limits] table (every key optional; defaults as above). Errors: invalid_value.
Result<PublicLimits> parse_public_limits(const toml::table& doc, std::string_view source);

// The client's address: the socket's peer, or, when the peer is a trusted proxy, the last
// address in X-Forwarded-For that is not itself a trusted proxy (the proxy appends the address
// it saw; anything left of it is what the client claimed).
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace okno
