// Speech (R-VISIT-10): every screen can read itself aloud in the visitor's language. espeak-ng
// synthesises to a buffer (voices ru en hy be kk ky), SDL audio plays it; "repeat", "stop" and
// volume come from the kiosk's bottom bar.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "okno/error.hpp"
#include "okno/language.hpp"

namespace okno::kiosk {

// What the UI needs from speech; a recording fake stands in for it in UI tests.
class Speaker {
 public:
  virtual ~Speaker() = default;
  virtual void say(Language lang, const std::string& text) = 0;  // replaces what is playing
  virtual void stop() = 0;
  virtual void set_volume(float volume_0_to_1) = 0;
};

struct Pcm {
  int sample_rate = 22050;
  std::vector<std::int16_t> samples;  // mono
  double seconds() const { return sample_rate ? double(samples.size()) / sample_rate : 0.0; }
};

// espeak-ng voice name for a language ("hy", "ky" ...).
std::string_view espeak_voice(Language lang);

// Synthesises `text` with espeak-ng into memory. Not thread-safe: espeak-ng keeps global state,
// so the kiosk calls it from its speech thread only (tests from their one thread).
Result<Pcm> synthesize(Language lang, const std::string& text);
Result<void> write_wav(const std::string& path, const Pcm& pcm);

// Speaker for the real kiosk: a thread that synthesises and queues the audio on an SDL audio
// device. Needs SDL_INIT_AUDIO; when no audio device opens, speech is silently unavailable.
std::unique_ptr<Speaker> make_sdl_speaker();
// Speaker that does nothing (screenshots, benchmarks).
std::unique_ptr<Speaker> make_silent_speaker();

}  // namespace okno::kiosk
