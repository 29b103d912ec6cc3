// Synthetic input for the real window (--input-script): a short script of taps, keys and text
// that the event loop turns into SDL events (a warped pointer plus pushed button, key and text
// events), so a test drives the kiosk through X11, SDL and ImGui the way a visitor would, and
// waits for what the screen shows instead of sleeping for guessed times.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app.hpp"

namespace okno::kiosk {

// One line of the script. Blank lines and lines starting with '#' are skipped.
//   tap ID           touch the button drawn with that id (waits until it is drawn and hovered)
//   key NAME         press and release an SDL key ("Return", "Tab", "Escape", "Down")
//   text STRING      type the rest of the line, as a keyboard-wedge scanner would
//   expect SCREEN    wait until the kiosk shows that screen (state.hpp names)
//   sleep SECONDS    wait, still drawing frames
//   screenshot FILE  write the frame as drawn in the window to a PNG
struct ScriptStep {
  enum class Kind { tap, key, text, expect, sleep, screenshot };
  Kind kind = Kind::tap;
  std::string arg;
  double seconds = 0;
  int line = 0;
};

bool load_input_script(const std::filesystem::path& file, std::vector<ScriptStep>& steps,
                       std::string& error);

class InputScript {
 public:
  enum class Status { running, done, failed };

  // A step that waits (tap, expect) fails after `step_timeout_s` so a broken screen ends the run
  // with a message instead of hanging the test.
  explicit InputScript(std::vector<ScriptStep> steps, double step_timeout_s = 15);

  // Called once per frame, after the app drew it and before the swap: advances the current step
  // and pushes the SDL events that the next frame will read.
  Status after_frame(const KioskApp& app, SDL_Window* window, double now_s);
  // The file a "screenshot" step wants this frame's back buffer in; empty if none. Cleared.
  std::string take_screenshot_request();
  const std::string& error() const { return error_; }

 private:
  Status fail(const std::string& why);
  void next_step(double now_s);

  std::vector<ScriptStep> steps_;
  double step_timeout_s_;
  size_t current_ = 0;
  int phase_ = 0;  // within a tap or key: which event comes next
  double step_started_s_ = -1;
  std::string screenshot_;
  std::string error_;
};

}  // namespace okno::kiosk
