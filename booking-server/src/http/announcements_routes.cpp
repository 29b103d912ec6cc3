// GET /api/v1/offices/{office}/announcements/{event_id}.wav: a call of the live stream spoken
// (chime, Russian, the visitor's language) for the web board (issue 11; Announcer). Public, as
// the event stream is: numbers and desks only.
#include <spdlog/spdlog.h>

#include "okno/server/http/reply.hpp"
#include "okno/server/http/routes.hpp"
#include "okno/server/queue/announcer.hpp"

namespace okno {

void announcement_routes(httplib::Server& http, Announcer& announcer, const Catalog& catalog) {
  http.Get(
      R"(/api/v1/offices/([^/]+)/announcements/([^/]*))",
      guarded(
          [&announcer, &catalog](const httplib::Request& req, httplib::Response& res) {
            // "{id}.wav", id a positive number of at most 18 digits (an event id).
            const std::string name = req.matches[2].str();
            constexpr std::string_view kExt = ".wav";
            const bool shaped = name.size() > kExt.size() && name.size() <= 18 + kExt.size() &&
                                name.ends_with(kExt) &&
                                name.find_first_not_of("0123456789") == name.size() - kExt.size();
            if (!shaped)
              return send_error(req, res, Error{ErrorCode::invalid_value, "event id"}, catalog);
            const std::int64_t id = std::stoll(name.substr(0, name.size() - kExt.size()));
            if (id <= 0)
              return send_error(req, res, Error{ErrorCode::invalid_value, "event id"}, catalog);
            auto audio = announcer.get(req.matches[1].str(), id);
            if (!audio) return send_error(req, res, audio.error(), catalog);
            // An event id names one call for good (ids are never reused): cacheable.
            res.set_header("Cache-Control", "public, max-age=86400");
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_content((*audio)->wav, "audio/wav");
          },
          json_errors(catalog)));
}

}  // namespace okno
