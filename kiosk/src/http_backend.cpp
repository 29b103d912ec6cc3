// libcurl requests with short timeouts: a kiosk must not hang on a dead server. Any transport
// failure is "unreachable"; a 4xx/5xx answer is "refused" with the server's plain-words message.
#include "http_backend.hpp"

#include <curl/curl.h>

#include <nlohmann/json.hpp>

#include "okno/booking_code.hpp"

namespace okno::kiosk {
namespace {

using nlohmann::json;

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::unexpected<BackendError> refused_from(const HttpBackend::Response& r) {
  BackendError e{BackendError::Kind::refused, {}, {}, static_cast<int>(r.status)};
  json doc = json::parse(r.body, nullptr, false);
  if (doc.is_object() && doc.contains("error") && doc["error"].is_object()) {
    e.code = doc["error"].value("code", "");
    e.message = doc["error"].value("message", "");
  }
  if (r.status >= 500) e.kind = BackendError::Kind::unreachable;  // treat as an outage, retry
  return std::unexpected(e);
}

std::unexpected<BackendError> bad_answer() {
  return std::unexpected(BackendError{BackendError::Kind::unreachable, "bad_answer", {}, 0});
}

// The route does not exist on this server (an older server without the queue API).
bool route_missing(const HttpBackend::Response& r) {
  if (r.status != 404) return false;
  json doc = json::parse(r.body, nullptr, false);
  return doc.is_object() && doc.contains("error") && doc["error"].value("code", "") == "not_found";
}

Ticket ticket_from(const json& t) {
  Ticket out;
  out.number = t.value("number", "");
  out.service = t.value("service", "");
  out.issued_at = t.value("issued_at", "");
  out.people_ahead = t.value("people_ahead", 0);
  out.estimated_wait_min = t.value("estimated_wait_min", 0);
  out.desk = t.value("desk", "");
  return out;
}

// The booking's language and whether it asked for large print, from a ticket or a booking.
void visitor_needs_from(const json& doc, CheckinResult& out) {
  if (doc.contains("language") && doc["language"].is_string()) {
    out.language = parse_language(doc["language"].get<std::string>());
  }
  if (doc.contains("needs") && doc["needs"].is_array()) {
    for (const auto& n : doc["needs"]) out.large_print |= n == "large_print";
  }
}

std::string escape_path(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

struct HttpBackend::Impl {
  std::string base;
  std::string kiosk_header;  // "X-Kiosk-Key: …", empty without a key
  long timeout_ms;
  CURL* curl = nullptr;
  ~Impl() {
    if (curl) curl_easy_cleanup(curl);
  }
};

HttpBackend::HttpBackend(std::string base_url, long timeout_ms) : impl_(std::make_unique<Impl>()) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  impl_->base = std::move(base_url);
  impl_->timeout_ms = timeout_ms;
  impl_->curl = curl_easy_init();
}

HttpBackend::~HttpBackend() = default;

void HttpBackend::set_kiosk_key(std::string key) {
  impl_->kiosk_header = key.empty() ? std::string() : "X-Kiosk-Key: " + key;
}

BackendResult<HttpBackend::Response> HttpBackend::request(const std::string& method,
                                                          const std::string& path,
                                                          const std::string& body, Language lang) {
  CURL* c = impl_->curl;
  if (!c) return std::unexpected(BackendError{});
  curl_easy_reset(c);
  Response r;
  const std::string url = impl_->base + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(2000L, impl_->timeout_ms));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, impl_->timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  curl_slist* headers = nullptr;
  const std::string accept_language = "Accept-Language: " + std::string(to_string(lang));
  headers = curl_slist_append(headers, accept_language.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/json");
  if (!impl_->kiosk_header.empty())
    headers = curl_slist_append(headers, impl_->kiosk_header.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  if (method == "POST") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    return std::unexpected(
        BackendError{BackendError::Kind::unreachable, curl_easy_strerror(rc), {}, 0});
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  return r;
}

BackendResult<void> HttpBackend::health() {
  auto r = request("GET", "/healthz", "");
  if (!r) return std::unexpected(r.error());
  if (r->status != 200) return refused_from(*r);
  return {};
}

BackendResult<std::vector<ServiceQueue>> HttpBackend::queue_status(const std::string& office) {
  auto r = request("GET", "/api/v1/offices/" + escape_path(office) + "/queue", "");
  if (!r) return std::unexpected(r.error());
  if (r->status != 200) return refused_from(*r);
  json doc = json::parse(r->body, nullptr, false);
  if (!doc.is_object() || !doc.contains("services") || !doc["services"].is_array()) {
    return bad_answer();
  }
  std::vector<ServiceQueue> out;
  for (const auto& s : doc["services"]) {
    out.push_back({s.value("service", ""), s.value("waiting", 0), s.value("estimated_wait_min", 0),
                   s.value("daily_cap_reached", false)});
  }
  return out;
}

BackendResult<Ticket> HttpBackend::take_ticket(const std::string& office,
                                               const TicketRequest& request_body) {
  json body = {{"service", request_body.service},
               {"language", to_string(request_body.language)},
               {"priority", to_string(request_body.priority)},
               {"needs", request_body.needs},
               {"channel", "kiosk"}};
  auto r = request("POST", "/api/v1/offices/" + escape_path(office) + "/tickets", body.dump(),
                   request_body.language);
  if (!r) return std::unexpected(r.error());
  if (r->status != 201 && r->status != 200) return refused_from(*r);
  json doc = json::parse(r->body, nullptr, false);
  if (!doc.is_object()) return bad_answer();
  return ticket_from(doc);
}

BackendResult<CheckinResult> HttpBackend::check_in(const std::string& office,
                                                   const std::string& code, Language lang) {
  json body = {{"code", code}};
  auto r =
      request("POST", "/api/v1/offices/" + escape_path(office) + "/checkin", body.dump(), lang);
  if (!r) return std::unexpected(r.error());
  CheckinResult out;
  out.code = code;
  if (r->status == 200 || r->status == 201) {
    json doc = json::parse(r->body, nullptr, false);
    if (!doc.is_object()) return bad_answer();
    out.queue_available = true;
    if (doc.contains("ticket") && doc["ticket"].is_object()) {
      out.ticket = ticket_from(doc["ticket"]);
      visitor_needs_from(doc["ticket"], out);
    }
    out.service = doc.value("service", out.ticket ? out.ticket->service : "");
    out.start = doc.value("start", "");
    out.desk = doc.value("desk", out.ticket ? out.ticket->desk : "");
    return out;
  }
  if (!route_missing(*r)) return refused_from(*r);
  // No queue API on this server yet (issue 4): confirm the booking itself, so the visitor still
  // learns that it is valid and where to wait.
  auto b = request(
      "GET", "/api/v1/bookings/" + escape_path(code) + "?lang=" + std::string(to_string(lang)), "",
      lang);
  if (!b) return std::unexpected(b.error());
  if (b->status != 200) return refused_from(*b);
  json doc = json::parse(b->body, nullptr, false);
  if (!doc.is_object()) return bad_answer();
  if (doc.value("status", "") != "booked" || doc.value("office", "") != office) {
    return std::unexpected(BackendError{BackendError::Kind::refused, "booking_not_here",
                                        doc.value("status_text", ""), 409});
  }
  out.service = doc.value("service", "");
  out.start = doc.value("start", "");
  visitor_needs_from(doc, out);
  return out;
}

BackendResult<std::vector<FreeSlot>> HttpBackend::free_slots(const std::string& office,
                                                             const std::string& service,
                                                             const std::string& from,
                                                             const std::string& to) {
  auto r = request("GET",
                   "/api/v1/offices/" + escape_path(office) +
                       "/slots?service=" + escape_path(service) + "&from=" + from + "&to=" + to,
                   "");
  if (!r) return std::unexpected(r.error());
  if (r->status != 200) return refused_from(*r);
  json doc = json::parse(r->body, nullptr, false);
  if (!doc.is_object() || !doc.contains("slots") || !doc["slots"].is_array()) return bad_answer();
  std::vector<FreeSlot> out;
  for (const auto& s : doc["slots"]) {
    out.push_back({s.value("start", ""), s.value("end", ""), s.value("free", 0)});
  }
  return out;
}

BackendResult<BookingConfirmation> HttpBackend::book(const std::string& office,
                                                     const BookingDraft& draft) {
  // The kiosk asks for no name (only the phone, and only for the reminder); the API requires a
  // name, so a fixed label marks kiosk bookings. See docs/kiosk.md, "Open questions".
  // No name at the kiosk: the visitor is here in person and the server does not need one.
  json client = json::object();
  if (!draft.phone.empty()) client["phone"] = draft.phone;
  json notify = {{"extra", draft.phone.empty() ? json::array() : json::array({"sms"})}};
  json body = {{"office", office},
               {"service", draft.service},
               {"start", draft.start},
               {"channel", "kiosk"},
               {"client", client},
               {"notify", notify},
               {"reminders", draft.reminders},
               {"language", to_string(draft.language)},
               {"needs", draft.needs},
               {"consent", {{"given", draft.consent_given}, {"version", draft.consent_version}}}};
  auto r = request("POST", "/api/v1/bookings", body.dump(), draft.language);
  if (!r) return std::unexpected(r.error());
  if (r->status != 201) return refused_from(*r);
  json doc = json::parse(r->body, nullptr, false);
  if (!doc.is_object()) return bad_answer();
  return BookingConfirmation{doc.value("code", ""), doc.value("start", ""),
                             doc.value("service", "")};
}

BackendResult<void> HttpBackend::send_feedback(const std::string& office,
                                               const FeedbackAnswers& a) {
  json federal = json::object();
  static constexpr const char* kCriteria[] = {"time", "waiting", "staff", "comfort", "information"};
  for (int i = 0; i < 5; ++i) {
    if (a.federal[i] > 0) federal[kCriteria[i]] = a.federal[i];
  }
  json body = {{"office", office},
               {"channel", "kiosk"},
               {"ticket", a.ticket},
               {"got_answer", a.got_answer ? json(*a.got_answer) : json(nullptr)},
               {"satisfaction", a.satisfaction},
               {"comment", a.comment},
               {"language", to_string(a.language)},
               {"federal", federal}};
  auto r = request("POST", "/api/v1/feedback", body.dump(), a.language);
  if (!r) return std::unexpected(r.error());
  if (r->status != 201 && r->status != 200) return refused_from(*r);
  return {};
}

}  // namespace okno::kiosk
