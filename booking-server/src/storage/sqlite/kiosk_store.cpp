// Registered kiosk devices on SQLite (kiosk_store.hpp).
#include "okno/server/storage/sqlite/kiosk_store.hpp"

namespace okno {
namespace {

using sqlite::Connection;
using sqlite::epoch;
using sqlite::from_epoch;

constexpr const char* kColumns = "id, name, key_hash, created_at, last_used_at, revoked_at";

KioskDevice read_device(const sqlite::Statement& st) {
  KioskDevice d;
  d.id = st.int64(0);
  d.name = st.text(1);
  d.key_hash = st.text(2);
  d.created_at = from_epoch(st.int64(3));
  if (!st.is_null(4)) d.last_used_at = from_epoch(st.int64(4));
  if (!st.is_null(5)) d.revoked_at = from_epoch(st.int64(5));
  return d;
}

}  // namespace

Result<std::unique_ptr<SqliteKioskStore>> SqliteKioskStore::open(const std::string& path) {
  auto conn = Connection::open(path);
  if (!conn) return std::unexpected(conn.error());
  std::unique_ptr<SqliteKioskStore> store(new SqliteKioskStore());
  store->conn_ = std::make_unique<Connection>(std::move(*conn));
  return store;
}

Result<KioskDevice> SqliteKioskStore::create_kiosk(const KioskDevice& device) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "INSERT INTO kiosk_devices (name, key_hash, created_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (name) DO NOTHING");
  if (!st) return std::unexpected(st.error());
  st->bind(1, device.name).bind(2, device.key_hash).bind(3, epoch(device.created_at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  if (conn_->changes() == 0) return fail(ErrorCode::kiosk_exists, "name");
  KioskDevice out = device;
  out.id = sqlite3_last_insert_rowid(conn_->raw());
  return out;
}

Result<std::vector<KioskDevice>> SqliteKioskStore::list_kiosks() {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(std::string("SELECT ") + kColumns + " FROM kiosk_devices ORDER BY name");
  if (!st) return std::unexpected(st.error());
  std::vector<KioskDevice> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_device(*st));
    out.back().key_hash.clear();  // lists never carry hashes
  }
}

Result<std::optional<KioskDevice>> SqliteKioskStore::kiosk_by_key_hash(std::string_view key_hash) {
  std::lock_guard lock(mutex_);
  auto st =
      conn_->prepare(std::string("SELECT ") + kColumns + " FROM kiosk_devices WHERE key_hash = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, key_hash);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<KioskDevice>{};
  return std::optional<KioskDevice>{read_device(*st)};
}

Result<bool> SqliteKioskStore::revoke_kiosk(std::int64_t id, Seconds at) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "UPDATE kiosk_devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
  if (!st) return std::unexpected(st.error());
  st->bind(1, id).bind(2, epoch(at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  return conn_->changes() > 0;
}

Result<void> SqliteKioskStore::touch_kiosk(std::int64_t id, Seconds at) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare("UPDATE kiosk_devices SET last_used_at = ?2 WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, id).bind(2, epoch(at));
  return st->run();
}

}  // namespace okno
