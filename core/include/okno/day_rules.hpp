// The day's rules at the office (issue 16, items 7 and 9): walk-in tickets and check-in only
// while the office is open (R-VISIT-7, by Office::hours_on), and what a booking may still do
// once its visitor checked in or the visit is over (R-VISIT-6, R-HIST-1). Refusals carry words
// that say why and when (R-CHAN-3). No HTTP, no SQL.
#pragma once

#include <optional>

#include "okno/booking.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/office.hpp"
#include "okno/queue.hpp"

namespace okno {

// A walk-in ticket is given only while the office is open (breaks included: the hall is open
// and the queue waits). Otherwise office_closed, whose words say why and when it opens next.
Result<void> may_issue_walk_in(const Office& office, const ProductionCalendar& calendar,
                               Seconds now);

// Check-in of a booked visitor at `now` (docs/queue.md): on time within [start - early,
// start + late] (the window lies inside the booked day's hours, so the office's hours do not
// narrow it); too early says when check-in opens; a later arrival on the same day joins the
// walk-in queue only while the office is open (else office_closed, as for walk-ins); a later
// day is too_late.
Result<queue::CheckinVerdict> checkin_decision(const Office& office,
                                               const ProductionCalendar& calendar,
                                               Seconds booked_start, Seconds now,
                                               const queue::QueuePolicy& policy);

// What became of a booked visit (R-HIST-1): from its queue ticket, if any, and the clock.
enum class VisitState {
  not_checked_in,    // no ticket yet, the booked day still running
  checked_in,        // its ticket is in the day's queue (waiting, called, serving, on hold)
  served,            // the desk finished the ticket
  no_show,           // called and not come (the desk's no-show), or the booked day ended
                     // without a check-in
  ticket_cancelled,  // the desk cancelled its ticket: the visit is over
};
std::string_view to_string(VisitState s);

struct Visit {
  VisitState state = VisitState::not_checked_in;
  std::optional<queue::Ticket> ticket;  // its check-in's ticket, if any
};

// The local day of the booked start has ended (the office's midnight after it) without a
// check-in: the booking is a no-show from that instant on (visit_state), which the history
// lists at that instant.
Seconds no_show_at(const Office& office, const Booking& booking);

VisitState visit_state(const Office& office, const Booking& booking,
                       const std::optional<queue::Ticket>& ticket, Seconds now);

// Whether the public API may still cancel or reschedule (R-VISIT-6 "at any moment" ends with
// the visit): a checked-in booking follows its ticket (booking_checked_in: the desk cancels the
// ticket instead), a visit that is over is closed (booking_closed). A cancelled booking is the
// store's business (cancel is idempotent, reschedule refuses it).
Result<void> may_change_booking(VisitState state);

}  // namespace okno
