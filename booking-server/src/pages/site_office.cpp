// The site's office pages (R-VISIT-5, R-VISIT-7, R-KB-1): the offices, and per office its
// weekly hours (Saturdays included), today's, the holidays and decreed days ahead that change
// them, the address, how to get there, the floor plan and each service's documents.
#include <chrono>

#include "okno/opening.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/server/pages/site_kit.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr const char* kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string hhmm(std::chrono::minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return buf;
}

bool same_hours(const DayHours& a, const DayHours& b) {
  if (a.open.has_value() != b.open.has_value()) return false;
  if (!a.open) return true;
  if (a.open->begin != b.open->begin || a.open->end != b.open->end) return false;
  if (a.breaks.size() != b.breaks.size()) return false;
  for (size_t i = 0; i < a.breaks.size(); ++i) {
    if (a.breaks[i].begin != b.breaks[i].begin || a.breaks[i].end != b.breaks[i].end) return false;
  }
  return true;
}

}  // namespace

std::string PublicSite::Impl::directions_html(const SitePage& p, const Office& office) const {
  std::string out =
      "<section class=\"directions\" aria-labelledby=\"where-h\"><h2 id=\"where-h\">" +
      t(p, "site.office.where") + "</h2><dl class=\"summary\"><dt>" + t(p, "site.office.address") +
      "</dt><dd>" + html_escape(office.address.get(p.lang)) + "</dd>";
  const std::pair<const char*, const LocalizedText*> parts[] = {
      {"site.office.transit", &office.directions.transit},
      {"site.office.entrance", &office.directions.entrance},
      {"site.office.floor", &office.directions.floor}};
  for (const auto& [key, text] : parts) {
    if (text->get(p.lang).empty()) continue;
    out += "<dt>" + t(p, key) + "</dt><dd>" + html_escape(text->get(p.lang)) + "</dd>";
  }
  out += "</dl>" + floor_plan_svg(p, office) + "<p>" + office_link(p, office) + "</p></section>";
  return out;
}

void PublicSite::Impl::office_routes(httplib::Server& http) {
  http.Get("/offices", [this](const httplib::Request& req, httplib::Response& res) {
    SitePage p = begin(req, res);
    std::string body = "<h1>" + t(p, "site.office.list") + "</h1><ul class=\"choices\">";
    for (const Office& o : offices.offices) {
      body += "<li>" + office_link(p, o) + "<br><span>" + html_escape(o.address.get(p.lang)) +
              "</span></li>";
    }
    body += "</ul>";
    send(p, 200, raw(p, "site.office.list"), body);
  });

  http.Get(
      R"(/offices/([a-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
        SitePage p = begin(req, res);
        const Office* office = offices.find(req.matches[1].str());
        if (!office) {
          return refuse(p, 404, raw(p, "error.unknown_office"),
                        "<p><a href=\"" + href(p, "/offices") + "\">" + t(p, "site.office.list") +
                            "</a></p>");
        }
        const Seconds now = clock.now();
        auto describe = [&](const DayHours& h) {
          if (!h.open) return raw(p, "site.office.closed");
          std::string s = hhmm(h.open->begin) + "–" + hhmm(h.open->end);
          for (const auto& b : h.breaks) {
            s += "; " + raw(p, "site.office.break", {{"from", hhmm(b.begin)}, {"to", hhmm(b.end)}});
          }
          return s;
        };
        std::string body = "<h1>" + html_escape(office->name.get(p.lang)) + "</h1>";
        // R-VISIT-7: today's hours and the next change, as the kiosk and the board say them.
        body += "<div class=\"notice\" role=\"status\">";
        for (const auto& line : describe_hours(*office, calendar, now, catalog, p.lang)) {
          body += "<p>" + html_escape(line) + "</p>";
        }
        body += "</div><h2>" + t(p, "site.office.hours") +
                "</h2><table class=\"hours\"><caption "
                "class=\"visually-hidden\">" +
                t(p, "site.office.hours") + "</caption><tbody>";
        for (int d = 0; d < 7; ++d) {
          body += "<tr><th scope=\"row\">" + t(p, std::string("kiosk.weekday.") + kWeekdays[d]) +
                  "</th><td>" + html_escape(describe(office->weekly[static_cast<size_t>(d)])) +
                  "</td></tr>";
        }
        body += "</tbody></table>";
        // The days of the next two months whose hours are not the weekly ones: holidays, decreed
        // days off and working weekends, shortened days, the office's own closures and openings.
        const Date today = local_date(*office, now);
        std::string special;
        for (int i = 0; i < 62; ++i) {
          const Date day{sys_days{today} + days{i}};
          const unsigned wd = std::chrono::weekday{sys_days{day}}.iso_encoding() - 1;
          const DayHours h = office->hours_on(day, calendar);
          if (same_hours(h, office->weekly[wd])) continue;
          std::string note;
          if (const CalendarException* e = calendar.exception(day)) {
            note = raw(p, "site.office.day." + std::string(to_string(e->kind)));
          }
          special += "<li>" + html_escape(day_label(p, day)) + ": " + html_escape(describe(h)) +
                     (note.empty() ? "" : " (" + html_escape(note) + ")") + "</li>";
        }
        if (!special.empty()) {
          body += "<h2>" + t(p, "site.office.special") + "</h2><ul>" + special + "</ul>";
        }
        body += directions_html(p, *office);
        body += "<h2>" + t(p, "site.office.services") + "</h2>";
        body += services_html(p, *office);
        body += "<p>" + t(p, "site.office.hotline") + "</p>";
        send(p, 200, office->name.get(p.lang), body);
      });
}

}  // namespace okno
