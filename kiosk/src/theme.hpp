// Colour themes (standard and high contrast) and the WCAG 2.1 contrast arithmetic that a test
// uses to hold every text/background pair at 4.5:1 or more (R-VISIT-10, GOST R 52872-2019).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace okno::kiosk {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

struct Palette {
  std::string name;
  Rgb background;  // screen
  Rgb text;        // body text on background
  Rgb muted_text;  // secondary text on background (still >= 4.5:1)
  Rgb panel;       // cards (service info, ticket)
  Rgb panel_text;
  Rgb button;  // touch targets
  Rgb button_text;
  Rgb button_pressed;
  Rgb button_selected;  // a chosen option; also marked with a check sign, not colour alone
  Rgb button_selected_text;
  Rgb focus_frame;  // keyboard/keypad focus ring, drawn around buttons on background
  Rgb error_panel;
  Rgb error_text;
  Rgb route;  // the route on the floor plan, on the panel colour
};

const Palette& standard_palette();
const Palette& high_contrast_palette();
// The waiting-room board's (okno-kiosk --board): light text on dark blue, as TVs in halls show
// best; `button` is the newest call's bright flash (dark text on yellow), `button_selected` the
// newest call after it, `error_panel` the reconnecting banner.
const Palette& board_palette();

// A text colour drawn on a background colour somewhere in the UI.
struct ColourPair {
  std::string what;
  Rgb foreground;
  Rgb background;
};
std::vector<ColourPair> text_pairs(const Palette& p);

// WCAG 2.1 relative luminance and contrast ratio (1..21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

// Sets ImGui's style colours from the palette (needs a current ImGui context).
void apply_palette(const Palette& p);

}  // namespace okno::kiosk
