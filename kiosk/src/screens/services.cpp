// Screens `ticket_services` and `book_services`: one card per service of the office, with its
// documents and terms (R-KB-1) and, for a ticket, the queue now; the visitor chooses one.
#include "screens/screens.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "screens/service_text.hpp"
#include "widgets.hpp"

namespace okno::kiosk {
namespace {

// The texts of a service's card below its name and button.
std::vector<std::string> card_lines(const KioskState& s, const UiContext& ui, const Service& svc,
                                    bool with_queue) {
  std::vector<std::string> lines;
  if (const ServiceInfo* info = ui.knowledge.find(svc.id)) {
    lines.push_back(ui.t("kiosk.service.documents") + ": " + info->documents.get(ui.lang));
    lines.push_back(info->terms.get(ui.lang));
  }
  if (with_queue) lines.push_back(queue_line(ui, s, svc.id));
  return lines;
}

// One card per service: its name, the button to choose it (right below the name, so it is on
// the screen however long the texts are), then documents, terms and the queue. As many cards
// as fit the screen, the others a page away, the pager above them (issue 16 item 11).
void draw_service_cards(const KioskState& s, UiContext& ui, const char* prefix, bool with_queue) {
  const auto& services = ui.office.services;
  const float width = ImGui::GetContentRegionAvail().x;
  const float inner = width - ImGui::GetFontSize();  // card() pads half a line each side
  const float sp = ImGui::GetStyle().ItemSpacing.y;
  const float button_w = std::min(inner, ImGui::GetFontSize() * 12);
  float tallest = 0;
  for (const auto& svc : services) {
    ImGui::PushFont(ui.fonts.title);
    float h = ImGui::CalcTextSize(svc.name.get(ui.lang).c_str(), nullptr, false, inner).y + sp;
    ImGui::PopFont();
    h += button_height(ui, ui.t("kiosk.service.choose"), button_w) + sp;
    for (const auto& line : card_lines(s, ui, svc, with_queue)) {
      h += ImGui::CalcTextSize(line.c_str(), nullptr, false, inner).y + sp;
    }
    tallest = std::max(tallest, h + ImGui::GetFontSize() + 2 * sp);  // card(): pads, gap
  }
  const float room = room_below() + sp;
  const int total = static_cast<int>(services.size());
  int per_page = std::max(1, static_cast<int>(room / tallest));
  if (per_page < total)
    per_page = std::max(1, static_cast<int>((room - pager_height(ui)) / tallest));
  const Page p = page_of(s, prefix, total, per_page);
  // The pager above the cards: a card may be taller than the screen at large print.
  pager(ui, prefix, p, width);
  for (int i = p.first; i < p.first + p.count; ++i) {
    const Service& svc = services[static_cast<size_t>(i)];
    card(ui, [&](float w) {
      say_text(ui, svc.name.get(ui.lang), ui.fonts.title);
      if (button(ui, std::string(prefix) + svc.id, ui.t("kiosk.service.choose"),
                 std::min(w, ImGui::GetFontSize() * 12))) {
        emit(ui, Intent::Kind::choose_service, svc.id);
      }
      for (const auto& line : card_lines(s, ui, svc, with_queue)) say_text(ui, line);
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
