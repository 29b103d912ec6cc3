// Screens `ticket_services` and `book_services`: one card per service of the office, with its
// documents and terms (R-KB-1) and, for a ticket, the queue now; the visitor chooses one.
#include "screens/screens.hpp"

#include <algorithm>

#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {
namespace {

void draw_service_cards(const KioskState& s, UiContext& ui, const char* prefix, bool with_queue) {
  for (const auto& svc : ui.office.services) {
    card(ui, [&](float width) {
      say_text(ui, svc.name.get(ui.lang), ui.fonts.title);
      if (const ServiceInfo* info = ui.knowledge.find(svc.id)) {
        say_text(ui, ui.t("kiosk.service.documents") + ": " + info->documents.get(ui.lang));
        say_text(ui, info->terms.get(ui.lang));
      }
      if (with_queue) say_text(ui, queue_line(ui, s, svc.id), nullptr, &ui.palette.panel_text);
      if (button(ui, std::string(prefix) + svc.id, ui.t("kiosk.service.choose"),
                 std::min(width, ImGui::GetFontSize() * 12))) {
        emit(ui, Intent::Kind::choose_service, svc.id);
      }
    });
  }
}

}  // namespace

void draw_ticket_services(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.ticket.choose_service"), ui.fonts.title);
  draw_service_cards(s, ui, "ticket.service.", true);
}

void draw_book_services(const KioskState& s, UiContext& ui) {
  say_text(ui, ui.t("kiosk.book.choose_service"), ui.fonts.title);
  draw_service_cards(s, ui, "book.service.", false);
}

}  // namespace okno::kiosk
