// Free-slot generation (R-VISIT-2) in the office's zone: the production calendar (R-TIME-1),
// breaks, shortened days, lead time, horizon, occupancy, and the same wall-clock hours in
// Kaliningrad, Moscow and Vladivostok.
#include "okno/slots.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "okno/office.hpp"
#include "okno/source_root.hpp"

namespace {

using namespace std::chrono;
using okno::Date;
using okno::Office;
using okno::Seconds;
using okno::SlotCheck;

constexpr Date d(int y, unsigned m, unsigned day) {
  return Date{year{y}, month{m}, std::chrono::day{day}};
}

Seconds utc(Date day, int h, int m = 0) {
  return Seconds{sys_days{day} + hours{h} + minutes{m}};
}

const okno::ProductionCalendar& calendar() {
  static const auto cal = [] {
    auto c = okno::ProductionCalendar::load_directory(OKNO_SOURCE_ROOT "/assets/calendar");
    EXPECT_TRUE(c.has_value());
    return *c;
  }();
  return cal;
}

// An office with 09:00-18:00 hours and a 13:00-14:00 break on weekdays, one 30-minute
// service with 2 places, a 14-day horizon and a 2-hour lead time, in the given zone.
std::string office_toml(std::string_view id, std::string_view zone, std::string_view extra = "") {
  std::string t = "[[office]]\nid = \"" + std::string(id) + "\"\ntime_zone = \"" +
                  std::string(zone) +
                  "\"\nname = { ru = \"Офис\" }\nshort_name = { ru = \"Офис\" }\n"
                  "address = { ru = \"Адрес\" }\nemail = \"office@okno.example\"\n" +
                  std::string(extra) + "[office.hours]\n";
  for (auto day : {"mon", "tue", "wed", "thu", "fri"})
    t += std::string(day) + " = \"09:00-18:00\"\n";
  t += "breaks = [\"13:00-14:00\"]\n"
       "[[office.service]]\nid = \"s\"\nname = { ru = \"Услуга\" }\nduration_min = 30\n"
       "places = 2\nhorizon_days = 14\nlead_time_min = 120\n";
  return t;
}

// Three offices with the same wall-clock hours in three zones (UTC+2, +3, +10); Kaliningrad is
// closed on 4 December and opens on Saturday 5 December for two hours.
std::string three_offices() {
  return office_toml("kgd", "Europe/Kaliningrad", "closures = [\"2026-12-04\"]\n") +
         "[[office.extra_day]]\ndate = \"2026-12-05\"\nhours = \"10:00-12:00\"\n" +
         office_toml("msk", "Europe/Moscow") + office_toml("vvo", "Asia/Vladivostok");
}

class Slots : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = okno::parse_offices_toml(three_offices(), "test");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().detail;
    dir = std::move(*parsed);
  }
  const Office& office(std::string_view id) { return *dir.find(id); }
  std::vector<okno::Slot> free(std::string_view id, Date from, Date to, Seconds now,
                               const okno::Occupancy& occ = {}) {
    const Office& o = office(id);
    return okno::free_slots({&o, &o.services[0], from, to}, calendar(), now, occ);
  }
  std::vector<std::string> local_times(std::string_view id, const std::vector<okno::Slot>& slots) {
    std::vector<std::string> out;
    for (const auto& s : slots)
      out.push_back(okno::format_local_iso(office(id), s.start).substr(11, 5));
    return out;
  }
  okno::OfficeDirectory dir;
  // Sunday 29 November 2026, 00:00 UTC: the following week is ordinary in all three zones.
  Seconds sunday = utc(d(2026, 11, 29), 0);
};

TEST_F(Slots, R_VISIT_2_SameWallClockHoursInThreeZones) {
  const std::vector<std::string> expected = {"09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
                                             "12:00", "12:30", "14:00", "14:30", "15:00", "15:30",
                                             "16:00", "16:30", "17:00", "17:30"};
  for (auto id : {"kgd", "msk", "vvo"}) {
    auto slots = free(id, d(2026, 12, 1), d(2026, 12, 1), sunday);
    EXPECT_EQ(local_times(id, slots), expected) << id;
  }
  // The same 09:00 is three different instants: 07:00, 06:00 and 23:00 (previous day) UTC.
  EXPECT_EQ(free("kgd", d(2026, 12, 1), d(2026, 12, 1), sunday)[0].start, utc(d(2026, 12, 1), 7));
  EXPECT_EQ(free("msk", d(2026, 12, 1), d(2026, 12, 1), sunday)[0].start, utc(d(2026, 12, 1), 6));
  EXPECT_EQ(free("vvo", d(2026, 12, 1), d(2026, 12, 1), sunday)[0].start, utc(d(2026, 11, 30), 23));
  EXPECT_EQ(okno::format_local_iso(office("kgd"), utc(d(2026, 12, 1), 7)),
            "2026-12-01T09:00:00+02:00");
  EXPECT_EQ(okno::format_local_iso(office("vvo"), utc(d(2026, 11, 30), 23)),
            "2026-12-01T09:00:00+10:00");
}

TEST_F(Slots, R_VISIT_2_LocalDayNotUtcDayDecidesTheDate) {
  // 23:30 UTC on Monday is already Tuesday 09:30 in Vladivostok.
  EXPECT_EQ(okno::local_date(office("vvo"), utc(d(2026, 11, 30), 23, 30)), d(2026, 12, 1));
  EXPECT_EQ(okno::local_date(office("kgd"), utc(d(2026, 11, 30), 23, 30)), d(2026, 12, 1));
  EXPECT_EQ(okno::local_date(office("kgd"), utc(d(2026, 11, 30), 21, 59)), d(2026, 11, 30));
}

TEST_F(Slots, R_TIME_1_NoSlotsOnDaysOffWeekendsAndClosures) {
  // 31 Dec 2026 is a day off (transfer from 4 Jan); 6 Dec is a Sunday; 4 Dec is a closure of kgd.
  EXPECT_TRUE(free("msk", d(2026, 12, 31), d(2026, 12, 31), utc(d(2026, 12, 20), 0)).empty());
  EXPECT_TRUE(free("msk", d(2026, 12, 6), d(2026, 12, 6), sunday).empty());
  EXPECT_TRUE(free("kgd", d(2026, 12, 4), d(2026, 12, 4), sunday).empty());
  EXPECT_FALSE(free("msk", d(2026, 12, 4), d(2026, 12, 4), sunday).empty());
}

TEST_F(Slots, ExtraDayOpensASaturday) {
  auto slots = free("kgd", d(2026, 12, 5), d(2026, 12, 5), sunday);
  EXPECT_EQ(local_times("kgd", slots),
            (std::vector<std::string>{"10:00", "10:30", "11:00", "11:30"}));
  EXPECT_TRUE(free("msk", d(2026, 12, 5), d(2026, 12, 5), sunday).empty());
}

TEST_F(Slots, R_TIME_1_HorizonReachingAYearWithoutCalendarIsReported) {
  // The three offices book 14 days ahead; the shipped calendar ends with 2027.
  EXPECT_TRUE(okno::uncovered_calendar_years(dir, calendar(), sunday).empty());
  EXPECT_TRUE(okno::uncovered_calendar_years(dir, calendar(), utc(d(2027, 12, 17), 0)).empty());
  // 18 December 2027 + 14 days = 1 January 2028 (Vladivostok is already on the 18th at 20:00
  // UTC on the 17th).
  EXPECT_EQ(okno::uncovered_calendar_years(dir, calendar(), utc(d(2027, 12, 17), 20)),
            std::vector<int>{2028});
  EXPECT_EQ(okno::uncovered_calendar_years(dir, calendar(), utc(d(2029, 12, 30), 0)),
            (std::vector<int>{2029, 2030}));
}

TEST_F(Slots, R_TIME_1_ShortenedDayClosesAnHourEarlier) {
  // 3 November 2026 (before the 4 November holiday) closes at 17:00 instead of 18:00.
  const Seconds before = utc(d(2026, 10, 28), 0);
  auto slots = free("msk", d(2026, 11, 3), d(2026, 11, 3), before);
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(local_times("msk", slots).back(), "16:30");
  EXPECT_EQ(okno::format_local_iso(office("msk"), slots.back().end).substr(11, 5), "17:00");
  auto ordinary = free("msk", d(2026, 11, 2), d(2026, 11, 2), before);
  EXPECT_EQ(local_times("msk", ordinary).back(), "17:30");
  EXPECT_TRUE(free("msk", d(2026, 11, 4), d(2026, 11, 4), before).empty());
}

TEST_F(Slots, R_VISIT_2_NoSlotInABreak) {
  for (const auto& s : local_times("msk", free("msk", d(2026, 12, 1), d(2026, 12, 1), sunday))) {
    EXPECT_FALSE(s >= "13:00" && s < "14:00") << s;
  }
}

TEST_F(Slots, R_VISIT_2_NoSlotInThePastOrInsideTheLeadTime) {
  // Tuesday 1 December, 10:10 Moscow (07:10 UTC); lead time 2 h: first offered is 12:30.
  auto slots = free("msk", d(2026, 12, 1), d(2026, 12, 1), utc(d(2026, 12, 1), 7, 10));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(local_times("msk", slots).front(), "12:30");
  // Exactly at the lead-time boundary the slot is still offered.
  slots = free("msk", d(2026, 12, 1), d(2026, 12, 1), utc(d(2026, 12, 1), 7, 30));
  EXPECT_EQ(local_times("msk", slots).front(), "12:30");
}

TEST_F(Slots, R_VISIT_2_NoSlotBeyondTheHorizon) {
  // Horizon 14 days from Monday 30 November (local): 14 December is the last bookable day.
  const Seconds monday = utc(d(2026, 11, 30), 6);
  EXPECT_FALSE(free("msk", d(2026, 12, 14), d(2026, 12, 14), monday).empty());
  EXPECT_TRUE(free("msk", d(2026, 12, 15), d(2026, 12, 15), monday).empty());
}

TEST_F(Slots, R_VISIT_2_FullSlotsAreNotOfferedAndFreeCountsPlaces) {
  const Office& o = office("msk");
  okno::Occupancy occ = {{utc(d(2026, 12, 1), 6), 2}, {utc(d(2026, 12, 1), 6, 30), 1}};
  auto slots = free("msk", d(2026, 12, 1), d(2026, 12, 1), sunday, occ);
  EXPECT_EQ(okno::format_local_iso(o, slots[0].start).substr(11, 5), "09:30");
  EXPECT_EQ(slots[0].free(), 1);
  EXPECT_EQ(slots[1].free(), 2);
  EXPECT_EQ(slots.size(), 15u);
}

TEST_F(Slots, R_VISIT_2_CheckSlotTellsWhyAStartIsRefused) {
  const Office& o = office("msk");
  const auto& s = o.services[0];
  okno::Slot slot;
  const Seconds now = utc(d(2026, 12, 1), 7, 10);  // 10:10 Moscow
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 2), 6), &slot), SlotCheck::ok);
  EXPECT_EQ(slot.end, utc(d(2026, 12, 2), 6, 30));
  EXPECT_EQ(slot.capacity, 2);
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 2), 6, 10), nullptr),
            SlotCheck::not_offered);  // not aligned
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 2), 10, 0), nullptr),
            SlotCheck::not_offered);  // 13:00, the break
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 6), 6), nullptr),
            SlotCheck::not_offered);  // Sunday
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 1), 6), nullptr),
            SlotCheck::in_past);
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 1), 8), nullptr),
            SlotCheck::too_soon);
  EXPECT_EQ(okno::check_slot(o, s, calendar(), now, utc(d(2026, 12, 16), 6), nullptr),
            SlotCheck::too_far);
}

TEST_F(Slots, R_TIME_1_NewYearHolidaysSpanNoSlots) {
  const Seconds dec20 = utc(d(2026, 12, 20), 0);
  auto slots = free("msk", d(2026, 12, 28), d(2027, 1, 3), dec20);
  for (const auto& s : slots) {
    const auto day = okno::local_date(office("msk"), s.start);
    EXPECT_LE(sys_days{day}, sys_days{d(2026, 12, 30)}) << okno::format_iso_date(day);
  }
  EXPECT_EQ(slots.size(), 3u * 16u);  // Mon 28, Tue 29, Wed 30 December
}

// Russia has kept one offset all year since 2014, but zone rules are data: a day with a change
// of offset must still map every wall-clock slot to the right instant. Berlin springs forward
// on Sunday 29 March 2026 at 02:00 (+01:00 -> +02:00) and falls back on 25 October.
TEST(SlotsAcrossOffsetChange, WallClockSlotsKeepTheirMeaning) {
  auto dir = okno::parse_offices_toml(
      office_toml("ber", "Europe/Berlin") +
          "[[office.extra_day]]\ndate = \"2026-03-29\"\nhours = \"00:00-06:00\"\n"
          "[[office.extra_day]]\ndate = \"2026-10-25\"\nhours = \"00:00-06:00\"\n",
      "test");
  ASSERT_TRUE(dir.has_value()) << dir.error().detail;
  const Office& o = *dir->find("ber");
  auto starts = [&](Date day) {
    std::vector<std::string> out;
    for (const auto& s : okno::all_slots({&o, &o.services[0], day, day}, calendar())) {
      out.push_back(okno::format_local_iso(o, s.start).substr(11) + "=" +
                    date::format("%H:%MZ", s.start));
    }
    return out;
  };
  // 30-minute slots; 02:00-03:00 does not exist, and a slot ending in the gap is not offered.
  EXPECT_EQ(starts(d(2026, 3, 29)),
            (std::vector<std::string>{
                "00:00:00+01:00=23:00Z", "00:30:00+01:00=23:30Z", "01:00:00+01:00=00:00Z",
                "03:00:00+02:00=01:00Z", "03:30:00+02:00=01:30Z", "04:00:00+02:00=02:00Z",
                "04:30:00+02:00=02:30Z", "05:00:00+02:00=03:00Z", "05:30:00+02:00=03:30Z"}));
  // 02:00-03:00 happens twice in October: the earlier instant is taken, every slot once.
  auto autumn = starts(d(2026, 10, 25));
  ASSERT_EQ(autumn.size(), 12u);
  EXPECT_EQ(autumn[4], "02:00:00+02:00=00:00Z");
  EXPECT_EQ(autumn[6], "03:00:00+01:00=02:00Z");
}

TEST(IsoTime, ParsesOffsetsAndRefusesGuesses) {
  EXPECT_EQ(okno::parse_iso_instant("2026-12-01T09:00:00+03:00"), utc(d(2026, 12, 1), 6));
  EXPECT_EQ(okno::parse_iso_instant("2026-12-01T06:00:00Z"), utc(d(2026, 12, 1), 6));
  EXPECT_EQ(okno::parse_iso_instant("2026-12-01T09:00:00+10:00"), utc(d(2026, 11, 30), 23));
  for (auto bad : {"2026-12-01 09:00:00+03:00", "2026-12-01T09:00:00", "2026-12-01T09:00+03:00",
                   "2026-02-30T09:00:00+03:00", "2026-12-01T25:00:00+03:00", "", "garbage",
                   "2026-12-01T09:00:00+03:00x", "2026-12-01T09:00:00.000Z"}) {
    EXPECT_FALSE(okno::parse_iso_instant(bad).has_value()) << bad;
  }
  EXPECT_EQ(okno::parse_iso_date("2026-12-01"), d(2026, 12, 1));
  EXPECT_FALSE(okno::parse_iso_date("2026-13-01").has_value());
  EXPECT_FALSE(okno::parse_iso_date("2026-1-01").has_value());
  EXPECT_EQ(okno::format_iso_date(d(2026, 1, 9)), "2026-01-09");
}

}  // namespace
