// espeak-ng synthesis into memory and playback through an SDL audio device queue. espeak-ng is
// one global engine: a single speech thread owns it; the UI only posts requests.
#include "speech.hpp"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace okno::kiosk {
namespace {

std::vector<std::int16_t>* g_sink = nullptr;  // the buffer the synth callback fills

int collect_samples(short* wav, int count, espeak_EVENT*) {
  if (wav && count > 0 && g_sink) g_sink->insert(g_sink->end(), wav, wav + count);
  return 0;  // continue
}

int g_sample_rate = 0;

bool ensure_espeak() {
  if (g_sample_rate > 0) return true;
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, 0);
  if (rate <= 0) return false;
  espeak_SetSynthCallback(collect_samples);
  g_sample_rate = rate;
  return true;
}

}  // namespace

std::string_view espeak_voice(Language lang) {
  // espeak-ng 1.51 voice names; all six exist in Debian's espeak-ng-data.
  return to_string(lang);
}

Result<Pcm> synthesize(Language lang, const std::string& text) {
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

Result<void> write_wav(const std::string& path, const Pcm& pcm) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return fail(ErrorCode::internal, "cannot write " + path);
  auto u32 = [&](std::uint32_t v) { std::fwrite(&v, 4, 1, f); };
  auto u16 = [&](std::uint16_t v) { std::fwrite(&v, 2, 1, f); };
  const auto data_bytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
  std::fwrite("RIFF", 1, 4, f);
  u32(36 + data_bytes);
  std::fwrite("WAVEfmt ", 1, 8, f);
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(pcm.sample_rate));
  u32(static_cast<std::uint32_t>(pcm.sample_rate * 2));
  u16(2);
  u16(16);
  std::fwrite("data", 1, 4, f);
  u32(data_bytes);
  std::fwrite(pcm.samples.data(), 2, pcm.samples.size(), f);
  std::fclose(f);
  return {};
}

namespace {

class SilentSpeaker final : public Speaker {
 public:
  void say(Language, const std::string&) override {}
  void stop() override {}
  void set_volume(float) override {}
};

// Synthesis on its own thread (it takes a moment per sentence); the audio device plays what
// is queued. "say" replaces whatever is playing: the newest request is the one that matters.
class SdlSpeaker final : public Speaker {
 public:
  SdlSpeaker() : thread_([this] { run(); }) {}
  ~SdlSpeaker() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    if (device_) SDL_CloseAudioDevice(device_);
  }
  void say(Language lang, const std::string& text) override {
    {
      std::lock_guard lock(mutex_);
      pending_ = Request{lang, text};
      ++serial_;
    }
    cv_.notify_all();
  }
  void stop() override {
    {
      std::lock_guard lock(mutex_);
      pending_.reset();
      ++serial_;
    }
    if (device_) SDL_ClearQueuedAudio(device_);
  }
  void set_volume(float v) override { volume_ = std::clamp(v, 0.0f, 1.0f); }

 private:
  struct Request {
    Language lang;
    std::string text;
  };
  void run() {
    for (;;) {
      Request request;
      unsigned serial = 0;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || pending_.has_value(); });
        if (stopping_) return;
        request = std::move(*pending_);
        pending_.reset();
        serial = serial_;
      }
      auto pcm = synthesize(request.lang, request.text);
      if (!pcm || !open_device(pcm->sample_rate)) continue;
      {
        std::lock_guard lock(mutex_);
        if (serial != serial_) continue;  // stopped or replaced while synthesising
      }
      const float volume = volume_;
      for (auto& s : pcm->samples) s = static_cast<std::int16_t>(s * volume);
      SDL_ClearQueuedAudio(device_);
      SDL_QueueAudio(device_, pcm->samples.data(),
                     static_cast<Uint32>(pcm->samples.size() * sizeof(std::int16_t)));
      SDL_PauseAudioDevice(device_, 0);
    }
  }
  bool open_device(int rate) {
    if (device_) return true;
    SDL_AudioSpec want{};
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 2048;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    return device_ != 0;
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<Request> pending_;
  unsigned serial_ = 0;
  bool stopping_ = false;
  std::atomic<float> volume_{0.8f};
  SDL_AudioDeviceID device_ = 0;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Speaker> make_sdl_speaker() {
  return std::make_unique<SdlSpeaker>();
}
std::unique_ptr<Speaker> make_silent_speaker() {
  return std::make_unique<SilentSpeaker>();
}

}  // namespace okno::kiosk
