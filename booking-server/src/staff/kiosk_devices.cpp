// Kiosk device keys: creation (kiosk_devices.hpp).
#include "okno/server/staff/kiosk_devices.hpp"

#include "okno/secret.hpp"

namespace okno {

Result<NewKioskKey> create_kiosk_key(KioskStore& store, std::string_view name, Seconds now) {
  if (auto r = validate_kiosk_name(name); !r) return std::unexpected(r.error());
  NewKioskKey out;
  out.key = "okk_" + random_token(32);
  KioskDevice d;
  d.name = name;
  d.key_hash = sha256_hex(out.key);
  d.created_at = now;
  auto created = store.create_kiosk(d);
  if (!created) return std::unexpected(created.error());
  out.device = *created;
  out.device.key_hash.clear();
  return out;
}

}  // namespace okno
