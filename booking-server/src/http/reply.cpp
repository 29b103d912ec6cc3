// The shared reply helpers of every route file (reply.hpp).
#include "okno/server/http/reply.hpp"

#include <spdlog/spdlog.h>

#include "okno/server/http/api_json.hpp"

namespace okno {

Language request_language(const httplib::Request& req) {
  if (req.has_param("lang")) {
    if (auto l = parse_language(req.get_param_value("lang"))) return *l;
  }
  return negotiate_language(req.get_header_value("Accept-Language"));
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void send_error(const httplib::Request& req, httplib::Response& res, const Error& error,
                const Catalog& catalog, Language lang) {
  const int status = http_status(error.code);
  if (status >= 500) {
    spdlog::error("{} {}: {} ({})", req.method, loggable_path(req.path), to_string(error.code),
                  error.detail);
  }
  send_json(res, status, api::error_json(error, catalog, lang));
}

void send_error(const httplib::Request& req, httplib::Response& res, const Error& error,
                const Catalog& catalog) {
  send_error(req, res, error, catalog, request_language(req));
}

std::string loggable_path(const std::string& path) {
  // A booking code is a key to a client's visit: the API's and the public site's paths that
  // carry one (issue 12) keep only its first two characters in logs.
  static constexpr std::string_view kPrefixes[] = {"/api/v1/bookings/", "/booking/", "/survey/"};
  for (std::string_view prefix : kPrefixes) {
    if (path.rfind(prefix, 0) != 0 || path.size() <= prefix.size() + 2) continue;
    auto rest = path.substr(prefix.size());
    auto slash = rest.find('/');
    std::string tail = slash == std::string::npos ? "" : rest.substr(slash);
    return std::string(prefix) + rest.substr(0, 2) + "***" + tail;
  }
  return path;
}

}  // namespace okno
