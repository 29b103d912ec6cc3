// Core speech (issue 11, R-VISIT-10): espeak-ng synthesis is safe from several threads at once,
// the chime is the project's own sound and the committed assets/sounds/chime.wav is exactly the
// generator's output, and WAV bytes have the header a player expects.
#include "okno/speech.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "okno/source_root.hpp"

namespace okno {
namespace {

const std::filesystem::path kChimeFile = OKNO_SOURCE_ROOT "/assets/sounds/chime.wav";

double rms(const std::vector<std::int16_t>& samples) {
  double sum = 0;
  for (auto s : samples) sum += double(s) * s;
  return samples.empty() ? 0.0 : std::sqrt(sum / double(samples.size()));
}

std::uint32_t u32_at(const std::string& b, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

TEST(Speech, R_VISIT_10_ConcurrentSynthesisGivesTheSameAudioAsOneAtATime) {
  // okno-server renders announcements on its request threads: espeak-ng's global engine must
  // not mix two texts (one mutex). Eight threads, two voices, each result matches the serial
  // one. espeak-ng is not bit-exact from call to call (its voicing jitters by a few samples even
  // one call after another), so "matches" is: the same length within 1% and the same loudness.
  const std::string ru = "Талон А пятнадцать, окно три";
  const std::string en = "Ticket A fifteen, desk three";
  auto ru_alone = synthesize(Language::ru, ru);
  auto en_alone = synthesize(Language::en, en);
  ASSERT_TRUE(ru_alone && en_alone);
  ASSERT_GT(ru_alone->seconds(), 1.0);
  std::vector<Result<Pcm>> results(8, fail(ErrorCode::internal));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = i % 2 ? synthesize(Language::en, en) : synthesize(Language::ru, ru);
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].has_value()) << i;
    const Pcm& alone = *(i % 2 ? en_alone : ru_alone);
    const double length = double(results[i]->samples.size());
    EXPECT_NEAR(length, double(alone.samples.size()), 0.01 * length) << "thread " << i;
    EXPECT_NEAR(rms(results[i]->samples), rms(alone.samples), 0.05 * rms(alone.samples))
        << "thread " << i;
  }
}

TEST(Speech, ChimeIsTwoSoftTonesAboutASecondLong) {
  const Pcm c = chime();
  EXPECT_EQ(c.sample_rate, kSpeechSampleRate);
  EXPECT_GT(c.seconds(), 0.8);
  EXPECT_LT(c.seconds(), 2.0);
  const auto peak =
      std::abs(*std::max_element(c.samples.begin(), c.samples.end(),
                                 [](auto a, auto b) { return std::abs(a) < std::abs(b); }));
  EXPECT_GT(peak, 4000) << "audible";
  EXPECT_LT(peak, 16000) << "soft, below full scale";
  EXPECT_EQ(c.samples.front(), 0);  // starts and ends silent: no click
  EXPECT_LT(std::abs(c.samples.back()), 50);
  // Two tones: the first 0.3 s and 0.5 s later both carry sound.
  const auto at = [&](double s) {
    const auto i = static_cast<std::ptrdiff_t>(s * c.sample_rate);
    return rms({c.samples.begin() + i, c.samples.begin() + i + 2205});
  };
  EXPECT_GT(at(0.05), 1000);
  EXPECT_GT(at(0.45), 1000);
}

TEST(Speech, CommittedChimeFileIsTheGeneratorsOutput) {
  // Regenerate after changing chime(): OKNO_WRITE_CHIME=1 build/dev/tests/okno_unit_speech
  const std::string expected = wav_bytes(chime());
  if (std::getenv("OKNO_WRITE_CHIME")) {
    ASSERT_TRUE(write_wav(kChimeFile.string(), chime()));
  }
  std::ifstream f(kChimeFile, std::ios::binary);
  ASSERT_TRUE(f) << kChimeFile;
  const std::string committed{std::istreambuf_iterator<char>(f), {}};
  EXPECT_EQ(committed.size(), expected.size());
  EXPECT_TRUE(committed == expected) << kChimeFile << " differs from chime()";
}

TEST(Speech, R_VISIT_10_AnnouncementIsTheChimeThenEachLineAfterItsPause) {
  // What both boards play for a call (issue 11): the chime, a pause, the Russian line, a pause,
  // the visitor's language.
  const std::vector<SpokenText> lines = {{Language::ru, "Талон А пятнадцать, Окно три."},
                                         {Language::hy, "Տոմս Ա տասնհինգ, պատուհան երեք։"}};
  auto pcm = render_announcement(lines);
  ASSERT_TRUE(pcm.has_value()) << pcm.error().detail;
  const Pcm c = chime();
  ASSERT_GT(pcm->samples.size(), c.samples.size());
  EXPECT_TRUE(std::equal(c.samples.begin(), c.samples.end(), pcm->samples.begin()));
  const auto pause = static_cast<std::size_t>(kPauseAfterChime * kSpeechSampleRate);
  EXPECT_EQ(rms({pcm->samples.begin() + static_cast<std::ptrdiff_t>(c.samples.size()),
                 pcm->samples.begin() + static_cast<std::ptrdiff_t>(c.samples.size() + pause)}),
            0.0);
  auto ru = synthesize(Language::ru, lines[0].text);
  auto hy = synthesize(Language::hy, lines[1].text);
  ASSERT_TRUE(ru && hy);
  const double expected =
      double(c.samples.size() + pause + ru->samples.size() + hy->samples.size()) +
      kPauseBetweenLines * kSpeechSampleRate;
  EXPECT_NEAR(double(pcm->samples.size()), expected, 0.01 * expected);
  // The Russian line right after the pause: loud, as long as it is alone.
  const auto ru_at = pcm->samples.begin() + static_cast<std::ptrdiff_t>(c.samples.size() + pause);
  EXPECT_GT(rms({ru_at, ru_at + static_cast<std::ptrdiff_t>(ru->samples.size())}), 300.0);
  // No line: the chime alone.
  auto only = render_announcement({});
  ASSERT_TRUE(only.has_value());
  EXPECT_EQ(only->samples, c.samples);
}

TEST(Speech, WavBytesHaveARiffPcmMonoHeader) {
  Pcm pcm;
  pcm.samples = {0, 1000, -1000, 32767, -32768};
  const std::string b = wav_bytes(pcm);
  ASSERT_EQ(b.size(), 44u + 10u);
  EXPECT_EQ(b.substr(0, 4), "RIFF");
  EXPECT_EQ(u32_at(b, 4), 36u + 10u);
  EXPECT_EQ(b.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(u32_at(b, 24), 22050u);
  EXPECT_EQ(b.substr(36, 4), "data");
  EXPECT_EQ(u32_at(b, 40), 10u);
  std::int16_t back[5];
  std::memcpy(back, b.data() + 44, 10);
  EXPECT_EQ(back[3], 32767);
  EXPECT_EQ(back[4], -32768);
}

TEST(Speech, AppendPutsSilenceBetween) {
  Pcm a;
  a.samples = {1, 2};
  Pcm b;
  b.samples = {3};
  append(a, b, 2.0 / 22050);
  EXPECT_EQ(a.samples, (std::vector<std::int16_t>{1, 2, 0, 0, 3}));
}

}  // namespace
}  // namespace okno
