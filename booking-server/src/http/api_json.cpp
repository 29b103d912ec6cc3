// Strict JSON reading for the booking API and rendering of its answers.
#include "okno/server/http/api_json.hpp"

#include "okno/secret.hpp"

#include <set>

namespace okno::api {
namespace {

using nlohmann::json;

Error field_error(ErrorCode code, std::string field) {
  return Error{code, std::move(field)};
}

Result<void> only_known_fields(const json& obj, std::initializer_list<std::string_view> known,
                               std::string_view prefix) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (auto k : known) ok = ok || it.key() == k;
    if (!ok)
      return std::unexpected(field_error(ErrorCode::unknown_field, std::string(prefix) + it.key()));
  }
  return {};
}

Result<std::string> get_string(const json& obj, const char* key, std::string_view path,
                               bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || (!required && it->is_null())) {
    if (required) return std::unexpected(field_error(ErrorCode::missing_field, std::string(path)));
    return std::string();
  }
  if (!it->is_string())
    return std::unexpected(field_error(ErrorCode::wrong_type, std::string(path)));
  return it->get<std::string>();
}

template <class T, class Parse>
Result<std::vector<T>> get_enum_list(const json& obj, const char* key, std::string_view path,
                                     Parse parse, ErrorCode bad_value) {
  std::vector<T> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array())
    return std::unexpected(field_error(ErrorCode::wrong_type, std::string(path)));
  for (const auto& item : *it) {
    if (!item.is_string())
      return std::unexpected(field_error(ErrorCode::wrong_type, std::string(path)));
    auto v = parse(item.get<std::string>());
    if (!v) return std::unexpected(field_error(bad_value, std::string(path)));
    out.push_back(*v);
  }
  return out;
}

Result<json> parse_object(std::string_view body) {
  if (!is_valid_utf8(body)) return fail(ErrorCode::invalid_utf8);
  json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail(ErrorCode::invalid_json);
  if (!doc.is_object()) return std::unexpected(field_error(ErrorCode::wrong_type, "(body)"));
  return doc;
}

Result<BookingChannel> read_channel(const json& doc) {
  auto channel = get_string(doc, "channel", "channel", false);
  if (!channel) return std::unexpected(channel.error());
  if (channel->empty()) return BookingChannel::web;
  auto parsed = parse_booking_channel(*channel);
  if (!parsed) return std::unexpected(field_error(ErrorCode::invalid_value, "channel"));
  return *parsed;
}

}  // namespace

Result<BookingRequest> parse_booking_request(std::string_view body) {
  auto parsed = parse_object(body);
  if (!parsed) return std::unexpected(parsed.error());
  const json& doc = *parsed;
  if (auto r = only_known_fields(doc,
                                 {"office", "service", "start", "channel", "client", "notify",
                                  "reminders", "language", "needs", "consent"},
                                 "");
      !r) {
    return std::unexpected(r.error());
  }
  BookingRequest req;
  auto office = get_string(doc, "office", "office", true);
  if (!office) return std::unexpected(office.error());
  req.office_id = *office;
  auto service = get_string(doc, "service", "service", true);
  if (!service) return std::unexpected(service.error());
  req.service_id = *service;
  auto start = get_string(doc, "start", "start", true);
  if (!start) return std::unexpected(start.error());
  auto instant = parse_iso_instant(*start);
  if (!instant) return std::unexpected(field_error(ErrorCode::invalid_date, "start"));
  req.start = *instant;
  auto channel = read_channel(doc);
  if (!channel) return std::unexpected(channel.error());
  req.channel = *channel;

  auto client = doc.find("client");
  if (client == doc.end()) return std::unexpected(field_error(ErrorCode::missing_field, "client"));
  if (!client->is_object()) return std::unexpected(field_error(ErrorCode::wrong_type, "client"));
  if (auto r = only_known_fields(*client, {"name", "phone", "email"}, "client."); !r) {
    return std::unexpected(r.error());
  }
  // The name is required but at the kiosk, where the visitor books in person (booking.cpp).
  auto name = get_string(*client, "name", "client.name", req.channel != BookingChannel::kiosk);
  if (!name) return std::unexpected(name.error());
  req.client.name = *name;
  auto phone = get_string(*client, "phone", "client.phone", false);
  if (!phone) return std::unexpected(phone.error());
  req.client.phone = *phone;
  auto email = get_string(*client, "email", "client.email", false);
  if (!email) return std::unexpected(email.error());
  req.client.email = *email;

  if (auto notify = doc.find("notify"); notify != doc.end() && !notify->is_null()) {
    if (!notify->is_object()) return std::unexpected(field_error(ErrorCode::wrong_type, "notify"));
    if (auto r = only_known_fields(*notify, {"mandatory", "extra"}, "notify."); !r) {
      return std::unexpected(r.error());
    }
    auto mandatory = get_string(*notify, "mandatory", "notify.mandatory", false);
    if (!mandatory) return std::unexpected(mandatory.error());
    if (!mandatory->empty()) {
      req.notify.mandatory = parse_notify_channel(*mandatory);
      if (!req.notify.mandatory) {
        return std::unexpected(field_error(ErrorCode::invalid_channel, "notify.mandatory"));
      }
    }
    auto extra = get_enum_list<NotifyChannel>(*notify, "extra", "notify.extra",
                                              parse_notify_channel, ErrorCode::invalid_channel);
    if (!extra) return std::unexpected(extra.error());
    req.notify.extra = *extra;
  }
  auto reminders = get_enum_list<Reminder>(doc, "reminders", "reminders", parse_reminder,
                                           ErrorCode::invalid_value);
  if (!reminders) return std::unexpected(reminders.error());
  req.reminders.insert(reminders->begin(), reminders->end());
  auto needs = get_enum_list<Need>(doc, "needs", "needs", parse_need, ErrorCode::invalid_value);
  if (!needs) return std::unexpected(needs.error());
  req.needs.insert(needs->begin(), needs->end());

  auto language = get_string(doc, "language", "language", false);
  if (!language) return std::unexpected(language.error());
  if (!language->empty()) {
    auto lang = parse_language(*language);
    if (!lang || language->size() != 2) {
      return std::unexpected(field_error(ErrorCode::invalid_language, "language"));
    }
    req.language = *lang;
  }

  // Personal-data consent is its own object, never implied by anything else (152-FZ).
  if (auto consent = doc.find("consent"); consent != doc.end() && !consent->is_null()) {
    if (!consent->is_object())
      return std::unexpected(field_error(ErrorCode::wrong_type, "consent"));
    if (auto r = only_known_fields(*consent, {"given", "version"}, "consent."); !r) {
      return std::unexpected(r.error());
    }
    auto given = consent->find("given");
    if (given != consent->end()) {
      if (!given->is_boolean())
        return std::unexpected(field_error(ErrorCode::wrong_type, "consent.given"));
      req.consent.given = given->get<bool>();
    }
    auto version = get_string(*consent, "version", "consent.version", false);
    if (!version) return std::unexpected(version.error());
    req.consent.text_version = *version;
  }
  return req;
}

Result<ChangeRequest> parse_change_request(std::string_view body, bool needs_start) {
  ChangeRequest change;
  if (body.empty() && !needs_start) return change;
  auto parsed = parse_object(body);
  if (!parsed) return std::unexpected(parsed.error());
  const json& doc = *parsed;
  if (auto r = only_known_fields(doc,
                                 needs_start
                                     ? std::initializer_list<std::string_view>{"channel", "start"}
                                     : std::initializer_list<std::string_view>{"channel"},
                                 "");
      !r) {
    return std::unexpected(r.error());
  }
  auto channel = read_channel(doc);
  if (!channel) return std::unexpected(channel.error());
  change.channel = *channel;
  if (needs_start) {
    auto start = get_string(doc, "start", "start", true);
    if (!start) return std::unexpected(start.error());
    change.start = parse_iso_instant(*start);
    if (!change.start) return std::unexpected(field_error(ErrorCode::invalid_date, "start"));
  }
  return change;
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 5)) + std::string(phone.size() - 9, '*') +
         std::string(phone.substr(phone.size() - 4));
}

std::string mask_email(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos) return "***";
  auto keep = std::min<size_t>(2, at);
  return std::string(email.substr(0, keep)) + "***" + std::string(email.substr(at));
}

nlohmann::json directions_json(const Office& office, Language lang) {
  return {{"address", office.address.get(lang)},
          {"transit", office.directions.transit.get(lang)},
          {"entrance", office.directions.entrance.get(lang)},
          {"floor", office.directions.floor.get(lang)}};
}

nlohmann::json booking_json(const Booking& b, const Office& office, const Service& service,
                            const Catalog& catalog) {
  const auto& r = b.request;
  json notify = {
      {"mandatory", r.notify.mandatory ? json(to_string(*r.notify.mandatory)) : json(nullptr)},
      {"extra", json::array()}};
  for (auto c : r.notify.extra) notify["extra"].push_back(to_string(c));
  json reminders = json::array();
  for (auto x : reminders_in_force(b)) reminders.push_back(to_string(x));
  json needs = json::array();
  for (auto n : r.needs) needs.push_back(to_string(n));
  json client = {{"name", r.client.name}};
  if (!r.client.phone.empty()) client["phone"] = mask_phone(r.client.phone);
  if (!r.client.email.empty()) client["email"] = mask_email(r.client.email);
  const std::string self = "/api/v1/bookings/" + b.code;
  return {
      {"code", b.code},
      {"status", to_string(b.status)},
      {"status_text",
       catalog.text(r.language, "booking.status." + std::string(to_string(b.status)))},
      {"office", office.id},
      {"office_name", office.name.get(r.language)},
      {"service", service.id},
      {"service_name", service.name.get(r.language)},
      {"start", format_local_iso(office, r.start)},
      {"end", format_local_iso(office, b.end)},
      {"time_zone", office.time_zone_name},
      {"channel", to_string(r.channel)},
      {"client", client},
      {"notify", notify},
      {"reminders", reminders},
      {"language", to_string(r.language)},
      {"needs", needs},
      {"consent",
       {{"version", r.consent.text_version}, {"at", format_local_iso(office, r.consent.at)}}},
      {"directions", directions_json(office, r.language)},
      {"version", b.version},
      {"links",
       {{"self", self},
        {"cancel", self + "/cancel"},
        {"reschedule", self + "/reschedule"},
        {"calendar", self + "/calendar.ics"},
        {"qr_svg", self + "/qr.svg"},
        {"qr_png", self + "/qr.png"}}},
  };
}

nlohmann::json service_json(const Service& service, Language lang) {
  return {{"id", service.id},
          {"name", service.name.get(lang)},
          {"duration_min", service.duration.count()},
          {"places_per_slot", service.places_per_slot},
          {"horizon_days", service.horizon_days},
          {"lead_time_min", service.min_lead_time.count()},
          {"ticket_letter", std::string(1, service.ticket_letter)}};
}

nlohmann::json office_json(const Office& office, Language lang) {
  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto hhmm = [](Minutes m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m.count() / 60),
                  static_cast<int>(m.count() % 60));
    return std::string(buf);
  };
  json hours = json::object();
  for (size_t i = 0; i < 7; ++i) {
    const auto& day = office.weekly[i];
    if (!day.open) {
      hours[kDays[i]] = nullptr;
      continue;
    }
    json breaks = json::array();
    for (const auto& b : day.breaks) breaks.push_back(hhmm(b.begin) + "-" + hhmm(b.end));
    hours[kDays[i]] = {{"open", hhmm(day.open->begin) + "-" + hhmm(day.open->end)},
                       {"breaks", breaks}};
  }
  json desks = json::array();
  for (const auto& d : office.desks) {
    desks.push_back(
        {{"id", d.id}, {"name", d.name.get(lang)}, {"floor", d.floor}, {"services", d.services}});
  }
  return {{"id", office.id},
          {"name", office.name.get(lang)},
          {"short_name", office.short_name.get(lang)},
          {"time_zone", office.time_zone_name},
          {"hours", hours},
          {"directions", directions_json(office, lang)},
          {"desks", desks}};
}

nlohmann::json error_json(const Error& error, const Catalog& catalog, Language lang) {
  json body = {{"code", to_string(error.code)},
               {"message", error.words ? error.words(catalog, lang)
                                       : catalog.error_message(lang, error.code)}};
  switch (error.code) {
    case ErrorCode::unknown_field:
    case ErrorCode::wrong_type:
    case ErrorCode::missing_field:
    case ErrorCode::invalid_value:
    case ErrorCode::invalid_date:
    case ErrorCode::invalid_channel:
    case ErrorCode::invalid_language:
      // Only a field path (no spaces) is shown; other details are for the log.
      if (!error.detail.empty() && error.detail.find(' ') == std::string::npos) {
        body["field"] = error.detail;
      }
      break;
    // Checks made after parsing know the field by their code alone; a form can point at it.
    case ErrorCode::invalid_phone:
      body["field"] = "client.phone";
      break;
    case ErrorCode::invalid_email:
      body["field"] = "client.email";
      break;
    case ErrorCode::invalid_name:
      body["field"] = "client.name";
      break;
    case ErrorCode::consent_missing:
      body["field"] = "consent";
      break;
    case ErrorCode::contact_missing:
      body["field"] = "notify";
      break;
    default:
      break;
  }
  return {{"error", body}};
}

Result<std::map<std::string, std::string>> string_fields(std::string_view body,
                                                         std::initializer_list<const char*> known) {
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded()) return fail(ErrorCode::invalid_json);
  if (!doc.is_object()) return fail(ErrorCode::wrong_type, "body");
  std::map<std::string, std::string> out;
  for (auto& [key, value] : doc.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) return fail(ErrorCode::unknown_field, key);
    if (!value.is_string()) return fail(ErrorCode::wrong_type, key);
    out[key] = value.get<std::string>();
    if (!is_valid_utf8(out[key])) return fail(ErrorCode::invalid_utf8, key);
  }
  return out;
}

std::string utc_iso(Seconds t) {
  return date::format("%FT%TZ", t);
}

Result<nlohmann::json> booking_json(const Booking& b, const OfficeDirectory& offices,
                                    const Catalog& catalog) {
  const Office* office = offices.find(b.request.office_id);
  const Service* svc = office ? office->find_service(b.request.service_id) : nullptr;
  if (!office || !svc)
    return fail(ErrorCode::internal, "booking's office or service is no longer configured");
  return booking_json(b, *office, *svc, catalog);
}

Result<CreateOutcome> book_rendered(
    BookingService& service, const BookingRequest& request,
    const std::optional<IdempotencyKey>& idempotency,
    const std::function<Result<nlohmann::json>(const Booking&)>& render) {
  std::optional<Error> render_error;
  auto outcome = service.book(request, idempotency, [&](const Booking& b) {
    auto body = render(b);
    if (!body) {
      render_error = body.error();
      return std::string("{}");
    }
    return body->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
  if (!outcome) return outcome;
  if (render_error) return std::unexpected(*render_error);
  return outcome;
}

Result<std::optional<IdempotencyKey>> idempotency_key(const std::optional<std::string>& header,
                                                      std::string_view route,
                                                      std::string_view body) {
  if (!header) return std::optional<IdempotencyKey>();
  if (header->empty() || header->size() > 255 || !is_valid_utf8(*header))
    return fail(ErrorCode::invalid_value, "Idempotency-Key");
  // The body's meaning, not its bytes, as at Stripe: a client that re-serialises the same object
  // with other spacing or key order is retrying, not asking for something else.
  const auto canonical = nlohmann::json::parse(body, nullptr, false);
  return std::optional<IdempotencyKey>(
      IdempotencyKey{*header, sha256_hex(std::string(route) + "\n" + canonical.dump())});
}

}  // namespace okno::api
