// The web board's speech (issue 11, must-show 3 — the audio route; R-VISIT-10, R-VISIT-11):
// against a real okno-server on a real SQLite file, a call of a ticket in each of the six
// languages is served by GET /api/v1/offices/{office}/announcements/{event_id}.wav as a valid WAV
// — the project's chime exactly, then the Russian line, then the visitor's language — the same
// audio core's render_announcement makes for board::announcement_lines (what the native board
// plays), compared by length and loudness envelope. Bad ids are 422 invalid_value, an unknown event
// a 404, and every rendering is one JSON line in the server's announce log.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>

#include "okno/board.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/source_root.hpp"
#include "okno/speech.hpp"
#include "queue_sse_client.hpp"
#include "test_server.hpp"

using nlohmann::json;
using okno::Language;
using okno::testing::HttpClient;
using okno::testing::ServerProcess;
using okno::testing::ServerProcessOptions;
using okno::testing::SseClient;
using okno::testing::TempQueueConfig;

namespace {

constexpr const char* kToken = "announce-staff-token";
const std::vector<std::string> kStaff = {std::string("Authorization: Bearer ") + kToken,
                                         "X-Staff-Actor: reception.anna"};

// A WAV file read back by its header (RIFF/WAVE, fmt, data), as a player would.
struct Wav {
  int format = 0, channels = 0, rate = 0, bits = 0;
  std::vector<std::int16_t> samples;
};
std::optional<Wav> parse_wav(const std::string& b) {
  auto u16 = [&](std::size_t at) {
    return static_cast<int>(static_cast<unsigned char>(b[at]) |
                            static_cast<unsigned char>(b[at + 1]) << 8);
  };
  auto u32 = [&](std::size_t at) {
    return static_cast<std::uint32_t>(u16(at)) | static_cast<std::uint32_t>(u16(at + 2)) << 16;
  };
  if (b.size() < 44 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WAVE") != 0) return {};
  if (u32(4) != b.size() - 8) return {};
  Wav w;
  std::size_t at = 12;
  bool fmt = false;
  while (at + 8 <= b.size()) {
    const std::string id = b.substr(at, 4);
    const std::uint32_t size = u32(at + 4);
    if (at + 8 + size > b.size()) return {};
    if (id == "fmt ") {
      w.format = u16(at + 8);
      w.channels = u16(at + 10);
      w.rate = static_cast<int>(u32(at + 12));
      w.bits = u16(at + 22);
      fmt = true;
    } else if (id == "data" && fmt) {
      w.samples.resize(size / 2);
      std::memcpy(w.samples.data(), b.data() + at + 8, size / 2 * 2);
      return w;
    }
    at += 8 + size;
  }
  return {};
}

double rms(const std::int16_t* s, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += double(s[i]) * s[i];
  return n ? std::sqrt(sum / double(n)) : 0.0;
}

// Loudness per 20 ms, for comparing two renderings of the same words (espeak-ng is not
// bit-exact from one call to the next, but its envelope is).
std::vector<double> envelope(const std::int16_t* s, std::size_t n, int rate) {
  const std::size_t frame = static_cast<std::size_t>(rate / 50);
  std::vector<double> out;
  for (std::size_t i = 0; i + frame <= n; i += frame) out.push_back(rms(s + i, frame));
  return out;
}
double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n < 2) return 0;
  const double ma = std::accumulate(a.begin(), a.begin() + n, 0.0) / double(n);
  const double mb = std::accumulate(b.begin(), b.begin() + n, 0.0) / double(n);
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) * (a[i] - ma);
    bb += (b[i] - mb) * (b[i] - mb);
  }
  return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0;
}

class Announcements : public ::testing::Test {
 protected:
  TempQueueConfig config{kToken};
  std::filesystem::path log_file;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;
  okno::Catalog catalog;
  okno::OfficeDirectory offices;

  void SetUp() override {
    log_file = config.dir / "announce.log";
    ServerProcessOptions o;
    o.extra_args = {"--queue-config", config.file.string(), "--announce-log", log_file.string()};
    server = std::make_unique<ServerProcess>(o);
    ASSERT_TRUE(server->started());
    client = std::make_unique<HttpClient>(server->base_url(),
                                          std::vector<std::string>{server->kiosk_header()});
    auto c = okno::Catalog::load_directory(std::filesystem::path(OKNO_SOURCE_ROOT) / "locales");
    ASSERT_TRUE(c.has_value());
    catalog = std::move(*c);
    auto o2 = okno::load_offices_file(std::filesystem::path(OKNO_SOURCE_ROOT) /
                                      "assets/offices/demo.toml");
    ASSERT_TRUE(o2.has_value());
    offices = std::move(*o2);
  }

  // A ticket in `lang` called to desk 1 (then served, so the desk is free for the next):
  // the ticket.called event.
  okno::testing::SseEvent call(Language lang) {
    SseClient events(server->base_url() + "/api/v1/offices/demo/events");
    EXPECT_TRUE(events.connected());
    auto t =
        client->post("/api/v1/offices/demo/tickets",
                     json{{"service", "passport"}, {"language", okno::to_string(lang)}}.dump());
    EXPECT_EQ(t.status, 201) << t.body;
    EXPECT_EQ(client->post("/api/v1/offices/demo/desks/1/call-next", "", kStaff).status, 200);
    okno::testing::SseEvent called;
    for (std::size_t n = 1; n < 10 && called.id == 0; ++n) {
      for (const auto& e : events.wait_for(n)) {
        if (e.kind == "ticket.called" && json::parse(e.data)["number"] == t.json()["number"])
          called = e;
      }
    }
    EXPECT_GT(called.id, 0) << "no ticket.called for " << okno::to_string(lang);
    EXPECT_EQ(client->post("/api/v1/offices/demo/desks/1/start", "", kStaff).status, 200);
    EXPECT_EQ(client->post("/api/v1/offices/demo/desks/1/finish", "", kStaff).status, 200);
    return called;
  }
};

TEST_F(Announcements, R_VISIT_10_R_VISIT_11_EachLanguageIsServedAsTheBoardsAudioRussianFirst) {
  const okno::Office& office = *offices.find("demo");
  const okno::Pcm chime = okno::chime();
  for (Language lang : okno::kAllLanguages) {
    SCOPED_TRACE(std::string(okno::to_string(lang)));
    const auto event = call(lang);
    ASSERT_GT(event.id, 0);
    auto r = client->get("/api/v1/offices/demo/announcements/" + std::to_string(event.id) + ".wav");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"], "audio/wav");
    auto wav = parse_wav(r.body);
    ASSERT_TRUE(wav.has_value()) << "not a WAV file";
    EXPECT_EQ(wav->format, 1);  // PCM
    EXPECT_EQ(wav->channels, 1);
    EXPECT_EQ(wav->bits, 16);
    EXPECT_EQ(wav->rate, okno::kSpeechSampleRate);

    // What the native board says for the same call: Russian first, then the visitor's.
    const json data = json::parse(event.data);
    okno::board::CallEvent c;
    c.id = event.id;
    c.ticket = data["number"];
    c.desk = data["desk"];
    c.service = data["service"];
    c.language = lang;
    const auto lines = okno::board::announcement_lines(catalog, office, c);
    ASSERT_EQ(lines.size(), lang == Language::ru ? 1u : 2u);
    ASSERT_EQ(lines.front().language, Language::ru);
    ASSERT_EQ(lines.back().language, lang);
    std::vector<okno::Pcm> spoken;
    for (const auto& l : lines) {
      auto p = okno::synthesize(l.language, l.text);
      ASSERT_TRUE(p.has_value());
      spoken.push_back(std::move(*p));
    }

    // The chime, sample for sample, then the pause.
    const std::size_t nc = chime.samples.size();
    ASSERT_GT(wav->samples.size(), nc);
    EXPECT_TRUE(std::equal(chime.samples.begin(), chime.samples.end(), wav->samples.begin()))
        << "does not start with the chime";
    const auto gap1 = static_cast<std::size_t>(okno::kPauseAfterChime * wav->rate);
    const auto gap2 = static_cast<std::size_t>(okno::kPauseBetweenLines * wav->rate);
    EXPECT_EQ(rms(wav->samples.data() + nc, gap1), 0.0);
    // Plausible length: the chime, the pauses and the lines as synthesised here, within 2%.
    double expected = double(nc + gap1);
    for (std::size_t i = 0; i < spoken.size(); ++i)
      expected += double(spoken[i].samples.size()) + (i ? double(gap2) : 0.0);
    EXPECT_NEAR(double(wav->samples.size()), expected, 0.02 * expected);
    const double seconds = double(wav->samples.size()) / wav->rate;
    EXPECT_GT(seconds, 2.5);
    EXPECT_LT(seconds, 20.0);
    // Each line in its place sounds like the same words in the same voice: loud (not silence)
    // and its loudness envelope follows the local synthesis of that line.
    std::size_t at = nc + gap1;
    for (std::size_t i = 0; i < spoken.size(); ++i) {
      SCOPED_TRACE("line " + std::to_string(i) + " (" +
                   std::string(okno::to_string(lines[i].language)) + ")");
      if (i) at += gap2;
      const std::size_t n = std::min(spoken[i].samples.size(), wav->samples.size() - at);
      const std::int16_t* part = wav->samples.data() + at;
      EXPECT_GT(rms(part, n), 300.0) << "silent";
      const auto env = envelope(part, n, wav->rate);
      const double same =
          correlation(env, envelope(spoken[i].samples.data(), spoken[i].samples.size(), wav->rate));
      EXPECT_GT(same, 0.9);
      // Russian first: the first line is not the visitor's language's words, nor the reverse.
      if (spoken.size() == 2) {
        const auto& other = spoken[1 - i];
        EXPECT_GT(same, correlation(
                            env, envelope(other.samples.data(), other.samples.size(), wav->rate)) +
                            0.05);
      }
      at += spoken[i].samples.size();
    }
  }
  // One log line per rendering, no personal data: event, ticket, desk, languages in order.
  std::ifstream in(log_file);
  std::vector<json> logged;
  for (std::string line; std::getline(in, line);) logged.push_back(json::parse(line));
  ASSERT_EQ(logged.size(), 6u);
  EXPECT_EQ(logged[1]["languages"], json::array({"ru", "en"}));
  EXPECT_EQ(logged[1]["desk"], "1");
  for (const auto& l : logged) {
    EXPECT_TRUE(l.contains("event") && l.contains("ticket") && l.contains("rendered_at"));
    EXPECT_GT(l["audio_s"].get<double>(), 2.0);
  }
}

TEST_F(Announcements, SecondRequestIsTheSameAudioFromTheCacheAndRecallsAreSpoken) {
  const auto event = call(Language::hy);
  const std::string path =
      "/api/v1/offices/demo/announcements/" + std::to_string(event.id) + ".wav";
  auto first = client->get(path);
  auto again = client->get(path);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(first.body, again.body);  // the cache: espeak-ng would differ by a few samples
  EXPECT_NE(first.headers["cache-control"].find("max-age"), std::string::npos);
  std::ifstream in(log_file);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 1u) << "rendered once";
}

TEST_F(Announcements, BadIdsAreA422UnknownEventsAndOtherKindsA404) {
  auto status = [&](const std::string& tail) {
    return client->get("/api/v1/offices/demo/announcements/" + tail).status;
  };
  EXPECT_EQ(status("abc.wav"), 422);
  EXPECT_EQ(status("12"), 422);
  EXPECT_EQ(status("12.mp3"), 422);
  EXPECT_EQ(status("-3.wav"), 422);
  EXPECT_EQ(status("0.wav"), 422);
  EXPECT_EQ(status("1234567890123456789.wav"), 422);
  EXPECT_EQ(status(".wav"), 422);
  EXPECT_EQ(client->get("/api/v1/offices/demo/announcements/abc.wav").json()["error"]["code"],
            "invalid_value");
  EXPECT_EQ(status("999999.wav"), 404);
  auto r = client->get("/api/v1/offices/demo/announcements/999999.wav");
  EXPECT_EQ(r.json()["error"]["code"], "not_found");
  EXPECT_EQ(client->get("/api/v1/offices/nowhere/announcements/1.wav").status, 404);
  // A queue.changed event exists (the ticket below) but is no call: 404.
  SseClient events(server->base_url() + "/api/v1/offices/demo/events");
  ASSERT_TRUE(events.connected());
  ASSERT_EQ(client->post("/api/v1/offices/demo/tickets", R"({"service":"passport"})").status, 201);
  auto seen = events.wait_for(1);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen[0].kind, "queue.changed");
  EXPECT_EQ(status(std::to_string(seen[0].id) + ".wav"), 404);
}

}  // namespace
