// okno-bench: one run measures the raw SQLite commit limit, end-to-end bookings over loopback
// (libcurl, 1/16/64 keep-alive clients against a real okno-server process), the 30-day
// free-slot query in-process and over HTTP, and prints them next to the targets of issue 2.
// Not a test: it exits 0 on a missed target, but says FAIL plainly.
#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "latency.hpp"
#include "limits_off.hpp"
#include "okno/booking_service.hpp"
#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/server/app.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"
#include "okno/server/storage/sqlite/sqlite_store.hpp"
#include "okno/slots.hpp"
#include "okno/source_root.hpp"
#include "process/http_client.hpp"
#include "process/server_process.hpp"
#include "raw_sqlite.hpp"

namespace {

using nlohmann::json;
using okno::bench::Latency;  // milliseconds, nearest-rank percentiles
using okno::bench::ms_since;
using okno::bench::raw_sqlite;
using okno::bench::RawResult;
using okno::bench::SteadyClock;
using okno::bench::summarize;
using okno::testing::booking_body;
using okno::testing::KeepAliveClient;

constexpr const char* kFakeNow = "2026-11-30T06:00:00Z";  // Monday 09:00 in Moscow

// The offered slots (start, free places) of a service on [from, to].
std::vector<std::pair<std::string, int>> offered(KeepAliveClient& http, const std::string& office,
                                                 const std::string& service,
                                                 const std::string& from, const std::string& to) {
  const long status = http.get("/api/v1/offices/" + office + "/slots?service=" + service +
                               "&from=" + from + "&to=" + to);
  if (status != 200) throw std::runtime_error("slots query failed: " + http.body());
  std::vector<std::pair<std::string, int>> out;
  const json doc = json::parse(http.body());  // a named object: the loop must not dangle
  for (const auto& s : doc.at("slots")) {
    out.emplace_back(s.at("start").get<std::string>(), s.at("free").get<int>());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. Booking load: N threads, each with its own keep-alive handle, POST bookings for a fixed
// time. Booking i takes a place in slot i mod S, so concurrent requests hit different slots and
// every request has a free place (a 409 would be counted as an error).

struct LoadResult {
  int clients = 0;
  std::size_t ok = 0;
  std::size_t errors = 0;
  long connects = 0;
  double seconds = 0;
  double per_s = 0;
  Latency latency;
};

class SlotFeed {
 public:
  SlotFeed(std::vector<std::string> starts, int places)
      : starts_(std::move(starts)), limit_(starts_.size() * static_cast<std::size_t>(places)) {}
  // The next start to book, or nothing once every place would be taken.
  std::optional<std::string> next() {
    const std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
    if (i >= limit_) return std::nullopt;
    return starts_[i % starts_.size()];
  }
  std::size_t used() const { return std::min(next_.load(), limit_); }

 private:
  std::vector<std::string> starts_;
  std::size_t limit_;
  std::atomic<std::size_t> next_{0};
};

LoadResult run_load(const std::string& base, SlotFeed& feed, int clients, double seconds) {
  // The body around the start: "...,"start":"<here>",..." built once.
  const std::string marker = "@@START@@";
  const std::string tmpl = booking_body(marker, "bulk", "bench").dump();
  const auto cut = tmpl.find(marker);
  const std::string head = tmpl.substr(0, cut), tail = tmpl.substr(cut + marker.size());

  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<long long> deadline_ns{0};
  std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
  std::vector<std::size_t> ok(static_cast<std::size_t>(clients), 0);
  std::vector<std::size_t> bad(static_cast<std::size_t>(clients), 0);
  std::vector<long> connects(static_cast<std::size_t>(clients), 0);
  std::vector<std::string> first_error(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      const auto k = static_cast<std::size_t>(t);
      KeepAliveClient http(base);
      http.get("/healthz");  // open the keep-alive connection before the clock starts
      lat[k].reserve(100000);
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      const SteadyClock::time_point deadline{SteadyClock::duration{deadline_ns.load()}};
      std::string payload;
      while (SteadyClock::now() < deadline) {
        auto start = feed.next();
        if (!start) break;
        payload = head + *start + tail;
        const auto t0 = SteadyClock::now();
        const long status = http.post("/api/v1/bookings", payload);
        lat[k].push_back(ms_since(t0));
        if (status == 201) {
          ++ok[k];
        } else {
          if (bad[k]++ == 0) first_error[k] = std::to_string(status) + " " + http.body();
        }
      }
      connects[k] = http.connects();
    });
  }
  while (ready.load() < clients) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto t0 = SteadyClock::now();
  deadline_ns.store((t0 + std::chrono::duration_cast<SteadyClock::duration>(
                              std::chrono::duration<double>(seconds)))
                        .time_since_epoch()
                        .count());
  go.store(true, std::memory_order_release);
  for (auto& th : threads) th.join();
  LoadResult r;
  r.clients = clients;
  r.seconds = ms_since(t0) / 1000.0;
  std::vector<double> all;
  for (std::size_t k = 0; k < lat.size(); ++k) {
    all.insert(all.end(), lat[k].begin(), lat[k].end());
    r.ok += ok[k];
    r.errors += bad[k];
    r.connects += connects[k];
    if (!first_error[k].empty() && r.errors == bad[k]) {
      std::fprintf(stderr, "  first error (client %zu): %.200s\n", k, first_error[k].c_str());
    }
  }
  r.per_s = static_cast<double>(r.ok) / r.seconds;
  r.latency = summarize(std::move(all));
  return r;
}

// ---------------------------------------------------------------------------------------------
// 3b. The 30-day slot query over HTTP, one keep-alive client, sequential requests.

Latency http_query(const std::string& base, const std::string& path, int warmup, int count,
                   std::size_t* slots_out) {
  KeepAliveClient http(base);
  for (int i = 0; i < warmup; ++i) http.get(path);
  std::vector<double> ms;
  for (int i = 0; i < count; ++i) {
    const auto t0 = SteadyClock::now();
    const long status = http.get(path);
    ms.push_back(ms_since(t0));
    if (status != 200) throw std::runtime_error("slot query failed: " + http.body());
  }
  if (slots_out) *slots_out = json::parse(http.body()).at("slots").size();
  return summarize(std::move(ms));
}

// ---------------------------------------------------------------------------------------------
// The results table.

struct Row {
  std::string what;
  std::string measured;
  std::string target;
  std::string verdict;  // PASS, FAIL or "" (for information)
};

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string lat_text(const Latency& l) {
  return "p50 " + fmt("%.2f", l.p50) + " / p99 " + fmt("%.2f", l.p99) + " / max " +
         fmt("%.2f", l.max) + " ms";
}

void print_table(const std::vector<Row>& rows) {
  std::printf("\n| What | Measured | Target | Result |\n|---|---|---|---|\n");
  for (const auto& r : rows) {
    std::printf("| %s | %s | %s | %s |\n", r.what.c_str(), r.measured.c_str(),
                r.target.empty() ? "–" : r.target.c_str(),
                r.verdict.empty() ? "info" : r.verdict.c_str());
  }
}

// Other work on the machine skews every number here: say how busy it was.
void print_loadavg(const char* when) {
  std::ifstream in("/proc/loadavg");
  std::string one, five;
  in >> one >> five;
  std::printf("load average %s: %s (1 min), %s (5 min)\n", when, one.c_str(), five.c_str());
}

struct Options {
  std::string server = OKNO_SERVER_BINARY;
  std::string offices = OKNO_BENCH_OFFICES;
  double seconds = 5.0;      // each booking level
  double raw_seconds = 3.0;  // the raw SQLite loop
  int queries = 1000;        // slot queries per measurement
  int threads = 0;           // okno-server --threads (0 = its default)
};

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--server") {
      o.server = value();
    } else if (a == "--offices") {
      o.offices = value();
    } else if (a == "--seconds") {
      o.seconds = std::stod(value());
    } else if (a == "--raw-seconds") {
      o.raw_seconds = std::stod(value());
    } else if (a == "--queries") {
      o.queries = std::stoi(value());
    } else if (a == "--threads") {
      o.threads = std::stoi(value());
    } else {
      throw std::runtime_error(
          "usage: okno-bench [--seconds S] [--raw-seconds S] [--queries N] "
          "[--threads N] [--server PATH] [--offices FILE]");
    }
  }
  return o;
}

// A scratch folder, removed at the end.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/okno-bench-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

int run(const Options& opt) {
  if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
  TempDir dir;
  std::vector<Row> rows;
  std::printf("okno-bench: %u hardware threads; server %s\n", std::thread::hardware_concurrency(),
              opt.server.c_str());
  print_loadavg("at start");

  // 1. Raw SQLite.
  std::printf("[1/4] raw SQLite: single-row insert transactions for %.1f s...\n", opt.raw_seconds);
  std::fflush(stdout);
  const RawResult raw = raw_sqlite(dir.path() / "raw.db", opt.raw_seconds);
  std::printf("      %.0f commits/s (%s)\n", raw.commits_per_s, lat_text(raw.latency).c_str());
  // For comparison only: the same loop without an fsync per commit (synchronous=NORMAL, which
  // the server used before it switched to FULL; see docs/performance.md).
  std::printf("      and with synchronous=NORMAL (no fsync per commit) for %.1f s...\n",
              opt.raw_seconds);
  std::fflush(stdout);
  const RawResult raw_normal = raw_sqlite(dir.path() / "raw-normal.db", opt.raw_seconds, "NORMAL");
  std::printf("      %.0f commits/s (%s)\n", raw_normal.commits_per_s,
              lat_text(raw_normal.latency).c_str());
  rows.push_back(
      {"Raw SQLite single-row INSERT transactions, the server's pragmas (WAL, "
       "synchronous=FULL)",
       fmt("%.0f commits/s", raw.commits_per_s) + " (" + lat_text(raw.latency) + ")", "", ""});
  rows.push_back(
      {"Raw SQLite, the same with synchronous=NORMAL (no fsync per commit)",
       fmt("%.0f commits/s", raw_normal.commits_per_s) + " (" + lat_text(raw_normal.latency) + ")",
       "", ""});

  // 2. Bookings over loopback.
  const auto db = dir.path() / "okno.db";
  okno::testing::ServerProcessOptions server_options;
  server_options.binary = opt.server;
  server_options.database = db;
  server_options.fake_now = kFakeNow;
  server_options.test_clock_api = false;
  server_options.extra_args = {"--offices", opt.offices};
  for (auto& a : okno::bench::limits_off_args(opt.server))
    server_options.extra_args.push_back(std::move(a));
  if (opt.threads > 0) {
    server_options.extra_args.push_back("--threads");
    server_options.extra_args.push_back(std::to_string(opt.threads));
  }
  server_options.stop_grace = std::chrono::seconds(2);
  std::vector<LoadResult> levels;
  Latency http_slots, http_slots_bulk;
  std::size_t demo_slot_count = 0, bulk_slot_count = 0, prefilled = 0;
  std::size_t total_bookings = 0;
  std::uintmax_t wal_bytes = 0;
  {
    okno::testing::ServerProcess server(server_options);
    if (!server.started()) throw std::runtime_error("okno-server did not start: " + opt.server);
    const std::string base = server.base_url();
    std::printf("[2/4] okno-server pid %d at %s\n", static_cast<int>(server.pid()), base.c_str());
    KeepAliveClient http(base);
    // A realistic demo office: about 60% of the passport places of the next 30 days taken
    // (one place of every slot, both places of every third slot).
    for (const auto& [start, free] :
         offered(http, "demo", "passport", "2026-12-01", "2026-12-30")) {
      const int take = (prefilled % 3 == 0) ? free : std::min(free, 1);
      for (int i = 0; i < take; ++i) {
        const long status =
            http.post("/api/v1/bookings", booking_body(start, "passport", "demo").dump());
        if (status != 201) throw std::runtime_error("prefill booking failed: " + http.body());
        ++prefilled;
      }
    }
    std::printf("      prefilled %zu demo passport bookings\n", prefilled);
    // The load goes to the round-the-clock "bench" office: 60 days of 5-minute slots.
    std::vector<std::string> starts;
    for (const auto& from_to :
         {std::pair{"2026-12-01", "2026-12-31"}, std::pair{"2027-01-01", "2027-01-31"}}) {
      for (auto& [start, free] : offered(http, "bench", "bulk", from_to.first, from_to.second)) {
        if (free == 100) starts.push_back(start);
      }
    }
    SlotFeed feed(std::move(starts), 100);
    std::printf("      warm-up: 16 clients for 1 s...\n");
    std::fflush(stdout);
    run_load(base, feed, 16, 1.0);
    for (int clients : {1, 16, 64}) {
      std::printf("      %d client(s) for %.1f s...", clients, opt.seconds);
      std::fflush(stdout);
      levels.push_back(run_load(base, feed, clients, opt.seconds));
      const auto& r = levels.back();
      std::printf(" %.0f bookings/s, %s, %zu errors, %ld connects\n", r.per_s,
                  lat_text(r.latency).c_str(), r.errors, r.connects);
    }
    total_bookings = prefilled + feed.used();
    std::error_code ec;
    wal_bytes = std::filesystem::file_size(db.string() + "-wal", ec);
    std::printf("      WAL file after the load: %.1f MB\n", static_cast<double>(wal_bytes) / 1e6);

    // 3b. The 30-day slot query over HTTP, with the bookings above in the database.
    std::printf("[3/4] 30-day free-slot query over HTTP, %d requests...\n", opt.queries);
    std::fflush(stdout);
    http_slots = http_query(
        base, "/api/v1/offices/demo/slots?service=passport&from=2026-12-01&to=2026-12-30",
        opt.queries / 10, opt.queries, &demo_slot_count);
    http_slots_bulk =
        http_query(base, "/api/v1/offices/bench/slots?service=bulk&from=2026-12-01&to=2026-12-30",
                   5, std::max(20, opt.queries / 20), &bulk_slot_count);
  }

  // 3a. The same query in-process, on the same database (the server has stopped).
  std::printf("[4/4] in-process free slots and booking on the same database...\n");
  std::fflush(stdout);
  auto offices = okno::load_offices_file(opt.offices);
  if (!offices) throw std::runtime_error("offices: " + offices.error().detail);
  auto calendar = okno::ProductionCalendar::load_directory(okno::default_assets_dir() / "calendar");
  if (!calendar) throw std::runtime_error("calendar: " + calendar.error().detail);
  auto catalog = okno::Catalog::load_directory(okno::default_locales_dir());
  if (!catalog) throw std::runtime_error("locales: " + catalog.error().detail);
  auto store = okno::SqliteBookingStore::open(db.string());
  if (!store) throw std::runtime_error("store: " + store.error().detail);
  okno::ManualClock clock(*okno::parse_iso_instant(kFakeNow));
  okno::BookingService service(*offices, *calendar, **store, clock);
  const okno::Date from = *okno::parse_iso_date("2026-12-01");
  const okno::Date to = *okno::parse_iso_date("2026-12-30");
  auto time_loop = [&](int n, auto&& body) {
    for (int i = 0; i < n / 10; ++i) body();
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      const auto t0 = SteadyClock::now();
      body();
      ms.push_back(ms_since(t0));
    }
    return summarize(std::move(ms));
  };
  std::size_t in_process_slots = 0;
  const Latency svc_slots = time_loop(opt.queries, [&] {
    auto s = service.free_slots("demo", "passport", from, to);
    if (!s) throw std::runtime_error("free_slots: " + s.error().detail);
    in_process_slots = s->size();
  });
  // The pure computation (no database): okno::free_slots over a prefetched occupancy.
  const okno::Office* demo = offices->find("demo");
  const okno::Service* passport = demo->find_service("passport");
  auto occupancy =
      (*store)->occupancy("demo", "passport", okno::Seconds{std::chrono::sys_days{from}},
                          okno::Seconds{std::chrono::sys_days{to} + std::chrono::days{2}});
  if (!occupancy) throw std::runtime_error("occupancy: " + occupancy.error().detail);
  const Latency core_slots = time_loop(opt.queries, [&] {
    auto s = okno::free_slots(okno::SlotQuery{demo, passport, from, to}, *calendar, clock.now(),
                              *occupancy);
    if (s.empty()) throw std::runtime_error("no free slots");
  });
  const Latency svc_slots_bulk = time_loop(std::max(20, opt.queries / 20), [&] {
    auto s = service.free_slots("bench", "bulk", from, to);
    if (!s) throw std::runtime_error("free_slots: " + s.error().detail);
  });

  // In-process bookings: parse the same JSON body, book, render, as the POST handler does,
  // without HTTP. Slots from February on, untouched by the HTTP load.
  const okno::Office* bench_office = offices->find("bench");
  const okno::Service* bulk = bench_office->find_service("bulk");
  std::vector<std::string> feb;
  for (const auto& s :
       okno::free_slots(okno::SlotQuery{bench_office, bulk, *okno::parse_iso_date("2027-02-01"),
                                        *okno::parse_iso_date("2027-02-28")},
                        *calendar, clock.now(), {})) {
    feb.push_back(okno::format_local_iso(*bench_office, s.start));
  }
  std::size_t next_feb = 0;
  const Latency svc_book = time_loop(std::max(1000, opt.queries * 2), [&] {
    const std::string body = booking_body(feb[next_feb++ % feb.size()], "bulk", "bench").dump();
    auto request = okno::api::parse_booking_request(body);
    if (!request) throw std::runtime_error("parse: " + request.error().detail);
    auto outcome = service.book(*request, std::nullopt, [&](const okno::Booking& b) {
      return okno::api::booking_json(b, *bench_office, *bulk, *catalog).dump();
    });
    if (!outcome) throw std::runtime_error("book: " + outcome.error().detail);
  });
  const double svc_book_rate = svc_book.p50 > 0 ? 1000.0 / svc_book.p50 : 0;

  // The table.
  for (const auto& r : levels) {
    const std::string who = std::to_string(r.clients) + (r.clients == 1 ? " client" : " clients");
    const double share = 100.0 * r.per_s / raw.commits_per_s;
    const double share_normal = 100.0 * r.per_s / raw_normal.commits_per_s;
    rows.push_back({"Bookings over HTTP, " + who + " (" + std::to_string(r.ok) + " in " +
                        fmt("%.1f s", r.seconds) + ", " + std::to_string(r.errors) + " errors)",
                    fmt("%.0f bookings/s", r.per_s) + " = " + fmt("%.1f%%", share) + " of raw (" +
                        fmt("%.1f%%", share_normal) + " of raw NORMAL)",
                    "", ""});
    rows.push_back({"Booking latency, " + who, lat_text(r.latency),
                    r.clients == 64 ? "p99 ≤ 20 ms" : "",
                    r.clients == 64 ? (r.latency.p99 <= 20.0 ? "PASS" : "FAIL") : ""});
  }
  const double best = std::max_element(levels.begin(), levels.end(), [](auto& a, auto& b) {
                        return a.per_s < b.per_s;
                      })->per_s;
  rows.push_back({"Best end-to-end booking rate / raw SQLite (the server's pragmas)",
                  fmt("%.1f%%", 100.0 * best / raw.commits_per_s), "≥ 30%",
                  100.0 * best / raw.commits_per_s >= 30.0 ? "PASS" : "FAIL"});
  rows.push_back({"Best end-to-end booking rate / raw SQLite with synchronous=NORMAL",
                  fmt("%.1f%%", 100.0 * best / raw_normal.commits_per_s), "", ""});
  rows.push_back(
      {"Write-ahead log after the booking load (the server checkpoints every 256 frames)",
       fmt("%.1f MB", static_cast<double>(wal_bytes) / 1e6), "", ""});
  rows.push_back(
      {"In-process parse + BookingService::book + render, 1 thread (one fsync per booking)",
       "p50 " + fmt("%.3f ms", svc_book.p50) + " ≈ " + fmt("%.0f bookings/s", svc_book_rate), "",
       ""});
  rows.push_back({"30-day slots, BookingService::free_slots in-process (demo/passport, " +
                      std::to_string(in_process_slots) + " free slots)",
                  "p50 " + fmt("%.3f", svc_slots.p50) + " / p99 " + fmt("%.3f ms", svc_slots.p99),
                  "p50 ≤ 2 ms", svc_slots.p50 <= 2.0 ? "PASS" : "FAIL"});
  rows.push_back({"30-day slots, okno::free_slots only (no database)",
                  "p50 " + fmt("%.3f", core_slots.p50) + " / p99 " + fmt("%.3f ms", core_slots.p99),
                  "", ""});
  rows.push_back({"30-day slots over HTTP GET (demo/passport, " + std::to_string(demo_slot_count) +
                      " slots in the answer)",
                  "p50 " + fmt("%.3f", http_slots.p50) + " / p99 " + fmt("%.3f ms", http_slots.p99),
                  "p50 ≤ 2 ms", http_slots.p50 <= 2.0 ? "PASS" : "FAIL"});
  rows.push_back(
      {"30-day slots, bench/bulk (5-min slots round the clock), in-process",
       "p50 " + fmt("%.3f", svc_slots_bulk.p50) + " / p99 " + fmt("%.3f ms", svc_slots_bulk.p99),
       "", ""});
  rows.push_back(
      {"30-day slots, bench/bulk over HTTP (" + std::to_string(bulk_slot_count) +
           " slots in the answer)",
       "p50 " + fmt("%.3f", http_slots_bulk.p50) + " / p99 " + fmt("%.3f ms", http_slots_bulk.p99),
       "", ""});
  std::printf("\nBookings in the database during the slot queries: %zu (%zu demo, %zu bench)\n",
              total_bookings, prefilled, total_bookings - prefilled);
  print_loadavg("at the end");
  print_table(rows);
  std::printf("\n(okno-bench is not a test: it exits 0 whatever the verdicts.)\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_args(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "okno-bench: %s\n", e.what());
    return 1;
  }
}
