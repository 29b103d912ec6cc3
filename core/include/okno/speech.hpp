// Speech as audio data (R-VISIT-10, issue 11): espeak-ng turns text into PCM in memory, and the
// project's own chime. No audio device here: the kiosk plays the PCM through SDL, okno-server
// sends it to the web board as WAV.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "okno/error.hpp"
#include "okno/language.hpp"

namespace okno {

struct Pcm {
  int sample_rate = 22050;
  std::vector<std::int16_t> samples;  // mono, 16-bit
  double seconds() const { return sample_rate ? double(samples.size()) / sample_rate : 0.0; }
};

// The sample rate of espeak-ng 1.51's voices, and of chime(): one rate, so they concatenate.
inline constexpr int kSpeechSampleRate = 22050;

// espeak-ng voice name for a language ("hy", "ky" ...).
std::string_view espeak_voice(Language lang);

// Synthesises `text` with espeak-ng into memory. Thread-safe: espeak-ng is one global engine, so
// every call holds one process-wide mutex for the whole synthesis (calls from several server
// threads run one after another; each takes tens of milliseconds per short sentence).
Result<Pcm> synthesize(Language lang, const std::string& text);

// The project's chime before every announcement (issue 11): two soft sine tones, a falling
// major third (E5 then C5) with a quiet octave partial, a 10 ms attack and an exponential decay;
// about 1.2 s at kSpeechSampleRate. Deterministic: assets/sounds/chime.wav is its output
// (tests/unit/speech_test.cpp checks the committed file against it).
Pcm chime();

// One line of an announcement: what is said, in which voice.
struct SpokenText {
  Language language = Language::ru;
  std::string text;
};
// The pauses of an announcement, in seconds: after the chime, and between two lines.
inline constexpr double kPauseAfterChime = 0.25;
inline constexpr double kPauseBetweenLines = 0.6;

// An announcement as both boards play it (issue 11): the chime, then each line in turn
// (Russian first, then the visitor's language: board::announcement_lines), with the pauses
// above. okno-server sends it to the web board as WAV; the native board plays the same.
Result<Pcm> render_announcement(const std::vector<SpokenText>& lines);

// Appends `tail` to `head` after `gap_seconds` of silence; both at the same sample rate
// (asserted: mixing rates is a programmer error).
void append(Pcm& head, const Pcm& tail, double gap_seconds = 0.0);

// The PCM as a WAV file (RIFF, PCM, 16-bit mono, little-endian): what write_wav writes and what
// okno-server answers for an announcement.
std::string wav_bytes(const Pcm& pcm);
Result<void> write_wav(const std::string& path, const Pcm& pcm);

}  // namespace okno
