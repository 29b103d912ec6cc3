// The answers' log (see response_log.hpp).
#include "process/response_log.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace okno::testing {
namespace {

struct Log {
  std::mutex mutex;
  std::ofstream out;
  std::string test;
  bool enabled = false;

  Log() {
    const char* dir = std::getenv("OKNO_RESPONSE_LOG");
    if (!dir || !*dir) return;
    // The program's name and the test it runs, from the command line ctest gave it.
    std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
    std::string program = "test";
    std::string arg;
    for (bool first = true; std::getline(cmdline, arg, '\0'); first = false) {
      if (first) program = arg.substr(arg.find_last_of('/') + 1);
      if (arg.rfind("--gtest_filter=", 0) == 0) test = arg.substr(15);
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);  // ctest's fixture empties it first
    const std::string file =
        std::string(dir) + "/" + program + "-" + std::to_string(::getpid()) + ".jsonl";
    out.open(file, std::ios::app);
    enabled = out.is_open();
  }
};

Log& log() {
  static Log instance;
  return instance;
}

bool is_json(std::string_view type) {
  const auto semicolon = type.find(';');
  const std::string_view media = type.substr(0, semicolon);
  return media == "application/json" || media.ends_with("+json");
}

}  // namespace

bool response_log_enabled() {
  return log().enabled;
}

void log_response(CURL* c, std::string_view method, const std::string_view* body) {
  Log& l = log();
  if (!l.enabled) return;
  long status = 0;
  const char* type = nullptr;
  const char* url = nullptr;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &url);
  if (status == 0) return;  // no answer at all (a transport error)
  std::string_view target = url ? url : "";
  if (auto scheme = target.find("://"); scheme != std::string_view::npos) {
    const auto slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? "/" : target.substr(slash);
  }
  const std::string content_type = type ? type : "";
  nlohmann::json line = {{"test", l.test},
                         {"method", method},
                         {"path", target},
                         {"status", status},
                         {"content_type", content_type},
                         {"body", nullptr}};
  if (body && is_json(content_type)) line["body"] = *body;
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::lock_guard lock(l.mutex);
  l.out << text << '\n';
  l.out.flush();
}

}  // namespace okno::testing
