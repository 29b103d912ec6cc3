// The kiosk's HTTP client for okno-server (libcurl): the booking API of issue 2 and the queue
// API of issue 4 as specified in docs/kiosk.md. Used from the worker thread only.
#pragma once

#include <memory>
#include <string>

#include "backend.hpp"

namespace okno::kiosk {

class HttpBackend final : public KioskBackend {
 public:
  explicit HttpBackend(std::string base_url, long timeout_ms = 5000);
  ~HttpBackend() override;
  // The device key sent as X-Kiosk-Key with every request (okno-server kiosk add NAME).
  void set_kiosk_key(std::string key);

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

  struct Response {
    long status = 0;
    std::string body;
  };

 private:
  BackendResult<Response> request(const std::string& method, const std::string& path,
                                  const std::string& body, Language lang = Language::ru);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace okno::kiosk
