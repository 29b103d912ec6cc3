// The storage interface for registered kiosk devices (issue 16 item 13): the `kiosk` channel
// (bookings, walk-in tickets, check-in) is open only to a device whose key an administrator
// created. The store holds the SHA-256 of each key, never the key. SQLite implements it
// (booking-server/src/storage/sqlite/kiosk_store.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okno/clock.hpp"
#include "okno/error.hpp"

namespace okno {

struct KioskDevice {
  std::int64_t id = 0;
  std::string name;      // what the administrator calls it ("hall-1"): 1-64 of a-z 0-9 . _ -
  std::string key_hash;  // sha256_hex of the key (okno/secret.hpp); empty in lists
  Seconds created_at{};
  std::optional<Seconds> last_used_at;
  std::optional<Seconds> revoked_at;
  bool active() const { return !revoked_at.has_value(); }
};

// 1-64 characters of a-z 0-9 . _ - (names go into the audit log: no personal data).
Result<void> validate_kiosk_name(std::string_view name);

class KioskStore {
 public:
  virtual ~KioskStore() = default;
  // kiosk_exists when a device (live or revoked) has the name.
  virtual Result<KioskDevice> create_kiosk(const KioskDevice& device) = 0;
  virtual Result<std::vector<KioskDevice>> list_kiosks() = 0;
  // The device with this key hash, revoked ones included.
  virtual Result<std::optional<KioskDevice>> kiosk_by_key_hash(std::string_view key_hash) = 0;
  // false when no live device has the id.
  virtual Result<bool> revoke_kiosk(std::int64_t id, Seconds at) = 0;
  virtual Result<void> touch_kiosk(std::int64_t id, Seconds at) = 0;
};

}  // namespace okno
