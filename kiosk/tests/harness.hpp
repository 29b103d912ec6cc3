// Test harness: a real ImGui context driven frame by frame with no window and no renderer
// (io.DisplaySize set, font atlas built), a KioskApp on a given backend, and helpers that touch
// buttons by id, type characters and press keys, as a visitor would.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"

namespace okno::kiosk::testing {

// Speech stand-in: remembers what would have been said.
class RecordingSpeaker final : public Speaker {
 public:
  struct Log {
    std::mutex mutex;
    std::vector<std::string> said;
    int stops = 0;
    float volume = 0;
  };
  explicit RecordingSpeaker(std::shared_ptr<Log> log) : log_(std::move(log)) {}
  void say(Language, const std::string& text) override {
    std::lock_guard lock(log_->mutex);
    log_->said.push_back(text);
  }
  void stop() override {
    std::lock_guard lock(log_->mutex);
    ++log_->stops;
  }
  void set_volume(float v) override {
    std::lock_guard lock(log_->mutex);
    log_->volume = v;
  }

 private:
  std::shared_ptr<Log> log_;
};

inline const KioskData& demo_data() {
  static const KioskData data = [] {
    auto d = load_kiosk_data(std::filesystem::path(OKNO_SOURCE_ROOT) / "assets",
                             std::filesystem::path(OKNO_SOURCE_ROOT) / "locales", "demo");
    if (!d) throw std::runtime_error(d.error().detail);
    KioskData out = std::move(*d);
    out.office = out.offices.find("demo");
    return out;
  }();
  return data;
}

// Key indices for io.KeysDown (1.86 maps ImGuiKey_* through io.KeyMap).
enum TestKey { kTab = 1, kLeft, kRight, kUp, kDown, kEnter, kEscape, kSpace, kBackspace };

class Harness {
 public:
  explicit Harness(std::shared_ptr<KioskBackend> backend, KioskConfig config = {})
      : context_(ImGui::CreateContext()),
        speech_(std::make_shared<RecordingSpeaker::Log>()),
        app_(std::make_unique<KioskApp>(config, demo_data(), std::move(backend),
                                        std::make_unique<RecordingSpeaker>(speech_),
                                        [this] { return wall_now; })) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60;
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_KeyPadEnter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    std::string error;
    EXPECT_TRUE(app_->build_fonts(error)) << error;
    frame();
  }
  ~Harness() {
    app_.reset();  // the worker stops before the context goes
    ImGui::DestroyContext(context_);
  }

  KioskApp& app() { return *app_; }
  const KioskState& state() { return app_->state(); }
  Screen screen() { return app_->state().visitor.screen; }
  std::vector<std::string> said() {
    std::lock_guard lock(speech_->mutex);
    return speech_->said;
  }

  void frame() {
    ImGui::GetIO().DisplaySize = display;
    app_->frame(now_s);
    now_s += 1.0 / 60;
  }
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }
  // Lets the clock jump (inactivity), with one frame at the new time.
  void advance(double seconds) {
    now_s += seconds;
    frame();
  }
  // Waits (in real time) for the worker and runs the completions.
  void settle() {
    for (int i = 0; i < 2000 && app_->requests_in_flight() > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    frames(3);
  }

  bool has_button(const std::string& id) { return app_->find_button(id) != nullptr; }
  // Touch: finger down over the button for a frame, then up.
  void tap(const std::string& id) {
    const ButtonRecord* b = app_->find_button(id);
    ASSERT_NE(b, nullptr) << "no button " << id << " on screen " << to_string(screen());
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((b->min.x + b->max.x) / 2, (b->min.y + b->max.y) / 2);
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // the finger is lifted: nothing is hovered
    frame();
  }
  void type(const std::string& utf8) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddInputCharactersUTF8(utf8.c_str());
    frame();
  }
  void press(TestKey key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    frame();
  }

  ImVec2 display{1920, 1080};                                     // the kiosk's screen (--size)
  Seconds wall_now = *parse_iso_instant("2026-11-30T07:30:00Z");  // Monday 10:30 in Moscow
  double now_s = 1.0;

 private:
  ImGuiContext* context_;
  std::shared_ptr<RecordingSpeaker::Log> speech_;
  std::unique_ptr<KioskApp> app_;
};

}  // namespace okno::kiosk::testing
