// Example states per screen for --screenshot.
#include "demo_state.hpp"

namespace okno::kiosk {

void set_up_demo_state(KioskState& s, Screen screen) {
  VisitorState& v = s.visitor;
  v.screen = screen;
  if (screen != Screen::welcome) v.history.push_back(Screen::welcome);
  s.queue = {{"passport", 3, 12, false}, {"consultation", 1, 5, false}};
  s.queue_known = true;
  switch (screen) {
    case Screen::checkin:
      v.code_input = "XC7K2-M9";
      break;
    case Screen::checkin_done:
      v.checkin = CheckinResult{Ticket{"A100", "passport", "2026-11-30T10:25:00+03:00", 0, 0, "2"},
                                "XC7K2-M9P4T",
                                "passport",
                                "2026-11-30T10:30:00+03:00",
                                "2",
                                true,
                                v.language,
                                false};
      break;
    case Screen::ticket_options:
      v.service = "passport";
      v.priority = Priority::elderly;
      v.needs = {"sign_language"};
      break;
    case Screen::ticket_shown:
      v.service = "passport";
      v.ticket = Ticket{"A015", "passport", "2026-11-30T10:30:00+03:00", 3, 12, {}};
      v.ticket_printed = true;
      break;
    case Screen::book_slots:
      v.service = "consultation";
      s.slots_loaded = true;
      // Two weeks of working days, as the server offers them: the day list pages.
      for (const char* day :
           {"2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-07",
            "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12", "2026-12-14"}) {
        for (const char* time :
             {"09:00", "09:20", "09:40", "10:00", "11:20", "14:00", "14:20", "15:40"}) {
          const std::string start = std::string(day) + "T" + time + ":00+03:00";
          s.slots.push_back({start, start, 1});
        }
      }
      break;
    case Screen::book_phone:
      v.service = "consultation";
      v.slot_start = "2026-12-01T09:20:00+03:00";
      v.phone_input = "+7999123";
      break;
    case Screen::book_consent:
      v.service = "consultation";
      v.slot_start = "2026-12-01T09:20:00+03:00";
      break;
    case Screen::book_done:
      v.booking = BookingConfirmation{"XC7K2-M9P4T", "2026-12-01T09:20:00+03:00", "consultation"};
      v.booking_printed = true;
      break;
    case Screen::wayfinding:
      v.route_desk = "2";
      break;
    case Screen::feedback:
      v.feedback.ticket = "A015";
      v.feedback.got_answer = true;
      v.feedback.satisfaction = "satisfied";
      break;
    case Screen::feedback_comment: {
      v.history.push_back(Screen::feedback);
      v.feedback.ticket = "A015";
      static constexpr const char* kComments[] = {
          "Спасибо, всё быстро и понятно",      "Thank you, quick and clear",
          "Շնորհակալություն, ամեն ինչ արագ էր", "Дзякуй, усё хутка і зразумела",
          "Рақмет, бәрі жылдам әрі түсінікті",  "Рахмат, баары тез жана түшүнүктүү",
      };
      v.feedback.comment = kComments[static_cast<int>(v.language)];
      break;
    }
    case Screen::feedback_federal:
      v.feedback.federal[0] = 5;
      v.feedback.federal[1] = 4;
      break;
    default:
      break;
  }
}

}  // namespace okno::kiosk
