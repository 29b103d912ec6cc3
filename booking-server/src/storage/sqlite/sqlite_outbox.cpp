// Outbox rows on SQLite: written with the booking change (same transaction), read by the
// dispatcher through a partial index on pending rows, so finding due messages costs the same
// whether the file holds ten thousand bookings or a million.
#include "okno/server/storage/sqlite/sqlite_outbox.hpp"

namespace okno {
namespace {

using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

using sqlite::epoch;
using sqlite::from_epoch;

constexpr const char* kColumns =
    "id, booking_code, kind, channel, recipient, language, subject, body, ics, created_at, "
    "due_at, expires_at, status, attempts, next_attempt_at, sent_at, last_error";

OutboxRecord read_record(const Statement& st) {
  OutboxRecord r;
  OutboxMessage& m = r.message;
  m.id = st.text(0);
  m.booking_code = st.text(1);
  m.kind = parse_message_kind(st.text(2)).value_or(MessageKind::confirmation);
  m.channel = parse_notify_channel(st.text(3)).value_or(NotifyChannel::email);
  m.recipient = st.text(4);
  m.language = parse_language(st.text(5)).value_or(Language::ru);
  m.subject = st.text(6);
  m.body = st.text(7);
  m.ics = st.text(8);
  m.created_at = from_epoch(st.int64(9));
  m.due_at = from_epoch(st.int64(10));
  m.expires_at = from_epoch(st.int64(11));
  r.status = parse_outbox_status(st.text(12)).value_or(OutboxStatus::pending);
  r.attempts = st.int32(13);
  r.next_attempt_at = from_epoch(st.int64(14));
  if (!st.is_null(15)) r.sent_at = from_epoch(st.int64(15));
  r.last_error = st.text(16);
  return r;
}

Result<void> add_attempts(Connection& conn, OutboxRecord& r) {
  auto st = conn.prepare(
      "SELECT number, at, ok, error FROM outbox_attempts WHERE message_id = ?1 ORDER BY number");
  if (!st) return std::unexpected(st.error());
  st->bind(1, r.message.id);
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
    r.history.push_back({st->int32(0), from_epoch(st->int64(1)), st->int32(2) != 0, st->text(3)});
  }
}

}  // namespace

namespace outbox_sql {

Result<void> insert(Connection& conn, const std::vector<OutboxMessage>& messages) {
  for (const auto& m : messages) {
    auto st = conn.prepare(
        "INSERT INTO outbox (id, booking_code, kind, channel, recipient, language, subject, body, "
        "ics, created_at, due_at, expires_at, status, attempts, next_attempt_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'pending', 0, ?11) "
        "ON CONFLICT (id) DO NOTHING");
    if (!st) return std::unexpected(st.error());
    st->bind(1, m.id).bind(2, m.booking_code).bind(3, to_string(m.kind));
    st->bind(4, to_string(m.channel)).bind(5, m.recipient).bind(6, to_string(m.language));
    st->bind(7, m.subject).bind(8, m.body).bind_optional(9, m.ics);
    st->bind(10, epoch(m.created_at)).bind(11, epoch(m.due_at)).bind(12, epoch(m.expires_at));
    if (auto r = st->run(); !r) return r;
  }
  return {};
}

std::pair<std::string, std::string> id_range(std::string_view booking_code) {
  std::string low = message_id_prefix(booking_code);
  // Ids are lower-case hex: every id with this prefix sorts below prefix + "g".
  return {low, low + "g"};
}

Result<void> cancel_pending_reminders(Connection& conn, std::string_view booking_code, Seconds at) {
  // The booking's messages are a range of the primary key (message_id_prefix); the code is
  // compared too, in case two codes' 64-bit prefixes ever collide.
  auto st = conn.prepare(
      "UPDATE outbox SET status = 'cancelled', last_error = 'booking changed', sent_at = NULL, "
      "next_attempt_at = ?2 WHERE id >= ?3 AND id < ?4 AND booking_code = ?1 "
      "AND status = 'pending' AND kind IN ('reminder_24h', 'reminder_2h')");
  if (!st) return std::unexpected(st.error());
  const auto [low, high] = id_range(booking_code);
  st->bind(1, booking_code).bind(2, epoch(at)).bind(3, low).bind(4, high);
  return st->run();
}

}  // namespace outbox_sql

Result<std::unique_ptr<SqliteOutbox>> SqliteOutbox::open(const std::string& path) {
  std::unique_ptr<SqliteOutbox> outbox(new SqliteOutbox());
  auto writer = Connection::open(path);
  if (!writer) return std::unexpected(writer.error());
  outbox->writer_ = std::make_unique<Connection>(std::move(*writer));
  auto reader = Connection::open(path);
  if (!reader) return std::unexpected(reader.error());
  outbox->reader_ = std::make_unique<Connection>(std::move(*reader));
  return outbox;
}

Result<std::vector<OutboxRecord>> SqliteOutbox::due(Seconds now, int limit) {
  std::lock_guard lock(read_mutex_);
  // "status = 'pending'" literally, so SQLite can use the partial index outbox_due.
  auto st = reader_->prepare(std::string("SELECT ") + kColumns +
                             " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1 "
                             "ORDER BY next_attempt_at LIMIT ?2");
  if (!st) return std::unexpected(st.error());
  st->bind(1, epoch(now)).bind(2, limit);
  std::vector<OutboxRecord> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_record(*st));
  }
  return out;
}

Result<bool> SqliteOutbox::still_pending(std::string_view id) {
  std::lock_guard lock(read_mutex_);
  auto st = reader_->prepare("SELECT status FROM outbox WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, id);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return *row && st->text(0) == "pending";
}

Result<void> SqliteOutbox::record_attempt(std::string_view id, const AttemptRecord& attempt,
                                          OutboxStatus status,
                                          std::optional<Seconds> next_attempt) {
  std::lock_guard lock(write_mutex_);
  auto tx = Transaction::begin_immediate(*writer_);
  if (!tx) return std::unexpected(tx.error());
  {
    auto st = writer_->prepare(
        "INSERT INTO outbox_attempts (message_id, number, at, ok, error) "
        "VALUES (?1, (SELECT attempts + 1 FROM outbox WHERE id = ?1), ?2, ?3, ?4)");
    if (!st) return std::unexpected(st.error());
    st->bind(1, id).bind(2, epoch(attempt.at)).bind(3, attempt.ok ? 1 : 0);
    st->bind_optional(4, attempt.error);
    if (auto r = st->run(); !r) return r;
  }
  {
    auto st = writer_->prepare(
        "UPDATE outbox SET status = ?2, attempts = attempts + 1, last_error = ?3, "
        "sent_at = ?4, next_attempt_at = ?5 WHERE id = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, id).bind(2, to_string(status)).bind_optional(3, attempt.error);
    if (status == OutboxStatus::sent) {
      st->bind(4, epoch(attempt.at));
    } else {
      st->bind_null(4);
    }
    st->bind(5, epoch(next_attempt.value_or(attempt.at)));
    if (auto r = st->run(); !r) return r;
  }
  return tx->commit();
}

Result<void> SqliteOutbox::expire(std::string_view id, Seconds at, std::string_view reason) {
  std::lock_guard lock(write_mutex_);
  auto st = writer_->prepare(
      "UPDATE outbox SET status = 'failed', next_attempt_at = ?2, "
      "last_error = ?3 || COALESCE('; last error: ' || last_error, '') "
      "WHERE id = ?1 AND status = 'pending'");
  if (!st) return std::unexpected(st.error());
  st->bind(1, id).bind(2, epoch(at)).bind(3, reason);
  return st->run();
}

Result<void> SqliteOutbox::enqueue(const std::vector<OutboxMessage>& messages) {
  std::lock_guard lock(write_mutex_);
  auto tx = Transaction::begin_immediate(*writer_);
  if (!tx) return std::unexpected(tx.error());
  if (auto r = outbox_sql::insert(*writer_, messages); !r) return r;
  return tx->commit();
}

Result<std::vector<OutboxRecord>> SqliteOutbox::list(std::optional<OutboxStatus> status,
                                                     std::string_view booking_code, int limit) {
  std::lock_guard lock(read_mutex_);
  // Only the filters asked for go into the SQL, so SQLite can use the primary key's range of the
  // booking's messages or the partial index of failed messages instead of reading the outbox.
  std::string sql = std::string("SELECT ") + kColumns + " FROM outbox WHERE 1";
  if (status == OutboxStatus::failed) {
    sql += " AND status = 'failed'";
  } else if (status) {
    sql += " AND status = ?1";
  }
  if (!booking_code.empty()) sql += " AND id >= ?4 AND id < ?5 AND booking_code = ?2";
  sql += " ORDER BY created_at DESC, rowid DESC LIMIT ?3";
  auto st = reader_->prepare(sql);
  if (!st) return std::unexpected(st.error());
  if (status && *status != OutboxStatus::failed) st->bind(1, to_string(*status));
  if (!booking_code.empty()) {
    const auto [low, high] = outbox_sql::id_range(booking_code);
    st->bind(2, booking_code).bind(4, low).bind(5, high);
  }
  st->bind(3, limit);
  std::vector<OutboxRecord> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_record(*st));
  }
  for (auto& r : out) {
    if (auto a = add_attempts(*reader_, r); !a) return std::unexpected(a.error());
  }
  return out;
}

}  // namespace okno
