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

// At 1x a target is two lines of text high with 0.45 of a line above and below the label. At
// large print the text grows but the margins do not (a margin does not help reading), so more
// targets fit a screen and none needs scrolling (issue 16 item 11).
float target_height(const UiContext& ui) {
  return std::max(min_target_px(ui.px_per_mm),
                  ImGui::GetFontSize() * (1.0f + 1.0f / std::max(1.0f, ui.fonts.scale)));
}

float button_pad(const UiContext& ui) {
  return ImGui::GetFontSize() * 0.45f / std::max(1.0f, ui.fonts.scale);
}

float button_height(const UiContext& ui, const std::string& label, float width, bool selected) {
  const float pad = button_pad(ui);
  const float mark = selected ? ImGui::GetFontSize() * 1.1f : 0.0f;
  const float wrap = std::max(10.0f, width - 2 * pad - mark);
  return std::max(target_height(ui),
                  ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap).y + 2 * pad);
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
  const float pad = button_pad(ui);
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
  ui.buttons.push_back({id, label, pos, end, imgui_id, dl->GetClipRectMin(), dl->GetClipRectMax()});
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

Page page_of(const KioskState& s, const std::string& id, int total, int per_page) {
  Page p;
  per_page = std::max(1, per_page);
  p.pages = std::max(1, (total + per_page - 1) / per_page);
  const auto it = s.visitor.pages.find(id);
  p.page = std::clamp(it == s.visitor.pages.end() ? 0 : it->second, 0, p.pages - 1);
  p.first = p.page * per_page;
  p.count = std::min(per_page, total - p.first);
  return p;
}

float pager_height(const UiContext& ui) {
  return target_height(ui) + ImGui::GetStyle().ItemSpacing.y;
}

void pager(UiContext& ui, const std::string& id, const Page& p, float width) {
  if (p.pages <= 1) return;
  const std::string previous = ui.t("kiosk.page.previous"), next = ui.t("kiosk.page.next");
  const std::string where = ui.t(
      "kiosk.page.of", {{"page", std::to_string(p.page + 1)}, {"pages", std::to_string(p.pages)}});
  // "Previous", "2 of 3", "Next" in thirds; when a third is too narrow for a label, the two
  // buttons in halves and no count (a label never breaks mid-word).
  const float pad = 2 * button_pad(ui) + 2;
  const float third = (width - 2 * gap()) / 3;
  const bool thirds =
      std::max({ImGui::CalcTextSize(previous.c_str()).x, ImGui::CalcTextSize(next.c_str()).x,
                ImGui::CalcTextSize(where.c_str()).x}) +
          pad <=
      third;
  const float w = thirds ? third : (width - gap()) / 2;
  const auto step = [&](const std::string& label, int delta, bool enabled) {
    if (!enabled) {
      ImGui::Dummy(ImVec2(w, target_height(ui)));  // keeps the row's places
      return;
    }
    if (button(ui, "page." + id + (delta < 0 ? ".previous" : ".next"), label, w)) {
      emit(ui, Intent::Kind::page, id, delta);
    }
  };
  step(previous, -1, p.page > 0);
  ImGui::SameLine();
  if (thirds) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 ts = ImGui::CalcTextSize(where.c_str());
    ImGui::GetWindowDrawList()->AddText(
        ImVec2(at.x + (w - ts.x) / 2, at.y + (target_height(ui) - ts.y) / 2),
        ImGui::GetColorU32(ImGuiCol_Text), where.c_str());
    ui.spoken += where + ".\n";
    ImGui::Dummy(ImVec2(w, target_height(ui)));
    ImGui::SameLine();
  }
  step(next, +1, p.page + 1 < p.pages);
}

float room_below() {
  return std::min(ImGui::GetContentRegionAvail().y,
                  ImGui::GetWindowDrawList()->GetClipRectMax().y - ImGui::GetCursorScreenPos().y);
}

void begin_above_actions(float actions_height) {
  const float h = room_below() - actions_height - ImGui::GetStyle().ItemSpacing.y;
  ImGui::BeginChild("above_actions", ImVec2(0, std::max(h, ImGui::GetFontSize())), false,
                    ImGuiWindowFlags_NavFlattened | ImGuiWindowFlags_NoScrollbar);
  drag_to_scroll();
}

void end_above_actions() {
  ImGui::EndChild();
}

void drag_to_scroll() {
  // A finger cannot use a scroll wheel.
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  }
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
