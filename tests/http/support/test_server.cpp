// Test support: a real okno-server process and a libcurl client (see test_server.hpp).
#include "test_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace okno::testing {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};
CurlGlobal& curl_global() {
  static CurlGlobal g;
  return g;
}

size_t write_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t write_header(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

HttpClient::HttpClient(std::string base_url) : base_(std::move(base_url)) {
  curl_global();
  curl_.reset(curl_easy_init());
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HttpResponse HttpClient::get(const std::string& path, const std::vector<std::string>& headers) {
  return request("GET", path, "", headers);
}

HttpResponse HttpClient::post(const std::string& path, const std::string& body,
                              const std::vector<std::string>& headers) {
  return request("POST", path, body, headers);
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path,
                                 const std::string& body, const std::vector<std::string>& headers) {
  HttpResponse out;
  CURL* c = curl_.get();
  curl_easy_reset(c);
  std::string url = base_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &out.headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  std::unique_ptr<curl_slist, SlistDeleter> list;
  curl_slist* raw = nullptr;
  bool has_type = false;
  for (const auto& h : headers) {
    raw = curl_slist_append(raw, h.c_str());
    if (h.rfind("Content-Type:", 0) == 0) has_type = true;
  }
  if (method == "POST") {
    if (!has_type) raw = curl_slist_append(raw, "Content-Type: application/json");
    raw = curl_slist_append(raw, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  list.reset(raw);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    out.status = -1;
    out.body = curl_easy_strerror(rc);
    return out;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  return out;
}

ServerProcess::ServerProcess(ServerProcessOptions options) : options_(std::move(options)) {
  char tmpl[] = "/tmp/okno-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  database_ = options_.database.empty() ? dir_ / "okno.db" : options_.database;
  spawn();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  join_log_drain();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool ServerProcess::spawn() {
  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return false;  // dup2 below clears it on the child's copy
  std::vector<std::string> args = {OKNO_SERVER_BINARY,
                                   "--host",
                                   "127.0.0.1",
                                   "--port",
                                   std::to_string(port_ > 0 ? port_ : 0),
                                   "--db",
                                   database_.string()};
  // The server takes --log-level once: a level in extra_args replaces the quiet default.
  if (std::find(options_.extra_args.begin(), options_.extra_args.end(), "--log-level") ==
      options_.extra_args.end()) {
    args.push_back("--log-level");
    args.push_back("warn");
  }
  if (!options_.fake_now.empty()) {
    args.push_back("--fake-now");
    args.push_back(options_.fake_now);
  }
  if (options_.test_clock_api) args.push_back("--test-clock-api");
  for (const auto& a : options_.extra_args) args.push_back(a);
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    if (!options_.log_file.empty()) {
      const int err = open(options_.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (err >= 0) {
        dup2(err, STDERR_FILENO);
        close(err);
      }
    }
    close(out_pipe[0]);
    close(out_pipe[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  pid_ = pid;
  // Read the first line: "okno-server listening on http://127.0.0.1:PORT/".
  std::string line;
  char ch;
  while (line.size() < 512 && read(out_pipe[0], &ch, 1) == 1 && ch != '\n') line += ch;
  if (options_.log_file.empty()) {
    close(out_pipe[0]);
  } else {
    join_log_drain();
    log_drain_ = std::thread([fd = out_pipe[0], path = options_.log_file] {
      const int out = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
      char buf[4096];
      ssize_t n;
      while ((n = read(fd, buf, sizeof buf)) > 0) {
        if (out >= 0 && write(out, buf, static_cast<size_t>(n)) != n) break;
      }
      if (out >= 0) close(out);
      close(fd);
    });
  }
  auto colon = line.rfind(':');
  if (colon == std::string::npos) return false;
  port_ = std::atoi(line.c_str() + colon + 1);
  return port_ > 0;
}

void ServerProcess::kill_hard() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  join_log_drain();
}

// The drain ends at end of file, which comes when the server process has exited.
void ServerProcess::join_log_drain() {
  if (log_drain_.joinable()) log_drain_.join();
}

bool ServerProcess::restart() {
  kill_hard();
  const int old_port = port_;
  if (spawn()) return true;
  port_ = 0;  // the old port was taken meanwhile: any free one
  (void)old_port;
  return spawn();
}

nlohmann::json booking_body(const std::string& start, const std::string& service) {
  return {{"office", "demo"},
          {"service", service},
          {"start", start},
          {"channel", "web"},
          {"client",
           {{"name", "Иван Петров"}, {"phone", "+79991234567"}, {"email", "ivan@example.org"}}},
          {"notify", {{"mandatory", "portal"}, {"extra", {"email"}}}},
          {"reminders", {"24h", "2h"}},
          {"language", "ru"},
          {"needs", {"sign_language"}},
          {"consent", {{"given", true}, {"version", "pd-2025-09"}}}};
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
