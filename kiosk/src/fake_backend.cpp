// The fake backend's canned answers (UI-logic tests only).
#include "fake_backend.hpp"

#include <cstdio>

namespace okno::kiosk {

BackendResult<void> FakeBackend::health() {
  if (down) return unreachable();
  return {};
}

BackendResult<std::vector<ServiceQueue>> FakeBackend::queue_status(const std::string&) {
  if (down) return unreachable();
  return std::vector<ServiceQueue>{{"passport", 3, 12, false}, {"consultation", 1, 5, false}};
}

BackendResult<Ticket> FakeBackend::take_ticket(const std::string&, const TicketRequest& request) {
  if (down) return unreachable();
  {
    std::lock_guard lock(mutex_);
    last_ticket_request_ = request;
  }
  const int n = ++tickets_issued;
  char number[16];
  std::snprintf(number, sizeof number, "%c%03d", request.service == "passport" ? 'A' : 'B', n);
  return Ticket{number, request.service, "2026-11-30T09:05:00+03:00", 3, 12, {}};
}

BackendResult<CheckinResult> FakeBackend::check_in(const std::string&, const std::string& code,
                                                   Language) {
  if (down) return unreachable();
  if (code != known_code) {
    return std::unexpected(
        BackendError{BackendError::Kind::refused, "booking_not_found", "Booking not found.", 404});
  }
  CheckinResult r;
  r.code = code;
  r.service = "passport";
  r.start = "2026-11-30T09:30:00+03:00";
  r.desk = "2";
  r.queue_available = true;
  r.ticket = Ticket{"A100", "passport", "2026-11-30T09:20:00+03:00", 0, 0, "2"};
  return r;
}

BackendResult<std::vector<FreeSlot>> FakeBackend::free_slots(const std::string&, const std::string&,
                                                             const std::string&,
                                                             const std::string&) {
  if (down) return unreachable();
  return std::vector<FreeSlot>{{"2026-12-01T09:00:00+03:00", "2026-12-01T09:15:00+03:00", 2},
                               {"2026-12-01T09:15:00+03:00", "2026-12-01T09:30:00+03:00", 1},
                               {"2026-12-02T10:00:00+03:00", "2026-12-02T10:15:00+03:00", 2}};
}

BackendResult<BookingConfirmation> FakeBackend::book(const std::string&,
                                                     const BookingDraft& draft) {
  if (down) return unreachable();
  {
    std::lock_guard lock(mutex_);
    last_booking_ = draft;
  }
  ++bookings_made;
  return BookingConfirmation{"XC7K2-M9P4T", draft.start, draft.service};
}

BackendResult<void> FakeBackend::send_feedback(const std::string&, const FeedbackAnswers& answers) {
  if (down) return unreachable();
  {
    std::lock_guard lock(mutex_);
    last_feedback_ = answers;
  }
  ++feedback_received;
  return {};
}

}  // namespace okno::kiosk
