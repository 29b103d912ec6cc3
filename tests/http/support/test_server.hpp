// Test support: a real okno-server process on loopback (ServerProcess, shared with the benchmarks
// in tests/support/process), a libcurl client that returns whole responses, and a direct look into
// the database file. Each test gets its own database file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process/http_client.hpp"
#include "process/server_process.hpp"

namespace okno::testing {

struct HttpResponse {
  long status = 0;
  std::string body;
  HeaderMap headers;  // lower-case names
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// One keep-alive connection; each request may carry its own headers and method. Not
// thread-safe: use one per thread.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : client_(std::move(base_url)) {}
  HttpResponse get(const std::string& path, const std::vector<std::string>& headers = {});
  HttpResponse post(const std::string& path, const std::string& body,
                    const std::vector<std::string>& headers = {});
  HttpResponse request(const std::string& method, const std::string& path, const std::string& body,
                       const std::vector<std::string>& headers);

 private:
  KeepAliveClient client_;
};

// Runs SQL on the database file directly (a second reader next to the server) and returns the
// first column of the first row as text.
std::string sqlite_scalar(const std::filesystem::path& db, const std::string& sql);

}  // namespace okno::testing
