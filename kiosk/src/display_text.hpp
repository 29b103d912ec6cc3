// Texts the kiosk computes from office data and server answers, apart from the drawing: the
// opening hours of the welcome screen and times as a visitor reads them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "okno/calendar.hpp"
#include "okno/clock.hpp"
#include "okno/i18n.hpp"
#include "okno/office.hpp"

namespace okno::kiosk {

// R-VISIT-7: today's hours and the next change ("closes at 18:00", "opens Monday 09:00"),
// in the office's zone with the production calendar applied. Two lines.
std::vector<std::string> describe_hours(const Office& office, const ProductionCalendar& calendar,
                                        Seconds now, const Catalog& catalog, Language lang);

// "2026-12-01T09:00:00+03:00" -> "01.12.2026 09:00" (the wall time as the server gave it).
std::string display_time(std::string_view iso);

}  // namespace okno::kiosk
