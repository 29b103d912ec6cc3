// A keep-alive libcurl client (see http_client.hpp).
#include "process/http_client.hpp"

#include "process/response_log.hpp"

#include <cctype>
#include <new>
#include <stdexcept>

namespace okno::testing {
namespace {

size_t write_body(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t write_header(char* data, size_t size, size_t n, void* out) {
  const std::string_view line(data, size * n);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
    (*static_cast<HeaderMap*>(out))[name] = value;
  }
  return size * n;
}

}  // namespace

void curl_global() {
  struct Global {
    Global() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~Global() { curl_global_cleanup(); }
  };
  static const Global global;
}

CurlSlistPtr request_headers(std::string_view method, const std::vector<std::string>& headers) {
  CurlSlistPtr list;
  auto add = [&](const char* header) {
    curl_slist* head = curl_slist_append(list.get(), header);
    if (!head) throw std::bad_alloc();
    if (!list) list.reset(head);  // later nodes go after the first, which stays the head
  };
  bool has_type = false;
  for (const auto& h : headers) {
    add(h.c_str());
    if (h.rfind("Content-Type:", 0) == 0) has_type = true;
  }
  if (method == "POST" || method == "PUT" || method == "PATCH") {
    if (!has_type) add("Content-Type: application/json");
    add("Expect:");
  }
  return list;
}

KeepAliveClient::KeepAliveClient(std::string base_url, const std::vector<std::string>& headers)
    : base_(std::move(base_url)),
      get_headers_(request_headers("GET", headers)),
      post_headers_(request_headers("POST", headers)) {
  curl_global();
  curl_.reset(curl_easy_init());
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
  CURL* c = curl_.get();
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
}

long KeepAliveClient::send(const char* method, std::string_view path, std::string_view body,
                           curl_slist* headers, HeaderMap* response_headers) {
  // The handle is reused, not reset (a reset would drop the constructor's settings), so every
  // option that can differ between requests is set on each one; WRITEDATA too, as the client may
  // have moved since the last.
  CURL* c = curl_.get();
  url_.assign(base_).append(path);
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body_);
  const curl_write_callback on_header = response_headers ? write_header : nullptr;
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, response_headers);
  const std::string_view verb = method;
  if (verb == "POST" || verb == "PUT" || verb == "PATCH") {  // methods with a body
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, verb == "POST" ? nullptr : method);
    // Never null: a null POSTFIELDS would make libcurl read the body from stdin.
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.empty() ? "" : body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, verb == "GET" ? nullptr : method);
  }
  body_.clear();
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    body_ = curl_easy_strerror(rc);
    return -1;
  }
  if (response_log_enabled()) {
    const std::string_view answer = body_;
    log_response(c, verb, &answer);
  }
  long status = 0;
  long fresh = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &fresh);
  connects_ += fresh;
  return status;
}

}  // namespace okno::testing
