// Delivery channels (issue 3): e-mail over SMTP, SMS through an SMS.ru-style gateway, the
// federal portal's account through a signed JSON webhook. Each sender owns its libcurl handle
// (connections are reused between messages) and is used by one dispatcher worker at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "okno/notifications.hpp"
#include "okno/server/notify/notify_config.hpp"

namespace okno {

// sent: the receiver took it. retry: try again later (down, busy, 5xx, timeout).
// refused: the receiver said no for good (an unknown mailbox, a refused number).
enum class SendStatus { sent, retry, refused };

struct SendResult {
  SendStatus status = SendStatus::retry;
  std::string detail;  // why, for staff; never the recipient or the text
};

class ChannelSender {
 public:
  virtual ~ChannelSender() = default;
  virtual SendResult send(const OutboxMessage& message, Seconds now) = 0;
};

std::unique_ptr<ChannelSender> make_email_sender(const EmailConfig& config);
std::unique_ptr<ChannelSender> make_sms_sender(const SmsConfig& config);
std::unique_ptr<ChannelSender> make_portal_sender(const PortalConfig& config);

// The portal webhook body (JSON) and its signature header value "sha256=<hex>".
std::string portal_payload(const OutboxMessage& message);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// The e-mail Message-ID for a message: "<id>@<domain>", the same on every resend.
std::string email_message_id(const OutboxMessage& message, std::string_view domain);

}  // namespace okno
