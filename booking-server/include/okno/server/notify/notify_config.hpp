// Configuration of notification delivery (issue 3): channel endpoints and credentials, links,
// retry policy, dispatcher pacing, the staff token. Read from a TOML file (--notify-config);
// docs/notifications.md shows every key.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "okno/error.hpp"
#include "okno/notifications.hpp"

namespace okno {

struct EmailConfig {
  std::string url;  // smtp://host:port or smtps://host:port; empty = channel off
  std::string from = "okno@localhost";
  std::string from_name;
  std::string username;  // login when set
  std::string password;
  bool starttls = false;  // require STARTTLS on smtp://
  bool verify_tls = true;
  std::string message_id_domain = "okno.local";
  long timeout_s = 10;
};

struct SmsConfig {
  std::string url;  // SMS.ru style endpoint, e.g. https://sms.ru/sms/send; empty = off
  std::string api_id;
  std::string sender;  // "from", when the gateway account has one
  long timeout_s = 10;
};

struct PortalConfig {
  std::string url;     // webhook; empty = off
  std::string secret;  // HMAC-SHA256 key
  long timeout_s = 10;
};

struct NotifyConfig {
  bool enabled = false;  // dispatcher runs only with a config file
  NotificationLinks links;
  RetryPolicy retry;
  std::chrono::milliseconds poll{200};
  int batch = 64;
  int workers = 2;
  EmailConfig email;
  SmsConfig sms;
  PortalConfig portal;
  std::string admin_token;  // Bearer token for staff endpoints; empty = those are off
};

Result<NotifyConfig> parse_notify_config(std::string_view toml_text, std::string_view source);
Result<NotifyConfig> load_notify_config(const std::filesystem::path& file);

}  // namespace okno
