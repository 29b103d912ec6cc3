// WaitingIndex: call_key() order kept incrementally (see queue_index.hpp). The order-statistics
// trees are libstdc++'s policy-based data structures (`__gnu_pbds::tree` with
// `tree_order_statistics_node_update`): a red-black tree that also counts the keys below any
// key in O(log n), which std::set cannot.
#include "okno/queue_index.hpp"

#include <algorithm>
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

Key urgent_key(const WaitingIndex::Entry& e) {
  return {e.urgent_at, e.queued, e.id};
}
Key calm_key(const WaitingIndex::Entry& e) {
  return {e.rank, e.queued, e.id};
}

}  // namespace

// One line: the waiting tickets of a service (for one target desk, or for any desk).
struct WaitingIndex::Line {
  Tree by_urgency;  // every ticket of the line, by (U, queued, id)
  Tree calm;        // those with U > boundary, by (rank, queued, id)
  std::int64_t boundary = std::numeric_limits<std::int64_t>::min();  // `now` of the last query

  bool is_calm(const Entry& e) const { return e.urgent_at > boundary; }
  // Moves tickets between "calm" and "urgent" so that calm holds exactly those with U > now.
  void advance(std::int64_t now, const std::unordered_map<std::int64_t, Entry>& entries) {
    if (now > boundary) {
      for (auto it = by_urgency.lower_bound(Key{boundary, kMax, kMax});
           it != by_urgency.end() && std::get<0>(*it) <= now; ++it) {
        if (std::get<0>(*it) > boundary) calm.erase(calm_key(entries.at(std::get<2>(*it))));
      }
    } else if (now < boundary) {
      for (auto it = by_urgency.lower_bound(Key{now, kMax, kMax});
           it != by_urgency.end() && std::get<0>(*it) <= boundary; ++it) {
        calm.insert(calm_key(entries.at(std::get<2>(*it))));
      }
    }
    boundary = now;
  }
  // Tickets of the line urgent at the boundary.
  std::int64_t urgent_count() const {
    return static_cast<std::int64_t>(by_urgency.order_of_key(Key{boundary, kMax, kMax}));
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
  // call_key()'s two ways to tier 0, as one instant (queue_index.hpp).
  Seconds urgent = t.queued_at + policy_.max_wait;
  if (t.kind == TicketKind::booked && !t.late && t.booked_start)
    urgent = std::min(urgent, std::max(*t.booked_start, t.queued_at));
  e.urgent_at = urgent.time_since_epoch().count();
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
  Line& l = line(e);
  entries_[e.id] = e;
  l.by_urgency.insert(urgent_key(e));
  if (l.is_calm(e)) l.calm.insert(calm_key(e));
  ++counts_[e.service];
}

void WaitingIndex::erase(std::int64_t id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  const Entry& e = it->second;
  Line& l = line(e);
  if (l.is_calm(e)) l.calm.erase(calm_key(e));
  l.by_urgency.erase(urgent_key(e));
  if (auto c = counts_.find(e.service); c != counts_.end() && --c->second == 0) counts_.erase(c);
  entries_.erase(it);
}

std::optional<WaitingIndex::Entry> WaitingIndex::find(std::int64_t id) const {
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

CallKey WaitingIndex::first_key(Line& l, Seconds now, std::int64_t* id) {
  const std::int64_t t = now.time_since_epoch().count();
  l.advance(t, entries_);
  CallKey key;
  if (l.by_urgency.empty()) {
    *id = 0;
    return key;
  }
  const Key& u = *l.by_urgency.begin();
  if (std::get<0>(u) <= t) {  // someone is urgent: the earliest urgent one leads the line
    key.tier = 0;
    key.urgent_since = std::get<0>(u);
    key.queued = std::get<1>(u);
    key.seq = std::get<2>(u);
  } else {  // nobody is urgent: calm holds the whole line
    const Key& c = *l.calm.begin();
    key.tier = 1;
    key.rank = static_cast<int>(std::get<0>(c));
    key.queued = std::get<1>(c);
    key.seq = std::get<2>(c);
  }
  *id = key.seq;
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
  const bool urgent = e.urgent_at <= t;
  std::int64_t n = 0;
  // Every line of the service (the open one and those sent to one desk) is one call order.
  for (auto l = lines_.lower_bound(std::pair<std::string, std::string>(e.service, ""));
       l != lines_.end() && l->first.first == e.service; ++l) {
    Line& line = *l->second;
    line.advance(t, entries_);
    if (urgent) {
      n += static_cast<std::int64_t>(line.by_urgency.order_of_key(urgent_key(e)));
    } else {
      n += line.urgent_count() + static_cast<std::int64_t>(line.calm.order_of_key(calm_key(e)));
    }
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
