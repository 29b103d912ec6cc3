// format_local_iso and LocalIsoWriter (the times of every answer, R-VISIT-2: computed in the
// office's zone) write the same text as the date::format implementation they replaced, in zones
// with DST, half- and quarter-hour offsets, historical offsets with seconds, at every offset
// change of 1900-2100 and its neighbouring seconds, in order and out of order.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <date/tz.h>

#include "okno/office.hpp"
#include "okno/slots.hpp"

namespace {

using namespace std::chrono;
using okno::Seconds;

// The implementation before LocalIsoWriter (date::format through a stream), kept as the reference.
std::string reference_local_iso(const okno::Office& office, Seconds t) {
  const auto info = office.zone->get_info(t);
  const auto local = date::local_seconds{t.time_since_epoch() + info.offset};
  const long off_min = duration_cast<minutes>(info.offset).count();
  char sign = off_min < 0 ? '-' : '+';
  const long a = off_min < 0 ? -off_min : off_min;
  char offset[32];
  std::snprintf(offset, sizeof offset, "%c%02ld:%02ld", sign, a / 60, a % 60);
  return date::format("%FT%T", local) + offset;
}

okno::Office office_in(const char* zone) {
  okno::Office o;
  o.id = "o";
  o.time_zone_name = zone;
  o.zone = date::locate_zone(zone);
  return o;
}

// Russia's zones, DST (both hemispheres), -03:30, +05:45, Lord Howe's 30-minute DST, Chatham's
// +12:45, the date line, and zones whose early offsets have seconds (Monrovia -00:44:30).
constexpr const char* kZones[] = {"Europe/Moscow",      "Europe/Kaliningrad",  "Asia/Vladivostok",
                                  "Asia/Kamchatka",     "Europe/Samara",       "Europe/Berlin",
                                  "America/New_York",   "America/St_Johns",    "America/Santiago",
                                  "Asia/Kathmandu",     "Australia/Lord_Howe", "Pacific/Chatham",
                                  "Pacific/Kiritimati", "Pacific/Pago_Pago",   "Africa/Monrovia",
                                  "Europe/Amsterdam",   "Asia/Tehran",         "UTC"};

const Seconds kFrom{sys_days{year{1900} / 1 / 1}};
const Seconds kTo{sys_days{year{2100} / 1 / 1}};

TEST(LocalIso, R_VISIT_2_SameTextAsDateFormatAtEveryOffsetChange) {
  size_t changes = 0;
  for (const char* zone : kZones) {
    const okno::Office office = office_in(zone);
    okno::LocalIsoWriter writer(office);  // one writer across the whole span: its cache is used
    for (Seconds t = kFrom; t < kTo;) {
      const auto info = office.zone->get_info(t);
      for (Seconds probe : {info.begin - seconds{1}, info.begin, info.begin + seconds{1}, t,
                            info.end - seconds{1}}) {
        if (probe < kFrom || probe >= kTo) continue;
        std::string out;
        writer.append(out, probe);
        ASSERT_EQ(out, reference_local_iso(office, probe)) << zone;
        ASSERT_EQ(okno::format_local_iso(office, probe), out) << zone;
      }
      ++changes;
      if (info.end >= kTo) break;
      t = info.end;
    }
  }
  EXPECT_GT(changes, 1000u);  // DST zones change twice a year: the walk really crossed them
}

TEST(LocalIso, R_VISIT_2_SameTextAsDateFormatAtRandomInstantsInAnyOrder) {
  std::mt19937_64 rng(20261201);
  std::uniform_int_distribution<long long> any(kFrom.time_since_epoch().count(),
                                               kTo.time_since_epoch().count());
  for (const char* zone : kZones) {
    const okno::Office office = office_in(zone);
    okno::LocalIsoWriter writer(office);
    std::string out;
    std::string expected;
    Seconds last = kFrom;
    for (int i = 0; i < 8000; ++i) {
      // Mostly nearby instants (as a list of slots is), now and then a jump anywhere.
      const Seconds t = i % 16 == 0 ? Seconds{seconds{any(rng)}}
                                    : last + seconds{static_cast<long long>(rng() % 7200) - 1800};
      last = t;
      writer.append(out, t);
      expected += reference_local_iso(office, t);
    }
    EXPECT_EQ(out, expected) << zone;
  }
}

TEST(LocalIso, FourDigitYearsAndTheEdgesOfTheDay) {
  const okno::Office office = office_in("Europe/Moscow");
  for (Seconds t : {Seconds{sys_days{year{1} / 1 / 1}}, Seconds{sys_days{year{999} / 12 / 31}},
                    Seconds{sys_days{year{9999} / 12 / 31} + hours{20} + minutes{59} + seconds{59}},
                    Seconds{sys_days{year{2026} / 12 / 31} + hours{20} + minutes{59} + seconds{59}},
                    Seconds{sys_days{year{2026} / 12 / 31} + hours{21}}}) {
    EXPECT_EQ(okno::format_local_iso(office, t), reference_local_iso(office, t));
  }
  EXPECT_EQ(okno::format_local_iso(office, Seconds{sys_days{year{2026} / 12 / 31} + hours{21}}),
            "2027-01-01T00:00:00+03:00");
}

}  // namespace
