// The shared widgets (widgets.hpp): how every kiosk screen draws text, buttons, grids and cards.
#include "widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <utility>

namespace okno::kiosk {

ImU32 col(Rgb c) {
  return IM_COL32(c.r, c.g, c.b, 255);
}

float gap() {
  return ImGui::GetStyle().ItemSpacing.x;
}

float target_height(const UiContext& ui) {
  return std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.0f);
}

void say_text(UiContext& ui, const std::string& text, ImFont* font, const Rgb* colour) {
  if (font) ImGui::PushFont(font);
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col(*colour)));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  if (colour) ImGui::PopStyleColor();
  if (font) ImGui::PopFont();
  ui.spoken += text;
  ui.spoken += ".\n";
}

bool button(UiContext& ui, const std::string& id, const std::string& label, float width,
            bool selected, bool speak, ImFont* font) {
  ImGuiContext& g = *GImGui;
  if (font) ImGui::PushFont(font);
  const float pad = ImGui::GetFontSize() * 0.45f;
  const float mark = selected ? ImGui::GetFontSize() * 1.1f : 0.0f;
  const float wrap = std::max(10.0f, width - 2 * pad - mark);
  const ImVec2 text_size = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap);
  const ImVec2 size(width, std::max(target_height(ui), text_size.y + 2 * pad));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  bool pressed = ImGui::InvisibleButton("##b", size);
  const ImGuiID imgui_id = ImGui::GetItemID();
  const bool held = ImGui::IsItemActive();
  const bool focused = g.NavId == imgui_id && !g.NavDisableHighlight;
  if (focused && (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                  ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))) {
    pressed = true;
  }
  ImGui::PopID();
  const Palette& p = ui.palette;
  const Rgb bg = selected ? p.button_selected : held ? p.button_pressed : p.button;
  const Rgb fg = selected ? p.button_selected_text : p.button_text;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  const float rounding = ImGui::GetFontSize() * 0.25f;
  dl->AddRectFilled(pos, end, col(bg), rounding);
  if (selected) {
    ImGui::RenderCheckMark(dl, ImVec2(pos.x + pad * 0.8f, pos.y + (size.y - mark * 0.8f) / 2),
                           col(fg), mark * 0.8f);
  }
  if (focused) {
    const float t = std::max(4.0f, ImGui::GetFontSize() * 0.15f);
    dl->AddRect(ImVec2(pos.x - t, pos.y - t), ImVec2(end.x + t, end.y + t), col(p.focus_frame),
                rounding, 0, t);
  }
  const float x =
      text_size.x < wrap ? pos.x + mark + (size.x - mark - text_size.x) / 2 : pos.x + pad + mark;
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, pos.y + (size.y - text_size.y) / 2),
              col(fg), label.c_str(), nullptr, wrap);
  if (font) ImGui::PopFont();
  ui.buttons.push_back({id, label, pos, end, imgui_id});
  if (speak) {
    ui.spoken += label;
    ui.spoken += ".\n";
  }
  return pressed;
}

Grid grid(int count, float min_width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  int cols = std::max(1, static_cast<int>((avail + gap()) / (min_width + gap())));
  cols = std::min(cols, std::max(1, count));
  return {cols, (avail - gap() * static_cast<float>(cols - 1)) / static_cast<float>(cols)};
}
void next_cell(int index, const Grid& g) {
  if ((index + 1) % g.columns != 0) ImGui::SameLine();
}

void emit(UiContext& ui, Intent::Kind kind, std::string text, int value) {
  ui.intents.push_back(Intent{kind, std::move(text), value, Screen::welcome});
}
void go(UiContext& ui, Screen s) {
  ui.intents.push_back(Intent{Intent::Kind::go, {}, 0, s});
}

float min_target_px(float px_per_mm) {
  return 15.0f * px_per_mm;
}

}  // namespace okno::kiosk
