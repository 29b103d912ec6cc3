// Expected failures as values: an error code (stable, part of the API) plus a detail for logs.
// What people read comes from the locale catalogs under "error.<code>", never from here.
#pragma once

#include <expected>
#include <functional>
#include <string>
#include <string_view>

#include "okno/language.hpp"

namespace okno {

// Every error a client of the API can meet. The string form (to_string) is the API's "code".
// Adding one means adding "error.<code>" to every catalog in locales/ (a test checks).
enum class ErrorCode {
  bad_request,         // request shape is wrong in a way no finer code covers
  invalid_json,        // body is not JSON
  invalid_utf8,        // body or a field is not valid UTF-8
  body_too_large,      // body above the limit
  unknown_field,       // a field the API does not know
  wrong_type,          // a field has the wrong JSON type
  missing_field,       // a required field is absent
  invalid_value,       // a field's value is outside what is allowed
  invalid_date,        // a date or time cannot be read
  invalid_range,       // from/to do not make a valid range
  range_too_long,      // from/to span more days than one request may ask for
  unknown_office,      // no such office
  unknown_service,     // no such service at this office
  slot_not_offered,    // the start is not one of the offered slots (R-VISIT-2)
  slot_in_past,        // the slot has already started
  slot_too_soon,       // inside the minimum lead time
  slot_too_far,        // beyond the booking horizon
  slot_taken,          // all places of the slot are booked
  invalid_phone,       // phone is not a valid number
  invalid_email,       // e-mail is not a valid address
  invalid_name,        // name empty or too long
  contact_missing,     // a chosen notification channel has no contact (e.g. e-mail without address)
  invalid_channel,     // unknown or inconsistent notification channel choice (R-CHAN-1/2)
  consent_missing,     // personal-data consent not given
  invalid_language,    // not one of ru, en, hy, be, kk, ky
  booking_not_found,   // wrong or guessed code
  booking_cancelled,   // action needs a live booking, this one is cancelled
  booking_checked_in,  // the visitor checked in: the booking follows its ticket in today's queue
  booking_closed,      // the visit is over (served, or a no-show): the booking no longer changes
  idempotency_conflict,  // same Idempotency-Key with another body
  not_found,             // no such URL
  method_not_allowed,
  // Staff console (issue 4): sessions, roles, CSRF, failed logins.
  unauthorized,     // no valid staff session
  forbidden,        // the staff member's role may not do this
  csrf_failed,      // a state-changing staff request without the session's CSRF token
  login_failed,     // wrong login or password (never says which)
  login_throttled,  // too many failed logins: wait (Retry-After) or the account is locked
  login_taken,      // a staff account with this login exists
  // Account administration (issue 16 item 4).
  account_not_found,  // no staff account with this login
  desk_not_assigned,  // a receptionist at a desk not assigned to them
  change_password,    // the password was reset: the user must choose their own first
  own_account,        // an administrator may not disable or demote their own account
  // Electronic queue (issue 4, core/queue.hpp).
  daily_cap_reached,   // the service's walk-in tickets for today are all given out
  office_closed,       // outside the office's hours or on its day off (R-VISIT-7)
  too_early,           // check-in before the booking's window opens
  too_late,            // check-in on a later day than the booking
  wrong_office,        // the booking is for another office
  ticket_not_found,    // no such ticket today
  unknown_desk,        // no such desk at this office
  illegal_transition,  // the ticket's state does not allow this action
  recall_first,        // a no-show needs the configured number of recalls first
  transfer_limit,      // a ticket may be transferred at most twice
  desk_paused,         // the desk is paused: resume it to call
  desk_busy,           // the desk is serving someone: finish first
  not_served_here,     // the desk does not serve that service
  // Abuse (issue 16 item 13): kiosk devices, rate limits, code guessing, feedback once.
  kiosk_key_missing,    // the kiosk channel without a kiosk device key (X-Kiosk-Key)
  kiosk_key_invalid,    // an unknown or revoked kiosk device key
  kiosk_exists,         // a kiosk device with this name exists
  rate_limited,         // too many requests from this address or for this contact: Retry-After
  code_throttled,       // too many wrong booking codes from this address: Retry-After
  feedback_not_served,  // feedback for a ticket whose visit is not over (not served)
  feedback_given,       // this visit's feedback was already given
  internal,             // a fault on our side; never for bad input
};

std::string_view to_string(ErrorCode code);

// HTTP status the API answers with for this code (4xx for everything but `internal`).
int http_status(ErrorCode code);

class Catalog;

struct Error {
  ErrorCode code;
  std::string detail;  // for logs and developers: which field, what was seen. No personal data.
  // For a refusal that says why or when ("the office is closed on 4 November, a public
  // holiday"): composes the message from the catalogs in the reader's language. Empty: the
  // catalog's "error.<code>".
  std::function<std::string(const Catalog&, Language)> words{};
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string detail = {}) {
  return std::unexpected<Error>(Error{code, std::move(detail)});
}
inline std::unexpected<Error> fail_with_words(
    ErrorCode code, std::string detail,
    std::function<std::string(const Catalog&, Language)> words) {
  return std::unexpected<Error>(Error{code, std::move(detail), std::move(words)});
}

// All codes, for tests that walk every one (catalog completeness).
const std::initializer_list<ErrorCode>& all_error_codes();

}  // namespace okno
