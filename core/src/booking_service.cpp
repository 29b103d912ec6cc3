// Booking use cases: the rules (offered slots only, validation, cancel any time) in one place,
// over the storage interface.
#include "okno/booking_service.hpp"

#include "okno/booking_code.hpp"
#include "okno/i18n.hpp"
#include "okno/opening.hpp"

namespace okno {

using namespace std::chrono;

Result<std::pair<const Office*, const Service*>> BookingService::locate(
    std::string_view office_id, std::string_view service_id) const {
  const Office* office = offices_.find(office_id);
  if (!office) return fail(ErrorCode::unknown_office);
  const Service* service = office->find_service(service_id);
  if (!service) return fail(ErrorCode::unknown_service);
  return std::pair{office, service};
}

Result<std::vector<Slot>> BookingService::free_slots(std::string_view office_id,
                                                     std::string_view service_id, Date from,
                                                     Date to) const {
  auto found = locate(office_id, service_id);
  if (!found) return std::unexpected(found.error());
  auto [office, service] = *found;
  if (sys_days{to} < sys_days{from}) return fail(ErrorCode::invalid_range);
  if ((sys_days{to} - sys_days{from}).count() >= kMaxSlotQueryDays) {
    // Over the limit is not "start after end": say what the limit is (R-CHAN-3).
    return fail_with_words(ErrorCode::range_too_long, "range over the limit",
                           [](const Catalog& catalog, Language lang) {
                             return catalog.text(lang, "slots.range_limit",
                                                 {{"days", std::to_string(kMaxSlotQueryDays)}}) +
                                    " " + catalog.error_message(lang, ErrorCode::range_too_long);
                           });
  }
  // Nothing before today or beyond the horizon can be offered: do not ask the store for it.
  const Seconds now = clock_.now();
  const sys_days today{local_date(*office, now)};
  const sys_days first = std::max(sys_days{from}, today);
  const sys_days last = std::min(sys_days{to}, today + days{service->horizon_days});
  if (last < first) return std::vector<Slot>{};
  SlotQuery q{office, service, Date{first}, Date{last}};
  // The store is asked for the UTC span of those local days, with a day's margin either side
  // for any zone's offset.
  auto occupancy =
      store_.occupancy(office->id, service->id, Seconds{first - days{1}}, Seconds{last + days{2}});
  if (!occupancy) return std::unexpected(occupancy.error());
  return okno::free_slots(q, calendar_, now, *occupancy);
}

Result<Slot> BookingService::offered_slot(const Office& office, const Service& service,
                                          Seconds start) const {
  Slot slot;
  switch (check_slot(office, service, calendar_, clock_.now(), start, &slot)) {
    case SlotCheck::ok:
      return slot;
    case SlotCheck::not_offered:
      // Closed then (a holiday, a day off, at night): say why (R-CHAN-3).
      if (auto notice = closed_at(office, calendar_, start)) {
        return fail_with_words(ErrorCode::slot_not_offered, "office closed at that time",
                               [notice = *notice](const Catalog& catalog, Language lang) {
                                 return closed_reason_text(notice, catalog, lang) + " " +
                                        catalog.error_message(lang, ErrorCode::slot_not_offered);
                               });
      }
      return fail(ErrorCode::slot_not_offered);
    case SlotCheck::in_past:
      return fail(ErrorCode::slot_in_past);
    case SlotCheck::too_soon:
      return fail(ErrorCode::slot_too_soon);
    case SlotCheck::too_far:
      return fail(ErrorCode::slot_too_far);
    case SlotCheck::full:
      return fail(ErrorCode::slot_taken);
  }
  return fail(ErrorCode::internal, "unhandled slot check");
}

Result<CreateOutcome> BookingService::book(const BookingRequest& request,
                                           const std::optional<IdempotencyKey>& idempotency,
                                           const RenderBooking& render) {
  // A repeated request with a known key is answered as the first time, even after its slot
  // has passed or filled (Stripe's semantics); the store checks again inside the transaction.
  if (idempotency) {
    auto replay = store_.replay(*idempotency);
    if (!replay) return std::unexpected(replay.error());
    if (*replay) return std::move(**replay);
  }
  auto found = locate(request.office_id, request.service_id);
  if (!found) return std::unexpected(found.error());
  auto [office, service] = *found;
  if (auto valid = validate_client_fields(request); !valid) return std::unexpected(valid.error());
  BookingRequest normalized = request;
  if (!normalized.client.phone.empty()) {
    auto phone = normalize_phone(normalized.client.phone);
    if (!phone) return std::unexpected(phone.error());
    normalized.client.phone = *phone;
  }
  const Seconds now = clock_.now();
  normalized.consent.at = now;
  auto slot = offered_slot(*office, *service, request.start);
  if (!slot) return std::unexpected(slot.error());
  Booking booking;
  booking.code = generate_booking_code();
  booking.request = std::move(normalized);
  booking.end = slot->end;
  booking.status = BookingStatus::booked;
  booking.created_at = now;
  booking.updated_at = now;
  booking.version = 1;
  return store_.create(booking, service->places_per_slot, idempotency, render);
}

Result<Booking> BookingService::find(std::string_view code) const {
  auto canonical = normalize_booking_code(code);
  if (!canonical) return fail(ErrorCode::booking_not_found);
  return store_.find(*canonical);
}

Result<Visit> BookingService::visit(const Booking& booking) const {
  Visit out;
  const Office* office = offices_.find(booking.request.office_id);
  if (!office) return out;
  if (ticket_of_) {
    auto ticket = ticket_of_(booking.code);
    if (!ticket) return std::unexpected(ticket.error());
    out.ticket = std::move(*ticket);
  }
  out.state = visit_state(*office, booking, out.ticket, clock_.now());
  return out;
}

Result<Booking> BookingService::cancel(std::string_view code, BookingChannel channel) {
  auto current = find(code);
  if (!current) return current;
  // Cancelling twice changes nothing (the store answers the cancelled booking as it is).
  if (current->status != BookingStatus::cancelled) {
    auto v = visit(*current);
    if (!v) return std::unexpected(v.error());
    if (auto allowed = may_change_booking(v->state); !allowed)
      return std::unexpected(allowed.error());
  }
  return store_.cancel(current->code, channel, clock_.now());
}

Result<Booking> BookingService::changeable(std::string_view code) const {
  auto current = find(code);
  if (!current) return current;
  if (current->status == BookingStatus::cancelled) return fail(ErrorCode::booking_cancelled);
  auto v = visit(*current);
  if (!v) return std::unexpected(v.error());
  if (auto allowed = may_change_booking(v->state); !allowed)
    return std::unexpected(allowed.error());
  return current;
}

Result<Booking> BookingService::change_notifications(std::string_view code,
                                                     const NotifyChoice& notify,
                                                     const std::set<Reminder>& reminders,
                                                     BookingChannel channel) {
  auto current = changeable(code);
  if (!current) return current;
  BookingRequest changed = current->request;
  changed.notify = notify;
  changed.reminders = reminders;
  if (auto ok = validate_client_fields(changed); !ok) return std::unexpected(ok.error());
  return store_.change_notifications(current->code, notify, reminders, channel, clock_.now());
}

Result<Booking> BookingService::reschedule(std::string_view code, Seconds new_start,
                                           BookingChannel channel) {
  auto current = changeable(code);
  if (!current) return current;
  auto found = locate(current->request.office_id, current->request.service_id);
  if (!found) return std::unexpected(found.error());
  auto [office, service] = *found;
  if (new_start == current->request.start) return current;
  auto slot = offered_slot(*office, *service, new_start);
  if (!slot) return std::unexpected(slot.error());
  return store_.reschedule(current->code, new_start, slot->end, service->places_per_slot, channel,
                           clock_.now());
}

}  // namespace okno
