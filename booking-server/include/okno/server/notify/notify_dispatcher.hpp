// The notification dispatcher (issue 3): a background thread that finds due outbox messages by
// the injectable clock, sends each on its channel, and records the attempt. At-least-once: a
// message is marked sent only after the receiver took it, so a crash in between resends it,
// with the same id, after the restart. Pacing and channels come from NotifyConfig.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "okno/clock.hpp"
#include "okno/outbox_store.hpp"
#include "okno/server/notify/notify_channels.hpp"
#include "okno/server/notify/notify_config.hpp"

namespace okno {

// One set of channel senders per worker (libcurl handles are not shared between threads).
struct ChannelSet {
  std::unique_ptr<ChannelSender> email;
  std::unique_ptr<ChannelSender> sms;
  std::unique_ptr<ChannelSender> portal;
  ChannelSender* for_channel(NotifyChannel c) const;
};
using ChannelSetFactory = std::function<ChannelSet()>;
ChannelSetFactory channels_from_config(const NotifyConfig& config);

// Fills a message's texts just before it is sent (outbox rows may carry only the envelope:
// NotificationComposer::set_texts_at_send); false when that is no longer possible.
using TextFiller = std::function<bool(OutboxMessage& message, Seconds now)>;

class Dispatcher {
 public:
  Dispatcher(OutboxStore& outbox, const Clock& clock, NotifyConfig config,
             ChannelSetFactory channels, TextFiller fill_texts = {});
  ~Dispatcher();  // stops and joins
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void start();
  void stop();
  // Asks for an early look at the outbox (after a booking change or a clock move).
  void wake();

  // One pass: sends what is due now, returns how many messages were handled. Used by the
  // thread, and by tests and the benchmark to drive it step by step.
  size_t run_once();

 private:
  void loop();
  void handle(const OutboxRecord& record, ChannelSet& channels);

  OutboxStore& outbox_;
  const Clock& clock_;
  NotifyConfig config_;
  ChannelSetFactory factory_;
  TextFiller fill_texts_;
  std::vector<ChannelSet> channel_sets_;  // one per worker
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
};

}  // namespace okno
