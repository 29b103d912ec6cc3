// Staff sign-in, sessions, CSRF, throttles and audit (see staff_auth.hpp for the guard's use).
#include "okno/server/staff/staff_auth.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "okno/secret.hpp"
#include "okno/server/http/api_json.hpp"
#include "okno/server/http/reply.hpp"
#include "okno/server/storage/storage.hpp"

namespace okno {
namespace {

using nlohmann::json;

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

// The host[:port] of an Origin header ("http://127.0.0.1:8080" -> "127.0.0.1:8080").
std::string origin_host(std::string_view origin) {
  auto scheme = origin.find("://");
  if (scheme == std::string_view::npos) return std::string(origin);
  auto rest = origin.substr(scheme + 3);
  return std::string(rest.substr(0, rest.find('/')));
}

StaffSession to_session(const StoredSession& s, std::chrono::seconds absolute) {
  return StaffSession{
      s.account.id,   s.account.login, s.account.display_name,  s.account.role,
      s.csrf_token,   s.expires_at,    s.created_at + absolute, s.account.must_change_password,
      s.account.desks};
}

// The throttle key of an account: a valid login as it is, anything else only hashed.
std::string throttle_key_of(std::string_view login) {
  return "account:" + (validate_login(login).has_value() ? std::string(login)
                                                         : "#" + sha256_hex(login).substr(0, 16));
}

// The desk a queue route acts at: /api/v1/offices/{office}/desks/{desk}[/...]; empty for others.
std::string desk_of_path(std::string_view path) {
  const auto at = path.find("/desks/");
  if (at == std::string_view::npos) return {};
  auto rest = path.substr(at + 7);
  return std::string(rest.substr(0, rest.find('/')));
}

// A generated password: 4 groups of 4 from 31 letters and digits that cannot be confused when
// read out (no 0/o, 1/l/i), about 79 bits.
std::string generated_password() {
  static constexpr char kAlphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  }
  return out;
}

}  // namespace

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return {};
}

Result<std::unique_ptr<StaffAuth>> StaffAuth::create(StaffStore& store, const Clock& clock,
                                                     const Catalog& catalog,
                                                     StaffAuthOptions options) {
  if (sodium_init() < 0) return fail(ErrorCode::internal, "libsodium failed to initialise");
  std::unique_ptr<StaffAuth> auth(new StaffAuth(clock, catalog, std::move(options)));
  auth->store_ = &store;
  auth->decoy_hash_ = auth->hash_password(random_token());
  if (auth->decoy_hash_.empty()) return fail(ErrorCode::internal, "cannot hash a password");
  return auth;
}

std::string StaffAuth::random_token() {
  return okno::random_token(32);
}

std::string StaffAuth::hash_password(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  hash_slots_.acquire();
  const int rc = crypto_pwhash_str_alg(
      out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
      crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
  hash_slots_.release();
  return rc == 0 ? std::string(out) : std::string();
}

bool StaffAuth::verify_password(const std::string& hash, std::string_view password) const {
  hash_slots_.acquire();
  const int rc = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size());
  hash_slots_.release();
  return rc == 0;
}

Language StaffAuth::language(const httplib::Request& req) const {
  if (req.has_param("lang")) {
    if (auto l = parse_language(req.get_param_value("lang"))) return *l;
  }
  if (auto l = parse_language(cookie_value(req, kLanguageCookie))) return *l;
  return negotiate_language(req.get_header_value("Accept-Language"));
}

void StaffAuth::send_json(httplib::Response& res, int status, const json& body) const {
  res.set_header("Cache-Control", "no-store");
  okno::send_json(res, status, body);
}

void StaffAuth::send_error(const httplib::Request& req, httplib::Response& res,
                           const Error& error) const {
  res.set_header("Cache-Control", "no-store");
  okno::send_error(req, res, error, catalog_, language(req));
}

std::string StaffAuth::session_cookie(const std::string& token) const {
  // No Max-Age: the cookie ends with the browser; the server's expiry is the real limit.
  return std::string(kStaffSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure_cookies ? "; Secure" : "");
}

std::string StaffAuth::expired_session_cookie() const {
  return std::string(kStaffSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (options_.secure_cookies ? "; Secure" : "");
}

std::string StaffAuth::login_csrf_cookie(const std::string& value) const {
  return std::string(kLoginCsrfCookie) + "=" + value +
         "; Path=/staff/login; Max-Age=3600; HttpOnly; SameSite=Strict" +
         (options_.secure_cookies ? "; Secure" : "");
}

std::optional<StaffSession> StaffAuth::session(const httplib::Request& req) const {
  const std::string token = cookie_value(req, kStaffSessionCookie);
  if (token.empty() || token.size() > 128) return std::nullopt;
  auto found = store_->touch_session(sha256_hex(token), clock_.now(), options_.idle_timeout,
                                     options_.absolute_timeout);
  if (!found) {
    spdlog::error("staff session lookup: {}", found.error().detail);
    return std::nullopt;
  }
  if (!*found) return std::nullopt;
  return to_session(**found, options_.absolute_timeout);
}

bool StaffAuth::csrf_ok(const httplib::Request& req, const StaffSession& who) const {
  // A cross-site request that names its origin is refused even before the token is looked at.
  const std::string origin = req.get_header_value("Origin");
  if (!origin.empty() && origin != "null" && origin_host(origin) != req.get_header_value("Host")) {
    return false;
  }
  std::string given = req.get_header_value(kCsrfHeader);
  if (given.empty() && req.has_param("csrf")) given = req.get_param_value("csrf");
  return equal_secret(given, who.csrf_token);
}

std::optional<StaffSession> StaffAuth::require_signed_in(const httplib::Request& req,
                                                         httplib::Response& res) const {
  auto who = session(req);
  if (!who) {
    send_error(req, res, Error{ErrorCode::unauthorized, {}});
    return std::nullopt;
  }
  if (!is_safe_method(req.method) && !csrf_ok(req, *who)) {
    spdlog::warn("staff {}: {} {} without a valid CSRF token", who->login, req.method, req.path);
    send_error(req, res, Error{ErrorCode::csrf_failed, {}});
    return std::nullopt;
  }
  if (auto e = pending_password_change(req, *who)) {
    send_error(req, res, *e);
    return std::nullopt;
  }
  return who;
}

std::optional<StaffSession> StaffAuth::require_staff(const httplib::Request& req,
                                                     httplib::Response& res, StaffRole need) const {
  auto who = require_signed_in(req, res);
  if (!who) return std::nullopt;
  if (!role_allows(who->role, need)) {
    audit(*who, "denied", req.method + " " + req.path, {{"needs", to_string(need)}});
    send_error(req, res, Error{ErrorCode::forbidden, {}});
    return std::nullopt;
  }
  return who;
}

std::optional<Error> StaffAuth::pending_password_change(const httplib::Request& req,
                                                        const StaffSession& who) const {
  if (!who.must_change_password || req.path == "/api/v1/staff/password") return std::nullopt;
  return Error{ErrorCode::change_password, {}};
}

bool StaffAuth::allows(const httplib::Request& req, StaffRole need) const {
  auto who = session(req);
  return who && (is_safe_method(req.method) || csrf_ok(req, *who)) &&
         !pending_password_change(req, *who) && role_allows(who->role, need);
}

std::function<Result<std::string>(const httplib::Request&, std::string_view)>
StaffAuth::queue_staff_check() const {
  return [this](const httplib::Request& req, std::string_view office) -> Result<std::string> {
    auto who = session(req);
    if (!who) return fail(ErrorCode::unauthorized);
    if (!is_safe_method(req.method) && !csrf_ok(req, *who)) {
      spdlog::warn("staff {}: {} {} without a valid CSRF token", who->login, req.method, req.path);
      return fail(ErrorCode::csrf_failed);
    }
    const StaffRole need = req.path.find("/stats") != std::string::npos ? StaffRole::administrator
                                                                        : StaffRole::receptionist;
    if (auto e = pending_password_change(req, *who)) return std::unexpected(*e);
    if (!role_allows(who->role, need)) {
      audit(*who, "denied", req.method + " " + req.path, {{"needs", to_string(need)}});
      return fail(ErrorCode::forbidden);
    }
    // A receptionist works only at their assigned desks, unless the office allows any
    // (issue 16 item 4). Enforced here, whatever the page shows.
    if (const std::string desk = desk_of_path(req.path); !desk.empty()) {
      auto may = may_work_desk(*who, office, desk);
      if (!may) return std::unexpected(may.error());
      if (!*may) {
        audit(*who, "denied", req.method + " " + req.path,
              {{"needs", "desk"}, {"office", office}, {"desk", desk}});
        return fail(ErrorCode::desk_not_assigned, desk);
      }
    }
    return who->login;
  };
}

Result<bool> StaffAuth::may_work_desk(const StaffSession& who, std::string_view office,
                                      std::string_view desk) const {
  bool any = false;
  if (who.role == StaffRole::receptionist) {
    auto setting = store_->office_any_desk(office);
    if (!setting) return std::unexpected(setting.error());
    any = *setting;
  }
  return okno::may_work_desk(who.role, who.desks, any, office, desk);
}

Result<std::string> StaffAuth::reset_password(std::string_view login,
                                              std::optional<std::string_view> password) {
  auto found = store_->find_account(login);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::account_not_found, "login");
  const std::string chosen = password ? std::string(*password) : generated_password();
  if (auto r = validate_password(chosen); !r) return std::unexpected(r.error());
  StaffAccount a = **found;
  a.password_hash = hash_password(chosen);
  if (a.password_hash.empty()) return fail(ErrorCode::internal, "cannot hash a password");
  a.must_change_password = true;
  if (auto r = store_->update_account(a); !r) return std::unexpected(r.error());
  if (auto r = store_->delete_sessions_of(a.id); !r) return std::unexpected(r.error());
  if (auto r = store_->clear_throttle(throttle_key_of(login)); !r)
    return std::unexpected(r.error());
  return chosen;
}

Result<void> StaffAuth::change_own_password(const StaffSession& who, std::string_view current,
                                            std::string_view password) {
  auto found = store_->find_account(who.login);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::account_not_found, "login");
  if (!verify_password((*found)->password_hash, current)) {
    return fail(ErrorCode::invalid_value, "current_password");
  }
  if (auto r = validate_password(password); !r) return r;
  if (password == current) return fail(ErrorCode::invalid_value, "password");
  StaffAccount a = **found;
  a.password_hash = hash_password(password);
  if (a.password_hash.empty()) return fail(ErrorCode::internal, "cannot hash a password");
  a.must_change_password = false;
  return store_->update_account(a);
}

Result<void> StaffAuth::unlock(std::string_view login) {
  return store_->clear_throttle(throttle_key_of(login));
}

std::optional<Seconds> StaffAuth::locked_until(std::string_view login) const {
  auto t = store_->throttle(throttle_key_of(login));
  if (!t) return std::nullopt;
  return next_attempt_allowed(*t, account_policy(), clock_.now());
}

void StaffAuth::audit(const StaffSession& who, std::string_view action, std::string_view target,
                      const json& details) const {
  StaffAuditEntry e;
  e.at = clock_.now();
  e.staff_id = who.staff_id;
  e.login = who.login;
  e.action = action;
  e.target = target;
  e.details = details.dump(-1, ' ', false, json::error_handler_t::replace);
  spdlog::info("staff {} ({}): {} {}", who.login, to_string(who.role), action, target);
  if (auto r = store_->audit(e); !r) spdlog::error("staff audit: {}", r.error().detail);
}

Result<StaffAccount> StaffAuth::create_account(std::string_view login,
                                               std::string_view display_name, StaffRole role,
                                               std::string_view password) {
  if (auto r = validate_login(login); !r) return std::unexpected(r.error());
  if (auto r = validate_display_name(display_name); !r) return std::unexpected(r.error());
  if (auto r = validate_password(password); !r) return std::unexpected(r.error());
  StaffAccount a;
  a.login = login;
  a.display_name = display_name;
  a.role = role;
  a.password_hash = hash_password(password);
  if (a.password_hash.empty()) return fail(ErrorCode::internal, "cannot hash a password");
  a.created_at = clock_.now();
  auto created = store_->create_account(a);
  if (!created) return created;
  created->password_hash.clear();
  return created;
}

std::expected<StaffAuth::LoginOk, StaffAuth::LoginRefused> StaffAuth::login(
    std::string_view login, std::string_view password, std::string_view address) {
  const Seconds now = clock_.now();
  // Typed logins may be anything (even a password typed in the wrong field): keys and logs
  // carry a valid login as it is, anything else only hashed.
  const bool valid_login = validate_login(login).has_value();
  const std::string account_key = throttle_key_of(login);
  const std::string address_key = "address:" + sha256_hex(address).substr(0, 16);
  auto internal = [](const Error& e) {
    return std::unexpected(LoginRefused{Error{ErrorCode::internal, e.detail}, std::nullopt});
  };
  auto account_t = store_->throttle(account_key);
  if (!account_t) return internal(account_t.error());
  auto address_t = store_->throttle(address_key);
  if (!address_t) return internal(address_t.error());
  auto wait_a = next_attempt_allowed(*account_t, account_policy(), now);
  auto wait_b = next_attempt_allowed(*address_t, address_policy(), now);
  if (wait_a || wait_b) {
    const Seconds until = std::max(wait_a.value_or(now), wait_b.value_or(now));
    spdlog::warn("staff login throttled for {} until {}", valid_login ? login : "?",
                 api::utc_iso(until));
    return std::unexpected(LoginRefused{Error{ErrorCode::login_throttled, {}}, until});
  }
  auto account = store_->find_account(valid_login ? login : std::string_view("#"));
  if (!account) return internal(account.error());
  // Unknown logins cost the same Argon2id check, so timing does not tell which logins exist.
  const bool known = account->has_value() && (*account)->active;
  const bool ok =
      verify_password(known ? (*account)->password_hash : decoy_hash_, password) && known;
  if (!ok) {
    if (auto r =
            store_->save_throttle(account_key, after_failure(*account_t, account_policy(), now));
        !r) {
      return internal(r.error());
    }
    if (auto r =
            store_->save_throttle(address_key, after_failure(*address_t, address_policy(), now));
        !r) {
      return internal(r.error());
    }
    StaffSession unknown{
        0, known ? std::string(login) : "?", "", StaffRole::receptionist, "", {}, {}, false, {}};
    if (known) {
      unknown.staff_id = (*account)->id;
      unknown.role = (*account)->role;
    }
    audit(unknown, "login.failed", known ? "account:" + std::string(login) : "account:?");
    return std::unexpected(LoginRefused{Error{ErrorCode::login_failed, {}}, std::nullopt});
  }
  // A success clears the account's failures; the address keeps its own (spraying across
  // accounts from one place stays slowed down).
  (void)store_->clear_throttle(account_key);
  StoredSession s;
  const std::string token = random_token();
  s.token_hash = sha256_hex(token);
  s.account = **account;
  s.csrf_token = random_token();
  s.created_at = now;
  s.last_seen_at = now;
  s.expires_at = now + std::min(options_.idle_timeout, options_.absolute_timeout);
  if (auto r = store_->insert_session(s); !r) return internal(r.error());
  LoginOk out{to_session(s, options_.absolute_timeout), token};
  audit(out.session, "login", "account:" + out.session.login);
  return out;
}

void StaffAuth::logout(const httplib::Request& req) {
  const std::string token = cookie_value(req, kStaffSessionCookie);
  if (token.empty()) return;
  if (auto r = store_->delete_session(sha256_hex(token)); !r) {
    spdlog::error("staff logout: {}", r.error().detail);
  }
}

int create_staff_cli(const std::string& database, const std::string& login, const std::string& role,
                     const std::string& display_name, const std::string& desks) {
  auto parsed = parse_staff_role(role);
  if (!parsed) {
    std::cerr << "okno-server: --role must be receptionist, operator or administrator\n";
    return 2;
  }
  std::vector<DeskRef> desk_list;
  for (std::string_view rest = desks; !rest.empty();) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const auto slash = item.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == item.size()) {
      std::cerr << "okno-server: --desks takes office/desk items separated by commas\n";
      return 2;
    }
    desk_list.push_back({std::string(item.substr(0, slash)), std::string(item.substr(slash + 1))});
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  std::string password;
  if (const char* env = std::getenv("OKNO_STAFF_PASSWORD"); env && *env) {
    password = env;
  } else {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  }
  // Opening the storage migrates the file (staff tables are migration 4).
  auto storage = open_storage(database, 1);
  if (!storage) {
    std::cerr << "okno-server: cannot open " << database << ": " << storage.error().detail << "\n";
    return 1;
  }
  SystemClock clock;
  Catalog catalog;
  auto auth = StaffAuth::create((*storage)->staff(), clock, catalog, {});
  if (!auth) {
    std::cerr << "okno-server: " << auth.error().detail << "\n";
    return 1;
  }
  auto created = (*auth)->create_account(login, display_name.empty() ? login : display_name,
                                         *parsed, password);
  if (!created) {
    std::cerr << "okno-server: cannot create " << login << ": " << to_string(created.error().code)
              << " " << created.error().detail
              << " (login: 3-64 of a-z 0-9 . _ -; password: at least 10 characters)\n";
    return 1;
  }
  if (!desk_list.empty()) {
    if (auto r = (*storage)->staff().set_desks(created->id, desk_list); !r) {
      std::cerr << "okno-server: cannot assign desks: " << r.error().detail << "\n";
      return 1;
    }
  }
  StaffSession cli{0, "cli", "", StaffRole::administrator, "", {}, {}, false, {}};
  nlohmann::json assigned = nlohmann::json::array();
  for (const auto& d : desk_list) assigned.push_back(d.office + "/" + d.desk);
  (*auth)->audit(
      cli, "staff.create", "account:" + created->login,
      {{"role", to_string(created->role)}, {"via", "command line"}, {"desks", assigned}});
  std::cout << "okno-server: created " << to_string(created->role) << " " << created->login << "\n";
  return 0;
}

}  // namespace okno
