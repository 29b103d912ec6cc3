// Offices and services from the administrator's TOML, and the hours that apply on a given day.
#include "okno/office.hpp"
#include "okno/toml_input.hpp"

#include "okno/booking.hpp"
#include "okno/slots.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace okno {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};

// "09:00-18:00" -> a range with begin < end.
std::optional<TimeRange> parse_range(std::string_view s) {
  auto dash = s.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto b = parse_hhmm(s.substr(0, dash));
  auto e = parse_hhmm(s.substr(dash + 1));
  if (!b || !e || *b >= *e) return std::nullopt;
  return TimeRange{*b, *e};
}

struct Ctx {
  std::string where;  // "<source>: office 'demo'"
  Error error(std::string_view what) const {
    return Error{ErrorCode::invalid_value, where + ": " + std::string(what)};
  }
};

Result<LocalizedText> read_text(const toml::table& t, std::string_view key, const Ctx& ctx,
                                bool required) {
  LocalizedText text;
  const auto* node = t.get(key);
  if (!node) {
    if (required) return std::unexpected(ctx.error(std::string(key) + " is missing"));
    return text;
  }
  const auto* tbl = node->as_table();
  if (!tbl) return std::unexpected(ctx.error(std::string(key) + " must be a table of languages"));
  for (auto&& [lang_key, value] : *tbl) {
    auto lang = parse_language(lang_key.str());
    if (!lang)
      return std::unexpected(
          ctx.error(std::string(key) + ": unknown language '" + std::string(lang_key.str()) + "'"));
    auto str = value.value<std::string>();
    if (!str)
      return std::unexpected(
          ctx.error(std::string(key) + "." + std::string(lang_key.str()) + " must be text"));
    text.set(*lang, *str);
  }
  if (required && text.get(Language::ru).empty()) {
    return std::unexpected(ctx.error(std::string(key) + " needs a Russian text (ru)"));
  }
  return text;
}

Result<DayHours> read_day_hours(const toml::node& node, const Ctx& ctx, std::string_view what) {
  DayHours hours;
  auto parse_open = [&](std::string_view s) -> Result<void> {
    if (s == "closed") return {};
    auto r = parse_range(s);
    if (!r)
      return std::unexpected(ctx.error(std::string(what) + ": '" + std::string(s) +
                                       "' is not like 09:00-18:00 or closed"));
    hours.open = *r;
    return {};
  };
  if (auto s = node.value<std::string>()) {
    if (auto r = parse_open(*s); !r) return std::unexpected(r.error());
    return hours;
  }
  const auto* tbl = node.as_table();
  if (!tbl) return std::unexpected(ctx.error(std::string(what) + " must be text or a table"));
  auto open = (*tbl)["open"].value<std::string>();
  if (!open) return std::unexpected(ctx.error(std::string(what) + ".open is missing"));
  if (auto r = parse_open(*open); !r) return std::unexpected(r.error());
  if (const auto* breaks = (*tbl)["breaks"].as_array()) {
    for (auto&& b : *breaks) {
      auto s = b.value<std::string>();
      auto r = s ? parse_range(*s) : std::nullopt;
      if (!r || !hours.open || r->begin < hours.open->begin || r->end > hours.open->end) {
        return std::unexpected(
            ctx.error(std::string(what) + ": a break must be like 13:00-13:45 within the hours"));
      }
      hours.breaks.push_back(*r);
    }
  }
  return hours;
}

Result<Date> read_date(std::string_view s, const Ctx& ctx) {
  auto d = parse_iso_date(s);
  if (!d) return std::unexpected(ctx.error("'" + std::string(s) + "' is not a date"));
  return *d;
}

Result<Service> read_service(const toml::table& t, const Ctx& office_ctx) {
  Service s;
  auto id = t["id"].value<std::string>();
  if (!id || id->empty()) return std::unexpected(office_ctx.error("a service has no id"));
  s.id = *id;
  Ctx ctx{office_ctx.where + ", service '" + s.id + "'"};
  auto name = read_text(t, "name", ctx, true);
  if (!name) return std::unexpected(name.error());
  s.name = std::move(*name);
  s.duration = Minutes{t["duration_min"].value_or(15)};
  s.places_per_slot = t["places"].value_or(1);
  s.horizon_days = t["horizon_days"].value_or(30);
  s.min_lead_time = Minutes{t["lead_time_min"].value_or(60)};
  auto letter = t["letter"].value_or(std::string("A"));
  if (s.duration.count() < 5 || s.duration.count() > 480)
    return std::unexpected(ctx.error("duration_min must be 5..480"));
  if (s.places_per_slot < 1 || s.places_per_slot > 100)
    return std::unexpected(ctx.error("places must be 1..100"));
  if (s.horizon_days < 1 || s.horizon_days > 366)
    return std::unexpected(ctx.error("horizon_days must be 1..366"));
  if (s.min_lead_time.count() < 0) return std::unexpected(ctx.error("lead_time_min must be >= 0"));
  if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'Z')
    return std::unexpected(ctx.error("letter must be one capital Latin letter"));
  s.ticket_letter = letter[0];
  return s;
}

Result<Office> read_office(const toml::table& t, std::string_view source) {
  Office o;
  auto id = t["id"].value<std::string>();
  if (!id || id->empty())
    return std::unexpected(
        Error{ErrorCode::invalid_value, std::string(source) + ": an office has no id"});
  o.id = *id;
  Ctx ctx{std::string(source) + ": office '" + o.id + "'"};
  for (auto [key, field] :
       {std::pair{"name", &o.name}, {"short_name", &o.short_name}, {"address", &o.address}}) {
    auto text = read_text(t, key, ctx, true);
    if (!text) return std::unexpected(text.error());
    *field = std::move(*text);
  }
  auto tz = t["time_zone"].value<std::string>();
  if (!tz) return std::unexpected(ctx.error("time_zone is missing"));
  o.time_zone_name = *tz;
  try {
    o.zone = date::locate_zone(o.time_zone_name);
  } catch (const std::exception&) {
    return std::unexpected(ctx.error("unknown time zone '" + o.time_zone_name + "'"));
  }
  const auto* hours = t["hours"].as_table();
  if (!hours) return std::unexpected(ctx.error("hours is missing"));
  std::optional<std::vector<TimeRange>> common_breaks;
  if (const auto* breaks = (*hours)["breaks"].as_array()) {
    common_breaks.emplace();
    for (auto&& b : *breaks) {
      auto s = b.value<std::string>();
      auto r = s ? parse_range(*s) : std::nullopt;
      if (!r) return std::unexpected(ctx.error("hours.breaks: each must be like 13:00-13:45"));
      common_breaks->push_back(*r);
    }
  }
  for (size_t i = 0; i < kWeekdayKeys.size(); ++i) {
    const auto* node = hours->get(kWeekdayKeys[i]);
    if (!node) continue;  // closed
    auto day = read_day_hours(*node, ctx, "hours." + std::string(kWeekdayKeys[i]));
    if (!day) return std::unexpected(day.error());
    if (day->breaks.empty() && common_breaks && day->open) {
      for (const auto& b : *common_breaks) {
        if (b.begin >= day->open->begin && b.end <= day->open->end) day->breaks.push_back(b);
      }
    }
    o.weekly[i] = std::move(*day);
  }
  if (const auto* dir = t["directions"].as_table()) {
    for (auto [key, field] : {std::pair{"transit", &o.directions.transit},
                              {"entrance", &o.directions.entrance},
                              {"floor", &o.directions.floor}}) {
      auto text = read_text(*dir, key, ctx, false);
      if (!text) return std::unexpected(text.error());
      *field = std::move(*text);
    }
  }
  if (const auto* services = t["service"].as_array()) {
    std::set<std::string> ids;
    for (auto&& node : *services) {
      const auto* st = node.as_table();
      if (!st) return std::unexpected(ctx.error("[[office.service]] must be a table"));
      auto s = read_service(*st, ctx);
      if (!s) return std::unexpected(s.error());
      if (!ids.insert(s->id).second)
        return std::unexpected(ctx.error("service '" + s->id + "' twice"));
      o.services.push_back(std::move(*s));
    }
  }
  if (const auto* desks = t["desk"].as_array()) {
    for (auto&& node : *desks) {
      const auto* dt = node.as_table();
      if (!dt) return std::unexpected(ctx.error("[[office.desk]] must be a table"));
      Desk d;
      d.id = (*dt)["id"].value_or(std::string());
      if (d.id.empty()) return std::unexpected(ctx.error("a desk has no id"));
      auto name = read_text(*dt, "name", ctx, true);
      if (!name) return std::unexpected(name.error());
      d.name = std::move(*name);
      d.floor = (*dt)["floor"].value_or(1);
      if (const auto* svc = (*dt)["services"].as_array()) {
        for (auto&& sv : *svc) {
          auto sid = sv.value<std::string>();
          if (!sid || !o.find_service(*sid))
            return std::unexpected(ctx.error("desk '" + d.id + "' serves an unknown service"));
          d.services.push_back(*sid);
        }
      }
      o.desks.push_back(std::move(d));
    }
  }
  if (const auto* closures = t["closures"].as_array()) {
    for (auto&& c : *closures) {
      auto d = read_date(c.value_or(std::string()), ctx);
      if (!d) return std::unexpected(d.error());
      o.closures.insert(sys_days{*d});
    }
  }
  if (const auto* extras = t["extra_day"].as_array()) {
    for (auto&& node : *extras) {
      const auto* et = node.as_table();
      if (!et) return std::unexpected(ctx.error("[[office.extra_day]] must be a table"));
      auto d = read_date((*et)["date"].value_or(std::string()), ctx);
      if (!d) return std::unexpected(d.error());
      const auto* h = et->get("hours");
      if (!h) return std::unexpected(ctx.error("extra_day needs hours"));
      auto day = read_day_hours(*h, ctx, "extra_day.hours");
      if (!day) return std::unexpected(day.error());
      o.extra_days[sys_days{*d}] = std::move(*day);
    }
  }
  // The office's e-mail address: the ORGANIZER of its calendar files (RFC 5546 needs one in
  // PUBLISH and CANCEL), where a client's calendar sends a reply.
  auto email = t["email"].value<std::string>();
  if (!email) return std::unexpected(ctx.error("email is missing"));
  // ASCII only: it goes into a mailto: URI as it is.
  const bool ascii = std::all_of(email->begin(), email->end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii || !is_valid_email(*email))
    return std::unexpected(ctx.error("email '" + *email + "' is not an ASCII e-mail address"));
  o.email = *email;
  // R-VISIT-13: the federal five criteria (Decree 1284) after the rulebook's two questions.
  if (const auto* node = t.get("federal_survey")) {
    auto on = node->value<bool>();
    if (!on) return std::unexpected(ctx.error("federal_survey must be true or false"));
    o.federal_survey = *on;
  }
  return o;
}

}  // namespace

std::optional<Minutes> parse_hhmm(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  auto r1 = std::from_chars(s.data(), s.data() + 2, h);
  auto r2 = std::from_chars(s.data() + 3, s.data() + 5, m);
  if (r1.ec != std::errc{} || r1.ptr != s.data() + 2 || r2.ec != std::errc{} ||
      r2.ptr != s.data() + 5 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
    return std::nullopt;
  }
  return Minutes{h * 60 + m};
}

const Service* Office::find_service(std::string_view service_id) const {
  for (const auto& s : services) {
    if (s.id == service_id) return &s;
  }
  return nullptr;
}

DayHours Office::hours_on(Date day, const ProductionCalendar& calendar) const {
  const sys_days sd{day};
  if (closures.contains(sd)) return {};
  if (auto it = extra_days.find(sd); it != extra_days.end()) return it->second;
  const auto weekday_hours = [&](sys_days d) -> const DayHours& {
    return weekly[weekday{d}.iso_encoding() - 1];  // 1 = Monday ... 7 = Sunday
  };
  const DayHours& own = weekday_hours(sd);
  // The calendar decides only the days it lists: holidays, decreed days off, decreed working
  // weekends and shortened days. Every other day, an ordinary Saturday or Sunday included,
  // follows the office's own weekly hours (a Saturday office is open on Saturdays).
  const CalendarException* listed = calendar.exception(day);
  if (listed == nullptr) return own;
  const bool weekend = weekday{sd} == Saturday || weekday{sd} == Sunday;
  // A decreed working weekend day is worked instead of the weekday whose day off was moved
  // from it (the record with moved_from = this day): it gets that weekday's hours. If the
  // calendar names no such day it gets Friday's hours; if the office is closed on that
  // weekday anyway, the decree changes nothing for it and its own weekend hours stay.
  const auto decreed_working_weekend = [&]() -> DayHours {
    const auto replaced = calendar.day_off_moved_from(day);
    const DayHours& instead = replaced ? weekday_hours(sys_days{*replaced}) : weekly[4];
    return instead.open ? instead : own;
  };
  switch (listed->kind) {
    case DayKind::day_off:
      return {};  // a public holiday (on a weekend too) or a decreed day off closes the office
    case DayKind::working:
      return own;  // never listed, but harmless
    case DayKind::working_weekend:
      return decreed_working_weekend();
    case DayKind::shortened: {
      // One hour less at the end of the day (art. 95 of the Labour Code); a shortened
      // Saturday or Sunday is also a decreed working weekend day.
      DayHours h = weekend ? decreed_working_weekend() : own;
      if (h.open) {
        h.open->end -= Minutes{calendar.shortened_by_minutes(day)};
        if (h.open->end <= h.open->begin) return {};
        std::erase_if(h.breaks, [&](const TimeRange& b) { return b.begin >= h.open->end; });
        for (auto& b : h.breaks) b.end = std::min(b.end, h.open->end);
      }
      return h;
    }
  }
  return own;
}

std::map<std::string, std::string, std::less<>> hotline_constants(const Hotline& hotline) {
  std::map<std::string, std::string, std::less<>> out;
  if (!hotline.phone.empty()) out["hotline"] = hotline.phone;
  if (!hotline.hours.empty()) out["hotline_hours"] = hotline.hours;
  return out;
}

const Office* OfficeDirectory::find(std::string_view office_id) const {
  for (const auto& o : offices) {
    if (o.id == office_id) return &o;
  }
  return nullptr;
}

Result<OfficeDirectory> parse_offices_toml(std::string_view toml_text,
                                           std::string_view source_name) {
  auto parsed = parse_toml(toml_text, source_name);
  if (!parsed) return std::unexpected(parsed.error());
  const toml::table& root = *parsed;
  OfficeDirectory dir;
  const auto* offices = root["office"].as_array();
  if (!offices || offices->empty())
    return fail(ErrorCode::invalid_value, std::string(source_name) + ": no [[office]]");
  std::set<std::string> ids;
  for (auto&& node : *offices) {
    const auto* t = node.as_table();
    if (!t)
      return fail(ErrorCode::invalid_value,
                  std::string(source_name) + ": [[office]] must be a table");
    auto office = read_office(*t, source_name);
    if (!office) return std::unexpected(office.error());
    if (!ids.insert(office->id).second)
      return fail(ErrorCode::invalid_value,
                  std::string(source_name) + ": office '" + office->id + "' twice");
    dir.offices.push_back(std::move(*office));
  }
  if (const auto* hotline = root["hotline"].as_table()) {
    for (auto [key, field] :
         {std::pair{"phone", &dir.hotline.phone}, std::pair{"hours", &dir.hotline.hours}}) {
      const auto value = (*hotline)[key].value<std::string>();
      if (!value || value->empty())
        return fail(ErrorCode::invalid_value,
                    std::string(source_name) + ": [hotline] " + key + " must be a text");
      *field = *value;
    }
  }
  return dir;
}

Result<OfficeDirectory> load_offices_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::invalid_value, file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_offices_toml(text.str(), file.string());
}

}  // namespace okno
