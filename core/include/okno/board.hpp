// The waiting-room board (issue 11; R-VISIT-7, R-VISIT-10, R-VISIT-11, R-VISIT-12): who goes to
// which desk, shown and spoken. Everything here is pure (no I/O, no clock of its own: callers
// pass `now`), shared by the native board (okno-kiosk --board) and the server's web board and
// announcement audio. See docs/board.md.
//
// - Words: numbers spelled by ICU, the ticket's letter as a speaker of each language says it
//   (locale keys board.letter.<a..z>), the announcement's lines (Russian first, then the
//   ticket's language) and the shown text ("A015 → Окно 3").
// - The live stream: an SSE frame parser and the events of GET /api/v1/offices/{office}/events.
// - The board's state and the functions that change it: dedup by event id, a zone of desks,
//   newest call and the last several, the flash, the link state and reconnect backoff, per
//   service waiting and estimated wait, notices rotating through the six languages.
// - The announcement queue: FIFO, one at a time, none dropped; quiet hours and "screen only".
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "okno/error.hpp"
#include "okno/i18n.hpp"
#include "okno/language.hpp"
#include "okno/office.hpp"
#include "okno/speech.hpp"

namespace okno::board {

// Wall-clock instants at millisecond resolution (the flash and the backoff need better than
// seconds); UTC, as everything stored.
using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;
using Millis = std::chrono::milliseconds;

// --- Words -----------------------------------------------------------------------------------

// `n` spelled out in `lang` by ICU's RuleBasedNumberFormat (URBNF_SPELLOUT): ru 15 →
// "пятнадцать", hy 15 → "տասնհինգ" (without the soft hyphens ICU puts between Armenian parts),
// be 1 → "адзін" (with the Cyrillic і that ICU 72's data writes as a Latin i). Negative numbers
// are a programmer error.
std::string spell_number(Language lang, int n);

// A ticket's shown number split for speech: "A015" → {"A", 15}, "A1000" → {"A", 1000}. Nothing
// when the text is not letters followed by digits.
struct TicketNumber {
  std::string letter;  // "A" (Latin, as in assets/offices/*.toml)
  int number = 0;
};
std::optional<TicketNumber> parse_ticket_number(std::string_view shown);

// The spoken name of a ticket letter in `lang` (catalog key board.letter.<a..z>: ru "А", "Бэ";
// en "ay", "bee"); a letter the catalogs do not name is said as it is written.
std::string spoken_letter(const Catalog& catalog, Language lang, std::string_view letter);

// A desk's name as it is said: its digits spelled ("Окно 3" → "Окно три"); a number written
// as an ordinal prefix ("1-терезе", Kazakh and Kyrgyz) read as the ordinal ("бірінші терезе").
std::string spoken_desk_name(Language lang, std::string_view name);

// The desk's name in `lang` from the office (its id when the office has no such desk).
std::string desk_name(const Office& office, Language lang, std::string_view desk_id);

// A call as the board gets it from ticket.called / ticket.recalled.
struct CallEvent {
  std::int64_t id = 0;  // the event id
  std::string ticket;   // "A015"
  std::string desk;     // desk id, "3"
  std::string service;
  Language language = Language::ru;  // the visitor's
  int recalls = 0;                   // > 0: a recall, the how-many-th
  bool repeat = false;               // call-next pressed again for the same visitor
};

// One line of an announcement is speech.hpp's SpokenText (its language and its words): what
// the board makes is what render_announcement takes, with no copy between them.
using SpokenLine = SpokenText;

// What is said for a call: Russian first ("Талон А пятнадцать, Окно три."), then the same in
// the ticket's language when it is not Russian. A recall says so with its count.
std::vector<SpokenLine> announcement_lines(const Catalog& catalog, const Office& office,
                                           const CallEvent& call);

// What is shown for a call in the board's language: "A015 → Окно 3".
std::string shown_call(const Catalog& catalog, const Office& office, Language lang,
                       std::string_view ticket, std::string_view desk_id);

// --- The live stream -----------------------------------------------------------------------

// One Server-Sent Events frame (WHATWG "event stream" format).
struct SseFrame {
  std::string id;     // empty when the frame had no id field
  std::string event;  // "message" when the frame named none
  std::string data;   // data lines joined by "\n"
};

// Feeds bytes as they arrive (any split) and returns the frames completed by them. Comments
// (": keep-alive") and frames without data are skipped, as browsers do.
class SseParser {
 public:
  std::vector<SseFrame> feed(std::string_view bytes);
  void reset() { *this = SseParser{}; }

 private:
  std::string line_;
  SseFrame frame_;
  bool has_data_ = false;
  bool skip_lf_ = false;
};

// An event of GET /api/v1/offices/{office}/events (docs/queue.md "Live events").
struct Event {
  std::int64_t id = 0;
  std::string kind;  // ticket.called, ticket.recalled, ticket.left, queue.changed, ...
  nlohmann::json data;
};
// A frame whose id is not a number or whose data is not a JSON object is refused.
Result<Event> parse_event(const SseFrame& frame);

// GET /api/v1/offices/{office}/queue, the parts the board shows.
struct QueueSnapshot {
  struct ServiceWait {
    std::string service;
    int waiting = 0;
    int estimated_wait_min = 0;
  };
  struct DeskNow {
    std::string desk;
    bool paused = false;
    std::string current;  // the ticket called to it now, empty if none
  };
  std::vector<ServiceWait> services;
  std::vector<DeskNow> desks;
};
Result<QueueSnapshot> parse_queue_snapshot(const nlohmann::json& doc);

// --- The board's state ----------------------------------------------------------------------

// A board's own settings (command line of okno-kiosk --board, or the web board's query).
struct BoardConfig {
  Language language = Language::ru;  // the shown texts' language
  std::vector<std::string> desks;    // the zone: desk ids; empty = every desk of the office
  std::size_t recent = 6;            // calls kept below the newest
  Millis flash{10'000};              // the newest call flashes this long (R-VISIT-10)
  bool screen_only = false;          // never speak
  std::vector<TimeRange> quiet;      // office-local times when nothing is spoken
};

// Desks of the zone, or every desk when the zone is empty. Services the zone's desks serve.
bool in_zone(const BoardConfig& config, std::string_view desk_id);
bool service_in_zone(const BoardConfig& config, const Office& office, std::string_view service);

enum class Link {
  connecting,    // never connected yet: nothing to show as live
  live,          // the stream is open
  reconnecting,  // the stream broke at `link_since`; what is shown may be stale
};
std::string_view to_string(Link link);

struct BoardCall {
  std::int64_t event_id = 0;  // 0: learned from a snapshot (GET …/queue), never announced
  std::string ticket;         // "A015"
  std::string desk;           // desk id
  std::string service;
  Language language = Language::ru;
  int recalls = 0;
  TimePoint at{};     // when the board learned of it
  bool left = false;  // the ticket has left the desk since (served, no-show, on hold …)
};

struct ServiceLine {
  std::string service;
  int waiting = 0;
  int estimated_wait_min = 0;
};

struct BoardState {
  Link link = Link::connecting;
  TimePoint link_since{};          // when `link` last changed
  int failures = 0;                // connection attempts failed in a row (the backoff's step)
  std::int64_t last_event_id = 0;  // the newest event applied: Last-Event-ID on reconnect
  // The last calls, newest first, each ticket once, at most 1 + recent. A call stays after
  // its ticket left the desk (a visitor who missed it still finds it); a newer call to the same
  // desk stands above it.
  std::vector<BoardCall> calls;
  TimePoint flash_until{};            // the newest call flashes until then
  std::vector<ServiceLine> services;  // in the office's order, the zone's services only
  std::set<std::string, std::less<>> paused_desks;
  bool reload_wanted = false;  // GET …/queue should be read (after reset, for estimates)
};

// What applying an event asks of the caller.
struct Applied {
  bool changed = false;             // something shown changed
  std::optional<CallEvent> called;  // a call of the zone, new to this board: announce it
  bool reload = false;              // read GET …/queue (reset; waiting counts changed)
};

// Applies one event. An event whose id is not above `last_event_id` was applied already (a
// replay after a reconnect) and changes nothing, so nothing is shown or announced twice;
// `reset` (whose id is the server's latest, possibly lower: another database) is always
// taken: it clears the calls and asks for a reload. Events of desks outside the zone only
// advance the id.
Applied apply_event(BoardState& state, const BoardConfig& config, const Office& office,
                    const Event& event, TimePoint now);

// Takes GET …/queue: waiting and estimated wait per service (the zone's), paused desks, and
// the tickets called to the zone's desks now that the board does not show yet (not
// announced: they were called before the board knew).
void apply_snapshot(BoardState& state, const BoardConfig& config, const Office& office,
                    const QueueSnapshot& snapshot, TimePoint now);

// The link: open (live, the backoff starts over) or broken (reconnecting since the first
// failure after being live; each failure is one more backoff step).
void link_up(BoardState& state, TimePoint now);
void link_down(BoardState& state, TimePoint now);

// How long to wait before reconnect attempt number `failures` (1, 2, …): 250 ms doubling to at
// most 5 s; a server restart is usually over in a second or two.
Millis reconnect_delay(int failures);

// Whether the newest call is flashing at `now`, and whether the flash is in its bright phase
// (400 ms on, 400 ms off) — for deaf visitors (R-VISIT-10).
bool flashing(const BoardState& state, TimePoint now);
bool flash_bright(const BoardState& state, TimePoint now);

// The state as one JSON object (for --state-log and tests): link, since, last_event_id, calls
// (ticket, desk, recalls, event_id), services, paused desks.
nlohmann::json state_json(const BoardState& state);

// --- Notices --------------------------------------------------------------------------------

// A line the administrator sets (assets/board/notices.toml), in six languages.
struct Notice {
  std::string office;  // the office it is for; empty = every office
  LocalizedText text;
};
// [[notice]] tables with office (optional) and ru (required), en, hy, be, kk, ky.
Result<std::vector<Notice>> parse_notices_toml(std::string_view toml_text,
                                               std::string_view source_name);

// The language the notices are shown in at `now`: ru, en, hy, be, kk, ky in turn, `period`
// each.
Language notice_language(TimePoint now, Millis period = Millis{8'000});

// --- Announcements --------------------------------------------------------------------------

struct Announcement {
  std::int64_t event_id = 0;
  std::string ticket;
  std::string desk;
  int recalls = 0;
  std::vector<SpokenLine> lines;  // in the order spoken
};
Announcement make_announcement(const Catalog& catalog, const Office& office, const CallEvent& call);

// Whether the board speaks at `now`: not "screen only" and not in its quiet hours (office's
// local time).
bool speaks_at(const BoardConfig& config, const Office& office, TimePoint now);

// A quiet range "22:00-07:00" (office-local; may run over midnight, begin ≠ end), as
// okno-kiosk --board --quiet and the web board's ?quiet= take it; nothing for anything else.
std::optional<TimeRange> parse_quiet_range(std::string_view text);

// FIFO, one announcement at a time: a new call waits for the one playing to end, a burst comes
// out whole and in order. Nothing is dropped.
class AnnouncementQueue {
 public:
  void push(Announcement a) { waiting_.push_back(std::move(a)); }
  // The next one to play when nothing plays (it becomes the playing one), else nothing.
  std::optional<Announcement> start_next();
  // The playing one has ended (its audio has been played whole).
  void finished() { playing_.reset(); }
  bool playing() const { return playing_.has_value(); }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  std::deque<Announcement> waiting_;
  std::optional<Announcement> playing_;
};

}  // namespace okno::board
