// espeak-ng synthesis into memory (one global engine behind one mutex), the chime, WAV output.
#include "okno/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fstream>
#include <mutex>
#include <numbers>

namespace okno {
namespace {

// espeak-ng keeps its engine, voice and synth callback in globals: everything that touches it
// runs under this mutex, including the sink the callback fills.
std::mutex g_espeak_mutex;
std::vector<std::int16_t>* g_sink = nullptr;
int g_sample_rate = 0;

int collect_samples(short* wav, int count, espeak_EVENT*) {
  if (wav && count > 0 && g_sink) g_sink->insert(g_sink->end(), wav, wav + count);
  return 0;  // continue
}

bool ensure_espeak() {  // under g_espeak_mutex
  if (g_sample_rate > 0) return true;
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, 0);
  if (rate <= 0) return false;
  espeak_SetSynthCallback(collect_samples);
  g_sample_rate = rate;
  return true;
}

void put_u16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}
void put_u32(std::string& out, std::uint32_t v) {
  put_u16(out, static_cast<std::uint16_t>(v & 0xffff));
  put_u16(out, static_cast<std::uint16_t>(v >> 16));
}

}  // namespace

std::string_view espeak_voice(Language lang) {
  // espeak-ng 1.51 voice names; all six exist in Debian's espeak-ng-data.
  return to_string(lang);
}

Result<Pcm> synthesize(Language lang, const std::string& text) {
  std::lock_guard lock(g_espeak_mutex);
  if (!ensure_espeak()) return fail(ErrorCode::internal, "espeak-ng failed to initialise");
  if (espeak_SetVoiceByName(std::string(espeak_voice(lang)).c_str()) != EE_OK) {
    return fail(ErrorCode::internal, "espeak-ng has no voice " + std::string(espeak_voice(lang)));
  }
  espeak_SetParameter(espeakRATE, 150, 0);  // a little slower than default: clearer
  Pcm pcm;
  pcm.sample_rate = g_sample_rate;
  g_sink = &pcm.samples;
  const espeak_ERROR rc = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                       espeakCHARS_UTF8, nullptr, nullptr);
  espeak_Synchronize();
  g_sink = nullptr;
  if (rc != EE_OK) return fail(ErrorCode::internal, "espeak-ng synthesis failed");
  return pcm;
}

Pcm chime() {
  // Each tone: fundamental plus a quiet octave, 10 ms linear attack, exponential decay; the
  // second tone starts while the first fades, as a door chime does.
  struct Tone {
    double start_s, hz, length_s;
  };
  constexpr Tone kTones[] = {{0.0, 659.25, 0.75}, {0.40, 523.25, 0.80}};
  constexpr double kPeak = 0.30 * 32767.0;  // soft: well below the voice's level
  constexpr double kAttack = 0.010, kDecay = 4.5;
  constexpr double kTotal = 1.25;
  Pcm pcm;
  pcm.sample_rate = kSpeechSampleRate;
  const auto n = static_cast<std::size_t>(kTotal * kSpeechSampleRate);
  pcm.samples.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = double(i) / kSpeechSampleRate;
    double v = 0;
    for (const Tone& tone : kTones) {
      const double local = t - tone.start_s;
      if (local < 0 || local >= tone.length_s) continue;
      const double attack = local < kAttack ? local / kAttack : 1.0;
      // The decay reaches zero at the tone's end (no click): exp decay times a short fade-out.
      const double fade = std::min(1.0, (tone.length_s - local) / 0.05);
      const double env = attack * std::exp(-kDecay * local) * fade;
      const double phase = 2.0 * std::numbers::pi * tone.hz * local;
      v += env * (std::sin(phase) + 0.25 * std::sin(2.0 * phase)) / 1.25;
    }
    pcm.samples[i] = static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0, 1.0) * kPeak));
  }
  return pcm;
}

Result<Pcm> render_announcement(const std::vector<SpokenText>& lines) {
  Pcm pcm = chime();
  bool first = true;
  for (const auto& line : lines) {
    auto spoken = synthesize(line.language, line.text);
    if (!spoken) return std::unexpected(spoken.error());
    append(pcm, *spoken, first ? kPauseAfterChime : kPauseBetweenLines);
    first = false;
  }
  return pcm;
}

void append(Pcm& head, const Pcm& tail, double gap_seconds) {
  if (head.samples.empty()) head.sample_rate = tail.sample_rate;
  assert(head.sample_rate == tail.sample_rate && "append: PCM at different sample rates");
  const auto gap = static_cast<std::size_t>(std::max(0.0, gap_seconds) * head.sample_rate);
  head.samples.insert(head.samples.end(), gap, std::int16_t{0});
  head.samples.insert(head.samples.end(), tail.samples.begin(), tail.samples.end());
}

std::string wav_bytes(const Pcm& pcm) {
  const auto data_bytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  put_u32(out, 36 + data_bytes);
  out += "WAVEfmt ";
  put_u32(out, 16);
  put_u16(out, 1);  // PCM
  put_u16(out, 1);  // mono
  put_u32(out, static_cast<std::uint32_t>(pcm.sample_rate));
  put_u32(out, static_cast<std::uint32_t>(pcm.sample_rate * 2));
  put_u16(out, 2);   // block align
  put_u16(out, 16);  // bits per sample
  out += "data";
  put_u32(out, data_bytes);
  for (std::int16_t s : pcm.samples) put_u16(out, static_cast<std::uint16_t>(s));
  return out;
}

Result<void> write_wav(const std::string& path, const Pcm& pcm) {
  std::ofstream f(path, std::ios::binary);
  if (!f) return fail(ErrorCode::internal, "cannot write " + path);
  const std::string bytes = wav_bytes(pcm);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) return fail(ErrorCode::internal, "cannot write " + path);
  return {};
}

}  // namespace okno
