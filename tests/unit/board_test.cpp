// The waiting-room board's core (issue 11): words for speech and screen, the SSE parser, the
// board's state under the live events, notices and the announcement queue. R-VISIT-10 (shown and
// spoken, a flash for deaf visitors), R-VISIT-11 (six languages), R-VISIT-7 (the board's
// texts), against the shipped demo office and catalogs.
#include <gtest/gtest.h>

#include <cstdio>

#include "demo_data.hpp"
#include "okno/board.hpp"

namespace okno::board {
namespace {

using namespace std::chrono_literals;

const Office& demo() {
  return *test_data::demo_offices().find("demo");
}

// "2026-12-01T07:00:00Z"
TimePoint at(const char* iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  EXPECT_EQ(std::sscanf(iso, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec), 6) << iso;
  const auto day = std::chrono::sys_days{std::chrono::year{y} / mo / d};
  return TimePoint{day + std::chrono::hours{h} + std::chrono::minutes{mi} +
                   std::chrono::seconds{sec}};
}

Event event(std::int64_t id, std::string kind, nlohmann::json data) {
  return Event{id, std::move(kind), std::move(data)};
}

Event called(std::int64_t id, const std::string& ticket, const std::string& desk,
             const std::string& lang = "ru") {
  return event(id, "ticket.called",
               {{"number", ticket},
                {"desk", desk},
                {"service", desk == "3" ? "consultation" : "passport"},
                {"language", lang},
                {"repeat", false}});
}

std::vector<std::string> tickets(const BoardState& s) {
  std::vector<std::string> out;
  for (const auto& c : s.calls) out.push_back(c.ticket + "@" + c.desk);
  return out;
}

// --- Words -----------------------------------------------------------------------------------

TEST(BoardWords, R_VISIT_11_NumbersAreSpelledByIcuInEachLanguage) {
  EXPECT_EQ(spell_number(Language::ru, 15), "пятнадцать");
  EXPECT_EQ(spell_number(Language::ru, 1000), "одна тысяча");
  EXPECT_EQ(spell_number(Language::ru, 3), "три");
  EXPECT_EQ(spell_number(Language::en, 15), "fifteen");
  EXPECT_EQ(spell_number(Language::en, 1000), "one thousand");
  EXPECT_EQ(spell_number(Language::kk, 15), "он бес");
  EXPECT_EQ(spell_number(Language::ky, 15), "он беш");
  EXPECT_EQ(spell_number(Language::be, 12), "дванаццаць");
  // ICU's Armenian compounds carry soft hyphens (U+00AD): gone.
  EXPECT_EQ(spell_number(Language::hy, 15), "տասնհինգ");
  EXPECT_EQ(spell_number(Language::hy, 999).find("\xC2\xAD"), std::string::npos);
  // ICU 72 writes Belarusian "адзін" with a Latin i: the Cyrillic і it should be.
  EXPECT_EQ(spell_number(Language::be, 1), "адзін");
  for (Language lang : kAllLanguages) {
    for (int n : {0, 1, 7, 15, 99, 100, 999, 1000, 9999}) {
      const std::string words = spell_number(lang, n);
      EXPECT_FALSE(words.empty()) << to_string(lang) << " " << n;
      EXPECT_EQ(words.find_first_of("0123456789"), std::string::npos) << words;
    }
  }
}

TEST(BoardWords, TicketNumbersSplitIntoLetterAndNumberWithoutPaddingOrCutting) {
  auto a = parse_ticket_number("A015");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->letter, "A");
  EXPECT_EQ(a->number, 15);
  auto big = parse_ticket_number("A1000");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->number, 1000);
  EXPECT_FALSE(parse_ticket_number("015"));
  EXPECT_FALSE(parse_ticket_number("A"));
  EXPECT_FALSE(parse_ticket_number("A01x"));
  EXPECT_FALSE(parse_ticket_number(""));
}

TEST(BoardWords, R_VISIT_11_EveryLatinLetterHasASpokenNameInEveryCatalog) {
  const auto& catalog = test_data::catalog();
  for (Language lang : kAllLanguages) {
    for (char c = 'a'; c <= 'z'; ++c) {
      EXPECT_TRUE(catalog.has(lang, std::string("board.letter.") + c))
          << to_string(lang) << " " << c;
    }
  }
  EXPECT_EQ(spoken_letter(catalog, Language::ru, "A"), "А");
  EXPECT_EQ(spoken_letter(catalog, Language::ru, "B"), "Бэ");
  EXPECT_EQ(spoken_letter(catalog, Language::en, "A"), "Eh");  // espeak's "A" alone is "uh"
  EXPECT_EQ(spoken_letter(catalog, Language::hy, "B"), "Բե");
  EXPECT_EQ(spoken_letter(catalog, Language::be, "I"), "І");
}

TEST(BoardWords, DeskNamesAreSaidWithTheirNumbersSpelled) {
  EXPECT_EQ(spoken_desk_name(Language::ru, "Окно 3"), "Окно три");
  EXPECT_EQ(spoken_desk_name(Language::ru, "Окно 12"), "Окно двенадцать");
  EXPECT_EQ(spoken_desk_name(Language::en, "Desk 3"), "Desk three");
  // "1-терезе" reads as "the first desk" in Kazakh and Kyrgyz.
  EXPECT_EQ(spoken_desk_name(Language::kk, "1-терезе"), "бірінші терезе");
  EXPECT_EQ(spoken_desk_name(Language::ky, "3-терезе"), "үчүнчү терезе");
  EXPECT_EQ(spoken_desk_name(Language::ru, "Кабинет"), "Кабинет");
  EXPECT_EQ(desk_name(demo(), Language::en, "3"), "Desk 3");
  EXPECT_EQ(desk_name(demo(), Language::ru, "99"), "99");
}

TEST(BoardWords, R_VISIT_11_RussianFirstThenTheVisitorsLanguage) {
  const auto& catalog = test_data::catalog();
  CallEvent call{7, "A015", "3", "consultation", Language::ru, 0, false};
  auto ru = announcement_lines(catalog, demo(), call);
  ASSERT_EQ(ru.size(), 1u);  // a Russian ticket: once
  EXPECT_EQ(ru[0].language, Language::ru);
  EXPECT_EQ(ru[0].text, "Талон А пятнадцать, Окно три.");

  call.language = Language::en;
  auto en = announcement_lines(catalog, demo(), call);
  ASSERT_EQ(en.size(), 2u);
  EXPECT_EQ(en[0].language, Language::ru);
  EXPECT_EQ(en[0].text, "Талон А пятнадцать, Окно три.");
  EXPECT_EQ(en[1].language, Language::en);
  EXPECT_EQ(en[1].text, "Ticket Eh fifteen, Desk three.");

  call.language = Language::kk;
  call.ticket = "B1000";
  call.desk = "1";
  auto kk = announcement_lines(catalog, demo(), call);
  ASSERT_EQ(kk.size(), 2u);
  EXPECT_EQ(kk[0].text, "Талон Бэ одна тысяча, Окно один.");
  EXPECT_EQ(kk[1].text, "Талон Бэ мың, бірінші терезе.");

  for (Language lang : kAllLanguages) {
    call.language = lang;
    auto lines = announcement_lines(catalog, demo(), call);
    ASSERT_EQ(lines.size(), lang == Language::ru ? 1u : 2u);
    EXPECT_EQ(lines.front().language, Language::ru);
    EXPECT_EQ(lines.back().language, lang);
    for (const auto& l : lines) {
      EXPECT_EQ(l.text.find_first_of("{}0123456789"), std::string::npos) << l.text;
    }
  }
}

TEST(BoardWords, ARecallSaysSoWithItsCount) {
  const auto& catalog = test_data::catalog();
  CallEvent call{8, "A015", "3", "consultation", Language::en, 1, false};
  auto lines = announcement_lines(catalog, demo(), call);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "Талон А пятнадцать, Окно три, второй вызов.");
  EXPECT_EQ(lines[1].text, "Ticket Eh fifteen, Desk three, second call.");
  call.recalls = 2;
  call.language = Language::hy;
  lines = announcement_lines(catalog, demo(), call);
  EXPECT_EQ(lines[0].text, "Талон А пятнадцать, Окно три, третий вызов.");
  EXPECT_NE(lines[1].text.find("երրորդ"), std::string::npos) << lines[1].text;
}

TEST(BoardWords, TheShownCallNamesTheDeskInTheBoardsLanguage) {
  const auto& catalog = test_data::catalog();
  EXPECT_EQ(shown_call(catalog, demo(), Language::ru, "A015", "3"), "A015 → Окно 3");
  EXPECT_EQ(shown_call(catalog, demo(), Language::en, "A1000", "1"), "A1000 → Desk 1");
}

// --- The stream ------------------------------------------------------------------------------

TEST(BoardStream, SseFramesSurviveAnySplitCrLfAndComments) {
  const std::string stream =
      ": keep-alive\r\n\r\nid: 41\r\nevent: ticket.called\r\ndata: {\"number\":\"A015\"}\r\n\r\n"
      "id: 42\nevent: queue.changed\ndata: {\"services\":\ndata: []}\n\nretry: 10\n\n";
  for (std::size_t split = 0; split <= stream.size(); ++split) {
    SseParser p;
    auto frames = p.feed(std::string_view(stream).substr(0, split));
    auto rest = p.feed(std::string_view(stream).substr(split));
    frames.insert(frames.end(), rest.begin(), rest.end());
    ASSERT_EQ(frames.size(), 2u) << "split at " << split;
    EXPECT_EQ(frames[0].id, "41");
    EXPECT_EQ(frames[0].event, "ticket.called");
    EXPECT_EQ(frames[0].data, "{\"number\":\"A015\"}");
    EXPECT_EQ(frames[1].data, "{\"services\":\n[]}");
    auto e = parse_event(frames[1]);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->id, 42);
    EXPECT_TRUE(e->data["services"].is_array());
  }
}

TEST(BoardStream, FramesWithoutANumericIdOrJsonObjectAreRefused) {
  EXPECT_FALSE(parse_event({"", "ticket.called", "{}"}).has_value());
  EXPECT_FALSE(parse_event({"x1", "ticket.called", "{}"}).has_value());
  EXPECT_FALSE(parse_event({"1", "ticket.called", "[1]"}).has_value());
  EXPECT_FALSE(parse_event({"1", "ticket.called", "{"}).has_value());
  EXPECT_TRUE(parse_event({"1", "ticket.called", "{}"}).has_value());
}

TEST(BoardStream, QueueSnapshotIsReadAndBadShapesRefused) {
  auto doc = nlohmann::json::parse(R"({"office":"demo",
    "services":[{"service":"passport","waiting":4,"estimated_wait_min":30,"daily_cap_reached":false}],
    "desks":[{"desk":"1","paused":true,"current":null},{"desk":"2","paused":false,"current":"A007"}]})");
  auto s = parse_queue_snapshot(doc);
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->services.size(), 1u);
  EXPECT_EQ(s->services[0].estimated_wait_min, 30);
  ASSERT_EQ(s->desks.size(), 2u);
  EXPECT_TRUE(s->desks[0].paused);
  EXPECT_EQ(s->desks[0].current, "");
  EXPECT_EQ(s->desks[1].current, "A007");
  EXPECT_FALSE(parse_queue_snapshot(nlohmann::json::array()).has_value());
  EXPECT_FALSE(parse_queue_snapshot(nlohmann::json{{"services", 1}}).has_value());
}

// --- The state -------------------------------------------------------------------------------

TEST(BoardState, R_VISIT_10_NewestFirstEachTicketOnceTheListCutAndTheNewestFlashing) {
  BoardConfig config;
  config.recent = 2;
  BoardState s;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  auto a = apply_event(s, config, demo(), called(1, "A001", "1"), t0);
  EXPECT_TRUE(a.changed);
  ASSERT_TRUE(a.called);
  EXPECT_EQ(a.called->ticket, "A001");
  apply_event(s, config, demo(), called(2, "A002", "2"), t0 + 1s);
  apply_event(s, config, demo(), called(3, "B001", "3"), t0 + 2s);
  apply_event(s, config, demo(), called(4, "A003", "1"), t0 + 3s);
  EXPECT_EQ(tickets(s), (std::vector<std::string>{"A003@1", "B001@3", "A002@2"}));
  EXPECT_TRUE(flashing(s, t0 + 3s + 9s));
  EXPECT_FALSE(flashing(s, t0 + 3s + 10s));
  // The flash blinks: bright and dark phases alternate.
  bool bright = false, dark = false;
  for (int ms = 0; ms < 2000; ms += 100) {
    (flash_bright(s, t0 + 3s + Millis{ms}) ? bright : dark) = true;
  }
  EXPECT_TRUE(bright && dark);
  // A recall moves the ticket to the top, once, with its count.
  auto r = apply_event(s, config, demo(),
                       event(5, "ticket.recalled",
                             {{"number", "A002"},
                              {"desk", "2"},
                              {"service", "passport"},
                              {"language", "hy"},
                              {"recalls", 1}}),
                       t0 + 4s);
  ASSERT_TRUE(r.called);
  EXPECT_EQ(r.called->recalls, 1);
  EXPECT_EQ(r.called->language, Language::hy);
  EXPECT_EQ(tickets(s), (std::vector<std::string>{"A002@2", "A003@1", "B001@3"}));
  EXPECT_EQ(s.calls.front().recalls, 1);
  // Finished, no-show, held, transferred, cancelled: still on the board (a visitor who missed
  // the call finds it), marked as having left.
  auto left = apply_event(s, config, demo(),
                          event(6, "ticket.left", {{"number", "A003"}, {"desk", "1"}}), t0 + 5s);
  EXPECT_TRUE(left.changed);
  EXPECT_FALSE(left.called);
  EXPECT_EQ(tickets(s), (std::vector<std::string>{"A002@2", "A003@1", "B001@3"}));
  EXPECT_TRUE(s.calls[1].left);
  EXPECT_FALSE(s.calls[0].left);
  EXPECT_EQ(state_json(s)["calls"][1]["left"], true);
  EXPECT_EQ(s.last_event_id, 6);
}

TEST(BoardState, AReplayAfterAReconnectShowsAndAnnouncesNothingTwice) {
  BoardConfig config;
  BoardState s;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  int announced = 0;
  for (int id = 1; id <= 5; ++id) {
    if (apply_event(s, config, demo(), called(id, "A00" + std::to_string(id), "1"), t0).called)
      ++announced;
  }
  link_down(s, t0 + 1s);
  // The server replays from Last-Event-ID = 3 (a lost acknowledgement, say): 4 and 5 again.
  for (int id = 4; id <= 7; ++id) {
    if (apply_event(s, config, demo(), called(id, "A00" + std::to_string(id), "1"), t0 + 2s).called)
      ++announced;
  }
  EXPECT_EQ(announced, 7);
  EXPECT_EQ(s.calls.size(), 7u);
  EXPECT_EQ(s.last_event_id, 7);
}

TEST(BoardState, AZoneBoardShowsOnlyItsDesksAndTheirServices) {
  BoardConfig config;
  config.desks = {"3"};  // consultation only
  BoardState s;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  EXPECT_FALSE(apply_event(s, config, demo(), called(1, "A001", "1"), t0).called);
  EXPECT_TRUE(apply_event(s, config, demo(), called(2, "B001", "3"), t0).called);
  EXPECT_EQ(s.last_event_id, 2);  // the other desk's event still counts as seen
  EXPECT_EQ(tickets(s), (std::vector<std::string>{"B001@3"}));
  auto q = apply_event(s, config, demo(),
                       event(3, "queue.changed",
                             {{"services",
                               {{{"service", "passport"}, {"waiting", 5}},
                                {{"service", "consultation"}, {"waiting", 2}}}}}),
                       t0);
  EXPECT_TRUE(q.reload);  // the estimates come with GET …/queue
  ASSERT_EQ(s.services.size(), 1u);
  EXPECT_EQ(s.services[0].service, "consultation");
  EXPECT_EQ(s.services[0].waiting, 2);
  EXPECT_FALSE(
      apply_event(s, config, demo(), event(4, "desk.paused", {{"desk", "1"}}), t0).changed);
  EXPECT_TRUE(apply_event(s, config, demo(), event(5, "desk.paused", {{"desk", "3"}}), t0).changed);
  EXPECT_TRUE(s.paused_desks.contains("3"));
  apply_event(s, config, demo(), event(6, "desk.resumed", {{"desk", "3"}}), t0);
  EXPECT_TRUE(s.paused_desks.empty());
  EXPECT_TRUE(in_zone(BoardConfig{}, "anything"));
}

TEST(BoardState, ResetClearsTheCallsTakesTheServersIdAndAsksForAReload) {
  BoardConfig config;
  BoardState s;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  apply_event(s, config, demo(), called(500, "A001", "1"), t0);
  // Another database (a restored backup): its latest is below ours.
  auto r = apply_event(s, config, demo(),
                       event(20, "reset", {{"latest", 20}, {"reason", "unknown"}}), t0);
  EXPECT_TRUE(r.reload);
  EXPECT_TRUE(s.calls.empty());
  EXPECT_EQ(s.last_event_id, 20);
  EXPECT_TRUE(apply_event(s, config, demo(), called(21, "A002", "2"), t0).called);
}

TEST(BoardState, TheSnapshotGivesWaitsPausedDesksAndCallsMadeBeforeTheBoardKnew) {
  BoardConfig config;
  BoardState s;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  apply_event(s, config, demo(), called(9, "A009", "1"), t0);
  QueueSnapshot snap;
  snap.services = {{"consultation", 3, 40}, {"passport", 2, 15}};
  snap.desks = {{"1", false, "A009"}, {"2", true, "A004"}, {"3", false, ""}};
  apply_snapshot(s, config, demo(), snap, t0 + 1s);
  ASSERT_EQ(s.services.size(), 2u);
  EXPECT_EQ(s.services[0].service, "passport");  // the office's order
  EXPECT_EQ(s.services[0].estimated_wait_min, 15);
  EXPECT_EQ(s.services[1].estimated_wait_min, 40);
  EXPECT_EQ(tickets(s), (std::vector<std::string>{"A009@1", "A004@2"}));
  EXPECT_EQ(s.calls[1].event_id, 0);  // never announced
  EXPECT_TRUE(s.paused_desks.contains("2"));
  EXPECT_FALSE(s.reload_wanted);
}

TEST(BoardState, TheLinkSaysReconnectingSinceTheBreakAndBacksOff) {
  BoardState s;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  EXPECT_EQ(s.link, Link::connecting);
  link_down(s, t0);  // the first attempt failed: still "connecting", nothing was live
  EXPECT_EQ(s.link, Link::connecting);
  link_up(s, t0 + 1s);
  EXPECT_EQ(s.link, Link::live);
  EXPECT_EQ(s.failures, 0);
  link_down(s, t0 + 10s);
  link_down(s, t0 + 11s);
  link_down(s, t0 + 12s);
  EXPECT_EQ(s.link, Link::reconnecting);
  EXPECT_EQ(s.link_since, t0 + 10s);  // since the break, not the last attempt
  EXPECT_EQ(s.failures, 3);
  EXPECT_EQ(state_json(s)["link"], "reconnecting");
  EXPECT_EQ(state_json(s)["since"], "2026-12-01T07:00:10.000Z");
  std::vector<long long> delays;
  for (int f = 1; f <= 8; ++f) delays.push_back(reconnect_delay(f).count());
  EXPECT_EQ(delays, (std::vector<long long>{250, 500, 1000, 2000, 4000, 5000, 5000, 5000}));
  link_up(s, t0 + 13s);
  EXPECT_EQ(s.link, Link::live);
  EXPECT_EQ(s.link_since, t0 + 13s);
}

// --- Notices and announcements ---------------------------------------------------------------

TEST(BoardNotices, R_VISIT_11_NoticesAreReadAndShownInTheSixLanguagesInTurn) {
  auto notices = parse_notices_toml(R"(
[[notice]]
ru = "Касса не работает"
en = "The cash desk is closed"
[[notice]]
office = "demo"
ru = "Лифт на ремонте"
)",
                                    "notices.toml");
  ASSERT_TRUE(notices.has_value()) << notices.error().detail;
  ASSERT_EQ(notices->size(), 2u);
  EXPECT_EQ((*notices)[0].text.get(Language::en), "The cash desk is closed");
  EXPECT_EQ((*notices)[1].office, "demo");
  EXPECT_EQ((*notices)[1].text.get(Language::kk), "Лифт на ремонте");  // falls back to Russian
  EXPECT_FALSE(parse_notices_toml("[[notice]]\nen = \"x\"\n", "n").has_value());
  EXPECT_FALSE(parse_notices_toml("[[notice]]\nru = \"x\"\nfr = \"y\"\n", "n").has_value());
  EXPECT_FALSE(parse_notices_toml("[[notice]\n", "n").has_value());
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  std::vector<Language> seen;
  for (int i = 0; i < 6; ++i) seen.push_back(notice_language(t0 + Millis{8'000 * i}));
  std::ranges::sort(seen);
  EXPECT_EQ(seen, std::vector<Language>(kAllLanguages.begin(), kAllLanguages.end()));
}

TEST(BoardAnnouncements, QuietHoursInTheOfficesZoneAndScreenOnly) {
  BoardConfig config;
  config.quiet = {{22h, 7h}};  // over midnight, Moscow time
  EXPECT_FALSE(speaks_at(config, demo(), at("2026-12-01T20:30:00Z")));  // 23:30 MSK
  EXPECT_FALSE(speaks_at(config, demo(), at("2026-12-02T03:59:00Z")));  // 06:59 MSK
  EXPECT_TRUE(speaks_at(config, demo(), at("2026-12-02T04:00:00Z")));   // 07:00 MSK
  EXPECT_TRUE(speaks_at(config, demo(), at("2026-12-01T18:59:00Z")));   // 21:59 MSK
  config.screen_only = true;
  EXPECT_FALSE(speaks_at(config, demo(), at("2026-12-02T09:00:00Z")));
}

// R-VISIT-10: the quiet hours of okno-kiosk --board --quiet and of the web board's ?quiet=.
TEST(BoardAnnouncements, QuietRangesParseOverMidnightAndRefuseTheRest) {
  ASSERT_TRUE(parse_quiet_range("22:00-07:00"));
  EXPECT_EQ(parse_quiet_range("22:00-07:00")->begin, 22h);
  EXPECT_EQ(parse_quiet_range("22:00-07:00")->end, 7h);
  EXPECT_EQ(parse_quiet_range("13:00-13:45")->end, 13h + 45min);
  for (const char* bad : {"", "22:00", "22:00-22:00", "24:00-07:00", "7:00-08:00", "22:00-07:60",
                          "22:00_07:00", "aa:bb-cc:dd", "22:00-07:00-08:00", "-1:00-07:00"})
    EXPECT_FALSE(parse_quiet_range(bad)) << bad;
}

TEST(BoardAnnouncements, ABurstOfTenCallsWithinASecondComesOutWholeInOrderOneAtATime) {
  const auto& catalog = test_data::catalog();
  BoardConfig config;
  BoardState s;
  AnnouncementQueue q;
  const TimePoint t0 = at("2026-12-01T07:00:00Z");
  const char* langs[] = {"ru", "en", "hy", "be", "kk", "ky"};
  for (int i = 0; i < 10; ++i) {
    const std::string ticket = "A" + std::to_string(100 + i);
    auto applied = apply_event(s, config, demo(), called(i + 1, ticket, "2", langs[i % 6]),
                               t0 + Millis{100 * i});
    ASSERT_TRUE(applied.called);
    q.push(make_announcement(catalog, demo(), *applied.called));
  }
  std::vector<std::string> played;
  auto first = q.start_next();
  ASSERT_TRUE(first);
  EXPECT_FALSE(q.start_next());  // one at a time: the next waits for this one to end
  played.push_back(first->ticket);
  q.finished();
  while (auto a = q.start_next()) {
    EXPECT_EQ(a->lines.front().language, Language::ru);
    played.push_back(a->ticket);
    q.finished();
  }
  ASSERT_EQ(played.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(played[i], "A" + std::to_string(100 + i));
  EXPECT_EQ(q.waiting(), 0u);
  EXPECT_FALSE(q.playing());
}

}  // namespace
}  // namespace okno::board
