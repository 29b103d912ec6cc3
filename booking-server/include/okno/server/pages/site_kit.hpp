// What the public site's pages share (site.hpp; docs/site.md): the request's language (?lang=,
// then the cookie, then Accept-Language), the CSRF cookie and field of every form, the page
// frame with the language and view switches, the links' secret, escaping and form values, and
// the plain-words refusal page (R-CHAN-3). One file per page group implements the routes:
// site_book.cpp, site_manage.cpp, site_survey.cpp, site_office.cpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "okno/server/pages/site.hpp"

namespace okno {

// One request's page: its language and view, the CSRF token its forms carry, and the cookies
// the answer sets.
struct SitePage {
  const httplib::Request& req;
  httplib::Response& res;
  Language lang = Language::ru;
  std::string csrf{};     // the browser's token (made now when it had none)
  bool large = false;     // large print (R-VISIT-12), the "A+" switch
  bool contrast = false;  // high contrast
  bool print = false;     // the print version: the page without its navigation
  std::vector<std::string> cookies{};
};

struct PublicSite::Impl {
  SiteOptions options;
  const Catalog& catalog;
  const OfficeDirectory& offices;
  const ProductionCalendar& calendar;
  BookingService& bookings;
  const Clock& clock;
  AbuseGuard& abuse;
  SiteVisits visits;
  std::map<std::string, Knowledge> knowledge;                 // office id -> R-KB-1 (as the kiosk)
  std::map<std::string, std::vector<FloorPlan>> floor_plans;  // office id -> its plans
  std::string layout;                                         // assets/web/site.html
  std::string stylesheet;                                     // assets/web/site.css
  std::string script;                                         // assets/web/site.js (optional)

  Impl(SiteOptions o, const Catalog& c, const OfficeDirectory& offs, const ProductionCalendar& cal,
       BookingService& b, const Clock& clk, AbuseGuard& a, SiteVisits v)
      : options(std::move(o)),
        catalog(c),
        offices(offs),
        calendar(cal),
        bookings(b),
        clock(clk),
        abuse(a),
        visits(std::move(v)) {}

  // --- the frame (site_kit.cpp) ---
  SitePage begin(const httplib::Request& req, httplib::Response& res) const;
  // The catalog's text, escaped for HTML.
  std::string t(const SitePage& p, std::string_view key,
                const std::map<std::string, std::string>& args = {}) const;
  // The catalog's text as it is (for attributes and titles escape it yourself).
  std::string raw(const SitePage& p, std::string_view key,
                  const std::map<std::string, std::string>& args = {}) const;
  // A path on this site with the page's language (and `params`), escaped for an attribute.
  std::string href(const SitePage& p, const std::string& path,
                   const std::vector<std::pair<std::string, std::string>>& params = {}) const;
  // The hidden fields every form carries: the CSRF token and the language.
  std::string form_fields(const SitePage& p) const;
  // A form's POST carries the browser's CSRF token; otherwise the refusal page is sent.
  bool csrf_ok(SitePage& p) const;
  // Sends the page: the frame around `body` with `title` (plain text) and the status.
  void send(SitePage& p, int status, const std::string& title, const std::string& body) const;
  // A refusal or error in plain words with the next step (R-CHAN-3).
  void refuse(SitePage& p, int status, const std::string& message,
              const std::string& next_html = {}) const;
  // The message of an error in the page's language (the rule's own words where it has them).
  std::string error_text(const SitePage& p, const Error& e) const;
  // A 303 to `location` (a path on this site), with the cookies the page set.
  void redirect(SitePage& p, const std::string& location) const;
  // The booking's own page (site_manage.cpp) with its secret, `extra` parameters and the language.
  void redirect_to_booking(SitePage& p, std::string_view code, const std::string& extra = {}) const;
  // After a 429 from the abuse guard: the same status and Retry-After, as a page.
  void throttled(SitePage& p) const;

  // --- form parts ---
  std::string checkbox(const std::string& name, const std::string& value, const std::string& label,
                       bool checked) const;
  // The notification channels (R-CHAN-1/2, R-VISIT-4) and reminders (R-VISIT-3) as fieldsets
  // with these boxes ticked; `wrong` ("channel", "reminder") gets `message` next to it.
  std::string notify_fields(const SitePage& p, const std::vector<std::string>& channels,
                            const std::vector<std::string>& reminders, const std::string& wrong,
                            const std::string& message) const;

  // --- words and values ---
  std::string day_label(const SitePage& p, Date day) const;  // "Monday, 30.11.2026"
  std::string local_hhmm(const Office& office, Seconds t) const;
  std::string visit_time(const SitePage& p, const Office& office, Seconds t) const;
  std::string office_link(const SitePage& p, const Office& office) const;
  // The secret of a booking's links (manage and survey): HMAC of the code, never stored.
  std::string link_secret(std::string_view code) const;
  bool secret_ok(std::string_view code, std::string_view secret) const;
  std::string manage_path(const SitePage& p, std::string_view code) const;
  // The floor plan of an office's service hall as inline SVG (R-VISIT-5/8); empty without one.
  std::string floor_plan_svg(const SitePage& p, const Office& office) const;
  // R-KB-1: what the service is, the documents, the terms and contacts.
  std::string service_info(const SitePage& p, const Office& office, const Service& service) const;
  // Each service of the office with its information and the link to its free times.
  std::string services_html(const SitePage& p, const Office& office) const;
  // The address, how to get there and the floor plan (R-VISIT-5).
  std::string directions_html(const SitePage& p, const Office& office) const;

  // --- the pages (one file each) ---
  void book_routes(httplib::Server& http);    // site_book.cpp
  void manage_routes(httplib::Server& http);  // site_manage.cpp
  void survey_routes(httplib::Server& http);  // site_survey.cpp
  void office_routes(httplib::Server& http);  // site_office.cpp

  // The free times of a service as lists of links per day (R-VISIT-2), or the plain-words
  // "none" with the next step; `target` makes each link's path from the slot's start.
  std::string times_html(const SitePage& p, const Office& office, const Service& service,
                         const std::function<std::string(Seconds)>& target) const;
};

// A form field of a POST (application/x-www-form-urlencoded) or a query parameter, trimmed.
std::string site_field(const httplib::Request& req, const std::string& name);
// Every value of a repeated field (checkboxes).
std::vector<std::string> site_fields(const httplib::Request& req, const std::string& name);

}  // namespace okno
