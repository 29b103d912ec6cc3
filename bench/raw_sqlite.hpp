// Benchmark support: the raw SQLite commit limit, measured with the server's own connection
// settings (okno-bench and okno-queue-bench print it next to their end-to-end rates).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "latency.hpp"
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno::bench {

using SteadyClock = std::chrono::steady_clock;

inline double ms_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

// ---------------------------------------------------------------------------------------------
// RAII handles.

struct StmtFinalizer {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// ---------------------------------------------------------------------------------------------
// 1. Raw SQLite: BEGIN IMMEDIATE; one INSERT; COMMIT, with the server's connection settings.

inline void check_sqlite(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db));
  }
}

inline StmtPtr prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  check_sqlite(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr), sql);
  return StmtPtr(st);
}

inline void step_reset(sqlite3* db, sqlite3_stmt* st, const char* what) {
  check_sqlite(db, sqlite3_step(st), what);
  sqlite3_reset(st);
}

struct RawResult {
  double commits_per_s = 0;
  Latency latency;
};

// `synchronous` empty: exactly the server's connection (okno::sqlite::Connection::open, so the
// pragmas cannot drift apart); otherwise that PRAGMA synchronous value instead of the server's.
inline RawResult raw_sqlite(const std::filesystem::path& file, double seconds,
                            const std::string& synchronous = {}) {
  auto conn = okno::sqlite::Connection::open(file.string());
  if (!conn) throw std::runtime_error("raw open: " + conn.error().detail);
  sqlite3* raw = conn->raw();
  if (!synchronous.empty()) {
    if (auto r = conn->exec("PRAGMA synchronous=" + synchronous); !r) {
      throw std::runtime_error(r.error().detail);
    }
  }
  if (auto r = conn->exec(
          "CREATE TABLE rows (id INTEGER PRIMARY KEY, code TEXT NOT NULL, payload TEXT NOT NULL)");
      !r) {
    throw std::runtime_error(r.error().detail);
  }
  auto begin = prepare(raw, "BEGIN IMMEDIATE");
  auto insert = prepare(raw, "INSERT INTO rows (code, payload) VALUES (?1, ?2)");
  auto commit = prepare(raw, "COMMIT");
  // About the size of one booking row.
  const std::string payload(220, 'x');
  std::vector<double> ms;
  ms.reserve(200000);
  const auto t0 = SteadyClock::now();
  const auto deadline = t0 + std::chrono::duration<double>(seconds);
  std::int64_t n = 0;
  while (SteadyClock::now() < deadline) {
    const auto t = SteadyClock::now();
    step_reset(raw, begin.get(), "BEGIN");
    char code[24];
    const int len = std::snprintf(code, sizeof code, "C%lld", static_cast<long long>(n++));
    sqlite3_bind_text(insert.get(), 1, code, len, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert.get(), 2, payload.data(), static_cast<int>(payload.size()),
                      SQLITE_STATIC);
    step_reset(raw, insert.get(), "INSERT");
    step_reset(raw, commit.get(), "COMMIT");
    ms.push_back(ms_since(t));
  }
  const double elapsed = ms_since(t0) / 1000.0;
  return {static_cast<double>(ms.size()) / elapsed, summarize(std::move(ms))};
}

}  // namespace okno::bench
