// okno-queue-bench (issue 10, docs/performance.md "Queue"): walk-in tickets and desk cycles
// against a real okno-server on loopback, measured by this program's own libcurl clients and by
// `wrk` (Debian's; the Lua scripts in bench/wrk/), next to the raw SQLite limit measured in the
// same run. Each measurement starts a fresh database whose day already holds N waiting tickets
// (written straight into the file before the server starts, so the "before" server needs no
// minutes of issuing), then:
//   - issue: 16 clients, closed loop, POST …/tickets, with 100 and with 10,000 tickets already
//     issued (and 1 client for information);
//   - desks: 16 desks (one client each) cycling call-next -> start -> finish over 40,000 waiting
//     tickets (8,000 per second of run when longer); afterwards the action log is read: no ticket
//     may be called twice.
// `--server` runs another okno-server binary (the "before" build). Not a test: it exits 0 on a
// missed target and says FAIL plainly.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "latency.hpp"
#include "limits_off.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"
#include "okno/source_root.hpp"
#include "process/http_client.hpp"
#include "process/server_process.hpp"
#include "raw_sqlite.hpp"

namespace {

using okno::bench::Latency;
using okno::bench::ms_since;
using okno::bench::SteadyClock;
using okno::bench::summarize;
using okno::testing::KeepAliveClient;

constexpr const char* kToken = "bench-token";
constexpr const char* kFakeNow = "2026-11-30T06:00:00Z";  // Monday 09:00 in Moscow
constexpr std::int64_t kDayStart =
    1795986000;                            // 2026-11-30 00:00 Moscow (21:00 UTC the day before)
constexpr std::int64_t kNow = 1796018400;  // kFakeNow

struct Options {
  std::string server = OKNO_SERVER_BINARY;
  std::string offices = OKNO_BENCH_OFFICES;
  std::string wrk_dir = OKNO_BENCH_WRK_DIR;
  double seconds = 5.0;
  double raw_seconds = 3.0;
  bool wrk = true;
  bool desks_only = false;  // --only desks: the desk cycle alone (to study its latency)
  std::string wrk_prefix;   // --wrk-prefix "nice -n 8": how wrk is started (same study)
};

struct Load {
  double per_s = 0;
  Latency latency;
  long errors = 0;
  long requests = 0;
};

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string load_text(const Load& l) {
  return fmt("%.0f/s", l.per_s) + " (p50 " + fmt("%.2f", l.latency.p50) + " / p99 " +
         fmt("%.2f", l.latency.p99) + " / max " + fmt("%.2f", l.latency.max) + " ms, " +
         std::to_string(l.errors) + " errors)";
}

// The server on `db` at the fixed bench time, with the bench's offices.
okno::testing::ServerProcessOptions server_options(const std::filesystem::path& db,
                                                   const Options& opt,
                                                   std::vector<std::string> extra) {
  okno::testing::ServerProcessOptions o;
  o.fake_now = kFakeNow;
  o.test_clock_api = false;
  o.database = db;
  o.extra_args = {"--offices", opt.offices};
  for (auto& a : okno::bench::limits_off_args(opt.server)) o.extra_args.push_back(std::move(a));
  o.extra_args.insert(o.extra_args.end(), extra.begin(), extra.end());
  o.binary = opt.server;
  return o;
}

// A fresh database with `waiting` tickets of today in line for `walkin`, arrived over the night
// and morning (most of them past the maximum wait, so urgent), every 10th of a priority group.
void prefill(const std::filesystem::path& db, const Options& opt, int waiting) {
  {
    // The server creates the schema (its own migrations), then stops.
    okno::testing::ServerProcess server(server_options(db, opt, {}));
    if (!server.started()) throw std::runtime_error("server did not start");
  }
  auto conn = okno::sqlite::Connection::open(db.string());
  if (!conn) throw std::runtime_error(conn.error().detail);
  if (auto r = conn->exec("BEGIN IMMEDIATE"); !r) throw std::runtime_error(r.error().detail);
  for (int i = 0; i < waiting; ++i) {
    auto ins = conn->prepare(
        "INSERT INTO queue_tickets (office, day, letter, number, round, service, origin_service, "
        "kind, language, needs, priority, channel, state, issued_at, queued_at) VALUES ("
        "'qbench', '2026-11-30', 'Q', ?1, ?2, 'walkin', 'walkin', 'walk_in', 'ru', '', ?3, "
        "'kiosk', 'waiting', ?4, ?4)");
    const std::int64_t at = kDayStart + (kNow - kDayStart - 1) * i / std::max(1, waiting);
    ins->bind(1, 1 + i % 999).bind(2, i / 999).bind(3, i % 10 == 0 ? "elderly" : "").bind(4, at);
    if (auto r = ins->run(); !r) throw std::runtime_error(r.error().detail);
  }
  auto n = conn->prepare(
      "INSERT INTO queue_numbers (office, day, letter, issued) VALUES ('qbench', '2026-11-30', "
      "'Q', ?1)");
  n->bind(1, waiting);
  if (auto r = n->run(); !r) throw std::runtime_error(r.error().detail);
  if (auto r = conn->exec("COMMIT"); !r) throw std::runtime_error(r.error().detail);
}

std::vector<std::string> staff_headers(int desk) {
  return {std::string("Authorization: Bearer ") + kToken,
          "X-Staff-Actor: bench.desk" + std::to_string(desk)};
}

// `clients` threads, closed loop, for `seconds`; `step(client, i)` sends request i of a client
// and returns whether it succeeded.
template <class Step>
Load closed_loop(int clients, double seconds, Step step) {
  std::vector<std::vector<double>> ms(static_cast<std::size_t>(clients));
  std::atomic<long> errors{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  const auto t0 = SteadyClock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto& mine = ms[static_cast<std::size_t>(c)];
      mine.reserve(100000);
      for (long i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const auto t = SteadyClock::now();
        if (!step(c, i)) errors.fetch_add(1);
        mine.push_back(ms_since(t));
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = ms_since(t0) / 1000.0;
  std::vector<double> all;
  for (auto& m : ms) all.insert(all.end(), m.begin(), m.end());
  Load out;
  out.requests = static_cast<long>(all.size());
  out.errors = errors;
  out.per_s = static_cast<double>(all.size() - static_cast<std::size_t>(out.errors)) / elapsed;
  out.latency = summarize(std::move(all));
  return out;
}

// wrk's own numbers, from the `done` line of the Lua scripts.
Load run_wrk(const Options& opt, const std::string& base, const char* script, int threads,
             int connections, double seconds, const std::string& kiosk_key = {}) {
  const std::string cmd = "OKNO_STAFF_TOKEN=" + std::string(kToken) +
                          " OKNO_KIOSK_KEY=" + kiosk_key + " " + opt.wrk_prefix + " wrk -t" +
                          std::to_string(threads) + " -c" + std::to_string(connections) + " -d" +
                          std::to_string(static_cast<int>(seconds)) + "s --latency -s " +
                          opt.wrk_dir + "/" + script + " " + base + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run wrk");
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  Load l;
  auto pos = out.find("wrk-summary ");
  if (pos == std::string::npos) throw std::runtime_error("wrk said: " + out);
  double secs = 0;
  long long requests = 0, errors = 0;
  std::sscanf(out.c_str() + pos,
              "wrk-summary requests=%lld seconds=%lf p50_ms=%lf p99_ms=%lf max_ms=%lf errors=%lld",
              &requests, &secs, &l.latency.p50, &l.latency.p99, &l.latency.max, &errors);
  l.requests = requests;
  l.errors = errors;
  l.per_s = secs > 0 ? static_cast<double>(requests - errors) / secs : 0;
  return l;
}

okno::testing::ServerProcess start(const std::filesystem::path& db, const Options& opt,
                                   const std::filesystem::path& queue_toml) {
  return okno::testing::ServerProcess(
      server_options(db, opt, {"--queue-config", queue_toml.string()}));
}

// Tickets called more than once, and calls in all, from the action log (R-HIST-1).
std::pair<long, long> double_calls(const std::filesystem::path& db) {
  auto conn = okno::sqlite::Connection::open(db.string());
  if (!conn) throw std::runtime_error(conn.error().detail);
  auto twice = conn->prepare(
      "SELECT COUNT(*) FROM (SELECT ticket_id FROM queue_actions WHERE action LIKE 'call%' "
      "AND action <> 'call_next_repeat' GROUP BY ticket_id HAVING COUNT(*) > 1)");
  auto calls = conn->prepare("SELECT COUNT(*) FROM queue_actions WHERE action = 'call_next'");
  if (!twice || !calls) throw std::runtime_error("double_calls: prepare");
  (void)twice->step();
  (void)calls->step();
  return {twice->int64(0), calls->int64(0)};
}

struct Row {
  std::string what, measured, target, verdict;
};

int run(const Options& opt) {
  std::printf("okno-queue-bench: server %s\n", opt.server.c_str());
  const auto dir =
      std::filesystem::temp_directory_path() / ("okno-queue-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto queue_toml = dir / "queue.toml";
  std::ofstream(queue_toml) << "[queue]\nstaff_token = \"" << kToken << "\"\n";
  std::vector<Row> rows;

  if (!opt.desks_only) {
    std::printf("raw SQLite, %.0f s each...\n", opt.raw_seconds);
    const auto raw = okno::bench::raw_sqlite(dir / "raw.db", opt.raw_seconds);
    const auto raw_normal =
        okno::bench::raw_sqlite(dir / "raw-normal.db", opt.raw_seconds, "NORMAL");
    rows.push_back({"Raw SQLite single-row INSERT transactions, the server's pragmas (FULL)",
                    fmt("%.0f commits/s", raw.commits_per_s), "", ""});
    rows.push_back({"Raw SQLite, the same with synchronous=NORMAL",
                    fmt("%.0f commits/s", raw_normal.commits_per_s), "", ""});

    const std::string body = R"({"service":"walkin","language":"ru","channel":"kiosk"})";
    std::map<std::string, double> issue16;
    int run_no = 0;
    for (int already : {100, 10000}) {
      for (const char* client : {"own", "wrk"}) {
        if (std::string(client) == "wrk" && !opt.wrk) continue;
        const auto db = dir / ("issue-" + std::to_string(++run_no) + ".db");
        prefill(db, opt, already);
        auto server = start(db, opt, queue_toml);
        if (!server.started()) throw std::runtime_error("server did not start");
        const std::string base = server.base_url();
        Load l;
        if (std::string(client) == "own") {
          std::vector<std::unique_ptr<KeepAliveClient>> http;
          for (int c = 0; c < 16; ++c) {
            // Tickets on the kiosk channel come from the registered kiosk (none on an older
            // binary, which needs no key).
            http.push_back(std::make_unique<KeepAliveClient>(
                base, server.kiosk_key().empty()
                          ? std::vector<std::string>{}
                          : std::vector<std::string>{server.kiosk_header()}));
            http.back()->get("/healthz");
          }
          const std::string path = "/api/v1/offices/qbench/tickets";
          if (already == 10000) {
            Load one = closed_loop(1, opt.seconds / 2, [&](int c, long) {
              return http[static_cast<std::size_t>(c)]->post(path, body) == 201;
            });
            rows.push_back({"Walk-in tickets, 1 client, " + std::to_string(already) +
                                " already issued (own client)",
                            load_text(one), "", ""});
          }
          l = closed_loop(16, opt.seconds, [&](int c, long) {
            return http[static_cast<std::size_t>(c)]->post(path, body) == 201;
          });
        } else {
          l = run_wrk(opt, base, "issue.lua", 2, 16, opt.seconds, server.kiosk_key());
        }
        issue16[std::string(client) + std::to_string(already)] = l.per_s;
        const bool pass = l.per_s >= 2000 && l.latency.p99 <= 20 && l.errors == 0;
        rows.push_back({"Walk-in tickets, 16 clients, " + std::to_string(already) +
                            " already issued (" + client + ")",
                        load_text(l), "≥ 2,000/s, p99 ≤ 20 ms", pass ? "PASS" : "FAIL"});
        std::printf("  issue %s, %d already: %s\n", client, already, load_text(l).c_str());
      }
    }
    for (const char* client : {"own", "wrk"}) {
      const std::string c = client;
      if (!issue16.contains(c + "100") || !issue16.contains(c + "10000")) continue;
      const double ratio = issue16[c + "10000"] / issue16[c + "100"];
      rows.push_back({"Rate with 10,000 / with 100 already issued (" + c + ")", fmt("%.2f", ratio),
                      "0.8–1.2", ratio >= 0.8 && ratio <= 1.2 ? "PASS" : "FAIL"});
    }

  }  // !desks_only

  for (const char* client : {"own", "wrk"}) {
    if (std::string(client) == "wrk" && !opt.wrk) continue;
    const auto db = dir / ("desks-" + std::string(client) + ".db");
    // Enough waiting tickets that the desks never run out: a quiet 2-core box calls about
    // 4,000 a second (12,000 requests/s), and an empty queue answers call-next with no ticket,
    // then start and finish with 409 — errors that are not the server's.
    prefill(db, opt, std::max(40000, static_cast<int>(opt.seconds * 8000)));
    Load l;
    {
      auto server = start(db, opt, queue_toml);
      if (!server.started()) throw std::runtime_error("server did not start");
      const std::string base = server.base_url();
      if (std::string(client) == "own") {
        std::vector<std::unique_ptr<KeepAliveClient>> http;
        for (int d = 1; d <= 16; ++d) {
          http.push_back(std::make_unique<KeepAliveClient>(base, staff_headers(d)));
          http.back()->get("/healthz");
        }
        static const char* kSteps[] = {"call-next", "start", "finish"};
        l = closed_loop(16, opt.seconds, [&](int c, long i) {
          const std::string path =
              "/api/v1/offices/qbench/desks/" + std::to_string(c + 1) + "/" + kSteps[i % 3];
          return http[static_cast<std::size_t>(c)]->post(path, "{}") == 200;
        });
      } else {
        l = run_wrk(opt, base, "desk.lua", 16, 16, opt.seconds);
      }
    }
    const auto [twice, calls] = double_calls(db);
    const bool pass = l.per_s >= 1500 && l.latency.p99 <= 20 && l.errors == 0 && twice == 0;
    rows.push_back({std::string("16 desks call-next → start → finish (") + client + ")",
                    load_text(l) + ", " + std::to_string(calls) + " calls, " +
                        std::to_string(twice) + " tickets called twice",
                    "≥ 1,500/s, p99 ≤ 20 ms, none twice", pass ? "PASS" : "FAIL"});
    std::printf("  desks %s: %s\n", client, load_text(l).c_str());
  }

  std::printf("\n| What | Measured | Target | Result |\n|---|---|---|---|\n");
  for (const auto& r : rows) {
    std::printf("| %s | %s | %s | %s |\n", r.what.c_str(), r.measured.c_str(),
                r.target.empty() ? "–" : r.target.c_str(),
                r.verdict.empty() ? "info" : r.verdict.c_str());
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--server") {
      opt.server = value();
    } else if (a == "--seconds") {
      opt.seconds = std::stod(value());
    } else if (a == "--raw-seconds") {
      opt.raw_seconds = std::stod(value());
    } else if (a == "--no-wrk") {
      opt.wrk = false;
    } else if (a == "--only" && i + 1 < argc && std::string(argv[i + 1]) == "desks") {
      opt.desks_only = true;
      ++i;
    } else if (a == "--wrk-prefix") {
      opt.wrk_prefix = value();
    } else {
      std::fprintf(stderr,
                   "usage: okno-queue-bench [--server PATH] [--seconds S] [--raw-seconds S] "
                   "[--no-wrk] [--only desks] [--wrk-prefix CMD]\n");
      return 2;
    }
  }
  try {
    return run(opt);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "okno-queue-bench: %s\n", e.what());
    return 1;
  }
}
