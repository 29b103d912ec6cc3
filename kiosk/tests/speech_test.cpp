// Speech: each language's welcome text synthesised by espeak-ng to a WAV file, not silent, with
// a plausible duration (issue 5, must-show 4).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "harness.hpp"
#include "speech.hpp"

namespace okno::kiosk::testing {
namespace {

TEST(Speech, R_VISIT_10_WelcomeTextInEachLanguageSynthesisesToAudibleWav) {
  const auto& d = demo_data();
  const auto dir = std::filesystem::temp_directory_path() / "okno-kiosk-speech";
  std::filesystem::create_directories(dir);
  for (Language lang : kAllLanguages) {
    const std::string text = d.office->name.get(lang) + ". " +
                             d.catalog.text(lang, "kiosk.welcome.take_ticket") + ". " +
                             d.catalog.text(lang, "kiosk.welcome.checkin") + ".";
    auto pcm = synthesize(lang, text);
    ASSERT_TRUE(pcm.has_value()) << to_string(lang) << ": " << pcm.error().detail;
    const auto file = dir / (std::string(to_string(lang)) + ".wav");
    ASSERT_TRUE(write_wav(file.string(), *pcm).has_value());
    EXPECT_GT(std::filesystem::file_size(file), 44u + 22050u);
    // Plausible: a dozen words take a few seconds, not a blip and not a minute.
    EXPECT_GT(pcm->seconds(), 2.0) << to_string(lang);
    EXPECT_LT(pcm->seconds(), 30.0) << to_string(lang);
    double sum = 0;
    size_t loud = 0;
    for (auto s : pcm->samples) {
      sum += double(s) * s;
      if (std::abs(int(s)) > 1000) ++loud;
    }
    const double rms = std::sqrt(sum / double(pcm->samples.size()));
    EXPECT_GT(rms, 300.0) << to_string(lang) << " is (nearly) silent";
    EXPECT_GT(double(loud) / double(pcm->samples.size()), 0.05) << to_string(lang);
  }
}

TEST(Speech, EveryLanguageHasAnEspeakVoice) {
  for (Language lang : kAllLanguages) {
    auto pcm = synthesize(lang, "1 2 3");
    EXPECT_TRUE(pcm.has_value()) << to_string(lang);
  }
}

}  // namespace
}  // namespace okno::kiosk::testing
