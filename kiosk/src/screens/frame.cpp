// The frame around every screen (draw_kiosk in ui.cpp lays it out): the top bar with the
// office's name and the accessibility button (R-VISIT-10), the bottom bar with back, finish and
// the speech controls, the banner while the server is down, and the "need more time?" overlay.
#include "screens/frame.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "widgets.hpp"

namespace okno::kiosk {
namespace {

// The bottom bar: back and finish (not on Welcome), then the speech controls. At large print
// back and finish move up into the top bar (in place of the office's name, which Welcome shows
// in full), so the bottom bar keeps one row and the screen keeps its room (issue 16 item 11);
// if the labels still do not fit one row without breaking words, the bar takes two rows.
struct BarItem {
  const char* id;
  const char* key;
  Intent::Kind kind;
};
bool nav_on_top(const KioskState& s, const UiContext& ui) {
  return s.visitor.screen != Screen::welcome && ui.fonts.scale > 1.0f;
}

std::vector<BarItem> bottom_items(const KioskState& s, const UiContext& ui) {
  std::vector<BarItem> items;
  if (s.visitor.screen != Screen::welcome && !nav_on_top(s, ui)) {
    items.push_back({"nav.back", "kiosk.back", Intent::Kind::back});
    items.push_back({"nav.home", "kiosk.finish", Intent::Kind::home});
  }
  items.push_back({"speech.repeat", "kiosk.speech.read", Intent::Kind::speak_repeat});
  items.push_back({"speech.stop", "kiosk.speech.stop", Intent::Kind::speak_stop});
  items.push_back({"speech.quieter", "kiosk.speech.quieter", Intent::Kind::volume_down});
  items.push_back({"speech.louder", "kiosk.speech.louder", Intent::Kind::volume_up});
  return items;
}

int bottom_columns(const KioskState& s, const UiContext& ui, float avail) {
  const auto items = bottom_items(s, ui);
  const int count = static_cast<int>(items.size());
  const float width = (avail - gap() * static_cast<float>(count - 1)) / static_cast<float>(count);
  float longest = 0;
  for (const auto& item : items) {
    // The longest word decides: a word must never be split across lines.
    const std::string label = ui.t(item.key);
    size_t start = 0;
    while (start <= label.size()) {
      size_t end = label.find(' ', start);
      if (end == std::string::npos) end = label.size();
      longest =
          std::max(longest, ImGui::CalcTextSize(label.c_str() + start, label.c_str() + end).x);
      start = end + 1;
    }
  }
  return longest + ImGui::GetFontSize() * 1.2f <= width ? count : (count + 1) / 2;
}

}  // namespace

void draw_top_bar(const KioskState& s, UiContext& ui, float height) {
  ImGui::BeginChild("top", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
  const float button_width = ImGui::GetFontSize() * 9;
  const float name_room = ImGui::GetWindowWidth() - button_width - gap() * 3;
  if (nav_on_top(s, ui)) {
    // Back and finish in place of the name: as wide as their longer label, never split.
    const std::string back = ui.t("kiosk.back"), finish = ui.t("kiosk.finish");
    const float w =
        std::max(ImGui::CalcTextSize(back.c_str()).x, ImGui::CalcTextSize(finish.c_str()).x) +
        ImGui::GetFontSize() * 1.2f;
    ImGui::SetCursorPosY(0);
    if (button(ui, "nav.back", back, w, false, false)) emit(ui, Intent::Kind::back);
    ImGui::SameLine();
    if (button(ui, "nav.home", finish, w, false, false)) emit(ui, Intent::Kind::home);
    ImGui::SameLine();
  }
  const std::string name = ui.office.short_name.get(ui.lang);
  // The title font when the name fits beside the buttons, the body font otherwise; clipped
  // as a last resort so it never runs under a button.
  ImGui::PushFont(ui.fonts.title);
  if (ImGui::CalcTextSize(name.c_str()).x > name_room) {
    ImGui::PopFont();
    ImGui::PushFont(ui.fonts.body);
  }
  if (!nav_on_top(s, ui)) {
    ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(p, ImVec2(p.x + name_room, p.y + height), true);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopClipRect();
  }
  ImGui::PopFont();
  // Always visible: accessibility (R-VISIT-10).
  ImGui::SameLine(ImGui::GetWindowWidth() - button_width - ImGui::GetStyle().WindowPadding.x);
  ImGui::SetCursorPosY(0);
  if (button(ui, "top.accessibility", ui.t("kiosk.a11y.button"), button_width,
             s.visitor.screen == Screen::accessibility, false)) {
    go(ui, Screen::accessibility);
  }
  ImGui::EndChild();
}

float bottom_bar_height(const KioskState& s, const UiContext& ui, float avail) {
  const auto items = bottom_items(s, ui);
  const int columns = bottom_columns(s, ui, avail);
  const float w = (avail - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  float total = 0, row = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    // The same measure as button(): wrapped label plus padding, at least the touch target.
    const float h = button_height(ui, ui.t(items[i].key), w);
    row = std::max(row, h);
    if ((static_cast<int>(i) + 1) % columns == 0 || i + 1 == items.size()) {
      total += row + (total > 0 ? ImGui::GetStyle().ItemSpacing.y : 0);
      row = 0;
    }
  }
  return total;
}

void draw_bottom_bar(const KioskState& s, UiContext& ui) {
  const auto items = bottom_items(s, ui);
  const float avail = ImGui::GetContentRegionAvail().x;
  const int columns = bottom_columns(s, ui, avail);
  const float w = (avail - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  for (size_t i = 0; i < items.size(); ++i) {
    if (button(ui, items[i].id, ui.t(items[i].key), w, false, false)) emit(ui, items[i].kind);
    if ((static_cast<int>(i) + 1) % columns != 0 && i + 1 < items.size()) ImGui::SameLine();
  }
}

void draw_server_banner(const KioskState& s, UiContext& ui) {
  if (!s.server_down) return;
  card(ui, [&](float width) {
    say_text(ui, ui.t("kiosk.error.server_down"), ui.fonts.title, &ui.palette.error_text);
    say_text(ui, ui.t("kiosk.error.ask_reception"), nullptr, &ui.palette.error_text);
    if (button(ui, "server.retry", ui.t("kiosk.error.retry"),
               std::min(width, ImGui::GetFontSize() * 10))) {
      emit(ui, Intent::Kind::retry_server);
    }
  });
}

void draw_more_time(const KioskState& s, UiContext& ui) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::SetNextWindowFocus();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.75f));
  ImGui::Begin(
      "more_time", nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  const float width = std::min(vp->Size.x * 0.8f, ImGui::GetFontSize() * 30);
  ImGui::SetCursorPos(ImVec2((vp->Size.x - width) / 2, vp->Size.y * 0.25f));
  ImGui::BeginChild("more_time_panel", ImVec2(width, vp->Size.y * 0.5f), true,
                    ImGuiWindowFlags_NoScrollbar);
  const int left =
      std::max(0, static_cast<int>(std::ceil(ui.more_time_s - (ui.now_s - s.asked_at_s))));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col(ui.palette.panel_text)));
  say_text(ui, ui.t("kiosk.timeout.question"), ui.fonts.title);
  say_text(ui, ui.t("kiosk.timeout.countdown", {{"seconds", std::to_string(left)}}));
  ImGui::PopStyleColor();
  const float w = (ImGui::GetContentRegionAvail().x - gap()) / 2;
  if (button(ui, "timeout.more", ui.t("kiosk.timeout.more"), w)) emit(ui, Intent::Kind::more_time);
  ImGui::SameLine();
  if (button(ui, "timeout.finish", ui.t("kiosk.finish"), w)) emit(ui, Intent::Kind::home);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace okno::kiosk
