// okno-outbox-bench (issue 3): how fast the dispatcher empties a full outbox into a loopback SMTP
// server (Debian's python3-aiosmtpd, tests/support/smtp_sink.py), and how long finding the due
// messages takes with 10 thousand versus 1 million bookings in the file. Not a test: it prints
// the numbers next to the target (1,000 e-mails per second) and says FAIL plainly.
//
//   okno-outbox-bench [--messages 100000] [--workers 4] [--small 10000] [--big 1000000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/notifications.hpp"
#include "okno/office.hpp"
#include "okno/server/notify/notify_dispatcher.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"
#include "okno/server/storage/sqlite/sqlite_outbox.hpp"
#include "okno/server/storage/sqlite/sqlite_store.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"
#include "process/child_process.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;
namespace fs = std::filesystem;

const okno::Seconds kNow = *okno::parse_iso_instant("2026-11-30T06:00:00Z");

double seconds_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

// The loopback SMTP server in counting mode (it still parses every message, stores none).
struct Sink {
  // The sink writes its count when it stops: give it time.
  okno::testing::ChildProcess process{std::chrono::seconds(60)};
  int port = 0;
  fs::path dir;
  bool start(const fs::path& folder) {
    dir = folder;
    port = okno::testing::free_port();
    const std::string script = OKNO_SOURCE_ROOT "/tests/support/smtp_sink.py";
    const std::string line =
        process.start({"/usr/bin/python3", script, "--port", std::to_string(port), "--dir",
                       folder.string(), "--count-only"});
    return line.rfind("ready", 0) == 0;
  }
  long stop_and_count() {
    process.stop();
    std::ifstream in(dir / "count");
    long n = 0;
    in >> n;
    return n;
  }
};

void must(const okno::Result<void>& r, const char* what) {
  if (!r) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().detail.c_str());
    std::exit(1);
  }
}

// Fills a fresh database: `bookings` bookings, each with one sent confirmation and one reminder
// pending in the future; `due` of them also have a reminder due now. The due message carries
// the real composed text, or, with `envelope_only`, no text at all, as the server writes it
// (the dispatcher composes the words from the booking when it sends).
void fill(const fs::path& db, long bookings, long due, const okno::OutboxMessage& sample,
          bool envelope_only = false) {
  auto store = okno::SqliteBookingStore::open(db.string());
  if (!store) {
    std::fprintf(stderr, "store: %s\n", store.error().detail.c_str());
    std::exit(1);
  }
  (*store).reset();  // only the migrations were needed; the rows go in below, in bulk
  auto conn = okno::sqlite::Connection::open(db.string());
  if (!conn) std::exit(1);
  must(conn->exec("PRAGMA foreign_keys=OFF; BEGIN"), "begin");
  const std::int64_t now = kNow.time_since_epoch().count();
  for (long i = 0; i < bookings; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "B%09ld", i);
    {
      auto st = conn->prepare(
          "INSERT INTO bookings (code, office, service, start_utc, end_utc, status, channel, "
          "client_name, client_email, notify_extra, reminders, language, needs, consent_version, "
          "consent_at, created_at, updated_at, version) VALUES (?1, 'demo', 'passport', ?2, ?3, "
          "'booked', 'web', 'N', 'n@example.org', 'email', '24h,2h', 'ru', '', 'pd', ?4, ?4, ?4, "
          "1)");
      const std::int64_t start = now + 86400 * 3 + (i % 5000) * 900;
      st->bind(1, std::string_view(code)).bind(2, start).bind(3, start + 900).bind(4, now);
      must(st->run(), "insert booking");
    }
    // History rows carry a short text (their size does not matter to the index lookups, and a
    // million real texts would need gigabytes); the due ones carry the real one.
    auto add = [&](const char* suffix, const char* kind, const char* status, std::int64_t at,
                   bool real_text) {
      auto st = conn->prepare(
          "INSERT INTO outbox (id, booking_code, kind, channel, recipient, language, subject, "
          "body, ics, created_at, due_at, expires_at, status, attempts, next_attempt_at) VALUES "
          "(?1, ?2, ?3, 'email', ?4, 'ru', ?5, ?6, NULL, ?7, ?8, ?9, ?10, 0, ?8)");
      const std::string id = std::string(code) + suffix;
      st->bind(1, id).bind(2, std::string_view(code)).bind(3, std::string_view(kind));
      st->bind(4, "client" + std::to_string(i) + "@example.org");
      const bool envelope = envelope_only && std::string_view(kind) == "reminder_24h";
      st->bind(
          5, real_text ? std::string_view(sample.subject) : std::string_view(envelope ? "" : "s"));
      st->bind(6, real_text ? std::string_view(sample.body) : std::string_view(envelope ? "" : "b"))
          .bind(7, now - 86400)
          .bind(8, at)
          .bind(9, at + 86400 * 10);
      st->bind(10, std::string_view(status));
      must(st->run(), "insert outbox");
    };
    add("-c", "confirmation", "sent", now - 86400, false);
    add("-f", "reminder_2h", "pending", now + 86400 * 2, false);
    if (i < due) add("-d", "reminder_24h", "pending", now - (i % 600), !envelope_only);
  }
  must(conn->exec("COMMIT; PRAGMA foreign_keys=ON"), "commit");
}

// Median time of `due(now, 64)` over many runs, in microseconds.
double due_query_us(const fs::path& db) {
  auto outbox = okno::SqliteOutbox::open(db.string());
  if (!outbox) std::exit(1);
  std::vector<double> us;
  for (int i = 0; i < 2000; ++i) {
    const auto t0 = SteadyClock::now();
    auto due = (*outbox)->due(kNow, 64);
    us.push_back(seconds_since(t0) * 1e6);
    if (!due || due->size() != 64) {
      std::fprintf(stderr, "due query returned %zu\n", due ? due->size() : 0);
      std::exit(1);
    }
  }
  std::sort(us.begin(), us.end());
  return us[us.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  long messages = 100000, small = 10000, big = 1000000;
  int workers = 4;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const long v = std::atol(argv[i + 1]);
    if (a == "--messages") messages = v;
    if (a == "--workers") workers = static_cast<int>(v);
    if (a == "--small") small = v;
    if (a == "--big") big = v;
  }
  char tmpl[] = "/tmp/okno-outbox-bench-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  const fs::path dir = tmpl;

  // One real composed reminder (Russian, with directions and link) as the template text.
  auto offices = okno::load_offices_file(OKNO_SOURCE_ROOT "/assets/offices/demo.toml");
  auto catalog = okno::Catalog::load_directory(OKNO_SOURCE_ROOT "/locales");
  if (!offices || !catalog) return 1;
  okno::NotificationComposer composer(*offices, *catalog, {}, {});
  okno::Booking b;
  b.code = "ABCDE-FGHJK";
  b.request.office_id = "demo";
  b.request.service_id = "passport";
  b.request.start = kNow + std::chrono::hours{24};
  b.request.client.email = "client@example.org";
  b.request.notify.extra = {okno::NotifyChannel::email};
  auto composed = composer.compose(b, okno::MessageKind::reminder_24h, kNow, kNow);
  if (composed.empty()) return 1;
  const okno::OutboxMessage sample = composed.front();

  std::printf("okno-outbox-bench: %ld due reminders, %d workers, loopback aiosmtpd\n", messages,
              workers);
  // 1. Dispatch throughput.
  {
    const fs::path db = dir / "dispatch.db";
    auto t0 = SteadyClock::now();
    fill(db, messages, messages, sample, /*envelope_only=*/true);
    std::printf("  filled %ld bookings + %ld due messages in %.1f s\n", messages, messages,
                seconds_since(t0));
    Sink sink;
    if (!sink.start(dir / "mail")) {
      std::fprintf(stderr, "SMTP sink did not start\n");
      return 1;
    }
    auto outbox = okno::SqliteOutbox::open(db.string());
    if (!outbox) return 1;
    okno::ManualClock clock(kNow);
    okno::NotifyConfig config;
    config.enabled = true;
    config.workers = workers;
    config.batch = 512;
    config.email.url = "smtp://127.0.0.1:" + std::to_string(sink.port);
    config.email.from = "okno@agency.test";
    // As in the server: each message's words are composed from its booking just before sending.
    auto bookings = okno::SqliteBookingStore::open(db.string());
    if (!bookings) return 1;
    okno::TextFiller fill_texts = [&composer, store = bookings->get()](okno::OutboxMessage& m,
                                                                       okno::Seconds now) {
      auto booking = store->find(m.booking_code);
      return booking && composer.fill_texts(m, *booking, now);
    };
    okno::Dispatcher dispatcher(**outbox, clock, config, okno::channels_from_config(config),
                                fill_texts);
    t0 = SteadyClock::now();
    size_t sent = 0;
    while (size_t n = dispatcher.run_once()) sent += n;
    const double elapsed = seconds_since(t0);
    const long received = sink.stop_and_count();
    auto failed = (*outbox)->list(okno::OutboxStatus::failed, "", 10);
    const double rate = static_cast<double>(received) / elapsed;
    std::printf(
        "  dispatched %zu in %.2f s: %.0f e-mails/s (received %ld, failed %zu)  "
        "target >= 1000/s: %s\n",
        sent, elapsed, rate, received, failed ? failed->size() : 0,
        rate >= 1000 && received == messages ? "ok" : "FAIL");
  }
  // 2. Finding due messages: 10k vs 1M bookings (each with history and a future reminder).
  for (long n : {small, big}) {
    const fs::path db = dir / ("due-" + std::to_string(n) + ".db");
    auto t0 = SteadyClock::now();
    fill(db, n, std::min(n, 1000L), sample);
    const double fill_s = seconds_since(t0);
    std::printf(
        "  %8ld bookings (%ld outbox rows, filled in %.1f s): due(now, 64) median "
        "%.1f us\n",
        n, n * 2 + std::min(n, 1000L), fill_s, due_query_us(db));
    fs::remove(db);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
