// Test support: a libcurl client for whole responses and a direct database read (see
// test_server.hpp).
#include "test_server.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <memory>

namespace okno::testing {

HttpResponse HttpClient::get(const std::string& path, const std::vector<std::string>& headers) {
  return request("GET", path, "", headers);
}

HttpResponse HttpClient::post(const std::string& path, const std::string& body,
                              const std::vector<std::string>& headers) {
  return request("POST", path, body, headers);
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path,
                                 const std::string& body, const std::vector<std::string>& headers) {
  std::vector<std::string> all = headers_;
  all.insert(all.end(), headers.begin(), headers.end());
  const CurlSlistPtr list = request_headers(method, all);
  HttpResponse out;
  out.status = client_.send(method.c_str(), path, body, list.get(), &out.headers);
  out.body = client_.take_body();
  return out;
}

TempQueueConfig::TempQueueConfig(const std::string& token, const std::string& extra) {
  char tmpl[] = "/tmp/okno-queue-XXXXXX";
  dir = mkdtemp(tmpl);
  file = dir / "queue.toml";
  std::ofstream(file) << "[queue]\nstaff_token = \"" << token << "\"\n" << extra;
}

TempQueueConfig::~TempQueueConfig() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

std::string sqlite_scalar(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    return "open failed";
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> conn(raw, &sqlite3_close);
  sqlite3_busy_timeout(raw, 5000);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    return std::string("prepare failed: ") + sqlite3_errmsg(raw);
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(st, &sqlite3_finalize);
  if (sqlite3_step(st) != SQLITE_ROW) return "";
  const auto* text = sqlite3_column_text(st, 0);
  return text ? reinterpret_cast<const char*>(text) : "";
}

}  // namespace okno::testing
