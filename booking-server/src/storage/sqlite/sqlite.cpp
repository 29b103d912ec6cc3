// RAII wrappers over SQLite; every return code is checked and turned into an okno::Error.
#include "okno/server/storage/sqlite/sqlite.hpp"

namespace okno::sqlite {

Error db_error(sqlite3* db, int rc, std::string_view what) {
  std::string detail(what);
  detail += ": ";
  detail += sqlite3_errstr(rc);
  if (db) {
    detail += " (";
    detail += sqlite3_errmsg(db);
    detail += ")";
  }
  return Error{ErrorCode::internal, std::move(detail)};
}

Statement& Statement::bind(int i, std::string_view v) {
  // SQLITE_TRANSIENT: SQLite copies the text, so the caller's buffer may go.
  int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) last_rc_ = rc;
  return *this;
}

Statement& Statement::bind(int i, std::int64_t v) {
  int rc = sqlite3_bind_int64(st_, i, v);
  if (rc != SQLITE_OK) last_rc_ = rc;
  return *this;
}

Statement& Statement::bind_null(int i) {
  int rc = sqlite3_bind_null(st_, i);
  if (rc != SQLITE_OK) last_rc_ = rc;
  return *this;
}

Result<bool> Statement::step() {
  if (last_rc_ != SQLITE_OK) return std::unexpected(db_error(conn_->raw(), last_rc_, "bind"));
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  last_rc_ = rc;
  return std::unexpected(db_error(conn_->raw(), rc, sqlite3_sql(st_)));
}

Result<void> Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return std::unexpected(r.error());
    if (!*r) return {};
  }
}

Result<Connection> Connection::open(const std::string& path) {
  // SQLite counts every allocation under a global mutex unless told not to; nothing here reads
  // those counts. Only possible before SQLite initialises: SQLITE_MISUSE means someone else
  // (a test, a tool) already did, and SQLite keeps counting, which is only slower.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection conn;
  conn.db_.reset(raw);  // owned even when open failed, so it is closed
  if (rc != SQLITE_OK) return std::unexpected(db_error(raw, rc, "open " + path));
  sqlite3_extended_result_codes(raw, 1);
  rc = sqlite3_busy_timeout(raw, 10000);
  if (rc != SQLITE_OK) return std::unexpected(db_error(raw, rc, "busy_timeout"));
  // WAL lets readers run beside the one writer. synchronous=FULL fsyncs the WAL at every commit,
  // so a booking that got its 201 survives a power cut or a kernel crash too, not only a process
  // crash (NORMAL would sync at checkpoints only and could lose the last commits). Group commit
  // (sqlite_store.cpp) shares one fsync among all bookings waiting at that moment, so under load
  // the fsync costs little per booking (docs/performance.md).
  // A larger page cache and memory-mapped reads keep the indexes' pages in memory instead of
  // a pread per page (measured in docs/performance.md).
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
        "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-32768", "PRAGMA mmap_size=268435456"}) {
    if (auto r = conn.exec(pragma); !r) return std::unexpected(r.error());
  }
  return conn;
}

Result<void> Connection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  if (rc != SQLITE_OK) return std::unexpected(db_error(db_.get(), rc, "exec: " + msg));
  return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(db_.get(), key.c_str(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(st);
      return std::unexpected(db_error(db_.get(), rc, "prepare: " + key));
    }
    it = cache_.emplace(std::move(key), StmtHandle(st)).first;
  }
  return Result<Statement>(std::in_place, *this, it->second.get());
}

Result<Transaction> Transaction::begin_immediate(Connection& conn) {
  if (auto r = conn.exec("BEGIN IMMEDIATE"); !r) return std::unexpected(r.error());
  return Transaction(conn);
}

Transaction::~Transaction() {
  if (conn_) sqlite3_exec(conn_->raw(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Result<void> Transaction::commit() {
  auto r = conn_->exec("COMMIT");
  if (r) conn_ = nullptr;
  return r;
}

}  // namespace okno::sqlite
