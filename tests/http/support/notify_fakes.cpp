// Loopback stand-ins for the notification channels (see notify_fakes.hpp).
#include "notify_fakes.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <httplib.h>
#include "okno/source_root.hpp"

namespace okno::testing {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string unbase64(std::string_view b64) {
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                        b64.size(), " \r\n\t", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return "<bad base64>";
  }
  out.resize(len);
  return out;
}

std::string decode_words(std::string_view value) {
  if (value.find("=?") == std::string_view::npos) return std::string(value);
  std::string out;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string_view::npos) {
    const size_t start = pos + 10;
    const size_t end = value.find("?=", start);
    if (end == std::string_view::npos) break;
    out += unbase64(value.substr(start, end - start));
    pos = end + 2;
  }
  return out;
}

// Headers of an entity up to the blank line: lower-case names, folded lines joined.
std::map<std::string, std::string> read_headers(std::string_view text, size_t& body_at) {
  std::map<std::string, std::string> headers;
  size_t pos = 0;
  std::string last;
  while (pos < text.size()) {
    size_t eol = text.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 2;
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !last.empty()) {
      headers[last] += std::string(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    last = lower(std::string(line.substr(0, colon)));
    std::string value(line.substr(colon + 1));
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    headers[last] = value;
  }
  body_at = std::min(pos, text.size());
  return headers;
}

std::string param(const std::string& header, const std::string& name) {
  const size_t at = header.find(name + "=\"");
  if (at == std::string::npos) return {};
  const size_t start = at + name.size() + 2;
  return header.substr(start, header.find('"', start) - start);
}

}  // namespace

ReceivedMail parse_mail(const std::string& raw) {
  ReceivedMail m;
  m.raw = raw;
  size_t body_at = 0;
  m.headers = read_headers(raw, body_at);
  m.envelope_to = m.headers["x-envelope-to"];
  m.subject = decode_words(m.headers["subject"]);
  m.message_id = m.headers["message-id"];
  if (m.message_id.size() > 2) m.message_id = m.message_id.substr(1, m.message_id.size() - 2);
  const std::string type = m.headers["content-type"];
  const std::string_view body = std::string_view(raw).substr(body_at);
  if (type.rfind("multipart/", 0) != 0) {
    m.text = unbase64(body);
    return m;
  }
  const std::string delimiter = "--" + param(type, "boundary");
  size_t pos = body.find(delimiter);
  while (pos != std::string_view::npos) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") break;
    const size_t next = body.find(delimiter, pos);
    std::string_view part = body.substr(pos + 2, next - pos - 2);
    size_t part_body = 0;
    auto h = read_headers(part, part_body);
    const std::string decoded = unbase64(part.substr(part_body));
    if (h["content-type"].rfind("text/plain", 0) == 0) m.text = decoded;
    if (h["content-type"].rfind("text/calendar", 0) == 0) m.ics = decoded;
    pos = next;
  }
  return m;
}

SmtpSink::SmtpSink(double delay_s) : delay_s_(delay_s) {
  char tmpl[] = "/tmp/okno-smtp-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  port_ = free_port();
  start();
}

SmtpSink::~SmtpSink() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

bool SmtpSink::start() {
  if (process_.running()) return true;
  const std::string script = OKNO_SOURCE_ROOT "/tests/support/smtp_sink.py";
  const std::string line =
      process_.start({"/usr/bin/python3", script, "--port", std::to_string(port_), "--dir",
                      dir_.string(), "--delay", std::to_string(delay_s_)});
  return line.rfind("ready", 0) == 0;
}

void SmtpSink::stop() {
  process_.stop();
}

std::vector<ReceivedMail> SmtpSink::messages() const {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) {
    if (e.path().extension() == ".eml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());  // names start with the arrival time
  std::vector<ReceivedMail> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.push_back(parse_mail(
        std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}));
  }
  return out;
}

size_t SmtpSink::count() const {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) {
    if (e.path().extension() == ".eml") ++n;
  }
  return n;
}

FakeGateway::FakeGateway() : server_(std::make_unique<httplib::Server>()) {
  auto record = [](const httplib::Request& req) {
    GatewayRequest r;
    r.path = req.path;
    r.body = req.body;
    for (const auto& [k, v] : req.headers) r.headers[lower(k)] = v;
    for (const auto& [k, v] : req.params) r.form[k] = v;
    return r;
  };
  server_->Post("/sms/send", [this, record](const httplib::Request& req, httplib::Response& res) {
    GatewayRequest r = record(req);
    // SMS.ru: the body is a form (cpp-httplib puts its fields into params); answer per number.
    const std::string to = r.form["to"];
    bool refused = false;
    {
      std::lock_guard lock(mutex_);
      sms_.push_back(r);
      refused = refused_.contains(to);
    }
    std::string number =
        refused
            ? R"({"status":"ERROR","status_code":207,"status_text":"На этот номер нельзя отправлять сообщения"})"
            : R"({"status":"OK","status_code":100,"sms_id":"000000-1"})";
    res.set_content(R"({"status":"OK","status_code":100,"sms":{")" + to + "\":" + number +
                        R"(},"balance":100.5})",
                    "application/json");
  });
  server_->Post("/portal", [this, record](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    portal_.push_back(record(req));
    if (portal_failures_ > 0) {
      --portal_failures_;
      res.status = 503;
      return;
    }
    res.status = 202;
    res.set_content("{}", "application/json");
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  wait_for([this] { return server_->is_running(); });
}

FakeGateway::~FakeGateway() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeGateway::sms_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/sms/send";
}
std::string FakeGateway::portal_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/portal";
}
std::vector<GatewayRequest> FakeGateway::sms() const {
  std::lock_guard lock(mutex_);
  return sms_;
}
std::vector<GatewayRequest> FakeGateway::portal() const {
  std::lock_guard lock(mutex_);
  return portal_;
}
void FakeGateway::refuse_number(const std::string& digits) {
  std::lock_guard lock(mutex_);
  refused_.insert(digits);
}
void FakeGateway::fail_portal(int times) {
  std::lock_guard lock(mutex_);
  portal_failures_ = times;
}

bool wait_for(const std::function<bool()>& done, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace okno::testing
