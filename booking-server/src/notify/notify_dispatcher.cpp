// The dispatcher loop: due messages in batches, spread over a few workers (each with its own
// connections), one transaction per attempt so a crash repeats at most the messages in flight.
#include "okno/server/notify/notify_dispatcher.hpp"

#include <spdlog/spdlog.h>

namespace okno {

ChannelSender* ChannelSet::for_channel(NotifyChannel c) const {
  switch (c) {
    case NotifyChannel::email:
      return email.get();
    case NotifyChannel::sms:
      return sms.get();
    case NotifyChannel::portal:
      return portal.get();
  }
  return nullptr;
}

ChannelSetFactory channels_from_config(const NotifyConfig& config) {
  return [config] {
    ChannelSet set;
    set.email = make_email_sender(config.email);
    set.sms = make_sms_sender(config.sms);
    set.portal = make_portal_sender(config.portal);
    return set;
  };
}

Dispatcher::Dispatcher(OutboxStore& outbox, const Clock& clock, NotifyConfig config,
                       ChannelSetFactory channels, TextFiller fill_texts)
    : outbox_(outbox),
      clock_(clock),
      config_(std::move(config)),
      factory_(std::move(channels)),
      fill_texts_(std::move(fill_texts)) {
  for (int i = 0; i < config_.workers; ++i) channel_sets_.push_back(factory_());
}

Dispatcher::~Dispatcher() {
  stop();
}

void Dispatcher::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void Dispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Dispatcher::loop() {
  for (;;) {
    size_t handled = 0;
    // Nothing may escape this thread: an exception here would end the process.
    try {
      handled = run_once();
    } catch (const std::exception& e) {
      spdlog::error("notify dispatcher: {}", e.what());
    } catch (...) {
      spdlog::error("notify dispatcher: unknown exception");
    }
    std::unique_lock lock(mutex_);
    if (stop_) return;
    // A full batch means more may be waiting: go on at once. Otherwise poll, so that a clock
    // moved by a test (or real time passing) is noticed within one interval.
    if (handled < static_cast<size_t>(config_.batch)) {
      cv_.wait_for(lock, config_.poll, [this] { return stop_ || woken_; });
    }
    woken_ = false;
    if (stop_) return;
  }
}

size_t Dispatcher::run_once() {
  const Seconds now = clock_.now();
  auto due = outbox_.due(now, config_.batch);
  if (!due) {
    spdlog::error("notify dispatcher: reading the outbox: {}", due.error().detail);
    return 0;
  }
  if (due->empty()) return 0;
  const size_t workers = std::min(channel_sets_.size(), due->size());
  if (workers <= 1) {
    for (const auto& r : *due) handle(r, channel_sets_.front());
    return due->size();
  }
  // Worker w takes messages w, w + workers, ...; all are done before the next look at the
  // outbox, so no message is ever in two workers' hands.
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([this, w, workers, &due] {
      try {
        for (size_t i = w; i < due->size(); i += workers) handle((*due)[i], channel_sets_[w]);
      } catch (...) {
        spdlog::error("notify dispatcher: worker exception");
      }
    });
  }
  for (auto& t : threads) t.join();
  return due->size();
}

void Dispatcher::handle(const OutboxRecord& record, ChannelSet& channels) {
  OutboxMessage m = record.message;
  const Seconds now = clock_.now();
  // Logs name the message id and kind, never the recipient or the text (personal data).
  if (now >= m.expires_at) {
    const char* reason = is_reminder(m.kind) ? "expired: the visit has already started"
                                             : "expired: delivery deadline passed";
    if (auto r = outbox_.expire(m.id, now, reason); !r) {
      spdlog::error("notify: expiring {}: {}", m.id, r.error().detail);
    }
    return;
  }
  // A booking change may have cancelled it since the batch was read.
  auto pending = outbox_.still_pending(m.id);
  if (!pending || !*pending) return;
  ChannelSender* sender = channels.for_channel(m.channel);
  SendResult result{SendStatus::retry, "channel not available"};
  if (m.body.empty() && fill_texts_ && !fill_texts_(m, now)) {
    // The booking or its office is gone from the configuration: nothing sensible to say.
    result = SendResult{SendStatus::refused, "texts unavailable: booking or office not found"};
  } else if (sender) {
    result = sender->send(m, now);
  }
  const int failed_attempts = record.attempts + 1;
  AttemptRecord attempt{failed_attempts, now, result.status == SendStatus::sent, result.detail};
  Result<void> saved;
  switch (result.status) {
    case SendStatus::sent:
      saved = outbox_.record_attempt(m.id, attempt, OutboxStatus::sent, std::nullopt);
      break;
    case SendStatus::refused:
      spdlog::warn("notify: {} {} via {} refused: {}", m.id, to_string(m.kind),
                   to_string(m.channel), result.detail);
      saved = outbox_.record_attempt(m.id, attempt, OutboxStatus::failed, std::nullopt);
      break;
    case SendStatus::retry: {
      auto next = config_.retry.next_attempt(failed_attempts, now, m.expires_at);
      if (!next) {
        attempt.error += "; gave up: no retry before the deadline";
        spdlog::warn("notify: {} {} via {} failed for good: {}", m.id, to_string(m.kind),
                     to_string(m.channel), result.detail);
        saved = outbox_.record_attempt(m.id, attempt, OutboxStatus::failed, std::nullopt);
      } else {
        spdlog::info("notify: {} via {} will retry: {}", m.id, to_string(m.channel), result.detail);
        saved = outbox_.record_attempt(m.id, attempt, OutboxStatus::pending, next);
      }
      break;
    }
  }
  if (!saved) spdlog::error("notify: recording {}: {}", m.id, saved.error().detail);
}

}  // namespace okno
