// Contrast: every text/background pair of every theme is at least 4.5:1 (WCAG 2.1 1.4.3, as
// GOST R 52872-2019 requires), checked with the WCAG relative-luminance formula.
#include <gtest/gtest.h>

#include "theme.hpp"

namespace okno::kiosk {
namespace {

TEST(Theme, WcagFormulaMatchesKnownValues) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({255, 255, 255}, {255, 255, 255}), 1.0, 1e-9);
  EXPECT_NEAR(contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}), 4.54, 0.01);
}

TEST(Theme, R_VISIT_10_EveryForegroundBackgroundPairOfEveryThemeIsAtLeast4_5) {
  for (const Palette* p : {&standard_palette(), &high_contrast_palette(), &board_palette()}) {
    const auto pairs = text_pairs(*p);
    EXPECT_GE(pairs.size(), 9u);
    for (const auto& pair : pairs) {
      EXPECT_GE(contrast_ratio(pair.foreground, pair.background), 4.5)
          << p->name << ": " << pair.what;
    }
  }
}

TEST(Theme, R_VISIT_10_HighContrastThemeIsAtLeast7To1ForText) {
  for (const auto& pair : text_pairs(high_contrast_palette())) {
    EXPECT_GE(contrast_ratio(pair.foreground, pair.background), 7.0) << pair.what;
  }
}

}  // namespace
}  // namespace okno::kiosk
