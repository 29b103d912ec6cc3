// String forms and HTTP statuses of the API's error codes.
#include "okno/error.hpp"

namespace okno {

const std::initializer_list<ErrorCode>& all_error_codes() {
  static const std::initializer_list<ErrorCode> codes = {
      ErrorCode::bad_request,
      ErrorCode::invalid_json,
      ErrorCode::invalid_utf8,
      ErrorCode::body_too_large,
      ErrorCode::unknown_field,
      ErrorCode::wrong_type,
      ErrorCode::missing_field,
      ErrorCode::invalid_value,
      ErrorCode::invalid_date,
      ErrorCode::invalid_range,
      ErrorCode::unknown_office,
      ErrorCode::unknown_service,
      ErrorCode::slot_not_offered,
      ErrorCode::slot_in_past,
      ErrorCode::slot_too_soon,
      ErrorCode::slot_too_far,
      ErrorCode::slot_taken,
      ErrorCode::invalid_phone,
      ErrorCode::invalid_email,
      ErrorCode::invalid_name,
      ErrorCode::contact_missing,
      ErrorCode::invalid_channel,
      ErrorCode::consent_missing,
      ErrorCode::invalid_language,
      ErrorCode::booking_not_found,
      ErrorCode::booking_cancelled,
      ErrorCode::idempotency_conflict,
      ErrorCode::not_found,
      ErrorCode::method_not_allowed,
      ErrorCode::internal,
      ErrorCode::unauthorized,
      ErrorCode::forbidden,
      ErrorCode::csrf_failed,
      ErrorCode::login_failed,
      ErrorCode::login_throttled,
      ErrorCode::login_taken,
      ErrorCode::account_not_found,
      ErrorCode::desk_not_assigned,
      ErrorCode::change_password,
      ErrorCode::daily_cap_reached,
      ErrorCode::too_early,
      ErrorCode::too_late,
      ErrorCode::wrong_office,
      ErrorCode::ticket_not_found,
      ErrorCode::unknown_desk,
      ErrorCode::illegal_transition,
      ErrorCode::recall_first,
      ErrorCode::transfer_limit,
      ErrorCode::desk_paused,
      ErrorCode::desk_busy,
      ErrorCode::not_served_here,
      ErrorCode::range_too_long,
      ErrorCode::office_closed,
      ErrorCode::booking_checked_in,
      ErrorCode::booking_closed,
      ErrorCode::own_account,
      ErrorCode::kiosk_key_missing,
      ErrorCode::kiosk_key_invalid,
      ErrorCode::kiosk_exists,
      ErrorCode::rate_limited,
      ErrorCode::code_throttled,
      ErrorCode::feedback_not_served,
      ErrorCode::feedback_given,
  };
  return codes;
}

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request:
      return "bad_request";
    case ErrorCode::invalid_json:
      return "invalid_json";
    case ErrorCode::invalid_utf8:
      return "invalid_utf8";
    case ErrorCode::body_too_large:
      return "body_too_large";
    case ErrorCode::unknown_field:
      return "unknown_field";
    case ErrorCode::wrong_type:
      return "wrong_type";
    case ErrorCode::missing_field:
      return "missing_field";
    case ErrorCode::invalid_value:
      return "invalid_value";
    case ErrorCode::invalid_date:
      return "invalid_date";
    case ErrorCode::invalid_range:
      return "invalid_range";
    case ErrorCode::range_too_long:
      return "range_too_long";
    case ErrorCode::office_closed:
      return "office_closed";
    case ErrorCode::booking_checked_in:
      return "booking_checked_in";
    case ErrorCode::booking_closed:
      return "booking_closed";
    case ErrorCode::unknown_office:
      return "unknown_office";
    case ErrorCode::unknown_service:
      return "unknown_service";
    case ErrorCode::slot_not_offered:
      return "slot_not_offered";
    case ErrorCode::slot_in_past:
      return "slot_in_past";
    case ErrorCode::slot_too_soon:
      return "slot_too_soon";
    case ErrorCode::slot_too_far:
      return "slot_too_far";
    case ErrorCode::slot_taken:
      return "slot_taken";
    case ErrorCode::invalid_phone:
      return "invalid_phone";
    case ErrorCode::invalid_email:
      return "invalid_email";
    case ErrorCode::invalid_name:
      return "invalid_name";
    case ErrorCode::contact_missing:
      return "contact_missing";
    case ErrorCode::invalid_channel:
      return "invalid_channel";
    case ErrorCode::consent_missing:
      return "consent_missing";
    case ErrorCode::invalid_language:
      return "invalid_language";
    case ErrorCode::booking_not_found:
      return "booking_not_found";
    case ErrorCode::booking_cancelled:
      return "booking_cancelled";
    case ErrorCode::idempotency_conflict:
      return "idempotency_conflict";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::method_not_allowed:
      return "method_not_allowed";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::csrf_failed:
      return "csrf_failed";
    case ErrorCode::login_failed:
      return "login_failed";
    case ErrorCode::login_throttled:
      return "login_throttled";
    case ErrorCode::login_taken:
      return "login_taken";
    case ErrorCode::account_not_found:
      return "account_not_found";
    case ErrorCode::desk_not_assigned:
      return "desk_not_assigned";
    case ErrorCode::change_password:
      return "change_password";
    case ErrorCode::own_account:
      return "own_account";
    case ErrorCode::daily_cap_reached:
      return "daily_cap_reached";
    case ErrorCode::too_early:
      return "too_early";
    case ErrorCode::too_late:
      return "too_late";
    case ErrorCode::wrong_office:
      return "wrong_office";
    case ErrorCode::ticket_not_found:
      return "ticket_not_found";
    case ErrorCode::unknown_desk:
      return "unknown_desk";
    case ErrorCode::illegal_transition:
      return "illegal_transition";
    case ErrorCode::recall_first:
      return "recall_first";
    case ErrorCode::transfer_limit:
      return "transfer_limit";
    case ErrorCode::desk_paused:
      return "desk_paused";
    case ErrorCode::desk_busy:
      return "desk_busy";
    case ErrorCode::not_served_here:
      return "not_served_here";
    case ErrorCode::kiosk_key_missing:
      return "kiosk_key_missing";
    case ErrorCode::kiosk_key_invalid:
      return "kiosk_key_invalid";
    case ErrorCode::kiosk_exists:
      return "kiosk_exists";
    case ErrorCode::rate_limited:
      return "rate_limited";
    case ErrorCode::code_throttled:
      return "code_throttled";
    case ErrorCode::feedback_not_served:
      return "feedback_not_served";
    case ErrorCode::feedback_given:
      return "feedback_given";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::body_too_large:
      return 413;
    case ErrorCode::unknown_office:
    case ErrorCode::unknown_service:
    case ErrorCode::booking_not_found:
    case ErrorCode::account_not_found:
    case ErrorCode::ticket_not_found:
    case ErrorCode::unknown_desk:
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::unauthorized:
    case ErrorCode::login_failed:
    case ErrorCode::kiosk_key_missing:
      return 401;
    case ErrorCode::forbidden:
    case ErrorCode::csrf_failed:
    case ErrorCode::desk_not_assigned:
    case ErrorCode::change_password:
    case ErrorCode::kiosk_key_invalid:
      return 403;
    case ErrorCode::login_throttled:
    case ErrorCode::rate_limited:
    case ErrorCode::code_throttled:
      return 429;
    case ErrorCode::kiosk_exists:
    case ErrorCode::feedback_not_served:
    case ErrorCode::feedback_given:
    case ErrorCode::login_taken:
    case ErrorCode::own_account:
    case ErrorCode::slot_taken:
    case ErrorCode::daily_cap_reached:
    case ErrorCode::illegal_transition:
    case ErrorCode::recall_first:
    case ErrorCode::transfer_limit:
    case ErrorCode::desk_paused:
    case ErrorCode::desk_busy:
    case ErrorCode::booking_cancelled:
    case ErrorCode::booking_checked_in:
    case ErrorCode::booking_closed:
    case ErrorCode::office_closed:
    case ErrorCode::idempotency_conflict:
      return 409;
    case ErrorCode::slot_not_offered:
    case ErrorCode::slot_in_past:
    case ErrorCode::slot_too_soon:
    case ErrorCode::slot_too_far:
    case ErrorCode::invalid_phone:
    case ErrorCode::invalid_email:
    case ErrorCode::invalid_name:
    case ErrorCode::contact_missing:
    case ErrorCode::invalid_channel:
    case ErrorCode::consent_missing:
    case ErrorCode::invalid_language:
    case ErrorCode::invalid_value:
    case ErrorCode::invalid_date:
    case ErrorCode::invalid_range:
    case ErrorCode::range_too_long:
    case ErrorCode::too_early:
    case ErrorCode::too_late:
    case ErrorCode::wrong_office:
    case ErrorCode::not_served_here:
      return 422;
    case ErrorCode::internal:
      return 500;
    default:
      return 400;
  }
}

}  // namespace okno
