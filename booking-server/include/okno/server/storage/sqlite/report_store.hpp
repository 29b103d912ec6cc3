// ReportStore (core/include/okno/report_store.hpp) on the server's SQLite file: reads the queue's
// action log and the feedback table (migration 3) for the period reports.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "okno/report_store.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno {

class SqliteReportStore final : public ReportStore {
 public:
  // Opens a connection to a database the booking store has already migrated.
  static Result<std::unique_ptr<SqliteReportStore>> open(const std::string& path);

  Result<std::map<std::int64_t, std::string>> ticket_employees(std::string_view office, Date from,
                                                               Date to) override;
  Result<std::vector<reports::FeedbackEntry>> feedback(std::string_view office, Seconds from,
                                                       Seconds to) override;

 private:
  SqliteReportStore() = default;
  std::mutex mutex_;  // one connection, used by one thread at a time
  std::unique_ptr<sqlite::Connection> conn_;
};

}  // namespace okno
