// When an office is open (R-VISIT-7), decided by the one rule for hours, Office::hours_on, and
// the plain words of a refusal because it is closed (R-CHAN-3): why, and when it opens next
// ("The office is closed on 4 November, a public holiday. It opens tomorrow, 5 November, at
// 09:00."). No HTTP, no SQL; the texts come from the locale catalogs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/language.hpp"
#include "okno/office.hpp"

namespace okno {

// Why the office is closed at an instant.
enum class ClosedReason {
  before_opening,  // its day has hours, not yet open
  after_closing,   // its day has hours, already closed
  holiday,         // a public holiday of the production calendar
  day_off,         // a day without hours: an ordinary day off (Sunday) or a decreed one
  closure,         // closed by the office itself on that date
};

struct ClosedNotice {
  ClosedReason reason = ClosedReason::day_off;
  Date day;                             // the office's local day of the instant
  std::optional<TimeRange> hours;       // that day's hours, when it has any
  std::optional<Seconds> next_opening;  // within the next 31 days; none if not found
};

// How far ahead next_opening looks (a long closure or a misconfigured office finds none).
inline constexpr int kOpeningLookaheadDays = 31;

// Nothing while the office is open at `t` (its breaks count as open: the hall stays open and
// the queue waits), else why it is closed and when it opens next.
std::optional<ClosedNotice> closed_at(const Office& office, const ProductionCalendar& calendar,
                                      Seconds t);

// The first opening instant strictly after `t` (or at it), within kOpeningLookaheadDays.
std::optional<Seconds> next_opening(const Office& office, const ProductionCalendar& calendar,
                                    Seconds t);

// Why it is closed, for a moment asked about ("The office is closed on 4 November, a public
// holiday."; "On 3 December the office works from 09:00 to 18:00.").
std::string closed_reason_text(const ClosedNotice& notice, const Catalog& catalog, Language lang);

// When it opens next, seen from `now` ("It opens today at 09:00." / "It opens tomorrow,
// 3 December, at 09:00." / "It opens on Monday, 7 December, at 09:00."); empty when unknown.
std::string opens_text(const Office& office, const ClosedNotice& notice, const Catalog& catalog,
                       Language lang, Seconds now);

// A walk-in ticket or a check-in refused now: "The office is closed now. It opens today at
// 09:00." (before opening or after closing), or the day's reason and the next opening.
std::string closed_now_text(const Office& office, const ClosedNotice& notice,
                            const Catalog& catalog, Language lang, Seconds now);

// R-VISIT-7 for a screen (the kiosk's welcome, the boards): today's hours with the breaks
// ("Today: 09:00–18:00; break 13:00–13:45", or "Closed today") and the next change seen from
// `now` ("Open now, closes at 18:00", "On a break now, open again at 13:45", "Opens today at
// 09:00", "Opens: tomorrow, 09:00"), in the office's zone with the production calendar applied.
// Two lines (one when no opening is found within two weeks).
std::vector<std::string> describe_hours(const Office& office, const ProductionCalendar& calendar,
                                        Seconds now, const Catalog& catalog, Language lang);

}  // namespace okno
