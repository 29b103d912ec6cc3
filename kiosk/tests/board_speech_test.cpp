// The board's announcement as sound (issue 11, must-show 3, the native part): for a visitor of
// each of the six languages, the chime, then the call in Russian, then in the visitor's
// language — each part found in its place in the rendered audio, each a plausible length and
// loudness (RMS), checked by analysis of the samples espeak-ng gave.
#include <gtest/gtest.h>

#include <cmath>

#include "board_player.hpp"
#include "harness.hpp"

namespace okno::kiosk::testing {
namespace {

double rms(const std::int16_t* s, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += double(s[i]) * s[i];
  return n ? std::sqrt(sum / double(n)) : 0;
}

TEST(BoardSpeech, R_VISIT_11_EachLanguageIsSpokenAfterTheChimeAndRussianPlausiblyLongAndLoud) {
  const auto& d = demo_data();
  const Pcm bell = chime();
  for (Language lang : kAllLanguages) {
    const std::string l(to_string(lang));
    board::CallEvent call{42, "A015", "3", "consultation", lang, 0, false};
    const board::Announcement a = board::make_announcement(d.catalog, *d.office, call);
    ASSERT_EQ(a.lines.size(), lang == Language::ru ? 1u : 2u) << l;
    ASSERT_EQ(a.lines.front().language, Language::ru) << l;
    ASSERT_EQ(a.lines.back().language, lang) << l;
    auto whole = announcement_audio(a);
    ASSERT_TRUE(whole.has_value()) << l << ": " << whole.error().detail;
    // The chime first, sample for sample (it is computed; espeak-ng's output varies by a few
    // samples from one synthesis to the next, so the spoken parts are found by their sound).
    ASSERT_GE(whole->samples.size(), bell.samples.size());
    EXPECT_TRUE(std::equal(bell.samples.begin(), bell.samples.end(), whole->samples.begin()))
        << l << ": no chime first";
    const int rate = whole->sample_rate;
    std::size_t expected = bell.samples.size() + std::size_t(kPauseAfterChime * rate);
    std::vector<std::size_t> starts;  // where each line should begin
    for (const auto& line : a.lines) {
      auto part = synthesize(line.language, line.text);
      ASSERT_TRUE(part.has_value()) << l;
      // A call of a few words: more than a second, less than ten, and not silent.
      EXPECT_GT(part->seconds(), 1.0) << l << ": " << line.text;
      EXPECT_LT(part->seconds(), 10.0) << l << ": " << line.text;
      EXPECT_GT(rms(part->samples.data(), part->samples.size()), 300.0)
          << l << ": (nearly) silent: " << line.text;
      if (!starts.empty()) expected += std::size_t(kPauseBetweenLines * rate);
      starts.push_back(expected);
      expected += part->samples.size();
    }
    EXPECT_NEAR(double(whole->samples.size()), double(expected), 0.02 * double(expected)) << l;
    // Each line begins where it should: silence just before (the pause), speech just after.
    const std::size_t w = std::size_t(0.1 * rate);
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::size_t at = std::min(starts[k], whole->samples.size() - 4 * w);
      EXPECT_LT(rms(whole->samples.data() + at - 2 * w, w), 50.0)
          << l << ": no pause before line " << k;
      EXPECT_GT(rms(whole->samples.data() + at, 4 * w), 300.0)
          << l << ": no speech at the start of line " << k;
    }
    EXPECT_GT(whole->seconds(), lang == Language::ru ? 2.5 : 4.0) << l;
    EXPECT_LT(whole->seconds(), 25.0) << l;
  }
}

TEST(BoardSpeech, TheAnnounceLogLineNamesTheCallTheLanguagesInOrderAndTheTimes) {
  PlayedAnnouncement p;
  p.announcement.event_id = 7;
  p.announcement.ticket = "A015";
  p.announcement.desk = "3";
  p.announcement.lines = {{Language::ru, "Талон"}, {Language::hy, "Կտրոն"}};
  p.start = board::TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}} +
            std::chrono::milliseconds{1500};
  p.end = p.start + std::chrono::milliseconds{4250};
  const auto line = nlohmann::json::parse(announce_log_line(p));
  EXPECT_EQ(line["event_id"], 7);
  EXPECT_EQ(line["ticket"], "A015");
  EXPECT_EQ(line["desk"], "3");
  EXPECT_EQ(line["languages"], nlohmann::json({"ru", "hy"}));
  EXPECT_EQ(line["start"], "2026-12-01T00:00:01.500Z");
  EXPECT_EQ(line["end"], "2026-12-01T00:00:05.750Z");
}

}  // namespace
}  // namespace okno::kiosk::testing
