// Announcements for the web board (see announcer.hpp).
#include "okno/server/queue/announcer.hpp"

#include <spdlog/spdlog.h>

#include <date/date.h>

#include <nlohmann/json.hpp>

#include "okno/board.hpp"
#include "okno/server/queue/queue_service.hpp"
#include "okno/speech.hpp"

namespace okno {
namespace {

using nlohmann::json;

std::string iso(Seconds t) {
  return date::format("%FT%TZ", t);
}

// The call a ticket.called / ticket.recalled event carries (docs/queue.md "Live events").
Result<board::CallEvent> call_of(const QueueEvent& e) {
  if (e.kind != "ticket.called" && e.kind != "ticket.recalled")
    return fail(ErrorCode::not_found, "event " + std::to_string(e.id) + " is not a call");
  const json data = json::parse(e.data, nullptr, false);
  if (!data.is_object() || !data.contains("number") || !data["number"].is_string() ||
      !data.contains("desk") || !data["desk"].is_string())
    return fail(ErrorCode::internal, "event " + std::to_string(e.id) + " has no number or desk");
  board::CallEvent call;
  call.id = e.id;
  call.ticket = data["number"].get<std::string>();
  call.desk = data["desk"].get<std::string>();
  call.service = data.value("service", std::string());
  call.language = parse_language(data.value("language", std::string("ru"))).value_or(Language::ru);
  call.recalls = e.kind == "ticket.recalled" ? data.value("recalls", 1) : 0;
  call.repeat = data.value("repeat", false);
  return call;
}

}  // namespace

Announcer::Announcer(const OfficeDirectory& offices, const Catalog& catalog, QueueService& queue,
                     const Clock& clock, AnnouncerOptions options)
    : offices_(offices),
      catalog_(catalog),
      queue_(queue),
      clock_(clock),
      options_(std::move(options)) {
  if (options_.cache_entries == 0) options_.cache_entries = 1;
  if (!options_.log_file.empty()) {
    log_.open(options_.log_file, std::ios::app);
    if (!log_) spdlog::error("announce log: cannot open {}", options_.log_file.string());
  }
}

std::size_t Announcer::renderings() const {
  std::lock_guard lock(mutex_);
  return renderings_;
}

Result<std::shared_ptr<const RenderedAnnouncement>> Announcer::get(std::string_view office_id,
                                                                   std::int64_t event_id) {
  const Office* office = offices_.find(office_id);
  if (!office) return fail(ErrorCode::unknown_office);
  const auto key = std::make_pair(office->id, event_id);
  Shared shared;
  std::promise<Result<std::shared_ptr<const RenderedAnnouncement>>> mine;
  bool render_here = false;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) {
      shared = it->second;
    } else {
      shared = mine.get_future().share();
      cache_.emplace(key, shared);
      order_.push_back(key);
      while (order_.size() > options_.cache_entries) {
        cache_.erase(order_.front());
        order_.pop_front();
      }
      render_here = true;
    }
  }
  if (render_here) {
    auto result = render(*office, event_id);
    if (!result) {  // a miss or a failure is not kept: the event may come, espeak may recover
      std::lock_guard lock(mutex_);
      if (auto it = cache_.find(key); it != cache_.end()) {
        cache_.erase(it);
        order_.remove(key);
      }
    }
    mine.set_value(std::move(result));
  }
  return shared.get();
}

Result<std::shared_ptr<const RenderedAnnouncement>> Announcer::render(const Office& office,
                                                                      std::int64_t event_id) {
  auto event = queue_.event(office.id, event_id);
  if (!event) return std::unexpected(event.error());
  if (!*event)
    return fail(ErrorCode::not_found, "no event " + std::to_string(event_id) + " of " + office.id);
  const Seconds now = clock_.now();
  if ((*event)->at + options_.max_age < now)
    return fail(ErrorCode::not_found, "event " + std::to_string(event_id) + " is too old");
  auto call = call_of(**event);
  if (!call) return std::unexpected(call.error());
  const auto started = std::chrono::steady_clock::now();
  const auto lines = board::announcement_lines(catalog_, office, *call);
  auto pcm = render_announcement(lines);
  if (!pcm) return std::unexpected(pcm.error());
  auto out = std::make_shared<RenderedAnnouncement>();
  out->event_id = event_id;
  out->office = office.id;
  out->ticket = call->ticket;
  out->desk = call->desk;
  out->recalls = call->recalls;
  for (const auto& line : lines) out->languages.push_back(line.language);
  out->seconds = pcm->seconds();
  out->wav = wav_bytes(*pcm);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  {
    std::lock_guard lock(mutex_);
    ++renderings_;
  }
  log(*out, now, took);
  return out;
}

void Announcer::log(const RenderedAnnouncement& a, Seconds at, std::chrono::milliseconds took) {
  json languages = json::array();
  for (Language l : a.languages) languages.push_back(to_string(l));
  const json line = {{"event", a.event_id},
                     {"office", a.office},
                     {"ticket", a.ticket},
                     {"desk", a.desk},
                     {"recalls", a.recalls},
                     {"languages", languages},
                     {"rendered_at", iso(at)},
                     {"render_ms", took.count()},
                     {"audio_s", std::round(a.seconds * 100) / 100}};
  const std::string text = line.dump();
  spdlog::info("announcement {}", text);
  std::lock_guard lock(log_mutex_);
  if (log_) {
    log_ << text << '\n';
    log_.flush();
  }
}

}  // namespace okno
