// The public routes' limits and kiosk keys (abuse_guard.hpp).
#include "okno/server/http/abuse_guard.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "okno/secret.hpp"
#include "okno/server/http/reply.hpp"

namespace okno {
namespace {

// Keys carry hashes, not addresses, phones or e-mails (the limiter's memory is not a list of
// who asked).
std::string hashed(std::string_view kind, std::string_view value) {
  return std::string(kind) + ":" + sha256_hex(value).substr(0, 24);
}

std::string_view kind_name(AbuseGuard::Kind kind) {
  switch (kind) {
    case AbuseGuard::Kind::booking:
      return "booking";
    case AbuseGuard::Kind::ticket:
      return "ticket";
    case AbuseGuard::Kind::checkin:
      return "checkin";
    case AbuseGuard::Kind::feedback:
      return "feedback";
  }
  return "?";
}

}  // namespace

std::vector<std::string> booking_contacts(const BookingRequest& r) {
  std::vector<std::string> out;
  if (!r.client.phone.empty())
    out.push_back("phone:" + normalize_phone(r.client.phone).value_or(r.client.phone));
  if (!r.client.email.empty()) {
    std::string e = r.client.email;
    std::transform(e.begin(), e.end(), e.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.push_back("email:" + e);
  }
  return out;
}

AbuseGuard::AbuseGuard(const Clock& clock, PublicLimits limits, KioskStore& store,
                       const Catalog& catalog)
    : clock_(clock),
      limits_(std::move(limits)),
      store_(store),
      catalog_(catalog),
      rates_(clock),
      guesses_(clock) {}

std::string AbuseGuard::address(const httplib::Request& req) const {
  if (limits_.trusted_proxies.empty()) return req.remote_addr;
  return client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"),
                        limits_.trusted_proxies);
}

Result<std::optional<KioskDevice>> AbuseGuard::kiosk(const httplib::Request& req,
                                                     bool kiosk_channel) {
  if (!req.has_header(kKioskKeyHeader)) {
    if (kiosk_channel) return fail(ErrorCode::kiosk_key_missing);
    return std::optional<KioskDevice>{};
  }
  const std::string key = req.get_header_value(kKioskKeyHeader);
  if (key.empty() || key.size() > 128) return fail(ErrorCode::kiosk_key_invalid);
  const std::string hash = sha256_hex(key);
  auto found = store_.kiosk_by_key_hash(hash);
  if (!found) return std::unexpected(found.error());
  // The lookup compares hashes; the constant-time check is belt and braces.
  if (!*found || !equal_secret((*found)->key_hash, hash) || !(*found)->active()) {
    spdlog::log(warning_level(), "kiosk key refused from {}", address(req));
    return fail(ErrorCode::kiosk_key_invalid);
  }
  const Seconds now = clock_.now();
  // Last use to the minute: one write a minute per kiosk at most.
  if (!(*found)->last_used_at || now - *(*found)->last_used_at >= std::chrono::minutes(1) ||
      now < *(*found)->last_used_at) {
    if (auto r = store_.touch_kiosk((*found)->id, now); !r) {
      spdlog::warn("kiosk {}: last use not recorded: {}", (*found)->name, r.error().detail);
    }
  }
  return found;
}

spdlog::level::level_enum AbuseGuard::warning_level() {
  // One warning a minute at most: a script's burst must not flood the log.
  const long long now = clock_.now().time_since_epoch().count();
  long long last = last_warning_.load();
  const bool warn = now - last >= 60 && last_warning_.compare_exchange_strong(last, now);
  return warn ? spdlog::level::warn : spdlog::level::debug;
}

std::optional<AbuseGuard::Admission> AbuseGuard::admit(const httplib::Request& req,
                                                       httplib::Response& res, Kind kind,
                                                       const std::optional<KioskDevice>& kiosk,
                                                       const std::vector<std::string>& contacts) {
  if (!limits_.enabled) return Admission{};
  const std::string k(kind_name(kind));
  std::vector<RateKey> keys;
  const auto& per_address = kind == Kind::booking   ? limits_.bookings_per_address
                            : kind == Kind::ticket  ? limits_.tickets_per_address
                            : kind == Kind::checkin ? limits_.checkins_per_address
                                                    : limits_.feedback_per_address;
  keys.push_back({k + "/" + hashed("address", address(req)), per_address});
  if (kiosk && kind == Kind::ticket) {
    keys.push_back({k + "/kiosk:" + std::to_string(kiosk->id), limits_.tickets_per_kiosk});
  }
  if (kind == Kind::booking) {
    for (const auto& c : contacts) {
      if (!c.empty())
        keys.push_back({k + "/" + hashed("contact", c), limits_.bookings_per_contact});
    }
  }
  auto until = rates_.hit(keys);
  if (!until) return Admission{this, std::move(keys)};
  spdlog::log(warning_level(),
              "{} refused: rate limit (address {}{}); more refusals this minute: debug level", k,
              address(req), kiosk ? ", kiosk " + kiosk->name : std::string());
  refuse(req, res, ErrorCode::rate_limited, *until);
  return std::nullopt;
}

std::string AbuseGuard::code_key(const httplib::Request& req,
                                 const std::optional<KioskDevice>& kiosk) const {
  return kiosk ? "kiosk:" + std::to_string(kiosk->id) : hashed("address", address(req));
}

bool AbuseGuard::code_allowed(const httplib::Request& req, httplib::Response& res,
                              const std::optional<KioskDevice>& kiosk) const {
  if (!limits_.enabled) return true;
  auto until = guesses_.wait(code_key(req, kiosk),
                             kiosk ? limits_.codes_per_kiosk : limits_.codes_per_address);
  if (!until) return true;
  refuse(req, res, ErrorCode::code_throttled, *until);
  return false;
}

void AbuseGuard::code_wrong(const httplib::Request& req, const std::optional<KioskDevice>& kiosk) {
  if (!limits_.enabled) return;
  guesses_.failed(code_key(req, kiosk),
                  kiosk ? limits_.codes_per_kiosk : limits_.codes_per_address);
}

void AbuseGuard::refuse(const httplib::Request& req, httplib::Response& res, ErrorCode code,
                        Seconds until) const {
  const auto wait = std::max<long long>(1, (until - clock_.now()).count());
  res.set_header("Retry-After", std::to_string(wait));
  send_error(req, res, Error{code, {}}, catalog_);
}

}  // namespace okno
