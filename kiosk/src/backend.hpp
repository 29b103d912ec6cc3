// What the kiosk asks of okno-server, as an interface: the HTTP implementation talks to the real
// server, a fake in-memory one drives the UI-logic tests. Calls block; the kiosk runs them on its
// worker thread (worker.hpp), never on the UI thread.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "okno/language.hpp"

namespace okno::kiosk {

// Why a call failed: the server could not be reached (the kiosk shows "ask at reception" and
// retries), or it answered with an error whose message is already in the visitor's language.
struct BackendError {
  enum class Kind { unreachable, refused };
  Kind kind = Kind::unreachable;
  std::string code;     // API error code ("booking_not_found"), empty when unreachable
  std::string message;  // plain words from the server (R-CHAN-3), may be empty
  int http_status = 0;
};

template <class T>
using BackendResult = std::expected<T, BackendError>;

// People waiting and the estimated wait per service (issue 4's queue; see docs/kiosk.md).
struct ServiceQueue {
  std::string service;
  int people_waiting = 0;
  int estimated_wait_min = 0;
  bool daily_cap_reached = false;
};

// Priority groups a walk-in visitor may declare (issue 4); the ticket asks for nothing else.
enum class Priority { none, disability, elderly, pregnant, small_children };
std::string_view to_string(Priority p);

struct TicketRequest {
  std::string service;
  Language language = Language::ru;
  Priority priority = Priority::none;
  std::vector<std::string> needs;  // "sign_language", "tactile_interpreter", "wheelchair", ...
};

struct Ticket {
  std::string number;     // "A015"
  std::string service;    // service id
  std::string issued_at;  // ISO 8601 with the office's offset, kept through reprints
  int people_ahead = 0;
  int estimated_wait_min = 0;
  std::string desk;  // set after check-in or call; empty for a fresh walk-in ticket
};

// Result of checking in with a booking code. Until issue 4's check-in endpoint exists the HTTP
// backend falls back to looking the booking up, and `ticket` stays empty.
struct CheckinResult {
  std::optional<Ticket> ticket;
  std::string code;
  std::string service;
  std::string start;  // booked time, ISO 8601 with offset
  std::string desk;   // desk to go to, when the server assigns one
  bool queue_available = false;
  // As the visitor booked (the ticket's "language" and "needs"): the kiosk follows them for the
  // rest of the visit (issue 16 item 12). Empty when the server did not say.
  std::optional<Language> language;
  bool large_print = false;
};

struct FreeSlot {
  std::string start;  // ISO 8601 with the office's offset
  std::string end;
  int free = 0;
};

struct BookingDraft {
  std::string service;
  std::string start;
  std::string phone;                   // for the SMS reminder; may be empty
  std::vector<std::string> reminders;  // "24h", "2h"
  Language language = Language::ru;
  std::vector<std::string> needs;
  std::string consent_version;  // the consent text the visitor agreed to, on its own screen
  bool consent_given = false;
};

struct BookingConfirmation {
  std::string code;
  std::string start;
  std::string service;
};

// R-FB-1 answers plus the federal criteria (1..5, 0 = not asked or skipped).
struct FeedbackAnswers {
  std::string ticket;  // as entered or scanned; may be empty
  std::optional<bool> got_answer;
  std::string satisfaction;  // "satisfied", "partly", "not_satisfied"
  std::string comment;
  int federal[5] = {0, 0, 0, 0, 0};  // time, waiting, politeness, comfort, information
  Language language = Language::ru;
};

class KioskBackend {
 public:
  virtual ~KioskBackend() = default;
  virtual BackendResult<void> health() = 0;
  virtual BackendResult<std::vector<ServiceQueue>> queue_status(const std::string& office) = 0;
  virtual BackendResult<Ticket> take_ticket(const std::string& office,
                                            const TicketRequest& request) = 0;
  virtual BackendResult<CheckinResult> check_in(const std::string& office, const std::string& code,
                                                Language lang) = 0;
  virtual BackendResult<std::vector<FreeSlot>> free_slots(const std::string& office,
                                                          const std::string& service,
                                                          const std::string& from,
                                                          const std::string& to) = 0;
  virtual BackendResult<BookingConfirmation> book(const std::string& office,
                                                  const BookingDraft& draft) = 0;
  virtual BackendResult<void> send_feedback(const std::string& office,
                                            const FeedbackAnswers& answers) = 0;
};

}  // namespace okno::kiosk
