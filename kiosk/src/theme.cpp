// Colour themes and WCAG contrast. Colours are chosen for text at >= 4.5:1 in both themes; the
// high-contrast theme is yellow/white on black, as low-vision users usually prefer.
#include "theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace okno::kiosk {
namespace {

constexpr Rgb rgb(std::uint32_t hex) {
  return Rgb{static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8),
             static_cast<std::uint8_t>(hex)};
}

ImVec4 to_imvec(Rgb c, float alpha = 1.0f) {
  return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha);
}

}  // namespace

const Palette& standard_palette() {
  static const Palette p{
      .name = "standard",
      .background = rgb(0xF4F6F8),
      .text = rgb(0x1B1F24),
      .muted_text = rgb(0x4A5560),
      .panel = rgb(0xFFFFFF),
      .panel_text = rgb(0x1B1F24),
      .button = rgb(0x0B4F8A),
      .button_text = rgb(0xFFFFFF),
      .button_pressed = rgb(0x083A66),
      .button_selected = rgb(0x1D6B2F),
      .button_selected_text = rgb(0xFFFFFF),
      .focus_frame = rgb(0xB3261E),
      .error_panel = rgb(0xFDECEA),
      .error_text = rgb(0x8A1C14),
      .route = rgb(0xB3261E),
  };
  return p;
}

const Palette& high_contrast_palette() {
  static const Palette p{
      .name = "high_contrast",
      .background = rgb(0x000000),
      .text = rgb(0xFFFFFF),
      .muted_text = rgb(0xE0E0E0),
      .panel = rgb(0x000000),
      .panel_text = rgb(0xFFFF00),
      .button = rgb(0xFFFF00),
      .button_text = rgb(0x000000),
      .button_pressed = rgb(0xFFFFFF),
      .button_selected = rgb(0x00FFFF),
      .button_selected_text = rgb(0x000000),
      .focus_frame = rgb(0xFF66FF),
      .error_panel = rgb(0x000000),
      .error_text = rgb(0xFFFF00),
      .route = rgb(0x00FFFF),
  };
  return p;
}

const Palette& board_palette() {
  static const Palette p{
      .name = "board",
      .background = rgb(0x0D1B2A),
      .text = rgb(0xFFFFFF),
      .muted_text = rgb(0xB9C6D3),
      .panel = rgb(0x1B3A5C),
      .panel_text = rgb(0xFFFFFF),
      .button = rgb(0xFFD23F),
      .button_text = rgb(0x0D1B2A),
      .button_pressed = rgb(0xFFE98A),
      .button_selected = rgb(0x24507D),
      .button_selected_text = rgb(0xFFFFFF),
      .focus_frame = rgb(0xFFD23F),
      .error_panel = rgb(0x7A1410),
      .error_text = rgb(0xFFFFFF),
      .route = rgb(0xFFD23F),
  };
  return p;
}

std::vector<ColourPair> text_pairs(const Palette& p) {
  return {
      {"text on background", p.text, p.background},
      {"muted text on background", p.muted_text, p.background},
      {"text on panel", p.panel_text, p.panel},
      {"button text on button", p.button_text, p.button},
      {"button text on pressed button", p.button_text, p.button_pressed},
      {"selected text on selected button", p.button_selected_text, p.button_selected},
      {"error text on error panel", p.error_text, p.error_panel},
      // Non-text elements need 3:1 (WCAG 1.4.11); we hold them to 4.5:1 as well.
      {"focus frame on background", p.focus_frame, p.background},
      {"route on panel", p.route, p.panel},
  };
}

double relative_luminance(Rgb c) {
  auto channel = [](std::uint8_t v) {
    const double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void apply_palette(const Palette& p) {
  ImGuiStyle& style = ImGui::GetStyle();
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = to_imvec(p.background);
  c[ImGuiCol_ChildBg] = to_imvec(p.panel);
  c[ImGuiCol_PopupBg] = to_imvec(p.panel);
  c[ImGuiCol_Text] = to_imvec(p.text);
  c[ImGuiCol_TextDisabled] = to_imvec(p.muted_text);
  c[ImGuiCol_Border] = to_imvec(p.text);
  c[ImGuiCol_Button] = to_imvec(p.button);
  // Hover does not exist on a touchscreen: the same colour, so nothing flickers under a finger.
  c[ImGuiCol_ButtonHovered] = to_imvec(p.button);
  c[ImGuiCol_ButtonActive] = to_imvec(p.button_pressed);
  c[ImGuiCol_FrameBg] = to_imvec(p.panel);
  c[ImGuiCol_NavHighlight] = to_imvec(p.focus_frame);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
  c[ImGuiCol_ScrollbarBg] = to_imvec(p.background);
  c[ImGuiCol_ScrollbarGrab] = to_imvec(p.button);
  c[ImGuiCol_ScrollbarGrabHovered] = to_imvec(p.button);
  c[ImGuiCol_ScrollbarGrabActive] = to_imvec(p.button_pressed);
  c[ImGuiCol_Separator] = to_imvec(p.muted_text);
}

}  // namespace okno::kiosk
