// UI-logic tests without a window: touches and keys injected into a headless ImGui context,
// the screen flow asserted on the kiosk state (issue 5, must-show 2).
#include <algorithm>

#include <imgui_internal.h>

#include "fake_backend.hpp"
#include "harness.hpp"

namespace okno::kiosk::testing {
namespace {

TEST(KioskFlow, R_VISIT_12_WelcomeToTakeTicketToTicketShownWithoutPersonalData) {
  auto backend = std::make_shared<FakeBackend>();
  Harness h(backend);
  ASSERT_EQ(h.screen(), Screen::welcome);
  h.tap("welcome.take_ticket");
  EXPECT_EQ(h.screen(), Screen::ticket_services);
  h.settle();  // queue status arrives
  EXPECT_TRUE(h.state().queue_known);
  h.tap("ticket.service.passport");
  EXPECT_EQ(h.screen(), Screen::ticket_options);
  h.tap("priority.elderly");
  h.tap("need.sign_language");
  h.tap("ticket.take");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::ticket_shown);
  ASSERT_TRUE(h.state().visitor.ticket.has_value());
  EXPECT_EQ(h.state().visitor.ticket->number, "A001");
  const TicketRequest sent = backend->last_ticket_request();
  EXPECT_EQ(sent.service, "passport");
  EXPECT_EQ(sent.priority, Priority::elderly);
  EXPECT_EQ(sent.needs, std::vector<std::string>{"sign_language"});
  EXPECT_EQ(backend->tickets_issued, 1);
}

TEST(KioskFlow, R_VISIT_11_LanguageButtonsAreNamedInThemselvesAndSwitchEveryText) {
  Harness h(std::make_shared<FakeBackend>());
  const std::pair<const char*, const char*> names[] = {
      {"lang.ru", "Русский"},    {"lang.en", "English"}, {"lang.hy", "Հայերեն"},
      {"lang.be", "Беларуская"}, {"lang.kk", "Қазақша"}, {"lang.ky", "Кыргызча"}};
  for (const auto& [id, name] : names) {
    ASSERT_TRUE(h.has_button(id)) << id;
    EXPECT_EQ(h.app().find_button(id)->label, name);
  }
  h.tap("lang.hy");
  EXPECT_EQ(h.state().visitor.language, Language::hy);
  EXPECT_EQ(h.app().find_button("welcome.take_ticket")->label, "Վերցնել հերթի կտրոն");
  EXPECT_EQ(h.app().find_button("lang.ru")->label, "Русский");
}

TEST(KioskFlow, R_VISIT_10_InactivityAsksForMoreTimeThenReturnsToWelcomeWithStateCleared) {
  KioskConfig config;
  config.idle_timeout_s = 60;
  config.more_time_s = 20;
  Harness h(std::make_shared<FakeBackend>(), config);
  h.tap("lang.kk");
  h.tap("welcome.checkin");
  h.tap("key.7");
  h.tap("key.X");
  ASSERT_EQ(h.state().visitor.code_input, "7X");
  h.advance(59);
  EXPECT_FALSE(h.state().asking_more_time);
  h.advance(2);
  ASSERT_TRUE(h.state().asking_more_time);
  EXPECT_TRUE(h.has_button("timeout.more"));
  EXPECT_EQ(h.screen(), Screen::checkin);  // nothing is lost before the visitor could answer
  h.advance(21);
  EXPECT_EQ(h.screen(), Screen::welcome);
  EXPECT_FALSE(h.state().asking_more_time);
  EXPECT_TRUE(h.state().visitor.code_input.empty());
  EXPECT_EQ(h.state().visitor.language, Language::ru);
  EXPECT_TRUE(h.state().visitor.history.empty());
}

TEST(KioskFlow, R_VISIT_10_AnsweringMoreTimeKeepsTheVisitorsInput) {
  Harness h(std::make_shared<FakeBackend>());
  h.tap("welcome.checkin");
  h.tap("key.7");
  h.advance(61);
  ASSERT_TRUE(h.state().asking_more_time);
  h.tap("timeout.more");
  EXPECT_FALSE(h.state().asking_more_time);
  h.advance(30);
  EXPECT_EQ(h.screen(), Screen::checkin);
  EXPECT_EQ(h.state().visitor.code_input, "7");
}

TEST(KioskFlow, ServerDownShowsMessageInVisitorsLanguageAndRecoversByItself) {
  auto backend = std::make_shared<FakeBackend>();
  backend->down = true;
  KioskConfig config;
  config.retry_s = 5;
  Harness h(backend, config);
  h.tap("lang.en");
  h.tap("welcome.take_ticket");
  h.settle();
  ASSERT_TRUE(h.state().server_down);
  h.frame();
  EXPECT_TRUE(h.has_button("server.retry"));
  const std::string spoken = h.app().last_frame()->spoken;
  EXPECT_NE(spoken.find("No connection to the server"), std::string::npos) << spoken;
  EXPECT_NE(spoken.find("Please ask at reception"), std::string::npos);
  // Taking a ticket while down: a message, no freeze, the screen stays.
  h.tap("ticket.service.passport");
  h.tap("ticket.take");
  h.settle();
  EXPECT_EQ(h.screen(), Screen::ticket_options);
  EXPECT_TRUE(h.state().server_down);
  backend->down = false;
  h.advance(6);  // the background retry comes due
  h.settle();
  EXPECT_FALSE(h.state().server_down);
  EXPECT_FALSE(h.has_button("server.retry"));
  h.tap("ticket.take");
  h.settle();
  EXPECT_EQ(h.screen(), Screen::ticket_shown);
}

TEST(KioskFlow, CheckInWithKeyboardWedgeScannerAndCyrillicLookAlikes) {
  auto backend = std::make_shared<FakeBackend>();
  Harness h(backend);
  // A scan on the welcome screen goes straight to check-in: "23456-789ас" with Cyrillic а, с.
  h.type("23456-789ас");
  EXPECT_EQ(h.screen(), Screen::checkin);
  h.press(kEnter);
  h.settle();
  ASSERT_EQ(h.screen(), Screen::checkin_done);
  ASSERT_TRUE(h.state().visitor.checkin.has_value());
  EXPECT_EQ(h.state().visitor.checkin->desk, "2");
  EXPECT_EQ(h.state().visitor.route_desk, "2");  // the way there is ready
}

TEST(KioskFlow, CheckInOnScreenKeypadRejectsWrongCodePlainly) {
  Harness h(std::make_shared<FakeBackend>());
  h.tap("welcome.checkin");
  for (const char* k : {"key.2", "key.3"}) h.tap(k);
  h.tap("checkin.submit");
  EXPECT_EQ(h.state().visitor.code_error, "kiosk.checkin.invalid_code");
  for (const char* k : {"key.4", "key.5", "key.6", "key.7", "key.8", "key.9", "key.A", "key.A"}) {
    h.tap(k);
  }
  EXPECT_EQ(h.state().visitor.code_input, "23456-789AA");
  h.tap("checkin.submit");
  h.settle();
  EXPECT_EQ(h.screen(), Screen::checkin);
  EXPECT_EQ(h.state().visitor.code_error, "Booking not found.");
}

TEST(KioskFlow, R_VISIT_2_BookFromOfferedSlotsWithSeparateConsentRecorded) {
  auto backend = std::make_shared<FakeBackend>();
  Harness h(backend);
  h.tap("welcome.book");
  h.tap("book.service.consultation");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::book_slots);
  ASSERT_TRUE(h.has_button("slot.2026-12-01T09:15:00+03:00"));
  h.tap("slot.2026-12-01T09:15:00+03:00");
  ASSERT_EQ(h.screen(), Screen::book_phone);
  for (const char* k : {"phone.+", "phone.7", "phone.9", "phone.9", "phone.9", "phone.1", "phone.2",
                        "phone.3", "phone.4", "phone.5", "phone.6", "phone.7"}) {
    h.tap(k);
  }
  h.tap("reminder.2h");
  h.tap("book.next");
  ASSERT_EQ(h.screen(), Screen::book_consent);
  EXPECT_EQ(backend->bookings_made, 0);  // nothing is sent before consent
  h.tap("consent.decline");
  EXPECT_FALSE(h.state().visitor.form_error.empty());
  EXPECT_EQ(backend->bookings_made, 0);
  h.tap("consent.accept");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::book_done);
  const BookingDraft sent = backend->last_booking();
  EXPECT_EQ(sent.start, "2026-12-01T09:15:00+03:00");
  EXPECT_EQ(sent.phone, "+79991234567");
  EXPECT_TRUE(sent.consent_given);
  EXPECT_EQ(sent.consent_version, kConsentVersion);
  EXPECT_EQ(sent.reminders, (std::vector<std::string>{"24h", "2h"}));
}

TEST(KioskFlow, R_FB_1_TwoQuestionsThenFederalFiveCriteria) {
  auto backend = std::make_shared<FakeBackend>();
  Harness h(backend);
  h.tap("welcome.feedback");
  ASSERT_EQ(h.screen(), Screen::feedback);
  EXPECT_FALSE(h.has_button("feedback.send"));  // both questions first
  h.type("https://okno.example.ru/survey?office=demo&ticket=A015&date=2026-11-30");
  h.press(kEnter);
  EXPECT_EQ(h.state().visitor.feedback.ticket, "A015");
  h.tap("feedback.no");
  h.tap("feedback.partly");
  h.tap("feedback.send");
  ASSERT_EQ(h.screen(), Screen::feedback_federal);
  h.tap("federal.0.4");
  // The five criteria and "Send" do not all fit one screen: the last criterion is a page on
  // (issue 16 item 11), and the answer on the first page is kept.
  h.tap("page.federal.next");
  h.tap("federal.4.5");
  EXPECT_EQ(h.state().visitor.feedback.federal[0], 4);
  h.tap("feedback.send");
  h.settle();
  EXPECT_EQ(h.screen(), Screen::feedback_done);
  EXPECT_EQ(backend->feedback_received, 1);
}

TEST(KioskFlow, R_VISIT_10_TouchTargetsAreAtLeast15mmAtEveryTextSize) {
  Harness h(std::make_shared<FakeBackend>());
  const float min_px = min_target_px(h.app().config().px_per_mm);
  for (int scale : {10, 15, 20}) {
    h.app().apply(Intent{Intent::Kind::set_scale, {}, scale});
    for (Screen s : kAllScreens) {
      h.app().mutable_state().visitor.screen = s;
      h.frames(2);
      for (const auto& b : h.app().last_frame()->buttons) {
        EXPECT_GE(b.max.x - b.min.x, min_px) << b.id << " on " << to_string(s) << " x" << scale;
        EXPECT_GE(b.max.y - b.min.y, min_px) << b.id << " on " << to_string(s) << " x" << scale;
      }
    }
  }
}

TEST(KioskFlow, R_VISIT_10_AccessibilityButtonOnEveryScreenAndLargePrintSwitches) {
  Harness h(std::make_shared<FakeBackend>());
  for (Screen s : kAllScreens) {
    h.app().mutable_state().visitor.screen = s;
    h.frame();
    EXPECT_TRUE(h.has_button("top.accessibility")) << to_string(s);
  }
  h.app().mutable_state().visitor.screen = Screen::welcome;
  h.frame();
  h.tap("top.accessibility");
  h.tap("a11y.contrast.on");
  EXPECT_TRUE(h.state().visitor.high_contrast);
  h.tap("a11y.size.20");
  h.frames(2);
  EXPECT_FLOAT_EQ(h.app().fonts().scale, 2.0f);
  EXPECT_FLOAT_EQ(ImGui::GetFontSize(), kBodyPx * 2);
}

TEST(KioskFlow, R_VISIT_10_KeyboardMovesFocusAndSpeechSaysWhereItIs) {
  Harness h(std::make_shared<FakeBackend>());
  h.app().mutable_state().visitor.speech_on = true;
  h.frame();
  h.press(kTab);
  h.press(kDown);
  h.frames(2);
  const auto said = h.said();
  ASSERT_FALSE(said.empty());
  // The focused button's label was spoken, and Enter activates it.
  const ImGuiID focused = GImGui->NavId;
  std::string label;
  for (const auto& b : h.app().last_frame()->buttons) {
    if (b.imgui_id == focused) label = b.label;
  }
  ASSERT_FALSE(label.empty());
  EXPECT_EQ(said.back(), label);
  const Screen before = h.screen();
  h.press(kEnter);
  h.frames(2);
  EXPECT_NE(h.screen(), before);
  h.press(kEscape);
  EXPECT_EQ(h.screen(), before);  // Escape goes back
}

TEST(KioskFlow, R_VISIT_7_WelcomeShowsTodaysHoursAndNextChange) {
  const auto& d = demo_data();
  auto at = [&](const char* iso) {
    return describe_hours(*d.office, d.calendar, *parse_iso_instant(iso), d.catalog, Language::en);
  };
  // Monday 30.11.2026 10:30 Moscow: open 09:00-18:00 with a break.
  auto monday = at("2026-11-30T07:30:00Z");
  ASSERT_EQ(monday.size(), 2u);
  EXPECT_EQ(monday[0], "Today: 09:00–18:00; break 13:00–13:45");
  EXPECT_EQ(monday[1], "Open now, closes at 18:00");
  EXPECT_EQ(at("2026-11-30T10:10:00Z")[1], "On a break now, open again at 13:45");
  EXPECT_EQ(at("2026-11-30T05:00:00Z")[1], "Opens today at 09:00");
  // Saturday 05.12 at 11:00: the office's own Saturday hours (not closed as a weekend).
  auto saturday = at("2026-12-05T08:00:00Z");
  ASSERT_EQ(saturday.size(), 2u);
  EXPECT_EQ(saturday[0], "Today: 10:00–14:00; break 13:00–13:45");
  EXPECT_EQ(saturday[1], "Open now, closes at 14:00");
  // Friday 04.12 after closing: opens tomorrow, Saturday, at 10:00.
  EXPECT_EQ(at("2026-12-04T15:00:00Z")[1], "Opens: tomorrow, 10:00");
  // Saturday 05.12 after 14:00: closed until Monday.
  EXPECT_EQ(at("2026-12-05T12:00:00Z")[1], "Opens: Monday, 09:00");
  // Sunday: closed today, opens tomorrow.
  auto sunday = at("2026-12-06T09:00:00Z");
  EXPECT_EQ(sunday[0], "Closed today");
  EXPECT_EQ(sunday[1], "Opens: tomorrow, 09:00");
}

TEST(KioskFlow, AnswerArrivingAfterTheVisitorLeftIsDropped) {
  auto backend = std::make_shared<FakeBackend>();
  Harness h(backend);
  h.tap("welcome.take_ticket");
  h.settle();
  h.tap("ticket.service.passport");
  h.tap("ticket.take");
  h.app().apply(Intent{Intent::Kind::home});  // the visitor walks away mid-request
  h.settle();
  EXPECT_EQ(h.screen(), Screen::welcome);
  EXPECT_FALSE(h.state().visitor.ticket.has_value());
}

// R-VISIT-13: the comment is written on the on-screen keyboard in the visitor's own alphabet,
// with Latin one key away, and the feedback sent carries it.
TEST(KioskFlow, R_VISIT_13_OnScreenKeyboardWritesTheCommentInKazakhWithLatinAndSendsIt) {
  auto backend = std::make_shared<FakeBackend>();
  KioskConfig config;
  config.federal_survey = false;
  Harness h(backend, config);
  h.tap("lang.kk");
  h.tap("welcome.feedback");
  ASSERT_EQ(h.screen(), Screen::feedback);
  h.tap("feedback.comment");
  ASSERT_EQ(h.screen(), Screen::feedback_comment);
  const auto& comment = h.state().visitor.feedback.comment;
  for (const char* letter : {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"}) {
    h.tap(std::string("osk.") + letter);
  }
  h.tap("osk.space");
  h.tap("osk.5");
  EXPECT_EQ(comment, "әғқңөұүһі 5");
  h.tap("osk.backspace");
  h.tap("osk.backspace");
  EXPECT_EQ(comment, "әғқңөұүһі");  // whole letters erased, never half a two-byte letter
  h.tap("osk.latin");
  EXPECT_FALSE(h.has_button("osk.қ"));
  h.tap("osk.o");
  h.tap("osk.k");
  h.tap("osk.latin");  // and back to Kazakh
  h.tap("osk.ә");
  EXPECT_EQ(comment, "әғқңөұүһіokә");
  h.tap("osk.done");
  ASSERT_EQ(h.screen(), Screen::feedback);
  EXPECT_EQ(comment, "әғқңөұүһіokә");  // the answers screen keeps it
  h.tap("feedback.yes");
  h.tap("feedback.satisfied");
  h.tap("feedback.send");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::feedback_done);
  EXPECT_EQ(backend->last_feedback().comment, "әғқңөұүһіokә");
  EXPECT_EQ(backend->last_feedback().language, Language::kk);
}

TEST(KioskFlow, R_VISIT_13_OnScreenKeyboardWritesTheCommentInArmenian) {
  auto backend = std::make_shared<FakeBackend>();
  KioskConfig config;
  config.federal_survey = false;
  Harness h(backend, config);
  h.tap("lang.hy");
  h.tap("welcome.feedback");
  h.tap("feedback.comment");
  ASSERT_EQ(h.screen(), Screen::feedback_comment);
  EXPECT_FALSE(h.has_button("osk.а"));  // Armenian letters, not Cyrillic
  for (const char* letter : {"շ", "ն", "ո", "ր", "հ", "ա", "կ", "ա", "լ", "և"}) {
    h.tap(std::string("osk.") + letter);
  }
  EXPECT_EQ(h.state().visitor.feedback.comment, "շնորհակալև");
  h.tap("osk.backspace");  // և is one letter
  EXPECT_EQ(h.state().visitor.feedback.comment, "շնորհակալ");
  h.tap("osk.։");
  h.tap("osk.done");
  h.tap("feedback.no");
  h.tap("feedback.partly");
  h.tap("feedback.send");
  h.settle();
  ASSERT_EQ(h.screen(), Screen::feedback_done);
  EXPECT_EQ(backend->last_feedback().comment, "շնորհակալ։");
}

// The comment keyboard in a language, with speech on, as the keyboard-focus tests start.
void open_comment_keyboard_with_speech(Harness& h, const std::string& lang) {
  h.tap("lang." + lang);
  h.tap("welcome.feedback");
  h.tap("feedback.comment");
  ASSERT_EQ(h.screen(), Screen::feedback_comment);
  h.app().mutable_state().visitor.speech_on = true;
}

// The button that has keyboard focus in the last frame, if any.
const ButtonRecord* focused_button(Harness& h) {
  for (const auto& b : h.app().last_frame()->buttons) {
    if (b.imgui_id == GImGui->NavId) return &b;
  }
  return nullptr;
}

// R-VISIT-13: shift works as on a phone: one tap capitalises the next letter only, in each
// alphabet's own casing (not ASCII), and the letter keys show the capitals while it is on.
TEST(KioskFlow, R_VISIT_13_ShiftTypesOneCapitalInRussianArmenianKazakhBelarusianKyrgyz) {
  struct Case {
    const char* lang;
    const char* letter;
    const char* capital;
  };
  for (const Case& c :
       {Case{"ru", "ё", "Ё"}, Case{"hy", "ա", "Ա"}, Case{"hy", "և", "Եվ"}, Case{"kk", "ә", "Ә"},
        Case{"kk", "і", "І"}, Case{"be", "ў", "Ў"}, Case{"ky", "ң", "Ң"}}) {
    SCOPED_TRACE(std::string(c.lang) + " " + c.letter);
    Harness h(std::make_shared<FakeBackend>());
    h.tap(std::string("lang.") + c.lang);
    h.tap("welcome.feedback");
    h.tap("feedback.comment");
    ASSERT_EQ(h.screen(), Screen::feedback_comment);
    const std::string key = std::string("osk.") + c.letter;
    const auto label = [&](const std::string& id) { return h.app().find_button(id)->label; };
    EXPECT_EQ(label(key), c.letter);
    h.tap("osk.shift");
    EXPECT_EQ(label(key), c.capital);  // the state is visible on every letter key
    h.tap(key);
    h.tap(key);  // one-shot: the second is small again
    EXPECT_EQ(h.state().visitor.feedback.comment, std::string(c.capital) + c.letter);
    EXPECT_EQ(label(key), c.letter);
  }
}

TEST(KioskFlow, R_VISIT_13_ShiftTappedTwiceLocksCapitalsUntilTappedAgain) {
  Harness h(std::make_shared<FakeBackend>());
  h.tap("welcome.feedback");
  h.tap("feedback.comment");
  const auto shift_label = [&] { return h.app().find_button("osk.shift")->label; };
  const Catalog& catalog = demo_data().catalog;
  EXPECT_EQ(shift_label(), catalog.text(Language::ru, "kiosk.osk.shift"));
  h.tap("osk.shift");
  h.tap("osk.space");  // any key spends a one-shot shift
  h.tap("osk.д");
  h.tap("osk.shift");
  h.tap("osk.shift");
  EXPECT_EQ(shift_label(), catalog.text(Language::ru, "kiosk.osk.caps_lock"));
  for (const char* letter : {"м", "ф", "ц", "5"}) h.tap(std::string("osk.") + letter);
  EXPECT_EQ(shift_label(), catalog.text(Language::ru, "kiosk.osk.caps_lock"));  // still locked
  h.tap("osk.shift");
  h.tap("osk.ц");
  EXPECT_EQ(h.state().visitor.feedback.comment, " дМФЦ5ц");
  EXPECT_EQ(shift_label(), catalog.text(Language::ru, "kiosk.osk.shift"));
}

// R-VISIT-10: the shift key is reached by arrows like the other keys, its name is spoken from
// the catalog, and Enter works it.
TEST(KioskFlow, R_VISIT_10_ShiftKeyIsReachedByFocusAndSpokenInTheVisitorsLanguage) {
  Harness h(std::make_shared<FakeBackend>());
  open_comment_keyboard_with_speech(h, "kk");
  h.press(kTab);
  const auto focused_id = [&] {
    const ButtonRecord* b = focused_button(h);
    return b ? b->id : std::string();
  };
  for (int i = 0; i < 12 && focused_id().rfind("osk.", 0) != 0; ++i) h.press(kDown);
  for (int i = 0; i < 6 && focused_id() != "osk.shift"; ++i) h.press(kLeft);
  for (int i = 0; i < 6 && focused_id() != "osk.shift"; ++i) h.press(kRight);
  ASSERT_EQ(focused_id(), "osk.shift");
  h.frames(2);
  const std::string name = demo_data().catalog.text(Language::kk, "kiosk.osk.shift");
  ASSERT_FALSE(h.said().empty());
  EXPECT_EQ(h.said().back(), name);
  h.press(kEnter);
  EXPECT_EQ(h.state().visitor.comment_shift, VisitorState::Shift::once);
  EXPECT_EQ(h.app().find_button("osk.қ")->label, "Қ");
}

// R-VISIT-10: without touching the screen, arrows reach the keys, speech says the focused key,
// Enter types it and Escape returns to the questions.
TEST(KioskFlow, R_VISIT_10_OnScreenKeyboardIsOperableByFocusWithSpeech) {
  Harness h(std::make_shared<FakeBackend>());
  open_comment_keyboard_with_speech(h, "be");
  h.press(kTab);
  const auto focused = [&] { return focused_button(h); };
  const auto is_letter_key = [](const ButtonRecord* b) {
    return b && b->id == "osk." + b->label && decode_utf8(b->label).size() == 1;
  };
  // Down reaches the keyboard (its bottom row first), Up goes on into the character keys.
  const auto on_keyboard = [&] { return focused() && focused()->id.rfind("osk.", 0) == 0; };
  for (int i = 0; i < 12 && !on_keyboard(); ++i) h.press(kDown);
  for (int i = 0; i < 3 && !is_letter_key(focused()); ++i) h.press(kUp);
  ASSERT_TRUE(is_letter_key(focused()));
  h.press(kRight);
  h.frames(2);
  const ButtonRecord* key = focused();
  ASSERT_TRUE(is_letter_key(key));
  const std::string letter = key->label;
  ASSERT_FALSE(h.said().empty());
  EXPECT_EQ(h.said().back(), letter);
  h.press(kEnter);
  EXPECT_EQ(h.state().visitor.feedback.comment, letter);
  h.press(kEscape);
  EXPECT_EQ(h.screen(), Screen::feedback);
  EXPECT_EQ(h.state().visitor.feedback.comment, letter);
}

}  // namespace
}  // namespace okno::kiosk::testing
