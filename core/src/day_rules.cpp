// The day's rules at the office (day_rules.hpp): issue 16, items 7 and 9.
#include "okno/day_rules.hpp"

#include <date/tz.h>

#include "okno/i18n.hpp"
#include "okno/notifications.hpp"
#include "okno/opening.hpp"
#include "okno/slots.hpp"

namespace okno {
namespace {

using namespace std::chrono;

std::unexpected<Error> closed(const Office& office, const ClosedNotice& notice, Seconds now,
                              std::string detail) {
  return fail_with_words(ErrorCode::office_closed, std::move(detail),
                         [&office, notice, now](const Catalog& catalog, Language lang) {
                           return closed_now_text(office, notice, catalog, lang, now);
                         });
}

std::string hhmm_local(const Office& office, Seconds t) {
  return date::format("%H:%M", date::floor<minutes>(office.zone->to_local(t)));
}

}  // namespace

Result<void> may_issue_walk_in(const Office& office, const ProductionCalendar& calendar,
                               Seconds now) {
  if (auto notice = closed_at(office, calendar, now))
    return closed(office, *notice, now, "walk-in ticket outside the office's hours");
  return {};
}

Result<queue::CheckinVerdict> checkin_decision(const Office& office,
                                               const ProductionCalendar& calendar,
                                               Seconds booked_start, Seconds now,
                                               const queue::QueuePolicy& policy) {
  const auto verdict = queue::checkin_verdict(office, booked_start, now, policy);
  switch (verdict) {
    case queue::CheckinVerdict::on_time:
      return verdict;
    case queue::CheckinVerdict::too_early: {
      const Seconds opens = booked_start - policy.checkin_early;
      const bool today = sys_days{local_date(office, opens)} == sys_days{local_date(office, now)};
      return fail_with_words(
          ErrorCode::too_early, "before the check-in window",
          [&office, opens, today](const Catalog& catalog, Language lang) {
            const std::string time = hhmm_local(office, opens);
            if (today) return catalog.text(lang, "checkin.too_early_today", {{"time", time}});
            return catalog.text(
                lang, "checkin.too_early_on",
                {{"date", format_day(local_date(office, opens), lang, true)}, {"time", time}});
          });
    }
    case queue::CheckinVerdict::late_walk_in:
      if (auto notice = closed_at(office, calendar, now))
        return closed(office, *notice, now, "late check-in outside the office's hours");
      return verdict;
    case queue::CheckinVerdict::too_late:
      return fail(ErrorCode::too_late);
  }
  return fail(ErrorCode::internal, "unhandled check-in verdict");
}

std::string_view to_string(VisitState s) {
  switch (s) {
    case VisitState::not_checked_in:
      return "not_checked_in";
    case VisitState::checked_in:
      return "checked_in";
    case VisitState::served:
      return "served";
    case VisitState::no_show:
      return "no_show";
    case VisitState::ticket_cancelled:
      return "ticket_cancelled";
  }
  return "not_checked_in";
}

Seconds no_show_at(const Office& office, const Booking& booking) {
  const sys_days next_day = sys_days{local_date(office, booking.request.start)} + days{1};
  return office.zone->to_sys(date::local_seconds{next_day.time_since_epoch()},
                             date::choose::earliest);
}

VisitState visit_state(const Office& office, const Booking& booking,
                       const std::optional<queue::Ticket>& ticket, Seconds now) {
  if (!ticket) {
    if (booking.status == BookingStatus::booked && now >= no_show_at(office, booking))
      return VisitState::no_show;
    return VisitState::not_checked_in;
  }
  switch (ticket->state) {
    case queue::TicketState::finished:
      return VisitState::served;
    case queue::TicketState::no_show:
      return VisitState::no_show;
    case queue::TicketState::cancelled:
      return VisitState::ticket_cancelled;
    case queue::TicketState::waiting:
    case queue::TicketState::called:
    case queue::TicketState::serving:
    case queue::TicketState::on_hold:
      return VisitState::checked_in;
  }
  return VisitState::checked_in;
}

Result<void> may_change_booking(VisitState state) {
  switch (state) {
    case VisitState::not_checked_in:
      return {};
    case VisitState::checked_in:
      return fail(ErrorCode::booking_checked_in);
    case VisitState::served:
    case VisitState::no_show:
    case VisitState::ticket_cancelled:
      return fail(ErrorCode::booking_closed, std::string(to_string(state)));
  }
  return {};
}

}  // namespace okno
