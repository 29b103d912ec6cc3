// Screen `feedback_comment` (R-VISIT-13): the comment as typed so far and the on-screen keyboard
// that types it. Which keys a language gets is keyboard_layout.hpp's; this file draws them.
#include "screens/screens.hpp"

#include <algorithm>
#include <vector>

#include "keyboard_layout.hpp"
#include "widgets.hpp"

namespace okno::kiosk {
namespace {

// The end of `text` that fits `lines` wrapped lines of `width`, after an ellipsis: the visitor
// always sees what they are typing, and the keys never move down as the comment grows.
std::string comment_tail(const std::string& text, float width, int lines) {
  const float max_h = ImGui::GetFontSize() * static_cast<float>(lines) + 1.0f;
  const auto fits = [&](const std::string& t) {
    return ImGui::CalcTextSize(t.c_str(), nullptr, false, width).y <= max_h;
  };
  if (fits(text)) return text;
  const auto start_at = [&](size_t i) {
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  size_t lo = 0, hi = text.size();  // the smallest start that fits, by bisection
  while (lo < hi) {
    const size_t mid = start_at(lo + (hi - lo) / 2);
    if (mid >= hi) break;
    if (fits("…" + text.substr(mid))) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return "…" + text.substr(start_at(hi));
}

// An on-screen keyboard for the comment (R-VISIT-13): a kiosk has no keyboard, and a visitor
// writes in their own alphabet, so the keys are that alphabet's letters in alphabet order (known
// to everyone, typist or not, and the same rule for all six alphabets), then digits and
// punctuation, then a switch to Latin, shift, space, erase and done. Keys are ordinary buttons:
// at least 15 mm, reachable by keyboard/keypad focus, and the focused key is spoken like any
// button. With shift on, the letter keys show and type their capitals (ids stay the small
// letters, so focus stays on the same key), and the shift key is drawn selected.
void draw_comment_keyboard(const KioskState& s, UiContext& ui) {
  const bool latin = s.visitor.comment_latin || ui.lang == Language::en;
  const std::vector<std::string> keys = keyboard_keys(ui.lang, latin);
  const VisitorState::Shift shift = s.visitor.comment_shift;
  // Letters in the title font at 1x; at large print the body font is already as large, and
  // the title font would make the keyboard several screens tall.
  ImFont* key_font = ui.fonts.scale > 1.0f ? ui.fonts.body : ui.fonts.title;
  ImGui::PushFont(key_font);
  // Two letters wide (25 mm at 1x): fifteen keys a row fit 1920 px, so the letters take three
  // rows in every alphabet and the digits one.
  const float min_key = std::max(min_target_px(ui.px_per_mm), ImGui::GetFontSize() * 2.0f);
  ImGui::PopFont();
  const float avail = ImGui::GetContentRegionAvail().x;
  const int columns =
      std::clamp(static_cast<int>((avail + gap()) / (min_key + gap())), 1, kKeyboardColumns);
  const float w = (avail - gap() * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  const size_t letters = keyboard_letter_count(ui.lang, latin);
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string label =
        shift == VisitorState::Shift::off
            ? keys[i]
            : keyboard_capital(ui.lang, latin, keys[i], shift == VisitorState::Shift::locked);
    if (button(ui, "osk." + keys[i], label, w, false, false, key_font)) {
      emit(ui, Intent::Kind::comment_char, label);
    }
    // Digits and punctuation start a row of their own.
    const bool row_end =
        (i < letters ? i + 1 == letters || (i + 1) % static_cast<size_t>(columns) == 0
                     : (i - letters + 1) % static_cast<size_t>(columns) == 0);
    if (!row_end && i + 1 < keys.size()) ImGui::SameLine();
  }
  // The control row: space is twice as wide, as on any keyboard; so is shift, whose name is a
  // word or two and gains a check mark when on. At large print seven units would break names
  // mid-word, so the Latin switch and shift take a row of their own above the others.
  const bool can_switch = ui.lang != Language::en;
  const bool two_rows = ui.fonts.scale > 1.0f;
  const float units = two_rows ? 4.0f : can_switch ? 7.0f : 6.0f;
  const float unit = (avail - gap() * (units - 1.0f)) / units;
  const float half = (avail - gap()) / 2;
  if (can_switch) {
    if (button(ui, "osk.latin", ui.t(latin ? "kiosk.osk.native" : "kiosk.osk.latin"),
               two_rows ? half : unit, false, false)) {
      emit(ui, Intent::Kind::comment_latin);
    }
    ImGui::SameLine();
  }
  // Its name says the state too (locked reads differently from once), so speech and the
  // label tell it, not only the check mark of a selected button.
  if (button(ui, "osk.shift",
             ui.t(shift == VisitorState::Shift::locked ? "kiosk.osk.caps_lock" : "kiosk.osk.shift"),
             two_rows ? (can_switch ? half : avail) : unit * 2 + gap(),
             shift != VisitorState::Shift::off, false)) {
    emit(ui, Intent::Kind::comment_shift);
  }
  if (!two_rows) ImGui::SameLine();
  if (button(ui, "osk.space", ui.t("kiosk.osk.space"), unit * 2 + gap(), false, false)) {
    emit(ui, Intent::Kind::comment_char, " ");
  }
  ImGui::SameLine();
  if (button(ui, "osk.backspace", ui.t("kiosk.keypad.erase"), unit, false, false)) {
    emit(ui, Intent::Kind::comment_backspace);
  }
  ImGui::SameLine();
  if (button(ui, "osk.done", ui.t("kiosk.osk.done"), unit, false, false)) {
    emit(ui, Intent::Kind::back);
  }
}

}  // namespace

void draw_feedback_comment(const KioskState& s, UiContext& ui) {
  const std::string& comment = s.visitor.feedback.comment;
  say_text(ui, ui.t("kiosk.osk.title"), ui.fonts.title);
  card(ui, [&](float width) {
    // A caret after the text shows where the next letter goes.
    const std::string shown = comment_tail(comment + "|", width, 3);
    ImGui::TextUnformatted(shown.c_str());
  });
  if (!comment.empty()) {
    ui.spoken += comment;
    ui.spoken += ".\n";
  }
  draw_comment_keyboard(s, ui);
}

}  // namespace okno::kiosk
