// Screen `ticket_options`: before a walk-in ticket, the visitor's priority and needs (no
// personal data, R-VISIT-12), then "Take a ticket".
#include "screens/screens.hpp"

#include <algorithm>

#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {

void draw_ticket_options(const KioskState& s, UiContext& ui) {
  const VisitorState& v = s.visitor;
  say_text(ui, service_name(ui, v.service), ui.fonts.title);
  say_text(ui, queue_line(ui, s, v.service));
  say_text(ui, ui.t("kiosk.ticket.priority_title"));
  static constexpr std::pair<Priority, const char*> kPriorities[] = {
      {Priority::none, "kiosk.priority.none"},
      {Priority::disability, "kiosk.priority.disability"},
      {Priority::elderly, "kiosk.priority.elderly"},
      {Priority::pregnant, "kiosk.priority.pregnant"},
      {Priority::small_children, "kiosk.priority.small_children"},
  };
  const Grid g = grid(5, ImGui::GetFontSize() * 9);
  for (int i = 0; i < 5; ++i) {
    const auto [prio, key] = kPriorities[i];
    if (button(ui, "priority." + std::string(to_string(prio)), ui.t(key), g.width,
               v.priority == prio)) {
      emit(ui, Intent::Kind::set_priority, {}, static_cast<int>(prio));
    }
    next_cell(i, g);
  }
  say_text(ui, ui.t("kiosk.ticket.needs_title"));
  static constexpr const char* kNeeds[] = {"sign_language", "tactile_interpreter", "wheelchair"};
  const Grid ng = grid(3, ImGui::GetFontSize() * 10);
  for (int i = 0; i < 3; ++i) {
    const std::string need = kNeeds[i];
    if (button(ui, "need." + need, ui.t("need." + need), ng.width, v.needs.contains(need))) {
      emit(ui, Intent::Kind::toggle_need, need);
    }
    next_cell(i, ng);
  }
  say_text(ui, ui.t("kiosk.ticket.no_personal_data"), nullptr, &ui.palette.muted_text);
  if (s.busy) say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
  if (button(ui, "ticket.take", ui.t("kiosk.ticket.take"),
             std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16), false, true,
             ui.fonts.title)) {
    emit(ui, Intent::Kind::take_ticket);
  }
}

}  // namespace okno::kiosk
