// The HTTP server's settings, shared by every route: the worker pool, limits and timeouts, and
// the answers cpp-httplib gives itself (no route, body too large, malformed) in our JSON shape.
#include <sys/socket.h>

#include <spdlog/spdlog.h>

#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/queue/queue_events.hpp"

namespace okno {

void configure_server(httplib::Server& http, const ServerOptions& options, const Catalog& catalog,
                      int& listen_fd) {
  const int threads = std::max(4, options.threads);
  // Grows past `threads` for open event streams (queue_events.hpp), so they never starve requests.
  http.new_task_queue = [threads] {
    return new ElasticTaskQueue(static_cast<size_t>(threads),
                                static_cast<size_t>(threads) + kMaxEventStreams);
  };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_keep_alive_timeout(5);
  // cpp-httplib closes a keep-alive connection after 5 requests by default: every 5th request
  // then pays a new TCP connection and a pool hand-off (bench/: ~1 reconnect per 5 bookings).
  http.set_keep_alive_max_count(1000);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_tcp_nodelay(true);
  http.set_socket_options([&listen_fd](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = sock;
  });
  // Errors cpp-httplib answers itself (no route, body too large, malformed request) get the
  // same JSON shape as ours.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&catalog](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        ErrorCode code = ErrorCode::bad_request;
        if (res.status == 404) code = ErrorCode::not_found;
        if (res.status == 405) code = ErrorCode::method_not_allowed;
        if (res.status == 413) code = ErrorCode::body_too_large;
        if (res.status >= 500) code = ErrorCode::internal;
        const int status = res.status;
        send_json(res, status, api::error_json(Error{code, {}}, catalog, request_language(req)));
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [&catalog](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        send_error(req, res, Error{ErrorCode::internal, "exception outside a handler"}, catalog);
      });
  // cpp-httplib 0.11 applies the payload limit to Content-Length bodies only; a chunked body
  // would be read whole, of any size. Refuse it before it is read.
  http.set_pre_routing_handler([&catalog](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.set_header("Connection", "close");
    send_json(res, 411,
              api::error_json(Error{ErrorCode::bad_request, {}}, catalog, request_language(req)));
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::debug("{} {} -> {}", req.method, loggable_path(req.path), res.status);
  });
}

}  // namespace okno
