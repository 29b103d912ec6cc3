// Registered kiosk devices for administrators (issue 16 item 13): a key per kiosk, shown once
// and stored as its SHA-256; revocable; each with a name and its last use. The same actions
// from the command line (okno-server kiosk add|list|revoke, kiosk_cli.cpp) and from the staff
// API (GET/POST /api/v1/staff/kiosks, POST /api/v1/staff/kiosks/{id}/revoke;
// http/kiosk_routes.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "okno/kiosk_store.hpp"

namespace okno {

struct NewKioskKey {
  KioskDevice device;
  std::string key;  // "okk_" + 43 characters of base64url; only here, never stored
};

// Validates the name, makes a fresh key and stores its hash. Errors: invalid_value (name),
// kiosk_exists.
Result<NewKioskKey> create_kiosk_key(KioskStore& store, std::string_view name, Seconds now);

// okno-server kiosk add NAME | list | revoke NAME, on the database `database`; returns the exit
// code. `add` prints the key on the last line of stdout (the only time it is shown).
int kiosk_cli(const std::string& database, const std::vector<std::string>& args);

}  // namespace okno
