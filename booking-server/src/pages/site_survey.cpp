// The site's survey page (R-VISIT-13, R-CHAN-4): the closing message's link leads here. The
// rulebook's two questions first (R-FB-1: got an answer? how satisfied?), a comment, then the
// federal five criteria (Decree 1284) where the office has them on; once per visit.
#include <spdlog/spdlog.h>

#include "okno/server/http/abuse_guard.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/pages/page_kit.hpp"
#include "okno/server/pages/site_kit.hpp"

#include <nlohmann/json.hpp>

namespace okno {
namespace {

constexpr const char* kCriteria[] = {"time", "waiting", "staff", "comfort", "information"};
constexpr const char* kSatisfaction[] = {"satisfied", "partly", "not_satisfied"};

}  // namespace

void PublicSite::Impl::survey_routes(httplib::Server& http) {
  // The booking and its served ticket, by the path's code and the link's secret.
  struct Served {
    Booking booking;
    queue::Ticket ticket;
    const Office* office = nullptr;
  };
  auto served_of = [this](SitePage& p) -> std::optional<Served> {
    if (!abuse.code_allowed(p.req, p.res)) {
      throttled(p);
      return std::nullopt;
    }
    const std::string code = p.req.matches[1].str();
    auto b = secret_ok(code, site_field(p.req, "t"))
                 ? bookings.find(code)
                 : Result<Booking>(fail(ErrorCode::booking_not_found));
    if (!b) {
      abuse.code_wrong(p.req);
      refuse(p, 404, raw(p, "site.manage.not_found"));
      return std::nullopt;
    }
    auto ticket =
        visits.ticket_of ? visits.ticket_of(code) : Result<std::optional<queue::Ticket>>();
    if (!ticket) {
      refuse(p, 500, error_text(p, ticket.error()));
      return std::nullopt;
    }
    if (!*ticket || (*ticket)->state != queue::TicketState::finished) {
      // R-FB-1 is about a visit: before it there is nothing to rate yet.
      refuse(
          p, 409, raw(p, "site.survey.not_yet"),
          "<p><a href=\"" + manage_path(p, code) + "\">" + t(p, "site.manage.back") + "</a></p>");
      return std::nullopt;
    }
    const Office* office = offices.find(b->request.office_id);
    if (!office) {
      refuse(p, 404, raw(p, "site.manage.not_found"));
      return std::nullopt;
    }
    return Served{*b, **ticket, office};
  };

  auto form_page = [this](SitePage& p, const Served& s, const std::string& problem_field,
                          const std::string& problem) {
    auto radio = [&](const std::string& name, const std::string& value, const std::string& label) {
      const std::string id = name + "-" + value;
      const bool checked = site_field(p.req, name) == value;
      return "<div class=\"check\"><input type=\"radio\" id=\"" + id + "\" name=\"" + name +
             "\" value=\"" + value + "\"" + (checked ? " checked" : "") + "><label for=\"" + id +
             "\">" + html_escape(label) + "</label></div>";
    };
    std::string body = "<h1>" + t(p, "kiosk.feedback.title") + "</h1><p class=\"where\">" +
                       html_escape(s.office->name.get(p.lang)) + ", " +
                       html_escape(visit_time(p, *s.office, s.booking.request.start)) + "</p>";
    if (!problem.empty()) {
      body +=
          "<div class=\"notice error\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\"><p><a "
          "href=\"#" +
          problem_field + "\">" + html_escape(problem) + "</a></p></div>";
    }
    body += "<form method=\"post\" action=\"/survey/" + html_escape(s.booking.code) + "\">" +
            form_fields(p) + "<input type=\"hidden\" name=\"t\" value=\"" +
            html_escape(site_field(p.req, "t")) + "\">";
    body += "<fieldset id=\"got_answer\"><legend>" + t(p, "kiosk.feedback.q_answer") + "</legend>" +
            radio("got_answer", "yes", raw(p, "site.survey.yes")) +
            radio("got_answer", "no", raw(p, "site.survey.no")) + "</fieldset>";
    body += "<fieldset id=\"satisfaction\"><legend>" + t(p, "kiosk.feedback.q_rate") + "</legend>";
    for (const char* v : kSatisfaction) {
      body += radio("satisfaction", v, raw(p, std::string("kiosk.feedback.") + v));
    }
    body += "</fieldset><div class=\"field\"><label for=\"comment\">" +
            t(p, "site.survey.comment") +
            "</label><textarea id=\"comment\" name=\"comment\" "
            "rows=\"4\" maxlength=\"2000\">" +
            html_escape(site_field(p.req, "comment")) + "</textarea></div>";
    if (s.office->federal_survey) {
      body += "<section aria-labelledby=\"federal-h\"><h2 id=\"federal-h\">" +
              t(p, "kiosk.federal.title") + "</h2><p class=\"hint\">" + t(p, "kiosk.federal.hint") +
              "</p>";
      for (const char* c : kCriteria) {
        const std::string name = std::string("federal_") + c;
        body += "<fieldset class=\"scale\" id=\"" + name + "\"><legend>" +
                t(p, std::string("kiosk.federal.") + c) + "</legend>";
        for (int score = 1; score <= 5; ++score) {
          body += radio(name, std::to_string(score), std::to_string(score));
        }
        body += "</fieldset>";
      }
      body += "</section>";
    }
    body += "<button type=\"submit\">" + t(p, "kiosk.feedback.send") + "</button></form>";
    send(p, problem.empty() ? 200 : 422, raw(p, "kiosk.feedback.title"), body);
  };

  static const std::string kPath = R"(/survey/([A-Za-z0-9-]{1,20}))";
  http.Get(kPath,
           [this, served_of, form_page](const httplib::Request& req, httplib::Response& res) {
             SitePage p = begin(req, res);
             auto s = served_of(p);
             if (!s) return;
             form_page(p, *s, "", "");
           });
  http.Post(
      kPath, [this, served_of, form_page](const httplib::Request& req, httplib::Response& res) {
        SitePage p = begin(req, res);
        if (!csrf_ok(p)) return;
        auto s = served_of(p);
        if (!s) return;
        NewFeedback f;
        f.office = s->office->id;
        f.channel = "web";
        f.ticket = s->ticket.display();
        f.ticket_id = s->ticket.id;
        f.language = p.lang;
        f.at = clock.now();
        const std::string answer = site_field(req, "got_answer");
        if (answer == "yes" || answer == "no") f.got_answer = answer == "yes";
        const std::string satisfaction = site_field(req, "satisfaction");
        for (const char* v : kSatisfaction) {
          if (satisfaction == v) f.satisfaction = v;
        }
        f.comment = site_field(req, "comment");
        if (f.comment.size() > 2000 || !is_valid_utf8(f.comment)) {
          return form_page(p, *s, "comment", raw(p, "site.survey.comment_too_long"));
        }
        nlohmann::json federal = nlohmann::json::object();
        if (s->office->federal_survey) {
          for (const char* c : kCriteria) {
            const std::string v = site_field(req, std::string("federal_") + c);
            if (v.size() == 1 && v[0] >= '1' && v[0] <= '5') federal[c] = v[0] - '0';
          }
        }
        f.federal_json = federal.dump();
        // R-FB-1: the two questions are what the survey is for; without either, ask again.
        if (!f.got_answer || f.satisfaction.empty()) {
          return form_page(p, *s, !f.got_answer ? "got_answer" : "satisfaction",
                           raw(p, "site.survey.answer_both"));
        }
        auto admitted = abuse.admit(req, res, AbuseGuard::Kind::feedback, std::nullopt);
        if (!admitted) return throttled(p);
        auto id = visits.add_feedback ? visits.add_feedback(f)
                                      : Result<std::int64_t>(fail(ErrorCode::internal, "no queue"));
        if (!id) {
          if (id.error().code == ErrorCode::feedback_given) {
            return refuse(p, 409, raw(p, "error.feedback_given"));
          }
          return refuse(p, 500, error_text(p, id.error()));
        }
        admitted->keep();
        spdlog::info("site: feedback for {}", loggable_path("/survey/" + s->booking.code));
        send(p, 200, raw(p, "kiosk.feedback.title"),
             "<div class=\"notice success\" role=\"status\"><h1>" + t(p, "kiosk.feedback.thanks") +
                 "</h1></div><p><a href=\"" + href(p, "/book") + "\">" + t(p, "site.book.start") +
                 "</a></p>");
      });
}

}  // namespace okno
