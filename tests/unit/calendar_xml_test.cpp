// Import of the xmlcalendar layout into the calendar TOML (R-TIME-1): the 2027 decree's file gives
// exactly the shipped ru-2027.toml's days; each day type converts as documented; broken input is
// a clear error naming the file and line.
#include "okno/calendar_xml.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>

#include "okno/calendar.hpp"
#include "okno/source_root.hpp"

namespace {

using okno::Date;
using okno::DayKind;
using okno::ProductionCalendar;
using ::testing::HasSubstr;

constexpr Date d(int y, unsigned m, unsigned day) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string iso(Date day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buf;
}

// A description of one day as the calendar answers for it, to compare two calendars.
std::string describe(const ProductionCalendar& cal, Date day) {
  std::string out{okno::to_string(cal.kind(day))};
  if (const auto* e = cal.exception(day)) {
    out += " listed note=" + e->note;
    if (e->moved_from) out += " moved_from=" + iso(*e->moved_from);
  }
  return out;
}

okno::Result<okno::ImportedCalendar> import(const std::string& xml,
                                            const std::string& source = "decree") {
  return okno::import_xmlcalendar(xml, {source, false, "calendar.xml"});
}

std::string wrap(const std::string& days, const std::string& year = "2031") {
  return "<calendar year=\"" + year +
         "\" country=\"ru\"><holidays><holiday id=\"1\" title=\"Праздник\"/></holidays><days>" +
         days + "</days></calendar>";
}

TEST(XmlCalendar, R_TIME_1_The2027DecreeGivesExactlyTheShippedDays) {
  const auto imported =
      okno::import_xmlcalendar(read(OKNO_SOURCE_ROOT "/tests/data/xmlcalendar-ru-2027.xml"),
                               {"Постановление Правительства РФ от 17.09.2026 № 1187 «О переносе "
                                "выходных дней в 2027 году»",
                                false, "xmlcalendar-ru-2027.xml"});
  ASSERT_TRUE(imported.has_value()) << imported.error().detail;
  EXPECT_EQ(imported->year, 2027);
  EXPECT_EQ(imported->days, 24);
  ProductionCalendar from_xml;
  ASSERT_TRUE(from_xml.add_year_toml(imported->toml, "ru-2027.toml").has_value());
  ProductionCalendar shipped;
  ASSERT_TRUE(
      shipped.add_year_toml(read(OKNO_SOURCE_ROOT "/assets/calendar/ru-2027.toml"), "ru-2027.toml")
          .has_value());
  EXPECT_FALSE(shipped.provisional(std::chrono::year{2027}));
  EXPECT_FALSE(from_xml.provisional(std::chrono::year{2027}));
  int listed = 0;
  for (auto day = std::chrono::sys_days{d(2027, 1, 1)};
       day <= std::chrono::sys_days{d(2027, 12, 31)}; day += std::chrono::days{1}) {
    EXPECT_EQ(describe(from_xml, Date{day}), describe(shipped, Date{day})) << iso(Date{day});
    if (shipped.exception(Date{day}) != nullptr) ++listed;
  }
  EXPECT_EQ(listed, 24);
  EXPECT_THAT(imported->toml, HasSubstr("source = \"Постановление Правительства РФ от 17.09.2026 "
                                        "№ 1187 «О переносе выходных дней в 2027 году»\""));
}

TEST(XmlCalendar, R_TIME_1_EachDayTypeConverts) {
  // 2031-03-08 Sat holiday; 03-10 Mon moved from it; 03-07 Fri shortened; 03-15 Sat working
  // instead of 03-17 Mon; 03-22 Sat shortened and working; 03-29 Sat working, no moved day.
  const auto imported = import(wrap(R"(<day d="03.08" t="1" h="1"/><day d="03.10" t="1" f="03.08"/>
      <day d="03.07" t="2"/><day d="03.15" t="3"/><day d="03.17" t="1" f="03.15"/>
      <day d="03.22" t="2"/><day d="03.29" t="3"/><day d="04.01" t="1"/>)"));
  ASSERT_TRUE(imported.has_value()) << imported.error().detail;
  EXPECT_EQ(imported->days, 8);
  ProductionCalendar cal;
  ASSERT_TRUE(cal.add_year_toml(imported->toml, "ru-2031.toml").has_value()) << imported->toml;
  EXPECT_EQ(describe(cal, d(2031, 3, 8)), "day_off listed note=Праздник");
  EXPECT_EQ(describe(cal, d(2031, 3, 10)),
            "day_off listed note=Перенос выходного с 2031-03-08 moved_from=2031-03-08");
  EXPECT_EQ(describe(cal, d(2031, 3, 7)), "shortened listed note=Предпраздничный день");
  EXPECT_EQ(describe(cal, d(2031, 3, 15)),
            "working_weekend listed note=Рабочая суббота (выходной перенесён на 2031-03-17)");
  EXPECT_EQ(describe(cal, d(2031, 3, 22)),
            "shortened listed note=Рабочая суббота, предпраздничный день");
  EXPECT_EQ(describe(cal, d(2031, 3, 29)), "working_weekend listed note=Рабочая суббота");
  EXPECT_EQ(describe(cal, d(2031, 4, 1)), "day_off listed note=Нерабочий день");
  EXPECT_EQ(describe(cal, d(2031, 3, 1)), "day_off");  // an ordinary Saturday is not listed
  EXPECT_EQ(cal.day_off_moved_from(d(2031, 3, 15)), d(2031, 3, 17));
  EXPECT_THAT(imported->toml, HasSubstr("date = 2031-03-15 # сб\n"));
  EXPECT_THAT(imported->toml, HasSubstr("provisional = false\n"));
}

TEST(XmlCalendar, R_TIME_1_ProvisionalSourceAndTitlesAreWrittenSafely) {
  const auto imported = okno::import_xmlcalendar(
      R"(<calendar year="2031"><holidays><holiday id="9" title="Say &quot;hi&quot; \ now"/>
      </holidays><days><day d="01.01" t="1" h="9"/></days></calendar>)",
      {"Проект \"постановления\"", true, "draft.xml"});
  ASSERT_TRUE(imported.has_value()) << imported.error().detail;
  EXPECT_THAT(imported->toml, HasSubstr("provisional = true\n"));
  EXPECT_THAT(imported->toml, HasSubstr(R"(source = "Проект \"постановления\"")"));
  ProductionCalendar cal;
  ASSERT_TRUE(cal.add_year_toml(imported->toml, "ru-2031.toml").has_value());
  EXPECT_TRUE(cal.provisional(std::chrono::year{2031}));
  EXPECT_EQ(cal.exception(d(2031, 1, 1))->note, R"(Say "hi" \ now)");
}

TEST(XmlCalendar, R_TIME_1_BrokenInputIsAClearError) {
  struct Case {
    std::string xml;
    const char* expect;
  };
  const Case cases[] = {
      {"<calendar year=\"2031\"><days><day d=\"01.01\" t=\"1\"></days></calendar>",
       "calendar.xml: line 1: not XML"},
      {"<years/>", "root element must be <calendar>"},
      {"<calendar year=\"2031\" country=\"kz\"/>", "country \"kz\" is not ru"},
      {"<calendar year=\"31\"/>", "not a year"},
      {"<calendar/>", "not a year"},
      {wrap("<day d=\"02.30\" t=\"1\"/>"), "d=\"02.30\" is not a date MM.DD of 2031"},
      {wrap("<day d=\"1.1\" t=\"1\"/>"), "is not a date"},
      {wrap("<day d=\"01.01\" t=\"4\"/>"), "t=\"4\" on 2031-01-01"},
      {wrap("<day d=\"01.01\"/>"), "t=\"\""},
      {wrap("<day d=\"03.10\" t=\"3\"/>"), "not a Saturday or Sunday"},
      {wrap("<day d=\"03.10\" t=\"2\" f=\"03.08\"/>"), "f is only allowed on a day off"},
      {wrap("<day d=\"03.10\" t=\"1\" f=\"03.10\"/>"), "is not another date"},
      {wrap("<day d=\"03.10\" t=\"1\" h=\"7\"/>"), "h=\"7\" names no <holiday>"},
      {wrap("<day d=\"03.10\" t=\"1\"/>\n<day d=\"03.10\" t=\"1\"/>"),
       "line 2: day 2031-03-10 twice"},
      {wrap("<day d=\"03.10\" t=\"1\" f=\"03.08\"/><day d=\"03.11\" t=\"1\" f=\"03.08\"/>"),
       "a second day off moved from 2031-03-08"},
      {wrap("<day d=\"03.10\" t=\"1\" x=\"1\"/>"), "unknown attribute x on <day>"},
      {wrap("<week/>"), "unknown element <week> in <days>"},
      {"<calendar year=\"2031\"><months/></calendar>", "unknown element <months> in <calendar>"},
  };
  for (const auto& c : cases) {
    const auto r = import(c.xml);
    ASSERT_FALSE(r.has_value()) << c.xml;
    EXPECT_EQ(r.error().code, okno::ErrorCode::invalid_value);
    EXPECT_THAT(r.error().detail, HasSubstr(c.expect)) << c.xml;
    EXPECT_THAT(r.error().detail, HasSubstr("calendar.xml")) << c.xml;
  }
  const auto no_source = import(wrap(""), "");
  ASSERT_FALSE(no_source.has_value());
  EXPECT_THAT(no_source.error().detail, HasSubstr("source (the decree) is required"));
}

TEST(XmlCalendar, R_TIME_1_ExternalEntitiesAreNotFetched) {
  // NONET and no entity substitution: a file reference stays an unresolved entity, not text.
  const auto r = import(R"(<?xml version="1.0"?>
<!DOCTYPE calendar [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<calendar year="2031"><holidays><holiday id="1" title="&x;"/></holidays>
<days><day d="01.01" t="1" h="1"/></days></calendar>)");
  if (r.has_value()) {
    EXPECT_THAT(r->toml, ::testing::Not(HasSubstr("root:")));
  } else {
    EXPECT_EQ(r.error().code, okno::ErrorCode::invalid_value);
  }
}

}  // namespace
