// The board's announcements as sound (issue 11): the chime, then each spoken line (Russian
// first, then the visitor's language) synthesised by espeak-ng, played through SDL audio whole.
// Unlike the kiosk's Speaker, which replaces what plays, the board plays one announcement after
// another: core's AnnouncementQueue hands out the next only when the player says the last has
// ended, so nothing overlaps and nothing is cut short. Without an audio device (tests, Xvfb) it
// still "plays" in real time, the synthesised length, so its log proves order and no overlap.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "okno/board.hpp"
#include "okno/error.hpp"
#include "okno/speech.hpp"

namespace okno::kiosk {

// The whole announcement as one PCM, as the web board gets it too: core's render_announcement
// (the chime, a pause, then the lines with a pause between).
Result<Pcm> announcement_audio(const board::Announcement& a);

struct PlayedAnnouncement {
  board::Announcement announcement;
  board::TimePoint start{}, end{};  // when its first and last sample played
  bool audible = false;             // through an audio device (false: timed only)
  std::string error;                // synthesis failed: nothing played
};

class AnnouncementPlayer {
 public:
  virtual ~AnnouncementPlayer() = default;
  // Plays `a` whole, then calls `done` (on the player's thread). One at a time: the caller
  // waits for `done` before the next.
  virtual void play(board::Announcement a, std::function<void(PlayedAnnouncement)> done) = 0;
};

// Through SDL audio (needs SDL_INIT_AUDIO; without a device it times the audio instead).
// `volume` 0..1; `clock` gives the wall time for the log.
std::unique_ptr<AnnouncementPlayer> make_sdl_player(float volume,
                                                    std::function<board::TimePoint()> clock);

// One JSON line for --announce-log: event id, ticket, desk, the languages in the order spoken,
// start and end (UTC, milliseconds), whether it was audible.
std::string announce_log_line(const PlayedAnnouncement& played);

}  // namespace okno::kiosk
