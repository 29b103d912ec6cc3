// KioskStore (core/include/okno/kiosk_store.hpp) on the server's SQLite file: registered kiosk
// devices with the SHA-256 of their keys (schema: migration 6 in sqlite_store.cpp).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "okno/kiosk_store.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno {

class SqliteKioskStore final : public KioskStore {
 public:
  // Opens a connection to a database the booking store has already migrated.
  static Result<std::unique_ptr<SqliteKioskStore>> open(const std::string& path);

  Result<KioskDevice> create_kiosk(const KioskDevice& device) override;
  Result<std::vector<KioskDevice>> list_kiosks() override;
  Result<std::optional<KioskDevice>> kiosk_by_key_hash(std::string_view key_hash) override;
  Result<bool> revoke_kiosk(std::int64_t id, Seconds at) override;
  Result<void> touch_kiosk(std::int64_t id, Seconds at) override;

 private:
  SqliteKioskStore() = default;
  std::mutex mutex_;  // one connection, used by one thread at a time
  std::unique_ptr<sqlite::Connection> conn_;
};

}  // namespace okno
