// WaitingIndex: call_key() order kept incrementally (see queue_index.hpp). The order-statistics
// trees are libstdc++'s policy-based data structures (`__gnu_pbds::tree` with
// `tree_order_statistics_node_update`): a red-black tree that also counts the keys below any
// key in O(log n), which std::set cannot.
#include "okno/queue_index.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <tuple>

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

namespace okno::queue {

namespace {

using Key = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
using Tree = __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                              __gnu_pbds::tree_order_statistics_node_update>;
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
// A ticket's phases in the order it passes them, and the tree (call_key()'s tier) each is kept
// in: a lifted walk-in is back in the deadline order.
constexpr int kCalm = 0, kDue = 1, kLate = 2, kLifted = 3;
constexpr std::array<int, 4> kTier = {2, 0, 1, 0};

std::int64_t count_of(Seconds t) {
  return t == Seconds::max() ? kMax : t.time_since_epoch().count();
}

int phase_at(const WaitingIndex::Entry& e, std::int64_t now) {
  if (e.lifted <= now) return kLifted;
  if (e.late <= now) return kLate;
  if (e.enters <= now) return kDue;
  return kCalm;
}

// The ticket's key inside a phase (call_key() without its tier).
Key phase_key(const WaitingIndex::Entry& e, int phase) {
  switch (phase) {
    case kLifted:
      return {e.lifted, e.queued, e.id};
    case kCalm:
      return {e.rank, e.queued, e.id};
    default:
      return {e.deadline, e.queued, e.id};
  }
}

}  // namespace

// One line: the waiting tickets of a service (for one target desk, or for any desk).
struct WaitingIndex::Line {
  std::array<Tree, 3> tier;  // by phase_key, each ticket in kTier[phase_at(boundary)]
  // Every ticket of the line by the instant it enters the deadline order, is late, is lifted
  // (the last two only when they come).
  Tree by_enters, by_late, by_lifted;
  std::int64_t boundary = std::numeric_limits<std::int64_t>::min();  // `now` of the last query

  void insert(const Entry& e) {
    by_enters.insert({e.enters, e.queued, e.id});
    if (e.late != kMax) by_late.insert({e.late, e.queued, e.id});
    if (e.lifted != kMax) by_lifted.insert({e.lifted, e.queued, e.id});
    const int p = phase_at(e, boundary);
    tier[kTier[p]].insert(phase_key(e, p));
  }
  void erase(const Entry& e) {
    const int p = phase_at(e, boundary);
    tier[kTier[p]].erase(phase_key(e, p));
    by_enters.erase({e.enters, e.queued, e.id});
    if (e.late != kMax) by_late.erase({e.late, e.queued, e.id});
    if (e.lifted != kMax) by_lifted.erase({e.lifted, e.queued, e.id});
  }
  // The tickets of `by` whose instant lies in (from, to] go from phase `a` to phase `b`.
  void move(const Tree& by, std::int64_t from, std::int64_t to, int a, int b,
            const std::unordered_map<std::int64_t, Entry>& entries) {
    for (auto it = by.lower_bound(Key{from, kMax, kMax}); it != by.end() && std::get<0>(*it) <= to;
         ++it) {
      const Entry& e = entries.at(std::get<2>(*it));
      tier[kTier[a]].erase(phase_key(e, a));
      tier[kTier[b]].insert(phase_key(e, b));
    }
  }
  // Brings every ticket to its phase at `now`. Forward, a ticket passes E, then L, then F
  // (E < L <= F), so the three moves run in that order; backward in the reverse one.
  void advance(std::int64_t now, const std::unordered_map<std::int64_t, Entry>& entries) {
    if (now > boundary) {
      move(by_enters, boundary, now, kCalm, kDue, entries);
      move(by_late, boundary, now, kDue, kLate, entries);
      move(by_lifted, boundary, now, kLate, kLifted, entries);
    } else if (now < boundary) {
      move(by_lifted, now, boundary, kLifted, kLate, entries);
      move(by_late, now, boundary, kLate, kDue, entries);
      move(by_enters, now, boundary, kDue, kCalm, entries);
    }
    boundary = now;
  }
};

WaitingIndex::WaitingIndex(QueuePolicy policy) : policy_(std::move(policy)) {}
WaitingIndex::~WaitingIndex() = default;
WaitingIndex::WaitingIndex(WaitingIndex&&) noexcept = default;
WaitingIndex& WaitingIndex::operator=(WaitingIndex&&) noexcept = default;

WaitingIndex::Entry WaitingIndex::entry_for(const Ticket& t) const {
  Entry e;
  e.id = t.id;
  e.service = t.service;
  e.target_desk = t.target_desk;
  e.queued = t.queued_at.time_since_epoch().count();
  const CallTimes c = call_times(t, policy_);
  e.enters = count_of(c.enters);
  e.deadline = count_of(c.deadline);
  e.late = count_of(c.late);
  e.lifted = count_of(c.lifted);
  e.rank = call_rank(t, policy_);
  return e;
}

WaitingIndex::Line& WaitingIndex::line(const Entry& e) {
  auto& slot = lines_[{e.service, e.target_desk}];
  if (!slot) slot = std::make_unique<Line>();
  return *slot;
}

WaitingIndex::Line* WaitingIndex::find_line(std::string_view service, std::string_view target) {
  auto it = lines_.find(std::pair<std::string, std::string>(service, target));
  return it == lines_.end() ? nullptr : it->second.get();
}

void WaitingIndex::put(const Ticket& t) {
  if (t.state != TicketState::waiting) {
    erase(t.id);
    return;
  }
  put(entry_for(t));
}

void WaitingIndex::put(const Entry& e) {
  erase(e.id);
  entries_[e.id] = e;
  line(e).insert(e);
  ++counts_[e.service];
}

void WaitingIndex::erase(std::int64_t id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  const Entry& e = it->second;
  line(e).erase(e);
  if (auto c = counts_.find(e.service); c != counts_.end() && --c->second == 0) counts_.erase(c);
  entries_.erase(it);
}

std::optional<WaitingIndex::Entry> WaitingIndex::find(std::int64_t id) const {
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

CallKey WaitingIndex::first_key(Line& l, Seconds now, std::int64_t* id) {
  l.advance(now.time_since_epoch().count(), entries_);
  CallKey key;
  *id = 0;
  for (int t = 0; t < 3; ++t) {
    if (l.tier[t].empty()) continue;
    const Key& k = *l.tier[t].begin();
    key.tier = t;
    key.order = std::get<0>(k);
    key.queued = std::get<1>(k);
    key.seq = std::get<2>(k);
    *id = key.seq;
    break;
  }
  return key;
}

std::optional<std::int64_t> WaitingIndex::pick(const Desk& desk, Seconds now) {
  std::optional<CallKey> best;
  for (const auto& service : desk.services) {
    // The lines this desk may call from: the service's open line and the one sent to this desk.
    for (std::string_view target : {std::string_view{}, std::string_view{desk.id}}) {
      Line* l = find_line(service, target);
      if (!l) continue;
      std::int64_t id = 0;
      CallKey key = first_key(*l, now, &id);
      if (id != 0 && (!best || key < *best)) best = key;
    }
  }
  if (!best) return std::nullopt;
  return best->seq;
}

int WaitingIndex::ahead(std::int64_t id, Seconds now) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return 0;
  const Entry e = it->second;
  const std::int64_t t = now.time_since_epoch().count();
  const int p = phase_at(e, t);
  std::int64_t n = 0;
  // Every line of the service (the open one and those sent to one desk) is one call order: the
  // earlier phases, then the keys below the ticket's in its own.
  for (auto l = lines_.lower_bound(std::pair<std::string, std::string>(e.service, ""));
       l != lines_.end() && l->first.first == e.service; ++l) {
    Line& line = *l->second;
    line.advance(t, entries_);
    for (int q = 0; q < kTier[p]; ++q) n += static_cast<std::int64_t>(line.tier[q].size());
    n += static_cast<std::int64_t>(line.tier[kTier[p]].order_of_key(phase_key(e, p)));
  }
  return static_cast<int>(n);
}

int WaitingIndex::waiting(std::string_view service) const {
  auto it = counts_.find(service);
  return it == counts_.end() ? 0 : it->second;
}

std::map<std::string, int> WaitingIndex::waiting_counts() const {
  return {counts_.begin(), counts_.end()};
}

}  // namespace okno::queue
