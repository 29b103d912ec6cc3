// okno-server kiosk add NAME | list | revoke NAME (kiosk_devices.hpp): an administrator's
// one-off on the database file, e.g. the demo set-up's kiosk (scripts/run.sh).
#include <iostream>

#include "okno/server/http/api_json.hpp"
#include "okno/server/staff/kiosk_devices.hpp"
#include "okno/server/storage/storage.hpp"

namespace okno {

int kiosk_cli(const std::string& database, const std::vector<std::string>& args) {
  auto usage = [] {
    std::cerr << "usage: okno-server --db FILE kiosk add NAME | list | revoke NAME\n";
    return 2;
  };
  if (args.empty()) return usage();
  const std::string& what = args[0];
  if ((what == "add" || what == "revoke") != (args.size() == 2)) return usage();
  if (what != "add" && what != "revoke" && what != "list") return usage();
  auto storage = open_storage(database, 1);  // migrates the file
  if (!storage) {
    std::cerr << "okno-server: cannot open " << database << ": " << storage.error().detail << "\n";
    return 1;
  }
  KioskStore& store = (*storage)->kiosks();
  SystemClock clock;
  if (what == "add") {
    auto made = create_kiosk_key(store, args[1], clock.now());
    if (!made) {
      std::cerr << "okno-server: cannot add kiosk " << args[1] << ": "
                << to_string(made.error().code)
                << " (name: 1-64 of a-z 0-9 . _ -, not used before)\n";
      return 1;
    }
    std::cout << "okno-server: kiosk " << made->device.name
              << " added; its key (shown only now, give it to the kiosk as OKNO_KIOSK_KEY):\n"
              << made->key << "\n";
    return 0;
  }
  auto list = store.list_kiosks();
  if (!list) {
    std::cerr << "okno-server: " << list.error().detail << "\n";
    return 1;
  }
  if (what == "list") {
    for (const auto& d : *list) {
      std::cout << d.id << "\t" << d.name << "\t"
                << (d.active() ? "active" : "revoked " + api::utc_iso(*d.revoked_at)) << "\t"
                << "last used " << (d.last_used_at ? api::utc_iso(*d.last_used_at) : "never")
                << "\n";
    }
    return 0;
  }
  for (const auto& d : *list) {
    if (d.name != args[1]) continue;
    auto revoked = store.revoke_kiosk(d.id, clock.now());
    if (!revoked) {
      std::cerr << "okno-server: " << revoked.error().detail << "\n";
      return 1;
    }
    std::cout << "okno-server: kiosk " << d.name << (*revoked ? " revoked\n" : " was revoked\n");
    return 0;
  }
  std::cerr << "okno-server: no kiosk named " << args[1] << "\n";
  return 1;
}

}  // namespace okno
