// Synthetic input for the real window: see input_script.hpp.
#include "input_script.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace okno::kiosk {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

void push_key(SDL_Window* window, SDL_Scancode scancode, bool down) {
  SDL_Event e{};
  e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
  e.key.timestamp = SDL_GetTicks();
  e.key.windowID = SDL_GetWindowID(window);
  e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
  e.key.keysym.scancode = scancode;
  e.key.keysym.sym = SDL_GetKeyFromScancode(scancode);
  SDL_PushEvent(&e);
}

void push_button(SDL_Window* window, int x, int y, bool down) {
  SDL_Event e{};
  e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
  e.button.timestamp = SDL_GetTicks();
  e.button.windowID = SDL_GetWindowID(window);
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
  e.button.clicks = 1;
  e.button.x = x;
  e.button.y = y;
  SDL_PushEvent(&e);
}

// One SDL_TEXTINPUT per code point: an event holds at most 31 bytes, and a scanner types one
// character at a time anyway.
void push_text(SDL_Window* window, const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.timestamp = SDL_GetTicks();
    e.text.windowID = SDL_GetWindowID(window);
    const size_t n = std::min(len, text.size() - i);
    std::copy_n(text.begin() + static_cast<std::ptrdiff_t>(i), n, e.text.text);
    SDL_PushEvent(&e);
    i += n;
  }
}

}  // namespace

bool load_input_script(const std::filesystem::path& file, std::vector<ScriptStep>& steps,
                       std::string& error) {
  std::ifstream in(file);
  if (!in) {
    error = "cannot read the input script " + file.string();
    return false;
  }
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string text = trim(raw);
    if (text.empty() || text[0] == '#') continue;
    const auto space = text.find(' ');
    const std::string verb = text.substr(0, space);
    const std::string arg = space == std::string::npos ? "" : trim(text.substr(space + 1));
    ScriptStep step;
    step.arg = arg;
    step.line = line;
    const std::string where = file.string() + ":" + std::to_string(line) + ": ";
    if (verb == "tap") {
      step.kind = ScriptStep::Kind::tap;
    } else if (verb == "key") {
      step.kind = ScriptStep::Kind::key;
      if (SDL_GetScancodeFromName(arg.c_str()) == SDL_SCANCODE_UNKNOWN) {
        error = where + "unknown key '" + arg + "'";
        return false;
      }
    } else if (verb == "text") {
      step.kind = ScriptStep::Kind::text;
    } else if (verb == "expect") {
      step.kind = ScriptStep::Kind::expect;
      if (!parse_screen(arg)) {
        error = where + "unknown screen '" + arg + "'";
        return false;
      }
    } else if (verb == "sleep") {
      step.kind = ScriptStep::Kind::sleep;
      char* end = nullptr;
      step.seconds = std::strtod(arg.c_str(), &end);
      if (arg.empty() || *end != '\0' || step.seconds < 0) {
        error = where + "sleep needs seconds";
        return false;
      }
    } else if (verb == "screenshot") {
      step.kind = ScriptStep::Kind::screenshot;
    } else {
      error = where + "unknown command '" + verb + "'";
      return false;
    }
    if (arg.empty() && step.kind != ScriptStep::Kind::sleep) {
      error = where + verb + " needs an argument";
      return false;
    }
    steps.push_back(std::move(step));
  }
  return true;
}

InputScript::InputScript(std::vector<ScriptStep> steps, double step_timeout_s)
    : steps_(std::move(steps)), step_timeout_s_(step_timeout_s) {}

std::string InputScript::take_screenshot_request() {
  return std::exchange(screenshot_, {});
}

InputScript::Status InputScript::fail(const std::string& why) {
  const ScriptStep& s = steps_[current_];
  error_ = "input script line " + std::to_string(s.line) + ": " + why;
  current_ = steps_.size();
  return Status::failed;
}

void InputScript::next_step(double now_s) {
  ++current_;
  phase_ = 0;
  step_started_s_ = now_s;
}

InputScript::Status InputScript::after_frame(const KioskApp& app, SDL_Window* window,
                                             double now_s) {
  if (!error_.empty()) return Status::failed;
  if (current_ >= steps_.size()) return Status::done;
  if (step_started_s_ < 0) step_started_s_ = now_s;
  const ScriptStep& s = steps_[current_];
  const bool timed_out = now_s - step_started_s_ > step_timeout_s_;
  switch (s.kind) {
    case ScriptStep::Kind::tap: {
      // Looked up in the frame just drawn, so a button is touched where the visitor sees it.
      const ButtonRecord* b = app.find_button(s.arg);
      if (!b) {
        if (timed_out) {
          return fail("no button '" + s.arg + "' on screen " +
                      std::string(to_string(app.state().visitor.screen)));
        }
        break;
      }
      const ImVec2 size = ImGui::GetIO().DisplaySize;
      const int x = static_cast<int>(std::clamp((b->min.x + b->max.x) / 2, 0.0f, size.x - 1));
      const int y = static_cast<int>(std::clamp((b->min.y + b->max.y) / 2, 0.0f, size.y - 1));
      if (phase_ == 0) {
        // The 1.86 SDL backend reads the pointer position from the windowing system, not from
        // events: move the real (X11) pointer there, as a finger on a touchscreen would.
        SDL_WarpMouseInWindow(window, x, y);
        phase_ = 1;
      } else if (phase_ == 1) {
        // Press only once ImGui itself saw the pointer over this very button; a button hidden
        // under another panel or scrolled out of view is never hovered and the step fails.
        if (GImGui->HoveredId == b->imgui_id) {
          push_button(window, x, y, true);
          phase_ = 2;
        } else if (timed_out) {
          return fail("button '" + s.arg + "' is drawn but cannot be touched (covered or clipped)");
        } else {
          SDL_WarpMouseInWindow(window, x, y);  // the pointer may have missed a moving layout
        }
      } else if (phase_ == 2) {
        push_button(window, x, y, false);
        phase_ = 3;
      } else {
        next_step(now_s);  // this frame read the release and applied the button's intent
      }
      break;
    }
    case ScriptStep::Kind::key: {
      const SDL_Scancode code = SDL_GetScancodeFromName(s.arg.c_str());
      push_key(window, code, phase_ == 0);  // down, then up on the next frame
      if (phase_++ == 1) next_step(now_s);
      break;
    }
    case ScriptStep::Kind::text:
      push_text(window, s.arg);
      next_step(now_s);
      break;
    case ScriptStep::Kind::expect:
      if (app.state().visitor.screen == parse_screen(s.arg)) {
        next_step(now_s);
      } else if (timed_out) {
        return fail("expected screen " + s.arg + ", still on " +
                    std::string(to_string(app.state().visitor.screen)) +
                    (app.state().visitor.form_error.empty()
                         ? std::string()
                         : " (" + app.state().visitor.form_error + ")"));
      }
      break;
    case ScriptStep::Kind::sleep:
      if (now_s - step_started_s_ >= s.seconds) next_step(now_s);
      break;
    case ScriptStep::Kind::screenshot:
      screenshot_ = s.arg;
      next_step(now_s);
      break;
  }
  return current_ >= steps_.size() ? Status::done : Status::running;
}

}  // namespace okno::kiosk
