// Playback through an SDL audio device queue of what core's okno::synthesize makes (espeak-ng);
// a single speech thread synthesises, the UI only posts requests.
#include "speech.hpp"

#include <SDL.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace okno::kiosk {
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
