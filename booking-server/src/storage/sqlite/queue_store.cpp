// The queue's rows in SQLite (see queue_store.hpp, okno/queue_store.hpp). Plain reads and writes;
// no queue decisions.
#include "okno/server/storage/sqlite/queue_store.hpp"

#include "okno/slots.hpp"

namespace okno {
namespace {

using sqlite::Connection;
using sqlite::Statement;
using sqlite::Transaction;

constexpr const char* kColumns =
    "id, office, day, letter, number, service, origin_service, kind, booking_code, booked_start, "
    "late, language, needs, priority, state, issued_at, queued_at, desk, target_desk, recalls, "
    "transfers, first_called_at, called_at, started_at, finished_at";

using sqlite::epoch;
using sqlite::from_epoch;
std::optional<Seconds> opt_time(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return from_epoch(st.int64(col));
}
void bind_time(Statement& st, int i, std::optional<Seconds> t) {
  if (t) {
    st.bind(i, epoch(*t));
  } else {
    st.bind_null(i);
  }
}

std::string join_needs(const std::set<Need>& needs) {
  std::string out;
  for (auto n : needs) {
    if (!out.empty()) out += ',';
    out += to_string(n);
  }
  return out;
}

queue::Ticket read_ticket(const Statement& st) {
  queue::Ticket t;
  t.id = st.int64(0);
  t.office = st.text(1);
  t.day = parse_iso_date(st.text(2)).value_or(Date{});
  const std::string letter = st.text(3);
  t.letter = letter.empty() ? '?' : letter[0];
  t.number = st.int32(4);
  t.service = st.text(5);
  t.origin_service = st.text(6);
  t.kind = queue::parse_ticket_kind(st.text(7)).value_or(queue::TicketKind::walk_in);
  t.booking_code = st.text(8);
  t.booked_start = opt_time(st, 9);
  t.late = st.int32(10) != 0;
  t.language = parse_language(st.text(11)).value_or(Language::ru);
  const std::string needs_text = st.text(12);
  std::string_view rest = needs_text;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    if (auto n = parse_need(rest.substr(0, comma))) t.needs.insert(*n);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  t.priority = st.text(13);
  t.state = queue::parse_ticket_state(st.text(14)).value_or(queue::TicketState::cancelled);
  t.issued_at = from_epoch(st.int64(15));
  t.queued_at = from_epoch(st.int64(16));
  t.desk = st.text(17);
  t.target_desk = st.text(18);
  t.recalls = st.int32(19);
  t.transfers = st.int32(20);
  t.first_called_at = opt_time(st, 21);
  t.called_at = opt_time(st, 22);
  t.started_at = opt_time(st, 23);
  t.finished_at = opt_time(st, 24);
  return t;
}

Result<std::vector<queue::Ticket>> read_all(Statement& st) {
  std::vector<queue::Ticket> out;
  for (;;) {
    auto row = st.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back(read_ticket(st));
  }
}

Result<std::optional<queue::Ticket>> read_one(Statement& st) {
  auto row = st.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<queue::Ticket>{};
  return std::optional<queue::Ticket>{read_ticket(st)};
}

Result<std::vector<queue::Ticket>> select_day(Connection& conn, std::string_view office, Date day,
                                              bool active_only) {
  std::string sql =
      std::string("SELECT ") + kColumns + " FROM queue_tickets WHERE office = ?1 AND day = ?2" +
      (active_only ? " AND state IN ('waiting', 'on_hold', 'called', 'serving')" : "") +
      " ORDER BY id";
  auto st = conn.prepare(sql);
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, format_iso_date(day));
  return read_all(*st);
}

}  // namespace

// The write transaction's operations on the writer connection (see okno/queue_store.hpp). Runs
// on the committer thread, which holds the store's index_mutex_.
class SqliteQueueStore::Tx final : public QueueStore::Tx {
 public:
  Tx(SqliteQueueStore& store, sqlite::Connection& c) : store_(store), conn_(c) {}
  Result<std::optional<queue::Ticket>> by_id(std::int64_t id) override;
  Result<std::optional<queue::Ticket>> by_number(std::string_view office, Date day,
                                                 std::string_view display) override;
  Result<std::optional<queue::Ticket>> by_booking(std::string_view booking_code) override;
  Result<std::optional<queue::Ticket>> current_at(std::string_view office,
                                                  std::string_view desk) override;
  Result<std::int64_t> next_count(std::string_view office, Date day, char letter) override;
  Result<bool> take_cap(std::string_view office, Date day, std::string_view service,
                        int cap) override;
  Result<void> insert(queue::Ticket& t, std::int64_t round, std::string_view channel) override;
  Result<bool> update(const queue::Ticket& t, queue::TicketState expected) override;
  Result<bool> desk_paused(std::string_view office, std::string_view desk) override;
  Result<void> set_desk_paused(std::string_view office, std::string_view desk, bool paused,
                               Seconds at) override;
  Result<std::map<std::string, int>> waiting_counts(std::string_view office, Date day) override;
  Result<std::optional<queue::Ticket>> next_for(std::string_view office, Date day, const Desk& desk,
                                                Seconds now) override;
  Result<int> people_ahead(const queue::Ticket& t, Seconds now) override;
  Result<void> event(std::string_view office, std::string_view kind, const nlohmann::json& data,
                     Seconds at) override;
  Result<void> action(std::string_view office, std::string_view desk, std::int64_t ticket_id,
                      std::string_view actor, std::string_view action,
                      const nlohmann::json& details, Seconds at) override;
  Result<void> booking_event(std::string_view code, std::string_view kind, std::string_view channel,
                             Seconds at, const nlohmann::json& details) override;

  // The written ticket into the office's index, if that day's is loaded (otherwise it is built
  // from the database, this row included, when first needed); remembered for undo().
  void track(const queue::Ticket& t) {
    queue::WaitingIndex* index = store_.existing_index(t.office, t.day);
    if (!index) return;
    undo_.push_back({t.office, t.day, t.id, index->find(t.id)});
    index->put(t);
  }
  // The write was refused and its savepoint rolled back: the index forgets it too.
  void undo() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      queue::WaitingIndex* index = store_.existing_index(it->office, it->day);
      if (!index) continue;
      if (it->before) {
        index->put(*it->before);
      } else {
        index->erase(it->id);
      }
    }
    undo_.clear();
  }

  std::vector<QueueEvent> events_;  // this write's, published after its commit

 private:
  struct Undo {
    std::string office;
    Date day;
    std::int64_t id;
    std::optional<queue::WaitingIndex::Entry> before;
  };
  SqliteQueueStore& store_;
  sqlite::Connection& conn_;
  std::vector<Undo> undo_;
};

Result<std::unique_ptr<SqliteQueueStore>> SqliteQueueStore::open(
    const std::string& path, sqlite::GroupCommitter& committer) {
  auto reader = Connection::open(path);
  if (!reader) return std::unexpected(reader.error());
  std::unique_ptr<SqliteQueueStore> s(new SqliteQueueStore(committer));
  s->reader_ = std::make_unique<Connection>(std::move(*reader));
  return s;
}

queue::WaitingIndex* SqliteQueueStore::existing_index(std::string_view office, Date day) {
  auto it = indexes_.find(office);
  return it != indexes_.end() && it->second.day == day ? &it->second.index : nullptr;
}

Result<queue::WaitingIndex*> SqliteQueueStore::index_for(
    Connection& conn, std::string_view office, Date day,
    std::optional<queue::WaitingIndex>& scratch) {
  if (auto* index = existing_index(office, day)) return index;
  // The one pass over the day: at the first use after a start, a new day or a failed commit.
  auto active = select_day(conn, office, day, true);
  if (!active) return std::unexpected(active.error());
  queue::WaitingIndex built(policy_);
  for (const auto& t : *active) built.put(t);
  auto it = indexes_.find(office);
  if (it != indexes_.end() && std::chrono::sys_days{day} < std::chrono::sys_days{it->second.day}) {
    scratch.emplace(std::move(built));  // an older day: today's index stays
    return &*scratch;
  }
  if (it == indexes_.end()) {
    it = indexes_.emplace(std::string(office), DayIndex{day, std::move(built)}).first;
  } else {
    it->second = DayIndex{day, std::move(built)};
  }
  return &it->second.index;
}

Result<void> SqliteQueueStore::run_write(const std::function<Result<void>(QueueStore::Tx&)>& body) {
  bool ran = false;
  return committer_.submit({[&](Connection& conn) -> Result<void> {
                              ran = true;
                              if (batch_writes_++ == 0)
                                batch_lock_ = std::unique_lock(index_mutex_);
                              Tx tx(*this, conn);
                              if (auto r = body(tx); !r) {
                                tx.undo();  // the committer rolls the savepoint back
                                return r;
                              }
                              batch_events_.insert(batch_events_.end(),
                                                   std::make_move_iterator(tx.events_.begin()),
                                                   std::make_move_iterator(tx.events_.end()));
                              return {};
                            },
                            [&](bool committed) {
                              if (!ran || --batch_writes_ > 0) return;
                              // The batch's last queue write: its events go out, in id order, after
                              // the commit.
                              if (!committed)
                                indexes_.clear();  // rebuilt from the database at the next use
                              if (committed && publish_ && !batch_events_.empty())
                                publish_(batch_events_);
                              batch_events_.clear();
                              batch_lock_.unlock();
                            }});
}

Result<std::optional<queue::Ticket>> SqliteQueueStore::Tx::by_id(std::int64_t id) {
  auto st = conn_.prepare(std::string("SELECT ") + kColumns + " FROM queue_tickets WHERE id = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, id);
  return read_one(*st);
}

Result<std::optional<queue::Ticket>> SqliteQueueStore::Tx::by_number(std::string_view office,
                                                                     Date day,
                                                                     std::string_view display) {
  if (display.size() < 2) return std::optional<queue::Ticket>{};
  int number = 0;
  for (char c : display.substr(1)) {
    if (c < '0' || c > '9' || number > 1000000) return std::optional<queue::Ticket>{};
    number = number * 10 + (c - '0');
  }
  // The latest ticket with this number is in the last round that reached it: probed through
  // the unique (office, day, letter, round, number) index, newest round first, instead of
  // scanning every ticket of the letter that day. Normally one or two probes.
  const std::string day_text = format_iso_date(day);
  const std::string_view letter = display.substr(0, 1);
  std::int64_t issued = 0;
  {
    auto count = conn_.prepare(
        "SELECT issued FROM queue_numbers WHERE office = ?1 AND day = ?2 AND letter = ?3");
    if (!count) return std::unexpected(count.error());
    count->bind(1, office).bind(2, day_text).bind(3, letter);
    auto row = count->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<queue::Ticket>{};
    issued = count->int64(0);
  }
  for (std::int64_t round = queue::number_round(issued, store_.policy_); round >= 0; --round) {
    auto st = conn_.prepare(std::string("SELECT ") + kColumns +
                            " FROM queue_tickets WHERE office = ?1 AND day = ?2 AND letter = ?3 "
                            "AND round = ?4 AND number = ?5");
    if (!st) return std::unexpected(st.error());
    st->bind(1, office).bind(2, day_text).bind(3, letter).bind(4, round).bind(5, number);
    auto found = read_one(*st);
    if (!found || *found) return found;
  }
  return std::optional<queue::Ticket>{};
}

Result<std::optional<queue::Ticket>> SqliteQueueStore::Tx::by_booking(std::string_view code) {
  auto st = conn_.prepare(std::string("SELECT ") + kColumns +
                          " FROM queue_tickets WHERE booking_code = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, code);
  return read_one(*st);
}

Result<std::optional<queue::Ticket>> SqliteQueueStore::Tx::current_at(std::string_view office,
                                                                      std::string_view desk) {
  auto st = conn_.prepare(std::string("SELECT ") + kColumns +
                          " FROM queue_tickets WHERE office = ?1 AND desk = ?2 "
                          "AND state IN ('called', 'serving')");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, desk);
  return read_one(*st);
}

Result<std::int64_t> SqliteQueueStore::Tx::next_count(std::string_view office, Date day,
                                                      char letter) {
  // One statement counts and returns: no read-then-write gap for a second issuer to slip into.
  auto st = conn_.prepare(
      "INSERT INTO queue_numbers (office, day, letter, issued) VALUES (?1, ?2, ?3, 1) "
      "ON CONFLICT (office, day, letter) DO UPDATE SET issued = issued + 1 RETURNING issued");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, format_iso_date(day)).bind(3, std::string_view(&letter, 1));
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::internal, "queue_numbers returned no row");
  const std::int64_t n = st->int64(0);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  return n;
}

Result<bool> SqliteQueueStore::Tx::take_cap(std::string_view office, Date day,
                                            std::string_view service, int cap) {
  if (cap <= 0) return false;
  auto st = conn_.prepare(
      "INSERT INTO queue_caps (office, day, service, walk_ins) VALUES (?1, ?2, ?3, 1) "
      "ON CONFLICT (office, day, service) DO UPDATE SET walk_ins = walk_ins + 1 "
      "WHERE walk_ins < ?4");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, format_iso_date(day)).bind(3, service).bind(4, cap);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  return conn_.changes() == 1;
}

Result<void> SqliteQueueStore::Tx::insert(queue::Ticket& t, std::int64_t round,
                                          std::string_view channel) {
  auto st = conn_.prepare(
      "INSERT INTO queue_tickets (office, day, letter, number, round, service, origin_service, "
      "kind, booking_code, booked_start, late, language, needs, priority, channel, state, "
      "issued_at, queued_at, desk, target_desk, recalls, transfers) VALUES (?1, ?2, ?3, ?4, ?5, "
      "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, NULL, NULL, 0, 0)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, t.office).bind(2, format_iso_date(t.day)).bind(3, std::string_view(&t.letter, 1));
  st->bind(4, t.number).bind(5, round).bind(6, t.service).bind(7, t.origin_service);
  st->bind(8, queue::to_string(t.kind)).bind_optional(9, t.booking_code);
  bind_time(*st, 10, t.booked_start);
  st->bind(11, t.late ? 1 : 0).bind(12, to_string(t.language)).bind(13, join_needs(t.needs));
  st->bind(14, t.priority).bind(15, channel).bind(16, queue::to_string(t.state));
  st->bind(17, epoch(t.issued_at)).bind(18, epoch(t.queued_at));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  t.id = sqlite3_last_insert_rowid(conn_.raw());
  track(t);
  return {};
}

Result<bool> SqliteQueueStore::Tx::update(const queue::Ticket& t, queue::TicketState expected) {
  auto st = conn_.prepare(
      "UPDATE queue_tickets SET service = ?2, state = ?3, desk = ?4, target_desk = ?5, "
      "recalls = ?6, transfers = ?7, first_called_at = ?8, called_at = ?9, started_at = ?10, "
      "finished_at = ?11 WHERE id = ?1 AND state = ?12");
  if (!st) return std::unexpected(st.error());
  st->bind(1, t.id).bind(2, t.service).bind(3, queue::to_string(t.state));
  st->bind_optional(4, t.desk).bind_optional(5, t.target_desk).bind(6, t.recalls);
  st->bind(7, t.transfers);
  bind_time(*st, 8, t.first_called_at);
  bind_time(*st, 9, t.called_at);
  bind_time(*st, 10, t.started_at);
  bind_time(*st, 11, t.finished_at);
  st->bind(12, queue::to_string(expected));
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  if (conn_.changes() != 1) return false;
  track(t);
  return true;
}

Result<bool> SqliteQueueStore::Tx::desk_paused(std::string_view office, std::string_view desk) {
  auto st = conn_.prepare("SELECT paused FROM queue_desks WHERE office = ?1 AND desk = ?2");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, desk);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return *row && st->int32(0) != 0;
}

Result<void> SqliteQueueStore::Tx::set_desk_paused(std::string_view office, std::string_view desk,
                                                   bool paused, Seconds at) {
  auto st = conn_.prepare(
      "INSERT INTO queue_desks (office, desk, paused, changed_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (office, desk) DO UPDATE SET paused = excluded.paused, "
      "changed_at = excluded.changed_at");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, desk).bind(3, paused ? 1 : 0).bind(4, epoch(at));
  return st->run();
}

Result<std::map<std::string, int>> SqliteQueueStore::Tx::waiting_counts(std::string_view office,
                                                                        Date day) {
  std::optional<queue::WaitingIndex> scratch;
  auto index = store_.index_for(conn_, office, day, scratch);
  if (!index) return std::unexpected(index.error());
  return (*index)->waiting_counts();
}

Result<std::optional<queue::Ticket>> SqliteQueueStore::Tx::next_for(std::string_view office,
                                                                    Date day, const Desk& desk,
                                                                    Seconds now) {
  std::optional<queue::WaitingIndex> scratch;
  auto index = store_.index_for(conn_, office, day, scratch);
  if (!index) return std::unexpected(index.error());
  auto id = (*index)->pick(desk, now);
  if (!id) return std::optional<queue::Ticket>{};
  return by_id(*id);
}

Result<int> SqliteQueueStore::Tx::people_ahead(const queue::Ticket& t, Seconds now) {
  std::optional<queue::WaitingIndex> scratch;
  auto index = store_.index_for(conn_, t.office, t.day, scratch);
  if (!index) return std::unexpected(index.error());
  return (*index)->ahead(t.id, now);
}

Result<void> SqliteQueueStore::Tx::event(std::string_view office, std::string_view kind,
                                         const nlohmann::json& data, Seconds at) {
  const std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto st =
      conn_.prepare("INSERT INTO queue_events (office, kind, at, data) VALUES (?1, ?2, ?3, ?4)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, kind).bind(3, epoch(at)).bind(4, text);
  if (auto r = st->run(); !r) return std::unexpected(r.error());
  events_.push_back(
      {sqlite3_last_insert_rowid(conn_.raw()), std::string(office), std::string(kind), at, text});
  return {};
}

Result<void> SqliteQueueStore::Tx::action(std::string_view office, std::string_view desk,
                                          std::int64_t ticket_id, std::string_view actor,
                                          std::string_view what, const nlohmann::json& details,
                                          Seconds at) {
  auto st = conn_.prepare(
      "INSERT INTO queue_actions (at, office, desk, ticket_id, actor, action, details) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, epoch(at)).bind(2, office).bind_optional(3, desk);
  if (ticket_id > 0) {
    st->bind(4, ticket_id);
  } else {
    st->bind_null(4);
  }
  st->bind(5, actor).bind(6, what);
  st->bind(7, details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return st->run();
}

Result<void> SqliteQueueStore::Tx::booking_event(std::string_view code, std::string_view kind,
                                                 std::string_view channel, Seconds at,
                                                 const nlohmann::json& details) {
  auto st = conn_.prepare(
      "INSERT INTO events (booking_code, kind, channel, at, details) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!st) return std::unexpected(st.error());
  st->bind(1, code).bind(2, kind).bind(3, channel).bind(4, epoch(at));
  st->bind(5, details.dump());
  return st->run();
}

Result<std::vector<queue::Ticket>> SqliteQueueStore::tickets(std::string_view office, Date day,
                                                             bool active_only) {
  std::lock_guard lock(read_mutex_);
  return select_day(*reader_, office, day, active_only);
}

Result<std::vector<QueueEvent>> SqliteQueueStore::events_after(std::string_view office,
                                                               std::int64_t after, int limit) {
  std::lock_guard lock(read_mutex_);
  auto st = reader_->prepare(
      "SELECT id, kind, at, data FROM queue_events WHERE office = ?1 AND id > ?2 ORDER BY id "
      "LIMIT ?3");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, after).bind(3, limit);
  std::vector<QueueEvent> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out.push_back(
        {st->int64(0), std::string(office), st->text(1), from_epoch(st->int64(2)), st->text(3)});
  }
}

Result<std::map<std::string, bool>> SqliteQueueStore::paused_desks(std::string_view office) {
  std::lock_guard lock(read_mutex_);
  auto st = reader_->prepare("SELECT desk, paused FROM queue_desks WHERE office = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office);
  std::map<std::string, bool> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out[st->text(0)] = st->int32(1) != 0;
  }
}

Result<std::map<std::string, int>> SqliteQueueStore::waiting_counts(std::string_view office,
                                                                    Date day) {
  // Waits for a batch being committed, so the counts are as of a commit.
  std::lock_guard index_lock(index_mutex_);
  std::lock_guard lock(read_mutex_);
  std::optional<queue::WaitingIndex> scratch;
  auto index = index_for(*reader_, office, day, scratch);
  if (!index) return std::unexpected(index.error());
  return (*index)->waiting_counts();
}

Result<int> SqliteQueueStore::capped_walk_ins(std::string_view office, Date day,
                                              std::string_view service) {
  std::lock_guard lock(read_mutex_);
  auto st = reader_->prepare(
      "SELECT walk_ins FROM queue_caps WHERE office = ?1 AND day = ?2 AND service = ?3");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, format_iso_date(day)).bind(3, service);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return *row ? st->int32(0) : 0;
}

Result<std::int64_t> SqliteQueueStore::latest_event_id(std::string_view office) {
  std::lock_guard lock(read_mutex_);
  auto st = reader_->prepare("SELECT COALESCE(MAX(id), 0) FROM queue_events WHERE office = ?1");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office);
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  return *row ? st->int64(0) : 0;
}

Result<EventBounds> SqliteQueueStore::event_bounds() {
  std::lock_guard lock(read_mutex_);
  // sqlite_sequence keeps the highest AUTOINCREMENT id even when every row is pruned.
  auto st = reader_->prepare(
      "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'queue_events'), 0), "
      "COALESCE((SELECT MAX(id) FROM queue_events), 0)), (SELECT MIN(id) FROM queue_events)");
  if (!st) return std::unexpected(st.error());
  auto row = st->step();
  if (!row) return std::unexpected(row.error());
  EventBounds b;
  if (!*row) return b;
  b.latest = st->int64(0);
  // Ids start at 1 and are never reused, so below the oldest row kept, rows were pruned.
  b.pruned_up_to = st->is_null(1) ? b.latest : st->int64(1) - 1;
  return b;
}

Result<std::int64_t> SqliteQueueStore::prune_events(Seconds before) {
  std::int64_t pruned = 0;
  auto prune = [&](Connection& conn) -> Result<void> {
    auto st = conn.prepare(
        "DELETE FROM queue_events WHERE id <= (SELECT MAX(id) FROM queue_events WHERE at < ?1)");
    if (!st) return std::unexpected(st.error());
    st->bind(1, epoch(before));
    if (auto r = st->run(); !r) return r;
    pruned = conn.changes();
    return {};
  };
  if (auto r = committer_.submit({prune, {}}); !r) return std::unexpected(r.error());
  return pruned;
}

Result<std::int64_t> SqliteQueueStore::add_feedback(const NewFeedback& f) {
  std::int64_t id = 0;
  auto insert = [&](Connection& conn) -> Result<void> {
    auto st = conn.prepare(
        "INSERT INTO feedback (office, channel, ticket, got_answer, satisfaction, comment, "
        "language, federal, at, ticket_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT DO NOTHING");
    if (!st) return std::unexpected(st.error());
    st->bind(1, f.office).bind(2, f.channel).bind(3, f.ticket);
    if (f.got_answer) {
      st->bind(4, *f.got_answer ? 1 : 0);
    } else {
      st->bind_null(4);
    }
    st->bind(5, f.satisfaction).bind(6, f.comment).bind(7, to_string(f.language));
    st->bind(8, f.federal_json).bind(9, epoch(f.at));
    if (f.ticket_id > 0) {
      st->bind(10, f.ticket_id);
    } else {
      st->bind_null(10);
    }
    if (auto r = st->run(); !r) return r;
    // Once per ticket (the unique index on ticket_id): a second answer inserts nothing.
    if (conn.changes() == 0) return fail(ErrorCode::feedback_given);
    id = sqlite3_last_insert_rowid(conn.raw());
    return {};
  };
  if (auto r = committer_.submit({insert, {}}); !r) return std::unexpected(r.error());
  return id;
}

}  // namespace okno
