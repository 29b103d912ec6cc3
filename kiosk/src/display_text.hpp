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
#include "okno/opening.hpp"

namespace okno::kiosk {

// R-VISIT-7: today's hours and the next change: okno::describe_hours (okno/opening.hpp), shared
// with the boards.

// "2026-12-01T09:00:00+03:00" -> "01.12.2026 09:00" (the wall time as the server gave it).
std::string display_time(std::string_view iso);

// The day of "2026-12-01..." with its weekday in `lang`, the weekday's first letter a capital:
// "Вторник, 01.12", or with `with_year` "Вторник, 01.12.2026" (issue 16 item 12).
std::string display_day(const Catalog& catalog, Language lang, std::string_view iso,
                        bool with_year = false);

}  // namespace okno::kiosk
