// A thin RAII layer over the SQLite C API: connections, cached prepared statements and
// transactions, with every return code checked. Only the SQLite store includes it.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "okno/clock.hpp"
#include "okno/error.hpp"

namespace okno::sqlite {

// Instants are stored as INTEGER seconds since the Unix epoch, in UTC.
inline std::int64_t epoch(Seconds t) {
  return t.time_since_epoch().count();
}
inline Seconds from_epoch(std::int64_t v) {
  return Seconds{std::chrono::seconds{v}};
}

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* st) const { sqlite3_finalize(st); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

class Connection;

// A prepared statement borrowed from the connection's cache; reset and cleared when it goes.
class Statement {
 public:
  Statement(Connection& conn, sqlite3_stmt* st) : conn_(&conn), st_(st) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }

  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind_null(int i);
  Statement& bind_optional(int i, std::string_view v) {
    return v.empty() ? bind_null(i) : bind(i, v);
  }

  // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> error.
  Result<bool> step();
  // Runs to completion (for statements that return no rows).
  Result<void> run();

  std::int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  int int32(int col) const { return sqlite3_column_int(st_, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
  }
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  int last_rc() const { return last_rc_; }

 private:
  Connection* conn_;
  sqlite3_stmt* st_;
  int last_rc_ = SQLITE_OK;
};

class Connection {
 public:
  // Opens (creating) a database file with the project's pragmas: WAL, synchronous=FULL (a
  // commit survives a process crash and a power cut; see docs), foreign keys on, a busy timeout.
  static Result<Connection> open(const std::string& path);

  Result<void> exec(std::string_view sql);
  // A statement from the cache (prepared once per connection).
  Result<Statement> prepare(std::string_view sql);
  sqlite3* raw() const { return db_.get(); }
  int changes() const { return sqlite3_changes(db_.get()); }
  std::string errmsg() const { return sqlite3_errmsg(db_.get()); }

 private:
  DbHandle db_;
  std::unordered_map<std::string, StmtHandle> cache_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit().
class Transaction {
 public:
  static Result<Transaction> begin_immediate(Connection& conn);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(Connection& conn) : conn_(&conn) {}
  Connection* conn_;
};

Error db_error(sqlite3* db, int rc, std::string_view what);

}  // namespace okno::sqlite
