// Test and benchmark support: a libcurl client that keeps one connection alive across requests
// (one easy handle), and RAII owners for libcurl's handles. The benchmarks time requests through
// it, so a request allocates nothing once the client's buffers have grown.
#pragma once

#include <curl/curl.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace okno::testing {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using CurlSlistPtr = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// curl_global_init, once per process (the first client calls it, before it makes a handle);
// curl_global_cleanup at exit.
void curl_global();

// The header list of a request ("Name: value" each; null when empty): `headers` as given; a POST
// adds "Content-Type: application/json" unless `headers` has a Content-Type, and turns off
// "Expect: 100-continue" (a round trip for nothing).
CurlSlistPtr request_headers(std::string_view method, const std::vector<std::string>& headers);

// Response headers: lower-case names to values.
using HeaderMap = std::map<std::string, std::string>;

// Not thread-safe: one per thread. TCP_NODELAY, a 30 s timeout.
class KeepAliveClient {
 public:
  // `headers` go with every get() and post() (e.g. a staff token).
  explicit KeepAliveClient(std::string base_url, const std::vector<std::string>& headers = {});

  // The status code, or -1 on a transport error (body() says which); the body stays in body().
  long get(std::string_view path) { return send("GET", path, {}, get_headers_.get()); }
  long post(std::string_view path, std::string_view body) {
    return send("POST", path, body, post_headers_.get());
  }
  // Any method, with these headers (see request_headers); the body goes only with a POST.
  // `response_headers`, when given, receives the response's headers.
  long send(const char* method, std::string_view path, std::string_view body, curl_slist* headers,
            HeaderMap* response_headers = nullptr);

  const std::string& body() const { return body_; }
  std::string take_body() { return std::exchange(body_, {}); }
  // New TCP connections this client opened so far (a keep-alive that holds opens one).
  long connects() const { return connects_; }

 private:
  std::string base_;
  std::string url_;
  std::string body_;
  long connects_ = 0;
  CurlPtr curl_;
  CurlSlistPtr get_headers_;
  CurlSlistPtr post_headers_;
};

}  // namespace okno::testing
