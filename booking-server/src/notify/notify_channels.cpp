// The three delivery channels over libcurl. Every C handle is owned by a unique_ptr; a send
// returns a value (sent / retry / refused) and never throws.
#include "okno/server/notify/notify_channels.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <mutex>

#include <nlohmann/json.hpp>

#include "okno/email_mime.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void curl_global_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlHandle new_handle() {
  curl_global_once();
  return CurlHandle(curl_easy_init());
}

Slist append(Slist list, const std::string& item) {
  curl_slist* raw = curl_slist_append(list.get(), item.c_str());
  if (raw) (void)list.release();
  return Slist(raw ? raw : nullptr);
}

size_t collect(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() < 64 * 1024) body->append(data, size * n);  // a reply, not a download
  return size * n;
}

struct Upload {
  std::string_view data;
  size_t pos = 0;
};

size_t feed(char* buffer, size_t size, size_t n, void* in) {
  auto* up = static_cast<Upload*>(in);
  const size_t len = std::min(size * n, up->data.size() - up->pos);
  std::memcpy(buffer, up->data.data() + up->pos, len);
  up->pos += len;
  return len;
}

// Network failures and timeouts are worth another try; so are the 4xx an SMTP server uses
// for "later" (and 5xx from HTTP servers, which are theirs, not ours).
SendResult curl_failure(CURLcode rc, long response_code, std::string_view what) {
  std::string detail = std::string(what) + ": " + curl_easy_strerror(rc);
  if (response_code > 0) detail += " (" + std::to_string(response_code) + ")";
  return {SendStatus::retry, detail};
}

class EmailSender final : public ChannelSender {
 public:
  explicit EmailSender(EmailConfig config) : config_(std::move(config)), curl_(new_handle()) {}

  SendResult send(const OutboxMessage& m, Seconds now) override {
    if (config_.url.empty()) return {SendStatus::retry, "email channel not configured"};
    if (!curl_) return {SendStatus::retry, "curl_easy_init failed"};
    EmailParts parts;
    parts.from = config_.from;
    parts.from_name = config_.from_name;
    parts.to = m.recipient;
    parts.subject = m.subject;
    parts.body = m.body;
    parts.ics = m.ics;
    parts.ics_name = "okno-" + m.booking_code + ".ics";
    parts.message_id = email_message_id(m, config_.message_id_domain);
    parts.date = now;
    const std::string text = build_email(parts);

    CURL* c = curl_.get();
    // The handle keeps its SMTP connection between messages; options are set afresh each time.
    curl_easy_reset(c);
    Upload up{text};
    Slist rcpt = append(nullptr, "<" + m.recipient + ">");
    const std::string from = "<" + config_.from + ">";
    curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config_.timeout_s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, config_.timeout_s * 3);
    if (config_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!config_.verify_tls) {
      curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!config_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK) return {SendStatus::sent, {}};
    // 5xx to RCPT or DATA: the server will never take this message (RFC 5321 4.2.1).
    if (code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED) {
      return {SendStatus::refused, "smtp refused (" + std::to_string(code) + ")"};
    }
    return curl_failure(rc, code, "smtp");
  }

 private:
  EmailConfig config_;
  CurlHandle curl_;
};

// One HTTP POST with the handle's connection kept alive; the reply body and status come back.
struct HttpReply {
  CURLcode rc = CURLE_OK;
  long status = 0;
  std::string body;
};

HttpReply http_post(CURL* c, const std::string& url, const std::string& body,
                    const std::vector<std::string>& headers, long timeout_s) {
  HttpReply reply;
  curl_easy_reset(c);
  Slist list;
  for (const auto& h : headers) list = append(std::move(list), h);
  list = append(std::move(list), "Expect:");
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s * 2);
  reply.rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

std::string url_encode(CURL* c, std::string_view s) {
  std::unique_ptr<char, decltype(&curl_free)> out(
      curl_easy_escape(c, s.data(), static_cast<int>(s.size())), &curl_free);
  return out ? std::string(out.get()) : std::string();
}

class SmsSender final : public ChannelSender {
 public:
  explicit SmsSender(SmsConfig config) : config_(std::move(config)), curl_(new_handle()) {}

  SendResult send(const OutboxMessage& m, Seconds) override {
    if (config_.url.empty()) return {SendStatus::retry, "sms channel not configured"};
    if (!curl_) return {SendStatus::retry, "curl_easy_init failed"};
    CURL* c = curl_.get();
    // SMS.ru numbers are digits only; the reply is keyed by that form.
    std::string number;
    for (char ch : m.recipient) {
      if (ch >= '0' && ch <= '9') number += ch;
    }
    std::string form = "api_id=" + url_encode(c, config_.api_id) + "&to=" + number +
                       "&msg=" + url_encode(c, m.body) + "&json=1";
    if (!config_.sender.empty()) form += "&from=" + url_encode(c, config_.sender);
    // SMS.ru has no idempotency field; the stable id travels as a header for gateways and
    // proxies that can drop duplicates.
    auto reply =
        http_post(c, config_.url, form,
                  {"Content-Type: application/x-www-form-urlencoded", "X-Okno-Message-Id: " + m.id},
                  config_.timeout_s);
    if (reply.rc != CURLE_OK) return curl_failure(reply.rc, 0, "sms gateway");
    if (reply.status < 200 || reply.status >= 300) {
      return {SendStatus::retry, "sms gateway http " + std::to_string(reply.status)};
    }
    auto doc = nlohmann::json::parse(reply.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      return {SendStatus::retry, "sms gateway: reply is not JSON"};
    }
    // The request as a whole (key, balance, ...): not the number's fault, try again later.
    if (doc.value("status", "") != "OK") {
      return {SendStatus::retry, "sms gateway: status " + doc.value("status", std::string("?")) +
                                     " code " + std::to_string(doc.value("status_code", 0))};
    }
    const auto sms = doc.find("sms");
    if (sms == doc.end() || !sms->is_object() || !sms->contains(number) ||
        !(*sms)[number].is_object()) {
      return {SendStatus::retry, "sms gateway: no status for the number"};
    }
    const auto& entry = (*sms)[number];
    if (entry.value("status", "") == "OK") return {SendStatus::sent, {}};
    // A refused number (invalid, blocked, no route) is a failure, not a success.
    std::string reason = "sms refused: code " + std::to_string(entry.value("status_code", 0));
    if (entry.contains("status_text") && entry["status_text"].is_string()) {
      reason += " " + entry["status_text"].get<std::string>();
    }
    return {SendStatus::refused, reason};
  }

 private:
  SmsConfig config_;
  CurlHandle curl_;
};

class PortalSender final : public ChannelSender {
 public:
  explicit PortalSender(PortalConfig config) : config_(std::move(config)), curl_(new_handle()) {}

  SendResult send(const OutboxMessage& m, Seconds) override {
    if (config_.url.empty()) return {SendStatus::retry, "portal channel not configured"};
    if (!curl_) return {SendStatus::retry, "curl_easy_init failed"};
    const std::string body = portal_payload(m);
    auto reply =
        http_post(curl_.get(), config_.url, body,
                  {"Content-Type: application/json; charset=utf-8", "X-Okno-Message-Id: " + m.id,
                   "X-Okno-Signature: sha256=" + hmac_sha256_hex(config_.secret, body)},
                  config_.timeout_s);
    if (reply.rc != CURLE_OK) return curl_failure(reply.rc, 0, "portal");
    if (reply.status >= 200 && reply.status < 300) return {SendStatus::sent, {}};
    const std::string detail = "portal http " + std::to_string(reply.status);
    // 408 and 429 mean "later"; other 4xx mean the portal will not take this message.
    if (reply.status >= 400 && reply.status < 500 && reply.status != 408 && reply.status != 429) {
      return {SendStatus::refused, detail};
    }
    return {SendStatus::retry, detail};
  }

 private:
  PortalConfig config_;
  CurlHandle curl_;
};

std::string to_hex(const unsigned char* data, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

}  // namespace

std::unique_ptr<ChannelSender> make_email_sender(const EmailConfig& config) {
  return std::make_unique<EmailSender>(config);
}
std::unique_ptr<ChannelSender> make_sms_sender(const SmsConfig& config) {
  return std::make_unique<SmsSender>(config);
}
std::unique_ptr<ChannelSender> make_portal_sender(const PortalConfig& config) {
  return std::make_unique<PortalSender>(config);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return to_hex(mac, sizeof mac);
}

std::string portal_payload(const OutboxMessage& m) {
  nlohmann::json doc = {
      {"id", m.id},
      {"booking_code", m.booking_code},
      {"kind", to_string(m.kind)},
      {"language", to_string(m.language)},
      {"subject", m.subject},
      {"text", m.body},
      {"created_at", date::format("%FT%TZ", m.created_at)},
  };
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string email_message_id(const OutboxMessage& message, std::string_view domain) {
  return message.id + "@" + std::string(domain);
}

}  // namespace okno
