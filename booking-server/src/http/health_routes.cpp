// GET /healthz: up, the database schema's version, and the server's clock.
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"

namespace okno {

void health_routes(httplib::Server& http, const Clock& clock, const Catalog& catalog,
                   int schema_version) {
  http.Get("/healthz",
           guarded(
               [&clock, schema_version](const httplib::Request&, httplib::Response& res) {
                 send_json(res, 200,
                           {{"status", "ok"},
                            {"schema_version", schema_version},
                            {"now", api::utc_iso(clock.now())}});
               },
               json_errors(catalog)));
}

}  // namespace okno
