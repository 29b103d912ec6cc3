// Migration 3 (issue 4, the electronic queue): tickets, per-day number counters, desk pauses,
// the public live-event log, the staff action log (R-HIST-1) and visit feedback (R-FB-1).
// sqlite_store.cpp's migration list includes it, so there is one database and one version line.
#pragma once

namespace okno {

inline constexpr const char* kQueueMigrationSql = R"sql(
-- One row per ticket. The id is the monotonic sequence that breaks ties first-come first-served.
-- (office, day, letter, round, number) is unique: the database itself refuses a duplicate number,
-- and `round` counts how often the number range wrapped that day.
CREATE TABLE queue_tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  office TEXT NOT NULL,
  day TEXT NOT NULL,
  letter TEXT NOT NULL,
  number INTEGER NOT NULL,
  round INTEGER NOT NULL,
  service TEXT NOT NULL,
  origin_service TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('walk_in', 'booked')),
  booking_code TEXT,
  booked_start INTEGER,
  late INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL,
  needs TEXT NOT NULL,
  priority TEXT NOT NULL,
  channel TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'serving', 'finished', 'no_show',
                                       'on_hold', 'cancelled')),
  issued_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  desk TEXT,
  target_desk TEXT,
  recalls INTEGER NOT NULL DEFAULT 0,
  transfers INTEGER NOT NULL DEFAULT 0,
  first_called_at INTEGER,
  called_at INTEGER,
  started_at INTEGER,
  finished_at INTEGER,
  UNIQUE (office, day, letter, round, number)
);
-- A booking checks in once; checking in again reprints the same ticket.
CREATE UNIQUE INDEX queue_ticket_per_booking ON queue_tickets (booking_code)
  WHERE booking_code IS NOT NULL;
-- A desk has at most one current visitor, whatever the code above does.
CREATE UNIQUE INDEX queue_current_per_desk ON queue_tickets (office, desk)
  WHERE state IN ('called', 'serving');
CREATE INDEX queue_tickets_by_day ON queue_tickets (office, day, state);
-- Tickets issued per office, local day and letter: the number comes from here, never from
-- counting rows.
CREATE TABLE queue_numbers (
  office TEXT NOT NULL,
  day TEXT NOT NULL,
  letter TEXT NOT NULL,
  issued INTEGER NOT NULL,
  PRIMARY KEY (office, day, letter)
) WITHOUT ROWID;
-- Walk-in tickets per office, local day and service, for the daily cap.
CREATE TABLE queue_caps (
  office TEXT NOT NULL,
  day TEXT NOT NULL,
  service TEXT NOT NULL,
  walk_ins INTEGER NOT NULL,
  PRIMARY KEY (office, day, service)
) WITHOUT ROWID;
CREATE TABLE queue_desks (
  office TEXT NOT NULL,
  desk TEXT NOT NULL,
  paused INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (office, desk)
) WITHOUT ROWID;
-- Live events (Server-Sent Events ids): ticket numbers, desks, queue lengths; no personal data.
CREATE TABLE queue_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  office TEXT NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX queue_events_by_office ON queue_events (office, id);
-- Every queue action (R-HIST-1): who (a staff id, "kiosk" or "visitor"), what, when. Never updated.
CREATE TABLE queue_actions (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  office TEXT NOT NULL,
  desk TEXT,
  ticket_id INTEGER REFERENCES queue_tickets (id),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX queue_actions_by_time ON queue_actions (at);
CREATE INDEX queue_actions_by_ticket ON queue_actions (ticket_id);
-- Visit feedback (R-FB-1: the two questions; the federal five criteria optional).
CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  office TEXT NOT NULL,
  channel TEXT NOT NULL,
  ticket TEXT NOT NULL,
  got_answer INTEGER,
  satisfaction TEXT NOT NULL,
  comment TEXT NOT NULL,
  language TEXT NOT NULL,
  federal TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX feedback_by_office ON feedback (office, at);
)sql";

}  // namespace okno
