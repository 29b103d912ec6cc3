// The public site (issue 12; docs/site.md): server-rendered HTML that works without JavaScript,
// in the six languages. Book (/book: office, service with its information, a free time, the
// client's details, the personal-data consent as its own step, the confirmation), manage a
// booking from the message link or by code and phone (/booking/{code}: see, cancel, move),
// rate a visit (/survey/{code}), and the office's information (/offices/{id}: hours, address,
// directions, floor plan, documents). Rules served: R-VISIT-1..6, R-VISIT-11..13, R-CHAN-1..4,
// R-FB-1, R-KB-1.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

#include "okno/booking_service.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/queue_store.hpp"
#include "okno/visit_info.hpp"

namespace okno {

class AbuseGuard;

// What the site's survey page needs of the queue (QueueService implements it): the visit's
// ticket of a booking and storing the answers once per visit.
struct SiteVisits {
  std::function<Result<std::optional<queue::Ticket>>(std::string_view booking_code)> ticket_of;
  std::function<Result<std::int64_t>(const NewFeedback&)> add_feedback;
};

struct SiteOptions {
  std::filesystem::path assets;  // assets/: web/site.*, knowledge/, kiosk/ (floor plans)
  std::string consent_version;   // the personal-data consent text's version (152-FZ)
  std::string link_key;          // HMAC key of the manage and survey links' secret
  bool secure_cookies = false;   // behind TLS: cookies get Secure
};

class PublicSite {
 public:
  static Result<std::unique_ptr<PublicSite>> create(SiteOptions options, const Catalog& catalog,
                                                    const OfficeDirectory& offices,
                                                    const ProductionCalendar& calendar,
                                                    BookingService& bookings, const Clock& clock,
                                                    AbuseGuard& abuse, SiteVisits visits);
  ~PublicSite();

  void routes(httplib::Server& http);

  struct Impl;

 private:
  explicit PublicSite(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace okno
