// The storage interface the period reports read through (okno/reports.hpp, issue 16 item 5):
// who worked each ticket, and the visit feedback of a time range. SQLite implements it
// (booking-server/src/storage/sqlite/report_store.cpp). Read only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/reports.hpp"

namespace okno {

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Ticket id -> the login of the latest desk action on it (call, recall, start, finish,
  // no-show, hold, transfer) for the office's tickets of local days from..to.
  virtual Result<std::map<std::int64_t, std::string>> ticket_employees(std::string_view office,
                                                                       Date from, Date to) = 0;
  // The office's feedback answered with from <= at < to, oldest first.
  virtual Result<std::vector<reports::FeedbackEntry>> feedback(std::string_view office,
                                                               Seconds from, Seconds to) = 0;
};

}  // namespace okno
