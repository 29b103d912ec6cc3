// The public routes' defence against scripts (issue 16 item 13; docs/security.md), a thin layer
// over core/rate_limit.hpp: the client's address (X-Forwarded-For only from trusted proxies),
// the registered kiosk a request comes from (X-Kiosk-Key), request-rate limits per address,
// contact and kiosk, and the booking-code guessing throttle. Routes ask it before they act, so a
// refused request stores nothing; refusals are 429 with Retry-After, 401/403 for kiosk keys.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "okno/booking.hpp"
#include "okno/i18n.hpp"
#include "okno/kiosk_store.hpp"
#include "okno/rate_limit.hpp"

namespace okno {

inline constexpr const char* kKioskKeyHeader = "X-Kiosk-Key";

// The contacts a booking is counted under (per-contact limits): the phone as E.164, the
// e-mail in lower case. The API and the public site count alike.
std::vector<std::string> booking_contacts(const BookingRequest& request);

class AbuseGuard {
 public:
  // `store` and `catalog` outlive the guard.
  AbuseGuard(const Clock& clock, PublicLimits limits, KioskStore& store, const Catalog& catalog);

  enum class Kind { booking, ticket, checkin, feedback };

  // The client's address (client_address in rate_limit.hpp over the socket's peer).
  std::string address(const httplib::Request& req) const;

  // The registered kiosk whose key the request carries; nullopt without the header (for the
  // kiosk channel, `kiosk_channel`: kiosk_key_missing); kiosk_key_invalid for an unknown or
  // revoked key. Records the device's last use.
  Result<std::optional<KioskDevice>> kiosk(const httplib::Request& req, bool kiosk_channel);

  // A request counted under its limits. Unless kept (the request did what it asked), it is
  // given back when it goes out of scope: a refusal by the service stored nothing and uses up
  // no allowance, while requests in flight count, so a burst cannot slip through together.
  class Admission {
   public:
    Admission() = default;
    Admission(AbuseGuard* guard, std::vector<RateKey> keys)
        : guard_(guard), keys_(std::move(keys)) {}
    Admission(Admission&& other) noexcept
        : guard_(std::exchange(other.guard_, nullptr)), keys_(std::move(other.keys_)) {}
    Admission& operator=(Admission&& other) noexcept {
      if (this != &other) {
        give_back();
        guard_ = std::exchange(other.guard_, nullptr);
        keys_ = std::move(other.keys_);
      }
      return *this;
    }
    ~Admission() { give_back(); }
    void keep() { guard_ = nullptr; }

   private:
    void give_back() {
      if (guard_) guard_->rates_.refund(keys_);
      guard_ = nullptr;
    }
    AbuseGuard* guard_ = nullptr;
    std::vector<RateKey> keys_;
  };

  // Counts the request under its limits (the address; the kiosk, when keyed; each contact,
  // hashed). nullopt: it is over one of them and the 429 is written.
  std::optional<Admission> admit(const httplib::Request& req, httplib::Response& res, Kind kind,
                                 const std::optional<KioskDevice>& kiosk,
                                 const std::vector<std::string>& contacts = {});

  // Before a lookup by booking code: false when this address (or kiosk) must wait after wrong
  // codes, and the 429 code_throttled is written. After it: code_wrong() when the code was not
  // found, so every wrong code counts alike.
  bool code_allowed(const httplib::Request& req, httplib::Response& res,
                    const std::optional<KioskDevice>& kiosk = std::nullopt) const;
  void code_wrong(const httplib::Request& req,
                  const std::optional<KioskDevice>& kiosk = std::nullopt);

  const PublicLimits& limits() const { return limits_; }

 private:
  void refuse(const httplib::Request& req, httplib::Response& res, ErrorCode code,
              Seconds until) const;
  // warn for the first refusal in a minute, debug for the rest.
  spdlog::level::level_enum warning_level();
  std::string code_key(const httplib::Request& req, const std::optional<KioskDevice>& kiosk) const;

  const Clock& clock_;
  PublicLimits limits_;
  KioskStore& store_;
  const Catalog& catalog_;
  RateLimiter rates_;
  GuessThrottle guesses_;
  std::atomic<long long> last_warning_{0};  // the clock's seconds of the last warning logged
};

}  // namespace okno
