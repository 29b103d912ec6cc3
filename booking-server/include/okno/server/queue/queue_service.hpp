// The electronic queue inside okno-server (issue 4): walk-in tickets, check-in of booked
// visitors, desk actions, statistics, feedback, and their HTTP routes with live events.
//
// For the staff console: every desk action is a plain method taking the staff actor's id (a
// login), which goes into the action log with what and when (R-HIST-1). The HTTP routes decide
// who the actor is through one hook, StaffCheck (set_staff_check: the staff sessions). Besides
// it, a machine client may send the service token from queue.toml (queue.staff_token, empty and
// so off by default) with its actor id in X-Staff-Actor.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/queue.hpp"
#include "okno/queue_stats.hpp"
#include "okno/queue_store.hpp"
#include "okno/server/queue/queue_events.hpp"

namespace okno {

class AbuseGuard;
class NotifyService;

// Who may act at a desk of `office`: the actor's id, or unauthorized / forbidden / csrf_failed.
using StaffCheck =
    std::function<Result<std::string>(const httplib::Request& req, std::string_view office)>;

struct WalkInRequest {
  std::string service;
  Language language = Language::ru;
  std::string priority;  // a configured priority group, empty for none
  std::set<Need> needs;
  std::string channel = "kiosk";
};

// A ticket as the kiosk, the board and the console see it.
struct TicketView {
  queue::Ticket ticket;
  int people_ahead = 0;
  int estimated_wait_min = 0;
};

struct CheckinOutcome {
  TicketView ticket;
  Booking booking;
  bool reprint = false;  // this booking had checked in before: same number, same issue time
};

struct DeskOutcome {
  std::optional<queue::Ticket> ticket;  // the desk's ticket after the action (none: queue empty)
  bool repeat = false;                  // call-next pressed again: re-announced, nobody skipped
  bool paused = false;
};

struct ServiceQueueInfo {
  std::string service;
  int waiting = 0;
  int estimated_wait_min = 0;
  bool daily_cap_reached = false;
};

struct DeskInfo {
  std::string id;
  bool paused = false;
  std::optional<queue::Ticket> current;
};

struct DeskView {
  DeskInfo desk;
  std::vector<queue::Ticket> waiting;  // what call-next would give this desk, in that order
  std::vector<queue::Ticket> held;     // on hold for its services: only an explicit call
};

struct TransferTarget {
  std::string service;
  std::string desk;  // empty: any desk serving the service
};

struct QueueServiceOptions {
  std::filesystem::path config;  // assets/queue.toml; missing file: defaults, no staff token
  std::size_t max_streams = kMaxEventStreams;  // open event streams admitted at once
};

class QueueService {
 public:
  static Result<std::unique_ptr<QueueService>> create(
      const QueueServiceOptions& options, std::unique_ptr<QueueStore> store,
      const OfficeDirectory& offices, const ProductionCalendar& calendar, const Catalog& catalog,
      BookingService& bookings, NotifyService* notify, const Clock& clock);
  ~QueueService();

  // Visitors (kiosk, reception).
  Result<TicketView> issue(std::string_view office, const WalkInRequest& request);
  Result<CheckinOutcome> check_in(std::string_view office, std::string_view code,
                                  std::string_view channel);
  Result<std::vector<ServiceQueueInfo>> queue_status(std::string_view office);

  // Desks. `actor`: the staff member's id, logged with the action.
  Result<DeskOutcome> call_next(std::string_view office, std::string_view desk,
                                std::string_view actor);
  // Out of order, by number ("A015"), with a reason: an explicit, logged exception.
  Result<DeskOutcome> call_ticket(std::string_view office, std::string_view desk,
                                  std::string_view number, std::string_view reason,
                                  std::string_view actor);
  Result<DeskOutcome> recall(std::string_view office, std::string_view desk,
                             std::string_view actor);
  Result<DeskOutcome> no_show(std::string_view office, std::string_view desk,
                              std::string_view actor);
  Result<DeskOutcome> start(std::string_view office, std::string_view desk, std::string_view actor);
  Result<DeskOutcome> finish(std::string_view office, std::string_view desk,
                             std::string_view actor);
  Result<DeskOutcome> hold(std::string_view office, std::string_view desk, std::string_view actor);
  Result<DeskOutcome> transfer(std::string_view office, std::string_view desk,
                               const TransferTarget& to, std::string_view actor);
  Result<DeskOutcome> set_paused(std::string_view office, std::string_view desk, bool paused,
                                 std::string_view actor);
  Result<DeskOutcome> cancel_ticket(std::string_view office, std::string_view number,
                                    std::string_view actor);
  // A ticket on hold back to waiting, by number ("A015"): it keeps its arrival time, so
  // call-next takes it in its old place; anything but on hold is 409 illegal_transition.
  Result<DeskOutcome> unhold_ticket(std::string_view office, std::string_view number,
                                    std::string_view actor);

  Result<DeskView> desk_view(std::string_view office, std::string_view desk);
  Result<std::vector<DeskInfo>> desks(std::string_view office);
  Result<std::vector<queue::Ticket>> tickets(std::string_view office, Date day);
  Result<queue::DayStats> stats(std::string_view office, Date day);
  Result<std::string> stats_csv(std::string_view office, Date day);

  // One stored event of `office` by id; nothing when the office has none with that id (the
  // announcement route's: Announcer, issue 11).
  Result<std::optional<QueueEvent>> event(std::string_view office, std::int64_t id);

  // The visit of a booking: its ticket once checked in (the site's survey page, issue 12).
  Result<std::optional<queue::Ticket>> ticket_of_booking(std::string_view booking_code);
  // Stores a visit's answers (R-FB-1, R-VISIT-13); feedback_given when the ticket has them.
  Result<std::int64_t> add_feedback(const NewFeedback& feedback);

  // JSON of a ticket (staff and kiosk see the same shape; no name, phone or booking code).
  nlohmann::json ticket_json(const queue::Ticket& t, const Office& office) const;

  const queue::QueuePolicy& policy() const { return policy_; }
  QueueEventHub& hub() { return hub_; }

  // GET/POST /api/v1/offices/{office}/queue, tickets, checkin, desks/..., stats, events;
  // POST /api/v1/feedback. Call after the app's own routes.
  void routes(httplib::Server& http);
  // The one hook for staff authentication (see the file comment).
  void set_staff_check(StaffCheck check) { staff_check_ = std::move(check); }
  // Kiosk keys, rate limits and the code-guessing throttle of the public routes (tickets,
  // check-in, feedback; issue 16). Without it (tests of the service alone) nothing is limited.
  void set_abuse_guard(AbuseGuard* guard) { abuse_ = guard; }
  // Ends open event streams (server stopping).
  void close_streams() { hub_.close(); }

 private:
  QueueService() = default;
  struct Ctx;
  Result<Ctx> context(std::string_view office, std::string_view desk) const;
  Result<DeskOutcome> desk_action(std::string_view office, std::string_view desk,
                                  queue::Action action, std::string_view actor,
                                  const TransferTarget* to);
  // An action on a ticket found by number, wherever it is (cancel, unhold).
  Result<DeskOutcome> ticket_action(std::string_view office, std::string_view number,
                                    queue::Action action, std::string_view actor);
  Result<void> queue_changed(QueueStore::Tx& tx, const Office& office, Date day, Seconds now);
  // The end both calls share (the next in line, or one by number): the ticket goes to the desk
  // only if it is still in `from`, then the board and the audit log hear of it.
  struct CallRecord {
    std::string_view action;  // the audit log's action name
    nlohmann::json details;   // the audit log's details
    Error if_moved;           // the answer when the ticket left `from` meanwhile
  };
  Result<DeskOutcome> finish_call(QueueStore::Tx& tx, const Ctx& ctx, queue::Ticket t,
                                  queue::TicketState from, queue::TicketState to,
                                  std::string_view actor, CallRecord record);
  int estimate_min(const Office& office, const std::string& service, int ahead,
                   const std::map<std::string, bool>& paused) const;
  void after_finish(const queue::Ticket& t);
  Result<std::string> authorize(const httplib::Request& req, std::string_view office) const;

  const OfficeDirectory* offices_ = nullptr;
  const ProductionCalendar* calendar_ = nullptr;
  const Catalog* catalog_ = nullptr;
  BookingService* bookings_ = nullptr;
  NotifyService* notify_ = nullptr;
  const Clock* clock_ = nullptr;
  queue::QueuePolicy policy_;
  std::string staff_token_;
  std::size_t max_streams_ = 1000;
  std::atomic<std::size_t> streams_{0};
  std::unique_ptr<QueueStore> store_;
  QueueEventHub hub_;
  StaffCheck staff_check_;
  AbuseGuard* abuse_ = nullptr;
};

}  // namespace okno
