// The SQLite booking store: schema migrations, atomic create / cancel / reschedule with the
// slot's place count kept in the same transaction, and the interaction history (R-HIST-1).
#include "okno/server/storage/sqlite/sqlite_store.hpp"

#include <nlohmann/json.hpp>

#include "okno/booking_code.hpp"
#include "okno/server/storage/sqlite/queue_schema.hpp"
#include "okno/server/storage/sqlite/sqlite_outbox.hpp"

namespace okno {
namespace {

using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

// Versioned migrations: append only. Each runs in its own transaction with its version row.
struct Migration {
  int version;
  const char* sql;
};
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE bookings (
  code TEXT PRIMARY KEY,
  office TEXT NOT NULL,
  service TEXT NOT NULL,
  start_utc INTEGER NOT NULL,
  end_utc INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
  channel TEXT NOT NULL,
  client_name TEXT NOT NULL,
  client_phone TEXT,
  client_email TEXT,
  notify_mandatory TEXT,
  notify_extra TEXT NOT NULL,
  reminders TEXT NOT NULL,
  language TEXT NOT NULL,
  needs TEXT NOT NULL,
  consent_version TEXT NOT NULL,
  consent_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX bookings_by_slot ON bookings (office, service, start_utc) WHERE status = 'booked';
CREATE INDEX bookings_by_phone ON bookings (client_phone);
-- One row per slot that ever had a booking: the database itself refuses an overbooking.
CREATE TABLE slot_load (
  office TEXT NOT NULL,
  service TEXT NOT NULL,
  start_utc INTEGER NOT NULL,
  booked INTEGER NOT NULL CHECK (booked >= 0),
  capacity INTEGER NOT NULL CHECK (capacity >= 1),
  PRIMARY KEY (office, service, start_utc),
  CHECK (booked <= capacity)
) WITHOUT ROWID;
-- The interaction history (R-HIST-1): kept 5 years, never updated.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  booking_code TEXT NOT NULL REFERENCES bookings (code),
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  at INTEGER NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX events_by_booking ON events (booking_code, id);
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  booking_code TEXT NOT NULL REFERENCES bookings (code),
  response_body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql"},
    // Notifications outbox (issue 3): one row per message and channel, written in the booking's
    // transaction; the partial index keeps the due-message lookup independent of history size.
    {2, R"sql(
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  booking_code TEXT NOT NULL REFERENCES bookings (code),
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  ics TEXT,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_by_booking ON outbox (booking_code);
CREATE INDEX outbox_failed ON outbox (created_at) WHERE status = 'failed';
CREATE TABLE outbox_attempts (
  message_id TEXT NOT NULL REFERENCES outbox (id),
  number INTEGER NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (message_id, number)
) WITHOUT ROWID;
)sql"},
    // The electronic queue (issue 4): tickets, counters, desks, live events, actions, feedback.
    {3, kQueueMigrationSql},
    // Staff accounts, sessions, failed-login throttles and the staff audit log (issue 4,
    // staff_store.cpp). Sessions keep a hash of the cookie's token, accounts an Argon2id hash.
    {4, R"sql(
CREATE TABLE staff_accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('receptionist', 'operator', 'administrator')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff_accounts (id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure INTEGER NOT NULL,
  locked_until INTEGER
) WITHOUT ROWID;
-- Every staff action (R-HIST-1): who, what, when. Never updated; no passwords, no personal data.
CREATE TABLE staff_audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  staff_id INTEGER REFERENCES staff_accounts (id),
  login TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX staff_audit_by_time ON staff_audit (at);
)sql"},
    // A booking's outbox rows are a range of the primary key (message ids start with a hash of
    // the booking code, core/notifications.hpp), so the index by booking code only cost a
    // random page write per booking (docs/performance.md).
    {5, R"sql(
DROP INDEX outbox_by_booking;
)sql"},
    // Account administration (issue 16 item 4): a reset password must be changed at the next
    // sign-in; the desks a receptionist may work; per office, whether any desk will do.
    {6, R"sql(
ALTER TABLE staff_accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
CREATE TABLE staff_desks (
  staff_id INTEGER NOT NULL REFERENCES staff_accounts (id),
  office TEXT NOT NULL,
  desk TEXT NOT NULL,
  PRIMARY KEY (staff_id, office, desk)
) WITHOUT ROWID;
CREATE TABLE staff_office_settings (
  office TEXT PRIMARY KEY,
  any_desk INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql"},
    // Abuse (issue 16 item 13): registered kiosk devices (the SHA-256 of each key, never the key)
    // and feedback once per served ticket (feedback.ticket_id, unique when set).
    {7, R"sql(
CREATE TABLE kiosk_devices (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
ALTER TABLE feedback ADD COLUMN ticket_id INTEGER REFERENCES queue_tickets (id);
CREATE UNIQUE INDEX feedback_once_per_ticket ON feedback (ticket_id) WHERE ticket_id IS NOT NULL;
)sql"},
};

using sqlite::epoch;
using sqlite::from_epoch;

template <class T>
std::string join(const T& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += to_string(item);
  }
  return out;
}

template <class T, class Parse>
void split_into(std::string_view text, Parse parse, T& out) {
  while (!text.empty()) {
    auto comma = text.find(',');
    auto token = text.substr(0, comma);
    if (auto v = parse(token)) {
      if constexpr (requires { out.insert(*v); }) {
        out.insert(*v);
      } else {
        out.push_back(*v);
      }
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
}

constexpr const char* kSelectBooking =
    "SELECT code, office, service, start_utc, end_utc, status, channel, client_name, "
    "client_phone, client_email, notify_mandatory, notify_extra, reminders, language, needs, "
    "consent_version, consent_at, created_at, updated_at, version FROM bookings WHERE code = ?1";

Booking read_booking(const Statement& st) {
  Booking b;
  b.code = st.text(0);
  auto& r = b.request;
  r.office_id = st.text(1);
  r.service_id = st.text(2);
  r.start = from_epoch(st.int64(3));
  b.end = from_epoch(st.int64(4));
  b.status = parse_booking_status(st.text(5)).value_or(BookingStatus::booked);
  r.channel = parse_booking_channel(st.text(6)).value_or(BookingChannel::web);
  r.client.name = st.text(7);
  r.client.phone = st.text(8);
  r.client.email = st.text(9);
  if (!st.is_null(10)) r.notify.mandatory = parse_notify_channel(st.text(10));
  split_into(st.text(11), parse_notify_channel, r.notify.extra);
  split_into(st.text(12), parse_reminder, r.reminders);
  r.language = parse_language(st.text(13)).value_or(Language::ru);
  split_into(st.text(14), parse_need, r.needs);
  r.consent.given = true;
  r.consent.text_version = st.text(15);
  r.consent.at = from_epoch(st.int64(16));
  b.created_at = from_epoch(st.int64(17));
  b.updated_at = from_epoch(st.int64(18));
  b.version = st.int32(19);
  return b;
}

Result<std::optional<Booking>> load_booking(Connection& conn, std::string_view code) {
  auto st = conn.prepare(kSelectBooking);
  if (!st) return std::unexpected(st.error());
  st->bind(1, code);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<Booking>{};
  return std::optional<Booking>{read_booking(*st)};
}

// Takes one place of a slot; false when it is full. The ON CONFLICT ... WHERE makes the
// check and the increment one statement, and CHECK(booked <= capacity) backs it up.
Result<bool> take_place(Connection& conn, std::string_view office, std::string_view service,
                        Seconds start, int capacity) {
  auto st = conn.prepare(
      "INSERT INTO slot_load (office, service, start_utc, booked, capacity) "
      "VALUES (?1, ?2, ?3, 1, ?4) "
      "ON CONFLICT (office, service, start_utc) DO UPDATE SET booked = booked + 1, "
      "capacity = excluded.capacity WHERE booked < excluded.capacity");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, service).bind(3, epoch(start)).bind(4, capacity);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  return conn.changes() == 1;
}

Result<void> free_place(Connection& conn, std::string_view office, std::string_view service,
                        Seconds start) {
  auto st = conn.prepare(
      "UPDATE slot_load SET booked = booked - 1 "
      "WHERE office = ?1 AND service = ?2 AND start_utc = ?3 AND booked > 0");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, service).bind(3, epoch(start));
  return st->run();
}

Result<void> add_event(Connection& conn, const InteractionEvent& e) {
  auto st = conn.prepare(
      "INSERT INTO events (booking_code, kind, channel, at, details) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, e.booking_code).bind(2, e.kind).bind(3, to_string(e.channel)).bind(4, epoch(e.at));
  st->bind(5, e.details);
  return st->run();
}

Result<void> insert_booking(Connection& conn, const Booking& b) {
  auto st = conn.prepare(
      "INSERT INTO bookings (code, office, service, start_utc, end_utc, status, channel, "
      "client_name, client_phone, client_email, notify_mandatory, notify_extra, reminders, "
      "language, needs, consent_version, consent_at, created_at, updated_at, version) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19, ?20)");
  if (!st) return std::unexpected(st.error());
  const auto& r = b.request;
  st->bind(1, b.code).bind(2, r.office_id).bind(3, r.service_id).bind(4, epoch(r.start));
  st->bind(5, epoch(b.end)).bind(6, to_string(b.status)).bind(7, to_string(r.channel));
  st->bind(8, r.client.name).bind_optional(9, r.client.phone).bind_optional(10, r.client.email);
  if (r.notify.mandatory) {
    st->bind(11, to_string(*r.notify.mandatory));
  } else {
    st->bind_null(11);
  }
  st->bind(12, join(r.notify.extra)).bind(13, join(r.reminders)).bind(14, to_string(r.language));
  st->bind(15, join(r.needs)).bind(16, r.consent.text_version).bind(17, epoch(r.consent.at));
  st->bind(18, epoch(b.created_at)).bind(19, epoch(b.updated_at)).bind(20, b.version);
  return st->run();
}

Result<std::optional<CreateOutcome>> find_idempotent(Connection& conn,
                                                     const IdempotencyKey& idempotency) {
  auto st = conn.prepare(
      "SELECT request_hash, booking_code, response_body FROM idempotency_keys WHERE key = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, idempotency.key);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<CreateOutcome>{};
  if (st->text(0) != idempotency.request_hash) {
    return fail(ErrorCode::idempotency_conflict, "key reused with another request");
  }
  std::string code = st->text(1);
  std::string body = st->text(2);
  auto found = load_booking(conn, code);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::internal, "idempotency key without its booking");
  return std::optional<CreateOutcome>{CreateOutcome{std::move(**found), std::move(body), true}};
}

bool is_primary_key_clash(const Error& e) {
  return e.detail.find("UNIQUE constraint failed: bookings.code") != std::string::npos;
}

Result<int> current_version(Connection& conn) {
  if (auto r =
          conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                    "applied_at INTEGER NOT NULL)");
      !r) {
    return std::unexpected(r.error());
  }
  auto st = conn.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!st) return std::unexpected(st.error());
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return st->int32(0);
}

Result<int> migrate(Connection& conn) {
  auto version = current_version(conn);
  if (!version) return version;
  for (const auto& m : kMigrations) {
    if (m.version <= *version) continue;
    auto tx = Transaction::begin_immediate(conn);
    if (!tx) return std::unexpected(tx.error());
    if (auto r = conn.exec(m.sql); !r) return std::unexpected(r.error());
    auto st = conn.prepare(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, strftime('%s','now'))");
    if (!st) return std::unexpected(st.error());
    st->bind(1, m.version);
    if (auto r = st->run(); !r) return std::unexpected(r.error());
    if (auto r = tx->commit(); !r) return std::unexpected(r.error());
    *version = m.version;
  }
  return version;
}

// A changed booking (cancelled, moved) loses its pending reminders and gets the composer's
// messages for the change, in the caller's transaction (issue 3).
Result<void> renew_messages(Connection& conn, const Booking& b, Seconds at,
                            const std::vector<OutboxMessage>& messages) {
  if (auto r = outbox_sql::cancel_pending_reminders(conn, b.code, at); !r) return r;
  return outbox_sql::insert(conn, messages);
}

// A change made to `b` (its row already updated) recorded in the same transaction, which it
// commits: the history event, the new version, the composer's messages in place of the pending
// reminders.
Result<Booking> commit_change(
    Connection& conn, Transaction& tx, Booking b, const char* kind, BookingChannel channel,
    Seconds at, const nlohmann::json& details, const OutboxComposer* composer,
    std::vector<OutboxMessage> (OutboxComposer::*messages)(const Booking&, Seconds) const) {
  if (auto r = add_event(conn, {b.code, kind, channel, at, details.dump()}); !r) {
    return std::unexpected(r.error());
  }
  b.updated_at = at;
  ++b.version;
  if (composer) {
    if (auto r = renew_messages(conn, b, at, (composer->*messages)(b, at)); !r) {
      return std::unexpected(r.error());
    }
  }
  if (auto r = tx.commit(); !r) return std::unexpected(r.error());
  return b;
}

// The booking to change inside a write transaction: found and not cancelled.
Result<Booking> load_live_booking(Connection& conn, std::string_view code) {
  auto found = load_booking(conn, code);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::booking_not_found);
  if ((*found)->status == BookingStatus::cancelled) return fail(ErrorCode::booking_cancelled);
  return std::move(**found);
}

}  // namespace

Result<std::unique_ptr<SqliteBookingStore>> SqliteBookingStore::open(const std::string& path,
                                                                     int read_connections) {
  auto writer = Connection::open(path);
  if (!writer) return std::unexpected(writer.error());
  auto version = migrate(*writer);
  if (!version) return std::unexpected(version.error());
  std::unique_ptr<SqliteBookingStore> store(new SqliteBookingStore());
  store->writer_ = std::make_unique<Connection>(std::move(*writer));
  store->schema_version_ = *version;
  for (int i = 0; i < std::max(1, read_connections); ++i) {
    auto reader = Connection::open(path);
    if (!reader) return std::unexpected(reader.error());
    auto pooled = std::make_unique<Pooled>();
    pooled->conn = std::move(*reader);
    store->readers_.push_back(std::move(pooled));
  }
  store->committer_ =
      std::make_unique<sqlite::GroupCommitter>(*store->writer_, store->write_mutex_);
  // Checkpoints: SQLite's own, by the writer right after a commit once the log holds 256 frames
  // (1 MB). Small and frequent, each copies little and its two fsyncs are short, so they spread
  // evenly over the bookings instead of stalling a few. Measured against larger thresholds and
  // a background checkpoint thread in docs/performance.md: the background thread never caught up
  // with a busy writer, so the log never restarted and grew by 160 MB/s under load, and every
  // commit paid for extending the file. The size limit trims a log that grew while a reader
  // held an old snapshot.
  for (const char* pragma :
       {"PRAGMA wal_autocheckpoint=256", "PRAGMA journal_size_limit=67108864"}) {
    if (auto r = store->writer_->exec(pragma); !r) return std::unexpected(r.error());
  }
  return store;
}

SqliteBookingStore::Pooled& SqliteBookingStore::reader() {
  // Round robin; a busy reader makes the caller wait for it, which is fine at this size.
  return *readers_[next_reader_.fetch_add(1, std::memory_order_relaxed) % readers_.size()];
}

Result<CreateOutcome> SqliteBookingStore::create(const Booking& booking, int capacity,
                                                 const std::optional<IdempotencyKey>& idempotency,
                                                 const RenderBooking& render) {
  PendingCreate pending{booking, capacity, idempotency, render, {}};
  // The messages are composed before queueing: composition is pure and would otherwise
  // lengthen every booking's time in the committer.
  if (composer_) pending.messages = composer_->on_created(booking, booking.created_at);
  std::optional<CreateOutcome> outcome;
  auto written = committer_->submit({[&](Connection& conn) -> Result<void> {
                                       auto r = create_one(conn, pending);
                                       if (!r) return std::unexpected(r.error());
                                       outcome = std::move(*r);
                                       return {};
                                     },
                                     {}});
  if (!written) return std::unexpected(written.error());
  Result<CreateOutcome> result = std::move(*outcome);
  // Without an idempotency key nothing stores the body: render it here, outside every lock.
  if (!idempotency) result->response_body = render(result->booking);
  return result;
}

Result<CreateOutcome> SqliteBookingStore::create_one(Connection& conn, const PendingCreate& p) {
  const Booking& booking = p.booking;
  if (p.idempotency) {
    auto known = find_idempotent(conn, *p.idempotency);
    if (!known) return std::unexpected(known.error());
    if (*known) return std::move(**known);
  }

  auto took = take_place(conn, booking.request.office_id, booking.request.service_id,
                         booking.request.start, p.capacity);
  if (!took) return std::unexpected(took.error());
  if (!*took) return fail(ErrorCode::slot_taken, "no free place left");

  Booking stored = booking;
  // A clash of two random 40-bit codes is very rare; draw again rather than fail.
  for (int attempt = 0;; ++attempt) {
    auto r = insert_booking(conn, stored);
    if (r) break;
    if (!is_primary_key_clash(r.error()) || attempt >= 3) return std::unexpected(r.error());
    stored.code = generate_booking_code();
  }
  nlohmann::json details = {{"start", epoch(stored.request.start)},
                            {"service", stored.request.service_id}};
  if (auto r = add_event(
          conn, {stored.code, "booked", stored.request.channel, stored.created_at, details.dump()});
      !r) {
    return std::unexpected(r.error());
  }
  if (composer_) {
    // A redrawn code changes the messages' ids and texts: compose again for the stored one.
    const auto& messages =
        stored.code == booking.code ? p.messages : composer_->on_created(stored, stored.created_at);
    if (auto r = outbox_sql::insert(conn, messages); !r) return std::unexpected(r.error());
  }
  std::string body;
  if (p.idempotency) {
    // The stored answer commits with the booking, so a retry gets exactly this body.
    body = p.render(stored);
    auto st = conn.prepare(
        "INSERT INTO idempotency_keys (key, request_hash, booking_code, response_body, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return std::unexpected(st.error());
    st->bind(1, p.idempotency->key).bind(2, p.idempotency->request_hash).bind(3, stored.code);
    st->bind(4, body).bind(5, epoch(stored.created_at));
    if (auto r = st->run(); !r) return std::unexpected(r.error());
  }
  return CreateOutcome{std::move(stored), std::move(body), false};
}

Result<std::optional<CreateOutcome>> SqliteBookingStore::replay(const IdempotencyKey& idempotency) {
  auto& pooled = reader();
  std::lock_guard lock(pooled.mutex);
  return find_idempotent(pooled.conn, idempotency);
}

Result<Booking> SqliteBookingStore::find(std::string_view code) {
  auto& pooled = reader();
  std::lock_guard lock(pooled.mutex);
  auto found = load_booking(pooled.conn, code);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::booking_not_found);
  return std::move(**found);
}

Result<Booking> SqliteBookingStore::cancel(std::string_view code, BookingChannel channel,
                                           Seconds at) {
  std::lock_guard lock(write_mutex_);
  Connection& conn = *writer_;
  auto tx = Transaction::begin_immediate(conn);
  if (!tx) return std::unexpected(tx.error());
  auto found = load_booking(conn, code);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::booking_not_found);
  Booking b = std::move(**found);
  if (b.status == BookingStatus::cancelled) return b;  // cancelling twice changes nothing

  auto st = conn.prepare(
      "UPDATE bookings SET status = 'cancelled', updated_at = ?2, version = version + 1 "
      "WHERE code = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, code).bind(2, epoch(at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  if (auto r = free_place(conn, b.request.office_id, b.request.service_id, b.request.start); !r) {
    return std::unexpected(r.error());
  }
  const nlohmann::json details = {{"start", epoch(b.request.start)}};
  b.status = BookingStatus::cancelled;
  // Nothing more for a cancelled booking: its reminders go, the notice comes (issue 3).
  return commit_change(conn, *tx, std::move(b), "cancelled", channel, at, details, composer_,
                       &OutboxComposer::on_cancelled);
}

Result<Booking> SqliteBookingStore::change_notifications(std::string_view code,
                                                         const NotifyChoice& notify,
                                                         const std::set<Reminder>& reminders,
                                                         BookingChannel channel, Seconds at) {
  std::lock_guard lock(write_mutex_);
  Connection& conn = *writer_;
  auto tx = Transaction::begin_immediate(conn);
  if (!tx) return std::unexpected(tx.error());
  auto live = load_live_booking(conn, code);
  if (!live) return live;
  Booking b = std::move(*live);
  auto st = conn.prepare(
      "UPDATE bookings SET notify_mandatory = ?2, notify_extra = ?3, reminders = ?4, "
      "updated_at = ?5, version = version + 1 WHERE code = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, code);
  if (notify.mandatory) {
    st->bind(2, to_string(*notify.mandatory));
  } else {
    st->bind_null(2);
  }
  st->bind(3, join(notify.extra)).bind(4, join(reminders)).bind(5, epoch(at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  nlohmann::json channels = nlohmann::json::array();
  for (NotifyChannel c : notify.all()) channels.push_back(to_string(c));
  nlohmann::json chosen = nlohmann::json::array();
  for (Reminder r : reminders) chosen.push_back(to_string(r));
  const nlohmann::json details = {{"channels", channels}, {"reminders", chosen}};
  b.request.notify = notify;
  b.request.reminders = reminders;
  // The reminders now chosen, on the channels now chosen, replace the pending ones.
  return commit_change(conn, *tx, std::move(b), "notifications_changed", channel, at, details,
                       composer_, &OutboxComposer::on_notifications_changed);
}

Result<Booking> SqliteBookingStore::reschedule(std::string_view code, Seconds new_start,
                                               Seconds new_end, int capacity,
                                               BookingChannel channel, Seconds at) {
  std::lock_guard lock(write_mutex_);
  Connection& conn = *writer_;
  auto tx = Transaction::begin_immediate(conn);
  if (!tx) return std::unexpected(tx.error());
  auto live = load_live_booking(conn, code);
  if (!live) return live;
  Booking b = std::move(*live);
  if (b.request.start == new_start) return b;  // already there

  auto took = take_place(conn, b.request.office_id, b.request.service_id, new_start, capacity);
  if (!took) return std::unexpected(took.error());
  if (!*took) return fail(ErrorCode::slot_taken, "no free place left");
  if (auto r = free_place(conn, b.request.office_id, b.request.service_id, b.request.start); !r) {
    return std::unexpected(r.error());
  }
  auto st = conn.prepare(
      "UPDATE bookings SET start_utc = ?2, end_utc = ?3, updated_at = ?4, version = version + 1 "
      "WHERE code = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, code).bind(2, epoch(new_start)).bind(3, epoch(new_end)).bind(4, epoch(at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  const nlohmann::json details = {{"from", epoch(b.request.start)}, {"to", epoch(new_start)}};
  b.request.start = new_start;
  b.end = new_end;
  // The new time replaces the pending reminders (issue 3).
  return commit_change(conn, *tx, std::move(b), "rescheduled", channel, at, details, composer_,
                       &OutboxComposer::on_rescheduled);
}

Result<Occupancy> SqliteBookingStore::occupancy(std::string_view office_id,
                                                std::string_view service_id, Seconds from,
                                                Seconds to) {
  auto& pooled = reader();
  std::lock_guard lock(pooled.mutex);
  auto st = pooled.conn.prepare(
      "SELECT start_utc, booked FROM slot_load WHERE office = ?1 AND service = ?2 "
      "AND start_utc >= ?3 AND start_utc < ?4 AND booked > 0");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office_id).bind(2, service_id).bind(3, epoch(from)).bind(4, epoch(to));
  Occupancy occ;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    occ.emplace(from_epoch(st->int64(0)), st->int32(1));
  }
  return occ;
}

Result<std::vector<InteractionEvent>> SqliteBookingStore::history(std::string_view code) {
  auto& pooled = reader();
  std::lock_guard lock(pooled.mutex);
  auto st = pooled.conn.prepare(
      "SELECT kind, channel, at, details FROM events WHERE booking_code = ?1 ORDER BY id");
  if (!st) return std::unexpected(st.error());
  st->bind(1, code);
  std::vector<InteractionEvent> events;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    events.push_back({std::string(code), st->text(0),
                      parse_booking_channel(st->text(1)).value_or(BookingChannel::web),
                      from_epoch(st->int64(2)), st->text(3)});
  }
  return events;
}

Result<std::string> SqliteBookingStore::integrity_check() {
  std::lock_guard lock(write_mutex_);
  auto st = writer_->prepare("PRAGMA integrity_check");
  if (!st) return std::unexpected(st.error());
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  std::string result = st->text(0);
  while (true) {
    auto more = st->step();
    if (!more || !*more) break;
  }
  return result;
}

}  // namespace okno
