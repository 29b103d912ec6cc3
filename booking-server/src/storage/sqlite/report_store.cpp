// The period reports' reads on SQLite (see report_store.hpp).
#include "okno/server/storage/sqlite/report_store.hpp"

#include <nlohmann/json.hpp>

#include "okno/slots.hpp"

namespace okno {

using sqlite::Connection;
using sqlite::epoch;
using sqlite::from_epoch;

Result<std::unique_ptr<SqliteReportStore>> SqliteReportStore::open(const std::string& path) {
  auto conn = Connection::open(path);
  if (!conn) return std::unexpected(conn.error());
  std::unique_ptr<SqliteReportStore> store(new SqliteReportStore());
  store->conn_ = std::make_unique<Connection>(std::move(*conn));
  return store;
}

Result<std::map<std::int64_t, std::string>> SqliteReportStore::ticket_employees(
    std::string_view office, Date from, Date to) {
  std::lock_guard lock(mutex_);
  // queue_tickets_by_day finds the tickets, queue_actions_by_ticket their actions; the last
  // desk action of a ticket names who worked it.
  auto st = conn_->prepare(
      "SELECT a.ticket_id, a.actor FROM queue_tickets t JOIN queue_actions a ON a.ticket_id = t.id "
      "WHERE t.office = ?1 AND t.day BETWEEN ?2 AND ?3 AND a.action IN ('call_next', 'call', "
      "'recall', 'start', 'finish', 'no_show', 'hold', 'transfer') ORDER BY a.id");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, format_iso_date(from)).bind(3, format_iso_date(to));
  std::map<std::int64_t, std::string> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    out[st->int64(0)] = st->text(1);
  }
}

Result<std::vector<reports::FeedbackEntry>> SqliteReportStore::feedback(std::string_view office,
                                                                        Seconds from, Seconds to) {
  std::lock_guard lock(mutex_);
  // feedback_by_office (migration 3) serves the range.
  auto st = conn_->prepare(
      "SELECT at, channel, ticket, got_answer, satisfaction, federal, comment, language "
      "FROM feedback WHERE office = ?1 AND at >= ?2 AND at < ?3 ORDER BY at, id");
  if (!st) return std::unexpected(st.error());
  st->bind(1, office).bind(2, epoch(from)).bind(3, epoch(to));
  std::vector<reports::FeedbackEntry> out;
  for (;;) {
    auto row = st->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return out;
    reports::FeedbackEntry e;
    e.at = from_epoch(st->int64(0));
    e.channel = st->text(1);
    e.ticket = st->text(2);
    if (!st->is_null(3)) e.got_answer = st->int32(3) != 0;
    e.satisfaction = st->text(4);
    const auto federal = nlohmann::json::parse(st->text(5), nullptr, false);
    if (federal.is_object()) {
      for (const auto& [k, v] : federal.items()) {
        if (v.is_number_integer()) e.federal[k] = v.get<int>();
      }
    }
    e.comment = st->text(6);
    e.language = parse_language(st->text(7)).value_or(Language::ru);
    out.push_back(std::move(e));
  }
}

}  // namespace okno
