// The queue's operations: each is one store transaction in which the core policy decides and a
// conditional update records the decision, with its live event and its action-log row.
#include "okno/server/queue/queue_service.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include "okno/booking_code.hpp"
#include "okno/day_rules.hpp"
#include "okno/server/notify/notify_service.hpp"
#include "okno/slots.hpp"

namespace okno {

using nlohmann::json;
using queue::Action;
using queue::Ticket;
using queue::TicketState;
using Tx = QueueStore::Tx;

struct QueueService::Ctx {
  const Office* office = nullptr;
  const Desk* desk = nullptr;
  Seconds now{};
  Date day;
};

namespace {

const Desk* find_desk(const Office& office, std::string_view id) {
  for (const auto& d : office.desks) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

bool serves(const Desk& d, std::string_view service) {
  return std::find(d.services.begin(), d.services.end(), service) != d.services.end();
}

// What the board shows and announces: number, desk, service, the visitor's language (Russian
// first, then theirs). No name, phone, code or needs.
json board_json(const Ticket& t) {
  return {{"number", t.display()},
          {"desk", t.desk},
          {"service", t.service},
          {"language", to_string(t.language)}};
}

// A booked visit's ticket that reached its end closes the booking, and its interaction history
// says how (R-HIST-1, issue 16 item 9): served, no_show or ticket_cancelled, with the ticket and
// the desk. Written in the ticket's own transaction. Nothing for walk-ins or unfinished tickets.
Result<void> visit_closed(Tx& tx, const Ticket& t, Seconds now) {
  if (t.booking_code.empty() || !queue::is_final(t.state)) return {};
  const std::string_view kind = t.state == TicketState::finished  ? "served"
                                : t.state == TicketState::no_show ? "no_show"
                                                                  : "ticket_cancelled";
  // In person at the office: the history's channel for what happens there is the kiosk's.
  return tx.booking_event(t.booking_code, kind, "kiosk", now,
                          {{"ticket", t.display()}, {"desk", t.desk}});
}

}  // namespace

Result<std::unique_ptr<QueueService>> QueueService::create(
    const QueueServiceOptions& options, std::unique_ptr<QueueStore> store,
    const OfficeDirectory& offices, const ProductionCalendar& calendar, const Catalog& catalog,
    BookingService& bookings, NotifyService* notify, const Clock& clock) {
  std::unique_ptr<QueueService> s(new QueueService());
  s->offices_ = &offices;
  s->calendar_ = &calendar;
  s->catalog_ = &catalog;
  s->bookings_ = &bookings;
  s->notify_ = notify;
  s->clock_ = &clock;
  s->max_streams_ = options.max_streams;
  if (!options.config.empty() && std::filesystem::exists(options.config)) {
    std::ifstream in(options.config, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto policy = queue::parse_queue_policy_toml(text.str(), options.config.string());
    if (!policy) return std::unexpected(policy.error());
    s->policy_ = std::move(*policy);
    // The interim staff token lives beside the policy; parse_queue_policy_toml accepts the key.
    try {
      auto root = toml::parse(text.str(), options.config.string());
      s->staff_token_ = root["queue"]["staff_token"].value_or(std::string());
    } catch (const std::exception&) {
      // Already parsed once above; nothing can fail here.
    }
  }
  s->store_ = std::move(store);
  s->store_->use_policy(s->policy_);
  // Live events older than events_kept_days go; a stream resuming from before them is told to
  // reload (event: reset). The rest stay for replay, also across restarts: the hub starts empty,
  // so a stream resuming from an id up to `bounds.latest` reads the database first.
  auto pruned = s->store_->prune_events(clock.now() - s->policy_.events_kept);
  if (!pruned) return std::unexpected(pruned.error());
  if (*pruned > 0)
    spdlog::info("queue: {} live events older than {} days deleted", *pruned,
                 s->policy_.events_kept.count());
  auto bounds = s->store_->event_bounds();
  if (!bounds) return std::unexpected(bounds.error());
  s->hub_.set_stored_up_to(bounds->latest);
  s->store_->set_publisher(
      [hub = &s->hub_](const std::vector<QueueEvent>& events) { hub->publish(events); });
  // Today's waiting index of every office is built here, before the server listens, instead of
  // by the first request after a start: that one pass over the day (≈ 90 ms for 20,000 tickets)
  // held every desk's first call-next behind it (issue 10, docs/performance.md).
  for (const Office& office : offices.offices) {
    const auto started = std::chrono::steady_clock::now();
    auto counts = s->store_->waiting_counts(office.id, local_date(office, clock.now()));
    if (!counts) return std::unexpected(counts.error());
    int waiting = 0;
    for (const auto& [service, n] : *counts) waiting += n;
    spdlog::info("queue: {}: today's {} waiting tickets indexed in {} ms", office.id, waiting,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count());
  }
  // After check-in a booking follows its ticket (day_rules.hpp): the booking service asks here.
  // A read of one row by its index, inside a write transaction (the store has no read for it).
  bookings.set_ticket_lookup(
      [store = s->store_.get()](std::string_view code) -> Result<std::optional<Ticket>> {
        return store->write<std::optional<Ticket>>(
            [&](Tx& tx) -> Result<std::optional<Ticket>> { return tx.by_booking(code); });
      });
  return s;
}

Result<std::optional<Ticket>> QueueService::ticket_of_booking(std::string_view booking_code) {
  return store_->write<std::optional<Ticket>>(
      [&](Tx& tx) -> Result<std::optional<Ticket>> { return tx.by_booking(booking_code); });
}

Result<std::int64_t> QueueService::add_feedback(const NewFeedback& feedback) {
  return store_->add_feedback(feedback);
}

QueueService::~QueueService() {
  if (bookings_) bookings_->set_ticket_lookup({});
  hub_.close();
}

Result<QueueService::Ctx> QueueService::context(std::string_view office_id,
                                                std::string_view desk_id) const {
  Ctx c;
  c.office = offices_->find(office_id);
  if (!c.office) return fail(ErrorCode::unknown_office);
  if (!desk_id.empty()) {
    c.desk = find_desk(*c.office, desk_id);
    if (!c.desk) return fail(ErrorCode::unknown_desk, std::string(desk_id));
  }
  c.now = clock_->now();
  c.day = local_date(*c.office, c.now);
  return c;
}

int QueueService::estimate_min(const Office& office, const std::string& service, int ahead,
                               const std::map<std::string, bool>& paused) const {
  const Service* svc = office.find_service(service);
  if (!svc || ahead <= 0) return 0;
  int open_desks = 0;
  for (const auto& d : office.desks) {
    auto it = paused.find(d.id);
    if (serves(d, service) && (it == paused.end() || !it->second)) ++open_desks;
  }
  const auto minutes = static_cast<int>(svc->duration.count()) * ahead;
  return (minutes + std::max(1, open_desks) - 1) / std::max(1, open_desks);
}

Result<void> QueueService::queue_changed(Tx& tx, const Office& office, Date day, Seconds now) {
  auto counts = tx.waiting_counts(office.id, day);
  if (!counts) return std::unexpected(counts.error());
  json services = json::array();
  for (const auto& s : office.services) {
    auto it = counts->find(s.id);
    services.push_back({{"service", s.id}, {"waiting", it == counts->end() ? 0 : it->second}});
  }
  return tx.event(office.id, "queue.changed", {{"services", services}}, now);
}

Result<TicketView> QueueService::issue(std::string_view office_id, const WalkInRequest& request) {
  auto ctx = context(office_id, {});
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  const Service* svc = office.find_service(request.service);
  if (!svc) return fail(ErrorCode::unknown_service, "service");
  if (!request.priority.empty() && !policy_.priority_rank(request.priority)) {
    return fail(ErrorCode::invalid_value, "priority");
  }
  // Only while the office is open; the refusal says when it opens (R-VISIT-7, issue 16 item 7).
  if (auto open = may_issue_walk_in(office, *calendar_, ctx->now); !open)
    return std::unexpected(open.error());
  auto paused = store_->paused_desks(office.id);
  if (!paused) return std::unexpected(paused.error());
  return store_->write<TicketView>([&](Tx& tx) -> Result<TicketView> {
    if (auto cap = policy_.cap_for(office.id, svc->id)) {
      auto took = tx.take_cap(office.id, ctx->day, svc->id, *cap);
      if (!took) return std::unexpected(took.error());
      if (!*took) return fail(ErrorCode::daily_cap_reached, svc->id);
    }
    auto nth = tx.next_count(office.id, ctx->day, svc->ticket_letter);
    if (!nth) return std::unexpected(nth.error());
    Ticket t;
    t.office = office.id;
    t.service = t.origin_service = svc->id;
    t.letter = svc->ticket_letter;
    t.number = queue::ticket_number(*nth, policy_);
    t.day = ctx->day;
    t.language = request.language;
    t.needs = request.needs;
    t.priority = request.priority;
    t.issued_at = t.queued_at = ctx->now;
    if (auto r = tx.insert(t, queue::number_round(*nth, policy_), request.channel); !r)
      return std::unexpected(r.error());
    if (auto r = tx.action(
            office.id, {}, t.id, request.channel, "issue",
            {{"number", t.display()}, {"service", t.service}, {"priority", t.priority}}, ctx->now);
        !r)
      return std::unexpected(r.error());
    if (auto r = queue_changed(tx, office, ctx->day, ctx->now); !r)
      return std::unexpected(r.error());
    auto ahead = tx.people_ahead(t, ctx->now);
    if (!ahead) return std::unexpected(ahead.error());
    return TicketView{t, *ahead, estimate_min(office, t.service, *ahead, *paused)};
  });
}

Result<CheckinOutcome> QueueService::check_in(std::string_view office_id, std::string_view code,
                                              std::string_view channel) {
  auto ctx = context(office_id, {});
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  auto canonical = normalize_booking_code(code);
  if (!canonical) return fail(ErrorCode::booking_not_found);
  auto booking = bookings_->find(*canonical);
  if (!booking) return std::unexpected(booking.error());
  if (booking->status == BookingStatus::cancelled) return fail(ErrorCode::booking_cancelled);
  if (booking->request.office_id != office.id) return fail(ErrorCode::wrong_office);
  const Service* svc = office.find_service(booking->request.service_id);
  if (!svc) return fail(ErrorCode::internal, "booked service no longer configured");
  auto paused = store_->paused_desks(office.id);
  if (!paused) return std::unexpected(paused.error());
  return store_->write<CheckinOutcome>([&](Tx& tx) -> Result<CheckinOutcome> {
    CheckinOutcome out;
    out.booking = *booking;
    auto existing = tx.by_booking(booking->code);
    if (!existing) return std::unexpected(existing.error());
    Ticket t;
    if (*existing) {
      // After the visit the booking is closed; before, a second check-in reprints: same number,
      // same original issue time.
      if (queue::is_final((*existing)->state))
        return fail(ErrorCode::booking_closed, std::string(queue::to_string((*existing)->state)));
      t = **existing;
      out.reprint = true;
    } else {
      // The window around the booked time, and a late arrival only while the office is open.
      auto decided =
          checkin_decision(office, *calendar_, booking->request.start, ctx->now, policy_);
      if (!decided) return std::unexpected(decided.error());
      const auto verdict = *decided;
      auto nth = tx.next_count(office.id, ctx->day, svc->ticket_letter);
      if (!nth) return std::unexpected(nth.error());
      t.office = office.id;
      t.service = t.origin_service = svc->id;
      t.letter = svc->ticket_letter;
      t.number = queue::ticket_number(*nth, policy_);
      t.day = ctx->day;
      // Late: the walk-in queue (as Qmatic does); the booking still checks in only once.
      t.late = verdict == queue::CheckinVerdict::late_walk_in;
      t.kind = t.late ? queue::TicketKind::walk_in : queue::TicketKind::booked;
      t.booking_code = booking->code;
      t.booked_start = booking->request.start;
      t.language = booking->request.language;
      t.needs = booking->request.needs;
      t.issued_at = t.queued_at = ctx->now;
      if (auto r = tx.insert(t, queue::number_round(*nth, policy_), channel); !r)
        return std::unexpected(r.error());
      if (auto r = tx.booking_event(booking->code, "checked_in", channel, ctx->now,
                                    {{"ticket", t.display()}, {"late", t.late}});
          !r)
        return std::unexpected(r.error());
      if (auto r = tx.action(office.id, {}, t.id, channel, "check_in",
                             {{"number", t.display()}, {"late", t.late}}, ctx->now);
          !r)
        return std::unexpected(r.error());
      if (auto r = queue_changed(tx, office, ctx->day, ctx->now); !r)
        return std::unexpected(r.error());
    }
    auto ahead = tx.people_ahead(t, ctx->now);  // 0 unless waiting
    if (!ahead) return std::unexpected(ahead.error());
    out.ticket = TicketView{t, *ahead, estimate_min(office, t.service, *ahead, *paused)};
    return out;
  });
}

Result<std::vector<ServiceQueueInfo>> QueueService::queue_status(std::string_view office_id) {
  auto ctx = context(office_id, {});
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  // By index, not a pass over the day: the waiting counts (okno/queue_index.hpp) and the
  // daily cap's own counter.
  auto waiting = store_->waiting_counts(office.id, ctx->day);
  if (!waiting) return std::unexpected(waiting.error());
  auto paused = store_->paused_desks(office.id);
  if (!paused) return std::unexpected(paused.error());
  std::vector<ServiceQueueInfo> out;
  for (const auto& s : office.services) {
    ServiceQueueInfo info;
    info.service = s.id;
    if (auto it = waiting->find(s.id); it != waiting->end()) info.waiting = it->second;
    info.estimated_wait_min = estimate_min(office, s.id, info.waiting, *paused);
    if (auto cap = policy_.cap_for(office.id, s.id)) {
      auto walk_ins = store_->capped_walk_ins(office.id, ctx->day, s.id);
      if (!walk_ins) return std::unexpected(walk_ins.error());
      info.daily_cap_reached = *walk_ins >= *cap;
    }
    out.push_back(std::move(info));
  }
  return out;
}

// A paused desk calls nobody; otherwise: who is at the desk now, if anyone.
static Result<std::optional<Ticket>> current_at_open_desk(Tx& tx, const Office& office,
                                                          const Desk& desk) {
  auto paused = tx.desk_paused(office.id, desk.id);
  if (!paused) return std::unexpected(paused.error());
  if (*paused) return fail(ErrorCode::desk_paused);
  return tx.current_at(office.id, desk.id);
}

Result<std::optional<QueueEvent>> QueueService::event(std::string_view office, std::int64_t id) {
  if (id <= 0) return std::optional<QueueEvent>{};
  auto found = store_->events_after(office, id - 1, 1);
  if (!found) return std::unexpected(found.error());
  if (found->empty() || found->front().id != id) return std::optional<QueueEvent>{};
  return std::optional<QueueEvent>{std::move(found->front())};
}

Result<DeskOutcome> QueueService::call_next(std::string_view office_id, std::string_view desk_id,
                                            std::string_view actor) {
  auto ctx = context(office_id, desk_id);
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  const Desk& desk = *ctx->desk;
  return store_->write<DeskOutcome>([&](Tx& tx) -> Result<DeskOutcome> {
    auto current = current_at_open_desk(tx, office, desk);
    if (!current) return std::unexpected(current.error());
    if (*current && (*current)->state == TicketState::serving) return fail(ErrorCode::desk_busy);
    if (*current) {
      // Pressed again: announce the same visitor again; skipping one would lose them.
      const Ticket& t = **current;
      json data = board_json(t);
      data["repeat"] = true;
      if (auto r = tx.event(office.id, "ticket.called", data, ctx->now); !r)
        return std::unexpected(r.error());
      if (auto r = tx.action(office.id, desk.id, t.id, actor, "call_next_repeat",
                             {{"number", t.display()}}, ctx->now);
          !r)
        return std::unexpected(r.error());
      return DeskOutcome{t, true, false};
    }
    // pick_next()'s choice, from the store's index instead of a pass over the day.
    auto next = tx.next_for(office.id, ctx->day, desk, ctx->now);
    if (!next) return std::unexpected(next.error());
    if (!*next) return DeskOutcome{};
    Ticket t = std::move(**next);
    auto to = queue::check_action(t, Action::call, policy_);
    if (!to) return std::unexpected(to.error());
    // The conditional update: only a ticket still waiting becomes ours.
    return finish_call(tx, *ctx, t, TicketState::waiting, *to, actor,
                       {"call_next",
                        {{"number", t.display()}},
                        Error{ErrorCode::internal, "ticket changed inside the transaction"}});
  });
}

Result<DeskOutcome> QueueService::call_ticket(std::string_view office_id, std::string_view desk_id,
                                              std::string_view number, std::string_view reason,
                                              std::string_view actor) {
  auto ctx = context(office_id, desk_id);
  if (!ctx) return std::unexpected(ctx.error());
  if (reason.empty()) return fail(ErrorCode::missing_field, "reason");
  if (reason.size() > 500 || !is_valid_utf8(reason))
    return fail(ErrorCode::invalid_value, "reason");
  const Office& office = *ctx->office;
  const Desk& desk = *ctx->desk;
  return store_->write<DeskOutcome>([&](Tx& tx) -> Result<DeskOutcome> {
    auto current = current_at_open_desk(tx, office, desk);
    if (!current) return std::unexpected(current.error());
    if (*current) return fail(ErrorCode::desk_busy);
    auto found = tx.by_number(office.id, ctx->day, number);
    if (!found) return std::unexpected(found.error());
    if (!*found) return fail(ErrorCode::ticket_not_found);
    Ticket t = **found;
    if (!serves(desk, t.service)) return fail(ErrorCode::not_served_here, t.service);
    auto to = queue::check_action(t, Action::call, policy_);
    if (!to) return std::unexpected(to.error());
    return finish_call(tx, *ctx, t, t.state, *to, actor,
                       {"call_out_of_order",
                        {{"number", t.display()}, {"reason", reason}},
                        Error{ErrorCode::illegal_transition, "moved meanwhile"}});
  });
}

Result<DeskOutcome> QueueService::finish_call(Tx& tx, const Ctx& ctx, Ticket t, TicketState from,
                                              TicketState to, std::string_view actor,
                                              CallRecord record) {
  const Office& office = *ctx.office;
  const Desk& desk = *ctx.desk;
  t.state = to;
  t.desk = desk.id;
  t.target_desk.clear();
  t.called_at = ctx.now;
  if (!t.first_called_at) t.first_called_at = ctx.now;
  auto took = tx.update(t, from);
  if (!took) return std::unexpected(took.error());
  if (!*took) return std::unexpected(std::move(record.if_moved));
  json data = board_json(t);
  data["repeat"] = false;
  if (auto r = tx.event(office.id, "ticket.called", data, ctx.now); !r)
    return std::unexpected(r.error());
  if (auto r = queue_changed(tx, office, ctx.day, ctx.now); !r) return std::unexpected(r.error());
  if (auto r = tx.action(office.id, desk.id, t.id, actor, record.action, record.details, ctx.now);
      !r)
    return std::unexpected(r.error());
  return DeskOutcome{t, false, false};
}

Result<DeskOutcome> QueueService::desk_action(std::string_view office_id, std::string_view desk_id,
                                              Action action, std::string_view actor,
                                              const TransferTarget* target) {
  auto ctx = context(office_id, desk_id);
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  const Desk& desk = *ctx->desk;
  if (action == Action::transfer) {
    if (!target || !office.find_service(target->service))
      return fail(ErrorCode::unknown_service, "service");
    if (!target->desk.empty()) {
      const Desk* to_desk = find_desk(office, target->desk);
      if (!to_desk) return fail(ErrorCode::unknown_desk, "desk");
      if (!serves(*to_desk, target->service)) return fail(ErrorCode::not_served_here, "desk");
    } else if (std::none_of(office.desks.begin(), office.desks.end(),
                            [&](const Desk& d) { return serves(d, target->service); })) {
      return fail(ErrorCode::not_served_here, "service");
    }
  }
  auto outcome = store_->write<DeskOutcome>([&](Tx& tx) -> Result<DeskOutcome> {
    auto current = tx.current_at(office.id, desk.id);
    if (!current) return std::unexpected(current.error());
    if (!*current) return fail(ErrorCode::illegal_transition, "no visitor at this desk");
    Ticket t = **current;
    const TicketState from = t.state;
    auto to = queue::check_action(t, action, policy_);
    if (!to) return std::unexpected(to.error());
    t.state = *to;
    json details = {{"number", t.display()}, {"from", queue::to_string(from)}};
    bool left = false;
    switch (action) {
      case Action::recall:
        ++t.recalls;
        t.called_at = ctx->now;
        break;
      case Action::start:
        if (!t.started_at) t.started_at = ctx->now;
        break;
      case Action::finish:
      case Action::no_show:
        t.finished_at = ctx->now;
        left = true;
        break;
      case Action::hold:
        t.desk.clear();
        left = true;
        break;
      case Action::transfer:
        details["from_service"] = t.service;
        details["to_service"] = target->service;
        details["to_desk"] = target->desk;
        t.service = target->service;
        t.target_desk = target->desk;
        t.desk.clear();
        ++t.transfers;
        left = true;
        break;
      default:
        return fail(ErrorCode::illegal_transition, "not a desk action");
    }
    auto moved = tx.update(t, from);
    if (!moved) return std::unexpected(moved.error());
    if (!*moved) return fail(ErrorCode::illegal_transition, "moved meanwhile");
    if (auto r = visit_closed(tx, t, ctx->now); !r) return std::unexpected(r.error());
    if (action == Action::recall) {
      json data = board_json(t);
      data["recalls"] = t.recalls;
      if (auto r = tx.event(office.id, "ticket.recalled", data, ctx->now); !r)
        return std::unexpected(r.error());
    }
    if (left) {
      json data = board_json(t);
      data["desk"] = desk.id;
      data["state"] = queue::to_string(t.state);
      if (auto r = tx.event(office.id, "ticket.left", data, ctx->now); !r)
        return std::unexpected(r.error());
    }
    if (action == Action::transfer || action == Action::hold) {
      if (auto r = queue_changed(tx, office, ctx->day, ctx->now); !r)
        return std::unexpected(r.error());
    }
    if (auto r =
            tx.action(office.id, desk.id, t.id, actor, queue::to_string(action), details, ctx->now);
        !r)
      return std::unexpected(r.error());
    return DeskOutcome{t, false, false};
  });
  if (outcome && action == Action::finish && outcome->ticket) after_finish(*outcome->ticket);
  return outcome;
}

void QueueService::after_finish(const Ticket& t) {
  // The closing message with the survey link (R-VISIT-13, R-CHAN-4) for a booked visitor. The
  // visit is finished whatever happens here; a failure is logged for staff, without the code.
  if (t.booking_code.empty() || !notify_) return;
  auto booking = bookings_->find(t.booking_code);
  if (!booking) {
    spdlog::warn("queue: finished ticket {} has no readable booking", t.id);
    return;
  }
  // NotifyService composes with a NotificationComposer; the interface lacks the closing message.
  const auto* composer = dynamic_cast<const NotificationComposer*>(&notify_->composer());
  if (!composer) return;
  auto messages = composer->on_visit_finished(*booking, clock_->now());
  if (auto r = notify_->outbox().enqueue(messages); !r) {
    spdlog::warn("queue: closing message of ticket {} not queued: {}", t.id, r.error().detail);
    return;
  }
  notify_->wake();
}

Result<DeskOutcome> QueueService::recall(std::string_view o, std::string_view d,
                                         std::string_view a) {
  return desk_action(o, d, Action::recall, a, nullptr);
}
Result<DeskOutcome> QueueService::no_show(std::string_view o, std::string_view d,
                                          std::string_view a) {
  return desk_action(o, d, Action::no_show, a, nullptr);
}
Result<DeskOutcome> QueueService::start(std::string_view o, std::string_view d,
                                        std::string_view a) {
  return desk_action(o, d, Action::start, a, nullptr);
}
Result<DeskOutcome> QueueService::finish(std::string_view o, std::string_view d,
                                         std::string_view a) {
  return desk_action(o, d, Action::finish, a, nullptr);
}
Result<DeskOutcome> QueueService::hold(std::string_view o, std::string_view d, std::string_view a) {
  return desk_action(o, d, Action::hold, a, nullptr);
}
Result<DeskOutcome> QueueService::transfer(std::string_view o, std::string_view d,
                                           const TransferTarget& to, std::string_view a) {
  return desk_action(o, d, Action::transfer, a, &to);
}

Result<DeskOutcome> QueueService::set_paused(std::string_view office_id, std::string_view desk_id,
                                             bool paused, std::string_view actor) {
  auto ctx = context(office_id, desk_id);
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  const Desk& desk = *ctx->desk;
  return store_->write<DeskOutcome>([&](Tx& tx) -> Result<DeskOutcome> {
    if (auto r = tx.set_desk_paused(office.id, desk.id, paused, ctx->now); !r)
      return std::unexpected(r.error());
    if (auto r = tx.event(office.id, paused ? "desk.paused" : "desk.resumed", {{"desk", desk.id}},
                          ctx->now);
        !r)
      return std::unexpected(r.error());
    if (auto r = tx.action(office.id, desk.id, 0, actor, paused ? "pause" : "resume",
                           json::object(), ctx->now);
        !r)
      return std::unexpected(r.error());
    auto current = tx.current_at(office.id, desk.id);
    if (!current) return std::unexpected(current.error());
    return DeskOutcome{*current, false, paused};
  });
}

Result<DeskOutcome> QueueService::cancel_ticket(std::string_view office_id, std::string_view number,
                                                std::string_view actor) {
  return ticket_action(office_id, number, Action::cancel, actor);
}

Result<DeskOutcome> QueueService::unhold_ticket(std::string_view office_id, std::string_view number,
                                                std::string_view actor) {
  return ticket_action(office_id, number, Action::unhold, actor);
}

Result<DeskOutcome> QueueService::ticket_action(std::string_view office_id, std::string_view number,
                                                Action action, std::string_view actor) {
  auto ctx = context(office_id, {});
  if (!ctx) return std::unexpected(ctx.error());
  const Office& office = *ctx->office;
  return store_->write<DeskOutcome>([&](Tx& tx) -> Result<DeskOutcome> {
    auto found = tx.by_number(office.id, ctx->day, number);
    if (!found) return std::unexpected(found.error());
    if (!*found) return fail(ErrorCode::ticket_not_found);
    Ticket t = **found;
    const TicketState from = t.state;
    auto to = queue::check_action(t, action, policy_);
    if (!to) return std::unexpected(to.error());
    t.state = *to;
    if (action == Action::cancel) t.finished_at = ctx->now;
    auto moved = tx.update(t, from);
    if (!moved) return std::unexpected(moved.error());
    if (!*moved) return fail(ErrorCode::illegal_transition, "moved meanwhile");
    if (auto r = visit_closed(tx, t, ctx->now); !r) return std::unexpected(r.error());
    if (from == TicketState::called) {
      json data = board_json(t);
      data["state"] = queue::to_string(t.state);
      if (auto r = tx.event(office.id, "ticket.left", data, ctx->now); !r)
        return std::unexpected(r.error());
    }
    if (auto r = queue_changed(tx, office, ctx->day, ctx->now); !r)
      return std::unexpected(r.error());
    if (auto r = tx.action(office.id, t.desk, t.id, actor, queue::to_string(action),
                           {{"number", t.display()}, {"from", queue::to_string(from)}}, ctx->now);
        !r)
      return std::unexpected(r.error());
    return DeskOutcome{t, false, false};
  });
}

Result<DeskView> QueueService::desk_view(std::string_view office_id, std::string_view desk_id) {
  auto ctx = context(office_id, desk_id);
  if (!ctx) return std::unexpected(ctx.error());
  auto all = store_->tickets(ctx->office->id, ctx->day, true);
  if (!all) return std::unexpected(all.error());
  auto paused = store_->paused_desks(ctx->office->id);
  if (!paused) return std::unexpected(paused.error());
  DeskView view;
  view.desk.id = ctx->desk->id;
  view.desk.paused = paused->contains(ctx->desk->id) && paused->at(ctx->desk->id);
  std::vector<std::pair<queue::CallKey, const Ticket*>> keyed;
  for (const auto& t : *all) {
    if (t.desk == ctx->desk->id &&
        (t.state == TicketState::called || t.state == TicketState::serving))
      view.desk.current = t;
    if (queue::callable_by(t, *ctx->desk))
      keyed.emplace_back(queue::call_key(t, ctx->now, policy_), &t);
    if (t.state == TicketState::on_hold && serves(*ctx->desk, t.service)) view.held.push_back(t);
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [k, t] : keyed) view.waiting.push_back(*t);
  return view;
}

Result<std::vector<DeskInfo>> QueueService::desks(std::string_view office_id) {
  auto ctx = context(office_id, {});
  if (!ctx) return std::unexpected(ctx.error());
  auto all = store_->tickets(ctx->office->id, ctx->day, true);
  if (!all) return std::unexpected(all.error());
  auto paused = store_->paused_desks(ctx->office->id);
  if (!paused) return std::unexpected(paused.error());
  std::vector<DeskInfo> out;
  for (const auto& d : ctx->office->desks) {
    DeskInfo info;
    info.id = d.id;
    info.paused = paused->contains(d.id) && paused->at(d.id);
    for (const auto& t : *all) {
      if (t.desk == d.id && (t.state == TicketState::called || t.state == TicketState::serving))
        info.current = t;
    }
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::vector<Ticket>> QueueService::tickets(std::string_view office_id, Date day) {
  const Office* office = offices_->find(office_id);
  if (!office) return fail(ErrorCode::unknown_office);
  return store_->tickets(office->id, day, false);
}

Result<queue::DayStats> QueueService::stats(std::string_view office_id, Date day) {
  const Office* office = offices_->find(office_id);
  if (!office) return fail(ErrorCode::unknown_office);
  auto all = store_->tickets(office->id, day, false);
  if (!all) return std::unexpected(all.error());
  return queue::day_stats(*all, day, clock_->now(), queue::open_minutes(*office, day, *calendar_));
}

Result<std::string> QueueService::stats_csv(std::string_view office_id, Date day) {
  const Office* office = offices_->find(office_id);
  if (!office) return fail(ErrorCode::unknown_office);
  auto all = store_->tickets(office->id, day, false);
  if (!all) return std::unexpected(all.error());
  return queue::tickets_csv(std::move(*all), *office);
}

json QueueService::ticket_json(const Ticket& t, const Office& office) const {
  auto time = [&](const std::optional<Seconds>& s) {
    return s ? json(format_local_iso(office, *s)) : json(nullptr);
  };
  json needs = json::array();
  for (auto n : t.needs) needs.push_back(to_string(n));
  return {{"id", t.id},
          {"number", t.display()},
          {"service", t.service},
          {"origin_service", t.origin_service},
          {"kind", queue::to_string(t.kind)},
          {"late", t.late},
          {"state", queue::to_string(t.state)},
          {"day", format_iso_date(t.day)},
          {"issued_at", format_local_iso(office, t.issued_at)},
          {"booked_start", time(t.booked_start)},
          {"language", to_string(t.language)},
          {"needs", needs},
          {"priority", t.priority},
          {"desk", t.desk},
          {"target_desk", t.target_desk},
          {"recalls", t.recalls},
          {"transfers", t.transfers},
          {"called_at", time(t.called_at)},
          {"started_at", time(t.started_at)},
          {"finished_at", time(t.finished_at)}};
}

}  // namespace okno
