// Speech (R-VISIT-10): every screen can read itself aloud in the visitor's language. Core's
// okno::synthesize (okno/speech.hpp, espeak-ng, voices ru en hy be kk ky) makes the PCM, SDL audio
// plays it; "repeat", "stop" and volume come from the kiosk's bottom bar.
#pragma once

#include <memory>
#include <string>

#include "okno/language.hpp"
#include "okno/speech.hpp"

namespace okno::kiosk {

// What the UI needs from speech; a recording fake stands in for it in UI tests.
class Speaker {
 public:
  virtual ~Speaker() = default;
  virtual void say(Language lang, const std::string& text) = 0;  // replaces what is playing
  virtual void stop() = 0;
  virtual void set_volume(float volume_0_to_1) = 0;
};

// Speaker for the real kiosk: a thread that synthesises and queues the audio on an SDL audio
// device. Needs SDL_INIT_AUDIO; when no audio device opens, speech is silently unavailable.
std::unique_ptr<Speaker> make_sdl_speaker();
// Speaker that does nothing (screenshots, benchmarks).
std::unique_ptr<Speaker> make_silent_speaker();

}  // namespace okno::kiosk
