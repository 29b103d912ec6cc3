// iCalendar export: RFC 5545 line format (CRLF, 75-octet folding that keeps UTF-8 whole, TEXT
// escaping), UTC times, status, and one alarm per reminder the client chose (R-VISIT-3) with the
// address and directions in the event (R-VISIT-5). Every file these tests make must pass libical's
// RFC 5546 (iTIP) restriction check: the office as ORGANIZER, DTSTAMP the time of that version.
#include "okno/ics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "ical/itip_check.hpp"

namespace {

using namespace std::chrono;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Asia/Vladivostok is UTC+10 all year (no DST since 2014): 09:30 local on 14 March 2025 is
// 23:30 UTC on 13 March, so a wrong offset or date roll shows in DTSTART.
const okno::Seconds kStartUtc = sys_days{2025y / March / 14} + 9h + 30min - 10h;
const okno::Seconds kNow = sys_days{2025y / March / 1} + 5h + 4min + 3s;

okno::Booking make_booking(std::set<okno::Reminder> reminders) {
  okno::Booking b;
  b.code = "AC3K7-MPTX2";
  b.request.office_id = "vladivostok";
  b.request.service_id = "passport";
  b.request.start = kStartUtc;
  b.request.reminders = std::move(reminders);
  b.end = kStartUtc + 15min;
  b.version = 1;
  b.created_at = kNow;
  b.updated_at = kNow;
  return b;
}

okno::IcsTexts make_texts() {
  return {.summary = "Приём: Паспорт — Офис во Владивостоке",
          .location = "Владивосток, ул. Светланская, 1",
          .description = "Код записи AC3K7-MPTX2",
          .alarm = "Напоминание о визите",
          .organizer_name = "Офис во Владивостоке",
          .organizer_email = "vladivostok@okno.example"};
}

// The file for `b`, after libical (a referee this project did not write) accepted it as iTIP.
std::string ics_of(const okno::Booking& b, const okno::IcsTexts& texts) {
  const std::string ics = okno::booking_to_ics(b, texts);
  const auto problems = okno::testing::itip_problems(ics);
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems) << "\n" << ics;
  return ics;
}

// Physical lines, without their CRLF.
std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < ics.size()) {
    const size_t end = ics.find("\r\n", start);
    if (end == std::string::npos) {
      lines.push_back(ics.substr(start));
      break;
    }
    lines.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// Content lines after unfolding (RFC 5545 3.1: CRLF followed by one space or tab is removed).
std::vector<std::string> unfolded_lines(const std::string& ics) {
  std::vector<std::string> lines;
  for (const auto& l : physical_lines(ics)) {
    if (!l.empty() && (l[0] == ' ' || l[0] == '\t') && !lines.empty()) {
      lines.back() += l.substr(1);
    } else {
      lines.push_back(l);
    }
  }
  return lines;
}

// Values of every content line named `name` ("NAME:value").
std::vector<std::string> values_of(const std::string& ics, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& l : unfolded_lines(ics)) {
    if (l.starts_with(name + ":")) out.push_back(l.substr(name.size() + 1));
  }
  return out;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80             ? 1
                       : (c & 0xE0) == 0xC0 ? 2
                       : (c & 0xF0) == 0xE0 ? 3
                       : (c & 0xF8) == 0xF0 ? 4
                                            : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(Ics, HasTheCalendarSkeleton) {
  const std::string ics = ics_of(make_booking({}), make_texts());
  const auto lines = unfolded_lines(ics);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_THAT(lines, Contains("VERSION:2.0"));
  EXPECT_THAT(lines, Contains("METHOD:PUBLISH"));
  EXPECT_THAT(lines, Contains("BEGIN:VEVENT"));
  EXPECT_THAT(lines, Contains("END:VEVENT"));
  EXPECT_THAT(lines, Contains("UID:AC3K7-MPTX2@okno"));
  EXPECT_THAT(lines, Contains("SEQUENCE:1"));
  EXPECT_THAT(lines, Contains("STATUS:CONFIRMED"));
  EXPECT_EQ(values_of(ics, "PRODID").size(), 1u);
  EXPECT_THAT(values_of(ics, "SUMMARY"), ElementsAre("Приём: Паспорт — Офис во Владивостоке"));
}

TEST(Ics, R_VISIT_5_LocationAndDirections) {
  okno::IcsTexts texts = make_texts();
  texts.description = "Автобус 31 до остановки «Площадь». Вход со двора.";
  const std::string ics = ics_of(make_booking({}), texts);
  EXPECT_THAT(values_of(ics, "LOCATION"), ElementsAre("Владивосток\\, ул. Светланская\\, 1"));
  EXPECT_THAT(values_of(ics, "DESCRIPTION"),
              ElementsAre("Автобус 31 до остановки «Площадь». Вход со двора."));
}

TEST(Ics, CrlfEverywhere) {
  okno::IcsTexts texts = make_texts();
  texts.description = "line one\nline two\r\nline three\rend";
  const std::string ics = ics_of(make_booking({okno::Reminder::before_24h}), texts);
  ASSERT_TRUE(ics.ends_with("\r\n"));
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      EXPECT_TRUE(i > 0 && ics[i - 1] == '\r') << "bare LF at " << i;
    }
    if (ics[i] == '\r') {
      EXPECT_TRUE(i + 1 < ics.size() && ics[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  // Line breaks inside a value are the two characters "\n", never a real break.
  EXPECT_THAT(values_of(ics, "DESCRIPTION").front(), "line one\\nline two\\nline three\\nend");
}

TEST(Ics, FoldsLongLinesAt75OctetsKeepingUtf8Whole) {
  okno::IcsTexts texts = make_texts();
  // Two-byte Cyrillic and Armenian letters, a three-byte dash and a four-byte emoji, so some
  // fold points would land inside a character if the writer counted bytes blindly.
  std::string description;
  for (int i = 0; i < 12; ++i) {
    description += "Проезд: автобус № 31 до остановки «Площадь Борцов» — ";
    description += "Մուտքը բակից. երկրորդ հարկ 🚌 ";
  }
  texts.description = description;
  texts.location = std::string(200, 'x');  // ASCII folding as well
  const std::string ics = ics_of(make_booking({}), texts);
  const auto physical = physical_lines(ics);
  size_t folded = 0;
  for (const auto& line : physical) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(valid_utf8(line)) << "a fold split a UTF-8 sequence: " << line;
    if (line.starts_with(" ")) ++folded;
  }
  EXPECT_GT(folded, 10u);
  // Unfolding gives back the text (no comma or semicolon in it, so no escapes).
  EXPECT_THAT(values_of(ics, "DESCRIPTION"), ElementsAre(description));
  EXPECT_THAT(values_of(ics, "LOCATION"), ElementsAre(std::string(200, 'x')));
}

TEST(Ics, EscapesText) {
  okno::IcsTexts texts = make_texts();
  texts.summary = R"(a;b,c\d)"
                  "\n"
                  "e";
  const std::string ics = ics_of(make_booking({}), texts);
  EXPECT_THAT(values_of(ics, "SUMMARY"), ElementsAre(R"(a\;b\,c\\d\ne)"));
  // Control characters are not allowed in TEXT; malformed UTF-8 must not reach the file.
  texts.summary = std::string("bell\x07 tab\t bad\xD0", 15);
  const std::string ics2 = ics_of(make_booking({}), texts);
  EXPECT_THAT(values_of(ics2, "SUMMARY"), ElementsAre("bell tab\t bad\xEF\xBF\xBD"));
}

TEST(Ics, UtcTimesForVladivostok) {
  const std::string ics = ics_of(make_booking({}), make_texts());
  EXPECT_THAT(values_of(ics, "DTSTART"), ElementsAre("20250313T233000Z"));
  EXPECT_THAT(values_of(ics, "DTEND"), ElementsAre("20250313T234500Z"));
  EXPECT_THAT(values_of(ics, "DTSTAMP"), ElementsAre("20250301T050403Z"));
  // UTC form only: no TZID parameter, no floating times.
  EXPECT_THAT(ics, Not(HasSubstr("TZID")));
}

TEST(Ics, R_VISIT_3_AlarmsMatchChosenReminders) {
  using okno::Reminder;
  struct Case {
    std::set<Reminder> reminders;
    std::vector<std::string> triggers;
  };
  const std::vector<Case> cases = {
      {{}, {}},
      {{Reminder::before_24h}, {"-PT24H"}},
      {{Reminder::before_2h}, {"-PT2H"}},
      {{Reminder::before_24h, Reminder::before_2h}, {"-PT24H", "-PT2H"}},
  };
  for (const auto& c : cases) {
    const std::string ics = ics_of(make_booking(c.reminders), make_texts());
    EXPECT_EQ(values_of(ics, "TRIGGER"), c.triggers);
    EXPECT_EQ(count(ics, "BEGIN:VALARM\r\n"), c.triggers.size());
    EXPECT_EQ(count(ics, "END:VALARM\r\n"), c.triggers.size());
    EXPECT_EQ(count(ics, "ACTION:DISPLAY\r\n"), c.triggers.size());
    // The event's description plus one per alarm.
    EXPECT_EQ(values_of(ics, "DESCRIPTION").size(), 1 + c.triggers.size());
    // Alarms sit inside the event.
    if (!c.triggers.empty()) {
      EXPECT_LT(ics.find("BEGIN:VEVENT"), ics.find("BEGIN:VALARM"));
      EXPECT_LT(ics.rfind("END:VALARM"), ics.find("END:VEVENT"));
      EXPECT_THAT(values_of(ics, "DESCRIPTION"), Contains("Напоминание о визите"));
    }
  }
}

TEST(Ics, CancelledBookingCancelsTheEvent) {
  okno::Booking b = make_booking({okno::Reminder::before_24h, okno::Reminder::before_2h});
  b.status = okno::BookingStatus::cancelled;
  b.version = 3;
  const std::string ics = ics_of(b, make_texts());
  const auto lines = unfolded_lines(ics);
  EXPECT_THAT(lines, Contains("METHOD:CANCEL"));
  EXPECT_THAT(lines, Contains("STATUS:CANCELLED"));
  EXPECT_THAT(lines, Not(Contains("STATUS:CONFIRMED")));
  EXPECT_THAT(lines, Contains("SEQUENCE:3"));            // newer than the PUBLISH it replaces
  EXPECT_THAT(lines, Contains("UID:AC3K7-MPTX2@okno"));  // same event as the booking
  // A calendar that keeps the cancelled event must not remind the client to come.
  EXPECT_EQ(count(ics, "BEGIN:VALARM"), 0u);
}

// RFC 5546 3.2.1 (PUBLISH) and 3.2.5 (CANCEL): exactly one ORGANIZER, the office, by name and
// e-mail address; a name with commas, colons or quotes stays one quoted parameter value.
TEST(Ics, R_VISIT_5_TheOfficeIsTheOrganizer) {
  okno::IcsTexts texts = make_texts();
  EXPECT_THAT(values_of(ics_of(make_booking({}), texts), "ORGANIZER;CN=\"Офис во Владивостоке\""),
              ElementsAre("mailto:vladivostok@okno.example"));
  texts.organizer_name = "Ведомство, Тверская: \"окно\"; 2\nэтаж";
  const std::string ics = ics_of(make_booking({}), texts);
  EXPECT_THAT(values_of(ics, "ORGANIZER;CN=\"Ведомство, Тверская: 'окно'; 2 этаж\""),
              ElementsAre("mailto:vladivostok@okno.example"));
  okno::Booking cancelled = make_booking({});
  cancelled.status = okno::BookingStatus::cancelled;
  cancelled.version = 2;
  EXPECT_EQ(count(ics_of(cancelled, make_texts()), "\r\nORGANIZER;"), 1u);
}

// DTSTAMP is when that version of the booking was made: it moves with SEQUENCE (booked, moved,
// cancelled), and the same version downloaded twice is the same file.
TEST(Ics, DtstampIsTheTimeOfThatVersion) {
  okno::Booking b = make_booking({okno::Reminder::before_2h});
  const std::string booked = ics_of(b, make_texts());
  EXPECT_EQ(ics_of(b, make_texts()), booked);
  EXPECT_THAT(values_of(booked, "DTSTAMP"), ElementsAre("20250301T050403Z"));
  b.version = 2;
  b.request.start += 24h;
  b.end += 24h;
  b.updated_at = kNow + 3h + 10min;  // rescheduled
  const std::string moved = ics_of(b, make_texts());
  EXPECT_THAT(values_of(moved, "SEQUENCE"), ElementsAre("2"));
  EXPECT_THAT(values_of(moved, "DTSTAMP"), ElementsAre("20250301T081403Z"));
  b.version = 3;
  b.status = okno::BookingStatus::cancelled;
  b.updated_at = kNow + 24h;  // cancelled the next day
  const std::string cancelled = ics_of(b, make_texts());
  EXPECT_THAT(values_of(cancelled, "SEQUENCE"), ElementsAre("3"));
  EXPECT_THAT(values_of(cancelled, "DTSTAMP"), ElementsAre("20250302T050403Z"));
}

// The referee is not a formality: libical refuses a PUBLISH or a CANCEL without an ORGANIZER,
// which is what every file looked like before.
TEST(Ics, LibicalRefusesAFileWithoutTheOrganizer) {
  okno::Booking b = make_booking({okno::Reminder::before_24h});
  for (const auto status : {okno::BookingStatus::booked, okno::BookingStatus::cancelled}) {
    b.status = status;
    std::string ics = okno::booking_to_ics(b, make_texts());
    ASSERT_TRUE(okno::testing::itip_problems(ics).empty());
    const size_t at = ics.find("ORGANIZER;");
    ASSERT_NE(at, std::string::npos);
    ics.erase(at, ics.find("\r\n", at) + 2 - at);
    const auto problems = okno::testing::itip_problems(ics);
    ASSERT_FALSE(problems.empty());
    EXPECT_THAT(problems.front(), HasSubstr("ORGANIZER"));
  }
}

}  // namespace
