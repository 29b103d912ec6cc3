// The storage interface for bookings. SQLite implements it today (booking-server/), PostgreSQL
// will for region-wide deployments: nothing above this interface may know which one it is.
// Exclusivity (never more bookings than places) is the store's job and must hold in the
// database itself, across processes.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "okno/booking.hpp"
#include "okno/slots.hpp"

namespace okno {

// An Idempotency-Key (Stripe semantics): the same key and request give back the same
// response; the same key with another request is idempotency_conflict.
struct IdempotencyKey {
  std::string key;
  std::string request_hash;  // hash of method, path and body
};

struct CreateOutcome {
  Booking booking;
  std::string response_body;  // as first answered (replayed verbatim for a repeated key)
  bool replayed = false;
};

// Renders the response body for a new booking, inside the transaction, so that the stored
// idempotent response and the booking commit together.
using RenderBooking = std::function<std::string(const Booking&)>;

class BookingStore {
 public:
  virtual ~BookingStore() = default;

  // Stores a new booking if the slot still has a free place (capacity), together with its
  // "booked" history event, in one transaction; slot_taken when full. With an idempotency key,
  // a known key replays the stored response (or idempotency_conflict for another request), a
  // new one is stored with the booking.
  virtual Result<CreateOutcome> create(const Booking& booking, int capacity,
                                       const std::optional<IdempotencyKey>& idempotency,
                                       const RenderBooking& render) = 0;

  // The stored answer for a known idempotency key: nothing for a new key,
  // idempotency_conflict when the key came with another request.
  virtual Result<std::optional<CreateOutcome>> replay(const IdempotencyKey& idempotency) = 0;

  virtual Result<Booking> find(std::string_view code) = 0;

  // Cancels (idempotent: cancelling a cancelled booking is not an error, returns it as is).
  virtual Result<Booking> cancel(std::string_view code, BookingChannel channel, Seconds at) = 0;

  // Moves a live booking to another slot atomically: the new place is taken and the old one
  // freed in one transaction, or nothing changes (slot_taken).
  virtual Result<Booking> reschedule(std::string_view code, Seconds new_start, Seconds new_end,
                                     int capacity, BookingChannel channel, Seconds at) = 0;

  // Changes how a live booking is notified (R-CHAN-1, R-CHAN-2, R-VISIT-3; issue 12): its
  // channels and reminders, with a history event "notifications_changed"; the pending reminders
  // are replaced by the ones now chosen, in the same transaction.
  virtual Result<Booking> change_notifications(std::string_view code, const NotifyChoice& notify,
                                               const std::set<Reminder>& reminders,
                                               BookingChannel channel, Seconds at) = 0;

  // Booked places per slot start for a service in [from, to).
  virtual Result<Occupancy> occupancy(std::string_view office_id, std::string_view service_id,
                                      Seconds from, Seconds to) = 0;

  virtual Result<std::vector<InteractionEvent>> history(std::string_view code) = 0;
};

}  // namespace okno
