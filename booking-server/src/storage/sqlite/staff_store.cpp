// Staff accounts, sessions, throttles and audit on SQLite (see staff_store.hpp).
#include "okno/server/storage/sqlite/staff_store.hpp"

#include <algorithm>

namespace okno {
namespace {

using sqlite::Connection;
using sqlite::Transaction;

using sqlite::epoch;
using sqlite::from_epoch;

constexpr const char* kAccountColumns =
    "a.id, a.login, a.display_name, a.role, a.password_hash, a.active, a.created_at, "
    "a.must_change_password";

StaffAccount read_account(const sqlite::Statement& st, int first = 0) {
  StaffAccount a;
  a.id = st.int64(first);
  a.login = st.text(first + 1);
  a.display_name = st.text(first + 2);
  a.role = parse_staff_role(st.text(first + 3)).value_or(StaffRole::receptionist);
  a.password_hash = st.text(first + 4);
  a.active = st.int32(first + 5) != 0;
  a.created_at = from_epoch(st.int64(first + 6));
  a.must_change_password = st.int32(first + 7) != 0;
  return a;
}

}  // namespace

Result<std::unique_ptr<SqliteStaffStore>> SqliteStaffStore::open(const std::string& path) {
  auto conn = Connection::open(path);
  if (!conn) return std::unexpected(conn.error());
  std::unique_ptr<SqliteStaffStore> store(new SqliteStaffStore());
  store->conn_ = std::make_unique<Connection>(std::move(*conn));
  return store;
}

Result<StaffAccount> SqliteStaffStore::create_account(const StaffAccount& account) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::begin_immediate(*conn_);
  if (!tx) return std::unexpected(tx.error());
  {
    auto st = conn_->prepare("SELECT 1 FROM staff_accounts WHERE login = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, account.login);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (*row) return fail(ErrorCode::login_taken, "login");
  }
  auto st = conn_->prepare(
      "INSERT INTO staff_accounts (login, display_name, role, password_hash, active, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, account.login).bind(2, account.display_name).bind(3, to_string(account.role));
  st->bind(4, account.password_hash).bind(5, account.active ? 1 : 0);
  st->bind(6, epoch(account.created_at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  StaffAccount out = account;
  out.id = sqlite3_last_insert_rowid(conn_->raw());
  if (auto r = tx->commit(); !r) return std::unexpected(r.error());
  return out;
}

Result<std::optional<StaffAccount>> SqliteStaffStore::find_account(std::string_view login) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(std::string("SELECT ") + kAccountColumns +
                           " FROM staff_accounts a WHERE a.login = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, login);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<StaffAccount>{};
  StaffAccount a = read_account(*st);
  auto desks = desks_of(a.id);
  if (!desks) return std::unexpected(desks.error());
  a.desks = std::move(*desks);
  return std::optional<StaffAccount>{std::move(a)};
}

Result<std::vector<DeskRef>> SqliteStaffStore::desks_of(std::int64_t staff_id) {
  auto st = conn_->prepare(
      "SELECT office, desk FROM staff_desks WHERE staff_id = ?1 ORDER BY office, desk");
  if (!st) return std::unexpected(st.error());
  st->bind(1, staff_id);
  std::vector<DeskRef> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back({st->text(0), st->text(1)});
  }
}

Result<std::vector<StaffAccount>> SqliteStaffStore::list_accounts() {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(std::string("SELECT ") + kAccountColumns +
                           " FROM staff_accounts a ORDER BY a.login");
  if (!st) return std::unexpected(st.error());
  std::vector<StaffAccount> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_account(*st));
    out.back().password_hash.clear();  // lists never carry hashes
  }
  for (auto& a : out) {
    auto desks = desks_of(a.id);
    if (!desks) return std::unexpected(desks.error());
    a.desks = std::move(*desks);
  }
  return out;
}

Result<void> SqliteStaffStore::update_account(const StaffAccount& a) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "UPDATE staff_accounts SET display_name = ?2, role = ?3, active = ?4, "
      "must_change_password = ?5, password_hash = CASE WHEN ?6 = '' THEN password_hash ELSE ?6 "
      "END WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, a.id).bind(2, a.display_name).bind(3, to_string(a.role)).bind(4, a.active ? 1 : 0);
  st->bind(5, a.must_change_password ? 1 : 0).bind(6, a.password_hash);
  if (auto r = st->run(); !r) return r;
  if (sqlite3_changes(conn_->raw()) == 0) return fail(ErrorCode::account_not_found, "id");
  return {};
}

Result<void> SqliteStaffStore::set_desks(std::int64_t staff_id, const std::vector<DeskRef>& desks) {
  std::lock_guard lock(mutex_);
  auto tx = Transaction::begin_immediate(*conn_);
  if (!tx) return std::unexpected(tx.error());
  auto del = conn_->prepare("DELETE FROM staff_desks WHERE staff_id = ?1");
  if (!del) return std::unexpected(del.error());
  del->bind(1, staff_id);
  if (auto r = del->run(); !r) return r;
  for (const auto& d : desks) {
    auto st = conn_->prepare(
        "INSERT OR IGNORE INTO staff_desks (staff_id, office, desk) VALUES (?1, ?2, ?3)");
    if (!st) return std::unexpected(st.error());
    st->bind(1, staff_id).bind(2, d.office).bind(3, d.desk);
    if (auto r = st->run(); !r) return r;
  }
  return tx->commit();
}

Result<bool> SqliteStaffStore::office_any_desk(std::string_view office) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare("SELECT any_desk FROM staff_office_settings WHERE office = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return *row && st->int32(0) != 0;
}

Result<void> SqliteStaffStore::set_office_any_desk(std::string_view office, bool any) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "INSERT INTO staff_office_settings (office, any_desk) VALUES (?1, ?2) "
      "ON CONFLICT (office) DO UPDATE SET any_desk = excluded.any_desk");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, any ? 1 : 0);
  return st->run();
}

Result<int> SqliteStaffStore::count_accounts() {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare("SELECT COUNT(*) FROM staff_accounts");
  if (!st) return std::unexpected(st.error());
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return st->int32(0);
}

Result<void> SqliteStaffStore::insert_session(const StoredSession& s) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, last_seen_at, "
      "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, s.token_hash).bind(2, s.account.id).bind(3, s.csrf_token);
  st->bind(4, epoch(s.created_at)).bind(5, epoch(s.last_seen_at)).bind(6, epoch(s.expires_at));
  if (auto r = st->run(); !r) return r;
  // Expired sessions are of no use to anyone: dropped here, where sessions are made.
  auto old = conn_->prepare("DELETE FROM staff_sessions WHERE expires_at <= ?1");
  if (!old) return std::unexpected(old.error());
  old->bind(1, epoch(s.created_at));
  return old->run();
}

Result<std::optional<StoredSession>> SqliteStaffStore::touch_session(
    std::string_view token_hash, Seconds now, std::chrono::seconds idle,
    std::chrono::seconds absolute) {
  std::lock_guard lock(mutex_);
  StoredSession s;
  {
    auto st = conn_->prepare(
        std::string("SELECT s.token_hash, s.csrf_token, s.created_at, s.last_seen_at, "
                    "s.expires_at, ") +
        kAccountColumns +
        " FROM staff_sessions s JOIN staff_accounts a ON a.id = s.staff_id "
        "WHERE s.token_hash = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, token_hash);
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<StoredSession>{};
    s.token_hash = st->text(0);
    s.csrf_token = st->text(1);
    s.created_at = from_epoch(st->int64(2));
    s.last_seen_at = from_epoch(st->int64(3));
    s.expires_at = from_epoch(st->int64(4));
    s.account = read_account(*st, 5);
  }
  if (s.expires_at <= now || !s.account.active) return std::optional<StoredSession>{};
  auto desks = desks_of(s.account.id);
  if (!desks) return std::unexpected(desks.error());
  s.account.desks = std::move(*desks);
  s.last_seen_at = now;
  s.expires_at = std::min(now + idle, s.created_at + absolute);
  auto up = conn_->prepare(
      "UPDATE staff_sessions SET last_seen_at = ?2, expires_at = ?3 WHERE token_hash = ?1");
  if (!up) return std::unexpected(up.error());
  up->bind(1, token_hash).bind(2, epoch(s.last_seen_at)).bind(3, epoch(s.expires_at));
  if (auto r = up->run(); !r) return std::unexpected(r.error());
  s.account.password_hash.clear();
  return std::optional<StoredSession>{std::move(s)};
}

Result<void> SqliteStaffStore::delete_session(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare("DELETE FROM staff_sessions WHERE token_hash = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, token_hash);
  return st->run();
}

Result<void> SqliteStaffStore::delete_sessions_of(std::int64_t staff_id) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare("DELETE FROM staff_sessions WHERE staff_id = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, staff_id);
  return st->run();
}

Result<LoginThrottle> SqliteStaffStore::throttle(std::string_view key) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "SELECT failures, last_failure, locked_until FROM login_throttle WHERE key = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, key);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  LoginThrottle t;
  if (!*row) return t;
  t.failures = st->int32(0);
  t.last_failure = from_epoch(st->int64(1));
  if (!st->is_null(2)) t.locked_until = from_epoch(st->int64(2));
  return t;
}

Result<void> SqliteStaffStore::save_throttle(std::string_view key, const LoginThrottle& t) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "INSERT INTO login_throttle (key, failures, last_failure, locked_until) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
      "last_failure = excluded.last_failure, locked_until = excluded.locked_until");
  if (!st) return std::unexpected(st.error());
  st->bind(1, key).bind(2, t.failures).bind(3, epoch(t.last_failure));
  if (t.locked_until) {
    st->bind(4, epoch(*t.locked_until));
  } else {
    st->bind_null(4);
  }
  return st->run();
}

Result<void> SqliteStaffStore::clear_throttle(std::string_view key) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare("DELETE FROM login_throttle WHERE key = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, key);
  return st->run();
}

Result<void> SqliteStaffStore::audit(const StaffAuditEntry& e) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "INSERT INTO staff_audit (at, staff_id, login, action, target, details) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, epoch(e.at));
  if (e.staff_id > 0) {
    st->bind(2, e.staff_id);
  } else {
    st->bind_null(2);
  }
  st->bind(3, e.login).bind(4, e.action).bind(5, e.target).bind(6, e.details);
  return st->run();
}

Result<std::vector<StaffAuditEntry>> SqliteStaffStore::read_audit(sqlite::Statement& st) {
  std::vector<StaffAuditEntry> out;
  for (;;) {
    auto row = st.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back({st.int64(0), from_epoch(st.int64(1)), st.int64(2), st.text(3), st.text(4),
                   st.text(5), st.text(6)});
  }
}

Result<std::vector<StaffAuditEntry>> SqliteStaffStore::recent_audit(int limit) {
  std::lock_guard lock(mutex_);
  auto st = conn_->prepare(
      "SELECT id, at, COALESCE(staff_id, 0), login, action, target, details FROM staff_audit "
      "ORDER BY id DESC LIMIT ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, limit);
  return read_audit(*st);
}

Result<std::vector<StaffAuditEntry>> SqliteStaffStore::audit_between(Seconds from, Seconds to,
                                                                     int limit) {
  std::lock_guard lock(mutex_);
  // staff_audit_by_time (migration 4) serves the range.
  auto st = conn_->prepare(
      "SELECT id, at, COALESCE(staff_id, 0), login, action, target, details FROM staff_audit "
      "WHERE at >= ?1 AND at < ?2 ORDER BY at, id LIMIT ?3");
  if (!st) return std::unexpected(st.error());
  st->bind(1, epoch(from)).bind(2, epoch(to)).bind(3, limit);
  return read_audit(*st);
}

Result<std::vector<std::string>> SqliteStaffStore::live_booking_codes_by_phone(
    std::string_view phone, Seconds now, int limit) {
  std::lock_guard lock(mutex_);
  // bookings_by_phone (migration 1) serves the lookup.
  auto st = conn_->prepare(
      "SELECT code FROM bookings WHERE client_phone = ?1 AND status = 'booked' AND end_utc > ?2 "
      "ORDER BY start_utc LIMIT ?3");
  if (!st) return std::unexpected(st.error());
  st->bind(1, phone).bind(2, epoch(now)).bind(3, limit);
  std::vector<std::string> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back(st->text(0));
  }
}

}  // namespace okno
