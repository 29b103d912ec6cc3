// The waiting-room board's words, state and announcement queue (see okno/board.hpp).
#include "okno/board.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <memory>

#include <date/tz.h>
#include <unicode/fieldpos.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include "okno/toml_input.hpp"

namespace okno::board {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// One formatter per language and thread: ICU formatters are costly to build and not promised
// to be safe to share between threads (the server formats on its request threads).
const icu::RuleBasedNumberFormat* formatter(Language lang) {
  thread_local std::array<std::unique_ptr<icu::RuleBasedNumberFormat>, kAllLanguages.size()> cache;
  auto& slot = cache[static_cast<std::size_t>(lang)];
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(to_string(lang)).c_str());
    slot = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, locale, status);
    if (U_FAILURE(status)) slot.reset();
  }
  return slot.get();
}

// ICU's words cleaned for speech and display: Armenian compounds carry soft hyphens (U+00AD)
// between their parts; ICU 72's Belarusian rules write "адзiн" with a Latin i for "адзін".
std::string clean_spelled(Language lang, const icu::UnicodeString& words) {
  icu::UnicodeString text = words;
  text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00AD)), icu::UnicodeString());
  if (lang == Language::be) {
    text.findAndReplace(icu::UnicodeString(static_cast<UChar>(u'i')),
                        icu::UnicodeString(static_cast<UChar>(0x0456)));
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

// The ordinal ("бірінші", "second"), from the language's ordinal rule set; Armenian has none in
// ICU 72, so its few irregular ordinals are here and the rest take -երորդ.
std::string spell_ordinal(Language lang, int n) {
  assert(n >= 0);
  if (lang == Language::hy) {
    static constexpr std::array<std::string_view, 4> kFirst = {"առաջին", "երկրորդ", "երրորդ",
                                                               "չորրորդ"};
    if (n >= 1 && n <= 4) return std::string(kFirst[static_cast<std::size_t>(n - 1)]);
    return spell_number(lang, n) + "երորդ";
  }
  const auto* f = formatter(lang);
  if (!f) return std::to_string(n);
  const char* rule_set = lang == Language::ru || lang == Language::be
                             ? "%spellout-ordinal-masculine"  // вызов, выклік
                             : "%spellout-ordinal";
  UErrorCode status = U_ZERO_ERROR;
  icu::FieldPosition pos;
  icu::UnicodeString words;
  f->format(static_cast<int32_t>(n), icu::UnicodeString(rule_set, -1, US_INV), words, pos, status);
  if (U_FAILURE(status)) return spell_number(lang, n);
  return clean_spelled(lang, words);
}

int to_int(std::string_view digits) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || ptr != digits.data() + digits.size()) return -1;
  return value;
}

std::string json_string(const nlohmann::json& data, std::string_view key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int json_int(const nlohmann::json& data, std::string_view key) {
  auto it = data.find(key);
  return it != data.end() && it->is_number_integer() ? it->get<int>() : 0;
}

CallEvent call_from(const Event& e) {
  CallEvent c;
  c.id = e.id;
  c.ticket = json_string(e.data, "number");
  c.desk = json_string(e.data, "desk");
  c.service = json_string(e.data, "service");
  c.language = parse_language(json_string(e.data, "language")).value_or(Language::ru);
  c.recalls = e.kind == "ticket.recalled" ? std::max(1, json_int(e.data, "recalls")) : 0;
  auto rep = e.data.find("repeat");
  c.repeat = rep != e.data.end() && rep->is_boolean() && rep->get<bool>();
  return c;
}

void remove_ticket(std::vector<BoardCall>& calls, std::string_view ticket) {
  std::erase_if(calls, [&](const BoardCall& c) { return c.ticket == ticket; });
}

// The newest call on top, each ticket once, the list cut to 1 + recent.
void show_call(BoardState& state, const BoardConfig& config, BoardCall call) {
  remove_ticket(state.calls, call.ticket);
  state.calls.insert(state.calls.begin(), std::move(call));
  if (state.calls.size() > config.recent + 1) state.calls.resize(config.recent + 1);
}

std::string iso(TimePoint t) {
  return date::format("%FT%TZ", t);
}

}  // namespace

// --- Words -----------------------------------------------------------------------------------

std::string spell_number(Language lang, int n) {
  assert(n >= 0);
  const auto* f = formatter(lang);
  if (!f) return std::to_string(n);
  icu::UnicodeString words;
  f->format(static_cast<int32_t>(n), words);
  return clean_spelled(lang, words);
}

std::optional<TicketNumber> parse_ticket_number(std::string_view shown) {
  std::size_t i = 0;
  while (i < shown.size() &&
         ((shown[i] >= 'A' && shown[i] <= 'Z') || (shown[i] >= 'a' && shown[i] <= 'z')))
    ++i;
  if (i == 0 || i == shown.size() || shown.size() - i > 9) return std::nullopt;
  const int number = to_int(shown.substr(i));
  if (number < 0) return std::nullopt;
  return TicketNumber{std::string(shown.substr(0, i)), number};
}

std::string spoken_letter(const Catalog& catalog, Language lang, std::string_view letter) {
  std::string out;
  for (char c : letter) {
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    const std::string key = std::string("board.letter.") + lower;
    if (!out.empty()) out += ' ';
    out += catalog.has(lang, key) ? catalog.text(lang, key) : std::string(1, c);
  }
  return out;
}

std::string spoken_desk_name(Language lang, std::string_view name) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    if (!is_digit(name[i])) {
      out += name[i++];
      continue;
    }
    std::size_t j = i;
    while (j < name.size() && is_digit(name[j])) ++j;
    const int n = j - i <= 9 ? to_int(name.substr(i, j - i)) : -1;
    if (n < 0) {
      out += name.substr(i, j - i);
    } else if (j < name.size() && name[j] == '-') {
      out += spell_ordinal(lang, n);  // "1-терезе": the first desk
      out += ' ';
      ++j;
    } else {
      out += spell_number(lang, n);
    }
    i = j;
  }
  return out;
}

std::string desk_name(const Office& office, Language lang, std::string_view desk_id) {
  for (const auto& d : office.desks) {
    if (d.id == desk_id) {
      const std::string& name = d.name.get(lang);
      return name.empty() ? d.id : name;
    }
  }
  return std::string(desk_id);
}

std::vector<SpokenLine> announcement_lines(const Catalog& catalog, const Office& office,
                                           const CallEvent& call) {
  std::vector<SpokenLine> lines;
  auto line_in = [&](Language lang) {
    std::map<std::string, std::string> args;
    if (auto number = parse_ticket_number(call.ticket)) {
      args["letter"] = spoken_letter(catalog, lang, number->letter);
      args["number"] = spell_number(lang, number->number);
    } else {
      args["letter"] = "";
      args["number"] = call.ticket;
    }
    args["desk"] = spoken_desk_name(lang, desk_name(office, lang, call.desk));
    std::string_view key = "board.say.call";
    if (call.recalls > 0) {
      key = "board.say.recall";
      args["count"] = spell_ordinal(lang, call.recalls + 1);  // the second call, the third …
    }
    lines.push_back({lang, catalog.text(lang, key, args)});
  };
  line_in(Language::ru);
  if (call.language != Language::ru) line_in(call.language);
  return lines;
}

std::string shown_call(const Catalog& catalog, const Office& office, Language lang,
                       std::string_view ticket, std::string_view desk_id) {
  return catalog.text(
      lang, "board.shown",
      {{"ticket", std::string(ticket)}, {"desk", desk_name(office, lang, desk_id)}});
}

// --- The live stream -----------------------------------------------------------------------

std::vector<SseFrame> SseParser::feed(std::string_view bytes) {
  std::vector<SseFrame> out;
  auto end_line = [&] {
    if (line_.empty()) {  // a blank line dispatches the frame
      if (has_data_) {
        if (frame_.event.empty()) frame_.event = "message";
        out.push_back(std::move(frame_));
      }
      frame_ = SseFrame{};
      has_data_ = false;
      return;
    }
    if (line_.front() == ':') {  // a comment (keep-alive)
      line_.clear();
      return;
    }
    const auto colon = line_.find(':');
    std::string_view field = std::string_view(line_).substr(0, colon);
    std::string_view value;
    if (colon != std::string::npos) {
      value = std::string_view(line_).substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
      if (has_data_) frame_.data += '\n';
      frame_.data += value;
      has_data_ = true;
    } else if (field == "event") {
      frame_.event = value;
    } else if (field == "id") {
      frame_.id = value;
    }  // "retry" and unknown fields: ignored
    line_.clear();
  };
  for (char c : bytes) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r') {
      end_line();
      skip_lf_ = true;
    } else if (c == '\n') {
      end_line();
    } else {
      line_ += c;
    }
  }
  return out;
}

Result<Event> parse_event(const SseFrame& frame) {
  Event e;
  e.kind = frame.event;
  if (frame.id.empty() || frame.id.size() > 18 ||
      !std::ranges::all_of(frame.id, [](char c) { return is_digit(c); }))
    return fail(ErrorCode::invalid_value, "event id '" + frame.id + "' is not a number");
  std::from_chars(frame.id.data(), frame.id.data() + frame.id.size(), e.id);
  e.data = nlohmann::json::parse(frame.data, nullptr, false);
  if (e.data.is_discarded() || !e.data.is_object())
    return fail(ErrorCode::invalid_json, "event " + frame.id + ": data is not a JSON object");
  return e;
}

Result<QueueSnapshot> parse_queue_snapshot(const nlohmann::json& doc) {
  QueueSnapshot s;
  if (!doc.is_object()) return fail(ErrorCode::invalid_json, "queue: not an object");
  auto services = doc.find("services");
  auto desks = doc.find("desks");
  if (services == doc.end() || !services->is_array() || desks == doc.end() || !desks->is_array())
    return fail(ErrorCode::missing_field, "queue: services and desks must be arrays");
  for (const auto& item : *services) {
    if (!item.is_object()) return fail(ErrorCode::wrong_type, "queue: services[]");
    s.services.push_back({json_string(item, "service"), json_int(item, "waiting"),
                          json_int(item, "estimated_wait_min")});
  }
  for (const auto& item : *desks) {
    if (!item.is_object()) return fail(ErrorCode::wrong_type, "queue: desks[]");
    auto paused = item.find("paused");
    s.desks.push_back({json_string(item, "desk"),
                       paused != item.end() && paused->is_boolean() && paused->get<bool>(),
                       json_string(item, "current")});
  }
  return s;
}

// --- The board's state ----------------------------------------------------------------------

bool in_zone(const BoardConfig& config, std::string_view desk_id) {
  return config.desks.empty() || std::ranges::find(config.desks, desk_id) != config.desks.end();
}

bool service_in_zone(const BoardConfig& config, const Office& office, std::string_view service) {
  for (const auto& d : office.desks) {
    if (in_zone(config, d.id) && std::ranges::find(d.services, service) != d.services.end())
      return true;
  }
  return false;
}

std::string_view to_string(Link link) {
  switch (link) {
    case Link::connecting:
      return "connecting";
    case Link::live:
      return "live";
    case Link::reconnecting:
      return "reconnecting";
  }
  return "connecting";
}

Applied apply_event(BoardState& state, const BoardConfig& config, const Office& office,
                    const Event& event, TimePoint now) {
  Applied out;
  if (event.kind == "reset") {
    // The server could not replay from our id: start over from its latest and reload.
    state.last_event_id = event.id;
    state.calls.clear();
    state.reload_wanted = true;
    out.changed = true;
    out.reload = true;
    return out;
  }
  if (event.id <= state.last_event_id) return out;  // already applied (a replay)
  state.last_event_id = event.id;
  if (event.kind == "ticket.called" || event.kind == "ticket.recalled") {
    CallEvent call = call_from(event);
    if (call.ticket.empty() || !in_zone(config, call.desk)) return out;
    show_call(state, config,
              {event.id, call.ticket, call.desk, call.service, call.language, call.recalls, now});
    state.flash_until = now + config.flash;
    out.changed = true;
    out.called = std::move(call);
  } else if (event.kind == "ticket.left") {
    const std::string ticket = json_string(event.data, "number");
    for (auto& c : state.calls) {
      if (c.ticket == ticket && !c.left) {
        c.left = true;
        out.changed = true;
      }
    }
  } else if (event.kind == "queue.changed") {
    auto services = event.data.find("services");
    if (services == event.data.end() || !services->is_array()) return out;
    for (const auto& item : *services) {
      if (!item.is_object()) continue;
      const std::string id = json_string(item, "service");
      if (!service_in_zone(config, office, id)) continue;
      auto it = std::ranges::find(state.services, id, &ServiceLine::service);
      if (it == state.services.end()) {
        state.services.push_back({id, json_int(item, "waiting"), 0});
      } else {
        it->waiting = json_int(item, "waiting");
      }
    }
    out.changed = true;
    out.reload = true;  // the estimates come with GET …/queue
    state.reload_wanted = true;
  } else if (event.kind == "desk.paused" || event.kind == "desk.resumed") {
    const std::string desk = json_string(event.data, "desk");
    if (!in_zone(config, desk)) return out;
    if (event.kind == "desk.paused") {
      state.paused_desks.insert(desk);
    } else {
      state.paused_desks.erase(desk);
    }
    out.changed = true;
  }
  return out;
}

void apply_snapshot(BoardState& state, const BoardConfig& config, const Office& office,
                    const QueueSnapshot& snapshot, TimePoint now) {
  state.services.clear();
  for (const auto& s : office.services) {  // the office's order
    if (!service_in_zone(config, office, s.id)) continue;
    auto it = std::ranges::find(snapshot.services, s.id, &QueueSnapshot::ServiceWait::service);
    if (it == snapshot.services.end()) continue;
    state.services.push_back({it->service, it->waiting, it->estimated_wait_min});
  }
  state.paused_desks.clear();
  for (const auto& d : snapshot.desks) {
    if (!in_zone(config, d.desk)) continue;
    if (d.paused) state.paused_desks.insert(d.desk);
    if (d.current.empty()) continue;
    const bool shown = std::ranges::any_of(
        state.calls, [&](const BoardCall& c) { return c.ticket == d.current && c.desk == d.desk; });
    if (shown) continue;
    BoardCall call;
    call.ticket = d.current;
    call.desk = d.desk;
    call.at = now;
    // Below the calls the stream brought: these are older than anything announced.
    if (state.calls.size() < config.recent + 1) state.calls.push_back(std::move(call));
  }
  state.reload_wanted = false;
}

void link_up(BoardState& state, TimePoint now) {
  if (state.link != Link::live) state.link_since = now;
  state.link = Link::live;
  state.failures = 0;
}

void link_down(BoardState& state, TimePoint now) {
  if (state.link == Link::live) {
    state.link = Link::reconnecting;
    state.link_since = now;
  }
  ++state.failures;
}

Millis reconnect_delay(int failures) {
  if (failures <= 1) return Millis{250};
  const int step = std::min(failures - 1, 5);
  return std::min(Millis{250} * (1 << step), Millis{5'000});
}

bool flashing(const BoardState& state, TimePoint now) {
  return !state.calls.empty() && now < state.flash_until;
}

bool flash_bright(const BoardState& state, TimePoint now) {
  if (!flashing(state, now)) return false;
  // Bright first: the phases count from the call (flash_until is a whole flash after it).
  const auto left = (state.flash_until - now).count();
  return ((left - 1) / 400) % 2 == 0;
}

nlohmann::json state_json(const BoardState& state) {
  nlohmann::json calls = nlohmann::json::array();
  for (const auto& c : state.calls) {
    calls.push_back({{"ticket", c.ticket},
                     {"desk", c.desk},
                     {"recalls", c.recalls},
                     {"event_id", c.event_id},
                     {"left", c.left},
                     {"language", to_string(c.language)}});
  }
  nlohmann::json services = nlohmann::json::array();
  for (const auto& s : state.services) {
    services.push_back({{"service", s.service},
                        {"waiting", s.waiting},
                        {"estimated_wait_min", s.estimated_wait_min}});
  }
  return {{"link", to_string(state.link)},
          {"since", iso(state.link_since)},
          {"last_event_id", state.last_event_id},
          {"calls", calls},
          {"services", services},
          {"paused", state.paused_desks}};
}

// --- Notices --------------------------------------------------------------------------------

Result<std::vector<Notice>> parse_notices_toml(std::string_view toml_text,
                                               std::string_view source_name) {
  auto doc = parse_toml(toml_text, source_name);
  if (!doc) return std::unexpected(doc.error());
  std::vector<Notice> out;
  const auto* list = doc->get("notice");
  if (!list) return out;
  const auto* array = list->as_array();
  if (!array)
    return fail(ErrorCode::invalid_value,
                std::string(source_name) + ": notice must be [[notice]] tables");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string where = std::string(source_name) + ": notice " + std::to_string(i + 1);
    const auto* t = array->get(i)->as_table();
    if (!t) return fail(ErrorCode::invalid_value, where + " is not a table");
    Notice n;
    for (auto&& [key, value] : *t) {
      if (key.str() == "office") {
        auto office = value.value<std::string>();
        if (!office) return fail(ErrorCode::invalid_value, where + ": office must be text");
        n.office = *office;
        continue;
      }
      auto lang = parse_language(key.str());
      auto text = value.value<std::string>();
      if (!lang || key.str().size() != 2)
        return fail(ErrorCode::invalid_value,
                    where + ": unknown key '" + std::string(key.str()) + "'");
      if (!text)
        return fail(ErrorCode::invalid_value,
                    where + ": " + std::string(key.str()) + " must be text");
      n.text.set(*lang, *text);
    }
    if (n.text.get(Language::ru).empty())
      return fail(ErrorCode::invalid_value, where + " needs a Russian text (ru)");
    out.push_back(std::move(n));
  }
  return out;
}

Language notice_language(TimePoint now, Millis period) {
  assert(period.count() > 0);
  const auto step = now.time_since_epoch() / period;
  return kAllLanguages[static_cast<std::size_t>(step %
                                                static_cast<long long>(kAllLanguages.size()))];
}

// --- Announcements --------------------------------------------------------------------------

Announcement make_announcement(const Catalog& catalog, const Office& office,
                               const CallEvent& call) {
  return {call.id, call.ticket, call.desk, call.recalls, announcement_lines(catalog, office, call)};
}

bool speaks_at(const BoardConfig& config, const Office& office, TimePoint now) {
  if (config.screen_only) return false;
  if (config.quiet.empty() || !office.zone) return true;
  const auto local = office.zone->to_local(std::chrono::floor<std::chrono::seconds>(now));
  const auto minutes =
      std::chrono::floor<Minutes>(local - std::chrono::floor<std::chrono::days>(local));
  for (const auto& q : config.quiet) {
    // A range may run over midnight (22:00-07:00).
    const bool inside = q.begin <= q.end ? minutes >= q.begin && minutes < q.end
                                         : minutes >= q.begin || minutes < q.end;
    if (inside) return false;
  }
  return true;
}

std::optional<TimeRange> parse_quiet_range(std::string_view text) {
  // HH:MM-HH:MM, both sides times of day (00:00 to 23:59: a range may run over midnight, so
  // 24:00 is never needed).
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto begin = parse_hhmm(text.substr(0, dash)), end = parse_hhmm(text.substr(dash + 1));
  if (!begin || !end || *begin >= Minutes{24 * 60} || *end >= Minutes{24 * 60} || *begin == *end)
    return std::nullopt;
  return TimeRange{*begin, *end};
}

std::optional<Announcement> AnnouncementQueue::start_next() {
  if (playing_ || waiting_.empty()) return std::nullopt;
  playing_ = std::move(waiting_.front());
  waiting_.pop_front();
  return playing_;
}

}  // namespace okno::board
