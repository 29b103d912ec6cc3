// KioskApp: owns the state, turns the screens' intents into state changes and backend calls,
// drains completed network work once per frame, and runs the inactivity reset. The same object
// runs in the real window (main.cpp) and in headless UI tests.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <type_traits>

#include "backend.hpp"
#include "fonts.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/visit_info.hpp"
#include "speech.hpp"
#include "state.hpp"
#include "ui.hpp"
#include "worker.hpp"

namespace okno::kiosk {

struct KioskConfig {
  std::string office_id = "demo";
  double idle_timeout_s = 60;  // without input, ask "need more time?"
  double more_time_s = 20;     // then reset to Welcome
  double retry_s = 10;         // while the server is down, check it this often
  float px_per_mm = 4.0f;      // 1920x1080 on a 21.5" panel is about 4 px/mm
  bool federal_survey = true;  // the office takes part in the federal quality evaluation
  FontPaths fonts;
};

// Everything the kiosk reads once at start.
struct KioskData {
  Catalog catalog;
  ProductionCalendar calendar;
  OfficeDirectory offices;
  Knowledge knowledge;
  std::optional<FloorPlan> plan;
  const Office* office = nullptr;
};
// Loads locales/, assets/calendar, assets/offices/demo.toml, assets/knowledge/<office>.toml and
// assets/kiosk/<office>-floor*.toml from the given roots.
Result<KioskData> load_kiosk_data(const std::filesystem::path& assets,
                                  const std::filesystem::path& locales,
                                  const std::string& office_id);

// What happens to a ticket after it is shown: printing (ticket_printer.hpp) or nothing in tests.
using TicketSink = std::function<bool(const Ticket&, Language)>;
// The same for a booking made at the kiosk: its slip with the code and the visit's time.
using SlipSink = std::function<bool(const BookingConfirmation&, Language)>;

class KioskApp {
 public:
  KioskApp(KioskConfig config, const KioskData& data, std::shared_ptr<KioskBackend> backend,
           std::unique_ptr<Speaker> speaker, std::function<Seconds()> wall_clock);
  ~KioskApp();

  // Builds the fonts for the current scale; called once before the first frame and again when
  // the visitor changes the text size. `on_rebuilt` re-uploads the texture (GL) if any.
  bool build_fonts(std::string& error);
  void set_on_fonts_rebuilt(std::function<void()> f) { on_fonts_rebuilt_ = std::move(f); }
  void set_ticket_sink(TicketSink sink) { ticket_sink_ = std::move(sink); }
  void set_slip_sink(SlipSink sink) { slip_sink_ = std::move(sink); }

  // One frame at time `now_s` (seconds, monotonic): NewFrame, draw, Render, apply intents.
  // The caller has filled ImGui's io with this frame's input.
  void frame(double now_s);
  // Seconds until the kiosk must draw again without input (a countdown, a retry); the event
  // loop sleeps that long at most. Infinity when nothing is pending.
  double next_wakeup(double now_s) const;

  UiQueue& ui_queue() { return ui_queue_; }
  const KioskState& state() const { return state_; }
  KioskState& mutable_state() { return state_; }  // screenshots set up demo states
  const UiContext* last_frame() const { return last_ui_.get(); }
  const ButtonRecord* find_button(std::string_view id) const;
  int requests_in_flight() { return worker_.in_flight(); }
  const FontSet& fonts() const { return fonts_; }
  const KioskConfig& config() const { return config_; }

  // Starts loading what the current screen shows (queue status, slots).
  void refresh();
  void apply(const Intent& intent);

 private:
  void go(Screen s);
  void reset_visitor();
  void note_input(double now_s);
  void on_backend_error(const BackendError& e);
  void on_backend_ok();
  // A form's request (take a ticket, book, send feedback): `call` runs on the worker, and its
  // answer comes back on the UI thread for the same visitor only (a later visitor never sees an
  // earlier one's). A failure shows in the form; `on_ok` gets the value (nothing for a void
  // answer).
  template <class Call, class OnOk>
  void submit_form(Call call, OnOk on_ok) {
    worker_.submit([this, call, on_ok, generation = visitor_generation_] {
      auto result = call();
      return [this, result = std::move(result), on_ok, generation] {
        if (generation != visitor_generation_) return;
        if (!result) {
          on_backend_error(result.error());
          state_.visitor.form_error = result.error().message;
          return;
        }
        on_backend_ok();
        if constexpr (std::is_void_v<typename decltype(result)::value_type>) {
          on_ok();
        } else {
          on_ok(*result);
        }
      };
    });
  }
  void submit_code();
  void consume_typed_characters();
  void speak_current();
  void retry_server();

  KioskConfig config_;
  const KioskData& data_;
  std::shared_ptr<KioskBackend> backend_;
  std::unique_ptr<Speaker> speaker_;
  std::function<Seconds()> wall_clock_;
  std::function<void()> on_fonts_rebuilt_;
  TicketSink ticket_sink_;
  SlipSink slip_sink_;
  KioskState state_;
  FontSet fonts_;
  float built_scale_ = 0;
  bool built_contrast_ = false;
  double now_s_ = 0;
  double next_retry_s_ = 0;
  ImVec2 last_mouse_{-1, -1};
  ImGuiID last_nav_id_ = 0;
  bool speak_screen_next_frame_ = false;
  bool typing_ = false;              // characters came from a keyboard/scanner since the last touch
  unsigned visitor_generation_ = 0;  // bumped when a visitor is forgotten
  std::unique_ptr<UiContext> last_ui_;
  UiQueue ui_queue_;
  BackgroundWorker worker_;  // last: its thread stops before the rest goes away
};

}  // namespace okno::kiosk
