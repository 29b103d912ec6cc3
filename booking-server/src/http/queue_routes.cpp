// HTTP routes of the queue (docs/queue.md): strict JSON in, JSON out, messages in the request's
// language, no exception out of a handler. Desk routes ask the StaffCheck hook who is acting.
// The event stream is Server-Sent Events with ids; a reconnect resumes after Last-Event-ID.
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/queue/queue_service.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using nlohmann::json;

constexpr const char* kOffice = R"(/api/v1/offices/([^/]+))";
constexpr std::chrono::milliseconds kStreamSlice{500};  // how often a stream looks up
constexpr std::chrono::seconds kHeartbeat{15};          // a comment line keeps proxies open
constexpr int kReplayPage = 1000;                       // stored events read at once

Result<json> parse_body(const std::string& body, std::initializer_list<std::string_view> known) {
  if (!is_valid_utf8(body)) return fail(ErrorCode::invalid_utf8);
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) return fail(ErrorCode::invalid_json);
  if (!doc.is_object()) return fail(ErrorCode::wrong_type, "(body)");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end())
      return fail(ErrorCode::unknown_field, it.key());
  }
  return doc;
}

// An optional string field; empty when absent or null.
Result<std::string> string_field(const json& doc, const char* key, bool required,
                                 std::size_t max_len = 200) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) {
    if (required) return fail(ErrorCode::missing_field, key);
    return std::string();
  }
  if (!it->is_string()) return fail(ErrorCode::wrong_type, key);
  auto v = it->get<std::string>();
  if (v.size() > max_len) return fail(ErrorCode::invalid_value, key);
  if (required && v.empty()) return fail(ErrorCode::missing_field, key);
  return v;
}

Result<std::string> channel_field(const json& doc, std::string_view fallback) {
  auto c = string_field(doc, "channel", false);
  if (!c) return c;
  if (c->empty()) return std::string(fallback);
  auto parsed = parse_booking_channel(*c);
  if (!parsed) return fail(ErrorCode::invalid_value, "channel");
  return std::string(to_string(*parsed));
}

std::optional<Date> day_param(const httplib::Request& req, const Office& office, Seconds now) {
  if (!req.has_param("day")) return local_date(office, now);
  return parse_iso_date(req.get_param_value("day"));
}

json group_json(const queue::GroupStats& g) {
  return {{"key", g.key},
          {"tickets", g.tickets},
          {"served", g.served},
          {"no_shows", g.no_shows},
          {"cancelled", g.cancelled},
          {"waiting", g.waiting},
          {"avg_wait_min", g.avg_wait_min},
          {"avg_service_min", g.avg_service_min},
          {"share_called_within_15_min", g.share_called_within_15},
          {"decided_15", g.decided_15},
          {"booked_decided", g.booked_decided},
          {"share_booked_called_within_5_min", g.share_booked_within_5},
          {"busy_min", g.busy_min},
          {"load", g.load}};
}

std::string sse_frame(const QueueEvent& e) {
  // Event data is one JSON line: no newline can split it.
  return "id: " + std::to_string(e.id) + "\nevent: " + e.kind + "\ndata: " + e.data + "\n\n";
}

// A stream that cannot resume where the client left off (its Last-Event-ID is older than the
// events kept, or not from this database) starts with this: reload the whole state from GET
// .../queue, then go on from `latest` (the id, so the browser resumes from there next time).
std::string reset_frame(std::string_view office, std::int64_t latest, std::string_view reason) {
  const json data = {{"reason", reason},
                     {"latest", latest},
                     {"reload", "/api/v1/offices/" + std::string(office) + "/queue"}};
  return "id: " + std::to_string(latest) + "\nevent: reset\ndata: " + data.dump() + "\n\n";
}

}  // namespace

Result<std::string> QueueService::authorize(const httplib::Request& req,
                                            std::string_view office) const {
  // A machine client (tests, benchmarks, an integration) may present the service token from
  // queue.toml, compared in constant time; it is empty, so off, unless configured. Everyone
  // else goes through the staff check (sessions), or is refused when there is none.
  const std::string given = req.get_header_value("Authorization");
  const std::string expected = "Bearer " + staff_token_;
  const bool token_ok = !staff_token_.empty() && given.size() == expected.size() &&
                        sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
  if (!token_ok) {
    if (staff_check_) return staff_check_(req, office);
    return fail(ErrorCode::unauthorized, "no staff session");
  }
  std::string actor = req.get_header_value("X-Staff-Actor");
  if (actor.empty()) actor = "staff-token";
  if (actor.size() > 64 ||
      actor.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos) {
    return fail(ErrorCode::invalid_value, "X-Staff-Actor");
  }
  return actor;
}

void QueueService::routes(httplib::Server& http) {
  auto error = [this](const httplib::Request& req, httplib::Response& res, const Error& e) {
    send_error(req, res, e, *catalog_);
  };
  // Runs a handler; an escaped exception becomes a logged 500 (reply.hpp).
  auto guarded = [error](auto body) { return okno::guarded(body, error); };
  auto view_json = [this](const TicketView& v, const Office& office) {
    json t = ticket_json(v.ticket, office);
    t["people_ahead"] = v.people_ahead;
    t["estimated_wait_min"] = v.estimated_wait_min;
    return t;
  };
  auto outcome_json = [this](const DeskOutcome& o, const Office& office) {
    return json{{"ticket", o.ticket ? ticket_json(*o.ticket, office) : json(nullptr)},
                {"repeat", o.repeat},
                {"paused", o.paused}};
  };
  const std::string office_re = kOffice;

  http.Get(office_re + "/queue",
           guarded([this, error](const httplib::Request& req, httplib::Response& res) {
             // The latest event id first: a client that opens the stream after it misses nothing
             // that changed this state (the web board, docs/api.md).
             auto bounds = store_->event_bounds();
             if (!bounds) return error(req, res, bounds.error());
             auto status = queue_status(req.matches[1].str());
             if (!status) return error(req, res, status.error());
             json list = json::array();
             for (const auto& s : *status) {
               list.push_back({{"service", s.service},
                               {"waiting", s.waiting},
                               {"estimated_wait_min", s.estimated_wait_min},
                               {"daily_cap_reached", s.daily_cap_reached}});
             }
             auto desk_list = desks(req.matches[1].str());
             if (!desk_list) return error(req, res, desk_list.error());
             json dl = json::array();
             for (const auto& d : *desk_list) {
               dl.push_back({{"desk", d.id},
                             {"paused", d.paused},
                             {"current", d.current && d.current->state == queue::TicketState::called
                                             ? json(d.current->display())
                                             : json(nullptr)}});
             }
             send_json(res, 200,
                       {{"office", req.matches[1].str()},
                        {"services", list},
                        {"desks", dl},
                        {"latest_event_id", bounds->latest}});
           }));

  http.Post(
      office_re + "/tickets",
      guarded([this, error, view_json](const httplib::Request& req, httplib::Response& res) {
        const Office* office = offices_->find(req.matches[1].str());
        if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
        auto doc = parse_body(req.body, {"service", "language", "priority", "needs", "channel"});
        if (!doc) return error(req, res, doc.error());
        WalkInRequest w;
        auto service = string_field(*doc, "service", true);
        if (!service) return error(req, res, service.error());
        w.service = *service;
        auto lang = string_field(*doc, "language", false);
        if (!lang) return error(req, res, lang.error());
        if (!lang->empty()) {
          auto l = parse_language(*lang);
          if (!l || lang->size() > 2)
            return error(req, res, Error{ErrorCode::invalid_language, "language"});
          w.language = *l;
        } else {
          w.language = request_language(req);
        }
        auto priority = string_field(*doc, "priority", false);
        if (!priority) return error(req, res, priority.error());
        w.priority = *priority == "none" ? "" : *priority;
        if (auto it = doc->find("needs"); it != doc->end() && !it->is_null()) {
          if (!it->is_array()) return error(req, res, Error{ErrorCode::wrong_type, "needs"});
          for (const auto& n : *it) {
            auto need = n.is_string() ? parse_need(n.get<std::string>()) : std::nullopt;
            if (!need) return error(req, res, Error{ErrorCode::invalid_value, "needs"});
            w.needs.insert(*need);
          }
        }
        auto channel = channel_field(*doc, "kiosk");
        if (!channel) return error(req, res, channel.error());
        w.channel = *channel;
        // A kiosk ticket needs a registered kiosk; every ticket counts under its limits first.
        std::optional<AbuseGuard::Admission> admitted;
        if (abuse_) {
          auto kiosk = abuse_->kiosk(req, w.channel == "kiosk");
          if (!kiosk) return error(req, res, kiosk.error());
          admitted = abuse_->admit(req, res, AbuseGuard::Kind::ticket, *kiosk);
          if (!admitted) return;
        }
        auto ticket = issue(office->id, w);
        if (!ticket) return error(req, res, ticket.error());
        if (admitted) admitted->keep();
        send_json(res, 201, view_json(*ticket, *office));
      }));

  http.Post(office_re + "/checkin",
            guarded([this, error, view_json](const httplib::Request& req, httplib::Response& res) {
              const Office* office = offices_->find(req.matches[1].str());
              if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
              auto doc = parse_body(req.body, {"code", "channel"});
              if (!doc) return error(req, res, doc.error());
              auto code = string_field(*doc, "code", true, 64);
              if (!code) return error(req, res, code.error());
              auto channel = channel_field(*doc, "kiosk");
              if (!channel) return error(req, res, channel.error());
              std::optional<KioskDevice> kiosk;
              std::optional<AbuseGuard::Admission> admitted;
              if (abuse_) {
                auto k = abuse_->kiosk(req, *channel == "kiosk");
                if (!k) return error(req, res, k.error());
                kiosk = *k;
                admitted = abuse_->admit(req, res, AbuseGuard::Kind::checkin, kiosk);
                if (!admitted) return;
                if (!abuse_->code_allowed(req, res, kiosk)) return;
              }
              auto out = check_in(office->id, *code, *channel);
              if (!out && out.error().code == ErrorCode::booking_not_found && abuse_)
                abuse_->code_wrong(req, kiosk);
              if (!out) return error(req, res, out.error());
              if (admitted) admitted->keep();
              send_json(res, 200,
                        {{"ticket", view_json(out->ticket, *office)},
                         {"service", out->booking.request.service_id},
                         {"start", format_local_iso(*office, out->booking.request.start)},
                         {"desk", out->ticket.ticket.desk},
                         {"late", out->ticket.ticket.late},
                         {"reprint", out->reprint}});
            }));

  // Staff routes: the hook decides who acts; the office must exist first (a 404 says nothing
  // about staff).
  auto staff = [this, error, guarded](auto body) {
    return guarded([this, error, body](const httplib::Request& req, httplib::Response& res) {
      const Office* office = offices_->find(req.matches[1].str());
      if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
      auto actor = authorize(req, office->id);
      if (!actor) return error(req, res, actor.error());
      body(req, res, *office, *actor);
    });
  };

  // Actions on the desk's current ticket, and on a ticket by number wherever it is (cancel,
  // unhold): the second path capture is the desk or the number.
  using Act =
      Result<DeskOutcome> (QueueService::*)(std::string_view, std::string_view, std::string_view);
  const std::pair<const char*, Act> simple[] = {
      {"/desks/([^/]+)/call-next", &QueueService::call_next},
      {"/desks/([^/]+)/recall", &QueueService::recall},
      {"/desks/([^/]+)/no-show", &QueueService::no_show},
      {"/desks/([^/]+)/start", &QueueService::start},
      {"/desks/([^/]+)/finish", &QueueService::finish},
      {"/desks/([^/]+)/hold", &QueueService::hold},
      {"/tickets/([^/]+)/cancel", &QueueService::cancel_ticket},
      {"/tickets/([^/]+)/unhold", &QueueService::unhold_ticket},
  };
  for (const auto& [route, method] : simple) {
    http.Post(office_re + route, staff([this, error, outcome_json, method](
                                           const httplib::Request& req, httplib::Response& res,
                                           const Office& office, const std::string& actor) {
                auto out = (this->*method)(office.id, req.matches[2].str(), actor);
                if (!out) return error(req, res, out.error());
                send_json(res, 200, outcome_json(*out, office));
              }));
  }
  for (const bool pause : {true, false}) {
    http.Post(office_re + "/desks/([^/]+)/" + (pause ? "pause" : "resume"),
              staff([this, error, outcome_json, pause](const httplib::Request& req,
                                                       httplib::Response& res, const Office& office,
                                                       const std::string& actor) {
                auto out = set_paused(office.id, req.matches[2].str(), pause, actor);
                if (!out) return error(req, res, out.error());
                send_json(res, 200, outcome_json(*out, office));
              }));
  }
  http.Post(office_re + "/desks/([^/]+)/call",
            staff([this, error, outcome_json](const httplib::Request& req, httplib::Response& res,
                                              const Office& office, const std::string& actor) {
              auto doc = parse_body(req.body, {"ticket", "reason"});
              if (!doc) return error(req, res, doc.error());
              auto number = string_field(*doc, "ticket", true, 16);
              if (!number) return error(req, res, number.error());
              auto reason = string_field(*doc, "reason", true, 500);
              if (!reason) return error(req, res, reason.error());
              auto out = call_ticket(office.id, req.matches[2].str(), *number, *reason, actor);
              if (!out) return error(req, res, out.error());
              send_json(res, 200, outcome_json(*out, office));
            }));
  http.Post(office_re + "/desks/([^/]+)/transfer",
            staff([this, error, outcome_json](const httplib::Request& req, httplib::Response& res,
                                              const Office& office, const std::string& actor) {
              auto doc = parse_body(req.body, {"service", "desk"});
              if (!doc) return error(req, res, doc.error());
              auto service = string_field(*doc, "service", true, 64);
              if (!service) return error(req, res, service.error());
              auto desk = string_field(*doc, "desk", false, 64);
              if (!desk) return error(req, res, desk.error());
              auto out =
                  transfer(office.id, req.matches[2].str(), TransferTarget{*service, *desk}, actor);
              if (!out) return error(req, res, out.error());
              send_json(res, 200, outcome_json(*out, office));
            }));
  http.Get(office_re + "/desks/([^/]+)",
           staff([this, error](const httplib::Request& req, httplib::Response& res,
                               const Office& office, const std::string&) {
             auto view = desk_view(office.id, req.matches[2].str());
             if (!view) return error(req, res, view.error());
             const Seconds now = clock_->now();
             auto with_wait = [&](const queue::Ticket& t) {
               json j = ticket_json(t, office);
               j["waiting_min"] =
                   std::chrono::duration_cast<std::chrono::minutes>(now - t.queued_at).count();
               return j;
             };
             json waiting = json::array(), held = json::array();
             for (const auto& t : view->waiting) waiting.push_back(with_wait(t));
             for (const auto& t : view->held) held.push_back(with_wait(t));
             send_json(res, 200,
                       {{"desk", view->desk.id},
                        {"paused", view->desk.paused},
                        {"current", view->desk.current ? ticket_json(*view->desk.current, office)
                                                       : json(nullptr)},
                        {"waiting", waiting},
                        {"held", held}});
           }));

  http.Get(office_re + "/tickets",
           staff([this, error](const httplib::Request& req, httplib::Response& res,
                               const Office& office, const std::string&) {
             auto day = day_param(req, office, clock_->now());
             if (!day) return error(req, res, Error{ErrorCode::invalid_date, "day"});
             auto list = tickets(office.id, *day);
             if (!list) return error(req, res, list.error());
             json out = json::array();
             for (const auto& t : *list) out.push_back(ticket_json(t, office));
             send_json(res, 200, {{"day", format_iso_date(*day)}, {"tickets", out}});
           }));

  http.Get(office_re + "/stats",
           staff([this, error](const httplib::Request& req, httplib::Response& res,
                               const Office& office, const std::string&) {
             auto day = day_param(req, office, clock_->now());
             if (!day) return error(req, res, Error{ErrorCode::invalid_date, "day"});
             auto s = stats(office.id, *day);
             if (!s) return error(req, res, s.error());
             json services = json::array(), desk_list = json::array();
             for (const auto& g : s->by_service) services.push_back(group_json(g));
             for (const auto& g : s->by_desk) desk_list.push_back(group_json(g));
             send_json(res, 200,
                       {{"day", format_iso_date(*day)},
                        {"office", group_json(s->office)},
                        {"services", services},
                        {"desks", desk_list}});
           }));

  http.Get(office_re + "/stats.csv",
           staff([this, error](const httplib::Request& req, httplib::Response& res,
                               const Office& office, const std::string&) {
             auto day = day_param(req, office, clock_->now());
             if (!day) return error(req, res, Error{ErrorCode::invalid_date, "day"});
             auto csv = stats_csv(office.id, *day);
             if (!csv) return error(req, res, csv.error());
             res.set_header("Content-Disposition", "attachment; filename=\"queue-" + office.id +
                                                       "-" + format_iso_date(*day) + ".csv\"");
             res.set_content(*csv, "text/csv; charset=utf-8");
           }));

  // Live events. Public: numbers, desks and queue lengths only.
  http.Get(office_re + "/events",
           guarded([this, error](const httplib::Request& req, httplib::Response& res) {
             const Office* office = offices_->find(req.matches[1].str());
             if (!office) return error(req, res, Error{ErrorCode::unknown_office, {}});
             std::string last = req.get_header_value("Last-Event-ID");
             if (last.empty() && req.has_param("last_event_id"))
               last = req.get_param_value("last_event_id");
             // Ids are the stored rows' ids: they increase across restarts, so any id kept in
             // the database resumes, from memory or from the database (docs/queue.md).
             auto bounds = store_->event_bounds();
             if (!bounds) return error(req, res, bounds.error());
             std::int64_t after = bounds->latest;  // a new subscriber starts from now
             std::string reset;
             if (!last.empty()) {
               if (last.size() > 18 || last.find_first_not_of("0123456789") != std::string::npos)
                 return error(req, res, Error{ErrorCode::invalid_value, "Last-Event-ID"});
               const std::int64_t asked = std::stoll(last);
               if (asked > bounds->latest) {
                 reset = reset_frame(office->id, bounds->latest, "unknown");
               } else if (asked < bounds->pruned_up_to) {
                 reset = reset_frame(office->id, bounds->latest, "expired");
               } else {
                 after = asked;
               }
             }
             // Streams are capped so that the pool's core threads stay free for ordinary requests.
             if (streams_.fetch_add(1) >= max_streams_) {
               streams_.fetch_sub(1);
               res.set_header("Retry-After", "5");
               send_json(res, 503,
                         api::error_json(Error{ErrorCode::internal, {}}, *catalog_,
                                         request_language(req)));
               return;
             }
             struct Stream {
               std::string office;
               std::int64_t after;
               std::string reset;
               bool started = false;
               std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
             };
             auto stream = std::make_shared<Stream>(Stream{office->id, after, std::move(reset)});
             res.set_header("Cache-Control", "no-cache");
             res.set_header("X-Accel-Buffering", "no");
             res.set_chunked_content_provider(
                 "text/event-stream",
                 [this, stream](size_t, httplib::DataSink& sink) -> bool {
                   if (hub_.closed()) return false;
                   std::string out;
                   if (!stream->started) {
                     stream->started = true;
                     out = "retry: 2000\n\n" + stream->reset;
                   }
                   auto batch =
                       hub_.wait_after(stream->office, stream->after,
                                       out.empty() ? kStreamSlice : std::chrono::milliseconds(0));
                   std::vector<QueueEvent> events = std::move(batch.events);
                   std::int64_t caught_up = 0;
                   if (!batch.complete) {
                     // Behind memory (dropped, or stored before a restart): read the gap from
                     // the database first, a page at a time.
                     auto stored = store_->events_after(stream->office, stream->after, kReplayPage);
                     if (!stored) return false;
                     events = std::move(*stored);
                     // A short page: everything up to memory_from was in it (those events were
                     // committed before the hub had them), memory has the rest.
                     if (events.size() < static_cast<std::size_t>(kReplayPage))
                       caught_up = batch.memory_from;
                   }
                   for (const auto& e : events) {
                     if (e.id <= stream->after) continue;
                     out += sse_frame(e);
                     stream->after = e.id;
                   }
                   stream->after = std::max(stream->after, caught_up);
                   const auto now = std::chrono::steady_clock::now();
                   if (out.empty() && now - stream->last_write >= kHeartbeat) out = ": ping\n\n";
                   if (out.empty()) return true;
                   stream->last_write = now;
                   return sink.write(out.data(), out.size());
                 },
                 [this](bool) { streams_.fetch_sub(1); });
           }));

  http.Post(
      "/api/v1/feedback",
      guarded([this, error](const httplib::Request& req, httplib::Response& res) {
        auto doc = parse_body(req.body, {"office", "channel", "ticket", "got_answer",
                                         "satisfaction", "comment", "language", "federal"});
        if (!doc) return error(req, res, doc.error());
        NewFeedback f;
        auto office = string_field(*doc, "office", true, 64);
        if (!office) return error(req, res, office.error());
        if (!offices_->find(*office)) return error(req, res, Error{ErrorCode::unknown_office, {}});
        f.office = *office;
        auto channel = string_field(*doc, "channel", false, 16);
        if (!channel) return error(req, res, channel.error());
        static constexpr std::string_view kChannels[] = {"kiosk", "web",    "sms",
                                                         "email", "portal", "operator"};
        f.channel = channel->empty() ? "kiosk" : *channel;
        if (std::find(std::begin(kChannels), std::end(kChannels), f.channel) == std::end(kChannels))
          return error(req, res, Error{ErrorCode::invalid_value, "channel"});
        // R-FB-1 once per visit: the answers belong to a ticket of today that was served.
        auto ticket = string_field(*doc, "ticket", true, 16);
        if (!ticket) return error(req, res, ticket.error());
        f.ticket = *ticket;
        if (auto it = doc->find("got_answer"); it != doc->end() && !it->is_null()) {
          if (!it->is_boolean()) return error(req, res, Error{ErrorCode::wrong_type, "got_answer"});
          f.got_answer = it->get<bool>();
        }
        auto satisfaction = string_field(*doc, "satisfaction", false, 16);
        if (!satisfaction) return error(req, res, satisfaction.error());
        if (!satisfaction->empty() && *satisfaction != "satisfied" && *satisfaction != "partly" &&
            *satisfaction != "not_satisfied")
          return error(req, res, Error{ErrorCode::invalid_value, "satisfaction"});
        f.satisfaction = *satisfaction;
        auto comment = string_field(*doc, "comment", false, 2000);
        if (!comment) return error(req, res, comment.error());
        f.comment = *comment;
        auto lang = string_field(*doc, "language", false, 8);
        if (!lang) return error(req, res, lang.error());
        f.language =
            lang->empty() ? request_language(req) : parse_language(*lang).value_or(Language::ru);
        if (!lang->empty() && !parse_language(*lang))
          return error(req, res, Error{ErrorCode::invalid_language, "language"});
        json federal = json::object();
        if (auto it = doc->find("federal"); it != doc->end() && !it->is_null()) {
          if (!it->is_object()) return error(req, res, Error{ErrorCode::wrong_type, "federal"});
          static constexpr std::string_view kCriteria[] = {"time", "waiting", "staff", "comfort",
                                                           "information"};
          for (auto c = it->begin(); c != it->end(); ++c) {
            if (std::find(std::begin(kCriteria), std::end(kCriteria), c.key()) ==
                std::end(kCriteria))
              return error(req, res, Error{ErrorCode::unknown_field, "federal." + c.key()});
            if (!c->is_number_integer() || c->get<int>() < 1 || c->get<int>() > 5)
              return error(req, res, Error{ErrorCode::invalid_value, "federal." + c.key()});
            federal[c.key()] = c->get<int>();
          }
        }
        if (!f.got_answer && f.satisfaction.empty() && federal.empty() && f.comment.empty())
          return error(req, res, Error{ErrorCode::missing_field, "got_answer"});
        f.federal_json = federal.dump();
        f.at = clock_->now();
        std::optional<AbuseGuard::Admission> admitted;
        if (abuse_) {
          admitted = abuse_->admit(req, res, AbuseGuard::Kind::feedback, std::nullopt);
          if (!admitted) return;
        }
        const Office& where = *offices_->find(f.office);
        const Date today = local_date(where, f.at);
        auto visit = store_->write<std::optional<queue::Ticket>>(
            [&](QueueStore::Tx& tx) { return tx.by_number(f.office, today, f.ticket); });
        if (!visit) return error(req, res, visit.error());
        if (!*visit) return error(req, res, Error{ErrorCode::ticket_not_found, {}});
        if ((*visit)->state != queue::TicketState::finished)
          return error(req, res, Error{ErrorCode::feedback_not_served, {}});
        f.ticket_id = (*visit)->id;
        auto id = store_->add_feedback(f);
        if (!id) return error(req, res, id.error());
        if (admitted) admitted->keep();
        send_json(res, 201, {{"id", *id}});
      }));
}

}  // namespace okno
