// The free-slot answer (GET /api/v1/offices/{id}/slots, R-VISIT-2) is written by hand into one
// string (api::slots_body) for speed (issue 10); its bytes must stay those of the nlohmann::json
// rendering it replaced. Checked twice: in-process over every week of 2025-2027 for the demo
// and bench offices and for round-the-clock offices in zones with DST and odd offsets, with
// random occupancy and strings that need escaping; and against a real okno-server on loopback
// with bookings in the database, its answers compared with the old rendering of the same slots.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "okno/booking_service.hpp"
#include "okno/office.hpp"
#include "okno/server/http/slots_json.hpp"
#include "okno/server/storage/sqlite/sqlite_store.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"
#include "test_server.hpp"

namespace {

using namespace std::chrono;
using nlohmann::json;
using okno::Date;

constexpr const char* kFakeNow = "2026-11-30T06:00:00Z";  // ServerProcessOptions' default

// The rendering before api::slots_body: a json tree per slot, the route's object, one dump
// (format_local_iso is checked against its own former date::format code in local_iso_test).
std::string reference_body(const okno::Office& office, std::string_view service_id, Date from,
                           Date to, const std::vector<okno::Slot>& slots) {
  json list = json::array();
  for (const auto& s : slots) {
    list.push_back({{"start", okno::format_local_iso(office, s.start)},
                    {"end", okno::format_local_iso(office, s.end)},
                    {"free", s.free()}});
  }
  const json body = {{"office", office.id},
                     {"service", std::string(service_id)},
                     {"time_zone", office.time_zone_name},
                     {"from", okno::format_iso_date(from)},
                     {"to", okno::format_iso_date(to)},
                     {"slots", list}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The production calendars 2025-2027, as the server loads them.
okno::ProductionCalendar load_calendar() {
  auto loaded = okno::ProductionCalendar::load_directory(OKNO_SOURCE_ROOT "/assets/calendar");
  if (!loaded) ADD_FAILURE() << loaded.error().detail;
  return loaded ? std::move(*loaded) : okno::ProductionCalendar{};
}

// Open round the clock with 25-minute slots, so slots fall on both sides of every DST change.
std::string round_the_clock(std::string_view id, std::string_view zone) {
  std::string t = "[[office]]\nid = \"" + std::string(id) + "\"\ntime_zone = \"" +
                  std::string(zone) +
                  "\"\nemail = \"office@okno.example\"\nname = { ru = \"Офис\" }\nshort_name = { "
                  "ru = \"Офис\" }\n"
                  "address = { ru = \"Адрес\" }\n[office.hours]\n";
  for (auto day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    t += std::string(day) + " = \"00:00-24:00\"\n";
  t += "breaks = []\n[[office.service]]\nid = \"s\"\nname = { ru = \"Услуга\" }\n"
       "duration_min = 25\nplaces = 3\nhorizon_days = 366\nlead_time_min = 0\n";
  return t;
}

Date day_of(int y, unsigned m, unsigned d) {
  return Date{year{y}, month{m}, day{d}};
}

TEST(SlotsRender, R_VISIT_2_SameBytesAsTheJsonTreeForEveryWeekOfThreeYears) {
  auto bench = okno::load_offices_file(OKNO_BENCH_OFFICES);
  ASSERT_TRUE(bench.has_value()) << bench.error().detail;
  std::string zones;
  for (auto [id, zone] :
       {std::pair{"ber", "Europe/Berlin"}, std::pair{"stj", "America/St_Johns"},
        std::pair{"lhi", "Australia/Lord_Howe"}, std::pair{"ktm", "Asia/Kathmandu"},
        std::pair{"scl", "America/Santiago"}, std::pair{"vvo", "Asia/Vladivostok"}}) {
    zones += round_the_clock(id, zone);
  }
  auto others = okno::parse_offices_toml(zones, "test");
  ASSERT_TRUE(others.has_value()) << others.error().detail;
  std::vector<okno::Office> offices = bench->offices;
  offices.insert(offices.end(), others->offices.begin(), others->offices.end());

  const okno::ProductionCalendar calendar = load_calendar();
  std::mt19937 rng(10);
  size_t answers = 0, slots_seen = 0;
  for (const auto& office : offices) {
    for (const auto& service : office.services) {
      int n = 0;
      for (sys_days from{day_of(2025, 1, 1)}; from < sys_days{day_of(2027, 12, 1)};
           from += days{7}, ++n) {
        const sys_days to = from + days{std::array{0, 6, 29}[static_cast<size_t>(n % 3)]};
        auto slots = okno::all_slots({&office, &service, Date{from}, Date{to}}, calendar);
        for (auto& s : slots) {
          s.taken = static_cast<int>(rng() % static_cast<unsigned>(s.capacity + 1));
        }
        std::erase_if(slots, [&](const okno::Slot& s) { return s.free() == 0 && rng() % 2; });
        ASSERT_EQ(okno::api::slots_body(office, service.id, Date{from}, Date{to}, slots),
                  reference_body(office, service.id, Date{from}, Date{to}, slots))
            << office.id << "/" << service.id << " from " << okno::format_iso_date(Date{from});
        ++answers;
        slots_seen += slots.size();
      }
    }
  }
  EXPECT_GT(answers, 1000u);
  EXPECT_GT(slots_seen, 500'000u);
}

TEST(SlotsRender, StringsAreEscapedAsNlohmannDoes) {
  auto offices = okno::load_offices_file(OKNO_BENCH_OFFICES);
  ASSERT_TRUE(offices.has_value());
  okno::Office office = offices->offices.front();
  const okno::ProductionCalendar calendar = load_calendar();
  const Date day = day_of(2026, 12, 1);
  const auto slots = okno::all_slots({&office, &office.services[0], day, day}, calendar);
  ASSERT_FALSE(slots.empty());
  // Quotes, backslashes, control characters, Cyrillic, and bytes that are not UTF-8 (replaced
  // by U+FFFD, as every answer's dump does).
  for (std::string text :
       {std::string("pass\"port\\"), std::string("tab\there\nnew\x01\x1f"), std::string("паспорт"),
        std::string("bad\xff\xfe utf8 \xc3"), std::string()}) {
    office.id = text;
    office.time_zone_name = text + "/zone";
    EXPECT_EQ(okno::api::slots_body(office, text, day, day, slots),
              reference_body(office, text, day, day, slots))
        << text;
  }
  EXPECT_EQ(okno::api::slots_body(office, "s", day, day, {}),
            reference_body(office, "s", day, day, {}));
}

struct Query {
  std::string office, service, query;  // query: what follows "service=..."
  std::string body;                    // the server's answer
};

TEST(SlotsRender, R_VISIT_2_ServerAnswersAreTheJsonTreeRenderingOfItsSlots) {
  // The database outlives the server (ServerProcess removes a folder it made itself).
  char dir_template[] = "/tmp/okno-slots-render-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::filesystem::path dir = dir_template;
  struct RemoveDir {
    std::filesystem::path path;
    ~RemoveDir() { std::filesystem::remove_all(path); }
  } remove_dir{dir};
  const std::filesystem::path db = dir / "okno.db";
  okno::testing::ServerProcessOptions options;
  options.fake_now = kFakeNow;
  options.database = db;
  options.extra_args = {"--offices", OKNO_BENCH_OFFICES};
  options.rate_limits = false;  // the fill books hundreds from one address
  std::vector<Query> queries;
  {
    okno::testing::ServerProcess server(options);
    ASSERT_TRUE(server.started());
    okno::testing::HttpClient client(server.base_url());
    // Bookings in December: every slot's free count differs from its capacity somewhere.
    auto offered = client
                       .get(
                           "/api/v1/offices/demo/slots?service=passport&from=2026-12-01"
                           "&to=2026-12-30")
                       .json()["slots"];
    ASSERT_GT(offered.size(), 300u);
    int booked = 0;
    for (size_t i = 0; i < offered.size(); i += 2) {
      const std::string start = offered[i]["start"];
      for (int k = 0; k < (i % 3 == 0 ? 2 : 1); ++k) {
        auto r = client.post("/api/v1/bookings",
                             okno::testing::booking_body(start, "passport", "demo").dump());
        ASSERT_EQ(r.status, 201) << r.body;
        ++booked;
      }
    }
    auto bulk = client
                    .get(
                        "/api/v1/offices/bench/slots?service=bulk&from=2026-12-01"
                        "&to=2026-12-01")
                    .json()["slots"];
    for (size_t i = 0; i < bulk.size(); i += 5) {
      const std::string start = bulk[i]["start"];
      ASSERT_EQ(
          client
              .post("/api/v1/bookings", okno::testing::booking_body(start, "bulk", "bench").dump())
              .status,
          201);
    }
    EXPECT_GT(booked, 200);
    for (const auto& [office, service] :
         {std::pair{"demo", "passport"}, std::pair{"demo", "consultation"},
          std::pair{"bench", "bulk"}}) {
      for (std::string range : {"&from=2026-12-01&to=2026-12-30", "&from=2026-11-30&to=2026-11-30",
                                "&from=2026-12-01&to=2026-12-01", "&from=2026-12-28&to=2027-01-10",
                                "&from=2026-12-31&to=2026-12-31", "", "&from=2026-12-14"}) {
        Query q{office, service, range, {}};
        auto r = client.get("/api/v1/offices/" + q.office + "/slots?service=" + q.service + range,
                            {"Accept-Language: hy"});
        ASSERT_EQ(r.status, 200) << r.body;
        ASSERT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
        q.body = r.body;
        queries.push_back(std::move(q));
      }
    }
  }
  // The server has stopped: the same slots in-process, on its database, at its clock's time.
  auto offices = okno::load_offices_file(OKNO_BENCH_OFFICES);
  ASSERT_TRUE(offices.has_value());
  auto store = okno::SqliteBookingStore::open(db.string());
  ASSERT_TRUE(store.has_value()) << store.error().detail;
  const okno::ProductionCalendar calendar = load_calendar();
  okno::ManualClock clock(*okno::parse_iso_instant(kFakeNow));
  okno::BookingService service(*offices, calendar, **store, clock);
  size_t slots_compared = 0;
  for (const auto& q : queries) {
    const okno::Office& office = *offices->find(q.office);
    const Date today = okno::local_date(office, clock.now());
    Date from = today;
    if (auto at = q.query.find("from="); at != std::string::npos) {
      from = *okno::parse_iso_date(q.query.substr(at + 5, 10));
    }
    Date to{sys_days{from} + days{13}};
    if (auto at = q.query.find("to="); at != std::string::npos) {
      to = *okno::parse_iso_date(q.query.substr(at + 3, 10));
    }
    auto slots = service.free_slots(q.office, q.service, from, to);
    ASSERT_TRUE(slots.has_value());
    EXPECT_EQ(q.body, reference_body(office, q.service, from, to, *slots))
        << q.office << "/" << q.service << q.query;
    slots_compared += slots->size();
  }
  EXPECT_GT(slots_compared, 5000u);
}

}  // namespace
