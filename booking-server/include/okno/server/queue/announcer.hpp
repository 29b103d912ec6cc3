// The web board's speech (issue 11; R-VISIT-10, R-VISIT-11): a call event of the office's live
// stream rendered to a WAV file — the chime, then the lines of board::announcement_lines
// (Russian first, then the ticket's language), each spoken by espeak-ng — the same audio the
// native board plays. Rendered once per event and kept in a bounded cache; boards asking for
// the same event at once share one rendering. Every rendering is logged as one JSON line (the
// "server's log for the web board"): no personal data, events carry none.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "okno/clock.hpp"
#include "okno/error.hpp"
#include "okno/i18n.hpp"
#include "okno/language.hpp"
#include "okno/office.hpp"

namespace okno {

class QueueService;

struct RenderedAnnouncement {
  std::int64_t event_id = 0;
  std::string office;
  std::string ticket;  // "A015"
  std::string desk;    // desk id
  int recalls = 0;
  std::vector<Language> languages;  // in the order spoken
  std::string wav;                  // RIFF WAV, 16-bit mono
  double seconds = 0;               // the audio's length
};

struct AnnouncerOptions {
  std::size_t cache_entries = 64;  // renderings kept (about 0.3 MB each)
  std::chrono::hours max_age{24};  // calls older than this are not rendered (404)
  std::filesystem::path log_file;  // one JSON line per rendering; empty: spdlog only
};

class Announcer {
 public:
  Announcer(const OfficeDirectory& offices, const Catalog& catalog, QueueService& queue,
            const Clock& clock, AnnouncerOptions options = {});

  // The announcement of call event `event_id` of `office`: unknown_office; not_found when the
  // office has no such event, it is not a call (ticket.called, ticket.recalled) or it is older
  // than max_age; internal when espeak-ng fails.
  Result<std::shared_ptr<const RenderedAnnouncement>> get(std::string_view office,
                                                          std::int64_t event_id);

  std::size_t renderings() const;  // how many were rendered (not served from the cache)

 private:
  using Shared = std::shared_future<Result<std::shared_ptr<const RenderedAnnouncement>>>;
  Result<std::shared_ptr<const RenderedAnnouncement>> render(const Office& office,
                                                             std::int64_t event_id);
  void log(const RenderedAnnouncement& a, Seconds at, std::chrono::milliseconds took);

  const OfficeDirectory& offices_;
  const Catalog& catalog_;
  QueueService& queue_;
  const Clock& clock_;
  AnnouncerOptions options_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::int64_t>, Shared> cache_;
  std::list<std::pair<std::string, std::int64_t>> order_;  // oldest first
  std::size_t renderings_ = 0;
  std::mutex log_mutex_;
  std::ofstream log_;
};

}  // namespace okno
