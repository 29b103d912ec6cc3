// The staff console's pages (see staff_console.hpp). Pages answer with a strict Content Security
// Policy (scripts and styles from this server only), never cached, never framed.
#include "okno/server/pages/staff_console.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using nlohmann::json;

struct View {
  const char* name;       // URL /staff/<name> and template <name>.html
  const char* title_key;  // catalog key of the page title
  StaffRole role;         // who may open it
};
constexpr View kViews[] = {
    {"desk", "staff.desk.title", StaffRole::receptionist},
    {"operator", "staff.op.title", StaffRole::operator_line},
    {"today", "staff.today.title", StaffRole::administrator},
    {"accounts", "staff.accounts.title", StaffRole::administrator},
    {"reports", "staff.reports.title", StaffRole::administrator},
};
// The own password (after an administrator's reset): every role, outside the navigation.
constexpr View kPasswordView = {"password", "staff.password.title", StaffRole::receptionist};

const View* find_view(std::string_view name) {
  for (const auto& v : kViews) {
    if (name == v.name) return &v;
  }
  return nullptr;
}

// Each role starts on its own view.
const char* home_of(StaffRole role) {
  switch (role) {
    case StaffRole::receptionist:
      return "/staff/desk";
    case StaffRole::operator_line:
      return "/staff/operator";
    case StaffRole::administrator:
      return "/staff/today";
  }
  return "/staff/login";
}

const std::map<std::string, std::string>& static_types() {
  static const std::map<std::string, std::string> types = {
      {"console.css", "text/css; charset=utf-8"},
      {"console.js", "text/javascript; charset=utf-8"},
      {"desk.js", "text/javascript; charset=utf-8"},
      {"operator.js", "text/javascript; charset=utf-8"},
      {"today.js", "text/javascript; charset=utf-8"},
      {"accounts.js", "text/javascript; charset=utf-8"},
      {"reports.js", "text/javascript; charset=utf-8"},
      {"password.js", "text/javascript; charset=utf-8"},
  };
  return types;
}

// Keys the page scripts need, for the page's language.
bool script_key(const std::string& key) {
  // kiosk.weekday.*: the weekday names (the operator's slot days, issue 16 item 6).
  for (const char* prefix :
       {"staff.", "need.", "reminder.", "notify.portal", "notify.email", "notify.sms",
        "directions.", "booking.status.", "channel.", "kiosk.weekday."}) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<StaffConsole>> StaffConsole::create(const std::filesystem::path& web_dir,
                                                           StaffAuth& auth,
                                                           const OfficeDirectory& offices,
                                                           const ProductionCalendar& calendar) {
  std::unique_ptr<StaffConsole> c(new StaffConsole(auth, offices, calendar));
  std::vector<std::string> names = {"layout.html", "login.html"};
  for (const auto& v : kViews) names.push_back(std::string(v.name) + ".html");
  names.push_back(std::string(kPasswordView.name) + ".html");
  for (const auto& [name, type] : static_types()) names.push_back(name);
  for (const auto& name : names) {
    std::ifstream in(web_dir / name, std::ios::binary);
    if (!in) return fail(ErrorCode::internal, "cannot read " + (web_dir / name).string());
    std::stringstream text;
    text << in.rdbuf();
    c->files_[name] = text.str();
  }
  return c;
}

std::string StaffConsole::render(const std::string& tmpl, Language lang,
                                 const std::map<std::string, std::string>& vars) const {
  return render_template(tmpl, auth_.catalog(), lang, vars);
}

void StaffConsole::send_page(httplib::Response& res, int status, std::string html) const {
  send_html_page(res, status, std::move(html));
}

std::string StaffConsole::page(const httplib::Request& req, Language lang, const std::string& view,
                               const std::string& title_key, const std::optional<StaffSession>& who,
                               std::map<std::string, std::string> vars) const {
  const Catalog& cat = auth_.catalog();
  // Language switch: each language named in itself (R-VISIT-11).
  std::string langs;
  for (Language l : kAllLanguages) {
    const std::string code(to_string(l));
    langs += "<li><a href=\"?lang=" + code + "\" lang=\"" + code + "\" hreflang=\"" + code + "\"" +
             (l == lang ? " aria-current=\"true\"" : "") + ">" +
             html_escape(cat.text(l, "language.name")) + "</a></li>";
  }
  std::string nav;
  if (who) {
    for (const auto& v : kViews) {
      if (!role_allows(who->role, v.role)) continue;
      const std::string key = std::string("staff.nav.") + v.name;
      nav += "<li><a href=\"/staff/" + std::string(v.name) + "\"" +
             (view == v.name ? " aria-current=\"page\"" : "") + ">" +
             html_escape(cat.text(lang, key)) + "</a></li>";
    }
    vars["user"] =
        cat.text(lang, "staff.nav.signed_in",
                 {{"name", who->display_name},
                  {"role", cat.text(lang, "staff.role." + std::string(to_string(who->role)))}});
    vars["csrf"] = who->csrf_token;
    // R-TIME-1: staff see on every page that a booking horizon reaches a year without data.
    std::string years;
    for (const int y : uncovered_calendar_years(offices_, calendar_, auth_.clock().now())) {
      years += (years.empty() ? "" : ", ") + std::to_string(y);
    }
    if (!years.empty()) {
      vars["&calendar_block"] =
          "<p class=\"message warning\" role=\"alert\" id=\"calendar-warning\">" +
          html_escape(cat.text(lang, "staff.calendar.missing", {{"years", years}})) + "</p>";
    }
    vars["&session_block"] = "<p class=\"user\">" + html_escape(vars["user"]) +
                             "</p><form class=\"logout\" method=\"post\" action=\"/staff/logout\">"
                             "<input type=\"hidden\" name=\"csrf\" value=\"" +
                             html_escape(who->csrf_token) +
                             "\"><button type=\"submit\" class=\"secondary\">" +
                             html_escape(cat.text(lang, "staff.nav.logout")) + "</button></form>";
  }
  json texts = json::object();
  for (const auto& key : cat.all_keys()) {
    if (script_key(key)) texts[key] = cat.text(lang, key);
  }
  json languages = json::array();
  for (Language l : kAllLanguages) {
    languages.push_back({{"code", to_string(l)}, {"name", cat.text(l, "language.name")}});
  }
  json offices = json::array();
  for (const auto& o : offices_.offices) {
    json desks = json::array();
    for (const auto& d : o.desks) {
      desks.push_back({{"id", d.id}, {"name", d.name.get(lang)}, {"services", d.services}});
    }
    json services = json::array();
    for (const auto& sv : o.services)
      services.push_back({{"id", sv.id}, {"name", sv.name.get(lang)}});
    // The office's facts from the configuration, for the operator to read to a caller.
    const json facts = api::office_json(o, lang);
    offices.push_back({{"id", o.id},
                       {"name", o.short_name.get(lang)},
                       {"full_name", o.name.get(lang)},
                       {"zone", o.time_zone_name},  // staff see times on the office's clock
                       {"address", o.address.get(lang)},
                       {"email", o.email},
                       {"hours", facts["hours"]},
                       {"desks", desks},
                       {"services", services}});
  }
  // An open page uses its session every heartbeat_s, a quarter of the idle limit (at most a
  // minute), and warns warn_s before the session's fixed end (console.js).
  const auto& opts = auth_.options();
  const long long heartbeat = std::clamp<long long>(opts.idle_timeout.count() / 4, 1, 60);
  const long long warn = std::min<long long>(10 * 60, opts.absolute_timeout.count() / 4);
  json boot = {
      {"lang", to_string(lang)},
      {"view", view},
      {"texts", texts},
      {"languages", languages},
      {"offices", offices},
      {"consent_version", auth_.options().consent_version},
      {"hotline", {{"phone", offices_.hotline.phone}, {"hours", offices_.hotline.hours}}},
      {"session", {{"heartbeat_s", heartbeat}, {"warn_s", warn}}},
      {"recalls_before_no_show", recalls_before_no_show_},
      {"today", offices_.offices.empty()
                    ? std::string()
                    : format_iso_date(local_date(offices_.offices.front(), auth_.clock().now()))}};
  if (who) {
    json desks = json::array();
    for (const auto& d : who->desks) desks.push_back({{"office", d.office}, {"desk", d.desk}});
    boot["me"] = {{"login", who->login}, {"role", to_string(who->role)}, {"desks", desks}};
  }
  vars["lang"] = std::string(to_string(lang));
  vars["view"] = view;
  vars["title"] = cat.text(lang, title_key);
  vars["&langs"] = langs;
  vars["&nav"] = nav;
  if (vars.contains("message")) {
    const std::string kind = vars.contains("message_kind") ? vars["message_kind"] : "info";
    vars["&message_block"] = "<p class=\"message " + html_escape(kind) + "\" role=\"" +
                             (kind == "error" ? "alert" : "status") + "\" id=\"page-message\">" +
                             html_escape(vars["message"]) + "</p>";
  }
  vars["&boot"] = script_json(boot);
  auto body_it = files_.find(view + ".html");
  std::map<std::string, std::string> plain;
  for (auto& [k, v] : vars) plain[k.rfind('&', 0) == 0 ? k.substr(1) : k] = v;
  plain["content"] = body_it == files_.end() ? "" : render(body_it->second, lang, plain);
  (void)req;
  return render(files_.at("layout.html"), lang, plain);
}

std::string StaffConsole::login_page(const httplib::Request& req, httplib::Response& res,
                                     Language lang, const std::string& message_key,
                                     const std::string& message_kind) const {
  // Sign-in CSRF (double submit): the same random value in an HttpOnly cookie and the form.
  const std::string token = StaffAuth::random_token();
  res.set_header("Set-Cookie", auth_.login_csrf_cookie(token));
  std::map<std::string, std::string> vars = {{"login_csrf", token}};
  if (!message_key.empty()) {
    vars["message"] = auth_.catalog().text(lang, message_key);
    vars["message_kind"] = message_kind;
  }
  return page(req, lang, "login", "staff.login.title", std::nullopt, vars);
}

void StaffConsole::routes(httplib::Server& http) {
  // An exception that escapes a page is a logged 500 page (reply.hpp's guard).
  auto guarded = [this](auto body) {
    return okno::guarded(
        body, [this](const httplib::Request& req, httplib::Response& res, const Error& e) {
          spdlog::error("staff console {}: {}", req.path, e.detail);
          send_page(res, 500, "<!doctype html><title>500</title>");
        });
  };
  // A chosen language is remembered for the next pages.
  auto remember_language = [this](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_param("lang")) return;
    if (auto l = parse_language(req.get_param_value("lang"))) {
      res.set_header("Set-Cookie", std::string(kLanguageCookie) + "=" + std::string(to_string(*l)) +
                                       "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict" +
                                       (auth_.options().secure_cookies ? "; Secure" : ""));
    }
  };

  http.Get("/staff", guarded([this](const httplib::Request& req, httplib::Response& res) {
             auto who = auth_.session(req);
             res.set_redirect(who ? home_of(who->role) : "/staff/login", 303);
           }));

  http.Get("/staff/login",
           guarded([this, remember_language](const httplib::Request& req, httplib::Response& res) {
             const Language lang = auth_.language(req);
             if (auto who = auth_.session(req)) return res.set_redirect(home_of(who->role), 303);
             std::string key;
             if (req.has_param("bye")) key = "staff.login.logged_out";
             if (req.has_param("expired")) key = "staff.login.expired";
             auto html = login_page(req, res, lang, key, "info");
             remember_language(req, res);
             send_page(res, 200, std::move(html));
           }));

  // The sign-in form (application/x-www-form-urlencoded): login, password, csrf.
  http.Post(
      "/staff/login", guarded([this](const httplib::Request& req, httplib::Response& res) {
        const Language lang = auth_.language(req);
        const std::string cookie = cookie_value(req, kLoginCsrfCookie);
        const std::string field = req.get_param_value("csrf");
        if (cookie.empty() || field.size() != cookie.size() ||
            sodium_memcmp(cookie.data(), field.data(), cookie.size()) != 0) {
          auto html = login_page(req, res, lang, "error.csrf_failed", "error");
          return send_page(res, 403, std::move(html));
        }
        auto r = auth_.login(req.get_param_value("login"), req.get_param_value("password"),
                             req.remote_addr);
        if (!r) {
          const Error& e = r.error().error;
          if (r.error().retry_at) {
            const auto wait = *r.error().retry_at - auth_.clock().now();
            res.set_header("Retry-After", std::to_string(std::max<long long>(1, wait.count())));
          }
          auto html =
              login_page(req, res, lang, "error." + std::string(to_string(e.code)), "error");
          return send_page(res, http_status(e.code), std::move(html));
        }
        res.set_header("Set-Cookie", auth_.session_cookie(r->token));
        res.set_redirect(
            r->session.must_change_password ? "/staff/password" : home_of(r->session.role), 303);
      }));

  http.Post("/staff/logout", guarded([this](const httplib::Request& req, httplib::Response& res) {
              auto who = auth_.session(req);
              if (who && auth_.csrf_ok(req, *who)) {
                auth_.audit(*who, "logout", "account:" + who->login);
                auth_.logout(req);
                res.set_header("Set-Cookie", auth_.expired_session_cookie());
                return res.set_redirect("/staff/login?bye=1", 303);
              }
              if (!who) return res.set_redirect("/staff/login", 303);
              send_page(
                  res, 403,
                  page(req, auth_.language(req), "login", "staff.login.title", std::nullopt,
                       {{"message", auth_.catalog().text(auth_.language(req), "error.csrf_failed")},
                        {"message_kind", "error"}}));
            }));

  // After a reset the own password comes first; then the role's view.
  http.Get("/staff/password",
           guarded([this, remember_language](const httplib::Request& req, httplib::Response& res) {
             const Language lang = auth_.language(req);
             auto who = auth_.session(req);
             if (!who) return res.set_redirect("/staff/login?expired=1", 303);
             remember_language(req, res);
             send_page(res, 200,
                       page(req, lang, kPasswordView.name, kPasswordView.title_key, who,
                            {{"home", home_of(who->role)}}));
           }));

  http.Get(R"(/staff/(desk|operator|today|accounts|reports))",
           guarded([this, remember_language](const httplib::Request& req, httplib::Response& res) {
             const View* view = find_view(req.matches[1].str());
             const Language lang = auth_.language(req);
             auto who = auth_.session(req);
             if (!who) return res.set_redirect("/staff/login?expired=1", 303);
             if (who->must_change_password) return res.set_redirect("/staff/password", 303);
             remember_language(req, res);
             if (!role_allows(who->role, view->role)) {
               auth_.audit(*who, "denied", "GET " + req.path, {{"needs", to_string(view->role)}});
               return send_page(
                   res, 403,
                   page(req, lang, "forbidden", "staff.forbidden.title", who,
                        {{"message", auth_.catalog().text(lang, "staff.forbidden.text")},
                         {"message_kind", "error"}}));
             }
             send_page(res, 200, page(req, lang, view->name, view->title_key, who, {}));
           }));

  http.Get(R"(/staff/assets/([a-z]+\.(?:css|js)))",
           [this](const httplib::Request& req, httplib::Response& res) {
             const std::string name = req.matches[1].str();
             auto type = static_types().find(name);
             auto file = files_.find(name);
             if (type == static_types().end() || file == files_.end()) {
               res.status = 404;
               return;
             }
             res.set_header("X-Content-Type-Options", "nosniff");
             res.set_header("Cache-Control", "no-cache");
             res.set_content(file->second, type->second.c_str());
           });
}

}  // namespace okno
