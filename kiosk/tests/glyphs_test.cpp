// No tofu: every string of every catalog, and every office and service text, has a glyph for
// each character in the fonts the kiosk loads, at every text size (issue 5, must-show 3).
#include <gtest/gtest.h>
#include <imgui.h>

#include "fonts.hpp"
#include "harness.hpp"
#include "keyboard_layout.hpp"

namespace okno::kiosk::testing {
namespace {

std::string hex(const std::vector<char32_t>& cps) {
  std::string out;
  char buf[16];
  for (char32_t c : cps) {
    std::snprintf(buf, sizeof buf, "U+%04X ", static_cast<unsigned>(c));
    out += buf;
  }
  return out;
}

class Fonts : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    std::string error;
    ASSERT_TRUE(build_fonts(*ImGui::GetIO().Fonts, FontPaths{}, 1.0f, fonts_, error)) << error;
  }
  void TearDown() override { ImGui::DestroyContext(context_); }
  void expect_renderable(const std::string& text, const std::string& where) {
    for (ImFont* font : {fonts_.body, fonts_.title}) {
      const auto missing = missing_glyphs(*font, text);
      EXPECT_TRUE(missing.empty())
          << where << ": no glyph for " << hex(missing) << " in \"" << text << "\"";
    }
  }
  ImGuiContext* context_ = nullptr;
  FontSet fonts_;
};

// The on-screen keyboard's keys are characters, not catalog texts: each alphabet's keys,
// Latin included, small and with shift, must be in the fonts too.
TEST_F(Fonts, R_VISIT_13_OnScreenKeyboardKeysOfEveryAlphabetHaveGlyphs) {
  for (Language lang : kAllLanguages) {
    for (bool latin : {false, true}) {
      std::string all;
      for (const auto& key : keyboard_keys(lang, latin)) {
        all += key;
        all += keyboard_capital(lang, latin, key, false);
        all += keyboard_capital(lang, latin, key, true);
      }
      EXPECT_GT(keyboard_letter_count(lang, latin), 25u) << to_string(lang);
      expect_renderable(all, std::string("keyboard ") + std::string(to_string(lang)));
    }
  }
}

// Shift has a capital for every letter of every alphabet (only the Belarusian apostrophe is
// not a letter), and leaves digits and punctuation alone.
TEST_F(Fonts, R_VISIT_13_ShiftGivesEveryLetterItsCapital) {
  for (Language lang : kAllLanguages) {
    for (bool latin : {false, true}) {
      const auto keys = keyboard_keys(lang, latin);
      for (size_t i = 0; i < keys.size(); ++i) {
        for (bool locked : {false, true}) {
          const std::string capital = keyboard_capital(lang, latin, keys[i], locked);
          if (i < keyboard_letter_count(lang, latin) && keys[i] != "’") {
            EXPECT_NE(capital, keys[i]) << to_string(lang) << " " << keys[i];
          } else {
            EXPECT_EQ(capital, keys[i]) << to_string(lang) << " " << keys[i];
          }
        }
      }
    }
  }
  EXPECT_EQ(keyboard_capital(Language::kk, false, "ұ", false), "Ұ");
  EXPECT_EQ(keyboard_capital(Language::kk, true, "i", true), "I");  // not Turkish İ
  EXPECT_EQ(keyboard_capital(Language::hy, false, "ֆ", false), "Ֆ");
  EXPECT_EQ(keyboard_capital(Language::hy, false, "և", false), "Եվ");
  EXPECT_EQ(keyboard_capital(Language::hy, false, "և", true), "ԵՎ");
}

TEST_F(Fonts, R_VISIT_11_EveryCatalogStringInAllSixLanguagesHasGlyphs) {
  const auto& catalog = demo_data().catalog;
  int checked = 0;
  for (Language lang : kAllLanguages) {
    for (const auto& key : catalog.all_keys()) {
      ASSERT_TRUE(catalog.has(lang, key)) << to_string(lang) << " lacks " << key;
      expect_renderable(catalog.text(lang, key), std::string(to_string(lang)) + ":" + key);
      ++checked;
    }
  }
  EXPECT_GT(checked, 6 * 100);
}

TEST_F(Fonts, R_VISIT_11_OfficeServiceAndKnowledgeTextsHaveGlyphs) {
  const auto& d = demo_data();
  for (Language lang : kAllLanguages) {
    const std::string l(to_string(lang));
    const Office& o = *d.office;
    for (const auto* t : {&o.name, &o.short_name, &o.address, &o.directions.transit,
                          &o.directions.entrance, &o.directions.floor}) {
      expect_renderable(t->get(lang), l + ": office");
    }
    for (const auto& s : o.services) expect_renderable(s.name.get(lang), l + ": " + s.id);
    for (const auto& desk : o.desks) expect_renderable(desk.name.get(lang), l + ": desk");
    for (const auto& [id, info] : d.knowledge.services) {
      expect_renderable(info.documents.get(lang), l + ": kb " + id);
      expect_renderable(info.terms.get(lang), l + ": kb " + id);
    }
  }
}

TEST_F(Fonts, KazakhKyrgyzBelarusianLettersAndArmenianAreLoaded) {
  expect_renderable("ә ғ қ ң ө ұ ү һ і ў Ә Ғ Қ Ң Ө Ұ Ү Һ І Ў «» № – —", "letters");
  expect_renderable("Բարի գալուստ։ Ձեր կտրոնը", "armenian");
}

TEST_F(Fonts, TicketNumbersAndBookingCodesRenderInTheNumberFont) {
  for (const char* s : {"A015", "B999", "XC7K2-M9P4T", "23456789ACEKMPTX"}) {
    EXPECT_TRUE(missing_glyphs(*fonts_.number, s).empty()) << s;
  }
}

TEST(FontSizes, R_VISIT_10_LargePrintBuildsSharpFontsAt15And2x) {
  ImGuiContext* ctx = ImGui::CreateContext();
  for (float scale : {1.5f, 2.0f}) {
    FontSet fonts;
    std::string error;
    ASSERT_TRUE(build_fonts(*ImGui::GetIO().Fonts, FontPaths{}, scale, fonts, error)) << error;
    EXPECT_FLOAT_EQ(fonts.body->FontSize, kBodyPx * scale);
    EXPECT_FLOAT_EQ(fonts.title->FontSize, title_px(scale));
    EXPECT_GT(fonts.title->FontSize, fonts.body->FontSize);       // still a heading
    EXPECT_NE(fonts.body->FindGlyphNoFallback(0x0582), nullptr);  // Armenian ւ
  }
  ImGui::DestroyContext(ctx);
}

}  // namespace
}  // namespace okno::kiosk::testing
