// Reports an office manager asks for (issue 16 item 5): the queue's figures over a period (a
// day, a week, a month or chosen dates) for the office, per day, per desk and per employee; the
// visit feedback (R-FB-1's two questions and the federal five criteria of Decree No. 1284,
// R-VISIT-13) with the comments; CSV in two dialects, plain (RFC 4180, ",") and the one Russian
// Excel opens (UTF-8 with BOM, ";", decimal comma). A share or an average over no tickets is "no
// data" (nullopt), never 100% or 0. No HTTP, no SQL: the route reads the rows, this computes.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/language.hpp"
#include "okno/office.hpp"
#include "okno/queue.hpp"
#include "okno/queue_stats.hpp"

namespace okno::reports {

// Office-local days, both ends included.
struct Period {
  Date from;
  Date to;
};

inline constexpr int kMaxPeriodDays = 366;

// "day": that day; "week": its ISO week, Monday to Sunday; "month": its calendar month;
// "custom": from..to as given. invalid_range when to < from or longer than kMaxPeriodDays;
// invalid_value for another kind; missing_field when custom lacks from or to.
Result<Period> period_of(std::string_view kind, Date day, std::optional<Date> from,
                         std::optional<Date> to);
std::vector<Date> days_of(const Period& p);
// The period as UTC instants [begin, end): local midnight of `from` to that after `to`.
std::pair<Seconds, Seconds> utc_bounds(const Office& office, const Period& p);

// One group's figures (queue::GroupStats) with "no data" spelled out.
struct Figures {
  queue::GroupStats stats;
  std::string name;  // desk's name or employee's display name; empty for the office
  std::optional<double> avg_wait_min() const;
  std::optional<double> avg_service_min() const;
  std::optional<double> share_within_15() const;
  std::optional<double> share_booked_within_5() const;
  std::optional<double> load() const;  // desks only, over the period's open time
};

inline constexpr std::array<std::string_view, 5> kFederalCriteria = {"time", "waiting", "staff",
                                                                     "comfort", "information"};

// One feedback answer as stored (POST /api/v1/feedback).
struct FeedbackEntry {
  Seconds at{};
  std::string channel;
  std::string ticket;  // "A015", may be empty
  std::optional<bool> got_answer;
  std::string satisfaction;            // "satisfied", "partly", "not_satisfied" or empty
  std::map<std::string, int> federal;  // criterion -> 1..5
  std::string comment;
  Language language = Language::ru;
};

struct CriterionSummary {
  std::string id;
  int count = 0;
  std::array<int, 5> scores{};  // how many gave 1, 2, 3, 4, 5
  std::optional<double> average() const;
};

struct FeedbackSummary {
  int responses = 0;
  // R-FB-1, question 1: "Did you get an answer to your question?"
  int got_answer_yes = 0;
  int got_answer_no = 0;
  // R-FB-1, question 2: "Rate the consultant's work".
  int satisfied = 0;
  int partly = 0;
  int not_satisfied = 0;
  std::vector<CriterionSummary> federal;           // the five, in kFederalCriteria's order
  std::vector<FeedbackEntry> comments;             // the answers with a comment, by time
  std::optional<double> share_got_answer() const;  // yes / (yes + no)
  std::optional<double> share_satisfied() const;   // satisfied / all rated
};

struct PeriodReport {
  Period period;
  Figures office;
  std::vector<Figures> by_day;       // every day of the period, in order
  std::vector<Figures> by_desk;      // desks that served, by desk id
  std::vector<Figures> by_employee;  // by login; "" collects tickets no employee touched
  FeedbackSummary feedback;
  bool empty() const { return office.stats.tickets == 0 && feedback.responses == 0; }
};

struct ReportInput {
  std::vector<queue::Ticket> tickets;                 // of the period's days (others ignored)
  std::map<std::int64_t, std::string> employee_of;    // ticket id -> login of its last desk action
  std::map<std::string, std::string> employee_names;  // login -> display name
  std::vector<FeedbackEntry> feedback;                // answered within the period
  double open_minutes = 0;                            // the office's open time over the period
};

// Feedback answered on the period's local days counts; the rest is ignored.
PeriodReport period_report(const ReportInput& input, const Office& office, Period period,
                           Language lang, Seconds now);

// ---- CSV ----

struct CsvDialect {
  char separator = ',';
  bool bom = false;            // UTF-8 byte order mark: how Excel knows the file is UTF-8
  bool decimal_comma = false;  // 12,5 instead of 12.5 (the Russian locale's numbers)
  // A text cell starting with = + - @ gets a leading apostrophe, so a spreadsheet shows it
  // instead of running it as a formula (comments are typed by anyone).
  bool guard_formulas = false;
};
CsvDialect plain_csv();  // RFC 4180
CsvDialect excel_csv();  // Russian Excel: BOM, ";", decimal comma, formulas guarded

// One field, quoted when it holds the separator, a quote, CR or LF (quotes doubled).
std::string csv_field(std::string_view text, const CsvDialect& d);
// A number with at most `decimals` decimals, trailing zeros dropped; empty for no data.
std::string csv_number(std::optional<double> v, const CsvDialect& d, int decimals = 1);

// The report as CSV: a figures table (office, days, desks, employees), then the feedback
// summary, then the comments, each with its own header row, separated by an empty line.
// Times in the office's zone. CRLF line ends.
std::string report_csv(const PeriodReport& r, const Office& office, const CsvDialect& d);

}  // namespace okno::reports
