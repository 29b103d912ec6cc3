// Test support: a log of every HTTP answer the test clients receive, for the check of those
// answers against docs/openapi.json (tests/openapi, R-VISIT-1: the document is what API
// consumers build on). Off unless OKNO_RESPONSE_LOG names a folder; then each process appends
// one JSON line per answer to <folder>/<program>-<pid>.jsonl:
//   {"test","method","path","status","content_type","body"}
// "path" is the request target (path and query), "body" the text of a JSON answer or null for
// other media types and streams, "test" the --gtest_filter the process runs under ctest.
#pragma once

#include <curl/curl.h>

#include <string_view>

namespace okno::testing {

// Whether answers are logged (OKNO_RESPONSE_LOG set), read once per process.
bool response_log_enabled();

// Logs the answer of the transfer `c` just made (status, content type and effective URL are
// read from the handle). `body` is the answer's body, or null when it was not kept (a stream).
// Thread-safe; does nothing when the log is off.
void log_response(CURL* c, std::string_view method, const std::string_view* body);

}  // namespace okno::testing
