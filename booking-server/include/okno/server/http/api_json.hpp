// The API's JSON: strict reading of request bodies (unknown fields, wrong types and bad values
// are errors naming the field) and rendering of bookings, slots, offices and errors.
#pragma once

#include <functional>
#include <initializer_list>
#include <map>

#include <nlohmann/json.hpp>

#include "okno/booking.hpp"
#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"
#include "okno/slots.hpp"

namespace okno::api {

// Parses a POST /api/v1/bookings body. On error, Error::detail is the offending field's path.
Result<BookingRequest> parse_booking_request(std::string_view body);

// Body of cancel / reschedule: {"channel": "operator"} and, for reschedule, {"start": "..."}.
struct ChangeRequest {
  BookingChannel channel = BookingChannel::web;
  std::optional<Seconds> start;
};
Result<ChangeRequest> parse_change_request(std::string_view body, bool needs_start);

// An instant as the API writes it in UTC: "2026-12-01T06:00:00Z".
std::string utc_iso(Seconds t);

// A flat JSON object of string fields (the staff API's bodies): unknown fields and other types
// are refused, every value must be valid UTF-8.
Result<std::map<std::string, std::string>> string_fields(std::string_view body,
                                                         std::initializer_list<const char*> known);

// "+7999***4567", "iv***@example.org": enough for the client to recognise, little to leak.
std::string mask_phone(std::string_view phone);
std::string mask_email(std::string_view email);

nlohmann::json booking_json(const Booking& b, const Office& office, const Service& service,
                            const Catalog& catalog);
// The same, finding the booking's office and service; internal when the configuration no
// longer has them.
Result<nlohmann::json> booking_json(const Booking& b, const OfficeDirectory& offices,
                                    const Catalog& catalog);
nlohmann::json office_json(const Office& office, Language lang);
nlohmann::json service_json(const Service& service, Language lang);
nlohmann::json directions_json(const Office& office, Language lang);

// BookingService::book with the stored answer rendered as compact JSON (`render` is what the
// route would send). A render failure fails the request rather than storing "{}".
Result<CreateOutcome> book_rendered(
    BookingService& service, const BookingRequest& request,
    const std::optional<IdempotencyKey>& idempotency,
    const std::function<Result<nlohmann::json>(const Booking&)>& render);

// The Idempotency-Key of a booking request (docs/api.md, "Idempotency"): nullopt without the
// header; the key with the SHA-256 of `route` and the body's canonical JSON (keys sorted, so
// the same object re-serialised is the same request); invalid_value for a key that is empty,
// longer than 255 bytes or not UTF-8. `body` must be JSON the route already accepted.
Result<std::optional<IdempotencyKey>> idempotency_key(const std::optional<std::string>& header,
                                                      std::string_view route,
                                                      std::string_view body);

// {"error":{"code":..., "message":..., "field":...}} with the message in `lang`.
nlohmann::json error_json(const Error& error, const Catalog& catalog, Language lang);

}  // namespace okno::api
