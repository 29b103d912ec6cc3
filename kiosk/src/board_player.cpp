// The board's player (board_player.hpp): one thread that renders an announcement and plays it
// through an SDL audio device queue, waiting until the device has played the last sample.
#include "board_player.hpp"

#include <SDL.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <date/date.h>
#include <nlohmann/json.hpp>

namespace okno::kiosk {
namespace {

class SdlPlayer final : public AnnouncementPlayer {
 public:
  SdlPlayer(float volume, std::function<board::TimePoint()> clock)
      : volume_(std::clamp(volume, 0.0f, 1.0f)),
        clock_(std::move(clock)),
        thread_([this] { run(); }) {}
  ~SdlPlayer() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    if (device_) SDL_CloseAudioDevice(device_);
  }
  void play(board::Announcement a, std::function<void(PlayedAnnouncement)> done) override {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back({std::move(a), std::move(done)});
    }
    cv_.notify_all();
  }

 private:
  struct Job {
    board::Announcement announcement;
    std::function<void(PlayedAnnouncement)> done;
  };

  // Sleeps up to `seconds` unless the player is being destroyed; false then.
  bool wait(double seconds) {
    std::unique_lock lock(mutex_);
    return !cv_.wait_for(lock, std::chrono::duration<double>(seconds),
                         [this] { return stopping_; });
  }

  void run() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      PlayedAnnouncement played;
      played.announcement = job.announcement;
      auto pcm = announcement_audio(job.announcement);
      if (!pcm) {
        played.error = pcm.error().detail;
        played.start = played.end = clock_();
        job.done(std::move(played));
        continue;
      }
      for (auto& s : pcm->samples) s = static_cast<std::int16_t>(static_cast<float>(s) * volume_);
      played.audible = open_device(pcm->sample_rate);
      played.start = clock_();
      if (played.audible) {
        SDL_QueueAudio(device_, pcm->samples.data(),
                       static_cast<Uint32>(pcm->samples.size() * sizeof(std::int16_t)));
        SDL_PauseAudioDevice(device_, 0);
        // Until the queue is empty, then the device's own buffer; and never less than the
        // audio's length (a driver may take samples faster than it plays them).
        const auto t0 = std::chrono::steady_clock::now();
        while (SDL_GetQueuedAudioSize(device_) > 0) {
          if (!wait(0.02)) return;
        }
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double buffer = double(obtained_.samples) / std::max(1, obtained_.freq);
        if (!wait(std::max(buffer, pcm->seconds() - elapsed))) return;
      } else if (!wait(pcm->seconds())) {
        return;
      }
      played.end = clock_();
      job.done(std::move(played));
    }
  }

  bool open_device(int rate) {
    if (device_) return true;
    if (tried_) return false;
    tried_ = true;
    if (SDL_WasInit(SDL_INIT_AUDIO) == 0) return false;
    SDL_AudioSpec want{};
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 2048;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &obtained_, 0);
    return device_ != 0;
  }

  const float volume_;
  std::function<board::TimePoint()> clock_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  bool tried_ = false;
  SDL_AudioDeviceID device_ = 0;
  SDL_AudioSpec obtained_{};
  std::thread thread_;  // last: starts when the rest is ready
};

std::string iso_ms(board::TimePoint t) {
  return date::format("%FT%TZ", t);
}

}  // namespace

Result<Pcm> announcement_audio(const board::Announcement& a) {
  return render_announcement(a.lines);
}

std::unique_ptr<AnnouncementPlayer> make_sdl_player(float volume,
                                                    std::function<board::TimePoint()> clock) {
  return std::make_unique<SdlPlayer>(volume, std::move(clock));
}

std::string announce_log_line(const PlayedAnnouncement& played) {
  const auto& a = played.announcement;
  nlohmann::json languages = nlohmann::json::array();
  for (const auto& l : a.lines) languages.push_back(to_string(l.language));
  nlohmann::json line = {
      {"event_id", a.event_id},    {"ticket", a.ticket},       {"desk", a.desk},
      {"recalls", a.recalls},      {"languages", languages},   {"start", iso_ms(played.start)},
      {"end", iso_ms(played.end)}, {"audible", played.audible}};
  if (!played.error.empty()) line["error"] = played.error;
  return line.dump();
}

}  // namespace okno::kiosk
