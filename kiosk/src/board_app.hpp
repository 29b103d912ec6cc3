// BoardApp (okno-kiosk --board, issue 11): owns the board's state (core's BoardState and
// AnnouncementQueue, changed only through core's functions), takes the stream's events, link
// changes and queue snapshots from the UiQueue once per frame, hands announcements to the player
// one at a time, and draws the board (screens/board.hpp). The same object runs in the window
// (main.cpp) and headless in tests.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app.hpp"
#include "board_player.hpp"
#include "board_stream.hpp"
#include "fonts.hpp"
#include "okno/board.hpp"
#include "screens/board.hpp"
#include "worker.hpp"

namespace okno::kiosk {

struct BoardSettings {
  std::string server;  // empty: no stream (screenshots)
  board::BoardConfig config;
  float scale = 1.0f;                  // large print: 1.5 or 2
  float screen_height = 1080;          // the display's, in pixels: the sizes follow it
  std::filesystem::path notices;       // assets/board/notices.toml; missing: no notices
  std::filesystem::path announce_log;  // one JSON line per announcement played
  std::filesystem::path state_log;     // one JSON line per change of what is shown
  FontPaths fonts;
};

class BoardApp {
 public:
  BoardApp(BoardSettings settings, const KioskData& data,
           std::unique_ptr<AnnouncementPlayer> player, std::function<board::TimePoint()> clock);
  ~BoardApp();

  bool build_fonts(std::string& error);
  void start();  // connects (when a server is set)

  // One frame: drain the queue, start the next announcement if none plays, draw. The caller
  // has started ImGui's frame (backends); this calls NewFrame and Render.
  void frame();
  // Seconds until the board must be drawn again without news: the flash's next phase, the next
  // minute of the clock, the next language of the notices.
  double next_wakeup() const;

  UiQueue& ui_queue() { return ui_queue_; }
  const board::BoardState& state() const { return state_; }
  const BoardFrame& last_frame() const { return frame_; }
  const BoardFontSet& fonts() const { return fonts_; }
  const board::AnnouncementQueue& announcements() const { return queue_; }

  // The stream's news, as the stream's handlers deliver them (public for screenshots and tests).
  void on_link(bool up);
  void on_event(const board::Event& e);
  void on_snapshot(const board::QueueSnapshot& s);

 private:
  void pump();
  void log_state();

  BoardSettings settings_;
  const KioskData& data_;
  std::unique_ptr<AnnouncementPlayer> player_;
  std::function<board::TimePoint()> clock_;
  board::BoardState state_;
  board::AnnouncementQueue queue_;
  std::vector<board::Notice> notices_;
  BoardFontSet fonts_;
  BoardFrame frame_;
  std::FILE* announce_log_ = nullptr;
  std::FILE* state_log_ = nullptr;
  std::string last_logged_;
  UiQueue ui_queue_;
  std::unique_ptr<BoardStream> stream_;  // after the queue: its threads post into it
};

// The demo board of --screenshot board: calls of the day (one recalled, A1000 at desk 12's
// place), waits per service, a paused desk; through the same functions as the live board.
void set_up_board_demo(BoardApp& app, board::TimePoint now, bool reconnecting);

}  // namespace okno::kiosk
