// Wiring of notifications into the server: composer, outbox, dispatcher, and who may see them.
#include "okno/server/notify/notify_service.hpp"

#include <sodium.h>

namespace okno {

Result<std::unique_ptr<NotifyService>> NotifyService::create(
    const std::optional<NotifyConfig>& config, const OfficeDirectory& offices,
    const Catalog& catalog, OutboxStore& outbox, const Clock& clock,
    std::function<Result<Booking>(std::string_view code)> find_booking, std::string link_key) {
  std::unique_ptr<NotifyService> s(new NotifyService());
  s->config_ = config;
  s->catalog_ = &catalog;
  const NotifyConfig defaults;
  const NotifyConfig& c = config ? *config : defaults;
  NotificationLinks links = c.links;
  links.link_key = std::move(link_key);
  s->composer_ = std::make_unique<NotificationComposer>(offices, catalog, links, c.retry);
  s->outbox_ = &outbox;
  TextFiller fill;
  if (find_booking) {
    // Rows carry the envelope only; the words are composed from the booking when sent.
    s->composer_->set_texts_at_send(true);
    fill = [composer = s->composer_.get(), find = std::move(find_booking)](OutboxMessage& m,
                                                                           Seconds now) {
      auto booking = find(m.booking_code);
      return booking && composer->fill_texts(m, *booking, now);
    };
  }
  if (config) {
    s->dispatcher_ = std::make_unique<Dispatcher>(*s->outbox_, clock, *config,
                                                  channels_from_config(*config), std::move(fill));
  }
  return s;
}

NotifyService::~NotifyService() {
  stop();
}

void NotifyService::start() {
  if (dispatcher_) dispatcher_->start();
}
void NotifyService::stop() {
  if (dispatcher_) dispatcher_->stop();
}
void NotifyService::wake() {
  if (dispatcher_) dispatcher_->wake();
}

bool NotifyService::authorized(const httplib::Request& req) const {
  if (staff_check_ && staff_check_(req)) return true;
  if (!config_ || config_->admin_token.empty()) return false;
  const std::string expected = "Bearer " + config_->admin_token;
  const std::string given = req.get_header_value("Authorization");
  // Constant time, so the token cannot be guessed byte by byte from response times.
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

Result<std::size_t> NotifyService::visit_finished(const Booking& booking, Seconds now) {
  auto messages = composer_->on_visit_finished(booking, now);
  if (auto r = outbox_->enqueue(messages); !r) return std::unexpected(r.error());
  wake();
  return messages.size();
}

}  // namespace okno
