// Staff sign-in and the guard every staff endpoint goes through: Argon2id password hashes,
// session cookies (random token, HttpOnly, SameSite=Strict, Secure behind TLS), a CSRF token per
// session, throttled and locked failed logins, and the staff audit log (R-HIST-1).
//
// FOR OTHER ROUTE FILES (queue, desks, statistics): guard a handler with require_staff():
//
//   auto who = staff.require_staff(req, res, StaffRole::receptionist);
//   if (!who) return;  // 401 / 403 JSON already written
//   ...do the action...
//   staff.audit(*who, "queue.call_next", "desk:" + desk_id, {{"ticket", "A015"}});
//
// require_staff() checks the session cookie, the role (an administrator passes every role),
// and, for every method other than GET/HEAD, the X-CSRF-Token header (and the Origin header
// when sent). It writes the error response itself. audit() takes JSON details: never put
// names, phones, e-mails or passwords in them.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "okno/booking_service.hpp"
#include "okno/i18n.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/staff.hpp"
#include "okno/staff_store.hpp"

namespace okno {

// The acting staff member of a request.
struct StaffSession {
  std::int64_t staff_id = 0;
  std::string login;
  std::string display_name;
  StaffRole role = StaffRole::receptionist;
  std::string csrf_token;  // what state-changing requests must send as X-CSRF-Token
  Seconds expires_at{};    // when it ends unless used again (sliding: each use moves it on)
  Seconds ends_at{};       // when it ends however much it is used (sign-in + absolute_timeout)
  bool must_change_password = false;  // only /api/v1/staff/password, me and logout answer
  std::vector<DeskRef> desks;         // the desks a receptionist is assigned to
};

struct StaffAuthOptions {
  bool secure_cookies = false;  // add "Secure" to cookies: set when served over TLS
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};  // one long shift at most
  std::string consent_version;  // the personal-data consent text in force (operator bookings)
};

inline constexpr const char* kStaffSessionCookie = "okno_staff";
inline constexpr const char* kLoginCsrfCookie = "okno_login_csrf";
inline constexpr const char* kLanguageCookie = "okno_lang";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

class StaffAuth {
 public:
  // `store` outlives the StaffAuth.
  static Result<std::unique_ptr<StaffAuth>> create(StaffStore& store, const Clock& clock,
                                                   const Catalog& catalog,
                                                   StaffAuthOptions options);

  // The guard: the session's staff member when the request may go on; otherwise writes
  // 401 unauthorized / 403 forbidden / 403 csrf_failed (JSON) and returns nullopt.
  std::optional<StaffSession> require_staff(const httplib::Request& req, httplib::Response& res,
                                            StaffRole need) const;
  // require_staff() for what every role may do (its own password): session and CSRF only.
  std::optional<StaffSession> require_signed_in(const httplib::Request& req,
                                                httplib::Response& res) const;
  // The session of a request, without answering anything (pages redirect to sign-in instead).
  std::optional<StaffSession> session(const httplib::Request& req) const;
  // require_staff() without writing a response: for hooks that answer on their own.
  bool allows(const httplib::Request& req, StaffRole need) const;
  // Whether a state-changing request carries the session's token (header or form field "csrf").
  bool csrf_ok(const httplib::Request& req, const StaffSession& who) const;

  // One line of the staff audit log: who, what, when (the server clock), on what.
  void audit(const StaffSession& who, std::string_view action, std::string_view target,
             const nlohmann::json& details = nlohmann::json::object()) const;

  // Validates and stores a new account with an Argon2id hash of the password.
  Result<StaffAccount> create_account(std::string_view login, std::string_view display_name,
                                      StaffRole role, std::string_view password);

  // ---- Account administration (issue 16 item 4; accounts_routes.cpp). ----
  // A new password for `login`: `password` when given (validated), else a generated one. The
  // account must choose its own at the next sign-in; its sessions end and its lock is lifted.
  // Returns the password in force (to be shown once).
  Result<std::string> reset_password(std::string_view login,
                                     std::optional<std::string_view> password);
  // The signed-in member's own new password; `current` must be right. Clears the reset mark.
  Result<void> change_own_password(const StaffSession& who, std::string_view current,
                                   std::string_view password);
  // Lifts the account's failed-login delay or lock.
  Result<void> unlock(std::string_view login);
  // When the account's sign-in is locked or delayed until; nullopt: it may sign in now.
  std::optional<Seconds> locked_until(std::string_view login) const;
  // Whether `who` may work at the desk: may_work_desk() with the account's desks and the
  // office's setting.
  Result<bool> may_work_desk(const StaffSession& who, std::string_view office,
                             std::string_view desk) const;

  struct LoginOk {
    StaffSession session;
    std::string token;  // goes into the cookie only
  };
  struct LoginRefused {
    Error error;                      // login_failed or login_throttled
    std::optional<Seconds> retry_at;  // for Retry-After
  };
  // Checks throttles, then the password; records the outcome (throttles, audit).
  std::expected<LoginOk, LoginRefused> login(std::string_view login, std::string_view password,
                                             std::string_view address);
  void logout(const httplib::Request& req);

  std::string session_cookie(const std::string& token) const;
  std::string expired_session_cookie() const;
  std::string login_csrf_cookie(const std::string& value) const;
  static std::string random_token();  // 32 random bytes, base64url

  // The language of a staff request: ?lang=, then the okno_lang cookie, then Accept-Language.
  Language language(const httplib::Request& req) const;
  // reply.hpp's send_json / send_error in language(req), never cached (Cache-Control: no-store).
  void send_json(httplib::Response& res, int status, const nlohmann::json& body) const;
  void send_error(const httplib::Request& req, httplib::Response& res, const Error& error) const;

  // The queue's StaffCheck hook (queue_service.hpp, set_staff_check): the session's login
  // when it may act; statistics (paths with /stats) need an administrator, desk actions a
  // receptionist. Errors: unauthorized, csrf_failed, forbidden.
  std::function<Result<std::string>(const httplib::Request&, std::string_view office)>
  queue_staff_check() const;

  const Clock& clock() const { return clock_; }
  const Catalog& catalog() const { return catalog_; }
  const StaffAuthOptions& options() const { return options_; }
  StaffStore& store() const { return *store_; }

 private:
  StaffAuth(const Clock& clock, const Catalog& catalog, StaffAuthOptions options)
      : clock_(clock), catalog_(catalog), options_(std::move(options)) {}
  std::string hash_password(std::string_view password) const;
  // Refusals common to require_staff() and the queue's hook: a reset password not yet changed.
  std::optional<Error> pending_password_change(const httplib::Request& req,
                                               const StaffSession& who) const;
  bool verify_password(const std::string& hash, std::string_view password) const;

  const Clock& clock_;
  const Catalog& catalog_;
  StaffAuthOptions options_;
  StaffStore* store_ = nullptr;
  std::string decoy_hash_;  // verified against for unknown logins: same time as a real check
  // Argon2id takes 64 MiB per check: at most four at once, whatever the thread pool's size.
  mutable std::counting_semaphore<4> hash_slots_{4};
};

// reply.hpp's guard answering in the staff API's way (StaffAuth::send_error): for route files.
template <class Body>
httplib::Server::Handler staff_guarded(const StaffAuth& staff, Body body) {
  return guarded(std::move(body), [&staff](const httplib::Request& req, httplib::Response& res,
                                           const Error& e) { staff.send_error(req, res, e); });
}

// A cookie's value from the Cookie header; empty when absent.
std::string cookie_value(const httplib::Request& req, std::string_view name);

// okno-server --create-staff LOGIN: creates an account on the database and returns the exit
// code. The password comes from OKNO_STAFF_PASSWORD or the first line of standard input.
// `desks`: "office/desk" items separated by commas (may be empty).
int create_staff_cli(const std::string& database, const std::string& login, const std::string& role,
                     const std::string& display_name, const std::string& desks = {});

}  // namespace okno
