// The site's booking pages (R-VISIT-1..5, R-VISIT-12, R-CHAN-1/2, R-KB-1): office -> service
// with its information -> a day and a free time -> the client's details -> the personal-data
// consent as its own step (152-FZ) -> booked, and on to the booking's own page (site_manage.cpp).
// Every step is a plain link or form: it works without JavaScript.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "okno/secret.hpp"
#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/server/pages/site_kit.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The details form as typed: kept whole when something is wrong (the visitor retypes nothing).
struct DetailsForm {
  std::string name, phone, email;
  std::vector<std::string> channels;   // "portal", "email", "sms"
  std::vector<std::string> reminders;  // "24h", "2h"
  std::vector<std::string> needs;      // to_string(Need)
};

bool has(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

DetailsForm read_details(const httplib::Request& req) {
  DetailsForm f;
  f.name = site_field(req, "name");
  f.phone = site_field(req, "phone");
  f.email = site_field(req, "email");
  f.channels = site_fields(req, "channel");
  f.reminders = site_fields(req, "reminder");
  f.needs = site_fields(req, "need");
  return f;
}

// R-CHAN-1/2, R-VISIT-4: the portal account is the channel law fixes; e-mail and SMS are the
// client's own and duplicate it. Unknown values are refused by validation, not dropped.
Result<BookingRequest> to_request(const DetailsForm& f, const Office& office,
                                  const Service& service, Seconds start, Language lang) {
  BookingRequest r;
  r.office_id = office.id;
  r.service_id = service.id;
  r.start = start;
  r.channel = BookingChannel::web;
  r.client = {f.name, f.phone, f.email};
  r.language = lang;
  for (const auto& c : f.channels) {
    auto channel = parse_notify_channel(c);
    if (!channel) return fail(ErrorCode::invalid_channel, "notify: unknown channel");
    if (*channel == NotifyChannel::portal) {
      r.notify.mandatory = NotifyChannel::portal;
    } else if (std::find(r.notify.extra.begin(), r.notify.extra.end(), *channel) ==
               r.notify.extra.end()) {
      r.notify.extra.push_back(*channel);
    }
  }
  for (const auto& m : f.reminders) {
    auto reminder = parse_reminder(m);
    if (!reminder) return fail(ErrorCode::invalid_channel, "reminders: unknown reminder");
    r.reminders.insert(*reminder);
  }
  for (const auto& n : f.needs) {
    auto need = parse_need(n);
    if (!need) return fail(ErrorCode::invalid_value, "needs: unknown need");
    r.needs.insert(*need);
  }
  return r;
}

// Which field of the form an error is about (the error summary links there).
std::string field_of(const Error& e) {
  const std::string& d = e.detail;
  switch (e.code) {
    case ErrorCode::invalid_name:
      return "name";
    case ErrorCode::invalid_phone:
      return "phone";
    case ErrorCode::invalid_email:
      return "email";
    case ErrorCode::contact_missing:
      return d.find("email") != std::string::npos ? "email" : "phone";
    case ErrorCode::invalid_channel:
      return d.rfind("reminders", 0) == 0 ? "reminder" : "channel";
    case ErrorCode::invalid_value:
      return d.rfind("needs", 0) == 0 ? "need" : "name";
    default:
      return "name";
  }
}

// The request's hash for the Idempotency-Key: what is booked, by whom, how notified.
std::string request_hash(const BookingRequest& r) {
  std::string s = r.office_id + "\n" + r.service_id + "\n" +
                  std::to_string(r.start.time_since_epoch().count()) + "\n" + r.client.name + "\n" +
                  r.client.phone + "\n" + r.client.email + "\n";
  for (NotifyChannel c : r.notify.all()) s += std::string(to_string(c)) + ",";
  for (Reminder m : r.reminders) s += std::string(to_string(m)) + ",";
  for (Need n : r.needs) s += std::string(to_string(n)) + ",";
  return sha256_hex("site booking\n" + s);
}

std::optional<Seconds> parse_start(const std::string& text) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return Seconds{std::chrono::seconds{v}};
}

std::string attr(const std::string& s) {
  return html_escape(s);
}

}  // namespace

std::string PublicSite::Impl::times_html(const SitePage& p, const Office& office,
                                         const Service& service,
                                         const std::function<std::string(Seconds)>& target) const {
  // R-VISIT-2: only the offered times, from today to the end of the service's horizon.
  const Seconds now = clock.now();
  const Date today = local_date(office, now);
  const int horizon = std::clamp(service.horizon_days, 1, kMaxSlotQueryDays - 1);
  const Date last{sys_days{today} + days{horizon}};
  auto slots = bookings.free_slots(office.id, service.id, today, last);
  std::map<Date, std::vector<Slot>> by_day;
  if (slots) {
    for (const Slot& s : *slots) {
      if (s.free() > 0) by_day[local_date(office, s.start)].push_back(s);
    }
  }
  if (by_day.empty()) {
    // R-CHAN-3: what there is not, and what to do instead.
    return "<div class=\"notice\" role=\"status\"><p>" +
           t(p, "site.book.no_times", {{"days", std::to_string(horizon)}}) + "</p></div>";
  }
  Date chosen = by_day.begin()->first;
  if (auto asked = parse_iso_date(site_field(p.req, "day")); asked && by_day.contains(*asked)) {
    chosen = *asked;
  }
  std::string out = "<h2 id=\"days-h\">" + t(p, "site.book.days") + "</h2><ul class=\"days\">";
  std::vector<std::pair<std::string, std::string>> keep;
  for (const auto& [day, list] : by_day) {
    const bool current = day == chosen;
    std::vector<std::pair<std::string, std::string>> params;
    for (const auto& [k, v] : p.req.params) {
      if (k != "day" && k != "lang") params.emplace_back(k, v);
    }
    params.emplace_back("day", format_iso_date(day));
    out += "<li><a href=\"" + href(p, p.req.path, params) + "#times-h\"" +
           (current ? " aria-current=\"date\"" : "") + ">" + html_escape(day_label(p, day)) +
           " <span class=\"count\">" +
           t(p, "site.book.free_count", {{"count", std::to_string(list.size())}}) +
           "</span></a></li>";
  }
  out += "</ul><h2 id=\"times-h\">" + t(p, "site.book.times", {{"day", day_label(p, chosen)}}) +
         "</h2><ul class=\"times\">";
  for (const Slot& s : by_day[chosen]) {
    out += "<li><a href=\"" + html_escape(target(s.start)) + "\">" +
           html_escape(local_hhmm(office, s.start)) + "</a></li>";
  }
  out += "</ul>";
  return out;
}

void PublicSite::Impl::book_routes(httplib::Server& http) {
  // Step 1: the office (a region's site has several; one office goes straight to its services).
  http.Get("/book", [this](const httplib::Request& req, httplib::Response& res) {
    SitePage p = begin(req, res);
    if (offices.offices.size() == 1) {
      redirect(p,
               "/book/" + offices.offices.front().id + "?lang=" + std::string(to_string(p.lang)));
      return;
    }
    std::string body = "<h1>" + t(p, "site.book.title") + "</h1><p>" +
                       t(p, "site.book.choose_office") + "</p><ul class=\"choices\">";
    for (const Office& o : offices.offices) {
      body += "<li><a href=\"" + href(p, "/book/" + o.id) + "\">" +
              html_escape(o.name.get(p.lang)) + "</a><br><span>" +
              html_escape(o.address.get(p.lang)) + "</span></li>";
    }
    body += "</ul>";
    send(p, 200, raw(p, "site.book.title"), body);
  });

  // Step 2: the service, with what it is and what to bring (R-KB-1).
  http.Get(R"(/book/([a-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
    SitePage p = begin(req, res);
    const Office* office = offices.find(req.matches[1].str());
    if (!office)
      return refuse(
          p, 404, raw(p, "error.unknown_office"),
          "<p><a href=\"" + href(p, "/book") + "\">" + t(p, "site.book.start") + "</a></p>");
    std::string body = "<h1>" + t(p, "site.book.title") + "</h1><p class=\"where\">" +
                       office_link(p, *office) + " — " + html_escape(office->address.get(p.lang)) +
                       "</p><h2>" + t(p, "site.book.choose_service") + "</h2>";
    body += services_html(p, *office);
    send(p, 200, office->name.get(p.lang), body);
  });

  // Step 3: a day and a free time (R-VISIT-2), days named in the page's language.
  http.Get(R"(/book/([a-z0-9_-]+)/([a-z0-9_-]+))", [this](const httplib::Request& req,
                                                          httplib::Response& res) {
    SitePage p = begin(req, res);
    const Office* office = offices.find(req.matches[1].str());
    const Service* service = office ? office->find_service(req.matches[2].str()) : nullptr;
    if (!service) {
      return refuse(
          p, 404, raw(p, office ? "error.unknown_service" : "error.unknown_office"),
          "<p><a href=\"" + href(p, "/book") + "\">" + t(p, "site.book.start") + "</a></p>");
    }
    const std::string base = "/book/" + office->id + "/" + service->id;
    std::string body = "<h1>" + t(p, "site.book.when") + "</h1><p class=\"where\">" +
                       html_escape(service->name.get(p.lang)) + " — " + office_link(p, *office) +
                       "</p>";
    body += times_html(p, *office, *service, [&](Seconds start) {
      return base + "/details?start=" + std::to_string(start.time_since_epoch().count()) +
             "&lang=" + std::string(to_string(p.lang));
    });
    body += "<p><a href=\"" + href(p, "/book/" + office->id) + "\">" +
            t(p, "site.book.other_service") + "</a></p>";
    send(p, 200, raw(p, "site.book.when"), body);
  });

  // Steps 4-6 share the slot check and the page of the details.
  struct Chosen {
    const Office* office = nullptr;
    const Service* service = nullptr;
    Seconds start{};
  };
  // The office, service and start of the path and ?start=, still offered now; or the refusal.
  auto chosen = [this](SitePage& p) -> std::optional<Chosen> {
    Chosen c;
    c.office = offices.find(p.req.matches[1].str());
    c.service = c.office ? c.office->find_service(p.req.matches[2].str()) : nullptr;
    auto start = parse_start(site_field(p.req, "start"));
    if (!c.service || !start) {
      refuse(p, 404, raw(p, "error.slot_not_offered"),
             "<p><a href=\"" + href(p, "/book") + "\">" + t(p, "site.book.start") + "</a></p>");
      return std::nullopt;
    }
    c.start = *start;
    Slot slot{};
    const SlotCheck check =
        check_slot(*c.office, *c.service, calendar, clock.now(), c.start, &slot);
    if (check != SlotCheck::ok) {
      refuse(p, 409,
             raw(p, check == SlotCheck::in_past ? "error.slot_in_past" : "error.slot_not_offered"),
             "<p><a href=\"" + href(p, "/book/" + c.office->id + "/" + c.service->id) + "\">" +
                 t(p, "site.book.other_time") + "</a></p>");
      return std::nullopt;
    }
    return c;
  };
  auto summary = [this](const SitePage& p, const Chosen& c) {
    return "<dl class=\"summary\"><dt>" + t(p, "site.booking.service") + "</dt><dd>" +
           html_escape(c.service->name.get(p.lang)) + "</dd><dt>" + t(p, "site.booking.time") +
           "</dt><dd>" + html_escape(visit_time(p, *c.office, c.start)) + "</dd><dt>" +
           t(p, "site.booking.office") + "</dt><dd>" + html_escape(c.office->name.get(p.lang)) +
           ", " + html_escape(c.office->address.get(p.lang)) + "</dd></dl>";
  };

  // The details form, with the typed values and, after a refusal, the field's error.
  auto details_page = [this, summary](SitePage& p, const Chosen& c, const DetailsForm& f,
                                      const std::optional<Error>& error) {
    const std::string wrong = error ? field_of(*error) : "";
    const std::string message = error ? error_text(p, *error) : "";
    auto invalid = [&](const char* field) {
      return wrong == field
                 ? std::string(" aria-invalid=\"true\" aria-describedby=\"") + field + "-error\""
                 : std::string();
    };
    auto error_line = [&](const char* field) {
      return wrong == field ? "<p class=\"field-error\" id=\"" + std::string(field) + "-error\">" +
                                  html_escape(message) + "</p>"
                            : std::string();
    };
    auto text_input = [&](const char* field, const char* type, const char* autocomplete,
                          const std::string& value, const char* label_key, const char* hint_key) {
      return "<div class=\"field\"><label for=\"" + std::string(field) + "\">" + t(p, label_key) +
             "</label>" +
             (hint_key ? "<p class=\"hint\" id=\"" + std::string(field) + "-hint\">" +
                             t(p, hint_key) + "</p>"
                       : std::string()) +
             error_line(field) + "<input id=\"" + field + "\" name=\"" + field + "\" type=\"" +
             type + "\" autocomplete=\"" + autocomplete + "\" value=\"" + attr(value) + "\"" +
             invalid(field) + (std::string(field) == "name" ? " required maxlength=\"200\"" : "") +
             "></div>";
    };
    std::string body = "<h1>" + t(p, "site.details.title") + "</h1>" + summary(p, c);
    if (error) {
      body +=
          "<div class=\"notice error\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\"><h2>" +
          t(p, "site.form.problem") + "</h2><p><a href=\"#" + wrong + "\">" + html_escape(message) +
          "</a></p></div>";
    }
    const std::string action = "/book/" + c.office->id + "/" + c.service->id + "/details?start=" +
                               std::to_string(c.start.time_since_epoch().count());
    body +=
        "<form method=\"post\" action=\"" + html_escape(action) + "\" novalidate>" + form_fields(p);
    body += text_input("name", "text", "name", f.name, "site.details.name", nullptr);
    body +=
        text_input("phone", "tel", "tel", f.phone, "site.details.phone", "site.details.phone_hint");
    body += text_input("email", "email", "email", f.email, "site.details.email", nullptr);
    body += notify_fields(p, f.channels, f.reminders, wrong, message);
    body += "<fieldset id=\"need\"" + invalid("need") + "><legend>" + t(p, "site.details.needs") +
            "</legend>" + error_line("need");
    for (Need n :
         {Need::sign_language, Need::tactile_interpreter, Need::wheelchair, Need::large_print}) {
      const std::string v(to_string(n));
      body += checkbox("need", v, raw(p, "need." + v), has(f.needs, v));
    }
    body += "</fieldset><button type=\"submit\">" + t(p, "site.details.next") +
            "</button></form><p><a href=\"" +
            href(p, "/book/" + c.office->id + "/" + c.service->id) + "\">" +
            t(p, "site.book.other_time") + "</a></p>";
    send(p, error ? 422 : 200, raw(p, "site.details.title"), body);
  };

  // The form's values again, hidden, for the consent step.
  auto hidden_details = [](const DetailsForm& f) {
    auto hidden = [](const std::string& name, const std::string& value) {
      return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + attr(value) + "\">";
    };
    std::string out = hidden("name", f.name) + hidden("phone", f.phone) + hidden("email", f.email);
    for (const auto& v : f.channels) out += hidden("channel", v);
    for (const auto& v : f.reminders) out += hidden("reminder", v);
    for (const auto& v : f.needs) out += hidden("need", v);
    return out;
  };

  // The consent as its own step (152-FZ since 01.09.2025): its text and version, one tick.
  auto consent_page = [this, summary, hidden_details](SitePage& p, const Chosen& c,
                                                      const DetailsForm& f, bool refused) {
    const std::string base = "/book/" + c.office->id + "/" + c.service->id;
    const std::string start = std::to_string(c.start.time_since_epoch().count());
    std::string body = "<h1>" + t(p, "site.consent.title") + "</h1>" + summary(p, c);
    if (refused) {
      body +=
          "<div class=\"notice error\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\"><p><a "
          "href=\"#consent\">" +
          t(p, "error.consent_missing") + "</a></p></div>";
    }
    body += "<section class=\"consent-text\" aria-labelledby=\"consent-h\"><h2 id=\"consent-h\">" +
            t(p, "site.consent.heading") + "</h2><p>" + t(p, "site.consent.text") +
            "</p><p class=\"hint\">" +
            t(p, "site.consent.version", {{"version", options.consent_version}}) + "</p></section>";
    body += "<form method=\"post\" action=\"" + html_escape(base + "/confirm?start=" + start) +
            "\">" + form_fields(p) + hidden_details(f) +
            "<input type=\"hidden\" name=\"idem\" value=\"" + random_token(18) + "\">" +
            "<div class=\"check\"><input type=\"checkbox\" id=\"consent\" name=\"consent\" "
            "value=\"" +
            html_escape(options.consent_version) + "\"" +
            (refused ? " aria-invalid=\"true\"" : "") + "><label for=\"consent\">" +
            t(p, "site.consent.agree") + "</label></div><button type=\"submit\">" +
            t(p, "site.consent.book") + "</button></form>";
    body += "<form method=\"post\" action=\"" + html_escape(base + "/details?start=" + start) +
            "\">" + form_fields(p) + hidden_details(f) +
            "<input type=\"hidden\" name=\"edit\" value=\"1\"><button type=\"submit\" "
            "class=\"secondary\">" +
            t(p, "site.consent.edit") + "</button></form>";
    send(p, refused ? 422 : 200, raw(p, "site.consent.title"), body);
  };

  // R-CHAN-1/2 and the client's fields, checked before the consent step (it is checked last).
  auto check_details = [](const DetailsForm& f, const Chosen& c,
                          Language lang) -> Result<BookingRequest> {
    auto request = to_request(f, *c.office, *c.service, c.start, lang);
    if (!request) return request;
    BookingRequest probe = *request;
    probe.consent = {true, "probe", {}};
    if (auto ok = validate_client_fields(probe); !ok) return std::unexpected(ok.error());
    return request;
  };

  // A form of the chosen slot: its CSRF check, then the slot still offered (or the refusal).
  auto on_slot_form = [this, chosen](auto action) {
    return [this, chosen, action](const httplib::Request& req, httplib::Response& res) {
      SitePage p = begin(req, res);
      if (!csrf_ok(p)) return;
      auto c = chosen(p);
      if (!c) return;
      action(p, *c);
    };
  };
  static const std::string kSlot = R"(/book/([a-z0-9_-]+)/([a-z0-9_-]+))";
  http.Get(kSlot + "/details", [this, chosen, details_page](const httplib::Request& req,
                                                            httplib::Response& res) {
    SitePage p = begin(req, res);
    auto c = chosen(p);
    if (!c) return;
    DetailsForm f;
    f.reminders = {"24h", "2h"};  // R-VISIT-3: offered, on unless the client says otherwise
    details_page(p, *c, f, std::nullopt);
  });
  http.Post(kSlot + "/details", on_slot_form([this, details_page, consent_page, check_details](
                                                 SitePage& p, const Chosen& chosen_slot) {
              const Chosen* c = &chosen_slot;
              const httplib::Request& req = p.req;
              const DetailsForm f = read_details(req);
              if (site_field(req, "edit") == "1") return details_page(p, *c, f, std::nullopt);
              auto request = check_details(f, *c, p.lang);
              if (!request) return details_page(p, *c, f, request.error());
              consent_page(p, *c, f, false);
            }));
  http.Post(
      kSlot + "/confirm", on_slot_form([this, details_page, consent_page, check_details](
                                           SitePage& p, const Chosen& chosen_slot) {
        const Chosen* c = &chosen_slot;
        const httplib::Request& req = p.req;
        const DetailsForm f = read_details(req);
        auto request = check_details(f, *c, p.lang);
        if (!request) return details_page(p, *c, f, request.error());
        // 152-FZ: the consent to the text shown now, recorded with its version and time.
        if (site_field(req, "consent") != options.consent_version) {
          return consent_page(p, *c, f, true);
        }
        request->consent = {true, options.consent_version, clock.now()};
        auto admitted = abuse.admit(req, p.res, AbuseGuard::Kind::booking, std::nullopt,
                                    booking_contacts(*request));
        if (!admitted) return throttled(p);
        // A second click, a reload or a retry of this form books once: the form's own key.
        std::optional<IdempotencyKey> idem;
        const std::string key = site_field(req, "idem");
        if (!key.empty() && key.size() <= 64)
          idem = IdempotencyKey{"site:" + key, request_hash(*request)};
        auto outcome = bookings.book(*request, idem, [](const Booking& b) { return b.code; });
        if (!outcome) {
          const Error& e = outcome.error();
          if (e.code == ErrorCode::idempotency_conflict) {
            return refuse(p, 409, raw(p, "site.error.resubmitted"),
                          "<p><a href=\"" + href(p, "/booking") + "\">" + t(p, "site.manage.find") +
                              "</a></p>");
          }
          const bool slot_gone =
              e.code == ErrorCode::slot_taken || e.code == ErrorCode::slot_too_soon ||
              e.code == ErrorCode::slot_in_past || e.code == ErrorCode::slot_not_offered ||
              e.code == ErrorCode::slot_too_far;
          if (!slot_gone) return details_page(p, *c, f, e);
          return refuse(p, 409, error_text(p, e),
                        "<p><a href=\"" + href(p, "/book/" + c->office->id + "/" + c->service->id) +
                            "\">" + t(p, "site.book.other_time") + "</a></p>");
        }
        admitted->keep();
        const std::string code = outcome->replayed ? outcome->response_body : outcome->booking.code;
        spdlog::info("site: booked {}", loggable_path("/booking/" + code));
        redirect_to_booking(p, code, "&new=1");
      }));
}

}  // namespace okno
