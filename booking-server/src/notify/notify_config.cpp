// Reads the notification TOML; unknown sections and wrong types are errors naming the key, so
// a typo in a credential's name does not silently switch a channel off.
#include "okno/server/notify/notify_config.hpp"
#include "okno/toml_input.hpp"

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace okno {
namespace {

struct Reader {
  const toml::table& table;
  std::string section;
  std::string error;

  template <class T>
  void get(std::string_view key, T& out) {
    const toml::node* node = table.get(key);
    if (!node || !error.empty()) return;
    if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = node->value<std::string>()) {
        out = *v;
        return;
      }
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node->value<bool>()) {
        out = *v;
        return;
      }
    } else if constexpr (std::is_floating_point_v<T>) {
      if (auto v = node->value<double>()) {
        out = *v;
        return;
      }
    } else {
      if (auto v = node->value<std::int64_t>()) {
        out = static_cast<T>(*v);
        return;
      }
    }
    error = section + "." + std::string(key) + ": wrong type";
  }
  void known(std::initializer_list<std::string_view> keys) {
    const std::set<std::string_view> allowed(keys);
    for (auto&& [k, v] : table) {
      if (!allowed.contains(k.str()) && error.empty()) {
        error = section + "." + std::string(k.str()) + ": unknown key";
      }
    }
  }
};

}  // namespace

Result<NotifyConfig> parse_notify_config(std::string_view toml_text, std::string_view source) {
  auto parsed = parse_toml(toml_text, source);
  if (!parsed) return std::unexpected(parsed.error());
  const toml::table& root = *parsed;
  NotifyConfig c;
  c.enabled = true;
  for (auto&& [k, v] : root) {
    static const std::set<std::string_view> kSections = {"notify", "retry",  "email",
                                                         "sms",    "portal", "admin"};
    if (!kSections.contains(k.str()) || !v.is_table()) {
      return fail(ErrorCode::invalid_value,
                  std::string(source) + ": unknown section [" + std::string(k.str()) + "]");
    }
  }
  std::string error;
  auto section = [&](const char* name, auto&& fn) {
    if (!error.empty()) return;
    const toml::table* t = root[name].as_table();
    if (!t) return;
    Reader r{*t, name, {}};
    fn(r);
    error = r.error;
  };
  section("notify", [&](Reader& r) {
    r.known({"manage_url", "survey_url", "poll_ms", "batch", "workers"});
    r.get("manage_url", c.links.manage_url);
    r.get("survey_url", c.links.survey_url);
    long long poll = c.poll.count();
    r.get("poll_ms", poll);
    c.poll = std::chrono::milliseconds{std::max(10LL, poll)};
    r.get("batch", c.batch);
    r.get("workers", c.workers);
    c.batch = std::clamp(c.batch, 1, 10000);
    c.workers = std::clamp(c.workers, 1, 64);
  });
  section("retry", [&](Reader& r) {
    r.known({"initial_s", "factor", "max_s", "deadline_s"});
    long long initial = c.retry.initial.count(), max = c.retry.max_delay.count(),
              deadline = c.retry.deadline.count();
    r.get("initial_s", initial);
    r.get("factor", c.retry.factor);
    r.get("max_s", max);
    r.get("deadline_s", deadline);
    c.retry.initial = std::chrono::seconds{std::max(1LL, initial)};
    c.retry.max_delay = std::chrono::seconds{std::max(initial, max)};
    c.retry.deadline = std::chrono::seconds{std::max(1LL, deadline)};
    c.retry.factor = std::max(1.0, c.retry.factor);
  });
  section("email", [&](Reader& r) {
    r.known({"url", "from", "from_name", "username", "password", "starttls", "verify_tls",
             "message_id_domain", "timeout_s"});
    r.get("url", c.email.url);
    r.get("from", c.email.from);
    r.get("from_name", c.email.from_name);
    r.get("username", c.email.username);
    r.get("password", c.email.password);
    r.get("starttls", c.email.starttls);
    r.get("verify_tls", c.email.verify_tls);
    r.get("message_id_domain", c.email.message_id_domain);
    r.get("timeout_s", c.email.timeout_s);
  });
  section("sms", [&](Reader& r) {
    r.known({"url", "api_id", "sender", "timeout_s"});
    r.get("url", c.sms.url);
    r.get("api_id", c.sms.api_id);
    r.get("sender", c.sms.sender);
    r.get("timeout_s", c.sms.timeout_s);
  });
  section("portal", [&](Reader& r) {
    r.known({"url", "secret", "timeout_s"});
    r.get("url", c.portal.url);
    r.get("secret", c.portal.secret);
    r.get("timeout_s", c.portal.timeout_s);
  });
  section("admin", [&](Reader& r) {
    r.known({"token"});
    r.get("token", c.admin_token);
  });
  if (!error.empty()) return fail(ErrorCode::invalid_value, std::string(source) + ": " + error);
  if (!c.portal.url.empty() && c.portal.secret.empty()) {
    return fail(ErrorCode::invalid_value,
                std::string(source) + ": portal.secret is required with portal.url");
  }
  return c;
}

Result<NotifyConfig> load_notify_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::invalid_value, "cannot open " + file.string());
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return parse_notify_config(text, file.string());
}

}  // namespace okno
