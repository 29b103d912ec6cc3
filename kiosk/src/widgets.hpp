// The shared widgets every screen draws with: text that is also read aloud, the 15 mm touch
// button, the column grid, the framed card, and the two ways a screen answers (an intent, or a
// screen to go to). Screens (screens/*.cpp) and the frame around them use only these and ImGui.
#pragma once

#include <imgui.h>

#include <string>

#include "state.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace okno::kiosk {

ImU32 col(Rgb c);

// The horizontal space between items.
float gap();

// A touch target's height: at least 15 mm (R-VISIT-10), at least two lines of the current font.
float target_height(const UiContext& ui);
// The space between a button's edge and its label, and the height button() gives a label.
float button_pad(const UiContext& ui);
float button_height(const UiContext& ui, const std::string& label, float width,
                    bool selected = false);

// Text that is also read aloud.
void say_text(UiContext& ui, const std::string& text, ImFont* font = nullptr,
              const Rgb* colour = nullptr);

// A touch target: at least 15 mm, label wrapped inside, a drawn check mark when selected (never
// colour alone), a thick frame when it has keyboard focus. Returns true when activated.
bool button(UiContext& ui, const std::string& id, const std::string& label, float width,
            bool selected = false, bool speak = true, ImFont* font = nullptr);

// Lays out `count` items of at least `min_width` in as many columns as fit; returns item width.
struct Grid {
  int columns = 1;
  float width = 0;
};
Grid grid(int count, float min_width);
void next_cell(int index, const Grid& g);

// A list too long for one screen is shown a page at a time (issue 16 item 11: the actions stay
// on screen at large print, nothing needs scrolling). `page_of` clamps the visitor's page of
// the list `id` (VisitorState::pages) to the pages there are.
struct Page {
  int first = 0;  // index of the first item shown
  int count = 0;  // items shown
  int page = 0;
  int pages = 1;
};
Page page_of(const KioskState& s, const std::string& id, int total, int per_page);
// "Previous", "page 2 of 3", "Next" in one row of `width`; nothing when there is one page.
// A tap emits Intent::page for the list `id`.
void pager(UiContext& ui, const std::string& id, const Page& p, float width);
float pager_height(const UiContext& ui);

// The room above a screen's row of actions: `body` is drawn in a region that ends
// `actions_height` above the bottom of the content area and scrolls by dragging when it is
// longer, so the actions drawn after it are always on the screen (issue 16 item 11).
void begin_above_actions(float actions_height);
// The height from the cursor to the bottom of what the current window shows.
float room_below();
void drag_to_scroll();  // the current window scrolls when dragged
void end_above_actions();
template <class F>
void above_actions(float actions_height, F&& body) {
  begin_above_actions(actions_height);
  body();
  end_above_actions();
}

// What the visitor asked for, for KioskApp::apply; screens never change state themselves.
void emit(UiContext& ui, Intent::Kind kind, std::string text = {}, int value = 0);
void go(UiContext& ui, Screen s);

// A framed card whose height follows its content (1.86 has no auto-height child): the group is
// drawn first, the frame behind it on a lower draw-list channel. `body` gets the inner width.
template <class F>
void card(const UiContext& ui, F&& body) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  const float pad = ImGui::GetFontSize() * 0.5f;
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col(ui.palette.panel_text)));
  body(width - 2 * pad);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const ImVec2 end(start.x + width, ImGui::GetItemRectMax().y + pad);
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(start, end, col(ui.palette.panel), ImGui::GetFontSize() * 0.25f);
  dl->AddRect(start, end, col(ui.palette.muted_text), ImGui::GetFontSize() * 0.25f, 0, 2.0f);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace okno::kiosk
