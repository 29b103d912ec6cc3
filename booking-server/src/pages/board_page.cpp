// The web board's page, its info poll and its static files (board_page.hpp).
#include "okno/server/pages/board_page.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "okno/opening.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using nlohmann::json;

constexpr std::size_t kRecent = 6;       // earlier calls below the newest
constexpr std::size_t kRecentLarge = 3;  // in the large layout
constexpr long long kFlashMs = 10'000;   // the newest call flashes this long (R-VISIT-10)
constexpr std::size_t kMaxZoneDesks = 64;

// What a board URL asks for: ?lang= (the shown texts' language, default Russian), ?desks=1,2,3
// (the zone), ?large=1, ?sound=0 (screen only), ?volume=0.8 (0 to 1), ?quiet=22:00-07:00
// (office-local ranges when nothing is spoken, comma-separated, may run over midnight).
struct BoardQuery {
  Language lang = Language::ru;
  board::BoardConfig config;
  bool large = false;
  bool sound = true;
  double volume = 1.0;
  std::string quiet;  // as given, for the page's own info URL
};

constexpr std::size_t kMaxQuietRanges = 4;

std::int64_t ms_since_epoch(Seconds t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// "a,b,c" -> its parts, empty ones kept (so that "1,,2" is refused by what reads them).
std::vector<std::string_view> comma_parts(std::string_view list) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  while (from <= list.size()) {
    const std::size_t comma = std::min(list.find(',', from), list.size());
    parts.push_back(list.substr(from, comma - from));
    from = comma + 1;
  }
  return parts;
}

Result<BoardQuery> parse_query(const httplib::Request& req, const Office& office) {
  BoardQuery q;
  if (req.has_param("lang")) {
    auto l = parse_language(req.get_param_value("lang"));
    if (!l || req.get_param_value("lang").size() != 2)
      return fail(ErrorCode::invalid_language, "lang");
    q.lang = *l;
  }
  q.config.language = q.lang;
  if (req.has_param("desks")) {
    const std::string list = req.get_param_value("desks");
    for (const std::string_view part : comma_parts(list)) {
      const std::string id(part);
      const bool known = std::any_of(office.desks.begin(), office.desks.end(),
                                     [&](const Desk& d) { return d.id == id; });
      if (!known) return fail(ErrorCode::unknown_desk, "desks: " + id.substr(0, 16));
      if (std::find(q.config.desks.begin(), q.config.desks.end(), id) == q.config.desks.end())
        q.config.desks.push_back(id);
      if (q.config.desks.size() > kMaxZoneDesks) return fail(ErrorCode::invalid_value, "desks");
    }
  }
  for (const auto& [name, flag] : {std::pair<const char*, bool*>{"large", &q.large},
                                   std::pair<const char*, bool*>{"sound", &q.sound}}) {
    if (!req.has_param(name)) continue;
    const std::string v = req.get_param_value(name);
    if (v != "0" && v != "1") return fail(ErrorCode::invalid_value, name);
    *flag = v == "1";
  }
  if (req.has_param("volume")) {
    const std::string v = req.get_param_value("volume");
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), q.volume);
    if (v.empty() || v.size() > 8 || ec != std::errc{} || end != v.data() + v.size() ||
        !(q.volume >= 0.0 && q.volume <= 1.0))
      return fail(ErrorCode::invalid_value, "volume");
  }
  if (req.has_param("quiet")) {
    q.quiet = req.get_param_value("quiet");
    for (const std::string_view part : comma_parts(q.quiet)) {
      auto range = board::parse_quiet_range(part);
      if (!range || q.config.quiet.size() >= kMaxQuietRanges)
        return fail(ErrorCode::invalid_value, "quiet");
      q.config.quiet.push_back(*range);
    }
  }
  q.config.recent = q.large ? kRecentLarge : kRecent;
  q.config.screen_only = !q.sound;
  return q;
}

std::string read_file(const std::filesystem::path& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<std::unique_ptr<BoardPage>> BoardPage::create(const std::filesystem::path& assets_dir,
                                                     const Catalog& catalog,
                                                     const OfficeDirectory& offices,
                                                     const ProductionCalendar& calendar,
                                                     const Clock& clock) {
  std::unique_ptr<BoardPage> page(new BoardPage(catalog, offices, calendar, clock));
  const std::pair<const char*, std::filesystem::path> files[] = {
      {"board.html", assets_dir / "web" / "board.html"},
      {"board.js", assets_dir / "web" / "board.js"},
      {"board.css", assets_dir / "web" / "board.css"},
      {"chime.wav", assets_dir / "sounds" / "chime.wav"},
  };
  for (const auto& [name, path] : files) {
    bool ok = false;
    page->files_[name] = read_file(path, ok);
    if (!ok) return fail(ErrorCode::internal, "cannot read " + path.string());
  }
  page->notices_file_ = assets_dir / "board" / "notices.toml";
  return page;
}

std::vector<board::Notice> BoardPage::notices() {
  std::lock_guard lock(notices_mutex_);
  std::error_code ec;
  const auto when = std::filesystem::last_write_time(notices_file_, ec);
  if (ec) {
    notices_.clear();
    notices_time_ = {};
    return notices_;
  }
  if (when == notices_time_) return notices_;
  bool ok = false;
  const std::string text = read_file(notices_file_, ok);
  auto parsed = board::parse_notices_toml(text, notices_file_.string());
  if (!parsed) {
    // Keep showing the last good notices; the administrator reads why in the log.
    spdlog::error("board notices: {}", parsed.error().detail);
  } else {
    notices_ = std::move(*parsed);
  }
  notices_time_ = when;
  return notices_;
}

void BoardPage::routes(httplib::Server& http) {
  // Errors of a page are a small page in the board's language (a TV shows it); of the info
  // poll, JSON.
  auto page_error = [this](const httplib::Request& req, httplib::Response& res, const Error& e) {
    Language lang = Language::ru;
    if (req.has_param("lang")) lang = parse_language(req.get_param_value("lang")).value_or(lang);
    if (e.code == ErrorCode::internal) spdlog::error("board page {}: {}", req.path, e.detail);
    const std::string message = catalog_.text(lang, "error." + std::string(to_string(e.code)));
    send_html_page(res, http_status(e.code),
                   "<!doctype html><html lang=\"" + std::string(to_string(lang)) +
                       "\"><head><meta charset=\"utf-8\"><title>" + html_escape(message) +
                       "</title></head><body><main><h1>" + html_escape(message) + "</h1><p>" +
                       html_escape(e.code == ErrorCode::internal ? "" : e.detail) +
                       "</p></main></body></html>");
  };

  http.Get(R"(/board/([^/]+))",
           guarded(
               [this, page_error](const httplib::Request& req, httplib::Response& res) {
                 const Office* office = offices_.find(req.matches[1].str());
                 if (!office) return page_error(req, res, Error{ErrorCode::unknown_office, {}});
                 auto q = parse_query(req, *office);
                 if (!q) return page_error(req, res, q.error());
                 const Language lang = q->lang;
                 const Seconds now = clock_.now();
                 json desks = json::object();
                 for (const auto& d : office->desks) desks[d.id] = d.name.get(lang);
                 json services = json::array();
                 for (const auto& s : office->services) {
                   if (board::service_in_zone(q->config, *office, s.id))
                     services.push_back({{"id", s.id}, {"name", s.name.get(lang)}});
                 }
                 json texts = json::object();
                 for (const auto& key : catalog_.all_keys()) {
                   if (key.rfind("board.", 0) == 0 && key.rfind("board.say.", 0) != 0 &&
                       key.rfind("board.letter.", 0) != 0)
                     texts[key] = catalog_.text(lang, key);
                 }
                 std::string hours;
                 for (const auto& line : describe_hours(*office, calendar_, now, catalog_, lang))
                   hours += (hours.empty() ? "" : " · ") + line;
                 const std::string base = "/api/v1/offices/" + office->id;
                 std::string query = "?lang=" + std::string(to_string(lang));
                 if (!q->config.desks.empty()) {
                   query += "&desks=";
                   for (std::size_t i = 0; i < q->config.desks.size(); ++i)
                     query += (i ? "," : "") + q->config.desks[i];
                 }
                 if (!q->sound) query += "&sound=0";
                 if (!q->quiet.empty()) query += "&quiet=" + q->quiet;
                 const json boot = {
                     {"office", office->id},
                     {"lang", to_string(lang)},
                     {"tz", office->time_zone_name},
                     {"date", format_iso_date(local_date(*office, now))},
                     {"zone", q->config.desks},
                     {"recent", q->config.recent},
                     {"flash_ms", kFlashMs},
                     {"sound", q->sound},
                     // Whether to speak now (screen only, quiet hours); the info poll updates it.
                     {"speaks", board::speaks_at(q->config, *office, now)},
                     {"volume", q->volume},
                     // The server's clock: the page shows this time, not the TV's own.
                     {"now_ms", ms_since_epoch(now)},
                     {"large", q->large},
                     {"desks", desks},
                     {"services", services},
                     {"texts", texts},
                     {"hours", hours},
                     {"events_url", base + "/events"},
                     {"queue_url", base + "/queue"},
                     {"info_url", "/board/" + office->id + "/info" + query},
                     {"audio_base", base + "/announcements/"},
                     {"chime_url", "/board/assets/chime.wav"},
                 };
                 std::map<std::string, std::string> vars = {
                     {"lang", std::string(to_string(lang))},
                     {"title", office->short_name.get(lang) + " — " +
                                   catalog_.text(lang, "board.web.title")},
                     {"agency", office->name.get(lang)},
                     {"hours", hours},
                     {"body_class", q->large ? "large" : "normal"},
                     {"boot", script_json(boot)},
                 };
                 send_html_page(res, 200,
                                render_template(files_.at("board.html"), catalog_, lang, vars));
               },
               page_error));

  // Today's hours (they change at midnight and with the time: "closes at 18:00") and the
  // notices, polled by the page every 30 s; also its check that the server answers.
  http.Get(R"(/board/([^/]+)/info)",
           guarded(
               [this](const httplib::Request& req, httplib::Response& res) {
                 const Office* office = offices_.find(req.matches[1].str());
                 if (!office)
                   return send_error(req, res, Error{ErrorCode::unknown_office, {}}, catalog_);
                 auto q = parse_query(req, *office);
                 if (!q) return send_error(req, res, q.error(), catalog_);
                 const Seconds now = clock_.now();
                 json shown = json::array();
                 for (const auto& n : notices()) {
                   if (!n.office.empty() && n.office != office->id) continue;
                   json texts = json::object();
                   for (Language l : kAllLanguages)
                     texts[std::string(to_string(l))] = n.text.get(l);
                   shown.push_back(texts);
                 }
                 res.set_header("Cache-Control", "no-store");
                 send_json(res, 200,
                           {{"date", format_iso_date(local_date(*office, now))},
                            {"hours", describe_hours(*office, calendar_, now, catalog_, q->lang)},
                            {"notices", shown},
                            {"speaks", board::speaks_at(q->config, *office, now)},
                            {"now_ms", ms_since_epoch(now)}});
               },
               json_errors(catalog_)));

  http.Get(R"(/board/assets/(board\.js|board\.css|chime\.wav))",
           [this](const httplib::Request& req, httplib::Response& res) {
             const std::string name = req.matches[1].str();
             const char* type = name.ends_with(".js")    ? "text/javascript; charset=utf-8"
                                : name.ends_with(".css") ? "text/css; charset=utf-8"
                                                         : "audio/wav";
             res.set_header("X-Content-Type-Options", "nosniff");
             res.set_header("Cache-Control", "no-cache");
             res.set_content(files_.at(name), type);
           });
}

}  // namespace okno
