// What every route file shares to answer a request: its language, JSON bodies, errors as
// {"error":{"code","message"}} in that language (R-CHAN-3), the access log's path, and the
// guard that keeps every exception inside a handler (a logged 500, never a dropped connection).
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <utility>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "okno/error.hpp"
#include "okno/i18n.hpp"
#include "okno/language.hpp"

namespace okno {

// ?lang= when it names a supported language, else the Accept-Language negotiation.
Language request_language(const httplib::Request& req);

// A JSON body; error_handler_t::replace: a stray invalid byte never turns into an exception.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

// The error's status and JSON body, the message in `lang`; a 5xx is logged (its detail never
// reaches the client).
void send_error(const httplib::Request& req, httplib::Response& res, const Error& error,
                const Catalog& catalog, Language lang);
// The same in request_language(req).
void send_error(const httplib::Request& req, httplib::Response& res, const Error& error,
                const Catalog& catalog);

// Booking codes are bearer secrets: the access log shows only their first characters.
std::string loggable_path(const std::string& path);

// How a route file answers an error (its language, its headers, JSON or a page).
using ErrorReply =
    std::function<void(const httplib::Request&, httplib::Response&, const Error& error)>;

// Runs a handler body; an exception that escapes it is answered by `on_error` as internal.
template <class Body>
httplib::Server::Handler guarded(Body body, ErrorReply on_error) {
  return [body = std::move(body), on_error = std::move(on_error)](const httplib::Request& req,
                                                                  httplib::Response& res) {
    try {
      body(req, res);
    } catch (const std::exception& e) {
      on_error(req, res, Error{ErrorCode::internal, std::string("exception: ") + e.what()});
    } catch (...) {
      on_error(req, res, Error{ErrorCode::internal, "unknown exception"});
    }
  };
}

// The guard of JSON routes whose errors go out with send_error in the request's language.
inline ErrorReply json_errors(const Catalog& catalog) {
  return [&catalog](const httplib::Request& req, httplib::Response& res, const Error& error) {
    send_error(req, res, error, catalog);
  };
}

}  // namespace okno
