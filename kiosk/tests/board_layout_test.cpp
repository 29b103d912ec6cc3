// The board's layout (issue 11): at every screen size, print scale and language, the calls'
// numbers and desk names are drawn whole (A1000, desk 12: never cut, never wrapped, inside the
// screen and inside their place), every glyph is in its font, the newest call is large enough to
// read from 5 m on a TV, the reconnecting banner is there whenever the stream is down, and the
// newest call flashes (R-VISIT-10). Headless: a real ImGui context and font atlas, no window.
#include <gtest/gtest.h>
#include <imgui.h>

#include <fstream>
#include <iterator>

#include "harness.hpp"
#include "screens/board.hpp"

namespace okno::kiosk::testing {
namespace {

using namespace std::chrono_literals;

const board::TimePoint kNow{std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 7h + 30min};

// The demo office with a twelfth desk, so that "Окно 12" is on the board.
Office office_with_desk_12() {
  Office o = *demo_data().office;
  Desk d = o.desks.back();
  d.id = "12";
  for (Language lang : kAllLanguages) {
    std::string name = d.name.get(lang);
    const auto digit = name.find('3');
    if (digit != std::string::npos) name.replace(digit, 1, "12");
    d.name.set(lang, name);
  }
  o.desks.push_back(d);
  return o;
}

board::Event called(std::int64_t id, const std::string& ticket, const std::string& desk) {
  return {id,
          "ticket.called",
          {{"number", ticket}, {"desk", desk}, {"service", "passport"}, {"language", "ru"}}};
}

class BoardLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini left in the test's directory
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // Builds the fonts for `lang` at `scale` and draws one frame of `state` at W x H.
  BoardFrame draw(const board::BoardState& state, const Office& office, Language lang, float scale,
                  float w, float h, const std::vector<board::Notice>& notices = {}) {
    std::string glyphs;
    for (const auto& d : office.desks) glyphs += d.name.get(lang);
    std::string error;
    EXPECT_TRUE(build_board_fonts(*ImGui::GetIO().Fonts, FontPaths{}, scale, h / 1080.0f, glyphs,
                                  fonts_, error))
        << error;
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    ImGui::GetIO().DisplaySize = ImVec2(w, h);
    ImGui::GetIO().DeltaTime = 1.0f / 60;
    config_.language = lang;
    BoardFrame frame;
    for (int i = 0; i < 2; ++i) {
      ImGui::NewFrame();
      draw_board(BoardView{state, config_, demo_data().catalog, office, demo_data().calendar,
                           notices, fonts_, board_palette(), kNow},
                 frame);
      ImGui::Render();
    }
    return frame;
  }

  ImGuiContext* context_ = nullptr;
  BoardFontSet fonts_;
  board::BoardConfig config_;
};

TEST_F(BoardLayout, R_VISIT_10_NumbersAndDeskNamesAreWholeAtEverySizeScaleAndLanguage) {
  const Office office = office_with_desk_12();
  board::BoardState state;
  board::link_up(state, kNow);
  int id = 0;
  for (const char* t : {"A001", "B002", "A010", "B099", "A100", "B777"})
    board::apply_event(state, config_, office, called(++id, t, "1"), kNow - 60s);
  board::apply_event(state, config_, office, called(++id, "A1000", "12"), kNow);
  struct Size {
    float w, h;
  };
  for (Size size : {Size{1920, 1080}, Size{1280, 720}, Size{1024, 768}, Size{3840, 2160}}) {
    for (float scale : {1.0f, 1.5f, 2.0f}) {
      for (Language lang : kAllLanguages) {
        const std::string where = std::to_string(int(size.w)) + "x" + std::to_string(int(size.h)) +
                                  " x" + std::to_string(scale) + " " + std::string(to_string(lang));
        const BoardFrame f = draw(state, office, lang, scale, size.w, size.h);
        const std::string desk12 = board::desk_name(office, lang, "12");
        bool newest_seen = false;
        for (const auto& t : f.texts) {
          const bool call = t.id.rfind("newest", 0) == 0 || t.id.rfind("earlier.", 0) == 0;
          EXPECT_GE(t.min.x, 0) << where << " " << t.id;
          EXPECT_LE(t.max.x, size.w + 0.5f) << where << " " << t.id;
          EXPECT_LE(t.max.y, size.h + 0.5f) << where << " " << t.id;
          if (!call) continue;
          // Drawn whole, on one line, inside its place.
          EXPECT_LE(t.max.x - t.min.x, t.room + 0.5f) << where << " " << t.id << ": " << t.text;
          EXPECT_EQ(t.text.find('\n'), std::string::npos);
          EXPECT_TRUE(missing_glyphs(*fonts_.call, t.text).empty()) << where << " " << t.text;
          if (t.id == "newest" || t.id == "newest.ticket") {
            newest_seen = true;
            EXPECT_NE(t.text.find("A1000"), std::string::npos) << where;
            // Readable from 5 m on a 43" TV or larger: at least 9 % of the screen's height.
            EXPECT_GE(t.size, size.h * 0.09f) << where << " " << t.text;
          }
        }
        EXPECT_TRUE(newest_seen) << where;
        const auto* desk = f.find("newest");
        if (!desk) desk = f.find("newest.desk");
        ASSERT_TRUE(desk) << where;
        EXPECT_NE(desk->text.find(desk12), std::string::npos) << where << ": " << desk->text;
        EXPECT_GE(f.earlier_rows, 1) << where;
        EXPECT_FALSE(f.find("banner")) << where << ": a live board shows no banner";
      }
    }
  }
}

TEST_F(BoardLayout, R_VISIT_11_EveryTextOfTheBoardHasItsGlyphsInEveryLanguage) {
  board::BoardState state;
  board::link_up(state, kNow);
  board::apply_event(state, config_, *demo_data().office, called(1, "A015", "3"), kNow);
  board::QueueSnapshot snap;
  snap.services = {{"passport", 4, 20}, {"consultation", 0, 0}};
  snap.desks = {{"2", true, ""}};
  board::apply_snapshot(state, config_, *demo_data().office, snap, kNow);
  board::Notice notice;
  for (Language lang : kAllLanguages) notice.text.set(lang, demo_data().office->name.get(lang));
  for (Language lang : kAllLanguages) {
    const BoardFrame f = draw(state, *demo_data().office, lang, 1.0f, 1920, 1080, {notice});
    ASSERT_TRUE(f.find("service.passport.wait"));
    ASSERT_TRUE(f.find("paused.2"));
    ASSERT_TRUE(f.find("notices"));
    ASSERT_TRUE(f.find("hours"));
    for (const auto& t : f.texts) {
      ASSERT_TRUE(t.font);
      EXPECT_TRUE(missing_glyphs(*t.font, t.text).empty())
          << to_string(lang) << " " << t.id << ": " << t.text;
    }
  }
}

TEST_F(BoardLayout, R_VISIT_11_TheShippedNoticesAreReadAndHaveTheirGlyphs) {
  std::ifstream in(std::filesystem::path(OKNO_SOURCE_ROOT) / "assets/board/notices.toml");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto notices = board::parse_notices_toml(text, "notices.toml");
  ASSERT_TRUE(notices.has_value()) << notices.error().detail;
  ASSERT_FALSE(notices->empty());
  board::BoardState state;
  draw(state, *demo_data().office, Language::ru, 1.0f, 1920, 1080);
  for (const auto& n : *notices) {
    for (Language lang : kAllLanguages) {
      EXPECT_FALSE(n.text.get(lang).empty());
      EXPECT_TRUE(missing_glyphs(*fonts_.body, n.text.get(lang)).empty())
          << to_string(lang) << ": " << n.text.get(lang);
    }
  }
}

TEST_F(BoardLayout, R_VISIT_10_TheNewestCallFlashesAndAStaleBoardSaysItIsReconnecting) {
  board::BoardState state;
  board::link_up(state, kNow - 20s);
  board::apply_event(state, config_, *demo_data().office, called(1, "A015", "3"), kNow);
  BoardFrame f = draw(state, *demo_data().office, Language::ru, 1.0f, 1920, 1080);
  EXPECT_TRUE(f.flash_bright);
  EXPECT_FALSE(f.find("banner"));
  // The stream broke: the banner says since when, and nothing is drawn as live (no flash).
  board::link_down(state, kNow - 5s);
  f = draw(state, *demo_data().office, Language::ru, 1.0f, 1920, 1080);
  const DrawnText* banner = f.find("banner");
  ASSERT_TRUE(banner);
  EXPECT_NE(banner->text.find("10:29:55"), std::string::npos) << banner->text;
  EXPECT_NE(banner->text.find("Переподключаемся"), std::string::npos) << banner->text;
  EXPECT_FALSE(f.flash_bright);
  // Never connected yet: "connecting", no calls.
  board::BoardState fresh;
  f = draw(fresh, *demo_data().office, Language::en, 1.0f, 1920, 1080);
  ASSERT_TRUE(f.find("banner"));
  EXPECT_EQ(f.find("banner")->text, "Connecting to the server…");
  EXPECT_TRUE(f.find("no_calls"));
}

}  // namespace
}  // namespace okno::kiosk::testing
