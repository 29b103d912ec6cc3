// The site's booking page (R-VISIT-5, R-VISIT-6): reached from a message's link (the code and
// its secret, NotificationLinks) or by the code with the phone or e-mail it was made with. It
// shows the booking, its QR code and calendar file, the address, directions and floor plan, a
// print version, and lets the client cancel at any moment or move to another offered time.
// A wrong code, a wrong contact and a wrong secret get the same answer and count alike against
// the address (AbuseGuard::code_wrong), so codes cannot be enumerated.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "okno/day_rules.hpp"
#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/server/pages/site_kit.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// The contact typed on the find form is the booking's phone or e-mail.
bool contact_matches(const Booking& b, const std::string& typed) {
  if (typed.empty()) return false;
  if (typed.find('@') != std::string::npos) {
    return !b.request.client.email.empty() && lower(typed) == lower(b.request.client.email);
  }
  auto phone = normalize_phone(typed);
  return phone && !b.request.client.phone.empty() && *phone == b.request.client.phone;
}

std::optional<Seconds> parse_epoch(const std::string& text) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
  return Seconds{std::chrono::seconds{v}};
}

}  // namespace

void PublicSite::Impl::manage_routes(httplib::Server& http) {
  // The same refusal for a wrong code, contact or secret (no hint which), after counting it.
  auto not_found = [this](SitePage& p) {
    abuse.code_wrong(p.req);
    refuse(p, 404, raw(p, "site.manage.not_found"),
           "<p><a href=\"" + href(p, "/booking") + "\">" + t(p, "site.manage.find") + "</a></p>");
  };
  auto find_form = [this](SitePage& p, const std::string& code, const std::string& contact,
                          int status) {
    std::string body =
        "<h1>" + t(p, "site.manage.find") + "</h1><p>" + t(p, "site.manage.find_hint") +
        "</p><form method=\"post\" action=\"/booking\">" + form_fields(p) +
        "<div class=\"field\"><label for=\"code\">" + t(p, "site.manage.code") +
        "</label><p class=\"hint\" id=\"code-hint\">" + t(p, "site.manage.code_hint") +
        "</p><input id=\"code\" name=\"code\" autocomplete=\"off\" "
        "autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"20\" "
        "aria-describedby=\"code-hint\" required value=\"" +
        html_escape(code) + "\"></div><div class=\"field\"><label for=\"contact\">" +
        t(p, "site.manage.contact") +
        "</label><input id=\"contact\" name=\"contact\" "
        "autocomplete=\"tel\" maxlength=\"200\" required value=\"" +
        html_escape(contact) + "\"></div><button type=\"submit\">" + t(p, "site.manage.open") +
        "</button></form>";
    send(p, status, raw(p, "site.manage.find"), body);
  };
  http.Get("/booking", [find_form, this](const httplib::Request& req, httplib::Response& res) {
    SitePage p = begin(req, res);
    find_form(p, "", "", 200);
  });
  // Code + phone or e-mail: the way in without the message (the kiosk slip has the code).
  http.Post("/booking", [this, not_found](const httplib::Request& req, httplib::Response& res) {
    SitePage p = begin(req, res);
    if (!csrf_ok(p)) return;
    if (!abuse.code_allowed(req, res)) return throttled(p);
    const std::string code = upper(site_field(req, "code"));
    const std::string contact = site_field(req, "contact");
    auto b = code.empty() || code.size() > 20 ? Result<Booking>(fail(ErrorCode::booking_not_found))
                                              : bookings.find(code);
    if (!b || !contact_matches(*b, contact)) return not_found(p);
    redirect_to_booking(p, b->code);
  });

  // The booking named by the path with its secret (?t= or the form's field t), or the refusal.
  auto booking_of = [this, not_found](SitePage& p) -> std::optional<Booking> {
    if (!abuse.code_allowed(p.req, p.res)) {
      throttled(p);
      return std::nullopt;
    }
    const std::string code = p.req.matches[1].str();
    if (!secret_ok(code, site_field(p.req, "t"))) {
      not_found(p);
      return std::nullopt;
    }
    auto b = bookings.find(code);
    if (!b) {
      not_found(p);
      return std::nullopt;
    }
    return *b;
  };
  // A handler of a booking's page: the page, its booking (or the refusal sent), and for a form
  // its CSRF check first.
  auto on_booking = [this, booking_of](bool post, auto action) {
    return [this, booking_of, post, action](const httplib::Request& req, httplib::Response& res) {
      SitePage p = begin(req, res);
      if (post && !csrf_ok(p)) return;
      auto b = booking_of(p);
      if (!b) return;
      action(p, *b);
    };
  };
  auto back_link = [this](const SitePage& p, const Booking& b) {
    return "<p><a href=\"" + manage_path(p, b.code) + "\">" + t(p, "site.manage.back") + "</a></p>";
  };

  static const std::string kCode = R"(/booking/([A-Za-z0-9-]{1,20}))";
  http.Get(kCode, [this, booking_of](const httplib::Request& req, httplib::Response& res) {
    SitePage p = begin(req, res);
    auto b = booking_of(p);
    if (!b) return;
    const Office* office = offices.find(b->request.office_id);
    const Service* service = office ? office->find_service(b->request.service_id) : nullptr;
    if (!service) return refuse(p, 404, raw(p, "site.manage.not_found"));
    auto visit = bookings.visit(*b);
    const VisitState state = visit ? visit->state : VisitState::not_checked_in;
    const bool live = b->status == BookingStatus::booked && state == VisitState::not_checked_in;
    const bool print = site_field(req, "print") == "1";
    const std::string& code = b->code;
    std::string body;
    if (site_field(req, "new") == "1" && live) {
      body += "<div class=\"notice success\" role=\"status\"><h1>" + t(p, "site.manage.booked") +
              "</h1><p>" + t(p, "site.manage.booked_hint") + "</p></div>";
    } else {
      body += "<h1>" + t(p, "site.manage.title") + "</h1>";
    }
    if (const std::string done = site_field(req, "done"); done == "moved" || done == "notify") {
      body += "<div class=\"notice success\" role=\"status\"><p>" +
              t(p, done == "moved" ? "site.manage.moved" : "site.notify.done") + "</p></div>";
    }
    if (b->status == BookingStatus::cancelled) {
      body += "<div class=\"notice\" role=\"status\"><p>" + t(p, "site.manage.cancelled") +
              "</p><p><a href=\"" + href(p, "/book/" + office->id + "/" + service->id) + "\">" +
              t(p, "site.manage.book_again") + "</a></p></div>";
    } else if (state != VisitState::not_checked_in) {
      body += "<div class=\"notice\" role=\"status\"><p>" +
              t(p, "site.manage.state." + std::string(to_string(state))) + "</p></div>";
    }
    // The code, large, with its QR for the kiosk's scanner.
    body += "<div class=\"code-block\"><p>" + t(p, "site.manage.code") +
            "</p><p class=\"code\" lang=\"en\">" + html_escape(code) + "</p>";
    if (live) {
      body += "<img class=\"qr\" width=\"160\" height=\"160\" src=\"/api/v1/bookings/" +
              html_escape(code) + "/qr.svg\" alt=\"" +
              html_escape(raw(p, "site.manage.qr_alt", {{"code", code}})) + "\">";
    }
    body += "</div>";
    std::string channels;
    for (NotifyChannel c : b->request.notify.all()) {
      if (!channels.empty()) channels += ", ";
      channels += raw(p, c == NotifyChannel::portal ? "channel.portal"
                                                    : "site.channel." + std::string(to_string(c)));
    }
    std::string reminders;
    for (Reminder r : b->request.reminders) {
      if (!reminders.empty()) reminders += ", ";
      reminders += raw(p, "reminder." + std::string(to_string(r)));
    }
    std::string needs;
    for (Need n : b->request.needs) {
      if (!needs.empty()) needs += ", ";
      needs += raw(p, "need." + std::string(to_string(n)));
    }
    body += "<dl class=\"summary\"><dt>" + t(p, "site.booking.service") + "</dt><dd>" +
            html_escape(service->name.get(p.lang)) + "</dd><dt>" + t(p, "site.booking.time") +
            "</dt><dd>" + html_escape(visit_time(p, *office, b->request.start)) + "</dd><dt>" +
            t(p, "site.booking.office") + "</dt><dd>" + html_escape(office->name.get(p.lang)) +
            "</dd><dt>" + t(p, "site.booking.name") + "</dt><dd>" +
            html_escape(b->request.client.name) + "</dd><dt>" + t(p, "site.details.channels") +
            "</dt><dd>" + html_escape(channels.empty() ? raw(p, "site.manage.none") : channels) +
            "</dd><dt>" + t(p, "site.details.reminders") + "</dt><dd>" +
            html_escape(reminders.empty() ? raw(p, "site.manage.none") : reminders) + "</dd>";
    if (!needs.empty()) {
      body += "<dt>" + t(p, "site.details.needs") + "</dt><dd>" + html_escape(needs) + "</dd>";
    }
    body += "</dl>";
    if (live && !print) {
      body += "<ul class=\"actions\"><li><a class=\"button\" href=\"/api/v1/bookings/" +
              html_escape(code) + "/calendar.ics\" download=\"okno-" + html_escape(code) +
              ".ics\">" + t(p, "site.manage.ics") + "</a></li><li><a class=\"button\" href=\"" +
              href(p, "/booking/" + code, {{"t", link_secret(code)}, {"print", "1"}}) + "\">" +
              t(p, "site.manage.print") + "</a></li><li><a class=\"button\" href=\"" +
              href(p, "/booking/" + code + "/move", {{"t", link_secret(code)}}) + "\">" +
              t(p, "site.manage.move") + "</a></li><li><a class=\"button\" href=\"" +
              href(p, "/booking/" + code + "/notify", {{"t", link_secret(code)}}) + "\">" +
              t(p, "site.notify.title") + "</a></li><li><a class=\"button danger\" href=\"" +
              href(p, "/booking/" + code + "/cancel", {{"t", link_secret(code)}}) + "\">" +
              t(p, "site.manage.cancel") + "</a></li></ul>";
    }
    if (b->status == BookingStatus::booked) body += directions_html(p, *office);
    p.print = print;
    send(p, 200, raw(p, "site.manage.title"), body);
  });

  // Cancel at any moment (R-VISIT-6): a page that asks, a form that does it.
  http.Get(kCode + "/cancel", on_booking(false, [this, back_link](SitePage& p, const Booking& b) {
             const Office* office = offices.find(b.request.office_id);
             std::string body =
                 "<h1>" + t(p, "site.cancel.title") + "</h1><p>" +
                 t(p, "site.cancel.question",
                   {{"time", office ? visit_time(p, *office, b.request.start) : ""}}) +
                 "</p><form method=\"post\" action=\"/booking/" + html_escape(b.code) +
                 "/cancel\">" + form_fields(p) + "<input type=\"hidden\" name=\"t\" value=\"" +
                 html_escape(site_field(p.req, "t")) +
                 "\"><button type=\"submit\" class=\"danger\">" + t(p, "site.cancel.confirm") +
                 "</button></form>" + back_link(p, b);
             send(p, 200, raw(p, "site.cancel.title"), body);
           }));
  http.Post(kCode + "/cancel", on_booking(true, [this, back_link](SitePage& p, const Booking& b) {
              auto done = bookings.cancel(b.code, BookingChannel::web);
              if (!done && done.error().code != ErrorCode::booking_cancelled) {
                return refuse(p, 409, error_text(p, done.error()), back_link(p, b));
              }
              spdlog::info("site: cancelled {}", loggable_path("/booking/" + b.code));
              redirect_to_booking(p, b.code);
            }));

  // Move to another offered time: the times (as when booking), a page that asks, a form.
  http.Get(
      kCode + "/move", on_booking(false, [this, back_link](SitePage& p, const Booking& b) {
        const Office* office = offices.find(b.request.office_id);
        const Service* service = office ? office->find_service(b.request.service_id) : nullptr;
        if (!service) return refuse(p, 404, raw(p, "site.manage.not_found"));
        const std::string secret = site_field(p.req, "t");
        const std::string base = "/booking/" + b.code + "/move";
        if (auto start = parse_epoch(site_field(p.req, "start"))) {
          std::string body =
              "<h1>" + t(p, "site.move.title") + "</h1><p>" +
              t(p, "site.move.question",
                {{"from", visit_time(p, *office, b.request.start)},
                 {"to", visit_time(p, *office, *start)}}) +
              "</p><form method=\"post\" action=\"" + html_escape(base) + "\">" + form_fields(p) +
              "<input type=\"hidden\" name=\"t\" value=\"" + html_escape(secret) +
              "\"><input type=\"hidden\" name=\"start\" value=\"" +
              std::to_string(start->time_since_epoch().count()) + "\"><button type=\"submit\">" +
              t(p, "site.move.confirm") + "</button></form>" + back_link(p, b);
          return send(p, 200, raw(p, "site.move.title"), body);
        }
        std::string body =
            "<h1>" + t(p, "site.move.title") + "</h1><p class=\"where\">" +
            t(p, "site.move.now", {{"time", visit_time(p, *office, b.request.start)}}) + "</p>";
        body += times_html(p, *office, *service, [&](Seconds start) {
          return base + "?t=" + secret +
                 "&start=" + std::to_string(start.time_since_epoch().count()) +
                 "&lang=" + std::string(to_string(p.lang));
        });
        body += back_link(p, b);
        send(p, 200, raw(p, "site.move.title"), body);
      }));
  http.Post(kCode + "/move", on_booking(true, [this, back_link](SitePage& p, const Booking& b) {
              auto start = parse_epoch(site_field(p.req, "start"));
              if (!start) return refuse(p, 400, raw(p, "error.slot_not_offered"), back_link(p, b));
              if (*start != b.request.start) {
                auto moved = bookings.reschedule(b.code, *start, BookingChannel::web);
                if (!moved) return refuse(p, 409, error_text(p, moved.error()), back_link(p, b));
              }
              spdlog::info("site: moved {}", loggable_path("/booking/" + b.code));
              redirect_to_booking(p, b.code, "&done=moved");
            }));

  // Change the channels and reminders (R-CHAN-1/2, R-VISIT-3): the form as when booking.
  auto notify_page = [this, back_link](SitePage& p, const Booking& b,
                                       const std::vector<std::string>& channels,
                                       const std::vector<std::string>& reminders,
                                       const std::optional<Error>& error) {
    const std::string wrong =
        !error ? "" : (error->detail.rfind("reminders", 0) == 0 ? "reminder" : "channel");
    const std::string message = error ? error_text(p, *error) : "";
    std::string body = "<h1>" + t(p, "site.notify.title") + "</h1>";
    if (error) {
      body +=
          "<div class=\"notice error\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\"><h2>" +
          t(p, "site.form.problem") + "</h2><p><a href=\"#" + wrong + "\">" + html_escape(message) +
          "</a></p></div>";
    }
    body += "<p class=\"hint\">" + t(p, "site.notify.contacts") +
            "</p><form method=\"post\" action=\"/booking/" + html_escape(b.code) + "/notify\">" +
            form_fields(p) + "<input type=\"hidden\" name=\"t\" value=\"" +
            html_escape(site_field(p.req, "t")) + "\">" +
            notify_fields(p, channels, reminders, wrong, message) + "<button type=\"submit\">" +
            t(p, "site.notify.save") + "</button></form>" + back_link(p, b);
    send(p, error ? 422 : 200, raw(p, "site.notify.title"), body);
  };
  http.Get(kCode + "/notify", on_booking(false, [notify_page](SitePage& p, const Booking& b) {
             std::vector<std::string> channels, reminders;
             for (NotifyChannel c : b.request.notify.all()) channels.emplace_back(to_string(c));
             for (Reminder r : b.request.reminders) reminders.emplace_back(to_string(r));
             notify_page(p, b, channels, reminders, std::nullopt);
           }));
  http.Post(kCode + "/notify", on_booking(true, [this, notify_page](SitePage& p, const Booking& b) {
              const auto channels = site_fields(p.req, "channel");
              const auto reminders = site_fields(p.req, "reminder");
              NotifyChoice notify;
              std::set<Reminder> chosen;
              std::optional<Error> error;
              for (const auto& c : channels) {
                auto channel = parse_notify_channel(c);
                if (!channel) {
                  error = Error{ErrorCode::invalid_channel, "notify: unknown channel"};
                } else if (*channel == NotifyChannel::portal) {
                  notify.mandatory = NotifyChannel::portal;
                } else if (std::find(notify.extra.begin(), notify.extra.end(), *channel) ==
                           notify.extra.end()) {
                  notify.extra.push_back(*channel);
                }
              }
              for (const auto& r : reminders) {
                auto reminder = parse_reminder(r);
                if (!reminder) {
                  error = Error{ErrorCode::invalid_channel, "reminders: unknown reminder"};
                } else {
                  chosen.insert(*reminder);
                }
              }
              if (error) return notify_page(p, b, channels, reminders, error);
              auto changed =
                  bookings.change_notifications(b.code, notify, chosen, BookingChannel::web);
              if (!changed) {
                const ErrorCode code = changed.error().code;
                if (code == ErrorCode::invalid_channel || code == ErrorCode::contact_missing) {
                  return notify_page(p, b, channels, reminders, changed.error());
                }
                return refuse(p, 409, error_text(p, changed.error()));
              }
              spdlog::info("site: notifications changed {}", loggable_path("/booking/" + b.code));
              redirect_to_booking(p, b.code, "&done=notify");
            }));
}

}  // namespace okno
