// Reports for administrators (issue 16 item 5, docs/api.md "Reports"): an office's queue figures
// and visit feedback over a period as JSON and CSV (plain, and the one Russian Excel opens), and
// the staff audit log with times on an office's clock. The computation is core/reports.hpp's;
// this file reads the rows and renders.
#include "okno/report_store.hpp"
#include "okno/reports.hpp"

#include <algorithm>

#include "okno/server/http/api_json.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/queue/queue_service.hpp"
#include "okno/server/staff/staff_auth.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using nlohmann::json;

json number_or_null(std::optional<double> v) {
  return v ? json(*v) : json(nullptr);
}

json figures_json(const reports::Figures& f, bool desk) {
  const auto& s = f.stats;
  json j = {{"key", s.key},
            {"name", f.name},
            {"tickets", s.tickets},
            {"served", s.served},
            {"no_shows", s.no_shows},
            {"cancelled", s.cancelled},
            {"waiting", s.waiting},
            {"avg_wait_min", number_or_null(f.avg_wait_min())},
            {"avg_service_min", number_or_null(f.avg_service_min())},
            {"share_called_within_15_min", number_or_null(f.share_within_15())},
            {"share_booked_called_within_5_min", number_or_null(f.share_booked_within_5())}};
  if (desk) j["load"] = number_or_null(f.load());
  return j;
}

json feedback_json(const reports::FeedbackSummary& fb, const Office& office) {
  json federal = json::array();
  for (const auto& c : fb.federal) {
    federal.push_back({{"criterion", c.id},
                       {"count", c.count},
                       {"scores", c.scores},
                       {"average", number_or_null(c.average())}});
  }
  json comments = json::array();
  for (const auto& e : fb.comments) {
    comments.push_back({{"at", api::utc_iso(e.at)},
                        {"at_local", format_local_iso(office, e.at)},
                        {"channel", e.channel},
                        {"ticket", e.ticket},
                        {"got_answer", e.got_answer ? json(*e.got_answer) : json(nullptr)},
                        {"satisfaction", e.satisfaction},
                        {"language", to_string(e.language)},
                        {"comment", e.comment}});
  }
  return {
      {"responses", fb.responses},
      {"got_answer", {{"yes", fb.got_answer_yes}, {"no", fb.got_answer_no}}},
      {"share_got_answer", number_or_null(fb.share_got_answer())},
      {"satisfaction",
       {{"satisfied", fb.satisfied}, {"partly", fb.partly}, {"not_satisfied", fb.not_satisfied}}},
      {"share_satisfied", number_or_null(fb.share_satisfied())},
      {"federal", federal},
      {"comments", comments}};
}

// ?period=day|week|month|custom (default day), ?day= (default today in the office), ?from=&to=.
Result<reports::Period> period_param(const httplib::Request& req, const Office& office,
                                     Seconds now) {
  const std::string kind = req.has_param("period") ? req.get_param_value("period") : "day";
  Date day = local_date(office, now);
  if (req.has_param("day")) {
    auto d = parse_iso_date(req.get_param_value("day"));
    if (!d) return fail(ErrorCode::invalid_date, "day");
    day = *d;
  }
  std::optional<Date> from, to;
  for (auto [name, out] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    if (!req.has_param(name)) continue;
    *out = parse_iso_date(req.get_param_value(name));
    if (!*out) return fail(ErrorCode::invalid_date, name);
  }
  return reports::period_of(kind, day, from, to);
}

}  // namespace

void report_routes(httplib::Server& http, StaffAuth& staff, QueueService& queue_service,
                   ReportStore& store, const OfficeDirectory& offices,
                   const ProductionCalendar& calendar) {
  auto guard = [&staff](auto body) { return staff_guarded(staff, std::move(body)); };

  // The report of the request's office and period, or the answer written.
  auto build = [&](const httplib::Request& req, httplib::Response& res)
      -> std::optional<std::pair<const Office*, reports::PeriodReport>> {
    auto who = staff.require_staff(req, res, StaffRole::administrator);
    if (!who) return std::nullopt;
    const Office* office = offices.find(req.matches[1].str());
    auto refuse = [&](const Error& e) {
      staff.send_error(req, res, e);
      return std::nullopt;
    };
    if (!office) return refuse(Error{ErrorCode::unknown_office, {}});
    const Seconds now = staff.clock().now();
    auto period = period_param(req, *office, now);
    if (!period) return refuse(period.error());
    reports::ReportInput in;
    for (const Date d : reports::days_of(*period)) {
      auto tickets = queue_service.tickets(office->id, d);
      if (!tickets) return refuse(tickets.error());
      in.tickets.insert(in.tickets.end(), tickets->begin(), tickets->end());
      in.open_minutes += queue::open_minutes(*office, d, calendar);
    }
    auto employees = store.ticket_employees(office->id, period->from, period->to);
    if (!employees) return refuse(employees.error());
    in.employee_of = std::move(*employees);
    auto accounts = staff.store().list_accounts();
    if (!accounts) return refuse(accounts.error());
    for (const auto& a : *accounts) in.employee_names[a.login] = a.display_name;
    const auto [begin, end] = reports::utc_bounds(*office, *period);
    auto feedback = store.feedback(office->id, begin, end);
    if (!feedback) return refuse(feedback.error());
    in.feedback = std::move(*feedback);
    return std::pair{office,
                     reports::period_report(in, *office, *period, staff.language(req), now)};
  };

  http.Get(R"(/api/v1/offices/([^/]+)/report)",
           guard([&staff, build](const httplib::Request& req, httplib::Response& res) {
             auto r = build(req, res);
             if (!r) return;
             const auto& [office, report] = *r;
             json days = json::array(), desks = json::array(), employees = json::array();
             for (const auto& f : report.by_day) days.push_back(figures_json(f, false));
             for (const auto& f : report.by_desk) desks.push_back(figures_json(f, true));
             for (const auto& f : report.by_employee) employees.push_back(figures_json(f, false));
             staff.send_json(res, 200,
                             {{"office", office->id},
                              {"zone", office->time_zone_name},
                              {"from", format_iso_date(report.period.from)},
                              {"to", format_iso_date(report.period.to)},
                              {"empty", report.empty()},
                              {"totals", figures_json(report.office, false)},
                              {"days", days},
                              {"desks", desks},
                              {"employees", employees},
                              {"feedback", feedback_json(report.feedback, *office)}});
           }));

  // ?dialect=excel: UTF-8 with BOM, ";" and decimal commas (Russian Excel); plain otherwise.
  http.Get(R"(/api/v1/offices/([^/]+)/report\.csv)",
           guard([&staff, build](const httplib::Request& req, httplib::Response& res) {
             const std::string dialect =
                 req.has_param("dialect") ? req.get_param_value("dialect") : "plain";
             if (dialect != "plain" && dialect != "excel")
               return staff.send_error(req, res, Error{ErrorCode::invalid_value, "dialect"});
             auto r = build(req, res);
             if (!r) return;
             const auto& [office, report] = *r;
             const bool excel = dialect == "excel";
             std::string csv = reports::report_csv(
                 report, *office, excel ? reports::excel_csv() : reports::plain_csv());
             res.set_header("Cache-Control", "no-store");
             res.set_header("Content-Disposition", "attachment; filename=\"report-" + office->id +
                                                       "-" + format_iso_date(report.period.from) +
                                                       "-" + format_iso_date(report.period.to) +
                                                       (excel ? "-excel" : "") + ".csv\"");
             res.set_content(std::move(csv), "text/csv; charset=utf-8");
           }));

  // The staff audit log (R-HIST-1): the latest entries, or with ?office= and a period (the
  // report's parameters: period, day, from, to; that office's local days) the period's, oldest
  // first; with ?office= each entry also carries its time on the office's clock.
  http.Get(
      "/api/v1/staff/audit",
      guard([&staff, &offices](const httplib::Request& req, httplib::Response& res) {
        auto who = staff.require_staff(req, res, StaffRole::administrator);
        if (!who) return;
        int limit = 50;
        if (req.has_param("limit")) {
          const std::string v = req.get_param_value("limit");
          if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos)
            return staff.send_error(req, res, Error{ErrorCode::invalid_value, "limit"});
          limit = std::clamp(std::stoi(v), 1, 1000);
        }
        const Office* office = nullptr;
        if (req.has_param("office")) {
          office = offices.find(req.get_param_value("office"));
          if (!office) return staff.send_error(req, res, Error{ErrorCode::unknown_office, {}});
        }
        Result<std::vector<StaffAuditEntry>> entries;
        bool ranged = false;
        for (const char* p : {"period", "day", "from", "to"}) ranged = ranged || req.has_param(p);
        if (ranged) {
          if (!office) return staff.send_error(req, res, Error{ErrorCode::missing_field, "office"});
          auto period = period_param(req, *office, staff.clock().now());
          if (!period) return staff.send_error(req, res, period.error());
          const auto [begin, end] = reports::utc_bounds(*office, *period);
          entries = staff.store().audit_between(begin, end, limit);
        } else {
          entries = staff.store().recent_audit(limit);
        }
        if (!entries) return staff.send_error(req, res, entries.error());
        json out = json::array();
        for (const auto& e : *entries) {
          json j = {{"id", e.id},         {"at", api::utc_iso(e.at)},
                    {"login", e.login},   {"action", e.action},
                    {"target", e.target}, {"details", json::parse(e.details, nullptr, false)}};
          if (office) j["at_local"] = format_local_iso(*office, e.at);
          out.push_back(std::move(j));
        }
        staff.send_json(res, 200, {{"entries", out}});
      }));
}

}  // namespace okno
