// The screens: functions over the kiosk state that draw with ImGui and return the visitor's
// intents. Nothing here changes state or talks to the network.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "fonts.hpp"
#include "kiosk_assets.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "state.hpp"
#include "theme.hpp"

namespace okno::kiosk {

// A touch target drawn in the last frame: tests find buttons by id, speech reads labels.
struct ButtonRecord {
  std::string id;     // stable, e.g. "welcome.take_ticket"
  std::string label;  // as shown, in the visitor's language
  ImVec2 min, max;
  ImGuiID imgui_id = 0;
};

struct UiContext {
  const Catalog& catalog;
  const Office& office;
  const ProductionCalendar& calendar;
  const Knowledge& knowledge;
  const FloorPlan* plan = nullptr;  // no plan: the directions text only
  const FontSet& fonts;
  const Palette& palette;
  Seconds now_utc{};
  double now_s = 0;        // the app's clock, for countdowns
  float px_per_mm = 4.0f;  // display density; touch targets are at least 15 mm
  bool federal_survey = false;
  double more_time_s = 20;  // how long the "need more time?" question waits

  // Output of one frame.
  std::vector<Intent> intents;
  std::vector<ButtonRecord> buttons;
  std::string spoken;  // what "read aloud" says for this screen

  Language lang = Language::ru;
  std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
    return catalog.text(lang, key, args);
  }
};

// Draws the whole kiosk for one frame (between ImGui::NewFrame and ImGui::Render).
void draw_kiosk(const KioskState& state, UiContext& ui);

// R-VISIT-7: today's hours and the next change ("closes at 18:00", "opens Monday 09:00"),
// in the office's zone with the production calendar applied. Two lines.
std::vector<std::string> describe_hours(const Office& office, const ProductionCalendar& calendar,
                                        Seconds now, const Catalog& catalog, Language lang);

// "2026-12-01T09:00:00+03:00" -> "01.12.2026 09:00" (the wall time as the server gave it).
std::string display_time(std::string_view iso);

// The on-screen keyboard's character keys for a language: its letters (or Latin), then digits
// and punctuation. Labels and typed text are the characters themselves.
std::vector<std::string> keyboard_keys(Language lang, bool latin);
size_t keyboard_letter_count(Language lang, bool latin);
// What a key types with shift on: its capital in the alphabet's own casing rules (digits and
// punctuation unchanged). Armenian և gives two letters: Եվ once, ԵՎ with capitals locked.
std::string keyboard_capital(Language lang, bool latin, std::string_view key, bool locked);
// At most this many keys a row: the ten digits and five punctuation marks make one row.
// Fewer at large print.
inline constexpr int kKeyboardColumns = 15;

// Minimum touch target side in pixels: 15 mm (R-VISIT-10).
float min_target_px(float px_per_mm);

}  // namespace okno::kiosk
