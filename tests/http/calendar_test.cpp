// The production calendar through the real okno-server binary (R-TIME-1): `okno-server
// import-calendar` writes a year from an xmlcalendar file (the 2027 decree's gives the shipped
// ru-2027.toml's days), and a booking horizon reaching a year without a file is a WARN line at
// start-up and a banner on the staff console pages, in the page's language.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "okno/calendar.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

fs::path temp_dir(const char* prefix) {
  std::string tmpl = std::string("/tmp/") + prefix + "-XXXXXX";
  EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
  return tmpl;
}

// Runs `okno-server <args>` (arguments already shell-quoted), stdout and stderr into `log`;
// returns the exit code.
int okno_server(const std::string& args, const fs::path& log) {
  const std::string cmd = "'" OKNO_SERVER_BINARY "' " + args + " > '" + log.string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

constexpr okno::Date d(int y, unsigned m, unsigned day) {
  return okno::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

class CalendarImport : public ::testing::Test {
 protected:
  fs::path dir = temp_dir("okno-cal-import");
  fs::path log = dir / "out.log";
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

TEST_F(CalendarImport, R_TIME_1_CommandWritesALoadableYear) {
  // A made-up 2031 in the xmlcalendar layout: a Saturday holiday moved to Monday, a shortened
  // Friday, a working Saturday instead of a Monday.
  write(dir / "calendar.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<calendar year="2031" lang="ru" date="2030.09.01" country="ru">
  <holidays><holiday id="4" title="Международный женский день"/></holidays>
  <days>
    <day d="03.07" t="2"/>
    <day d="03.08" t="1" h="4"/>
    <day d="03.10" t="1" f="03.08"/>
    <day d="03.15" t="3"/>
    <day d="03.17" t="1" f="03.15"/>
  </days>
</calendar>
)");
  fs::create_directory(dir / "calendar");
  const fs::path out = dir / "calendar" / "ru-2031.toml";
  ASSERT_EQ(okno_server("import-calendar " + quoted(dir / "calendar.xml") + " --out " +
                            quoted(out) + " --source 'Постановление № 1 от 01.09.2030'",
                        log),
            0)
      << read(log);
  EXPECT_NE(read(log).find("5 days of 2031"), std::string::npos) << read(log);
  auto loaded = okno::ProductionCalendar::load_directory(dir / "calendar");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_TRUE(loaded->covers(std::chrono::year{2031}));
  EXPECT_FALSE(loaded->provisional(std::chrono::year{2031}));
  EXPECT_EQ(loaded->kind(d(2031, 3, 7)), okno::DayKind::shortened);
  EXPECT_EQ(loaded->kind(d(2031, 3, 8)), okno::DayKind::day_off);
  EXPECT_EQ(loaded->exception(d(2031, 3, 10))->moved_from, d(2031, 3, 8));
  EXPECT_EQ(loaded->kind(d(2031, 3, 15)), okno::DayKind::working_weekend);
  EXPECT_EQ(loaded->day_off_moved_from(d(2031, 3, 15)), d(2031, 3, 17));
  EXPECT_NE(read(out).find("source = \"Постановление № 1 от 01.09.2030\""), std::string::npos);

  // An existing file is replaced only with --force; --provisional is written.
  EXPECT_EQ(okno_server("import-calendar " + quoted(dir / "calendar.xml") + " --out " +
                            quoted(out) + " --source 'draft' --provisional",
                        log),
            1);
  EXPECT_NE(read(log).find("add --force"), std::string::npos) << read(log);
  EXPECT_EQ(okno_server("import-calendar " + quoted(dir / "calendar.xml") + " --out " +
                            quoted(out) + " --source 'draft' --provisional --force",
                        log),
            0)
      << read(log);
  EXPECT_NE(read(out).find("provisional = true"), std::string::npos);
}

TEST_F(CalendarImport, R_TIME_1_The2027DecreeFileGivesTheShippedDays) {
  const fs::path out = dir / "ru-2027.toml";
  ASSERT_EQ(okno_server("import-calendar " +
                            quoted(OKNO_SOURCE_ROOT "/tests/data/xmlcalendar-ru-2027.xml") +
                            " --out " + quoted(out) +
                            " --source 'Постановление Правительства РФ от 17.09.2026 № 1187'",
                        log),
            0)
      << read(log);
  okno::ProductionCalendar imported;
  ASSERT_TRUE(imported.add_year_toml(read(out), "ru-2027.toml").has_value());
  okno::ProductionCalendar shipped;
  ASSERT_TRUE(
      shipped.add_year_toml(read(OKNO_SOURCE_ROOT "/assets/calendar/ru-2027.toml"), "ru-2027.toml")
          .has_value());
  for (auto day = std::chrono::sys_days{d(2027, 1, 1)};
       day <= std::chrono::sys_days{d(2027, 12, 31)}; day += std::chrono::days{1}) {
    const okno::Date date{day};
    SCOPED_TRACE(okno::format_iso_date(date));
    EXPECT_EQ(imported.kind(date), shipped.kind(date));
    const auto* a = imported.exception(date);
    const auto* b = shipped.exception(date);
    ASSERT_EQ(a == nullptr, b == nullptr);
    if (a != nullptr) {
      EXPECT_EQ(a->moved_from, b->moved_from);
      EXPECT_EQ(a->note, b->note);
    }
  }
}

TEST_F(CalendarImport, R_TIME_1_BadInputWritesNothing) {
  write(dir / "broken.xml",
        "<calendar year=\"2031\">\n<days>\n<day d=\"02.30\" t=\"1\"/>\n</days>\n</calendar>\n");
  const fs::path out = dir / "ru-2031.toml";
  EXPECT_EQ(okno_server("import-calendar " + quoted(dir / "broken.xml") + " --out " + quoted(out) +
                            " --source x",
                        log),
            1);
  EXPECT_NE(read(log).find("broken.xml: line 3: d=\"02.30\" is not a date"), std::string::npos)
      << read(log);
  EXPECT_FALSE(fs::exists(out));
  // The file name must carry the calendar's year, or the calendar folder would refuse it.
  write(dir / "ok.xml", "<calendar year=\"2031\"><days/></calendar>");
  EXPECT_EQ(okno_server("import-calendar " + quoted(dir / "ok.xml") + " --out " +
                            quoted(dir / "ru-2032.toml") + " --source x",
                        log),
            1);
  EXPECT_NE(read(log).find("must be named ru-2031.toml"), std::string::npos) << read(log);
  EXPECT_FALSE(fs::exists(dir / "ru-2032.toml"));
  // --source is required: every year's data names its decree.
  EXPECT_NE(okno_server("import-calendar " + quoted(dir / "ok.xml") + " --out " + quoted(out), log),
            0);
  EXPECT_FALSE(fs::exists(out));
}

// A real server whose clock is `fake_now`, with an administrator account; its log in a file.
class MissingYear : public ::testing::Test {
 protected:
  fs::path dir = temp_dir("okno-cal-missing");
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;

  void start(const std::string& fake_now) {
    const std::string create =
        "OKNO_STAFF_PASSWORD='correct horse battery' '" OKNO_SERVER_BINARY "' --db " +
        quoted(dir / "okno.db") + " --create-staff admin --role administrator > /dev/null 2>&1";
    ASSERT_EQ(std::system(create.c_str()), 0);
    ServerProcessOptions options;
    options.fake_now = fake_now;
    options.database = dir / "okno.db";
    options.log_file = dir / "server.log";
    server = std::make_unique<ServerProcess>(options);
    ASSERT_TRUE(server->started());
    client = std::make_unique<HttpClient>(server->base_url());
  }
  // The HTML of the administrator's today page in `lang`.
  std::string console_page(const std::string& lang) {
    auto r = client->post("/api/v1/staff/login",
                          json{{"login", "admin"}, {"password", "correct horse battery"}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string set_cookie = r.headers["set-cookie"];
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto page = client->get("/staff/today?lang=" + lang, {"Cookie: " + cookie});
    EXPECT_EQ(page.status, 200);
    return page.body;
  }
  std::string log_text() {
    client.reset();
    server.reset();  // the log is complete once the server has stopped
    return read(dir / "server.log");
  }
  void TearDown() override {
    client.reset();
    server.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

TEST_F(MissingYear, R_TIME_1_HorizonIntoAYearWithoutFileIsLoudAtStartAndInTheConsole) {
  // 20 December 2027: the demo passport service books 30 days ahead, into January 2028, and no
  // ru-2028.toml is shipped.
  start("2027-12-20T06:00:00Z");
  const std::string ru = console_page("ru");
  EXPECT_NE(ru.find("id=\"calendar-warning\""), std::string::npos) << ru;
  EXPECT_NE(ru.find("Нет производственного календаря на 2028 год"), std::string::npos);
  const std::string en = console_page("en");
  EXPECT_NE(en.find("No production calendar for 2028"), std::string::npos);
  const std::string log = log_text();
  const auto line = log.find("ru-2028.toml");
  ASSERT_NE(line, std::string::npos) << log;
  const auto begin = log.rfind('\n', line);
  const std::string text =
      log.substr(begin == std::string::npos ? 0 : begin + 1,
                 log.find('\n', line) - (begin == std::string::npos ? 0 : begin + 1));
  EXPECT_NE(text.find("[warning]"), std::string::npos) << text;
  EXPECT_NE(text.find("booking horizons reach into 2028"), std::string::npos) << text;
}

TEST_F(MissingYear, R_TIME_1_NoWarningWhileEveryYearIsCovered) {
  start("2026-11-30T06:00:00Z");
  EXPECT_EQ(console_page("ru").find("calendar-warning"), std::string::npos);
  EXPECT_EQ(log_text().find("production calendar"), std::string::npos);
}

}  // namespace
