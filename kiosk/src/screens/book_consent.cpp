// Screen `book_consent`: the consent to personal data processing on its own screen, with its
// text version; accepting books the slot.
#include "screens/screens.hpp"

#include "widgets.hpp"

namespace okno::kiosk {

void draw_book_consent(const KioskState& s, UiContext& ui) {
  const Grid g = grid(2, ImGui::GetFontSize() * 10);
  const float actions = std::max(button_height(ui, ui.t("kiosk.consent.accept"), g.width),
                                 button_height(ui, ui.t("kiosk.consent.decline"), g.width));
  begin_above_actions(actions);
  say_text(ui, ui.t("kiosk.consent.title"), ui.fonts.title);
  // The answer to a tap first: the text below it may need dragging at large print.
  if (!s.visitor.form_error.empty()) {
    say_text(ui, s.visitor.form_error, nullptr, &ui.palette.error_text);
  }
  if (s.busy) say_text(ui, ui.t("kiosk.busy"), nullptr, &ui.palette.muted_text);
  card(ui, [&](float) {
    say_text(ui, ui.t("kiosk.consent.text"));
    say_text(ui, ui.t("kiosk.consent.version", {{"version", kConsentVersion}}), nullptr,
             &ui.palette.muted_text);
  });
  end_above_actions();
  if (button(ui, "consent.accept", ui.t("kiosk.consent.accept"), g.width)) {
    emit(ui, Intent::Kind::consent_accept);
  }
  ImGui::SameLine();
  if (button(ui, "consent.decline", ui.t("kiosk.consent.decline"), g.width)) {
    emit(ui, Intent::Kind::consent_decline);
  }
}

}  // namespace okno::kiosk
