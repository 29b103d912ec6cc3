// The queue policy: state machine, call order, numbering, check-in window, ticket times.
#include "okno/queue.hpp"
#include "okno/toml_input.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include <toml++/toml.h>

#include "okno/slots.hpp"

namespace okno::queue {

using namespace std::chrono;

std::string_view to_string(TicketState s) {
  switch (s) {
    case TicketState::waiting:
      return "waiting";
    case TicketState::called:
      return "called";
    case TicketState::serving:
      return "serving";
    case TicketState::finished:
      return "finished";
    case TicketState::no_show:
      return "no_show";
    case TicketState::on_hold:
      return "on_hold";
    case TicketState::cancelled:
      return "cancelled";
  }
  return "waiting";
}

std::string_view to_string(TicketKind k) {
  return k == TicketKind::booked ? "booked" : "walk_in";
}

std::string_view to_string(Action a) {
  switch (a) {
    case Action::call:
      return "call";
    case Action::recall:
      return "recall";
    case Action::start:
      return "start";
    case Action::finish:
      return "finish";
    case Action::no_show:
      return "no_show";
    case Action::transfer:
      return "transfer";
    case Action::hold:
      return "hold";
    case Action::unhold:
      return "unhold";
    case Action::cancel:
      return "cancel";
  }
  return "call";
}

std::optional<TicketState> parse_ticket_state(std::string_view s) {
  for (auto st :
       {TicketState::waiting, TicketState::called, TicketState::serving, TicketState::finished,
        TicketState::no_show, TicketState::on_hold, TicketState::cancelled}) {
    if (to_string(st) == s) return st;
  }
  return std::nullopt;
}

std::optional<TicketKind> parse_ticket_kind(std::string_view s) {
  if (s == "walk_in") return TicketKind::walk_in;
  if (s == "booked") return TicketKind::booked;
  return std::nullopt;
}

bool is_final(TicketState s) {
  return s == TicketState::finished || s == TicketState::no_show || s == TicketState::cancelled;
}

Result<TicketState> next_state(TicketState from, Action action) {
  using S = TicketState;
  // The whole machine in one table; anything not listed is refused.
  struct Move {
    S from;
    Action action;
    S to;
  };
  static constexpr Move kMoves[] = {
      {S::waiting, Action::call, S::called},      {S::on_hold, Action::call, S::called},
      {S::called, Action::recall, S::called},     {S::called, Action::start, S::serving},
      {S::called, Action::no_show, S::no_show},   {S::serving, Action::finish, S::finished},
      {S::serving, Action::transfer, S::waiting}, {S::called, Action::transfer, S::waiting},
      {S::waiting, Action::hold, S::on_hold},     {S::called, Action::hold, S::on_hold},
      {S::on_hold, Action::unhold, S::waiting},   {S::waiting, Action::cancel, S::cancelled},
      {S::on_hold, Action::cancel, S::cancelled}, {S::called, Action::cancel, S::cancelled},
  };
  for (const auto& m : kMoves) {
    if (m.from == from && m.action == action) return m.to;
  }
  return fail(ErrorCode::illegal_transition,
              std::string(to_string(action)) + " from " + std::string(to_string(from)));
}

Result<TicketState> check_action(const Ticket& t, Action action, const QueuePolicy& policy) {
  auto to = next_state(t.state, action);
  if (!to) return to;
  if (action == Action::no_show && t.recalls < policy.recalls_before_no_show) {
    return fail(ErrorCode::recall_first, "recalls " + std::to_string(t.recalls));
  }
  if (action == Action::transfer && t.transfers >= policy.max_transfers) {
    return fail(ErrorCode::transfer_limit, "transfers " + std::to_string(t.transfers));
  }
  return to;
}

std::optional<int> QueuePolicy::priority_rank(std::string_view group) const {
  for (const auto& g : priority_groups) {
    if (g.id == group) return g.rank;
  }
  return std::nullopt;
}

std::optional<int> QueuePolicy::cap_for(std::string_view office, std::string_view service) const {
  auto it = daily_cap.find(std::string(office) + "/" + std::string(service));
  if (it == daily_cap.end()) return std::nullopt;
  return it->second;
}

std::string Ticket::display() const {
  std::string digits = std::to_string(number);
  if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
  return std::string(1, letter) + digits;
}

CallTimes call_times(const Ticket& t, const QueuePolicy& policy) {
  CallTimes c;
  if (t.kind == TicketKind::booked && !t.late && t.booked_start) {
    c.enters = std::max(*t.booked_start, t.queued_at);  // due from the later of time and arrival
    c.deadline = c.enters + policy.booked_deadline;
  } else {
    c.deadline = t.queued_at + policy.wait_target;
    c.enters = std::max(t.queued_at, c.deadline - policy.walk_in_lead);
  }
  if (policy.missed_yields && t.kind == TicketKind::walk_in) {
    c.late = c.deadline + 1s;
    c.lifted = std::max(t.queued_at + policy.max_wait, c.late);
  }
  return c;
}

CallKey call_key(const Ticket& t, Seconds now, const QueuePolicy& policy) {
  const CallTimes c = call_times(t, policy);
  CallKey key;
  key.seq = t.id;
  key.queued = t.queued_at.time_since_epoch().count();
  if (now >= c.lifted) {  // back in the deadline order, as if its deadline were this moment
    key.tier = 0;
    key.order = c.lifted.time_since_epoch().count();
  } else if (now >= c.late) {
    key.tier = 1;
    key.order = c.deadline.time_since_epoch().count();
  } else if (now >= c.enters) {
    key.tier = 0;
    key.order = c.deadline.time_since_epoch().count();
  } else {
    key.tier = 2;
    key.order = call_rank(t, policy);
  }
  return key;
}

int call_rank(const Ticket& t, const QueuePolicy& policy) {
  return t.priority.empty()
             ? std::numeric_limits<int>::max()
             : policy.priority_rank(t.priority).value_or(std::numeric_limits<int>::max());
}

bool callable_by(const Ticket& t, const Desk& desk) {
  if (t.state != TicketState::waiting) return false;
  if (!t.target_desk.empty() && t.target_desk != desk.id) return false;
  return std::find(desk.services.begin(), desk.services.end(), t.service) != desk.services.end();
}

std::optional<std::size_t> pick_next(const std::vector<Ticket>& tickets, const Desk& desk,
                                     Seconds now, const QueuePolicy& policy) {
  std::optional<std::size_t> best;
  CallKey best_key;
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    if (!callable_by(tickets[i], desk)) continue;
    CallKey k = call_key(tickets[i], now, policy);
    if (!best || k < best_key) {
      best = i;
      best_key = k;
    }
  }
  return best;
}

std::vector<const Ticket*> waiting_in_order(const std::vector<Ticket>& tickets,
                                            std::string_view service, Seconds now,
                                            const QueuePolicy& policy) {
  std::vector<std::pair<CallKey, const Ticket*>> keyed;
  for (const auto& t : tickets) {
    if (t.state == TicketState::waiting && t.service == service)
      keyed.emplace_back(call_key(t, now, policy), &t);
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Ticket*> out;
  out.reserve(keyed.size());
  for (const auto& [k, t] : keyed) out.push_back(t);
  return out;
}

int ticket_number(std::int64_t nth, const QueuePolicy& policy) {
  const std::int64_t range = std::max(1, policy.number_last - policy.number_first + 1);
  return policy.number_first + static_cast<int>((std::max<std::int64_t>(nth, 1) - 1) % range);
}

std::int64_t number_round(std::int64_t nth, const QueuePolicy& policy) {
  const std::int64_t range = std::max(1, policy.number_last - policy.number_first + 1);
  return (std::max<std::int64_t>(nth, 1) - 1) / range;
}

CheckinVerdict checkin_verdict(const Office& office, Seconds booked_start, Seconds now,
                               const QueuePolicy& policy) {
  if (now < booked_start - policy.checkin_early) return CheckinVerdict::too_early;
  if (now <= booked_start + policy.checkin_late) return CheckinVerdict::on_time;
  // The office's local day, not UTC's: a 09:00 booking in Vladivostok is the previous UTC day.
  if (sys_days{local_date(office, now)} == sys_days{local_date(office, booked_start)}) {
    return CheckinVerdict::late_walk_in;
  }
  return CheckinVerdict::too_late;
}

TicketTimes ticket_times(const Ticket& t) {
  TicketTimes out;
  if (t.first_called_at) out.wait = *t.first_called_at - t.queued_at;
  if (t.started_at && t.first_called_at) out.walk = *t.started_at - *t.first_called_at;
  if (t.finished_at && t.started_at && t.state == TicketState::finished)
    out.service = *t.finished_at - *t.started_at;
  if (t.finished_at && t.state == TicketState::finished) out.total = *t.finished_at - t.queued_at;
  return out;
}

namespace {

Error config_error(std::string_view source, std::string_view what) {
  return Error{ErrorCode::invalid_value, std::string(source) + ": " + std::string(what)};
}

Result<int> read_int(const toml::table& t, std::string_view key, int fallback, int min, int max,
                     std::string_view source) {
  const auto* node = t.get(key);
  if (!node) return fallback;
  auto v = node->value<std::int64_t>();
  if (!v || *v < min || *v > max) {
    return std::unexpected(config_error(source, std::string(key) + " must be an integer from " +
                                                    std::to_string(min) + " to " +
                                                    std::to_string(max)));
  }
  return static_cast<int>(*v);
}

}  // namespace

Result<QueuePolicy> parse_queue_policy_toml(std::string_view toml_text,
                                            std::string_view source_name) {
  auto parsed = parse_toml(toml_text, source_name);
  if (!parsed) return std::unexpected(parsed.error());
  const toml::table& root = *parsed;
  QueuePolicy p;
  const auto* q = root["queue"].as_table();
  if (!q) return p;  // no [queue]: defaults
  static constexpr std::string_view kKnown[] = {
      "wait_target_min", "booked_deadline_min", "walk_in_lead_min", "missed_yields",
      "max_wait_min",    "checkin_early_min",   "checkin_late_min", "recalls_before_no_show",
      "max_transfers",   "number_first",        "number_last",      "priority",
      "daily_cap",       "staff_token",         "events_kept_days"};
  for (auto&& [k, v] : *q) {
    if (std::find(std::begin(kKnown), std::end(kKnown), k.str()) == std::end(kKnown))
      return std::unexpected(
          config_error(source_name, "unknown key queue." + std::string(k.str())));
  }
  auto wait_target = read_int(*q, "wait_target_min", static_cast<int>(p.wait_target.count()), 1,
                              24 * 60, source_name);
  auto booked_deadline =
      read_int(*q, "booked_deadline_min", static_cast<int>(p.booked_deadline.count()), 0, 24 * 60,
               source_name);
  auto lead = read_int(*q, "walk_in_lead_min", static_cast<int>(p.walk_in_lead.count()), 0, 24 * 60,
                       source_name);
  auto max_wait =
      read_int(*q, "max_wait_min", static_cast<int>(p.max_wait.count()), 1, 24 * 60, source_name);
  auto early = read_int(*q, "checkin_early_min", 15, 0, 24 * 60, source_name);
  auto late = read_int(*q, "checkin_late_min", 10, 0, 24 * 60, source_name);
  auto recalls = read_int(*q, "recalls_before_no_show", 2, 0, 10, source_name);
  auto transfers = read_int(*q, "max_transfers", 2, 0, 10, source_name);
  auto first = read_int(*q, "number_first", 1, 0, 99999, source_name);
  auto last = read_int(*q, "number_last", 999, 0, 99999, source_name);
  auto kept = read_int(*q, "events_kept_days", 7, 1, 3660, source_name);
  for (const auto* r : {&wait_target, &booked_deadline, &lead, &max_wait, &early, &late, &recalls,
                        &transfers, &first, &last, &kept}) {
    if (!*r) return std::unexpected(r->error());
  }
  if (*last < *first)
    return std::unexpected(config_error(source_name, "number_last < number_first"));
  if (*lead > *wait_target)
    return std::unexpected(config_error(source_name, "walk_in_lead_min > wait_target_min"));
  if (const auto* node = q->get("missed_yields")) {
    const auto* v = node->as_boolean();  // not value<bool>(), which takes 1 for true
    if (!v)
      return std::unexpected(config_error(source_name, "missed_yields must be true or false"));
    p.missed_yields = v->get();
  }
  p.wait_target = minutes{*wait_target};
  p.booked_deadline = minutes{*booked_deadline};
  p.walk_in_lead = minutes{*lead};
  p.max_wait = minutes{*max_wait};
  p.checkin_early = minutes{*early};
  p.checkin_late = minutes{*late};
  p.recalls_before_no_show = *recalls;
  p.max_transfers = *transfers;
  p.number_first = *first;
  p.number_last = *last;
  p.events_kept = std::chrono::days{*kept};
  if (const auto* groups = (*q)["priority"].as_array()) {
    p.priority_groups.clear();
    for (auto&& node : *groups) {
      const auto* g = node.as_table();
      auto id = g ? (*g)["id"].value<std::string>() : std::nullopt;
      auto rank = g ? (*g)["rank"].value<std::int64_t>() : std::nullopt;
      if (!id || id->empty() || !rank || *rank < 1 || *rank > 100)
        return std::unexpected(
            config_error(source_name, "each [[queue.priority]] needs an id and a rank 1..100"));
      p.priority_groups.push_back({*id, static_cast<int>(*rank)});
    }
  }
  if (const auto* caps = (*q)["daily_cap"].as_table()) {
    for (auto&& [k, v] : *caps) {
      auto n = v.value<std::int64_t>();
      if (!n || *n < 0 || *n > 100000 || k.str().find('/') == std::string_view::npos)
        return std::unexpected(config_error(
            source_name, "queue.daily_cap entries look like \"office/service\" = 200"));
      p.daily_cap[std::string(k.str())] = static_cast<int>(*n);
    }
  }
  return p;
}

}  // namespace okno::queue
