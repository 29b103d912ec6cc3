// An in-memory backend for UI-logic tests only: counts tickets, knows one booking code, and can
// be switched "down" to play an unreachable server. Thread-safe (the worker calls it).
#pragma once

#include <atomic>
#include <mutex>

#include "backend.hpp"

namespace okno::kiosk {

class FakeBackend final : public KioskBackend {
 public:
  std::atomic<bool> down{false};
  std::string known_code = "23456-789AC";
  std::atomic<int> tickets_issued{0};
  std::atomic<int> feedback_received{0};
  std::atomic<int> bookings_made{0};

  BackendResult<void> health() override;
  BackendResult<std::vector<ServiceQueue>> queue_status(const std::string& office) override;
  BackendResult<Ticket> take_ticket(const std::string& office,
                                    const TicketRequest& request) override;
  BackendResult<CheckinResult> check_in(const std::string& office, const std::string& code,
                                        Language lang) override;
  BackendResult<std::vector<FreeSlot>> free_slots(const std::string& office,
                                                  const std::string& service,
                                                  const std::string& from,
                                                  const std::string& to) override;
  BackendResult<BookingConfirmation> book(const std::string& office,
                                          const BookingDraft& draft) override;
  BackendResult<void> send_feedback(const std::string& office,
                                    const FeedbackAnswers& answers) override;

  TicketRequest last_ticket_request() {
    std::lock_guard lock(mutex_);
    return last_ticket_request_;
  }
  BookingDraft last_booking() {
    std::lock_guard lock(mutex_);
    return last_booking_;
  }
  FeedbackAnswers last_feedback() {
    std::lock_guard lock(mutex_);
    return last_feedback_;
  }

 private:
  std::unexpected<BackendError> unreachable() const {
    return std::unexpected(BackendError{BackendError::Kind::unreachable, {}, {}, 0});
  }
  std::mutex mutex_;
  TicketRequest last_ticket_request_;
  BookingDraft last_booking_;
  FeedbackAnswers last_feedback_;
};

}  // namespace okno::kiosk
