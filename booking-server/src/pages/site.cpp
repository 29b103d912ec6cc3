// The public site's wiring (site.hpp): loads its layout, styles, the service information and the
// floor plans, and hands each page group its routes; the start page, the view switch and the
// site's static files live here.
#include "okno/server/pages/site.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "okno/server/pages/page_kit.hpp"
#include "okno/server/pages/site_kit.hpp"
#include "okno/server/staff/staff_auth.hpp"

namespace okno {
namespace {

Result<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::internal, "cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "/book?lang=en": a path on this site, never "//elsewhere" or "https://...".
bool local_path(const std::string& s) {
  return !s.empty() && s[0] == '/' && (s.size() == 1 || (s[1] != '/' && s[1] != '\\')) &&
         s.find_first_of("\r\n") == std::string::npos;
}

}  // namespace

Result<std::unique_ptr<PublicSite>> PublicSite::create(SiteOptions options, const Catalog& catalog,
                                                       const OfficeDirectory& offices,
                                                       const ProductionCalendar& calendar,
                                                       BookingService& bookings, const Clock& clock,
                                                       AbuseGuard& abuse, SiteVisits visits) {
  const auto assets = options.assets;
  auto impl = std::make_unique<Impl>(std::move(options), catalog, offices, calendar, bookings,
                                     clock, abuse, std::move(visits));
  auto layout = read_file(assets / "web" / "site.html");
  if (!layout) return std::unexpected(layout.error());
  impl->layout = std::move(*layout);
  auto css = read_file(assets / "web" / "site.css");
  if (!css) return std::unexpected(css.error());
  impl->stylesheet = std::move(*css);
  auto js = read_file(assets / "web" / "site.js");
  if (!js) return std::unexpected(js.error());
  impl->script = std::move(*js);
  // R-KB-1: one file per office, kept by the units responsible (the kiosk reads the same).
  for (const Office& office : offices.offices) {
    const auto file = assets / "knowledge" / (office.id + ".toml");
    if (!std::filesystem::exists(file)) continue;
    auto kb = load_knowledge(file);
    if (!kb) return std::unexpected(kb.error());
    impl->knowledge[office.id] = std::move(*kb);
  }
  // R-VISIT-5/8: the floor plans the kiosk draws, one file per hall, naming its office.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(assets / "kiosk", ec)) {
    if (entry.path().extension() != ".toml") continue;
    auto plan = load_floor_plan(entry.path());
    if (!plan) return std::unexpected(plan.error());
    impl->floor_plans[plan->office].push_back(std::move(*plan));
  }
  return std::unique_ptr<PublicSite>(new PublicSite(std::move(impl)));
}

PublicSite::PublicSite(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PublicSite::~PublicSite() = default;

void PublicSite::routes(httplib::Server& http) {
  Impl& s = *impl_;
  // The start page is the booking (R-VISIT-1: the site is first of all where one books).
  http.Get("/", [&s](const httplib::Request& req, httplib::Response& res) {
    SitePage p = s.begin(req, res);
    s.redirect(p, "/book?lang=" + std::string(to_string(p.lang)));
  });
  // Large print and high contrast (as the kiosk has): a link that sets the view cookie and goes
  // back where it came from. A GET on purpose: it changes only how this browser shows pages.
  http.Get("/view", [&s](const httplib::Request& req, httplib::Response& res) {
    SitePage p = s.begin(req, res);
    const std::string set = site_field(req, "set");
    std::string view = cookie_value(req, "okno_site_view");
    if (set.size() == 2 && (set[0] == 'L' || set[0] == 'C') && (set[1] == '0' || set[1] == '1')) {
      std::erase(view, set[0]);
      if (set[1] == '1') view += set[0];
    }
    view.erase(
        std::remove_if(view.begin(), view.end(), [](char c) { return c != 'L' && c != 'C'; }),
        view.end());
    for (const auto& c : p.cookies) res.set_header("Set-Cookie", c);
    res.set_header("Set-Cookie", "okno_site_view=" + view +
                                     "; Path=/; Max-Age=31536000; SameSite=Lax" +
                                     (s.options.secure_cookies ? "; Secure" : ""));
    std::string back = site_field(req, "back");
    if (!local_path(back)) back = "/book";
    const char* join = back.find('?') == std::string::npos ? "?" : "&";
    if (back.find("lang=") == std::string::npos) {
      back += join + std::string("lang=") + std::string(to_string(p.lang));
    }
    res.set_redirect(back, 303);
  });
  http.Get(R"(/site/assets/(site\.css|site\.js))",
           [&s](const httplib::Request& req, httplib::Response& res) {
             const bool css = req.matches[1].str() == "site.css";
             res.set_header("Cache-Control", "public, max-age=3600");
             res.set_header("X-Content-Type-Options", "nosniff");
             res.set_content(css ? s.stylesheet : s.script,
                             css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
           });
  s.book_routes(http);
  s.manage_routes(http);
  s.survey_routes(http);
  s.office_routes(http);
}

}  // namespace okno
