// The waiting-room board as a web page (issue 11; docs/board.md "Web board"): GET
// /board/{office} for a TV whose only software is a browser (Chromium in kiosk mode). The same
// layout and behaviour as the native board (okno-kiosk --board): the newest call large with
// the desk's name, the last calls below, the newest flashing; the agency, today's hours, the
// time, per service the number waiting and the estimate, the notices line. The page script
// (assets/web/board.js) keeps it live from the office's event stream and speaks each call with
// the server's audio (GET …/announcements/{event_id}.wav). Public: no personal data.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <httplib.h>

#include "okno/board.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"

namespace okno {

class BoardPage {
 public:
  // Reads assets/web/board.{html,js,css} and assets/sounds/chime.wav once; the notices
  // (assets/board/notices.toml, optional) whenever the file changes.
  static Result<std::unique_ptr<BoardPage>> create(const std::filesystem::path& assets_dir,
                                                   const Catalog& catalog,
                                                   const OfficeDirectory& offices,
                                                   const ProductionCalendar& calendar,
                                                   const Clock& clock);
  // GET /board/{office}, /board/{office}/info, /board/assets/...
  void routes(httplib::Server& http);

 private:
  BoardPage(const Catalog& catalog, const OfficeDirectory& offices,
            const ProductionCalendar& calendar, const Clock& clock)
      : catalog_(catalog), offices_(offices), calendar_(calendar), clock_(clock) {}
  std::vector<board::Notice> notices();  // the file as of now (re-read when it changed)

  const Catalog& catalog_;
  const OfficeDirectory& offices_;
  const ProductionCalendar& calendar_;
  const Clock& clock_;
  std::map<std::string, std::string> files_;  // board.html, board.js, board.css, chime.wav
  std::filesystem::path notices_file_;
  std::mutex notices_mutex_;
  std::filesystem::file_time_type notices_time_{};
  std::vector<board::Notice> notices_;
};

}  // namespace okno
