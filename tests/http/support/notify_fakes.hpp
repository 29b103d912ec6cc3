// Test support for notifications (issue 3): a real SMTP server on loopback (Debian's
// python3-aiosmtpd, tests/support/smtp_sink.py) whose messages are read back and decoded, and
// an HTTP server standing in for the SMS gateway (SMS.ru style) and the portal webhook.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "process/child_process.hpp"

namespace httplib {
class Server;
}

namespace okno::testing {

struct ReceivedMail {
  std::string envelope_to;
  std::map<std::string, std::string> headers;  // lower-case names, unfolded raw values
  std::string subject;                         // decoded from RFC 2047
  std::string text;                            // decoded text/plain part
  std::string ics;                             // decoded text/calendar part, if any
  std::string message_id;                      // without angle brackets
  std::string raw;
};

// Parses one stored message (as smtp_sink.py writes it).
ReceivedMail parse_mail(const std::string& raw);

class SmtpSink {
 public:
  // Picks a port and starts; `delay_s` makes each DATA take that long (to catch a batch).
  explicit SmtpSink(double delay_s = 0.0);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;

  bool start();  // (again) on the same port
  void stop();   // SIGTERM and wait: the port refuses connections until start()
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<ReceivedMail> messages() const;  // in arrival order
  size_t count() const;

 private:
  std::filesystem::path dir_;
  double delay_s_;
  int port_ = 0;
  ChildProcess process_{std::chrono::seconds(3)};
};

struct GatewayRequest {
  std::string path;
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> form;     // for form posts
  std::string body;
};

// One cpp-httplib server for both: POST /sms/send answers like SMS.ru, POST /portal accepts
// the webhook. Numbers in `refused_numbers` get a per-number ERROR; `portal_failures` makes the
// next N webhook calls answer 503.
class FakeGateway {
 public:
  FakeGateway();
  ~FakeGateway();
  FakeGateway(const FakeGateway&) = delete;

  int port() const { return port_; }
  std::string sms_url() const;
  std::string portal_url() const;
  std::vector<GatewayRequest> sms() const;
  std::vector<GatewayRequest> portal() const;
  void refuse_number(const std::string& digits);
  void fail_portal(int times);

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<GatewayRequest> sms_;
  std::vector<GatewayRequest> portal_;
  std::set<std::string> refused_;
  int portal_failures_ = 0;
};

// Polls `done` every 20 ms until true or `timeout_ms` passes; returns the last answer.
bool wait_for(const std::function<bool()>& done, int timeout_ms = 5000);

}  // namespace okno::testing
