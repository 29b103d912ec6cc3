// The booking use cases over any BookingStore: offered slots, book, cancel, reschedule.
// The HTTP layer and the kiosk call this; it knows nothing of HTTP or SQL.
#pragma once

#include <functional>

#include "okno/booking_store.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/day_rules.hpp"
#include "okno/office.hpp"
#include "okno/queue.hpp"

namespace okno {

// How many local days one slot query may span (a month and a bit); longer asks are refused.
inline constexpr int kMaxSlotQueryDays = 62;

// The queue ticket of a booking (its check-in), if any: the server asks its queue store.
using TicketOfBooking =
    std::function<Result<std::optional<queue::Ticket>>(std::string_view booking_code)>;

class BookingService {
 public:
  BookingService(const OfficeDirectory& offices, const ProductionCalendar& calendar,
                 BookingStore& store, const Clock& clock)
      : offices_(offices), calendar_(calendar), store_(store), clock_(clock) {}

  // Free slots of a service on local days [from, to] (R-VISIT-2).
  Result<std::vector<Slot>> free_slots(std::string_view office_id, std::string_view service_id,
                                       Date from, Date to) const;

  // Books one of the offered slots (R-VISIT-2): validates the client fields, that the start is
  // an offered slot now, then lets the store take a place atomically.
  Result<CreateOutcome> book(const BookingRequest& request,
                             const std::optional<IdempotencyKey>& idempotency,
                             const RenderBooking& render);

  Result<Booking> find(std::string_view code) const;
  // Cancel at any moment until the visit, from any channel (R-VISIT-6). Once checked in the
  // booking follows its ticket (booking_checked_in), after the visit it is closed
  // (booking_closed): day_rules.hpp.
  Result<Booking> cancel(std::string_view code, BookingChannel channel);
  // Moves a live booking to another offered slot in one atomic step; the same visit rule.
  Result<Booking> reschedule(std::string_view code, Seconds new_start, BookingChannel channel);
  // Changes how a live booking is notified (R-CHAN-1/2, R-VISIT-3): the same checks as when
  // booking (only the portal can be mandatory, a contact for every channel, a reminder needs a
  // channel) and the same visit rule as cancel and reschedule.
  Result<Booking> change_notifications(std::string_view code, const NotifyChoice& notify,
                                       const std::set<Reminder>& reminders, BookingChannel channel);

  // What became of the booking's visit (day_rules.hpp), asking the queue through the lookup.
  Result<Visit> visit(const Booking& booking) const;
  // Set by the server once its queue exists; without it no booking has a ticket.
  void set_ticket_lookup(TicketOfBooking lookup) { ticket_of_ = std::move(lookup); }

  const OfficeDirectory& offices() const { return offices_; }
  const ProductionCalendar& calendar() const { return calendar_; }
  const Clock& clock() const { return clock_; }
  BookingStore& store() { return store_; }

 private:
  Result<std::pair<const Office*, const Service*>> locate(std::string_view office_id,
                                                          std::string_view service_id) const;
  Result<Slot> offered_slot(const Office& office, const Service& service, Seconds start) const;
  // The live booking that may still change (not cancelled, its visit not begun or over).
  Result<Booking> changeable(std::string_view code) const;

  const OfficeDirectory& offices_;
  const ProductionCalendar& calendar_;
  BookingStore& store_;
  const Clock& clock_;
  TicketOfBooking ticket_of_;
};

}  // namespace okno
