// Request-rate windows and the booking-code guessing throttle (rate_limit.hpp).
#include "okno/rate_limit.hpp"

#include <algorithm>

namespace okno {
namespace {

std::string window_key(std::string_view key, std::size_t rule) {
  std::string out(key);
  out += '#';
  out += std::to_string(rule);
  return out;
}

// "30/1m", "300/1h", "10/24h", "5/10m", "20/30s".
std::optional<RateRule> parse_rule(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 2 > text.size()) return {};
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  const auto count = text.substr(0, slash);
  auto period = text.substr(slash + 1);
  const char unit = period.back();
  period.remove_suffix(1);
  if (!digits(count) || !digits(period)) return {};
  const long n = std::stol(std::string(period));
  std::chrono::seconds length{};
  switch (unit) {
    case 's':
      length = std::chrono::seconds(n);
      break;
    case 'm':
      length = std::chrono::minutes(n);
      break;
    case 'h':
      length = std::chrono::hours(n);
      break;
    default:
      return {};
  }
  const int limit = std::stoi(std::string(count));
  if (limit < 1 || length.count() < 1) return {};
  return RateRule{limit, length};
}

Result<std::vector<RateRule>> read_rules(const toml::table& t, std::string_view key,
                                         std::vector<RateRule> fallback, std::string_view source) {
  const auto* node = t.get(key);
  if (!node) return fallback;
  const auto* list = node->as_array();
  auto bad = [&] {
    return fail(ErrorCode::invalid_value, std::string(source) + ": limits." + std::string(key) +
                                              " must be a list like [\"30/1m\", \"300/1h\"]");
  };
  if (!list) return bad();
  std::vector<RateRule> out;
  for (const auto& item : *list) {
    const auto* s = item.as_string();
    if (!s) return bad();
    auto rule = parse_rule(s->get());
    if (!rule) return bad();
    out.push_back(*rule);
  }
  return out;
}

Result<LockoutPolicy> read_policy(const toml::table& t, std::string_view key, LockoutPolicy policy,
                                  std::string_view source) {
  const auto* node = t.get(key);
  if (!node) return policy;
  const auto* table = node->as_table();
  auto bad = [&](std::string_view what) {
    return fail(ErrorCode::invalid_value, std::string(source) + ": limits." + std::string(key) +
                                              "." + std::string(what) +
                                              " must be a positive whole number");
  };
  if (!table) return bad("(table)");
  for (const auto& [k, v] : *table) {
    const auto n = v.value<std::int64_t>();
    if (!n || *n < 1 || *n > 1'000'000) return bad(k.str());
    if (k == "free_failures") {
      policy.free_failures = static_cast<int>(*n);
    } else if (k == "base_delay_s") {
      policy.base_delay = std::chrono::seconds(*n);
    } else if (k == "max_delay_s") {
      policy.max_delay = std::chrono::seconds(*n);
    } else if (k == "lock_after") {
      policy.lock_after = static_cast<int>(*n);
    } else if (k == "lock_for_s") {
      policy.lock_for = std::chrono::seconds(*n);
    } else if (k == "window_s") {
      policy.window = std::chrono::seconds(*n);
    } else {
      return fail(ErrorCode::invalid_value, std::string(source) + ": unknown key limits." +
                                                std::string(key) + "." + std::string(k.str()));
    }
  }
  return policy;
}

}  // namespace

RateLimiter::RateLimiter(const Clock& clock, std::size_t max_keys)
    : clock_(clock), max_keys_(std::max<std::size_t>(max_keys, 16)) {}

std::optional<Seconds> RateLimiter::hit(const std::vector<RateKey>& keys) {
  const Seconds now = clock_.now();
  std::lock_guard lock(mutex_);
  std::optional<Seconds> refused;
  for (const auto& k : keys) {
    for (std::size_t i = 0; i < k.rules.size(); ++i) {
      auto it = windows_.find(window_key(k.key, i));
      if (it == windows_.end()) continue;
      const Window& w = it->second;
      if (now >= w.start + w.length || now < w.start) continue;  // over (or the clock went back)
      if (w.count >= k.rules[i].limit)
        refused = std::max(refused.value_or(now), w.start + w.length);
    }
  }
  if (refused) return refused;
  for (const auto& k : keys) {
    for (std::size_t i = 0; i < k.rules.size(); ++i) {
      const std::string wk = window_key(k.key, i);
      auto it = windows_.find(wk);
      if (it == windows_.end()) {
        if (windows_.size() >= max_keys_) make_room(now);
        it = windows_.emplace(wk, Window{now, k.rules[i].window, 0}).first;
      }
      Window& w = it->second;
      if (now >= w.start + w.length || now < w.start) w = Window{now, k.rules[i].window, 0};
      ++w.count;
    }
  }
  return std::nullopt;
}

void RateLimiter::refund(const std::vector<RateKey>& keys) {
  std::lock_guard lock(mutex_);
  for (const auto& k : keys) {
    for (std::size_t i = 0; i < k.rules.size(); ++i) {
      auto it = windows_.find(window_key(k.key, i));
      if (it != windows_.end() && it->second.count > 0) --it->second.count;
    }
  }
}

void RateLimiter::make_room(Seconds now) {
  std::erase_if(windows_,
                [now](const auto& kv) { return now >= kv.second.start + kv.second.length; });
  // Still full: forget the oldest half (an attacker with that many addresses gets fresh windows
  // for some of them; memory stays bounded).
  if (windows_.size() >= max_keys_) {
    std::vector<Seconds> starts;
    starts.reserve(windows_.size());
    for (const auto& kv : windows_) starts.push_back(kv.second.start);
    auto mid = starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 2);
    std::nth_element(starts.begin(), mid, starts.end());
    const Seconds cut = *mid;
    std::erase_if(windows_, [cut](const auto& kv) { return kv.second.start <= cut; });
  }
}

std::size_t RateLimiter::size() const {
  std::lock_guard lock(mutex_);
  return windows_.size();
}

GuessThrottle::GuessThrottle(const Clock& clock, std::size_t max_keys)
    : clock_(clock), max_keys_(std::max<std::size_t>(max_keys, 16)) {}

std::optional<Seconds> GuessThrottle::wait(std::string_view key,
                                           const LockoutPolicy& policy) const {
  std::lock_guard lock(mutex_);
  auto it = throttles_.find(key);
  if (it == throttles_.end()) return std::nullopt;
  return next_attempt_allowed(it->second, policy, clock_.now());
}

void GuessThrottle::failed(std::string_view key, const LockoutPolicy& policy) {
  const Seconds now = clock_.now();
  std::lock_guard lock(mutex_);
  auto it = throttles_.find(key);
  if (it == throttles_.end()) {
    if (throttles_.size() >= max_keys_) {
      // Forget keys whose failures no longer count, then, if still full, the stalest half.
      std::erase_if(throttles_, [&](const auto& kv) {
        return !next_attempt_allowed(kv.second, policy, now) &&
               now - kv.second.last_failure >= policy.window;
      });
      if (throttles_.size() >= max_keys_) {
        std::vector<Seconds> at;
        for (const auto& kv : throttles_) at.push_back(kv.second.last_failure);
        auto mid = at.begin() + static_cast<std::ptrdiff_t>(at.size() / 2);
        std::nth_element(at.begin(), mid, at.end());
        const Seconds cut = *mid;
        std::erase_if(throttles_, [cut](const auto& kv) { return kv.second.last_failure <= cut; });
      }
    }
    it = throttles_.emplace(std::string(key), LoginThrottle{}).first;
  }
  it->second = after_failure(it->second, policy, now);
}

LockoutPolicy PublicLimits::code_guess_policy() {
  // A person mistypes a code two or three times; a script tries thousands. Five free, then
  // 2 s, 4 s ... at most 60 s between attempts; no lock (a lock would shut out every client
  // behind the same address for its whole length): about one guess a minute after the first.
  LockoutPolicy p;
  p.free_failures = 5;
  p.base_delay = std::chrono::seconds(2);
  p.max_delay = std::chrono::seconds(60);
  p.lock_after = 1'000'000;
  p.window = std::chrono::minutes(15);
  return p;
}

LockoutPolicy PublicLimits::kiosk_code_guess_policy() {
  // A registered kiosk is a whole hall of visitors typing on a touchscreen: more free typos,
  // the same ceiling.
  LockoutPolicy p = code_guess_policy();
  p.free_failures = 20;
  p.window = std::chrono::minutes(5);
  return p;
}

Result<PublicLimits> parse_public_limits(const toml::table& doc, std::string_view source) {
  PublicLimits out;
  const auto* node = doc.get("limits");
  if (!node) return out;
  const auto* t = node->as_table();
  if (!t) return fail(ErrorCode::invalid_value, std::string(source) + ": [limits] is a table");
  static constexpr std::string_view kKnown[] = {
      "enabled",           "bookings_per_address", "bookings_per_contact", "tickets_per_address",
      "tickets_per_kiosk", "checkins_per_address", "feedback_per_address", "codes_per_address",
      "codes_per_kiosk",   "trusted_proxies"};
  for (const auto& [k, v] : *t) {
    if (std::find(std::begin(kKnown), std::end(kKnown), k.str()) == std::end(kKnown))
      return fail(ErrorCode::invalid_value,
                  std::string(source) + ": unknown key limits." + std::string(k.str()));
  }
  if (const auto* e = t->get("enabled")) {
    if (!e->is_boolean())
      return fail(ErrorCode::invalid_value, std::string(source) + ": limits.enabled is true/false");
    out.enabled = e->as_boolean()->get();
  }
  struct Rules {
    std::string_view key;
    std::vector<RateRule>& into;
  };
  for (Rules r : {Rules{"bookings_per_address", out.bookings_per_address},
                  Rules{"bookings_per_contact", out.bookings_per_contact},
                  Rules{"tickets_per_address", out.tickets_per_address},
                  Rules{"tickets_per_kiosk", out.tickets_per_kiosk},
                  Rules{"checkins_per_address", out.checkins_per_address},
                  Rules{"feedback_per_address", out.feedback_per_address}}) {
    auto rules = read_rules(*t, r.key, r.into, source);
    if (!rules) return std::unexpected(rules.error());
    r.into = std::move(*rules);
  }
  auto codes = read_policy(*t, "codes_per_address", out.codes_per_address, source);
  if (!codes) return std::unexpected(codes.error());
  out.codes_per_address = *codes;
  auto kiosk_codes = read_policy(*t, "codes_per_kiosk", out.codes_per_kiosk, source);
  if (!kiosk_codes) return std::unexpected(kiosk_codes.error());
  out.codes_per_kiosk = *kiosk_codes;
  if (const auto* p = t->get("trusted_proxies")) {
    const auto* list = p->as_array();
    if (!list)
      return fail(ErrorCode::invalid_value,
                  std::string(source) + ": limits.trusted_proxies is a list of addresses");
    for (const auto& item : *list) {
      const auto* s = item.as_string();
      if (!s || s->get().empty() || s->get().size() > 64)
        return fail(ErrorCode::invalid_value,
                    std::string(source) + ": limits.trusted_proxies is a list of addresses");
      out.trusted_proxies.push_back(s->get());
    }
  }
  return out;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  std::string address(peer);
  if (!trusted(peer)) return address;
  // Walk X-Forwarded-For from the right: each trusted proxy vouches for the hop before it.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    while (!hop.empty() && (hop.front() == ' ' || hop.front() == '\t')) hop.remove_prefix(1);
    while (!hop.empty() && (hop.back() == ' ' || hop.back() == '\t')) hop.remove_suffix(1);
    if (hop.empty() || hop.size() > 64) break;
    address = std::string(hop);
    if (!trusted(hop)) break;
  }
  return address;
}

}  // namespace okno
