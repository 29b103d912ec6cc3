// The outbox as the dispatcher and staff see it: due messages, delivery attempts, listings.
// The SQLite store implements it in booking-server/; nothing here knows SQL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "okno/error.hpp"
#include "okno/notifications.hpp"

namespace okno {

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Pending messages whose next attempt is due at `now`, earliest first, at most `limit`.
  virtual Result<std::vector<OutboxRecord>> due(Seconds now, int limit) = 0;

  // Whether the message is still waiting to be sent (not cancelled meanwhile by a booking
  // change, not sent by someone else).
  virtual Result<bool> still_pending(std::string_view id) = 0;

  // Records one attempt and the message's new state in one transaction: sent, failed (with
  // the reason), or pending again with the next attempt time.
  virtual Result<void> record_attempt(std::string_view id, const AttemptRecord& attempt,
                                      OutboxStatus status, std::optional<Seconds> next_attempt) = 0;

  // Gives up on a message without trying it (a reminder after the visit started).
  virtual Result<void> expire(std::string_view id, Seconds at, std::string_view reason) = 0;

  // Adds messages outside a booking change (the closing survey message). A message whose id
  // is already there is kept as it was: composing the same message twice sends it once.
  virtual Result<void> enqueue(const std::vector<OutboxMessage>& messages) = 0;

  // For staff and tests: messages by status and/or booking, newest first, with their attempts.
  virtual Result<std::vector<OutboxRecord>> list(std::optional<OutboxStatus> status,
                                                 std::string_view booking_code, int limit) = 0;
};

}  // namespace okno
