// The kiosk's UI: what a frame gets (UiContext) and gives back (intents, the buttons drawn, the
// text to read aloud), and draw_kiosk, which draws the frame and the screen of the moment.
// The screens are in screens/ (one file each), the widgets they share in widgets.hpp, the
// on-screen keyboard's keys in keyboard_layout.hpp. Nothing here changes state or talks to the
// network.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "display_text.hpp"  // describe_hours, display_time: the screens' texts
#include "fonts.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/visit_info.hpp"
#include "state.hpp"
#include "theme.hpp"

namespace okno::kiosk {

// A touch target drawn in the last frame: tests find buttons by id, speech reads labels.
struct ButtonRecord {
  std::string id;     // stable, e.g. "welcome.take_ticket"
  std::string label;  // as shown, in the visitor's language
  ImVec2 min, max;
  ImGuiID imgui_id = 0;
  // What of the window it was drawn in is visible (the draw list's clip rectangle): a target
  // outside it is scrolled away or cut off, and only dragging would reach it.
  ImVec2 visible_min, visible_max;
};

// A text drawn on the floor plan, as laid out: its lines (broken only between words) and the
// rectangle they take. Tests check that no word is split and nothing covers the route.
struct PlanText {
  std::string text;
  std::vector<std::string> lines;
  ImVec2 min, max;
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
  std::string spoken;                // what "read aloud" says for this screen
  std::vector<PlanText> plan_texts;  // the floor plan's labels; "you are here" is the last
  std::vector<ImVec2> route;         // the route drawn on the plan, in screen pixels
  float route_width = 0;

  Language lang = Language::ru;
  std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
    return catalog.text(lang, key, args);
  }
};

// Draws the whole kiosk for one frame (between ImGui::NewFrame and ImGui::Render).
void draw_kiosk(const KioskState& state, UiContext& ui);

// Minimum touch target side in pixels: 15 mm (R-VISIT-10).
float min_target_px(float px_per_mm);

}  // namespace okno::kiosk
