// What the public site's pages share (site_kit.hpp): language, CSRF, the frame, links, words.
#include "okno/server/pages/site_kit.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "okno/notifications.hpp"
#include "okno/secret.hpp"
#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/server/staff/staff_auth.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

constexpr const char* kLangCookie = "okno_site_lang";
constexpr const char* kCsrfCookie = "okno_site_csrf";
constexpr const char* kViewCookie = "okno_site_view";

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string two(unsigned v) {
  return std::string(1, static_cast<char>('0' + v / 10 % 10)) + static_cast<char>('0' + v % 10);
}

// A token is base64url (random_token): anything else in the cookie is not ours.
bool plausible_token(std::string_view s) {
  if (s.size() < 16 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

std::string site_field(const httplib::Request& req, const std::string& name) {
  return req.has_param(name) ? trim(req.get_param_value(name)) : std::string();
}

std::vector<std::string> site_fields(const httplib::Request& req, const std::string& name) {
  std::vector<std::string> out;
  const size_t n = req.get_param_value_count(name);
  for (size_t i = 0; i < n; ++i) out.push_back(trim(req.get_param_value(name, i)));
  return out;
}

SitePage PublicSite::Impl::begin(const httplib::Request& req, httplib::Response& res) const {
  SitePage p{req, res};
  // ?lang= (a link or the switch) wins and is remembered; then the cookie; then the browser's.
  std::optional<Language> chosen;
  if (req.has_param("lang")) chosen = parse_language(req.get_param_value("lang"));
  if (chosen) {
    p.lang = *chosen;
    if (cookie_value(req, kLangCookie) != to_string(*chosen)) {
      p.cookies.push_back(std::string(kLangCookie) + "=" + std::string(to_string(*chosen)) +
                          "; Path=/; Max-Age=31536000; SameSite=Lax" +
                          (options.secure_cookies ? "; Secure" : ""));
    }
  } else if (auto c = parse_language(cookie_value(req, kLangCookie))) {
    p.lang = *c;
  } else {
    p.lang = negotiate_language(req.get_header_value("Accept-Language"));
  }
  const std::string view = cookie_value(req, kViewCookie);
  p.large = view.find('L') != std::string::npos;
  p.contrast = view.find('C') != std::string::npos;
  p.csrf = cookie_value(req, kCsrfCookie);
  if (!plausible_token(p.csrf)) {
    p.csrf = random_token(24);
    p.cookies.push_back(std::string(kCsrfCookie) + "=" + p.csrf +
                        "; Path=/; HttpOnly; SameSite=Lax" +
                        (options.secure_cookies ? "; Secure" : ""));
  }
  return p;
}

std::string PublicSite::Impl::raw(const SitePage& p, std::string_view key,
                                  const std::map<std::string, std::string>& args) const {
  return catalog.text(p.lang, key, args);
}

std::string PublicSite::Impl::t(const SitePage& p, std::string_view key,
                                const std::map<std::string, std::string>& args) const {
  return html_escape(catalog.text(p.lang, key, args));
}

std::string PublicSite::Impl::href(
    const SitePage& p, const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& params) const {
  // The order of the parameters is the caller's, lang last: links stay readable.
  std::string query;
  for (const auto& [k, v] : params) {
    query += (query.empty() ? "?" : "&") + httplib::detail::encode_query_param(k) + "=" +
             httplib::detail::encode_query_param(v);
  }
  query += std::string(query.empty() ? "?" : "&") + "lang=" + std::string(to_string(p.lang));
  return html_escape(path + query);
}

std::string PublicSite::Impl::form_fields(const SitePage& p) const {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + html_escape(p.csrf) +
         "\"><input type=\"hidden\" name=\"lang\" value=\"" + std::string(to_string(p.lang)) +
         "\">";
}

bool PublicSite::Impl::csrf_ok(SitePage& p) const {
  const std::string cookie = cookie_value(p.req, kCsrfCookie);
  const std::string field = site_field(p.req, "csrf");
  if (plausible_token(cookie) && equal_secret(cookie, field)) return true;
  spdlog::info("site: {} {} refused: CSRF token missing or wrong", p.req.method,
               loggable_path(p.req.path));
  refuse(p, 403, raw(p, "site.error.csrf"),
         "<p><a href=\"" + href(p, "/book") + "\">" + t(p, "site.book.start") + "</a></p>");
  return false;
}

void PublicSite::Impl::send(SitePage& p, int status, const std::string& title,
                            const std::string& body) const {
  const std::string here = p.req.path;
  // This page's own parameters (a booking's secret, the chosen day or time): the switches come
  // back to this very page. A form's answer is not a page to come back to: the switches lead to
  // the start instead.
  std::vector<std::pair<std::string, std::string>> keep;
  for (const auto& [k, v] : p.req.params) {
    if (k != "lang" && k != "csrf" && p.req.method == "GET") keep.emplace_back(k, v);
  }
  // The language switch: each language named in itself, Russian first (R-VISIT-11).
  std::string langs;
  for (Language l : kAllLanguages) {
    SitePage other{p.req, p.res, l};
    const std::string name = catalog.text(l, "language.name");
    const bool current = l == p.lang;
    langs += "<li><a href=\"" + href(other, p.req.method == "GET" ? here : "/book", keep) +
             "\" lang=\"" + std::string(to_string(l)) + "\" hreflang=\"" +
             std::string(to_string(l)) + "\"" + (current ? " aria-current=\"true\"" : "") + ">" +
             html_escape(name) + "</a></li>";
  }
  // The view switch (large print, high contrast): a GET that sets a cookie and comes back, with
  // the page's parameters (without them a booking's page would be "not found").
  std::string back = p.req.method == "GET" ? here : "/book";
  for (size_t i = 0; i < keep.size(); ++i) {
    back += (i == 0 ? "?" : "&") + httplib::detail::encode_query_param(keep[i].first) + "=" +
            httplib::detail::encode_query_param(keep[i].second);
  }
  auto view_link = [&](const char* flag, bool on, const char* key) {
    return "<li><a href=\"" +
           href(p, "/view", {{"set", std::string(flag) + (on ? "0" : "1")}, {"back", back}}) +
           "\"" + (on ? " aria-current=\"true\"" : "") + ">" + t(p, key) + "</a></li>";
  };
  const std::string views =
      view_link("L", p.large, "site.view.large") + view_link("C", p.contrast, "site.view.contrast");
  std::string classes;
  if (p.large) classes += " large";
  if (p.contrast) classes += " contrast";
  if (p.print) classes += " print-version";
  std::map<std::string, std::string> vars = {
      {"lang", std::string(to_string(p.lang))},
      {"title", title},
      {"classes", classes},
      {"home", href(p, "/book")},
      {"offices_href", href(p, "/offices")},
      {"manage_href", href(p, "/booking")},
      {"hotline", offices.hotline.phone},
      {"hotline_hours", offices.hotline.hours},
  };
  std::map<std::string, std::string> raw_vars = {
      {"langs", langs}, {"views", views}, {"content", body}};
  for (auto& [k, v] : raw_vars) vars[k] = std::move(v);
  std::string html = render_template(layout, catalog, p.lang, vars);
  for (const auto& c : p.cookies) p.res.set_header("Set-Cookie", c);
  p.res.set_header("Content-Language", std::string(to_string(p.lang)));
  send_html_page(p.res, status, std::move(html));
}

void PublicSite::Impl::refuse(SitePage& p, int status, const std::string& message,
                              const std::string& next_html) const {
  std::string body = "<div class=\"notice error\" role=\"alert\"><p>" + html_escape(message) +
                     "</p></div>" + next_html;
  send(p, status, raw(p, "site.error.title"), body);
}

std::string PublicSite::Impl::error_text(const SitePage& p, const Error& e) const {
  return e.words ? e.words(catalog, p.lang) : catalog.error_message(p.lang, e.code);
}

void PublicSite::Impl::redirect(SitePage& p, const std::string& location) const {
  for (const auto& c : p.cookies) p.res.set_header("Set-Cookie", c);
  p.res.set_redirect(location, 303);
}

void PublicSite::Impl::redirect_to_booking(SitePage& p, std::string_view code,
                                           const std::string& extra) const {
  redirect(p, "/booking/" + std::string(code) + "?t=" + link_secret(code) + extra +
                  "&lang=" + std::string(to_string(p.lang)));
}

std::string PublicSite::Impl::services_html(const SitePage& p, const Office& office) const {
  std::string out;
  for (const Service& s : office.services) {
    out += "<section class=\"service\" aria-labelledby=\"svc-" + s.id + "\"><h3 id=\"svc-" + s.id +
           "\">" + html_escape(s.name.get(p.lang)) + "</h3>" + service_info(p, office, s) +
           "<p><a class=\"button\" href=\"" + href(p, "/book/" + office.id + "/" + s.id) + "\">" +
           t(p, "site.book.choose_time_for", {{"service", s.name.get(p.lang)}}) +
           "</a></p></section>";
  }
  return out;
}

std::string PublicSite::Impl::checkbox(const std::string& name, const std::string& value,
                                       const std::string& label, bool checked) const {
  const std::string id = name + "-" + value;
  return "<div class=\"check\"><input type=\"checkbox\" id=\"" + id + "\" name=\"" + name +
         "\" value=\"" + value + "\"" + (checked ? " checked" : "") + "><label for=\"" + id +
         "\">" + html_escape(label) + "</label></div>";
}

std::string PublicSite::Impl::notify_fields(const SitePage& p,
                                            const std::vector<std::string>& channels,
                                            const std::vector<std::string>& reminders,
                                            const std::string& wrong,
                                            const std::string& message) const {
  auto has = [](const std::vector<std::string>& v, const char* x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  auto open = [&](const char* field, const char* legend_key) {
    const bool bad = wrong == field;
    return std::string("<fieldset id=\"") + field + "\"" +
           (bad ? std::string(" aria-describedby=\"") + field + "-error\"" : "") + "><legend>" +
           t(p, legend_key) + "</legend>" +
           (bad ? "<p class=\"field-error\" id=\"" + std::string(field) + "-error\">" +
                      html_escape(message) + "</p>"
                : std::string());
  };
  return open("channel", "site.details.channels") + "<p class=\"hint\">" +
         t(p, "site.details.channels_hint") + "</p>" +
         checkbox("channel", "sms", raw(p, "site.channel.sms"), has(channels, "sms")) +
         checkbox("channel", "email", raw(p, "site.channel.email"), has(channels, "email")) +
         checkbox("channel", "portal", raw(p, "channel.portal"), has(channels, "portal")) +
         "</fieldset>" + open("reminder", "site.details.reminders") +
         checkbox("reminder", "24h", raw(p, "reminder.24h"), has(reminders, "24h")) +
         checkbox("reminder", "2h", raw(p, "reminder.2h"), has(reminders, "2h")) + "</fieldset>";
}

void PublicSite::Impl::throttled(SitePage& p) const {
  const std::string retry = p.res.get_header_value("Retry-After");
  const int status = p.res.status;
  p.res.body.clear();
  refuse(p, status, raw(p, "site.error.throttled", {{"seconds", retry.empty() ? "60" : retry}}),
         "<p><a href=\"" + href(p, "/book") + "\">" + t(p, "site.book.start") + "</a></p>");
}

std::string PublicSite::Impl::day_label(const SitePage& p, Date day) const {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const std::chrono::weekday wd{std::chrono::sys_days{day}};
  const unsigned index = wd.iso_encoding() - 1;
  return raw(p, std::string("kiosk.weekday.") + kDays[index]) + ", " +
         two(static_cast<unsigned>(day.day())) + "." + two(static_cast<unsigned>(day.month())) +
         "." + std::to_string(static_cast<int>(day.year()));
}

std::string PublicSite::Impl::local_hhmm(const Office& office, Seconds t) const {
  const auto local = office.zone->to_local(t);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(
      local - std::chrono::floor<std::chrono::days>(local));
  const auto m = static_cast<unsigned>(minutes.count());
  return two(m / 60) + ":" + two(m % 60);
}

std::string PublicSite::Impl::visit_time(const SitePage& p, const Office& office, Seconds t) const {
  return day_label(p, local_date(office, t)) + ", " + local_hhmm(office, t);
}

std::string PublicSite::Impl::office_link(const SitePage& p, const Office& office) const {
  return "<a href=\"" + href(p, "/offices/" + office.id) + "\">" +
         html_escape(office.name.get(p.lang)) + "</a>";
}

std::string PublicSite::Impl::link_secret(std::string_view code) const {
  return okno::link_secret(options.link_key, code);
}

bool PublicSite::Impl::secret_ok(std::string_view code, std::string_view secret) const {
  return !secret.empty() && equal_secret(link_secret(code), secret);
}

std::string PublicSite::Impl::manage_path(const SitePage& p, std::string_view code) const {
  return href(p, "/booking/" + std::string(code), {{"t", link_secret(code)}});
}

std::string PublicSite::Impl::service_info(const SitePage& p, const Office& office,
                                           const Service& service) const {
  std::string out;
  auto kb = knowledge.find(office.id);
  const ServiceInfo* info = kb == knowledge.end() ? nullptr : kb->second.find(service.id);
  if (!info) return out;
  out += "<dl class=\"service-info\">";
  if (!info->about.get(p.lang).empty()) {
    out += "<dt>" + t(p, "site.service.about") + "</dt><dd>" +
           html_escape(info->about.get(p.lang)) + "</dd>";
  }
  if (!info->documents.get(p.lang).empty()) {
    out += "<dt>" + t(p, "site.service.documents") + "</dt><dd>" +
           html_escape(info->documents.get(p.lang)) + "</dd>";
  }
  if (!info->terms.get(p.lang).empty()) {
    out += "<dt>" + t(p, "site.service.terms") + "</dt><dd>" +
           html_escape(info->terms.get(p.lang)) + "</dd>";
  }
  out += "</dl>";
  return out;
}

std::string PublicSite::Impl::floor_plan_svg(const SitePage& p, const Office& office) const {
  auto it = floor_plans.find(office.id);
  if (it == floor_plans.end()) return {};
  std::string out;
  auto num = [](float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(v));
    return std::string(buf);
  };
  for (const FloorPlan& plan : it->second) {
    const std::string id = "plan-" + office.id + "-" + std::to_string(plan.floor);
    const std::string title = raw(p, "site.plan.title", {{"floor", std::to_string(plan.floor)}});
    // The desks and areas are listed in words too (the SVG's text is for the eye).
    std::string words;
    out += "<figure class=\"plan\"><svg role=\"img\" aria-labelledby=\"" + id +
           "-t\" viewBox=\"0 0 " + num(plan.width) + " " + num(plan.height) +
           "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"" + id + "-t\">" +
           html_escape(title) + "</title>";
    out += "<rect class=\"hall\" x=\"0\" y=\"0\" width=\"" + num(plan.width) + "\" height=\"" +
           num(plan.height) + "\"/>";
    for (const auto& a : plan.areas) {
      out += "<rect class=\"area\" x=\"" + num(a.rect.x) + "\" y=\"" + num(a.rect.y) +
             "\" width=\"" + num(a.rect.w) + "\" height=\"" + num(a.rect.h) + "\"/><text x=\"" +
             num(a.rect.x + a.rect.w / 2) + "\" y=\"" + num(a.rect.y + a.rect.h / 2) + "\">" +
             t(p, a.label_key) + "</text>";
      words += "<li>" + t(p, a.label_key) + "</li>";
    }
    for (const auto& d : plan.desks) {
      std::string name = d.id;
      for (const auto& desk : office.desks) {
        if (desk.id == d.id) name = desk.name.get(p.lang);
      }
      out += "<rect class=\"desk\" x=\"" + num(d.rect.x) + "\" y=\"" + num(d.rect.y) +
             "\" width=\"" + num(d.rect.w) + "\" height=\"" + num(d.rect.h) + "\"/><text x=\"" +
             num(d.rect.x + d.rect.w / 2) + "\" y=\"" + num(d.rect.y + d.rect.h / 2) + "\">" +
             html_escape(name) + "</text>";
      words += "<li>" + html_escape(name) + "</li>";
    }
    out += "<circle class=\"here\" cx=\"" + num(plan.you_are_here.x) + "\" cy=\"" +
           num(plan.you_are_here.y) + "\" r=\"0.6\"/><text class=\"here\" x=\"" +
           num(plan.you_are_here.x + 0.9f) + "\" y=\"" + num(plan.you_are_here.y) + "\">" +
           t(p, "site.plan.kiosk") + "</text></svg><figcaption>" + html_escape(title) +
           ": <ul class=\"inline\">" + words + "<li>" + t(p, "site.plan.kiosk") +
           "</li></ul></figcaption></figure>";
  }
  return out;
}

}  // namespace okno
